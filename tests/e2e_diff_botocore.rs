//! A differential test against botocore, the AWS CLI's engine (issue 11):
//! generated config and credentials files (chains of depth 1-4, static keys
//! on the way, self-references, credential_source, web identity, duplicated
//! sections, comments everywhere, CRLF, tabs, `[default]` vs `[profile
//! default]`, keys split between the files) are resolved by botocore
//! (tests/oracle/botocore_resolve.py, one process for the whole run) and by
//! roleshift's planner, and each profile must give the same chain of calls
//! (action, role, session name, external id, duration, signing key) and the
//! same region, or an error in both.
//!
//! CI runs a fixed seed; ROLESHIFT_DIFF_CASES=N runs N cases from a random
//! seed. Differences that docs/compatibility.md lists are allowed here and
//! nowhere else: a file with a repeated section or key (botocore refuses it,
//! roleshift merges it as the SDKs' specification says), and the duration of
//! a web identity call (botocore ignores `duration_seconds` there).

mod support;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use roleshift::env::Env;
use roleshift::profile::Profiles;
use roleshift::profile::chain::Base;
use roleshift::request::Request;
use serde_json::{Value, json};

const NAMES: &[&str] = &["default", "p1", "p2", "p3", "p4"];
const ENV_KEY: &str = "AKIDFROMENVIRONMENT";
const PREVIOUS: &str = "(the previous call's key)";

#[derive(Debug, Clone)]
enum Source {
    Profile(usize),
    Environment,
    Both(usize),
}

/// A role's source, session name, external id and duration.
type Role = (
    Source,
    Option<&'static str>,
    Option<&'static str>,
    Option<u32>,
);

/// One profile's settings, before they are written out.
#[derive(Debug, Clone)]
struct Spec {
    keys: bool,
    role: Option<Role>,
    web_identity: bool,
    region: Option<&'static str>,
}

/// How the settings are written: which file each key goes to, and the noise.
#[derive(Debug, Clone)]
struct Layout {
    to_credentials: Vec<bool>,
    crlf: bool,
    spacing: Vec<u8>,
    comments: Vec<u8>,
    default_prefixed: bool,
    decoy_default: Option<bool>,
    repeat_section: Option<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let source = prop_oneof![
        6 => (0..NAMES.len()).prop_map(Source::Profile),
        1 => Just(Source::Environment),
        1 => (0..NAMES.len()).prop_map(Source::Both),
    ];
    let role = (
        source,
        proptest::option::of(prop_oneof![Just("sess-a"), Just("sess.b@c")]),
        proptest::option::of(Just("ext-123")),
        proptest::option::weighted(0.3, 900u32..=3600),
    );
    (
        any::<bool>(),
        proptest::option::weighted(0.7, role),
        proptest::bool::weighted(0.2),
        proptest::option::of(prop_oneof![Just("us-east-1"), Just("eu-west-1")]),
    )
        .prop_map(|(keys, role, web_identity, region)| Spec {
            keys,
            role,
            web_identity,
            region,
        })
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        proptest::collection::vec(proptest::bool::weighted(0.3), 64),
        proptest::bool::weighted(0.2),
        proptest::collection::vec(0u8..4, 64),
        proptest::collection::vec(0u8..8, 64),
        any::<bool>(),
        proptest::option::weighted(0.2, any::<bool>()),
        proptest::option::weighted(0.1, 0..NAMES.len()),
    )
        .prop_map(
            |(
                to_credentials,
                crlf,
                spacing,
                comments,
                default_prefixed,
                decoy_default,
                repeat_section,
            )| Layout {
                to_credentials,
                crlf,
                spacing,
                comments,
                default_prefixed,
                decoy_default,
                repeat_section,
            },
        )
}

/// The key lines of profile I, in a fixed order.
fn lines_of(i: usize, s: &Spec, token: &str) -> Vec<(&'static str, String)> {
    let mut kv: Vec<(&'static str, String)> = Vec::new();
    if let Some((source, session, external, duration)) = &s.role {
        kv.push(("role_arn", format!("arn:aws:iam::11112222333{i}:role/R{i}")));
        match source {
            Source::Profile(p) => kv.push(("source_profile", NAMES[*p].into())),
            Source::Environment => kv.push(("credential_source", "Environment".into())),
            Source::Both(p) => {
                kv.push(("source_profile", NAMES[*p].into()));
                kv.push(("credential_source", "Environment".into()));
            }
        }
        let optional = [
            ("role_session_name", session.map(str::to_string)),
            ("external_id", external.map(str::to_string)),
            ("duration_seconds", duration.map(|d| d.to_string())),
        ];
        kv.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
    }
    if s.web_identity {
        kv.push(("web_identity_token_file", token.into()));
        if s.role.is_none() {
            kv.push(("role_arn", format!("arn:aws:iam::44445555666{i}:role/W{i}")));
        }
    }
    if s.keys {
        kv.push(("aws_access_key_id", format!("AKIDPROFILE{i}")));
        kv.push(("aws_secret_access_key", "secret/with+chars=".into()));
    }
    kv.extend(s.region.map(|r| ("region", r.to_string())));
    kv
}

/// Writes the two files; returns (config, credentials).
fn render(specs: &[Spec], l: &Layout, token: &str) -> (String, String) {
    let (mut config, mut creds) = (String::new(), String::new());
    let mut n = 0;
    let mut next = || {
        n += 1;
        n - 1
    };
    for (i, s) in specs.iter().enumerate() {
        let name = NAMES[i];
        let header = if name == "default" && !l.default_prefixed {
            "default".to_string()
        } else {
            format!("profile {name}")
        };
        let decoy = |text: &mut String| {
            let other = if header == "default" {
                "profile default"
            } else {
                "default"
            };
            text.push_str(&format!("[{other}]\nregion = ap-south-1\n"));
        };
        if name == "default" && l.decoy_default == Some(true) {
            decoy(&mut config);
        }
        let (mut c, mut k) = (Vec::new(), Vec::new());
        for (key, value) in lines_of(i, s, token) {
            let at = next();
            let eq = ["=", " = ", "\t=\t", " =  "][l.spacing[at % 64] as usize];
            let key = if l.comments[at % 64] == 7 {
                key.to_uppercase()
            } else {
                key.to_string()
            };
            let line = format!("{key}{eq}{value}\n");
            if l.to_credentials[at % 64] {
                k.push(line)
            } else {
                c.push(line)
            }
        }
        // Settings among the noise get a name of their own (`s3_7`): a key
        // repeated in a section is a file botocore refuses.
        let noise = |kind: u8, at: usize| match kind {
            0 => "# a comment\n".to_string(),
            1 => "; another = comment\n".to_string(),
            2 => "\n".to_string(),
            3 => format!("s3_{at} =\n  max_concurrent_requests = 10\n"),
            4 => format!("output_{at} = json # inline\n"),
            _ => String::new(),
        };
        let comment = |at: usize| noise(l.comments[at % 64], at);
        for (text, head, body) in [(&mut config, header.as_str(), c), (&mut creds, name, k)] {
            if body.is_empty() && next() % 2 == 0 {
                continue;
            }
            let after = [" # team", "; x", ""][next() % 3];
            // Only comments and blank lines before a header: a setting there
            // would belong to the section above.
            let before = noise(l.comments[next() % 64] % 3, 0);
            text.push_str(&format!("{before}[{head}]{after}\n"));
            let split = if l.repeat_section == Some(i) {
                body.len() / 2
            } else {
                usize::MAX
            };
            for (j, line) in body.iter().enumerate() {
                if j == split {
                    text.push_str(&format!("[{head}]\n"));
                }
                text.push_str(&comment(next()));
                text.push_str(line);
            }
        }
        if name == "default" && l.decoy_default == Some(false) {
            decoy(&mut config);
        }
    }
    if l.crlf {
        config = config.replace('\n', "\r\n");
        creds = creds.replace('\n', "\r\n");
    }
    (config, creds)
}

/// How roleshift resolves PROFILE, in the oracle's shape.
fn roleshift_view(dir: &Path, profile: &str) -> Value {
    let p = |f: &str| dir.join(f).to_str().unwrap().to_string();
    let env = Env::default().with_vars([
        ("AWS_CONFIG_FILE", Some(p("config"))),
        ("AWS_SHARED_CREDENTIALS_FILE", Some(p("credentials"))),
        ("AWS_ACCESS_KEY_ID", Some(ENV_KEY.to_string())),
        ("AWS_SECRET_ACCESS_KEY", Some("x".to_string())),
        ("HOME", Some(p("home"))),
    ]);
    let plan = Profiles::load(&env).and_then(|profiles| {
        let args = Request {
            target: Some(profile.to_string()),
            ..Request::default()
        };
        roleshift::resolve::plan::plan(&args, &profiles, &env)
    });
    let plan = match plan {
        Ok(plan) => plan,
        Err(e) => return json!({ "error": format!("{e:#}") }),
    };
    let mut calls = Vec::new();
    let key = match &plan.chain.base {
        Base::Keys { access_key_id, .. } => access_key_id.clone(),
        Base::Environment => ENV_KEY.to_string(),
        Base::WebIdentity(w) => {
            calls.push(json!({"action": "AssumeRoleWithWebIdentity", "role_arn": w.role_arn,
                "session_name": w.session_name, "external_id": null, "duration": null, "signed_by": null}));
            PREVIOUS.to_string()
        }
        other => return json!({ "error": format!("not generated: {other:?}") }),
    };
    let mut signer = key.clone();
    for r in &plan.chain.roles {
        calls.push(
            json!({"action": "AssumeRole", "role_arn": r.role_arn, "session_name": r.session_name,
            "external_id": r.external_id, "duration": r.duration, "signed_by": signer}),
        );
        signer = PREVIOUS.to_string();
    }
    json!({ "calls": calls, "key": signer, "region": plan.region })
}

/// botocore's answer with its fake keys named as roleshift's view names them.
fn normalized(mut v: Value) -> Value {
    let fake = |v: &mut Value| {
        if v.as_str()
            .is_some_and(|s| s.starts_with("ASIAFAKEBOTOCORE"))
        {
            *v = json!(PREVIOUS);
        }
    };
    fake(&mut v["key"]);
    if let Some(calls) = v["calls"].as_array_mut() {
        for c in calls {
            fake(&mut c["signed_by"]);
            if c["action"] == "AssumeRoleWithWebIdentity" {
                c["duration"] = Value::Null;
            }
        }
    }
    v
}

struct Oracle {
    child: Child,
    out: BufReader<std::process::ChildStdout>,
}

impl Oracle {
    fn start() -> Option<Oracle> {
        let python = support::tool("python");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/botocore_resolve.py");
        let mut child = Command::new(python)
            .arg(script)
            .env_clear()
            .env("AWS_ACCESS_KEY_ID", ENV_KEY)
            .env("AWS_SECRET_ACCESS_KEY", "x")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("HOME", "/nonexistent")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the botocore oracle");
        let out = BufReader::new(child.stdout.take().unwrap());
        Some(Oracle { child, out })
    }

    fn ask(&mut self, dir: &Path) -> Value {
        let p = |f: &str| dir.join(f).to_str().unwrap().to_string();
        let q = json!({"config": p("config"), "credentials": p("credentials"), "profiles": NAMES});
        writeln!(self.child.stdin.as_mut().unwrap(), "{q}").unwrap();
        let mut line = String::new();
        self.out.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("oracle said {line:?}: {e}"))
    }
}

impl Drop for Oracle {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn roleshift_resolves_every_profile_as_botocore_does() {
    let Some(oracle) = Oracle::start() else {
        return;
    };
    let long: Option<u32> = std::env::var("ROLESHIFT_DIFF_CASES").ok().map(|v| {
        v.parse()
            .expect("ROLESHIFT_DIFF_CASES is a number of cases")
    });
    let config = Config {
        cases: long.unwrap_or(300),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = match long {
        Some(_) => TestRunner::new(config),
        None => TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha)),
    };
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, "eyJ.differential\n").unwrap();
    let strategy = (proptest::collection::vec(spec(), NAMES.len()), layout());
    let oracle = std::cell::RefCell::new(oracle);
    // How many profiles resolved to 0, 1, 2+ calls, or to an error in both:
    // the generator must keep reaching every kind, or the test proves little.
    let seen = std::cell::RefCell::new([0usize; 4]);
    let result = runner.run(&strategy, |(specs, layout)| {
        let (config, creds) = render(&specs, &layout, token.to_str().unwrap());
        std::fs::write(dir.path().join("config"), &config).unwrap();
        std::fs::write(dir.path().join("credentials"), &creds).unwrap();
        let botocore = oracle.borrow_mut().ask(dir.path());
        for name in NAMES {
            let theirs = normalized(botocore[name].clone());
            let ours = roleshift_view(dir.path(), name);
            let unparsable = theirs["error"].as_str().is_some_and(|e| e.starts_with("ConfigParseError"));
            if unparsable {
                // Listed in docs/compatibility.md: roleshift merges repeats.
                prop_assert!(layout.repeat_section.is_some(), "botocore could not parse:\n{config}\n---\n{creds}");
                let unread = ours["error"].as_str().is_some_and(|e| e.contains("cannot read"));
                prop_assert!(!unread, "roleshift refused the file: {ours}");
                continue;
            }
            let kind = match theirs["calls"].as_array().map(Vec::len) {
                None => 3,
                Some(n) => n.min(2),
            };
            seen.borrow_mut()[kind] += 1;
            let agree = match (theirs.get("error"), ours.get("error")) {
                (Some(_), Some(_)) => true,
                (None, None) => theirs == ours,
                _ => false,
            };
            prop_assert!(
                agree,
                "profile {name}\nbotocore: {theirs}\nroleshift: {ours}\n--- config ---\n{config}--- credentials ---\n{creds}"
            );
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let seen = seen.into_inner();
    eprintln!("profiles with 0, 1, 2+ calls, and errors: {seen:?}");
    let total: usize = seen.iter().sum();
    assert!(
        seen.iter().all(|n| n * 20 >= total),
        "a kind is rare: {seen:?}"
    );
}
