//! One file per subcommand. Each takes its parsed arguments and the
//! environment, and writes only what is meant to be evaluated or parsed to stdout.

pub mod allow;
pub mod cache;
pub mod completions;
pub mod console;
pub mod credential_process;
pub mod each;
pub mod exec;
pub mod exec_linger;
pub mod exec_server;
pub mod exec_server_files;
pub mod export;
pub mod hook;
pub mod keys;
mod keys_migrate;
pub mod list;
pub mod saml_roles;
pub mod save;
pub mod sso;
pub mod status;
pub mod unset;
pub mod whoami;

use std::io::Write;

use anyhow::Result;

/// Writes to stdout; a closed pipe (`| head`) is a quiet success, not a panic.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write to stdout")),
    }
}
