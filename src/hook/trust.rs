//! The trust store, `$XDG_DATA_HOME/roleshift/trust`: which `.roleshift.toml`
//! files may be applied. An allow is keyed by the file's trust key (its
//! directory with symlinks resolved, see `config::trust_key`) together with a
//! hash of its content, so any edit needs a new `allow`. A deny is keyed by
//! the trust key alone and wins over any allow.
//!
//! An allow also records the directory's identity (device, inode and birth
//! time), so it
//! does not outlive the directory: a tree deleted and created again (by
//! anyone, say in /tmp) is a new tree that needs a new `allow`.
//!
//! One small JSON file, replaced atomically under a lock. Only a store (and
//! directory) of the user's own, writable by no one else, is read at all. A store that cannot
//! be read is an error for `allow`/`deny`, and to the hook it means that
//! nothing is trusted: it fails closed, never open, and never panics.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::env::Env;

const VERSION: u32 = 1;
/// Thousands of entries fit in far less; a bigger file is not ours.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Never allowed, or allowed with different content.
    NotAllowed,
    Denied,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    version: u32,
    /// trust key → SHA-256 (hex) of the content that was allowed
    #[serde(default)]
    allow: BTreeMap<String, String>,
    #[serde(default)]
    deny: BTreeSet<String>,
}

pub struct TrustStore {
    path: PathBuf,
}

/// The content hash trust is keyed by.
pub fn content_hash(text: &str) -> String {
    crate::cache::digest(text)
}

impl TrustStore {
    /// `$XDG_DATA_HOME/roleshift/trust`, else `~/.local/share/roleshift/trust`.
    pub fn new(env: &Env) -> Option<TrustStore> {
        let base = env
            .get("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| Some(env.home()?.join(".local/share")))?;
        Some(TrustStore {
            path: base.join("roleshift").join("trust"),
        })
    }

    #[cfg(test)]
    pub fn at(path: PathBuf) -> TrustStore {
        TrustStore { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn verdict(&self, key: &Path, hash: &str) -> Result<Verdict> {
        let data = self.load()?;
        let key = key_str(key)?;
        Ok(if data.deny.contains(key) {
            Verdict::Denied
        } else if data
            .allow
            .get(key)
            .is_some_and(|h| *h == bound(Path::new(key), hash))
        {
            Verdict::Allowed
        } else {
            Verdict::NotAllowed
        })
    }

    /// Trusts `key` with this content; lifts a deny of it.
    pub fn allow(&self, key: &Path, hash: &str) -> Result<()> {
        let bound = bound(key, hash);
        let key = key_str(key)?.to_string();
        self.update(|d| {
            d.deny.remove(&key);
            d.allow.insert(key, bound);
        })
    }

    /// Distrusts `key` whatever its content; drops its allow.
    pub fn deny(&self, key: &Path) -> Result<()> {
        let key = key_str(key)?.to_string();
        self.update(|d| {
            d.allow.remove(&key);
            d.deny.insert(key);
        })
    }

    fn update(&self, f: impl FnOnce(&mut Data)) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        crate::fsutil::private_dir(dir)?;
        let _lock = crate::fsutil::lock(&self.path)?;
        let mut data = self.load()?;
        f(&mut data);
        data.version = VERSION;
        let mut text = serde_json::to_vec_pretty(&data).context("cannot encode the trust store")?;
        text.push(b'\n');
        let before = std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok();
        crate::fsutil::atomic_write(&self.path, &text)?;
        if let Some(before) = before {
            tick_past(&self.path, before);
        }
        Ok(())
    }

    fn load(&self) -> Result<Data> {
        match std::fs::symlink_metadata(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // Someone else's store would grant trust: refused, naming it.
            _ => crate::owner::check_file(&self.path, "the trust store").map(drop)?,
        }
        let file = match std::fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Data {
                    version: VERSION,
                    ..Data::default()
                });
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read {}", self.path.display()));
            }
        };
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", self.path.display()))?;
        let corrupt = |why: String| {
            crate::error::with_hint(
                anyhow::anyhow!("the trust store {} is corrupt: {why}", self.path.display()),
                "move it away; every .roleshift.toml then needs `roleshift allow` again",
            )
        };
        if bytes.len() as u64 > MAX_BYTES {
            return Err(corrupt("larger than 4 MiB".into()));
        }
        let data: Data = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        if data.version != VERSION {
            bail!(
                "the trust store {} has version {}, which this roleshift does not know",
                self.path.display(),
                data.version
            );
        }
        Ok(data)
    }
}

/// Shells watch the store's mtime, and fish (like coarse file systems) sees
/// only whole seconds: an allow and a deny within one second would look like
/// no change. So a rewrite always moves the mtime into a later second.
fn tick_past(path: &Path, before: SystemTime) {
    let secs = |t: SystemTime| {
        t.duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    };
    let Ok(after) = std::fs::metadata(path).and_then(|m| m.modified()) else {
        return;
    };
    if secs(after) <= secs(before) {
        let later = UNIX_EPOCH + Duration::from_secs(secs(before) + 1);
        let bumped = std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(later));
        if let Err(e) = bumped {
            tracing::debug!(error = %e, "cannot move the trust store's mtime on");
        }
    }
}

/// The allowed content hash tied to the identity of the config's directory.
fn bound(key: &Path, hash: &str) -> String {
    let dir = key.parent().unwrap_or(Path::new("."));
    #[cfg(unix)]
    let id = {
        use std::os::unix::fs::MetadataExt;
        // The birth time too: a directory removed and made again often gets
        // the same inode number back at once.
        match std::fs::metadata(dir) {
            Ok(m) => {
                let born = m
                    .created()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}:{}:{born}", m.dev(), m.ino())
            }
            Err(_) => "gone".to_string(),
        }
    };
    #[cfg(not(unix))]
    let id = "-";
    format!("{hash}@{id}")
}

fn key_str(key: &Path) -> Result<&str> {
    key.to_str().ok_or_else(|| {
        anyhow::anyhow!(
            "{} is not a UTF-8 path; roleshift cannot record trust for it",
            key.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, TrustStore) {
        let d = tempfile::tempdir().unwrap();
        let s = TrustStore::at(d.path().join("roleshift/trust"));
        (d, s)
    }

    const KEY: &str = "/proj/.roleshift.toml";

    #[test]
    fn nothing_is_trusted_until_allowed() {
        let (_d, s) = store();
        let k = Path::new(KEY);
        assert_eq!(s.verdict(k, "h1").unwrap(), Verdict::NotAllowed);
        s.allow(k, "h1").unwrap();
        assert_eq!(s.verdict(k, "h1").unwrap(), Verdict::Allowed);
        assert_eq!(
            s.verdict(Path::new("/other/.roleshift.toml"), "h1")
                .unwrap(),
            Verdict::NotAllowed
        );
    }

    #[test]
    fn an_edit_needs_a_new_allow() {
        let (_d, s) = store();
        let k = Path::new(KEY);
        s.allow(k, &content_hash("profile = \"a\"")).unwrap();
        let edited = content_hash("profile = \"b\"");
        assert_eq!(s.verdict(k, &edited).unwrap(), Verdict::NotAllowed);
        s.allow(k, &edited).unwrap();
        assert_eq!(s.verdict(k, &edited).unwrap(), Verdict::Allowed);
    }

    #[test]
    fn deny_wins_and_allow_lifts_it() {
        let (_d, s) = store();
        let k = Path::new(KEY);
        s.allow(k, "h1").unwrap();
        s.deny(k).unwrap();
        assert_eq!(s.verdict(k, "h1").unwrap(), Verdict::Denied);
        // A hand-merged store holding both: deny wins.
        std::fs::write(
            s.path(),
            format!(r#"{{"version":1,"allow":{{"{KEY}":"h1"}},"deny":["{KEY}"]}}"#),
        )
        .unwrap();
        assert_eq!(s.verdict(k, "h1").unwrap(), Verdict::Denied);
        s.allow(k, "h1").unwrap();
        assert_eq!(s.verdict(k, "h1").unwrap(), Verdict::Allowed);
    }

    #[test]
    fn a_corrupt_store_is_a_clear_error_never_a_panic() {
        let (_d, s) = store();
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        let k = Path::new(KEY);
        for bad in [
            &b"{"[..],
            b"\xff\xfe",
            b"[]",
            b"{\"version\":1,\"allow\":[1]}",
            b"{\"version\":1,\"extra\":true}",
            b"{\"version\":99}",
        ] {
            std::fs::write(s.path(), bad).unwrap();
            let e = s.verdict(k, "h").unwrap_err();
            let (line, _) = crate::error::render(&e);
            assert!(line.contains("trust store"), "{line}");
            // allow must not silently drop what the store held (denies).
            assert!(s.allow(k, "h").is_err());
            assert_eq!(std::fs::read(s.path()).unwrap(), bad);
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_store_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let (_d, s) = store();
        s.allow(Path::new(KEY), "h").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(s.path()), 0o600);
        assert_eq!(mode(s.path().parent().unwrap()), 0o700);
    }

    #[test]
    fn every_change_moves_the_mtime_to_a_later_second() {
        let (_d, s) = store();
        let k = Path::new(KEY);
        s.allow(k, "h").unwrap();
        let secs = |p: &Path| {
            std::fs::metadata(p)
                .unwrap()
                .modified()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs()
        };
        let first = secs(s.path());
        s.deny(k).unwrap();
        let second = secs(s.path());
        s.allow(k, "h").unwrap();
        assert!(first < second && second < secs(s.path()));
    }

    #[test]
    fn lives_under_xdg_data_home() {
        let env = Env::from_pairs(&[("XDG_DATA_HOME", "/data"), ("HOME", "/home/u")]);
        assert_eq!(
            TrustStore::new(&env).unwrap().path(),
            Path::new("/data/roleshift/trust")
        );
        let env = Env::from_pairs(&[("XDG_DATA_HOME", "relative"), ("HOME", "/home/u")]);
        assert_eq!(
            TrustStore::new(&env).unwrap().path(),
            Path::new("/home/u/.local/share/roleshift/trust")
        );
    }
}
