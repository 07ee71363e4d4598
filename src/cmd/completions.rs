//! `roleshift completions SHELL`: clap_complete's script for the shell, with
//! profile names completed dynamically (from `roleshift list --names`)
//! wherever a TARGET or a `--source-profile` goes, in bash, zsh and fish.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs};

mod dynamic;
mod man;
mod nu;

/// Subcommands whose positional argument is a TARGET.
fn target_commands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|s| {
            s.get_arguments()
                .any(|a| a.get_id() == "target" && a.is_positional())
        })
        .map(|s| s.get_name().to_string())
        .collect()
}

/// Long flags of those subcommands that take a value: after one of them the
/// next word is that value, not a TARGET.
fn value_flags() -> Vec<String> {
    let mut flags: Vec<String> = Cli::command()
        .get_subcommands()
        .flat_map(|s| s.get_arguments().cloned().collect::<Vec<_>>())
        .filter(|a| !a.is_positional() && a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    flags.sort();
    flags.dedup();
    flags
}

/// The command tree completions offer: without hidden subcommands
/// (`hook-env`, `manpage`), which clap_complete would list.
fn completion_command() -> clap::Command {
    let root = Cli::command();
    let visible: Vec<clap::Command> = root
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let arguments: Vec<clap::Arg> = root.get_arguments().cloned().collect();
    clap::Command::new("roleshift")
        .version(env!("CARGO_PKG_VERSION"))
        .about(root.get_about().cloned().unwrap_or_default())
        .long_about(root.get_long_about().cloned().unwrap_or_default())
        .propagate_version(true)
        .args(arguments)
        .subcommands(visible)
}

pub fn render(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut completion_command(), "roleshift", &mut buf);
    let base = String::from_utf8_lossy(&buf).into_owned();
    let commands = target_commands().join(" ");
    match shell {
        Shell::Bash => {
            dynamic::bash_files_unglobbed(&base)
                + &dynamic::bash(&commands, &value_flags().join(" "))
        }
        Shell::Zsh => zsh_dynamic(&base),
        Shell::Fish => base + &dynamic::fish(&commands),
        _ => base,
    }
}

fn zsh_dynamic(base: &str) -> String {
    let mut out = String::with_capacity(base.len() + 512);
    for line in base.lines() {
        let dynamic = line.starts_with("'::target -- ") || line.starts_with("'--source-profile=[");
        match line.strip_suffix(":_default' \\").filter(|_| dynamic) {
            Some(head) => out.push_str(&format!("{head}:_roleshift_profiles' \\")),
            None => match dynamic::zsh_command_line(line) {
                Some(command) => out.push_str(&command),
                None => out.push_str(line),
            },
        }
        out.push('\n');
    }
    // The generated file ends by calling _roleshift; the helper must exist by then.
    let helper = "(( $+functions[_roleshift_profiles] )) ||\n_roleshift_profiles() {\n    local -a profiles\n    profiles=(${(f)\"$(command roleshift list --names 2>/dev/null)\"})\n    compadd -a profiles\n}\n\n";
    match out.rfind("\nif [ \"$funcstack[1]\" = \"_roleshift\" ]; then") {
        Some(at) => {
            out.insert_str(at + 1, helper);
            out
        }
        None => out + helper,
    }
}

pub fn run(args: &CompletionsArgs) -> Result<()> {
    use crate::cli::CompletionShell as S;
    let text = match args.shell {
        S::Bash => render(Shell::Bash),
        S::Zsh => render(Shell::Zsh),
        S::Fish => render(Shell::Fish),
        S::Powershell => render(Shell::PowerShell),
        S::Elvish => render(Shell::Elvish),
        S::Nu => {
            let mut cmd = completion_command();
            cmd.build();
            nu::render(&cmd)
        }
    };
    super::print(&text)
}

/// A man page, roff, from the same clap definitions as `--help`: the main
/// page, or `roleshift-SUB(1)` for a subcommand (see `man`).
pub fn manpage(subcommand: Option<&str>) -> Result<()> {
    let mut root = Cli::command();
    root.build();
    let page = match subcommand {
        None => man::render(root, "roleshift", true)?,
        Some(name) => {
            let Some(sub) = root.find_subcommand(name) else {
                return Err(crate::error::usage(format!("no subcommand `{name}`")));
            };
            // clap names are 'static; this process prints one page and exits.
            let title: &'static str = Box::leak(format!("roleshift-{name}").into_boxed_str());
            man::render(sub.clone().name(title), &format!("roleshift {name}"), false)?
        }
    };
    super::print(&String::from_utf8_lossy(&page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zsh_targets_complete_profiles() {
        let z = render(Shell::Zsh);
        assert!(
            z.contains("::target -- ") && z.contains(":_roleshift_profiles' \\"),
            "{z}"
        );
        assert!(
            !z.lines()
                .any(|l| l.starts_with("'::target -- ") && l.ends_with(":_default' \\"))
        );
        let helper = z.find("_roleshift_profiles() {").unwrap();
        let call = z
            .rfind("if [ \"$funcstack[1]\" = \"_roleshift\" ]")
            .unwrap();
        assert!(
            helper < call,
            "the helper is defined before the script calls _roleshift"
        );
    }

    #[test]
    fn bash_knows_which_flags_take_values() {
        let flags = value_flags();
        assert!(
            flags.contains(&"--duration".to_string()) && flags.contains(&"--format".to_string())
        );
        assert!(!flags.contains(&"--no-cache".to_string()));
        let commands = target_commands();
        for c in ["export", "exec", "credential-process", "whoami"] {
            assert!(
                commands.contains(&c.to_string()),
                "{c} missing from {commands:?}"
            );
        }
    }
}
