//! What clap_complete cannot generate: profile names at TARGET, `--source-profile`
//! and `cache clear`, the command after `exec ... --`, and shell names for
//! `hook` and `completions` in fish.
//!
//! Profile names are data from config files that others may write (a profile
//! called `ci-$(cmd)` or `*`), so no script here lets a shell expand, split or
//! glob them: bash reads them line by line and quotes each with `%q`, zsh
//! splits on newlines only and lets `compadd` quote, fish passes command
//! substitution output through untouched.

use clap::ValueEnum;

use crate::cli::HookShell;

/// Appended to clap's bash script: replaces its `complete` line.
pub fn bash(commands: &str, flags: &str) -> String {
    format!(
        r#"
# Profile names, completed where a TARGET, --source-profile or `cache clear` goes.
# Each name is matched as a plain prefix and inserted quoted: never expanded.
_roleshift_profiles() {{
    local name quoted
    while IFS= read -r name; do
        [[ $name == "$1"* ]] || continue
        printf -v quoted '%q' "$name"
        COMPREPLY+=("$quoted")
    done < <(command roleshift list --names 2>/dev/null)
}}
# After `exec ... --`: the command, then its own arguments.
_roleshift_command() {{
    COMPREPLY=()
    if declare -F _command_offset >/dev/null; then
        _command_offset "$1"
    elif (( COMP_CWORD == $1 )); then
        mapfile -t COMPREPLY < <(compgen -c -- "${{COMP_WORDS[COMP_CWORD]}}")
    else
        compopt -o filenames
        mapfile -t COMPREPLY < <(compgen -f -- "${{COMP_WORDS[COMP_CWORD]}}")
    fi
}}
_roleshift_dynamic() {{
    _roleshift "$@"
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} i
    if [[ $prev == --source-profile ]]; then
        COMPREPLY=()
        _roleshift_profiles "$cur"
        return
    fi
    if [[ ${{COMP_WORDS[1]}} == cache && ${{COMP_WORDS[2]}} == clear && COMP_CWORD -eq 3 ]]; then
        COMPREPLY=()
        _roleshift_profiles "$cur"
        return
    fi
    case " {commands} " in *" ${{COMP_WORDS[1]}} "*) ;; *) return ;; esac
    for ((i = 2; i < COMP_CWORD; i++)); do
        if [[ ${{COMP_WORDS[i]}} == -- ]]; then
            [[ ${{COMP_WORDS[1]}} == exec ]] && _roleshift_command $((i + 1))
            return
        fi
    done
    case " {flags} " in *" $prev "*) return ;; esac
    [[ $cur == -* ]] && return
    _roleshift_profiles "$cur"
}}
complete -F _roleshift_dynamic -o bashdefault -o default roleshift
"#
    )
}

/// clap's bash script puts `compgen -f` output into COMPREPLY unquoted, so
/// file names are split and globbed; read them line by line instead.
pub fn bash_files_unglobbed(base: &str) -> String {
    base.replace(
        r#"COMPREPLY=($(compgen -f "${cur}"))"#,
        r#"compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")"#,
    )
}

/// clap's zsh script completes the words after `exec ... --` as files; they
/// are a command line of their own.
pub fn zsh_command_line(line: &str) -> Option<String> {
    let head = line
        .strip_prefix("'*::command -- ")?
        .strip_suffix(":_default' \\")?;
    Some(format!("'*::command -- {head}:_normal' \\"))
}

/// Appended to clap's fish script.
pub fn fish(commands: &str) -> String {
    let names = |v: Vec<String>| v.join(" ");
    let hook_shells = names(
        HookShell::value_variants()
            .iter()
            .filter_map(|s| s.to_possible_value())
            .map(|p| p.get_name().to_string())
            .collect(),
    );
    let completion_shells = names(
        crate::cli::CompletionShell::value_variants()
            .iter()
            .filter_map(|s| s.to_possible_value())
            .map(|p| p.get_name().to_string())
            .collect(),
    );
    let profiles = "(command roleshift list --names 2>/dev/null)";
    format!(
        r#"
# Profile names, completed where a TARGET, --source-profile or `cache clear` goes.
complete -c roleshift -n "__fish_seen_subcommand_from {commands}; and not __fish_roleshift_after_dashdash" -f -a "{profiles}"
complete -c roleshift -l source-profile -x -a "{profiles}"
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from clear" -f -a "{profiles}"
# Shell names, not files.
complete -c roleshift -n "__fish_roleshift_using_subcommand hook" -f -a "{hook_shells}"
complete -c roleshift -n "__fish_roleshift_using_subcommand completions" -f -a "{completion_shells}"
# After `exec ... --`: the command line of its own.
function __fish_roleshift_after_dashdash
    contains -- -- (commandline -opc)
end
function __fish_roleshift_command_line
    set -l words (commandline -opc)
    set -l at (contains -i -- -- $words)
    set -l rest $words[(math $at + 1)..-1]
    complete -C (string join ' ' -- (string escape -- $rest) (commandline -ct))
end
complete -c roleshift -n "__fish_roleshift_using_subcommand exec; and __fish_roleshift_after_dashdash" -x -a "(__fish_roleshift_command_line)"
"#
    )
}
