//! The hook scripts as code: shellcheck for bash, `zsh -n`, `fish
//! --no-execute`, and each one loaded (twice) in its real shell under strict
//! options, where it must print nothing and register itself once, next to
//! other prompt hooks. PowerShell cannot be installed here: its script is
//! snapshot-tested (src/hook/scripts.rs) and runs below only where pwsh is on
//! PATH. nushell comes from scripts/test (e2e_nushell runs its hook for real).

mod support;

use std::path::{Path, PathBuf};

use support::{Sandbox, assert_ok, run, tool};

fn hook(sb: &Sandbox, shell: &str) -> PathBuf {
    let out = run(&mut sb.cmd(&["hook", shell]));
    assert_ok(&out);
    let file = sb.path(format!("hook.{shell}"));
    std::fs::write(&file, &out.stdout).unwrap();
    file
}

#[track_caller]
fn quiet(out: &support::Output, what: &str) {
    assert_ok(out);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("", ""),
        "{what}"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn shellcheck_passes_the_bash_hook_as_written_and_as_rendered() {
    let shellcheck = tool("shellcheck");
    let sb = Sandbox::new();
    let written = Path::new(env!("CARGO_MANIFEST_DIR")).join("shell/hook.bash");
    let rendered = hook(&sb, "bash");
    for file in [written, rendered] {
        let out = run(std::process::Command::new(&shellcheck)
            .args(["-s", "bash"])
            .arg(&file));
        assert!(out.status.success(), "{}:\n{}", file.display(), out.stdout);
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn shellcheck_passes_what_hook_env_prints_for_bash() {
    let shellcheck = tool("shellcheck");
    let sb = Sandbox::new();
    let dir = sb.path("cwd/t");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".roleshift.toml"), "profile = \"keys\"\n").unwrap();
    sb.write_config("[profile keys]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\nregion = eu-west-1\n");
    assert_ok(&run(&mut sb.cmd(&["allow", dir.to_str().unwrap()])));
    let out = run(sb
        .cmd(&["hook-env", "--shell", "bash"])
        .current_dir(&dir)
        .env("PWD", &dir));
    assert_ok(&out);
    assert!(
        out.stdout.contains("export AWS_ACCESS_KEY_ID=AKIAEXAMPLE"),
        "{}",
        out.stdout
    );
    let file = sb.path("hook-env.bash");
    // hook-env's output is evaluated inside the hook, which owns these names
    // (SC2034). Every value is single-quoted so that nothing in it expands,
    // the undo code of __roleshift_undo included (SC2016 says just that).
    std::fs::write(
        &file,
        format!(
            "# shellcheck shell=bash disable=SC2034,SC2016\n{}",
            out.stdout
        ),
    )
    .unwrap();
    let lint = run(std::process::Command::new(&shellcheck).arg(&file));
    assert!(lint.status.success(), "{}", lint.stdout);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_and_fish_parse_their_hooks() {
    let sb = Sandbox::new();
    {
        let zsh = tool("zsh");
        let file = hook(&sb, "zsh");
        quiet(
            &run(std::process::Command::new(&zsh).arg("-n").arg(&file)),
            "zsh -n",
        );
    }
    {
        let fish = tool("fish");
        let file = hook(&sb, "fish");
        let out = run(std::process::Command::new(&fish)
            .args(["--no-config", "--no-execute"])
            .arg(&file));
        quiet(&out, "fish --no-execute");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bash_loads_twice_quietly_under_strict_options_next_to_other_hooks() {
    let bash = tool("bash");
    let sb = Sandbox::new();
    let load = "eval \"$(\"$ROLESHIFT\" hook bash)\"; eval \"$(\"$ROLESHIFT\" hook bash)\"";
    // The string form of PROMPT_COMMAND, with another hook in it.
    let script = format!(
        "set -euo pipefail\nother() {{ :; }}\nPROMPT_COMMAND='other'\n{load}\n\
         [[ $PROMPT_COMMAND == '__roleshift_hook;other' ]] || {{ echo \"string: $PROMPT_COMMAND\"; exit 1; }}\n\
         __roleshift_hook\n__roleshift_hook\n"
    );
    quiet(&run(&mut sb.shell_cmd(&bash, &script)), "string form");
    // The array form of bash 5.1.
    let script = format!(
        "set -euo pipefail\nother() {{ :; }}\nPROMPT_COMMAND=(other)\n{load}\n\
         [[ ${{#PROMPT_COMMAND[@]}} == 2 && ${{PROMPT_COMMAND[0]}} == __roleshift_hook && ${{PROMPT_COMMAND[1]}} == other ]] \
         || {{ declare -p PROMPT_COMMAND; exit 1; }}\n__roleshift_hook\n"
    );
    quiet(&run(&mut sb.shell_cmd(&bash, &script)), "array form");
    // Unset PROMPT_COMMAND, and $? kept.
    let script = format!(
        "set -u\n{load}\n[[ $PROMPT_COMMAND == __roleshift_hook ]] || exit 1\n(exit 3); __roleshift_hook; echo $?\n"
    );
    let out = run(&mut sb.shell_cmd(&bash, &script));
    assert_ok(&out);
    assert_eq!(out.stdout, "3\n");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_loads_twice_quietly_under_strict_options_next_to_other_hooks() {
    let zsh = tool("zsh");
    let sb = Sandbox::new();
    let load = "eval \"$(\"$ROLESHIFT\" hook zsh)\"";
    let script = format!(
        "setopt err_exit no_unset\nother() {{ :; }}\nprecmd_functions=(other)\n{load}\n{load}\n\
         [[ \"$precmd_functions\" == '__roleshift_hook other' && \"$chpwd_functions\" == __roleshift_hook ]] \
         || {{ print -r -- \"$precmd_functions / $chpwd_functions\"; exit 1; }}\n\
         __roleshift_hook\nunsetopt err_exit\n(exit 4); __roleshift_hook; print $?\n"
    );
    let out = run(&mut sb.shell_cmd(&zsh, &script));
    assert_ok(&out);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("4\n", ""));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_loads_twice_quietly_with_one_handler_each() {
    let fish = tool("fish");
    let sb = Sandbox::new();
    let script = "$ROLESHIFT hook fish | source; $ROLESHIFT hook fish | source\n\
                  set -l n (functions --handlers | string match -e __roleshift_hook | count)\n\
                  test $n -eq 2; or begin; functions --handlers; exit 1; end\n\
                  __roleshift_hook\n";
    let out = run(&mut sb.shell_cmd(&fish, script));
    assert_ok(&out);
    // One handler for fish_prompt and one for PWD. (The status around the
    // handler is fish's to keep; the interactive tests check it.)
    quiet(&out, "fish");
}

/// pwsh is not installable here (TESTING.md): without it this test is
/// reported as ignored (build.rs), and its hook is covered by snapshots.
#[test]
#[cfg_attr(
    any(e2e_missing, pwsh_missing),
    ignore = "pwsh is not installed; the PowerShell hook is checked by snapshots"
)]
fn powershell_loads_its_hook_where_installed() {
    let pwsh = support::pwsh();
    let sb = Sandbox::new();
    let script = "$ErrorActionPreference = 'Stop'\n\
                  & $env:ROLESHIFT hook powershell | Out-String | Invoke-Expression\n\
                  & $env:ROLESHIFT hook powershell | Out-String | Invoke-Expression\n\
                  __roleshift_hook\n\
                  if ($null -ne $env:ROLESHIFT_PROFILE) { exit 1 }\n";
    assert_ok(&run(&mut sb.shell_cmd(&pwsh, script)));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_loads_its_hook() {
    let nu = tool("nu");
    let sb = Sandbox::new();
    let file = hook(&sb, "nu");
    let f = file.display();
    // One pre_prompt hook and one PWD hook, however often it is loaded.
    let script = format!(
        "source '{f}'\nsource '{f}'\nlet h = $env.config.hooks\n\
         if ($h.pre_prompt | length) != 1 or ($h.env_change.PWD | length) != 1 {{ exit 1 }}\n"
    );
    quiet(&run(&mut sb.shell_cmd(&nu, &script)), "nu");
}
