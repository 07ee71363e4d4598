//! Attacks through what roleshift prints (issue 13, items 2, 9, 10, 11, 12,
//! 14): terminal escapes and bidi controls from config reaching the
//! terminal, data formats chosen by guessing and then evaluated, tokens in
//! argv, PowerShell code that a code page can break, values too big for the
//! kernel, and what `allow`, the hook and `status` say is assumed.

mod support;

use std::path::Path;

use support::{Moto, Output, Sandbox, assert_ok, run, tool};

const KEYS: &str = "aws_access_key_id = AKIAOUTPUTATTACK0001\n\
     aws_secret_access_key = outputAttackSecret/0123456789abcdefghij\n";

/// ESC, CSI (8-bit), BEL and the bidi controls that reorder text.
const HOSTILE: &[char] = &[
    '\u{1b}', '\u{9b}', '\u{7}', '\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}', '\u{200f}',
];

#[track_caller]
fn printable(route: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| HOSTILE.contains(c)) {
        panic!("{route}: {c:?} reached the terminal: {text:?}");
    }
}

/// A profile name carrying an OSC title sequence, an 8-bit CSI and bidi
/// overrides; a valid keys profile under it.
const EVIL: &str = "e\u{1b}]0;owned\u{7}v\u{9b}31m\u{202e}il\u{2066}x\u{2069}";

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn terminal_escapes_never_reach_the_terminal() {
    let sb = Sandbox::new();
    sb.write_config(&format!("[profile {EVIL}]\n{KEYS}"));
    let list = run(&mut sb.cmd(&["list"]));
    assert_ok(&list);
    assert!(list.stdout.contains("e\\u{1b}]0;owned"), "{}", list.stdout);
    printable("list", &list.stdout);

    let missing = format!("{EVIL}-missing");
    let err = run(&mut sb.cmd(&["export", &missing, "--format", "json"]));
    assert_eq!(err.status.code(), Some(1));
    printable("error", &err.stderr);

    // A role from EVIL's keys: the -vv log names the source profile. The
    // endpoint is closed, so the run fails after logging.
    sb.write_config(&format!(
        "[profile {EVIL}]\n{KEYS}[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = {EVIL}\n"
    ));
    let verbose = run(sb
        .cmd(&["-vv", "export", "r", "--format", "json"])
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("AWS_MAX_ATTEMPTS", "1"));
    assert!(verbose.stderr.contains("DEBUG"), "{}", verbose.stderr);
    assert!(
        verbose.stderr.contains("\\u{1b}]0;owned"),
        "{}",
        verbose.stderr
    );
    printable("-vv log", &verbose.stderr);

    let status = run(sb.cmd(&["status"]).env("ROLESHIFT_PROFILE", EVIL));
    assert_ok(&status);
    printable("status", &status.stdout);

    let dir = sb.path(format!("cwd/{}", EVIL.replace('/', "_")));
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join(".roleshift.toml"),
        format!("profile = \"{}\"\n", "k"),
    )
    .unwrap();
    sb.write_config(&format!("[profile {EVIL}]\n{KEYS}[profile k]\n{KEYS}"));
    let allow = run(&mut sb.cmd(&["allow", dir.to_str().unwrap()]));
    assert_ok(&allow);
    printable("allow", &allow.stderr);
    let hook = run(sb
        .cmd(&["hook-env", "--shell", "bash"])
        .current_dir(&dir)
        .env("PWD", &dir));
    printable("hook", &hook.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn cache_list_shows_labels_printable() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile base]\n{KEYS}[profile {EVIL}]\nrole_arn = arn:aws:iam::730000000001:role/Esc\nsource_profile = base\n"
    ));
    let mut cmd = sb.cmd(&["export", EVIL, "--format", "json"]);
    assert_ok(&run(support::against(&mut cmd, moto)));
    let list = run(&mut sb.cmd(&["cache", "list"]));
    assert_ok(&list);
    assert!(list.stdout.contains("\\u{202e}"), "{}", list.stdout);
    printable("cache list", &list.stdout);
}

/// `eval "$(roleshift export X)"` with a data format in ROLESHIFT_SHELL, in
/// bash and zsh, for export and unset: refused (exit 2, naming the
/// variable), and the `$(...)` in the profile name never runs. A data
/// format as the login shell is ignored.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn data_formats_are_never_guessed() {
    let sb = Sandbox::new();
    // ${IFS}: a profile name in the config file holds no whitespace.
    let name = "x$(touch${IFS}pwned)";
    sb.write_config(&format!("[profile {name}]\n{KEYS}"));
    for shell in ["bash", "zsh"] {
        let sh = tool(shell);
        for data in ["json", "dotenv", "nu", "/usr/bin/nu"] {
            for script in [
                "eval \"$($ROLESHIFT export 'x$(touch${IFS}pwned)')\"",
                "eval \"$($ROLESHIFT unset)\"",
            ] {
                let out = run(sb.shell_cmd(&sh, script).env("ROLESHIFT_SHELL", data));
                assert!(!sb.path("cwd/pwned").exists(), "{shell} {data}: code ran");
                assert!(
                    out.stderr.contains("ROLESHIFT_SHELL"),
                    "{shell} {data}: {}",
                    out.stderr
                );
                let direct = run(sb.cmd(&["export", name]).env("ROLESHIFT_SHELL", data));
                assert_eq!(direct.status.code(), Some(2), "{data}");
                assert_eq!(direct.stdout, "", "{data}");
            }
        }
        let out = run(sb
            .shell_cmd(
                &sh,
                "eval \"$($ROLESHIFT export 'x$(touch${IFS}pwned)')\"; echo \"$ROLESHIFT_PROFILE\"",
            )
            .env("SHELL", "/usr/bin/nu"));
        assert_ok(&out);
        assert_eq!(out.stdout, format!("{name}\n"), "{shell}");
        assert!(!sb.path("cwd/pwned").exists(), "{shell}");
    }
}

/// A token in argv is refused in every spelling and command, and the
/// refusal never repeats it.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn web_identity_tokens_are_not_taken_from_argv() {
    let sb = Sandbox::new();
    let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl";
    let role = "arn:aws:iam::730000000002:role/Wi";
    let flag = format!("--web-identity-token={token}");
    for args in [
        vec!["export", "--web-identity-token", token, "--role-arn", role],
        vec!["export", &flag, role],
        vec![
            "exec",
            "--server",
            "--web-identity-token",
            token,
            role,
            "--",
            "true",
        ],
        vec![
            "credential-process",
            "--web-identity-token",
            "token.jwt",
            role,
        ],
    ] {
        let out = run(&mut sb.cmd(&args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(!out.stderr.contains("eyJ"), "{args:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("token.jwt"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("--web-identity-token-file"),
            "{}",
            out.stderr
        );
    }
}

/// A credential_process printing a 200 KiB session token, or a secret key
/// one byte over the kernel's limit, through export, exec and the hook:
/// refused with a clear error, and nothing is exported. One byte less is
/// exported, and the kernel takes it (exec runs `true` with it).
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn values_over_128_kib_are_refused() {
    let sb = Sandbox::new();
    // NAME=value and its NUL may be 131072 bytes.
    let fits = 131072 - "AWS_SECRET_ACCESS_KEY".len() - 2;
    let cases = [
        (
            "token",
            "AWS_SESSION_TOKEN",
            "s".to_string(),
            "T".repeat(200 * 1024),
        ),
        (
            "over",
            "AWS_SECRET_ACCESS_KEY",
            "S".repeat(fits + 1),
            "t".into(),
        ),
        ("fits", "", "S".repeat(fits), "t".into()),
    ];
    let mut config = String::new();
    for (name, _, secret, token) in &cases {
        let json = format!(
            r#"{{"Version":1,"AccessKeyId":"ASIABIG","SecretAccessKey":"{secret}","SessionToken":"{token}","Expiration":"2099-01-01T00:00:00Z"}}"#
        );
        let file = sb.path(format!("{name}.json"));
        std::fs::write(&file, json).unwrap();
        config.push_str(&format!(
            "[profile {name}]\ncredential_process = cat {}\n",
            file.display()
        ));
    }
    sb.write_config(&config);
    for (name, var, _, _) in &cases {
        let dir = sb.path(format!("cwd/{name}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(".roleshift.toml"),
            format!("profile = \"{name}\"\n"),
        )
        .unwrap();
        assert_ok(&run(&mut sb.cmd(&["allow", dir.to_str().unwrap()])));
        let export = run(&mut sb.cmd(&["export", name, "--format", "bash"]));
        let exec = run(&mut sb.cmd(&["exec", name, "--", "true"]));
        let hook = run(sb
            .cmd(&["hook-env", "--shell", "bash"])
            .current_dir(&dir)
            .env("PWD", &dir));
        assert_ok(&hook);
        if var.is_empty() {
            assert_ok(&export);
            assert_ok(&exec);
            assert!(hook.stdout.contains("AWS_SECRET_ACCESS_KEY="), "{name}");
            continue;
        }
        for (route, out) in [("export", &export), ("exec", &exec)] {
            assert_eq!(out.status.code(), Some(1), "{name} {route}: {}", out.stderr);
            assert_eq!(out.stdout, "", "{name} {route}");
        }
        for (route, err) in [
            ("export", &export.stderr),
            ("exec", &exec.stderr),
            ("hook", &hook.stderr),
        ] {
            assert!(
                err.contains(&format!("cannot export {var}")),
                "{name} {route}: {err}"
            );
            assert!(err.contains("128 KiB"), "{name} {route}: {err}");
        }
        assert!(
            !hook.stdout.contains("AWS_ACCESS_KEY_ID="),
            "{name}: exported"
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn powershell_code_is_ascii_whatever_the_values() {
    let sb = Sandbox::new();
    let name = "prod-\u{e9}\u{2019}\u{2018}\u{201b}\u{201a}-\u{1f600}";
    sb.write_config(&format!("[profile {name}]\n{KEYS}region = eu-west-1\n"));
    for args in [
        vec!["export", name, "--format", "powershell"],
        vec!["hook", "powershell"],
        vec!["unset", "--format", "powershell"],
    ] {
        let out = run(&mut sb.cmd(&args));
        assert_ok(&out);
        assert!(out.stdout.is_ascii(), "{args:?}: {}", out.stdout);
    }
}

fn tree(sb: &Sandbox, text: &str) -> std::path::PathBuf {
    let dir = sb.path("cwd/proj");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".roleshift.toml"), text).unwrap();
    dir
}

fn hook_env(sb: &Sandbox, dir: &Path, moto: &Moto) -> Output {
    let mut cmd = sb.cmd(&["hook-env", "--shell", "bash"]);
    cmd.current_dir(dir).env("PWD", dir);
    run(support::against(&mut cmd, moto))
}

/// A `.roleshift.toml` naming a profile and another account's role: `allow`,
/// the hook's ROLESHIFT_PROFILE, `export` and `status` show that role and
/// account (and `allow` the credentials), never just the profile's name.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn what_is_shown_is_what_is_assumed() {
    let moto = Moto::shared();
    let other = "arn:aws:iam::666666666666:role/Other";
    for prod in [
        KEYS.to_string(),
        "role_arn = arn:aws:iam::111111111111:role/Prod\nsource_profile = base\n".to_string(),
    ] {
        let sb = Sandbox::new();
        sb.write_config(&format!("[profile base]\n{KEYS}[profile prod]\n{prod}"));
        let dir = tree(
            &sb,
            &format!("profile = \"prod\"\nrole_arn = \"{other}\"\n"),
        );
        let allow = run(&mut sb.cmd(&["allow", dir.to_str().unwrap()]));
        assert_ok(&allow);
        assert!(
            allow.stderr.contains("role Other in account 666666666666"),
            "{}",
            allow.stderr
        );
        let source = if prod.contains("Prod") {
            "\"base\""
        } else {
            "\"prod\""
        };
        assert!(
            allow.stderr.contains(&format!("keys of profile {source}")),
            "{}",
            allow.stderr
        );
        assert!(!allow.stderr.contains("role Prod"), "{}", allow.stderr);

        let hook = hook_env(&sb, &dir, moto);
        assert_ok(&hook);
        let line = hook
            .stdout
            .lines()
            .find(|l| l.starts_with("export ROLESHIFT_PROFILE="))
            .unwrap_or_else(|| panic!("{}", hook.stdout));
        assert!(line.contains(other), "{line}");
        let mut cmd = sb.cmd(&["export", "prod", "--role-arn", other, "--format", "json"]);
        let out = run(support::against(&mut cmd, moto));
        assert_ok(&out);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(v["ROLESHIFT_PROFILE"], other);
        let status = run(sb.cmd(&["status"]).env("ROLESHIFT_PROFILE", other));
        assert!(status.stdout.starts_with(other), "{}", status.stdout);
    }
}

/// On a terminal (a pseudo-terminal from `script`): the export hint and the
/// MFA prompt show hostile profile names and MFA serials escaped.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn hint_and_mfa_prompt_on_a_terminal_are_printable() {
    let bash = tool("bash");
    let _script = tool("script");
    let sb = Sandbox::new();
    let serial = "arn:aws:iam::1:mfa/a\u{1b}[2Jb\u{202e}c";
    sb.write_config(&format!(
        "[profile {EVIL}]\n{KEYS}[profile m]\nrole_arn = arn:aws:iam::730000000003:role/M\n\
         source_profile = {EVIL}\nmfa_serial = {serial}\n"
    ));
    // `script` runs CMD on a new pseudo-terminal and copies what it shows.
    let on_tty = |cmd: &str| {
        let line = format!("script -qec '{cmd}' /dev/null </dev/null");
        let out = run(sb
            .shell_cmd(&bash, &line)
            .env("P", EVIL)
            .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9"));
        out.stdout
    };
    let export = on_tty("\"$ROLESHIFT\" export \"$P\"");
    let hint = export
        .lines()
        .find(|l| l.contains("to apply them, run:"))
        .unwrap_or_else(|| panic!("no hint: {export:?}"));
    assert!(hint.contains("\\u{1b}"), "{hint:?}");
    printable("export hint", hint);
    let mfa = on_tty("\"$ROLESHIFT\" export m --format json </dev/null");
    assert!(mfa.contains("Enter MFA code for"), "{mfa:?}");
    printable("MFA prompt", &mfa);
}
