//! Where a chain's first credentials come from (SPEC §4): credential_source,
//! credential_process, SSO's cached token; and the terminal: the MFA prompt
//! and the eval hint go there, never into what is evaluated.

mod support;

use std::process::Command;

use support::{Moto, Output, Sandbox, assert_ok, run};

fn rs(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Command {
    let mut cmd = sb.cmd(args);
    cmd.env("AWS_ENDPOINT_URL", moto.url());
    cmd
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

fn assumed(moto: &Moto, role: &str) -> Vec<support::Call> {
    moto.calls("AssumeRole")
        .into_iter()
        .filter(|c| c.params.get("RoleArn").is_some_and(|a| a.ends_with(role)))
        .collect()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_source_environment_assumes_from_the_variables() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config("[profile envrole]\nrole_arn = arn:aws:iam::555500000001:role/SrcEnv\ncredential_source = Environment\n");
    let mut cmd = rs(&sb, moto, &["export", "envrole", "--format", "json"]);
    cmd.env("AWS_ACCESS_KEY_ID", "AKIAE2ESOURCEENV0001")
        .env("AWS_SECRET_ACCESS_KEY", "envsecret");
    let out = run(&mut cmd);
    assert_ok(&out);
    let calls = assumed(moto, "role/SrcEnv");
    assert_eq!(calls.len(), 1);
    assert!(
        calls[0]
            .headers
            .get("Authorization")
            .is_some_and(|a| a.contains("AKIAE2ESOURCEENV0001"))
    );
    // Without the variables the error names the setting that needs them.
    let out = run(&mut rs(
        &sb,
        moto,
        &["export", "envrole", "--format", "json"],
    ));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr
            .starts_with("roleshift: credential_source = Environment: "),
        "{}",
        out.stderr
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_process_starts_a_chain() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let script = sb.path("creds.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '%s' '{\"Version\": 1, \"AccessKeyId\": \"AKIAE2ESOURCEPROC001\", \"SecretAccessKey\": \"procsecret\"}'\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    sb.write_config(&format!(
        "[profile proc]\ncredential_process = {}\n[profile viaproc]\nrole_arn = arn:aws:iam::555500000002:role/SrcProc\nsource_profile = proc\n",
        script.display()
    ));
    let out = run(&mut rs(
        &sb,
        moto,
        &["export", "viaproc", "--format", "json"],
    ));
    assert_ok(&out);
    let calls = assumed(moto, "role/SrcProc");
    assert_eq!(calls.len(), 1);
    assert!(
        calls[0]
            .headers
            .get("Authorization")
            .is_some_and(|a| a.contains("AKIAE2ESOURCEPROC001"))
    );
    // The process's own keys, exported as they are: no network needed.
    let out = run(&mut sb.cmd(&["export", "proc", "--format", "json"]));
    assert_ok(&out);
    assert_eq!(json(&out)["AWS_ACCESS_KEY_ID"], "AKIAE2ESOURCEPROC001");
    assert!(json(&out)["AWS_SESSION_TOKEN"].is_null());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn sso_without_a_cached_token_says_to_log_in() {
    let sb = Sandbox::new();
    sb.write_config(
        "[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n\
         [sso-session corp]\nsso_start_url = https://example.invalid/start\nsso_region = eu-west-1\n",
    );
    let out = run(&mut sb.cmd(&["export", "corp"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(support::nothing_to_evaluate(&out.stdout), "{}", out.stdout);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert!(
        lines[0]
            .starts_with("roleshift: SSO role Admin in account 111122223333 for profile `corp`"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("roleshift sso login --session corp"),
        "{}",
        lines[1]
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_mfa_prompt_goes_to_the_terminal_not_to_stdout() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let serial = "arn:aws:iam::555500000000:mfa/SrcPrompt";
    sb.write_config(&format!(
        "[profile me]\naws_access_key_id = AKIAE2ESOURCEMFA0001\naws_secret_access_key = s\n\
         [profile guarded]\nrole_arn = arn:aws:iam::555500000003:role/SrcPrompt\nsource_profile = me\nmfa_serial = {serial}\n"
    ));
    let out = support::on_terminal(
        &sb,
        moto,
        // No echo: the typed code would otherwise land in the middle of the
        // prompt whenever it reaches the terminal first.
        "stty -echo; \"$ROLESHIFT\" export guarded --format json > out.json",
        "246810\n",
    );
    assert_ok(&out);
    assert!(
        out.stdout.contains(&format!("Enter MFA code for {serial}")),
        "{}",
        out.stdout
    );
    let text = std::fs::read_to_string(sb.path("cwd/out.json")).unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert!(v["AWS_SESSION_TOKEN"].is_string());
    let sessions: Vec<_> = moto
        .calls("GetSessionToken")
        .into_iter()
        .filter(|c| c.params.get("SerialNumber").map(String::as_str) == Some(serial))
        .collect();
    assert_eq!(sessions.len(), 1);
    assert_eq!(
        sessions[0].params.get("TokenCode").map(String::as_str),
        Some("246810")
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn export_to_a_terminal_shows_how_to_eval_it() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(
        "[profile me]\naws_access_key_id = AKIAE2ESOURCEHINT001\naws_secret_access_key = s\n",
    );
    let out = support::on_terminal(&sb, moto, "\"$ROLESHIFT\" export me --format bash", "");
    assert_ok(&out);
    assert!(
        out.stdout
            .contains("to apply them, run: eval \"$(roleshift export me)\""),
        "{}",
        out.stdout
    );
    // Piped, there is no hint: stderr stays empty.
    let out = run(&mut sb.cmd(&["export", "me", "--format", "bash"]));
    assert_ok(&out);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}
