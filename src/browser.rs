//! Opening a URL in the user's browser, and leaving cleanly on Ctrl-C while
//! waiting for one. The opener is `ROLESHIFT_BROWSER`, else `BROWSER`, else
//! the platform's (`open`, or `xdg-open` when a display exists); with none,
//! nothing opens and the caller prints the URL instead.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::env::Env;

/// The command that opens URLs, if any can run here.
fn opener(env: &Env) -> Option<Vec<String>> {
    for var in ["ROLESHIFT_BROWSER", "BROWSER"] {
        if let Some(v) = env.get(var).filter(|v| !v.trim().is_empty()) {
            // BROWSER may list several commands separated by `:`; the first wins.
            let first = v.split(':').next().unwrap_or(v);
            return Some(first.split_whitespace().map(str::to_string).collect());
        }
    }
    if cfg!(target_os = "macos") {
        return Some(vec!["open".into()]);
    }
    let display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| env.get(v).is_some_and(|d| !d.is_empty()));
    display.then(|| vec!["xdg-open".into()])
}

/// Opens `url`; false when no browser can be opened here. The URL reaches the
/// opener as an argument, so callers pass nothing secret (see `console`).
pub fn open(url: &str, env: &Env) -> Result<bool> {
    let Some(argv) = opener(env) else {
        return Ok(false);
    };
    let (prog, rest) = argv.split_first().context("the browser command is empty")?;
    let mut args: Vec<String> = rest.iter().map(|a| a.replace("%s", url)).collect();
    if !rest.iter().any(|a| a.contains("%s")) {
        args.push(url.to_string());
    }
    let mut child = Command::new(prog)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run the browser command `{prog}`"))?;
    // Openers return at once; a browser itself may stay in the foreground.
    // A quick failure is reported, a long run is left to itself.
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("`{prog}` failed ({status})");
            }
            return Ok(true);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(true)
}

/// From now on, Ctrl-C prints `line` and exits 130 instead of dying silently.
/// For a process that waits on the user and holds no half-written file.
#[cfg(unix)]
pub fn cancel_on_interrupt(line: &'static str) {
    static LINE: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    let _ = LINE.set(line);
    extern "C" fn on_sigint(_: libc::c_int) {
        if let Some(l) = LINE.get() {
            // Only async-signal-safe calls here: write(2) and _exit(2).
            unsafe {
                libc::write(2, l.as_ptr().cast(), l.len());
                libc::_exit(130);
            }
        }
    }
    unsafe {
        libc::signal(libc::SIGINT, on_sigint as *const () as libc::sighandler_t);
    }
}

/// Elsewhere Ctrl-C ends the process as it always does.
#[cfg(not(unix))]
pub fn cancel_on_interrupt(_: &'static str) {}
