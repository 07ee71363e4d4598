//! The one HTTP client: hyper with rustls on ring, shared by every STS call.

use aws_sdk_sts::config::SharedHttpClient;
use std::time::Duration;

use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};

use crate::env::Env;

pub fn client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .build_https()
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

/// Attempts and time limits for every AWS call: `AWS_MAX_ATTEMPTS` (default 3)
/// and `ROLESHIFT_TIMEOUT` (seconds, default 10).
pub struct Limits {
    pub attempts: u32,
    pub timeout: Duration,
}

impl Limits {
    pub fn from_env(env: &Env) -> Limits {
        let attempts = env
            .get("AWS_MAX_ATTEMPTS")
            .and_then(|v| v.parse().ok())
            .filter(|n| *n >= 1)
            .unwrap_or(3);
        let timeout = env
            .get("ROLESHIFT_TIMEOUT")
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|s| *s > 0.0 && *s < 3600.0)
            .map(Duration::from_secs_f64)
            .unwrap_or(Duration::from_secs(10));
        Limits { attempts, timeout }
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
