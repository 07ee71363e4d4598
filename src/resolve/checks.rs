//! Checks a plan passes before any call is made, so a refused chain wastes
//! no session and no MFA code (SPEC §4, "Chaining limit").

use anyhow::Result;

use crate::profile::chain::{Base, Chain};

/// Each session within its kind's limit: 12 hours for a role, 1 hour for a
/// role assumed with a role session (chaining); an MFA session alone may last
/// 36 hours, which `--duration`'s parser already holds it to.
pub fn durations(chain: &Chain) -> Result<()> {
    let too_long = |what: &str, d: u32| {
        crate::error::usage(format!(
            "{what}: STS allows at most 12 hours for a role session, and {} was asked",
            crate::duration::human(d as i64)
        ))
    };
    match &chain.base {
        Base::WebIdentity(w) if w.duration.is_some_and(|d| d > crate::duration::MAX_SECONDS) => {
            return Err(too_long(&w.role_arn, w.duration.unwrap_or_default()));
        }
        Base::Saml(s) if s.duration.is_some_and(|d| d > crate::duration::MAX_SECONDS) => {
            return Err(too_long(&s.role_arn, s.duration.unwrap_or_default()));
        }
        _ => {}
    }
    // Credentials that are a role session (web identity, SSO) make every AssumeRole a chain.
    let role_base = matches!(
        chain.base,
        Base::WebIdentity(_) | Base::Saml(_) | Base::SamlProcess(_) | Base::Sso(_)
    );
    for (i, step) in chain.roles.iter().enumerate() {
        let Some(d) = step.duration else { continue };
        if d > crate::duration::MAX_SECONDS {
            return Err(too_long(&format!("AssumeRole {}", step.role_arn), d));
        }
        if (i > 0 || role_base) && d > 3600 {
            return Err(crate::error::with_hint(
                anyhow::anyhow!(
                    "AssumeRole {}: role chaining limits a session to 1 hour, and {} was asked",
                    step.role_arn,
                    crate::duration::human(d as i64)
                ),
                "use --duration 1h or less, or assume the role straight from long-term credentials",
            ));
        }
    }
    Ok(())
}
