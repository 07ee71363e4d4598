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
mod nu;
mod posix;
mod powershell;
mod stop;

pub use data::{credential_process_json, dotenv, json, nu};
pub use detect::detect_format;
pub use detect::from_name as format_from_name;
pub use detect::from_variable as shell_variable;
pub use fish::erase as fish_erase;
pub use fish::quote as fish_quote;
pub use nu::raw as nu_raw;
pub use posix::quote as posix_quote;
pub use powershell::quote as powershell_quote;
pub use stop::stop_code;

/// What `export` and `unset` print (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Bash,
    Zsh,
    Fish,
    #[value(alias = "pwsh")]
    Powershell,
    #[value(alias = "nushell")]
    Nu,
    Dotenv,
    Json,
    CredentialProcess,
}

impl Format {
    /// The name the user types (`credential-process`), for messages.
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

/// The shells the hook supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HookShell {
    Bash,
    Zsh,
    Fish,
    #[value(alias = "pwsh")]
    Powershell,
    #[value(alias = "nushell")]
    Nu,
}

pub use crate::vars::{MANAGED, REMOVED, SESSION_VARS};

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

/// What differs between shells that evaluate code, for `export`, `unset`
/// and the hook alike: quoting, setting and removing variables, and the glue
/// the hook needs. Adding such a shell means one file implementing this and
/// one hook script under shell/ (nushell takes data instead: see nu.rs).
pub trait Dialect: Sync {
    /// `value` as one literal word: nothing in it is expanded or executed.
    fn quote(&self, value: &str) -> String;
    /// Saves every managed variable (on the first export of this shell) and
    /// applies `change`; leaves a true status.
    fn export(&self, change: &Change) -> String;
    /// Restores what the first export saved; leaves a true status.
    fn unset(&self) -> String;
    /// Sets (Some) or removes (None) one exported variable.
    fn set_env(&self, name: &str, value: Option<&str>) -> String;
    /// Sets a shell-local (unexported) variable; None clears it.
    fn set_local(&self, name: &str, value: Option<&str>) -> String;
    /// Removes a session this shell inherited without its saved state.
    fn drop_inherited(&self) -> String;
    /// The hook output's last line: clears the mark of an unfinished run.
    fn commit(&self) -> String;
    /// How a user applies `export`'s output for `target` in this shell.
    fn eval_hint(&self, target: &str) -> String;
    /// The hook script (from shell/), with `PLACEHOLDER` for the binary.
    fn hook_script(&self) -> &'static str;
}

/// Where a hook script names the roleshift binary; `hook_script` puts the
/// absolute path there, quoted, so the hook never depends on PATH.
pub const PLACEHOLDER: &str = "__ROLESHIFT_BIN__";

/// The dialect of a code shell; None for data formats.
pub fn dialect(format: Format) -> Option<&'static dyn Dialect> {
    match format {
        Format::Bash => Some(&posix::BASH),
        Format::Zsh => Some(&posix::ZSH),
        Format::Fish => Some(&fish::Fish),
        Format::Powershell => Some(&powershell::PowerShell),
        _ => None,
    }
}

/// The format `export` uses for a hook shell.
pub fn hook_format(sh: HookShell) -> Format {
    match sh {
        HookShell::Bash => Format::Bash,
        HookShell::Zsh => Format::Zsh,
        HookShell::Fish => Format::Fish,
        HookShell::Powershell => Format::Powershell,
        HookShell::Nu => Format::Nu,
    }
}

/// The hook script for `sh`, naming the binary at `bin`.
pub fn hook_script(sh: HookShell, bin: &str) -> String {
    match dialect(hook_format(sh)) {
        Some(d) => d.hook_script().replace(PLACEHOLDER, &d.quote(bin)),
        None => nu::HOOK.replace(PLACEHOLDER, &nu::raw(bin)),
    }
}

/// The text `export` prints for `format`. Fails only where the format cannot
/// carry a value (dotenv and newlines).
pub fn render_export(format: Format, change: &Change) -> Result<String, String> {
    match format {
        Format::Nu | Format::Json => Ok(json(change)),
        Format::Dotenv => dotenv(change),
        Format::CredentialProcess => Err("credential-process is rendered from credentials".into()),
        _ => Ok(dialect(format).expect("code shell").export(change)),
    }
}

/// The text `unset` prints. Data formats cannot see shell-local state, so they
/// clear the session variables when a roleshift session is in the environment.
pub fn render_unset(format: Format, active: bool) -> Result<String, String> {
    if let Some(shell) = dialect(format) {
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
    match (dialect(format), format) {
        (Some(d), _) => Some(d.eval_hint(target)),
        (None, Format::Nu) => Some(nu::eval_hint(target)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
