//! Attacks through files (issue 13, items 3, 7, 14): stores planted or made
//! writable by someone else (cache entries, the trust store, their
//! directories, a `.roleshift.toml`), trust that outlives its directory,
//! symlinks planted beside the credentials file, and `save --region`
//! changing the config file's mode. Another owner is simulated with chown,
//! which needs root (CI runs as root); elsewhere those forms are skipped,
//! and fail under ROLESHIFT_REQUIRE_E2E.

mod support;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use support::{Moto, Output, Sandbox, assert_ok, run};

const NOBODY: u32 = 65534;
const CONFIG: &str = "[profile keys]\naws_access_key_id = AKIAFILESATTACK00001\n\
     aws_secret_access_key = filesAttackSecret/0123456789abcdefghijk\nregion = us-east-1\n\
     [profile srv]\nrole_arn = arn:aws:iam::720000000001:role/Files\nsource_profile = keys\n";

fn root() -> bool {
    let me = unsafe { libc::geteuid() } == 0;
    if !me {
        assert!(
            !support::require_e2e(),
            "another owner needs root (CI runs as root)"
        );
        eprintln!("SKIP: not root; the other-owner forms are not run");
    }
    me
}

fn chown(p: &Path, uid: u32) {
    std::os::unix::fs::lchown(p, Some(uid), Some(uid)).unwrap();
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

fn export(sb: &Sandbox, moto: &Moto) -> (Output, serde_json::Value) {
    let mut cmd = sb.cmd(&["export", "srv", "--format", "json"]);
    let out = run(support::against(&mut cmd, moto));
    assert_ok(&out);
    let v = serde_json::from_str(&out.stdout).unwrap();
    (out, v)
}

/// The only cache entry of the sandbox.
fn entry(sb: &Sandbox) -> std::path::PathBuf {
    let dir = sb.path("cache/roleshift");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.pop().unwrap()
}

/// Rewrites the entry as an attacker would: their key, expiring in 2099.
fn plant(path: &Path, expiration: &str) {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["access_key_id"] = "AKIAPLANTEDBYOTHER01".into();
    v["expiration"] = expiration.into();
    std::fs::write(path, v.to_string()).unwrap();
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn planted_cache_entries_are_not_believed() {
    let moto = Moto::shared();
    let as_root = root();
    type Attack = fn(&Path);
    let attacks: Vec<(&str, Attack, bool)> = vec![
        ("another owner", |p| chown(p, NOBODY), true),
        ("group and world writable", |p| chmod(p, 0o666), false),
        (
            "a link to a file elsewhere",
            |p| {
                let elsewhere = p.with_extension("planted");
                std::fs::rename(p, &elsewhere).unwrap();
                symlink(&elsewhere, p).unwrap();
            },
            false,
        ),
        ("ours, but expiring in 2099", |_| {}, false),
    ];
    for (what, attack, needs_root) in attacks {
        if needs_root && !as_root {
            continue;
        }
        let sb = Sandbox::new();
        sb.write_config(CONFIG);
        export(&sb, moto);
        let path = entry(&sb);
        plant(&path, "2099-01-01T00:00:00Z");
        attack(&path);
        let (out, v) = export(&sb, moto);
        assert_ne!(v["AWS_ACCESS_KEY_ID"], "AKIAPLANTEDBYOTHER01", "{what}");
        if !what.contains("2099") && !what.contains("link") {
            assert!(
                out.stderr.contains("refusing the cache entry"),
                "{what}: {}",
                out.stderr
            );
            assert!(out.stderr.contains(&path.display().to_string()), "{what}");
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_cache_directory_of_another_user_is_refused() {
    let moto = Moto::shared();
    if !root() {
        return;
    }
    let sb = Sandbox::new();
    sb.write_config(CONFIG);
    export(&sb, moto);
    let dir = sb.path("cache/roleshift");
    plant(&entry(&sb), "2099-01-01T00:00:00Z");
    chown(&dir, NOBODY);
    let (out, v) = export(&sb, moto);
    assert_ne!(v["AWS_ACCESS_KEY_ID"], "AKIAPLANTEDBYOTHER01");
    assert!(
        out.stderr.contains(&dir.display().to_string()),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("uid 65534"), "{}", out.stderr);
    // Not made ours by a chmod either.
    assert_eq!(
        std::os::unix::fs::MetadataExt::uid(&dir.metadata().unwrap()),
        NOBODY
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn missing_parents_are_created_private() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(CONFIG);
    let mut cmd = sb.cmd(&["export", "srv", "--format", "json"]);
    cmd.env("XDG_CACHE_HOME", sb.path("fresh/cache"));
    assert_ok(&run(support::against(&mut cmd, moto)));
    for p in ["fresh", "fresh/cache", "fresh/cache/roleshift"] {
        assert_eq!(mode(&sb.path(p)), 0o700, "{p}");
    }
    let proj = sb.path("cwd/proj");
    std::fs::create_dir(&proj).unwrap();
    std::fs::write(proj.join(".roleshift.toml"), "profile = \"keys\"\n").unwrap();
    let out = run(sb
        .cmd(&["allow", proj.to_str().unwrap()])
        .env("XDG_DATA_HOME", sb.path("fresh/data/deep")));
    assert_ok(&out);
    for p in ["fresh/data", "fresh/data/deep", "fresh/data/deep/roleshift"] {
        assert_eq!(mode(&sb.path(p)), 0o700, "{p}");
    }
}

/// A trusted tree; hook-env for bash in it.
fn trusted_tree(sb: &Sandbox) -> std::path::PathBuf {
    sb.write_config(CONFIG);
    let proj = sb.path("cwd/proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join(".roleshift.toml"), "profile = \"keys\"\n").unwrap();
    assert_ok(&run(&mut sb.cmd(&["allow", proj.to_str().unwrap()])));
    proj
}

fn hook_env(sb: &Sandbox, dir: &Path) -> Output {
    let out = run(sb
        .cmd(&["hook-env", "--shell", "bash"])
        .current_dir(dir)
        .env("PWD", dir));
    assert_ok(&out);
    out
}

fn applied(out: &Output) -> bool {
    out.stdout.contains("AKIAFILESATTACK00001")
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_trust_store_others_control_is_refused() {
    let as_root = root();
    type Attack = fn(&Sandbox);
    let attacks: Vec<(&str, Attack, bool)> = vec![
        (
            "store of another owner",
            |sb| chown(&sb.path("data/roleshift/trust"), NOBODY),
            true,
        ),
        (
            "directory of another owner",
            |sb| chown(&sb.path("data/roleshift"), NOBODY),
            true,
        ),
        (
            "store writable by all",
            |sb| chmod(&sb.path("data/roleshift/trust"), 0o666),
            false,
        ),
        (
            "directory writable by all",
            |sb| chmod(&sb.path("data/roleshift"), 0o777),
            false,
        ),
    ];
    for (what, attack, needs_root) in attacks {
        if needs_root && !as_root {
            continue;
        }
        let sb = Sandbox::new();
        let proj = trusted_tree(&sb);
        assert!(applied(&hook_env(&sb, &proj)), "{what}: the control case");
        attack(&sb);
        let out = hook_env(&sb, &proj);
        assert!(!applied(&out), "{what}: applied");
        assert!(out.stderr.contains("refusing"), "{what}: {}", out.stderr);
        let deny = run(&mut sb.cmd(&["deny", proj.to_str().unwrap()]));
        assert_eq!(deny.status.code(), Some(1), "{what}");
        assert!(
            deny.stderr
                .contains(&sb.path("data/roleshift").display().to_string()),
            "{what}: {}",
            deny.stderr
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn trust_does_not_outlive_its_directory() {
    for how in [
        "removed and made again",
        "another directory moved in its place",
    ] {
        let sb = Sandbox::new();
        let proj = trusted_tree(&sb);
        assert!(applied(&hook_env(&sb, &proj)), "{how}");
        let text = std::fs::read_to_string(proj.join(".roleshift.toml")).unwrap();
        std::fs::remove_dir_all(&proj).unwrap();
        if how.starts_with("removed") {
            std::fs::create_dir(&proj).unwrap();
        } else {
            let other = sb.path("cwd/other");
            std::fs::create_dir(&other).unwrap();
            std::fs::rename(&other, &proj).unwrap();
        }
        std::fs::write(proj.join(".roleshift.toml"), &text).unwrap();
        let out = hook_env(&sb, &proj);
        assert!(!applied(&out), "{how}");
        assert!(
            out.stderr.contains("is not allowed"),
            "{how}: {}",
            out.stderr
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_roleshift_toml_others_control_is_refused() {
    let as_root = root();
    type Attack = fn(&Path);
    let attacks: Vec<(&str, Attack, bool)> = vec![
        (
            "file of another owner",
            |d| chown(&d.join(".roleshift.toml"), NOBODY),
            true,
        ),
        ("directory writable by all", |d| chmod(d, 0o777), false),
        (
            "directory writable by the group",
            |d| chmod(d, 0o770),
            false,
        ),
    ];
    for (what, attack, needs_root) in attacks {
        if needs_root && !as_root {
            continue;
        }
        let sb = Sandbox::new();
        sb.write_config(CONFIG);
        let proj = sb.path("cwd/proj");
        std::fs::create_dir(&proj).unwrap();
        std::fs::write(proj.join(".roleshift.toml"), "profile = \"keys\"\n").unwrap();
        attack(&proj);
        let out = run(&mut sb.cmd(&["allow", proj.to_str().unwrap()]));
        assert_eq!(out.status.code(), Some(1), "{what}: {out:?}");
        assert!(out.stderr.contains("refusing"), "{what}: {}", out.stderr);
        assert!(
            !sb.path("data/roleshift/trust").exists(),
            "{what}: trusted anyway"
        );
        assert!(!applied(&hook_env(&sb, &proj)), "{what}");
    }
}

/// `save` with links planted at `credentials.bak` and `credentials.lock`,
/// absolute and relative, to an existing file and to a path that does not
/// exist yet: no link is followed.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn links_beside_the_credentials_file_are_not_followed() {
    let moto = Moto::shared();
    for (name, relative, existing) in [
        ("credentials.bak", false, true),
        ("credentials.bak", true, false),
        ("credentials.lock", false, false),
        ("credentials.lock", true, true),
    ] {
        let sb = Sandbox::new();
        sb.write_config(CONFIG);
        sb.write_credentials("[keep]\nx = 1\n");
        let victim = sb.path("home/.bashrc");
        if existing {
            std::fs::write(&victim, "# the victim's own file\n").unwrap();
        }
        let link = sb.path("home/.aws").join(name);
        match relative {
            true => symlink("../.bashrc", &link).unwrap(),
            false => symlink(&victim, &link).unwrap(),
        }
        let mut cmd = sb.cmd(&["save", "srv", "--as", "saved"]);
        let out = run(support::against(&mut cmd, moto));
        let case = format!("{name} relative={relative} existing={existing}");
        match existing {
            true => assert_eq!(
                std::fs::read_to_string(&victim).unwrap(),
                "# the victim's own file\n",
                "{case}"
            ),
            false => assert!(
                !victim.exists(),
                "{case}: a file was created at the link's target"
            ),
        }
        if name.ends_with(".bak") {
            assert_ok(&out);
            let meta = std::fs::symlink_metadata(&link).unwrap();
            assert!(
                meta.file_type().is_file(),
                "{case}: the .bak is still a link"
            );
            assert_eq!(
                std::fs::read_to_string(&link).unwrap(),
                "[keep]\nx = 1\n",
                "{case}"
            );
        } else {
            assert_eq!(out.status.code(), Some(1), "{case}: {out:?}");
            assert!(out.stderr.contains("lock"), "{case}: {}", out.stderr);
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn save_region_keeps_the_config_files_mode() {
    let moto = Moto::shared();
    for m in [0o644, 0o640, 0o600] {
        let sb = Sandbox::new();
        sb.write_config(CONFIG);
        let config = sb.path("home/.aws/config");
        chmod(&config, m);
        let mut cmd = sb.cmd(&["save", "srv", "--as", "saved", "--region", "eu-west-1"]);
        assert_ok(&run(support::against(&mut cmd, moto)));
        assert!(
            std::fs::read_to_string(&config)
                .unwrap()
                .contains("[profile saved]")
        );
        assert_eq!(mode(&config), m, "{m:o}");
        assert_eq!(mode(&sb.path("home/.aws/credentials")), 0o600);
    }
}

/// A lock file beside the credentials file that another user owns, or that
/// others can write, is refused by `save`, naming it.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_lock_others_control_is_refused() {
    let moto = Moto::shared();
    let as_root = root();
    for (what, needs_root) in [("another owner", true), ("writable by all", false)] {
        if needs_root && !as_root {
            continue;
        }
        let sb = Sandbox::new();
        sb.write_config(CONFIG);
        let lock = sb.path("home/.aws/credentials.lock");
        std::fs::write(&lock, "").unwrap();
        match needs_root {
            true => chown(&lock, NOBODY),
            false => chmod(&lock, 0o666),
        }
        let mut cmd = sb.cmd(&["save", "srv", "--as", "saved"]);
        let out = run(support::against(&mut cmd, moto));
        assert_eq!(out.status.code(), Some(1), "{what}: {out:?}");
        assert!(
            out.stderr.contains("refusing the lock"),
            "{what}: {}",
            out.stderr
        );
        assert!(out.stderr.contains(&lock.display().to_string()), "{what}");
        let creds = std::fs::read_to_string(sb.path("home/.aws/credentials")).unwrap();
        assert!(!creds.contains("[saved]"), "{what}: saved anyway");
    }
}
