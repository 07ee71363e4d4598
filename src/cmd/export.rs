//! `roleshift export`: statements that put the credentials into the calling shell.

use std::io::IsTerminal;

use anyhow::Result;

use crate::creds::Credentials;
use crate::env::Env;
use crate::envvars;
use crate::request::Request;
use crate::resolve::Plan;
use crate::shell;
use crate::shell::Format;

pub fn run(req: &Request, format: Option<Format>, env: &Env) -> Result<()> {
    let (plan, creds) = match crate::resolve::resolve(req, env) {
        Ok(done) => done,
        Err(err) => {
            // `eval "$(roleshift export typo)" && aws ...` must not run aws.
            if let Some(code) = shell::detect_format(format, env)
                .ok()
                .and_then(shell::stop_code)
                .filter(|_| !std::io::stdout().is_terminal())
            {
                super::print(code)?;
            }
            return Err(err);
        }
    };
    emit(format, env, &plan, &creds)
}

/// Prints resolved credentials in the requested format.
fn emit(format: Option<Format>, env: &Env, plan: &Plan, creds: &Credentials) -> Result<()> {
    let format = shell::detect_format(format, env)?;
    let text = if format == Format::CredentialProcess {
        shell::credential_process_json(creds)
    } else if format == Format::Nu {
        // The first export of a shell saves what was there (see shell::nu).
        let before: Option<Vec<_>> = env.raw(crate::vars::PROFILE).is_none().then(|| {
            shell::MANAGED
                .iter()
                .map(|n| (*n, env.raw(n).map(str::to_string)))
                .collect()
        });
        shell::nu(&envvars::change_for(creds, plan)?, before.as_deref())
    } else {
        let change = envvars::change_for(creds, plan)?;
        shell::render_export(format, &change)
            .map_err(|why| anyhow::anyhow!("cannot export as {}: {why}", format.name()))?
    };
    // On a terminal the secrets would stay in the scrollback: say how to
    // apply them instead, and print them only where they are read.
    if std::io::stdout().is_terminal() {
        match shell::eval_hint(format, &plan.label) {
            Some(hint) => eprintln!(
                "roleshift: the credentials are not shown on a terminal; to apply them, run: {}",
                crate::sanitize::printable(&hint)
            ),
            None => eprintln!(
                "roleshift: the credentials are not shown on a terminal; redirect or pipe the output to read them"
            ),
        }
        return Ok(());
    }
    super::print(&text)
}
