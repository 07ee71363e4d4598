//! Files derived from the clap definitions and committed (completions/,
//! docs/man/) stay in step with the binary, the help lists the environment,
//! and the completion scripts work in the real shells, profile names included.

mod support;

use std::path::{Path, PathBuf};

use support::{Sandbox, assert_ok, run, tool};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn roleshift(sb: &Sandbox, args: &[&str]) -> String {
    let out = run(&mut sb.cmd(args));
    assert_ok(&out);
    out.stdout
}

/// The visible subcommands, as `roleshift --help` lists them.
fn subcommands(sb: &Sandbox) -> Vec<String> {
    let help = roleshift(sb, &["--help"]);
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|s| s != "help")
        .collect()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn committed_completions_match_the_binary() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish", "nu"] {
        let committed =
            std::fs::read_to_string(repo(&format!("completions/roleshift.{shell}"))).unwrap();
        assert!(
            committed == roleshift(&sb, &["completions", shell]),
            "completions/roleshift.{shell} is stale: run scripts/regen"
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn committed_man_pages_match_the_binary_and_render() {
    let sb = Sandbox::new();
    let mut pages = vec![("roleshift.1".to_string(), roleshift(&sb, &["manpage"]))];
    for sub in subcommands(&sb) {
        pages.push((
            format!("roleshift-{sub}.1"),
            roleshift(&sb, &["manpage", &sub]),
        ));
    }
    let committed = std::fs::read_dir(repo("docs/man")).unwrap().count();
    assert_eq!(
        committed,
        pages.len(),
        "docs/man has stale or missing pages: run scripts/regen"
    );
    let nroff = tool("nroff");
    for (name, text) in pages {
        let file = repo(&format!("docs/man/{name}"));
        assert!(
            std::fs::read_to_string(&file).ok().as_deref() == Some(text.as_str()),
            "docs/man/{name} is stale: run scripts/regen"
        );
        let out = run(std::process::Command::new(&nroff)
            .args(["-man", "-ww"])
            .arg(&file));
        assert_ok(&out);
        assert!(out.stderr.trim().is_empty(), "{name}: {}", out.stderr);
        // nroff emboldens by overstriking: drop "X\x08" pairs before reading.
        let plain = out
            .stdout
            .split('\u{8}')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.get(1..).unwrap_or("")
                }
            })
            .collect::<String>();
        assert!(
            plain.contains("SYNOPSIS") && plain.contains("roleshift"),
            "{name}: {plain}"
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn every_help_lists_the_environment() {
    let sb = Sandbox::new();
    let top = roleshift(&sb, &["--help"]);
    for var in [
        "AWS_CONFIG_FILE",
        "AWS_PROFILE",
        "ROLESHIFT_SHELL",
        "ROLESHIFT_MIN_TTL",
        "XDG_CACHE_HOME",
    ] {
        assert!(top.contains(var), "--help lacks {var}");
    }
    for sub in subcommands(&sb) {
        let help = roleshift(&sb, &[&sub, "--help"]);
        assert!(
            help.contains("Environment"),
            "`{sub} --help` does not list the environment"
        );
    }
    let export = roleshift(&sb, &["export", "--help"]);
    for var in [
        "AWS_ENDPOINT_URL_STS",
        "AWS_MAX_ATTEMPTS",
        "ROLESHIFT_TIMEOUT",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ] {
        assert!(export.contains(var), "export --help lacks {var}");
    }
    assert!(roleshift(&sb, &["status", "--help"]).contains("AWS_CREDENTIAL_EXPIRATION"));
}

const PROFILES: &str = "[profile alpha]\nregion = x\n[profile beta-prod]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = alpha\n";

/// A sandbox whose PATH finds this roleshift, as an installed one would be.
fn completion_sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(PROFILES);
    let bin_dir = sb.path("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_roleshift"), bin_dir.join("roleshift")).unwrap();
    sb
}

fn with_bin_path(sb: &Sandbox, mut cmd: std::process::Command) -> std::process::Command {
    let path = sb
        .envs()
        .into_iter()
        .find(|(k, _)| k == "PATH")
        .map(|(_, v)| v)
        .unwrap_or_default();
    cmd.env("PATH", format!("{}:{path}", sb.path("bin").display()));
    cmd
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bash_completes_profile_names_after_a_target_command() {
    let bash = tool("bash");
    let sb = completion_sandbox();
    let script = repo("completions/roleshift.bash");
    let complete = |words: &str| -> String {
        let s = format!(
            "set -u\nsource '{}'\nCOMP_WORDS=({words})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n_roleshift_dynamic roleshift \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = run(&mut with_bin_path(&sb, sb.shell_cmd(&bash, &s)));
        assert_ok(&out);
        out.stdout
    };
    let offered = complete("roleshift exec ''");
    assert!(
        offered.lines().any(|l| l == "alpha") && offered.lines().any(|l| l == "beta-prod"),
        "{offered}"
    );
    assert_eq!(complete("roleshift export be").trim(), "beta-prod");
    assert!(
        complete("roleshift export --source-profile al")
            .lines()
            .any(|l| l == "alpha")
    );
    let after_value_flag = complete("roleshift export --duration ''");
    assert!(
        !after_value_flag.contains("alpha"),
        "a --duration value is not a profile: {after_value_flag}"
    );
    let after_dashes = complete("roleshift exec prod -- ''");
    assert!(
        !after_dashes.contains("beta-prod"),
        "after -- comes the command: {after_dashes}"
    );
    assert!(complete("roleshift export --fo").contains("--format"));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_completes_profile_names() {
    let fish = tool("fish");
    let sb = completion_sandbox();
    let s = format!(
        "source '{}'\ncomplete -C 'roleshift exec '",
        repo("completions/roleshift.fish").display()
    );
    let out = run(&mut with_bin_path(&sb, sb.shell_cmd(&fish, &s)));
    assert_ok(&out);
    assert!(
        out.stdout.lines().any(|l| l.starts_with("beta-prod")),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_loads_the_completion_script_cleanly() {
    let zsh = tool("zsh");
    let sb = completion_sandbox();
    let s = format!(
        "autoload -U compinit && compinit -u -d \"$HOME/.zcompdump\"\nsource '{}'\n(( $+functions[_roleshift] )) && (( $+functions[_roleshift_profiles] )) && print ok",
        repo("completions/roleshift.zsh").display()
    );
    let out = run(&mut with_bin_path(&sb, sb.shell_cmd(&zsh, &s)));
    assert_ok(&out);
    assert_eq!(out.stdout.trim(), "ok");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}
