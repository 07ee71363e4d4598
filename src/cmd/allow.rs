//! `roleshift allow [PATH]` and `roleshift deny [PATH]`: trust or distrust a
//! `.roleshift.toml` for the shell hook. A running hook notices the trust
//! store change at its next prompt, with no process (it watches the store).

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::TrustArgs;
use crate::env::Env;
use crate::hook::config::{self, FILE_NAME};
use crate::hook::show;
use crate::hook::trust::{TrustStore, content_hash};

pub fn run(args: &TrustArgs, allow: bool, env: &Env) -> Result<()> {
    let file = target_file(args, env)?;
    // The same key the hook computes: the directory with symlinks resolved.
    let key = config::trust_key(&file)?;
    let Some(store) = TrustStore::new(env) else {
        bail!("no place for the trust store: set HOME or XDG_DATA_HOME");
    };
    if allow {
        // Only a file that would work is trusted; its errors name the key.
        let text = config::read(&file)?;
        let cfg = config::parse(&text, &file)?;
        let what = assumes(&cfg, env);
        store.allow(&key, &content_hash(&text))?;
        eprintln!(
            "roleshift: allowed {}: it assumes {}; the hook applies it at the next prompt",
            show(&file),
            crate::sanitize::printable(&what)
        );
    } else {
        store.deny(&key)?;
        eprintln!(
            "roleshift: denied {}; the hook removes its role at the next prompt",
            show(&file)
        );
    }
    Ok(())
}

/// What the file will assume, worked out as the hook will (without calling
/// STS): the role, its account and the credentials it is assumed with. A
/// config the profiles cannot plan yet (a profile still to be written) is
/// described by its own keys.
fn assumes(cfg: &config::DirConfig, env: &Env) -> String {
    let planned = crate::profile::Profiles::load(env)
        .and_then(|profiles| crate::resolve::plan::plan(&cfg.request(None), &profiles, env));
    match (planned, &cfg.role_arn, &cfg.profile) {
        (Ok(plan), _, _) => crate::resolve::describe::describe(&plan),
        (Err(_), Some(arn), Some(p)) => format!(
            "{}, with the credentials of profile `{p}` (which cannot be read now)",
            crate::resolve::describe::role(arn)
        ),
        (Err(_), Some(arn), None) => crate::resolve::describe::role(arn),
        (Err(_), None, _) => format!("profile `{}` (which cannot be read now)", cfg.label()),
    }
}

/// PATH as given: a `.roleshift.toml`, or a directory whose applicable file
/// (in it or the nearest parent) is meant, as the hook would find it there.
fn target_file(args: &TrustArgs, env: &Env) -> Result<PathBuf> {
    let start = match &args.path {
        Some(p) => p.clone(),
        None => crate::hook::logical_pwd(env)
            .ok_or_else(|| anyhow::anyhow!("cannot read the current directory"))?,
    };
    let meta = std::fs::metadata(&start)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", start.display()))?;
    if meta.is_dir() {
        let dir = if start.is_absolute() {
            start.clone()
        } else {
            std::env::current_dir()?.join(&start)
        };
        return config::find(&dir).ok_or_else(|| {
            anyhow::anyhow!("no {FILE_NAME} in {} or any parent directory", show(&start))
        });
    }
    if start.file_name().and_then(|n| n.to_str()) != Some(FILE_NAME) {
        return Err(crate::error::usage(format!(
            "{} is not a {FILE_NAME}; give the file or its directory",
            show(&start)
        )));
    }
    Ok(start)
}
