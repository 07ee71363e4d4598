//! Which store holds the keys: `ROLESHIFT_KEYS_BACKEND`, else the platform's
//! own store when it answers, else the encrypted file.

use serde::{Deserialize, Serialize};

use crate::env::Env;

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

    /// The backend new keys go to: the one `ROLESHIFT_KEYS_BACKEND` names
    /// (src/settings.rs has refused any other value before a command runs),
    /// else the platform's store if it is reachable.
    pub fn chosen(env: &Env) -> Backend {
        crate::settings::keys_backend(env)
            .and_then(Backend::parse)
            .unwrap_or_else(platform_default)
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
    fn every_name_the_settings_accept_is_a_backend() {
        assert_eq!(crate::vars::KEYS_BACKENDS.len(), ALL.len());
        for name in crate::vars::KEYS_BACKENDS {
            assert_eq!(Backend::parse(name).map(Backend::name), Some(name));
        }
        let env = Env::from_pairs(&[(crate::vars::KEYS_BACKEND, "file")]);
        assert_eq!(Backend::chosen(&env), Backend::File);
    }
}
