//! How roleshift fails (SPEC §8): exit codes, one-line messages that name
//! what failed, bounded waits on dead or silent endpoints, nothing on stdout
//! to evaluate, and never a secret on stderr, even with -v.

mod support;

use std::io::Read;
use std::net::{Ipv4Addr, TcpListener};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Moto, Output, Sandbox, assert_ok, run};

const KEY_ID: &str = "AKIAE2EFAILBASE00001";
/// Must never show up on stderr, whatever fails and however verbose.
const SECRET: &str = "e2eFailSecret/NeverOnStderr+Q9xZ0123456789abc";

/// `base` holds keys; `prod` assumes a role with them. EXTRA is appended.
fn sandbox(extra: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile prod]\nrole_arn = arn:aws:iam::444400000001:role/FailProd\nsource_profile = base\n\
         role_session_name = fail-prod\nregion = us-east-1\n{extra}"
    ));
    sb
}

/// `roleshift ARGS` against moto, without retries: failures come fast.
fn rs(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Command {
    let mut cmd = sb.cmd(args);
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1");
    cmd
}

/// A failure as SPEC §8 shapes it: the exit code, nothing on stdout, one line
/// `roleshift: <what>: <why>`, maybe a hint line, and never the secret key.
#[track_caller]
fn assert_fails(out: &Output, code: i32) {
    let all = format!(
        "--- stdout ---\n{}\n--- stderr ---\n{}",
        out.stdout, out.stderr
    );
    assert_eq!(out.status.code(), Some(code), "{all}");
    assert!(
        support::nothing_to_evaluate(&out.stdout),
        "a failed command must print nothing to evaluate but `false`\n{all}"
    );
    assert!(
        !out.stderr.contains(SECRET),
        "the secret key leaked into stderr\n{all}"
    );
    if code == 1 {
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert!(
            lines.first().is_some_and(|l| l.starts_with("roleshift: ")),
            "{all}"
        );
        assert!(lines.len() <= 2, "one line, and at most a hint\n{all}");
        assert!(
            lines.get(1).is_none_or(|l| l.starts_with("  hint: ")),
            "{all}"
        );
    }
}

/// Runs CMD, killing it and failing the test if it outlives LIMIT.
fn run_bounded(cmd: &mut Command, limit: Duration) -> (Output, Duration) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = r.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "still running after {limit:?}: it hangs\n{}",
                err.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let (stdout, stderr) = (out.join().unwrap(), err.join().unwrap());
    (
        Output {
            status,
            stdout,
            stderr,
        },
        elapsed,
    )
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_of_an_unknown_command_fails_before_asking_sts() {
    let moto = Moto::shared();
    let role = "arn:aws:iam::444400000002:role/NeverAssumed";
    let sb = sandbox(&format!(
        "[profile typo]\nrole_arn = {role}\nsource_profile = base\n"
    ));
    let out = run(&mut rs(
        &sb,
        moto,
        &["exec", "typo", "--", "definitely-not-a-command"],
    ));
    assert_fails(&out, 127);
    let named = out.stderr.contains("definitely-not-a-command");
    assert!(
        named && out.stderr.contains("command not found"),
        "{}",
        out.stderr
    );
    let calls = moto.calls("AssumeRole");
    assert!(
        calls.iter().all(|c| c.params["RoleArn"] != role),
        "a typo must cost no STS call"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn mfa_without_a_code_or_a_terminal_fails_at_once() {
    let moto = Moto::shared();
    let serial = "arn:aws:iam::444400000003:mfa/e2e-noterm";
    let sb = sandbox(&format!(
        "[profile mfa]\nrole_arn = arn:aws:iam::444400000003:role/Mfa\nsource_profile = base\n\
         mfa_serial = {serial}\n"
    ));
    // The harness gives no terminal: stdin is /dev/null and stderr a pipe.
    let mut cmd = rs(&sb, moto, &["export", "mfa", "--format", "bash"]);
    let (out, _) = run_bounded(&mut cmd, Duration::from_secs(20));
    assert_fails(&out, 1);
    assert!(out.stderr.contains("no terminal"), "{}", out.stderr);
    let hint = out.stderr.lines().nth(1).unwrap_or_default();
    assert!(
        hint.contains("--mfa-code"),
        "the hint names --mfa-code:\n{}",
        out.stderr
    );
    let sessions = moto.calls("GetSessionToken");
    assert!(
        sessions
            .iter()
            .all(|c| c.params.get("SerialNumber").is_none_or(|s| s != serial))
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_unknown_profile_is_one_line_naming_it() {
    let moto = Moto::shared();
    let sb = sandbox("");
    let out = run(&mut rs(
        &sb,
        moto,
        &["export", "no-such-profile", "--format", "bash"],
    ));
    assert_fails(&out, 1);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("no-such-profile"), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_source_profile_cycle_names_the_loop() {
    let moto = Moto::shared();
    let sb = sandbox(
        "[profile loop-a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = loop-b\n\
         [profile loop-b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = loop-a\n",
    );
    let out = run(&mut rs(
        &sb,
        moto,
        &["export", "loop-a", "--format", "bash"],
    ));
    assert_fails(&out, 1);
    let names = ["loop", "loop-a", "loop-b"]
        .iter()
        .all(|w| out.stderr.contains(w));
    assert!(names, "{}", out.stderr);
}

/// `roleshift export prod` against ENDPOINT, with the default retries.
fn export_via(sb: &Sandbox, endpoint: &str) -> Command {
    sb.cmd(&[
        "export",
        "prod",
        "--endpoint-url",
        endpoint,
        "--format",
        "bash",
    ])
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_unreachable_endpoint_fails_within_10s_naming_it() {
    let sb = sandbox("");
    // Port 9 (discard) is closed on loopback.
    let url = "http://127.0.0.1:9";
    let (out, took) = run_bounded(&mut export_via(&sb, url), Duration::from_secs(30));
    assert_fails(&out, 1);
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let named = out.stderr.contains(url) && out.stderr.contains("AssumeRole");
    assert!(named, "{}", out.stderr);
}

/// A server that accepts connections and never answers.
fn blackhole() -> String {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming() {
            held.push(conn);
        }
    });
    url
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_silent_endpoint_fails_within_roleshift_timeout() {
    let sb = sandbox("");
    let url = blackhole();
    let mut cmd = export_via(&sb, &url);
    let (out, took) = run_bounded(cmd.env("ROLESHIFT_TIMEOUT", "2"), Duration::from_secs(30));
    assert_fails(&out, 1);
    assert!(
        took < Duration::from_secs(5),
        "ROLESHIFT_TIMEOUT=2 but it took {took:?}"
    );
    assert!(out.stderr.contains(&url), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_silent_endpoint_fails_within_the_default_10s() {
    let sb = sandbox("");
    let url = blackhole();
    let (out, took) = run_bounded(&mut export_via(&sb, &url), Duration::from_secs(40));
    assert_fails(&out, 1);
    // 10 s is the budget; the rest is process start and exit on a noisy machine.
    assert!(took < Duration::from_millis(11_000), "took {took:?}");
    assert!(out.stderr.contains(&url), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_malformed_duration_is_a_usage_error() {
    let sb = sandbox("");
    let out = run(&mut sb.cmd(&["export", "prod", "--duration", "5h30x"]));
    assert_fails(&out, 2);
    assert!(out.stderr.contains("5h30x"), "{}", out.stderr);
}

/// Regression: `error::Usage` existed but nothing raised it, so misuse caught
/// after clap parsed (conflicting or dangling options) exited 1, not 2.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn misuse_found_after_parsing_is_a_usage_error_too() {
    let sb = sandbox("");
    let both_roles = [
        "export",
        "arn:aws:iam::1:role/A",
        "--role-arn",
        "arn:aws:iam::1:role/B",
    ];
    let dangling_tag = ["export", "prod", "--transitive-tag", "team"];
    for args in [&both_roles[..], &dangling_tag[..]] {
        let out = run(sb.cmd(args).env("AWS_MAX_ATTEMPTS", "1"));
        assert_fails(&out, 2);
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn verbose_logs_never_show_a_secret() {
    let moto = Moto::shared();
    for v in ["-v", "-vv"] {
        // A sandbox each, so both take the cold path to STS.
        let sb = sandbox("");
        let out = run(&mut rs(
            &sb,
            moto,
            &[v, "export", "prod", "--format", "json"],
        ));
        assert_ok(&out);
        assert!(!out.stderr.is_empty(), "{v} logs something");
        let vars: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
        for name in ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
            let secret = vars[name].as_str().expect(name);
            assert!(
                !out.stderr.contains(secret),
                "{v} logged {name}:\n{}",
                out.stderr
            );
        }
        assert!(
            !out.stderr.contains(SECRET),
            "{v} logged the config's secret key"
        );

        let failed = run(&mut rs(
            &sb,
            moto,
            &[v, "export", "prod", "--endpoint-url", "http://127.0.0.1:9"],
        ));
        assert_eq!(
            (
                failed.status.code(),
                support::nothing_to_evaluate(&failed.stdout)
            ),
            (Some(1), true),
            "{}",
            failed.stderr
        );
        assert!(
            !failed.stderr.contains(SECRET),
            "{v}: a failure logged the secret key"
        );
    }
}
