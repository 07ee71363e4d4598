//! The key index, `$XDG_DATA_HOME/roleshift/keys-index`: which profiles have
//! keys in a store, which store, and their access key ids. It holds no
//! secret, so `keys list` and profile resolution read it without unlocking
//! anything, and the cache can key sessions by access key id as it does for
//! keys in the files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};

use super::Backend;
use crate::env::Env;

const VERSION: u32 = 1;
/// An index this large is not one roleshift wrote.
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub backend: Backend,
    pub access_key_id: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Entries {
    version: u32,
    keys: BTreeMap<String, IndexEntry>,
}

impl Entries {
    /// Records `name`; returns the backend that held it before.
    pub fn insert(&mut self, name: &str, backend: Backend, access_key_id: &str) -> Option<Backend> {
        let entry = IndexEntry {
            backend,
            access_key_id: access_key_id.to_string(),
        };
        self.keys
            .insert(name.to_string(), entry)
            .map(|old| old.backend)
    }

    pub fn remove(&mut self, name: &str) -> Option<Backend> {
        self.keys.remove(name).map(|old| old.backend)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &IndexEntry)> {
        self.keys.iter()
    }
}

pub struct Index {
    path: PathBuf,
}

/// Where the index lives, if a data directory can be named at all.
pub fn path(env: &Env) -> Option<PathBuf> {
    Some(env.data_home()?.join("roleshift").join("keys-index"))
}

impl Index {
    pub fn new(env: &Env) -> Result<Index> {
        let path = path(env).ok_or_else(|| {
            anyhow!("cannot tell where the key store lives: neither XDG_DATA_HOME nor HOME is set")
        })?;
        Ok(Index { path })
    }

    pub fn at(path: PathBuf) -> Index {
        Index { path }
    }

    pub fn get(&self, name: &str) -> Result<Option<IndexEntry>> {
        Ok(self.read()?.keys.remove(name))
    }

    pub fn read(&self) -> Result<Entries> {
        let Some(bytes) = super::read_private(&self.path, "the key index", MAX_BYTES)? else {
            return Ok(Entries::default());
        };
        let shown = self.path.display();
        let entries: Entries = serde_json::from_slice(&bytes)
            .map_err(|e| anyhow!("the key index {shown} is damaged: {e}"))?;
        if entries.version != VERSION {
            bail!(
                "the key index {shown} has version {}, which this roleshift does not know",
                entries.version
            );
        }
        Ok(entries)
    }

    /// Read, change and write back under the index's lock, so concurrent
    /// writers lose nothing.
    pub fn update<T>(&self, change: impl FnOnce(&mut Entries) -> T) -> Result<T> {
        if let Some(dir) = self.path.parent() {
            crate::fsutil::private_dir(dir)?;
        }
        let _lock = crate::fsutil::lock(&self.path)?;
        let mut entries = self.read()?;
        let out = change(&mut entries);
        entries.version = VERSION;
        let mut text =
            serde_json::to_vec_pretty(&entries).context("cannot encode the key index")?;
        text.push(b'\n');
        crate::fsutil::atomic_write(&self.path, &text)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_lists_and_removes() {
        let d = tempfile::tempdir().unwrap();
        let ix = Index::at(d.path().join("roleshift/keys-index"));
        assert!(ix.get("a").unwrap().is_none());
        ix.update(|e| e.insert("a", Backend::File, "AKIAAAAAAAAAAAAA"))
            .unwrap();
        let before = ix
            .update(|e| e.insert("a", Backend::SecretService, "AKIABBBBBBBBBBBB"))
            .unwrap();
        assert_eq!(before, Some(Backend::File));
        assert_eq!(
            ix.get("a").unwrap().unwrap().access_key_id,
            "AKIABBBBBBBBBBBB"
        );
        assert_eq!(
            ix.update(|e| e.remove("a")).unwrap(),
            Some(Backend::SecretService)
        );
        assert!(ix.read().unwrap().iter().next().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn an_index_others_can_write_or_a_link_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("keys-index");
        let ix = Index::at(p.clone());
        ix.update(|e| e.insert("a", Backend::File, "AKIAAAAAAAAAAAAA"))
            .unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o620)).unwrap();
        let err = ix.read().unwrap_err().to_string();
        assert!(
            err.contains("mode 0620") && err.contains("keys-index"),
            "{err}"
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        ix.read().unwrap();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        assert!(Index::at(link).read().is_err(), "a link is not believed");
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(ix.read().is_err(), "a directory others can write");
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    }

    #[test]
    fn a_damaged_index_is_an_error_naming_it() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("keys-index");
        std::fs::write(&p, "{\"version\":1,").unwrap();
        let err = Index::at(p).read().unwrap_err().to_string();
        assert!(
            err.contains("keys-index") && err.contains("damaged"),
            "{err}"
        );
    }
}
