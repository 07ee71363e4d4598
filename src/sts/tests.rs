//! Request shapes and error mapping, against the SDK's replay client: what
//! roleshift sends for each option, and what users read when STS says no.

use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};
use aws_smithy_types::body::SdkBody;

use super::*;
use crate::creds::Secret;

const OK_ASSUME: &str = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIANEW</AccessKeyId><SecretAccessKey>newsecret</SecretAccessKey><SessionToken>newtoken</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/R/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>"#;

fn error_body(code: &str, message: &str) -> String {
    format!(
        r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>x</RequestId></ErrorResponse>"#
    )
}

fn response(status: u16, body: &str) -> http::Response<SdkBody> {
    http::Response::builder()
        .status(status)
        .body(SdkBody::from(body.to_string()))
        .unwrap()
}

fn replay(responses: Vec<http::Response<SdkBody>>) -> StaticReplayClient {
    let events = responses
        .into_iter()
        .map(|r| {
            ReplayEvent::new(
                http::Request::builder()
                    .uri("http://sts.test/")
                    .body(SdkBody::empty())
                    .unwrap(),
                r,
            )
        })
        .collect();
    StaticReplayClient::new(events)
}

fn sts(client: &StaticReplayClient) -> Sts {
    let env = Env::from_pairs(&[("AWS_MAX_ATTEMPTS", "1")]);
    Sts::with_http(
        SharedHttpClient::new(client.clone()),
        Some("eu-west-1"),
        Some("http://sts.test"),
        &env,
    )
}

fn keys() -> Credentials {
    Credentials {
        access_key_id: "AKIDBASE".into(),
        secret_access_key: Secret::new("basesecret"),
        session_token: None,
        expiration: None,
    }
}

fn body_of(client: &StaticReplayClient, n: usize) -> String {
    let req = client.actual_requests().nth(n).expect("request sent");
    String::from_utf8(req.body().bytes().unwrap().to_vec()).unwrap()
}

fn block<F: std::future::Future>(f: F) -> F::Output {
    crate::http::runtime().unwrap().block_on(f)
}

#[test]
fn assume_role_sends_every_option() {
    let client = replay(vec![response(200, OK_ASSUME)]);
    let session = SessionOptions {
        policy_arns: vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into()],
        policy: Some(r#"{"Version":"2012-10-17"}"#.into()),
        tags: vec![("team".into(), "core".into())],
        transitive_tags: vec!["team".into()],
        source_identity: Some("alice".into()),
    };
    let code = Secret::new("123456");
    let req = AssumeRole {
        role_arn: "arn:aws:iam::1:role/R",
        session_name: "s",
        duration: Some(900),
        external_id: Some("ext"),
        mfa: Some(("arn:aws:iam::1:mfa/me", &code)),
        session: Some(&session),
    };
    let c = block(sts(&client).assume_role(&keys(), &req)).unwrap();
    assert_eq!(c.access_key_id, "ASIANEW");
    assert_eq!(c.session_token.unwrap().expose(), "newtoken");
    assert_eq!(
        c.expiration.map(crate::creds::rfc3339).as_deref(),
        Some("2030-01-01T00:00:00Z")
    );
    let body = body_of(&client, 0);
    for part in [
        "Action=AssumeRole",
        "RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2FR",
        "RoleSessionName=s",
        "DurationSeconds=900",
        "ExternalId=ext",
        "SerialNumber=arn%3Aaws%3Aiam%3A%3A1%3Amfa%2Fme",
        "TokenCode=123456",
        "PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess",
        "Tags.member.1.Key=team",
        "Tags.member.1.Value=core",
        "TransitiveTagKeys.member.1=team",
        "SourceIdentity=alice",
        "Policy=",
    ] {
        assert!(body.contains(part), "{part} missing from {body}");
    }
}

#[test]
fn access_denied_names_role_operation_and_caller() {
    let who = r#"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/alice</Arn><UserId>AIDA</UserId><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"#;
    let client = replay(vec![
        response(
            403,
            &error_body("AccessDenied", "User: x is not authorized"),
        ),
        response(200, who),
    ]);
    let req = AssumeRole {
        role_arn: "arn:aws:iam::1:role/R",
        session_name: "s",
        ..Default::default()
    };
    let err = block(sts(&client).assume_role(&keys(), &req)).unwrap_err();
    let (line, hint) = crate::error::render(&err);
    assert_eq!(
        line,
        "roleshift: AssumeRole arn:aws:iam::1:role/R: access denied: arn:aws:iam::1:user/alice is not allowed to assume this role"
    );
    assert!(hint.unwrap().contains("trust policy"));
}

#[test]
fn chaining_limit_is_explained() {
    let msg = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
    let client = replay(vec![response(400, &error_body("ValidationError", msg))]);
    let req = AssumeRole {
        role_arn: "arn:aws:iam::1:role/R",
        session_name: "s",
        duration: Some(7200),
        ..Default::default()
    };
    let err = block(sts(&client).assume_role(&keys(), &req)).unwrap_err();
    let (line, hint) = crate::error::render(&err);
    assert!(
        line.contains("role chaining limits a session to 1 hour"),
        "{line}"
    );
    assert!(hint.unwrap().contains("--duration 1h"));
}

#[test]
fn expired_and_invalid_keys_say_so() {
    for (code, expect) in [
        ("ExpiredToken", "have expired"),
        ("InvalidClientTokenId", "access key id is not valid"),
        ("SignatureDoesNotMatch", "secret access key does not match"),
    ] {
        let client = replay(vec![response(403, &error_body(code, "m"))]);
        let err = block(sts(&client).caller_identity(&keys())).unwrap_err();
        let (line, _) = crate::error::render(&err);
        assert!(
            line.starts_with("roleshift: GetCallerIdentity: ") && line.contains(expect),
            "{line}"
        );
    }
}

#[test]
fn a_non_sts_answer_names_the_endpoint() {
    let client = replay(vec![response(500, "<html>Internal Server Error</html>")]);
    let err = block(sts(&client).caller_identity(&keys())).unwrap_err();
    let (line, _) = crate::error::render(&err);
    assert!(line.contains("http://sts.test"), "{line}");
    assert!(!line.contains('\n'));
}

#[test]
fn throttling_is_retried() {
    let who = r#"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/alice</Arn><UserId>AIDA</UserId><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"#;
    let client = replay(vec![
        response(400, &error_body("Throttling", "Rate exceeded")),
        response(503, ""),
        response(200, who),
    ]);
    let env = Env::from_pairs(&[("AWS_MAX_ATTEMPTS", "3")]);
    let sts = Sts::with_http(
        SharedHttpClient::new(client.clone()),
        Some("eu-west-1"),
        Some("http://sts.test"),
        &env,
    );
    let id = block(sts.caller_identity(&keys())).unwrap();
    assert_eq!(id.arn, "arn:aws:iam::1:user/alice");
    assert_eq!(client.actual_requests().count(), 3);
}

#[test]
fn web_identity_sends_the_token_unsigned() {
    let ok = OK_ASSUME
        .replace("AssumeRoleResponse", "AssumeRoleWithWebIdentityResponse")
        .replace("AssumeRoleResult", "AssumeRoleWithWebIdentityResult");
    let client = replay(vec![response(200, &ok)]);
    let token = Secret::new("eyJtoken");
    let req = WebIdentityRequest {
        role_arn: "arn:aws:iam::1:role/W",
        session_name: "ci",
        token: &token,
        provider_id: None,
        duration: Some(900),
    };
    block(sts(&client).web_identity(&req)).unwrap();
    let body = body_of(&client, 0);
    assert!(
        body.contains("Action=AssumeRoleWithWebIdentity")
            && body.contains("WebIdentityToken=eyJtoken"),
        "{body}"
    );
    let req = client.actual_requests().next().unwrap();
    assert!(
        req.headers().get("authorization").is_none(),
        "web identity calls are not signed"
    );
}

#[test]
fn saml_sends_the_pair_unsigned_and_explains_an_expired_assertion() {
    let ok = OK_ASSUME
        .replace("AssumeRoleResponse", "AssumeRoleWithSAMLResponse")
        .replace("AssumeRoleResult", "AssumeRoleWithSAMLResult");
    let client = replay(vec![
        response(200, &ok),
        response(
            400,
            &error_body(
                "ExpiredTokenException",
                "Token must be redeemed within 5 minutes of issuance",
            ),
        ),
    ]);
    let assertion = Secret::new("PHNhbWxwOlJlc3BvbnNlLz4=");
    let req = SamlRequest {
        role_arn: "arn:aws:iam::1:role/S",
        principal_arn: "arn:aws:iam::1:saml-provider/IdP",
        assertion: &assertion,
        duration: Some(3600),
    };
    let creds = block(sts(&client).assume_role_with_saml(&req)).unwrap();
    assert_eq!(creds.access_key_id, "ASIANEW");
    let body = body_of(&client, 0);
    for part in [
        "Action=AssumeRoleWithSAML",
        "PrincipalArn=arn%3Aaws%3Aiam%3A%3A1%3Asaml-provider%2FIdP",
        "SAMLAssertion=PHNhbWxwOlJlc3BvbnNlLz4%3D",
        "DurationSeconds=3600",
    ] {
        assert!(body.contains(part), "{part} not in {body}");
    }
    let sent = client.actual_requests().next().unwrap();
    assert!(
        sent.headers().get("authorization").is_none(),
        "SAML calls are not signed"
    );

    let err = block(sts(&client).assume_role_with_saml(&req)).unwrap_err();
    let (line, hint) = crate::error::render(&err);
    assert!(
        line.contains("AssumeRoleWithSAML arn:aws:iam::1:role/S") && line.contains("expired"),
        "{line}"
    );
    assert!(hint.unwrap().contains("5 minutes"));
    assert!(
        !line.contains("PHNhbWxw"),
        "the assertion is never shown: {line}"
    );
}
