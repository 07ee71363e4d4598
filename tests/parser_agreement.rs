//! The prompt path's shortcut (src/cli/fast.rs) agrees with clap: for any
//! argument list and any `ROLESHIFT_MIN_TTL`, it either declines or builds
//! exactly what clap builds. And it does not decline the shapes it exists for.
//!
//! This binary holds one test, so setting the process environment for clap
//! races with nothing.

use std::ffi::{OsStr, OsString};

use clap::Parser;
use proptest::prelude::*;
use roleshift::cli::{Cli, MIN_TTL_VAR, recognise};

/// What clap makes of `args` with `min_ttl` in the environment.
fn clap_parse(args: &[OsString], min_ttl: Option<&str>) -> Option<String> {
    // SAFETY: the only test in this binary; no other thread reads the environment.
    unsafe {
        match min_ttl {
            Some(v) => std::env::set_var(MIN_TTL_VAR, v),
            None => std::env::remove_var(MIN_TTL_VAR),
        }
    }
    Cli::try_parse_from(args).ok().map(|c| format!("{c:?}"))
}

fn fast(args: &[OsString], min_ttl: Option<&str>) -> Option<String> {
    recognise(args, min_ttl.map(OsStr::new)).map(|c| format!("{c:?}"))
}

fn argv(words: &[&str]) -> Vec<OsString> {
    std::iter::once("roleshift")
        .chain(words.iter().copied())
        .map(OsString::from)
        .collect()
}

const COMMANDS: &[&str] = &[
    "export",
    "credential-process",
    "unset",
    "status",
    "list",
    "hook-env",
    "exec",
    "whoami",
    "save",
    "sso",
    "console",
    "keys",
];

/// Words that matter to the shortcut or to clap: flags it knows, flags it
/// must leave alone, values good and bad, and odd targets.
const WORDS: &[&str] = &[
    "prod",
    "default",
    "a b",
    "",
    "-",
    "--",
    "-v",
    "-vv",
    "--verbose",
    "--format",
    "--shell",
    "--format=fish",
    "--shell=nu",
    "bash",
    "zsh",
    "fish",
    "pwsh",
    "powershell",
    "nu",
    "nushell",
    "json",
    "dotenv",
    "credential-process",
    "text",
    "tcsh",
    "BASH",
    "--names",
    "--json",
    "--cancelled",
    "--min-ttl",
    "5m",
    "--region",
    "eu-west-1",
    "--no-cache",
    "--refresh",
    "--help",
    "-h",
    "--version",
    "arn:aws:iam::123456789012:role/Deploy",
    "--role-arn",
    "--as",
    "login",
    "populate",
    "--print",
];

const MIN_TTLS: &[Option<&str>] = &[None, Some("5m"), Some("900"), Some("abc"), Some("")];

fn case() -> impl Strategy<Value = (Vec<&'static str>, Option<&'static str>)> {
    (
        proptest::sample::select(COMMANDS),
        proptest::collection::vec(proptest::sample::select(WORDS), 0..5),
        proptest::sample::select(MIN_TTLS),
    )
        .prop_map(|(cmd, rest, ttl)| {
            let mut words = vec![cmd];
            words.extend(rest);
            (words, ttl)
        })
}

#[test]
fn the_shortcut_agrees_with_clap_and_serves_the_prompt_path() {
    // The shapes the shortcut exists for: it must take them, and agree.
    let common: &[&[&str]] = &[
        &["export"],
        &["export", "prod"],
        &["export", "prod", "--format", "bash"],
        &["export", "--shell", "fish", "prod"],
        &["credential-process", "prod"],
        &["unset", "--format", "zsh"],
        &["status"],
        &["list", "--names"],
        &["hook-env", "--shell", "bash"],
        &["hook-env", "--shell", "pwsh", "--cancelled"],
    ];
    for words in common {
        for ttl in [None, Some("5m")] {
            let args = argv(words);
            let f = fast(&args, ttl);
            assert!(f.is_some(), "the shortcut declined {words:?}");
            assert_eq!(f, clap_parse(&args, ttl), "{words:?} with {ttl:?}");
        }
    }
    // Everything else: declining is always allowed, disagreeing never.
    let taken = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000),
        failure_persistence: None,
        ..Default::default()
    });
    runner
        .run(&case(), |(words, ttl)| {
            let args = argv(&words);
            if let Some(f) = fast(&args, ttl) {
                taken.set(taken.get() + 1);
                prop_assert_eq!(
                    Some(f),
                    clap_parse(&args, ttl),
                    "{:?} with {:?}",
                    words,
                    ttl
                );
            }
            Ok(())
        })
        .unwrap();
    let taken = taken.get();
    assert!(
        taken > 50,
        "the generator reached the shortcut only {taken} times"
    );
}
