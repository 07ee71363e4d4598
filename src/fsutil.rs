//! Files that hold secrets: written atomically (temporary file in the same
//! directory, fsync, rename), mode 0600, under an advisory lock. Only the
//! user's own files (the credentials and config files `save` edits) are
//! written through a symlink; everything roleshift keeps beside them (the
//! `.bak`, the lock, temporary files) and its own stores never follow one, so
//! a link planted there cannot redirect a write (SPEC §6).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The file a path really names: a symlinked file is written through the link.
pub fn resolve_link(path: &Path) -> PathBuf {
    match std::fs::canonicalize(path) {
        Ok(real) => real,
        // Not there yet (or a dangling link): follow one level by hand.
        Err(_) => match std::fs::read_link(path) {
            Ok(target) if target.is_absolute() => target,
            Ok(target) => path.parent().map(|p| p.join(&target)).unwrap_or(target),
            Err(_) => path.to_path_buf(),
        },
    }
}

/// How [`atomic_write_through`] sets the new file's mode.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 0600: the file holds secrets.
    Private,
    /// The old file's mode (0600 for a new file): `save --region` edits the
    /// config file, whose mode is the user's choice.
    Keep,
}

/// Replaces `path` with `bytes` atomically, mode 0600. A reader sees the old
/// file or the new one, never a mix, even if this process dies mid-way. A
/// symlink at `path` is replaced, not followed (rename does not follow).
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    write_at(path, bytes, 0o600)
}

/// [`atomic_write`] for a file of the user's, written through a symlink.
pub fn atomic_write_through(path: &Path, bytes: &[u8], mode: Mode) -> Result<()> {
    let real = resolve_link(path);
    let bits = match mode {
        Mode::Private => 0o600,
        Mode::Keep => old_mode(&real).unwrap_or(0o600),
    };
    write_at(&real, bytes, bits)
}

#[cfg(unix)]
fn old_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::metadata(path).ok()?.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn old_mode(_: &Path) -> Option<u32> {
    None
}

fn write_at(real: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let real = real.to_path_buf();
    refuse_read_only(&real)?;
    let dir = real
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    remove_stale_temporaries(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".roleshift-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    set_mode(tmp.as_file(), mode)?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", real.display()))?;
    tmp.persist(&real)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace {}", real.display()))?;
    // The rename is durable only once the directory is synced too.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A writer killed between creating its temporary file and the rename leaves
/// that file behind, with secrets in it. The next writer removes such files
/// once they are old enough that no live writer can still own them.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let cutoff = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".roleshift-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < cutoff);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A rename replaces a file whatever its mode, so a file its owner made
/// read-only is refused here, as a tool writing in place (the AWS CLI)
/// would be refused; root included, since a mode is a statement of intent.
/// Refuses a file its owner made read-only: replacing it by rename would
/// succeed, and silently undo that choice.
#[cfg(unix)]
pub fn refuse_read_only(real: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(real) else {
        return Ok(());
    };
    let mode = meta.permissions().mode() & 0o777;
    if meta.is_file() && mode & 0o200 == 0 {
        return Err(crate::error::with_hint(
            anyhow::anyhow!(
                "{} is read-only (mode {mode:04o}); not replacing it",
                real.display()
            ),
            format!("make it writable first: chmod u+w {}", real.display()),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn refuse_read_only(_: &Path) -> Result<()> {
    Ok(())
}

/// Creates `dir` (and missing parents) 0700 and requires it to be the user's.
pub fn private_dir(dir: &Path) -> Result<()> {
    crate::owner::private_dir(dir)
}

#[cfg(unix)]
fn set_mode(f: &File, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("cannot set mode {mode:04o}"))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> Result<()> {
    Ok(())
}

/// An exclusive advisory lock, held until dropped. It locks a sidecar
/// `NAME.lock` because the file itself is replaced by rename.
pub struct Lock {
    _file: File,
}

pub fn lock(path: &Path) -> Result<Lock> {
    let real = resolve_link(path);
    let mut name = real
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    let lock_path = real.with_file_name(name);
    let mut opts = OpenOptions::new();
    opts.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A link planted at the lock's name fails the open (ELOOP) instead
        // of creating or truncating a file wherever it points.
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = opts
        .open(&lock_path)
        .with_context(|| format!("cannot open the lock {}", lock_path.display()))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read the lock {}", lock_path.display()))?;
    crate::owner::check(&meta, &lock_path, "the lock")?;
    file.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    Ok(Lock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_private_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, "old").unwrap();
        atomic_write(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn removes_stale_temporaries_only() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".roleshift-dead.tmp");
        let fresh = dir.path().join(".roleshift-live.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "x").unwrap();
        }
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_modified(old)
            .unwrap();
        atomic_write(&dir.path().join("f"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists() && other.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o400)).unwrap();
        let (err, _) = crate::error::render(&atomic_write(&p, b"new").unwrap_err());
        assert!(err.contains("read-only (mode 0400)"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        let link = dir.path().join("link");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        atomic_write_through(&link, b"new", Mode::Private).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn lock_is_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        let held = lock(&p).unwrap();
        let other = File::options()
            .write(true)
            .open(dir.path().join("f.lock"))
            .unwrap();
        assert!(other.try_lock().is_err());
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
