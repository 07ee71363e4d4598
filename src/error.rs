//! Error kinds the top level must tell apart: usage errors exit 2, and some
//! failures carry a second line saying what to do.

use std::fmt;

/// A mistake in how roleshift was called (exit 2), found after clap parsed.
#[derive(Debug)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A usage error (exit 2) with this message.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Usage(msg.into()))
}

/// Advice printed on its own line after the error.
#[derive(Debug)]
pub struct Hint(pub String);

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Hint {}

/// Attaches a hint without changing the message chain.
pub fn with_hint(err: anyhow::Error, hint: impl Into<String>) -> anyhow::Error {
    let hint = Hint(hint.into());
    // The hint rides as the error's outermost layer; `render` skips it in the
    // message and prints it as a second line.
    err.context(hint)
}

/// `roleshift: <what>: <why>` on one line, then the hint if any.
pub fn render(err: &anyhow::Error) -> (String, Option<String>) {
    let mut parts = Vec::new();
    // anyhow exposes a context value through the error's downcast, not through
    // its chain, so the hint is found here and its layer skipped below.
    let hint = err.downcast_ref::<Hint>().map(|h| h.0.clone());
    for cause in err.chain() {
        if hint.as_deref() == Some(cause.to_string().as_str()) {
            continue;
        }
        let s = crate::sanitize::printable(&one_line(&cause.to_string())).into_owned();
        if !s.is_empty() && parts.last() != Some(&s) {
            parts.push(s);
        }
    }
    let hint = hint.map(|h| crate::sanitize::printable(&h).into_owned());
    (format!("roleshift: {}", parts.join(": ")), hint)
}

pub fn is_usage(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.is::<Usage>())
}

/// Prints the error (one line, then the hint) and gives the exit code: 2 for
/// usage, else 1.
pub fn report(err: &anyhow::Error) -> std::process::ExitCode {
    use std::io::Write;
    let (line, hint) = render(err);
    // Not eprintln: it panics when stderr cannot be written (a log file on a
    // full disk), and the exit code must still be 1 or 2.
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
    if let Some(h) = hint {
        let _ = writeln!(stderr, "  hint: {h}");
    }
    std::process::ExitCode::from(if is_usage(err) { 2 } else { 1 })
}

/// Folds whitespace (newlines included) so a message stays on one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn renders_one_line_and_a_hint() {
        let e = Err::<(), _>(anyhow::anyhow!("no terminal\nto ask on"))
            .context("MFA code needed")
            .map_err(|e| with_hint(e, "pass --mfa-code"))
            .unwrap_err();
        let (line, hint) = render(&e);
        assert_eq!(line, "roleshift: MFA code needed: no terminal to ask on");
        assert_eq!(hint.as_deref(), Some("pass --mfa-code"));
    }

    #[test]
    fn control_characters_are_escaped() {
        let e = anyhow::anyhow!("profile `a\u{1b}]0;x\u{7}b` not found");
        assert_eq!(
            render(&e).0,
            "roleshift: profile `a\\u{1b}]0;x\\u{7}b` not found"
        );
    }
}
