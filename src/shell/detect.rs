//! Which shell is asking: `--format`, then `$ROLESHIFT_SHELL`, then the parent
//! process's name, then `$SHELL`, then bash.

use super::Format;
use crate::env::Env;

pub fn detect_format(flag: Option<Format>, env: &Env) -> Format {
    flag.or_else(|| env.get("ROLESHIFT_SHELL").and_then(from_name))
        .or_else(|| parent_name().as_deref().and_then(from_name))
        .or_else(|| env.get("SHELL").and_then(from_name))
        .unwrap_or(Format::Bash)
}

/// Maps a shell's name or path (`-zsh`, `/usr/bin/fish`, `pwsh.exe`) to a format.
pub fn from_name(name: &str) -> Option<Format> {
    let base = name.rsplit('/').next().unwrap_or(name);
    let base = base.trim_start_matches('-');
    let base = base.strip_suffix(".exe").unwrap_or(base);
    Some(match base {
        "bash" | "sh" | "dash" | "ksh" => Format::Bash,
        "zsh" => Format::Zsh,
        "fish" => Format::Fish,
        "pwsh" | "powershell" => Format::Powershell,
        "nu" | "nushell" => Format::Nu,
        "dotenv" => Format::Dotenv,
        "json" => Format::Json,
        _ => return None,
    })
}

#[cfg(target_os = "linux")]
fn parent_name() -> Option<String> {
    let ppid = std::os::unix::process::parent_id();
    let comm = std::fs::read_to_string(format!("/proc/{ppid}/comm")).ok()?;
    Some(comm.trim_end().to_string())
}

#[cfg(all(unix, not(target_os = "linux")))]
fn parent_name() -> Option<String> {
    let ppid = std::os::unix::process::parent_id().to_string();
    let out = std::process::Command::new("ps")
        .args(["-o", "comm=", "-p", &ppid])
        .output()
        .ok()?;
    Some(String::from_utf8(out.stdout).ok()?.trim().to_string())
}

#[cfg(not(unix))]
fn parent_name() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        assert_eq!(from_name("-zsh"), Some(Format::Zsh));
        assert_eq!(from_name("/usr/local/bin/fish"), Some(Format::Fish));
        assert_eq!(from_name("pwsh.exe"), Some(Format::Powershell));
        assert_eq!(from_name("python3"), None);
    }

    #[test]
    fn flag_then_variable() {
        let env = Env::from_pairs(&[("ROLESHIFT_SHELL", "fish"), ("SHELL", "/bin/zsh")]);
        assert_eq!(detect_format(Some(Format::Json), &env), Format::Json);
        assert_eq!(detect_format(None, &env), Format::Fish);
    }
}
