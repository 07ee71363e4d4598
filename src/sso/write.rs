//! Writing `populate`'s profiles into the config text in one pass. Only
//! sections that carry roleshift's marker and this session's source key are
//! rewritten or (with prune) removed; every other byte stays as it was, and
//! new profiles are appended at the end.

use std::collections::{HashMap, HashSet};

use crate::profile::edit::MARKER;

/// The key that says which session `populate` wrote a profile for.
pub const SOURCE_KEY: &str = "roleshift_sso_session";

/// One profile's keys, in order; the source key and the marker are added.
pub type Props = Vec<(&'static str, String)>;

pub struct Outcome {
    pub text: String,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
}

struct Section<'t> {
    /// The lines from the header up to the next header.
    lines: Vec<&'t str>,
    profile: Option<&'t str>,
    ours: bool,
}

fn key_value(line: &str) -> Option<(String, &str)> {
    let t = line.trim();
    if t.starts_with('#') || t.starts_with(';') || t.starts_with('[') {
        return None;
    }
    let (k, v) = t.split_once('=')?;
    Some((k.trim().to_ascii_lowercase(), v.trim()))
}

fn profile_name(header: &str) -> Option<&str> {
    let inner = header.trim().strip_prefix('[')?;
    let inner = inner.strip_suffix(']').unwrap_or(inner).trim();
    if inner == "default" {
        return Some(inner);
    }
    inner
        .strip_prefix("profile")
        .filter(|r| r.starts_with([' ', '\t']))
        .map(str::trim)
}

fn split<'t>(text: &'t str, source: &str) -> (Vec<&'t str>, Vec<Section<'t>>) {
    let mut preamble = Vec::new();
    let mut sections: Vec<Section<'t>> = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = if i == 0 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        if body.trim_start().starts_with('[') {
            sections.push(Section {
                lines: vec![line],
                profile: profile_name(body),
                ours: false,
            });
        } else if let Some(s) = sections.last_mut() {
            s.lines.push(line);
        } else {
            preamble.push(line);
        }
    }
    for s in &mut sections {
        let kv: Vec<_> = s.lines[1..].iter().filter_map(|l| key_value(l)).collect();
        let has = |k: &str, v: &str| kv.iter().any(|(key, val)| key == k && *val == v);
        s.ours = s.profile.is_some()
            && kv
                .iter()
                .any(|(k, v)| k == MARKER && v.eq_ignore_ascii_case("true"))
            && has(SOURCE_KEY, source);
    }
    (preamble, sections)
}

/// Profile names populate must not take: every profile in `text` except
/// those it wrote for `source`.
pub fn taken(text: &str, source: &str) -> HashSet<String> {
    let (_, sections) = split(text, source);
    sections
        .iter()
        .filter(|s| !s.ours)
        .filter_map(|s| s.profile.map(str::to_string))
        .collect()
}

/// The new text: `wanted` profiles written, stale ones of ours removed when
/// `prune`, everything else untouched.
pub fn apply(text: &str, source: &str, wanted: &[(String, Props)], prune: bool) -> Outcome {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let (preamble, sections) = split(text, source);
    let index: HashMap<&str, usize> = wanted
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let mut done = vec![false; wanted.len()];
    let mut out: String = preamble.concat();
    let (mut updated, mut removed) = (0, 0);
    let body = |props: &Props| -> String {
        let mut s = String::new();
        for (k, v) in props {
            s.push_str(&format!("{k} = {v}{eol}"));
        }
        s.push_str(&format!("{SOURCE_KEY} = {source}{eol}{MARKER} = true{eol}"));
        s
    };
    for s in &sections {
        let slot = s.profile.and_then(|p| index.get(p).copied());
        match (s.ours, slot) {
            (true, Some(i)) if !done[i] => {
                done[i] = true;
                updated += 1;
                let header = s.lines[0];
                out.push_str(header);
                if !header.ends_with('\n') {
                    out.push_str(eol);
                }
                out.push_str(&body(&wanted[i].1));
                // The blank lines that separated it from the next section.
                let trailing = s.lines[1..]
                    .iter()
                    .rev()
                    .take_while(|l| l.trim().is_empty())
                    .count();
                for l in &s.lines[s.lines.len() - trailing..] {
                    out.push_str(l);
                }
            }
            // A second copy of one of ours, or (pruning) one that is gone.
            (true, Some(_)) => removed += 1,
            (true, None) if prune => removed += 1,
            _ => out.push_str(&s.lines.concat()),
        }
    }
    let mut added = 0;
    for (i, (name, props)) in wanted.iter().enumerate() {
        if done[i] {
            continue;
        }
        added += 1;
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        if !out.is_empty() && !out.ends_with(&format!("{eol}{eol}")) {
            out.push_str(eol);
        }
        out.push_str(&format!("[profile {name}]{eol}"));
        out.push_str(&body(props));
    }
    Outcome {
        text: out,
        added,
        updated,
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(role: &str) -> Props {
        vec![
            ("sso_session", "corp".into()),
            ("sso_role_name", role.into()),
        ]
    }

    const USER: &str = "# my config\r\n[default]\r\nregion = eu-west-1\r\n\r\n; keep me\r\n[profile mine]\r\nrole_arn = x\r\n";

    #[test]
    fn adds_updates_prunes_and_keeps_the_rest_byte_for_byte() {
        let first = apply(
            USER,
            "corp",
            &[("a/Admin".into(), p("Admin")), ("b/Ops".into(), p("Ops"))],
            false,
        );
        assert_eq!((first.added, first.updated, first.removed), (2, 0, 0));
        assert!(first.text.starts_with(USER), "{}", first.text);
        assert!(
            first
                .text
                .contains("[profile a/Admin]\r\nsso_session = corp\r\n")
        );
        // Someone else's populate and the user's own profile are not ours.
        let other = first.text.clone()
            + "\r\n[profile x]\r\nroleshift_sso_session = other\r\nroleshift_managed = true\r\n";
        let second = apply(&other, "corp", &[("b/Ops".into(), p("Ops2"))], true);
        assert_eq!((second.added, second.updated, second.removed), (0, 1, 1));
        assert!(!second.text.contains("a/Admin"));
        assert!(second.text.contains("sso_role_name = Ops2\r\n"));
        assert!(second.text.starts_with(USER));
        assert!(second.text.ends_with(
            "[profile x]\r\nroleshift_sso_session = other\r\nroleshift_managed = true\r\n"
        ));
        let t = taken(&second.text, "corp");
        assert!(
            t.contains("mine") && t.contains("x") && t.contains("default") && !t.contains("b/Ops")
        );
    }

    #[test]
    fn without_prune_gone_profiles_stay() {
        let first = apply("", "corp", &[("a/Admin".into(), p("Admin"))], false);
        let again = apply(&first.text, "corp", &[], false);
        assert_eq!(again.text, first.text);
        assert_eq!(apply(&first.text, "corp", &[], true).text, "");
    }
}
