//! `roleshift whoami`: GetCallerIdentity with the resolved credentials.

use anyhow::Result;

use crate::env::Env;
use crate::request::Request;
use crate::resolve;
use crate::sts::Sts;

pub fn run(t: &Request, json: bool, env: &Env) -> Result<()> {
    // With nothing named, ask about the ambient credentials, as `aws sts
    // get-caller-identity` would.
    let ambient = t.target.is_none()
        && t.role_arn.is_none()
        && t.web_identity_token.is_none()
        && t.web_identity_token_file.is_none()
        && t.saml_assertion.is_none()
        && env.get("AWS_PROFILE").is_none()
        && env.get("AWS_ACCESS_KEY_ID").is_some();
    let (creds, region, endpoint) = if ambient {
        let profiles = crate::profile::Profiles::load(env)?;
        let plan = resolve::plan::plan(t, &profiles, env).ok();
        let region = t.region.clone().or_else(|| {
            env.get("AWS_REGION")
                .or(env.get("AWS_DEFAULT_REGION"))
                .map(str::to_string)
        });
        // Without a plan (no profile at all), the endpoint variables still apply.
        let endpoint = match plan {
            Some(p) => p.endpoint,
            None => resolve::defaults::endpoint(t, env, None)?,
        };
        (resolve::environment(env)?, region, endpoint)
    } else {
        let (plan, creds) = resolve::resolve(t, env)?;
        (creds, plan.region, plan.endpoint)
    };
    let sts = Sts::new(region.as_deref(), endpoint.as_deref(), env);
    let id = resolve::runtime()?.block_on(sts.caller_identity(&creds))?;
    if json {
        super::print(&format!("{}\n", serde_json::to_string(&id)?))
    } else {
        super::print(&format!(
            "Account: {}\nArn:     {}\nUserId:  {}\n",
            id.account, id.arn, id.user_id
        ))
    }
}
