//! The hook scripts, kept as real files under shell/ (so linters and editors
//! see them as what they are) and embedded in the binary. `roleshift hook
//! SHELL` prints one with the absolute path of this binary in place of
//! `__ROLESHIFT_BIN__`, quoted for that shell: the hook then never depends
//! on PATH, and a path with spaces or quotes cannot break out.

use crate::cli::HookShell;
use crate::shell;

pub const PLACEHOLDER: &str = "__ROLESHIFT_BIN__";

const BASH: &str = include_str!("../../shell/hook.bash");
const ZSH: &str = include_str!("../../shell/hook.zsh");
const FISH: &str = include_str!("../../shell/hook.fish");
const POWERSHELL: &str = include_str!("../../shell/hook.ps1");
const NU: &str = include_str!("../../shell/hook.nu");

pub fn script(sh: HookShell, bin: &str) -> String {
    let (text, quoted) = match sh {
        HookShell::Bash => (BASH, shell::posix_quote(bin).into_owned()),
        HookShell::Zsh => (ZSH, shell::posix_quote(bin).into_owned()),
        HookShell::Fish => (FISH, shell::fish_quote(bin)),
        HookShell::Powershell => (POWERSHELL, shell::powershell_quote(bin)),
        HookShell::Nu => (NU, nu_raw(bin)),
    };
    text.replace(PLACEHOLDER, &quoted)
}

/// A nushell raw string, `r#'...'#`, with more `#` than any run in the
/// text, so nothing inside can end it: nushell processes no escapes there.
pub fn nu_raw(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '#' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}'{s}'{hashes}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [HookShell; 5] = [
        HookShell::Bash,
        HookShell::Zsh,
        HookShell::Fish,
        HookShell::Powershell,
        HookShell::Nu,
    ];

    #[test]
    fn every_script_embeds_the_binary_once_quoted() {
        let bin = "/opt/it's \"odd\" $(x)/roleshift";
        for sh in ALL {
            let s = script(sh, bin);
            assert!(!s.contains(PLACEHOLDER), "{sh:?}");
            assert!(s.contains("hook-env"), "{sh:?}");
            assert!(!s.contains(&format!(" {bin}")), "{sh:?}: unquoted");
        }
        assert!(script(HookShell::Bash, bin).contains(r#"'/opt/it'\''s "odd" $(x)/roleshift'"#));
        assert!(script(HookShell::Fish, bin).contains(r#"'/opt/it\'s "odd" $(x)/roleshift'"#));
        assert!(
            script(HookShell::Powershell, "C:\\a\u{2019}b")
                .contains("('C:\\a' + [char]0x2019 + 'b')")
        );
    }

    #[test]
    fn nu_raw_strings_cannot_be_closed_early() {
        assert_eq!(nu_raw("/bin/roleshift"), "r#'/bin/roleshift'#");
        assert_eq!(nu_raw("a'#b"), "r##'a'#b'##");
        assert_eq!(nu_raw("x'###"), "r####'x'###'####");
    }

    #[test]
    fn the_scripts_pass_every_managed_variable_on() {
        // bash and zsh find the saved variables by prefix; fish, PowerShell
        // and nushell by prefix or from hook-env's data. None may hard-code
        // a list that could fall behind MANAGED.
        for sh in ALL {
            let s = script(sh, "/bin/roleshift");
            assert!(s.contains("__roleshift_old_"), "{sh:?}");
            assert!(!s.contains("AWS_SECRET_ACCESS_KEY"), "{sh:?}");
        }
    }

    #[test]
    fn powershell_hook_snapshot() {
        insta::assert_snapshot!(script(HookShell::Powershell, "/usr/local/bin/roleshift"));
    }

    #[test]
    fn nu_hook_snapshot() {
        insta::assert_snapshot!(script(HookShell::Nu, "/usr/local/bin/roleshift"));
    }
}
