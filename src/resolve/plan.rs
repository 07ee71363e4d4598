//! From what the user asked (target, flags, environment) to a plan: the base
//! credentials, the roles to assume in order, region and endpoint. Pure: no
//! network, no prompts, so every rule here has a unit test.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::creds::Secret;
use crate::env::Env;
use crate::profile::Profiles;
use crate::profile::chain::{self, Base, Chain, Mfa, RoleStep, Token, WebIdentity};
use crate::request::Request;
pub use crate::request::SessionOptions;

#[derive(Debug, Clone)]
pub struct Plan {
    /// The target as `ROLESHIFT_PROFILE` shows it: a profile name or role ARN.
    pub label: String,
    pub chain: Chain,
    pub session: SessionOptions,
    /// The MFA code given on the command line, for whichever step needs one.
    pub mfa_code: Option<Secret>,
    /// Duration for a GetSessionToken MFA session (when no role follows).
    pub session_duration: Option<u32>,
    pub region: Option<String>,
    /// Whether the region came from the flag or a profile, and so is exported.
    pub export_region: bool,
    pub endpoint: Option<String>,
}

impl Plan {
    /// Whether the plan needs STS (or another endpoint) at all.
    pub fn needs_network(&self) -> bool {
        !self.chain.roles.is_empty()
            || self.chain.base_mfa.is_some()
            || !matches!(
                self.chain.base,
                Base::Keys { .. } | Base::Environment | Base::Process { .. }
            )
    }
}

fn is_arn(s: &str) -> bool {
    s.starts_with("arn:")
}

pub fn plan(args: &Request, profiles: &Profiles, env: &Env) -> Result<Plan> {
    let web_identity = args.web_identity_token.is_some() || args.web_identity_token_file.is_some();
    let target = args
        .target
        .clone()
        .or(super::defaults::active_session(args, env)?);
    let role_arn_target = match &target {
        Some(t) if is_arn(t) => {
            if args.role_arn.is_some() {
                return Err(crate::error::usage(
                    "give the role either as TARGET or as --role-arn, not both",
                ));
            }
            Some(t.clone())
        }
        None if args.role_arn.is_some() => args.role_arn.clone(),
        _ => None,
    };

    // The profile whose region and endpoint apply.
    let mut home_profile: Option<String> = None;
    let (label, mut chain) = if let Some(input) = &args.saml_assertion {
        if target.as_deref().is_some_and(|t| !is_arn(t)) {
            bail!(
                "with --saml-assertion, TARGET is a role ARN of the assertion, not a profile; or give --role-arn ARN"
            );
        }
        // Reading the assertion (and, with several roles on a terminal,
        // asking which one) has to happen here: the role is part of the plan.
        let saml = crate::saml::base(
            input,
            role_arn_target.as_deref(),
            args.principal_arn.as_deref(),
            args.duration,
            crate::mfa::may_ask(env),
        )?;
        let chain = Chain {
            base: Base::Saml(saml.clone()),
            base_mfa: None,
            roles: Vec::new(),
        };
        (saml.role_arn, chain)
    } else if web_identity {
        let Some(role_arn) = role_arn_target.clone() else {
            return Err(crate::error::usage(
                "--web-identity-token needs the role: give --role-arn ARN or an ARN as TARGET",
            ));
        };
        (role_arn.clone(), web_identity_chain(args, role_arn)?)
    } else if let Some(role_arn) = role_arn_target {
        let mut chain = match &args.source_profile {
            Some(src) => {
                home_profile = Some(src.clone());
                chain::walk(profiles, src)?
            }
            None => {
                let (chain, profile) = ambient(profiles, env)?;
                home_profile = profile;
                chain
            }
        };
        chain.roles.push(RoleStep {
            role_arn: role_arn.clone(),
            ..Default::default()
        });
        (role_arn, chain)
    } else if let Some(w) = default_web_identity(args, profiles, env) {
        if profiles.get("default").is_some() {
            home_profile = Some("default".to_string());
        }
        let chain = Chain {
            base: Base::WebIdentity(w.clone()),
            base_mfa: None,
            roles: Vec::new(),
        };
        (w.role_arn, chain)
    } else {
        let name = target
            .or_else(|| env.get("AWS_PROFILE").map(str::to_string))
            .unwrap_or_else(|| "default".to_string());
        if args.source_profile.is_some() {
            return Err(crate::error::usage(format!(
                "--source-profile goes with a role ARN, not with profile `{name}`"
            )));
        }
        home_profile = Some(name.clone());
        // A profile with --role-arn (or a .roleshift.toml naming both) is
        // that role, assumed with the profile's credentials: it is shown as
        // the role, never as the profile (whose own role it is not).
        let label = args.role_arn.clone().unwrap_or_else(|| name.clone());
        (label, chain::walk(profiles, &name)?)
    };

    apply_overrides(args, &mut chain)?;
    let session = session_options(args)?;
    if !session.is_empty() && chain.roles.is_empty() {
        return Err(crate::error::usage(
            "session policies, tags and source identity need a role to assume",
        ));
    }
    // Long-term keys with MFA: one GetSessionToken, then roles without codes.
    lift_mfa_to_session(&mut chain);
    // Before any call, so a refused hop wastes no MFA code and no session.
    super::checks::durations(&chain)?;
    super::guard::check(&label, &chain, env)?;

    let home = home_profile.as_deref().and_then(|n| profiles.get(n));
    let (region, export_region) = match (&args.region, home.and_then(|p| p.get("region"))) {
        (Some(r), _) => (Some(r.clone()), true),
        (None, Some(r)) => (Some(r.to_string()), true),
        (None, None) => (
            env.get("AWS_REGION")
                .or(env.get("AWS_DEFAULT_REGION"))
                .map(str::to_string),
            false,
        ),
    };
    let region_from = match (&args.region, home) {
        (Some(_), _) => "--region".to_string(),
        (None, Some(p)) if export_region => format!("the region of profile `{}`", p.name),
        _ if env.get("AWS_REGION").is_some() => "AWS_REGION".to_string(),
        _ => "AWS_DEFAULT_REGION".to_string(),
    };
    crate::region::check(region.as_deref(), &region_from)?;
    let endpoint = super::defaults::endpoint(args, env, home.as_ref())?;

    Ok(Plan {
        label,
        chain,
        session,
        mfa_code: args.mfa_code.clone().map(Secret::new),
        session_duration: args.duration,
        region,
        export_region,
        endpoint,
    })
}

impl SessionOptions {
    fn is_empty(&self) -> bool {
        *self == SessionOptions::default()
    }
}

/// Where a bare role ARN is assumed from, in the AWS SDKs' order: keys in the
/// environment, `$AWS_PROFILE`, the default profile, web identity variables,
/// then the ECS container endpoint.
fn ambient(profiles: &Profiles, env: &Env) -> Result<(Chain, Option<String>)> {
    let plain = |base| Chain {
        base,
        base_mfa: None,
        roles: Vec::new(),
    };
    if env.get("AWS_ACCESS_KEY_ID").is_some() {
        return Ok((plain(Base::Environment), None));
    }
    if let Some(name) = env.get("AWS_PROFILE") {
        return Ok((chain::walk(profiles, name)?, Some(name.to_string())));
    }
    // A default profile that only sets a region holds no credentials.
    if profiles.get("default").is_some_and(|p| p.kind() != "none") {
        return Ok((
            chain::walk(profiles, "default")?,
            Some("default".to_string()),
        ));
    }
    if let (Some(file), Some(role_arn)) = (
        env.get("AWS_WEB_IDENTITY_TOKEN_FILE"),
        env.get("AWS_ROLE_ARN"),
    ) {
        return Ok((
            plain(Base::WebIdentity(env_web_identity(file, role_arn, env))),
            None,
        ));
    }
    if env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_some()
        || env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some()
    {
        return Ok((plain(Base::Ecs), None));
    }
    Err(crate::error::with_hint(
        anyhow::anyhow!(
            "no credentials to assume the role with: neither AWS_ACCESS_KEY_ID, AWS_PROFILE nor a default profile is set"
        ),
        "pass --source-profile PROFILE",
    ))
}

/// With no target at all, EKS pods and CI jobs mean the web identity that
/// AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN describe, unless AWS_PROFILE
/// or a `default` profile that holds credentials says otherwise: the AWS
/// SDKs look at the profile first, then at these variables.
fn default_web_identity(args: &Request, profiles: &Profiles, env: &Env) -> Option<WebIdentity> {
    if args.target.is_some()
        || args.source_profile.is_some()
        || env.get("AWS_PROFILE").is_some()
        || env.get("ROLESHIFT_PROFILE").is_some()
    {
        return None;
    }
    if profiles.get("default").is_some_and(|p| p.kind() != "none") {
        return None;
    }
    let file = env.get("AWS_WEB_IDENTITY_TOKEN_FILE")?;
    let role_arn = env.get("AWS_ROLE_ARN")?;
    Some(env_web_identity(file, role_arn, env))
}

fn env_web_identity(file: &str, role_arn: &str, env: &Env) -> WebIdentity {
    WebIdentity {
        role_arn: role_arn.to_string(),
        token: Token::File(PathBuf::from(file)),
        session_name: env.get("AWS_ROLE_SESSION_NAME").map(str::to_string),
        provider_id: None,
        duration: None,
    }
}

fn web_identity_chain(args: &Request, role_arn: String) -> Result<Chain> {
    let token = match (&args.web_identity_token, &args.web_identity_token_file) {
        (Some(t), _) if t == "-" => Token::Literal(Secret::new(crate::input::read_stdin(
            "the web identity token",
        )?)),
        // A token in argv is readable by every local user for the whole run
        // (hours, under `exec --server`): only stdin or a file carry one.
        // The value is never echoed: it may be the token.
        (Some(_), _) => {
            return Err(crate::error::with_hint(
                crate::error::usage(
                    "--web-identity-token takes only `-` (the token on stdin): a token in the command line is visible to every local user",
                ),
                "pipe it in (`get-token | roleshift ... --web-identity-token -`) or use --web-identity-token-file FILE",
            ));
        }
        (None, Some(f)) => Token::File(f.clone()),
        (None, None) => unreachable!("checked by the caller"),
    };
    Ok(Chain {
        base: Base::WebIdentity(WebIdentity {
            role_arn,
            token,
            session_name: args.session_name.clone(),
            provider_id: args.provider_id.clone(),
            duration: args.duration,
        }),
        base_mfa: None,
        roles: Vec::new(),
    })
}

/// Flags beat profile keys, and concern the last role of the chain.
fn apply_overrides(args: &Request, chain: &mut Chain) -> Result<()> {
    let flag_mfa = args.mfa_serial.clone().map(|serial| Mfa {
        serial,
        process: None,
    });
    match chain.roles.last_mut() {
        Some(last) => {
            if let Some(arn) = &args.role_arn {
                last.role_arn = arn.clone();
            }
            if args.session_name.is_some() {
                last.session_name = args.session_name.clone();
            }
            if args.external_id.is_some() {
                last.external_id = args.external_id.clone();
            }
            if args.duration.is_some() {
                last.duration = args.duration;
            }
            if let Some(m) = flag_mfa {
                let process = last.mfa.take().and_then(|old| old.process);
                last.mfa = Some(Mfa { process, ..m });
            }
        }
        None => {
            // The SAML pair was chosen with --role-arn already; the rest of
            // the target flags conflict with --saml-assertion in clap.
            if let Base::Saml(_) = chain.base {
                return Ok(());
            }
            if let Base::WebIdentity(w) = &mut chain.base {
                if args.external_id.is_some() || args.mfa_serial.is_some() {
                    bail!("--external-id and --mfa-serial do not apply to web identity");
                }
                // Flags beat the profile's keys here too (a profile's
                // web_identity_token_file, or the AWS_ROLE_ARN variables).
                if let Some(arn) = &args.role_arn {
                    w.role_arn = arn.clone();
                }
                if args.session_name.is_some() {
                    w.session_name = args.session_name.clone();
                }
                if args.duration.is_some() {
                    w.duration = args.duration;
                }
                if args.provider_id.is_some() {
                    w.provider_id = args.provider_id.clone();
                }
                return Ok(());
            }
            if let Some(arn) = &args.role_arn {
                chain.roles.push(RoleStep {
                    role_arn: arn.clone(),
                    session_name: args.session_name.clone(),
                    external_id: args.external_id.clone(),
                    duration: args.duration,
                    ..Default::default()
                });
            } else if args.external_id.is_some() || args.session_name.is_some() {
                return Err(crate::error::usage(
                    "--external-id and --session-name need a role to assume",
                ));
            }
            if let Some(m) = flag_mfa {
                chain.base_mfa = Some(m);
            }
        }
    }
    Ok(())
}

/// When the chain starts from long-term keys and its first role wants MFA, the
/// code goes to GetSessionToken instead: that session carries the MFA claim,
/// is cached per device, and every role assumed from it needs no more codes.
fn lift_mfa_to_session(chain: &mut Chain) {
    let long_term = match &chain.base {
        Base::Keys { session_token, .. } => session_token.is_none(),
        _ => false,
    };
    if !long_term {
        return;
    }
    if let Some(m) = chain.roles.first_mut().and_then(|first| first.mfa.take()) {
        chain.base_mfa = Some(m);
    }
}

fn session_options(args: &Request) -> Result<SessionOptions> {
    let policy = match &args.policy {
        None => None,
        Some(path) => {
            let text = crate::input::read_small_file(path, "the session policy")?;
            serde_json::from_str::<serde_json::Value>(&text)
                .with_context(|| format!("the session policy {} is not JSON", path.display()))?;
            Some(text)
        }
    };
    for k in &args.transitive_tag {
        if !args.tag.iter().any(|(t, _)| t == k) {
            return Err(crate::error::usage(format!(
                "--transitive-tag {k} names no --tag {k}=VALUE"
            )));
        }
    }
    Ok(SessionOptions {
        policy_arns: args.policy_arn.clone(),
        policy,
        tags: args.tag.clone(),
        transitive_tags: args.transitive_tag.clone(),
        source_identity: args.source_identity.clone(),
    })
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
