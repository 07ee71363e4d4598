//! The prompt path's shortcut into clap's result.
//!
//! clap's derive builds every subcommand, flag and help text before it
//! parses, which costs more than the rest of a cached `export` or a `status`
//! for the prompt. `recognise` knows the few shapes those paths use and
//! builds clap's own `Cli` value for them; anything else (help, `-v`, an
//! unknown flag, a value clap would reject) returns None and goes through
//! clap, which stays the one source of truth for what is valid and for every
//! message. A property test (tests/parser_agreement.rs) feeds the same
//! argument lists and environment to both and requires the same result.

use std::ffi::{OsStr, OsString};

use clap::ValueEnum;

use super::{Cli, Command, ExportArgs, HookEnvArgs, ListArgs, StatusArgs, TargetArgs, UnsetArgs};

/// Parses the process's arguments: the shortcut when it applies, else clap.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let min_ttl = std::env::var_os(MIN_TTL_VAR);
    recognise(&args, min_ttl.as_deref()).unwrap_or_else(|| <Cli as clap::Parser>::parse_from(args))
}

/// The variable clap reads for `--min-ttl` (see `TargetArgs::min_ttl`).
pub const MIN_TTL_VAR: &str = "ROLESHIFT_MIN_TTL";

/// `args` is the whole argv (program name first); `min_ttl` is the value of
/// `ROLESHIFT_MIN_TTL`, which clap would read for a target command.
pub fn recognise(args: &[OsString], min_ttl: Option<&OsStr>) -> Option<Cli> {
    let mut words = Vec::with_capacity(args.len());
    for a in args.get(1..)? {
        words.push(a.to_str()?);
    }
    let (name, rest) = words.split_first()?;
    let command = match *name {
        "export" => {
            let (target, format) = target_and_format(rest, true)?;
            Command::Export(ExportArgs {
                target: target_args(target, min_ttl)?,
                format: match format {
                    None => None,
                    Some(f) => Some(value(f)?),
                },
            })
        }
        "credential-process" => {
            let (target, _) = target_and_format(rest, false)?;
            Command::CredentialProcess(target_args(target, min_ttl)?)
        }
        "unset" => match rest {
            [] => Command::Unset(UnsetArgs { format: None }),
            [flag, f] if is_format_flag(flag) => Command::Unset(UnsetArgs {
                format: Some(value(f)?),
            }),
            _ => return None,
        },
        "status" => match rest {
            [] => Command::Status(StatusArgs {
                format: "text".into(),
            }),
            _ => return None,
        },
        "list" => match rest {
            ["--names"] => Command::List(ListArgs {
                json: false,
                names: true,
            }),
            _ => return None,
        },
        "hook-env" => match rest {
            ["--shell", s] => hook_env(s, false)?,
            ["--shell", s, "--cancelled"] | ["--cancelled", "--shell", s] => hook_env(s, true)?,
            _ => return None,
        },
        _ => return None,
    };
    Some(Cli {
        verbose: 0,
        command,
    })
}

fn is_format_flag(w: &str) -> bool {
    w == "--format" || w == "--shell"
}

/// `[TARGET] [--format F]` in either order, each at most once. A word that
/// starts with `-` other than the format flag is clap's business.
fn target_and_format<'a>(
    rest: &[&'a str],
    format_allowed: bool,
) -> Option<(Option<&'a str>, Option<&'a str>)> {
    let (mut target, mut format) = (None, None);
    let mut i = 0;
    while i < rest.len() {
        let w = rest[i];
        if format_allowed && is_format_flag(w) && format.is_none() {
            format = Some(*rest.get(i + 1)?);
            i += 2;
            continue;
        }
        if w.starts_with('-') || target.is_some() {
            return None;
        }
        target = Some(w);
        i += 1;
    }
    Some((target, format))
}

fn target_args(target: Option<&str>, min_ttl: Option<&OsStr>) -> Option<TargetArgs> {
    let min_ttl = match min_ttl {
        None => None,
        Some(v) => Some(super::parse_min_ttl(v.to_str()?).ok()?),
    };
    Some(TargetArgs {
        target: target.map(str::to_string),
        min_ttl,
        ..TargetArgs::default()
    })
}

fn hook_env(shell: &str, cancelled: bool) -> Option<Command> {
    Some(Command::HookEnv(HookEnvArgs {
        shell: value(shell)?,
        cancelled,
    }))
}

/// A value as clap's `ValueEnum` reads it (names and aliases, case-sensitive).
fn value<T: ValueEnum>(s: &str) -> Option<T> {
    T::from_str(s, false).ok()
}
