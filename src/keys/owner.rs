//! SPEC §6 ownership: a key-store file is believed only if it and its
//! directory belong to the user running roleshift and no one else can write
//! them. Anything else is refused with an error naming the path.

use std::path::Path;

use anyhow::{Context, Result, bail};

/// Creates the directory (private) when missing, then checks it.
pub fn private_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        crate::fsutil::private_dir(dir)?;
    }
    check(dir, true)
}

/// Checks a file that exists; a missing one is fine (nothing to believe).
pub fn file(path: &Path) -> Result<()> {
    if_present(path, false)
}

/// Checks a directory that exists; a missing one holds nothing to believe.
pub fn dir(path: &Path) -> Result<()> {
    if_present(path, true)
}

fn if_present(path: &Path, is_dir: bool) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        Ok(_) => check(path, is_dir),
    }
}

#[cfg(unix)]
fn check(path: &Path, is_dir: bool) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let shown = path.display();
    if meta.file_type().is_symlink() {
        bail!("{shown} is a symlink; roleshift does not follow links in its key store");
    }
    if is_dir != meta.is_dir() {
        let want = if is_dir {
            "a directory"
        } else {
            "a regular file"
        };
        bail!("{shown} is not {want}");
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        bail!(
            "{shown} belongs to user id {}, not to you ({me}); not trusting it",
            meta.uid()
        );
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o022 != 0 {
        return Err(crate::error::with_hint(
            anyhow::anyhow!("{shown} can be written by others (mode {mode:04o}); not trusting it"),
            format!("chmod go-w {shown}"),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check(_: &Path, _: bool) -> Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn group_writable_and_symlinks_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("keys");
        std::fs::write(&f, "x").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o620)).unwrap();
        let (err, hint) = crate::error::render(&file(&f).unwrap_err());
        assert!(err.contains("mode 0620") && err.contains("keys"), "{err}");
        assert!(hint.is_some_and(|h| h.contains("chmod go-w")));
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        file(&f).unwrap();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&f, &link).unwrap();
        assert!(file(&link).unwrap_err().to_string().contains("symlink"));
        file(&d.path().join("absent")).unwrap();
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(private_dir(d.path()).is_err());
    }
}
