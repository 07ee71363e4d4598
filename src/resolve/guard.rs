//! The recursion guard across processes (SPEC §4). A `credential_process`
//! may run roleshift again (`credential_process = roleshift credential-process
//! prod`); when that leads back to a profile already being resolved, each
//! process would start the next forever. So every credential_process child
//! gets `ROLESHIFT_RESOLVING`, the profiles its parents are resolving (names
//! only, never secrets), and resolving one of them again fails at once.

use anyhow::Result;

use crate::env::Env;
use crate::profile::chain::{Base, Chain};

pub use crate::vars::RESOLVING as VAR;

/// Profile names cannot hold a newline (an INI section ends at the line).
const SEPARATOR: char = '\n';

/// The profiles parent processes are resolving, outermost first.
fn resolving(env: &Env) -> Vec<&str> {
    env.get(VAR)
        .map(|v| v.split(SEPARATOR).filter(|n| !n.is_empty()).collect())
        .unwrap_or_default()
}

/// The profiles a chain reads, in the order it walks them.
fn profiles_of<'a>(label: &'a str, chain: &'a Chain) -> Vec<&'a str> {
    let mut names = vec![label];
    names.extend(
        chain
            .roles
            .iter()
            .rev()
            .filter_map(|r| r.profile.as_deref()),
    );
    match &chain.base {
        Base::Keys { profile, .. } | Base::Process { profile, .. } => names.push(profile),
        Base::Sso(s) => names.push(&s.profile),
        _ => {}
    }
    names.dedup();
    names
}

/// Fails when this plan reads a profile that a parent is resolving already.
pub fn check(label: &str, chain: &Chain, env: &Env) -> Result<()> {
    let parents = resolving(env);
    let Some(again) = profiles_of(label, chain)
        .into_iter()
        .find(|n| parents.contains(n))
    else {
        return Ok(());
    };
    let from = parents.iter().position(|p| *p == again).unwrap_or(0);
    let mut path: Vec<&str> = parents[from..].to_vec();
    path.push(again);
    Err(crate::error::with_hint(
        anyhow::anyhow!(
            "credential_process loop: resolving profile `{again}` runs roleshift for `{again}` again ({})",
            path.join(" -> ")
        ),
        "a profile's credential_process must not lead back to itself; give it a target with its own credentials",
    ))
}

/// The value of `ROLESHIFT_RESOLVING` for a credential_process this plan runs.
pub fn for_child(label: &str, chain: &Chain, env: &Env) -> String {
    let mut names = resolving(env);
    for n in profiles_of(label, chain) {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.join(&SEPARATOR.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process(profile: &str) -> Chain {
        Chain {
            base: Base::Process {
                profile: profile.into(),
                command: "roleshift credential-process".into(),
            },
            base_mfa: None,
            roles: Vec::new(),
        }
    }

    #[test]
    fn a_profile_being_resolved_fails_and_names_the_loop() {
        let chain = process("default");
        let env = Env::from_pairs(&[]);
        check("default", &chain, &env).unwrap();
        let child = Env::from_pairs(&[(VAR, &for_child("default", &chain, &env))]);
        let err = format!("{:#}", check("default", &chain, &child).unwrap_err());
        assert!(err.contains("default -> default"), "{err}");
        // A longer loop: a's process resolves b, whose process resolves a.
        let grandchild = Env::from_pairs(&[(VAR, "a\nb")]);
        let err = format!("{:#}", check("a", &process("a"), &grandchild).unwrap_err());
        assert!(err.contains("a -> b -> a"), "{err}");
    }

    #[test]
    fn other_profiles_resolve() {
        let env = Env::from_pairs(&[(VAR, "ci\nbase")]);
        check("prod", &process("prod"), &env).unwrap();
        assert_eq!(for_child("prod", &process("prod"), &env), "ci\nbase\nprod");
    }
}
