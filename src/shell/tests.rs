//! Renderer snapshots (one per shell, so every change to the output is a
//! reviewable diff) and quoting properties. Round trips through the real
//! shells live in tests/shells.rs.

use proptest::prelude::*;

use super::*;

fn sample() -> Change {
    Change {
        set: vec![
            ("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE".into()),
            ("AWS_SECRET_ACCESS_KEY", "se/cret+key".into()),
            ("AWS_SESSION_TOKEN", "tok=en".into()),
            ("AWS_CREDENTIAL_EXPIRATION", "2026-11-26T07:00:00Z".into()),
            (
                "ROLESHIFT_PROFILE",
                "a'b\"c $(touch x) `id` ;{}*? é \u{2019}\n".into(),
            ),
        ],
        remove: REMOVED.to_vec(),
    }
}

#[test]
fn bash_export() {
    insta::assert_snapshot!(render_export(Format::Bash, &sample()).unwrap());
}

#[test]
fn bash_unset() {
    insta::assert_snapshot!(render_unset(Format::Bash, true).unwrap());
}

#[test]
fn fish_export() {
    insta::assert_snapshot!(render_export(Format::Fish, &sample()).unwrap());
}

#[test]
fn fish_unset() {
    insta::assert_snapshot!(render_unset(Format::Fish, true).unwrap());
}

#[test]
fn powershell_export() {
    insta::assert_snapshot!(render_export(Format::Powershell, &sample()).unwrap());
}

#[test]
fn powershell_unset() {
    insta::assert_snapshot!(render_unset(Format::Powershell, true).unwrap());
}

#[test]
fn json_export_maps_removals_to_null() {
    let v: serde_json::Value =
        serde_json::from_str(&render_export(Format::Json, &sample()).unwrap()).unwrap();
    assert_eq!(v["AWS_SESSION_TOKEN"], "tok=en");
    assert_eq!(
        v["ROLESHIFT_PROFILE"],
        "a'b\"c $(touch x) `id` ;{}*? é \u{2019}\n"
    );
    assert!(v["AWS_PROFILE"].is_null());
    assert_eq!(
        render_export(Format::Nu, &sample()),
        render_export(Format::Json, &sample())
    );
}

#[test]
fn json_unset_clears_an_active_session_only() {
    let v: serde_json::Value =
        serde_json::from_str(&render_unset(Format::Json, true).unwrap()).unwrap();
    for name in SESSION_VARS {
        assert!(v[name].is_null(), "{name}");
    }
    assert_eq!(render_unset(Format::Json, false).unwrap(), "{}\n");
}

#[test]
fn dotenv_refuses_line_breaks() {
    let err = render_export(Format::Dotenv, &sample()).unwrap_err();
    assert!(err.contains("ROLESHIFT_PROFILE"), "{err}");
    let mut ok = sample();
    ok.set.retain(|(n, _)| *n != "ROLESHIFT_PROFILE");
    let text = render_export(Format::Dotenv, &ok).unwrap();
    assert!(
        text.contains("AWS_SECRET_ACCESS_KEY=se/cret+key\n"),
        "{text}"
    );
    assert!(
        !text.contains("AWS_PROFILE"),
        "dotenv cannot remove: {text}"
    );
}

#[test]
fn powershell_doubles_quotes_and_encodes_non_ascii() {
    assert_eq!(powershell::quote("a'b"), "'a''b'");
    assert_eq!(powershell::quote(""), "''");
    assert_eq!(powershell::quote("$(calc) `n"), "'$(calc) `n'");
    // The typographic quotes, which end a string, never appear raw.
    for q in ['\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'] {
        let code = format!("[char]0x{:04X}", q as u32);
        assert_eq!(
            powershell::quote(&format!("x{q}y")),
            format!("('x' + {code} + 'y')")
        );
    }
    assert_eq!(powershell::quote("é"), "('' + [char]0x00E9)");
    // Beyond the BMP: a surrogate pair, as PowerShell's UTF-16 strings hold it.
    assert_eq!(
        powershell::quote("a😀"),
        "('a' + [char]0xD83D + [char]0xDE00)"
    );
}

#[test]
fn powershell_output_is_ascii_whatever_the_values() {
    let change = Change {
        set: vec![
            ("ROLESHIFT_PROFILE", "prod-é’‘‛‚ü日本😀'$(x)".into()),
            ("AWS_REGION", "eu-west-1".into()),
        ],
        remove: vec![],
    };
    let out = render_export(Format::Powershell, &change).unwrap();
    assert!(out.is_ascii(), "{out}");
    // The same under the code page that turned UTF-8 bytes into quotes:
    // ASCII text decodes identically in every single-byte code page.
    let value = change.set[0].1.as_str();
    assert_eq!(
        powershell_unquote(&powershell::quote(value)).as_deref(),
        Some(value)
    );
}

#[test]
fn fish_escapes_backslash_and_quote_only() {
    assert_eq!(fish::quote(r"a\b'c$d"), r"'a\\b\'c$d'");
}

/// Reads back a POSIX single-quoted word the way sh does.
fn posix_unquote(word: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => loop {
                match chars.next()? {
                    '\'' => break,
                    c => out.push(c),
                }
            },
            '\\' => out.push(chars.next()?),
            c if c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c) => out.push(c),
            _ => return None, // anything else bare would be shell syntax
        }
    }
    Some(out)
}

/// Reads back a PowerShell single-quoted string.
/// Reads back what `powershell::quote` makes: one single-quoted ASCII string,
/// or `('..' + [char]0xHHHH + ...)`. Refuses anything non-ASCII, any quote
/// PowerShell would end a string at, and any other shape.
fn powershell_unquote(word: &str) -> Option<String> {
    if !word.is_ascii() {
        return None;
    }
    // One single-quoted string at the start of `w`: its text and the rest.
    let single = |w: &str| -> Option<(String, usize)> {
        let b = w.as_bytes();
        if b.first() != Some(&b'\'') {
            return None;
        }
        let (mut out, mut i) = (String::new(), 1);
        loop {
            match b.get(i)? {
                b'\'' if b.get(i + 1) == Some(&b'\'') => {
                    out.push('\'');
                    i += 2;
                }
                b'\'' => return Some((out, i + 1)),
                c => {
                    out.push(*c as char);
                    i += 1;
                }
            }
        }
    };
    let Some(mut rest) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) else {
        return single(word)
            .filter(|(_, n)| *n == word.len())
            .map(|(s, _)| s);
    };
    let mut units: Vec<u16> = Vec::new();
    loop {
        if let Some(hex) = rest.strip_prefix("[char]0x") {
            units.push(u16::from_str_radix(hex.get(..4)?, 16).ok()?);
            rest = &hex[4..];
        } else {
            let (s, n) = single(rest)?;
            units.extend(s.encode_utf16());
            rest = &rest[n..];
        }
        if rest.is_empty() {
            return String::from_utf16(&units).ok();
        }
        rest = rest.strip_prefix(" + ")?;
    }
}

/// Reads back a fish single-quoted string.
fn fish_unquote(word: &str) -> Option<String> {
    let inner = word.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '\'' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn posix_quoting_round_trips(s in "\\PC*|[\\x01-\\x7f]*|.*['\"$`\\\\\n]+.*") {
        prop_assert_eq!(posix_unquote(&posix::quote(&s)), Some(s.clone()));
    }

    #[test]
    fn powershell_quoting_round_trips(s in "\\PC*|.*['\u{2018}-\u{201B}\"$`]+.*") {
        prop_assert_eq!(powershell_unquote(&powershell::quote(&s)), Some(s.clone()));
    }

    #[test]
    fn fish_quoting_round_trips(s in "\\PC*|.*['\\\\$\n]+.*") {
        prop_assert_eq!(fish_unquote(&fish::quote(&s)), Some(s.clone()));
    }
}

#[test]
fn eval_hints_quote_the_target_for_their_own_shell() {
    let t = "it's";
    assert_eq!(
        eval_hint(Format::Bash, t).unwrap(),
        "eval \"$(roleshift export 'it'\\''s')\""
    );
    assert_eq!(
        eval_hint(Format::Fish, t).unwrap(),
        "roleshift export 'it\\'s' --format fish | source"
    );
    assert!(
        eval_hint(Format::Powershell, t)
            .unwrap()
            .starts_with("roleshift export 'it''s' --format powershell")
    );
    assert!(
        eval_hint(Format::Nu, t)
            .unwrap()
            .starts_with("roleshift export r#'it's'# --format nu")
    );
    assert_eq!(eval_hint(Format::Json, t), None);
}
