//! What applies when the user names nothing: the active session as the
//! target, and the STS endpoint from the variables and the home profile.

use anyhow::Result;

use crate::env::Env;
use crate::request::Request;

/// With nothing named, a shell's active roleshift session is the target: a
/// second bare `export` renews it instead of switching to `$AWS_PROFILE` or
/// `default`, which the first export removed or never looked at (SPEC §4).
pub fn active_session(args: &Request, env: &Env) -> Result<Option<String>> {
    let named = args.role_arn.is_some()
        || args.source_profile.is_some()
        || args.web_identity_token.is_some()
        || args.web_identity_token_file.is_some()
        || args.saml_assertion.is_some();
    let Some(active) = env.get("ROLESHIFT_PROFILE").filter(|_| !named) else {
        return Ok(None);
    };
    // A role ARN session was assumed from credentials that are now replaced by
    // the session itself; renewing it from them would chain the role to itself.
    if active.starts_with("arn:") {
        return Err(crate::error::usage(format!(
            "the active session is the role {active}, not a profile: name the target (and --source-profile) to renew it"
        )));
    }
    Ok(Some(active.to_string()))
}

/// The STS endpoint: the flag, else `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`,
/// then the home profile's `endpoint_url`. Also used where no plan exists
/// (whoami with credentials from the environment), so every path honours them.
pub fn endpoint(
    args: &Request,
    env: &Env,
    home: Option<&crate::profile::Profile<'_>>,
) -> Result<Option<String>> {
    let ignore_configured = env.is_true("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    let endpoint = args.endpoint_url.clone().or_else(|| {
        if ignore_configured {
            return None;
        }
        env.get("AWS_ENDPOINT_URL_STS")
            .or(env.get("AWS_ENDPOINT_URL"))
            .or(home.and_then(|p| p.get("endpoint_url")))
            .map(str::to_string)
    });
    if let Some(e) = &endpoint {
        crate::http::check_endpoint(e).map_err(|why| match args.endpoint_url {
            Some(_) => crate::error::usage(format!("--endpoint-url: {why}")),
            None => anyhow::anyhow!(
                "the STS endpoint from AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or endpoint_url: {why}"
            ),
        })?;
    }

    Ok(endpoint)
}
