//! The IAM Identity Center OIDC service: RegisterClient,
//! StartDeviceAuthorization and CreateToken (device code and refresh token
//! grants), through aws-sdk-ssooidc. Errors name the session and the endpoint
//! and never carry a token.

use std::time::{Duration, SystemTime};

use anyhow::{Result, anyhow};
use aws_sdk_ssooidc::Client;
use aws_sdk_ssooidc::config::{BehaviorVersion, Region};
use aws_sdk_ssooidc::operation::create_token::CreateTokenError;

use super::Session;
use crate::creds::Secret;
use crate::env::Env;
use crate::http::Limits;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
const REFRESH_GRANT: &str = "refresh_token";

/// A registered OIDC client: reused until it expires.
pub struct Registration {
    pub client_id: String,
    pub client_secret: Secret,
    pub expires_at: SystemTime,
}

/// What the user must confirm in the browser.
pub struct DeviceAuth {
    pub device_code: Secret,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: Option<String>,
    pub expires_at: SystemTime,
    pub interval: Duration,
}

/// A token CreateToken issued.
pub struct Issued {
    pub access_token: Secret,
    pub expires_at: SystemTime,
    pub refresh_token: Option<Secret>,
}

/// One poll of the device flow.
pub enum Poll {
    Done(Issued),
    /// Not approved yet: ask again after the interval.
    Pending,
    /// Asked too often: add 5 seconds to the interval (RFC 8628).
    SlowDown,
}

pub struct Oidc {
    client: Client,
    endpoint: String,
    label: String,
}

impl Oidc {
    pub fn new(session: &Session, env: &Env) -> Result<Oidc> {
        let limits = Limits::from_env(env);
        let custom = super::endpoint(env, "AWS_ENDPOINT_URL_SSO_OIDC")?;
        let mut b = aws_sdk_ssooidc::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(session.region.clone()))
            .http_client(crate::http::client())
            .retry_config(limits.retry())
            .timeout_config(limits.timeouts());
        if let Some(e) = &custom {
            b = b.endpoint_url(e.clone());
        }
        let endpoint =
            custom.unwrap_or_else(|| format!("https://oidc.{}.amazonaws.com", session.region));
        Ok(Oidc {
            client: Client::from_conf(b.build()),
            endpoint,
            label: session.label(),
        })
    }

    fn fail(&self, op: &str, why: String) -> anyhow::Error {
        anyhow!("{}: {op} at {}: {why}", self.label, self.endpoint)
    }

    pub async fn register(&self, scopes: &[String]) -> Result<Registration> {
        tracing::debug!(endpoint = %self.endpoint, "SSO OIDC RegisterClient");
        let out = self
            .client
            .register_client()
            .client_name(format!(
                "roleshift-{}",
                crate::creds::unix(SystemTime::now())
            ))
            .client_type("public")
            .set_scopes((!scopes.is_empty()).then(|| scopes.to_vec()))
            .send()
            .await
            .map_err(|e| self.fail("RegisterClient", super::why(&self.endpoint, &e)))?;
        let (Some(id), Some(secret)) = (out.client_id(), out.client_secret()) else {
            return Err(self.fail("RegisterClient", "the answer has no client".into()));
        };
        Ok(Registration {
            client_id: id.to_string(),
            client_secret: Secret::new(secret),
            expires_at: crate::creds::from_unix(out.client_secret_expires_at()),
        })
    }

    pub async fn start(&self, reg: &Registration, start_url: &str) -> Result<DeviceAuth> {
        tracing::debug!(endpoint = %self.endpoint, "SSO OIDC StartDeviceAuthorization");
        let out = self
            .client
            .start_device_authorization()
            .client_id(&reg.client_id)
            .client_secret(reg.client_secret.expose())
            .start_url(start_url)
            .send()
            .await
            .map_err(|e| self.fail("StartDeviceAuthorization", super::why(&self.endpoint, &e)))?;
        let (Some(device), Some(user), Some(uri)) =
            (out.device_code(), out.user_code(), out.verification_uri())
        else {
            return Err(self.fail(
                "StartDeviceAuthorization",
                "the answer lacks the device code, user code or URL".into(),
            ));
        };
        // RFC 8628: 5 seconds when the service names no interval.
        let interval = match out.interval() {
            n if n > 0 => Duration::from_secs(n as u64),
            _ => Duration::from_secs(5),
        };
        Ok(DeviceAuth {
            device_code: Secret::new(device),
            user_code: user.to_string(),
            verification_uri: uri.to_string(),
            verification_uri_complete: out.verification_uri_complete().map(str::to_string),
            expires_at: SystemTime::now() + Duration::from_secs(out.expires_in().max(0) as u64),
            interval,
        })
    }

    /// One CreateToken poll with the device code.
    pub async fn poll(&self, reg: &Registration, auth: &DeviceAuth) -> Result<Poll> {
        let res = self
            .client
            .create_token()
            .client_id(&reg.client_id)
            .client_secret(reg.client_secret.expose())
            .grant_type(DEVICE_GRANT)
            .device_code(auth.device_code.expose())
            .send()
            .await;
        match res {
            Ok(out) => Ok(Poll::Done(issued(&out, self)?)),
            Err(e) => match e.as_service_error() {
                Some(CreateTokenError::AuthorizationPendingException(_)) => Ok(Poll::Pending),
                Some(CreateTokenError::SlowDownException(_)) => Ok(Poll::SlowDown),
                Some(CreateTokenError::ExpiredTokenException(_)) => Err(self.fail(
                    "CreateToken",
                    "the code expired before it was approved".into(),
                )),
                Some(CreateTokenError::AccessDeniedException(_)) => Err(self.fail(
                    "CreateToken",
                    "the sign-in was denied in the browser".into(),
                )),
                _ => Err(self.fail("CreateToken", super::why(&self.endpoint, &e))),
            },
        }
    }

    /// A new access token from the refresh token, without the user.
    pub async fn refresh(&self, reg: &Registration, refresh: &Secret) -> Result<Issued> {
        tracing::debug!(endpoint = %self.endpoint, "SSO OIDC CreateToken (refresh_token)");
        let out = self
            .client
            .create_token()
            .client_id(&reg.client_id)
            .client_secret(reg.client_secret.expose())
            .grant_type(REFRESH_GRANT)
            .refresh_token(refresh.expose())
            .send()
            .await
            .map_err(|e| self.fail("CreateToken", super::why(&self.endpoint, &e)))?;
        issued(&out, self)
    }
}

fn issued(
    out: &aws_sdk_ssooidc::operation::create_token::CreateTokenOutput,
    o: &Oidc,
) -> Result<Issued> {
    let Some(access) = out.access_token().filter(|t| !t.is_empty()) else {
        return Err(o.fail("CreateToken", "the answer has no access token".into()));
    };
    Ok(Issued {
        access_token: Secret::new(access),
        expires_at: SystemTime::now() + Duration::from_secs(out.expires_in().max(0) as u64),
        refresh_token: out.refresh_token().map(Secret::new),
    })
}
