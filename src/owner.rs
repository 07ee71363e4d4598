//! Ownership (SPEC §6): a cache entry, a trust entry, a lock or their
//! directory is believed only if it belongs to the user running roleshift and
//! no one else can write it. Where another user can create
//! `$XDG_CACHE_HOME` or `$XDG_DATA_HOME` first (shared or /tmp-style setups),
//! this is what stops them planting sessions or trust. Every refusal names
//! the path.

use std::fs::Metadata;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The user roleshift runs as.
#[cfg(unix)]
pub fn me() -> u32 {
    // SAFETY: geteuid cannot fail and touches no memory.
    unsafe { libc::geteuid() }
}

/// `what` at `path` (described by `meta`) belongs to this user and is
/// writable by no one else.
#[cfg(unix)]
pub fn check(meta: &Metadata, path: &Path, what: &str) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let me = me();
    if meta.uid() != me {
        bail!(
            "refusing {what} {}: it belongs to uid {}, not to you (uid {me})",
            show(path),
            meta.uid()
        );
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o022 != 0 {
        bail!(
            "refusing {what} {}: others can write it (mode {mode:04o})",
            show(path)
        );
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn check(_: &Metadata, _: &Path, _: &str) -> Result<()> {
    Ok(())
}

/// A directory roleshift keeps files in (following a link to it: what counts
/// is who owns the directory the files really land in).
pub fn check_dir(dir: &Path, what: &str) -> Result<()> {
    let meta = std::fs::metadata(dir).with_context(|| format!("cannot read {}", show(dir)))?;
    check(&meta, dir, what)
}

/// A file roleshift wrote (never a link: it writes none) and its directory.
pub fn check_file(path: &Path, what: &str) -> Result<Metadata> {
    let dir = parent(path);
    check_dir(dir, &format!("the directory of {what}"))?;
    let meta =
        std::fs::symlink_metadata(path).with_context(|| format!("cannot read {}", show(path)))?;
    if !meta.is_file() {
        bail!("refusing {what} {}: not a regular file", show(path));
    }
    check(&meta, path, what)?;
    Ok(meta)
}

/// Creates `dir` and each missing parent with mode 0700 (not the umask's
/// mode: a parent such as `~/.cache` created 0755 would show what exists),
/// then requires that `dir` is this user's and makes it 0700.
pub fn private_dir(dir: &Path) -> Result<()> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    for d in missing.iter().rev() {
        let mut b = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        match b.create(d) {
            Ok(()) => {}
            // Another roleshift made it at the same moment: checked below.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", show(d))),
        }
    }
    let meta = std::fs::metadata(dir).with_context(|| format!("cannot read {}", show(dir)))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.uid() != me() || meta.mode() & 0o022 != 0 {
            // Refused before the chmod: as root, the chmod would succeed and
            // make a planted directory look like ours; and what others could
            // write may hold their files already.
            check(&meta, dir, "the directory")?;
        }
        if meta.mode() & 0o777 != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("cannot make {} private", show(dir)))?;
        }
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn show(path: &Path) -> String {
    crate::sanitize::printable(&path.display().to_string()).into_owned()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn creates_missing_parents_private() {
        let d = tempfile::tempdir().unwrap();
        let deep = d.path().join("a/b/c");
        private_dir(&deep).unwrap();
        for p in ["a", "a/b", "a/b/c"] {
            let mode = std::fs::metadata(d.path().join(p))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "{p}");
        }
    }

    #[test]
    fn refuses_what_others_can_write() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("f");
        std::fs::write(&f, "x").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o620)).unwrap();
        let err = check_file(&f, "the cache entry").unwrap_err().to_string();
        assert!(err.contains("others can write it (mode 0620)"), "{err}");
        assert!(err.contains(&f.display().to_string()), "{err}");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let err = check_file(&f, "the cache entry").unwrap_err().to_string();
        assert!(err.contains("mode 0777"), "{err}");
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        check_file(&f, "the cache entry").unwrap();
        let link = d.path().join("l");
        std::os::unix::fs::symlink(&f, &link).unwrap();
        assert!(check_file(&link, "x").is_err(), "a link is not believed");
    }
}
