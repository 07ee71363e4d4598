//! `roleshift allow|deny [PATH]`, `roleshift hook SHELL` and the hidden
//! `hook-env` as commands: what they accept, refuse, and print, and that
//! symlinks resolve to the same trust in every one of them.

mod support;

use std::path::Path;

use support::{Output, Sandbox, assert_ok, run};

fn roleshift(sb: &Sandbox, args: &[&str]) -> Output {
    run(&mut sb.cmd(args))
}

/// hook-env for bash, run in DIR as a shell there would run it.
fn hook_env(sb: &Sandbox, dir: &Path) -> Output {
    let out = run(sb
        .cmd(&["hook-env", "--shell", "bash"])
        .current_dir(dir)
        .env("PWD", dir));
    assert_ok(&out);
    assert!(
        out.stdout.ends_with("unset __roleshift_busy\n"),
        "{}",
        out.stdout
    );
    out
}

fn tree(sb: &Sandbox, rel: &str, text: &str) -> std::path::PathBuf {
    let dir = sb.path("cwd").join(rel);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".roleshift.toml"), text).unwrap();
    dir
}

const KEYS: &str = "[profile keys]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n";

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn allow_needs_a_config_and_says_which_file_it_trusted() {
    let sb = Sandbox::new();
    sb.write_config(KEYS);
    let out = roleshift(&sb, &["allow"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        out.stderr.contains("no .roleshift.toml in"),
        "{}",
        out.stderr
    );

    let stray = sb.path("cwd/other.toml");
    std::fs::write(&stray, "profile = \"keys\"").unwrap();
    let out = roleshift(&sb, &["allow", stray.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "a usage error: {out:?}");

    let dir = tree(&sb, "proj", "profile = \"keys\"\n");
    std::fs::create_dir_all(dir.join("deep/er")).unwrap();
    let out = run(sb.cmd(&["allow"]).current_dir(dir.join("deep/er")));
    assert_ok(&out);
    assert_eq!(out.stdout, "", "messages go to stderr");
    assert!(
        out.stderr.contains("proj/.roleshift.toml"),
        "the nearest parent's: {}",
        out.stderr
    );
    let trust = std::fs::read_to_string(sb.path("data/roleshift/trust")).unwrap();
    assert!(trust.contains("proj/.roleshift.toml"), "{trust}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_invalid_config_is_refused_naming_the_file_and_the_key() {
    let sb = Sandbox::new();
    let dir = tree(&sb, "proj", "profile = \"keys\"\nprofle = \"typo\"\n");
    let out = roleshift(&sb, &["allow", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        out.stderr.contains("proj/.roleshift.toml"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`profle`"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
    assert!(
        !sb.path("data/roleshift/trust").exists(),
        "nothing was trusted"
    );
}

#[cfg(unix)]
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn symlinks_resolve_to_the_same_trust_in_every_command() {
    let sb = Sandbox::new();
    sb.write_config(KEYS);
    let real = tree(&sb, "real", "profile = \"keys\"\n");
    let link = sb.path("cwd/link");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    // Allowed through the link, applied through the real path...
    assert_ok(&roleshift(&sb, &["allow", link.to_str().unwrap()]));
    let out = hook_env(&sb, &real);
    assert!(
        out.stdout.contains("export ROLESHIFT_PROFILE=keys"),
        "{}",
        out.stdout
    );
    // ...and through the link, where the shell's $PWD names the link.
    let out = hook_env(&sb, &link);
    assert!(
        out.stdout.contains("export ROLESHIFT_PROFILE=keys"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("__roleshift_cfg=") && out.stdout.contains("link/.roleshift.toml"));

    // Denied through the real path: denied through the link too.
    assert_ok(&roleshift(
        &sb,
        &["deny", real.join(".roleshift.toml").to_str().unwrap()],
    ));
    let out = hook_env(&sb, &link);
    assert!(!out.stdout.contains("ROLESHIFT_PROFILE="), "{}", out.stdout);
    assert!(out.stderr.contains("is denied"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_config_that_links_to_a_trusted_one_is_not_trusted() {
    let sb = Sandbox::new();
    sb.write_config(KEYS);
    let trusted = tree(&sb, "trusted", "profile = \"keys\"\n");
    assert_ok(&roleshift(&sb, &["allow", trusted.to_str().unwrap()]));
    let other = sb.path("cwd/other");
    std::fs::create_dir_all(&other).unwrap();
    std::os::unix::fs::symlink(
        trusted.join(".roleshift.toml"),
        other.join(".roleshift.toml"),
    )
    .unwrap();
    let out = hook_env(&sb, &other);
    assert!(!out.stdout.contains("ROLESHIFT_PROFILE="), "{}", out.stdout);
    assert!(out.stderr.contains("is not allowed"), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_corrupt_trust_store_is_a_clear_error_and_applies_nothing() {
    let sb = Sandbox::new();
    sb.write_config(KEYS);
    let dir = tree(&sb, "proj", "profile = \"keys\"\n");
    std::fs::create_dir_all(sb.path("data/roleshift")).unwrap();
    std::fs::write(sb.path("data/roleshift/trust"), "\u{0}garbage{").unwrap();
    let out = roleshift(&sb, &["allow", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "an error, not a panic: {out:?}");
    assert!(
        out.stderr.contains("trust store") && out.stderr.contains("corrupt"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("hint:"), "{}", out.stderr);
    let out = hook_env(&sb, &dir);
    assert!(!out.stdout.contains("ROLESHIFT_PROFILE="), "{}", out.stdout);
    assert!(out.stderr.contains("trust store"), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn hook_env_never_fails_even_without_a_home() {
    let sb = Sandbox::new();
    let dir = tree(&sb, "proj", "profile = \"keys\"\n");
    let out = run(sb
        .cmd(&["hook-env", "--shell", "fish"])
        .env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env("__roleshift_state", "{not json")
        .current_dir(&dir));
    assert_ok(&out);
    assert!(
        out.stdout.ends_with("set -e __roleshift_busy\n"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("not applied"), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn hook_prints_each_script_with_this_binary_in_it() {
    let sb = Sandbox::new();
    let bin = env!("CARGO_BIN_EXE_roleshift");
    // The whole assignment, quoted as each shell quotes: a binary whose path
    // merely starts with this one's (say `roleshift-old`) would not match.
    let expected = |shell: &str| match shell {
        "bash" => format!("\n__roleshift_bin={bin}\n"),
        "zsh" => format!("\ntypeset -g __roleshift_bin={bin}\n"),
        "fish" => format!("\nset -g __roleshift_bin '{bin}'\n"),
        "nu" => format!("    let bin = r#'{bin}'#\n"),
        _ => format!("\n$global:__roleshift_bin = '{bin}'\n"),
    };
    assert!(
        !bin.contains(['\'', ' ', '#']),
        "the test assumes a plain path: {bin}"
    );
    for shell in ["bash", "zsh", "fish", "powershell", "pwsh", "nu"] {
        let out = roleshift(&sb, &["hook", shell]);
        assert_ok(&out);
        assert!(
            out.stdout.contains(&expected(shell)),
            "{shell}: want {:?} in:\n{}",
            expected(shell),
            out.stdout
        );
        assert!(out.stdout.contains("hook-env"), "{shell}");
        assert_eq!(out.stderr, "");
    }
    let out = roleshift(&sb, &["hook", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}
