//! Finding the program `exec` runs, the way `execvp`, `env` and shells do, so
//! the exit status says what went wrong: 127 when there is no such command,
//! 126 when there is one but it cannot be run.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Why a program cannot be run, and the exit status that says so.
pub struct NotRunnable {
    pub code: i32,
    pub why: String,
}

/// Exit status for a command that exists but cannot be run.
pub const CANNOT_RUN: i32 = 126;
/// Exit status for a command that does not exist.
pub const NOT_FOUND: i32 = 127;

/// A name with a slash is a path (relative to CWD); a bare name is searched
/// for in PATH. Like `execvp`, a match that is not executable is remembered
/// and reported only if no later directory has a runnable one.
pub fn find(program: &OsStr, path: &str, cwd: &Path) -> Result<PathBuf, NotRunnable> {
    if program.to_string_lossy().contains('/') {
        let candidate = cwd.join(program);
        return check(&candidate).map(|()| candidate);
    }
    let mut refused = None;
    for dir in std::env::split_paths(path) {
        let candidate = if dir.as_os_str().is_empty() {
            cwd.join(program)
        } else {
            cwd.join(dir).join(program)
        };
        match check(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.code == CANNOT_RUN && refused.is_none() => refused = Some(e),
            Err(_) => {}
        }
    }
    Err(refused.unwrap_or(NotRunnable {
        code: NOT_FOUND,
        why: "command not found on PATH".into(),
    }))
}

fn check(candidate: &Path) -> Result<(), NotRunnable> {
    let cannot = |why: &str| NotRunnable {
        code: CANNOT_RUN,
        why: format!("{} {why}", candidate.display()),
    };
    let meta = match std::fs::metadata(candidate) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(cannot("cannot be reached (permission denied)"));
        }
        Err(_) => {
            return Err(NotRunnable {
                code: NOT_FOUND,
                why: format!("no such file: {}", candidate.display()),
            });
        }
    };
    if meta.is_dir() {
        return Err(cannot("is a directory"));
    }
    if !is_executable(&meta) {
        return Err(cannot("is not executable"));
    }
    Ok(())
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.is_file() && meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    meta.is_file()
}

/// The exit status for an `execve` that failed although the file looked
/// runnable (a missing `#!` interpreter, a `noexec` mount).
pub fn code_of(err: &std::io::Error) -> i32 {
    match err.kind() {
        std::io::ErrorKind::NotFound => NOT_FOUND,
        _ => CANNOT_RUN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn missing_is_127_and_not_executable_is_126() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let plain = d.join("plain");
        std::fs::write(&plain, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o644)).unwrap();
        let path = d.to_str().unwrap();
        assert_eq!(find(OsStr::new("nosuch"), path, d).err().unwrap().code, 127);
        assert_eq!(find(OsStr::new("plain"), path, d).err().unwrap().code, 126);
        assert_eq!(find(OsStr::new("./plain"), "", d).err().unwrap().code, 126);
        assert_eq!(find(OsStr::new("./nosuch"), "", d).err().unwrap().code, 127);
        assert_eq!(find(OsStr::new(path), "", d).err().unwrap().code, 126);
        std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(find(OsStr::new("plain"), path, d).ok(), Some(plain));
    }
}
