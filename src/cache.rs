//! The on-disk credential cache: `$XDG_CACHE_HOME/roleshift` (default
//! `~/.cache/roleshift`), directory 0700, one file 0600 per session, written
//! atomically. A file is named by a hash of its key, so no secret and no
//! profile name appears in a file name; the key is kept inside the file and
//! compared on read, so a collision or a foreign file is never trusted.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::creds::{Credentials, Secret, parse_rfc3339, rfc3339, unix};
use crate::env::Env;

const VERSION: u32 = 1;
/// No real entry comes near this; a bigger file is not ours.
const MAX_ENTRY_BYTES: u64 = 64 * 1024;
/// An entry that claims more time left than this is a miss (SPEC §6).
const MAX_LEFT: i64 = 36 * 3600;

pub struct Cache {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    key: String,
    label: String,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiration: String,
}

/// What `cache list` shows: never a secret.
pub struct Listed {
    pub label: String,
    pub expiration: SystemTime,
}

impl Cache {
    pub fn new(env: &Env) -> Option<Cache> {
        let base = env
            .get("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| Some(env.home()?.join(".cache")))?;
        Some(Cache {
            dir: base.join("roleshift"),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_for(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{}.json", file_stem(key)))
    }

    /// The file whose lock makes parallel callers share one refresh of KEY.
    pub fn lock_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{}.lock", file_stem(key)))
    }

    /// Credentials for `key` with more than `min_ttl` seconds left, if any.
    /// Anything unreadable, malformed or mismatched counts as a miss.
    pub fn get(&self, key: &str, min_ttl: u64) -> Option<Credentials> {
        let path = self.path_for(key);
        let entry = read_entry(&path)?;
        if entry.key != key {
            tracing::debug!(file = %path.display(), "cache entry belongs to another key; ignored");
            return None;
        }
        let expiration = parse_rfc3339(&entry.expiration)?;
        let left = unix(expiration) - unix(SystemTime::now());
        if left > MAX_LEFT {
            // No STS session lasts this long (36 h is the most): not ours.
            tracing::debug!(file = %path.display(), left, "cache entry expires implausibly late; ignored");
            return None;
        }
        if !crate::renewal::Rule::new(Some(min_ttl)).fresh(0, left) {
            tracing::debug!(left, min_ttl, "cache entry too close to expiry");
            return None;
        }
        tracing::debug!(label = %entry.label, left, "cache hit");
        Some(Credentials {
            access_key_id: entry.access_key_id,
            secret_access_key: Secret::new(entry.secret_access_key),
            session_token: entry.session_token.map(Secret::new),
            expiration: Some(expiration),
        })
    }

    pub fn put(&self, key: &str, label: &str, creds: &Credentials) -> Result<()> {
        let Some(expiration) = creds.expiration else {
            return Ok(()); // long-term keys are never cached
        };
        crate::fsutil::private_dir(&self.dir)?;
        let entry = Entry {
            version: VERSION,
            key: key.to_string(),
            label: label.to_string(),
            access_key_id: creds.access_key_id.clone(),
            secret_access_key: creds.secret_access_key.expose().to_string(),
            session_token: creds.session_token.as_ref().map(|t| t.expose().to_string()),
            expiration: rfc3339(expiration),
        };
        let text = serde_json::to_vec(&entry).context("cannot encode a cache entry")?;
        crate::fsutil::atomic_write(&self.path_for(key), &text)
    }

    pub fn list(&self) -> Result<Vec<Listed>> {
        let mut out = Vec::new();
        for path in self.files()? {
            if let Some((e, expiration)) =
                read_entry(&path).and_then(|e| parse_rfc3339(&e.expiration).map(|x| (e, x)))
            {
                out.push(Listed {
                    label: e.label,
                    expiration,
                });
            }
        }
        out.sort_by(|a, b| a.label.cmp(&b.label).then(a.expiration.cmp(&b.expiration)));
        Ok(out)
    }

    /// Removes every entry, or those of one target; returns how many.
    pub fn clear(&self, label: Option<&str>) -> Result<usize> {
        let mut n = 0;
        for path in self.files()? {
            let matches = match label {
                None => true,
                Some(l) => read_entry(&path).is_some_and(|e| e.label == l),
            };
            if matches {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
                n += 1;
            }
        }
        Ok(n)
    }

    fn files(&self) -> Result<Vec<PathBuf>> {
        let rd = match std::fs::read_dir(&self.dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", self.dir.display())),
        };
        Ok(rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect())
    }
}

fn file_stem(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().take(20).map(|b| format!("{b:02x}")).collect()
}

fn read_entry(path: &Path) -> Option<Entry> {
    // Not followed: roleshift writes no links, so a link is not its entry.
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_ENTRY_BYTES {
        return None;
    }
    if let Err(e) = crate::owner::check_file(path, "the cache entry") {
        // A miss, said out loud: someone else's entry is an attack.
        let (line, _) = crate::error::render(&e);
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "{line}; not used");
        return None;
    }
    let bytes = read_no_follow(path)?;
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    (entry.version == VERSION).then_some(entry)
}

fn read_no_follow(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NOFOLLOW);
    let mut bytes = Vec::new();
    opts.open(path)
        .ok()?
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Hex SHA-256, for key material that must not be stored as is (tokens, policies).
pub fn digest(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::from_unix;

    fn creds(expires_in: i64) -> Credentials {
        Credentials {
            access_key_id: "ASIATEST".into(),
            secret_access_key: Secret::new("secret"),
            session_token: Some(Secret::new("token")),
            expiration: Some(from_unix(unix(SystemTime::now()) + expires_in)),
        }
    }

    fn cache() -> (tempfile::TempDir, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache {
            dir: dir.path().join("roleshift"),
        };
        (dir, c)
    }

    #[test]
    fn round_trip_and_min_ttl() {
        let (_d, c) = cache();
        c.put("k", "prod", &creds(3600)).unwrap();
        assert_eq!(c.get("k", 600).unwrap().access_key_id, "ASIATEST");
        assert!(c.get("k", 3600).is_none(), "less than min-ttl left");
        assert!(c.get("other", 0).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let (_d, c) = cache();
        c.put("k", "prod", &creds(3600)).unwrap();
        assert_eq!(
            std::fs::metadata(c.dir()).unwrap().permissions().mode() & 0o777,
            0o700
        );
        assert_eq!(
            std::fs::metadata(c.path_for("k"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }

    #[test]
    fn corrupt_truncated_and_foreign_entries_are_misses() {
        let (_d, c) = cache();
        c.put("k", "prod", &creds(3600)).unwrap();
        let path = c.path_for("k");
        let good = std::fs::read(&path).unwrap();
        for bad in [
            &good[..good.len() / 2],
            b"",
            b"\xff\xfe",
            b"{\"version\":1}",
        ] {
            std::fs::write(&path, bad).unwrap();
            assert!(c.get("k", 0).is_none());
        }
        // A valid entry stored under the wrong name is not trusted.
        std::fs::write(
            &path,
            String::from_utf8(good)
                .unwrap()
                .replace("\"key\":\"k\"", "\"key\":\"x\""),
        )
        .unwrap();
        assert!(c.get("k", 0).is_none());
        c.put("k", "prod", &creds(3600)).unwrap();
        assert!(c.get("k", 0).is_some(), "a bad entry is replaced");
    }

    #[test]
    fn file_names_carry_no_secret_or_name() {
        let (_d, c) = cache();
        c.put("role=arn:aws:iam::1:role/R", "prod", &creds(3600))
            .unwrap();
        let name = c.files().unwrap()[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.len() == 45 && name.ends_with(".json"), "{name}");
    }

    #[test]
    fn clear_by_label() {
        let (_d, c) = cache();
        c.put("a", "prod", &creds(3600)).unwrap();
        c.put("b", "dev", &creds(3600)).unwrap();
        assert_eq!(c.clear(Some("prod")).unwrap(), 1);
        assert_eq!(c.list().unwrap().len(), 1);
        assert_eq!(c.clear(None).unwrap(), 1);
    }
}
