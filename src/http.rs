//! The one HTTP client: hyper with rustls on ring, shared by every AWS call
//! (STS, SSO OIDC, the SSO portal).

use std::time::Duration;

use aws_sdk_sts::config::SharedHttpClient;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};

use crate::env::Env;

/// The async runtime for network calls: one thread, started only when a
/// call is about to be made (a cache hit never starts it).
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    use anyhow::Context;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

pub fn client() -> SharedHttpClient {
    crate::bounded::wrap(
        aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .build_https(),
    )
}

/// Checks an STS endpoint before the SDK sees it: the SDK panics on an empty
/// one and answers a malformed one with a dump of the request. The reason
/// shows the URL with control characters escaped.
pub fn check_endpoint(url: &str) -> Result<(), String> {
    let uri = http::Uri::try_from(url).ok();
    let scheme = uri.as_ref().and_then(|u| u.scheme_str());
    let host = uri.as_ref().and_then(|u| u.host()).unwrap_or_default();
    let web =
        scheme.is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    match web && !host.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "`{}` is not an http:// or https:// URL with a host",
            url.escape_debug()
        )),
    }
}

/// Attempts and time limits for every AWS call (STS, SSO OIDC, the portal):
/// `AWS_MAX_ATTEMPTS` and `ROLESHIFT_TIMEOUT`, as `settings` reads them.
pub struct Limits {
    pub attempts: u32,
    pub timeout: Duration,
}

impl Limits {
    pub fn from_env(env: &Env) -> Limits {
        Limits {
            attempts: crate::settings::attempts(env),
            timeout: crate::settings::timeout(env),
        }
    }

    pub fn timeouts(&self) -> aws_smithy_types::timeout::TimeoutConfig {
        aws_smithy_types::timeout::TimeoutConfig::builder()
            .connect_timeout(self.timeout.min(Duration::from_secs(3)))
            .read_timeout(self.timeout.min(Duration::from_secs(5)))
            .operation_timeout(self.timeout)
            .build()
    }

    pub fn retry(&self) -> aws_smithy_types::retry::RetryConfig {
        aws_smithy_types::retry::RetryConfig::standard()
            .with_max_attempts(self.attempts)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_secs(2))
    }
}

#[cfg(test)]
mod tests {
    use super::check_endpoint;

    #[test]
    fn endpoints_need_a_scheme_and_a_host() {
        for good in [
            "http://127.0.0.1:5000",
            "https://sts.eu-west-1.amazonaws.com/",
            "HTTP://[::1]:9",
        ] {
            assert_eq!(check_endpoint(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            " ",
            "http://",
            "https:///x",
            "127.0.0.1:9",
            "ftp://h",
            "http://a b",
            "http://h\n",
            "http://[::1",
        ] {
            assert!(check_endpoint(bad).is_err(), "{bad:?}");
        }
        assert!(check_endpoint("http://h\n").unwrap_err().contains("\\n"));
    }
}
