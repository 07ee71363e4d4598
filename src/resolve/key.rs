//! Cache keys: everything that shapes a session, written out as text. Two
//! requests that differ in any of these never share a cache entry. Secrets
//! never enter a key: tokens and policies appear only as hashes.

use std::fmt::Write;

use super::Plan;
use crate::cache::digest;
use crate::env::Env;
use crate::profile::chain::{Base, Mfa, Token};
use crate::sts::FALLBACK_REGION;

/// The key of a plan's final session.
pub fn session_key(plan: &Plan, env: &Env) -> String {
    let mut k = String::from("roleshift-session-v1\n");
    let _ = writeln!(k, "base={}", base_identity(&plan.chain.base, env));
    if let Some(m) = &plan.chain.base_mfa {
        let _ = writeln!(k, "mfa={}", m.serial);
        if plan.chain.roles.is_empty() {
            let _ = writeln!(k, "session_duration={}", opt(plan.session_duration));
        }
    }
    for r in &plan.chain.roles {
        let _ = writeln!(
            k,
            "role={} session={} external_id={} duration={} mfa={}",
            r.role_arn,
            r.session_name.as_deref().unwrap_or("(default)"),
            r.external_id.as_deref().unwrap_or("-"),
            opt(r.duration),
            r.mfa.as_ref().map_or("-", |m| m.serial.as_str()),
        );
    }
    let s = &plan.session;
    let _ = writeln!(k, "policy_arns={}", s.policy_arns.join(","));
    let _ = writeln!(
        k,
        "policy={}",
        s.policy.as_deref().map(digest).unwrap_or_default()
    );
    let tags: Vec<String> = s.tags.iter().map(|(a, b)| format!("{a}={b}")).collect();
    let _ = writeln!(k, "tags={}", tags.join(","));
    let _ = writeln!(k, "transitive={}", s.transitive_tags.join(","));
    let _ = writeln!(
        k,
        "source_identity={}",
        s.source_identity.as_deref().unwrap_or("-")
    );
    endpoint_lines(&mut k, plan);
    k
}

/// The key of the session of the chain's base alone: what a plan that
/// targets the base profile itself stores its session under, so a chain
/// reuses it (a SAML sign-in serves the roles assumed from it).
pub fn base_session_key(plan: &Plan, env: &Env) -> String {
    let mut base = plan.clone();
    base.chain.roles.clear();
    base.session = Default::default();
    session_key(&base, env)
}

/// The key of the GetSessionToken session of an MFA device: shared by every
/// role assumed from the same keys with the same device.
pub fn mfa_session_key(
    plan: &Plan,
    access_key_id: &str,
    mfa: &Mfa,
    duration: Option<u32>,
) -> String {
    let mut k = String::from("roleshift-mfa-session-v1\n");
    let _ = writeln!(
        k,
        "base={access_key_id}\nserial={}\nduration={}",
        mfa.serial,
        opt(duration)
    );
    endpoint_lines(&mut k, plan);
    k
}

fn endpoint_lines(k: &mut String, plan: &Plan) {
    let _ = writeln!(
        k,
        "region={}",
        plan.region.as_deref().unwrap_or(FALLBACK_REGION)
    );
    let _ = writeln!(k, "endpoint={}", plan.endpoint.as_deref().unwrap_or("-"));
}

/// Who the first credentials belong to, without any secret.
fn base_identity(base: &Base, env: &Env) -> String {
    match base {
        Base::Keys { access_key_id, .. } => format!("keys:{access_key_id}"),
        Base::Environment => format!("env:{}", env.get("AWS_ACCESS_KEY_ID").unwrap_or("-")),
        Base::Process { command, .. } => format!("process:{}", digest(command)),
        Base::WebIdentity(w) => {
            let token = match &w.token {
                // The token's own hash: another token, or none, is another
                // sign-in and must never get this one's session.
                Token::File(p) => {
                    let text = crate::input::read_small_file(p, "the web identity token file");
                    let token = text.map_or_else(|_| "unreadable".into(), |t| digest(&t));
                    format!("file:{} token:{token}", p.display())
                }
                Token::Literal(t) => format!("token:{}", digest(t.expose())),
            };
            format!(
                "web:{} {} session={} provider={} duration={}",
                w.role_arn,
                token,
                w.session_name.as_deref().unwrap_or("(default)"),
                w.provider_id.as_deref().unwrap_or("-"),
                opt(w.duration)
            )
        }
        // Each assertion is its own sign-in: a new one means a new session,
        // and re-running with the same file within its hour hits the cache.
        Base::Saml(s) => format!(
            "saml:{} {} assertion={} duration={}",
            s.role_arn,
            s.principal_arn,
            digest(s.assertion.expose()),
            opt(s.duration)
        ),
        // The command is what signs in; its output changes every run, so
        // the key names the command, never the assertion it printed.
        Base::SamlProcess(s) => format!(
            "saml-process:{} {} command={} duration={}",
            s.role_arn,
            s.principal_arn.as_deref().unwrap_or("-"),
            digest(&s.command),
            opt(s.duration)
        ),
        Base::Sso(s) => format!("sso:{} {} {}", s.start_url, s.account_id, s.role_name),
        Base::Imds => "imds".into(),
        Base::Ecs => "ecs".into(),
    }
}

fn opt(v: Option<u32>) -> String {
    v.map_or("-".into(), |d| d.to_string())
}
