//! Reading user-supplied inputs (stdin, small files) with clear errors and
//! size limits, so a wrong path or a huge file fails fast and plainly.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};

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
