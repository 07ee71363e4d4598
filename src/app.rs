//! The whole command line (`roleshift-full`): parse, dispatch, map errors to
//! exit codes.

use std::process::ExitCode;

use crate::cli::Command;
use crate::{cmd, env, error, fastparse};

pub fn main() -> ExitCode {
    let cli = fastparse::parse();
    init_logging(cli.verbose);
    let env = env::Env::from_process();
    let result = match &cli.command {
        Command::Export(a) => cmd::export::run(a, &env).map(|_| 0),
        Command::Unset(a) => cmd::unset::run(a, &env).map(|_| 0),
        Command::Exec(a) => cmd::exec::run(a, &env),
        Command::CredentialProcess(a) => cmd::credential_process::run(a, &env).map(|_| 0),
        Command::Save(a) => cmd::save::run(a, &env).map(|_| 0),
        Command::SamlRoles(a) => cmd::saml_roles::run(a).map(|_| 0),
        Command::Whoami(a) => cmd::whoami::run(a, &env).map(|_| 0),
        Command::List(a) => cmd::list::run(a, &env).map(|_| 0),
        Command::Status(a) => cmd::status::run(a, &env).map(|_| 0),
        Command::Hook(a) => cmd::hook::run(a).map(|_| 0),
        Command::HookEnv(a) => cmd::hook::run_env(a, &env).map(|_| 0),
        Command::Allow(a) => cmd::allow::run(a, true, &env).map(|_| 0),
        Command::Deny(a) => cmd::allow::run(a, false, &env).map(|_| 0),
        Command::Cache(c) => cmd::cache::run(c, &env).map(|_| 0),
        Command::Manpage { subcommand } => {
            cmd::completions::manpage(subcommand.as_deref()).map(|_| 0)
        }
        Command::Completions(a) => cmd::completions::run(a).map(|_| 0),
        Command::Sso(c) => cmd::sso::run(c, &env).map(|_| 0),
        Command::Console(a) => cmd::console::run(a, &env).map(|_| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(err) => error::report(&err),
    }
}

/// `-v` shows roleshift's own debug events, `-vv` its trace events. The AWS
/// SDK's events stay off at any level: they are not written for end users.
fn init_logging(verbose: u8) {
    use tracing_subscriber::prelude::*;
    let level = match verbose {
        0 => return,
        1 => tracing::Level::DEBUG,
        _ => tracing::Level::TRACE,
    };
    let filter = tracing_subscriber::filter::Targets::new().with_target("roleshift", level);
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                .without_time()
                .with_filter(filter),
        )
        .init();
}
