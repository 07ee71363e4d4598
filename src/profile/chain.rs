//! Walks a profile's `source_profile` chain down to the credentials it starts
//! from. roleshift does this itself because the AWS SDK's profile provider
//! drops `mfa_serial` and `duration_seconds` on the floor.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::{Profile, Profiles};
use crate::creds::Secret;

/// Adds "did you mean `prod`?" when a known profile is a likely typo of NAME.
/// Adds "did you mean" for a missing profile, never naming one of the chain
/// already walked (`seen`): that would suggest a loop.
fn did_you_mean(
    err: anyhow::Error,
    name: &str,
    profiles: &Profiles,
    seen: &[String],
) -> anyhow::Error {
    let mut names = profiles.names();
    names.retain(|n| !seen.iter().any(|s| s == n));
    // A hint is printed as it is: names that would drive the terminal stay out.
    match super::suggest::closest(name, &names).filter(|n| !n.chars().any(char::is_control)) {
        Some(near) => crate::error::with_hint(err, format!("did you mean `{near}`?")),
        None => err,
    }
}

/// A chain deeper than this is a mistake, not a setup: fail before making
/// hundreds of STS calls.
pub const MAX_DEPTH: usize = 256;

/// Where the first credentials of a chain come from.
#[derive(Debug, Clone)]
pub enum Base {
    /// `aws_access_key_id` and friends in a profile.
    Keys {
        profile: String,
        access_key_id: String,
        secret_access_key: Secret,
        session_token: Option<Secret>,
    },
    /// The `AWS_ACCESS_KEY_ID` family of variables.
    Environment,
    /// `credential_process`: a command that prints credentials JSON.
    Process { profile: String, command: String },
    /// AssumeRoleWithWebIdentity from an OIDC token.
    WebIdentity(WebIdentity),
    /// AssumeRoleWithSAML from an assertion given with --saml-assertion.
    Saml(Saml),
    /// AssumeRoleWithSAML from a profile's `saml_assertion_process`, which
    /// runs only when STS must be asked (never on a cache hit).
    SamlProcess(SamlProcess),
    /// An IAM Identity Center (SSO) role, from a token already in the SSO cache.
    Sso(Sso),
    /// `credential_source = Ec2InstanceMetadata`.
    Imds,
    /// `credential_source = EcsContainer`.
    Ecs,
}

impl Base {
    /// Where the credentials start, for `-v` logs. Names no secret.
    pub fn describe(&self) -> String {
        match self {
            Base::Keys {
                profile,
                access_key_id,
                ..
            } => format!("keys {access_key_id} of profile `{profile}`"),
            Base::Environment => "keys from AWS_ACCESS_KEY_ID".into(),
            Base::Process { profile, .. } => format!("credential_process of profile `{profile}`"),
            Base::WebIdentity(w) => format!("web identity for {}", w.role_arn),
            Base::Saml(s) => format!("SAML for {} via {}", s.role_arn, s.principal_arn),
            Base::SamlProcess(s) => format!(
                "saml_assertion_process of profile `{}` for {}",
                s.profile, s.role_arn
            ),
            Base::Sso(s) => format!(
                "SSO role {} in {} (profile `{}`)",
                s.role_name, s.account_id, s.profile
            ),
            Base::Imds => "EC2 instance metadata".into(),
            Base::Ecs => "ECS container credentials".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Token {
    File(PathBuf),
    Literal(Secret),
}

#[derive(Debug, Clone)]
pub struct WebIdentity {
    pub role_arn: String,
    pub token: Token,
    pub session_name: Option<String>,
    pub provider_id: Option<String>,
    pub duration: Option<u32>,
}

/// A SAML assertion and the (role, provider) pair chosen from it.
#[derive(Debug, Clone)]
pub struct Saml {
    pub role_arn: String,
    pub principal_arn: String,
    /// Base64, as STS takes it.
    pub assertion: Secret,
    pub duration: Option<u32>,
}

/// A SAML role whose assertion a command prints (`saml_assertion_process`):
/// an identity provider's CLI or a browser-capture helper.
#[derive(Debug, Clone)]
pub struct SamlProcess {
    pub profile: String,
    pub command: String,
    pub role_arn: String,
    /// Which provider to use; without it the assertion must offer the role
    /// through exactly one provider.
    pub principal_arn: Option<String>,
    pub duration: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Sso {
    pub profile: String,
    pub start_url: String,
    pub region: String,
    pub account_id: String,
    pub role_name: String,
    /// The `[sso-session NAME]` the token was cached under, if any.
    pub session_name: Option<String>,
}

/// An MFA device and how to get its code without a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mfa {
    pub serial: String,
    pub process: Option<String>,
}

/// One AssumeRole call of a chain.
#[derive(Debug, Clone, Default)]
pub struct RoleStep {
    /// The profile that named the role; None for an ad-hoc role ARN.
    pub profile: Option<String>,
    pub role_arn: String,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub duration: Option<u32>,
    pub mfa: Option<Mfa>,
}

#[derive(Debug, Clone)]
pub struct Chain {
    pub base: Base,
    /// MFA carried by the base profile itself (a user's keys with `mfa_serial`).
    pub base_mfa: Option<Mfa>,
    /// Roles to assume in order, base first.
    pub roles: Vec<RoleStep>,
}

pub fn walk(profiles: &Profiles, start: &str) -> Result<Chain> {
    let mut seen: Vec<String> = Vec::new();
    let mut roles = Vec::new();
    let mut name = start.to_string();
    let mut named_by: Option<String> = None;
    let (base, base_mfa) = loop {
        if seen.contains(&name) {
            seen.push(name);
            bail!("source_profile loop: {}", seen.join(" -> "));
        }
        if seen.len() >= MAX_DEPTH {
            bail!("the source_profile chain from `{start}` is deeper than {MAX_DEPTH} profiles");
        }
        seen.push(name.clone());
        let Some(p) = profiles.get(&name) else {
            let err = match named_by {
                Some(parent) => anyhow::anyhow!(
                    "profile `{parent}` names source_profile `{name}`, which is not in {}",
                    profiles.searched()
                ),
                None => anyhow::anyhow!("profile `{name}` not found in {}", profiles.searched()),
            };
            return Err(did_you_mean(err, &name, profiles, &seen));
        };
        p.check()?;
        let Some(role_arn) = p.get("role_arn") else {
            break leaf(&p, profiles)?;
        };
        // A role with a token file is a web identity role, whatever else the
        // profile says: the AWS CLI's assume-role provider leaves it alone.
        if p.has("web_identity_token_file") {
            break (Base::WebIdentity(web_identity_of(&p, role_arn)?), None);
        }
        // A source profile with keys of its own gives those keys: its role is
        // not assumed (the AWS CLI and the SDKs' chain suite agree).
        if named_by.is_some() && has_static_keys(&p) {
            break leaf(&p, profiles)?;
        }
        let source = p.get("source_profile");
        let cred_source = p.get("credential_source");
        if let (None, None, Some(command)) = (source, cred_source, p.get("saml_assertion_process"))
        {
            break (
                Base::SamlProcess(SamlProcess {
                    profile: name.clone(),
                    command: command.to_string(),
                    role_arn: role_arn.to_string(),
                    principal_arn: p.get("principal_arn").map(str::to_string),
                    duration: duration_of(&p)?,
                }),
                None,
            );
        }
        roles.push(RoleStep {
            profile: Some(name.clone()),
            role_arn: role_arn.to_string(),
            session_name: p.get("role_session_name").map(str::to_string),
            external_id: p.get("external_id").map(str::to_string),
            duration: duration_of(&p)?,
            mfa: mfa_of(&p),
        });
        match (source, cred_source) {
            (Some(_), Some(_)) => {
                bail!("profile `{name}` sets both source_profile and credential_source; keep one")
            }
            // A profile may name itself to mean "my own keys assume my role".
            (Some(src), None) if src == name => match keys_of(&p)? {
                Some(keys) => break (keys, None),
                None => bail!(
                    "profile `{name}` names itself as source_profile but has no aws_access_key_id"
                ),
            },
            (Some(src), None) => {
                named_by = Some(name.clone());
                name = src.to_string();
            }
            (None, Some(cs)) => break (credential_source(&name, cs)?, None),
            (None, None) => bail!(
                "profile `{name}` has role_arn but neither source_profile nor credential_source"
            ),
        }
    };
    roles.reverse();
    Ok(Chain {
        base,
        base_mfa,
        roles,
    })
}

/// A profile with no role: what credentials does it hold itself?
fn leaf(p: &Profile<'_>, profiles: &Profiles) -> Result<(Base, Option<Mfa>)> {
    // The AWS CLI tries web identity first, and a token file with no role
    // is an error there, whatever else the profile holds.
    if p.has("web_identity_token_file") {
        bail!(
            "profile `{}` has web_identity_token_file but no role_arn",
            p.name
        );
    }
    if let Some(sso) = sso_of(p, profiles)? {
        return Ok((Base::Sso(sso), None));
    }
    if let Some(keys) = keys_of(p)? {
        // Only long-term keys can start an MFA session with GetSessionToken.
        let long_term = matches!(
            &keys,
            Base::Keys {
                session_token: None,
                ..
            }
        );
        return Ok((keys, if long_term { mfa_of(p) } else { None }));
    }
    if let Some(cmd) = p.get("credential_process") {
        return Ok((
            Base::Process {
                profile: p.name.to_string(),
                command: cmd.to_string(),
            },
            None,
        ));
    }
    bail!(
        "profile `{}` holds no credentials: it needs aws_access_key_id, role_arn, credential_process, web_identity_token_file or sso_* settings",
        p.name
    )
}

fn has_static_keys(p: &Profile<'_>) -> bool {
    p.has("aws_access_key_id") || p.has("aws_secret_access_key")
}

/// The profile's key pair. As in the AWS CLI, a pair comes whole from one
/// file, the credentials file first: an id in one file and its secret in
/// the other is half a pair, not a pair.
fn keys_of(p: &Profile<'_>) -> Result<Option<Base>> {
    for section in [p.credentials, p.config].into_iter().flatten() {
        let get = |k: &str| section.get(k).filter(|v| !v.is_empty());
        let Some(id) = get("aws_access_key_id") else {
            continue;
        };
        let Some(secret) = get("aws_secret_access_key") else {
            bail!(
                "profile `{}` has aws_access_key_id but no aws_secret_access_key beside it in the same file",
                p.name
            );
        };
        return Ok(Some(Base::Keys {
            profile: p.name.to_string(),
            access_key_id: id.to_string(),
            secret_access_key: Secret::new(secret),
            session_token: get("aws_session_token").map(Secret::new),
        }));
    }
    if p.has("aws_secret_access_key") {
        bail!(
            "profile `{}` has aws_secret_access_key but no aws_access_key_id",
            p.name
        );
    }
    Ok(None)
}

fn web_identity_of(p: &Profile<'_>, role_arn: &str) -> Result<WebIdentity> {
    Ok(WebIdentity {
        role_arn: role_arn.to_string(),
        token: Token::File(PathBuf::from(
            p.get("web_identity_token_file").unwrap_or_default(),
        )),
        session_name: p.get("role_session_name").map(str::to_string),
        provider_id: None,
        // Same rules as for roles: `1h` works, and a typo is an error, not ignored.
        duration: duration_of(p)?,
    })
}

fn mfa_of(p: &Profile<'_>) -> Option<Mfa> {
    Some(Mfa {
        serial: p.get("mfa_serial")?.to_string(),
        process: p.get("mfa_process").map(str::to_string),
    })
}

fn duration_of(p: &Profile<'_>) -> Result<Option<u32>> {
    let Some(v) = p.get("duration_seconds") else {
        return Ok(None);
    };
    match crate::duration::parse_session(v) {
        Ok(secs) => Ok(Some(secs)),
        Err(why) => bail!("profile `{}`: duration_seconds {why}", p.name),
    }
}

fn credential_source(profile: &str, source: &str) -> Result<Base> {
    Ok(match source {
        "Environment" => Base::Environment,
        "Ec2InstanceMetadata" => Base::Imds,
        "EcsContainer" => Base::Ecs,
        other => bail!(
            "profile `{profile}`: credential_source `{other}` is not one of Environment, Ec2InstanceMetadata, EcsContainer"
        ),
    })
}

fn sso_of(p: &Profile<'_>, profiles: &Profiles) -> Result<Option<Sso>> {
    let session_name = p.get("sso_session");
    if session_name.is_none() && !p.has("sso_start_url") {
        return Ok(None);
    }
    let name = p.name;
    let (start_url, region) = match session_name {
        Some(s) => {
            let Some(section) = profiles.sso_session(s) else {
                bail!(
                    "profile `{name}` names sso_session `{s}`, which has no [sso-session {s}] section"
                );
            };
            (section.get("sso_start_url"), section.get("sso_region"))
        }
        None => (p.get("sso_start_url"), p.get("sso_region")),
    };
    let need = |v: Option<&str>, key: &str| -> Result<String> {
        match v {
            Some(v) if !v.is_empty() => Ok(v.to_string()),
            _ => bail!("profile `{name}` uses SSO but has no {key}"),
        }
    };
    Ok(Some(Sso {
        profile: name.to_string(),
        start_url: need(start_url, "sso_start_url")?,
        region: need(region, "sso_region")?,
        account_id: need(p.get("sso_account_id"), "sso_account_id")?,
        role_name: need(p.get("sso_role_name"), "sso_role_name")?,
        session_name: session_name.map(str::to_string),
    }))
}

#[cfg(test)]
#[path = "chain_tests.rs"]
mod tests;
