//! The IAM Identity Center portal: GetRoleCredentials for SSO profiles,
//! ListAccounts and ListAccountRoles (every page) for `populate`, Logout.

use anyhow::{Context, Result, anyhow};
use aws_sdk_sso::Client;
use aws_sdk_sso::config::{BehaviorVersion, Region};

use super::Session;
use crate::creds::{Credentials, Secret};
use crate::env::Env;
use crate::http::Limits;

/// An account the user can reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
}

#[derive(Clone)]
pub struct Portal {
    client: Client,
    endpoint: String,
    label: String,
    login: String,
}

impl Portal {
    pub fn new(session: &Session, env: &Env) -> Result<Portal> {
        let limits = Limits::from_env(env);
        let custom = super::endpoint(env, "AWS_ENDPOINT_URL_SSO")?;
        let mut b = aws_sdk_sso::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(session.region.clone()))
            .http_client(crate::http::client())
            .retry_config(limits.retry())
            .timeout_config(limits.timeouts());
        if let Some(e) = &custom {
            b = b.endpoint_url(e.clone());
        }
        let endpoint = custom
            .unwrap_or_else(|| format!("https://portal.sso.{}.amazonaws.com", session.region));
        Ok(Portal {
            client: Client::from_conf(b.build()),
            endpoint,
            label: session.label(),
            login: session.login_command(),
        })
    }

    fn fail<E>(
        &self,
        op: &str,
        e: &aws_sdk_sso::error::SdkError<E, aws_smithy_runtime_api::http::Response>,
    ) -> anyhow::Error
    where
        E: aws_sdk_sso::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let err = anyhow!(
            "{}: {op} at {}: {}",
            self.label,
            self.endpoint,
            super::why(&self.endpoint, e)
        );
        // The portal answers 401 to a token it no longer accepts.
        match e.raw_response().map(|r| r.status().as_u16()) {
            Some(401) => {
                crate::error::with_hint(err, format!("run `{}` and try again", self.login))
            }
            _ => err,
        }
    }

    pub async fn role_credentials(
        &self,
        token: &Secret,
        account: &str,
        role: &str,
    ) -> Result<Credentials> {
        tracing::debug!(account, role, endpoint = %self.endpoint, "SSO GetRoleCredentials");
        let out = self
            .client
            .get_role_credentials()
            .access_token(token.expose())
            .account_id(account)
            .role_name(role)
            .send()
            .await
            .map_err(|e| self.fail("GetRoleCredentials", &e))?;
        let c = out.role_credentials().ok_or_else(|| {
            anyhow!(
                "{}: GetRoleCredentials answered without credentials",
                self.label
            )
        })?;
        let (Some(id), Some(secret)) = (c.access_key_id(), c.secret_access_key()) else {
            return Err(anyhow!(
                "{}: GetRoleCredentials answered without keys",
                self.label
            ));
        };
        Ok(Credentials {
            access_key_id: id.to_string(),
            secret_access_key: Secret::new(secret),
            session_token: c.session_token().map(Secret::new),
            // The portal gives milliseconds since the epoch.
            expiration: Some(crate::creds::from_unix(c.expiration() / 1000)),
        })
    }

    /// Every account, all pages.
    pub async fn accounts(&self, token: &Secret) -> Result<Vec<Account>> {
        let mut all = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let out = self
                .client
                .list_accounts()
                .access_token(token.expose())
                .set_next_token(next.take())
                .max_results(100)
                .send()
                .await
                .map_err(|e| self.fail("ListAccounts", &e))?;
            for a in out.account_list() {
                let id = a.account_id().unwrap_or_default().to_string();
                let name = a.account_name().unwrap_or_default().to_string();
                all.push(Account { id, name });
            }
            match out.next_token().filter(|t| !t.is_empty()) {
                Some(t) => next = Some(t.to_string()),
                None => return Ok(all),
            }
        }
    }

    /// Every role of one account, all pages.
    pub async fn roles(&self, token: &Secret, account: &str) -> Result<Vec<String>> {
        let mut all = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let out = self
                .client
                .list_account_roles()
                .access_token(token.expose())
                .account_id(account)
                .set_next_token(next.take())
                .max_results(100)
                .send()
                .await
                .map_err(|e| self.fail(&format!("ListAccountRoles {account}"), &e))?;
            all.extend(
                out.role_list()
                    .iter()
                    .filter_map(|r| r.role_name())
                    .map(str::to_string),
            );
            match out.next_token().filter(|t| !t.is_empty()) {
                Some(t) => next = Some(t.to_string()),
                None => return Ok(all),
            }
        }
    }

    /// Ends the session at the portal too.
    pub async fn logout(&self, token: &Secret) -> Result<()> {
        self.client
            .logout()
            .access_token(token.expose())
            .send()
            .await
            .map_err(|e| self.fail("Logout", &e))?;
        Ok(())
    }
}

/// The credentials of an SSO profile: a fresh token, then GetRoleCredentials.
pub async fn profile_credentials(s: &crate::profile::chain::Sso, env: &Env) -> Result<Credentials> {
    let session = Session::of_profile(s);
    let fetch = async {
        let token = super::token::access_token(&session, env).await?;
        Portal::new(&session, env)?
            .role_credentials(&token, &s.account_id, &s.role_name)
            .await
    };
    fetch.await.with_context(|| {
        format!(
            "SSO role {} in account {} for profile `{}`",
            s.role_name, s.account_id, s.profile
        )
    })
}
