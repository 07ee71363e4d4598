//! Reading user-supplied inputs (stdin, small files) with clear errors and
//! size limits, so a wrong path or a huge file fails fast and plainly; and
//! the no-prompt flag: a resolution that must not ask (the hook renewing at a
//! prompt) carries it in its `Env`, and whatever would ask someone (an MFA
//! code, a SAML role choice, the key file's passphrase) fails with
//! `NeedsInput` instead.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::env::Env;

/// No token, policy or assertion comes near this.
const MAX_INPUT: u64 = 1024 * 1024;

pub fn read_stdin(what: &str) -> Result<String> {
    let mut buf = String::new();
    std::io::stdin()
        .take(MAX_INPUT + 1)
        .read_to_string(&mut buf)
        .with_context(|| format!("cannot read {what} from stdin"))?;
    check(buf, what)
}

pub fn read_small_file(path: &Path, what: &str) -> Result<String> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot read {what} {}", path.display()))?;
    let mut buf = String::new();
    file.take(MAX_INPUT + 1)
        .read_to_string(&mut buf)
        .with_context(|| format!("cannot read {what} {}", path.display()))?;
    check(buf, what)
}

fn check(buf: String, what: &str) -> Result<String> {
    if buf.len() as u64 > MAX_INPUT {
        bail!("{what} is larger than 1 MiB");
    }
    let trimmed = buf.trim_end_matches(['\n', '\r']);
    if trimmed.trim().is_empty() {
        bail!("{what} is empty");
    }
    Ok(trimmed.to_string())
}

/// What a resolution without prompts could not do without asking someone.
#[derive(Debug)]
pub struct NeedsInput(pub String);

impl std::fmt::Display for NeedsInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} needed, and renewal at the prompt never asks", self.0)
    }
}

impl std::error::Error for NeedsInput {}

/// `env` with the no-prompt flag: resolving in it never asks for input.
pub fn without_prompts(env: &Env) -> Env {
    env.with_vars([(crate::vars::hook::NO_PROMPT, Some("1".to_string()))])
}

/// Whether a resolution in `env` may ask the person at the terminal.
pub fn may_ask(env: &Env) -> bool {
    env.raw(crate::vars::hook::NO_PROMPT).is_none()
}

/// Whether `err` says that input was needed where none may be asked for.
pub fn needs_input(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.is::<NeedsInput>())
}
