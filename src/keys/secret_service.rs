//! The Secret Service backend (GNOME Keyring, KWallet) over D-Bus, spoken by
//! the pure-Rust `secret-service` crate (zbus), so the binary links no libdbus.
//!
//! Items carry the attributes `service=roleshift` and `username=NAME`, the
//! same the `keyring` crate uses, so `secret-tool lookup service roleshift
//! username NAME` finds them. The secret is the JSON pair of `StoredKeys`.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use secret_service::{Collection, EncryptionType, SecretService as Service};

use super::{Store, StoredKeys};

/// A locked collection may pop up an unlock prompt; give a person time for it.
const CALL_TIMEOUT: Duration = Duration::from_secs(120);
/// How long the default-backend probe waits for the bus.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

pub struct SecretService;

/// Whether a Secret Service answers on the session bus.
pub fn reachable() -> Result<()> {
    block(PROBE_TIMEOUT, async {
        let ss = connect().await?;
        collection(&ss).await.map(|_| ())
    })
}

fn attributes(name: &str) -> HashMap<&str, &str> {
    HashMap::from([("service", "roleshift"), ("username", name)])
}

/// Runs `f` to completion on a runtime of its own, in a thread of its own,
/// so it works whether or not the caller is already inside a runtime.
fn block<T: Send>(limit: Duration, f: impl Future<Output = Result<T>> + Send) -> Result<T> {
    std::thread::scope(|s| {
        s.spawn(|| {
            crate::http::runtime()?.block_on(async {
                tokio::time::timeout(limit, f)
                    .await
                    .unwrap_or_else(|_| Err(anyhow!("no answer within {} s", limit.as_secs())))
            })
        })
        .join()
        .unwrap_or_else(|_| Err(anyhow!("the Secret Service client stopped unexpectedly")))
    })
    .context("the Secret Service (D-Bus) cannot be used")
}

async fn connect() -> Result<Service<'static>> {
    Ok(Service::connect(EncryptionType::Dh).await?)
}

/// The default collection (`login` on GNOME), else any, unlocked.
async fn collection<'a>(ss: &'a Service<'a>) -> Result<Collection<'a>> {
    let c = match ss.get_default_collection().await {
        Ok(c) => c,
        Err(_) => ss.get_any_collection().await?,
    };
    c.ensure_unlocked().await?;
    Ok(c)
}

impl Store for SecretService {
    fn get(&self, name: &str) -> Result<Option<StoredKeys>> {
        block(CALL_TIMEOUT, async {
            let ss = connect().await?;
            let found = ss.search_items(attributes(name)).await?;
            let Some(item) = found.unlocked.first().or(found.locked.first()) else {
                return Ok(None);
            };
            item.ensure_unlocked().await?;
            let secret = zeroize::Zeroizing::new(item.get_secret().await?);
            StoredKeys::from_entry(name, &secret).map(Some)
        })
    }

    fn set(&self, name: &str, keys: &StoredKeys) -> Result<()> {
        let entry = keys.to_entry();
        block(CALL_TIMEOUT, async {
            let ss = connect().await?;
            let c = collection(&ss).await?;
            let label = format!("roleshift: AWS keys of profile {name}");
            c.create_item(&label, attributes(name), &entry, true, "application/json")
                .await?;
            Ok(())
        })
    }

    fn delete(&self, name: &str) -> Result<bool> {
        block(CALL_TIMEOUT, async {
            let ss = connect().await?;
            let found = ss.search_items(attributes(name)).await?;
            let mut any = false;
            for item in found.unlocked.iter().chain(&found.locked) {
                item.delete().await?;
                any = true;
            }
            Ok(any)
        })
    }
}
