//! Whether a profile will work, as far as the files tell without a network
//! call: its chain is walked as `export` would walk it, so a missing source
//! profile, a loop, missing keys or a parse error show in `list` at a glance.

use crate::profile::Profiles;
use crate::profile::chain;

/// One profile's outlook.
pub struct Health {
    /// `ok`, `mfa` (works, but asks for a code), `settings` (holds no
    /// credentials, only settings such as a region) or `broken`.
    pub status: &'static str,
    /// Why it is broken.
    pub problem: Option<String>,
}

pub fn of(profiles: &Profiles, name: &str) -> Health {
    let broken = |e: anyhow::Error| Health {
        status: "broken",
        problem: Some(
            crate::error::render(&e)
                .0
                .trim_start_matches("roleshift: ")
                .to_string(),
        ),
    };
    match profiles.get(name).map(|p| (p.check(), p.kind())) {
        Some((Err(e), _)) => return broken(e),
        // Settings only (a `default` with a region): nothing to resolve.
        Some((Ok(()), "none")) => {
            return Health {
                status: "settings",
                problem: None,
            };
        }
        _ => {}
    }
    match chain::walk(profiles, name) {
        Err(e) => broken(e),
        Ok(c) if c.base_mfa.is_some() || c.roles.iter().any(|r| r.mfa.is_some()) => Health {
            status: "mfa",
            problem: None,
        },
        Ok(_) => Health {
            status: "ok",
            problem: None,
        },
    }
}
