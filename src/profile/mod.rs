//! The profiles of the AWS config and credentials files, merged as the AWS CLI
//! merges them: a `[NAME]` section of the credentials file overrides the keys
//! of `[profile NAME]` in the config file.

pub mod chain;
pub mod ini;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::env::Env;
use ini::Section;

/// Larger files are refused rather than parsed: no real config comes close.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct Profiles {
    config_path: Option<PathBuf>,
    credentials_path: Option<PathBuf>,
    config: HashMap<String, Section>,
    credentials: HashMap<String, Section>,
    sso_sessions: HashMap<String, Section>,
    /// Names in file order, config first, without repeats.
    order: Vec<String>,
}

/// One profile's merged view.
#[derive(Debug, Clone, Copy)]
pub struct Profile<'a> {
    pub name: &'a str,
    config: Option<&'a Section>,
    credentials: Option<&'a Section>,
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

impl Profiles {
    pub fn load(env: &Env) -> Result<Self> {
        let mut p = Profiles {
            config_path: env.config_file(),
            credentials_path: env.credentials_file(),
            ..Default::default()
        };
        if let Some(path) = p.config_path.clone() {
            for s in read_sections(&path)? {
                if let Some(rest) = s.name.strip_prefix("sso-session ") {
                    let name = rest.trim().to_string();
                    merge(&mut p.sso_sessions, name, s);
                    continue;
                }
                let name = match s.name.strip_prefix("profile ") {
                    Some(rest) => rest.trim().to_string(),
                    None if s.name == "default" => s.name.clone(),
                    // Other sections ([services x], [plugins]) are not profiles.
                    None => continue,
                };
                if !p.order.contains(&name) {
                    p.order.push(name.clone());
                }
                merge(&mut p.config, name, s);
            }
        }
        if let Some(path) = p.credentials_path.clone() {
            for s in read_sections(&path)? {
                let name = s.name.clone();
                if !p.config.contains_key(&name) && !p.credentials.contains_key(&name) {
                    p.order.push(name.clone());
                }
                merge(&mut p.credentials, name, s);
            }
        }
        Ok(p)
    }

    pub fn get<'a>(&'a self, name: &'a str) -> Option<Profile<'a>> {
        let (name, config) = match self.config.get_key_value(name) {
            Some((k, s)) => (k.as_str(), Some(s)),
            None => (name, None),
        };
        let (name, credentials) = match self.credentials.get_key_value(name) {
            Some((k, s)) => (k.as_str(), Some(s)),
            None => (name, None),
        };
        if config.is_none() && credentials.is_none() {
            return None;
        }
        Some(Profile {
            name,
            config,
            credentials,
        })
    }

    pub fn sso_session(&self, name: &str) -> Option<&Section> {
        self.sso_sessions.get(name)
    }

    pub fn names(&self) -> &[String] {
        &self.order
    }

    /// Where a missing profile was looked for, for error messages.
    pub fn searched(&self) -> String {
        let show = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or("(no HOME)".to_string(), |p| p.display().to_string())
        };
        format!(
            "{} and {}",
            show(&self.config_path),
            show(&self.credentials_path)
        )
    }
}

fn merge(map: &mut HashMap<String, Section>, name: String, s: Section) {
    // A repeated section adds to the first; later keys win in Section::get.
    map.entry(name)
        .and_modify(|e| e.props.extend(s.props.iter().cloned()))
        .or_insert(s);
}

fn read_sections(path: &Path) -> Result<Vec<Section>> {
    let what = || format!("cannot read {}", path.display());
    let bytes = match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            bail!("cannot read {}: larger than 8 MiB", path.display())
        }
        Ok(_) => std::fs::read(path).with_context(what)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(what),
    };
    let text = String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("byte {} is not UTF-8", e.utf8_error().valid_up_to()))
        .with_context(what)?;
    ini::parse(&text).with_context(what)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn load(config: &str, creds: &str) -> (tempfile::TempDir, Profiles) {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("config");
        let k = dir.path().join("credentials");
        std::fs::File::create(&c)
            .unwrap()
            .write_all(config.as_bytes())
            .unwrap();
        std::fs::File::create(&k)
            .unwrap()
            .write_all(creds.as_bytes())
            .unwrap();
        let env = Env::from_pairs(&[
            ("AWS_CONFIG_FILE", c.to_str().unwrap()),
            ("AWS_SHARED_CREDENTIALS_FILE", k.to_str().unwrap()),
        ]);
        let p = Profiles::load(&env).unwrap();
        (dir, p)
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
