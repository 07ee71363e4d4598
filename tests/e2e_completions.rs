//! The completion scripts in real shells (issue 12 item 11, issue 13 item 1):
//! profile names are data that others may write, so TAB must never expand,
//! split or glob them, in any shell; hidden commands are not offered; the
//! command after `exec --`, shell names and `cache clear` targets are.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::tty::{Kind, Tty};
use support::{Output, Sandbox, assert_ok, run, tool};

/// Profile names that run code, glob or break quoting if a script expands them.
const HOSTILE: [&str; 5] = [
    "ci-$(touch pwned)",
    "gl*",
    "bq-`touch backtick`",
    "qu'o\"te d",
    "semi;touch semi",
];

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    // The credentials file, because its section names may hold spaces (the
    // config file's `[profile NAME]` may not, as in every AWS SDK).
    let mut credentials = String::new();
    for name in HOSTILE.iter().chain(&["prod"]) {
        credentials.push_str(&format!("[{name}]\nregion = eu-west-1\n"));
    }
    sb.write_credentials(&credentials);
    // Files a glob of `*` would turn into completions.
    std::fs::write(sb.path("cwd/file-one"), "").unwrap();
    sb
}

/// The generated script, as `roleshift completions SHELL` prints it.
fn script(sb: &Sandbox, shell: &str) -> PathBuf {
    let out = run(&mut sb.cmd(&["completions", shell]));
    assert_ok(&out);
    let path = sb.path(format!("completion.{shell}"));
    std::fs::write(&path, out.stdout).unwrap();
    path
}

/// PATH with the binary under test as `roleshift`, as the scripts call it.
fn path_with_roleshift(sb: &Sandbox) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_roleshift")).parent().unwrap();
    let rest = sb.envs().into_iter().find(|(k, _)| k == "PATH").unwrap().1;
    format!("{}:{rest}", bin.display())
}

#[track_caller]
fn assert_nothing_ran(sb: &Sandbox) {
    for planted in ["pwned", "backtick", "semi"] {
        assert!(
            !sb.path("cwd").join(planted).exists(),
            "TAB ran code: {planted}"
        );
    }
}

fn shell_run(sb: &Sandbox, shell: &Path, code: &str) -> Output {
    let mut cmd = sb.shell_cmd(shell, code);
    let out = run(cmd.env("PATH", path_with_roleshift(sb)));
    assert_ok(&out);
    out
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bash_quotes_profile_names_and_completes_after_the_dashes() {
    let bash = tool("bash");
    let sb = sandbox();
    let file = script(&sb, "bash");
    let complete = |words: &str| {
        let code = format!(
            "source '{}'\nCOMP_WORDS=({words})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n\
             _roleshift_dynamic roleshift\nprintf '<%s>\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display()
        );
        shell_run(&sb, &bash, &code).stdout
    };
    let all = complete("roleshift export ''");
    for name in HOSTILE {
        let quoted = run(Command::new(&bash).args(["-c", "printf '%q' \"$1\"", "-", name]));
        assert!(
            all.contains(&format!("<{}>", quoted.stdout)),
            "{name}: {all}"
        );
    }
    assert!(!all.contains("file-one"), "a name was globbed: {all}");
    let cleared = complete("roleshift cache clear pr");
    assert_eq!(cleared, "<prod>\n");
    let after = complete("roleshift exec prod -- printf");
    assert!(after.contains("<printf>"), "{after}");
    let top = complete("roleshift hook");
    assert!(top.contains("<hook>") && !top.contains("hook-env"), "{top}");
    assert_nothing_ran(&sb);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_offers_names_as_data_shells_for_hook_and_the_command_after_the_dashes() {
    let fish = tool("fish");
    let sb = sandbox();
    let file = script(&sb, "fish");
    let complete = |line: &str| {
        let code = format!("source '{}'\ncomplete -C '{line}'\n", file.display());
        shell_run(&sb, &fish, &code).stdout
    };
    let names = complete("roleshift export ");
    for name in HOSTILE {
        assert!(names.lines().any(|l| l == name), "{name}: {names}");
    }
    assert!(!names.contains("file-one"), "{names}");
    let hook = complete("roleshift hook ");
    assert!(
        hook.lines().any(|l| l == "nu") && !hook.contains("file-one"),
        "{hook}"
    );
    let shells = complete("roleshift completions ");
    assert!(shells.lines().any(|l| l == "elvish"), "{shells}");
    let cleared = complete("roleshift cache clear pr");
    assert!(cleared.lines().any(|l| l == "prod"), "{cleared}");
    let after = complete("roleshift exec prod -- printf");
    assert!(after.lines().any(|l| l.starts_with("printf")), "{after}");
    let top = complete("roleshift hook");
    assert!(!top.contains("hook-env"), "{top}");
    assert_nothing_ran(&sb);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_tab_inserts_names_quoted_and_runs_nothing() {
    let sb = sandbox();
    let file = script(&sb, "zsh");
    let rc = format!(
        "autoload -U compinit && compinit -u -D\nsource '{}'\n",
        file.display()
    );
    let path = path_with_roleshift(&sb);
    let tty = Tty::start(&sb, Kind::Zsh, &rc, &[("PATH", &path)], &[]);
    for (typed, shown) in [
        ("ci", "ci-\\$\\(touch\\ pwned\\)"),
        ("bq", "bq-\\`touch\\ backtick\\`"),
        ("gl", "gl\\*"),
        ("sem", "semi\\;touch\\ semi"),
    ] {
        tty.keys(&format!("roleshift export {typed}"));
        tty.keys("Tab");
        tty.wait_screen(
            &format!("roleshift export {shown}"),
            Duration::from_secs(20),
        );
        // Run what TAB inserted: the name reaches roleshift as one argument.
        tty.keys("Enter");
        let name = HOSTILE.iter().find(|n| n.starts_with(typed)).unwrap();
        tty.wait_screen(
            &format!("`{name}` holds no credentials"),
            Duration::from_secs(20),
        );
    }
    assert_nothing_ran(&sb);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_completes_profiles_as_data_and_offers_no_hidden_command() {
    let sb = sandbox();
    let file = script(&sb, "nu");
    let nu = support::nu_tty::Nu::start(&sb, &[], &[]);
    nu.line(&format!("source '{}'", file.display()));
    for (typed, inserted) in [
        ("ci-", "roleshift export \"ci-$(touch pwned)\""),
        ("semi;", "roleshift export \"semi;touch semi\""),
        ("bq", "roleshift export \"bq-`touch backtick`\""),
    ] {
        nu.type_then(&format!("roleshift export {typed}"), "Tab");
        let end = std::time::Instant::now() + Duration::from_secs(20);
        while !nu.screen().contains(inserted) {
            assert!(
                std::time::Instant::now() < end,
                "no {inserted}:\n{}",
                nu.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // Run what TAB inserted: the name is one quoted argument.
        nu.line("");
    }
    assert_nothing_ran(&sb);
    // The completers' own output, exactly the names.
    let nu_bin = tool("nu");
    let code = format!(
        "source '{}'\nnu-complete roleshift profiles | to json --raw\n",
        file.display()
    );
    let out = shell_run(&sb, &nu_bin, &code);
    let answer: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let shown: Vec<&str> = answer["completions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.get("description")
                .unwrap_or(&c["value"])
                .as_str()
                .unwrap()
        })
        .collect();
    for name in HOSTILE {
        assert!(shown.contains(&name), "{name}: {shown:?}");
    }
    assert!(!std::fs::read_to_string(&file).unwrap().contains("hook-env"));
    assert_nothing_ran(&sb);
}
