//! `roleshift keys migrate NAME`: a profile's keys move from the credentials
//! file into the key store. SPEC §6 and §12: the store is written and read
//! back first; then, under the credentials file's lock, the two key lines go
//! (every other byte stays) in an atomic 0600 write. No `.bak` of the old
//! file is made, and an existing `.bak` that holds the secret is cleaned the
//! same way, so no copy of the secret is left in a file.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use zeroize::Zeroizing;

use super::save::read;
use crate::creds::Secret;
use crate::env::Env;
use crate::error::with_hint;
use crate::fsutil;
use crate::keys::{self, Backend, StoredKeys};
use crate::profile::edit::{self, EditError};

const KEYS: [&str; 2] = ["aws_access_key_id", "aws_secret_access_key"];

pub fn run(name: &str, env: &Env) -> Result<()> {
    keys::check_name(name)?;
    let backend = Backend::chosen(env);
    let path = env.credentials_file().ok_or_else(|| {
        anyhow!("cannot tell where the credentials file is: neither AWS_SHARED_CREDENTIALS_FILE nor HOME is set")
    })?;
    let shown = path.display();
    if !path.exists() {
        bail!("there is no credentials file at {shown}; nothing to migrate");
    }
    // Held from the read to the write: a concurrent `save` waits, loses nothing.
    let _lock = fsutil::lock(&path)?;
    let Some(text) = read(&path)? else {
        bail!("there is no credentials file at {shown}; nothing to migrate");
    };
    let pair = keys_in(&text, name, &path)?;
    let new_text = edit::remove_keys(&text, name, &KEYS).map_err(|e| match e {
        EditError::Repeated(n) => {
            anyhow!("[{name}] appears {n} times in {shown}; not guessing which to change")
        }
        EditError::Foreign => anyhow!("cannot edit [{name}] in {shown}"),
    })?;
    // Refused now, before the store is touched, so a refusal changes nothing.
    fsutil::refuse_read_only(&fsutil::resolve_link(&path))?;

    keys::put(env, backend, name, &pair)?;
    // The user's file, so through a link (a dotfiles repository), and 0600.
    fsutil::atomic_write_through(&path, new_text.as_bytes(), fsutil::Mode::Private)?;
    let secret = pair.secret_access_key.expose();
    scrub_backup(&path, name, secret)?;
    eprintln!(
        "roleshift: moved keys {} of profile `{name}` from {shown} into the {} key store",
        pair.access_key_id,
        backend.describe()
    );
    if new_text.contains(secret) {
        eprintln!(
            "roleshift: note: the same secret access key is still in another section of {shown}; migrate that profile too"
        );
    }
    if crate::profile::Profiles::load(env)?
        .get(name)
        .is_some_and(|p| p.has("aws_access_key_id"))
    {
        eprintln!(
            "roleshift: note: the config file still holds keys for `{name}`, and those come before the store; remove them there"
        );
    }
    Ok(())
}

/// The long-term key pair of `[name]`, checked. Messages never show values.
fn keys_in(text: &str, name: &str, path: &Path) -> Result<StoredKeys> {
    let shown = path.display();
    let sections =
        crate::profile::ini::parse(text).with_context(|| format!("cannot read {shown}"))?;
    let mut found = sections.iter().filter(|s| s.name == name);
    let Some(section) = found.next() else {
        bail!("{shown} has no [{name}] section; nothing to migrate");
    };
    let Some(id) = section.get("aws_access_key_id") else {
        bail!("[{name}] in {shown} holds no aws_access_key_id; nothing to migrate");
    };
    let Some(secret) = section.get("aws_secret_access_key") else {
        bail!("[{name}] in {shown} has aws_access_key_id but no aws_secret_access_key");
    };
    if section.get("aws_session_token").is_some() {
        return Err(with_hint(
            anyhow!(
                "[{name}] in {shown} holds temporary credentials (it has aws_session_token); only long-term keys belong in the key store"
            ),
            "temporary credentials expire; there is nothing to keep",
        ));
    }
    let pair = StoredKeys {
        access_key_id: id.to_string(),
        secret_access_key: Secret::new(secret),
    };
    keys::check_pair(&pair)
        .with_context(|| format!("[{name}] in {shown}: nothing was migrated"))?;
    Ok(pair)
}

/// A `.bak` from an earlier `save` may hold the secret: the same two lines go
/// from it; if the secret is still in it after that (another section), the
/// backup goes. A symlinked backup is never followed (SPEC §6).
fn scrub_backup(path: &Path, name: &str, secret: &str) -> Result<()> {
    let bak = crate::cmd::save::backup_path(path);
    let shown = bak.display();
    match std::fs::symlink_metadata(&bak) {
        Err(_) => return Ok(()),
        Ok(m) if !m.is_file() => {
            eprintln!(
                "roleshift: note: {shown} is not a regular file; left alone, check it holds no secret"
            );
            return Ok(());
        }
        Ok(_) => {}
    }
    let Some(old) = read(&bak)? else {
        return Ok(());
    };
    let old = Zeroizing::new(old);
    if !old.contains(secret) {
        return Ok(());
    }
    match edit::remove_keys(&old, name, &KEYS) {
        Ok(cleaned) if !cleaned.contains(secret) => fsutil::atomic_write(&bak, cleaned.as_bytes()),
        _ => {
            std::fs::remove_file(&bak).with_context(|| format!("cannot remove {shown}"))?;
            eprintln!(
                "roleshift: removed {shown}: it held the secret in a form roleshift could not clean"
            );
            Ok(())
        }
    }
}
