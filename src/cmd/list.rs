//! `roleshift list`: the profiles, their kind and what they point at. Never
//! prints a secret; `--names` is fast enough to run on every TAB.

use anyhow::Result;
use serde::Serialize;

use crate::cli::ListArgs;
use crate::env::Env;
use crate::profile::Profiles;

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    kind: &'static str,
    role_arn: Option<&'a str>,
    source_profile: Option<&'a str>,
    region: Option<&'a str>,
}

pub fn run(args: &ListArgs, env: &Env) -> Result<()> {
    let profiles = Profiles::load(env)?;
    let found: Vec<_> = profiles
        .names()
        .iter()
        .filter_map(|n| profiles.get(n))
        .collect();
    for p in &found {
        p.check()?;
    }
    let rows: Vec<Row> = found
        .iter()
        .map(|p| Row {
            name: p.name,
            kind: p.kind(),
            role_arn: p.get("role_arn"),
            source_profile: p.get("source_profile").or(p.get("credential_source")),
            region: p.get("region"),
        })
        .collect();
    if args.names {
        let mut out = String::new();
        for r in &rows {
            out.push_str(r.name);
            out.push('\n');
        }
        return super::print(&out);
    }
    if args.json {
        return super::print(&format!("{}\n", serde_json::to_string_pretty(&rows)?));
    }
    // The table is for people: every cell is made printable (the JSON and
    // --names forms are data, escaped by their consumers).
    let show = |s: Option<&str>| crate::sanitize::printable(s.unwrap_or("-")).into_owned();
    let width = rows
        .iter()
        .map(|r| show(Some(r.name)).chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    let mut out = format!(
        "{:<width$}  {:<12}  {:<50}  {:<16}  {}\n",
        "PROFILE", "KIND", "ROLE", "SOURCE", "REGION"
    );
    for r in &rows {
        out.push_str(&format!(
            "{:<width$}  {:<12}  {:<50}  {:<16}  {}\n",
            show(Some(r.name)),
            r.kind,
            show(r.role_arn),
            show(r.source_profile),
            show(r.region)
        ));
    }
    super::print(&out)
}
