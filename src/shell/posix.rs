//! bash and zsh: POSIX single quotes, which carry every byte but `'` literally.

use std::borrow::Cow;

use super::{Action, Change, Dialect, MANAGED, SESSION_VARS};

/// bash and zsh share quoting and statements; only their hook scripts differ.
pub struct Posix {
    hook: &'static str,
}

pub static BASH: Posix = Posix {
    hook: include_str!("../../shell/hook.bash"),
};
pub static ZSH: Posix = Posix {
    hook: include_str!("../../shell/hook.zsh"),
};

use crate::vars::hook::{OLD, SAVED};

fn old(name: &str) -> String {
    format!("{OLD}_{name}")
}

/// Single-quotes a value unless it is plainly safe. `'` becomes `'\''`.
pub fn quote(value: &str) -> Cow<'_, str> {
    // shell-escape leaves a plain word bare and quotes the rest the POSIX way;
    // an empty string becomes ''. It counts `=` as plain, but zsh expands a
    // word that starts with `=` (`=ls` is the path of ls), so such words are
    // quoted too; they hold no `'`, so wrapping them is enough.
    match shell_escape::unix::escape(Cow::Borrowed(value)) {
        Cow::Borrowed(bare) if bare.contains('=') => Cow::Owned(format!("'{bare}'")),
        quoted => quoted,
    }
}

impl Dialect for Posix {
    fn quote(&self, value: &str) -> String {
        quote(value).into_owned()
    }

    fn export(&self, change: &Change) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "if [ -z \"${{{SAVED}+x}}\" ]; then\n  {SAVED}=1\n"
        ));
        for name in MANAGED {
            out.push_str(&format!(
                "  if [ -n \"${{{name}+x}}\" ]; then {}=\"${name}\"; else unset {}; fi\n",
                old(name),
                old(name)
            ));
        }
        out.push_str("fi\n");
        for name in MANAGED {
            match change.action(name) {
                Action::Set(v) => out.push_str(&format!("export {name}={}\n", quote(v))),
                Action::Remove => out.push_str(&format!("unset {name}\n")),
                Action::Restore => out.push_str(&restore(name)),
            }
        }
        out
    }

    fn unset(&self) -> String {
        let mut out = format!("if [ -n \"${{{SAVED}+x}}\" ]; then\n");
        for name in MANAGED {
            out.push_str("  ");
            out.push_str(&restore(name));
        }
        let olds: Vec<String> = MANAGED.iter().map(|n| old(n)).collect();
        out.push_str(&format!("  unset {SAVED} {}\n", olds.join(" ")));
        out.push_str("elif [ -n \"${ROLESHIFT_PROFILE+x}\" ]; then\n");
        out.push_str(&format!("  unset {}\n", SESSION_VARS.join(" ")));
        out.push_str(
            "  printf '%s\\n' 'roleshift: removed the inherited session; its earlier values were saved in another shell' >&2\n",
        );
        out.push_str("fi\n");
        out
    }

    fn set_env(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("export {name}={}\n", quote(v)),
            None => format!("unset {name}\n"),
        }
    }

    fn set_local(&self, name: &str, value: Option<&str>) -> String {
        format!("{name}={}\n", quote(value.unwrap_or("")))
    }

    fn drop_inherited(&self) -> String {
        format!(
            "if [ -z \"${{{SAVED}+x}}\" ] && [ -n \"${{ROLESHIFT_PROFILE+x}}\" ]; then unset {}; fi\n",
            SESSION_VARS.join(" ")
        )
    }

    fn commit(&self) -> String {
        format!("unset {}\n", crate::vars::hook::BUSY)
    }

    fn eval_hint(&self, target: &str) -> String {
        format!("eval \"$(roleshift export {})\"", quote(target))
    }

    fn hook_script(&self) -> &'static str {
        self.hook
    }
}

fn restore(name: &str) -> String {
    let old = old(name);
    format!("if [ -n \"${{{old}+x}}\" ]; then export {name}=\"${old}\"; else unset {name}; fi\n")
}
