//! Getting an MFA code: `--mfa-code`, else the profile's `mfa_process`, else a
//! prompt on the terminal (never on stdout, which may be being evaluated).
//! A resolution that must not ask (the hook renewing at a prompt) carries the
//! no-prompt flag in its `Env`; it fails with `NeedsInput` instead, here and
//! when a SAML assertion offers several roles.

use std::io::{BufRead, BufReader, IsTerminal, Write};

use anyhow::{Context, Result, bail};

use crate::creds::Secret;
use crate::env::Env;
use crate::profile::chain::Mfa;

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

pub fn code(mfa: &Mfa, given: Option<&Secret>, env: &Env) -> Result<Secret> {
    let what = format!("MFA code for {}", mfa.serial);
    let code = if let Some(c) = given {
        c.expose().trim().to_string()
    } else if let Some(cmd) = &mfa.process {
        crate::process::run_capture(cmd, "mfa_process")?
            .trim()
            .to_string()
    } else if !may_ask(env) {
        return Err(NeedsInput(what).into());
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
        let none = Env::from_pairs(&[]);
        assert_eq!(
            code(
                &dev(Some("echo 111111")),
                Some(&Secret::new("222222")),
                &none
            )
            .unwrap()
            .expose(),
            "222222"
        );
        assert_eq!(
            code(&dev(Some("echo 111111")), None, &none)
                .unwrap()
                .expose(),
            "111111"
        );
    }

    #[test]
    fn rejects_malformed_codes_without_echoing_them() {
        let err = code(
            &dev(None),
            Some(&Secret::new("12345x")),
            &Env::from_pairs(&[]),
        )
        .unwrap_err()
        .to_string();
        assert!(!err.contains("12345x") && err.contains("6 digits"), "{err}");
    }

    #[test]
    fn without_prompts_a_missing_code_is_needs_input_not_a_question() {
        let env = without_prompts(&Env::from_pairs(&[]));
        assert!(!may_ask(&env));
        let err = code(&dev(None), None, &env).unwrap_err();
        assert!(needs_input(&err), "{err}");
        let hinted = crate::error::with_hint(err, "a hint");
        assert!(needs_input(&hinted));
        // Given codes and mfa_process still work without prompts.
        assert!(code(&dev(Some("echo 111111")), None, &env).is_ok());
        assert!(!needs_input(&anyhow::anyhow!("other")));
    }
}
