//! `roleshift sso populate`: every account and role the user can reach
//! (ListAccounts, then ListAccountRoles per account, all pages, a bounded
//! number at a time), named by a template and made safe as profile names.
//! Writing them into the config file is `write`'s job.

use std::collections::{BTreeMap, HashSet};

use anyhow::{Result, anyhow, bail};

use super::portal::{Account, Portal};
use crate::creds::Secret;

/// ListAccountRoles calls in flight at once: fast, and gentle with the
/// portal's rate limit.
const PARALLEL: usize = 16;

/// The default profile name template.
pub const DEFAULT_TEMPLATE: &str = "{account_name}/{role_name}";

/// One profile to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub account: Account,
    pub role: String,
}

/// Every (account, role) pair; fails if any listing fails.
pub async fn list(portal: &Portal, token: &Secret) -> Result<Vec<Assignment>> {
    let accounts = portal.accounts(token).await?;
    let mut pending = accounts.into_iter();
    let mut running = tokio::task::JoinSet::new();
    let mut out = Vec::new();
    loop {
        while running.len() < PARALLEL {
            let Some(account) = pending.next() else { break };
            let (p, t) = (portal.clone(), token.clone());
            running.spawn(async move {
                let roles = p.roles(&t, &account.id).await;
                (account, roles)
            });
        }
        let Some(done) = running.join_next().await else {
            break;
        };
        let (account, roles) = done.map_err(|e| anyhow!("a listing task failed: {e}"))?;
        for role in roles? {
            out.push(Assignment {
                account: account.clone(),
                role,
            });
        }
    }
    for a in &out {
        check(a)?;
    }
    out.sort_by(|a, b| {
        (&a.account.name, &a.account.id, &a.role).cmp(&(&b.account.name, &b.account.id, &b.role))
    });
    Ok(out)
}

/// Values from the portal go into the config file: nothing that could end a
/// line or fake a key.
fn check(a: &Assignment) -> Result<()> {
    if a.account.id.is_empty() || !a.account.id.bytes().all(|b| b.is_ascii_digit()) {
        bail!(
            "the portal listed an account id that is not 12 digits: {:?}",
            a.account.id
        );
    }
    if a.role.is_empty()
        || a.role
            .chars()
            .any(|c| c.is_control() || c == '=' || c == ';' || c == '#')
    {
        bail!(
            "the portal listed, for account {}, a role name that cannot go into the config file: {:?}",
            a.account.id,
            a.role
        );
    }
    Ok(())
}

/// Checks a `--name-template` before anything is listed (usage error).
pub fn check_template(t: &str) -> Result<()> {
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            crate::error::usage(format!("--name-template {t:?}: a `{{` is not closed"))
        })?;
        let name = &after[..close];
        if !["account_name", "account_id", "role_name", "session"].contains(&name) {
            return Err(crate::error::usage(format!(
                "--name-template {t:?}: unknown placeholder {{{name}}}; use {{account_name}}, {{account_id}}, {{role_name}} or {{session}}"
            )));
        }
        rest = &after[close + 1..];
    }
    if !t.contains("{account_id}") && !t.contains("{account_name}") || !t.contains("{role_name}") {
        return Err(crate::error::usage(format!(
            "--name-template {t:?} must name the account ({{account_name}} or {{account_id}}) and {{role_name}}"
        )));
    }
    Ok(())
}

/// A profile name safe in an INI header and in every shell: ASCII letters,
/// digits and `-_.@+/`; anything else becomes `-`.
pub fn safe(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.@+/".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut out = String::with_capacity(mapped.len());
    for c in mapped.chars() {
        // Runs of replaced characters collapse to one.
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    // Each `/`-separated part is trimmed, so `Prod (EU)/Admin` reads `Prod-EU/Admin`.
    out.split('/')
        .map(|part| part.trim_matches(|c| c == '-' || c == '.'))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// The profile name of each assignment, in their order: the template filled
/// in and made safe; a name already `taken` (the user's own profiles, or
/// another assignment's) gets `-2`, `-3`, ...
pub fn names(
    list: &[Assignment],
    template: &str,
    session: &str,
    taken: &HashSet<String>,
) -> Vec<String> {
    let mut used: HashSet<String> = taken.clone();
    used.insert("default".into());
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    list.iter()
        .map(|a| {
            let account_name = if a.account.name.is_empty() {
                &a.account.id
            } else {
                &a.account.name
            };
            let filled = template
                .replace("{account_name}", account_name)
                .replace("{account_id}", &a.account.id)
                .replace("{role_name}", &a.role)
                .replace("{session}", session);
            let mut base = safe(&filled);
            if base.is_empty() {
                base = format!("{}/{}", a.account.id, safe(&a.role));
            }
            let mut name = base.clone();
            while used.contains(&name) {
                let n = count.entry(base.clone()).or_insert(1);
                *n += 1;
                name = format!("{base}-{n}");
            }
            used.insert(name.clone());
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(id: &str, name: &str, role: &str) -> Assignment {
        Assignment {
            account: Account {
                id: id.into(),
                name: name.into(),
            },
            role: role.into(),
        }
    }

    #[test]
    fn names_are_safe_and_unique() {
        let list = [
            a("111111111111", "Prod $(rm -rf) [x]", "Admin"),
            a("222222222222", "Prod $(rm -rf) [x]", "Admin"),
            a("333333333333", "dev", "ReadOnly"),
            a("444444444444", "", "Ops"),
            a("555555555555", "Prod (EU)", "Admin"),
        ];
        let taken: HashSet<String> = ["dev/ReadOnly".to_string()].into();
        let n = names(&list, DEFAULT_TEMPLATE, "corp", &taken);
        assert_eq!(
            n,
            [
                "Prod-rm-rf-x/Admin",
                "Prod-rm-rf-x/Admin-2",
                "dev/ReadOnly-2",
                "444444444444/Ops",
                "Prod-EU/Admin"
            ]
        );
        let t = names(
            &list[..1],
            "{session}-{account_id}-{role_name}",
            "corp",
            &HashSet::new(),
        );
        assert_eq!(t, ["corp-111111111111-Admin"]);
    }

    #[test]
    fn templates_are_checked() {
        check_template(DEFAULT_TEMPLATE).unwrap();
        check_template("{session}.{account_id}.{role_name}").unwrap();
        for bad in [
            "{account}/{role_name}",
            "{account_id",
            "{role_name}",
            "fixed",
        ] {
            assert!(
                crate::error::is_usage(&check_template(bad).unwrap_err()),
                "{bad}"
            );
        }
    }

    #[test]
    fn odd_portal_values_are_refused() {
        assert!(check(&a("12", "x", "Admin\n[profile evil]")).is_err());
        assert!(check(&a("12a", "x", "Admin")).is_err());
        check(&a("123456789012", "x", "Admin")).unwrap();
    }
}
