//! `roleshift exec --each GLOB [--parallel N] -- CMD` (SPEC §13): CMD once per
//! profile whose name matches GLOB, at most N at a time. Each run resolves
//! its profile (the STS calls overlap too) and then runs CMD with those
//! credentials; its output lines carry the profile name (see `output`). A
//! profile that cannot be resolved is reported and skipped. At the end a
//! summary of every profile's status goes to stderr.

mod output;

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};

use crate::env::Env;
use crate::error::{usage, with_hint};
use crate::profile::Profiles;
use crate::request::Request;
use crate::resolve::{self, CacheUse, Plan};
use output::{Stream, prefix, pump};

/// How one profile's run ended.
#[derive(Debug)]
enum Outcome {
    /// CMD ran; its exit status, 128+N for a signal as shells report it.
    Exited { code: i32, signal: Option<i32> },
    /// No credentials: the profile's error line was printed when it happened.
    Unresolved,
    /// CMD could not be started.
    NotStarted,
}

/// Runs `command` once per profile matching `glob` (with the options of
/// `req`), at most `parallel` at a time.
pub fn run(
    req: &Request,
    glob: &str,
    parallel: Option<usize>,
    command: &[std::ffi::OsString],
    env: &Env,
) -> Result<i32> {
    let pattern =
        glob::Pattern::new(glob).map_err(|e| usage(format!("--each `{glob}`: {}", e.msg)))?;
    let Some((program, rest)) = command.split_first() else {
        return Err(usage(
            "--each needs a command: roleshift exec --each GLOB -- CMD",
        ));
    };
    // A typo in CMD costs no STS call and no MFA code.
    let resolved = super::exec::locate(program, env)?;
    let profiles = Profiles::load(env)?;
    let mut names: Vec<String> = profiles
        .names()
        .into_iter()
        .filter(|n| pattern.matches(n))
        .map(str::to_string)
        .collect();
    if names.is_empty() {
        return Err(with_hint(
            anyhow::anyhow!("exec --each: no profile matches `{glob}`"),
            "`roleshift list` shows the profiles; quote the pattern so the shell leaves it alone",
        ));
    }
    names.sort();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    // Planning reads only the files already loaded: cheap, and done here so
    // the workers share nothing but the cache.
    let plans: Vec<Option<Plan>> = names
        .iter()
        .map(|name| {
            let mut target = req.clone();
            target.target = Some(name.clone());
            resolve::plan::plan(&target, &profiles, env)
                .map_err(|e| report_unresolved(name, width, &e))
                .ok()
        })
        .collect();
    let cache = CacheUse::new(&req.cache, env);
    let workers = parallel.unwrap_or_else(default_parallel).min(names.len());
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..names.len()).map(|_| None).collect());
    let child = Child {
        path: &resolved,
        program,
        args: rest,
    };
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(name) = names.get(i) else { break };
                    let outcome = match &plans[i] {
                        None => Outcome::Unresolved,
                        Some(plan) => one(name, width, plan, &cache, env, &child),
                    };
                    outcomes.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(outcome);
                }
            });
        }
    });
    let outcomes = outcomes.into_inner().unwrap_or_else(|p| p.into_inner());
    let failed = summarize(&names, width, &outcomes);
    Ok(if failed == 0 { 0 } else { 1 })
}

/// The number of CPUs, at least 4: the runs mostly wait on the network.
fn default_parallel() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .max(4)
}

/// The command every run starts.
struct Child<'a> {
    path: &'a Path,
    program: &'a OsString,
    args: &'a [OsString],
}

/// Resolves one profile and runs the command with its credentials.
fn one(
    name: &str,
    width: usize,
    plan: &Plan,
    cache: &CacheUse,
    env: &Env,
    child: &Child<'_>,
) -> Outcome {
    let creds = match resolve::execute(plan, cache, env) {
        Ok(c) => c,
        Err(e) => {
            report_unresolved(name, width, &e);
            return Outcome::Unresolved;
        }
    };
    let change = match crate::envvars::change_for(&creds, plan) {
        Ok(c) => c,
        Err(e) => {
            report_unresolved(name, width, &e);
            return Outcome::Unresolved;
        }
    };
    let mut cmd = Command::new(child.path);
    cmd.args(child.args)
        // Many children cannot share one terminal's input.
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut cmd, child.program);
    for (var, value) in &change.set {
        cmd.env(var, value);
    }
    for var in &change.remove {
        cmd.env_remove(var);
    }
    let tag = prefix(name, width);
    let started = cmd
        .spawn()
        .with_context(|| format!("cannot run `{}`", child.program.to_string_lossy()));
    let mut proc = match started {
        Ok(p) => p,
        Err(e) => {
            let (line, _) = crate::error::render(&e);
            Stream::Stderr.write(&[&tag[..], line.as_bytes(), b"\n"].concat());
            return Outcome::NotStarted;
        }
    };
    let (out, err) = (proc.stdout.take(), proc.stderr.take());
    std::thread::scope(|s| {
        if let Some(err) = err {
            s.spawn(|| pump(err, &tag, |b| Stream::Stderr.write(b)));
        }
        if let Some(out) = out {
            pump(out, &tag, |b| Stream::Stdout.write(b));
        }
    });
    match proc.wait() {
        Ok(status) => exited(status),
        Err(_) => Outcome::NotStarted,
    }
}

fn exited(status: std::process::ExitStatus) -> Outcome {
    #[cfg(unix)]
    if let Some(sig) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return Outcome::Exited {
            code: 128 + sig,
            signal: Some(sig),
        };
    }
    Outcome::Exited {
        code: status.code().unwrap_or(1),
        signal: None,
    }
}

/// The profile's error, prefixed like its output would have been.
fn report_unresolved(name: &str, width: usize, err: &anyhow::Error) {
    let (line, hint) = crate::error::render(err);
    let tag = prefix(name, width);
    let mut text = [&tag[..], line.as_bytes(), b"\n"].concat();
    if let Some(h) = hint {
        text.extend_from_slice(&[&tag[..], b"  hint: ", h.as_bytes(), b"\n"].concat());
    }
    Stream::Stderr.write(&text);
}

/// Prints the table of statuses and the totals; returns how many failed.
fn summarize(names: &[String], width: usize, outcomes: &[Option<Outcome>]) -> usize {
    let mut text = String::from("roleshift: exec --each:\n");
    let (mut ok, mut failed, mut unresolved) = (0, 0, 0);
    for (name, outcome) in names.iter().zip(outcomes) {
        let status = match outcome {
            Some(Outcome::Exited { code: 0, .. }) => {
                ok += 1;
                "0".to_string()
            }
            Some(Outcome::Exited { code, signal }) => {
                failed += 1;
                match signal {
                    Some(s) => format!("{code} (killed by signal {s})"),
                    None => code.to_string(),
                }
            }
            Some(Outcome::NotStarted) => {
                failed += 1;
                "not started".to_string()
            }
            Some(Outcome::Unresolved) | None => {
                unresolved += 1;
                "not resolved".to_string()
            }
        };
        let shown = crate::sanitize::printable(name).into_owned();
        let pad = width.saturating_sub(shown.chars().count());
        text.push_str(&format!("  {shown}{}  {status}\n", " ".repeat(pad)));
    }
    text.push_str(&format!(
        "roleshift: exec --each: {} profiles: {ok} succeeded, {failed} failed, {unresolved} not resolved\n",
        names.len()
    ));
    Stream::Stderr.write(text.as_bytes());
    failed + unresolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_four_at_a_time_by_default() {
        assert!(default_parallel() >= 4);
    }

    #[test]
    fn signals_report_as_shells_do() {
        use std::os::unix::process::ExitStatusExt;
        match exited(std::process::ExitStatus::from_raw(9)) {
            Outcome::Exited { code, signal } => assert_eq!((code, signal), (137, Some(9))),
            other => panic!("{other:?}"),
        }
        match exited(std::process::ExitStatus::from_raw(3 << 8)) {
            Outcome::Exited { code, signal } => assert_eq!((code, signal), (3, None)),
            other => panic!("{other:?}"),
        }
    }
}
