//! Looking at the nearest `.roleshift.toml`: may it be applied, and does it
//! parse? Every refusal becomes one line for the user, with an id that makes
//! "once per change of the file" possible.

use std::path::Path;

use super::config;
use super::decide::Want;
use super::show;
use super::state::State;
use super::trust::{self, TrustStore, Verdict};

/// Looks at the nearest config: is it trusted, and does it parse?
pub fn examine(path: &Path, trust: Option<&TrustStore>, state: &State) -> Want {
    let shown = show(path);
    let line_of = |e: anyhow::Error| crate::error::render(&e).0;
    let key = match config::trust_key(path) {
        Ok(k) => k,
        Err(e) => {
            return Want::Blocked {
                id: id_of(path, "unresolvable"),
                line: format!("{}; nothing applied", line_of(e)),
            };
        }
    };
    let text = match config::read(path) {
        Ok(t) => t,
        Err(e) => {
            return Want::Blocked {
                id: id_of(&key, "unreadable"),
                line: format!("{}; nothing applied", line_of(e)),
            };
        }
    };
    let hash = trust::content_hash(&text);
    let id = id_of(&key, &hash);
    let Some(trust) = trust else {
        let line = format!("roleshift: {shown} is not applied: no trust store (HOME is not set)");
        return Want::Blocked { id, line };
    };
    // "Once per change": of the file, and of why it is blocked.
    let (why, line) = match trust.verdict(&key, &hash) {
        Err(e) => ("store", format!("{}; {shown} is not applied", line_of(e))),
        Ok(Verdict::Denied) => (
            "denied",
            format!("roleshift: {shown} is denied; nothing applied (`roleshift allow` trusts it)"),
        ),
        Ok(Verdict::NotAllowed) => {
            let was_applied = state
                .applied
                .as_ref()
                .is_some_and(|a| a.config == path.display().to_string());
            let line = if was_applied {
                format!(
                    "roleshift: {shown} changed; its role is removed until you run `roleshift allow` again"
                )
            } else {
                format!("roleshift: {shown} is not allowed; run `roleshift allow` to apply it")
            };
            ("untrusted", line)
        }
        Ok(Verdict::Allowed) => match config::parse(&text, path) {
            Ok(cfg) => {
                return Want::Tree {
                    id,
                    path: path.to_path_buf(),
                    cfg,
                };
            }
            Err(e) => ("invalid", format!("{}; nothing applied", line_of(e))),
        },
    };
    Want::Blocked {
        id: format!("{id}:{why}"),
        line,
    }
}

fn id_of(key: &Path, content: &str) -> String {
    crate::cache::digest(&format!("{}\0{content}", key.display()))[..24].to_string()
}
