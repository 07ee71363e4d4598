//! Checks of the test harness itself, so that a broken harness shows up as
//! its own failure rather than as a puzzling failure in every other test.

mod support;

use support::{Moto, Sandbox, assert_ok, run, tool};

const CALLER_IDENTITY: &str = "Action=GetCallerIdentity&Version=2011-06-15";

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn moto_answers_get_caller_identity() {
    let moto = Moto::shared();
    assert!(
        moto.url().starts_with("http://127.0.0.1:"),
        "{}",
        moto.url()
    );
    let response = moto.sts_post(CALLER_IDENTITY);
    assert!(
        response.starts_with("HTTP/1.0 200") || response.starts_with("HTTP/1.1 200"),
        "{response}"
    );
    assert!(response.contains("<Arn>"), "{response}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn moto_records_what_was_sent() {
    // A private server: the shared one also sees the other tests' requests.
    let moto = Moto::start();
    moto.sts_post(CALLER_IDENTITY);
    moto.sts_post(CALLER_IDENTITY);
    let response = moto.sts_post(
        "Action=AssumeRole&Version=2011-06-15&DurationSeconds=900\
         &RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdev&RoleSessionName=self+test",
    );
    assert!(response.contains("111122223333"), "{response}");

    assert_eq!(moto.request_count("GetCallerIdentity"), 2);
    assert_eq!(moto.request_count("AssumeRoleWithSAML"), 0);
    let calls = moto.calls("AssumeRole");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(
        calls[0].params["RoleArn"],
        "arn:aws:iam::111122223333:role/dev"
    );
    assert_eq!(calls[0].params["RoleSessionName"], "self test");
    assert_eq!(calls[0].params["DurationSeconds"], "900");
    assert!(calls[0].headers["Authorization"].contains("/sts/aws4_request"));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn tool_finds_bash() {
    let bash = tool("bash");
    assert!(
        bash.is_absolute() && bash.ends_with("bash"),
        "{}",
        bash.display()
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn sandbox_env_replaces_the_real_home() {
    let sb = Sandbox::new();
    let envs = sb.envs();
    let home = &envs
        .iter()
        .find(|(k, _)| k == "HOME")
        .expect("HOME is set")
        .1;
    assert_eq!(home.as_str(), sb.path("home").to_str().unwrap());
    if let Some(real) = std::env::var_os("HOME") {
        assert_ne!(std::ffi::OsStr::new(home), real);
    }
    assert_eq!(
        std::fs::read_to_string(sb.path("home/.aws/config")).unwrap(),
        ""
    );
    assert_eq!(
        std::fs::read_to_string(sb.path("home/.aws/credentials")).unwrap(),
        ""
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn shells_see_only_the_sandbox_env() {
    let sb = Sandbox::new();
    for name in ["bash", "zsh", "fish"] {
        let shell = tool(name);
        let out = run(&mut sb.shell_cmd(&shell, "echo \"$HOME\"; pwd; env"));
        assert_ok(&out);
        let mut lines = out.stdout.lines();
        assert_eq!(
            lines.next(),
            sb.path("home").to_str(),
            "{name}: {}",
            out.stdout
        );
        assert_eq!(
            lines.next(),
            sb.path("cwd").to_str(),
            "{name}: {}",
            out.stdout
        );
        // Shells add a few of their own (zsh sets LOGNAME, fish USER); nothing else may leak.
        let allowed: Vec<String> = sb.envs().into_iter().map(|(k, _)| k).collect();
        for var in lines.filter_map(|l| l.split_once('=')).map(|(k, _)| k) {
            let ok = allowed.iter().any(|a| a == var)
                || [
                    "ROLESHIFT",
                    "PWD",
                    "OLDPWD",
                    "SHLVL",
                    "_",
                    "LOGNAME",
                    "USER",
                ]
                .contains(&var);
            assert!(
                ok,
                "{name} saw {var} leak into the sandbox:\n{}",
                out.stdout
            );
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn cmd_runs_the_binary_in_the_sandbox() {
    let sb = Sandbox::new();
    let out = run(&mut sb.cmd(&["--help"]));
    assert_ok(&out);
    assert!(
        out.stdout.contains("roleshift") || out.stdout.contains("Usage"),
        "{}",
        out.stdout
    );
}
