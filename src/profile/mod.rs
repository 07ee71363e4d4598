//! The profiles of the AWS config and credentials files, merged as the AWS CLI
//! merges them: a `[NAME]` section of the credentials file overrides the keys
//! of `[profile NAME]` in the config file.

pub mod chain;
pub mod edit;
pub mod ini;
#[cfg(test)]
mod spec_tests;
mod suggest;

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::env::Env;
use ini::{Header, Section};

/// Larger files are refused rather than parsed: no real config comes close.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One file's text and its sections, whose bodies are parsed on first use.
/// Names are ranges of the text and lookups scan the list: with thousands
/// of profiles that costs less than building maps a cache hit never needs.
#[derive(Debug, Default)]
struct File {
    path: Option<PathBuf>,
    text: String,
    sections: Vec<Sect>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Profile,
    SsoSession,
}

#[derive(Debug)]
struct Sect {
    kind: Kind,
    /// The profile (or sso-session) name, without `profile ` and trimmed.
    name: Range<usize>,
    header: Header,
    /// On the first section of a name: every section of that name, merged.
    merged: OnceCell<Result<Section, String>>,
}

#[derive(Debug, Default)]
pub struct Profiles {
    config: File,
    credentials: File,
    /// The key store's index (SPEC §12), read only for a profile whose keys
    /// are not in the files.
    key_index: Option<PathBuf>,
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
        if self.has("role_arn") && self.has("web_identity_token_file") {
            "web identity"
        } else if self.has("role_arn")
            && self.has("saml_assertion_process")
            && !self.has("source_profile")
        {
            "saml"
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

impl File {
    fn name(&self, s: &Sect) -> &str {
        &self.text[s.name.clone()]
    }

    /// The merged section of that kind and name: None if there is none, and
    /// an error naming the file and line if it does not parse.
    fn section(&self, kind: Kind, name: &str) -> Option<Result<&Section, &str>> {
        let same = |s: &&Sect| s.kind == kind && self.name(s) == name;
        let first = self.sections.iter().find(same)?;
        let merged = first.merged.get_or_init(|| {
            let mut props = Vec::new();
            for s in self.sections.iter().filter(same) {
                match ini::parse_body(&self.text, &s.header) {
                    Ok(p) => props.extend(p),
                    Err(e) => return Err(format!("cannot read {}: {e}", show(&self.path))),
                }
            }
            Ok(Section {
                name: name.to_string(),
                props,
            })
        });
        Some(merged.as_ref().map_err(String::as_str))
    }
}

impl Profiles {
    pub fn load(env: &Env) -> Result<Self> {
        let mut config = read_file(env.config_file())?;
        config.sections = sections(&config, |name| {
            if let Some(rest) = prefixed(name, "sso-session") {
                return Some((Kind::SsoSession, rest));
            }
            match prefixed(name, "profile") {
                Some(rest) => Some((Kind::Profile, rest)),
                None if name == "default" => Some((Kind::Profile, name)),
                // Other sections ([services x], [plugins]) are not profiles.
                None => None,
            }
        })?;
        drop_shadowed_default(&mut config);
        let mut credentials = read_file(env.credentials_file())?;
        credentials.sections = sections(&credentials, |name| Some((Kind::Profile, name)))?;
        Ok(Profiles {
            config,
            credentials,
            key_index: crate::keys::index::path(env),
        })
    }

    /// `name`'s entry in the key store's index, when it has one.
    pub fn stored_keys(&self, name: &str) -> Result<Option<crate::keys::index::IndexEntry>> {
        match &self.key_index {
            Some(p) => crate::keys::index::Index::at(p.clone()).get(name),
            None => Ok(None),
        }
    }

    pub fn get<'a>(&'a self, name: &'a str) -> Option<Profile<'a>> {
        let mut error = None;
        let mut pick = |file: &'a File| -> Option<&'a Section> {
            match file.section(Kind::Profile, name)? {
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
        self.config.section(Kind::SsoSession, name)?.ok()
    }

    /// The `[sso-session NAME]` names of the config file, in file order.
    pub fn sso_session_names(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        let f = &self.config;
        f.sections
            .iter()
            .filter(|s| s.kind == Kind::SsoSession)
            .map(|s| f.name(s))
            .filter(|n| seen.insert(*n))
            .collect()
    }

    /// Profile names in file order, config first, without repeats.
    pub fn names(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        [&self.config, &self.credentials]
            .into_iter()
            .flat_map(|f| {
                f.sections
                    .iter()
                    .filter(|s| s.kind == Kind::Profile)
                    .map(move |s| f.name(s))
            })
            .filter(|n| seen.insert(*n))
            .collect()
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

/// The name after PREFIX and blanks (`[profile\tfoo]` too), or None: a name
/// with blanks inside (`[profile in valid]`) is no profile, for the AWS CLI
/// and the SDKs alike.
fn prefixed<'a>(section: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = section.strip_prefix(prefix)?;
    let name = rest.trim_start_matches([' ', '\t']);
    let ok = name.len() < rest.len() && !name.is_empty() && !name.contains(char::is_whitespace);
    ok.then_some(name)
}

/// With both `[default]` and `[profile default]` in the config file, the AWS
/// CLI uses the spelling that comes last and ignores the other one.
fn drop_shadowed_default(file: &mut File) {
    let spelling = |s: &Sect| file.text[s.header.name.clone()].starts_with("profile");
    let defaults: Vec<(usize, bool)> = file
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == Kind::Profile && file.name(s) == "default")
        .map(|(i, s)| (i, spelling(s)))
        .collect();
    let Some(&(_, last)) = defaults.last() else {
        return;
    };
    let drop: HashSet<usize> = defaults
        .iter()
        .filter(|(_, prefixed)| *prefixed != last)
        .map(|(i, _)| *i)
        .collect();
    let mut i = 0;
    file.sections.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
}

fn show(p: &Option<PathBuf>) -> String {
    p.as_ref()
        .map_or("(no HOME)".to_string(), |p| p.display().to_string())
}

/// The file's sections that `classify` names, with their kind and name.
fn sections(file: &File, classify: impl Fn(&str) -> Option<(Kind, &str)>) -> Result<Vec<Sect>> {
    let headers =
        ini::index(&file.text).with_context(|| format!("cannot read {}", show(&file.path)))?;
    let base = file.text.as_ptr() as usize;
    Ok(headers
        .into_iter()
        .filter_map(|header| {
            let (kind, name) = classify(&file.text[header.name.clone()])?;
            let name = name.trim();
            let at = name.as_ptr() as usize - base;
            Some(Sect {
                kind,
                name: at..at + name.len(),
                header,
                merged: OnceCell::new(),
            })
        })
        .collect())
}

fn read_file(path: Option<PathBuf>) -> Result<File> {
    let Some(path) = path else {
        return Ok(File::default());
    };
    let text = read_text(&path)?.unwrap_or_default();
    Ok(File {
        path: Some(path),
        text,
        sections: Vec::new(),
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
