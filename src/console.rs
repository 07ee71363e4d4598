//! Console sign-in (SPEC §11): temporary credentials become a sign-in URL
//! through the AWS federation endpoint (`getSigninToken`, then `login`).
//! Knows the partitions' endpoints and console homes. The URL is a secret
//! for 15 minutes: it is printed on request or handed to the browser through
//! a private file, never logged and never put in another process's argv.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use http_body_util::{BodyExt, Empty, LengthLimitError, Limited};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::creds::Credentials;
use crate::env::Env;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partition {
    Aws,
    UsGov,
    Cn,
}

impl Partition {
    /// From a role ARN's partition if there is one, else from the region.
    pub fn pick(region: Option<&str>, arn: Option<&str>) -> Partition {
        match arn.and_then(|a| a.split(':').nth(1)) {
            Some("aws-us-gov") => return Partition::UsGov,
            Some("aws-cn") => return Partition::Cn,
            Some("aws") => return Partition::Aws,
            _ => {}
        }
        match region {
            Some(r) if r.starts_with("us-gov-") => Partition::UsGov,
            Some(r) if r.starts_with("cn-") => Partition::Cn,
            _ => Partition::Aws,
        }
    }

    pub fn federation_url(self) -> &'static str {
        match self {
            Partition::Aws => "https://signin.aws.amazon.com/federation",
            Partition::UsGov => "https://signin.amazonaws-us-gov.com/federation",
            Partition::Cn => "https://signin.amazonaws.cn/federation",
        }
    }

    /// The console home, in the region when one is known.
    pub fn console_home(self, region: Option<&str>) -> String {
        let host = match (self, region) {
            (Partition::Aws, Some(r)) => format!("{r}.console.aws.amazon.com"),
            (Partition::Aws, None) => "console.aws.amazon.com".to_string(),
            (Partition::UsGov, _) => "console.amazonaws-us-gov.com".to_string(),
            (Partition::Cn, _) => "console.amazonaws.cn".to_string(),
        };
        match region {
            Some(r) => format!("https://{host}/console/home?region={r}"),
            None => format!("https://{host}/console/home"),
        }
    }
}

/// Everything but RFC 3986's unreserved characters is encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// `getSigninToken`: the federation endpoint trades the session's keys for a
/// sign-in token.
pub async fn signin_token(
    federation: &str,
    creds: &Credentials,
    timeout: Duration,
) -> Result<String> {
    let Some(token) = &creds.session_token else {
        bail!("the console needs temporary credentials, and these have no session token");
    };
    let session = serde_json::json!({
        "sessionId": creds.access_key_id,
        "sessionKey": creds.secret_access_key.expose(),
        "sessionToken": token.expose(),
    })
    .to_string();
    let url = format!(
        "{federation}?Action=getSigninToken&Session={}",
        enc(&session)
    );
    tracing::debug!(endpoint = federation, "getSigninToken");
    let fail = |why: String| anyhow!("getSigninToken at {federation}: {why}");
    let uri: http::Uri = url.parse().map_err(|_| fail("not a valid URL".into()))?;
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| fail(format!("cannot load the system's certificates: {e}")))?
        .https_or_http()
        .enable_http1()
        .build();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build::<_, Empty<hyper::body::Bytes>>(https);
    let call = async {
        let res = client.get(uri).await.map_err(|e| {
            fail(format!(
                "cannot reach it: {}",
                crate::sts::errors::causes(&e)
            ))
        })?;
        let status = res.status();
        // Bounded like every SDK answer (src/bounded.rs): a hostile endpoint
        // in ROLESHIFT_FEDERATION_URL cannot fill the memory.
        let body = Limited::new(res.into_body(), crate::bounded::MAX_BODY)
            .collect()
            .await
            .map_err(|e| match e.is::<LengthLimitError>() {
                true => fail(format!(
                    "the answer is over {} bytes",
                    crate::bounded::MAX_BODY
                )),
                false => fail(format!("the answer broke off: {e}")),
            })?
            .to_bytes();
        if !status.is_success() {
            // The body may echo the request; it is not shown.
            return Err(fail(format!("HTTP {}", status.as_u16())));
        }
        #[derive(serde::Deserialize)]
        struct Answer {
            #[serde(rename = "SigninToken")]
            signin_token: String,
        }
        let a: Answer = serde_json::from_slice(&body)
            .map_err(|_| fail("the answer is not the expected JSON".into()))?;
        Ok(a.signin_token)
    };
    tokio::time::timeout(timeout, call)
        .await
        .map_err(|_| fail(format!("no answer within {}s", timeout.as_secs_f64())))?
}

/// The `login` URL that signs the browser in and lands on `destination`.
pub fn login_url(federation: &str, signin_token: &str, destination: &str) -> String {
    format!(
        "{federation}?Action=login&Issuer=roleshift&Destination={}&SigninToken={}",
        enc(destination),
        enc(signin_token)
    )
}

/// A private page that forwards to `url`: the browser gets the file's path
/// as its argument, not the URL, which any user could read in `ps`.
pub fn redirect_file(dir: &Path, url: &str) -> Result<PathBuf> {
    crate::fsutil::private_dir(dir)?;
    remove_old_pages(dir);
    let html_url = url.replace('&', "&amp;").replace('"', "&quot;");
    let js_url = serde_json::to_string(url).context("cannot encode the URL")?;
    let page = format!(
        "<!doctype html><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">\
         <meta http-equiv=\"refresh\" content=\"0;url={html_url}\">\
         <script>location.replace({js_url})</script>\n"
    );
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|e| anyhow!("no randomness: {e}"))?;
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let path = dir.join(format!("console-{hex}.html"));
    crate::fsutil::atomic_write(&path, page.as_bytes())?;
    Ok(path)
}

/// Pages older than the URL's 15 minutes are of no use to anyone: removed.
fn remove_old_pages(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let cutoff = std::time::SystemTime::now() - Duration::from_secs(15 * 60);
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < cutoff);
        if name.starts_with("console-") && name.ends_with(".html") && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The federation endpoint: `ROLESHIFT_FEDERATION_URL`, else the partition's.
pub fn federation_url(env: &Env, partition: Partition) -> Result<String> {
    match env
        .get("ROLESHIFT_FEDERATION_URL")
        .filter(|v| !v.is_empty())
    {
        Some(u) => {
            crate::http::check_endpoint(u)
                .map_err(|why| anyhow!("ROLESHIFT_FEDERATION_URL: {why}"))?;
            Ok(u.to_string())
        }
        None => Ok(partition.federation_url().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_come_from_the_arn_then_the_region() {
        assert_eq!(
            Partition::pick(Some("us-gov-west-1"), None),
            Partition::UsGov
        );
        assert_eq!(Partition::pick(Some("cn-north-1"), None), Partition::Cn);
        assert_eq!(Partition::pick(Some("eu-west-1"), None), Partition::Aws);
        assert_eq!(
            Partition::pick(Some("eu-west-1"), Some("arn:aws-cn:iam::1:role/x")),
            Partition::Cn
        );
        assert_eq!(
            Partition::Cn.console_home(Some("cn-north-1")),
            "https://console.amazonaws.cn/console/home?region=cn-north-1"
        );
        assert_eq!(
            Partition::Aws.console_home(Some("eu-west-1")),
            "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"
        );
    }

    #[test]
    fn the_login_url_encodes_everything() {
        let u = login_url("https://f/federation", "a+b/c=", "https://x/?a=1&b=2");
        assert_eq!(
            u,
            "https://f/federation?Action=login&Issuer=roleshift&Destination=https%3A%2F%2Fx%2F%3Fa%3D1%26b%3D2&SigninToken=a%2Bb%2Fc%3D"
        );
    }

    #[test]
    fn the_redirect_page_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let p = redirect_file(&dir.path().join("c"), "https://f/?a=1&b=\"2\"").unwrap();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(p.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        let page = std::fs::read_to_string(&p).unwrap();
        assert!(
            page.contains("url=https://f/?a=1&amp;b=&quot;2&quot;"),
            "{page}"
        );
        assert!(
            page.contains(r#"location.replace("https://f/?a=1&b=\"2\"")"#),
            "{page}"
        );
    }
}
