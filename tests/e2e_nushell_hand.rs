//! nushell: a role exported by hand (`roleshift export X --format nu | from
//! json | load-env`) is renewed by the hook at the prompt before it expires,
//! idle prompts start no process, and when renewing fails the credentials stay
//! until they expire and then go; and Ctrl-C during a hook switch drops the
//! old tree's session before the next command. In an interactive nushell on
//! a pseudo-terminal (tmux); the other shells' cases are in
//! e2e_hooks_hand.rs and e2e_hooks_cancel.rs.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use support::nu_tty::Nu;
use support::{Moto, Sandbox, tool};

/// Seconds a session lasts: the hook renews it halfway (min-ttl is 10 minutes).
const SESSION: u64 = 20;

fn get<'a>(env: &'a BTreeMap<String, String>, k: &str) -> Option<&'a str> {
    env.get(k).map(String::as_str)
}

/// Profile `short`: a credential_process that counts its sessions
/// (ASIAPROC1, 2, ...), fails while the file `fail` exists, and is slow
/// while `slow` exists (creating `slowing` first).
fn short_profile(sb: &Sandbox, more: &str) {
    let dir = sb.path("cwd");
    let script = sb.path("creds.sh");
    let text = format!(
        "#!/bin/sh\ncd '{}' || exit 9\n[ -e fail ] && exit 3\n\
         [ -e slow ] && {{ : >slowing; sleep 60; }}\n\
         n=$(( $(cat count 2>/dev/null || echo 0) + 1 )); echo $n >count\n\
         exp=$(date -u -d @$(( $(date +%s) + {SESSION} )) +%Y-%m-%dT%H:%M:%SZ)\n\
         printf '{{\"Version\":1,\"AccessKeyId\":\"ASIAPROC%s\",\"SecretAccessKey\":\"s\",\"SessionToken\":\"t\",\"Expiration\":\"%s\"}}' $n $exp\n",
        dir.display()
    );
    std::fs::write(&script, text).unwrap();
    sb.write_config(&format!(
        "[profile short]\ncredential_process = /bin/sh {}\n{more}",
        script.display()
    ));
}

fn spawns(log: &Path) -> usize {
    let calls = ["execve(", "clone(", "clone3(", "fork(", "vfork("];
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter(|l| calls.iter().any(|c| l.contains(c)) && !l.contains("CLONE_THREAD"))
        .count()
}

fn sleep_until(when: Instant) {
    std::thread::sleep(when.saturating_duration_since(Instant::now()));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_a_hand_export_is_renewed_at_the_prompt() {
    let strace = tool("strace");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    short_profile(&sb, "");
    let log = sb.path("strace.log");
    let (strace, log_arg) = (strace.to_str().unwrap(), log.to_str().unwrap());
    let trace = "trace=execve,clone,clone3,fork,vfork";
    let wrap = [strace, "-f", "-qq", "-e", trace, "-o", log_arg];
    let url = moto.url();
    let extra = [("AWS_ENDPOINT_URL", url.as_str()), ("AWS_PROFILE", "mine")];
    let nu = Nu::start(&sb, &extra, &wrap);
    nu.run(
        "export",
        "roleshift export short --format nu | from json | load-env",
    );
    let t0 = Instant::now();
    let first = nu.probe("first");
    assert_eq!(get(&first, "AWS_ACCESS_KEY_ID"), Some("ASIAPROC1"));
    assert_eq!(get(&first, "ROLESHIFT_PROFILE"), Some("short"));

    // Idle prompts after the export start nothing.
    nu.run("settled", "$env.PWD");
    let before = spawns(&log);
    for _ in 0..5 {
        nu.line("");
    }
    nu.run("idle", "$env.PWD");
    assert_eq!(spawns(&log), before, "idle prompts started processes");

    sleep_until(t0 + Duration::from_secs_f64(SESSION as f64 / 2.0 + 1.5));
    nu.line("");
    let renewed = nu.probe("renewed");
    let t1 = Instant::now();
    assert_eq!(
        get(&renewed, "AWS_ACCESS_KEY_ID"),
        Some("ASIAPROC2"),
        "{}",
        nu.screen()
    );
    assert_eq!(get(&renewed, "ROLESHIFT_PROFILE"), Some("short"));

    std::fs::write(sb.path("cwd/fail"), "").unwrap();
    sleep_until(t1 + Duration::from_secs_f64(SESSION as f64 / 2.0 + 1.5));
    nu.line("");
    let failing = nu.probe("failing");
    assert_eq!(get(&failing, "AWS_ACCESS_KEY_ID"), Some("ASIAPROC2"));
    assert!(
        nu.screen().contains("stay until they expire"),
        "{}",
        nu.screen()
    );

    sleep_until(t1 + Duration::from_secs_f64(SESSION as f64 + 1.5));
    nu.line("");
    let expired = nu.probe("expired");
    assert_eq!(get(&expired, "AWS_ACCESS_KEY_ID"), None, "{}", nu.screen());
    assert_eq!(get(&expired, "ROLESHIFT_PROFILE"), None);
    assert_eq!(get(&expired, "AWS_PROFILE"), Some("mine"));
    assert!(
        nu.screen()
            .contains("removed the expired credentials of short"),
        "{}",
        nu.screen()
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_ctrl_c_during_a_switch_drops_the_old_tree_at_once() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    short_profile(
        &sb,
        "[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n\
         [profile alpha]\nrole_arn = arn:aws:iam::333300000004:role/Alpha-nu\nsource_profile = base\n",
    );
    for (dir, profile) in [("alpha", "alpha"), ("short", "short")] {
        std::fs::create_dir_all(sb.path("cwd").join(dir)).unwrap();
        let text = format!("profile = \"{profile}\"\n");
        std::fs::write(sb.path("cwd").join(dir).join(".roleshift.toml"), text).unwrap();
        let path = sb.path("cwd").join(dir);
        support::assert_ok(&support::run(
            &mut sb.cmd(&["allow", path.to_str().unwrap()]),
        ));
    }
    let url = moto.url();
    let nu = Nu::start(
        &sb,
        &[("AWS_ENDPOINT_URL", url.as_str()), ("AWS_PROFILE", "mine")],
        &[],
    );
    nu.run("enter", "cd alpha");
    let a = nu.probe("a");
    assert_eq!(
        get(&a, "ROLESHIFT_PROFILE"),
        Some("alpha"),
        "{}",
        nu.screen()
    );

    std::fs::write(sb.path("cwd/slow"), "").unwrap();
    let before = nu.start_line("cd ../short");
    let slowing = sb.path("cwd/slowing");
    let end = Instant::now() + Duration::from_secs(30);
    while !slowing.exists() {
        assert!(Instant::now() < end, "{}", nu.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    nu.interrupt(before);
    std::fs::remove_file(sb.path("cwd/slow")).unwrap();
    let after = nu.probe("after");
    assert_eq!(
        get(&after, "AWS_ACCESS_KEY_ID"),
        None,
        "alpha's keys outlived a cancelled switch\n{}",
        nu.screen()
    );
    assert_eq!(get(&after, "ROLESHIFT_PROFILE"), None);
    assert_eq!(get(&after, "AWS_PROFILE"), Some("mine"));
    assert!(
        nu.screen()
            .contains("is not applied (cd out and back in to retry)"),
        "{}",
        nu.screen()
    );
    // nushell runs its hooks again for the prompt after Ctrl-C, so the next
    // command would be safe either way; this says the shell itself dropped
    // alpha during the cut-short run (else that prompt's hook-env would
    // still find alpha applied, and say it removed it).
    assert!(
        !nu.screen().contains("cancelled; removed"),
        "{}",
        nu.screen()
    );
}
