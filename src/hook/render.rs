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

use super::state::{self, State};
use crate::env::Env;
use crate::shell::{self, Change, Dialect, HookShell, MANAGED, SESSION_VARS};
use crate::vars::hook;

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

/// How the shell undoes the applied tree by itself, at once, when a run is
/// cut short (Ctrl-C during a switch) in a directory outside `root`: the
/// old tree's credentials must not serve the next command there, and the
/// next prompt may be far away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    /// The applied tree's directory, as the shell's `$PWD` spells it.
    pub root: PathBuf,
    /// What leaving restores and keeps (see `Session::Leave`).
    pub keep: Vec<(&'static str, Option<String>)>,
    /// The state as if the shell had left the tree.
    pub state: State,
}

impl Undo {
    /// With a tree applied: what leaving it would do, for the shell to do
    /// at once if a later run is cut short outside the tree.
    pub fn of(state: &State, env: &Env) -> Option<Undo> {
        let a = state.applied.as_ref()?;
        let root = Path::new(&a.config).parent()?.to_path_buf();
        let keep = state::owned(&a.own)
            .into_iter()
            .map(|n| (n, env.raw(n).map(str::to_string)))
            .collect();
        let left = State {
            applied: None,
            hand: None,
            failed: None,
            warned: state.warned.clone(),
        };
        Some(Undo {
            root,
            keep,
            state: left,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub session: Session,
    pub state: State,
    pub cfg: Option<Watch>,
    pub trust: Option<Watch>,
    /// Seconds until the next prompt must run `hook-env` anyway (renewal).
    pub ttl: Option<i64>,
    /// With a tree applied: how the shell drops it if cut short elsewhere.
    pub undo: Option<Undo>,
}

pub fn render(sh: HookShell, out: &Output) -> String {
    match shell::dialect(shell::hook_format(sh)) {
        Some(lang) => code(lang, out),
        None => data(out),
    }
}

fn code(lang: &dyn Dialect, out: &Output) -> String {
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
            s.push_str(&lang.export(change));
        }
        Session::Leave { keep } => s.push_str(&leave(lang, keep)),
    }
    let state = out.state.encode();
    let ttl = out.ttl.map(|t| t.max(0).to_string());
    let undo = out.undo.as_ref().map(|u| {
        let mut code = leave(lang, &u.keep);
        code.push_str(&lang.set_local(hook::STATE, Some(&u.state.encode())));
        code.push_str(&lang.set_local(hook::ROOT, None));
        code.push_str(&lang.set_local(hook::UNDO, None));
        code
    });
    // A root the shell could not compare (not UTF-8) is not undone in-shell;
    // the next prompt still removes the old tree's role.
    let root = out.undo.as_ref().and_then(|u| path_str(&u.root));
    let values = [
        Some(state.as_str()),
        watched(&out.cfg),
        stamp(&out.cfg),
        watched(&out.trust),
        stamp(&out.trust),
        ttl.as_deref(),
        root,
        root.and(undo.as_deref()),
    ];
    for (name, value) in hook::FROM_HOOK_ENV.into_iter().zip(values) {
        s.push_str(&lang.set_local(name, value));
    }
    // Last, so that the hook evaluates only complete output (a Ctrl-C can
    // leave a run with status 0 and partial output in fish): it checks for
    // this line, and evaluating it clears the mark that says a run was cut short.
    s.push_str(&lang.commit());
    s
}

/// Restores what was there before the first export, then puts back the
/// variables the user changed by hand.
fn leave(lang: &dyn Dialect, keep: &[(&'static str, Option<String>)]) -> String {
    let mut s = lang.unset();
    for (name, value) in keep {
        s.push_str(&lang.set_env(name, value.as_deref()));
    }
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
        "undo": out.undo.as_ref().and_then(|u| {
            let keep: Map<String, Value> = u
                .keep
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone().map_or(Value::Null, Value::String)))
                .collect();
            let root = path_str(&u.root)?;
            Some(json!({"root": root, "managed": MANAGED, "keep": keep, "state": u.state.encode()}))
        }),
    });
    let mut s = v.to_string();
    s.push('\n');
    s
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
