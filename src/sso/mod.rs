//! IAM Identity Center (SSO): which sso-session a command means, where its
//! services are, and how their SDK clients are built. The token cache, the
//! OIDC sign-in and renewal, the portal calls and `populate` live in the
//! submodules; `cmd/sso.rs` and `resolve` use them.

pub mod login;
pub mod oidc;
pub mod populate;
pub mod portal;
pub mod token;
pub mod write;

use anyhow::{Result, bail};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::env::Env;
use crate::profile::Profiles;

/// The scope an sso-session registers with when it names none, as the AWS
/// CLI does: it is what lets IAM Identity Center issue a refresh token.
pub const DEFAULT_SCOPE: &str = "sso:account:access";

/// One IAM Identity Center sign-in: an `[sso-session NAME]` section, or the
/// legacy `sso_start_url` / `sso_region` keys of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The sso-session name; None for a legacy profile.
    pub name: Option<String>,
    pub start_url: String,
    pub region: String,
    pub scopes: Vec<String>,
    /// The profile that named a legacy session, for messages.
    pub profile: Option<String>,
}

impl Session {
    /// What the token cache file is named after, as in the AWS CLI.
    pub fn cache_key(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.start_url)
    }

    /// How messages name it.
    pub fn label(&self) -> String {
        match (&self.name, &self.profile) {
            (Some(n), _) => format!("SSO session `{n}`"),
            (None, Some(p)) => format!("SSO start URL {} (profile `{p}`)", self.start_url),
            (None, None) => format!("SSO start URL {}", self.start_url),
        }
    }

    /// The command that signs in again.
    pub fn login_command(&self) -> String {
        match (&self.name, &self.profile) {
            (Some(n), _) => format!("roleshift sso login --session {n}"),
            (None, Some(p)) => format!("roleshift sso login {p}"),
            (None, None) => "roleshift sso login".to_string(),
        }
    }

    /// The session an SSO profile of the chain uses. Scopes matter only to
    /// a new sign-in, which goes through `pick`.
    pub fn of_profile(s: &crate::profile::chain::Sso) -> Session {
        Session {
            name: s.session_name.clone(),
            start_url: s.start_url.clone(),
            region: s.region.clone(),
            scopes: Vec::new(),
            profile: Some(s.profile.clone()),
        }
    }
}

fn scopes_of(v: Option<&str>) -> Vec<String> {
    let mut scopes: Vec<String> = v
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if scopes.is_empty() {
        scopes.push(DEFAULT_SCOPE.to_string());
    }
    scopes
}

/// The session a command means: `--session NAME`, else the target profile's
/// `sso_session` or legacy `sso_start_url`, else the config's only sso-session.
pub fn pick(profiles: &Profiles, session: Option<&str>, target: Option<&str>) -> Result<Session> {
    if let Some(name) = session {
        return named(profiles, name);
    }
    if let Some(t) = target {
        let Some(p) = profiles.get(t) else {
            bail!("no profile `{t}` in {}", profiles.searched());
        };
        p.check()?;
        if let Some(name) = p.get("sso_session") {
            return named(profiles, name);
        }
        let (Some(url), Some(region)) = (p.get("sso_start_url"), p.get("sso_region")) else {
            bail!("profile `{t}` has neither sso_session nor sso_start_url and sso_region");
        };
        return Ok(Session {
            name: None,
            start_url: url.to_string(),
            region: region.to_string(),
            scopes: Vec::new(),
            profile: Some(t.to_string()),
        });
    }
    match profiles.sso_session_names().as_slice() {
        [one] => named(profiles, one),
        [] => Err(crate::error::with_hint(
            anyhow::anyhow!("the config file has no [sso-session NAME] section"),
            "add one (sso_start_url and sso_region), or name an SSO profile",
        )),
        many => Err(crate::error::usage(format!(
            "the config file has several sso-sessions ({}); choose one with --session NAME",
            many.join(", ")
        ))),
    }
}

fn named(profiles: &Profiles, name: &str) -> Result<Session> {
    let Some(sec) = profiles.sso_session(name) else {
        bail!("no [sso-session {name}] section in the config file");
    };
    let need = |key: &str| -> Result<String> {
        match sec.get(key).filter(|v| !v.is_empty()) {
            Some(v) => Ok(v.to_string()),
            None => bail!("[sso-session {name}] has no {key}"),
        }
    };
    Ok(Session {
        name: Some(name.to_string()),
        start_url: need("sso_start_url")?,
        region: need("sso_region")?,
        scopes: scopes_of(sec.get("sso_registration_scopes")),
        profile: None,
    })
}

/// The endpoint for one service, as the AWS SDKs choose it from the
/// environment: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`.
pub fn endpoint(env: &Env, service_var: &str) -> Result<Option<String>> {
    for var in [service_var, "AWS_ENDPOINT_URL"] {
        if let Some(url) = env.get(var).filter(|v| !v.is_empty()) {
            crate::http::check_endpoint(url).map_err(|why| anyhow::anyhow!("{var}: {why}"))?;
            return Ok(Some(url.to_string()));
        }
    }
    Ok(None)
}

/// Why an SSO call failed, in one line that names the service's endpoint.
pub fn why<E>(endpoint: &str, err: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match err {
        SdkError::TimeoutError(_) => format!("no answer from {endpoint}"),
        SdkError::DispatchFailure(d) => {
            let cause = d
                .as_connector_error()
                .map(|c| crate::sts::errors::causes(c))
                .unwrap_or_else(|| "connection failed".into());
            format!("cannot reach {endpoint}: {cause}")
        }
        _ => match (err.code(), err.message()) {
            (Some(code), Some(msg)) => {
                format!("{code}: {}", crate::error::one_line(msg))
            }
            (Some(code), None) => code.to_string(),
            _ => {
                let status = err
                    .raw_response()
                    .map(|r| r.status().as_u16())
                    .unwrap_or_default();
                format!("{endpoint} answered HTTP {status} without an error code")
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profiles(config: &str) -> (tempfile::TempDir, Profiles) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, config).unwrap();
        let env = Env::from_pairs(&[
            ("AWS_CONFIG_FILE", path.to_str().unwrap()),
            ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"),
        ]);
        let p = Profiles::load(&env).unwrap();
        (dir, p)
    }

    #[test]
    fn picks_the_named_the_profiles_or_the_only_session() {
        let (_d, p) = profiles(
            "[sso-session corp]\nsso_start_url = https://c/start\nsso_region = eu-west-1\n\
             [profile legacy]\nsso_start_url = https://l/start\nsso_region = us-east-1\n\
             [profile dev]\nsso_session = corp\n",
        );
        let only = pick(&p, None, None).unwrap();
        assert_eq!(only.name.as_deref(), Some("corp"));
        assert_eq!(only.scopes, vec![DEFAULT_SCOPE.to_string()]);
        assert_eq!(pick(&p, None, Some("dev")).unwrap(), only);
        let legacy = pick(&p, None, Some("legacy")).unwrap();
        assert_eq!(legacy.cache_key(), "https://l/start");
        assert_eq!(legacy.login_command(), "roleshift sso login legacy");
        assert!(pick(&p, Some("nope"), None).is_err());
    }

    #[test]
    fn several_sessions_need_a_choice() {
        let (_d, p) = profiles(
            "[sso-session a]\nsso_start_url = u\nsso_region = r\n\
             [sso-session b]\nsso_start_url = u\nsso_region = r\n",
        );
        let e = pick(&p, None, None).unwrap_err();
        assert!(crate::error::is_usage(&e));
        assert!(e.to_string().contains("a, b"), "{e}");
    }
}
