//! Interactive shells on a pseudo-terminal, driven through tmux: keys go in
//! as a person would type them, and the shell runs its prompt hooks as it
//! does for a person. Each session has its own tmux server (a private socket
//! in the sandbox), killed when dropped.
//!
//! Commands report back through files: `probe(NAME)` types a line that dumps
//! the environment to NAME.env and then creates NAME.done, and waits for it.
//! Lines typed ahead wait in the terminal until the shell reads them, so
//! every prompt (and its hook) runs before the next line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Sandbox, tool};

/// The shells the hook tests drive, and how each loads the hook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bash,
    Zsh,
    Fish,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bash => "bash",
            Kind::Zsh => "zsh",
            Kind::Fish => "fish",
        }
    }

    /// `cd` to the directory held in the exported variable VAR.
    pub fn cd_var(self, var: &str) -> String {
        match self {
            Kind::Fish => format!("cd ${var}"),
            _ => format!("cd \"${var}\""),
        }
    }

    /// The status of the last command, written to FILE.
    pub fn status_to(self, file: &str) -> String {
        match self {
            Kind::Fish => format!("echo $status >{file}"),
            _ => format!("echo $? >{file}"),
        }
    }
}

pub struct Tty {
    tmux: PathBuf,
    socket: PathBuf,
    pub kind: Kind,
    dir: PathBuf,
    /// How the shell was started, to start another one inside it.
    argv: Vec<String>,
}

impl Tty {
    /// Starts KIND interactively in the sandbox's cwd/, with the sandbox's
    /// environment plus EXTRA, after RC (shell code run at startup, after
    /// which the hook is loaded). WRAP (e.g. strace) runs the shell.
    pub fn start(sb: &Sandbox, kind: Kind, rc: &str, extra: &[(&str, &str)], wrap: &[&str]) -> Tty {
        let tmux = tool("tmux");
        let shell = tool(kind.name());
        let dir = sb.path("tty");
        std::fs::create_dir_all(&dir).expect("tty dir");
        let bin = env!("CARGO_BIN_EXE_roleshift");
        let argv: Vec<String> = match kind {
            Kind::Bash => {
                let f = dir.join("bashrc");
                let text = format!("PS1='$ '\n{rc}\neval \"$('{bin}' hook bash)\"\n");
                std::fs::write(&f, text).expect("rc");
                vec![
                    shell.display().to_string(),
                    "--noprofile".into(),
                    "--rcfile".into(),
                    f.display().to_string(),
                    "-i".into(),
                ]
            }
            Kind::Zsh => {
                let f = dir.join(".zshrc");
                let text =
                    format!("PS1='$ '\nunsetopt PROMPT_SP\n{rc}\neval \"$('{bin}' hook zsh)\"\n");
                std::fs::write(&f, text).expect("rc");
                vec![shell.display().to_string(), "-i".into()]
            }
            Kind::Fish => {
                let f = dir.join("rc.fish");
                let text = format!(
                    "function fish_prompt; echo -n '$ '; end\nfunction fish_title; end\nset -g fish_greeting\n{rc}\n'{bin}' hook fish | source\n"
                );
                std::fs::write(&f, text).expect("rc");
                let init = format!("source '{}'", f.display());
                vec![
                    shell.display().to_string(),
                    "--no-config".into(),
                    "--private".into(),
                    "-i".into(),
                    "-C".into(),
                    init,
                ]
            }
        };
        let socket = dir.join("tmux.sock");
        let mut cmd = Command::new(&tmux);
        cmd.arg("-S").arg(&socket).args([
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "200",
            "-y",
            "50",
            "--",
        ]);
        cmd.args(wrap).args(&argv);
        cmd.env_clear().envs(sb.envs()).envs(extra.iter().copied());
        cmd.env("ZDOTDIR", &dir)
            .env("TERM", "xterm-256color")
            .env("ROLESHIFT", bin);
        cmd.current_dir(sb.path("cwd")).stdin(Stdio::null());
        let out = cmd.output().expect("start tmux");
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tty = Tty {
            tmux,
            socket,
            kind,
            dir: sb.path("cwd"),
            argv,
        };
        tty.wait_screen("$ ", Duration::from_secs(20));
        tty
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new(&self.tmux)
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The line that starts a nested shell of the same kind, with the hook.
    pub fn nested(&self) -> String {
        let quoted: Vec<String> = self
            .argv
            .iter()
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        quoted.join(" ")
    }

    /// Types LINE and Enter.
    pub fn line(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", line]);
        self.tmux(&["send-keys", "-t", "0", "Enter"]);
    }

    /// Presses keys by tmux name, e.g. `C-c`.
    pub fn keys(&self, keys: &str) {
        self.tmux(&["send-keys", "-t", "0", keys]);
    }

    /// Everything on the screen and in the scrollback.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-J", "-t", "0", "-S", "-1000"])
    }

    #[track_caller]
    pub fn wait_screen(&self, needle: &str, limit: Duration) {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("`{needle}` never showed up; screen:\n{}", self.screen());
    }

    /// A file in the shell's starting directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Types LINE followed by a marker, and waits until the shell ran both.
    #[track_caller]
    pub fn run(&self, name: &str, line: &str) {
        let done = self.file(&format!("{name}.done"));
        let _ = std::fs::remove_file(&done);
        self.line(&format!("{line}; true >'{}'", done.display()));
        let end = Instant::now() + Duration::from_secs(30);
        while !done.exists() {
            assert!(
                Instant::now() < end,
                "`{line}` did not finish; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The exported environment after the prompts typed so far.
    #[track_caller]
    pub fn probe(&self, name: &str) -> BTreeMap<String, String> {
        let file = self.file(&format!("{name}.env"));
        self.run(name, &format!("env -0 >'{}'", file.display()));
        read_env(&file)
    }

    /// Waits until PATH exists (something the shell writes asynchronously).
    pub fn wait_file(&self, path: &Path) {
        let end = Instant::now() + Duration::from_secs(30);
        while !path.exists() {
            assert!(
                Instant::now() < end,
                "{} never appeared; screen:\n{}",
                path.display(),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        kill_tmux(&self.tmux, &self.socket);
    }
}

/// Ends a tmux server and everything its panes started. Killing the server
/// alone only hangs up the panes, and a shell that survives the hang-up
/// (nushell under strace did) then spins on its dead terminal forever.
pub fn kill_tmux(tmux: &Path, socket: &Path) {
    let panes = Command::new(tmux)
        .arg("-S")
        .arg(socket)
        .args(["list-panes", "-a", "-F", "#{pane_pid}"])
        .stderr(Stdio::null())
        .output();
    if let Ok(out) = panes {
        for pid in String::from_utf8_lossy(&out.stdout).split_whitespace() {
            // Each pane leads its own process group: kill the whole group.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .stderr(Stdio::null())
                .status();
        }
    }
    let _ = Command::new(tmux)
        .arg("-S")
        .arg(socket)
        .arg("kill-server")
        .stderr(Stdio::null())
        .status();
}

/// `env -0` output as a map, without the shell's own bookkeeping.
pub fn read_env(path: &Path) -> BTreeMap<String, String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes)
        .split('\0')
        .filter_map(|e| e.split_once('='))
        .filter(|(k, _)| !["_", "SHLVL", "OLDPWD", "PWD", "TMUX", "TMUX_PANE"].contains(k))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}
