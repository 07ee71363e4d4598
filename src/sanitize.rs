//! The one sanitiser for human-facing text built from outside data (config
//! values, profile names, directory names, STS errors, trust and cache
//! entries). A terminal obeys ESC and other control characters, and bidi
//! controls reorder what the eye reads (`prod` shown where `dorp` is meant);
//! both are shown escaped, `\u{1b}`-style, so every byte stays visible.

use std::borrow::Cow;

/// Whether `c` would drive the terminal or hide or reorder text.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Arabic letter mark, zero-width and directional marks.
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                // Line and paragraph separators, embeddings and overrides.
                | '\u{2028}'..='\u{202E}'
                // Word joiner and invisible operators, isolates, deprecated formats.
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                // Interlinear annotations.
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// `s` with every unsafe character written as `\u{..}` (tab and newline as
/// `\t`, `\n`). Borrowed when nothing needed escaping, the common case.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The field formatter of the `-v` log: every field value, message included,
/// goes through [`printable`], so a config value cannot reach the terminal raw.
pub fn log_fields() -> impl for<'w> tracing_subscriber::fmt::FormatFields<'w> + 'static {
    use tracing_subscriber::field::MakeExt;
    tracing_subscriber::fmt::format::debug_fn(|w, field, value| {
        let text = format!("{value:?}");
        match field.name() {
            "message" => w.write_str(&printable(&text)),
            name => write!(w, "{name}={}", printable(&text)),
        }
    })
    .delimited(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_keeps_the_rest() {
        assert_eq!(printable("prod-eu é ü 日本"), "prod-eu é ü 日本");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(printable("a\nb\tc\r"), "a\\nb\\tc\\r");
        for bidi in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{FEFF}',
        ] {
            let s = format!("x{bidi}y");
            let out = printable(&s);
            assert!(!out.contains(bidi), "{bidi:?} survived");
            assert!(out.starts_with("x\\u{") && out.ends_with("}y"), "{out}");
        }
    }
}
