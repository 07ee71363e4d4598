//! A role exported by hand in a shell with the hook loaded (SPEC §7, issue 15
//! part 3): renewed at the prompt before it expires, with no process on an
//! idle prompt, and never a prompt for input. Run in each shell by
//! tests/e2e_hooks_hand.rs.

use std::time::{Duration, Instant};

use super::hook_scenarios::{KEY_ID, World, get, short_sessions_lasting, sleep_until, spawns};
use super::tty::Kind;

/// How long the hand-exported sessions last, in seconds; with the default
/// min-ttl (10 minutes) the hook renews them halfway.
const SESSION: u64 = 20;

fn export_line(w: &World, args: &str) -> String {
    match w.kind {
        Kind::Fish => format!("{} | source", w.roleshift(&format!("export {args}"))),
        _ => format!("eval \"$({})\"", w.roleshift(&format!("export {args}"))),
    }
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

pub fn a_hand_export_is_renewed_at_the_prompt(kind: Kind) {
    let w = World::new(kind);
    short_sessions_lasting(&w, SESSION);
    let (tty, log) = w.shell_under_strace();
    tty.run("export", &export_line(&w, "short"));
    // The prompt after the export ran hook-env, which now knows the deadline.
    tty.run("seen", "true");
    let t0 = Instant::now();
    let first = tty.probe("first");
    assert_eq!(get(&first, "AWS_ACCESS_KEY_ID"), Some("ASIAPROC1"));
    assert_eq!(get(&first, "ROLESHIFT_PROFILE"), Some("short"));
    assert_eq!(get(&first, "AWS_PROFILE"), None);

    // Idle prompts after the export start nothing.
    tty.run("settled", "true");
    std::thread::sleep(Duration::from_millis(300));
    let before = spawns(&log);
    for _ in 0..5 {
        tty.line("");
    }
    tty.run("idle", "true");
    std::thread::sleep(Duration::from_millis(300));
    let idle = spawns(&log);
    assert_eq!(
        idle.len(),
        before.len(),
        "idle prompts with a hand export started processes:\n{}",
        idle[before.len()..].join("\n")
    );

    // Past halfway the next prompt renews the same profile.
    sleep_until(t0 + secs(SESSION as f64 / 2.0 + 1.5));
    tty.line("");
    let renewed = tty.probe("renewed");
    let t1 = Instant::now();
    assert_eq!(
        get(&renewed, "AWS_ACCESS_KEY_ID"),
        Some("ASIAPROC2"),
        "{}",
        tty.screen()
    );
    assert_eq!(get(&renewed, "ROLESHIFT_PROFILE"), Some("short"));
    assert_eq!(get(&renewed, "AWS_PROFILE"), None);

    // Renewing fails: one line, and the valid credentials stay...
    std::fs::write(w.sb.path("cwd/fail"), "").unwrap();
    sleep_until(t1 + secs(SESSION as f64 / 2.0 + 1.5));
    tty.line("");
    let failing = tty.probe("failing");
    assert_eq!(get(&failing, "AWS_ACCESS_KEY_ID"), Some("ASIAPROC2"));
    assert!(
        tty.screen().contains("stay until they expire"),
        "{}",
        tty.screen()
    );
    // ...until they expire: then they go, and the user's own values are back.
    sleep_until(t1 + secs(SESSION as f64 + 1.5));
    tty.line("");
    let expired = tty.probe("expired");
    assert_eq!(get(&expired, "AWS_ACCESS_KEY_ID"), None, "{}", tty.screen());
    assert_eq!(get(&expired, "ROLESHIFT_PROFILE"), None);
    assert_eq!(get(&expired, "AWS_PROFILE"), Some("mine"));
    assert_eq!(
        tty.screen()
            .matches("removed the expired credentials of short")
            .count(),
        1,
        "{}",
        tty.screen()
    );
}

pub fn renewal_that_needs_mfa_never_asks(kind: Kind) {
    let w = World::new(kind);
    let config = std::fs::read_to_string(w.sb.path("home/.aws/config")).unwrap();
    w.sb.write_config(&format!(
        "{config}[profile mfa]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = mfasecret\n\
         mfa_serial = arn:aws:iam::111100000011:mfa/ann\n"
    ));
    // Every cached session is too short for this min-ttl: renewing needs a code.
    let rc = match kind {
        Kind::Fish => "set -gx ROLESHIFT_MIN_TTL 48h",
        _ => "export ROLESHIFT_MIN_TTL=48h",
    };
    let tty = w.shell(rc, &[]);
    tty.run("export", &export_line(&w, "mfa --mfa-code 123456"));
    let exported = tty.probe("exported");
    // moto's GetSessionToken session: a key and a token.
    let key = get(&exported, "AWS_ACCESS_KEY_ID").unwrap().to_string();
    assert!(
        get(&exported, "AWS_SESSION_TOKEN").is_some(),
        "{exported:#?}"
    );
    // The session says it ends in 8 seconds (STS's are 15 minutes at least).
    let soon = match kind {
        Kind::Fish => {
            "set -gx AWS_CREDENTIAL_EXPIRATION (date -u -d @(math (date +%s) + 8) +%Y-%m-%dT%H:%M:%SZ)"
        }
        _ => {
            "export AWS_CREDENTIAL_EXPIRATION=$(date -u -d @$(( $(date +%s) + 8 )) +%Y-%m-%dT%H:%M:%SZ)"
        }
    };
    tty.run("soon", soon);
    tty.run("seen", "true");
    let t0 = Instant::now();

    sleep_until(t0 + secs(5.5));
    tty.line("");
    let kept = tty.probe("kept");
    assert_eq!(get(&kept, "AWS_ACCESS_KEY_ID"), Some(key.as_str()));
    let screen = tty.screen();
    assert!(
        screen.contains("needed, and renewal at the prompt never asks"),
        "{screen}"
    );
    assert!(screen.contains("stay until they expire"), "{screen}");

    sleep_until(t0 + secs(10.0));
    tty.line("");
    let gone = tty.probe("gone");
    assert_eq!(get(&gone, "AWS_ACCESS_KEY_ID"), None, "{}", tty.screen());
    assert_eq!(get(&gone, "AWS_PROFILE"), Some("mine"));
    let screen = tty.screen();
    assert!(
        screen.contains("removed the expired credentials of mfa"),
        "{screen}"
    );
    assert!(!screen.contains("Enter MFA code"), "{screen}");
}
