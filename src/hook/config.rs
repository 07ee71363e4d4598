//! `.roleshift.toml`, the role of a directory tree. The hook looks for it in
//! the shell's directory and each parent, and the nearest file wins. It is
//! parsed strictly: an unknown key, a wrong type or a malformed file is one
//! error that names the file and the key, never a panic, and nothing is applied.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use serde::Deserialize;

use crate::request::{CachePolicy, Request};

pub const FILE_NAME: &str = ".roleshift.toml";

/// No real config comes near this; a bigger file is refused before parsing.
const MAX_BYTES: u64 = 64 * 1024;

/// What a `.roleshift.toml` may say. Either `profile`, or an inline
/// `role_arn` (with `source_profile` or the ambient credentials), plus the
/// assume options that shape the session and an optional region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirConfig {
    pub profile: Option<String>,
    pub role_arn: Option<String>,
    pub source_profile: Option<String>,
    pub session_name: Option<String>,
    pub duration: Option<Duration>,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub region: Option<String>,
}

/// `duration = "1h"` or `duration = 3600`, as on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Duration {
    Seconds(i64),
    Text(String),
}

impl DirConfig {
    /// What `ROLESHIFT_PROFILE` will show: the profile, else the role ARN.
    pub fn label(&self) -> &str {
        self.profile
            .as_deref()
            .or(self.role_arn.as_deref())
            .unwrap_or("?")
    }

    fn duration_seconds(&self) -> Result<Option<u32>, String> {
        match &self.duration {
            None => Ok(None),
            Some(Duration::Seconds(n)) => crate::duration::parse_session(&n.to_string()).map(Some),
            Some(Duration::Text(t)) => crate::duration::parse_session(t).map(Some),
        }
    }

    /// The checks serde cannot express. Each message names the key.
    fn validate(&self) -> Result<(), String> {
        let given = [
            ("profile", &self.profile),
            ("role_arn", &self.role_arn),
            ("source_profile", &self.source_profile),
            ("session_name", &self.session_name),
            ("external_id", &self.external_id),
            ("mfa_serial", &self.mfa_serial),
            ("region", &self.region),
        ];
        for (key, value) in given {
            if let Some(v) = value {
                if v.trim().is_empty() {
                    return Err(format!("`{key}` is empty"));
                }
                if v.chars().any(char::is_control) {
                    return Err(format!("`{key}` holds a control character"));
                }
            }
        }
        if self.profile.is_none() && self.role_arn.is_none() {
            return Err("names no role: set `profile`, or `role_arn`".into());
        }
        if self.source_profile.is_some() && (self.role_arn.is_none() || self.profile.is_some()) {
            return Err("`source_profile` goes with `role_arn` and without `profile`".into());
        }
        if let Some(arn) = self.role_arn.as_ref().filter(|a| !a.starts_with("arn:")) {
            return Err(format!("`role_arn` is not an ARN: {arn}"));
        }
        // The region becomes part of a host name and an exported variable.
        let region_char = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
        if let Some(r) = self.region.as_ref().filter(|r| !r.bytes().all(region_char)) {
            return Err(format!("`region` is not a region name: {r}"));
        }
        self.duration_seconds()
            .map_err(|why| format!("`duration`: {why}"))?;
        Ok(())
    }

    /// The target options this config stands for.
    pub fn request(&self, min_ttl: Option<u64>) -> Request {
        Request {
            target: self.profile.clone(),
            role_arn: self.role_arn.clone(),
            source_profile: self.source_profile.clone(),
            session_name: self.session_name.clone(),
            duration: self.duration_seconds().ok().flatten(),
            external_id: self.external_id.clone(),
            mfa_serial: self.mfa_serial.clone(),
            region: self.region.clone(),
            cache: CachePolicy {
                min_ttl,
                ..CachePolicy::default()
            },
            ..Request::default()
        }
    }
}

/// The nearest `.roleshift.toml` at or above `dir`, as a path under `dir`
/// (symlinks kept, so the shell can watch the same path it walked).
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.metadata().is_ok_and(|m| m.is_file()))
}

/// Reads a config's bytes, bounded. Errors name the file.
pub fn read(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    check_owner(&file, path)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_BYTES {
        bail!("{} is larger than 64 KiB", path.display());
    }
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{} is not UTF-8", path.display()))
}

/// A config names the role a shell assumes: one that another user owns, or
/// that sits in a directory others can write (and so replace it), is refused.
/// root's files count as the user's own (root can replace anything anyway).
#[cfg(unix)]
fn check_owner(file: &std::fs::File, path: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let me = crate::owner::me();
    let shown = crate::sanitize::printable(&path.display().to_string()).into_owned();
    let meta = file
        .metadata()
        .map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
    if meta.uid() != me && meta.uid() != 0 {
        bail!(
            "refusing {shown}: it belongs to uid {}, not to you (uid {me})",
            meta.uid()
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let dmeta = std::fs::metadata(dir)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?;
    let mode = dmeta.mode() & 0o7777;
    if mode & 0o022 != 0 || (dmeta.uid() != me && dmeta.uid() != 0) {
        bail!(
            "refusing {shown}: its directory can be written by others (owner uid {}, mode {mode:04o})",
            dmeta.uid()
        );
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owner(_: &std::fs::File, _: &Path) -> Result<()> {
    Ok(())
}

/// Parses a config's text; `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<DirConfig> {
    let cfg: DirConfig = toml::from_str(text).map_err(|e| {
        // toml names the key of an unknown field, not of a wrong value: that
        // one is read off the line the error points at.
        let at = e
            .span()
            .map(|s| match key_at(text, s.start) {
                Some(k) if !e.message().contains("field `") => {
                    format!(" (line {}, key `{k}`)", line_of(text, s.start))
                }
                _ => format!(" (line {})", line_of(text, s.start)),
            })
            .unwrap_or_default();
        anyhow::anyhow!(
            "{}{at}: {}",
            path.display(),
            crate::error::one_line(e.message())
        )
    })?;
    cfg.validate()
        .map_err(|why| anyhow::anyhow!("{}: {why}", path.display()))?;
    Ok(cfg)
}

/// The key on the line holding `offset`: `key = ...` or a table `[key]`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let end = offset.min(text.len());
    let start = text.get(..end)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?.trim();
    let key = match line.split_once('=') {
        Some((key, _)) => key,
        None => line
            .strip_prefix('[')?
            .trim_start_matches('[')
            .split(']')
            .next()?,
    };
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
    plain.then(|| key.to_string())
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The key trust is recorded under: the config's directory with every
/// symlink resolved, joined with the file name. A `.roleshift.toml` that is
/// itself a symlink is trusted for the directory it sits in, so a link to a
/// file trusted elsewhere earns nothing.
pub fn trust_key(path: &Path) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("{} names no file", path.display()))?;
    let dir = std::fs::canonicalize(dir)
        .map_err(|e| anyhow::anyhow!("cannot resolve {}: {e}", dir.display()))?;
    Ok(dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<DirConfig> {
        parse(text, Path::new("/proj/.roleshift.toml"))
    }

    #[test]
    fn a_profile_and_a_region() {
        let c = p("profile = \"prod\"\nregion = \"eu-west-1\"\n").unwrap();
        assert_eq!(c.label(), "prod");
        let a = c.request(Some(300));
        assert_eq!(a.target.as_deref(), Some("prod"));
        assert_eq!(a.region.as_deref(), Some("eu-west-1"));
        assert_eq!(a.cache.min_ttl, Some(300));
    }

    #[test]
    fn an_inline_role_with_assume_options() {
        let c = p(r#"
role_arn = "arn:aws:iam::123456789012:role/Deploy"
source_profile = "base"
session_name = "me"
duration = "1h"
external_id = "x-1"
"#)
        .unwrap();
        let a = c.request(None);
        assert_eq!(a.target, None);
        assert_eq!(
            a.role_arn.as_deref(),
            Some("arn:aws:iam::123456789012:role/Deploy")
        );
        assert_eq!(a.source_profile.as_deref(), Some("base"));
        assert_eq!(a.duration, Some(3600));
        assert_eq!(a.external_id.as_deref(), Some("x-1"));
        assert_eq!(c.label(), "arn:aws:iam::123456789012:role/Deploy");
        let secs = p("profile = \"p\"\nduration = 900\n").unwrap();
        assert_eq!(secs.request(None).duration, Some(900));
    }

    #[test]
    fn an_unknown_key_names_the_key_the_file_and_the_line() {
        let e = p("profile = \"prod\"\nrole = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("/proj/.roleshift.toml"), "{e}");
        assert!(e.contains("`role`"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        assert!(!e.contains('\n'), "one line: {e}");
    }

    #[test]
    fn malformed_and_meaningless_files_are_errors() {
        for (text, want) in [
            ("profile = ", "line 1"),
            ("profile = 3", "profile"),
            ("", "names no role"),
            ("region = \"eu-west-1\"", "names no role"),
            ("profile = \"\"", "`profile` is empty"),
            ("profile = \"a\\nb\"", "control character"),
            ("profile = \"p\"\nsource_profile = \"b\"", "source_profile"),
            ("role_arn = \"Deploy\"", "not an ARN"),
            ("profile = \"p\"\nregion = \"evil.example/#\"", "region"),
            ("profile = \"p\"\nduration = \"2d\"", "duration"),
            ("profile = \"p\"\nduration = 60", "duration"),
            ("profile = \"p\"\nduration = -1", "duration"),
            ("[profile]\nx = 1", "profile"),
        ] {
            let e = p(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
            assert!(e.starts_with("/proj/.roleshift.toml"), "{e}");
        }
    }

    #[test]
    fn the_nearest_file_wins_and_size_is_bounded() {
        let d = tempfile::tempdir().unwrap();
        let deep = d.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find(&deep), None);
        std::fs::write(d.path().join("a").join(FILE_NAME), "profile = \"a\"").unwrap();
        assert_eq!(find(&deep), Some(d.path().join("a").join(FILE_NAME)));
        std::fs::write(deep.join(FILE_NAME), "profile = \"c\"").unwrap();
        assert_eq!(find(&deep), Some(deep.join(FILE_NAME)));
        // A directory with the name is not a config.
        std::fs::create_dir_all(d.path().join("x").join(FILE_NAME)).unwrap();
        assert_eq!(find(&d.path().join("x")), None);

        let big = d.path().join("big.toml");
        std::fs::write(&big, "#".repeat(70 * 1024)).unwrap();
        assert!(read(&big).unwrap_err().to_string().contains("64 KiB"));
        let bad = d.path().join("bad.toml");
        std::fs::write(&bad, b"profile = \"\xff\"").unwrap();
        assert!(read(&bad).unwrap_err().to_string().contains("UTF-8"));
    }

    #[cfg(unix)]
    #[test]
    fn trust_keys_resolve_directory_links_but_not_the_file() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join(FILE_NAME), "profile = \"p\"").unwrap();
        std::os::unix::fs::symlink(&real, d.path().join("link")).unwrap();
        let canon = std::fs::canonicalize(&real).unwrap().join(FILE_NAME);
        let via_link = d.path().join("link").join(FILE_NAME);
        assert_eq!(trust_key(&via_link).unwrap(), canon);
        assert_eq!(trust_key(&real.join(FILE_NAME)).unwrap(), canon);
        // A config that links to a trusted file elsewhere keeps its own key.
        let other = d.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::os::unix::fs::symlink(real.join(FILE_NAME), other.join(FILE_NAME)).unwrap();
        let key = trust_key(&other.join(FILE_NAME)).unwrap();
        assert_eq!(key, std::fs::canonicalize(&other).unwrap().join(FILE_NAME));
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let _ = p(&text);
        }
    }
}
