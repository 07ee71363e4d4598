//! Per-directory roles. `config` reads `.roleshift.toml`, `trust` keeps the
//! trust store, and this file is `hook-env`: what a shell hook runs at a
//! prompt where something changed. The hook scripts (shell/hook.*) run it
//! only when `$PWD`, the renewal deadline or a watched file's mtime changed,
//! so an idle prompt starts no process; they evaluate what it prints.
//!
//! `hook-env` sees the shell's saved variables (`__roleshift_old_*`), exported
//! to it alone, so that it resolves credentials in the user's own environment
//! rather than in the session it applied, and knows exactly what leaving
//! will restore.

pub mod config;
pub mod decide;
mod examine;
pub mod hand;
pub mod render;
pub mod scripts;
pub mod stamp;
pub mod state;
pub mod trust;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Result;

use crate::creds::unix;
use crate::env::Env;
use crate::shell::HookShell;
use crate::shell::{Change, MANAGED, SESSION_VARS};
use decide::{LeaveWhy, Step, Want, decide};
use render::{Output, Session, Undo};
use state::{Applied, State};
use trust::TrustStore;

/// The shell variable (exported to `hook-env` only) that carries the state.
const STATE_VAR: &str = "__roleshift_state";

/// Runs one hook decision and returns what the shell should evaluate.
/// Messages for the user go to stderr, one line each. It cannot fail: every
/// problem becomes a message, and the output always ends with the line the
/// hook checks for (anything else means the run was cut short).
pub fn hook_env(shell: HookShell, cancelled: bool, env: &Env) -> String {
    let (out, msgs) = run(shell, cancelled, env, logical_pwd(env).as_deref());
    for m in msgs {
        eprintln!("{m}");
    }
    out
}

/// The decision in `dir`, with the message lines it produced.
fn run(shell: HookShell, cancelled: bool, env: &Env, dir: Option<&Path>) -> (String, Vec<String>) {
    let mut msgs = Vec::new();
    let now = unix(SystemTime::now());
    let mut state = State::parse(env.raw(STATE_VAR));
    let stamps = crate::cache::Cache::new(env).map(|c| c.dir().join("stamps"));
    let trust = TrustStore::new(env);
    let found = dir.and_then(config::find);
    let want = match &found {
        None => Want::None,
        Some(p) => examine::examine(p, trust.as_ref(), &state),
    };
    let step = decide(&state, &want, now, cancelled);
    tracing::debug!(?step, "hook");

    // A failure is remembered only while the shell stays in that tree.
    if !matches!(&want, Want::Tree { id, .. } if state.failed.as_deref() == Some(id.as_str())) {
        state.failed = None;
    }
    if let Want::Blocked { id, line } = &want
        && !state.was_warned(id)
    {
        msgs.push(line.clone());
        state.warn(id);
    }
    let session = act(step, &want, &mut state, env, now, &mut msgs);
    let session = hand::at_prompt(
        session, step, &want, &mut state, cancelled, env, now, &mut msgs,
    );

    let watch = |f: &Path| stamp::watch(stamps.as_deref(), f);
    let (cfg, trust_watch) = match &found {
        Some(p) => (watch(p), trust.as_ref().and_then(|t| watch(t.path()))),
        None => (None, None),
    };
    let ttl = match (&state.applied, &state.hand) {
        (Some(a), _) => a.renew_at,
        (None, Some(h)) => Some(h.renew_at),
        (None, None) => None,
    }
    .map(|r| r - now);
    let undo = Undo::of(&state, env);
    let out = Output {
        session,
        state,
        cfg,
        trust: trust_watch,
        ttl,
        undo,
    };
    (render::render(shell, &out), msgs)
}

fn act(
    step: Step,
    want: &Want,
    state: &mut State,
    env: &Env,
    now: i64,
    msgs: &mut Vec<String>,
) -> Session {
    let tree = match want {
        Want::Tree { id, path, cfg } => Some((id, path, cfg)),
        _ => None,
    };
    match (step, tree) {
        (Step::Nothing | Step::Skip, _) => Session::None,
        (Step::Keep, _) => {
            notice_hand_changes(state, env, msgs);
            Session::None
        }
        (Step::Enter | Step::Switch | Step::Renew, Some((id, path, cfg))) => {
            if step != Step::Enter {
                notice_hand_changes(state, env, msgs);
            }
            match apply(step, id, path, cfg, state, env, now) {
                Ok((session, applied)) => {
                    state.applied = Some(applied);
                    session
                }
                Err(e) => {
                    let (line, _) = crate::error::render(&e);
                    if step == Step::Renew
                        && crate::mfa::needs_input(&e)
                        && let Some(a) = state.applied.as_mut()
                        && a.expires.is_some_and(|x| x > now)
                    {
                        let expires = a.expires.unwrap_or(now);
                        a.renew_at = Some(expires);
                        msgs.push(format!(
                            "{line} (the credentials of {} stay until they expire in {})",
                            show(path),
                            crate::duration::human(expires - now)
                        ));
                        return Session::None;
                    }
                    state.failed = Some(id.clone());
                    if step == Step::Enter {
                        msgs.push(format!(
                            "{line} ({} is not applied; cd out and back in to retry)",
                            show(path)
                        ));
                        Session::None
                    } else {
                        msgs.push(format!(
                            "{line} (removed the credentials of {}; cd out and back in to retry)",
                            show(path)
                        ));
                        leave(state, env)
                    }
                }
            }
        }
        (Step::Leave(why), _) => {
            notice_hand_changes(state, env, msgs);
            let label = state.applied.as_ref().map(|a| a.label.clone());
            let label = label.as_deref().map(clean).unwrap_or_default();
            match why {
                LeaveWhy::Left => {}
                LeaveWhy::Cancelled => msgs.push(format!(
                    "roleshift: cancelled; removed {label}, and this directory's role is not applied (cd out and back in to retry)"
                )),
                LeaveWhy::Expired => msgs.push(format!(
                    "roleshift: renewal cancelled, and the credentials for {label} have expired since; removed them (cd out and back in to retry)"
                )),
            }
            // After a Ctrl-C, no blind retry: the user asked to stop.
            if let (LeaveWhy::Cancelled | LeaveWhy::Expired, Some((id, _, _))) = (why, tree) {
                state.failed = Some(id.clone());
            }
            leave(state, env)
        }
        (Step::CancelledEnter, Some((id, path, _))) => {
            msgs.push(format!(
                "roleshift: cancelled; {} is not applied (cd out and back in to retry)",
                show(path)
            ));
            state.failed = Some(id.clone());
            Session::None
        }
        (Step::CancelledRenew, _) => {
            if let Some(a) = state.applied.as_mut() {
                a.renew_at = a.expires;
                let left = a.expires.map(|e| e - now).unwrap_or(0);
                msgs.push(format!(
                    "roleshift: renewal cancelled; the credentials for {} expire in {}, when the next prompt tries again",
                    clean(&a.label),
                    crate::duration::human(left)
                ));
            }
            Session::None
        }
        // decide() returns these steps only with a tree.
        (Step::Enter | Step::Switch | Step::Renew | Step::CancelledEnter, None) => Session::None,
    }
}

/// Resolves the tree's role in the user's own environment and builds the change.
fn apply(
    step: Step,
    id: &str,
    path: &Path,
    cfg: &config::DirConfig,
    state: &State,
    env: &Env,
    now: i64,
) -> Result<(Session, Applied)> {
    // Renewing happens at a prompt the user did not ask for: it never asks.
    let own_env = match step {
        Step::Renew => crate::mfa::without_prompts(&own_env(env)),
        _ => own_env(env),
    };
    let min_ttl = min_ttl(env);
    let (plan, creds) = crate::resolve::resolve(&cfg.request(Some(min_ttl)), &own_env)?;
    let mut change = crate::envvars::change_for(&creds, &plan)?;

    // Variables the user changed by hand keep their value through a renewal;
    // through a switch, only those the new tree does not set itself.
    let prev_own: &[String] = match (&state.applied, step) {
        (Some(a), Step::Renew | Step::Switch) => &a.own,
        _ => &[],
    };
    let mut own = Vec::new();
    for name in state::owned(prev_own) {
        let restores = change.value(name).is_none() && !change.remove.contains(&name);
        if step == Step::Renew || restores {
            set_in(&mut change, name, env.raw(name));
            if prev_own.iter().any(|o| o == name) {
                own.push(name.to_string());
            }
        }
    }

    // What each tracked variable holds once the change is applied: restored
    // ones go back to the user's own value.
    let vars = state::TRACKED
        .iter()
        .map(|n| {
            let after = if let Some(v) = change.value(n) {
                Some(v)
            } else if change.remove.contains(n) {
                None
            } else {
                own_env.raw(n)
            };
            (n.to_string(), state::digest(after))
        })
        .collect();
    let expires = creds.expiration.map(unix);
    let applied = Applied {
        id: id.to_string(),
        config: path.display().to_string(),
        // Messages say which role in which account, from what (SPEC §7).
        label: crate::resolve::describe::describe(&plan),
        renew_at: expires.map(|e| crate::renewal::Rule::new(Some(min_ttl)).renew_at(now, e)),
        expires,
        vars,
        own,
    };
    let session = Session::Export {
        drop_inherited: step == Step::Enter,
        change,
    };
    Ok((session, applied))
}

fn set_in(change: &mut Change, name: &'static str, value: Option<&str>) {
    change.set.retain(|(n, _)| *n != name);
    change.remove.retain(|n| *n != name);
    match value {
        Some(v) => change.set.push((name, v.to_string())),
        None => change.remove.push(name),
    }
}

fn leave(state: &mut State, env: &Env) -> Session {
    let keep = match state.applied.take() {
        Some(a) => state::owned(&a.own)
            .into_iter()
            .map(|n| (n, env.raw(n).map(str::to_string)))
            .collect(),
        None => Vec::new(),
    };
    Session::Leave { keep }
}

/// Says once which variables the user changed by hand; from then on they are theirs.
fn notice_hand_changes(state: &mut State, env: &Env, msgs: &mut Vec<String>) {
    let Some(a) = state.applied.as_mut() else {
        return;
    };
    let changed = state::changed_by_hand(a, env);
    if changed.is_empty() {
        return;
    }
    let dir = Path::new(&a.config)
        .parent()
        .map(|d| clean(&d.display().to_string()))
        .unwrap_or_default();
    msgs.push(format!(
        "roleshift: {} changed by hand in {dir}; roleshift leaves {} as you set {}",
        changed.join(", "),
        if changed.len() == 1 { "it" } else { "them" },
        if changed.len() == 1 { "it" } else { "them" },
    ));
    a.own.extend(changed.into_iter().map(str::to_string));
}

/// The environment as the user had it: the values saved before the first
/// export instead of the session's, and without an inherited session (which
/// the export drops). Credentials are resolved in it.
pub fn own_env(env: &Env) -> Env {
    let mut changes: Vec<(String, Option<String>)> = Vec::new();
    if env.raw("__roleshift_saved").is_some() {
        for n in MANAGED {
            let old = env.raw(&format!("__roleshift_old_{n}")).map(str::to_string);
            changes.push((n.to_string(), old));
        }
    } else if env.raw(crate::vars::PROFILE).is_some() {
        changes.extend(SESSION_VARS.iter().map(|n| (n.to_string(), None)));
    }
    let ours: Vec<String> = env
        .names()
        .filter(|n| n.starts_with("__roleshift_"))
        .map(str::to_string)
        .collect();
    changes.extend(ours.into_iter().map(|n| (n, None)));
    env.with_vars(changes)
}

pub(crate) fn min_ttl(env: &Env) -> u64 {
    env.get("ROLESHIFT_MIN_TTL")
        .and_then(|v| crate::duration::parse_seconds(v).ok())
        .unwrap_or(crate::resolve::DEFAULT_MIN_TTL)
}

/// The shell's `$PWD` when it names the current directory (so configs are
/// found along the path the user sees, symlinks and all), else the real one.
pub fn logical_pwd(env: &Env) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok();
    let pwd = env
        .raw("PWD")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    match (pwd, cwd) {
        (Some(p), Some(c)) if same_dir(&p, &c) => Some(p),
        (_, Some(c)) => Some(c),
        (p, None) => p,
    }
}

#[cfg(unix)]
fn same_dir(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_dir(a: &Path, b: &Path) -> bool {
    std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
}

/// A path or name for a message line: control characters (a newline or an
/// escape sequence in a directory name) must not reach the terminal.
pub fn show(path: &Path) -> String {
    clean(&path.display().to_string())
}

fn clean(s: &str) -> String {
    crate::sanitize::printable(s).into_owned()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
