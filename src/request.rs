//! The request: what the user asked credentials for, as plain data.
//!
//! The command line (src/cli.rs), a directory's `.roleshift.toml` (src/hook)
//! and future front ends all produce a `Request`; planning, the cache policy,
//! the hook and every sink take it, never clap's types. This module imports
//! nothing of the crate: it is the bottom of the layering described in
//! docs/architecture.md.

use std::path::PathBuf;

/// A request for one session. The fields mirror the target options of
/// SPEC §3; `None`/empty means "not given", so profile keys apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// A profile name or a role ARN; None: the active session, then
    /// `$AWS_PROFILE`, then `default`.
    pub target: Option<String>,
    pub role_arn: Option<String>,
    pub source_profile: Option<String>,
    pub session_name: Option<String>,
    /// Seconds.
    pub duration: Option<u32>,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub mfa_code: Option<String>,
    pub policy_arn: Vec<String>,
    /// A file holding a JSON session policy.
    pub policy: Option<PathBuf>,
    pub tag: Vec<(String, String)>,
    pub transitive_tag: Vec<String>,
    pub source_identity: Option<String>,
    /// An OIDC token, or `-` for stdin.
    pub web_identity_token: Option<String>,
    pub web_identity_token_file: Option<PathBuf>,
    pub provider_id: Option<String>,
    /// A SAML assertion source: FILE, `-` or file://PATH.
    pub saml_assertion: Option<String>,
    pub principal_arn: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub cache: CachePolicy,
}

/// How a request may use the credential cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CachePolicy {
    /// Neither read nor write the cache.
    pub no_cache: bool,
    /// Do not read the cache, but store the new session.
    pub refresh: bool,
    /// Seconds: a cached session with less left is renewed (None: the default).
    pub min_ttl: Option<u64>,
}

/// Session options that apply to the last AssumeRole only, once read and
/// checked (the policy file's content, tags matched to transitive keys).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionOptions {
    pub policy_arns: Vec<String>,
    pub policy: Option<String>,
    pub tags: Vec<(String, String)>,
    pub transitive_tags: Vec<String>,
    pub source_identity: Option<String>,
}
