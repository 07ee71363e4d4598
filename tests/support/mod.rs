//! The integration tests' harness: hermetic sandboxes, real shells, and a moto
//! server standing in for STS (see TESTING.md in the shared docs).
//!
//! Every test file does `mod support;` and uses only some of it. The moto
//! server and its request log live in `moto.rs`.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

/// A misbehaving STS for fault tests (e2e_faults).
pub mod fault;
/// The shell hook and a role exported by hand (e2e_hooks_hand).
pub mod hook_hand;
/// The shell hook's scenarios, run in each shell (e2e_hooks_*).
pub mod hook_scenarios;
/// Ctrl-C during a hook switch (e2e_hooks_cancel).
pub mod hook_switch;
/// A stand-in for the EC2 instance metadata service (e2e_spec_chains).
pub mod imds;
/// Reading requests for the loopback fakes.
mod loopback_http;
mod moto;
/// An interactive nushell on a pseudo-terminal, through tmux (e2e_nushell).
pub mod nu_tty;
/// A recording proxy in front of moto: which calls were made, signed by whom.
pub mod proxy;
/// SAML responses for tests (e2e_saml, e2e_save).
pub mod saml;
/// IAM Identity Center and console federation fakes (e2e_sso, e2e_console).
pub mod sso_fake;
/// Interactive shells on a pseudo-terminal, through tmux (e2e_hooks_*).
pub mod tty;
// Not every test file names both; an unused re-export must not fail clippy.
#[allow(unused_imports)]
pub use moto::{Call, Moto};

/// True when scripts/test ran us: a missing dependency is then a failure,
/// because a test that skips itself is a check that cannot fail.
pub fn require_e2e() -> bool {
    std::env::var("ROLESHIFT_REQUIRE_E2E").is_ok_and(|v| v == "1")
}

/// The bin dir of the virtualenv that scripts/test builds (moto, aws, awsume).
/// Without ROLESHIFT_VENV, plain `cargo test` still finds it in target/.
pub fn venv_bin() -> PathBuf {
    std::env::var_os("ROLESHIFT_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/venv"))
        .join("bin")
}

/// Finds an external program, venv first, then nushell's target/nu/bin (both
/// from scripts/test). When it is missing, the test skips (prints SKIP,
/// returns None) unless ROLESHIFT_REQUIRE_E2E=1, where it fails.
/// Usage: `let Some(bash) = support::tool("bash") else { return };`
pub fn tool(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let nu_bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/nu/bin");
    let found = [venv_bin(), nu_bin]
        .into_iter()
        .chain(std::env::split_paths(&path))
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p));
    // build.rs found every program a test runs, or the test would be
    // ignored (cfg e2e_missing); under ROLESHIFT_REQUIRE_E2E=1 nothing is
    // ignored. Either way a missing program here is a failure, never a pass.
    found.unwrap_or_else(|| {
        panic!(
            "`{name}` is in neither the venv nor PATH; scripts/test installs it{}",
            if require_e2e() {
                " (ROLESHIFT_REQUIRE_E2E=1)"
            } else {
                "; add it to build.rs's TOOLS"
            }
        )
    })
}

/// PowerShell, which cannot be installed here (TESTING.md): tests that need
/// it carry `#[cfg_attr(pwsh_missing, ignore = ...)]`, so this is reached
/// only where build.rs found it.
pub fn pwsh() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("pwsh"))
        .find(|p| is_executable(p))
        .expect("pwsh, which build.rs found on PATH, is gone")
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A throwaway home, cache and working directory, so no test can read or
/// write the real ones. Removed when dropped.
pub struct Sandbox {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("roleshift-test-")
            .tempdir()
            .expect("create sandbox");
        // Canonical, so that paths compare equal to what a shell's `pwd` prints.
        let root = dir.path().canonicalize().expect("canonicalize sandbox");
        for sub in ["home/.aws", "cache", "data", "cwd"] {
            fs::create_dir_all(root.join(sub)).expect("create sandbox dir");
        }
        let sb = Sandbox { _dir: dir, root };
        sb.write_config("");
        sb.write_credentials("");
        sb
    }

    /// A path inside the sandbox, e.g. `path("home/.aws/config")`.
    pub fn path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write_config(&self, text: &str) {
        fs::write(self.path("home/.aws/config"), text).expect("write config");
    }

    pub fn write_credentials(&self, text: &str) {
        fs::write(self.path("home/.aws/credentials"), text).expect("write credentials");
    }

    /// The whole environment a sandboxed process gets; nothing else leaks in.
    pub fn envs(&self) -> Vec<(String, String)> {
        let p = |rel: &str| self.path(rel).to_str().expect("UTF-8 temp dir").to_owned();
        // The inherited PATH stays (shells need coreutils), behind the venv.
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
        let path = format!("{}:{path}", venv_bin().display());
        [
            ("HOME", p("home")),
            ("AWS_CONFIG_FILE", p("home/.aws/config")),
            ("AWS_SHARED_CREDENTIALS_FILE", p("home/.aws/credentials")),
            ("XDG_CACHE_HOME", p("cache")),
            ("XDG_DATA_HOME", p("data")),
            // Otherwise the SDK probes 169.254.169.254, leaving loopback.
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
            ("LANG", "C.UTF-8".into()),
            ("PATH", path),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// `roleshift ARGS` with only the sandbox's environment, in `cwd/`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_roleshift"));
        cmd.args(args);
        self.hermetic(&mut cmd);
        cmd
    }

    /// Runs SCRIPT in a real shell that reads no startup files, so the user's
    /// rc files cannot change the result. `$ROLESHIFT` is the binary under test.
    pub fn shell_cmd(&self, shell: &Path, script: &str) -> Command {
        let name = shell
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let flags: &[&str] = match name {
            "bash" => &["--noprofile", "--norc", "-c"],
            "zsh" => &["-f", "-c"],
            "fish" => &["--no-config", "-c"],
            "pwsh" => &["-NoProfile", "-NonInteractive", "-Command"],
            "nu" => &["--no-config-file", "--no-std-lib", "-c"],
            _ => &["-c"],
        };
        let mut cmd = Command::new(shell);
        cmd.args(flags).arg(script);
        self.hermetic(&mut cmd);
        cmd.env("ROLESHIFT", env!("CARGO_BIN_EXE_roleshift"));
        cmd
    }

    fn hermetic(&self, cmd: &mut Command) {
        cmd.env_clear()
            .envs(self.envs())
            .current_dir(self.path("cwd"))
            .stdin(Stdio::null());
    }
}

/// What a finished process printed, decoded for easy asserts.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", cmd.get_program()));
    Output::from(out)
}

/// Runs CMD with INPUT on its stdin.
pub fn run_with_stdin(cmd: &mut Command, input: &str) -> Output {
    use std::io::Write;
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", cmd.get_program()));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    Output::from(child.wait_with_output().unwrap())
}

impl From<std::process::Output> for Output {
    fn from(out: std::process::Output) -> Self {
        Output {
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

#[track_caller]
pub fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "command failed with {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        out.stdout,
        out.stderr
    );
}

/// What a failed command may print on stdout: nothing, or, for `export` in a
/// shell format, the code that makes `eval "$(...)" && cmd` stop (`false`,
/// PowerShell's `throw`).
pub fn nothing_to_evaluate(stdout: &str) -> bool {
    use roleshift::shell::{Format, stop_code};
    stdout.is_empty()
        || [Format::Bash, Format::Fish, Format::Powershell]
            .into_iter()
            .filter_map(stop_code)
            .any(|code| stdout == code)
}

/// Points CMD at moto, in us-east-1, with no retries: what a test that
/// expects one request per call needs.
pub fn against<'a>(cmd: &'a mut Command, moto: &Moto) -> &'a mut Command {
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_MAX_ATTEMPTS", "1")
}

/// `aws sts get-caller-identity --profile PROFILE` with the sandbox's
/// environment alone and moto as the endpoint, but no region: the profile's
/// files must supply it, as they must for a user.
pub fn aws_identity_of_profile(sb: &Sandbox, moto: &Moto, profile: &str) -> serde_json::Value {
    let mut cli = Command::new(tool("aws"));
    cli.args([
        "sts",
        "get-caller-identity",
        "--profile",
        profile,
        "--output",
        "json",
    ])
    .env_clear()
    .envs(sb.envs())
    .env("AWS_ENDPOINT_URL", moto.url());
    let out = run(&mut cli);
    assert_ok(&out);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// `roleshift exec ARGS -- aws sts get-caller-identity` with extra VARS and,
/// if given, STDIN: who the AWS CLI is under roleshift.
pub fn identity_via_exec(
    sb: &Sandbox,
    moto: &Moto,
    args: &[&str],
    vars: &[(&str, &str)],
    stdin: Option<&str>,
) -> serde_json::Value {
    let mut all = vec!["exec"];
    all.extend_from_slice(args);
    all.extend_from_slice(&[
        "--",
        "aws",
        "sts",
        "get-caller-identity",
        "--output",
        "json",
    ]);
    let mut cmd = sb.cmd(&all);
    against(&mut cmd, moto).envs(vars.iter().copied());
    let out = match stdin {
        Some(text) => run_with_stdin(&mut cmd, text),
        None => run(&mut cmd),
    };
    assert_ok(&out);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// Runs LINE (shell code; `$ROLESHIFT` is the binary) under `script`, which
/// gives it a terminal, against MOTO, typing INPUT.
pub fn on_terminal(sb: &Sandbox, moto: &Moto, line: &str, input: &str) -> Output {
    let script = tool("script");
    let mut cmd = Command::new(script);
    cmd.args(["-qec", line, "/dev/null"])
        .env_clear()
        .envs(sb.envs())
        .env("ROLESHIFT", env!("CARGO_BIN_EXE_roleshift"))
        .env("AWS_ENDPOINT_URL", moto.url())
        .current_dir(sb.path("cwd"));
    run_with_stdin(&mut cmd, input)
}

/// A proptest runner for CASES cases (PROPTEST_CASES overrides), with no
/// failure files written into the source tree.
pub fn proptest_runner(cases: u32) -> proptest::test_runner::TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })
}
