//! A shortcut through clap for the commands that must start fastest.
//!
//! clap's derive builds the whole command tree before parsing: every
//! subcommand, every flag, every help text. For `export` and
//! `credential-process` with a cache hit that was half of all the work, so
//! these two build only their own subcommand, and so does `hook-env`, which
//! a shell hook runs whenever the directory changed. Anything unusual (help,
//! `-v`, a parse error) goes through the full parser, which stays the one
//! source of truth for messages; a test checks both parsers agree.
//!
//! The most common shapes (`export [TARGET] [--format F]`,
//! `credential-process [TARGET]`, `hook-env --shell S`) skip clap altogether:
//! building even one subcommand's definitions cost more than the cache hit.

use std::ffi::OsString;

use clap::{Args, FromArgMatches};

use crate::cli::{Cli, Command, ExportArgs, HookEnvArgs, TargetArgs};

pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    fast(&args).unwrap_or_else(|| <Cli as clap::Parser>::parse_from(args))
}

pub fn fast(args: &[OsString]) -> Option<Cli> {
    let name = args.get(1)?.to_str()?;
    // Help, version and verbosity are the full parser's business.
    let plain = args[2..].iter().all(|a| {
        let a = a.to_str().unwrap_or("");
        !(a == "-h"
            || a == "--help"
            || a == "-V"
            || a == "--version"
            || a == "--verbose"
            || (a.starts_with("-v") && !a.starts_with("--")))
    });
    if !plain {
        return None;
    }
    if let Some(command) = by_hand(name, &args[2..]) {
        return Some(Cli {
            verbose: 0,
            command,
        });
    }
    let command = match name {
        "export" => Command::Export(sub::<ExportArgs>("export", args)?),
        "credential-process" => {
            Command::CredentialProcess(sub::<TargetArgs>("credential-process", args)?)
        }
        // The shell hook's command, run when the directory changed.
        "hook-env" => Command::HookEnv(sub::<HookEnvArgs>("hook-env", args)?),
        _ => return None,
    };
    Some(Cli {
        verbose: 0,
        command,
    })
}

/// The common shapes, parsed without clap; None for anything else.
pub fn by_hand(name: &str, rest: &[OsString]) -> Option<Command> {
    let mut target: Option<String> = None;
    let mut format: Option<&str> = None;
    let mut shell: Option<&str> = None;
    let mut cancelled = false;
    let mut words = rest.iter().map(|a| a.to_str());
    while let Some(word) = words.next() {
        let word = word?;
        match (name, word) {
            ("export", "--format" | "--shell") => format = Some(words.next()??),
            ("export", w) if w.starts_with("--format=") || w.starts_with("--shell=") => {
                format = w.split_once('=').map(|(_, v)| v)
            }
            ("hook-env", "--shell") => shell = Some(words.next()??),
            ("hook-env", "--cancelled") => cancelled = true,
            ("export" | "credential-process", w) if !w.starts_with('-') && target.is_none() => {
                target = Some(w.to_string())
            }
            _ => return None,
        }
    }
    if name == "hook-env" {
        let shell = clap::ValueEnum::from_str(shell?, false).ok()?;
        return Some(Command::HookEnv(HookEnvArgs { shell, cancelled }));
    }
    // clap reads --min-ttl from the environment too; so must this.
    let min_ttl = match std::env::var_os("ROLESHIFT_MIN_TTL") {
        None => None,
        Some(v) => Some(crate::cli::parse_min_ttl(v.to_str()?).ok()?),
    };
    let target = TargetArgs {
        target,
        min_ttl,
        ..Default::default()
    };
    match name {
        "export" => {
            let format = match format {
                None => None,
                Some(f) => Some(clap::ValueEnum::from_str(f, false).ok()?),
            };
            Some(Command::Export(ExportArgs { target, format }))
        }
        "credential-process" => Some(Command::CredentialProcess(target)),
        _ => None,
    }
}

fn sub<T: Args + FromArgMatches>(name: &'static str, args: &[OsString]) -> Option<T> {
    let cmd = T::augment_args(clap::Command::new(name).no_binary_name(true));
    let matches = cmd.try_get_matches_from(&args[2..]).ok()?;
    T::from_arg_matches(&matches).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn argv(s: &str) -> Vec<OsString> {
        s.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn agrees_with_the_full_parser() {
        for line in [
            "roleshift export",
            "roleshift export prod",
            "roleshift export prod --format fish",
            "roleshift export --shell pwsh arn:aws:iam::1:role/R --duration 15m --tag a=b --tag c=d",
            "roleshift export prod --no-cache --min-ttl 5m --region eu-west-1 --endpoint-url http://x",
            "roleshift export -- -odd-name",
            "roleshift credential-process prod --refresh",
            "roleshift credential-process --role-arn arn:aws:iam::1:role/R --source-profile base",
            "roleshift hook-env --shell bash",
            "roleshift hook-env --shell fish --cancelled",
            "roleshift hook-env --shell pwsh",
            "roleshift export --format=json prod",
            "roleshift export --shell=nushell",
            "roleshift credential-process",
        ] {
            let fast = fast(&argv(line)).unwrap_or_else(|| panic!("fast path refused {line}"));
            let full = Cli::try_parse_from(argv(line)).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{line}");
        }
    }

    #[test]
    fn common_shapes_skip_clap() {
        for line in [
            "export",
            "export prod --format bash",
            "export --shell fish prod",
            "credential-process prod",
            "hook-env --shell zsh --cancelled",
        ] {
            let words = argv(line);
            assert!(
                by_hand(words[0].to_str().unwrap(), &words[1..]).is_some(),
                "{line}"
            );
        }
        for line in [
            "export prod --region x",
            "export a b",
            "export --format nope",
            "credential-process --format bash",
        ] {
            let words = argv(line);
            assert!(
                by_hand(words[0].to_str().unwrap(), &words[1..]).is_none(),
                "{line}"
            );
        }
    }

    #[test]
    fn leaves_the_rest_to_the_full_parser() {
        for line in [
            "roleshift",
            "roleshift export --help",
            "roleshift export prod -v",
            "roleshift export prod -vv",
            "roleshift export --duration 5x",
            "roleshift export --no-cache --refresh",
            "roleshift exec prod -- ls",
            "roleshift -v export prod",
            "roleshift hook-env",
            "roleshift hook-env --shell tcsh",
            "roleshift export a b",
            "roleshift export --format",
        ] {
            assert!(fast(&argv(line)).is_none(), "{line}");
        }
    }
}
