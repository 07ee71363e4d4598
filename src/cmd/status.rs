//! `roleshift status`: `prod 42m` for a prompt. Reads only the environment:
//! no file, no network, so a prompt can call it every time.

use std::time::SystemTime;

use anyhow::Result;

use crate::cli::StatusArgs;
use crate::creds::{parse_rfc3339, unix};
use crate::env::Env;

pub fn run(args: &StatusArgs, env: &Env) -> Result<()> {
    let Some(profile) = env.get(crate::vars::PROFILE) else {
        return if args.format == "json" {
            super::print("null\n")
        } else {
            Ok(())
        };
    };
    let left = env
        .get("AWS_CREDENTIAL_EXPIRATION")
        .and_then(parse_rfc3339)
        .map(|e| unix(e) - unix(SystemTime::now()));
    // A prompt is one line: a hostile name must not break it or drive the terminal.
    let shown = crate::sanitize::printable(profile);
    if args.format == "json" {
        let v = serde_json::json!({
            "profile": profile,
            "expiration": env.get("AWS_CREDENTIAL_EXPIRATION"),
            "seconds_left": left,
        });
        return super::print(&format!("{v}\n"));
    }
    match left {
        Some(secs) => super::print(&format!("{shown} {}\n", crate::duration::human(secs))),
        None => super::print(&format!("{shown}\n")),
    }
}
