//! The AWS CLI's SSO token cache (`~/.aws/sso/cache/<sha1>.json`): the same
//! file name and JSON fields, so a sign-in by either tool serves both. Also
//! the one way to get a usable access token: renewed with the refresh token
//! shortly before it expires, by one process at a time (a lock beside the
//! file, and a second look once it is held).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, anyhow};
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

use super::Session;
use super::oidc::Oidc;
use crate::creds::{Secret, parse_rfc3339, rfc3339};
use crate::env::Env;
use crate::fsutil;

/// A token with less than this left is renewed first (botocore's window).
pub const RENEW_WINDOW: Duration = Duration::from_secs(15 * 60);

/// A cached token file. Fields that roleshift does not use are kept as they
/// were, so a file the AWS CLI wrote keeps what it wrote.
#[derive(Serialize, Deserialize, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct Token {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub access_token: String,
    pub expires_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_expires_at: Option<String>,
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Token {
    pub fn expiry(&self) -> Option<SystemTime> {
        parse_rfc3339(&self.expires_at)
    }

    /// Still usable for at least `margin`.
    pub fn lasts(&self, margin: Duration) -> bool {
        self.expiry()
            .is_some_and(|e| e > SystemTime::now() + margin)
    }

    /// The client registration stored with the token, while it lasts `margin`.
    pub fn registration(&self, margin: Duration) -> Option<super::oidc::Registration> {
        let expires = parse_rfc3339(self.registration_expires_at.as_deref()?)?;
        (expires > SystemTime::now() + margin).then(|| super::oidc::Registration {
            client_id: self.client_id.clone().unwrap_or_default(),
            client_secret: Secret::new(self.client_secret.clone().unwrap_or_default()),
            expires_at: expires,
        })
    }

    /// Takes a CreateToken answer (a new sign-in or a renewal).
    pub fn update(&mut self, fresh: super::oidc::Issued) {
        self.access_token = fresh.access_token.expose().to_string();
        self.expires_at = rfc3339(fresh.expires_at);
        if let Some(r) = fresh.refresh_token {
            self.refresh_token = Some(r.expose().to_string());
        }
    }
}

/// `~/.aws/sso/cache`, where the AWS CLI and SDKs look.
pub fn dir(env: &Env) -> Result<PathBuf> {
    let home = env
        .home()
        .ok_or_else(|| anyhow!("cannot tell where the SSO token cache is: HOME is not set"))?;
    Ok(home.join(".aws").join("sso").join("cache"))
}

/// The token file of a session: the SHA-1 of the sso-session name, or of the
/// start URL for a legacy profile.
pub fn path(env: &Env, session: &Session) -> Result<PathBuf> {
    let digest = Sha1::digest(session.cache_key().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(dir(env)?.join(format!("{hex}.json")))
}

/// The cached token; None when there is none.
pub fn read(path: &Path) -> Result<Option<Token>> {
    if let Err(e) = std::fs::metadata(path)
        && e.kind() == std::io::ErrorKind::NotFound
    {
        return Ok(None);
    }
    let text = crate::input::read_small_file(path, "the SSO token cache file")?;
    let token: Token = serde_json::from_str(&text).map_err(|e| {
        anyhow!(
            "cannot read the SSO token cache file {}: {}",
            path.display(),
            // serde's message names the field, never its value.
            e
        )
    })?;
    Ok(Some(token))
}

/// Writes the token atomically, 0600, in a private directory.
pub fn write(path: &Path, token: &Token) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.exists()) {
        fsutil::private_dir(dir)?;
    }
    let json = serde_json::to_string_pretty(token).context("cannot encode the SSO token")?;
    fsutil::atomic_write(path, json.as_bytes())
}

/// A usable access token for the session, renewed first if it is close to
/// expiring. Parallel callers share one renewal.
pub async fn access_token(session: &Session, env: &Env) -> Result<Secret> {
    let path = path(env, session)?;
    let relogin = |why: String| {
        crate::error::with_hint(
            anyhow!("{}: {why}", session.label()),
            format!("run `{}` and try again", session.login_command()),
        )
    };
    let Some(token) = read(&path)? else {
        return Err(relogin("not signed in (no cached token)".into()));
    };
    if token.lasts(RENEW_WINDOW) {
        return Ok(Secret::new(token.access_token));
    }
    let _lock = fsutil::lock(&path)?;
    // Another process may have renewed it while this one waited.
    let Some(mut token) = read(&path)? else {
        return Err(relogin("not signed in (no cached token)".into()));
    };
    if token.lasts(RENEW_WINDOW) {
        return Ok(Secret::new(token.access_token));
    }
    let renewed = match (&token.refresh_token, token.registration(Duration::ZERO)) {
        (Some(refresh), Some(reg)) => Oidc::new(session, env)?
            .refresh(&reg, &Secret::new(refresh.clone()))
            .await
            .map_err(|e| format!("{e:#}")),
        _ => Err("the cached token cannot be renewed (it has no refresh token)".into()),
    };
    match renewed {
        Ok(fresh) => {
            tracing::debug!(session = %session.label(), "renewed the SSO token");
            token.update(fresh);
            write(&path, &token)?;
            Ok(Secret::new(token.access_token))
        }
        // Not renewed, but not dead yet: use it while it lasts.
        Err(why) if token.lasts(Duration::from_secs(60)) => {
            tracing::debug!(why = %why, "SSO token renewal failed; the token is still valid");
            Ok(Secret::new(token.access_token))
        }
        Err(why) => Err(relogin(format!(
            "the token has expired and renewing it failed: {why}"
        ))),
    }
}

/// Removes the session's token; whether there was one.
pub fn remove(path: &Path) -> Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(anyhow!(e).context(format!("cannot remove {}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_match_the_aws_cli() {
        // The AWS CLI's documented example: sha1("my-sso").
        let env = Env::from_pairs(&[("HOME", "/h")]);
        let s = Session {
            name: Some("my-sso".into()),
            start_url: "https://x/start".into(),
            region: "us-east-1".into(),
            scopes: vec![],
            profile: None,
        };
        let p = path(&env, &s).unwrap();
        let expected = {
            let d = Sha1::digest(b"my-sso");
            d.iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        assert_eq!(
            p,
            PathBuf::from(format!("/h/.aws/sso/cache/{expected}.json"))
        );
        let legacy = Session { name: None, ..s };
        assert!(path(&env, &legacy).unwrap().ends_with(format!(
            "{}.json",
            Sha1::digest(b"https://x/start")
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        )));
    }

    #[test]
    fn unknown_fields_survive_a_rewrite() {
        let text = r#"{"startUrl":"u","region":"r","accessToken":"a","expiresAt":"2030-01-01T00:00:00Z","clientId":"c","clientSecret":"s","registrationExpiresAt":"2030-01-01T00:00:00Z","refreshToken":"f","futureField":{"x":1}}"#;
        let t: Token = serde_json::from_str(text).unwrap();
        assert!(t.lasts(Duration::from_secs(60)));
        assert!(t.registration(Duration::from_secs(60)).is_some());
        let back: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        let orig: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(back, orig);
    }
}
