//! An interactive nushell on a pseudo-terminal, driven through tmux as
//! tty.rs drives bash, zsh and fish (e2e_nushell). nushell runs its prompt
//! hooks, pre_prompt and env_change, only in its read-eval loop, which
//! `nu -c` never enters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::tty::read_env;
use super::{Sandbox, tool};

/// An interactive nushell in a tmux of its own, killed when dropped.
pub struct Nu {
    tmux: PathBuf,
    socket: PathBuf,
    cwd: PathBuf,
}

impl Nu {
    /// Starts nushell in cwd/ with the hook installed as docs/hooks.md says:
    /// env.nu saves `roleshift hook nu`, config.nu sources it; `roleshift`
    /// is the binary under test, first on PATH. EXTRA is added to the
    /// sandbox's environment, and WRAP (e.g. strace) runs nushell.
    pub fn start(sb: &Sandbox, extra: &[(&str, &str)], wrap: &[&str]) -> Nu {
        let (nu, tmux) = (tool("nu"), tool("tmux"));
        let dir = sb.path("tty");
        std::fs::create_dir_all(&dir).unwrap();
        let env_nu = "mkdir ($nu.cache-dir | path join roleshift)\n\
             roleshift hook nu | save --force ($nu.cache-dir | path join roleshift hook.nu)\n";
        let config_nu = "$env.PROMPT_COMMAND = {|| '$ ' }\n$env.PROMPT_INDICATOR = ''\n\
             $env.PROMPT_COMMAND_RIGHT = ''\n$env.config.show_banner = false\n\
             source ($nu.cache-dir | path join roleshift hook.nu)\n";
        std::fs::write(dir.join("env.nu"), env_nu).unwrap();
        std::fs::write(dir.join("config.nu"), config_nu).unwrap();
        let bin = Path::new(env!("CARGO_BIN_EXE_roleshift"));
        let path = sb.envs().into_iter().find(|(k, _)| k == "PATH").unwrap().1;
        let path = format!("{}:{path}", bin.parent().unwrap().display());
        let socket = dir.join("tmux.sock");
        let mut cmd = Command::new(&tmux);
        cmd.arg("-S").arg(&socket).args(["-f", "/dev/null"]);
        cmd.args(["new-session", "-d", "-x", "200", "-y", "50", "--"]);
        cmd.args(wrap)
            .arg(&nu)
            .args(["--no-history", "--no-std-lib"]);
        cmd.arg("--env-config").arg(dir.join("env.nu"));
        cmd.arg("--config").arg(dir.join("config.nu"));
        cmd.env_clear().envs(sb.envs()).env("PATH", path);
        cmd.env("TERM", "xterm-256color")
            .envs(extra.iter().copied());
        let out = cmd
            .current_dir(sb.path("cwd"))
            .stdin(Stdio::null())
            .output();
        let out = out.expect("start tmux");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tty = Nu {
            tmux,
            socket,
            cwd: sb.path("cwd"),
        };
        tty.wait(1);
        tty
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new(&self.tmux)
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output();
        String::from_utf8_lossy(&out.expect("run tmux").stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-J", "-t", "0", "-S", "-1000"])
    }

    /// How many prompts were drawn: nushell draws one after each line, once
    /// its hooks have run.
    fn prompts(&self) -> usize {
        let screen = self.screen();
        screen
            .lines()
            .filter(|l| l.starts_with("$ ") || *l == "$")
            .count()
    }

    #[track_caller]
    fn wait(&self, prompts: usize) {
        let end = Instant::now() + Duration::from_secs(30);
        while self.prompts() < prompts {
            assert!(
                Instant::now() < end,
                "no prompt; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types LINE and Enter at a prompt, and waits for the next prompt.
    #[track_caller]
    pub fn line(&self, line: &str) {
        let n = self.prompts();
        self.tmux(&["send-keys", "-t", "0", "-l", line]);
        self.tmux(&["send-keys", "-t", "0", "Enter"]);
        self.wait(n + 1);
    }

    /// Types TEXT (literally) and then the tmux key KEY, e.g. `Tab`, without Enter.
    pub fn type_then(&self, text: &str, key: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", text]);
        self.tmux(&["send-keys", "-t", "0", key]);
    }

    /// Types LINE and Enter without waiting for a prompt (a hook that is
    /// still running, say); `interrupt` then presses Ctrl-C and waits for
    /// the prompt that follows.
    pub fn start_line(&self, line: &str) -> usize {
        let n = self.prompts();
        self.tmux(&["send-keys", "-t", "0", "-l", line]);
        self.tmux(&["send-keys", "-t", "0", "Enter"]);
        n
    }

    #[track_caller]
    pub fn interrupt(&self, prompts_before: usize) {
        self.tmux(&["send-keys", "-t", "0", "C-c"]);
        self.wait(prompts_before + 1);
    }

    /// LINE, then a marker that shows it ran without an error.
    #[track_caller]
    pub fn run(&self, name: &str, line: &str) {
        let done = self.cwd.join(format!("{name}.done"));
        self.line(&format!("{line}; '' | save -f '{}'", done.display()));
        assert!(done.exists(), "`{line}` failed; screen:\n{}", self.screen());
    }

    /// The environment nushell passes to programs, as of this line.
    #[track_caller]
    pub fn probe(&self, name: &str) -> BTreeMap<String, String> {
        let file = self.cwd.join(format!("{name}.env"));
        self.run(name, &format!("^env -0 o> '{}'", file.display()));
        let mut env = read_env(&file);
        // nushell's own bookkeeping, different after every line.
        env.remove("CMD_DURATION_MS");
        env
    }

    /// Who the AWS CLI is, asked from inside nushell.
    #[track_caller]
    pub fn arn(&self, name: &str) -> String {
        let file = self.cwd.join(format!("{name}.arn"));
        let aws = "^aws sts get-caller-identity --query Arn --output text";
        self.run(name, &format!("{aws} o+e> '{}'", file.display()));
        std::fs::read_to_string(file).unwrap().trim().to_string()
    }
}

impl Drop for Nu {
    fn drop(&mut self) {
        super::tty::kill_tmux(&self.tmux, &self.socket);
    }
}
