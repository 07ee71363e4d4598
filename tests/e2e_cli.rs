//! The commands as a user runs them, against moto: exec, credential-process,
//! whoami, MFA and list (SPEC §2, §4). Failures are in e2e_failures.rs.

mod support;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use support::{Moto, Sandbox, assert_ok, run, tool};

const KEY_ID: &str = "AKIAE2ECLIBASE000001";
const SECRET: &str = "e2eCliSecret/NeverShown+Q9xZ0123456789abcdef";
const ACCOUNT: &str = "333300000001";

fn prod_arn() -> String {
    format!("arn:aws:sts::{ACCOUNT}:assumed-role/CliProd/cli-prod")
}

/// `base` holds keys; `prod` assumes a role with them. EXTRA is appended.
fn sandbox(extra: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile prod]\nrole_arn = arn:aws:iam::{ACCOUNT}:role/CliProd\nsource_profile = base\n\
         role_session_name = cli-prod\nregion = us-east-1\n{extra}"
    ));
    sb
}

/// `roleshift ARGS` against moto.
fn rs(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Command {
    let mut cmd = sb.cmd(args);
    cmd.env("AWS_ENDPOINT_URL", moto.url());
    cmd
}

/// Any program with only the sandbox's environment.
fn hermetic(sb: &Sandbox, program: impl Into<PathBuf>) -> Command {
    let mut cmd = Command::new(program.into());
    cmd.env_clear()
        .envs(sb.envs())
        .current_dir(sb.path("cwd"))
        .stdin(Stdio::null());
    cmd
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_runs_the_command_as_the_role() {
    let moto = Moto::shared();
    let sb = sandbox("");
    let out = run(&mut rs(
        &sb,
        moto,
        &[
            "exec",
            "prod",
            "--",
            "aws",
            "sts",
            "get-caller-identity",
            "--query",
            "Arn",
            "--output",
            "text",
        ],
    ));
    assert_ok(&out);
    assert_eq!(out.stdout.trim_end(), prod_arn());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_exits_with_the_childs_status() {
    let moto = Moto::shared();
    let sb = sandbox("");
    let out = run(&mut rs(
        &sb,
        moto,
        &["exec", "prod", "--", "sh", "-c", "exit 7"],
    ));
    assert_eq!(out.status.code(), Some(7), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_child_killed_by_a_signal_gives_128_plus_n() {
    let bash = tool("bash");
    let moto = Moto::shared();
    let sb = sandbox("");
    let script = "\"$ROLESHIFT\" exec prod -- sh -c 'kill -TERM $$'; echo $?";
    let out = run(sb
        .shell_cmd(&bash, script)
        .env("AWS_ENDPOINT_URL", moto.url()));
    assert_ok(&out);
    assert_eq!(out.stdout.trim(), "143", "SIGTERM is 15\n{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_without_a_command_runs_the_users_shell() {
    let moto = Moto::shared();
    let sb = sandbox("");
    let fake = sb.path("home/fake-shell");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho \"fake shell, $# args\"\necho \"profile=$ROLESHIFT_PROFILE\"\n\
         echo \"AWS_PROFILE=${AWS_PROFILE-<unset>}\"\necho \"key=$AWS_ACCESS_KEY_ID\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = run(rs(&sb, moto, &["exec", "prod"])
        .env("SHELL", &fake)
        .env("AWS_PROFILE", "orig"));
    assert_ok(&out);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        ["fake shell, 0 args", "profile=prod", "AWS_PROFILE=<unset>"],
        "{}",
        out.stdout
    );
    assert!(
        lines[3].starts_with("key=") && lines[3] != format!("key={KEY_ID}") && lines[3].len() > 10,
        "{}",
        out.stdout
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_process_serves_the_aws_cli() {
    let aws = tool("aws");
    let moto = Moto::shared();
    let bin = env!("CARGO_BIN_EXE_roleshift");
    let sb = sandbox(&format!(
        "[profile viaproc]\ncredential_process = \"{bin}\" credential-process prod\nregion = us-east-1\n"
    ));

    let out = run(&mut rs(&sb, moto, &["credential-process", "prod"]));
    assert_ok(&out);
    let json: serde_json::Value =
        serde_json::from_str(&out.stdout).expect("credential-process prints JSON");
    assert_eq!(json["Version"], 1);
    for field in [
        "AccessKeyId",
        "SecretAccessKey",
        "SessionToken",
        "Expiration",
    ] {
        assert!(
            json[field].as_str().is_some_and(|v| !v.is_empty()),
            "{field} missing: {json}"
        );
    }
    assert!(
        json["Expiration"].as_str().unwrap().ends_with('Z'),
        "{json}"
    );

    let mut cli = hermetic(&sb, aws);
    cli.args([
        "sts",
        "get-caller-identity",
        "--profile",
        "viaproc",
        "--query",
        "Arn",
        "--output",
        "text",
    ]);
    let out = run(cli.env("AWS_ENDPOINT_URL", moto.url()));
    assert_ok(&out);
    assert_eq!(out.stdout.trim_end(), prod_arn());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn whoami_json_prints_what_sts_says() {
    let moto = Moto::shared();
    let sb = sandbox("");
    let out = run(&mut rs(&sb, moto, &["whoami", "prod", "--json"]));
    assert_ok(&out);
    let id: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    assert_eq!(id["Arn"], prod_arn());
    assert_eq!(id["Account"], ACCOUNT);
    assert!(
        id["UserId"]
            .as_str()
            .is_some_and(|u| u.ends_with(":cli-prod")),
        "{id}"
    );
}

/// A user's keys with an MFA device, and a role assumed with them. moto's
/// GetSessionToken always answers with this key, which tells its session apart.
const MOTO_SESSION_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

fn mfa_config(tag: &str, serial: &str, role: &str, process: Option<&str>) -> String {
    let process = process
        .map(|p| format!("mfa_process = {p}\n"))
        .unwrap_or_default();
    format!(
        "[profile {tag}-user]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile {tag}]\nrole_arn = {role}\nsource_profile = {tag}-user\nmfa_serial = {serial}\n{process}"
    )
}

/// One GetSessionToken with the device and CODE, then AssumeRole signed with
/// that session (so it came after), carrying no code of its own.
#[track_caller]
fn assert_mfa_session_then_role(moto: &Moto, serial: &str, code: &str, role: &str) {
    let sessions: Vec<_> = moto
        .calls("GetSessionToken")
        .into_iter()
        .filter(|c| c.params.get("SerialNumber").is_some_and(|s| s == serial))
        .collect();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    assert_eq!(
        sessions[0].params.get("TokenCode").map(String::as_str),
        Some(code)
    );
    assert!(sessions[0].headers["Authorization"].contains(&format!("Credential={KEY_ID}/")));
    let roles: Vec<_> = moto
        .calls("AssumeRole")
        .into_iter()
        .filter(|c| c.params["RoleArn"] == role)
        .collect();
    assert_eq!(roles.len(), 1, "{roles:?}");
    assert!(
        roles[0].headers["Authorization"].contains(&format!("Credential={MOTO_SESSION_KEY}/")),
        "AssumeRole must use the MFA session: {:?}",
        roles[0].headers
    );
    assert!(
        !roles[0].params.contains_key("TokenCode"),
        "the code was spent on GetSessionToken"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn mfa_code_flag_starts_a_session_then_assumes_the_role() {
    let moto = Moto::shared();
    let (serial, role) = (
        "arn:aws:iam::333300000004:mfa/e2e-flag",
        "arn:aws:iam::333300000004:role/MfaFlag",
    );
    let sb = sandbox(&mfa_config("mfaflag", serial, role, None));
    let out = run(&mut rs(
        &sb,
        moto,
        &[
            "export",
            "mfaflag",
            "--mfa-code",
            "123456",
            "--format",
            "json",
        ],
    ));
    assert_ok(&out);
    assert_mfa_session_then_role(moto, serial, "123456", role);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn mfa_process_supplies_the_code() {
    let moto = Moto::shared();
    let (serial, role) = (
        "arn:aws:iam::333300000005:mfa/e2e-process",
        "arn:aws:iam::333300000005:role/MfaProcess",
    );
    let sb = sandbox(&mfa_config("mfaproc", serial, role, Some("echo 654321")));
    let out = run(&mut rs(
        &sb,
        moto,
        &["export", "mfaproc", "--format", "json"],
    ));
    assert_ok(&out);
    assert_mfa_session_then_role(moto, serial, "654321", role);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn list_prints_names_and_json_without_secrets() {
    let sb = sandbox("");
    let names = run(&mut sb.cmd(&["list", "--names"]));
    assert_ok(&names);
    assert_eq!(names.stdout, "base\nprod\n");
    let json = run(&mut sb.cmd(&["list", "--json"]));
    assert_ok(&json);
    let rows: serde_json::Value =
        serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}: {}", json.stdout));
    let prod = rows
        .as_array()
        .and_then(|r| r.iter().find(|p| p["name"] == "prod"))
        .expect("prod listed");
    assert_eq!(
        prod["role_arn"],
        format!("arn:aws:iam::{ACCOUNT}:role/CliProd")
    );
    assert_eq!(prod["source_profile"], "base");
    let table = run(&mut sb.cmd(&["list"]));
    assert_ok(&table);
    for out in [&names, &json, &table] {
        assert!(
            !out.stdout.contains(SECRET) && !out.stderr.contains(SECRET),
            "list shows a secret"
        );
    }
}
