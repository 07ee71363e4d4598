//! What a user of awsume or aws-vault trips over (issue 12, items 14 and 15),
//! in real shells: secrets kept out of the terminal's scrollback, a failed
//! export that stops `eval "$(...)" && cmd`, "did you mean" for a mistyped
//! profile, and nushell's `roleshift-unset` bringing back what export saved.

mod support;

use std::process::Command;

use support::{Sandbox, assert_ok, run, tool};

const KEY_ID: &str = "AKIAE2EFIRSTSHELL001";
const SECRET: &str = "e2eFirstShellSecret/NeverShown+abcdef01234";

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile prod]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    ));
    sb
}

/// The one roleshift binary.
fn full() -> &'static str {
    env!("CARGO_BIN_EXE_roleshift")
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn export_on_a_terminal_shows_the_eval_hint_not_the_secrets() {
    let script = tool("script");
    let sb = sandbox();
    for format in ["bash", "fish", "json"] {
        // `script` gives the command a pseudo-terminal as its stdout.
        let line = format!("'{}' export prod --format {format}", full());
        let mut cmd = Command::new(&script);
        cmd.args(["-qec", &line, "/dev/null"])
            .env_clear()
            .envs(sb.envs())
            .current_dir(sb.path("cwd"));
        let out = run(&mut cmd);
        assert_ok(&out);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            !all.contains(SECRET),
            "{format}: the secret reached the terminal: {all}"
        );
        assert!(all.contains("not shown on a terminal"), "{format}: {all}");
        if format != "json" {
            assert!(
                all.contains("run: roleshift export 'prod'")
                    || all.contains("run: eval \"$(roleshift export prod)\""),
                "{format}: no hint: {all}"
            );
        }
    }
    // Where the output is read (a pipe), the credentials are printed.
    let out = run(&mut sb.cmd(&["export", "prod", "--format", "json"]));
    assert_ok(&out);
    assert!(out.stdout.contains(SECRET));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_failed_export_stops_the_evaluated_code() {
    let sb = sandbox();
    let cases = [
        (
            "bash",
            "eval \"$(\"$FULL\" export prdo)\" && echo RAN\necho status=$?\n",
        ),
        (
            "zsh",
            "eval \"$(\"$FULL\" export prdo --format zsh)\" && echo RAN\necho status=$?\n",
        ),
        (
            "fish",
            "\"$FULL\" export prdo --format fish | source; and echo RAN\necho status=$status\n",
        ),
        // With `set -e` the shell stops at the failed export.
        (
            "bash",
            "set -e\neval \"$(\"$FULL\" export prdo)\"\necho RAN\n",
        ),
    ];
    for (shell, script) in cases {
        let path = tool(shell);
        let mut cmd = sb.shell_cmd(&path, script);
        let out = run(cmd.env("FULL", full()));
        assert!(!out.stdout.contains("RAN"), "{shell}: {script}\n{out:?}");
        assert!(out.stderr.contains("profile `prdo` not found"), "{out:?}");
        if script.contains("status") {
            assert!(out.stdout.contains("status=1"), "{shell}: {out:?}");
        }
    }
    // A data format prints nothing that could be mistaken for data.
    let out = run(Command::new(full())
        .args(["export", "prdo", "--format", "json"])
        .env_clear()
        .envs(sb.envs()));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, "");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_mistyped_profile_gets_a_did_you_mean() {
    let sb = sandbox();
    sb.write_config(&format!(
        "[profile prod]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile staging]\nrole_arn = arn:aws:iam::444400000003:role/S\nsource_profile = prdo\n"
    ));
    let out = run(&mut sb.cmd(&["export", "prdo", "--format", "json"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.contains("hint: did you mean `prod`?"),
        "{}",
        out.stderr
    );
    // A source_profile typo too.
    let out = run(&mut sb.cmd(&["export", "staging", "--format", "json"]));
    assert!(
        out.stderr.contains("did you mean `prod`?"),
        "{}",
        out.stderr
    );
    // Nothing close: no guess.
    let out = run(&mut sb.cmd(&["export", "billing", "--format", "json"]));
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_unset_restores_what_export_saved_as_the_docs_say() {
    let nu = tool("nu");
    let sb = sandbox();
    let hook = sb.path("hook.nu");
    let out = run(&mut sb.cmd(&["hook", "nu"]));
    assert_ok(&out);
    std::fs::write(&hook, &out.stdout).unwrap();
    let script = format!(
        "source '{}'\n\
         $env.AWS_PROFILE = 'mine'\n\
         ^$env.ROLESHIFT export prod --format nu | from json | load-env\n\
         print $\"during=($env.AWS_ACCESS_KEY_ID)\"\n\
         roleshift-unset\n\
         print $\"after=($env.AWS_PROFILE) keys=('AWS_ACCESS_KEY_ID' in $env)\"\n",
        hook.display()
    );
    let out = run(&mut sb.shell_cmd(&nu, &script));
    assert_ok(&out);
    assert!(out.stdout.contains(&format!("during={KEY_ID}")), "{out:?}");
    assert!(out.stdout.contains("after=mine keys=false"), "{out:?}");
    let docs = include_str!("../docs/hooks.md");
    assert!(
        !docs.contains("did not save"),
        "docs/hooks.md still says it does not save"
    );
}
