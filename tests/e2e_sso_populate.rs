//! `roleshift sso populate` against the SSO fake: every page of every
//! listing, safe and unique names, the user's file kept byte for byte, prune
//! limited to roleshift's own profiles, nothing written when a listing fails,
//! and the time for 1,000 accounts with 3 roles each.

mod support;

use std::time::Instant;

use support::sso_fake::{Config, SsoFake};
use support::{Output, Sandbox, assert_ok, run};

const SESSION: &str = "[sso-session corp]\n\
sso_start_url = https://corp.awsapps.com/start\n\
sso_region = eu-west-1\n";

/// The user's own file: comments, CRLF-free odd spacing, a profile whose
/// name populate would want.
const USER: &str = "# my settings\n[default]\nregion = eu-west-1\n\n; hand-made\n[profile  Prod/Admin ]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n\n";

fn world(config: Config) -> (Sandbox, SsoFake) {
    let sb = Sandbox::new();
    sb.write_config(&format!("{USER}{SESSION}"));
    let fake = SsoFake::start(config);
    let out = run(sb.cmd(&["sso", "login", "--device-code"]).envs(fake.envs()));
    assert_ok(&out);
    (sb, fake)
}

fn populate(sb: &Sandbox, fake: &SsoFake, extra: &[&str]) -> Output {
    let mut args = vec!["sso", "populate"];
    args.extend_from_slice(extra);
    run(sb.cmd(&args).envs(fake.envs()).env("AWS_MAX_ATTEMPTS", "1"))
}

fn config(sb: &Sandbox) -> String {
    std::fs::read_to_string(sb.path("home/.aws/config")).unwrap()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn writes_every_account_and_role_and_prunes_only_its_own() {
    let (sb, fake) = world(Config {
        role_page: 1,
        account_page: 1,
        ..Config::default()
    });
    let before = config(&sb);
    let out = populate(&sb, &fake, &[]);
    assert_ok(&out);
    // Page size 1: two ListAccounts pages, and one ListAccountRoles page per role.
    assert_eq!(fake.count("ListAccounts"), 2);
    assert_eq!(fake.count("ListAccountRoles"), 3);
    let after = config(&sb);
    assert!(
        after.starts_with(&before),
        "the user's text changed:\n{after}"
    );
    assert_eq!(
        std::fs::read_to_string(sb.path("home/.aws/config.bak")).unwrap(),
        before
    );
    let added = &after[before.len()..];
    // The user's [profile Prod/Admin] is theirs: ours gets a suffix.
    for header in [
        "[profile Prod/Admin-2]",
        "[profile Prod/ReadOnly]",
        "[profile Dev-Sandbox/Admin]",
    ] {
        assert!(added.contains(header), "{header} missing:\n{added}");
    }
    assert!(
        added
            .contains("sso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Admin\n")
    );
    assert_eq!(added.matches("roleshift_managed = true").count(), 3);

    // The profiles work: GetRoleCredentials for the account and role.
    let out = run(sb
        .cmd(&["credential-process", "Dev-Sandbox/Admin"])
        .envs(fake.envs()));
    assert_ok(&out);
    assert!(
        out.stdout
            .contains(&SsoFake::role_keys("222222222222", "Admin").0)
    );

    // The Dev account goes away: without --prune its profile stays...
    fake.set(|c| c.accounts.retain(|(id, _, _)| id != "222222222222"));
    assert_ok(&populate(&sb, &fake, &[]));
    assert!(config(&sb).contains("[profile Dev-Sandbox/Admin]"));
    // ...with --prune it goes, and the user's text is as it was.
    let out = populate(&sb, &fake, &["--prune"]);
    assert_ok(&out);
    assert!(out.stderr.contains("1 removed"), "{}", out.stderr);
    let pruned = config(&sb);
    assert!(!pruned.contains("Dev-Sandbox"), "{pruned}");
    assert!(pruned.starts_with(&before));
    assert!(pruned.contains("[profile Prod/ReadOnly]"));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_failed_listing_changes_nothing() {
    let (sb, fake) = world(Config {
        fail_roles_for: Some("222222222222".into()),
        ..Config::default()
    });
    let before = config(&sb);
    let out = populate(&sb, &fake, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("ListAccountRoles 222222222222"),
        "{}",
        out.stderr
    );
    assert_eq!(config(&sb), before);
    assert!(!sb.path("home/.aws/config.bak").exists());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_name_template_and_hostile_account_names() {
    let mut cfg = Config::default();
    cfg.accounts.push((
        "333333333333".into(),
        "evil $(touch pwned) `id` ;[x]=\n".into(),
        vec!["Ops".into()],
    ));
    let (sb, fake) = world(cfg);
    // A credentials-file section of that name would merge into ours.
    sb.write_credentials("[corp.222222222222.Admin]\naws_access_key_id = AKIAEXAMPLE\n");
    let out = populate(
        &sb,
        &fake,
        &["--name-template", "{session}.{account_id}.{role_name}"],
    );
    assert_ok(&out);
    let text = config(&sb);
    assert!(text.contains("[profile corp.111111111111.Admin]"), "{text}");
    assert!(
        text.contains("[profile corp.222222222222.Admin-2]"),
        "{text}"
    );
    let out = populate(&sb, &fake, &["--prune"]);
    assert_ok(&out);
    let text = config(&sb);
    assert!(!text.contains("corp.111111111111.Admin"), "{text}");
    assert!(
        text.contains("[profile evil-touch-pwned-id-x/Ops]"),
        "{text}"
    );
    let bad = populate(&sb, &fake, &["--name-template", "{account}/{role_name}"]);
    assert_eq!(bad.status.code(), Some(2), "{}", bad.stderr);
}

/// The figure for scripts/bench: 1,000 accounts with 3 roles each.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_thousand_accounts_with_three_roles() {
    let accounts = (0..1000)
        .map(|i| {
            (
                format!("{:012}", 100_000_000_000u64 + i),
                format!("account-{i}"),
                vec!["Admin".into(), "ReadOnly".into(), "Billing".into()],
            )
        })
        .collect();
    let (sb, fake) = world(Config {
        accounts,
        account_page: 100,
        role_page: 2,
        ..Config::default()
    });
    let start = Instant::now();
    let out = populate(&sb, &fake, &[]);
    let took = start.elapsed();
    assert_ok(&out);
    assert_eq!(fake.count("ListAccounts"), 10);
    assert_eq!(fake.count("ListAccountRoles"), 2000);
    assert_eq!(
        config(&sb).matches("roleshift_managed = true").count(),
        3000
    );
    println!(
        "BENCH sso populate 1000 accounts x 3 roles: {:.2} s",
        took.as_secs_f64()
    );
    // A second run rewrites in place.
    let start = Instant::now();
    assert_ok(&populate(&sb, &fake, &["--prune"]));
    println!(
        "BENCH sso populate again (in place, --prune): {:.2} s",
        start.elapsed().as_secs_f64()
    );
    assert_eq!(
        config(&sb).matches("roleshift_managed = true").count(),
        3000
    );
}
