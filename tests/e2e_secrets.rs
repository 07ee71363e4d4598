//! No secret in argv, in `-v`/`-vv` logs or in error messages (SPEC §6,
//! issue 7). e2e_failures.rs covers `export`; these cover `exec --server`
//! (the keys it serves and its token), `credential_process` output, web
//! identity tokens, and MFA codes from `mfa_process`.

mod support;

use support::fault::{Fault, Mode};
use support::{Moto, Sandbox, assert_ok, run, tool};

const KEY_ID: &str = "AKIASECRETSBASE00001";
const LONG_TERM: &str = "secretsLongTermKey/NeverLogged+0123456789";
const MFA_CODE: &str = "918273";

#[track_caller]
fn never_in(haystack: &str, secrets: &[&str], context: &str) {
    for s in secrets {
        assert!(!s.is_empty());
        assert!(
            !haystack.contains(s),
            "{context} shows the secret {s:?}:\n{haystack}"
        );
    }
}

fn read(sb: &Sandbox, file: &str) -> String {
    std::fs::read_to_string(sb.path("cwd").join(file)).unwrap_or_default()
}

/// The child fetches what the endpoint serves and records it, and records
/// its parent's (roleshift's) argv.
const FETCH: &str = r#"
import json, os, urllib.request
req = urllib.request.Request(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"],
    headers={"Authorization": os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]})
creds = json.load(urllib.request.urlopen(req, timeout=5))
creds["AuthToken"] = os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
creds["ParentArgv"] = open("/proc/%d/cmdline" % os.getppid(), "rb").read().decode(errors="replace")
json.dump(creds, open("served.json", "w"))
"#;

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_server_logs_and_argv_hold_no_secret() {
    let moto = Moto::shared();
    let py = tool("python3");
    for v in ["-v", "-vv"] {
        let sb = Sandbox::new();
        sb.write_config(&format!(
            "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {LONG_TERM}\n\
             [profile srv]\nrole_arn = arn:aws:iam::999900000001:role/Secrets\nsource_profile = base\n"
        ));
        // A short session, so that -v also logs a renewal or two.
        let out = run(sb
            .cmd(&[
                v,
                "exec",
                "--server",
                "srv",
                "--duration",
                "15m",
                "--min-ttl",
                "14m59s",
                "--",
                py.to_str().unwrap(),
                "-c",
                &format!("{FETCH}\nimport time; time.sleep(2.5)"),
            ])
            .env("AWS_ENDPOINT_URL", moto.url())
            .env("AWS_MAX_ATTEMPTS", "1"));
        assert_ok(&out);
        assert!(
            out.stderr.contains("renewed"),
            "{v} logs renewals:\n{}",
            out.stderr
        );
        let served: serde_json::Value =
            serde_json::from_str(&read(&sb, "served.json")).expect("served.json");
        let secret = served["SecretAccessKey"].as_str().unwrap();
        let token = served["Token"].as_str().unwrap();
        let auth = served["AuthToken"].as_str().unwrap();
        never_in(&out.stderr, &[secret, token, auth, LONG_TERM], v);
        never_in(
            served["ParentArgv"].as_str().unwrap(),
            &[secret, token, auth, LONG_TERM],
            "roleshift's argv",
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_process_secrets_stay_out_of_logs_and_errors() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let out_file = sb.path("cwd/process.json");
    let from_process = "processSecret/FromCredentialProcess+abc123";
    sb.write_config(&format!(
        "[profile proc]\ncredential_process = cat '{}'\n\
         [profile role]\nrole_arn = arn:aws:iam::999900000002:role/FromProcess\nsource_profile = proc\n",
        out_file.display()
    ));
    let good = format!(
        r#"{{"Version":1,"AccessKeyId":"AKIAPROCESS000000001","SecretAccessKey":"{from_process}"}}"#
    );
    std::fs::write(&out_file, &good).unwrap();
    for v in ["-v", "-vv"] {
        for target in ["proc", "role"] {
            let out = run(sb
                .cmd(&[v, "export", target, "--format", "json", "--refresh"])
                .env("AWS_ENDPOINT_URL", moto.url())
                .env("AWS_MAX_ATTEMPTS", "1"));
            assert_ok(&out);
            let vars: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
            let exported = vars["AWS_SECRET_ACCESS_KEY"].as_str().unwrap().to_string();
            never_in(
                &out.stderr,
                &[from_process, &exported],
                &format!("{v} {target}"),
            );
        }
    }
    // Output that is almost right: the error names the problem, not the values.
    for bad in [
        good.replace("\"Version\":1", "\"Version\":2"),
        good.replace('}', ""),
        good.replace("\"SecretAccessKey\"", "\"SecretAccessKey\":1,\"x\""),
    ] {
        std::fs::write(&out_file, &bad).unwrap();
        let out = run(&mut sb.cmd(&["-vv", "export", "proc", "--format", "json"]));
        assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
        never_in(&out.stderr, &[from_process], "a credential_process error");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_web_identity_token_is_never_shown_even_when_sts_fails() {
    let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXRzIn0.TokenSignatureNeverShown";
    let sb = Sandbox::new();
    std::fs::write(sb.path("cwd/token"), token).unwrap();
    for mode in [
        Mode::Status(500),
        Mode::Throttle,
        Mode::BadGateway,
        Mode::Drop,
    ] {
        let fault = Fault::start(mode, usize::MAX, None);
        for v in ["-v", "-vv"] {
            let out = run(sb
                .cmd(&[
                    v,
                    "export",
                    "--role-arn",
                    "arn:aws:iam::999900000003:role/Token",
                    "--web-identity-token-file",
                    "token",
                    "--endpoint-url",
                    fault.url(),
                ])
                .env("AWS_MAX_ATTEMPTS", "2"));
            assert_eq!(out.status.code(), Some(1), "{mode:?}: {}", out.stderr);
            never_in(
                &out.stderr,
                &[token, "TokenSignatureNeverShown"],
                &format!("{mode:?} {v}"),
            );
        }
    }
}

/// `mfa_process` prints the code; it must reach STS and nothing else: not
/// the argv of mfa_process (or of any process), not the logs, not the
/// environment of the command that `exec` runs.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_mfa_code_from_mfa_process_reaches_sts_only() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let script = sb.path("cwd/mfa.sh");
    // Records its own argv and its parent's, then prints the code.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > mfa.argv\n\
             tr '\\0' ' ' < /proc/$PPID/cmdline > mfa.parent\necho {MFA_CODE}\n"
        ),
    )
    .unwrap();
    let serial = "arn:aws:iam::999900000004:mfa/secrets";
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {LONG_TERM}\n\
         [profile mfa]\nrole_arn = arn:aws:iam::999900000004:role/Mfa\nsource_profile = base\n\
         mfa_serial = {serial}\nmfa_process = sh '{}' --flag\n",
        script.display()
    ));
    let out = run(sb
        .cmd(&[
            "-vv",
            "exec",
            "mfa",
            "--",
            "sh",
            "-c",
            "env > child.env; tr '\\0' ' ' < /proc/$$/cmdline > child.argv",
        ])
        .env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1"));
    assert_ok(&out);
    // The code did reach STS, so the test is about a real code.
    // Long-term keys with MFA first get a GetSessionToken session (SPEC §4).
    let sent = moto.calls("GetSessionToken").into_iter().any(|c| {
        c.params.get("SerialNumber").map(String::as_str) == Some(serial)
            && c.params.get("TokenCode").map(String::as_str) == Some(MFA_CODE)
    });
    assert!(sent, "moto saw no GetSessionToken with the code");
    let argv = read(&sb, "mfa.argv");
    assert!(argv.contains("--flag"), "mfa_process ran: {argv:?}");
    for (what, text) in [
        ("mfa_process's argv", argv),
        ("roleshift's argv", read(&sb, "mfa.parent")),
        ("the child's argv", read(&sb, "child.argv")),
        ("the child's environment", read(&sb, "child.env")),
        ("the -vv log", out.stderr.clone()),
    ] {
        never_in(&text, &[MFA_CODE], what);
    }
}
