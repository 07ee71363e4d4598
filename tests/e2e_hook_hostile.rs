//! Hostile input for directory roles (SPEC §7, §8): `.roleshift.toml` and
//! the trust store of any shape never panic `allow`, `deny` or the hook, a
//! broken trust store fails closed (nothing applied), and trust writers
//! killed with SIGKILL at random instants never leave a torn store.

mod support;

use std::process::Stdio;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use support::{Output, Sandbox, run};

fn runner(cases: u32) -> TestRunner {
    support::proptest_runner(cases)
}

/// Exit 0, or 1 with `roleshift: ` lines; never a panic. Returns the code.
fn well_behaved(out: &Output, what: &str) -> Result<i32, TestCaseError> {
    let all = format!(
        "{what}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.stdout, out.stderr
    );
    prop_assert!(!out.stderr.contains("panicked"), "panic: {}", all);
    let code = out.status.code().unwrap_or(-1);
    prop_assert!(code == 0 || code == 1, "exit {}: {}", code, all);
    for line in out.stderr.lines() {
        prop_assert!(
            line.starts_with("roleshift: ") || line.starts_with("  hint: "),
            "{}",
            all
        );
    }
    Ok(code)
}

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(
        "[profile dev]\naws_access_key_id = AKIAHOOKHOSTILE00001\naws_secret_access_key = s\n",
    );
    std::fs::create_dir_all(sb.path("cwd/proj")).unwrap();
    sb
}

fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "(profile|role_arn|source_profile|session_name|region|external_id) = \"\\PC{0,12}\"",
        "(duration|region|profile) = (-?[0-9]{1,20}|true|\\[\\]|\\{\\}|\"[0-9hmsd]{0,5}\")",
        "\\[[a-z.]{0,8}\\]",
        "[a-z_]{1,10} = \"x\"",
        "\\PC{0,20}",
        Just("profile = \"dev\"".to_string()),
        Just("\"\"\"".to_string()),
        Just("profile = \"a\\nb\"".to_string()),
        Just("profile = \"\\u0000\"".to_string()),
    ]
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn roleshift_toml_of_any_shape_never_panics() {
    let sb = sandbox();
    let file = sb.path("cwd/proj/.roleshift.toml");
    let mut runner = runner(80);
    let strategy = (
        proptest::collection::vec(toml_line(), 0..6),
        proptest::collection::vec(any::<u8>(), 0..64),
        "[a-z0-9-]{0,12}|\\PC{0,6}",
        0..3u8,
    );
    let codes = std::cell::RefCell::new([0u32; 2]);
    runner
        .run(&strategy, |(lines, bytes, region, pick)| {
            let content = match pick {
                0 => bytes,
                1 => lines.join("\n").into_bytes(),
                // Mostly valid: a real profile and a region of any shape.
                _ => format!("profile = \"dev\"\nregion = \"{region}\"\n").into_bytes(),
            };
            std::fs::write(&file, &content).unwrap();
            let what = String::from_utf8_lossy(&content).into_owned();
            let allow = run(&mut sb.cmd(&["allow", "proj"]));
            let code = well_behaved(&allow, &what)?;
            codes.borrow_mut()[code as usize] += 1;
            let mut hook = sb.cmd(&["hook-env", "--shell", "bash"]);
            hook.current_dir(sb.path("cwd/proj"));
            well_behaved(&run(&mut hook), &what)?;
            Ok(())
        })
        .unwrap();
    let codes = codes.into_inner();
    eprintln!(".roleshift.toml of any shape: allow exit 0/1 = {codes:?}, 0 panics");
}

/// A broken trust store trusts nothing: the hook applies no role.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn trust_stores_of_any_shape_fail_closed() {
    let sb = sandbox();
    std::fs::write(sb.path("cwd/proj/.roleshift.toml"), "profile = \"dev\"\n").unwrap();
    let allowed = run(&mut sb.cmd(&["allow", "proj"]));
    assert!(allowed.status.success(), "{}", allowed.stderr);
    let store = sb.path("data/roleshift/trust");
    let good = std::fs::read(&store).unwrap();
    let mut runner = runner(80);
    let strategy = (
        proptest::collection::vec(any::<u8>(), 0..200),
        0usize..400,
        0usize..400,
        any::<u8>(),
        0..3u8,
    );
    let closed = std::cell::Cell::new(0u32);
    runner
        .run(&strategy, |(bytes, cut, at, byte, pick)| {
            let content = match pick {
                0 => bytes,
                1 => good[..cut.min(good.len())].to_vec(),
                _ => {
                    let mut b = good.clone();
                    let i = at % b.len();
                    b[i] = byte;
                    b
                }
            };
            std::fs::write(&store, &content).unwrap();
            let what = String::from_utf8_lossy(&content).into_owned();
            let mut hook = sb.cmd(&["hook-env", "--shell", "bash"]);
            hook.current_dir(sb.path("cwd/proj"));
            let out = run(&mut hook);
            well_behaved(&out, &what)?;
            let parses = serde_json::from_slice::<serde_json::Value>(&content).is_ok();
            if !parses {
                prop_assert!(
                    !out.stdout.contains("AWS_ACCESS_KEY_ID="),
                    "a corrupt store applied a role: {}",
                    what
                );
                closed.set(closed.get() + 1);
            }
            for cmd in [&["allow", "proj"][..], &["deny", "proj"]] {
                std::fs::write(&store, &content).unwrap();
                well_behaved(&run(&mut sb.cmd(cmd)), &what)?;
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "trust stores of any shape: {} unparsable ones failed closed, 0 panics",
        closed.get()
    );
}

/// `allow` and `deny` killed at random instants, for about 3 seconds
/// (ROLESHIFT_KILL_SECS for longer): the
/// store is always whole JSON, whichever write won.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn trust_writers_killed_at_random_instants_leave_a_whole_store() {
    let sb = sandbox();
    for i in 0..4 {
        std::fs::create_dir_all(sb.path(format!("cwd/d{i}"))).unwrap();
        std::fs::write(
            sb.path(format!("cwd/d{i}/.roleshift.toml")),
            format!("profile = \"dev\"\nregion = \"eu-west-{i}\"\n"),
        )
        .unwrap();
    }
    let store = sb.path("data/roleshift/trust");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut rng = seed;
    let mut next = |n: u64| {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rng >> 33) % n
    };
    let secs = std::env::var("ROLESHIFT_KILL_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut runs, mut killed) = (0u32, 0u32);
    while Instant::now() < deadline {
        let verb = if next(3) == 0 { "deny" } else { "allow" };
        let dir = format!("d{}", next(4));
        let mut child = sb.cmd(&[verb, &dir]).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(next(6_000)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        runs += 1;
        if let Ok(bytes) = std::fs::read(&store) {
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "seed {seed}, run {runs}: torn trust store ({e}):\n{}",
                    String::from_utf8_lossy(&bytes)
                )
            });
            assert_eq!(v["version"], 1, "seed {seed}");
        }
    }
    eprintln!("seed {seed}: {runs} trust writers, {killed} killed, 0 torn stores");
    assert!(killed >= 10, "seed {seed}: only {killed} killed mid-way");
}
