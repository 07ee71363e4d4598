//! The profiles of the AWS config and credentials files, merged as the AWS CLI
//! merges them: a `[NAME]` section of the credentials file overrides the keys
//! of `[profile NAME]` in the config file.

pub mod chain;
pub mod edit;
pub mod ini;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::env::Env;
use ini::{Header, Section};

/// Larger files are refused rather than parsed: no real config comes close.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One file's text, its section headers, and bodies parsed on first use.
#[derive(Debug, Default)]
struct File {
    path: Option<PathBuf>,
    text: String,
    sections: HashMap<String, Lazy>,
}

#[derive(Debug, Default)]
struct Lazy {
    /// A section may appear more than once; later keys win.
    headers: Vec<Header>,
    parsed: OnceCell<Result<Section, String>>,
}

#[derive(Debug, Default)]
pub struct Profiles {
    config: File,
    credentials: File,
    /// `[sso-session NAME]` sections of the config file, by NAME.
    sso_sessions: HashMap<String, Lazy>,
    /// Names in file order, config first, without repeats.
    order: Vec<String>,
}

/// One profile's merged view.
#[derive(Debug, Clone, Copy)]
pub struct Profile<'a> {
    pub name: &'a str,
    config: Option<&'a Section>,
    credentials: Option<&'a Section>,
    error: Option<&'a str>,
}

impl<'a> Profile<'a> {
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.credentials
            .and_then(|s| s.get(key))
            .or_else(|| self.config.and_then(|s| s.get(key)))
            .filter(|v| !v.is_empty())
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Fails if one of the profile's sections could not be parsed.
    pub fn check(&self) -> Result<()> {
        match self.error {
            Some(e) => bail!("{e}"),
            None => Ok(()),
        }
    }

    /// What kind of credentials the profile yields, for `list`.
    pub fn kind(&self) -> &'static str {
        if self.has("role_arn")
            && self.has("web_identity_token_file")
            && !self.has("source_profile")
        {
            "web identity"
        } else if self.has("role_arn") {
            "role"
        } else if self.has("sso_session") || self.has("sso_start_url") {
            "sso"
        } else if self.has("aws_access_key_id") {
            "keys"
        } else if self.has("credential_process") {
            "process"
        } else {
            "none"
        }
    }
}

impl Lazy {
    fn section(&self, file: &File, name: &str) -> Result<&Section, &str> {
        self.parsed
            .get_or_init(|| {
                let mut props = Vec::new();
                for h in &self.headers {
                    match ini::parse_body(&file.text, h) {
                        Ok(p) => props.extend(p),
                        Err(e) => return Err(format!("cannot read {}: {e}", show(&file.path))),
                    }
                }
                Ok(Section {
                    name: name.to_string(),
                    props,
                })
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

impl Profiles {
    pub fn load(env: &Env) -> Result<Self> {
        let mut p = Profiles::default();
        let mut seen = HashSet::new();
        p.config = read_file(env.config_file())?;
        for (name, h) in headers(&p.config)? {
            if let Some(rest) = name.strip_prefix("sso-session ") {
                p.sso_sessions
                    .entry(rest.trim().to_string())
                    .or_default()
                    .headers
                    .push(h);
                continue;
            }
            let name = match name.strip_prefix("profile ") {
                Some(rest) => rest.trim().to_string(),
                None if name == "default" => name,
                // Other sections ([services x], [plugins]) are not profiles.
                None => continue,
            };
            if seen.insert(name.clone()) {
                p.order.push(name.clone());
            }
            p.config.sections.entry(name).or_default().headers.push(h);
        }
        p.credentials = read_file(env.credentials_file())?;
        for (name, h) in headers(&p.credentials)? {
            if seen.insert(name.clone()) {
                p.order.push(name.clone());
            }
            p.credentials
                .sections
                .entry(name)
                .or_default()
                .headers
                .push(h);
        }
        Ok(p)
    }

    pub fn get<'a>(&'a self, name: &'a str) -> Option<Profile<'a>> {
        let mut error = None;
        let mut pick = |file: &'a File| -> Option<&'a Section> {
            let (_, lazy) = file.sections.get_key_value(name)?;
            match lazy.section(file, name) {
                Ok(s) => Some(s),
                Err(e) => {
                    error.get_or_insert(e);
                    None
                }
            }
        };
        let config = pick(&self.config);
        let credentials = pick(&self.credentials);
        if config.is_none() && credentials.is_none() && error.is_none() {
            return None;
        }
        Some(Profile {
            name,
            config,
            credentials,
            error,
        })
    }

    pub fn sso_session(&self, name: &str) -> Option<&Section> {
        self.sso_sessions
            .get(name)?
            .section(&self.config, name)
            .ok()
    }

    pub fn names(&self) -> &[String] {
        &self.order
    }

    /// Where a missing profile was looked for, for error messages.
    pub fn searched(&self) -> String {
        format!(
            "{} and {}",
            show(&self.config.path),
            show(&self.credentials.path)
        )
    }
}

fn show(p: &Option<PathBuf>) -> String {
    p.as_ref()
        .map_or("(no HOME)".to_string(), |p| p.display().to_string())
}

fn headers(file: &File) -> Result<Vec<(String, Header)>> {
    let headers =
        ini::index(&file.text).with_context(|| format!("cannot read {}", show(&file.path)))?;
    Ok(headers.into_iter().map(|h| (h.name.clone(), h)).collect())
}

fn read_file(path: Option<PathBuf>) -> Result<File> {
    let Some(path) = path else {
        return Ok(File::default());
    };
    let text = read_text(&path)?.unwrap_or_default();
    Ok(File {
        path: Some(path),
        text,
        sections: HashMap::new(),
    })
}

/// The file's text without a BOM; None when it does not exist.
fn read_text(path: &Path) -> Result<Option<String>> {
    let what = || format!("cannot read {}", path.display());
    let bytes = match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            bail!("cannot read {}: larger than 8 MiB", path.display())
        }
        Ok(_) => std::fs::read(path).with_context(what)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(what),
    };
    let mut text = String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("byte {} is not UTF-8", e.utf8_error().valid_up_to()))
        .with_context(what)?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(Some(text))
}

/// Test fixture: the profiles of CONFIG and CREDENTIALS, written to a fresh
/// directory that lives as long as the returned guard.
#[cfg(test)]
pub fn load_texts(config: &[u8], credentials: &[u8]) -> (tempfile::TempDir, Result<Profiles>) {
    let dir = tempfile::tempdir().unwrap();
    let (c, k) = (dir.path().join("config"), dir.path().join("credentials"));
    std::fs::write(&c, config).unwrap();
    std::fs::write(&k, credentials).unwrap();
    let env = Env::from_pairs(&[
        ("AWS_CONFIG_FILE", c.to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", k.to_str().unwrap()),
    ]);
    let p = Profiles::load(&env);
    (dir, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(config: &str, creds: &str) -> (tempfile::TempDir, Profiles) {
        let (dir, p) = load_texts(config.as_bytes(), creds.as_bytes());
        (dir, p.unwrap())
    }

    #[test]
    fn credentials_file_overrides_config() {
        let (_d, p) = load(
            "[default]\nregion = a\n[profile prod]\nrole_arn = r\nregion = b\n[sso-session s]\nsso_region = x\n",
            "[prod]\nregion = c\n[only]\naws_access_key_id = AKIA\n",
        );
        assert_eq!(p.get("prod").unwrap().get("region"), Some("c"));
        assert_eq!(p.get("default").unwrap().get("region"), Some("a"));
        assert_eq!(p.get("only").unwrap().kind(), "keys");
        assert_eq!(p.names(), ["default", "prod", "only"]);
        assert!(p.get("s").is_none());
        assert_eq!(p.sso_session("s").unwrap().get("sso_region"), Some("x"));
    }

    #[test]
    fn a_broken_section_fails_only_its_own_profile() {
        let (_d, p) = load("[profile ok]\nregion = a\n[profile bad]\njunk line\n", "");
        assert_eq!(p.get("ok").unwrap().get("region"), Some("a"));
        let err = p.get("bad").unwrap().check().unwrap_err().to_string();
        assert!(
            err.ends_with("config: line 4: expected `key = value`"),
            "{err}"
        );
    }

    #[test]
    fn missing_files_are_empty() {
        let env = Env::from_pairs(&[
            ("AWS_CONFIG_FILE", "/nonexistent/roleshift/config"),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                "/nonexistent/roleshift/credentials",
            ),
        ]);
        assert!(Profiles::load(&env).unwrap().names().is_empty());
    }

    #[test]
    fn invalid_utf8_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("config");
        std::fs::write(&c, b"[default]\nregion = \xff\n").unwrap();
        let env = Env::from_pairs(&[
            ("AWS_CONFIG_FILE", c.to_str().unwrap()),
            ("HOME", "/nonexistent"),
        ]);
        let err = format!("{:#}", Profiles::load(&env).unwrap_err());
        assert!(err.contains("not UTF-8"), "{err}");
    }
}
