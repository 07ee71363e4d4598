//! STS failures as people need to read them: what was asked of whom, why it
//! failed, and what to do about it.

use std::time::Duration;

use crate::error::one_line;
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response as HttpResponse;

pub fn describe<E>(
    op: &str,
    role: Option<&str>,
    endpoint: &str,
    timeout: Duration,
    err: &SdkError<E, HttpResponse>,
    caller: Option<&str>,
) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let what = match role {
        Some(r) => format!("{op} {r}"),
        None => op.to_string(),
    };
    let (why, hint) = match err {
        SdkError::TimeoutError(_) => (
            format!(
                "no answer from STS at {endpoint} within {}s",
                timeout.as_secs_f64()
            ),
            Some("check the network or the endpoint; ROLESHIFT_TIMEOUT sets the limit".to_string()),
        ),
        SdkError::DispatchFailure(d) => {
            let cause = d
                .as_connector_error()
                .map(|c| causes(c))
                .unwrap_or_else(|| "connection failed".into());
            (
                format!("cannot reach STS at {endpoint}: {cause}"),
                Some("check the network, --endpoint-url and AWS_ENDPOINT_URL_STS".to_string()),
            )
        }
        SdkError::ResponseError(_) => (
            format!("STS at {endpoint} sent an answer that is not an STS response"),
            None,
        ),
        SdkError::ConstructionFailure(_) => (
            format!(
                "could not build the request for {endpoint}: {}",
                causes(err)
            ),
            None,
        ),
        _ if err.code().is_none() => {
            let status = err
                .raw_response()
                .map(|r| r.status().as_u16())
                .unwrap_or_default();
            (
                format!("STS at {endpoint} answered HTTP {status} without an STS error"),
                None,
            )
        }
        // The SDK has retried these with backoff already; what is left to
        // say is who kept failing, so the endpoint is named.
        _ if err.code().is_some_and(is_throttling) => (
            format!(
                "STS at {endpoint} is throttling requests ({})",
                code_and_message(err)
            ),
            Some(RETRIED_HINT.into()),
        ),
        _ if err
            .raw_response()
            .is_some_and(|r| r.status().as_u16() >= 500) =>
        {
            (
                format!(
                    "STS at {endpoint} failed with HTTP {} ({})",
                    err.raw_response().map_or(0, |r| r.status().as_u16()),
                    code_and_message(err)
                ),
                Some(RETRIED_HINT.into()),
            )
        }
        _ => service(op, err.code(), err.message(), caller),
    };
    let line = format!("{what}: {why}");
    match hint {
        Some(h) => crate::error::with_hint(anyhow::anyhow!(line), h),
        None => anyhow::anyhow!(line),
    }
}

/// What STS's ExpiredToken means for AssumeRoleWithSAML.
pub const SAML_EXPIRED: &str = "the SAML assertion has expired";

/// Whether `err` (from `describe`) says the SAML assertion expired, for
/// callers that know better advice than copying a fresh one.
pub fn is_expired_assertion(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|c| c.to_string().ends_with(&format!(": {SAML_EXPIRED}")))
}

const RETRIED_HINT: &str =
    "roleshift retried with backoff (AWS_MAX_ATTEMPTS attempts, default 3); try again in a minute";

/// The error codes AWS SDKs treat as throttling.
fn is_throttling(code: &str) -> bool {
    matches!(
        code,
        "Throttling"
            | "ThrottlingException"
            | "ThrottledException"
            | "RequestThrottledException"
            | "TooManyRequestsException"
            | "RequestLimitExceeded"
            | "RequestThrottled"
            | "SlowDown"
    )
}

fn code_and_message<E: ProvideErrorMetadata>(err: &E) -> String {
    let code = err.code().unwrap_or("unknown error");
    match err.message().map(one_line).filter(|m| !m.is_empty()) {
        Some(m) => format!("{code}: {m}"),
        None => code.to_string(),
    }
}

/// Service errors by code. Messages from STS carry no secrets, but they can
/// span lines, so they are flattened.
fn service(
    op: &str,
    code: Option<&str>,
    message: Option<&str>,
    caller: Option<&str>,
) -> (String, Option<String>) {
    let msg = message.map(one_line).unwrap_or_default();
    let code_s = code.unwrap_or("unknown error");
    match code.unwrap_or_default() {
        "AccessDenied" if op == "GetSessionToken" && msg.contains("session credentials") => (
            "AWS allows GetSessionToken only with long-term IAM user keys, not with temporary credentials".into(),
            Some("put mfa_serial on the profile that holds the user's own keys".into()),
        ),
        "AccessDenied" if op == "AssumeRole" => (
            match caller {
                Some(arn) => format!("access denied: {arn} is not allowed to assume this role"),
                None => "access denied: the caller is not allowed to assume this role".to_string(),
            },
            Some("the role's trust policy must name the caller, and the caller needs sts:AssumeRole on the role".into()),
        ),
        "ExpiredToken" | "ExpiredTokenException" if op == "AssumeRoleWithSAML" => (
            SAML_EXPIRED.into(),
            Some("assertions live about 5 minutes: sign in again and copy a fresh SAMLResponse".into()),
        ),
        "ExpiredToken" | "ExpiredTokenException" => (
            "the credentials it was called with have expired".into(),
            Some("refresh the source credentials (for SSO: roleshift sso login) and try again".into()),
        ),
        "InvalidClientTokenId" => ("the access key id is not valid (unknown, deleted or inactive)".into(), None),
        "SignatureDoesNotMatch" => ("the secret access key does not match the access key id".into(), None),
        "InvalidIdentityToken" | "InvalidIdentityTokenException" => (format!("the web identity token was refused: {msg}"), None),
        "IDPRejectedClaim" | "IDPRejectedClaimException" => (format!("the identity provider's claim was refused: {msg}"), None),
        "RegionDisabledException" => (format!("STS is not activated in this region: {msg}"), Some("pick another --region".into())),
        "ValidationError" if msg.contains("chaining") => (
            format!("role chaining limits a session to 1 hour: {msg}"),
            Some("use --duration 1h or less".into()),
        ),
        "MalformedPolicyDocument" | "PackedPolicyTooLarge" => (format!("{code_s}: {msg}"), None),
        _ if msg.is_empty() => (code_s.to_string(), None),
        _ => (format!("{code_s}: {msg}"), None),
    }
}

/// An error and its sources, by their Display only: the SDK's Debug output
/// is for developers, not users.
pub fn causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let mut s = one_line(&e.to_string());
        // The SDK's "failed to apply endpoint" shows the whole request, body
        // included, and a body can hold a token, an assertion or an MFA code.
        if let Some(i) = s.find(" to request `Request {") {
            s.truncate(i);
        }
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        next = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod cause_tests {
    use super::causes;

    #[derive(Debug)]
    struct ApplyEndpoint;

    impl std::fmt::Display for ApplyEndpoint {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(
                "failed to apply endpoint `x` to request `Request { body: b\"WebIdentityToken=eyJsecret\" }`",
            )
        }
    }

    impl std::error::Error for ApplyEndpoint {}

    #[test]
    fn the_sdks_request_dump_is_cut_from_causes() {
        assert_eq!(causes(&ApplyEndpoint), "failed to apply endpoint `x`");
    }
}
