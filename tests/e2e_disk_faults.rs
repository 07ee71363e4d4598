//! Files under faults (SPEC §6, §8): a full disk or a read-only directory
//! leaves the old file intact with a clear error (or, for the cache, only a
//! warning), and writers killed with SIGKILL at random instants never leave
//! a torn cache entry or a credentials section mixing two writes.
//!
//! A full disk is simulated with `ulimit -f 0` (writes fail with EFBIG, the
//! same path as ENOSPC); where the test runs as root, also with a real full
//! tmpfs, and a read-only directory with a read-only bind mount (root is not
//! stopped by file modes).

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Moto, Output, Sandbox, assert_ok, run};

const BASE: &str = "[profile base]\naws_access_key_id = AKIADISKFAULTBASE001\naws_secret_access_key = diskFaultSecret\n";

fn role_config(role: &str) -> String {
    format!("{BASE}[profile prod]\nrole_arn = {role}\nsource_profile = base\nregion = us-east-1\n")
}

fn against<'a>(cmd: &'a mut Command, moto: &Moto) -> &'a mut Command {
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1")
}

fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// CMD with file writes limited to 0 bytes: every write to a file fails
/// with EFBIG, as on a full disk. SIGXFSZ is ignored so the write fails
/// instead of killing the process (an ignored signal survives exec).
fn disk_full(cmd: &Command) -> Command {
    wrap(&[], cmd, "trap '' XFSZ; ulimit -f 0; exec \"$@\"", &[])
}

/// CMD with DIR mounted read-only in a private mount namespace (root), or
/// made read-only by its mode (others).
fn read_only(cmd: &Command, dir: &Path) -> Command {
    if is_root() {
        let script = "d=$1; shift; mount --bind \"$d\" \"$d\" && \
                      mount -o remount,bind,ro \"$d\" && exec \"$@\"";
        wrap(&["unshare", "-m"], cmd, script, &[dir.as_os_str()])
    } else {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        wrap(&[], cmd, "exec \"$@\"", &[])
    }
}

/// `PREFIX... sh -c SCRIPT sh ARGS... PROGRAM PROGRAM_ARGS...`, with CMD's
/// environment and directory.
fn wrap(prefix: &[&str], cmd: &Command, script: &str, args: &[&std::ffi::OsStr]) -> Command {
    let (program, before) = match prefix.split_first() {
        Some((p, rest)) => (*p, rest),
        None => ("sh", &[][..]),
    };
    let mut c = Command::new(program);
    c.args(before);
    if !prefix.is_empty() {
        c.arg("sh");
    }
    c.arg("-c")
        .arg(script)
        .arg("sh")
        .args(args)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    copy_env(cmd, &mut c);
    c
}

fn copy_env(from: &Command, to: &mut Command) {
    to.env_clear();
    for (k, v) in from.get_envs() {
        if let Some(v) = v {
            to.env(k, v);
        }
    }
    if let Some(d) = from.get_current_dir() {
        to.current_dir(d);
    }
    to.stdin(Stdio::null());
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn temporaries(dir: &Path) -> Vec<String> {
    files_in(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Export succeeds, with exactly one line on stderr saying the session was
/// not cached, and the cache holds nothing (not even a temporary file).
#[track_caller]
fn exported_uncached(out: &Output, sb: &Sandbox) {
    assert_ok(out);
    let vars: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON on stdout");
    assert!(vars["AWS_SESSION_TOKEN"].is_string());
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one warning line:\n{}", out.stderr);
    assert!(
        lines[0].starts_with("roleshift: ") && lines[0].ends_with("(the session was not cached)"),
        "{}",
        out.stderr
    );
    let dir = sb.path("cache/roleshift");
    // The refresh lock (`*.lock`, see resolve/flight.rs) holds no session.
    let left: Vec<_> = files_in(&dir)
        .into_iter()
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "the cache holds {left:?}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn export_works_when_the_disk_is_full() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&role_config("arn:aws:iam::777700000001:role/DiskFull"));
    let mut export = sb.cmd(&["export", "prod", "--format", "json"]);
    against(&mut export, moto);
    let out = run(&mut disk_full(&export));
    exported_uncached(&out, &sb);
    assert!(out.stderr.contains("File too large"), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn export_works_when_the_cache_directory_is_read_only() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&role_config("arn:aws:iam::777700000002:role/ReadOnlyCache"));
    let mut export = sb.cmd(&["export", "prod", "--format", "json"]);
    against(&mut export, moto);
    let out = run(&mut read_only(&export, &sb.path("cache")));
    restore_mode(&sb.path("cache"));
    exported_uncached(&out, &sb);
}

/// A real full filesystem (ENOSPC), where the test may mount one.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn export_works_on_a_really_full_filesystem() {
    let moto = Moto::shared();
    if !is_root() {
        eprintln!(
            "SKIP (allowed): mounting a full tmpfs needs root; export_works_when_the_disk_is_full covers the path"
        );
        return;
    }
    let sb = Sandbox::new();
    sb.write_config(&role_config("arn:aws:iam::777700000003:role/Enospc"));
    let mut export = sb.cmd(&["export", "prod", "--format", "json"]);
    against(&mut export, moto);
    let script = "d=$1; shift; mount -t tmpfs -o size=4k tmpfs \"$d\" && mkdir \"$d/roleshift\" && \
                  { dd if=/dev/zero of=\"$d/roleshift/fill\" bs=4k count=4 2>/dev/null; true; } && exec \"$@\"";
    let mut cmd = wrap(
        &["unshare", "-m"],
        &export,
        script,
        &[sb.path("cache").as_os_str()],
    );
    let out = run(&mut cmd);
    assert_ok(&out);
    assert!(
        out.stderr.contains("No space left on device")
            && out.stderr.ends_with("(the session was not cached)\n"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

fn restore_mode(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
    }
}

/// A credentials file with the user's own sections, and a keys profile to save.
fn save_sandbox() -> (Sandbox, String) {
    let sb = Sandbox::new();
    sb.write_config(
        "[profile keys]\naws_access_key_id = AKIASAVEDISKFAULT001\n\
         aws_secret_access_key = newSecret\naws_session_token = newToken\n",
    );
    let original = "# mine\n[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = old\n";
    sb.write_credentials(original);
    (sb, original.to_string())
}

/// A failed save: exit 1, one line and maybe a hint, and the credentials
/// file, its directory and the backup exactly as before.
#[track_caller]
fn save_failed_cleanly(out: &Output, sb: &Sandbox, original: &str, before: &[String]) {
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with("roleshift: ")
            && (lines.len() == 1 || lines.len() == 2 && lines[1].starts_with("  hint: ")),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("newSecret") && !out.stderr.contains("newToken"));
    assert_eq!(
        fs::read_to_string(sb.path("home/.aws/credentials")).unwrap(),
        original,
        "the old file is intact"
    );
    let after = files_in(&sb.path("home/.aws"));
    let new: Vec<_> = after.iter().filter(|n| !before.contains(n)).collect();
    // A lock file is harmless, and so is a backup of the very same bytes.
    let harmless = |n: &&String| {
        n.ends_with(".lock")
            || (n.as_str() == "credentials.bak"
                && fs::read_to_string(sb.path("home/.aws/credentials.bak")).unwrap() == original)
    };
    assert!(new.iter().all(harmless), "left behind: {new:?}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn save_on_a_full_disk_fails_cleanly() {
    let (sb, original) = save_sandbox();
    let before = files_in(&sb.path("home/.aws"));
    let save = sb.cmd(&["save", "keys", "--as", "saved"]);
    let out = run(&mut disk_full(&save));
    save_failed_cleanly(&out, &sb, &original, &before);
    assert!(out.stderr.contains("File too large"), "{}", out.stderr);
    // Space again: the same save succeeds.
    assert_ok(&run(&mut sb.cmd(&["save", "keys", "--as", "saved"])));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn save_into_a_read_only_directory_fails_cleanly() {
    let (sb, original) = save_sandbox();
    let dir = sb.path("home/.aws");
    let before = files_in(&dir);
    let save = sb.cmd(&["save", "keys", "--as", "saved"]);
    let out = run(&mut read_only(&save, &dir));
    restore_mode(&dir);
    save_failed_cleanly(&out, &sb, &original, &before);
    assert!(
        out.stderr.contains("Read-only file system") || out.stderr.contains("Permission denied"),
        "{}",
        out.stderr
    );
}

/// Regression: with stderr on the full disk too (`2>>log` in a cron job),
/// printing the error panicked (exit 101) instead of exiting 1.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_error_that_cannot_be_printed_still_exits_1() {
    let (sb, original) = save_sandbox();
    let save = sb.cmd(&["save", "keys", "--as", "saved"]);
    let script = "trap '' XFSZ; ulimit -f 0; exec \"$@\" 2>stderr.log";
    let out = run(&mut wrap(&[], &save, script, &[]));
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(sb.path("home/.aws/credentials")).unwrap(),
        original
    );
}

/// A credentials file its owner made read-only is not replaced, even though
/// a rename could (and root could write it anyway).
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn save_over_a_read_only_credentials_file_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let (sb, original) = save_sandbox();
    let path = sb.path("home/.aws/credentials");
    // An older backup must survive a refused save untouched.
    let backup = sb.path("home/.aws/credentials.bak");
    fs::write(&backup, "older backup\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let before = files_in(&sb.path("home/.aws"));
    let out = run(&mut sb.cmd(&["save", "keys", "--as", "saved"]));
    save_failed_cleanly(&out, &sb, &original, &before);
    assert_eq!(fs::read_to_string(&backup).unwrap(), "older backup\n");
    assert!(
        out.stderr.contains("read-only (mode 0400)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: make it writable"),
        "{}",
        out.stderr
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o400
    );
}

/// A small LCG, so a failing run can be replayed from the seed it prints.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn seed() -> u64 {
    std::env::var("ROLESHIFT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}

/// How long a kill loop runs: DEFAULT seconds, or ROLESHIFT_KILL_SECS for a
/// longer run.
fn kill_loop_length(default: u64) -> Duration {
    let secs = std::env::var("ROLESHIFT_KILL_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    Duration::from_secs(secs)
}

fn cache_files(sb: &Sandbox) -> Vec<PathBuf> {
    files_in(&sb.path("cache/roleshift"))
        .into_iter()
        .map(|n| sb.path("cache/roleshift").join(n))
        .collect()
}

/// Cache writers (`export --refresh`, a cold AssumeRole each) killed at
/// random instants for about 5 seconds (ROLESHIFT_KILL_SECS for longer),
/// two at a time. Every entry a reader can find must be whole JSON; a
/// writer's leftover temporary file is never read, and the next writer
/// removes it once it is stale.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn cache_writers_killed_at_random_instants_leave_no_torn_entry() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&role_config("arn:aws:iam::777700000010:role/Killed"));
    let seed = seed();
    let mut rng = Lcg(seed);
    let deadline = Instant::now() + kill_loop_length(5);
    let (mut runs, mut killed, mut checked) = (0u32, 0u32, 0u32);
    while Instant::now() < deadline {
        let mut pair: Vec<_> = (0..2)
            .map(|_| {
                let mut c = sb.cmd(&["export", "prod", "--refresh", "--format", "json"]);
                against(&mut c, moto)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        // A cold export takes tens of milliseconds: kill anywhere in it.
        std::thread::sleep(Duration::from_micros(rng.below(60_000)));
        for child in &mut pair {
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap(); // SIGKILL: no destructor runs
                killed += 1;
            }
            child.wait().unwrap();
            runs += 1;
        }
        for f in cache_files(&sb) {
            if f.extension().is_some_and(|e| e == "json") {
                let v: serde_json::Value = serde_json::from_slice(&fs::read(&f).unwrap())
                    .unwrap_or_else(|e| panic!("seed {seed}: torn entry {}: {e}", f.display()));
                assert!(v["secret_access_key"].is_string(), "seed {seed}: {v}");
                checked += 1;
            }
        }
    }
    let left = temporaries(&sb.path("cache/roleshift"));
    eprintln!(
        "seed {seed}: {runs} cache writers, {killed} killed, {checked} entry checks, 0 torn; {} temporary files left",
        left.len()
    );
    assert!(killed >= 10, "seed {seed}: only {killed} killed mid-way");

    // Readers are not confused: the entry is a hit, and `cache list` shows it.
    let mut hit = sb.cmd(&["-v", "export", "prod", "--format", "json"]);
    let out = run(against(&mut hit, moto));
    assert_ok(&out);
    assert!(out.stderr.contains("cache hit"), "{}", out.stderr);
    let list = run(&mut sb.cmd(&["cache", "list"]));
    assert_ok(&list);
    let entries = list
        .stdout
        .lines()
        .filter(|l| l.starts_with("prod "))
        .count();
    assert_eq!(entries, 1, "{}", list.stdout);

    // Leftovers age out: once stale, the next writer removes them.
    for name in &left {
        let path = sb.path("cache/roleshift").join(name);
        let old = std::time::SystemTime::now() - Duration::from_secs(120);
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let mut refresh = sb.cmd(&["export", "prod", "--refresh", "--format", "json"]);
    assert_ok(&run(against(&mut refresh, moto)));
    assert_eq!(
        temporaries(&sb.path("cache/roleshift")),
        Vec::<String>::new()
    );
}

/// `save` killed at random instants, each run saving different keys whose
/// three values carry the run's number: the section must always hold one
/// run's values, never a mix of two, and the user's section stays as it was.
/// (e2e_save.rs checks the file's shape under the same kind of loop.)
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_killed_save_leaves_one_whole_write_never_a_mix() {
    let sb = Sandbox::new();
    let original = "# mine\n[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = old\n";
    sb.write_credentials(original);
    let seed = seed();
    let mut rng = Lcg(seed);
    let deadline = Instant::now() + kill_loop_length(5);
    let (mut runs, mut killed) = (0u32, 0u32);
    while Instant::now() < deadline {
        runs += 1;
        sb.write_config(&format!(
            "[profile keys]\naws_access_key_id = AKIAKILL{runs:012}\n\
             aws_secret_access_key = secret-{runs}\naws_session_token = token-{runs}\n"
        ));
        let mut child = sb
            .cmd(&["save", "keys", "--as", "saved"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(8_000)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        for file in ["credentials", "credentials.bak"] {
            let Ok(text) = fs::read_to_string(sb.path("home/.aws").join(file)) else {
                continue;
            };
            assert!(
                text.starts_with(original),
                "seed {seed}: {file} lost the user's section"
            );
            check_one_write(&text[original.len()..], seed, file);
        }
    }
    eprintln!("seed {seed}: {runs} saves, {killed} killed, 0 torn or mixed");
    assert!(killed >= 10, "seed {seed}: only {killed} killed mid-way");
}

/// The `[saved]` section, if present, holds the three values of one run.
fn check_one_write(rest: &str, seed: u64, file: &str) {
    if rest.trim().is_empty() {
        return;
    }
    let get = |key: &str| {
        rest.lines()
            .find_map(|l| l.split_once('=').filter(|(k, _)| k.trim() == key))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_else(|| panic!("seed {seed}: {file} lacks {key}:\n{rest}"))
    };
    let id = get("aws_access_key_id");
    let run: u32 = id.trim_start_matches("AKIAKILL").parse().unwrap();
    assert_eq!(
        get("aws_secret_access_key"),
        format!("secret-{run}"),
        "seed {seed}: {file} mixes writes"
    );
    assert_eq!(
        get("aws_session_token"),
        format!("token-{run}"),
        "seed {seed}: {file} mixes writes"
    );
}
