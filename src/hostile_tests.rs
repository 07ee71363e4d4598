//! Property tests of every parser that reads outside data, in process so
//! they can run thousands of cases: the INI files and the profile chain
//! walker, durations, cache entries, credential_process output and token
//! files. The property is always at least "no panic"; where the right answer
//! is known (a cycle, a chain too deep) it is checked too. The binary-level
//! counterparts (exit codes, one-line errors) are in tests/e2e_hostile_input.rs.
//!
//! `PROPTEST_CASES` raises every count for a longer run.

use std::path::Path;

use proptest::prelude::*;

use crate::cache::Cache;
use crate::creds::{Credentials, Secret, from_unix, unix};
use crate::env::Env;
use crate::profile::Profiles;
use crate::profile::chain::{self, MAX_DEPTH};
use crate::profile::ini;

fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        // Cases here write files: no persistence files next to the sources.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Writes CONFIG (bytes) to a fresh directory and loads the profiles from it.
fn load(config: &[u8]) -> (tempfile::TempDir, anyhow::Result<Profiles>) {
    crate::profile::load_texts(config, b"")
}

/// Lines an AWS config might hold, and the characters that break parsers.
fn config_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\[(profile )?[a-c ]{0,3}\\]",
        "\\[sso-session [a-c]\\]",
        "(role_arn|source_profile|aws_access_key_id|aws_secret_access_key|duration_seconds|mfa_serial|credential_process|credential_source|sso_session|web_identity_token_file|region) ?= ?[a-c0-9hms =:/]{0,8}",
        "  [a-z_]{1,8} = [a-z]{0,4}",
        "[#;].{0,10}",
        "\\PC{0,20}",
        Just("\u{feff}".to_string()),
        Just("[".to_string()),
        Just("=".to_string()),
        Just("\r".to_string()),
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(cases(1000))]

    /// Arbitrary bytes (NUL, invalid UTF-8, BOMs included) as a config file:
    /// loading, listing and walking every profile found never panics.
    #[test]
    fn config_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let (_d, p) = load(&bytes);
        if let Ok(p) = p {
            for name in p.names().to_vec() {
                let _ = chain::walk(&p, name);
                if let Some(profile) = p.get(name) {
                    let _ = profile.kind();
                }
            }
        }
    }

    /// Config-shaped lines in any order: same, and the lazy and eager INI
    /// readers agree on what they accept.
    #[test]
    fn config_lines_never_panic(lines in proptest::collection::vec(config_line(), 0..40)) {
        let text = lines.join("\n");
        let eager = ini::parse(&text);
        let lazy = ini::index(ini::strip_bom(&text));
        // Whatever the index alone refuses, the whole parse refuses too.
        prop_assert!(!(lazy.is_err() && eager.is_ok()));
        let (_d, p) = load(text.as_bytes());
        if let Ok(p) = p {
            for name in p.names().to_vec() {
                let _ = chain::walk(&p, name);
            }
        }
    }
}

/// What a profile of a generated chain holds.
#[derive(Debug, Clone)]
enum Kind {
    /// `role_arn` with `source_profile` = another profile (cycles allowed).
    Role(usize),
    Keys,
    Process,
    WebIdentity,
    Empty,
}

fn kind(n: usize) -> impl Strategy<Value = Kind> {
    prop_oneof![
        4 => (0..n).prop_map(Kind::Role),
        1 => Just(Kind::Keys),
        1 => Just(Kind::Process),
        1 => Just(Kind::WebIdentity),
        1 => Just(Kind::Empty),
    ]
}

fn graph() -> impl Strategy<Value = (Vec<Kind>, usize)> {
    (1usize..12).prop_flat_map(|n| (proptest::collection::vec(kind(n), n), 0..n))
}

fn render(kinds: &[Kind]) -> String {
    let mut text = String::new();
    for (i, k) in kinds.iter().enumerate() {
        text += &format!("[profile p{i}]\n");
        text += &match k {
            Kind::Role(src) => {
                format!("role_arn = arn:aws:iam::1:role/R{i}\nsource_profile = p{src}\n")
            }
            Kind::Keys => "aws_access_key_id = AKID\naws_secret_access_key = s\n".into(),
            Kind::Process => "credential_process = /bin/false\n".into(),
            Kind::WebIdentity => {
                "role_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /t\n".into()
            }
            Kind::Empty => "region = eu-west-1\n".into(),
        };
    }
    text
}

/// What walking from START must give: Ok(roles) or an error containing a word.
fn expected(kinds: &[Kind], start: usize) -> Result<usize, &'static str> {
    let mut seen = Vec::new();
    let mut cur = start;
    let mut roles = 0;
    loop {
        if seen.contains(&cur) {
            return Err("source_profile loop");
        }
        seen.push(cur);
        match kinds[cur] {
            Kind::Role(src) if src == cur => return Err("names itself"),
            Kind::Role(src) => {
                roles += 1;
                cur = src;
            }
            Kind::Keys | Kind::Process | Kind::WebIdentity => return Ok(roles),
            Kind::Empty => return Err("holds no credentials"),
        }
    }
}

proptest! {
    #![proptest_config(cases(500))]

    /// Random source_profile graphs, cycles included: the walker finds the
    /// same answer as a plain simulation, and a cycle is always named.
    #[test]
    fn chain_walker_matches_a_simulation((kinds, start) in graph()) {
        let (_d, p) = load(render(&kinds).as_bytes());
        let p = p.unwrap();
        let got = chain::walk(&p, &format!("p{start}"));
        match (expected(&kinds, start), got) {
            (Ok(roles), Ok(c)) => {
                // Web identity is a base, not a role step.
                prop_assert_eq!(c.roles.len(), roles);
            }
            (Err(word), Err(e)) => {
                let msg = e.to_string();
                prop_assert!(msg.contains(word), "want {:?} in {:?}", word, msg);
            }
            (want, got) => prop_assert!(false, "want {:?}, got {:?}", want, got.map(|c| c.roles.len())),
        }
    }
}

proptest! {
    #![proptest_config(cases(40))]

    /// Linear chains around the depth limit: fine up to MAX_DEPTH profiles,
    /// a clear error beyond.
    #[test]
    fn deep_chains_stop_at_the_limit(len in (MAX_DEPTH - 3)..(MAX_DEPTH + 3)) {
        let mut text = String::from("[profile p0]\naws_access_key_id = K\naws_secret_access_key = S\n");
        for i in 1..len {
            text += &format!("[profile p{i}]\nrole_arn = arn:aws:iam::1:role/R{i}\nsource_profile = p{}\n", i - 1);
        }
        let (_d, p) = load(text.as_bytes());
        let got = chain::walk(&p.unwrap(), &format!("p{}", len - 1));
        if len <= MAX_DEPTH {
            prop_assert_eq!(got.unwrap().roles.len(), len - 1);
        } else {
            prop_assert!(got.unwrap_err().to_string().contains("deeper than"));
        }
    }
}

proptest! {
    #![proptest_config(cases(2000))]

    /// Durations: any text is a value or an error, never a panic or an overflow.
    #[test]
    fn durations_never_panic(s in "[0-9hms ]{0,30}|\\PC{0,12}|[0-9]{15,30}[hms]?") {
        let _ = crate::duration::parse_seconds(&s);
        let _ = crate::duration::parse_session(&s);
    }

    /// Every whole number of seconds reads back as itself, in any unit split.
    #[test]
    fn durations_round_trip(h in 0u64..20, m in 0u64..120, s in 0u64..120) {
        let text = format!("{h}h{m}m{s}s");
        prop_assert_eq!(crate::duration::parse_seconds(&text), Ok(h * 3600 + m * 60 + s));
        let secs = h * 3600 + m * 60 + s;
        let session = crate::duration::parse_session(&text);
        prop_assert_eq!(session.is_ok(), (900..=43_200).contains(&secs));
    }

    /// credential_process output: random text or a valid answer cut or
    /// bent anywhere. No panic, and an error never quotes the secret.
    #[test]
    fn credential_process_json_never_panics_or_leaks(
        cut in 0usize..200,
        junk in "\\PC{0,20}",
        s in "\\PC{0,80}",
    ) {
        let secret = "SuperSecretValue123";
        let valid = format!(
            r#"{{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"{secret}","SessionToken":"tok","Expiration":"2030-01-01T00:00:00Z"}}"#
        );
        let cut = cut.min(valid.len());
        for text in [s.clone(), format!("{}{junk}", &valid[..cut]), valid.replacen("1", &junk, 1)] {
            if let Err(e) = crate::process::parse_credential_json(&text) {
                let msg = format!("{e:#}");
                prop_assert!(!msg.contains(secret), "{}", msg);
            }
        }
    }

    /// RFC 3339 from outside (STS, credential_process, the cache): no panic
    /// on near-misses either.
    #[test]
    fn timestamps_never_panic(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?(Z|[+-][0-9]{2}:[0-9]{2}|\\PC{0,3})") {
        let _ = crate::creds::parse_rfc3339(&s);
    }
}

fn creds() -> Credentials {
    Credentials {
        access_key_id: "ASIAFUZZ".into(),
        secret_access_key: Secret::new("secret"),
        session_token: Some(Secret::new("token")),
        expiration: Some(from_unix(unix(std::time::SystemTime::now()) + 3600)),
    }
}

fn only_file(dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap()
}

proptest! {
    #![proptest_config(cases(500))]

    /// A cache entry replaced by random bytes, or cut or bent anywhere, is a
    /// miss or a well-formed hit; listing and clearing the cache never panic.
    #[test]
    fn cache_entries_of_any_shape_are_misses_not_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        cut in 0usize..400,
        at in 0usize..400,
        byte in any::<u8>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let env = Env::from_pairs(&[("XDG_CACHE_HOME", dir.path().to_str().unwrap())]);
        let cache = Cache::new(&env).unwrap();
        cache.put("key", "label", &creds()).unwrap();
        let file = only_file(cache.dir());
        let good = std::fs::read(&file).unwrap();
        let mut bent = good.clone();
        let i = at % bent.len();
        bent[i] = byte;
        for variant in [bytes.clone(), good[..cut.min(good.len())].to_vec(), bent] {
            std::fs::write(&file, &variant).unwrap();
            if let Some(c) = cache.get("key", 0) {
                prop_assert!(c.expiration.is_some());
            }
            let _ = cache.list();
        }
        prop_assert!(cache.clear(None).is_ok());
    }

    /// Token files (web identity): NUL bytes, invalid UTF-8, only newlines.
    /// Each is a value or a clear error, never a panic.
    #[test]
    fn token_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, &bytes).unwrap();
        match crate::input::read_small_file(&path, "the token file") {
            Ok(t) => prop_assert!(!t.trim().is_empty()),
            Err(e) => {
                let msg = format!("{e:#}");
                prop_assert!(msg.contains("the token file"), "{}", msg);
            }
        }
    }
}

#[test]
fn a_token_file_over_1_mib_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, vec![b'a'; 1024 * 1024 + 1]).unwrap();
    let err = crate::input::read_small_file(&path, "the token file").unwrap_err();
    assert_eq!(err.to_string(), "the token file is larger than 1 MiB");
}
