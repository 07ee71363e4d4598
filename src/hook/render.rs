//! What `hook-env` prints: for bash, zsh, fish and PowerShell, code that the
//! hook evaluates; for nushell, one JSON object that the hook reads as data.
//!
//! Entering, switching and renewing reuse `shell::render_export`, and leaving
//! reuses `shell::render_unset`: the first export saves the managed
//! variables in shell-local variables and leaving restores them exactly. This
//! file adds only the hook's own state and the variables left to the user.
//! Every value is quoted with the shell's own quoting function.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::state::State;
use crate::cli::{Format, HookShell};
use crate::shell::{self, Change, MANAGED, SESSION_VARS};

/// The credentials part of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    None,
    /// Apply `change`. With `drop_inherited`, a session this shell inherited
    /// (no saved state of its own) is removed first, so that leaving later
    /// cannot bring another shell's credentials back.
    Export {
        drop_inherited: bool,
        change: Change,
    },
    /// Restore what was there before, then put back the variables the user
    /// changed by hand (None: the user had removed it).
    Leave {
        keep: Vec<(&'static str, Option<String>)>,
    },
}

/// A file the shell watches without a process: it re-runs `hook-env` when
/// the file's modification time differs from the stamp's (a file roleshift
/// keeps with the same mtime), or when a file that had no stamp appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watch {
    pub file: PathBuf,
    pub stamp: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub session: Session,
    pub state: State,
    pub cfg: Option<Watch>,
    pub trust: Option<Watch>,
    /// Seconds until the next prompt must run `hook-env` anyway (renewal).
    pub ttl: Option<i64>,
}

pub fn render(shell: HookShell, out: &Output) -> String {
    match shell {
        HookShell::Bash | HookShell::Zsh => code(&Posix, out),
        HookShell::Fish => code(&Fish, out),
        HookShell::Powershell => code(&Pwsh, out),
        HookShell::Nu => data(out),
    }
}

/// The few statements the hook needs beyond export and unset.
trait Lang {
    fn format(&self) -> Format;
    fn quote(&self, s: &str) -> String;
    fn drop_inherited(&self) -> String;
    fn set_env(&self, name: &str, value: Option<&str>) -> String;
    /// Sets a shell-local (unexported) variable; None clears it.
    fn set_local(&self, name: &str, value: Option<&str>) -> String;
    /// The last line: clears the hook's busy mark.
    fn commit(&self) -> String;
}

fn code(lang: &dyn Lang, out: &Output) -> String {
    let mut s = String::new();
    match &out.session {
        Session::None => {}
        Session::Export {
            drop_inherited,
            change,
        } => {
            if *drop_inherited {
                s.push_str(&lang.drop_inherited());
            }
            // Code shells always render; an error is impossible here.
            s.push_str(&shell::render_export(lang.format(), change).unwrap_or_default());
        }
        Session::Leave { keep } => {
            s.push_str(&shell::render_unset(lang.format(), true).unwrap_or_default());
            for (name, value) in keep {
                s.push_str(&lang.set_env(name, value.as_deref()));
            }
        }
    }
    let state = out.state.encode();
    let ttl = out.ttl.map(|t| t.max(0).to_string());
    let vars: [(&str, Option<&str>); 6] = [
        ("__roleshift_state", Some(state.as_str())),
        ("__roleshift_cfg", watched(&out.cfg)),
        ("__roleshift_cfg_stamp", stamp(&out.cfg)),
        ("__roleshift_trust", watched(&out.trust)),
        ("__roleshift_trust_stamp", stamp(&out.trust)),
        ("__roleshift_ttl", ttl.as_deref()),
    ];
    for (name, value) in vars {
        s.push_str(&lang.set_local(name, value));
    }
    // Last, so that the hook evaluates only complete output (a Ctrl-C can
    // leave a run with status 0 and partial output in fish): it checks for
    // this line, and evaluating it clears the mark that says a run was cut short.
    s.push_str(&lang.commit());
    s
}

/// A path the shell can compare: non-UTF-8 paths are not watched (the shell
/// would look at a different name), which costs only an edit noticed late.
fn path_str(p: &Path) -> Option<&str> {
    p.to_str()
}

fn watched(w: &Option<Watch>) -> Option<&str> {
    w.as_ref().and_then(|w| path_str(&w.file))
}

fn stamp(w: &Option<Watch>) -> Option<&str> {
    w.as_ref()
        .filter(|w| path_str(&w.file).is_some())
        .and_then(|w| w.stamp.as_deref())
        .and_then(path_str)
}

struct Posix;

impl Lang for Posix {
    fn format(&self) -> Format {
        Format::Bash
    }
    fn quote(&self, s: &str) -> String {
        shell::posix_quote(s).into_owned()
    }
    fn drop_inherited(&self) -> String {
        format!(
            "if [ -z \"${{__roleshift_saved+x}}\" ] && [ -n \"${{ROLESHIFT_PROFILE+x}}\" ]; then unset {}; fi\n",
            SESSION_VARS.join(" ")
        )
    }
    fn set_env(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("export {name}={}\n", self.quote(v)),
            None => format!("unset {name}\n"),
        }
    }
    fn set_local(&self, name: &str, value: Option<&str>) -> String {
        format!("{name}={}\n", self.quote(value.unwrap_or("")))
    }
    fn commit(&self) -> String {
        "unset __roleshift_busy\n".into()
    }
}

struct Fish;

impl Lang for Fish {
    fn format(&self) -> Format {
        Format::Fish
    }
    fn quote(&self, s: &str) -> String {
        shell::fish_quote(s)
    }
    fn drop_inherited(&self) -> String {
        format!(
            "if not set -q __roleshift_saved; and set -q ROLESHIFT_PROFILE\n  {}\nend\n",
            shell::fish_erase(&SESSION_VARS.join(" "))
        )
    }
    fn set_env(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("set -gx {name} {}\n", self.quote(v)),
            None => format!("{}\n", shell::fish_erase(name)),
        }
    }
    fn set_local(&self, name: &str, value: Option<&str>) -> String {
        format!("set -g {name} {}\n", self.quote(value.unwrap_or("")))
    }
    fn commit(&self) -> String {
        // The busy mark is always set here, so this erase succeeds, and the
        // fish hook recognises complete output by this exact last line.
        "set -e __roleshift_busy\n".into()
    }
}

struct Pwsh;

impl Lang for Pwsh {
    fn format(&self) -> Format {
        Format::Powershell
    }
    fn quote(&self, s: &str) -> String {
        shell::powershell_quote(s)
    }
    fn drop_inherited(&self) -> String {
        let names: Vec<String> = SESSION_VARS.iter().map(|n| self.quote(n)).collect();
        format!(
            "if ($null -eq $global:__roleshift_old -and (Test-Path -LiteralPath Env:ROLESHIFT_PROFILE)) {{\n  foreach ($n in @({})) {{ Remove-Item -LiteralPath \"Env:$n\" -ErrorAction SilentlyContinue }}\n}}\n",
            names.join(", ")
        )
    }
    fn set_env(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("$env:{name} = {}\n", self.quote(v)),
            None => format!("Remove-Item -LiteralPath Env:{name} -ErrorAction SilentlyContinue\n"),
        }
    }
    fn set_local(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("$global:{name} = {}\n", self.quote(v)),
            None => format!("$global:{name} = $null\n"),
        }
    }
    fn commit(&self) -> String {
        "$global:__roleshift_busy = $false\n".into()
    }
}

/// nushell evaluates no code from us: it gets the export as the same JSON
/// object `export --format nu` prints, and does the saving and restoring
/// itself (shell/hook.nu), with the managed names listed here.
fn data(out: &Output) -> String {
    let (export, leave, drop_inherited, keep) = match &out.session {
        Session::None => (Value::Null, false, false, Map::new()),
        Session::Export {
            drop_inherited,
            change,
        } => {
            let text = shell::json(change);
            let v = serde_json::from_str(&text).unwrap_or(Value::Null);
            (v, false, *drop_inherited, Map::new())
        }
        Session::Leave { keep } => {
            let map = keep
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone().map_or(Value::Null, Value::String)))
                .collect();
            (Value::Null, true, false, map)
        }
    };
    let watch = |w: &Option<Watch>| match watched(w) {
        Some(f) => json!([f, stamp(w)]),
        None => Value::Null,
    };
    let v = json!({
        "export": export,
        "leave": leave,
        "drop_inherited": drop_inherited,
        "keep": keep,
        "managed": MANAGED,
        "session_vars": SESSION_VARS,
        "state": out.state.encode(),
        "cfg": watch(&out.cfg),
        "trust": watch(&out.trust),
        "ttl": out.ttl.map(|t| t.max(0)),
    });
    let mut s = v.to_string();
    s.push('\n');
    s
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
