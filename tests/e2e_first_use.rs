//! What a new user trips over (issue 12): credential_process loops, endpoint
//! variables without a profile, fish statuses, a repeated bare export, chains
//! refused before any call, MFA session length and strict variables, exec's
//! exit statuses and unset's formats. Each test failed before its fix.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use support::{Moto, Output, Sandbox, assert_ok, run, tool};

const KEY_ID: &str = "AKIAE2EFIRSTUSE00001";
const SECRET: &str = "e2eFirstUseSecret/NeverShown+abcdef0123456";
const DEFAULT_KEY_ID: &str = "AKIAE2EFIRSTUSEDEF01";
const ACCOUNT: &str = "444400000001";

/// `base` holds keys, `prod` assumes a role with them, `default` holds the
/// keys of another account. EXTRA is appended.
fn sandbox(extra: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[default]\naws_access_key_id = {DEFAULT_KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile prod]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/FirstUse\nsource_profile = base\n{extra}"
    ));
    sb
}

fn against(cmd: &mut Command, moto: &Moto) -> Output {
    run(support::against(cmd, moto))
}

#[track_caller]
fn assert_fails_with(out: &Output, code: i32, needle: &str) {
    assert_eq!(out.status.code(), Some(code), "{out:?}");
    assert!(out.stderr.contains(needle), "`{needle}` missing: {out:?}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_process_loops_fail_at_once_and_name_the_loop() {
    let me = env!("CARGO_BIN_EXE_roleshift");
    let sb = Sandbox::new();
    // A default that runs roleshift with no target, a profile naming itself,
    // and two profiles that lead to each other.
    sb.write_config(&format!(
        "[default]\ncredential_process = {me} credential-process\n\
         [profile self]\ncredential_process = {me} credential-process self\n\
         [profile a]\ncredential_process = {me} credential-process b\n\
         [profile b]\ncredential_process = {me} export a --format credential-process\n"
    ));
    for (args, needle) in [
        (&["credential-process"][..], "(default -> default)"),
        (&["credential-process", "self"][..], "(self -> self)"),
        (&["export", "a", "--format", "json"][..], "(a -> b -> a)"),
    ] {
        let started = Instant::now();
        let out = run(&mut sb.cmd(args));
        assert_fails_with(&out, 1, "credential_process loop");
        assert!(out.stderr.contains(needle), "{needle}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{args:?} took long"
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn whoami_honours_endpoint_variables_without_a_profile() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    for var in ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS"] {
        let mut cmd = sb.cmd(&["whoami", "--json"]);
        cmd.env(var, moto.url())
            .env("AWS_ACCESS_KEY_ID", KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("ROLESHIFT_TIMEOUT", "5");
        let out = run(&mut cmd);
        assert_ok(&out);
        assert!(out.stdout.contains("\"Account\""), "{var}: {}", out.stdout);
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_export_and_unset_leave_a_true_status() {
    let fish = tool("fish");
    let sb = sandbox("");
    let script = "\"$ROLESHIFT\" export base --format fish | source; and echo exported\n\
                  \"$ROLESHIFT\" export base --format fish | source; and echo again\n\
                  \"$ROLESHIFT\" unset --format fish | source; and echo unset\n\
                  \"$ROLESHIFT\" unset --format fish | source; and echo unset-again\n";
    let out = run(&mut sb.shell_cmd(&fish, script));
    assert_ok(&out);
    assert_eq!(
        out.stdout, "exported\nagain\nunset\nunset-again\n",
        "{out:?}"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_bare_export_renews_the_active_session() {
    let moto = Moto::shared();
    let bash = tool("bash");
    let sb = sandbox("");
    let script = "eval \"$(\"$ROLESHIFT\" export prod --format bash)\" || exit 1\n\
                  eval \"$(\"$ROLESHIFT\" export --format bash)\" || exit 1\n\
                  printf '%s %s\\n' \"$ROLESHIFT_PROFILE\" \"$AWS_ACCESS_KEY_ID\"\n";
    let out = against(&mut sb.shell_cmd(&bash, script), moto);
    assert_ok(&out);
    let (profile, key) = out.stdout.trim().split_once(' ').expect("two words");
    assert_eq!(profile, "prod", "{out:?}");
    assert_ne!(key, DEFAULT_KEY_ID, "the second export switched to default");

    // An ARN session cannot be renewed from itself: name the target.
    let mut cmd = sb.cmd(&["export", "--format", "json"]);
    cmd.env(
        "ROLESHIFT_PROFILE",
        format!("arn:aws:iam::{ACCOUNT}:role/X"),
    );
    assert_fails_with(&run(&mut cmd), 2, "name the target");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_chain_over_an_hour_fails_before_any_call() {
    let moto = Moto::start();
    let sb = sandbox(&format!(
        "[profile hop2]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/Hop2\nsource_profile = prod\n\
         duration_seconds = 7200\n\
         [profile mfa-hop1]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/Hop1\nsource_profile = base\n\
         mfa_serial = arn:aws:iam::{ACCOUNT}:mfa/user\n\
         [profile mfa-hop2]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/Hop2\nsource_profile = mfa-hop1\n"
    ));
    let out = against(&mut sb.cmd(&["export", "hop2", "--format", "json"]), &moto);
    assert_fails_with(&out, 1, "role chaining limits a session to 1 hour");
    let mfa = [
        "export",
        "mfa-hop2",
        "--duration",
        "2h",
        "--mfa-code",
        "123456",
    ];
    let out = against(sb.cmd(&mfa).args(["--format", "json"]), &moto);
    assert_fails_with(&out, 1, "role chaining limits a session to 1 hour");
    assert_eq!(moto.request_count("AssumeRole"), 0, "a hop was called");
    assert_eq!(
        moto.request_count("GetSessionToken"),
        0,
        "an MFA code was spent"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn mfa_sessions_last_up_to_36_hours() {
    let moto = Moto::start();
    let sb = sandbox("");
    let serial = format!("arn:aws:iam::{ACCOUNT}:mfa/user");
    let args = [
        "export",
        "base",
        "--mfa-serial",
        &serial,
        "--mfa-code",
        "123456",
    ];
    let out = against(
        sb.cmd(&args)
            .args(["--duration", "24h", "--format", "json"]),
        &moto,
    );
    assert_ok(&out);
    let calls = moto.calls("GetSessionToken");
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].params.get("DurationSeconds").map(String::as_str),
        Some("86400")
    );
    // A role session stays within 12 hours, refused before any call.
    let out = against(&mut sb.cmd(&["export", "prod", "--duration", "24h"]), &moto);
    assert_fails_with(&out, 2, "at most 12 hours");
    assert_eq!(moto.request_count("AssumeRole"), 0);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn every_tuning_variable_is_validated() {
    let sb = sandbox("");
    for (name, value) in [
        ("ROLESHIFT_MFA_DURATION", "20x"),
        ("ROLESHIFT_MFA_DURATION", "37h"),
        ("ROLESHIFT_TIMEOUT", "abc"),
        ("AWS_MAX_ATTEMPTS", "0"),
        ("ROLESHIFT_SHELL", "tcsh"),
        ("ROLESHIFT_MIN_TTL", "soon"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "maybe"),
    ] {
        // Through the hot path (a profile with keys) and through the rest.
        for args in [&["export", "base", "--format", "json"][..], &["unset"][..]] {
            let out = run(sb.cmd(args).env(name, value));
            // clap reads ROLESHIFT_MIN_TTL as --min-ttl for the commands that take it.
            let needle = match (name, args[0]) {
                ("ROLESHIFT_MIN_TTL", "export") => {
                    format!("invalid value '{value}' for '--min-ttl")
                }
                _ => format!("roleshift: {name}: "),
            };
            assert_fails_with(&out, 2, &needle);
            assert!(out.stdout.is_empty(), "{name}={value}: {}", out.stdout);
        }
    }
    let ok = run(sb.cmd(&["unset"]).env("ROLESHIFT_MFA_DURATION", "20h"));
    assert_ok(&ok);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_exits_127_for_a_missing_command_and_126_for_one_that_cannot_run() {
    use std::os::unix::fs::PermissionsExt;
    let sb = sandbox("");
    let plain = sb.path("cwd/plain");
    std::fs::write(&plain, "#!/bin/sh\necho ran\n").unwrap();
    std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::create_dir(sb.path("cwd/dir")).unwrap();
    let bin = sb.path("bin");
    std::fs::create_dir(&bin).unwrap();
    std::fs::copy(&plain, bin.join("tool")).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    for (cmd, code, needle) in [
        ("no-such-command", 127, "command not found on PATH"),
        ("/no/such/file", 127, "no such file"),
        ("./plain", 126, "is not executable"),
        ("./dir", 126, "is a directory"),
        ("tool", 126, "is not executable"),
    ] {
        let out = run(sb.cmd(&["exec", "base", "--", cmd]).env("PATH", &path));
        assert_fails_with(&out, code, needle);
        assert!(
            out.stderr
                .starts_with(&format!("roleshift: cannot run `{cmd}`: "))
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn unset_offers_only_formats_that_work() {
    let sb = Sandbox::new();
    let help = run(&mut sb.cmd(&["unset", "--help"]));
    assert_ok(&help);
    assert!(help.stdout.contains("json"), "{}", help.stdout);
    for offered_before in ["dotenv", "credential-process"] {
        assert!(!help.stdout.contains(offered_before), "{}", help.stdout);
        let out = run(&mut sb.cmd(&["unset", "--format", offered_before]));
        assert_fails_with(&out, 2, &format!("invalid value '{offered_before}'"));
    }
    assert_ok(&run(&mut sb.cmd(&["unset", "--format", "json"])));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn list_keeps_its_columns_and_flags_broken_profiles() {
    let sb = sandbox(&format!(
        "region = eu-west-1\n\
         [profile long]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/a/very/long/path/to/a/role/ThatOverflowsAnyFixedColumnWidthForSure\n\
         source_profile = base\nregion = eu-west-1\n\
         [profile orphan]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/R\nsource_profile = nosuch\n\
         [profile loopa]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/R\nsource_profile = loopb\n\
         [profile loopb]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/R\nsource_profile = loopa\n\
         [profile halfkeys]\naws_access_key_id = AKIAONLYHALF\n\
         [profile asks]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/R\nsource_profile = base\n\
         mfa_serial = arn:aws:iam::{ACCOUNT}:mfa/me\n"
    ));
    let out = run(&mut sb.cmd(&["list"]));
    assert_ok(&out);
    let lines: Vec<&str> = out.stdout.lines().take_while(|l| !l.is_empty()).collect();
    let column = |line: &str, word: &str| line.find(word);
    let region_at = column(lines[0], "REGION").expect("header");
    let status_at = column(lines[0], "STATUS").expect("header");
    let status_of = |name: &str| {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{name} ")))
            .expect(name);
        line[status_at..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    for line in &lines[1..] {
        let region = &line[region_at..];
        assert!(
            region.starts_with('-') || region.starts_with("eu-west-1"),
            "out of line: {line}"
        );
    }
    for (name, status) in [
        ("base", "ok"),
        ("prod", "ok"),
        ("long", "ok"),
        ("orphan", "broken"),
        ("loopa", "broken"),
        ("halfkeys", "broken"),
        ("asks", "mfa"),
    ] {
        assert_eq!(status_of(name), status, "{name}: {}", out.stdout);
    }
    assert!(
        out.stdout.contains("loopa: source_profile loop"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("halfkeys: profile `halfkeys` has aws_access_key_id"),
        "{}",
        out.stdout
    );
    let json = run(&mut sb.cmd(&["list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let orphan = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "orphan")
        .unwrap();
    assert_eq!(orphan["status"], "broken");
    assert!(orphan["problem"].as_str().unwrap().contains("nosuch"));
}
