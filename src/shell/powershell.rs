//! PowerShell: single-quoted strings, and nothing but ASCII in the code.
//! PowerShell reads piped text in the console's code page: under cp1252 (or
//! the ISE) the UTF-8 bytes of some characters decode to `‘`/`’`, which end
//! a single-quoted string. So a value with non-ASCII characters becomes an
//! expression, `('ascii' + [char]0x00E9 + ...)`, whose code is pure ASCII
//! whatever the code page; inside the quotes only `'` needs doubling.

use super::{Action, Change, Dialect, MANAGED, SESSION_VARS};

pub struct PowerShell;

/// An ASCII-only PowerShell expression that evaluates to `value`.
pub fn quote(value: &str) -> String {
    if value.is_ascii() {
        return literal(value);
    }
    // Starts with a string, so `+` concatenates rather than adds chars.
    let mut parts = vec![String::new()];
    let mut run = String::new();
    for c in value.chars() {
        if c.is_ascii() {
            run.push(c);
            continue;
        }
        if !run.is_empty() || parts.len() == 1 {
            parts.push(literal(&std::mem::take(&mut run)));
        }
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            parts.push(format!("[char]0x{u:04X}"));
        }
    }
    if !run.is_empty() {
        parts.push(literal(&run));
    }
    format!("({})", parts[1..].join(" + "))
}

/// `'…'` around ASCII text, with each `'` doubled.
fn literal(ascii: &str) -> String {
    format!("'{}'", ascii.replace('\'', "''"))
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
