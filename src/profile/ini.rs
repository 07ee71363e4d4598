//! The INI dialect of the AWS config and credentials files, read as the AWS CLI
//! reads it: `#` and `;` start comment lines, keys are case-insensitive, and
//! indented lines under a key with an empty value are nested sub-properties
//! (`s3 =` / `  max_concurrent_requests = 10`), which roleshift does not need.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub props: Vec<(String, String)>,
}

impl Section {
    pub fn get(&self, key: &str) -> Option<&str> {
        // The last occurrence wins, as in the AWS CLI.
        self.props
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub reason: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ParseError {}

pub fn parse(text: &str) -> Result<Vec<Section>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sections: Vec<Section> = Vec::new();
    // Whether the last key had an empty value, so indented lines are its children.
    let mut in_nested = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        if raw.contains('\0') {
            return Err(ParseError {
                line: line_no,
                reason: "contains a NUL byte",
            });
        }
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if line.starts_with('[') {
            let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) else {
                return Err(ParseError {
                    line: line_no,
                    reason: "a section header must end with `]`",
                });
            };
            let name = inner.trim();
            if name.is_empty() {
                return Err(ParseError {
                    line: line_no,
                    reason: "empty section name",
                });
            }
            sections.push(Section {
                name: name.to_string(),
                props: Vec::new(),
            });
            in_nested = false;
            continue;
        }
        if indented && in_nested {
            continue;
        }
        let Some(section) = sections.last_mut() else {
            return Err(ParseError {
                line: line_no,
                reason: "a setting before any [section]",
            });
        };
        let Some((key, value)) = line.split_once('=') else {
            return Err(ParseError {
                line: line_no,
                reason: "expected `key = value`",
            });
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            return Err(ParseError {
                line: line_no,
                reason: "empty key before `=`",
            });
        }
        let value = value.trim();
        in_nested = value.is_empty();
        section.props.push((key, value.to_string()));
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_sections_keys_and_comments() {
        let text = "\u{feff}# top\n[default]\nregion = eu-west-1\n; c\n[profile  prod ]\nRole_Arn=arn:aws:iam::1:role/R\n\n";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].get("region"), Some("eu-west-1"));
        assert_eq!(s[1].name, "profile  prod");
        assert_eq!(s[1].get("role_arn"), Some("arn:aws:iam::1:role/R"));
    }

    #[test]
    fn nested_properties_are_skipped() {
        let text = "[default]\ns3 =\n  max_concurrent_requests = 10\nregion = us-east-1\n";
        let s = parse(text).unwrap();
        assert_eq!(s[0].get("max_concurrent_requests"), None);
        assert_eq!(s[0].get("region"), Some("us-east-1"));
    }

    #[test]
    fn values_keep_inner_hashes_and_equals() {
        let s = parse("[a]\nk = v#x=y\n").unwrap();
        assert_eq!(s[0].get("k"), Some("v#x=y"));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("k = v\n").unwrap_err().line, 1);
        assert_eq!(parse("[a]\n\n[b\n").unwrap_err().line, 3);
        assert_eq!(
            parse("[a]\njunk\n").unwrap_err().reason,
            "expected `key = value`"
        );
        assert!(parse("[a]\nk = \0\n").is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "(\\PC|\n|\t| |\\[|\\]|=){0,200}") {
            let _ = parse(&s);
        }
    }
}
