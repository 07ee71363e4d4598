//! `roleshift list`: the profiles, their kind and what they point at. Never
//! prints a secret; `--names` is fast enough to run on every TAB.

use anyhow::Result;
use serde::Serialize;

use crate::cli::ListArgs;
use crate::env::Env;
use crate::profile::Profiles;

mod health;

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    kind: &'static str,
    role_arn: Option<&'a str>,
    source_profile: Option<&'a str>,
    region: Option<&'a str>,
    /// `ok`, `mfa` (asks for a code) or `broken` (see `problem`).
    status: &'static str,
    problem: Option<String>,
}

pub fn run(args: &ListArgs, env: &Env) -> Result<()> {
    let profiles = Profiles::load(env)?;
    let found: Vec<_> = profiles
        .names()
        .iter()
        .filter_map(|n| profiles.get(n))
        .collect();
    if args.names {
        let mut out = String::new();
        for p in &found {
            out.push_str(p.name);
            out.push('\n');
        }
        return super::print(&out);
    }
    let rows: Vec<Row> = found
        .iter()
        .map(|p| {
            let health = health::of(&profiles, p.name);
            Row {
                name: p.name,
                kind: p.kind(),
                role_arn: p.get("role_arn"),
                source_profile: p.get("source_profile").or(p.get("credential_source")),
                region: p.get("region"),
                status: health.status,
                problem: health.problem,
            }
        })
        .collect();
    if args.json {
        return super::print(&format!("{}\n", serde_json::to_string_pretty(&rows)?));
    }
    super::print(&table(&rows))
}

/// Columns as wide as their widest value; ROLE, the longest, goes last, so
/// a long ARN cannot push the others out of line. Problems follow the table.
fn table(rows: &[Row]) -> String {
    // The table is for people: every cell is made printable (the JSON and
    // --names forms are data, escaped by their consumers).
    let show = |s: Option<&str>| crate::sanitize::printable(s.unwrap_or("-")).into_owned();
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                show(Some(r.name)),
                r.kind.to_string(),
                r.status.to_string(),
                show(r.source_profile),
                show(r.region),
                show(r.role_arn),
            ]
        })
        .collect();
    let header = ["PROFILE", "KIND", "STATUS", "SOURCE", "REGION", "ROLE"].map(String::from);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            line.push_str(cell);
            line.push_str(&" ".repeat(pad + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let broken: Vec<&Row> = rows.iter().filter(|r| r.problem.is_some()).collect();
    if !broken.is_empty() {
        out.push_str("\nbroken:\n");
        for r in broken {
            out.push_str(&format!(
                "  {}: {}\n",
                show(Some(r.name)),
                show(r.problem.as_deref())
            ));
        }
    }
    out
}
