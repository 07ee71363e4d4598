//! fish: single quotes, inside which only `\\` and `\'` are escapes.

use super::{Action, Change, Dialect, MANAGED, SESSION_VARS};

pub struct Fish;

use crate::vars::hook::{OLD, SAVED};

fn old(name: &str) -> String {
    format!("{OLD}_{name}")
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

impl Dialect for Fish {
    fn quote(&self, value: &str) -> String {
        quote(value)
    }

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

    fn set_env(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("set -gx {name} {}\n", quote(v)),
            None => format!("{}\n", erase(name)),
        }
    }

    fn set_local(&self, name: &str, value: Option<&str>) -> String {
        format!("set -g {name} {}\n", quote(value.unwrap_or("")))
    }

    fn drop_inherited(&self) -> String {
        format!(
            "if not set -q {SAVED}; and set -q ROLESHIFT_PROFILE\n  {}\nend\n",
            erase(&SESSION_VARS.join(" "))
        )
    }

    fn commit(&self) -> String {
        format!("set -e {}\n", crate::vars::hook::BUSY)
    }

    fn eval_hint(&self, target: &str) -> String {
        format!("roleshift export {} --format fish | source", quote(target))
    }

    fn hook_script(&self) -> &'static str {
        include_str!("../../shell/hook.fish")
    }
}

fn restore(name: &str) -> String {
    let o = old(name);
    format!(
        "if set -q {o}; set -gx {name} ${o}; else; {}; end\n",
        erase(name)
    )
}
