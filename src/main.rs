//! roleshift: temporary AWS credentials from STS, put where they are needed.
//! This file parses, dispatches and maps errors to exit codes; nothing else.

mod cache;
mod cli;
mod cmd;
mod creds;
mod duration;
mod env;
mod envvars;
mod error;
mod fastparse;
mod fsutil;
mod hook;
mod http;
mod input;
mod mfa;
mod process;
mod profile;
mod resolve;
mod saml;
mod server;
mod shell;
mod sts;

#[cfg(test)]
mod hostile_tests;

use std::process::ExitCode;

use cli::Command;

fn main() -> ExitCode {
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
    };
    match result {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(err) => {
            let (line, hint) = error::render(&err);
            // Not eprintln: it panics when stderr cannot be written (a log
            // file on a full disk), and the exit code must still be 1 or 2.
            use std::io::Write;
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "{line}");
            if let Some(h) = hint {
                let _ = writeln!(stderr, "  hint: {h}");
            }
            ExitCode::from(if error::is_usage(&err) { 2 } else { 1 })
        }
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
                .without_time()
                .with_filter(filter),
        )
        .init();
}
