//! Real AWS clients as oracles for every sink (issue 11): the AWS CLI v1,
//! botocore and boto3 called directly, and the AWS SDK for JavaScript v3 must
//! all run as the assumed role after `export` (evaluated in bash), `exec`,
//! `exec --server`, `credential_process` and a profile written by `save`:
//! each with and without long-term keys in `[default]`, where SDKs most
//! often pick the wrong credentials.

mod support;

use std::path::{Path, PathBuf};

use support::{Moto, Sandbox, assert_ok, run, tool, venv_bin};

const ROLE_ACCOUNT: &str = "600000000001";

/// The JavaScript SDK that scripts/test installs (scripts/lib/setup.sh);
/// build.rs marks these tests ignored where it is missing.
fn node_modules() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/node/node_modules");
    assert!(
        dir.join("@aws-sdk/client-sts").is_dir(),
        "@aws-sdk/client-sts is not in {}: run scripts/test",
        dir.display()
    );
    dir
}

fn sandbox(default_keys: bool, role: &str) -> Sandbox {
    let sb = Sandbox::new();
    let rs = env!("CARGO_BIN_EXE_roleshift");
    sb.write_config(&format!(
        "[default]\nregion = us-east-1\n\
         [profile user]\naws_access_key_id = AKIAORACLEUSER\naws_secret_access_key = s\n\
         [profile prod]\nrole_arn = arn:aws:iam::{ROLE_ACCOUNT}:role/{role}\nsource_profile = user\nrole_session_name = oracle\n\
         region = us-east-1\n\
         [profile viaproc]\ncredential_process = {rs} credential-process prod\nregion = us-east-1\n"
    ));
    if default_keys {
        sb.write_credentials(
            "[default]\naws_access_key_id = AKIAIAMUSERDEFAULT\naws_secret_access_key = wrong\n",
        );
    }
    sb
}

/// Runs the sink's shell line in bash, then every client; returns each
/// client's line.
fn clients_after(sb: &Sandbox, moto: &Moto, node: &Path, line: &str) -> Vec<String> {
    let bash = tool("bash");
    let clients = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/whoami.sh");
    // Each sink's line ends where the clients' script path goes.
    let script = format!("{line} '{}'", clients.display());
    let mut cmd = sb.shell_cmd(&bash, &script);
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("NODE_PATH", node)
        .env("ORACLE_PYTHON", venv_bin().join("python"));
    let out = run(&mut cmd);
    assert_ok(&out);
    out.stdout.lines().map(str::to_string).collect()
}

fn check_sink(sink: &str, line: &str) {
    let moto = Moto::shared();
    let node = node_modules();
    tool("aws");
    tool("node");
    for default_keys in [false, true] {
        let role = format!("Oracle{sink}{}", if default_keys { "Keys" } else { "" });
        let sb = sandbox(default_keys, &role);
        let seen = clients_after(&sb, moto, &node, line);
        let want = format!("arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/{role}/oracle");
        let names: Vec<&str> = seen.iter().filter_map(|l| l.split(' ').next()).collect();
        assert_eq!(
            names,
            ["aws-cli", "botocore", "boto3", "js-sdk-v3"],
            "{seen:?}"
        );
        for l in &seen {
            assert_eq!(
                l.split_once(' ').map(|(_, arn)| arn.trim()),
                Some(want.as_str()),
                "{sink} (keys in [default]: {default_keys}): {l}"
            );
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn export_evaluated_in_bash() {
    check_sink("Export", r#"eval "$("$ROLESHIFT" export prod)" && ."#);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec() {
    check_sink("Exec", r#"exec "$ROLESHIFT" exec prod -- bash"#);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_server() {
    check_sink("Server", r#"exec "$ROLESHIFT" exec --server prod -- bash"#);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_process() {
    check_sink("Process", "export AWS_PROFILE=viaproc; .");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn saved_profile() {
    check_sink(
        "Save",
        r#""$ROLESHIFT" save prod --as saved && export AWS_PROFILE=saved && ."#,
    );
}
