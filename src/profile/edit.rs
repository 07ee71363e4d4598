//! Changing one section of the credentials or config file and nothing else:
//! every other section, comment, blank line and byte stays as it was.
//! Sections that roleshift writes carry a marker key, so it can tell its own
//! (edited in place) from the user's (left alone unless forced).

use std::fmt;

use super::ini;

/// The marker key. The AWS CLI and SDKs ignore keys they do not know.
pub const MARKER: &str = "roleshift_managed";

/// What to write, and where.
pub struct Upsert<'a> {
    /// Which `[...]` headers are this section, given the text between the brackets.
    pub is_target: &'a dyn Fn(&str) -> bool,
    /// The header to write when the section is new, without brackets.
    pub header: &'a str,
    /// The keys to set, in order; the marker is added after them.
    pub props: &'a [(&'a str, String)],
    /// Keys roleshift owns in this section: dropped when they are not in `props`.
    pub managed: &'a [&'a str],
    /// Under --force, a section roleshift did not write loses every key, not
    /// only the managed ones (a stray `role_arn` would shadow the keys).
    pub force_clears_all: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// The section exists and is not ours.
    Foreign,
    /// The section appears more than once; which one to change is a guess.
    Repeated(usize),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Foreign => {
                f.write_str("the section exists and was not written by roleshift")
            }
            EditError::Repeated(n) => write!(f, "the section appears {n} times"),
        }
    }
}

impl std::error::Error for EditError {}

/// One line of the file with its line ending, classified.
struct Line<'t> {
    raw: &'t str,
    kind: Kind<'t>,
}

enum Kind<'t> {
    /// The text between the brackets, trimmed.
    Header(&'t str),
    /// A lowercased key and its trimmed value.
    Key(String, &'t str),
    /// Comments, blank lines and anything else: copied untouched.
    Other,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, raw)| {
            let body = if i == 0 {
                raw.trim_start_matches('\u{feff}')
            } else {
                raw
            };
            let t = body.trim();
            let kind = if t.starts_with('#') || t.starts_with(';') || t.is_empty() {
                Kind::Other
            } else if let Some(inner) = t.strip_prefix('[') {
                Kind::Header(ini::header_name(inner).unwrap_or(inner).trim())
            } else if let Some((k, v)) = ini::split_property(t) {
                Kind::Key(k.trim().to_ascii_lowercase(), v.trim())
            } else {
                Kind::Other
            };
            Line { raw, kind }
        })
        .collect()
}

/// How deep a line is indented: a line deeper than the key above it
/// continues that key, as the reader (ini.rs) takes it.
fn indent(raw: &str) -> usize {
    raw.len() - raw.trim_start_matches([' ', '\t']).len()
}

/// Returns the new text of the file.
pub fn upsert(text: &str, u: &Upsert<'_>, force: bool) -> Result<String, EditError> {
    let ls = lines(text);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let headers: Vec<usize> = (0..ls.len())
        .filter(|&i| matches!(ls[i].kind, Kind::Header(h) if (u.is_target)(h)))
        .collect();
    let Some(&start) = headers.first() else {
        return Ok(append(text, u, eol));
    };
    if headers.len() > 1 {
        return Err(EditError::Repeated(headers.len()));
    }
    let end = (start + 1..ls.len())
        .find(|&i| matches!(ls[i].kind, Kind::Header(_)))
        .unwrap_or(ls.len());
    let body = &ls[start + 1..end];
    let ours = body.iter().any(
        |l| matches!(&l.kind, Kind::Key(k, v) if k == MARKER && v.eq_ignore_ascii_case("true")),
    );
    if !ours && !force {
        return Err(EditError::Foreign);
    }
    let clear_all = !ours && u.force_clears_all;
    let wanted = with_marker(u.props);

    let mut out: Vec<String> = ls[..start].iter().map(|l| l.raw.to_string()).collect();
    out.push(terminated(ls[start].raw, eol));
    let mut written = vec![false; wanted.len()];
    let mut after_last_key = out.len();
    // The indent of the last key line, and whether that key was replaced or
    // dropped: its continuation lines go with it.
    let mut above: Option<(usize, bool)> = None;
    for l in body {
        let t = l.raw.trim();
        if let Some((depth, dropped)) = above
            && !t.is_empty()
            && !t.starts_with(['#', ';'])
            && indent(l.raw) > depth
        {
            if !dropped {
                out.push(l.raw.to_string());
                after_last_key = out.len();
            }
            continue;
        }
        let Kind::Key(key, _) = &l.kind else {
            out.push(l.raw.to_string());
            continue;
        };
        let slot = wanted.iter().position(|(k, _)| k == key);
        let ours_to_change = clear_all || slot.is_some() || u.managed.contains(&key.as_str());
        above = Some((indent(l.raw), ours_to_change));
        if !ours_to_change {
            out.push(l.raw.to_string());
            after_last_key = out.len();
            continue;
        }
        match slot {
            Some(i) if !written[i] => {
                written[i] = true;
                out.push(format!("{} = {}{eol}", wanted[i].0, wanted[i].1));
                after_last_key = out.len();
            }
            // A repeat of a key already written, or a stale one: dropped.
            _ => {}
        }
    }
    let missing: Vec<String> = wanted
        .iter()
        .zip(&written)
        .filter(|(_, done)| !**done)
        .map(|((k, v), _)| format!("{k} = {v}{eol}"))
        .collect();
    out.splice(after_last_key..after_last_key, missing);
    out.extend(ls[end..].iter().map(|l| l.raw.to_string()));
    Ok(out.concat())
}

fn with_marker(props: &[(&str, String)]) -> Vec<(String, String)> {
    props
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .chain([(MARKER.to_string(), "true".to_string())])
        .collect()
}

fn terminated(raw: &str, eol: &str) -> String {
    if raw.ends_with('\n') {
        raw.to_string()
    } else {
        format!("{raw}{eol}")
    }
}

/// A new section at the end, after a blank line, in the file's line endings.
fn append(text: &str, u: &Upsert<'_>, eol: &str) -> String {
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    if !out.is_empty() && !out.ends_with(&format!("{eol}{eol}")) && out.trim() != "" {
        out.push_str(eol);
    }
    out.push_str(&format!("[{}]{eol}", u.header));
    for (k, v) in with_marker(u.props) {
        out.push_str(&format!("{k} = {v}{eol}"));
    }
    out
}

/// The config file names a profile `[profile NAME]`, except `[default]`.
pub fn config_header(name: &str) -> String {
    if name == "default" {
        "default".to_string()
    } else {
        format!("profile {name}")
    }
}

/// Whether a config file header (between the brackets) is profile `name`,
/// however it is spaced: `[profile  prod ]` is `prod`.
pub fn is_config_profile(header: &str, name: &str) -> bool {
    let profile = header
        .strip_prefix("profile")
        .filter(|rest| rest.starts_with([' ', '\t']))
        .map(str::trim);
    match profile {
        Some(p) => p == name,
        None => name == "default" && header == "default",
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
