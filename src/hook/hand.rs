//! Renewal of a session exported by hand (`eval "$(roleshift export prod)"`)
//! in a shell with the hook loaded, outside any tree. The hook scripts rerun
//! `hook-env` when `ROLESHIFT_PROFILE` or `AWS_CREDENTIAL_EXPIRATION` differ
//! from what they saw last; this module then remembers the session's target
//! and deadline (src/renewal.rs, the same rule as a tree's), so idle prompts
//! start nothing until the deadline. At the deadline it resolves the same
//! target in the user's own environment, without prompts: input needed keeps
//! valid credentials until they expire; after expiry, any failure removes them.
//! Inside a tree, the tree's role takes precedence and nothing here runs.

use serde::{Deserialize, Serialize};

use super::decide::{Step, Want};
use super::render::Session;
use super::state::State;
use crate::creds::{parse_rfc3339, unix};
use crate::env::Env;
use crate::renewal::{Rule, retry_at};
use crate::request::{CachePolicy, Request};
use crate::vars::{EXPIRATION, PROFILE};

/// The hand-exported session the hook watches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hand {
    /// `ROLESHIFT_PROFILE`: the profile name or role ARN that is renewed.
    pub target: String,
    /// `AWS_CREDENTIAL_EXPIRATION` as the shell holds it: another value is
    /// another session (a new export), watched afresh.
    pub expiration: String,
    /// Unix seconds.
    pub expires: i64,
    pub renew_at: i64,
    /// A line about a failed renewal was printed: not repeated at each retry.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub told: bool,
}

/// Outside any tree, a session exported by hand is watched and renewed
/// at the prompt; inside one, the tree's role takes precedence.
#[allow(clippy::too_many_arguments)]
pub(super) fn at_prompt(
    session: Session,
    step: Step,
    want: &Want,
    state: &mut State,
    cancelled: bool,
    env: &Env,
    now: i64,
    msgs: &mut Vec<String>,
) -> Session {
    if state.applied.is_some() || matches!(want, Want::Tree { .. }) {
        state.hand = None;
        return session;
    }
    let rule = Rule::new(Some(super::min_ttl(env)));
    let session = if step == Step::Nothing {
        let (target, expiration) = after(&Session::None, env);
        state.hand = track(
            state.hand.take(),
            target.as_deref(),
            expiration.as_deref(),
            rule,
            now,
        );
        renew_if_due(&mut state.hand, cancelled, env, rule, now, msgs)
    } else {
        session
    };
    let (target, expiration) = after(&session, env);
    state.hand = track(
        state.hand.take(),
        target.as_deref(),
        expiration.as_deref(),
        rule,
        now,
    );
    session
}

/// The session to watch, given the two variables the shell will hold:
/// the one already watched if they are unchanged, else a new one.
pub fn track(
    prev: Option<Hand>,
    target: Option<&str>,
    expiration: Option<&str>,
    rule: Rule,
    now: i64,
) -> Option<Hand> {
    let (target, expiration) = (target?, expiration?);
    if let Some(h) = prev.filter(|h| h.target == target && h.expiration == expiration) {
        return Some(h);
    }
    let expires = unix(parse_rfc3339(expiration)?);
    Some(Hand {
        target: target.to_string(),
        expiration: expiration.to_string(),
        expires,
        renew_at: rule.renew_at(now, expires),
        told: false,
    })
}

/// At a prompt outside any tree: renews the watched session when it is due.
/// `cancelled`: the last run (which was this renewal, if it was due) was cut
/// short by Ctrl-C.
pub fn renew_if_due(
    hand: &mut Option<Hand>,
    cancelled: bool,
    env: &Env,
    rule: Rule,
    now: i64,
    msgs: &mut Vec<String>,
) -> Session {
    let Some(h) = hand.as_mut().filter(|h| h.renew_at <= now) else {
        return Session::None;
    };
    let target = super::clean(&h.target);
    let expired = h.expires <= now;
    if cancelled {
        if expired {
            msgs.push(format!(
                "roleshift: renewal cancelled, and the credentials for {target} have expired since; removed them"
            ));
            *hand = None;
            return Session::Leave { keep: Vec::new() };
        }
        h.renew_at = h.expires;
        msgs.push(format!(
            "roleshift: renewal cancelled; the credentials for {target} expire in {}, when the next prompt tries again",
            crate::duration::human(h.expires - now)
        ));
        return Session::None;
    }
    let req = Request {
        target: Some(h.target.clone()),
        cache: CachePolicy {
            min_ttl: Some(rule.min_ttl),
            ..CachePolicy::default()
        },
        ..Request::default()
    };
    let own = crate::mfa::without_prompts(&super::own_env(env));
    let renewed = crate::resolve::resolve(&req, &own)
        .and_then(|(plan, creds)| crate::envvars::change_for(&creds, &plan));
    match renewed {
        Ok(change) => Session::Export {
            drop_inherited: true,
            change,
        },
        Err(e) => {
            let (line, _) = crate::error::render(&e);
            if expired {
                msgs.push(format!(
                    "{line} (removed the expired credentials of {target}; run `roleshift export` again)"
                ));
                *hand = None;
                Session::Leave { keep: Vec::new() }
            } else {
                let left = crate::duration::human(h.expires - now);
                h.renew_at = if crate::mfa::needs_input(&e) {
                    h.expires
                } else {
                    retry_at(now, h.expires)
                };
                if !h.told {
                    msgs.push(format!(
                        "{line} (the credentials of {target} stay until they expire in {left})"
                    ));
                    h.told = true;
                }
                Session::None
            }
        }
    }
}

/// `ROLESHIFT_PROFILE` and `AWS_CREDENTIAL_EXPIRATION` once the shell has
/// applied `session`: what the hand-exported session to watch will be.
pub fn after(session: &Session, env: &Env) -> (Option<String>, Option<String>) {
    let own = || super::own_env(env);
    let pick = |name: &str| -> Option<String> {
        match session {
            Session::None => env.raw(name).map(str::to_string),
            Session::Export { change, .. } => match change.value(name) {
                Some(v) => Some(v.to_string()),
                None if change.remove.contains(&name) => None,
                None => own().raw(name).map(str::to_string),
            },
            Session::Leave { keep } => match keep.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => v.clone(),
                None => own().raw(name).map(str::to_string),
            },
        }
    };
    (pick(PROFILE), pick(EXPIRATION))
}

#[cfg(test)]
#[path = "hand_tests.rs"]
mod tests;
