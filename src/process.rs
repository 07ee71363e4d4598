//! Running commands from the AWS config (`credential_process`, `mfa_process`).
//! They run through `sh -c` like the AWS SDKs run them, with stdin and stderr
//! inherited so they can prompt, and nothing secret on their command line.

use std::io::Read;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::creds::{Credentials, Secret, parse_rfc3339};

/// No credentials JSON or MFA code comes near this; more is a runaway
/// command (`yes`), which must not eat all memory.
const MAX_OUTPUT: u64 = 1024 * 1024;

/// Runs `command` and returns its stdout. `what` names it in errors.
pub fn run_capture(command: &str, what: &str) -> Result<String> {
    run_capture_with(command, what, &[])
}

/// `run_capture` with variables added to the command's environment.
fn run_capture_with(command: &str, what: &str, vars: &[(&str, &str)]) -> Result<String> {
    let mut child = shell(command)
        .envs(vars.iter().copied())
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {what}"))?;
    let mut stdout = Vec::new();
    let read = match child.stdout.take() {
        Some(pipe) => pipe.take(MAX_OUTPUT + 1).read_to_end(&mut stdout),
        None => Ok(0),
    };
    if stdout.len() as u64 > MAX_OUTPUT {
        let _ = child.kill();
        let _ = child.wait();
        bail!("{what} printed more than 1 MiB");
    }
    read.with_context(|| format!("cannot read what {what} printed"))?;
    let status = child
        .wait()
        .with_context(|| format!("cannot wait for {what}"))?;
    if !status.success() {
        bail!("{what} failed ({})", describe_status(status));
    }
    String::from_utf8(stdout)
        .map_err(|_| anyhow::anyhow!("{what} printed something that is not UTF-8"))
}

#[cfg(unix)]
fn shell(command: &str) -> Command {
    let mut c = Command::new("/bin/sh");
    c.arg("-c").arg(command);
    c
}

#[cfg(not(unix))]
fn shell(command: &str) -> Command {
    let mut c = Command::new("cmd");
    c.arg("/C").arg(command);
    c
}

fn describe_status(s: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = s.signal() {
            return format!("killed by signal {sig}");
        }
    }
    match s.code() {
        Some(c) => format!("exit status {c}"),
        None => "unknown status".into(),
    }
}

/// Runs a `credential_process` and parses its JSON (Version 1). RESOLVING is
/// what the recursion guard passes on (see src/resolve/guard.rs).
pub fn credential_process(profile: &str, command: &str, resolving: &str) -> Result<Credentials> {
    let what = format!("credential_process of profile `{profile}`");
    let guard = [(crate::vars::RESOLVING, resolving)];
    let out = run_capture_with(command, &what, &guard)?;
    parse_credential_json(&out).with_context(|| what)
}

pub fn parse_credential_json(text: &str) -> Result<Credentials> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Out {
        version: Option<i64>,
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
        session_token: Option<String>,
        expiration: Option<String>,
    }
    // serde_json's own errors quote no input, so a secret cannot leak through them.
    let out: Out = serde_json::from_str(text.trim())
        .map_err(|e| anyhow::anyhow!("printed invalid JSON ({})", e.classify_name()))?;
    if out.version != Some(1) {
        bail!("printed JSON without \"Version\": 1");
    }
    let (Some(id), Some(secret)) = (out.access_key_id, out.secret_access_key) else {
        bail!("printed JSON without AccessKeyId and SecretAccessKey");
    };
    let expiration = match out.expiration {
        None => None,
        Some(e) => Some(
            parse_rfc3339(&e)
                .ok_or_else(|| anyhow::anyhow!("printed an Expiration that is not RFC 3339"))?,
        ),
    };
    Ok(Credentials {
        access_key_id: id,
        secret_access_key: Secret::new(secret),
        session_token: out.session_token.filter(|t| !t.is_empty()).map(Secret::new),
        expiration,
    })
}

trait Classify {
    fn classify_name(&self) -> &'static str;
}

impl Classify for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "read error",
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Data => "wrong field types",
            serde_json::error::Category::Eof => "truncated",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_sdk_shape() {
        let c = parse_credential_json(r#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T","Expiration":"2030-01-01T00:00:00Z"}"#).unwrap();
        assert_eq!(c.access_key_id, "A");
        assert_eq!(c.session_token.unwrap().expose(), "T");
        assert!(c.expiration.is_some());
    }

    #[test]
    fn errors_never_quote_the_input() {
        for bad in [
            r#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"hunter2""#,
            r#"{"Version":2,"SecretAccessKey":"hunter2"}"#,
            "hunter2",
        ] {
            let err = format!("{:#}", parse_credential_json(bad).unwrap_err());
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn runs_commands_and_reports_failure() {
        assert_eq!(run_capture("printf 123456", "x").unwrap(), "123456");
        let err = run_capture("exit 3", "mfa_process")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "mfa_process failed (exit status 3)");
    }

    #[test]
    fn endless_output_is_cut_off() {
        let err = run_capture("yes", "credential_process").unwrap_err();
        assert_eq!(
            err.to_string(),
            "credential_process printed more than 1 MiB"
        );
    }
}
