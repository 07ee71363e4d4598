//! `roleshift exec --server`: run a command that gets its credentials from a
//! loopback endpoint (`server`) instead of static keys in its environment.
//! roleshift stays alive as the command's parent: it renews the credentials
//! through the cache before they expire, passes signals on, and exits with
//! the command's status, which closes the endpoint.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::creds::Credentials;
use crate::creds::unix;
use crate::env::Env;
use crate::renewal::{self, Clock, Rule, SystemClock};
use crate::request::Request;
use crate::resolve::{CacheUse, Plan};
use crate::server::{self, Store};

use crate::vars::SERVER_REMOVED as REMOVED;

/// Runs `program` (found on PATH already, named `argv0` by the user) with
/// `rest` as its arguments; `plan` and `creds` come from resolving the target.
pub fn run(
    target: &Request,
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
    let served = store.clone();
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
        .spawn(move || renewer.run(&SystemClock))
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
    cmd.env(crate::vars::PROFILE, &plan.label)
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &endpoint.url)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", endpoint.token.expose());
    tracing::debug!(program = %program.display(), profile = %plan.label, endpoint = %endpoint.url, "exec --server");
    #[cfg(unix)]
    signals::unblock_in_child(&mut cmd, &blocked);
    super::exec_linger::adopt_orphans();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot run `{}`", argv0.to_string_lossy()))?;
    #[cfg(unix)]
    let reaped = Arc::new(std::sync::Mutex::new(None));
    #[cfg(unix)]
    {
        signals::forward(blocked, child.id(), reaped.clone());
        signals::wait_exit(child.id());
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot wait for `{}`", argv0.to_string_lossy()))?;
    let code = exit_code(status);
    // From here on the pid may be reused: the forwarder must not use it.
    #[cfg(unix)]
    {
        *reaped.lock().unwrap_or_else(|e| e.into_inner()) = Some(code);
    }
    super::exec_linger::end_and_wait(&served);
    Ok(code)
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
    let _ = writeln!(std::io::stderr(), "{}", crate::sanitize::printable(line));
}

/// Keeps the endpoint's credentials fresh, through the cache, so that other
/// roleshift processes and this one share sessions.
struct Renewer {
    plan: Plan,
    target: Request,
    env: Env,
    store: Arc<Store>,
}

impl Renewer {
    fn run(self, clock: &dyn Clock) {
        let rule = Rule::new(self.target.cache.min_ttl);
        let Some(mut expires) = self.store.expiration().map(unix) else {
            return;
        };
        let mut deadline = rule.renew_at(clock.now(), expires);
        loop {
            renewal::sleep_until(clock, deadline);
            let cache = CacheUse::new(&self.target.cache, &self.env);
            match crate::resolve::execute(&self.plan, &cache, &self.env) {
                Ok(c) if c.expiration.is_some_and(|e| unix(e) > expires) => {
                    tracing::debug!(profile = %self.plan.label, until = ?c.expiration_rfc3339(), "renewed");
                    expires = c.expiration.map(unix).unwrap_or(expires);
                    self.store.set(c);
                    deadline = rule.renew_at(clock.now(), expires);
                }
                // The cache handed back the session held: it was renewed a
                // moment too early. Ask again shortly.
                Ok(_) => deadline = clock.now() + 1,
                Err(e) => {
                    let (line, _) = crate::error::render(&e);
                    let now = clock.now();
                    deadline = renewal::retry_at(now, expires);
                    warn(&format!(
                        "{line} (renewing for the child; trying again in {}s)",
                        deadline - now
                    ));
                    let why = line.strip_prefix("roleshift: ").unwrap_or(&line);
                    self.store.fail(why.to_string());
                }
            }
        }
    }
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
    /// Once the child is reaped (`reaped` holds its exit code), any signal
    /// ends the wait for what it left behind: roleshift exits with that code.
    pub fn forward(blocked: Blocked, child: u32, reaped: Arc<Mutex<Option<i32>>>) {
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                loop {
                    let Some((sig, from_terminal)) = next(&blocked.0) else {
                        continue;
                    };
                    tracing::debug!(sig, from_terminal, "signal");
                    let done = reaped.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(code) = *done {
                        std::process::exit(code);
                    }
                    if from_terminal {
                        continue;
                    }
                    {
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
