//! The child of `exec --server` must get the role from the endpoint, but the
//! SDKs (AWS CLI, boto3, JavaScript v3) read the config and credentials files
//! before they ask a container endpoint: keys or a role in `[default]` would
//! silently win. When `[default]` holds such settings, the child gets private
//! copies of both files without them, in a fresh 0700 directory removed when
//! roleshift exits, through AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
//! Everything else stays: the region, the output format, and every other
//! profile, still usable by name. README.md (exec) documents this for users.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::env::Env;
use crate::profile::ini;

/// Settings of `[default]` through which an SDK finds credentials before it
/// asks a container endpoint, or that only matter with those.
const COMPETING: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "role_arn",
    "source_profile",
    "credential_source",
    "role_session_name",
    "external_id",
    "mfa_serial",
    "duration_seconds",
    "credential_process",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
    "sso_region",
];

/// The private copies, removed with the directory when dropped.
pub struct PrivateFiles {
    dir: tempfile::TempDir,
}

impl PrivateFiles {
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn credentials(&self) -> PathBuf {
        self.dir.path().join("credentials")
    }
}

/// Private copies of the two files without `[default]`'s credentials, or
/// None when `[default]` has none (the child then reads the user's files).
pub fn without_default_credentials(env: &Env) -> Result<Option<PrivateFiles>> {
    let read = |p: Option<PathBuf>| -> Result<String> {
        match p {
            Some(p) => read_text(&p),
            None => Ok(String::new()),
        }
    };
    let config = read(env.config_file())?;
    let credentials = read(env.credentials_file())?;
    let is_config_default =
        |h: &str| h == "default" || crate::profile::edit::is_config_profile(h, "default");
    let (config2, c1) = filter(&config, &is_config_default);
    let (credentials2, c2) = filter(&credentials, &|h| h == "default");
    if !c1 && !c2 {
        return Ok(None);
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix("roleshift-exec-");
    let dir = match env.get("XDG_RUNTIME_DIR").map(Path::new) {
        Some(run) if run.is_absolute() && run.is_dir() => builder.tempdir_in(run),
        _ => builder.tempdir(),
    }
    .context("cannot create a private directory for the child's AWS files")?;
    let files = PrivateFiles { dir };
    crate::fsutil::private_dir(files.dir.path())?;
    crate::fsutil::atomic_write(&files.config(), config2.as_bytes())?;
    crate::fsutil::atomic_write(&files.credentials(), credentials2.as_bytes())?;
    Ok(Some(files))
}

fn read_text(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// TEXT without the competing keys (and their continuation lines) in the
/// sections IS_DEFAULT names, read as `ini` reads them; and whether any went.
fn filter(text: &str, is_default: &dyn Fn(&str) -> bool) -> (String, bool) {
    let text = ini::strip_bom(text);
    let mut out = String::with_capacity(text.len());
    let mut in_default = false;
    // The indent of the last key line in a default section, and whether it went.
    let mut above: Option<(usize, bool)> = None;
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let keep = if let Some(after) = t.strip_prefix('[') {
            in_default = ini::header_name(after).is_some_and(|n| is_default(n.trim()));
            above = None;
            true
        } else if !in_default || t.is_empty() || t.starts_with(['#', ';']) {
            true
        } else if let Some((depth, dropped)) = above
            && indent > depth
        {
            !dropped
        } else {
            let key = ini::split_property(t).map(|(k, _)| k.trim().to_ascii_lowercase());
            let dropped = key.is_some_and(|k| COMPETING.contains(&k.as_str()));
            above = Some((indent, dropped));
            !dropped
        };
        if keep {
            out.push_str(line);
        } else {
            changed = true;
        }
    }
    (out, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_defaults_credentials_go() {
        let text = "# top\n[default]\nregion = eu-west-1\naws_access_key_id = AKID\nAWS_Secret_Access_Key=s\n  -cont\noutput = json\n[profile other]\naws_access_key_id = KEEP\n[profile default] ; c\nrole_arn = r\n";
        let (out, changed) = filter(text, &|h| h == "default" || h == "profile default");
        assert!(changed);
        assert_eq!(
            out,
            "# top\n[default]\nregion = eu-west-1\noutput = json\n[profile other]\naws_access_key_id = KEEP\n[profile default] ; c\n"
        );
        let (same, changed) = filter("[default]\nregion = x\n", &|h| h == "default");
        assert!(!changed);
        assert_eq!(same, "[default]\nregion = x\n");
    }
}
