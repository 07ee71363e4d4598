//! Which store holds the keys: `ROLESHIFT_KEYS_BACKEND`, else the platform's
//! own store when it answers, else the encrypted file.

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use crate::env::Env;

pub const VAR: &str = "ROLESHIFT_KEYS_BACKEND";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backend {
    SecretService,
    Keychain,
    Wincred,
    File,
}

const ALL: [Backend; 4] = [
    Backend::SecretService,
    Backend::Keychain,
    Backend::Wincred,
    Backend::File,
];

impl Backend {
    /// The name `ROLESHIFT_KEYS_BACKEND` and `keys list` use.
    pub fn name(self) -> &'static str {
        match self {
            Backend::SecretService => "secret-service",
            Backend::Keychain => "keychain",
            Backend::Wincred => "wincred",
            Backend::File => "file",
        }
    }

    /// For messages: what a user calls it.
    pub fn describe(self) -> &'static str {
        match self {
            Backend::SecretService => "Secret Service",
            Backend::Keychain => "macOS Keychain",
            Backend::Wincred => "Windows Credential Manager",
            Backend::File => "encrypted file",
        }
    }

    fn parse(s: &str) -> Option<Backend> {
        ALL.into_iter().find(|b| b.name() == s)
    }

    /// The backend new keys go to. An unusable variable is an error naming
    /// it; without one, the platform's store if it is reachable.
    pub fn chosen(env: &Env) -> Result<Backend> {
        if let Some(v) = env.get(VAR) {
            return match Backend::parse(v) {
                Some(b) => Ok(b),
                None => bail!(
                    "{VAR}: `{}` is not one of secret-service, keychain, wincred, file",
                    v.escape_debug()
                ),
            };
        }
        Ok(platform_default())
    }
}

#[cfg(target_os = "linux")]
fn platform_default() -> Backend {
    match super::secret_service::reachable() {
        Ok(()) => Backend::SecretService,
        Err(why) => {
            tracing::debug!(%why, "no Secret Service; using the encrypted file");
            Backend::File
        }
    }
}

#[cfg(target_os = "macos")]
fn platform_default() -> Backend {
    Backend::Keychain
}

#[cfg(windows)]
fn platform_default() -> Backend {
    Backend::Wincred
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn platform_default() -> Backend {
    Backend::File
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_is_checked_and_named() {
        let env = Env::from_pairs(&[(VAR, "file")]);
        assert_eq!(Backend::chosen(&env).unwrap(), Backend::File);
        let env = Env::from_pairs(&[(VAR, "vault")]);
        let err = Backend::chosen(&env).unwrap_err().to_string();
        assert!(err.starts_with(VAR) && err.contains("vault"), "{err}");
        for b in ALL {
            assert_eq!(Backend::parse(b.name()), Some(b));
        }
    }
}
