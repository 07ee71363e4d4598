//! PowerShell: single-quoted strings. PowerShell ends such a string at `'` and
//! also at the typographic quotes U+2018–U+201B, so each of them is doubled.

use super::{Action, Change, Dialect, MANAGED, SESSION_VARS};

pub struct PowerShell;

pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

fn names(list: &[&str]) -> String {
    let quoted: Vec<String> = list.iter().map(|n| quote(n)).collect();
    format!("@({})", quoted.join(", "))
}

impl Dialect for PowerShell {
    fn quote(&self, value: &str) -> String {
        quote(value)
    }

    fn export(&self, change: &Change) -> String {
        let mut out = format!(
            "if ($null -eq $global:__roleshift_old) {{\n  $global:__roleshift_old = @{{}}\n  foreach ($n in {}) {{\n    if (Test-Path -LiteralPath \"Env:$n\") {{ $global:__roleshift_old[$n] = [Environment]::GetEnvironmentVariable($n) }}\n  }}\n}}\n",
            names(&MANAGED)
        );
        for name in MANAGED {
            match change.action(name) {
                Action::Set(v) => out.push_str(&format!("$env:{name} = {}\n", quote(v))),
                Action::Remove => out.push_str(&format!(
                    "Remove-Item -LiteralPath Env:{name} -ErrorAction SilentlyContinue\n"
                )),
                Action::Restore => out.push_str(&restore(&format!("'{name}'"))),
            }
        }
        out
    }

    fn unset(&self) -> String {
        format!(
            "if ($null -ne $global:__roleshift_old) {{\n  foreach ($n in {}) {{\n    {}  }}\n  Remove-Variable -Name __roleshift_old -Scope Global\n}} elseif (Test-Path -LiteralPath Env:ROLESHIFT_PROFILE) {{\n  foreach ($n in {}) {{ Remove-Item -LiteralPath \"Env:$n\" -ErrorAction SilentlyContinue }}\n  [Console]::Error.WriteLine('roleshift: removed the inherited session; its earlier values were saved in another shell')\n}}\n",
            names(&MANAGED),
            restore("$n"),
            names(&SESSION_VARS)
        )
    }

    fn set_env(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("$env:{name} = {}\n", quote(v)),
            None => format!("Remove-Item -LiteralPath Env:{name} -ErrorAction SilentlyContinue\n"),
        }
    }

    fn set_local(&self, name: &str, value: Option<&str>) -> String {
        match value {
            Some(v) => format!("$global:{name} = {}\n", quote(v)),
            None => format!("$global:{name} = $null\n"),
        }
    }

    fn drop_inherited(&self) -> String {
        format!(
            "if ($null -eq $global:__roleshift_old -and (Test-Path -LiteralPath Env:ROLESHIFT_PROFILE)) {{\n  foreach ($n in {}) {{ Remove-Item -LiteralPath \"Env:$n\" -ErrorAction SilentlyContinue }}\n}}\n",
            names(&SESSION_VARS)
        )
    }

    fn commit(&self) -> String {
        "$global:__roleshift_busy = $false\n".into()
    }

    fn eval_hint(&self, target: &str) -> String {
        format!(
            "roleshift export {} --format powershell | Out-String | Invoke-Expression",
            quote(target)
        )
    }

    fn hook_script(&self) -> &'static str {
        include_str!("../../shell/hook.ps1")
    }
}

/// `name` is a PowerShell expression: a quoted literal or `$n`.
fn restore(name: &str) -> String {
    format!(
        "if ($global:__roleshift_old.ContainsKey({name})) {{ [Environment]::SetEnvironmentVariable({name}, $global:__roleshift_old[{name}]) }} else {{ Remove-Item -LiteralPath \"Env:$({name})\" -ErrorAction SilentlyContinue }}\n"
    )
}
