//! The AWS SDKs' assume-role chain suite (vendored in tests/data/aws-sdk-spec,
//! Apache-2.0, from the AWS SDK for Rust): every case runs as
//! `roleshift credential-process A` against moto, and the recording proxy
//! shows the calls made, hop by hop: which action, which role, session name
//! and external id, and which access key signed each call. A case that
//! expects an error must end in one clear line, before any call.

mod support;

use serde_json::Value;
use support::proxy::{Recorder, Sent};
use support::{Moto, Sandbox, imds, run};

const SUITE: &str = include_str!("data/aws-sdk-spec/assume-role-tests.json");
const TOKEN_PATH: &str = "/var/token.jwt";
const IMDS_KEY: &str = "ASIAIMDSSPECSOURCE";

/// Cases where roleshift, like the AWS CLI, fails where the suite (written
/// for SDK credential and token providers alike) expects a chain. See
/// docs/compatibility.md.
const FOLLOWS_THE_AWS_CLI: &[&str] = &[
    // A profile with only `sso_session` configures the SSO *token* provider;
    // it names no account and role, so it gives no AWS credentials.
    "SSO token profile selected",
];

/// The config file of a case: every profile as `[profile NAME]`, every SSO
/// session as `[sso-session NAME]`.
fn config_of(input: &Value, token: &str) -> String {
    let mut text = String::new();
    for (kind, field) in [("profile", "profiles"), ("sso-session", "sso_sessions")] {
        let Some(sections) = input.get(field).and_then(Value::as_object) else {
            continue;
        };
        for (name, keys) in sections {
            text.push_str(&format!("[{kind} {name}]\n"));
            for (k, v) in keys.as_object().unwrap() {
                let v = v.as_str().unwrap().replace(TOKEN_PATH, token);
                text.push_str(&format!("{k} = {v}\n"));
            }
        }
    }
    text
}

/// A chain that starts with IAM Identity Center: no SSO token is cached in
/// the sandbox, so roleshift must stop there and say to sign in, having
/// called nothing.
fn check_sso(out: &support::Output, sent: &[Sent]) -> Result<(), String> {
    if out.status.success() || !out.stderr.contains("roleshift sso login") || !sent.is_empty() {
        return Err(format!("not the SSO source: {} {sent:?}", out.stderr));
    }
    Ok(())
}

/// Checks the calls against the expected chain; returns what differs.
fn check_chain(chain: &[Value], sent: &[Sent]) -> Result<(), String> {
    let mut signer: Option<String> = None;
    let mut calls = sent.iter();
    for step in chain {
        let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        if let Some(keys) = step.get("AccessKey") {
            signer = field(keys, "access_key_id");
            continue;
        }
        if step.get("NamedSource").is_some() {
            signer = Some(IMDS_KEY.to_string());
            continue;
        }
        let (action, want) = match (step.get("WebIdentityToken"), step.get("AssumeRole")) {
            (Some(w), _) => ("AssumeRoleWithWebIdentity", w),
            (None, Some(a)) => ("AssumeRole", a),
            _ => return Err(format!("unknown step {step}")),
        };
        let call = calls.next().ok_or_else(|| format!("no call for {step}"))?;
        let mut expected = Sent {
            action: action.to_string(),
            role_arn: field(want, "role_arn"),
            external_id: field(want, "external_id"),
            session_name: field(want, "role_session_name").or(call.session_name.clone()),
            duration: call.duration.clone(),
            signed_by: if action == "AssumeRole" {
                signer.clone()
            } else {
                None
            },
            answered_key: call.answered_key.clone(),
        };
        if expected.session_name.is_none() {
            expected.session_name = Some("(missing)".into());
        }
        if &expected != call {
            return Err(format!("expected {expected:?}\n     got {call:?}"));
        }
        signer = call.answered_key.clone();
    }
    match calls.next() {
        Some(extra) => Err(format!("an extra call: {extra:?}")),
        None => Ok(()),
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn every_chain_case_makes_the_calls_the_aws_sdks_make() {
    let moto = Moto::shared();
    let suite: Vec<Value> = serde_json::from_str(SUITE).unwrap();
    assert!(suite.len() >= 20, "the vendored suite is complete");
    let imds = imds::start(IMDS_KEY);
    let mut failures = Vec::new();
    for case in &suite {
        let docs = case["docs"].as_str().unwrap();
        let sb = Sandbox::new();
        let token = sb.path("token.jwt");
        std::fs::write(&token, "eyJ.spec.token\n").unwrap();
        sb.write_config(&config_of(&case["input"], token.to_str().unwrap()));
        let proxy = Recorder::start(&moto.url());
        let selected = case["input"]["selected_profile"].as_str().unwrap();
        let mut cmd = sb.cmd(&["credential-process", selected]);
        cmd.env("AWS_ENDPOINT_URL", proxy.url())
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env_remove("AWS_EC2_METADATA_DISABLED")
            .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds);
        let out = run(&mut cmd);
        let sent = proxy.sent();
        let mut expected = case["output"].get("ProfileChain");
        if FOLLOWS_THE_AWS_CLI.contains(&docs) {
            expected = None;
        }
        let verdict = match expected {
            Some(chain) if chain[0].get("Sso").is_some() => check_sso(&out, &sent),
            Some(chain) if out.status.success() => check_chain(chain.as_array().unwrap(), &sent),
            Some(_) => Err(format!("failed: {}", out.stderr)),
            None if out.status.code() != Some(1) => Err(format!("exit {:?}", out.status)),
            None if !sent.is_empty() => Err(format!("calls before the error: {sent:?}")),
            None => {
                let lines: Vec<&str> = out.stderr.lines().collect();
                match lines.as_slice() {
                    [line] if line.starts_with("roleshift: ") => Ok(()),
                    _ => Err(format!("not one clear line: {}", out.stderr)),
                }
            }
        };
        if let Err(why) = verdict {
            failures.push(format!("{docs}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
