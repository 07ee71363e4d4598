//! `roleshift save` (SPEC §6, issue 3): the seed's "awk the keys into
//! ~/.aws/credentials, cp -a a backup" done safely. Every other byte is kept,
//! the write is atomic and locked, the mode is 0600, symlinks are written
//! through, a `.bak` is kept, and a section roleshift did not write is not
//! overwritten without --force. The AWS CLI then uses the saved profile.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{Moto, Sandbox, against, assert_ok, run, tool};

const SOURCE: &str =
    "[profile src]\naws_access_key_id = AKIASAVESOURCE\naws_secret_access_key = c2VjcmV0\n";

fn creds(sb: &Sandbox) -> String {
    fs::read_to_string(sb.path("home/.aws/credentials")).unwrap()
}

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A credentials file as people's grow: comments everywhere, odd spacing,
/// tabs, nested settings, unicode, hundreds of sections.
fn big_credentials_file() -> String {
    let mut s =
        String::from("# ~/.aws/credentials — managed by hand since 2016\n;; do not share\n\n");
    for i in 0..300 {
        s += &format!("# team {i}: ünïcode, = signs and [brackets] in a comment\n");
        match i % 4 {
            0 => {
                s += &format!(
                    "[user{i}]\naws_access_key_id = AKIA{i:016}\naws_secret_access_key = s{i}/x+y=\n\n"
                )
            }
            1 => {
                s += &format!(
                    "[ spaced{i} ]\naws_access_key_id=AKIB{i:016}\n\taws_secret_access_key\t=\tt{i}\n; trailing comment\n"
                )
            }
            2 => {
                s += &format!(
                    "[nested{i}]\naws_access_key_id = AKIC{i:016}\naws_secret_access_key = u{i}\ns3 =\n  max_concurrent_requests = {i}\n\n\n"
                )
            }
            _ => {
                s += &format!(
                    "[role{i}]\nrole_arn = arn:aws:iam::1:role/R{i}\nsource_profile = user{}\n",
                    i - 3
                )
            }
        }
    }
    // And no newline at the very end.
    s += "# the end";
    s
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn every_other_byte_of_a_large_file_is_kept_and_our_section_is_edited_in_place() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    let original = big_credentials_file();
    sb.write_credentials(&original);
    let role = "arn:aws:iam::300000000001:role/SaveBig";
    // --refresh: a new session each time, not the cached one.
    let save = |sb: &Sandbox| {
        let out = run(against(
            &mut sb.cmd(&[
                "save",
                role,
                "--source-profile",
                "src",
                "--as",
                "temp",
                "--refresh",
            ]),
            moto,
        ));
        assert_ok(&out);
    };

    save(&sb);
    let first = creds(&sb);
    // Appended after a newline the file lacked and a blank line; nothing else moved.
    assert!(
        first.starts_with(&format!("{original}\n\n[temp]\n")),
        "{}",
        &first[original.len()..]
    );

    // The user adds more after our section; the next save edits it in place.
    let tail = "\n# added later by hand\n[later]\naws_access_key_id = AKIALATER\naws_secret_access_key = l\n";
    sb.write_credentials(&format!("{first}{tail}"));
    save(&sb);
    let second = creds(&sb);
    assert!(second.starts_with(&format!("{original}\n\n[temp]\n")));
    assert!(second.ends_with(tail), "{}", &second[original.len()..]);
    let section = |text: &str| {
        text[original.len()..text.len() - if text.ends_with(tail) { tail.len() } else { 0 }]
            .to_string()
    };
    let (old, new) = (section(&first), section(&second));
    assert_ne!(old, new, "new session keys");
    assert_eq!(old.lines().count(), new.lines().count());
    for key in [
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
        "expiration",
        "roleshift_managed",
    ] {
        assert_eq!(
            new.matches(&format!("\n{key} = ")).count(),
            1,
            "{key} in {new}"
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_aws_cli_uses_the_saved_profile_and_region() {
    let moto = Moto::shared();
    let aws = tool("aws");
    let sb = Sandbox::new();
    let config = format!("# my config\n{SOURCE}\n[profile other]\noutput = json\n");
    sb.write_config(&config);
    let role = "arn:aws:iam::300000000002:role/SaveCli";
    let out = run(against(
        &mut sb.cmd(&[
            "save",
            role,
            "--source-profile",
            "src",
            "--as",
            "deploy",
            "--region",
            "eu-west-2",
            "--session-name",
            "saved",
        ]),
        moto,
    ));
    assert_ok(&out);
    assert!(
        out.stdout.is_empty(),
        "save prints to stderr only: {}",
        out.stdout
    );
    assert!(
        out.stderr.contains("aws --profile deploy"),
        "{}",
        out.stderr
    );
    let cfg = fs::read_to_string(sb.path("home/.aws/config")).unwrap();
    assert_eq!(
        cfg,
        format!("{config}\n[profile deploy]\nregion = eu-west-2\nroleshift_managed = true\n")
    );

    let id = support::aws_identity_of_profile(&sb, moto, "deploy");
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::300000000002:assumed-role/SaveCli/saved"
    );

    let mut region = Command::new(&aws);
    region
        .args(["configure", "get", "region", "--profile", "deploy"])
        .env_clear()
        .envs(sb.envs());
    let out = run(&mut region);
    assert_ok(&out);
    assert_eq!(out.stdout.trim(), "eu-west-2");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_section_roleshift_did_not_write_is_refused_without_force() {
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    let mine = "[prod]\naws_access_key_id = AKIAMINE\naws_secret_access_key = mine\n";
    sb.write_credentials(mine);
    let out = run(&mut sb.cmd(&["save", "src", "--as", "prod"]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        out.stderr.contains("[prod]") && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert_eq!(creds(&sb), mine, "untouched");
    assert!(!sb.path("home/.aws/credentials.bak").exists());

    let out = run(&mut sb.cmd(&["save", "src", "--as", "prod", "--force"]));
    assert_ok(&out);
    assert!(
        creds(&sb).contains("aws_access_key_id = AKIASAVESOURCE\n"),
        "{}",
        creds(&sb)
    );
    assert_eq!(
        fs::read_to_string(sb.path("home/.aws/credentials.bak")).unwrap(),
        mine
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_name_whose_config_profile_assumes_a_role_is_refused() {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "{SOURCE}[profile prod]\nrole_arn = arn:aws:iam::1:role/P\nsource_profile = src\n"
    ));
    let out = run(&mut sb.cmd(&["save", "src", "--as", "prod", "--force"]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stderr.contains("role_arn"), "{}", out.stderr);
    assert_eq!(creds(&sb), "");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn backup_and_mode() {
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    let path = sb.path("home/.aws/credentials");
    let before = "[default]\naws_access_key_id = AKIADEF\naws_secret_access_key = d\n";
    sb.write_credentials(before);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&mut sb.cmd(&["save", "src", "--as", "copy"]));
    assert_ok(&out);
    assert_eq!(mode(&path), 0o600);
    let bak = sb.path("home/.aws/credentials.bak");
    assert_eq!(fs::read_to_string(&bak).unwrap(), before);
    assert_eq!(mode(&bak), 0o600);
    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(sb.path("home/.aws"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_symlinked_credentials_file_is_written_through_the_link() {
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    fs::create_dir_all(sb.path("dotfiles")).unwrap();
    let real = sb.path("dotfiles/aws-credentials");
    fs::write(&real, "# from my dotfiles\n").unwrap();
    let link = sb.path("home/.aws/credentials");
    fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink("../../dotfiles/aws-credentials", &link).unwrap();

    let out = run(&mut sb.cmd(&["save", "src", "--as", "linked"]));
    assert_ok(&out);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    let text = fs::read_to_string(&real).unwrap();
    assert!(
        text.starts_with("# from my dotfiles\n\n[linked]\n"),
        "{text}"
    );
    assert_eq!(mode(&real), 0o600);
    assert_eq!(
        fs::read_to_string(sb.path("home/.aws/credentials.bak")).unwrap(),
        "# from my dotfiles\n"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_first_save_creates_a_private_directory() {
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    let file = sb.path("fresh/aws/credentials");
    let out = run(sb
        .cmd(&["save", "src", "--as", "first"])
        .env("AWS_SHARED_CREDENTIALS_FILE", &file));
    assert_ok(&out);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(&file), 0o600);
    assert!(fs::read_to_string(&file).unwrap().starts_with("[first]\n"));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bad_names_and_values_are_refused_before_anything_is_written() {
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    sb.write_credentials("# keep\n");
    for args in [
        vec!["save", "src", "--as", "a\nb"],
        vec!["save", "src", "--as", "x]\n[default"],
        vec!["save", "src", "--as", "[x]"],
        vec!["save", "src", "--as", "tab\there"],
        vec!["save", "src", "--as", ""],
        vec![
            "save",
            "src",
            "--as",
            "ok",
            "--region",
            "eu-west-1\nrole_arn = x",
        ],
    ] {
        let out = run(&mut sb.cmd(&args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stderr.starts_with("roleshift: "), "{}", out.stderr);
        assert_eq!(creds(&sb), "# keep\n", "{args:?}");
        assert_eq!(
            fs::read_to_string(sb.path("home/.aws/config")).unwrap(),
            SOURCE
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn concurrent_saves_to_different_names_all_land() {
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    let original = big_credentials_file() + "\n";
    sb.write_credentials(&original);
    let children: Vec<_> = (0..8)
        .map(|i| {
            sb.cmd(&["save", "src", "--as", &format!("c{i}")])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let text = creds(&sb);
    assert!(text.starts_with(&original));
    for i in 0..8 {
        assert_eq!(
            text.matches(&format!("\n[c{i}]\n")).count(),
            1,
            "c{i} in {}",
            &text[original.len()..]
        );
    }
}

/// Each line of an INI file is blank, a comment, a header or `key = value`.
fn well_formed(text: &str) -> bool {
    text.is_empty()
        || text.ends_with('\n')
            && text.lines().all(|l| {
                let t = l.trim();
                t.is_empty()
                    || t.starts_with(['#', ';'])
                    || (t.starts_with('[') && t.ends_with(']'))
                    || t.contains('=')
            })
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn writers_killed_at_random_moments_never_tear_the_file() {
    let sb = Sandbox::new();
    sb.write_config(SOURCE);
    let original = big_credentials_file() + "\n";
    sb.write_credentials(&original);
    let deadline = Instant::now() + Duration::from_secs(3);
    // A small LCG: reproducible from the seed printed on failure.
    let seed = std::process::id() as u64;
    let mut rng = seed;
    let (mut runs, mut killed) = (0, 0);
    while Instant::now() < deadline {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let name = format!("k{}", (rng >> 33) % 4);
        let mut child = sb.cmd(&["save", "src", "--as", &name]).spawn().unwrap();
        // A save takes a few milliseconds: kill anywhere from exec to exit.
        std::thread::sleep(Duration::from_micros((rng >> 40) % 10_000));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL: no destructor, no cleanup
            killed += 1;
        }
        child.wait().unwrap();
        runs += 1;
        let text = creds(&sb);
        assert!(
            text.starts_with(&original),
            "seed {seed}, run {runs}: the user's part changed"
        );
        assert!(
            well_formed(&text),
            "seed {seed}, run {runs}: torn file:\n{}",
            &text[original.len()..]
        );
        for k in 0..4 {
            assert!(
                text.matches(&format!("\n[k{k}]\n")).count() <= 1,
                "seed {seed}: k{k} twice"
            );
        }
        if let Ok(bak) = fs::read_to_string(sb.path("home/.aws/credentials.bak")) {
            assert!(
                bak.starts_with(&original) && well_formed(&bak),
                "seed {seed}: torn backup"
            );
        }
    }
    eprintln!("{runs} saves, {killed} killed mid-way");
    assert!(runs > 5, "too few runs to mean anything: {runs}");
}
