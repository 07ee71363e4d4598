//! SAML profiles: run the profile's `saml_assertion_process`, read what it
//! printed as a SAMLResponse, pick the profile's (role, provider) pair from it
//! and call AssumeRoleWithSAML.
//!
//! The command runs through `sh -c` with the terminal available (stdin and
//! stderr inherited) so an identity provider's CLI can ask for a password or
//! open a browser; only its stdout is read, at most 1 MiB, and parsed by the
//! same hostile-input parser as `--saml-assertion`. Its output is a bearer
//! credential, so no message quotes it.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::creds::{Credentials, Secret};
use crate::error::with_hint;
use crate::profile::chain::SamlProcess;
use crate::sts::{SamlRequest, Sts};

/// An assertion is good for about five minutes; within one run, profiles
/// that share a command reuse its output for this long instead of signing in
/// again (`exec --each` over the roles of one identity provider).
const REUSE_FOR: Duration = Duration::from_secs(120);

/// With `may_ask` false (a hook's renewal), several fitting roles are an
/// error rather than a question.
pub async fn assume(sts: &Sts, p: &SamlProcess, may_ask: bool) -> Result<Credentials> {
    let what = format!("saml_assertion_process of profile `{}`", p.profile);
    let text = super::shared::once(
        &format!("saml-assertion-process\n{}", p.command),
        |(at, _): &(Instant, Secret)| at.elapsed() < REUSE_FOR,
        || async {
            tracing::debug!(profile = %p.profile, "running saml_assertion_process");
            let out = crate::process::run_capture(&p.command, &what)?;
            Ok((Instant::now(), Secret::new(out)))
        },
    )
    .await?
    .1;
    let a = crate::saml::decode(text.expose()).with_context(|| what.clone())?;
    let pair =
        crate::saml::choose::choose(&a, Some(&p.role_arn), p.principal_arn.as_deref(), may_ask)
            .with_context(|| format!("profile `{}`", p.profile))?;
    let req = SamlRequest {
        role_arn: &pair.role_arn,
        principal_arn: &pair.principal_arn,
        assertion: &a.encoded,
        duration: p.duration.or(a.session_duration),
    };
    sts.assume_role_with_saml(&req).await.map_err(|e| {
        if !crate::sts::errors::is_expired_assertion(&e) {
            return e;
        }
        // The generic advice (copy a fresh SAMLResponse) does not fit a
        // command that just ran: it printed a saved or stale assertion.
        with_hint(
            anyhow::anyhow!(
                "AssumeRoleWithSAML {}: {}",
                pair.role_arn,
                crate::sts::errors::SAML_EXPIRED
            )
            .context(format!("profile `{}`", p.profile)),
            format!(
                "assertions live about 5 minutes, and the {what} printed an older one: make it sign in again instead of printing a saved assertion"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::Env;
    use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};

    fn answer(status: u16, body: &str) -> ReplayEvent {
        ReplayEvent::new(
            http::Request::builder()
                .uri("https://sts.us-east-1.amazonaws.com/")
                .body(aws_smithy_types::body::SdkBody::empty())
                .unwrap(),
            http::Response::builder()
                .status(status)
                .body(aws_smithy_types::body::SdkBody::from(body))
                .unwrap(),
        )
    }

    const ASSERTION: &str = "<Response><Assertion><AttributeStatement>\
        <Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\">\
        <AttributeValue>arn:aws:iam::1:role/R,arn:aws:iam::1:saml-provider/IdP</AttributeValue>\
        </Attribute></AttributeStatement></Assertion></Response>";

    fn profile(command: &str) -> SamlProcess {
        SamlProcess {
            profile: "idp".into(),
            command: command.into(),
            role_arn: "arn:aws:iam::1:role/R".into(),
            principal_arn: None,
            duration: None,
        }
    }

    fn sts_answering(event: ReplayEvent) -> (StaticReplayClient, Sts) {
        let client = StaticReplayClient::new(vec![event]);
        let env = Env::from_pairs(&[("AWS_MAX_ATTEMPTS", "1")]);
        let sts = Sts::with_http(
            aws_sdk_sts::config::SharedHttpClient::new(client.clone()),
            None,
            None,
            &env,
        );
        (client, sts)
    }

    #[test]
    fn an_expired_assertion_names_the_profile_and_its_command() {
        let body = "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredTokenException</Code>\
            <Message>Token must be redeemed within 5 minutes of issuance</Message></Error></ErrorResponse>";
        let (client, sts) = sts_answering(answer(400, body));
        // A unique command, so no other test shares its assertion.
        let cmd = format!("printf '%s' '{ASSERTION}' # expired-test");
        let err = crate::resolve::runtime()
            .unwrap()
            .block_on(assume(&sts, &profile(&cmd), false))
            .unwrap_err();
        let (line, hint) = crate::error::render(&err);
        assert_eq!(
            line,
            "roleshift: profile `idp`: AssumeRoleWithSAML arn:aws:iam::1:role/R: the SAML assertion has expired"
        );
        assert!(hint.unwrap().contains("saml_assertion_process"));
        assert_eq!(client.actual_requests().count(), 1);
    }

    #[test]
    fn output_that_is_not_an_assertion_is_refused_before_any_call() {
        let (client, sts) = sts_answering(answer(500, ""));
        for cmd in ["echo hunter2-not-saml", "exit 4", "yes"] {
            let err = crate::resolve::runtime()
                .unwrap()
                .block_on(assume(&sts, &profile(cmd), false))
                .unwrap_err();
            let (line, _) = crate::error::render(&err);
            assert!(
                line.contains("saml_assertion_process of profile `idp`"),
                "{line}"
            );
            assert!(!line.contains("hunter2"), "output is never quoted: {line}");
        }
        assert_eq!(client.actual_requests().count(), 0);
    }
}
