//! The key store (SPEC §12): long-term keys kept in the OS key store (Secret
//! Service, Keychain, Credential Manager) or in an encrypted file, instead of
//! in plain text in `~/.aws/credentials`.
//!
//! Beside the secrets, a plain index (`index`) records which profiles have
//! stored keys, their access key ids and which backend holds them. Profile
//! resolution reads only that index, so a cache hit never unlocks a store;
//! the secret is fetched only when STS must be called or the keys themselves
//! are the answer.

mod backend;
mod file;
pub mod index;
#[cfg(any(target_os = "macos", windows))]
mod os;
#[cfg(target_os = "linux")]
mod secret_service;

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

pub use backend::Backend;

use crate::creds::{Credentials, Secret};
use crate::env::Env;

/// What the store keeps for one profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredKeys {
    pub access_key_id: String,
    pub secret_access_key: Secret,
}

impl StoredKeys {
    pub fn credentials(&self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            session_token: None,
            expiration: None,
        }
    }

    /// The form one OS key store entry holds: a small JSON object. The
    /// returned buffer is zeroed when dropped.
    fn to_entry(&self) -> zeroize::Zeroizing<Vec<u8>> {
        let entry = Entry {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.expose().to_string(),
        };
        zeroize::Zeroizing::new(serde_json::to_vec(&entry).expect("two strings always encode"))
    }

    /// Reads an entry written by `to_entry`. The error names the profile,
    /// never the content.
    fn from_entry(name: &str, bytes: &[u8]) -> Result<StoredKeys> {
        match serde_json::from_slice::<Entry>(bytes) {
            Ok(e) => Ok(e.into()),
            Err(_) => bail!("the stored entry for `{name}` is not one roleshift wrote"),
        }
    }
}

/// The serialised pair, also the value type of the encrypted file's map.
#[derive(Serialize, Deserialize)]
struct Entry {
    access_key_id: String,
    secret_access_key: String,
}

impl Drop for Entry {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.secret_access_key);
    }
}

impl From<Entry> for StoredKeys {
    fn from(mut e: Entry) -> Self {
        // The String moves into the Secret, which zeroes it on drop.
        StoredKeys {
            access_key_id: std::mem::take(&mut e.access_key_id),
            secret_access_key: Secret::new(std::mem::take(&mut e.secret_access_key)),
        }
    }
}

/// One backend's operations. Each call is one round trip to the store.
trait Store {
    fn get(&self, name: &str) -> Result<Option<StoredKeys>>;
    fn set(&self, name: &str, keys: &StoredKeys) -> Result<()>;
    /// Whether there was something to delete.
    fn delete(&self, name: &str) -> Result<bool>;
}

fn open(backend: Backend, env: &Env) -> Result<Box<dyn Store>> {
    match backend {
        Backend::File => Ok(Box::new(file::FileStore::new(env)?)),
        #[cfg(target_os = "linux")]
        Backend::SecretService => Ok(Box::new(secret_service::SecretService)),
        #[cfg(target_os = "macos")]
        Backend::Keychain => Ok(Box::new(os::OsStore)),
        #[cfg(windows)]
        Backend::Wincred => Ok(Box::new(os::OsStore)),
        #[allow(unreachable_patterns)]
        other => bail!(
            "the {} key store does not exist on this system; ROLESHIFT_KEYS_BACKEND=file keeps keys in an encrypted file",
            other.describe()
        ),
    }
}

/// The secret for a profile that the index says is stored.
pub fn load(env: &Env, profile: &str, entry: &index::IndexEntry) -> Result<Credentials> {
    let store = open(entry.backend, env)?;
    let Some(keys) = store.get(profile)? else {
        return Err(crate::error::with_hint(
            anyhow::anyhow!(
                "profile `{profile}`: the {} key store has no keys for it, though roleshift recorded them there",
                entry.backend.describe()
            ),
            format!("store them again: roleshift keys add {profile}"),
        ));
    };
    if keys.access_key_id != entry.access_key_id {
        // Someone changed the store behind roleshift's back; the cache keys
        // sessions by access key id, so the index must follow.
        bail!(
            "profile `{profile}`: the {} key store holds access key {}, not {} as recorded; run roleshift keys add {profile} again",
            entry.backend.describe(),
            keys.access_key_id,
            entry.access_key_id
        );
    }
    tracing::debug!(
        profile,
        backend = entry.backend.name(),
        "keys read from the key store"
    );
    Ok(keys.credentials())
}

/// Stores `keys` for `name` in `backend` and records them in the index.
/// Returns the backend that held keys for `name` before, if any.
pub fn put(env: &Env, backend: Backend, name: &str, keys: &StoredKeys) -> Result<Option<Backend>> {
    let store = open(backend, env)?;
    store.set(name, keys)?;
    // Read back before anything relies on it (migrate deletes the file's copy).
    match store.get(name)? {
        Some(back) if back == *keys => {}
        _ => bail!(
            "the {} key store did not keep the keys for `{name}`",
            backend.describe()
        ),
    }
    let before =
        index::Index::new(env)?.update(|ix| ix.insert(name, backend, &keys.access_key_id))?;
    if let Some(old) = before.filter(|old| *old != backend) {
        // The keys moved; the old copy must not linger in the other store.
        open(old, env)?.delete(name)?;
    }
    Ok(before)
}

/// Removes `name`'s keys. False when none were recorded.
pub fn remove(env: &Env, name: &str) -> Result<bool> {
    let index = index::Index::new(env)?;
    let Some(entry) = index.get(name)? else {
        return Ok(false);
    };
    open(entry.backend, env)?.delete(name)?;
    index.update(|ix| ix.remove(name))?;
    Ok(true)
}

/// A profile name is a key in every store and a `[NAME]` header in the files.
pub fn check_name(name: &str) -> Result<()> {
    let why = if name.is_empty() {
        "it is empty"
    } else if name.chars().any(crate::sanitize::is_unsafe) {
        "it holds a control or invisible formatting character"
    } else if name.contains(['[', ']']) {
        "it holds `[` or `]`"
    } else if name.trim() != name {
        "it starts or ends with a space"
    } else if name.len() > 256 {
        "it is longer than 256 bytes"
    } else {
        return Ok(());
    };
    Err(crate::error::usage(format!(
        "`{}` cannot be a profile name: {why}",
        crate::sanitize::printable(name)
    )))
}

/// Checks a key pair before it is stored. Messages never show the values: a
/// secret pasted on the wrong line must not end up on the screen.
pub fn check_pair(keys: &StoredKeys) -> Result<()> {
    let id = &keys.access_key_id;
    if !(16..=128).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        bail!("the access key id must be 16 to 128 letters and digits (like AKIA...)");
    }
    let secret = keys.secret_access_key.expose();
    if secret.is_empty() || secret.len() > 256 {
        bail!("the secret access key must be 1 to 256 characters");
    }
    if secret.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("the secret access key holds whitespace or a control character");
    }
    Ok(())
}

/// A file of the key store (the index, the encrypted file), or None when
/// there is none. It and its directory must be the user's and writable by no
/// one else, and a link is never followed (SPEC §6; src/owner.rs); a file
/// larger than `max` bytes is not one roleshift wrote.
fn read_private(path: &Path, what: &str, max: u64) -> Result<Option<Vec<u8>>> {
    let shown = || crate::sanitize::printable(&path.display().to_string()).into_owned();
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", shown())),
        Ok(_) => {
            crate::owner::check_file(path, what)?;
        }
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NOFOLLOW);
    let file = match opts.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", shown())),
    };
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", shown()))?;
    if bytes.len() as u64 > max {
        bail!(
            "{what} {} is larger than {} KiB; not reading it",
            shown(),
            max / 1024
        );
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: &str, secret: &str) -> StoredKeys {
        StoredKeys {
            access_key_id: id.into(),
            secret_access_key: Secret::new(secret),
        }
    }

    #[test]
    fn entries_round_trip_and_garbage_names_no_content() {
        let k = pair("AKIAEXAMPLE12345", "s3cr3t/+=");
        assert_eq!(StoredKeys::from_entry("p", &k.to_entry()).unwrap(), k);
        let err = StoredKeys::from_entry("p", b"s3cr3t garbage").unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
    }

    #[test]
    fn pairs_are_checked_without_echoing_them() {
        check_pair(&pair("AKIAEXAMPLE12345", "abc/DEF+ghi=")).unwrap();
        for (id, secret) in [
            ("AKIA", "x"),
            ("AKIA EXAMPLE 1234", "x"),
            ("AKIAEXAMPLE12345", ""),
            ("AKIAEXAMPLE12345", "has space"),
            ("AKIAEXAMPLE12345", "tab\there"),
        ] {
            let err = check_pair(&pair(id, secret)).unwrap_err().to_string();
            assert!(secret.is_empty() || !err.contains(secret), "{err}");
        }
    }

    #[test]
    fn names_that_cannot_be_headers_are_usage_errors() {
        for bad in ["", "a\nb", "x]", " x", "x ", "a\u{202E}b"] {
            assert!(
                crate::error::is_usage(&check_name(bad).unwrap_err()),
                "{bad:?}"
            );
        }
        check_name("prod-admin").unwrap();
    }
}
