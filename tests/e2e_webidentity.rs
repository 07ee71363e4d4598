//! AssumeRoleWithWebIdentity end to end against moto, with the AWS CLI as the
//! client (issue 3): by flag, by profile and by the variables EKS and CI set.

mod support;

use std::process::Command;

use serde_json::Value;
use support::identity_via_exec as identity;
use support::{Moto, Sandbox, against, assert_ok, run, tool};

fn setup() -> (&'static Moto, Sandbox) {
    let moto = Moto::shared();
    tool("aws");
    (moto, Sandbox::new())
}

/// The one call of `action` moto saw for `role_arn`.
fn call(moto: &Moto, action: &str, role_arn: &str) -> support::Call {
    let mut calls: Vec<_> = moto
        .calls(action)
        .into_iter()
        .filter(|c| c.params.get("RoleArn").is_some_and(|r| r == role_arn))
        .collect();
    assert_eq!(calls.len(), 1, "{action} {role_arn}: {calls:?}");
    calls.pop().unwrap()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn token_by_flag() {
    let (moto, sb) = setup();
    let role = "arn:aws:iam::200000000001:role/WiFlag";
    let id = identity(
        &sb,
        moto,
        &[
            "--web-identity-token",
            "-",
            "--role-arn",
            role,
            "--session-name",
            "ci-flag",
        ],
        &[],
        Some("eyJ.flag.token"),
    );
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::200000000001:assumed-role/WiFlag/ci-flag"
    );
    let c = call(moto, "AssumeRoleWithWebIdentity", role);
    assert_eq!(c.params["WebIdentityToken"], "eyJ.flag.token");
    assert_eq!(c.params["RoleSessionName"], "ci-flag");
    assert!(
        !c.headers.contains_key("Authorization"),
        "web identity calls are not signed"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn token_from_stdin_or_a_file_loses_its_trailing_newline() {
    let (moto, sb) = setup();
    let role = "arn:aws:iam::200000000002:role/WiStdin";
    identity(
        &sb,
        moto,
        &["--web-identity-token", "-", "--role-arn", role],
        &[],
        Some("eyJ.stdin\n"),
    );
    assert_eq!(
        call(moto, "AssumeRoleWithWebIdentity", role).params["WebIdentityToken"],
        "eyJ.stdin"
    );

    let role = "arn:aws:iam::200000000002:role/WiFile";
    std::fs::write(sb.path("token"), "eyJ.file\r\n").unwrap();
    let file = sb.path("token").display().to_string();
    let args = [
        "--web-identity-token-file",
        &file,
        "--role-arn",
        role,
        "--provider-id",
        "www.amazon.com",
        "--duration",
        "15m",
    ];
    let id = identity(&sb, moto, &args, &[], None);
    assert!(
        id["Arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:sts::200000000002:assumed-role/WiFile/roleshift-"),
        "{id}"
    );
    let c = call(moto, "AssumeRoleWithWebIdentity", role);
    assert_eq!(c.params["WebIdentityToken"], "eyJ.file");
    assert_eq!(c.params["ProviderId"], "www.amazon.com");
    assert_eq!(c.params["DurationSeconds"], "900");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn token_by_profile() {
    let (moto, sb) = setup();
    std::fs::write(sb.path("token"), "eyJ.profile\n").unwrap();
    sb.write_config(&format!(
        "[profile wi]\nrole_arn = arn:aws:iam::200000000003:role/WiProfile\nweb_identity_token_file = {}\nrole_session_name = prof-session\nduration_seconds = 1h\n",
        sb.path("token").display()
    ));
    let id = identity(&sb, moto, &["wi"], &[], None);
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::200000000003:assumed-role/WiProfile/prof-session"
    );
    let c = call(
        moto,
        "AssumeRoleWithWebIdentity",
        "arn:aws:iam::200000000003:role/WiProfile",
    );
    assert_eq!(c.params["WebIdentityToken"], "eyJ.profile");
    assert_eq!(c.params["DurationSeconds"], "3600");

    let out = run(against(
        &mut sb.cmd(&["export", "wi", "--format", "json"]),
        moto,
    ));
    assert_ok(&out);
    let vars: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(vars["ROLESHIFT_PROFILE"], "wi");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn token_by_environment_with_no_target() {
    let (moto, sb) = setup();
    std::fs::write(sb.path("token"), "eyJ.env\n").unwrap();
    // A default profile with only settings, as `aws configure set region` leaves.
    sb.write_config("[default]\nregion = eu-west-3\n");
    let token = sb.path("token").display().to_string();
    let role = "arn:aws:iam::200000000004:role/WiEnv";
    let pod = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token.as_str()),
        ("AWS_ROLE_ARN", role),
        ("AWS_ROLE_SESSION_NAME", "pod-session"),
    ];
    let mut cmd = sb.cmd(&["export", "--format", "json"]);
    let out = run(against(&mut cmd, moto).envs(pod));
    assert_ok(&out);
    let vars: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(vars["ROLESHIFT_PROFILE"], role);
    assert_eq!(vars["AWS_REGION"], "eu-west-3");
    assert_eq!(
        call(moto, "AssumeRoleWithWebIdentity", role).params["WebIdentityToken"],
        "eyJ.env"
    );

    let mut aws = Command::new(tool("aws"));
    aws.args(["sts", "get-caller-identity", "--output", "json"])
        .env_clear()
        .envs(sb.envs());
    for k in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ] {
        aws.env(k, vars[k].as_str().unwrap());
    }
    let out = run(against(&mut aws, moto));
    assert_ok(&out);
    let id: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::200000000004:assumed-role/WiEnv/pod-session"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn environment_web_identity_assumes_a_role_arn_target() {
    let (moto, sb) = setup();
    std::fs::write(sb.path("token"), "eyJ.chain").unwrap();
    let token = sb.path("token").display().to_string();
    let pod_role = "arn:aws:iam::200000000005:role/WiPod";
    let target = "arn:aws:iam::200000000006:role/WiTarget";
    let pod = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token.as_str()),
        ("AWS_ROLE_ARN", pod_role),
    ];
    let id = identity(&sb, moto, &[target, "--session-name", "hop"], &pod, None);
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::200000000006:assumed-role/WiTarget/hop"
    );
    call(moto, "AssumeRoleWithWebIdentity", pod_role);
    call(moto, "AssumeRole", target);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn aws_profile_beats_the_environment_web_identity() {
    let sb = Sandbox::new();
    sb.write_config("[profile keys]\naws_access_key_id = AKIAKEYS\naws_secret_access_key = s\n");
    let out = run(sb
        .cmd(&["export", "--format", "json"])
        .env("AWS_PROFILE", "keys")
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token")
        .env("AWS_ROLE_ARN", "arn:aws:iam::1:role/Unused"));
    assert_ok(&out);
    let vars: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(vars["ROLESHIFT_PROFILE"], "keys");
    assert_eq!(vars["AWS_ACCESS_KEY_ID"], "AKIAKEYS");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_missing_token_file_is_one_line() {
    let sb = Sandbox::new();
    let out = run(&mut sb.cmd(&[
        "export",
        "--web-identity-token-file",
        "/nonexistent/token",
        "--role-arn",
        "arn:aws:iam::1:role/R",
    ]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        out.stderr
            .starts_with("roleshift: cannot read the web identity token file /nonexistent/token"),
        "{}",
        out.stderr
    );
}

/// The cache key holds a hash of the token itself: a new token in the same
/// file is a new sign-in, and a garbage or deleted token never gets the
/// session of the first one (issue 11).
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn another_token_in_the_same_file_never_gets_the_cached_session() {
    let (moto, sb) = setup();
    let role = "arn:aws:iam::200000000011:role/WiRotate";
    let token = sb.path("rotating-token");
    let file = token.display().to_string();
    let export = || {
        let mut cmd = sb.cmd(&[
            "export",
            "--web-identity-token-file",
            &file,
            "--role-arn",
            role,
        ]);
        run(against(&mut cmd, moto))
    };
    let sent = || {
        moto.calls("AssumeRoleWithWebIdentity")
            .into_iter()
            .filter(|c| c.params.get("RoleArn").is_some_and(|r| r == role))
            .map(|c| c.params["WebIdentityToken"].clone())
            .collect::<Vec<_>>()
    };
    std::fs::write(&token, "eyJ.first\n").unwrap();
    assert_ok(&export());
    assert_ok(&export());
    assert_eq!(
        sent(),
        ["eyJ.first"],
        "the same token is served from the cache"
    );

    std::fs::write(&token, "eyJ.second\n").unwrap();
    assert_ok(&export());
    assert_eq!(sent(), ["eyJ.first", "eyJ.second"]);

    std::fs::remove_file(&token).unwrap();
    let out = export();
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert!(
        support::nothing_to_evaluate(&out.stdout),
        "no cached session: {}",
        out.stdout
    );
    assert!(
        out.stderr.contains("web identity token file"),
        "{}",
        out.stderr
    );
    assert_eq!(sent().len(), 2);
}
