//! `roleshift console [TARGET]`: resolve the target, make long-term keys a
//! federation session, and print or open the console sign-in URL.

use anyhow::{Result, anyhow};

use crate::console::{self, Partition};
use crate::env::Env;
use crate::profile::chain::Base;
use crate::request::Request;

/// Signs in as `req`'s session: lands on `destination` (default: the
/// region's console home); `print` prints the URL instead of opening it.
pub fn run(req: &Request, destination: Option<&str>, print: bool, env: &Env) -> Result<()> {
    if let Some(d) = destination {
        crate::http::check_endpoint(d)
            .map_err(|why| crate::error::usage(format!("--destination: {why}")))?;
    }
    let (plan, creds) = crate::resolve::resolve(req, env)?;
    let arn = plan
        .chain
        .roles
        .last()
        .map(|r| r.role_arn.as_str())
        .or(match &plan.chain.base {
            Base::WebIdentity(w) => Some(w.role_arn.as_str()),
            _ => None,
        });
    let region = plan.region.as_deref();
    let partition = Partition::pick(region, arn);
    let federation = console::federation_url(env, partition)?;
    let timeout = crate::http::Limits::from_env(env).timeout;
    let url = crate::resolve::runtime()?.block_on(async {
        let creds = if creds.is_long_term() {
            let sts = crate::sts::Sts::new(region, plan.endpoint.as_deref(), env);
            let name =
                crate::resolve::sanitize_session_name(&crate::resolve::default_session_name(env));
            // GetFederationToken names are at most 32 characters.
            let name: String = name.chars().take(32).collect();
            sts.get_federation_token(&creds, &name, req.duration)
                .await?
        } else {
            creds
        };
        let token = console::signin_token(&federation, &creds, timeout).await?;
        let destination = destination
            .map(str::to_string)
            .unwrap_or_else(|| partition.console_home(region));
        Ok::<_, anyhow::Error>(console::login_url(&federation, &token, &destination))
    })?;
    if print {
        return crate::cmd::print(&format!("{url}\n"));
    }
    let dir = crate::cache::Cache::new(env)
        .map(|c| c.dir().to_path_buf())
        .ok_or_else(|| {
            anyhow!(
                "cannot tell where the cache directory is: neither XDG_CACHE_HOME nor HOME is set"
            )
        })?;
    let page = console::redirect_file(&dir, &url)?;
    let page_url = format!("file://{}", page.display());
    match crate::browser::open(&page_url, env)? {
        true => {
            let line = format!(
                "roleshift: opened the console for {} in the browser",
                plan.label
            );
            eprintln!("{}", crate::sanitize::printable(&line));
            Ok(())
        }
        false => Err(crate::error::with_hint(
            anyhow!("console: no browser to open here (no display, ROLESHIFT_BROWSER or BROWSER)"),
            "use --print and open the URL yourself (it is valid for 15 minutes)",
        )),
    }
}
