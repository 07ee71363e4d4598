//! `roleshift exec --server`: run a command that gets its credentials from a
//! loopback endpoint (`server`) instead of static keys in its environment.
//! roleshift stays alive as the command's parent: it renews the credentials
//! through the cache before they expire, passes signals on, and exits with
//! the command's status, which closes the endpoint.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use crate::cli::TargetArgs;
use crate::creds::Credentials;
use crate::env::Env;
use crate::resolve::{CacheUse, DEFAULT_MIN_TTL, Plan};
use crate::server::{self, Store};

/// Variables that would give the child credentials other than the
/// endpoint's, or make its SDK look elsewhere first: static keys, profiles,
/// web identity (which SDKs try before the container endpoint), and another
/// container endpoint or token file (which win over ours).
const REMOVED: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/// Runs `program` (found on PATH already, named `argv0` by the user) with
/// `rest` as its arguments; `plan` and `creds` come from resolving the target.
pub fn run(
    target: &TargetArgs,
    env: &Env,
    program: &Path,
    argv0: &OsStr,
    rest: &[OsString],
    plan: Plan,
    creds: Credentials,
) -> Result<i32> {
    if creds.expiration.is_none() {
        return Err(crate::error::with_hint(
            anyhow::anyhow!(
                "exec --server {}: these are long-term keys, and the endpoint serves temporary credentials",
                plan.label
            ),
            "use a profile that assumes a role (or has mfa_serial), or plain `roleshift exec`",
        ));
    }
    // Kept until the child is done: the directory goes with it.
    let private = super::exec_server_files::without_default_credentials(env)?;
    let store = Arc::new(Store::new(creds));
    // Before any thread starts, so that every thread inherits the mask and a
    // signal can only be taken by the forwarder.
    #[cfg(unix)]
    let blocked = signals::block()?;
    let endpoint = server::start(store.clone())?;
    let renewer = Renewer {
        plan: plan.clone(),
        target: target.clone(),
        env: env.clone(),
        store,
    };
    std::thread::Builder::new()
        .name("renewal".into())
        .spawn(move || renewer.run())
        .context("cannot start the renewal thread")?;

    let mut cmd = Command::new(program);
    cmd.args(rest);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut cmd, argv0);
    for name in REMOVED {
        cmd.env_remove(name);
    }
    if let (true, Some(region)) = (plan.export_region, &plan.region) {
        cmd.env("AWS_REGION", region)
            .env("AWS_DEFAULT_REGION", region);
    }
    if let Some(files) = &private {
        cmd.env("AWS_CONFIG_FILE", files.config())
            .env("AWS_SHARED_CREDENTIALS_FILE", files.credentials());
    }
    cmd.env("ROLESHIFT_PROFILE", &plan.label)
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &endpoint.url)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", endpoint.token.expose());
    tracing::debug!(program = %program.display(), profile = %plan.label, endpoint = %endpoint.url, "exec --server");
    #[cfg(unix)]
    signals::unblock_in_child(&mut cmd, &blocked);
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot run `{}`", argv0.to_string_lossy()))?;
    #[cfg(unix)]
    {
        let reaped = Arc::new(std::sync::Mutex::new(false));
        signals::forward(blocked, child.id(), reaped.clone());
        signals::wait_exit(child.id());
        // From here on the pid may be reused: the forwarder must not use it.
        *reaped.lock().unwrap_or_else(|e| e.into_inner()) = true;
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot wait for `{}`", argv0.to_string_lossy()))?;
    Ok(exit_code(status))
}

/// The child's own status; a child killed by signal N gives 128+N, as shells report it.
fn exit_code(status: std::process::ExitStatus) -> i32 {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return 128 + sig;
        }
    }
    status.code().unwrap_or(1)
}

/// One line on stderr. Not eprintln: that panics when stderr fails, and in
/// the renewal thread a panic would abort roleshift under its running child.
fn warn(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Keeps the endpoint's credentials fresh, through the cache, so that other
/// roleshift processes and this one share sessions.
struct Renewer {
    plan: Plan,
    target: TargetArgs,
    env: Env,
    store: Arc<Store>,
}

impl Renewer {
    fn run(self) {
        let min_ttl = Duration::from_secs(self.target.min_ttl.unwrap_or(DEFAULT_MIN_TTL));
        let mut retry: Option<Duration> = None;
        loop {
            let Some(expiration) = self.store.expiration() else {
                return;
            };
            let wait =
                retry.unwrap_or_else(|| next_renewal(expiration, SystemTime::now(), min_ttl));
            std::thread::sleep(wait);
            let cache = CacheUse::new(&self.target, &self.env);
            match crate::resolve::execute(&self.plan, &cache, &self.env) {
                Ok(c) if c.expiration.is_some_and(|e| e > expiration) => {
                    tracing::debug!(profile = %self.plan.label, until = ?c.expiration_rfc3339(), "renewed");
                    self.store.set(c);
                    retry = None;
                }
                // The cache handed back the session held: it was renewed a
                // moment too early. Ask again shortly.
                Ok(_) => retry = Some(Duration::from_secs(1)),
                Err(e) => {
                    let (line, _) = crate::error::render(&e);
                    let next = retry_after(expiration, SystemTime::now());
                    warn(&format!(
                        "{line} (renewing for the child; trying again in {}s)",
                        next.as_secs()
                    ));
                    let why = line.strip_prefix("roleshift: ").unwrap_or(&line);
                    self.store.fail(why.to_string());
                    retry = Some(next);
                }
            }
        }
    }
}

/// When to renew credentials that expire at `expiration`: `min_ttl` before,
/// as the cache would. A session shorter than `min_ttl` can never satisfy
/// it, so it is renewed halfway through instead of in a tight loop.
pub fn next_renewal(expiration: SystemTime, now: SystemTime, min_ttl: Duration) -> Duration {
    let left = expiration.duration_since(now).unwrap_or_default();
    let wait = if left > min_ttl {
        left - min_ttl
    } else {
        left / 2
    };
    wait.max(Duration::from_secs(1))
}

/// After a failed renewal: soon enough to succeed before expiry, but not a flood.
fn retry_after(expiration: SystemTime, now: SystemTime) -> Duration {
    let left = expiration.duration_since(now).unwrap_or_default();
    (left / 4).clamp(Duration::from_secs(1), Duration::from_secs(30))
}

/// Signals while the child runs. They are blocked in every roleshift thread
/// and taken by one thread with sigwait, so roleshift never dies of them.
/// A signal mask survives exec, so the child unblocks them for itself.
#[cfg(unix)]
mod signals {
    use std::process::Command;
    use std::sync::{Arc, Mutex};

    use anyhow::{Result, bail};

    const SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

    pub struct Blocked(libc::sigset_t);

    pub fn block() -> Result<Blocked> {
        // SAFETY: sigset_t is plain data, initialised by sigemptyset before use.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for s in SIGNALS {
                libc::sigaddset(&mut set, s);
            }
            if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
                bail!("cannot block signals for exec --server");
            }
            Ok(Blocked(set))
        }
    }

    /// The child starts with roleshift's mask minus these signals, as if
    /// roleshift had never blocked them.
    pub fn unblock_in_child(cmd: &mut Command, blocked: &Blocked) {
        use std::os::unix::process::CommandExt;
        let set = blocked.0;
        // SAFETY: sigprocmask is async-signal-safe, as a pre_exec hook must be.
        unsafe {
            cmd.pre_exec(move || {
                if libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut()) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }

    /// Passes each signal sent to roleshift on to the child. A signal from
    /// the terminal (Ctrl-C, Ctrl-\, hangup) went to the whole foreground
    /// process group, child included, so passing it on would deliver it twice.
    pub fn forward(blocked: Blocked, child: u32, reaped: Arc<Mutex<bool>>) {
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                loop {
                    let Some((sig, from_terminal)) = next(&blocked.0) else {
                        continue;
                    };
                    tracing::debug!(sig, from_terminal, "signal");
                    if from_terminal {
                        continue;
                    }
                    let done = reaped.lock().unwrap_or_else(|e| e.into_inner());
                    if !*done {
                        // SAFETY: kill has no memory effects; the pid is not reaped yet.
                        unsafe { libc::kill(child as libc::pid_t, sig) };
                    }
                }
            });
        if spawned.is_err() {
            super::warn(
                "roleshift: warning: cannot start the signal thread; signals to roleshift will not reach the command",
            );
        }
    }

    #[cfg(target_os = "linux")]
    fn next(set: &libc::sigset_t) -> Option<(libc::c_int, bool)> {
        // SAFETY: info is written by sigwaitinfo before it is read.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let sig = unsafe { libc::sigwaitinfo(set, &mut info) };
        (sig > 0).then_some((sig, info.si_code == libc::SI_KERNEL))
    }

    #[cfg(not(target_os = "linux"))]
    fn next(set: &libc::sigset_t) -> Option<(libc::c_int, bool)> {
        let mut sig = 0;
        // SAFETY: sigwait writes sig.
        if unsafe { libc::sigwait(set, &mut sig) } != 0 {
            return None;
        }
        // No sender here: take INT and QUIT to be the terminal's.
        Some((sig, matches!(sig, libc::SIGINT | libc::SIGQUIT)))
    }

    /// Waits until the child has exited, without reaping it, so its pid
    /// stays its own until the forwarder has been told.
    pub fn wait_exit(child: u32) {
        loop {
            // SAFETY: info is plain data that waitid fills in.
            let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
            let rc = unsafe {
                libc::waitid(
                    libc::P_PID,
                    child as libc::id_t,
                    &mut info,
                    libc::WEXITED | libc::WNOWAIT,
                )
            };
            if rc == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
            {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renews_min_ttl_before_expiry_or_halfway() {
        let now = SystemTime::now();
        let at = |s| now + Duration::from_secs(s);
        let m = |s| Duration::from_secs(s);
        assert_eq!(next_renewal(at(3600), now, m(600)), m(3000));
        assert_eq!(next_renewal(at(900), now, m(898)), m(2));
        // Shorter than min-ttl: halfway, never a tight loop.
        assert_eq!(next_renewal(at(900), now, m(1200)), m(450));
        assert_eq!(next_renewal(at(1), now, m(600)), m(1));
        assert_eq!(next_renewal(now - m(5), now, m(600)), m(1));
    }

    #[test]
    fn retries_are_bounded() {
        let now = SystemTime::now();
        assert_eq!(
            retry_after(now + Duration::from_secs(3600), now),
            Duration::from_secs(30)
        );
        assert_eq!(retry_after(now, now), Duration::from_secs(1));
    }
}
