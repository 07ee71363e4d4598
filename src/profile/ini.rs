//! The INI dialect of the AWS config and credentials files, read as the AWS CLI
//! reads it: `#` and `;` start comment lines, keys are case-insensitive,
//! indented lines continue the property above them, and under a key with an
//! empty value they are sub-properties (`s3 =` / `  max_concurrent_requests = 10`),
//! kept as the key's text, which roleshift does not need. Where the AWS CLI
//! and the SDKs' specification differ, docs/compatibility.md says which wins.
//!
//! Reading is in two steps so that a config with thousands of profiles costs
//! little: `index` finds the section headers, and a section's body is parsed
//! only when someone asks for that section.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
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

/// A section header and where its body lies in the text. Ranges index the
/// text, so indexing a file with thousands of sections allocates no strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The name between the brackets, trimmed.
    pub name: Range<usize>,
    pub body: Range<usize>,
    /// The 1-based line of the header, for error messages.
    pub line: usize,
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

fn err(line: usize, reason: &'static str) -> ParseError {
    ParseError { line, reason }
}

/// Lines of `text` with their byte offset, found with a SIMD newline search.
fn lines(text: &str, base: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    std::iter::from_fn(move || {
        if start > bytes.len() || (start == bytes.len() && start != 0) {
            return None;
        }
        let end = ends.next()?;
        let line = &text[start..end];
        let at = start + base;
        start = end + 1;
        Some((at, line.strip_suffix('\r').unwrap_or(line)))
    })
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#') || t.starts_with(';')
}

/// The text between `[` and its `]`: the first `]` when only a comment or
/// blanks follow it (`[profile foo] # team`, as the SDKs' specification
/// says), else the last `]` on the line, as Python's configparser (the AWS
/// CLI) takes it. None when there is no `]`.
pub(crate) fn header_name(after_bracket: &str) -> Option<&str> {
    let first = after_bracket.find(']')?;
    let rest = after_bracket[first + 1..].trim_start();
    if rest.is_empty() || rest.starts_with(['#', ';']) {
        return Some(&after_bracket[..first]);
    }
    Some(&after_bracket[..after_bracket.rfind(']')?])
}

/// Finds every section header. Settings before the first header are an error.
pub fn index(text: &str) -> Result<Vec<Header>, ParseError> {
    let bytes = text.as_bytes();
    if let Some(pos) = memchr::memchr(0, bytes) {
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..pos]).count();
        return Err(err(line, "contains a NUL byte"));
    }
    let mut headers: Vec<Header> = Vec::new();
    for (n, (at, line)) in lines(text, 0).enumerate() {
        // Only a line's first non-blank byte matters, except on headers:
        // looking at one byte keeps a config of thousands of profiles cheap.
        let lb = line.as_bytes();
        let Some(first) = lb
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c'))
        else {
            continue;
        };
        if lb[first] != b'[' {
            if headers.is_empty() && !matches!(lb[first], b'#' | b';') {
                return Err(err(n + 1, "a setting before any [section]"));
            }
            continue;
        }
        let Some(inner) = header_name(&line[first + 1..]) else {
            return Err(err(n + 1, "a section header must end with `]`"));
        };
        let name = inner.trim();
        if name.is_empty() {
            return Err(err(n + 1, "empty section name"));
        }
        let name_at = name.as_ptr() as usize - text.as_ptr() as usize;
        let body_start = (at + line.len() + 1).min(text.len());
        if let Some(prev) = headers.last_mut() {
            prev.body.end = at;
        }
        headers.push(Header {
            name: name_at..name_at + name.len(),
            body: body_start..text.len(),
            line: n + 1,
        });
    }
    Ok(headers)
}

/// Parses one section's body into key/value pairs.
///
/// A line indented deeper than the property above it continues that
/// property, as in configparser and the SDKs' specification: its trimmed
/// text is appended after a newline. Under a property with an empty value
/// (`s3 =`) such lines are sub-properties and must contain `=`.
pub fn parse_body(text: &str, header: &Header) -> Result<Vec<(String, String)>, ParseError> {
    let body = &text[header.body.clone()];
    let mut props: Vec<(String, String)> = Vec::new();
    // The indent of the last property line, and whether its value was empty.
    let mut above: Option<(usize, bool)> = None;
    for (n, (_, raw)) in lines(body, 0).enumerate() {
        let line_no = header.line + 1 + n;
        if is_blank_or_comment(raw) {
            continue;
        }
        let line = raw.trim();
        let indent = raw.len() - raw.trim_start().len();
        if let (Some((depth, nested)), Some((_, value))) = (above, props.last_mut())
            && indent > depth
        {
            if nested && !line.contains('=') {
                return Err(err(line_no, "expected `key = value` in a sub-property"));
            }
            value.push('\n');
            value.push_str(line);
            continue;
        }
        let Some((key, value)) = split_property(line) else {
            return Err(err(line_no, "expected `key = value`"));
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            return Err(err(line_no, "empty key before `=`"));
        }
        let value = value.trim();
        above = Some((indent, value.is_empty()));
        props.push((key, value.to_string()));
    }
    Ok(props)
}

/// Splits at the first `=` or `:`: configparser (the AWS CLI) takes either
/// as the delimiter, so `key : value` is a property there.
pub(crate) fn split_property(line: &str) -> Option<(&str, &str)> {
    let at = line.find(['=', ':'])?;
    Some((&line[..at], &line[at + 1..]))
}

/// The whole file at once: used where every section is needed anyway.
pub fn parse(text: &str) -> Result<Vec<Section>, ParseError> {
    let text = strip_bom(text);
    index(text)?
        .into_iter()
        .map(|h| {
            Ok(Section {
                props: parse_body(text, &h)?,
                name: text[h.name.clone()].to_string(),
            })
        })
        .collect()
}

pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_sections_keys_and_comments() {
        let text = "\u{feff}# top\n[default]\nregion = eu-west-1\n; c\n[profile  prod ]\r\nRole_Arn=arn:aws:iam::1:role/R\n\n";
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
    fn header_comments_continuations_and_colons() {
        let s = parse("[profile foo] # team\nk = v\n  -more\nc : d\n[b]; x\n").unwrap();
        assert_eq!(s[0].name, "profile foo");
        assert_eq!(s[0].get("k"), Some("v\n-more"));
        assert_eq!(s[0].get("c"), Some("d"));
        assert_eq!(s[1].name, "b");
        // As configparser reads it: the name runs to the last `]`.
        assert_eq!(parse("[a] junk]\n").unwrap()[0].name, "a] junk");
        let e = parse("[a]\ns3 =\n  junk\n").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn values_keep_inner_hashes_and_equals() {
        let s = parse("[a]\nk = v#x=y\n").unwrap();
        assert_eq!(s[0].get("k"), Some("v#x=y"));
    }

    #[test]
    fn no_trailing_newline_and_empty_files() {
        assert_eq!(parse("[a]\nk = v").unwrap()[0].get("k"), Some("v"));
        assert!(parse("").unwrap().is_empty());
        assert_eq!(parse("[a]").unwrap()[0].props, vec![]);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("k = v\n").unwrap_err().line, 1);
        assert_eq!(parse("[a]\n\n[b\n").unwrap_err().line, 3);
        let e = parse("[a]\nx = 1\njunk\n").unwrap_err();
        assert_eq!((e.line, e.reason), (3, "expected `key = value`"));
        assert_eq!(parse("[a]\nk = v\n[b]\nk = \0\n").unwrap_err().line, 4);
    }

    proptest! {
        #[test]
        fn never_panics(s in "(\\PC|\n|\r|\t| |\\[|\\]|=){0,200}") {
            let _ = parse(&s);
        }

        #[test]
        fn lazy_and_eager_agree(s in "(\\[[a-c]\\]\n|[a-c] = [x-z]*\n|#c\n|\n|  [a-c] = 1\n){0,30}") {
            if let Ok(headers) = index(&s) {
                let eager = parse(&s).unwrap();
                prop_assert_eq!(headers.len(), eager.len());
                for (h, e) in headers.iter().zip(&eager) {
                    prop_assert_eq!(&parse_body(&s, h).unwrap(), &e.props);
                }
            }
        }
    }
}
