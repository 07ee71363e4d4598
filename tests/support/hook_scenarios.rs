//! The shell hook's behaviour (SPEC §7, issue 5), as scenarios that
//! tests/e2e_hooks_{bash,zsh,fish}.rs run in each real, interactive shell on
//! a pseudo-terminal. Trees live under the sandbox's cwd/: `alpha` names a
//! profile, `beta` an inline role, `plain` has no config, and a directory
//! whose name is full of quotes and command substitutions names `alpha` too.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::tty::{Kind, Tty, read_env};
use super::{Moto, Sandbox, assert_ok, run, tool};

pub const KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub const HOSTILE_DIR: &str = "q'uo\"te $(touch pwned) `touch pwned2` ;{a,b}*? é";

pub struct World {
    pub sb: Sandbox,
    pub moto: &'static Moto,
    pub kind: Kind,
}

impl World {
    pub fn new(kind: Kind) -> World {
        tool(kind.name());
        tool("tmux");
        let moto = Moto::shared();
        let sb = Sandbox::new();
        let s = kind.name();
        sb.write_config(&format!(
            "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
             [profile alpha]\nrole_arn = arn:aws:iam::111100000011:role/Alpha-{s}\nsource_profile = base\n\
             role_session_name = hook-alpha\nregion = eu-west-1\n"
        ));
        let tree = |dir: &str, text: &str| {
            std::fs::create_dir_all(sb.path("cwd").join(dir)).unwrap();
            std::fs::write(sb.path("cwd").join(dir).join(".roleshift.toml"), text).unwrap();
        };
        tree("alpha", "profile = \"alpha\"\n");
        tree(
            "beta",
            &format!(
                "role_arn = \"arn:aws:iam::111100000022:role/Beta-{s}\"\nsource_profile = \"base\"\nsession_name = \"hook-beta\"\n"
            ),
        );
        tree(HOSTILE_DIR, "profile = \"alpha\"\n");
        std::fs::create_dir_all(sb.path("cwd/plain")).unwrap();
        std::fs::create_dir_all(sb.path("cwd/alpha/sub")).unwrap();
        World { sb, moto, kind }
    }

    pub fn allow(&self, dir: &str) {
        let path = self.sb.path("cwd").join(dir);
        assert_ok(&run(&mut self.sb.cmd(&["allow", path.to_str().unwrap()])));
    }

    /// An interactive shell with the hook loaded, the user's own AWS_PROFILE
    /// and AWS_REGION set, and moto as the endpoint of every AWS client.
    pub fn shell(&self, rc: &str, wrap: &[&str]) -> Tty {
        let hostile = self.sb.path("cwd").join(HOSTILE_DIR);
        let url = self.moto.url();
        let extra = [
            ("AWS_ENDPOINT_URL", url.as_str()),
            ("AWS_PROFILE", "mine"),
            ("AWS_REGION", "us-east-2"),
            // The AWS CLI v1 reads only this one.
            ("AWS_DEFAULT_REGION", "us-east-2"),
            ("HOSTILE", hostile.to_str().unwrap()),
        ];
        Tty::start(&self.sb, self.kind, rc, &extra, wrap)
    }

    /// `shell` run under strace, which logs every process the shell starts
    /// to the returned file (read it with `spawns`).
    pub fn shell_under_strace(&self) -> (Tty, std::path::PathBuf) {
        let strace = tool("strace");
        let log = self.sb.path("strace.log");
        let wrap = [
            strace.to_str().unwrap(),
            "-f",
            "-qq",
            "-e",
            "trace=execve,clone,clone3,fork,vfork",
            "-o",
            log.to_str().unwrap(),
        ];
        (self.shell("", &wrap), log)
    }

    /// `roleshift ARGS` as typed in the shell.
    pub fn roleshift(&self, args: &str) -> String {
        match self.kind {
            Kind::Fish => format!("$ROLESHIFT {args}"),
            _ => format!("\"$ROLESHIFT\" {args}"),
        }
    }

    pub fn arn(&self, role: &str, session: &str) -> String {
        let account = if role == "Alpha" {
            "111100000011"
        } else {
            "111100000022"
        };
        format!(
            "arn:aws:sts::{account}:assumed-role/{role}-{}/{session}",
            self.kind.name()
        )
    }
}

/// The AWS CLI's idea of who it is, asked from inside the shell.
pub fn aws_arn(tty: &Tty, name: &str) -> String {
    let file = tty.file(&format!("{name}.arn"));
    let line = format!(
        "aws sts get-caller-identity --query Arn --output text >'{}' 2>&1",
        file.display()
    );
    tty.run(name, &line);
    std::fs::read_to_string(file).unwrap().trim().to_string()
}

pub fn get<'a>(env: &'a BTreeMap<String, String>, k: &str) -> Option<&'a str> {
    env.get(k).map(String::as_str)
}

pub fn untrusted_is_not_applied_until_allow(kind: Kind) {
    let w = World::new(kind);
    let tty = w.shell("", &[]);
    tty.run("cd", "cd alpha");
    tty.line("");
    tty.run("sub", "cd sub");
    let env = tty.probe("untrusted");
    assert_eq!(get(&env, "ROLESHIFT_PROFILE"), None, "{env:#?}");
    assert_eq!(get(&env, "AWS_PROFILE"), Some("mine"));
    let screen = tty.screen();
    assert_eq!(
        screen.matches("is not allowed").count(),
        1,
        "once per change of the file:\n{screen}"
    );

    tty.run("allow", &w.roleshift("allow"));
    let env = tty.probe("allowed");
    assert_eq!(
        get(&env, "ROLESHIFT_PROFILE"),
        Some("alpha"),
        "allow takes effect at the next prompt"
    );
    assert_eq!(get(&env, "AWS_REGION"), Some("eu-west-1"));
    assert_eq!(get(&env, "AWS_PROFILE"), None);
    assert_eq!(aws_arn(&tty, "alpha"), w.arn("Alpha", "hook-alpha"));

    tty.run("deny", &w.roleshift("deny"));
    let env = tty.probe("denied");
    assert_eq!(
        get(&env, "ROLESHIFT_PROFILE"),
        None,
        "deny takes effect at the next prompt"
    );
    assert_eq!(get(&env, "AWS_PROFILE"), Some("mine"));
}

pub fn switching_trees_and_leaving_restores_everything(kind: Kind) {
    let w = World::new(kind);
    w.allow("alpha");
    w.allow("beta");
    let tty = w.shell("", &[]);
    tty.run("plain", "cd plain");
    let before = tty.probe("before");
    assert_eq!(get(&before, "AWS_PROFILE"), Some("mine"));

    tty.run("alpha", "cd ../alpha");
    let alpha = tty.probe("in-alpha");
    assert_eq!(get(&alpha, "ROLESHIFT_PROFILE"), Some("alpha"));
    assert_eq!(aws_arn(&tty, "alpha"), w.arn("Alpha", "hook-alpha"));

    tty.run("beta", "cd ../beta");
    let beta = tty.probe("in-beta");
    let beta_arn = format!("arn:aws:iam::111100000022:role/Beta-{}", kind.name());
    assert_eq!(get(&beta, "ROLESHIFT_PROFILE"), Some(beta_arn.as_str()));
    assert_eq!(
        get(&beta, "AWS_REGION"),
        Some("us-east-2"),
        "beta names no region: the user's own"
    );
    assert_ne!(
        get(&beta, "AWS_ACCESS_KEY_ID"),
        get(&alpha, "AWS_ACCESS_KEY_ID")
    );
    assert_eq!(aws_arn(&tty, "beta"), w.arn("Beta", "hook-beta"));

    tty.run("leave", "cd ../plain");
    let after = tty.probe("after");
    assert_eq!(before, after, "leaving must restore every variable");
}

pub fn a_hostile_directory_name_executes_nothing(kind: Kind) {
    let w = World::new(kind);
    w.allow(HOSTILE_DIR);
    let tty = w.shell("", &[]);
    let before = tty.probe("before");
    tty.run("enter", &kind.cd_var("HOSTILE"));
    let inside = tty.probe("inside");
    assert_eq!(
        get(&inside, "ROLESHIFT_PROFILE"),
        Some("alpha"),
        "{}",
        tty.screen()
    );
    tty.run("leave", "cd ..");
    assert_eq!(tty.probe("after"), before);
    let cwd = w.sb.path("cwd");
    let ran = ["pwned", "pwned2"]
        .iter()
        .any(|f| cwd.join(f).exists() || cwd.join(HOSTILE_DIR).join(f).exists());
    assert!(!ran, "a directory name was executed");
}

pub fn an_edit_blocks_the_file_again(kind: Kind) {
    let w = World::new(kind);
    w.allow("alpha");
    let tty = w.shell("", &[]);
    tty.run("enter", "cd alpha");
    assert_eq!(get(&tty.probe("in"), "ROLESHIFT_PROFILE"), Some("alpha"));
    if kind == Kind::Fish {
        // fish's `path mtime` counts whole seconds (see shell/hook.fish).
        std::thread::sleep(Duration::from_millis(1100));
    }
    let cfg = w.sb.path("cwd/alpha/.roleshift.toml");
    std::fs::write(&cfg, "profile = \"alpha\"\nregion = \"us-west-2\"\n").unwrap();
    // The edit is noticed at the next prompt: the line typed after it runs first.
    tty.line("");
    let env = tty.probe("edited");
    assert_eq!(
        get(&env, "ROLESHIFT_PROFILE"),
        None,
        "an edit needs a new allow"
    );
    assert_eq!(get(&env, "AWS_PROFILE"), Some("mine"));
    assert!(
        tty.screen().contains("changed; its role is removed"),
        "{}",
        tty.screen()
    );
    tty.run("allow", &w.roleshift("allow"));
    let env = tty.probe("reallowed");
    assert_eq!(get(&env, "AWS_REGION"), Some("us-west-2"));
}

pub fn the_exit_status_survives_the_hook(kind: Kind) {
    let w = World::new(kind);
    w.allow("alpha");
    let tty = w.shell("", &[]);
    // The prompt after this line runs hook-env (the directory changed)...
    tty.line("cd alpha; sh -c 'exit 7'");
    let f = tty.file("st1");
    tty.run("st1", &kind.status_to(&f.display().to_string()));
    // ...and after this one it starts nothing.
    tty.line("sh -c 'exit 5'");
    let g = tty.file("st2");
    tty.run("st2", &kind.status_to(&g.display().to_string()));
    assert_eq!(std::fs::read_to_string(f).unwrap().trim(), "7");
    assert_eq!(std::fs::read_to_string(g).unwrap().trim(), "5");
}

pub fn a_nested_shell_rechecks_what_it_inherited(kind: Kind) {
    let w = World::new(kind);
    w.allow("alpha");
    let tty = w.shell("", &[]);
    tty.run("enter", "cd alpha");
    let parent = tty.probe("parent");
    assert_eq!(get(&parent, "ROLESHIFT_PROFILE"), Some("alpha"));

    // The child inherits the session but not the hook's state: its first
    // prompt applies the tree anew (from the cache) instead of trusting it.
    tty.line(&tty.nested());
    let child = tty.probe("child");
    assert_eq!(get(&child, "ROLESHIFT_PROFILE"), Some("alpha"));
    assert_eq!(
        get(&child, "AWS_ACCESS_KEY_ID"),
        get(&parent, "AWS_ACCESS_KEY_ID")
    );
    assert_eq!(aws_arn(&tty, "child"), w.arn("Alpha", "hook-alpha"));
    // Leaving in the child must not bring back the parent's session.
    tty.run("leave", "cd ../plain");
    let left = tty.probe("child-left");
    assert_eq!(get(&left, "AWS_ACCESS_KEY_ID"), None, "{left:#?}");
    assert_eq!(get(&left, "ROLESHIFT_PROFILE"), None);

    tty.line("exit");
    let back = tty.probe("back");
    assert_eq!(back, parent, "the parent shell is untouched");
}

/// Lines of an strace log that start a process.
pub fn spawns(log: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| {
            ["execve(", "clone(", "clone3(", "fork(", "vfork("]
                .iter()
                .any(|s| l.contains(s))
        })
        // A thread (fish has a few) is not a process.
        .filter(|l| !l.contains("CLONE_THREAD"))
        .map(str::to_string)
        .collect()
}

pub fn an_idle_prompt_starts_no_process(kind: Kind) {
    let w = World::new(kind);
    w.allow("alpha");
    let (tty, log) = w.shell_under_strace();
    tty.run("enter", "cd alpha");
    // The hook runs at the prompt after a line: one more line makes sure
    // it has, before counting.
    tty.run("entered", "true");
    std::thread::sleep(Duration::from_millis(300));
    let started = spawns(&log).len();
    // Plain Enter, builtins, and a cd within the tree that the hook must not
    // act on... except the cd, which runs hook-env once.
    for _ in 0..5 {
        tty.line("");
    }
    tty.run("idle", "true");
    std::thread::sleep(Duration::from_millis(300));
    let idle = spawns(&log);
    assert_eq!(
        idle.len(),
        started,
        "idle prompts started processes:\n{}",
        idle[started..].join("\n")
    );

    tty.run("cd", "cd sub");
    for _ in 0..3 {
        tty.line("");
    }
    tty.run("idle2", "true");
    std::thread::sleep(Duration::from_millis(300));
    let after = spawns(&log);
    let new: Vec<_> = after[idle.len()..]
        .iter()
        .filter(|l| l.contains("execve("))
        .collect();
    assert_eq!(
        new.len(),
        1,
        "a cd runs roleshift once, nothing else: {new:#?}"
    );
    assert!(new[0].contains("hook-env"), "{new:#?}");
}

/// How long the sessions of `short_sessions` last, in seconds. The hook
/// renews them halfway (shorter than min-ttl).
const SESSION: u64 = 10;

/// A credential_process whose sessions last SESSION seconds: it is slow
/// while the file `slow` exists (and then creates `slowing` first) and
/// fails while `fail` exists.
fn short_sessions(w: &World) {
    short_sessions_lasting(w, SESSION);
}

/// `short_sessions` with sessions of SECS seconds: profile `short`, and the
/// allowed tree `short` that names it.
pub fn short_sessions_lasting(w: &World, secs: u64) {
    let dir = w.sb.path("cwd");
    let script = w.sb.path("creds.sh");
    let text = format!(
        "#!/bin/sh\ncd '{}' || exit 9\n[ -e fail ] && exit 3\n[ -e slow ] && {{ : >slowing; sleep 60; }}\n\
         n=$(( $(cat count 2>/dev/null || echo 0) + 1 )); echo $n >count\n\
         exp=$(date -u -d @$(( $(date +%s) + {secs} )) +%Y-%m-%dT%H:%M:%SZ)\n\
         printf '{{\"Version\":1,\"AccessKeyId\":\"ASIAPROC%s\",\"SecretAccessKey\":\"s\",\"SessionToken\":\"t\",\"Expiration\":\"%s\"}}' $n $exp\n",
        dir.display()
    );
    std::fs::write(&script, text).unwrap();
    let config = std::fs::read_to_string(w.sb.path("home/.aws/config")).unwrap();
    w.sb.write_config(&format!(
        "{config}[profile short]\ncredential_process = /bin/sh {}\n",
        script.display()
    ));
    std::fs::create_dir_all(dir.join("short")).unwrap();
    std::fs::write(dir.join("short/.roleshift.toml"), "profile = \"short\"\n").unwrap();
    w.allow("short");
}

pub fn renewal_ctrl_c_and_failure(kind: Kind) {
    let w = World::new(kind);
    short_sessions(&w);
    let trapped = w.sb.path("trapped");
    let rc = match kind {
        Kind::Fish => format!(
            "function on_int --on-signal INT; echo trapped >>'{}'; end",
            trapped.display()
        ),
        _ => format!("trap 'echo trapped >>\"{}\"' INT", trapped.display()),
    };
    let tty = w.shell(&rc, &[]);
    tty.run("enter", "cd short");
    let first = tty.probe("first");
    // The session was made before this instant: times below are upper bounds.
    let t0 = Instant::now();
    let at = |secs: f64| sleep_until(t0 + Duration::from_secs_f64(secs));
    assert_eq!(get(&first, "AWS_ACCESS_KEY_ID"), Some("ASIAPROC1"));

    // Half the session later the next prompt renews it, slowly: Ctrl-C.
    at(SESSION as f64 / 2.0 + 0.5);
    let slow = w.sb.path("cwd/slow");
    std::fs::write(&slow, "").unwrap();
    tty.line("");
    std::thread::sleep(Duration::from_millis(700));
    tty.keys("C-c");
    std::fs::remove_file(&slow).unwrap();
    // The prompt after the interrupted one tells hook-env it was cancelled.
    tty.line("");
    let kept = tty.probe("cancelled");
    assert_eq!(
        get(&kept, "AWS_ACCESS_KEY_ID"),
        Some("ASIAPROC1"),
        "cancelled: the session stays until it expires\n{}",
        tty.screen()
    );
    assert!(
        tty.screen().contains("renewal cancelled"),
        "{}",
        tty.screen()
    );
    assert!(trapped.exists(), "the user's INT trap ran");
    let traps = std::fs::read_to_string(&trapped).unwrap().lines().count();
    tty.keys("C-c");
    std::thread::sleep(Duration::from_millis(500));
    let now = std::fs::read_to_string(&trapped).unwrap().lines().count();
    assert_eq!(now, traps + 1, "the user's INT trap is still in place");

    // At expiry the next prompt renews, quickly this time.
    at(SESSION as f64 + 0.5);
    tty.line("");
    let renewed = tty.probe("renewed");
    let t1 = Instant::now();
    assert_eq!(
        get(&renewed, "AWS_ACCESS_KEY_ID"),
        Some("ASIAPROC2"),
        "{}",
        tty.screen()
    );

    // A renewal that fails removes the stale keys and says so once.
    std::fs::write(w.sb.path("cwd/fail"), "").unwrap();
    sleep_until(t1 + Duration::from_secs_f64(SESSION as f64 / 2.0 + 0.5));
    tty.line("");
    let failed = tty.probe("failed");
    assert_eq!(get(&failed, "AWS_ACCESS_KEY_ID"), None, "{}", tty.screen());
    assert_eq!(get(&failed, "AWS_PROFILE"), Some("mine"));
    assert_eq!(
        tty.screen().matches("removed the credentials of").count(),
        1,
        "{}",
        tty.screen()
    );
}

pub fn sleep_until(when: Instant) {
    std::thread::sleep(when.saturating_duration_since(Instant::now()));
}

/// What `env -0` saved, for tests that read a probe again.
pub fn env_file(tty: &Tty, name: &str) -> BTreeMap<String, String> {
    read_env(&tty.file(&format!("{name}.env")))
}
