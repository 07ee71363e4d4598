//! What the hook remembers between prompts. It lives in an unexported shell
//! variable, goes to `hook-env` in that command's environment only, and holds
//! nothing secret: paths, labels, times, and short digests of the values of
//! the non-secret variables the hook set (to notice a change by hand).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::env::Env;

pub use crate::vars::{SECRET_GROUP, TRACKED};

/// How many untrusted files the "once per change" memory holds.
const WARNED_MAX: usize = 16;
/// A state bigger than this did not come from us.
const MAX_LEN: usize = 16 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<Applied>,
    /// Ids (trust key + content) of blocked files already reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warned: Vec<String>,
    /// Id of a tree whose credentials could not be had; not retried until
    /// the shell leaves it or the file or its trust changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
    /// A session exported by hand, watched outside any tree (hand.rs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand: Option<super::hand::Hand>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// Trust key + content hash of the config in force.
    pub id: String,
    /// The config's path, for messages.
    pub config: String,
    pub label: String,
    /// Unix seconds: when the next prompt should renew, and the expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renew_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<i64>,
    /// TRACKED name → digest of the value the hook left it with.
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// Variables the user changed by hand: left alone from then on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub own: Vec<String>,
}

impl State {
    /// The state a shell handed back. Anything malformed is a fresh start:
    /// the worst case is one extra export from the cache.
    pub fn parse(text: Option<&str>) -> State {
        match text {
            Some(t) if !t.is_empty() && t.len() <= MAX_LEN => serde_json::from_str(t)
                .unwrap_or_else(|e| {
                    tracing::debug!(error = %e, "hook state unreadable; starting afresh");
                    State::default()
                }),
            _ => State::default(),
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn was_warned(&self, id: &str) -> bool {
        self.warned.iter().any(|w| w == id)
    }

    pub fn warn(&mut self, id: &str) {
        if !self.was_warned(id) {
            self.warned.push(id.to_string());
        }
        let extra = self.warned.len().saturating_sub(WARNED_MAX);
        self.warned.drain(..extra);
    }
}

/// A short, non-reversible fingerprint of a non-secret value, or `-` when unset.
pub fn digest(value: Option<&str>) -> String {
    match value {
        None => "-".into(),
        Some(v) => crate::cache::digest(v)[..16].to_string(),
    }
}

/// TRACKED variables whose value in `env` is not the one the hook left.
pub fn changed_by_hand(applied: &Applied, env: &Env) -> Vec<&'static str> {
    TRACKED
        .into_iter()
        .filter(|n| !applied.own.iter().any(|o| o == n))
        .filter(|n| {
            applied
                .vars
                .get(*n)
                .is_some_and(|d| *d != digest(env.raw(n)))
        })
        .collect()
}

/// The variables that belong to the user from now on: the tracked ones, and
/// the secret group with the key.
pub fn owned(own: &[String]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for name in crate::shell::MANAGED {
        let key_owned = own.iter().any(|o| o == "AWS_ACCESS_KEY_ID");
        if own.iter().any(|o| o == name) || (key_owned && SECRET_GROUP.contains(&name)) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_survives_garbage() {
        let s = State {
            applied: Some(Applied {
                id: "i".into(),
                config: "/p/.roleshift.toml".into(),
                label: "prod".into(),
                renew_at: Some(10),
                expires: Some(20),
                vars: [("AWS_REGION".to_string(), digest(Some("x")))].into(),
                own: vec![],
            }),
            ..State::default()
        };
        assert_eq!(State::parse(Some(&s.encode())), s);
        for bad in ["", "{", "[]", "{\"applied\":3}", &"x".repeat(MAX_LEN + 1)] {
            assert_eq!(State::parse(Some(bad)), State::default(), "{bad:.20}");
        }
        assert_eq!(State::parse(None), State::default());
    }

    #[test]
    fn warned_memory_is_bounded() {
        let mut s = State::default();
        for i in 0..40 {
            s.warn(&i.to_string());
            s.warn(&i.to_string());
        }
        assert_eq!(s.warned.len(), WARNED_MAX);
        assert!(s.was_warned("39") && !s.was_warned("0"));
    }

    #[test]
    fn notices_hand_made_changes_once() {
        let mut a = Applied::default();
        for (n, v) in [("AWS_REGION", Some("eu-west-1")), ("AWS_PROFILE", None)] {
            a.vars.insert(n.into(), digest(v));
        }
        let same = Env::from_pairs(&[("AWS_REGION", "eu-west-1")]);
        assert!(changed_by_hand(&a, &same).is_empty());
        let changed = Env::from_pairs(&[("AWS_REGION", "us-east-1"), ("AWS_PROFILE", "me")]);
        assert_eq!(
            changed_by_hand(&a, &changed),
            vec!["AWS_REGION", "AWS_PROFILE"]
        );
        a.own.push("AWS_REGION".into());
        assert_eq!(changed_by_hand(&a, &changed), vec!["AWS_PROFILE"]);
    }

    #[test]
    fn the_key_brings_its_secrets() {
        let own = owned(&["AWS_ACCESS_KEY_ID".to_string()]);
        for n in [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
        ] {
            assert!(own.contains(&n), "{n}");
        }
        assert_eq!(owned(&["AWS_REGION".to_string()]), vec!["AWS_REGION"]);
    }

    #[test]
    fn digests_are_short_and_not_the_value() {
        let d = digest(Some("eu-west-1"));
        assert_eq!(d.len(), 16);
        assert!(!d.contains("eu-west"));
        assert_eq!(digest(None), "-");
    }
}
