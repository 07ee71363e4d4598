//! One refresh for many callers (SPEC §4): when several processes miss the
//! cache for the same session at once, the first takes an exclusive lock on
//! a file beside the cache entry and calls STS (asking for at most one MFA
//! code); the others wait for the lock and then find its answer in the cache.
//!
//! The lock is `flock`-style, so the kernel releases it when its holder dies:
//! a waiter then goes on and calls STS itself. A holder that never finishes
//! (say, at an MFA prompt nobody answers) makes waiters give up after
//! `MAX_WAIT` with an error naming it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cache::Cache;

/// Long enough for a person to find their MFA device and type a code.
pub const MAX_WAIT: Duration = Duration::from_secs(300);

/// The lock of one session's refresh, held until dropped.
pub struct Flight {
    _file: File,
}

/// Takes the refresh lock for KEY, waiting at most MAX_WAIT for another
/// process that holds it; the bool says whether it had to wait. None when
/// the lock file cannot be made (a read-only cache): like a cache that cannot
/// be written, that costs speed, not correctness.
pub fn enter(cache: &Cache, key: &str) -> Result<Option<(Flight, bool)>> {
    match open(cache, key) {
        Ok(file) => wait_for(file, cache, key, MAX_WAIT).map(Some),
        Err(e) => {
            tracing::debug!(error = %format!("{e:#}"), "no refresh lock; going on without");
            Ok(None)
        }
    }
}

fn open(cache: &Cache, key: &str) -> Result<File> {
    crate::fsutil::private_dir(cache.dir())?;
    let path = cache.lock_path(key);
    let mut opts = OpenOptions::new();
    opts.create(true).truncate(false).read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(&path)
        .with_context(|| format!("cannot open the lock {}", path.display()))
}

fn wait_for(mut file: File, cache: &Cache, key: &str, max: Duration) -> Result<(Flight, bool)> {
    let path = cache.lock_path(key);
    let start = Instant::now();
    let mut pause = Duration::from_millis(5);
    let mut waited = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        if start.elapsed() >= max {
            bail!(
                "waited {}s for another roleshift process{} getting the same session (it may be waiting for an MFA code); try again when it is done",
                max.as_secs(),
                holder(&mut file).map_or(String::new(), |pid| format!(" (pid {pid})"))
            );
        }
        if !waited {
            tracing::debug!(lock = %path.display(), "another process is getting this session; waiting");
        }
        waited = true;
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
    // Who holds it, for the error of a waiter that gives up. Best effort.
    let _ = file
        .set_len(0)
        .and_then(|_| file.rewind())
        .and_then(|_| write!(file, "{}", std::process::id()));
    Ok((Flight { _file: file }, waited))
}

fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::Env;

    #[test]
    fn a_second_caller_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let env = Env::from_pairs(&[("XDG_CACHE_HOME", dir.path().to_str().unwrap())]);
        let cache = Cache::new(&env).unwrap();
        let (first, waited) = enter(&cache, "k").unwrap().unwrap();
        assert!(!waited);
        let (tx, rx) = std::sync::mpsc::channel();
        let t = std::thread::spawn(move || {
            let cache = Cache::new(&env).unwrap();
            let (_second, waited) = enter(&cache, "k").unwrap().unwrap();
            tx.send(waited).unwrap();
        });
        // The second caller cannot get in while the first holds the lock.
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        drop(first);
        assert!(rx.recv_timeout(Duration::from_secs(60)).unwrap());
        t.join().unwrap();
        // Another key is another flight: no wait.
        let (_other, waited) = enter(&cache, "other").unwrap().unwrap();
        assert!(!waited);
    }

    #[test]
    fn a_waiter_gives_up_with_an_error_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let env = Env::from_pairs(&[("XDG_CACHE_HOME", dir.path().to_str().unwrap())]);
        let cache = Cache::new(&env).unwrap();
        let (_held, _) = enter(&cache, "k").unwrap().unwrap();
        let file = open(&cache, "k").unwrap();
        let err = match wait_for(file, &cache, "k", Duration::from_millis(200)) {
            Ok(_) => panic!("got the lock its holder still has"),
            Err(e) => e.to_string(),
        };
        let pid = std::process::id();
        assert!(
            err.starts_with("waited 0s for another roleshift process (pid "),
            "{err}"
        );
        assert!(err.contains(&format!("(pid {pid})")), "{err}");
    }
}
