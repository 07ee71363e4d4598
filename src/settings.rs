//! The variables that tune roleshift (ROLESHIFT_*, AWS_MAX_ATTEMPTS, ...):
//! each is parsed here, once, and a value that does not parse is an error
//! naming the variable, never silently the default.

use std::time::Duration;

use anyhow::Result;

use crate::env::Env;
use crate::vars;

/// AWS calls (STS, SSO OIDC, the portal) give up after this long unless
/// `ROLESHIFT_TIMEOUT` says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Tries per AWS call unless `AWS_MAX_ATTEMPTS` says otherwise (SDK default).
const DEFAULT_ATTEMPTS: u32 = 3;
/// More tries than this only multiply a hang by the backoff.
const MAX_ATTEMPTS: u32 = 20;

type Check = fn(&str) -> Result<(), String>;

/// Every variable with a syntax, and its check. Variables that name things
/// (profiles, regions, files) are checked where they are used, and so is
/// `ROLESHIFT_SHELL` (src/shell/detect.rs), which only `export` and `unset` read.
const CHECKED: [(&str, Check); 6] = [
    ("ROLESHIFT_MFA_DURATION", |v| {
        crate::duration::parse_mfa_session(v).map(drop)
    }),
    ("ROLESHIFT_MIN_TTL", |v| {
        crate::duration::parse_seconds(v).map(drop)
    }),
    ("ROLESHIFT_TIMEOUT", |v| parse_timeout(v).map(drop)),
    ("AWS_MAX_ATTEMPTS", |v| parse_attempts(v).map(drop)),
    ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", |v| {
        parse_bool(v).map(drop)
    }),
    (vars::KEYS_BACKEND, |v| parse_keys_backend(v).map(drop)),
];

/// Fails on the first variable that is set to something that does not parse.
pub fn validate(env: &Env) -> Result<()> {
    for (name, check) in CHECKED {
        if let Some(value) = env.get(name) {
            check(value).map_err(|why| crate::error::usage(format!("{name}: {why}")))?;
        }
    }
    // Elsewhere empty means unset; an empty passphrase is a mistake to say,
    // not a reason to ask on the terminal.
    if env.raw(vars::KEYS_PASSPHRASE).is_some_and(str::is_empty) {
        return Err(crate::error::usage(format!(
            "{}: set but empty; unset it to be asked on the terminal",
            vars::KEYS_PASSPHRASE
        )));
    }
    Ok(())
}

fn parse_timeout(v: &str) -> Result<Duration, String> {
    match v.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s < 3600.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "`{v}` is not a number of seconds between 0 and 3600 (e.g. 10 or 2.5)"
        )),
    }
}

fn parse_attempts(v: &str) -> Result<u32, String> {
    match v.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_ATTEMPTS).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{v}` is not a number of attempts from 1 to {MAX_ATTEMPTS}"
        )),
    }
}

fn parse_bool(v: &str) -> Result<bool, String> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(format!("`{v}` is neither true nor false")),
    }
}

/// The key store's name for a backend: one of `vars::KEYS_BACKENDS`.
fn parse_keys_backend(v: &str) -> Result<&'static str, String> {
    vars::KEYS_BACKENDS
        .into_iter()
        .find(|b| *b == v)
        .ok_or_else(|| format!("`{v}` is not one of {}", vars::KEYS_BACKENDS.join(", ")))
}

/// The backend `ROLESHIFT_KEYS_BACKEND` names, if it is set (and valid).
pub fn keys_backend(env: &Env) -> Option<&'static str> {
    env.get(vars::KEYS_BACKEND)
        .and_then(|v| parse_keys_backend(v).ok())
}

/// The key file's passphrase from `ROLESHIFT_KEYS_PASSPHRASE`, if set.
pub fn keys_passphrase(env: &Env) -> Option<&str> {
    env.get(vars::KEYS_PASSPHRASE)
}

/// The timeout of every AWS call; the default when unset or (unvalidated callers) bad.
pub fn timeout(env: &Env) -> Duration {
    env.get("ROLESHIFT_TIMEOUT")
        .and_then(|v| parse_timeout(v).ok())
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// Tries per AWS call.
pub fn attempts(env: &Env) -> u32 {
    env.get("AWS_MAX_ATTEMPTS")
        .and_then(|v| parse_attempts(v).ok())
        .unwrap_or(DEFAULT_ATTEMPTS)
}

/// The MFA session's length under roles, if `ROLESHIFT_MFA_DURATION` sets one.
pub fn mfa_duration(env: &Env) -> Option<u32> {
    env.get("ROLESHIFT_MFA_DURATION")
        .and_then(|v| crate::duration::parse_mfa_session(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(name: &str, value: &str) -> String {
        let env = Env::from_pairs(&[(name, value)]);
        format!("{:#}", validate(&env).unwrap_err())
    }

    #[test]
    fn bad_values_are_errors_naming_the_variable() {
        for (name, value) in [
            ("ROLESHIFT_MFA_DURATION", "abc"),
            ("ROLESHIFT_MFA_DURATION", "37h"),
            ("ROLESHIFT_MIN_TTL", "ten"),
            ("ROLESHIFT_TIMEOUT", "abc"),
            ("ROLESHIFT_TIMEOUT", "-1"),
            ("AWS_MAX_ATTEMPTS", "0"),
            ("AWS_MAX_ATTEMPTS", "three"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "yes please"),
            ("ROLESHIFT_KEYS_BACKEND", "vault"),
            ("ROLESHIFT_KEYS_BACKEND", "File"),
            ("ROLESHIFT_KEYS_PASSPHRASE", ""),
        ] {
            let err = error_of(name, value);
            assert!(err.starts_with(&format!("{name}: ")), "{err}");
        }
    }

    #[test]
    fn good_values_pass_and_are_used() {
        let env = Env::from_pairs(&[
            ("ROLESHIFT_MFA_DURATION", "20h"),
            ("ROLESHIFT_TIMEOUT", "2.5"),
            ("AWS_MAX_ATTEMPTS", "5"),
            ("ROLESHIFT_SHELL", "fish"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "FALSE"),
            ("ROLESHIFT_KEYS_BACKEND", "secret-service"),
            ("ROLESHIFT_KEYS_PASSPHRASE", "pw"),
        ]);
        validate(&env).unwrap();
        assert_eq!(keys_backend(&env), Some("secret-service"));
        assert_eq!(keys_passphrase(&env), Some("pw"));
        assert_eq!(mfa_duration(&env), Some(20 * 3600));
        assert_eq!(timeout(&env), Duration::from_millis(2500));
        assert_eq!(attempts(&env), 5);
        assert_eq!(attempts(&Env::default()), DEFAULT_ATTEMPTS);
    }
}
