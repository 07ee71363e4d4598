//! Man pages, roff, from the clap definitions: clap_mangen's title, synopsis,
//! description and options, then the sections it does not write. The
//! environment table and notes go in no-fill blocks (`.nf`), so groff keeps
//! their columns instead of re-flowing them; every page has EXIT STATUS,
//! FILES and EXAMPLES; and only pages that exist are referred to (no
//! `roleshift-help(1)`).

use std::io::{self, Write};

use clap::Command;

/// The sections after OPTIONS, in man-pages(7) order.
pub fn render(cmd: Command, path: &str, top: bool) -> io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    subcommands(&mut out, &cmd, path, top)?;
    let after = cmd
        .get_after_help()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let (notes, environment) = split_environment(&after);
    if !notes.trim().is_empty() {
        no_fill(&mut out, "NOTES", notes)?;
    }
    no_fill(
        &mut out,
        "ENVIRONMENT",
        environment.unwrap_or("none is read"),
    )?;
    no_fill(&mut out, "EXIT STATUS", exit_status(path))?;
    no_fill(&mut out, "FILES", FILES)?;
    no_fill(&mut out, "EXAMPLES", &examples(path))?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// The subcommands, each named by its page when it has one (the top page's
/// children), else by the words that run it.
fn subcommands(out: &mut Vec<u8>, cmd: &Command, path: &str, top: bool) -> io::Result<()> {
    let subs: Vec<&Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    if subs.is_empty() {
        return Ok(());
    }
    writeln!(out, ".SH SUBCOMMANDS")?;
    for s in subs {
        let name = match top {
            true => escape(&format!("roleshift-{}(1)", s.get_name())),
            false => format!("\\fB{}\\fR", escape(&format!("{path} {}", s.get_name()))),
        };
        let about = s.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(out, ".TP\n{name}\n{}", escape(&about))?;
    }
    Ok(())
}

/// The help's "Environment..." block, apart from the prose before it.
fn split_environment(after: &str) -> (&str, Option<&str>) {
    match after.find("Environment") {
        Some(at) => {
            let (notes, env) = after.split_at(at);
            // The heading line itself becomes the section name.
            let body = env.split_once('\n').map(|(_, b)| b).unwrap_or("");
            let body = if env.starts_with("Environment: none") {
                "none is read"
            } else {
                body
            };
            (notes, Some(body))
        }
        None => (after, None),
    }
}

fn no_fill(out: &mut Vec<u8>, heading: &str, text: &str) -> io::Result<()> {
    writeln!(out, ".SH \"{heading}\"\n.nf")?;
    for line in text.trim_end().lines() {
        writeln!(out, "{}", escape(line))?;
    }
    writeln!(out, ".fi")
}

/// Text as roff shows it literally: backslashes and hyphens escaped, and a
/// line that starts with a control character neutralised.
fn escape(line: &str) -> String {
    let body = line.replace('\\', "\\e").replace('-', "\\-");
    match body.starts_with('.') || body.starts_with('\'') {
        true => format!("\\&{body}"),
        false => body,
    }
}

fn exit_status(path: &str) -> &'static str {
    match path {
        "roleshift exec" => {
            "the command's own exit status, once it runs (roleshift replaces itself with it)
1    roleshift failed before the command ran (one line on stderr says why)
2    a usage error: a wrong option, value or variable
126  the command exists but cannot be run (not executable, a directory)
127  the command was not found (on PATH, or at the path given)"
        }
        "roleshift" => {
            "0    success
1    failure: one line `roleshift: <what>: <why>` on stderr, maybe a hint
2    a usage error: a wrong option, value or variable (e.g. ROLESHIFT_TIMEOUT=abc)
exec exits with its command's status, 126 or 127 when the command cannot run
(see roleshift-exec(1))"
        }
        _ => {
            "0    success
1    failure: one line `roleshift: <what>: <why>` on stderr, maybe a hint
2    a usage error: a wrong option, value or variable (e.g. ROLESHIFT_TIMEOUT=abc)"
        }
    }
}

const FILES: &str = "~/.aws/config, ~/.aws/credentials
     profiles (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move them)
~/.aws/credentials.bak
     the credentials file before the last `save`
$XDG_CACHE_HOME/roleshift/ (default ~/.cache/roleshift/)
     the credential cache: one 0600 file per session; `roleshift cache clear` empties it
$XDG_DATA_HOME/roleshift/trust (default ~/.local/share/roleshift/trust)
     the trust store of `allow` and `deny`
.roleshift.toml
     a directory's role, applied by the shell hook once allowed";

fn examples(path: &str) -> String {
    let lines: &[&str] = match path {
        "roleshift export" => &[
            "eval \"$(roleshift export prod)\" && aws s3 ls   # bash, zsh",
            "roleshift export prod --format fish | source",
            "eval \"$(roleshift export)\"                      # renew the active session",
        ],
        "roleshift unset" => &[
            "eval \"$(roleshift unset)\"",
            "roleshift unset --format fish | source",
        ],
        "roleshift exec" => &[
            "roleshift exec prod -- aws s3 ls",
            "roleshift exec --server prod -- terraform apply",
        ],
        "roleshift credential-process" => &[
            "# in ~/.aws/config:",
            "[profile prod-sdk]",
            "credential_process = roleshift credential-process prod",
        ],
        "roleshift save" => {
            &["roleshift save prod --as prod-static && aws --profile prod-static s3 ls"]
        }
        "roleshift whoami" => &["roleshift whoami prod", "roleshift whoami --json"],
        "roleshift list" => &["roleshift list", "roleshift list --names"],
        "roleshift status" => &["PS1='$(roleshift status) \\$ '"],
        "roleshift hook" => &["eval \"$(roleshift hook bash)\"   # in ~/.bashrc"],
        "roleshift allow" | "roleshift deny" => &["cd ~/src/app && roleshift allow"],
        "roleshift cache" => &["roleshift cache list", "roleshift cache clear prod"],
        "roleshift completions" => {
            &["roleshift completions bash > ~/.local/share/bash-completion/completions/roleshift"]
        }
        "roleshift saml-roles" => &["roleshift saml-roles response.xml"],
        _ => &[
            "eval \"$(roleshift export prod)\" && aws s3 ls",
            "roleshift exec prod -- terraform plan",
            "roleshift whoami prod",
            "roleshift list",
        ],
    };
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_control_characters_are_neutralised() {
        assert_eq!(escape(".TH x"), "\\&.TH x");
        assert_eq!(escape("a-b\\c"), "a\\-b\\ec");
    }

    #[test]
    fn the_environment_block_is_split_from_notes() {
        let (notes, env) = split_environment("Load it.\n\nEnvironment (read):\n  HOME  ~\n");
        assert_eq!(notes, "Load it.\n\n");
        assert_eq!(env, Some("  HOME  ~\n"));
        assert_eq!(
            split_environment("Environment: none is read.").1,
            Some("none is read")
        );
    }
}
