//! STS misbehaving, through a fault-injecting server in front of moto
//! (support/fault.rs): dropped connections, 5xx and throttling are retried
//! with backoff and then succeed; when they persist, and when an answer
//! trickles in, roleshift stops within its time limit with one line that
//! names the endpoint and the operation. (A closed port and a silent server
//! are in e2e_failures.rs.)

mod support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::fault::{Fault, Mode};
use support::{Moto, Output, Sandbox, assert_ok};

const KEY_ID: &str = "AKIAE2EFAULTBASE0001";
const SECRET: &str = "e2eFaultSecret/NeverOnStderr+Q9xZ0123456789";

fn sandbox(role: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile prod]\nrole_arn = {role}\nsource_profile = base\n\
         role_session_name = fault\nregion = us-east-1\n"
    ));
    sb
}

/// `roleshift export prod` against the fault server, with the default retries.
fn export(sb: &Sandbox, fault: &Fault) -> Command {
    sb.cmd(&[
        "export",
        "prod",
        "--endpoint-url",
        fault.url(),
        "--format",
        "json",
    ])
}

/// Runs CMD and returns its output and how long it took; a run longer than
/// LIMIT is a hang and fails the test.
fn timed(cmd: &mut Command, limit: Duration) -> (Output, Duration) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn roleshift");
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("roleshift hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let out = Output {
        status,
        stdout,
        stderr,
    };
    (out, took)
}

/// One line `roleshift: AssumeRole <role>: ... <endpoint> ...`, maybe a hint.
#[track_caller]
fn assert_one_line_naming(out: &Output, role: &str, endpoint: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert!(
        support::nothing_to_evaluate(&out.stdout),
        "nothing to evaluate on failure: {}",
        out.stdout
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    let first = lines.first().copied().unwrap_or_default();
    assert!(
        first.starts_with(&format!("roleshift: AssumeRole {role}: ")) && first.contains(endpoint),
        "the line names the operation, the role and the endpoint:\n{}",
        out.stderr
    );
    assert!(
        lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("  hint: ")),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(SECRET));
}

/// The fault comes first TIMES times, then moto answers: the export succeeds
/// and the server saw every retry.
fn recovers_from(mode: Mode, times: usize, account: &str) {
    let moto = Moto::shared();
    let role = format!("arn:aws:iam::{account}:role/Recovers");
    let sb = sandbox(&role);
    let fault = Fault::start(mode, times, Some(moto.url()));
    let (out, took) = timed(&mut export(&sb, &fault), Duration::from_secs(30));
    assert_ok(&out);
    let vars: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert!(vars["AWS_SESSION_TOKEN"].is_string(), "{}", out.stdout);
    assert_eq!(
        fault.requests(),
        times + 1,
        "{mode:?}: every retry reached the server"
    );
    let gaps = fault.gaps();
    // Backoff is jittered (0..=100 ms, then 200 ms, ... at most 2 s): bounded,
    // never a pile-up of seconds.
    assert!(gaps.iter().all(|g| *g < Duration::from_secs(3)), "{gaps:?}");
    eprintln!("{mode:?} x{times}: recovered in {took:?}, gaps between attempts {gaps:?}");
    let assumed = moto
        .calls("AssumeRole")
        .into_iter()
        .filter(|c| c.params["RoleArn"] == role)
        .count();
    assert_eq!(assumed, 1, "moto answered exactly the last attempt");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn http_503_twice_is_retried_then_succeeds() {
    recovers_from(Mode::Status(503), 2, "666600000001");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn http_500_twice_is_retried_then_succeeds() {
    recovers_from(Mode::Status(500), 2, "666600000002");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_bad_gateway_page_is_retried_then_succeeds() {
    recovers_from(Mode::BadGateway, 1, "666600000003");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn throttling_twice_is_retried_then_succeeds() {
    recovers_from(Mode::Throttle, 2, "666600000004");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_dropped_connection_is_retried_then_succeeds() {
    recovers_from(Mode::Drop, 2, "666600000005");
}

/// The fault never ends: roleshift makes AWS_MAX_ATTEMPTS attempts, then
/// gives up quickly with one line.
fn gives_up_on(mode: Mode, attempts: Option<&str>, expect_in_line: &str) {
    let role = "arn:aws:iam::666600000010:role/GivesUp";
    let sb = sandbox(role);
    let fault = Fault::start(mode, usize::MAX, None);
    let mut cmd = export(&sb, &fault);
    if let Some(n) = attempts {
        cmd.env("AWS_MAX_ATTEMPTS", n);
    }
    let (out, took) = timed(&mut cmd, Duration::from_secs(30));
    assert_one_line_naming(&out, role, fault.url());
    assert!(
        out.stderr.contains(expect_in_line),
        "want {expect_in_line:?}:\n{}",
        out.stderr
    );
    let want: usize = attempts.map_or(3, |n| n.parse().unwrap());
    assert_eq!(fault.requests(), want, "{mode:?}: attempts");
    assert!(took < Duration::from_secs(10), "{mode:?} took {took:?}");
    eprintln!(
        "{mode:?} forever: gave up after {want} attempts in {took:?}: {}",
        out.stderr.lines().next().unwrap_or_default()
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn persistent_5xx_fails_after_the_attempts_naming_the_endpoint() {
    gives_up_on(Mode::Status(500), None, "failed with HTTP 500");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn persistent_throttling_fails_after_the_attempts_naming_the_endpoint() {
    gives_up_on(Mode::Throttle, None, "is throttling requests (Throttling");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn aws_max_attempts_sets_how_often_throttling_is_retried() {
    gives_up_on(Mode::Throttle, Some("5"), "is throttling requests");
    gives_up_on(Mode::Throttle, Some("1"), "is throttling requests");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_persistent_bad_gateway_names_the_status() {
    gives_up_on(Mode::BadGateway, None, "HTTP 502");
}

/// A server that answers one byte every 200 ms: a live connection that
/// never completes. ROLESHIFT_TIMEOUT bounds the whole operation.
fn trickle_is_cut_off(mode: Mode, timeout: Option<&str>, bound: Duration) {
    let role = "arn:aws:iam::666600000020:role/Trickle";
    let sb = sandbox(role);
    let fault = Fault::start(mode, usize::MAX, None);
    let mut cmd = export(&sb, &fault);
    if let Some(t) = timeout {
        cmd.env("ROLESHIFT_TIMEOUT", t);
    }
    let (out, took) = timed(&mut cmd, Duration::from_secs(40));
    assert_one_line_naming(&out, role, fault.url());
    assert!(took < bound, "{mode:?}: took {took:?}, bound {bound:?}");
    eprintln!(
        "{mode:?} with ROLESHIFT_TIMEOUT={timeout:?}: stopped after {took:?}: {}",
        out.stderr.lines().next().unwrap_or_default()
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_trickling_status_line_is_cut_off_by_roleshift_timeout() {
    let every = Duration::from_millis(200);
    trickle_is_cut_off(Mode::TrickleHead(every), Some("2"), Duration::from_secs(4));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_trickling_body_is_cut_off_by_roleshift_timeout() {
    let every = Duration::from_millis(200);
    trickle_is_cut_off(Mode::TrickleBody(every), Some("2"), Duration::from_secs(4));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_trickling_body_is_cut_off_within_the_default_10s() {
    let every = Duration::from_millis(200);
    // 10 s is the budget; the rest is process start and exit on a busy machine.
    trickle_is_cut_off(
        Mode::TrickleBody(every),
        None,
        Duration::from_millis(11_000),
    );
}
