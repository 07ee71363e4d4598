//! Which (role, provider) pair of an assertion to use: the one that
//! `--role-arn` / `--principal-arn` name, the only one there is, or the one
//! the user picks on the terminal. Without a terminal, the error lists every
//! pair so the user can rerun with `--role-arn`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, anyhow};

use super::{Assertion, ROLE_ATTRIBUTE, RolePair};
use crate::error::with_hint;

/// The pairs that agree with the flags given (each flag may be absent).
pub fn matching<'a>(
    roles: &'a [RolePair],
    role: Option<&str>,
    principal: Option<&str>,
) -> Vec<&'a RolePair> {
    roles
        .iter()
        .filter(|p| role.is_none_or(|r| p.role_arn == r))
        .filter(|p| principal.is_none_or(|r| p.principal_arn == r))
        .collect()
}

/// Chooses a pair, asking on the terminal when several fit and `may_ask`.
pub fn choose(
    a: &Assertion,
    role: Option<&str>,
    principal: Option<&str>,
    may_ask: bool,
) -> Result<RolePair> {
    if may_ask {
        choose_with(a, role, principal, pick_on_terminal)
    } else {
        choose_with(a, role, principal, |pairs: &[&RolePair]| {
            Err(crate::mfa::NeedsInput(format!(
                "a choice among the SAML assertion's {} roles",
                pairs.len()
            ))
            .into())
        })
    }
}

/// `choose` with the picker passed in, so the rules are testable without a terminal.
pub fn choose_with(
    a: &Assertion,
    role: Option<&str>,
    principal: Option<&str>,
    pick: impl FnOnce(&[&RolePair]) -> Result<RolePair>,
) -> Result<RolePair> {
    if let (true, Some(r), Some(p)) = (a.encrypted && a.roles.is_empty(), role, principal) {
        // STS can decrypt what we cannot read; trust the flags.
        return Ok(RolePair {
            role_arn: r.to_string(),
            principal_arn: p.to_string(),
        });
    }
    require_roles(a)?;
    let found = matching(&a.roles, role, principal);
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let asked = match (role, principal) {
                (Some(r), Some(p)) => format!("role {r} with provider {p}"),
                (Some(r), None) => format!("role {r}"),
                (None, Some(p)) => format!("provider {p}"),
                // Without flags every pair matches, so this is not reached.
                (None, None) => "any role".to_string(),
            };
            Err(anyhow!(
                "the SAML assertion does not offer {asked}; it offers {}",
                list(&a.roles.iter().collect::<Vec<_>>())
            ))
        }
        several => pick(several),
    }
}

/// Fails, saying why, when the assertion shows no pair to choose from.
pub fn require_roles(a: &Assertion) -> Result<()> {
    if !a.roles.is_empty() {
        return Ok(());
    }
    if a.encrypted {
        return Err(with_hint(
            anyhow!("the SAML assertion is encrypted, so roleshift cannot read its roles"),
            "give both --role-arn ARN and --principal-arn ARN",
        ));
    }
    Err(with_hint(
        anyhow!(
            "the SAML assertion has no {ROLE_ATTRIBUTE} attribute with a `role ARN,provider ARN` value"
        ),
        "the identity provider must send the Role attribute for AWS; ask its administrator",
    ))
}

/// `A (provider P), B (provider Q)`: every pair, for an error line.
pub fn list(pairs: &[&RolePair]) -> String {
    pairs
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn pick_on_terminal(pairs: &[&RolePair]) -> Result<RolePair> {
    // As for MFA codes: a terminal on stdin or stderr means a person is there,
    // and we talk to them on /dev/tty so that stdout stays clean for `eval`.
    let interactive = std::io::stdin().is_terminal() || std::io::stderr().is_terminal();
    let tty = if interactive {
        crate::mfa::open_tty()
    } else {
        None
    };
    let Some((mut read, mut write)) = tty else {
        return Err(with_hint(
            anyhow!(
                "the SAML assertion offers {} roles, and there is no terminal to choose on: {}",
                pairs.len(),
                list(pairs)
            ),
            "pick one with --role-arn ARN (and --principal-arn ARN when a role has several providers)",
        ));
    };
    writeln!(write, "The SAML assertion offers {} roles:", pairs.len())?;
    for (i, p) in pairs.iter().enumerate() {
        let p = p.to_string();
        writeln!(write, "  {}) {}", i + 1, crate::sanitize::printable(&p))?;
    }
    for _ in 0..3 {
        write!(write, "Role [1-{}]: ", pairs.len())?;
        write.flush()?;
        let mut line = String::new();
        if read.read_line(&mut line)? == 0 {
            break;
        }
        match line.trim().parse::<usize>() {
            Ok(n) if (1..=pairs.len()).contains(&n) => return Ok(pairs[n - 1].clone()),
            _ => writeln!(write, "Type a number from 1 to {}.", pairs.len())?,
        }
    }
    Err(with_hint(
        anyhow!("no role was chosen from the SAML assertion"),
        "pick one with --role-arn ARN",
    ))
}
