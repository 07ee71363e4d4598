//! `roleshift sso login | logout | populate` (SPEC §10): the commands around
//! an IAM Identity Center session. The work is in `crate::sso`.

use anyhow::{Result, anyhow};

use crate::cli::{SsoCommand, SsoPopulateArgs, SsoSessionArgs};
use crate::env::Env;
use crate::profile::Profiles;
use crate::profile::chain::{Base, walk};
use crate::sso::{self, Session, populate, portal::Portal, token, write};

pub fn run(cmd: &SsoCommand, env: &Env) -> Result<()> {
    match cmd {
        SsoCommand::Login(a) => login(&a.which, a.device_code, env),
        SsoCommand::Logout(a) => logout(a, env),
        SsoCommand::Populate(a) => populate(a, env),
    }
}

fn session(which: &SsoSessionArgs, profiles: &Profiles) -> Result<Session> {
    sso::pick(profiles, which.session.as_deref(), which.target.as_deref())
}

fn login(which: &SsoSessionArgs, device_code: bool, env: &Env) -> Result<()> {
    let profiles = Profiles::load(env)?;
    let s = session(which, &profiles)?;
    let t = crate::resolve::runtime()?.block_on(sso::login::login(&s, env, device_code))?;
    let until = t.expiry().map(crate::creds::rfc3339).unwrap_or_default();
    let renew = if t.refresh_token.is_some() {
        "; roleshift renews it without a browser"
    } else {
        ""
    };
    say(&format!(
        "roleshift: signed in to {} until {until}{renew}",
        s.label()
    ));
    Ok(())
}

fn logout(which: &SsoSessionArgs, env: &Env) -> Result<()> {
    let profiles = Profiles::load(env)?;
    let s = session(which, &profiles)?;
    let path = token::path(env, &s)?;
    if let Ok(Some(t)) = token::read(&path) {
        let portal = Portal::new(&s, env)?;
        let secret = crate::creds::Secret::new(t.access_token);
        // The local token goes whatever the portal says: that is what logout promises.
        if let Err(e) = crate::resolve::runtime()?.block_on(portal.logout(&secret)) {
            tracing::debug!(error = %format!("{e:#}"), "SSO Logout failed");
        }
    }
    let had = token::remove(&path)?;
    let sessions = clear_derived(&s, &profiles, env)?;
    say(&format!(
        "roleshift: signed out of {}: {}, {sessions} cached session(s) removed",
        s.label(),
        if had {
            "token removed"
        } else {
            "there was no token"
        }
    ));
    Ok(())
}

/// Removes the cached sessions of every profile whose chain starts at this
/// SSO session.
fn clear_derived(s: &Session, profiles: &Profiles, env: &Env) -> Result<usize> {
    let Some(cache) = crate::cache::Cache::new(env) else {
        return Ok(0);
    };
    let mut n = 0;
    for name in profiles.names() {
        let Ok(chain) = walk(profiles, name) else {
            continue;
        };
        if let Base::Sso(base) = &chain.base
            && Session::of_profile(base).cache_key() == s.cache_key()
        {
            n += cache.clear(Some(name))?;
        }
    }
    Ok(n)
}

fn populate(a: &SsoPopulateArgs, env: &Env) -> Result<()> {
    populate::check_template(&a.name_template)?;
    let profiles = Profiles::load(env)?;
    let s = session(&a.which, &profiles)?;
    let config = env.config_file().ok_or_else(|| {
        anyhow!("cannot tell where the config file is: neither AWS_CONFIG_FILE nor HOME is set")
    })?;
    // Every listing first: a failure leaves the file untouched.
    let list = crate::resolve::runtime()?.block_on(async {
        let token = token::access_token(&s, env).await?;
        let portal = Portal::new(&s, env)?;
        populate::list(&portal, &token).await
    })?;
    let source = s.cache_key().to_string();
    let label = s.name.clone().unwrap_or_else(|| "sso".into());
    crate::cmd::save::ensure_dir(&config)?;
    let _lock = crate::fsutil::lock(&config)?;
    let old = crate::cmd::save::read(&config)?;
    let text = old.as_deref().unwrap_or("");
    let mut taken = write::taken(text, &source);
    // A `[NAME]` of the credentials file would merge its keys into ours.
    if let Some(c) = env.credentials_file()
        && let Some(creds) = crate::cmd::save::read(&c)?
    {
        taken.extend(creds.lines().filter_map(|l| {
            let name = l.trim().strip_prefix('[')?.strip_suffix(']')?;
            Some(name.trim().to_string())
        }));
    }
    let names = populate::names(&list, &a.name_template, &label, &taken);
    let wanted: Vec<(String, write::Props)> = names
        .into_iter()
        .zip(&list)
        .map(|(name, x)| (name, props(&s, x, a.region.as_deref())))
        .collect();
    let out = write::apply(text, &source, &wanted, a.prune);
    if old.as_deref() != Some(out.text.as_str()) {
        // The config file's mode is the user's choice, as with `save --region`.
        crate::cmd::save::commit(&config, (old, out.text), crate::fsutil::Mode::Keep)?;
    }
    say(&format!(
        "roleshift: {} profiles for {} in {}: {} added, {} updated, {} removed",
        wanted.len(),
        s.label(),
        config.display(),
        out.added,
        out.updated,
        out.removed
    ));
    Ok(())
}

/// A line for the user on stderr: names from the config file and the portal
/// are shown with control characters escaped.
fn say(line: &str) {
    eprintln!("{}", crate::sanitize::printable(line));
}

fn props(s: &Session, x: &populate::Assignment, region: Option<&str>) -> write::Props {
    let mut p: write::Props = match &s.name {
        Some(n) => vec![("sso_session", n.clone())],
        None => vec![
            ("sso_start_url", s.start_url.clone()),
            ("sso_region", s.region.clone()),
        ],
    };
    p.push(("sso_account_id", x.account.id.clone()));
    p.push(("sso_role_name", x.role.clone()));
    if let Some(r) = region {
        p.push(("region", r.to_string()));
    }
    p
}
