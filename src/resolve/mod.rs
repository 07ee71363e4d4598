//! Resolution: turn a target into credentials. `plan` decides what to do from
//! the files, flags and environment; this module does it, talking to STS
//! through `sts` and starting the async runtime only when the network is needed.

mod checks;
pub mod defaults;
pub mod describe;
mod flight;
pub mod guard;
mod key;
pub mod plan;
mod saml_process;
mod shared;

use anyhow::{Context, Result, bail};
use aws_credential_types::provider::ProvideCredentials;

use crate::cache::Cache;
use crate::creds::{Credentials, Secret, parse_rfc3339};
use crate::env::Env;
use crate::profile::Profiles;
use crate::profile::chain::{Base, Token, WebIdentity};
use crate::request::{CachePolicy, Request};
use crate::sts::{AssumeRole, SamlRequest, Sts, WebIdentityRequest};
pub use plan::Plan;

/// Resolves `args` to a plan and its credentials.
pub fn resolve(req: &Request, env: &Env) -> Result<(Plan, Credentials)> {
    let profiles = Profiles::load(env)?;
    let plan = plan::plan(req, &profiles, env)?;
    let creds = execute(&plan, &CacheUse::new(&req.cache, env), env)?;
    Ok((plan, creds))
}

/// How this call may use the cache (`--no-cache`, `--refresh`, `--min-ttl`).
pub struct CacheUse {
    cache: Option<Cache>,
    read: bool,
    min_ttl: u64,
}

pub use crate::renewal::DEFAULT_MIN_TTL;

impl CacheUse {
    pub fn new(policy: &CachePolicy, env: &Env) -> Self {
        CacheUse {
            cache: if policy.no_cache {
                None
            } else {
                Cache::new(env)
            },
            read: !policy.refresh,
            min_ttl: policy.min_ttl.unwrap_or(DEFAULT_MIN_TTL),
        }
    }

    fn get(&self, key: &str) -> Option<Credentials> {
        self.cache
            .as_ref()
            .filter(|_| self.read)?
            .get(key, self.min_ttl)
    }

    fn put(&self, key: &str, label: &str, creds: &Credentials) {
        if let Some(c) = &self.cache {
            // A cache that cannot be written costs speed, not correctness.
            if let Err(e) = c.put(key, label, creds) {
                let (line, _) = crate::error::render(&e);
                // Ignored if stderr fails too: the full disk may hold it.
                use std::io::Write;
                let _ = writeln!(std::io::stderr(), "{line} (the session was not cached)");
            }
        }
    }
}

/// The fast path first: a cache hit needs no runtime, no SDK and no network.
pub fn execute(plan: &Plan, cache: &CacheUse, env: &Env) -> Result<Credentials> {
    let key = match lookup(plan, cache, env) {
        Lookup::Done(done) => return done,
        Lookup::Miss(key) => key,
    };
    // Parallel callers of a cold session share one refresh: under the lock,
    // the cache is read again, and holds the answer if another caller got it.
    let _flight = match &cache.cache {
        Some(c) => flight::enter(c, &key)?,
        None => None,
    };
    if _flight.is_some()
        && let Some(creds) = cache.get(&key)
    {
        return Ok(creds);
    }
    let creds = runtime()?.block_on(run(plan, cache, env))?;
    cache.put(&key, &plan.label, &creds);
    Ok(creds)
}

enum Lookup {
    Done(Result<Credentials>),
    /// STS must be asked; the cache key to store the answer under.
    Miss(String),
}

fn lookup(plan: &Plan, cache: &CacheUse, env: &Env) -> Lookup {
    if !plan.needs_network() {
        return Lookup::Done(local_base(plan, &plan.chain.base, env));
    }
    let key = key::session_key(plan, env);
    match cache.get(&key) {
        Some(creds) => Lookup::Done(Ok(creds)),
        None => Lookup::Miss(key),
    }
}

pub use crate::http::runtime;

async fn run(plan: &Plan, cache: &CacheUse, env: &Env) -> Result<Credentials> {
    let sts = Sts::new(plan.region.as_deref(), plan.endpoint.as_deref(), env);
    let chain = &plan.chain;
    tracing::debug!(target_name = %plan.label, base = %chain.base.describe(), roles = chain.roles.len(), "resolving");
    let mut creds = match &chain.base {
        Base::WebIdentity(w) => web_identity(&sts, w, env).await?,
        Base::Saml(s) => {
            let req = SamlRequest {
                role_arn: &s.role_arn,
                principal_arn: &s.principal_arn,
                assertion: &s.assertion,
                duration: s.duration,
            };
            sts.assume_role_with_saml(&req).await?
        }
        // A sign-in is worth keeping: roles chained from a SAML profile
        // reuse its session rather than run the command again.
        Base::SamlProcess(p) => {
            let base_key = key::base_session_key(plan, env);
            match cache.get(&base_key) {
                Some(session) => session,
                None => {
                    let session = saml_process::assume(&sts, p, crate::mfa::may_ask(env)).await?;
                    if !chain.roles.is_empty() {
                        cache.put(&base_key, &p.profile, &session);
                    }
                    session
                }
            }
        }
        Base::Sso(s) => crate::sso::portal::profile_credentials(s, env).await?,
        Base::Imds => imds_or_ecs(true).await?,
        Base::Ecs => imds_or_ecs(false).await?,
        other => local_base(plan, other, env)?,
    };
    if let Some(mfa) = &chain.base_mfa {
        if !creds.is_long_term() {
            bail!(
                "mfa_serial {}: AWS allows GetSessionToken only with long-term IAM user keys, and the source credentials are temporary",
                mfa.serial
            );
        }
        // Without roles the session is the result and --duration shapes it;
        // under roles it is the shared MFA session (STS default: 12 hours).
        let duration = if chain.roles.is_empty() {
            plan.session_duration
        } else {
            crate::settings::mfa_duration(env)
        };
        let mfa_key = key::mfa_session_key(plan, &creds.access_key_id, mfa, duration);
        // Concurrent resolutions in this process (`exec --each`) wait for
        // the first one's session instead of each asking for a code.
        let now = crate::creds::unix(std::time::SystemTime::now());
        let rule = crate::renewal::Rule::new(Some(cache.min_ttl));
        let fresh = |s: &Credentials| {
            s.expiration
                .is_none_or(|e| rule.fresh(now, crate::creds::unix(e)))
        };
        creds = shared::once(&mfa_key, fresh, || async {
            if let Some(session) = cache.get(&mfa_key) {
                return Ok(session);
            }
            let code = crate::mfa::code(mfa, plan.mfa_code.as_ref(), env)?;
            let session = sts
                .get_session_token(&creds, &mfa.serial, &code, duration)
                .await?;
            cache.put(&mfa_key, &format!("mfa:{}", mfa.serial), &session);
            Ok(session)
        })
        .await?;
    }
    // Every hop's duration was checked by the plan, before any call.
    let last = chain.roles.len().saturating_sub(1);
    for (i, step) in chain.roles.iter().enumerate() {
        let code = match &step.mfa {
            Some(m) => Some(crate::mfa::code(m, plan.mfa_code.as_ref(), env)?),
            None => None,
        };
        let session_name = step
            .session_name
            .clone()
            .unwrap_or_else(|| default_session_name(env));
        tracing::debug!(profile = step.profile.as_deref().unwrap_or("(ad hoc)"), role = %step.role_arn, "next role");
        let req = AssumeRole {
            role_arn: &step.role_arn,
            session_name: &session_name,
            duration: step.duration,
            external_id: step.external_id.as_deref(),
            mfa: step
                .mfa
                .as_ref()
                .zip(code.as_ref())
                .map(|(m, c)| (m.serial.as_str(), c)),
            session: (i == last).then_some(&plan.session),
        };
        creds = sts.assume_role(&creds, &req).await?;
    }
    Ok(creds)
}

/// Bases that need no network: keys in a profile, the key store or the
/// environment, or a credential_process. Stored keys are read from their store
/// only here, so a cache hit above a stored base never unlocks the store.
fn local_base(plan: &Plan, base: &Base, env: &Env) -> Result<Credentials> {
    match base {
        Base::Stored { profile, entry } => crate::keys::load(env, profile, entry),
        Base::Keys {
            access_key_id,
            secret_access_key,
            session_token,
            ..
        } => Ok(Credentials {
            access_key_id: access_key_id.clone(),
            secret_access_key: secret_access_key.clone(),
            session_token: session_token.clone(),
            expiration: None,
        }),
        Base::Environment => environment(env).context("credential_source = Environment"),
        Base::Process { profile, command } => {
            let resolving = guard::for_child(&plan.label, &plan.chain, env);
            crate::process::credential_process(profile, command, &resolving)
        }
        _ => unreachable!("network bases are handled in run"),
    }
}

pub fn environment(env: &Env) -> Result<Credentials> {
    let (Some(id), Some(secret)) = (
        env.get("AWS_ACCESS_KEY_ID"),
        env.get("AWS_SECRET_ACCESS_KEY"),
    ) else {
        bail!("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set");
    };
    Ok(Credentials {
        access_key_id: id.to_string(),
        secret_access_key: Secret::new(secret),
        session_token: env.get("AWS_SESSION_TOKEN").map(Secret::new),
        expiration: env.get("AWS_CREDENTIAL_EXPIRATION").and_then(parse_rfc3339),
    })
}

async fn web_identity(sts: &Sts, w: &WebIdentity, env: &Env) -> Result<Credentials> {
    let token = match &w.token {
        Token::Literal(t) => t.clone(),
        Token::File(path) => Secret::new(crate::input::read_small_file(
            path,
            "the web identity token file",
        )?),
    };
    let session_name = w
        .session_name
        .clone()
        .unwrap_or_else(|| default_session_name(env));
    let req = WebIdentityRequest {
        role_arn: &w.role_arn,
        session_name: &session_name,
        token: &token,
        provider_id: w.provider_id.as_deref(),
        duration: w.duration,
    };
    sts.web_identity(&req).await
}

fn provider_config() -> aws_config::provider_config::ProviderConfig {
    aws_config::provider_config::ProviderConfig::without_region()
        .with_http_client(crate::http::client())
        .with_sleep_impl(aws_smithy_async::rt::sleep::TokioSleep::new())
}

async fn imds_or_ecs(imds: bool) -> Result<Credentials> {
    let conf = provider_config();
    let (what, res) = if imds {
        let p = aws_config::imds::credentials::ImdsCredentialsProvider::builder()
            .configure(&conf)
            .build();
        (
            "the EC2 instance metadata service",
            p.provide_credentials().await,
        )
    } else {
        let p = aws_config::ecs::EcsCredentialsProvider::builder()
            .configure(&conf)
            .build();
        (
            "the ECS container credentials endpoint",
            p.provide_credentials().await,
        )
    };
    let c = res
        .map_err(|e| anyhow::anyhow!("{}", crate::sts::errors::causes(&e)))
        .with_context(|| format!("cannot get credentials from {what}"))?;
    Ok(Credentials {
        access_key_id: c.access_key_id().to_string(),
        secret_access_key: Secret::new(c.secret_access_key()),
        session_token: c.session_token().map(Secret::new),
        expiration: c.expiry(),
    })
}

/// `roleshift-<user>-<unix time>`, cut to what STS accepts: 64 characters of
/// `[\w+=,.@-]`.
pub fn default_session_name(env: &Env) -> String {
    let user = env.get("USER").or(env.get("USERNAME")).unwrap_or("user");
    let now = crate::creds::unix(std::time::SystemTime::now());
    sanitize_session_name(&format!("roleshift-{user}-{now}"))
}

pub fn sanitize_session_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(*c))
        .take(64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_fit_sts_rules() {
        assert_eq!(
            sanitize_session_name("roleshift-jo hn$é-1"),
            "roleshift-john-1"
        );
        let long = sanitize_session_name(&"a".repeat(100));
        assert_eq!(long.len(), 64);
        let env = Env::from_pairs(&[("USER", "ann o'neil")]);
        let name = default_session_name(&env);
        assert!(name.starts_with("roleshift-annoneil-"), "{name}");
    }
}
