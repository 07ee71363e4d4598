//! The `roleshift` binary: the hot path, and a hand-over for the rest.
//!
//! An `export` or `credential-process` whose session is cached (or needs no
//! network at all) is answered here, with the same code the full binary
//! uses. Everything else, and any case this cannot settle, replaces this
//! process with `roleshift-full` (execve, same arguments), so exit codes,
//! signals and messages are that binary's own. Nothing here may reach the
//! AWS SDK: that is what keeps this binary small and its start cheap.

use std::ffi::OsString;
use std::process::ExitCode;

use crate::cli::Command;
use crate::env::Env;
use crate::error::report;
use crate::profile::Profiles;
use crate::resolve::{self, CacheUse};
use crate::{cmd, fastparse};

/// The full binary's name; it is installed beside this one.
pub const FULL: &str = "roleshift-full";

pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    fast(&args).unwrap_or_else(|| hand_over(&args))
}

/// Some(exit code) when this binary settled the call.
fn fast(args: &[OsString]) -> Option<ExitCode> {
    let name = args.get(1)?.to_str()?;
    let command = fastparse::by_hand(name, &args[2..])?;
    let target = match &command {
        Command::Export(a) => &a.target,
        Command::CredentialProcess(t) => t,
        _ => return None,
    };
    let env = Env::from_process();
    // Errors here are final: reporting them is what the full binary would
    // do too, and running it would read the files (or a credential_process)
    // a second time.
    let profiles = match Profiles::load(&env) {
        Ok(p) => p,
        Err(e) => return Some(report(&e)),
    };
    let plan = match resolve::plan::plan(target, &profiles, &env) {
        Ok(p) => p,
        Err(e) => return Some(report(&e)),
    };
    let creds = match resolve::offline(&plan, &CacheUse::new(target, &env), &env)? {
        Ok(c) => c,
        Err(e) => return Some(report(&e)),
    };
    let done = match &command {
        Command::Export(a) => cmd::export::emit(a, &env, &plan, &creds),
        _ => cmd::credential_process::emit(&creds),
    };
    Some(match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    })
}

/// Replaces this process with `roleshift-full`, found beside this binary.
fn hand_over(args: &[OsString]) -> ExitCode {
    let full = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("{FULL}{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => return report(&anyhow::anyhow!("cannot find this program's own path: {e}")),
    };
    let mut cmd = std::process::Command::new(&full);
    cmd.args(&args[1..]);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // clap names the program after argv[0] in its messages.
        cmd.arg0("roleshift");
        let err = cmd.exec();
        report(&crate::error::with_hint(
            anyhow::anyhow!("cannot run {}: {err}", full.display()),
            format!(
                "{FULL} is installed beside roleshift: reinstall with `cargo install --path .`"
            ),
        ))
    }
    #[cfg(not(unix))]
    match cmd.status() {
        Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(err) => report(&anyhow::anyhow!("cannot run {}: {err}", full.display())),
    }
}
