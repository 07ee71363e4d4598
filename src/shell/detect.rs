//! Which shell is asking: `--format`, then `$ROLESHIFT_SHELL`, then the parent
//! process's name, then `$SHELL`, then bash.
//!
//! Guessing may only pick a shell that evaluates code: the README's
//! `eval "$(roleshift export X)"` runs whatever comes out, and a data format
//! (json, dotenv, nu's JSON) evaluated as code runs a `$(...)` inside a value.
//! Data formats are therefore chosen by `--format` alone.

use anyhow::Result;

use super::Format;
use crate::env::Env;

pub fn detect_format(flag: Option<Format>, env: &Env) -> Result<Format> {
    if let Some(f) = flag {
        return Ok(f);
    }
    if let Some(f) = from_variable(env)? {
        return Ok(f);
    }
    Ok(parent_name()
        .as_deref()
        .and_then(from_name)
        .filter(|f| is_code(*f))
        .or_else(|| env.get("SHELL").and_then(from_name).filter(|f| is_code(*f)))
        .unwrap_or(Format::Bash))
}

/// `$ROLESHIFT_SHELL`, which may only name a shell that evaluates code; any
/// other value is an error naming the variable. Checked at start-up with the
/// other variables (src/settings.rs), and again where it is used.
pub fn from_variable(env: &Env) -> Result<Option<Format>> {
    let Some(name) = env.get("ROLESHIFT_SHELL") else {
        return Ok(None);
    };
    let shown = crate::sanitize::printable(name);
    match from_name(name) {
        Some(f) if is_code(f) => Ok(Some(f)),
        Some(_) => Err(crate::error::usage(format!(
            "ROLESHIFT_SHELL: `{shown}` is a data format; the variable may only name a shell (bash, zsh, fish, powershell): data formats are chosen with --format"
        ))),
        None => Err(crate::error::usage(format!(
            "ROLESHIFT_SHELL: `{shown}` is not a shell roleshift knows: bash, zsh, fish or powershell"
        ))),
    }
}

/// The shells whose output is code to evaluate, as opposed to data to parse.
fn is_code(f: Format) -> bool {
    matches!(
        f,
        Format::Bash | Format::Zsh | Format::Fish | Format::Powershell
    )
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
        assert_eq!(
            detect_format(Some(Format::Json), &env).unwrap(),
            Format::Json
        );
        assert_eq!(detect_format(None, &env).unwrap(), Format::Fish);
    }

    #[test]
    fn guessing_never_picks_a_data_format() {
        for data in ["json", "dotenv", "nu", "/usr/bin/nu", "nushell"] {
            let env = Env::from_pairs(&[("ROLESHIFT_SHELL", data)]);
            let err = detect_format(None, &env).unwrap_err();
            assert!(crate::error::is_usage(&err), "{data}");
            assert!(err.to_string().contains("ROLESHIFT_SHELL"), "{err}");
            // By --format it is the user's explicit choice.
            assert_eq!(
                detect_format(Some(Format::Json), &env).unwrap(),
                Format::Json
            );
            let env = Env::from_pairs(&[("SHELL", data)]);
            assert!(is_code(detect_format(None, &env).unwrap()), "{data}");
        }
    }
}
