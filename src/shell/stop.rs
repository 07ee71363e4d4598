//! What a failed `export` prints for the shell that evaluates it. An empty
//! `eval "$(roleshift export typo)"` succeeds, so `&& aws ...` would run with
//! the old credentials; code that fails stops it in every shell that allows.

use super::Format;

/// Code that leaves a false status (PowerShell: a terminating error), or
/// None for the data formats, whose consumers fail on empty input already.
pub fn stop_code(format: Format) -> Option<&'static str> {
    match format {
        Format::Bash | Format::Zsh | Format::Fish => Some("false\n"),
        Format::Powershell => Some("throw 'roleshift export failed'\n"),
        _ => None,
    }
}
