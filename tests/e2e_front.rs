//! The two binaries: `roleshift` answers a cached export by itself, without
//! the AWS SDK, and hands everything else to `roleshift-full` beside it.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::{Moto, Sandbox, assert_ok, run};

/// A copy of the front binary alone in a directory: no roleshift-full beside it.
fn lone_front(sb: &Sandbox) -> PathBuf {
    let dir = sb.path("lone");
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("roleshift");
    std::fs::copy(env!("CARGO_BIN_EXE_roleshift"), &copy).unwrap();
    copy
}

fn with_env(sb: &Sandbox, moto: &Moto, program: &PathBuf, args: &[&str]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env_clear()
        .envs(sb.envs())
        .env("AWS_ENDPOINT_URL", moto.url())
        .current_dir(sb.path("cwd"))
        .stdin(std::process::Stdio::null());
    cmd
}

#[test]
fn a_cache_hit_needs_only_the_front_binary() {
    let Some(moto) = Moto::shared() else { return };
    let sb = Sandbox::new();
    sb.write_config(
        "[profile base]\naws_access_key_id = AKIAE2EFRONTBASE0001\naws_secret_access_key = s\n\
         [profile prod]\nrole_arn = arn:aws:iam::666600000001:role/FrontProd\nsource_profile = base\n",
    );
    // The installed pair fills the cache...
    let warm = run(&mut with_env(
        &sb,
        moto,
        &PathBuf::from(env!("CARGO_BIN_EXE_roleshift")),
        &["export", "prod", "--format", "json"],
    ));
    assert_ok(&warm);
    // ...and the front alone answers from it, for both hot commands.
    let front = lone_front(&sb);
    let hit = run(&mut with_env(
        &sb,
        moto,
        &front,
        &["export", "prod", "--format", "json"],
    ));
    assert_ok(&hit);
    assert_eq!(hit.stdout, warm.stdout);
    assert_ok(&run(&mut with_env(
        &sb,
        moto,
        &front,
        &["credential-process", "prod"],
    )));
    // Static keys need no network either.
    assert_ok(&run(&mut with_env(
        &sb,
        moto,
        &front,
        &["export", "base", "--format", "json"],
    )));
}

#[test]
fn everything_else_goes_to_roleshift_full_and_its_absence_is_explained() {
    let Some(moto) = Moto::shared() else { return };
    let sb = Sandbox::new();
    sb.write_config("[profile base]\naws_access_key_id = AKIAE2EFRONTBASE0002\naws_secret_access_key = s\n\
                     [profile cold]\nrole_arn = arn:aws:iam::666600000002:role/FrontCold\nsource_profile = base\n");
    let front = lone_front(&sb);
    for args in [
        &["export", "cold", "--format", "json"][..],
        &["list"],
        &["--version"],
        &["whoami", "base"],
    ] {
        let out = run(&mut with_env(&sb, moto, &front, args));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
        assert!(
            out.stderr.starts_with("roleshift: cannot run ")
                && out.stderr.contains("roleshift-full"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("hint: "), "{}", out.stderr);
    }
    // Installed as a pair, the same calls work, and clap still calls itself roleshift.
    let pair = PathBuf::from(env!("CARGO_BIN_EXE_roleshift"));
    assert_ok(&run(&mut with_env(
        &sb,
        moto,
        &pair,
        &["export", "cold", "--format", "json"],
    )));
    let version = run(&mut with_env(&sb, moto, &pair, &["--version"]));
    assert_eq!(
        version.stdout.trim(),
        format!("roleshift {}", env!("CARGO_PKG_VERSION"))
    );
    let usage = run(&mut with_env(&sb, moto, &pair, &["export", "--bogus"]));
    assert_eq!(usage.status.code(), Some(2));
    assert!(
        usage.stderr.contains("Usage: roleshift export"),
        "{}",
        usage.stderr
    );
}
