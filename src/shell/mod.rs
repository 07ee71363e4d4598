//! Rendering environment changes for shells. The rest of the program only says
//! "set X to V" and "remove X"; each shell file turns that into code, quoting
//! every value for its shell. Quoting is a security boundary: values come from
//! config files, directory names and STS, and must never execute.
//!
//! Restoring works the same way in every code shell: the first export saves the
//! prior value (or absence) of every managed variable into shell-local,
//! unexported variables, and `unset` puts them back. Secrets of the user's own
//! therefore never travel in an exported variable.

mod data;
mod detect;
mod fish;
mod posix;
mod powershell;
mod stop;

pub use data::{credential_process_json, dotenv, json, nu};
pub use detect::detect_format;
pub use detect::from_name as format_from_name;
// The hook (src/hook) quotes its own state with the same functions.
pub use fish::erase as fish_erase;
pub use fish::quote as fish_quote;
pub use posix::quote as posix_quote;
pub use powershell::quote as powershell_quote;
pub use stop::stop_code;

use crate::cli::Format;

/// Every variable export may touch; their prior values are saved and restored.
pub const MANAGED: [&str; 10] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "ROLESHIFT_PROFILE",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SECURITY_TOKEN",
];

/// What `unset` clears in a shell that inherited roleshift's variables but not
/// its saved state (a subshell or a new tmux pane): the credentials, nothing else.
pub const SESSION_VARS: [&str; 5] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "ROLESHIFT_PROFILE",
];

/// Variables that always compete with exported keys and are removed.
pub const REMOVED: [&str; 3] = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SECURITY_TOKEN"];

/// The environment an export produces. Managed variables in neither list go
/// back to their value from before roleshift's first export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub set: Vec<(&'static str, String)>,
    pub remove: Vec<&'static str>,
}

impl Change {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.set
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// What a managed variable becomes.
    fn action(&self, name: &str) -> Action<'_> {
        if let Some(v) = self.value(name) {
            Action::Set(v)
        } else if self.remove.contains(&name) {
            Action::Remove
        } else {
            Action::Restore
        }
    }
}

enum Action<'a> {
    Set(&'a str),
    Remove,
    Restore,
}

/// A shell that evaluates code: each renders save, apply and restore steps.
trait CodeShell {
    fn export(&self, change: &Change) -> String;
    fn unset(&self) -> String;
}

fn code_shell(format: Format) -> Option<&'static dyn CodeShell> {
    match format {
        Format::Bash | Format::Zsh => Some(&posix::Posix),
        Format::Fish => Some(&fish::Fish),
        Format::Powershell => Some(&powershell::PowerShell),
        _ => None,
    }
}

/// The text `export` prints for `format`. Fails only where the format cannot
/// carry a value (dotenv and newlines).
pub fn render_export(format: Format, change: &Change) -> Result<String, String> {
    match format {
        Format::Nu | Format::Json => Ok(json(change)),
        Format::Dotenv => dotenv(change),
        Format::CredentialProcess => Err("credential-process is rendered from credentials".into()),
        _ => Ok(code_shell(format).expect("code shell").export(change)),
    }
}

/// The text `unset` prints. Data formats cannot see shell-local state, so they
/// clear the session variables when a roleshift session is in the environment.
pub fn render_unset(format: Format, active: bool) -> Result<String, String> {
    if let Some(shell) = code_shell(format) {
        return Ok(shell.unset());
    }
    let change = Change {
        set: Vec::new(),
        remove: if active {
            SESSION_VARS.to_vec()
        } else {
            Vec::new()
        },
    };
    match format {
        Format::Nu | Format::Json => Ok(json(&change)),
        Format::Dotenv => Err("dotenv cannot remove variables; use --format json".into()),
        _ => Err("credential-process has no unset form".into()),
    }
}

/// How to apply `export`'s output, for the hint shown when stdout is a terminal.
/// The target is quoted for the shell the hint is written in.
pub fn eval_hint(format: Format, target: &str) -> Option<String> {
    Some(match format {
        Format::Bash | Format::Zsh => {
            format!("eval \"$(roleshift export {})\"", posix::quote(target))
        }
        Format::Fish => format!(
            "roleshift export {} --format fish | source",
            fish::quote(target)
        ),
        Format::Powershell => format!(
            "roleshift export {} --format powershell | Out-String | Invoke-Expression",
            powershell::quote(target)
        ),
        Format::Nu => format!(
            "roleshift export {} --format nu | from json | load-env",
            crate::hook::scripts::nu_raw(target)
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
