//! The process environment, read once and passed around, so that tests can
//! hand the program a map instead of mutating their own environment.

use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: HashMap<String, String>,
}

impl Env {
    /// Snapshot of the real environment. Variables whose name or value is not
    /// UTF-8 are left out: none of the ones roleshift reads can be such.
    pub fn from_process() -> Self {
        let vars = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        Env { vars }
    }

    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Env {
            vars: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// A copy with some variables replaced (Some) or removed (None): the
    /// environment as it would be after a change, without touching the process's.
    pub fn with_vars<I, K>(&self, changes: I) -> Env
    where
        I: IntoIterator<Item = (K, Option<String>)>,
        K: Into<String>,
    {
        let mut vars = self.vars.clone();
        for (name, value) in changes {
            match value {
                Some(v) => vars.insert(name.into(), v),
                None => vars.remove(&name.into()),
            };
        }
        Env { vars }
    }

    /// The names of the variables set, for callers that look for a prefix.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.keys().map(String::as_str)
    }

    /// A variable's value; an empty value counts as unset, as in the AWS SDKs.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A variable's value including an empty one: for restoring exactly.
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    pub fn home(&self) -> Option<PathBuf> {
        self.get("HOME").map(PathBuf::from)
    }

    /// `$AWS_CONFIG_FILE`, else `~/.aws/config`.
    pub fn config_file(&self) -> Option<PathBuf> {
        self.get("AWS_CONFIG_FILE")
            .map(PathBuf::from)
            .or_else(|| Some(self.home()?.join(".aws/config")))
    }

    /// `$AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    pub fn credentials_file(&self) -> Option<PathBuf> {
        self.get("AWS_SHARED_CREDENTIALS_FILE")
            .map(PathBuf::from)
            .or_else(|| Some(self.home()?.join(".aws/credentials")))
    }

    /// `$XDG_DATA_HOME` when absolute (the XDG rule), else `~/.local/share`.
    pub fn data_home(&self) -> Option<PathBuf> {
        self.get("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| Some(self.home()?.join(".local/share")))
    }

    pub fn is_true(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
    }
}
