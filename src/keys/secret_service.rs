//! The Secret Service backend (GNOME Keyring, KWallet) over D-Bus, spoken by
//! the `dbus-secret-service` crate (the one the `keyring` crate uses) over a
//! libdbus built into the binary, so the static binary needs no system library.
//!
//! Items carry the attributes `service=roleshift` and `username=NAME`, the
//! same the `keyring` crate uses, so `secret-tool lookup service roleshift
//! username NAME` finds them. The secret is the JSON pair of `StoredKeys`.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Context, Result};
use dbus_secret_service::{Collection, EncryptionType, SecretService as Service};

use super::{Store, StoredKeys};

/// A locked collection may pop up an unlock prompt; give a person time for it.
const CALL_TIMEOUT: Duration = Duration::from_secs(120);
/// How long the default-backend probe waits for an unlock prompt. Each D-Bus
/// call itself gives up after the crate's own limit (two seconds).
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

pub struct SecretService;

/// Whether a Secret Service answers on the session bus.
pub fn reachable() -> Result<()> {
    block(|| {
        let ss = connect(PROBE_TIMEOUT)?;
        collection(&ss).map(|_| ())
    })
}

fn attributes(name: &str) -> HashMap<&str, &str> {
    HashMap::from([("service", "roleshift"), ("username", name)])
}

/// Runs `f`, naming the store in its error.
fn block<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    f().context("the Secret Service (D-Bus) cannot be used")
}

/// A session with the service; a prompt it raises is given up after `limit`.
fn connect(limit: Duration) -> Result<Service> {
    Ok(Service::connect_with_max_prompt_timeout(
        EncryptionType::Dh,
        limit.as_secs(),
    )?)
}

/// The default collection (`login` on GNOME), else any, unlocked.
fn collection(ss: &Service) -> Result<Collection<'_>> {
    let c = match ss.get_default_collection() {
        Ok(c) => c,
        Err(_) => ss.get_any_collection()?,
    };
    c.ensure_unlocked()?;
    Ok(c)
}

impl Store for SecretService {
    fn get(&self, name: &str) -> Result<Option<StoredKeys>> {
        block(|| {
            let ss = connect(CALL_TIMEOUT)?;
            let found = ss.search_items(attributes(name))?;
            let Some(item) = found.unlocked.first().or(found.locked.first()) else {
                return Ok(None);
            };
            item.ensure_unlocked()?;
            let secret = zeroize::Zeroizing::new(item.get_secret()?);
            StoredKeys::from_entry(name, &secret).map(Some)
        })
    }

    fn set(&self, name: &str, keys: &StoredKeys) -> Result<()> {
        let entry = keys.to_entry();
        block(|| {
            let ss = connect(CALL_TIMEOUT)?;
            let c = collection(&ss)?;
            let label = format!("roleshift: AWS keys of profile {name}");
            c.create_item(&label, attributes(name), &entry, true, "application/json")?;
            Ok(())
        })
    }

    fn delete(&self, name: &str) -> Result<bool> {
        block(|| {
            let ss = connect(CALL_TIMEOUT)?;
            let found = ss.search_items(attributes(name))?;
            let mut any = false;
            for item in found.unlocked.iter().chain(&found.locked) {
                item.delete()?;
                any = true;
            }
            Ok(any)
        })
    }
}
