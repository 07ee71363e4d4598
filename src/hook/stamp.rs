//! Stamps let a shell notice that a file changed without starting a process.
//! bash and zsh can compare two files' modification times (`-nt`, `-ot`) but
//! cannot read one, so for each watched file roleshift keeps an empty stamp
//! file carrying the watched file's mtime at the time it looked. When the
//! two differ, the file changed and the prompt runs `hook-env`.
//!
//! A stamp is named after the file and that mtime and never rewritten, so
//! shells that watch the same file never disturb each other.

use std::fs::File;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use super::render::Watch;

/// Beyond this many stamps the directory is emptied; a shell whose stamp
/// vanished just runs `hook-env` once more.
const MAX_STAMPS: usize = 256;

/// How to watch `file`: None when it cannot be watched (the shell then
/// notices a change only at the next `cd`, never at every prompt).
pub fn watch(dir: Option<&Path>, file: &Path) -> Option<Watch> {
    let dir = dir?;
    let meta = match std::fs::metadata(file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(Watch {
                file: file.to_path_buf(),
                stamp: None,
            });
        }
        Err(_) => return None,
    };
    let mtime = meta.modified().ok()?;
    let nanos = mtime.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    let id = crate::cache::digest(&format!("{}\0{nanos}", file.display()));
    let stamp = dir.join(&id[..32]);
    let fresh = std::fs::metadata(&stamp)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t == mtime);
    if let Err(e) = if fresh {
        Ok(())
    } else {
        create(dir, &stamp, mtime)
    } {
        tracing::debug!(error = %e, "cannot keep a stamp; the file is not watched");
        return None;
    }
    Some(Watch {
        file: file.to_path_buf(),
        stamp: Some(stamp),
    })
}

fn create(dir: &Path, stamp: &Path, mtime: SystemTime) -> anyhow::Result<()> {
    crate::fsutil::private_dir(dir)?;
    prune(dir);
    let f = File::create(stamp)?;
    f.set_modified(mtime)?;
    drop(f);
    // A file system that keeps coarser times than the watched file's would
    // make every prompt see a change: better not to watch at all.
    let kept = std::fs::metadata(stamp)?.modified()?;
    if kept != mtime {
        let _ = std::fs::remove_file(stamp);
        anyhow::bail!("the stamp's file system does not keep the same mtime");
    }
    Ok(())
}

fn prune(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<_> = rd.filter_map(|e| e.ok()).collect();
    if entries.len() >= MAX_STAMPS {
        for e in entries {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_carries_the_files_mtime_and_changes_with_it() {
        let d = tempfile::tempdir().unwrap();
        let stamps = d.path().join("stamps");
        let f = d.path().join("f");
        let missing = watch(Some(&stamps), &f).unwrap();
        assert_eq!(
            missing.stamp, None,
            "an absent file is watched for appearing"
        );

        std::fs::write(&f, "a").unwrap();
        let w = watch(Some(&stamps), &f).unwrap();
        let s = w.stamp.clone().unwrap();
        let m = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
        assert_eq!(m(&s), m(&f));
        assert_eq!(
            watch(Some(&stamps), &f).unwrap(),
            w,
            "stable while unchanged"
        );

        let later = m(&f) + std::time::Duration::from_millis(1500);
        File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(later)
            .unwrap();
        let w2 = watch(Some(&stamps), &f).unwrap();
        assert_ne!(w2.stamp, w.stamp);
        assert_eq!(
            m(w.stamp.as_ref().unwrap()),
            m(&s),
            "old stamps stay as they were"
        );
        assert!(watch(None, &f).is_none());
    }

    #[test]
    fn the_directory_is_bounded() {
        let d = tempfile::tempdir().unwrap();
        let stamps = d.path().join("stamps");
        std::fs::create_dir(&stamps).unwrap();
        for i in 0..MAX_STAMPS {
            std::fs::write(stamps.join(i.to_string()), "").unwrap();
        }
        let f = d.path().join("f");
        std::fs::write(&f, "a").unwrap();
        watch(Some(&stamps), &f).unwrap();
        assert_eq!(std::fs::read_dir(&stamps).unwrap().count(), 1);
    }
}
