//! Hostile input through the binary (SPEC §8: bad input never panics): flag
//! values, config and credentials files of random bytes, oversized and
//! malformed files, odd cache entries, credential_process output, token
//! files, SAML assertions and existing credentials files for `save`. Every
//! run must end with exit 0, 1 with one line (and maybe a hint), or 2 for
//! usage, and never with a panic. The in-process properties of the same
//! parsers are in src/hostile_tests.rs; the committed seed corpus is in
//! tests/corpus/.

mod support;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use support::{Moto, Output, Sandbox, run};

const KEYS: &str = "[profile keys]\naws_access_key_id = AKIAHOSTILEKEYS00001\n\
                    aws_secret_access_key = hostileSecretNeverShown\naws_session_token = hostileToken\n";
const SECRET: &str = "hostileSecretNeverShown";

/// A closed loopback port: anything that reaches for STS fails fast, locally.
const DEAD_END: &str = "http://127.0.0.1:9";

fn runner(cases: u32) -> TestRunner {
    support::proptest_runner(cases)
}

/// The shape every outcome must have. Returns the exit code.
fn well_behaved(out: &Output, what: &str) -> Result<i32, TestCaseError> {
    let code = out.status.code();
    let all = format!(
        "{what}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.stdout, out.stderr
    );
    prop_assert!(!out.stderr.contains("panicked"), "panic: {}", all);
    prop_assert!(!out.stderr.contains(SECRET), "secret on stderr: {}", all);
    let lines: Vec<&str> = out.stderr.lines().collect();
    match code {
        Some(0) => {}
        Some(1) => {
            prop_assert!(
                support::nothing_to_evaluate(&out.stdout),
                "stdout on failure: {}",
                all
            );
            prop_assert!(
                lines.first().is_some_and(|l| l.starts_with("roleshift: ")),
                "{}",
                all
            );
            prop_assert!(
                lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("  hint: ")),
                "one line and at most a hint: {}",
                all
            );
        }
        // clap's usage errors: `error: ...`, then a pointer to --help.
        Some(2) => prop_assert!(
            lines
                .first()
                .is_some_and(|l| l.starts_with("error: ") || l.starts_with("roleshift: ")),
            "{}",
            all
        ),
        _ => prop_assert!(false, "exit {:?}: {}", code, all),
    }
    Ok(code.unwrap_or(-1))
}

fn keys_sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(KEYS);
    sb
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        "[0-9hms]{0,12}",
        "[0-9]{10,30}[hms]?",
        "[a-z=,.@ -]{0,20}",
        // Control characters that argv can carry (all but NUL).
        "[\\x01-\\x1f\\x7f]{1,4}",
        Just(String::new()),
        Just("=".into()),
        Just("-".into()),
        Just("--".into()),
    ]
}

const FLAGS: &[&str] = &[
    "--duration",
    "--min-ttl",
    "--tag",
    "--transitive-tag",
    "--session-name",
    "--external-id",
    "--source-identity",
    "--policy-arn",
    "--region",
    "--mfa-code",
    "--mfa-serial",
    "--role-arn",
    "--source-profile",
    "--provider-id",
    "--format",
];

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn flag_values_never_panic() {
    let sb = keys_sandbox();
    let mut runner = runner(150);
    // Half the runs name the keys profile, so that good values get through.
    let target = prop_oneof![Just("keys".to_string()), value()];
    let strategy = (0..FLAGS.len(), value(), target);
    let codes = std::cell::RefCell::new([0u32; 3]);
    runner
        .run(&strategy, |(flag, v, target)| {
            let flag = FLAGS[flag];
            let mut cmd = sb.cmd(&["export", &target, flag, &v]);
            cmd.env("AWS_ENDPOINT_URL", DEAD_END)
                .env("AWS_MAX_ATTEMPTS", "1");
            let out = run(&mut cmd);
            let code = well_behaved(&out, &format!("export {target:?} {flag} {v:?}"))?;
            codes.borrow_mut()[code as usize] += 1;
            Ok(())
        })
        .unwrap();
    let codes = codes.into_inner();
    eprintln!("flag values: exit 0/1/2 = {codes:?}, 0 panics");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn arguments_that_are_not_utf8_are_usage_errors() {
    let sb = keys_sandbox();
    for args in [
        &[&b"export"[..], b"\xff\xfe"][..],
        &[b"export", b"keys", b"--region", b"eu\xc3"],
        &[b"save", b"keys", b"--as", b"x\x80y"],
    ] {
        let mut cmd = sb.cmd(&[]);
        cmd.args(args.iter().map(|a| OsStr::from_bytes(a)));
        let out = run(&mut cmd);
        let code = well_behaved(&out, &format!("{args:?}")).unwrap();
        assert_eq!(code, 2, "{args:?}: {}", out.stderr);
    }
    // A command to run is a path, and paths need not be UTF-8.
    let mut cmd = sb.cmd(&["exec", "keys", "--"]);
    let out = run(cmd.arg(OsStr::from_bytes(b"no-such-\xff")));
    // 127, as shells and `env` say "no such command".
    assert_eq!(out.status.code(), Some(127), "{}", out.stderr);
    assert!(out.stderr.contains("command not found"), "{}", out.stderr);
}

/// Regression: an empty --endpoint-url panicked inside the SDK ("URL was
/// unset"), and a malformed one printed the SDK's dump of the request, body
/// included. Both are now usage errors before any request is built.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn endpoint_urls_that_make_no_sense_fail_in_one_line() {
    let sb = keys_sandbox();
    for url in ["not a url", "http://[::1", "ftp://127.0.0.1/", "://", ""] {
        let out = run(sb
            .cmd(&["whoami", "keys", "--endpoint-url", url])
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("ROLESHIFT_TIMEOUT", "3"));
        assert_eq!(well_behaved(&out, url).unwrap(), 2, "{url}: {}", out.stderr);
        assert!(out.stderr.contains("--endpoint-url: "), "{}", out.stderr);
    }
}

/// Random bytes as the config file and as the credentials file.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn files_of_random_bytes_never_panic() {
    let sb = Sandbox::new();
    let mut runner = runner(100);
    let bytes = proptest::collection::vec(any::<u8>(), 0..300);
    let codes = std::cell::RefCell::new([0u32; 3]);
    runner
        .run(
            &(bytes.clone(), bytes, any::<bool>()),
            |(config, creds, ascii)| {
                let clean = |b: Vec<u8>| -> Vec<u8> {
                    // Half the cases stay printable, so they get past the
                    // encoding checks and into the INI parser.
                    if ascii {
                        b.into_iter()
                            .map(|c| b"[] =\nprofile_abc#;\t"[c as usize % 19])
                            .collect()
                    } else {
                        b
                    }
                };
                std::fs::write(sb.path("home/.aws/config"), clean(config)).unwrap();
                std::fs::write(sb.path("home/.aws/credentials"), clean(creds)).unwrap();
                for args in [
                    &["list"][..],
                    &["export", "a", "--format", "json"],
                    &["list", "--json"],
                ] {
                    let out = run(sb
                        .cmd(args)
                        .env("AWS_ENDPOINT_URL", DEAD_END)
                        .env("AWS_MAX_ATTEMPTS", "1"));
                    let code = well_behaved(&out, &format!("{args:?}"))?;
                    codes.borrow_mut()[code as usize] += 1;
                }
                Ok(())
            },
        )
        .unwrap();
    let codes = codes.into_inner();
    eprintln!("random config files: exit 0/1/2 = {codes:?}, 0 panics");
}

/// One line that contains NEEDLE, exit 1.
#[track_caller]
fn fails_with(out: &Output, needle: &str) {
    well_behaved(out, needle).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains(needle),
        "want {needle:?}:\n{}",
        out.stderr
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_10_mb_config_is_refused_plainly() {
    let sb = Sandbox::new();
    let line = "# padding padding padding padding padding padding padding padding\n";
    let mut text = String::from("[profile a]\nregion = x\n");
    while text.len() < 10 * 1024 * 1024 {
        text += line;
    }
    sb.write_config(&text);
    let start = std::time::Instant::now();
    let out = run(&mut sb.cmd(&["export", "a", "--format", "json"]));
    fails_with(&out, "larger than 8 MiB");
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_nul_byte_is_refused_with_its_line() {
    let sb = Sandbox::new();
    sb.write_config(&format!("{KEYS}region = eu\0west-1\n"));
    fails_with(
        &run(&mut sb.cmd(&["export", "keys", "--format", "json"])),
        "line 5: contains a NUL byte",
    );
    // The same in the credentials file.
    let sb = Sandbox::new();
    sb.write_credentials("[keys]\naws_access_key_id = A\0\n");
    fails_with(&run(&mut sb.cmd(&["list"])), "contains a NUL byte");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn invalid_utf8_is_refused_with_its_offset() {
    let sb = Sandbox::new();
    let mut bytes = KEYS.as_bytes().to_vec();
    bytes.extend_from_slice(b"region = \xff\xfe\n");
    std::fs::write(sb.path("home/.aws/config"), &bytes).unwrap();
    let out = run(&mut sb.cmd(&["export", "keys", "--format", "json"]));
    fails_with(&out, &format!("byte {} is not UTF-8", KEYS.len() + 9));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_1000_deep_chain_is_refused_before_any_sts_call() {
    let sb = Sandbox::new();
    let mut text = String::from(KEYS);
    text += "[profile p0]\nrole_arn = arn:aws:iam::1:role/R0\nsource_profile = keys\n";
    for i in 1..1000 {
        text += &format!(
            "[profile p{i}]\nrole_arn = arn:aws:iam::1:role/R{i}\nsource_profile = p{}\n",
            i - 1
        );
    }
    sb.write_config(&text);
    // A dead endpoint: had it called STS, the error would be about the network.
    let out = run(sb
        .cmd(&["export", "p999", "--format", "json"])
        .env("AWS_ENDPOINT_URL", DEAD_END));
    fails_with(&out, "deeper than 256 profiles");
}

/// Cache entries that are not files, or are too big: misses, not failures.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn odd_cache_entries_are_misses() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "{KEYS}[profile r]\nrole_arn = arn:aws:iam::888800000001:role/OddCache\nsource_profile = keys\n"
    ));
    let export = || {
        run(sb
            .cmd(&["export", "r", "--format", "json"])
            .env("AWS_ENDPOINT_URL", moto.url())
            .env("AWS_MAX_ATTEMPTS", "1"))
    };
    assert_eq!(well_behaved(&export(), "first").unwrap(), 0);
    let dir = sb.path("cache/roleshift");
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let variants: [(&str, &dyn Fn()); 4] = [
        ("a directory", &|| std::fs::create_dir(&entry).unwrap()),
        ("a link to /dev/zero", &|| {
            std::os::unix::fs::symlink("/dev/zero", &entry).unwrap()
        }),
        ("a 1 MB file", &|| {
            std::fs::write(&entry, vec![b'{'; 1 << 20]).unwrap()
        }),
        ("a FIFO", &|| {
            let c = std::ffi::CString::new(entry.as_os_str().as_bytes()).unwrap();
            // SAFETY: a valid C string.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        }),
    ];
    for (what, make) in variants {
        let _ = std::fs::remove_file(&entry).or_else(|_| std::fs::remove_dir(&entry));
        make();
        let out = export();
        // A directory in its place cannot be replaced: a warning, not a failure.
        assert_eq!(
            well_behaved(&out, what).unwrap(),
            0,
            "{what}: {}",
            out.stderr
        );
        let list = run(&mut sb.cmd(&["cache", "list"]));
        well_behaved(&list, what).unwrap();
    }
}

/// credential_process printing anything at all.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_process_output_never_panics_or_leaks() {
    let sb = Sandbox::new();
    let out_file = sb.path("cwd/process.out");
    sb.write_config(&format!(
        "[profile p]\ncredential_process = cat '{}'\n",
        out_file.display()
    ));
    let valid = format!(
        r#"{{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"{SECRET}","SessionToken":"t","Expiration":"2030-01-01T00:00:00Z"}}"#
    );
    let mut runner = runner(60);
    let strategy = (
        0usize..200,
        "\\PC{0,20}",
        proptest::collection::vec(any::<u8>(), 0..100),
        0..3u8,
    );
    let codes = std::cell::RefCell::new([0u32; 3]);
    runner
        .run(&strategy, |(cut, junk, bytes, pick)| {
            let text: Vec<u8> = match pick {
                0 => format!("{}{junk}", &valid[..cut.min(valid.len())]).into_bytes(),
                1 => valid.replacen("1", &junk, 1).into_bytes(),
                _ => bytes,
            };
            std::fs::write(&out_file, &text).unwrap();
            let out = run(&mut sb.cmd(&["credential-process", "p"]));
            let code = well_behaved(&out, &String::from_utf8_lossy(&text))?;
            codes.borrow_mut()[code as usize] += 1;
            Ok(())
        })
        .unwrap();
    let codes = codes.into_inner();
    eprintln!("credential_process outputs: exit 0/1/2 = {codes:?}, 0 panics, 0 leaks");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn token_files_that_are_not_tokens_fail_in_one_line() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let path = sb.path("cwd/token");
    let cases: [(&str, Vec<u8>, Option<&str>); 6] = [
        ("empty", Vec::new(), Some("is empty")),
        ("newlines only", b"\n\r\n\n".to_vec(), Some("is empty")),
        ("invalid UTF-8", b"eyJ\xff\xfe.x.y".to_vec(), Some("UTF-8")),
        ("2 MiB", vec![b'a'; 2 << 20], Some("larger than 1 MiB")),
        // STS judges a token's content; moto takes anything. No panic is the point.
        ("a NUL byte", b"eyJ\0.x.y".to_vec(), None),
        ("control characters", b"eyJ\x1b[31m.x\x07.y".to_vec(), None),
    ];
    for (what, bytes, needle) in cases {
        std::fs::write(&path, &bytes).unwrap();
        let out = run(sb
            .cmd(&[
                "export",
                "--role-arn",
                "arn:aws:iam::888800000002:role/Token",
                "--web-identity-token-file",
                path.to_str().unwrap(),
                "--format",
                "json",
            ])
            .env("AWS_ENDPOINT_URL", moto.url())
            .env("AWS_MAX_ATTEMPTS", "1"));
        match needle {
            Some(n) => fails_with(&out, n),
            None => {
                well_behaved(&out, what).unwrap();
            }
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn saml_assertions_of_any_shape_never_panic() {
    let sb = Sandbox::new();
    let file = sb.path("cwd/assertion");
    let good = support::saml::Response::new("s")
        .role("arn:aws:iam::1:role/A", "arn:aws:iam::1:saml-provider/P")
        .role("arn:aws:iam::1:role/B", "arn:aws:iam::1:saml-provider/P")
        .xml();
    let mut runner = runner(150);
    let strategy = (
        0usize..4000,
        0usize..4000,
        "\\PC{0,12}|<[a-zA-Z:]{0,8}|&[a-z#0-9]{0,6};?|]]>|<!\\[CDATA\\[",
        proptest::collection::vec(any::<u8>(), 0..200),
        0..4u8,
    );
    let codes = std::cell::RefCell::new([0u32; 3]);
    runner
        .run(&strategy, |(at, len, insert, bytes, pick)| {
            let at = at.min(good.len());
            let end = (at + len % 64).min(good.len());
            let text: Vec<u8> = match pick {
                // Cut, or a stretch replaced, or something inserted.
                0 => good.as_bytes()[..at].to_vec(),
                1 => [
                    &good.as_bytes()[..at],
                    insert.as_bytes(),
                    &good.as_bytes()[end..],
                ]
                .concat(),
                2 => support::saml::base64_encode(
                    &[
                        &good.as_bytes()[..at],
                        insert.as_bytes(),
                        &good.as_bytes()[at..],
                    ]
                    .concat(),
                )
                .into_bytes(),
                _ => bytes,
            };
            std::fs::write(&file, &text).unwrap();
            let out = run(&mut sb.cmd(&["saml-roles", file.to_str().unwrap()]));
            let code = well_behaved(&out, &String::from_utf8_lossy(&text))?;
            codes.borrow_mut()[code as usize] += 1;
            Ok(())
        })
        .unwrap();
    let codes = codes.into_inner();
    eprintln!("SAML assertions: exit 0/1/2 = {codes:?}, 0 panics");
}

/// `save` into a credentials file of any shape: it either writes its
/// section and keeps every line it does not own, or fails in one line and
/// leaves the file byte for byte.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn save_into_any_credentials_file_keeps_it_or_refuses() {
    let sb = keys_sandbox();
    let line = prop_oneof![
        "\\[[a-z ]{0,6}\\]",
        Just("[saved]".to_string()),
        Just("roleshift_managed = true".to_string()),
        "[a-z_]{1,8} ?= ?[a-z0-9]{0,6}",
        "  [a-z]{1,4} = 1",
        "[#;]\\PC{0,10}",
        "\\PC{0,12}",
        Just(String::new()),
    ];
    let mut runner = runner(80);
    let strategy = (proptest::collection::vec(line, 0..12), any::<bool>());
    let codes = std::cell::RefCell::new([0u32; 3]);
    runner
        .run(&strategy, |(lines, newline)| {
            let mut before = lines.join("\n");
            if newline {
                before.push('\n');
            }
            sb.write_credentials(&before);
            let out = run(&mut sb.cmd(&["save", "keys", "--as", "saved"]));
            let code = well_behaved(&out, &before)?;
            codes.borrow_mut()[code as usize] += 1;
            let after = std::fs::read_to_string(sb.path("home/.aws/credentials")).unwrap();
            if code == 0 {
                prop_assert!(after.contains("[saved]"), "{}", after);
                prop_assert!(
                    after.contains("aws_session_token = hostileToken"),
                    "{}",
                    after
                );
            } else {
                prop_assert_eq!(&after, &before, "a refusal changed the file");
            }
            Ok(())
        })
        .unwrap();
    let codes = codes.into_inner();
    eprintln!("save into random credentials files: exit 0/1/2 = {codes:?}, 0 panics");
}

/// Regression: a credential_process that never stops printing (`yes`) was
/// read into memory until it ran out.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn endless_credential_process_output_is_cut_off() {
    let sb = Sandbox::new();
    sb.write_config("[profile p]\ncredential_process = yes\n");
    let start = std::time::Instant::now();
    let out = run(&mut sb.cmd(&["credential-process", "p"]));
    fails_with(&out, "printed more than 1 MiB");
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}
