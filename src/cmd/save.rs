//! `roleshift save`: the credentials into `[NAME]` of the credentials file
//! (and `region` into `[profile NAME]` of the config file), so that
//! `aws --profile NAME` works. SPEC §6: every other byte kept, atomic,
//! locked, 0600, through symlinks, a `.bak` of the previous file, and no
//! section that roleshift did not write is overwritten without --force.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::creds::Credentials;
use crate::env::Env;
use crate::error::{Usage, with_hint};
use crate::fsutil;
use crate::profile::edit::{self, EditError, Upsert};
use crate::request::Request;

/// Keys `save` owns in a credentials section. A long-term key pair has no
/// token or expiration, and a stale one from an earlier save must go.
const CREDENTIAL_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "expiration",
];
const CONFIG_KEYS: &[&str] = &["region"];

/// No AWS file comes close; a larger one is not edited.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Saves the session of `req` as profile `name`; `force` overwrites a
/// section roleshift did not write.
pub fn run(req: &Request, name: &str, force: bool, env: &Env) -> Result<()> {
    check_name(name)?;
    if let Some(r) = &req.region {
        check_value("--region", r).map_err(|e| anyhow!(Usage(e.to_string())))?;
    }
    // Planned first, so that the saved profile gets the region the source
    // profile has (or --region): it must work as the one it came from.
    let profiles = crate::profile::Profiles::load(env)?;
    let plan = crate::resolve::plan::plan(req, &profiles, env)?;
    let region = plan.region.as_deref().filter(|_| plan.export_region);
    if let Some(r) = region {
        check_value("the region", r)?;
    }
    let creds_path = env.credentials_file().ok_or_else(|| {
        anyhow!("cannot tell where the credentials file is: neither AWS_SHARED_CREDENTIALS_FILE nor HOME is set")
    })?;
    let config_path = match region {
        Some(_) => Some(env.config_file().ok_or_else(|| {
            anyhow!("cannot tell where the config file is: neither AWS_CONFIG_FILE nor HOME is set")
        })?),
        None => None,
    };
    if let Some(c) = &config_path
        && fsutil::resolve_link(c) == fsutil::resolve_link(&creds_path)
    {
        bail!("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name the same file; save needs two");
    }
    not_shadowed(env, name)?;

    let creds_target = |h: &str| h == name;
    let config_header = edit::config_header(name);
    let config_target = |h: &str| edit::is_config_profile(h, name);
    let config_props: Vec<(&str, String)> = region
        .map(|r| ("region", r.to_string()))
        .into_iter()
        .collect();
    let config_edit = Upsert {
        is_target: &config_target,
        header: &config_header,
        props: &config_props,
        managed: CONFIG_KEYS,
        // The config profile may hold the user's own settings (output, ...).
        force_clears_all: false,
    };
    // A refusal found now costs no STS call and no MFA code; the same checks
    // run again under the lock, where they count.
    let probe = Upsert {
        is_target: &creds_target,
        header: name,
        props: &[],
        managed: CREDENTIAL_KEYS,
        force_clears_all: true,
    };
    prepare(&creds_path, &probe, name, force)?;
    if let Some(c) = &config_path {
        prepare(c, &config_edit, name, force)?;
    }

    let cache = crate::resolve::CacheUse::new(&req.cache, env);
    let creds = crate::resolve::execute(&plan, &cache, env)?;
    let props = credential_props(&creds)?;
    let creds_edit = Upsert {
        props: &props,
        ..probe
    };

    // Always the credentials file first, so two saves cannot deadlock.
    ensure_dir(&creds_path)?;
    let _creds_lock = fsutil::lock(&creds_path)?;
    let _config_lock = match &config_path {
        Some(c) => {
            ensure_dir(c)?;
            Some(fsutil::lock(c)?)
        }
        None => None,
    };
    // Both edits are computed before either file is written, so a refusal
    // leaves both files as they were.
    let creds_change = prepare(&creds_path, &creds_edit, name, force)?;
    let config_change = match &config_path {
        Some(c) => Some((c, prepare(c, &config_edit, name, force)?)),
        None => None,
    };
    commit(&creds_path, creds_change, fsutil::Mode::Private)?;
    if let Some((c, change)) = config_change {
        commit(c, change, fsutil::Mode::Keep)?;
    }

    let until = creds
        .expiration_rfc3339()
        .map(|e| format!(", valid until {e}"))
        .unwrap_or_default();
    let with_region = region.map(|r| format!(" (region {r})")).unwrap_or_default();
    let line = format!(
        "roleshift: saved {} as profile `{name}`{with_region} in {}{until}; use it with: aws --profile {name} ...",
        plan.label,
        creds_path.display()
    );
    eprintln!("{}", crate::sanitize::printable(&line));
    Ok(())
}

/// A profile name becomes `[NAME]` in an INI file: nothing that could end the
/// line or the header, or that a parser would trim away.
fn check_name(name: &str) -> Result<()> {
    let why = if name.is_empty() {
        Some("it is empty")
    } else if name.chars().any(char::is_control) {
        Some("it holds a control character such as a newline")
    } else if name.contains(['[', ']']) {
        Some("it holds `[` or `]`")
    } else if name.trim() != name {
        Some("it starts or ends with a space")
    } else if name.starts_with(['#', ';']) {
        Some("it starts with a comment character")
    } else {
        None
    };
    match why {
        Some(why) => Err(anyhow!(Usage(format!(
            "--as: `{}` cannot be a profile name: {why}",
            name.escape_debug()
        )))),
        None => Ok(()),
    }
}

/// Values go on one `key = value` line. The message never shows the value:
/// it may be a secret.
fn check_value(what: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        bail!("{what} is empty");
    }
    if value.chars().any(char::is_control) {
        bail!("{what} holds a control character such as a newline, which the file cannot carry");
    }
    if value.trim() != value {
        bail!("{what} starts or ends with whitespace, which readers of the file would drop");
    }
    Ok(())
}

fn credential_props(c: &Credentials) -> Result<Vec<(&'static str, String)>> {
    let mut props = vec![
        ("aws_access_key_id", c.access_key_id.clone()),
        (
            "aws_secret_access_key",
            c.secret_access_key.expose().to_string(),
        ),
    ];
    if let Some(t) = &c.session_token {
        props.push(("aws_session_token", t.expose().to_string()));
    }
    if let Some(e) = c.expiration_rfc3339() {
        props.push(("expiration", e));
    }
    for (k, v) in &props {
        check_value(&format!("the {k} that came back"), v).context("nothing was written")?;
    }
    Ok(props)
}

/// Keys saved under a name whose config profile assumes a role or uses SSO
/// would be ignored: the AWS CLI looks at those settings first.
fn not_shadowed(env: &Env, name: &str) -> Result<()> {
    const SHADOWING: &[&str] = &[
        "role_arn",
        "web_identity_token_file",
        "sso_session",
        "sso_start_url",
    ];
    let Some(path) = env.config_file() else {
        return Ok(());
    };
    let Some(text) = read(&path)? else {
        return Ok(());
    };
    let sections = crate::profile::ini::parse(&text)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let hit = sections
        .iter()
        .filter(|s| edit::is_config_profile(&s.name, name))
        .flat_map(|s| SHADOWING.iter().filter(|k| s.get(k).is_some()))
        .next();
    match hit {
        Some(key) => Err(with_hint(
            anyhow!(
                "profile `{name}` in {} sets {key}, so the AWS CLI would ignore keys saved under that name",
                path.display()
            ),
            "save under another name: roleshift save ... --as NAME",
        )),
        None => Ok(()),
    }
}

/// The file's current text (None when it does not exist) and its new text.
pub(crate) type Change = (Option<String>, String);

fn prepare(path: &Path, u: &Upsert<'_>, name: &str, force: bool) -> Result<Change> {
    let old = read(path)?;
    let new = edit::upsert(old.as_deref().unwrap_or(""), u, force).map_err(|e| match e {
        EditError::Foreign => with_hint(
            anyhow!(
                "[{}] in {} was not written by roleshift; not overwriting it",
                u.header,
                path.display()
            ),
            format!(
                "choose another name, or pass --force to replace it (the old file is kept as {})",
                backup_path(path).display()
            ),
        ),
        EditError::Repeated(n) => with_hint(
            anyhow!(
                "[{}] appears {n} times in {}; not guessing which to change",
                u.header,
                path.display()
            ),
            format!("merge them by hand, or choose another name than `{name}`"),
        ),
    })?;
    Ok((old, new))
}

pub(crate) fn commit(path: &Path, (old, new): Change, mode: fsutil::Mode) -> Result<()> {
    // Checked before the backup, so a refused write changes no file at all.
    fsutil::refuse_read_only(&fsutil::resolve_link(path))?;
    if let Some(old) = old {
        // The seed's `cp -a credentials credentials.bak`, done atomically too.
        // Never through a link: one planted at the `.bak` name is replaced.
        fsutil::atomic_write(&backup_path(path), old.as_bytes())?;
    }
    fsutil::atomic_write_through(path, new.as_bytes(), mode)
}

/// `credentials.bak` beside the path the user knows, even when that path is
/// a symlink into a dotfiles repository.
pub(crate) fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

pub(crate) fn read(path: &Path) -> Result<Option<String>> {
    let what = || format!("cannot read {}", path.display());
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            bail!("cannot edit {}: larger than 8 MiB", path.display())
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(what),
    }
    let bytes = std::fs::read(path).with_context(what)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| anyhow!("byte {} is not UTF-8", e.utf8_error().valid_up_to()))
        .with_context(what)?;
    Ok(Some(text))
}

/// A first save may come before `~/.aws` exists; it is created private.
pub(crate) fn ensure_dir(path: &Path) -> Result<()> {
    let real = fsutil::resolve_link(path);
    match real.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.exists() => fsutil::private_dir(dir),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_cannot_be_a_header_are_usage_errors() {
        for bad in ["", "a\nb", "a\rb", "x]", "[x", " x", "x ", "#x", "a\u{7f}"] {
            let err = check_name(bad).unwrap_err();
            assert!(crate::error::is_usage(&err), "{bad:?}");
        }
        for good in ["prod", "my-profile_1.x", "default", "with space", "é"] {
            check_name(good).unwrap();
        }
    }

    #[test]
    fn bad_values_are_refused_without_showing_them() {
        let err = check_value("the token", "abc\ndef")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("abc"), "{err}");
        assert!(check_value("x", " a").is_err());
        assert!(check_value("x", "").is_err());
        check_value("x", "a/b+c=").unwrap();
    }

    #[test]
    fn backup_sits_beside_the_named_path() {
        assert_eq!(
            backup_path(Path::new("/h/.aws/credentials")),
            Path::new("/h/.aws/credentials.bak")
        );
    }
}
