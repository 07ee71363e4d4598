//! Parallel callers of a cold session share one refresh (SPEC §4, issue 11):
//! counted at a recording proxy in front of moto, N processes started
//! together make one STS call and run `mfa_process` once; a holder that dies
//! hands the refresh to a waiter.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::proxy::Recorder;
use support::{Moto, Output, Sandbox, assert_ok};

const PARALLEL: usize = 12;

fn sandbox(config: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(config);
    sb
}

fn spawn(sb: &Sandbox, proxy: &Recorder, target: &str) -> Child {
    let mut cmd: Command = sb.cmd(&["credential-process", target]);
    cmd.env("AWS_ENDPOINT_URL", proxy.url())
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_MAX_ATTEMPTS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    cmd.spawn().expect("start roleshift")
}

fn all_succeed(children: Vec<Child>) -> Vec<Output> {
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| Output::from(c.wait_with_output().unwrap()))
        .collect();
    outs.iter().for_each(assert_ok);
    outs
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn twelve_cold_callers_make_one_sts_call() {
    let moto = Moto::shared();
    let sb = sandbox(
        "[profile user]\naws_access_key_id = AKIDFLIGHT\naws_secret_access_key = s\n\
         [profile prod]\nrole_arn = arn:aws:iam::444400000001:role/Flight\nsource_profile = user\n",
    );
    let proxy = Recorder::start(&moto.url());
    let children: Vec<Child> = (0..PARALLEL).map(|_| spawn(&sb, &proxy, "prod")).collect();
    let outs = all_succeed(children);
    assert_eq!(proxy.sent().len(), 1, "{:?}", proxy.sent());
    assert_eq!(proxy.count("AssumeRole"), 1);
    // Everyone got the one session.
    let key = |o: &Output| {
        serde_json::from_str::<serde_json::Value>(&o.stdout).unwrap()["AccessKeyId"].clone()
    };
    assert!(outs.iter().all(|o| key(o) == key(&outs[0])));
    assert_eq!(
        key(&outs[0]),
        proxy.sent()[0].answered_key.clone().unwrap().as_str()
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn twelve_cold_callers_ask_for_one_mfa_code() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let asked = sb.path("asked");
    let process = format!("sh -c 'echo x >> {}; echo 123456'", asked.display());
    sb.write_config(&format!(
        "[profile user]\naws_access_key_id = AKIDFLIGHTMFA\naws_secret_access_key = s\n\
         [profile prod]\nrole_arn = arn:aws:iam::444400000002:role/FlightMfa\nsource_profile = user\n\
         mfa_serial = arn:aws:iam::444400000002:mfa/flight\nmfa_process = {process}\n"
    ));
    let proxy = Recorder::start(&moto.url());
    let children: Vec<Child> = (0..PARALLEL).map(|_| spawn(&sb, &proxy, "prod")).collect();
    all_succeed(children);
    let codes = std::fs::read_to_string(&asked).unwrap();
    assert_eq!(
        codes.lines().count(),
        1,
        "mfa_process ran {} times",
        codes.lines().count()
    );
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.sent());
    assert_eq!(proxy.count("AssumeRole"), 1, "{:?}", proxy.sent());
}

/// The holder blocks in mfa_process and is killed: the lock dies with it,
/// and the waiter gets the session itself.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_waiter_takes_over_when_the_holder_dies() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let (held, started) = (sb.path("held"), sb.path("started"));
    // The first run marks itself and blocks; later runs print a code.
    let process = format!(
        "sh -c 'if mkdir {h} 2>/dev/null; then : > {s}; exec sleep 600; fi; echo 123456'",
        h = held.display(),
        s = started.display()
    );
    sb.write_config(&format!(
        "[profile user]\naws_access_key_id = AKIDFLIGHTDIE\naws_secret_access_key = s\n\
         [profile prod]\nrole_arn = arn:aws:iam::444400000003:role/FlightDie\nsource_profile = user\n\
         mfa_serial = arn:aws:iam::444400000003:mfa/flight\nmfa_process = {process}\n"
    ));
    let proxy = Recorder::start(&moto.url());
    let mut holder = spawn(&sb, &proxy, "prod");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !started.exists() {
        assert!(
            Instant::now() < deadline,
            "the holder never reached mfa_process"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut waiter = spawn(&sb, &proxy, "prod");
    // While the holder lives, the waiter neither finishes nor calls STS
    // (without the lock it would be done well within this bound).
    let bound = Instant::now() + Duration::from_secs(3);
    while Instant::now() < bound {
        let done = waiter.try_wait().unwrap();
        assert!(done.is_none(), "the waiter did not wait");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(proxy.sent().is_empty(), "{:?}", proxy.sent());
    // SAFETY: kill(2) on the process group this test started.
    unsafe { libc::kill(-(holder.id() as libc::pid_t), libc::SIGKILL) };
    let _ = holder.wait();
    let out = Output::from(waiter.wait_with_output().unwrap());
    assert_ok(&out);
    assert_eq!(proxy.count("AssumeRole"), 1, "{:?}", proxy.sent());
}
