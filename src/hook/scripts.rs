//! The hook scripts, kept as real files under shell/ (so linters and editors
//! see them as what they are) and embedded in the binary. `roleshift hook
//! SHELL` prints one with the absolute path of this binary in place of
//! `__ROLESHIFT_BIN__`, quoted for that shell: the hook then never depends
//! on PATH, and a path with spaces or quotes cannot break out.

pub use crate::shell::PLACEHOLDER;
pub use crate::shell::hook_script as script;
pub use crate::shell::nu_raw;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::HookShell;

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

    /// Every `__roleshift_*` name a hook script uses is one of src/vars.rs's,
    /// and every code shell's script reads each variable `hook-env` sets: a
    /// name renamed on one side only fails here.
    #[test]
    fn every_hook_script_uses_only_the_names_of_vars_rs() {
        use crate::vars::hook;
        for sh in ALL {
            let text = script(sh, "/bin/roleshift");
            let mut rest = text.as_str();
            while let Some(i) = rest.find("__roleshift_") {
                let tail = &rest[i..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                let name = &tail[..end];
                // A bare prefix (in a comment, or a loop over saved values).
                let prefix = name == "__roleshift_" || name == format!("{}_", hook::OLD);
                assert!(
                    prefix || hook::known(name),
                    "{sh:?} uses {name}, unknown to src/vars.rs"
                );
                rest = &tail[end..];
            }
            if sh != HookShell::Nu {
                for name in hook::FROM_HOOK_ENV.iter().chain([&hook::BUSY]) {
                    assert!(text.contains(name), "{sh:?} never reads {name}");
                }
            }
        }
    }
}
