//! Renewal of a session exported by hand, through hook-env as a shell would
//! run it (the simulated shell of src/hook/tests.rs), and the rule alone.

use std::time::SystemTime;

use super::super::tests::{Sim, assert_one};
use super::*;
use crate::creds::{from_unix, rfc3339};

const NOW: i64 = 1_000_000;

#[test]
fn a_new_session_is_watched_with_the_one_rule_and_kept_while_unchanged() {
    let rule = Rule::new(Some(600));
    let exp = rfc3339(from_unix(NOW + 3600));
    let h = track(None, Some("prod"), Some(&exp), rule, NOW).unwrap();
    assert_eq!((h.expires, h.renew_at), (NOW + 3600, NOW + 3000));
    // Later prompts keep what was decided (a failed attempt moved it).
    let moved = Hand {
        renew_at: NOW + 10,
        ..h.clone()
    };
    let same = track(Some(moved.clone()), Some("prod"), Some(&exp), rule, NOW + 5);
    assert_eq!(same, Some(moved));
    // A new export is a new session; a short one is renewed halfway.
    let short = rfc3339(from_unix(NOW + 300));
    let h2 = track(Some(h), Some("prod"), Some(&short), rule, NOW).unwrap();
    assert_eq!(h2.renew_at, NOW + 150);
    assert_eq!(track(None, None, Some(&exp), rule, NOW), None);
    assert_eq!(track(None, Some("prod"), None, rule, NOW), None);
    assert_eq!(track(None, Some("prod"), Some("garbage"), rule, NOW), None);
}

/// A shell that ran `roleshift export TARGET` by hand: the session's
/// variables, and the user's own AWS_PROFILE saved as export saves it.
fn exported(sh: &mut Sim, target: &str, key: &str, expires_in: i64) -> String {
    let exp = rfc3339(from_unix(unix(SystemTime::now()) + expires_in));
    sh.saved = Some(
        crate::vars::MANAGED
            .iter()
            .map(|n| {
                (
                    n.to_string(),
                    (*n == "AWS_PROFILE").then(|| "mine".to_string()),
                )
            })
            .collect(),
    );
    sh.vars.remove("AWS_PROFILE");
    for (n, v) in [
        ("AWS_ACCESS_KEY_ID", key),
        ("AWS_SECRET_ACCESS_KEY", "s"),
        ("AWS_SESSION_TOKEN", "t"),
        ("AWS_CREDENTIAL_EXPIRATION", exp.as_str()),
        ("ROLESHIFT_PROFILE", target),
    ] {
        sh.set(n, Some(v.to_string()));
    }
    exp
}

fn due(sh: &mut Sim, expired: bool) {
    let mut st = sh.state();
    let h = st.hand.as_mut().expect("a watched session");
    h.renew_at = 0;
    if expired {
        h.expires = 1;
    }
    sh.state = Some(st.encode());
}

fn proc_profile(sh: &Sim, body: &str) {
    let script = sh.path("creds.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    let config = std::fs::read_to_string(sh.path("home/.aws/config")).unwrap();
    std::fs::write(
        sh.path("home/.aws/config"),
        format!(
            "{config}[profile proc]\ncredential_process = /bin/sh {}\n\
             [profile mfa]\naws_access_key_id = AKIAMMMMMMMMMMMMMMMM\naws_secret_access_key = sm\n\
             mfa_serial = arn:aws:iam::123456789012:mfa/me\n",
            script.display()
        ),
    )
    .unwrap();
}

#[test]
fn a_hand_export_is_renewed_at_its_deadline_in_the_users_environment() {
    let mut sh = Sim::new();
    let later = rfc3339(from_unix(unix(SystemTime::now()) + 3600));
    proc_profile(
        &sh,
        &format!(
            r#"echo '{{"Version":1,"AccessKeyId":"ASIANEW","SecretAccessKey":"s","SessionToken":"t","Expiration":"{later}"}}'"#
        ),
    );
    let exp = exported(&mut sh, "proc", "ASIAOLD", 300);
    assert!(sh.prompt(false).is_empty());
    let h = sh.state().hand.expect("the export is watched");
    assert_eq!(
        (h.target.as_str(), h.expiration.as_str()),
        ("proc", exp.as_str())
    );
    assert!(h.renew_at > unix(SystemTime::now()), "not due yet: {h:?}");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some("ASIAOLD"));

    due(&mut sh, false);
    assert!(sh.prompt(false).is_empty());
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some("ASIANEW"));
    assert_eq!(sh.var("AWS_CREDENTIAL_EXPIRATION"), Some(later.as_str()));
    assert_eq!(
        sh.var("AWS_PROFILE"),
        None,
        "still the session, not the user's"
    );
    let h = sh.state().hand.unwrap();
    assert_eq!(h.expiration, later, "the new session is watched");

    // Inside a tree, the tree's role takes precedence and nothing is watched.
    sh.allow("a");
    sh.cd("a");
    assert_eq!(sh.state().hand, None);
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), Some("alpha"));
}

#[test]
fn input_needed_keeps_valid_credentials_until_expiry_then_removes_them() {
    let mut sh = Sim::new();
    proc_profile(&sh, "exit 3");
    exported(&mut sh, "mfa", "ASIAMFA", 300);
    sh.prompt(false);
    due(&mut sh, false);
    let msgs = sh.prompt(false);
    assert_one(
        &msgs,
        "MFA code for arn:aws:iam::123456789012:mfa/me needed",
    );
    assert_one(&msgs, "stay until they expire");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some("ASIAMFA"));
    let h = sh.state().hand.unwrap();
    assert_eq!(h.renew_at, h.expires, "tried again at expiry, not before");

    due(&mut sh, true);
    assert_one(&sh.prompt(false), "removed the expired credentials of mfa");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), None);
    assert_eq!(
        sh.var("AWS_PROFILE"),
        Some("mine"),
        "the user's own is back"
    );
    assert_eq!(sh.state().hand, None);
    assert!(sh.prompt(false).is_empty(), "said once");
}

#[test]
fn a_failing_renewal_is_retried_quietly_before_expiry() {
    let mut sh = Sim::new();
    proc_profile(&sh, "exit 3");
    exported(&mut sh, "proc", "ASIAOLD", 300);
    sh.prompt(false);
    due(&mut sh, false);
    assert_one(&sh.prompt(false), "stay until they expire");
    let h = sh.state().hand.unwrap();
    assert!(h.renew_at < h.expires && h.told, "{h:?}");
    due(&mut sh, false);
    assert!(sh.prompt(false).is_empty(), "one line, not one per retry");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some("ASIAOLD"));
}

#[test]
fn a_cancelled_renewal_waits_for_expiry_or_removes_expired_keys() {
    let mut sh = Sim::new();
    proc_profile(&sh, "exit 3");
    exported(&mut sh, "proc", "ASIAOLD", 300);
    sh.prompt(false);
    due(&mut sh, false);
    assert_one(&sh.prompt(true), "renewal cancelled");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some("ASIAOLD"));
    let h = sh.state().hand.unwrap();
    assert_eq!(h.renew_at, h.expires);
    due(&mut sh, true);
    assert_one(&sh.prompt(true), "have expired since; removed them");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
}

/// A tree's renewal never asks either: the same rule as a hand export.
#[test]
fn a_tree_renewal_that_needs_mfa_keeps_the_session_until_expiry() {
    let mut sh = Sim::new();
    let later = rfc3339(from_unix(unix(SystemTime::now()) + 300));
    proc_profile(
        &sh,
        &format!(
            r#"echo '{{"Version":1,"AccessKeyId":"ASIATREE","SecretAccessKey":"s","SessionToken":"t","Expiration":"{later}"}}'"#
        ),
    );
    std::fs::write(sh.path("a/.roleshift.toml"), "profile = \"proc\"\n").unwrap();
    sh.allow("a");
    sh.cd("a");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some("ASIATREE"));
    // The profile now needs an MFA code (cache bypassed: min-ttl 10 minutes).
    let config = std::fs::read_to_string(sh.path("home/.aws/config")).unwrap();
    let config = config.replace("[profile proc]", "[profile old-proc]");
    std::fs::write(
        sh.path("home/.aws/config"),
        config.replace("[profile mfa]", "[profile proc]"),
    )
    .unwrap();
    let mut st = sh.state();
    st.applied.as_mut().unwrap().renew_at = Some(0);
    sh.state = Some(st.encode());
    let msgs = sh.prompt(false);
    assert_one(&msgs, "needed, and renewal at the prompt never asks");
    assert_one(&msgs, "stay until they expire");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some("ASIATREE"));
    let a = sh.state().applied.unwrap();
    assert_eq!(a.renew_at, a.expires, "tried again at expiry");
}
