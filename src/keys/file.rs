//! The encrypted-file backend, `$XDG_DATA_HOME/roleshift/keys`, for machines
//! without an OS key store. The file is one age file encrypted to a
//! passphrase (age's scrypt recipient; roleshift adds no cryptography of its
//! own); inside is a JSON map from profile name to key pair. Every write
//! decrypts, changes and re-encrypts the whole file under a lock, then
//! replaces it atomically, so two writers lose nothing.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use age::secrecy::SecretString;
use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{Entry, Store, StoredKeys};
use crate::env::Env;
use crate::vars::KEYS_PASSPHRASE as PASSPHRASE_VAR;

/// A key file this large is not one roleshift wrote.
const MAX_BYTES: u64 = 4 * 1024 * 1024;
const VERSION: u32 = 1;

#[derive(Default, Serialize, Deserialize)]
struct Contents {
    version: u32,
    keys: BTreeMap<String, Entry>,
}

/// The passphrase typed in this process, kept so that the other profiles of
/// `exec --each` and the renewals of `exec --server` do not ask again. Its
/// lock also makes concurrent askers take turns at the terminal. Forgotten
/// when it does not open the file.
static TYPED: Mutex<Option<SecretString>> = Mutex::new(None);

pub struct FileStore {
    path: PathBuf,
    from_env: Option<SecretString>,
    /// False under the no-prompt flag (the hook renewing at a prompt).
    may_ask: bool,
}

impl FileStore {
    pub fn new(env: &Env) -> Result<FileStore> {
        let path = env
            .data_home()
            .ok_or_else(|| {
                anyhow!(
                    "cannot tell where the key file lives: neither XDG_DATA_HOME nor HOME is set"
                )
            })?
            .join("roleshift")
            .join("keys");
        // An empty value was refused by src/settings.rs before any command ran.
        Ok(FileStore {
            path,
            from_env: crate::settings::keys_passphrase(env)
                .map(|p| SecretString::from(p.to_string())),
            may_ask: crate::input::may_ask(env),
        })
    }

    fn passphrase(&self, creating: bool) -> Result<SecretString> {
        if let Some(p) = &self.from_env {
            return Ok(p.clone());
        }
        let mut typed = TYPED.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = typed.as_ref() {
            return Ok(p.clone());
        }
        if !self.may_ask {
            return Err(crate::input::NeedsInput(format!(
                "the passphrase of {}",
                self.path.display()
            ))
            .into());
        }
        let p = self.ask(creating)?;
        *typed = Some(p.clone());
        Ok(p)
    }

    /// A typed passphrase that did not open the file is not tried again.
    fn forget_typed(&self) {
        if self.from_env.is_none() {
            *TYPED.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
    }

    fn ask(&self, creating: bool) -> Result<SecretString> {
        let shown = self.path.display();
        let no_tty = |e: std::io::Error| {
            crate::error::with_hint(
                anyhow!(
                    "the passphrase of {shown} is needed, and there is no terminal to ask on ({e})"
                ),
                format!("set {PASSPHRASE_VAR}, or run roleshift in a terminal"),
            )
        };
        let prompt = if creating {
            format!("New passphrase for {shown}: ")
        } else {
            format!("Passphrase for {shown}: ")
        };
        let first = SecretString::from(rpassword::prompt_password(prompt).map_err(no_tty)?);
        if creating {
            use age::secrecy::ExposeSecret;
            let again = Zeroizing::new(rpassword::prompt_password("Again: ").map_err(no_tty)?);
            if first.expose_secret() != again.as_str() {
                bail!("the two passphrases differ; nothing was stored");
            }
        }
        Ok(first)
    }

    /// The decrypted contents; empty when there is no file yet.
    fn read(&self) -> Result<Contents> {
        let Some(sealed) = super::read_private(&self.path, "the key file", MAX_BYTES)? else {
            return Ok(Contents::default());
        };
        let shown = self.path.display();
        let plain = self.open(&sealed)?;
        let contents: Contents = serde_json::from_slice(&plain)
            .map_err(|_| anyhow!("{shown} decrypts, but not to what roleshift writes"))?;
        if contents.version != VERSION {
            bail!(
                "{shown} has version {}, which this roleshift does not know",
                contents.version
            );
        }
        Ok(contents)
    }

    fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        use age::DecryptError as E;
        let shown = self.path.display();
        let damaged = || anyhow!("{shown} is damaged or was changed: it does not decrypt");
        let decryptor = age::Decryptor::new_buffered(sealed).map_err(|_| damaged())?;
        if !decryptor.is_scrypt() {
            return Err(damaged());
        }
        let identity = age::scrypt::Identity::new(self.passphrase(false)?);
        let mut reader = match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
            Ok(r) => r,
            Err(E::DecryptionFailed | E::NoMatchingKeys | E::KeyDecryptionFailed) => {
                self.forget_typed();
                return Err(crate::error::with_hint(
                    anyhow!("the passphrase does not open {shown} (or the file was changed)"),
                    format!(
                        "check {PASSPHRASE_VAR}, or type the passphrase the file was made with"
                    ),
                ));
            }
            Err(E::ExcessiveWork { required, target }) => bail!(
                "{shown} asks for scrypt work factor {required}, far above this machine's {target}; not trying"
            ),
            Err(_) => return Err(damaged()),
        };
        let mut plain = Zeroizing::new(Vec::new());
        // The payload is authenticated chunk by chunk: a cut or changed body
        // fails here, before any of it is believed.
        reader.read_to_end(&mut plain).map_err(|_| damaged())?;
        Ok(plain)
    }

    fn seal(&self, contents: &Contents) -> Result<Vec<u8>> {
        let plain = Zeroizing::new(serde_json::to_vec(contents).context("cannot encode the keys")?);
        let creating = !self.path.exists();
        let encryptor = age::Encryptor::with_user_passphrase(self.passphrase(creating)?);
        let mut sealed = Vec::new();
        let mut w = encryptor
            .wrap_output(&mut sealed)
            .context("cannot encrypt the keys")?;
        w.write_all(&plain)
            .and_then(|_| w.finish().map(|_| ()))
            .context("cannot encrypt the keys")?;
        Ok(sealed)
    }

    /// Read, change, re-encrypt and replace, under the file's lock.
    fn update<T>(&self, change: impl FnOnce(&mut Contents) -> T) -> Result<T> {
        if let Some(dir) = self.path.parent() {
            crate::fsutil::private_dir(dir)?;
        }
        // The directory is the user's and no one else can write it (checked
        // above), so the lock file beside the key file is the user's too.
        let _lock = crate::fsutil::lock(&self.path)?;
        let mut contents = self.read()?;
        let out = change(&mut contents);
        contents.version = VERSION;
        let sealed = self.seal(&contents)?;
        crate::fsutil::atomic_write(&self.path, &sealed)?;
        Ok(out)
    }
}

impl Store for FileStore {
    fn get(&self, name: &str) -> Result<Option<StoredKeys>> {
        Ok(self.read()?.keys.remove(name).map(StoredKeys::from))
    }

    fn set(&self, name: &str, keys: &StoredKeys) -> Result<()> {
        let entry = Entry {
            access_key_id: keys.access_key_id.clone(),
            secret_access_key: keys.secret_access_key.expose().to_string(),
        };
        self.update(|c| {
            c.keys.insert(name.to_string(), entry);
        })
    }

    fn delete(&self, name: &str) -> Result<bool> {
        self.update(|c| c.keys.remove(name).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::Secret;

    #[test]
    fn without_prompts_a_missing_passphrase_is_input_needed_not_a_prompt() {
        let d = tempfile::tempdir().unwrap();
        let data = d.path().to_str().unwrap();
        let with = Env::from_pairs(&[("XDG_DATA_HOME", data), (PASSPHRASE_VAR, "pw")]);
        let pair = StoredKeys {
            access_key_id: "AKIAEXAMPLE12345".into(),
            secret_access_key: Secret::new("s3cr3t"),
        };
        FileStore::new(&with).unwrap().set("p", &pair).unwrap();
        assert_eq!(FileStore::new(&with).unwrap().get("p").unwrap(), Some(pair));
        // The hook renewing at a prompt: no passphrase in the environment.
        let quiet = crate::input::without_prompts(&Env::from_pairs(&[("XDG_DATA_HOME", data)]));
        let err = FileStore::new(&quiet).unwrap().get("p").unwrap_err();
        assert!(crate::input::needs_input(&err), "{err:#}");
        assert!(err.to_string().contains("passphrase"), "{err:#}");
    }
}
