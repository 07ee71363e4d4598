//! The macOS Keychain and the Windows Credential Manager, through the
//! `keyring` crate: one generic password per profile, service `roleshift`,
//! account NAME, holding the JSON pair of `StoredKeys`.

use anyhow::{Result, anyhow};

use super::{Store, StoredKeys};

pub struct OsStore;

fn entry(name: &str) -> Result<keyring::Entry> {
    keyring::Entry::new("roleshift", name)
        .map_err(|e| anyhow!("cannot address the key store entry for `{name}`: {e}"))
}

impl Store for OsStore {
    fn get(&self, name: &str) -> Result<Option<StoredKeys>> {
        match entry(name)?.get_secret() {
            Ok(bytes) => {
                let bytes = zeroize::Zeroizing::new(bytes);
                StoredKeys::from_entry(name, &bytes).map(Some)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(anyhow!("cannot read the key store entry for `{name}`: {e}")),
        }
    }

    fn set(&self, name: &str, keys: &StoredKeys) -> Result<()> {
        entry(name)?
            .set_secret(&keys.to_entry())
            .map_err(|e| anyhow!("cannot write the key store entry for `{name}`: {e}"))
    }

    fn delete(&self, name: &str) -> Result<bool> {
        match entry(name)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(anyhow!(
                "cannot delete the key store entry for `{name}`: {e}"
            )),
        }
    }
}
