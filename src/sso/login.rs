//! `roleshift sso login`: the OIDC device authorization flow. The client
//! registration stored with the previous token is reused while it lasts;
//! the code and URL go to stderr, a browser opens when one can, and CreateToken
//! is polled at the interval the service asks for until the user approves,
//! the code expires, or Ctrl-C.

use std::time::{Duration, SystemTime};

use anyhow::{Result, anyhow};

use super::Session;
use super::oidc::{Oidc, Poll};
use super::token::{self, Token};
use crate::creds::rfc3339;
use crate::env::Env;

/// A registration with less than this left is replaced, so that it cannot
/// lapse under a refresh token the user expects to last.
const REGISTRATION_MARGIN: Duration = Duration::from_secs(24 * 3600);

pub async fn login(session: &Session, env: &Env, device_code: bool) -> Result<Token> {
    let path = token::path(env, session)?;
    // A damaged cache file is replaced by the new sign-in, not an obstacle to it.
    let old = token::read(&path).ok().flatten();
    let oidc = Oidc::new(session, env)?;
    let reg = match old
        .as_ref()
        .and_then(|t| t.registration(REGISTRATION_MARGIN))
    {
        Some(r) => {
            tracing::debug!("reusing the cached OIDC client registration");
            r
        }
        None => oidc.register(&session.scopes).await?,
    };
    let auth = oidc.start(&reg, &session.start_url).await?;
    let open_url = auth
        .verification_uri_complete
        .clone()
        .unwrap_or_else(|| auth.verification_uri.clone());
    // The URL and the code come from the OIDC service: shown escaped.
    let line = format!(
        "roleshift: to sign in to {}, open {} and confirm the code {}",
        session.label(),
        auth.verification_uri,
        auth.user_code
    );
    eprintln!("{}", crate::sanitize::printable(&line));
    if !device_code {
        match crate::browser::open(&open_url, env) {
            Ok(true) => eprintln!("roleshift: opened the sign-in page in the browser"),
            Ok(false) => {}
            Err(e) => eprintln!("roleshift: cannot open a browser ({e:#}); open the URL yourself"),
        }
    }
    crate::browser::cancel_on_interrupt(
        "roleshift: sso login: cancelled; the previous token (if any) is unchanged\n",
    );
    let mut interval = auth.interval;
    let issued = loop {
        tokio::time::sleep(interval).await;
        if SystemTime::now() > auth.expires_at {
            return Err(anyhow!(
                "{}: the code {} expired before it was approved",
                session.label(),
                auth.user_code
            ));
        }
        match oidc.poll(&reg, &auth).await? {
            Poll::Done(issued) => break issued,
            Poll::Pending => {}
            Poll::SlowDown => interval += Duration::from_secs(5),
        }
    };
    let mut t = old.unwrap_or_default();
    t.start_url = Some(session.start_url.clone());
    t.region = Some(session.region.clone());
    t.client_id = Some(reg.client_id.clone());
    t.client_secret = Some(reg.client_secret.expose().to_string());
    t.registration_expires_at = Some(rfc3339(reg.expires_at));
    // A new sign-in replaces the refresh token; an old one must not outlive it.
    t.refresh_token = None;
    t.update(issued);
    token::write(&path, &t)?;
    Ok(t)
}
