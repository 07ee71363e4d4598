//! nushell: it evaluates no code from roleshift. `export --format nu` and
//! `hook-env` give it data (src/shell/data.rs); its hook script reads that.
//! The only code roleshift writes for nushell is the binary's path in the
//! hook script and the target in a hint, both as raw strings.

pub const HOOK: &str = include_str!("../../shell/hook.nu");

/// A nushell raw string, `r#'...'#`, with more `#` than any run in the
/// text, so nothing inside can end it: nushell processes no escapes there.
pub fn raw(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '#' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}'{s}'{hashes}")
}

pub fn eval_hint(target: &str) -> String {
    format!(
        "roleshift export {} --format nu | from json | load-env",
        raw(target)
    )
}
