//! `roleshift`: parse, dispatch, map errors to exit codes; nothing else.

use std::process::ExitCode;

use roleshift::cli::{self, Command};
use roleshift::{cmd, env, error};

fn main() -> ExitCode {
    // Any roleshift process may hold secrets: no core dumps of them.
    roleshift::harden::no_core_dumps();
    let cli = cli::parse();
    init_logging(cli.verbose);
    let env = env::Env::from_process();
    // Every variable roleshift reads is checked before anything is done.
    let checked = roleshift::settings::validate(&env)
        .and_then(|()| roleshift::shell::shell_variable(&env).map(drop));
    if let Err(err) = checked {
        return error::report(&err);
    }
    let result = match &cli.command {
        Command::Export(a) => cmd::export::run(&a.target.request(), a.format, &env).map(|_| 0),
        Command::Unset(a) => cmd::unset::run(a, &env).map(|_| 0),
        Command::Exec(a) => match &a.each {
            Some(glob) => {
                let parallel = a.parallel.map(usize::from);
                cmd::each::run(&a.target.request(), glob, parallel, &a.command, &env)
            }
            None => cmd::exec::run(&a.target.request(), a.server, &a.command, &env),
        },
        Command::CredentialProcess(a) => {
            cmd::credential_process::run(&a.request(), &env).map(|_| 0)
        }
        Command::Save(a) => cmd::save::run(&a.target.request(), &a.name, a.force, &env).map(|_| 0),
        Command::SamlRoles(a) => cmd::saml_roles::run(a).map(|_| 0),
        Command::Whoami(a) => cmd::whoami::run(&a.target.request(), a.json, &env).map(|_| 0),
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
        Command::Keys(c) => cmd::keys::run(c, &env).map(|_| 0),
        Command::Completions(a) => cmd::completions::run(a).map(|_| 0),
        Command::Sso(c) => cmd::sso::run(c, &env).map(|_| 0),
        Command::Console(a) => {
            let destination = a.destination.as_deref();
            cmd::console::run(&a.target.request(), destination, a.print, &env).map(|_| 0)
        }
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
                .fmt_fields(roleshift::sanitize::log_fields())
                .without_time()
                .with_filter(filter),
        )
        .init();
}
