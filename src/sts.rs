//! The only place that talks to STS. Builds SDK clients by hand (no
//! `aws_config::load_defaults`: roleshift has already resolved credentials,
//! region and endpoint) and turns SDK errors into one-line messages that name
//! the operation, the role and the endpoint.

use std::time::Duration;

use anyhow::Result;
use aws_sdk_sts::Client;
use aws_sdk_sts::config::{BehaviorVersion, Region, SharedHttpClient};
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::types::{PolicyDescriptorType, Tag};
use aws_smithy_runtime_api::http::Response as HttpResponse;

use crate::creds::{Credentials, Secret, from_unix};
use crate::env::Env;
use crate::request::SessionOptions;

pub mod errors;
#[cfg(test)]
mod tests;

/// Used when nothing names a region: STS's global endpoint lives there.
pub const FALLBACK_REGION: &str = "us-east-1";

pub struct Sts {
    http: SharedHttpClient,
    region: String,
    endpoint: Option<String>,
    attempts: u32,
    timeout: Duration,
}

/// One AssumeRole request.
#[derive(Debug, Default)]
pub struct AssumeRole<'a> {
    pub role_arn: &'a str,
    pub session_name: &'a str,
    pub duration: Option<u32>,
    pub external_id: Option<&'a str>,
    pub mfa: Option<(&'a str, &'a Secret)>,
    pub session: Option<&'a SessionOptions>,
}

/// One AssumeRoleWithWebIdentity request.
pub struct WebIdentityRequest<'a> {
    pub role_arn: &'a str,
    pub session_name: &'a str,
    pub token: &'a Secret,
    pub provider_id: Option<&'a str>,
    pub duration: Option<u32>,
}

/// One AssumeRoleWithSAML request.
pub struct SamlRequest<'a> {
    pub role_arn: &'a str,
    pub principal_arn: &'a str,
    /// Base64, as STS takes it.
    pub assertion: &'a Secret,
    pub duration: Option<u32>,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Identity {
    pub user_id: String,
    pub account: String,
    pub arn: String,
}

impl Sts {
    pub fn new(region: Option<&str>, endpoint: Option<&str>, env: &Env) -> Self {
        Self::with_http(crate::http::client(), region, endpoint, env)
    }

    pub fn with_http(
        http: SharedHttpClient,
        region: Option<&str>,
        endpoint: Option<&str>,
        env: &Env,
    ) -> Self {
        let crate::http::Limits { attempts, timeout } = crate::http::Limits::from_env(env);
        Sts {
            http,
            region: region.unwrap_or(FALLBACK_REGION).to_string(),
            endpoint: endpoint.map(str::to_string),
            attempts,
            timeout,
        }
    }

    /// What to call the endpoint in messages.
    pub fn endpoint_label(&self) -> String {
        match &self.endpoint {
            Some(e) => e.clone(),
            None => format!("https://sts.{}.amazonaws.com", self.region),
        }
    }

    fn client(&self, creds: Option<&Credentials>) -> Client {
        let limits = crate::http::Limits {
            attempts: self.attempts,
            timeout: self.timeout,
        };
        let mut b = aws_sdk_sts::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.region.clone()))
            .http_client(self.http.clone())
            .retry_config(limits.retry())
            .timeout_config(limits.timeouts());
        if let Some(c) = creds {
            b = b.credentials_provider(aws_credential_types::Credentials::new(
                c.access_key_id.clone(),
                c.secret_access_key.expose().to_string(),
                c.session_token.as_ref().map(|t| t.expose().to_string()),
                c.expiration,
                "roleshift",
            ));
        }
        if let Some(e) = &self.endpoint {
            b = b.endpoint_url(e.clone());
        }
        Client::from_conf(b.build())
    }

    pub async fn assume_role(
        &self,
        creds: &Credentials,
        req: &AssumeRole<'_>,
    ) -> Result<Credentials> {
        tracing::debug!(role = req.role_arn, session = req.session_name, duration = ?req.duration, endpoint = %self.endpoint_label(), "AssumeRole");
        let mut call = self
            .client(Some(creds))
            .assume_role()
            .role_arn(req.role_arn)
            .role_session_name(req.session_name)
            .set_duration_seconds(req.duration.map(|d| d as i32))
            .set_external_id(req.external_id.map(str::to_string));
        if let Some((serial, code)) = req.mfa {
            call = call.serial_number(serial).token_code(code.expose());
        }
        if let Some(s) = req.session {
            for arn in &s.policy_arns {
                call = call.policy_arns(PolicyDescriptorType::builder().arn(arn).build());
            }
            for (k, v) in &s.tags {
                let tag = Tag::builder()
                    .key(k)
                    .value(v)
                    .build()
                    .map_err(|e| anyhow::anyhow!("tag {k}: {e}"))?;
                call = call.tags(tag);
            }
            for k in &s.transitive_tags {
                call = call.transitive_tag_keys(k);
            }
            call = call
                .set_policy(s.policy.clone())
                .set_source_identity(s.source_identity.clone());
        }
        let out = self
            .check(
                "AssumeRole",
                Some(req.role_arn),
                call.send().await,
                Some(creds),
            )
            .await?;
        convert(out.credentials())
    }

    pub async fn get_session_token(
        &self,
        creds: &Credentials,
        serial: &str,
        code: &Secret,
        duration: Option<u32>,
    ) -> Result<Credentials> {
        tracing::debug!(serial, duration = ?duration, endpoint = %self.endpoint_label(), "GetSessionToken");
        let res = self
            .client(Some(creds))
            .get_session_token()
            .serial_number(serial)
            .token_code(code.expose())
            .set_duration_seconds(duration.map(|d| d as i32))
            .send()
            .await;
        let out = self.check("GetSessionToken", None, res, None).await?;
        convert(out.credentials())
    }

    /// A federation session for long-term keys (`roleshift console`): the
    /// console signs in only with temporary credentials. The policy passes
    /// the user's own permissions through unchanged.
    pub async fn get_federation_token(
        &self,
        creds: &Credentials,
        name: &str,
        duration: Option<u32>,
    ) -> Result<Credentials> {
        tracing::debug!(name, duration = ?duration, endpoint = %self.endpoint_label(), "GetFederationToken");
        let res = self
            .client(Some(creds))
            .get_federation_token()
            .name(name)
            .policy(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
            .set_duration_seconds(duration.map(|d| d as i32))
            .send()
            .await;
        let out = self
            .check("GetFederationToken", None, res, Some(creds))
            .await?;
        convert(out.credentials())
    }

    pub async fn web_identity(&self, req: &WebIdentityRequest<'_>) -> Result<Credentials> {
        tracing::debug!(role = req.role_arn, session = req.session_name, endpoint = %self.endpoint_label(), "AssumeRoleWithWebIdentity");
        let res = self
            .client(None)
            .assume_role_with_web_identity()
            .role_arn(req.role_arn)
            .role_session_name(req.session_name)
            .web_identity_token(req.token.expose())
            .set_provider_id(req.provider_id.map(str::to_string))
            .set_duration_seconds(req.duration.map(|d| d as i32))
            .send()
            .await;
        let out = self
            .check("AssumeRoleWithWebIdentity", Some(req.role_arn), res, None)
            .await?;
        convert(out.credentials())
    }

    /// Unsigned, like web identity: the assertion is the proof. The session
    /// name comes from the assertion's RoleSessionName, so there is none to send.
    pub async fn assume_role_with_saml(&self, req: &SamlRequest<'_>) -> Result<Credentials> {
        tracing::debug!(role = req.role_arn, provider = req.principal_arn, duration = ?req.duration, endpoint = %self.endpoint_label(), "AssumeRoleWithSAML");
        let res = self
            .client(None)
            .assume_role_with_saml()
            .role_arn(req.role_arn)
            .principal_arn(req.principal_arn)
            .saml_assertion(req.assertion.expose())
            .set_duration_seconds(req.duration.map(|d| d as i32))
            .send()
            .await;
        let out = self
            .check("AssumeRoleWithSAML", Some(req.role_arn), res, None)
            .await?;
        convert(out.credentials())
    }

    pub async fn caller_identity(&self, creds: &Credentials) -> Result<Identity> {
        tracing::debug!(endpoint = %self.endpoint_label(), "GetCallerIdentity");
        let res = self.client(Some(creds)).get_caller_identity().send().await;
        let out = self.check("GetCallerIdentity", None, res, None).await?;
        Ok(Identity {
            user_id: out.user_id().unwrap_or_default().to_string(),
            account: out.account().unwrap_or_default().to_string(),
            arn: out.arn().unwrap_or_default().to_string(),
        })
    }

    /// The output of a call, or its error explained in one line.
    async fn check<O, E>(
        &self,
        op: &str,
        role: Option<&str>,
        res: Result<O, SdkError<E, HttpResponse>>,
        caller: Option<&Credentials>,
    ) -> Result<O>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match res {
            Ok(out) => Ok(out),
            Err(e) => Err(self.explain(op, role, e, caller).await),
        }
    }

    /// Turns an SDK error into one line. On AccessDenied it asks STS who the
    /// caller is, since "who was refused" is the first thing a user needs.
    async fn explain<E>(
        &self,
        op: &str,
        role: Option<&str>,
        err: SdkError<E, HttpResponse>,
        caller: Option<&Credentials>,
    ) -> anyhow::Error
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let denied = err.code() == Some("AccessDenied");
        let who = match (denied, caller) {
            (true, Some(c)) => Box::pin(self.caller_identity(c)).await.ok().map(|i| i.arn),
            _ => None,
        };
        errors::describe(
            op,
            role,
            &self.endpoint_label(),
            self.timeout,
            &err,
            who.as_deref(),
        )
    }
}

fn convert(c: Option<&aws_sdk_sts::types::Credentials>) -> Result<Credentials> {
    let Some(c) = c else {
        anyhow::bail!("STS answered without credentials");
    };
    Ok(Credentials {
        access_key_id: c.access_key_id().to_string(),
        secret_access_key: Secret::new(c.secret_access_key()),
        session_token: Some(Secret::new(c.session_token())),
        expiration: Some(from_unix(c.expiration().secs())),
    })
}
