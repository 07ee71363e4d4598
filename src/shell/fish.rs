//! fish: single quotes, inside which only `\\` and `\'` are escapes.

use super::{Action, Change, CodeShell, MANAGED, SESSION_VARS};

pub struct Fish;

const SAVED: &str = "__roleshift_saved";

fn old(name: &str) -> String {
    format!("__roleshift_old_{name}")
}

/// `set -e` of a variable that is not set returns 4, which would become the
/// status of `roleshift export X | source; and cmd`; erasing is never a failure.
pub fn erase(names: &str) -> String {
    format!("set -e {names}; or true")
}

pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\\' || c == '\'' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

impl CodeShell for Fish {
    fn export(&self, change: &Change) -> String {
        let mut out = format!("if not set -q {SAVED}\n  set -g {SAVED} 1\n");
        for name in MANAGED {
            let o = old(name);
            out.push_str(&format!(
                "  if set -q {name}; set -g {o} ${name}; else; {}; end\n",
                erase(&format!("-g {o}"))
            ));
        }
        out.push_str("end\n");
        for name in MANAGED {
            match change.action(name) {
                Action::Set(v) => out.push_str(&format!("set -gx {name} {}\n", quote(v))),
                Action::Remove => out.push_str(&format!("{}\n", erase(name))),
                Action::Restore => out.push_str(&restore(name)),
            }
        }
        out
    }

    fn unset(&self) -> String {
        let mut out = format!("if set -q {SAVED}\n");
        for name in MANAGED {
            out.push_str("  ");
            out.push_str(&restore(name));
        }
        let olds: Vec<String> = MANAGED.iter().map(|n| old(n)).collect();
        out.push_str(&format!(
            "  {}\n",
            erase(&format!("-g {SAVED} {}", olds.join(" ")))
        ));
        out.push_str("else if set -q ROLESHIFT_PROFILE\n");
        out.push_str(&format!("  {}\n", erase(&SESSION_VARS.join(" "))));
        out.push_str(
            "  printf '%s\\n' 'roleshift: removed the inherited session; its earlier values were saved in another shell' >&2\n",
        );
        out.push_str("end\n");
        out
    }
}

fn restore(name: &str) -> String {
    let o = old(name);
    format!(
        "if set -q {o}; set -gx {name} ${o}; else; {}; end\n",
        erase(name)
    )
}
