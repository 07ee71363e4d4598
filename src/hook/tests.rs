//! hook-env's decisions, end to end but without a shell: a small simulated
//! shell applies the data that `--shell nu` prints (the same decisions every
//! shell gets) and hands the state back at the next "prompt". Real shells are
//! driven in tests/e2e_hooks_*.rs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::*;
use crate::creds::{from_unix, rfc3339};

pub(super) struct Sim {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// The shell's exported variables that matter here.
    pub(super) vars: BTreeMap<String, String>,
    pub(super) saved: Option<BTreeMap<String, Option<String>>>,
    pub(super) state: Option<String>,
    pub(super) cwd: PathBuf,
}

const KEYS_A: &str = "AKIAAAAAAAAAAAAAAAAA";
const KEYS_B: &str = "AKIABBBBBBBBBBBBBBBB";

impl Sim {
    pub(super) fn new() -> Sim {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        for d in ["home/.aws", "a/sub", "b", "plain"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        let config = format!(
            "[profile alpha]\naws_access_key_id = {KEYS_A}\naws_secret_access_key = sa\nregion = eu-west-1\n\
             [profile beta]\naws_access_key_id = {KEYS_B}\naws_secret_access_key = sb\n"
        );
        std::fs::write(root.join("home/.aws/config"), config).unwrap();
        std::fs::write(root.join("home/.aws/credentials"), "").unwrap();
        std::fs::write(root.join("a/.roleshift.toml"), "profile = \"alpha\"\n").unwrap();
        std::fs::write(root.join("b/.roleshift.toml"), "profile = \"beta\"\n").unwrap();
        Sim {
            cwd: root.join("plain"),
            _dir: dir,
            root,
            vars: BTreeMap::new(),
            saved: None,
            state: None,
        }
    }

    pub(super) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub(super) fn allow(&self, rel: &str) {
        let file = self.path(rel).join(config::FILE_NAME);
        let text = std::fs::read_to_string(&file).unwrap();
        let store = TrustStore::new(&self.env()).unwrap();
        store
            .allow(
                &config::trust_key(&file).unwrap(),
                &trust::content_hash(&text),
            )
            .unwrap();
    }

    pub(super) fn env(&self) -> Env {
        let p = |rel: &str| self.path(rel).to_str().unwrap().to_string();
        let mut pairs: Vec<(String, String)> = vec![
            ("HOME".into(), p("home")),
            ("AWS_CONFIG_FILE".into(), p("home/.aws/config")),
            (
                "AWS_SHARED_CREDENTIALS_FILE".into(),
                p("home/.aws/credentials"),
            ),
            ("XDG_DATA_HOME".into(), p("data")),
            ("XDG_CACHE_HOME".into(), p("cache")),
        ];
        pairs.extend(self.vars.clone());
        if let Some(saved) = &self.saved {
            pairs.push(("__roleshift_saved".into(), "1".into()));
            for (k, v) in saved {
                if let Some(v) = v {
                    pairs.push((format!("__roleshift_old_{k}"), v.clone()));
                }
            }
        }
        if let Some(s) = &self.state {
            pairs.push((STATE_VAR.into(), s.clone()));
        }
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Env::from_pairs(&refs)
    }

    pub(super) fn cd(&mut self, rel: &str) -> Vec<String> {
        self.cwd = self.path(rel);
        self.prompt(false)
    }

    /// One run of hook-env, applied the way shell/hook.nu applies it.
    pub(super) fn prompt(&mut self, cancelled: bool) -> Vec<String> {
        let (out, msgs) = run(HookShell::Nu, cancelled, &self.env(), Some(&self.cwd));
        let d: Value = serde_json::from_str(&out).unwrap();
        let names: Vec<String> = d["managed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        if d["drop_inherited"] == true
            && self.saved.is_none()
            && self.vars.contains_key("ROLESHIFT_PROFILE")
        {
            for n in d["session_vars"].as_array().unwrap() {
                self.vars.remove(n.as_str().unwrap());
            }
        }
        if let Some(export) = d["export"].as_object() {
            if self.saved.is_none() {
                self.saved = Some(
                    names
                        .iter()
                        .map(|n| (n.clone(), self.vars.get(n).cloned()))
                        .collect(),
                );
            }
            for n in &names {
                let v = match export.get(n) {
                    Some(v) => v.as_str().map(str::to_string),
                    None => self.saved.as_ref().unwrap()[n].clone(),
                };
                self.set(n, v);
            }
        }
        if d["leave"] == true {
            if let Some(saved) = self.saved.take() {
                for (n, v) in saved {
                    self.set(&n, v);
                }
            }
            for (n, v) in d["keep"].as_object().unwrap() {
                self.set(n, v.as_str().map(str::to_string));
            }
        }
        self.state = Some(d["state"].as_str().unwrap().to_string());
        msgs
    }

    pub(super) fn set(&mut self, n: &str, v: Option<String>) {
        match v {
            Some(v) => self.vars.insert(n.to_string(), v),
            None => self.vars.remove(n),
        };
    }

    pub(super) fn var(&self, n: &str) -> Option<&str> {
        self.vars.get(n).map(String::as_str)
    }

    pub(super) fn state(&self) -> State {
        State::parse(self.state.as_deref())
    }
}

#[track_caller]
pub(super) fn assert_one(msgs: &[String], needle: &str) {
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains(needle), "{msgs:?}");
}

#[test]
fn an_untrusted_file_is_reported_once_and_never_applied() {
    let mut sh = Sim::new();
    assert!(sh.cd("plain").is_empty());
    assert_one(&sh.cd("a"), "is not allowed; run `roleshift allow`");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
    assert!(sh.cd("a/sub").is_empty(), "once per change of the file");
    assert!(sh.cd("plain").is_empty());
    assert!(sh.cd("a").is_empty());
    std::fs::write(sh.path("a/.roleshift.toml"), "profile = \"beta\"\n").unwrap();
    assert_one(&sh.prompt(false), "is not allowed");
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), None);
}

#[test]
fn allow_enters_leave_restores_and_switch_switches() {
    let mut sh = Sim::new();
    sh.set("AWS_PROFILE", Some("mine".into()));
    sh.set("AWS_REGION", Some("us-east-2".into()));
    sh.cd("a");
    sh.allow("a");
    assert!(sh.prompt(false).is_empty());
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some(KEYS_A));
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), Some("alpha"));
    assert_eq!(sh.var("AWS_REGION"), Some("eu-west-1"));
    assert_eq!(
        sh.var("AWS_PROFILE"),
        None,
        "it would compete with the keys"
    );

    assert!(sh.cd("a/sub").is_empty());
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some(KEYS_A));

    sh.allow("b");
    assert!(sh.cd("b").is_empty());
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some(KEYS_B));
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), Some("beta"));
    assert_eq!(
        sh.var("AWS_REGION"),
        Some("us-east-2"),
        "beta has no region: the user's own"
    );

    assert!(sh.cd("plain").is_empty());
    let want: BTreeMap<String, String> = [("AWS_PROFILE", "mine"), ("AWS_REGION", "us-east-2")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(sh.vars, want);
    assert_eq!(sh.state().applied, None);
}

#[test]
fn an_edit_or_a_deny_removes_the_role() {
    let mut sh = Sim::new();
    sh.allow("a");
    sh.cd("a");
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), Some("alpha"));
    std::fs::write(sh.path("a/.roleshift.toml"), "profile = \"beta\"\n").unwrap();
    assert_one(&sh.prompt(false), "changed; its role is removed");
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), None);

    sh.allow("a");
    sh.prompt(false);
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), Some("beta"));
    let key = config::trust_key(&sh.path("a/.roleshift.toml")).unwrap();
    TrustStore::new(&sh.env()).unwrap().deny(&key).unwrap();
    assert_one(&sh.prompt(false), "is denied");
    assert!(sh.vars.is_empty(), "{:?}", sh.vars);
}

#[test]
fn a_variable_changed_by_hand_is_left_alone_and_said_once() {
    let mut sh = Sim::new();
    sh.allow("a");
    sh.cd("a");
    sh.set("AWS_REGION", Some("ap-south-1".into()));
    assert_one(&sh.cd("a/sub"), "AWS_REGION changed by hand");
    assert!(sh.cd("a").is_empty(), "said once");
    assert!(sh.cd("plain").is_empty());
    assert_eq!(sh.var("AWS_REGION"), Some("ap-south-1"));
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
}

#[test]
fn renewal_and_its_failure() {
    let mut sh = Sim::new();
    // A session that is due for renewal at once: 5 minutes left, min-ttl 10.
    let soon = rfc3339(from_unix(unix(SystemTime::now()) + 300));
    let script = sh.path("creds.sh");
    let json = format!(
        r#"{{"Version":1,"AccessKeyId":"ASIAPROC","SecretAccessKey":"s","SessionToken":"t","Expiration":"{soon}"}}"#
    );
    std::fs::write(&script, format!("#!/bin/sh\necho '{json}'\n")).unwrap();
    let config = std::fs::read_to_string(sh.path("home/.aws/config")).unwrap();
    let proc_profile = format!(
        "[profile proc]\ncredential_process = /bin/sh {}\n",
        script.display()
    );
    std::fs::write(
        sh.path("home/.aws/config"),
        format!("{config}{proc_profile}"),
    )
    .unwrap();
    std::fs::write(sh.path("a/.roleshift.toml"), "profile = \"proc\"\n").unwrap();
    sh.allow("a");
    sh.cd("a");
    let a = sh.state().applied.unwrap();
    assert_eq!(
        a.renew_at,
        Some(a.expires.unwrap() - 150),
        "halfway: shorter than min-ttl"
    );
    assert_eq!(sh.var("AWS_CREDENTIAL_EXPIRATION"), Some(soon.as_str()));

    // Due: the next prompt renews in place.
    let mut st = sh.state();
    st.applied.as_mut().unwrap().renew_at = Some(0);
    sh.state = Some(st.encode());
    assert!(sh.prompt(false).is_empty());
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), Some("proc"));
    assert!(sh.state().applied.unwrap().renew_at.unwrap() > 0);

    // Due, and the renewal fails: one line, and the stale keys go.
    std::fs::write(&script, "#!/bin/sh\nexit 3\n").unwrap();
    let mut st = sh.state();
    st.applied.as_mut().unwrap().renew_at = Some(0);
    sh.state = Some(st.encode());
    assert_one(&sh.prompt(false), "removed the credentials of");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
    // Not retried at every cd inside the tree; retried after leaving.
    assert!(sh.cd("a/sub").is_empty());
    sh.cd("plain");
    assert_one(&sh.cd("a"), "credential_process");
}

#[test]
fn cancelling_keeps_or_removes_but_never_retries_blindly() {
    let mut sh = Sim::new();
    sh.allow("a");
    sh.cwd = sh.path("a");
    assert_one(&sh.prompt(true), "cancelled");
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), None);
    assert!(sh.cd("a/sub").is_empty(), "waits for a change");

    sh.cd("plain");
    sh.cd("a");
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), Some("alpha"));
    // A cancelled switch must not leave alpha's keys in beta's tree.
    sh.allow("b");
    sh.cwd = sh.path("b");
    assert_one(
        &sh.prompt(true),
        "cancelled; removed the keys of profile \"alpha\"",
    );
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);

    // A renewal cancelled so late that the session has expired since: the
    // stale keys go, and nothing is retried until the shell comes back.
    sh.cd("plain");
    sh.cd("a");
    let mut st = sh.state();
    let a = st.applied.as_mut().unwrap();
    (a.renew_at, a.expires) = (Some(1), Some(2));
    sh.state = Some(st.encode());
    assert_one(&sh.prompt(true), "have expired since; removed them");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
    assert!(sh.cd("a/sub").is_empty());
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
}

#[test]
fn an_inherited_session_is_dropped_not_restored_later() {
    let mut sh = Sim::new();
    for (k, v) in [
        ("AWS_ACCESS_KEY_ID", "ASIAPARENT"),
        ("AWS_SECRET_ACCESS_KEY", "x"),
        ("ROLESHIFT_PROFILE", "parent"),
        ("AWS_PROFILE", "mine"),
    ] {
        sh.set(k, Some(v.into()));
    }
    sh.allow("a");
    sh.cd("a");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), Some(KEYS_A));
    sh.cd("plain");
    assert_eq!(sh.var("AWS_ACCESS_KEY_ID"), None);
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), None);
    assert_eq!(sh.var("AWS_PROFILE"), Some("mine"));
}

#[test]
fn a_corrupt_trust_store_applies_nothing_and_says_why() {
    let mut sh = Sim::new();
    sh.allow("a");
    std::fs::write(sh.path("data/roleshift/trust"), "{not json").unwrap();
    assert_one(&sh.cd("a"), "trust store");
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), None);
}

#[test]
fn an_invalid_config_names_the_key_and_applies_nothing() {
    let mut sh = Sim::new();
    std::fs::write(
        sh.path("a/.roleshift.toml"),
        "profile = \"alpha\"\nrgion = \"x\"\n",
    )
    .unwrap();
    // allow refuses it; a hand-edited trust store must still not apply it.
    let file = sh.path("a/.roleshift.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let store = TrustStore::new(&sh.env()).unwrap();
    store
        .allow(
            &config::trust_key(&file).unwrap(),
            &trust::content_hash(&text),
        )
        .unwrap();
    assert_one(&sh.cd("a"), "`rgion`");
    assert_eq!(sh.var("ROLESHIFT_PROFILE"), None);
}

#[test]
fn own_env_is_the_users_environment() {
    let env = Env::from_pairs(&[
        ("AWS_ACCESS_KEY_ID", "ASIASESSION"),
        ("ROLESHIFT_PROFILE", "alpha"),
        ("__roleshift_saved", "1"),
        ("__roleshift_old_AWS_PROFILE", "mine"),
        ("__roleshift_old_AWS_REGION", ""),
        (STATE_VAR, "{}"),
    ]);
    let own = own_env(&env);
    assert_eq!(own.raw("AWS_PROFILE"), Some("mine"));
    assert_eq!(own.raw("AWS_REGION"), Some(""));
    assert_eq!(own.raw("AWS_ACCESS_KEY_ID"), None);
    assert_eq!(own.raw("ROLESHIFT_PROFILE"), None);
    assert_eq!(
        own.names().filter(|n| n.starts_with("__roleshift")).count(),
        0
    );
}

#[test]
fn watches_the_config_and_the_trust_store_only_in_a_tree() {
    let mut sh = Sim::new();
    let (out, _) = run(HookShell::Nu, false, &sh.env(), Some(&sh.path("plain")));
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (d["cfg"].clone(), d["trust"].clone()),
        (Value::Null, Value::Null)
    );
    sh.cwd = sh.path("a/sub");
    let (out, _) = run(HookShell::Nu, false, &sh.env(), Some(&sh.cwd));
    let d: Value = serde_json::from_str(&out).unwrap();
    let cfg = sh.path("a/.roleshift.toml");
    assert_eq!(d["cfg"][0], cfg.to_str().unwrap());
    let stamp = PathBuf::from(d["cfg"][1].as_str().unwrap());
    let mtime = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    assert_eq!(mtime(&stamp), mtime(&cfg));
    // No trust store yet: watched for appearing.
    assert_eq!(d["trust"][1], Value::Null);
}
