//! The credential cache end to end against moto (SPEC §3, §6; issue 4): a hit
//! makes no STS request, --refresh and expiry do, entries are private and
//! opaque, bad entries are replaced, concurrent writers tear nothing, and one
//! MFA code serves every role of the device while its session lives.

mod support;

use std::process::Command;

use support::{Moto, Sandbox, assert_ok, run};

const KEY_ID: &str = "AKIAE2ECACHEBASE0001";
const SECRET: &str = "e2eCacheSecret/NeverInAFileName+0123456789";

/// A sandbox whose roles are unique to `tag`, so moto's shared request log
/// can be filtered to this test alone.
fn sandbox(tag: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile prod]\nrole_arn = arn:aws:iam::444400000001:role/{tag}Prod\nsource_profile = base\nregion = us-east-1\n\
         [profile ops]\nrole_arn = arn:aws:iam::444400000002:role/{tag}Ops\nsource_profile = base\nregion = us-east-1\n\
         [profile mfauser]\naws_access_key_id = AKIAE2ECACHEMFA{:05}\naws_secret_access_key = s\nmfa_serial = arn:aws:iam::444400000000:mfa/{tag}\n\
         [profile mfa-a]\nrole_arn = arn:aws:iam::444400000003:role/{tag}A\nsource_profile = mfauser\nmfa_serial = arn:aws:iam::444400000000:mfa/{tag}\nregion = us-east-1\n\
         [profile mfa-b]\nrole_arn = arn:aws:iam::444400000004:role/{tag}B\nsource_profile = mfauser\nmfa_serial = arn:aws:iam::444400000000:mfa/{tag}\nregion = us-east-1\n",
        tag.len()
    ));
    sb
}

fn rs(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Command {
    let mut cmd = sb.cmd(args);
    cmd.env("AWS_ENDPOINT_URL", moto.url());
    cmd
}

/// AssumeRole calls moto saw for roles whose name contains `tag`.
fn assume_calls(moto: &Moto, role_part: &str) -> usize {
    moto.calls("AssumeRole")
        .iter()
        .filter(|c| {
            c.params
                .get("RoleArn")
                .is_some_and(|a| a.contains(role_part))
        })
        .count()
}

/// The cache entries, without the refresh locks beside them (`*.lock`).
fn cache_files(sb: &Sandbox) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(sb.path("cache/roleshift")) {
        Ok(rd) => rd
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_none_or(|x| x != "lock"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn key_of(export_json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(export_json).expect("json");
    v["AWS_ACCESS_KEY_ID"].as_str().expect("key").to_string()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_cache_hit_makes_no_sts_request() {
    let moto = Moto::shared();
    let sb = sandbox("HitNoRequest");
    let first = run(&mut rs(&sb, moto, &["export", "prod", "--format", "json"]));
    assert_ok(&first);
    assert_eq!(assume_calls(moto, "HitNoRequestProd"), 1);
    let second = run(&mut rs(&sb, moto, &["export", "prod", "--format", "json"]));
    assert_ok(&second);
    assert_eq!(
        assume_calls(moto, "HitNoRequestProd"),
        1,
        "the second export was served from the cache"
    );
    assert_eq!(key_of(&first.stdout), key_of(&second.stdout));
    // Every sink reads the same cache.
    assert_ok(&run(&mut rs(&sb, moto, &["credential-process", "prod"])));
    assert_ok(&run(&mut rs(&sb, moto, &["exec", "prod", "--", "true"])));
    assert_eq!(assume_calls(moto, "HitNoRequestProd"), 1);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn refresh_no_cache_and_min_ttl_make_new_requests() {
    let moto = Moto::shared();
    let sb = sandbox("Refresh");
    let first = run(&mut rs(&sb, moto, &["export", "prod", "--format", "json"]));
    assert_ok(&first);
    let refreshed = run(&mut rs(
        &sb,
        moto,
        &["export", "prod", "--format", "json", "--refresh"],
    ));
    assert_ok(&refreshed);
    assert_eq!(assume_calls(moto, "RefreshProd"), 2);
    assert_ne!(key_of(&first.stdout), key_of(&refreshed.stdout));
    // --refresh stores its session: the next plain call hits it.
    let after = run(&mut rs(&sb, moto, &["export", "prod", "--format", "json"]));
    assert_eq!(key_of(&after.stdout), key_of(&refreshed.stdout));
    assert_eq!(assume_calls(moto, "RefreshProd"), 2);
    // A session with less than --min-ttl left counts as expired.
    assert_ok(&run(&mut rs(
        &sb,
        moto,
        &["export", "prod", "--format", "json", "--min-ttl", "2h"],
    )));
    assert_eq!(assume_calls(moto, "RefreshProd"), 3);
    let mut via_env = rs(&sb, moto, &["export", "prod", "--format", "json"]);
    via_env.env("ROLESHIFT_MIN_TTL", "1h");
    assert_ok(&run(&mut via_env));
    assert_eq!(
        assume_calls(moto, "RefreshProd"),
        4,
        "ROLESHIFT_MIN_TTL sets the same bound"
    );
    // --no-cache neither reads nor writes.
    let before = cache_files(&sb).len();
    assert_ok(&run(&mut rs(
        &sb,
        moto,
        &["export", "ops", "--format", "json", "--no-cache"],
    )));
    assert_eq!(cache_files(&sb).len(), before);
    assert_eq!(assume_calls(moto, "RefreshOps"), 1);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn different_requests_never_share_an_entry() {
    let moto = Moto::shared();
    let sb = sandbox("Shape");
    for args in [
        &["export", "prod"][..],
        &["export", "prod", "--duration", "15m"],
        &["export", "prod", "--session-name", "other"],
        &["export", "prod", "--external-id", "x"],
        &["export", "prod", "--tag", "team=a"],
        &[
            "export",
            "prod",
            "--policy-arn",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
        ],
    ] {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        assert_ok(&run(&mut rs(&sb, moto, &args)));
    }
    assert_eq!(assume_calls(moto, "ShapeProd"), 6);
    assert_eq!(cache_files(&sb).len(), 6);
}

#[cfg(unix)]
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn entries_are_private_and_their_names_say_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let moto = Moto::shared();
    let sb = sandbox("Modes");
    let out = run(&mut rs(&sb, moto, &["export", "prod", "--format", "json"]));
    assert_ok(&out);
    let dir = sb.path("cache/roleshift");
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    for f in cache_files(&sb) {
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600,
            "{f:?}"
        );
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        for secret in [
            SECRET,
            KEY_ID,
            "prod",
            v["AWS_SECRET_ACCESS_KEY"].as_str().unwrap(),
        ] {
            assert!(!name.contains(secret), "{name} contains {secret}");
        }
    }
    let listed = run(&mut rs(&sb, moto, &["cache", "list"]));
    assert_ok(&listed);
    assert!(listed.stdout.contains("prod"), "{}", listed.stdout);
    for secret in [
        SECRET,
        v["AWS_SECRET_ACCESS_KEY"].as_str().unwrap(),
        v["AWS_SESSION_TOKEN"].as_str().unwrap(),
    ] {
        assert!(!listed.stdout.contains(secret) && !listed.stderr.contains(secret));
    }
    let cleared = run(&mut rs(&sb, moto, &["cache", "clear", "prod"]));
    assert_ok(&cleared);
    assert!(cache_files(&sb).is_empty());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn corrupt_entries_are_ignored_and_replaced() {
    let moto = Moto::shared();
    let sb = sandbox("Corrupt");
    assert_ok(&run(&mut rs(
        &sb,
        moto,
        &["export", "prod", "--format", "json"],
    )));
    let file = cache_files(&sb).pop().unwrap();
    let good = std::fs::read(&file).unwrap();
    for (n, bad) in [
        &good[..good.len() / 3],
        b"",
        b"\x00\xff garbage",
        b"{\"version\": 99}",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(&file, bad).unwrap();
        let out = run(&mut rs(&sb, moto, &["export", "prod", "--format", "json"]));
        assert_ok(&out);
        assert_eq!(
            assume_calls(moto, "CorruptProd"),
            n + 2,
            "a bad entry is a miss"
        );
        let replaced: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).unwrap()).expect("rewritten whole");
        assert_eq!(replaced["label"], "prod");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn concurrent_processes_share_the_cache_without_tearing() {
    let moto = Moto::shared();
    let sb = sandbox("Concurrent");
    for round in 0..3 {
        let children: Vec<_> = (0..8)
            .map(|i| {
                let refresh = if i % 2 == 0 {
                    "--refresh"
                } else {
                    "--min-ttl=0"
                };
                rs(&sb, moto, &["export", "prod", "--format", "json", refresh])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            key_of(&String::from_utf8(out.stdout).unwrap());
        }
        for f in cache_files(&sb) {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&f).unwrap()).expect("never torn");
            assert_eq!(v["version"], 1);
        }
        let leftovers: Vec<_> = cache_files(&sb)
            .into_iter()
            .filter(|p| p.extension().is_none_or(|e| e != "json"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn one_mfa_code_serves_every_role_of_the_device() {
    let moto = Moto::shared();
    let sb = sandbox("MfaShare");
    let serial = "arn:aws:iam::444400000000:mfa/MfaShare";
    let sessions = || {
        moto.calls("GetSessionToken")
            .iter()
            .filter(|c| c.params.get("SerialNumber").map(String::as_str) == Some(serial))
            .count()
    };
    let a = run(&mut rs(
        &sb,
        moto,
        &[
            "export",
            "mfa-a",
            "--format",
            "json",
            "--mfa-code",
            "123456",
        ],
    ));
    assert_ok(&a);
    assert_eq!(sessions(), 1);
    // No code, no terminal: the cached MFA session assumes the second role.
    let b = run(&mut rs(&sb, moto, &["export", "mfa-b", "--format", "json"]));
    assert_ok(&b);
    assert_eq!(sessions(), 1, "no second GetSessionToken");
    assert_eq!(assume_calls(moto, "MfaShareB"), 1);
    // The MFA session is listed by device, not by role.
    let listed = run(&mut rs(&sb, moto, &["cache", "list"]));
    assert!(
        listed.stdout.contains(&format!("mfa:{serial}")),
        "{}",
        listed.stdout
    );
    // Without the cache the code is needed again, and its absence is a clear error.
    let again = run(&mut rs(
        &sb,
        moto,
        &["export", "mfa-b", "--format", "json", "--no-cache"],
    ));
    assert_eq!(again.status.code(), Some(1));
    assert!(again.stderr.contains("no terminal"), "{}", again.stderr);
}
