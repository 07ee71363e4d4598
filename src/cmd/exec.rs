//! `roleshift exec`: run a command with the credentials in its environment.
//! On Unix roleshift replaces itself with the command (execve), so signals,
//! job control and the exit status are the command's own.

use std::ffi::OsString;
use std::process::Command;

use anyhow::{Context, Result};

use crate::env::Env;
use crate::envvars;
use crate::request::Request;

mod find;

/// Runs `command` (default `$SHELL`) with the credentials of `req`; with
/// `server`, through a loopback endpoint (src/cmd/exec_server.rs).
pub fn run(req: &Request, server: bool, command: &[OsString], env: &Env) -> Result<i32> {
    let (program, rest) = match command.split_first() {
        Some((p, rest)) => (p.clone(), rest.to_vec()),
        None => (
            OsString::from(env.get("SHELL").unwrap_or("/bin/sh")),
            Vec::new(),
        ),
    };
    // Find the program before asking STS, so a typo costs no round trip or MFA code.
    let resolved = match find_on_path(&program, env)? {
        Ok(p) => p,
        Err(e) => {
            let err = anyhow::anyhow!("cannot run `{}`: {}", program.to_string_lossy(), e.why);
            crate::error::report(&err);
            return Ok(e.code);
        }
    };
    let (plan, creds) = crate::resolve::resolve(req, env)?;
    if server {
        return super::exec_server::run(req, env, &resolved, &program, &rest, plan, creds);
    }
    let change = envvars::change_for(&creds, &plan)?;
    let mut cmd = Command::new(&resolved);
    cmd.args(&rest);
    // argv[0] stays what the user typed, as a shell would pass it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut cmd, &program);
    for (name, value) in &change.set {
        cmd.env(name, value);
    }
    for name in &change.remove {
        cmd.env_remove(name);
    }
    tracing::debug!(program = %resolved.display(), profile = %plan.label, "exec");
    spawn(cmd, &program)
}

/// CMD as `PATH` finds it, or the error that says it is not there.
/// Finds `program` as `execvp` would, in the caller's `PATH`; the inner
/// error says why it cannot run and with which exit status.
fn find_on_path(
    program: &std::ffi::OsStr,
    env: &Env,
) -> Result<Result<std::path::PathBuf, find::NotRunnable>> {
    let path = env.get("PATH").unwrap_or("/usr/local/bin:/usr/bin:/bin");
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    Ok(find::find(program, path, &cwd))
}

/// `find_on_path` for callers that only report (exec --each).
pub fn locate(program: &std::ffi::OsStr, env: &Env) -> Result<std::path::PathBuf> {
    find_on_path(program, env)?
        .map_err(|e| anyhow::anyhow!("cannot run `{}`: {}", program.to_string_lossy(), e.why))
}

#[cfg(unix)]
fn spawn(mut cmd: Command, program: &std::ffi::OsStr) -> Result<i32> {
    use std::os::unix::process::CommandExt;
    let err = cmd.exec();
    let code = find::code_of(&err);
    let err =
        anyhow::Error::new(err).context(format!("cannot run `{}`", program.to_string_lossy()));
    crate::error::report(&err);
    Ok(code)
}

#[cfg(not(unix))]
fn spawn(mut cmd: Command, program: &std::ffi::OsStr) -> Result<i32> {
    let status = cmd
        .status()
        .with_context(|| format!("cannot run `{}`", program.to_string_lossy()))?;
    Ok(status.code().unwrap_or(1))
}
