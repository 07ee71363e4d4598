//! Getting an MFA code: `--mfa-code`, else the profile's `mfa_process`, else a
//! prompt on the terminal (never on stdout, which may be being evaluated).

use std::io::{BufRead, BufReader, IsTerminal, Write};

use anyhow::{Context, Result, bail};

use crate::creds::Secret;
use crate::profile::chain::Mfa;

pub fn code(mfa: &Mfa, given: Option<&Secret>) -> Result<Secret> {
    let what = format!("MFA code for {}", mfa.serial);
    let code = if let Some(c) = given {
        c.expose().trim().to_string()
    } else if let Some(cmd) = &mfa.process {
        crate::process::run_capture(cmd, "mfa_process")?
            .trim()
            .to_string()
    } else {
        prompt(&what)?
    };
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        bail!("the {what} must be 6 digits");
    }
    Ok(Secret::new(code))
}

fn prompt(what: &str) -> Result<String> {
    // Concurrent resolutions (`exec --each`) take turns at the terminal, so
    // two prompts never share a line.
    static TERMINAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = TERMINAL.lock().unwrap_or_else(|p| p.into_inner());
    // A terminal on stdin or stderr means a person is there; then talk to
    // them through /dev/tty so that stdout stays clean for `eval`.
    let interactive = std::io::stdin().is_terminal() || std::io::stderr().is_terminal();
    let tty = if interactive { open_tty() } else { None };
    let Some((mut read, mut write)) = tty else {
        return Err(crate::error::with_hint(
            anyhow::anyhow!("{what} needed, and there is no terminal to ask on"),
            "pass --mfa-code CODE or set mfa_process in the profile",
        ));
    };
    write!(write, "Enter {}: ", crate::sanitize::printable(what))?;
    write.flush()?;
    let mut line = String::new();
    read.read_line(&mut line)
        .with_context(|| format!("cannot read the {what}"))?;
    Ok(line.trim().to_string())
}

/// The controlling terminal, for prompts that must not touch stdout.
#[cfg(unix)]
pub(crate) fn open_tty() -> Option<(BufReader<std::fs::File>, std::fs::File)> {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let w = f.try_clone().ok()?;
    Some((BufReader::new(f), w))
}

#[cfg(not(unix))]
pub(crate) fn open_tty() -> Option<(BufReader<std::fs::File>, std::fs::File)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dev(process: Option<&str>) -> Mfa {
        Mfa {
            serial: "arn:aws:iam::1:mfa/me".into(),
            process: process.map(str::to_string),
        }
    }

    #[test]
    fn flag_then_process() {
        assert_eq!(
            code(&dev(Some("echo 111111")), Some(&Secret::new("222222")))
                .unwrap()
                .expose(),
            "222222"
        );
        assert_eq!(
            code(&dev(Some("echo 111111")), None).unwrap().expose(),
            "111111"
        );
    }

    #[test]
    fn rejects_malformed_codes_without_echoing_them() {
        let err = code(&dev(None), Some(&Secret::new("12345x")))
            .unwrap_err()
            .to_string();
        assert!(!err.contains("12345x") && err.contains("6 digits"), "{err}");
    }
}
