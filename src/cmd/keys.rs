//! `roleshift keys add|list|rm|migrate` (SPEC §12): long-term keys in the key
//! store instead of `~/.aws/credentials`. Secrets come from a terminal prompt
//! or stdin, never from argv, and are never printed.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, Result, anyhow, bail};
use zeroize::Zeroizing;

use crate::cli::KeysCommand;
use crate::creds::Secret;
use crate::env::Env;
use crate::keys::{self, Backend, StoredKeys, index::Index};

pub fn run(c: &KeysCommand, env: &Env) -> Result<()> {
    match c {
        KeysCommand::Add { name } => add(name, env),
        KeysCommand::List => list(env),
        KeysCommand::Rm { name } => rm(name, env),
        KeysCommand::Migrate { name } => super::keys_migrate::run(name, env),
    }
}

fn add(name: &str, env: &Env) -> Result<()> {
    keys::check_name(name)?;
    // Chosen before anything is typed (src/settings.rs has checked the
    // variable): an unreachable store is known before the secret is.
    let backend = Backend::chosen(env);
    let pair = read_pair(name)?;
    keys::check_pair(&pair).context("nothing was stored")?;
    let before = keys::put(env, backend, name, &pair)?;
    let verb = if before.is_some() {
        "replaced"
    } else {
        "stored"
    };
    eprintln!(
        "roleshift: {verb} keys {} of profile `{name}` in the {} key store",
        pair.access_key_id,
        backend.describe()
    );
    warn_if_files_win(name, env);
    Ok(())
}

/// The two values: from the terminal when stdin is one, else two lines of stdin.
fn read_pair(name: &str) -> Result<StoredKeys> {
    if std::io::stdin().is_terminal() {
        return prompt_pair(name);
    }
    let text = Zeroizing::new(crate::input::read_stdin("the keys")?);
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    let (Some(id), Some(secret)) = (lines.next(), lines.next()) else {
        bail!("stdin must hold two lines: the access key id, then the secret access key");
    };
    if lines.any(|l| !l.trim().is_empty()) {
        bail!(
            "stdin holds more than two lines; expected the access key id, then the secret access key"
        );
    }
    Ok(StoredKeys {
        access_key_id: id.trim().to_string(),
        secret_access_key: Secret::new(secret.trim()),
    })
}

fn prompt_pair(name: &str) -> Result<StoredKeys> {
    let Some((mut read, mut write)) = crate::mfa::open_tty() else {
        bail!("cannot open the terminal; pipe the two values into stdin instead");
    };
    write!(write, "AWS access key id for profile `{name}`: ")?;
    write.flush()?;
    let mut id = String::new();
    read.read_line(&mut id)
        .context("cannot read the access key id")?;
    // Not echoed, so it stays off the screen and out of terminal scrollback.
    let secret = rpassword::prompt_password("AWS secret access key (not shown): ")
        .map_err(|e| anyhow!("cannot read the secret access key from the terminal: {e}"))?;
    let secret = Secret::new(secret);
    Ok(StoredKeys {
        access_key_id: id.trim().to_string(),
        secret_access_key: Secret::new(secret.expose().trim()),
    })
}

/// Keys in the files come first; stored keys under the same name are unused.
fn warn_if_files_win(name: &str, env: &Env) {
    let Ok(profiles) = crate::profile::Profiles::load(env) else {
        return;
    };
    if profiles
        .get(name)
        .is_some_and(|p| p.has("aws_access_key_id"))
    {
        eprintln!(
            "roleshift: note: profile `{name}` also has keys in the AWS files, and those come first; `roleshift keys migrate {name}` moves them into the store instead"
        );
    }
}

fn list(env: &Env) -> Result<()> {
    let entries = Index::new(env)?.read()?;
    let rows: Vec<_> = entries.iter().collect();
    if rows.is_empty() {
        eprintln!("roleshift: no keys are stored; add some with: roleshift keys add NAME");
        return Ok(());
    }
    let width = rows
        .iter()
        .map(|(n, _)| crate::sanitize::printable(n).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (name, e) in rows {
        // The index is roleshift's, but a file on disk is outside data.
        let name = crate::sanitize::printable(name);
        out.push_str(&format!(
            "{name:<width$}  {}  {}\n",
            crate::sanitize::printable(&e.access_key_id),
            e.backend.name()
        ));
    }
    super::print(&out)
}

fn rm(name: &str, env: &Env) -> Result<()> {
    keys::check_name(name)?;
    if !keys::remove(env, name)? {
        bail!("no keys are stored for profile `{name}`");
    }
    eprintln!("roleshift: removed the stored keys of profile `{name}`");
    Ok(())
}
