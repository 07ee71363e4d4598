//! The committed seed corpus (tests/corpus/, see its README): every file
//! goes through the command that reads its kind of input, and must end in
//! exit 0, 1 with one line, or 2, never a panic or a crash.

mod support;

use std::path::{Path, PathBuf};

use support::{Output, Sandbox, run};

const KEYS: &str = "[profile keys]\naws_access_key_id = AKIACORPUSKEYS000001\n\
                    aws_secret_access_key = corpusKeysSecret\naws_session_token = corpusToken\n";
/// A closed loopback port: anything that reaches for STS fails fast, locally.
const DEAD_END: &str = "http://127.0.0.1:9";

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

/// The outcome's shape; files named `valid*` must succeed.
#[track_caller]
fn check(out: &Output, file: &Path, what: &str) {
    let name = file.file_name().unwrap().to_string_lossy();
    let all = format!(
        "{name} ({what}): exit {:?}\n--- stderr ---\n{}",
        out.status.code(),
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "panic: {all}");
    let lines: Vec<&str> = out.stderr.lines().collect();
    match out.status.code() {
        Some(0) => {}
        Some(1) => {
            assert!(
                lines.first().is_some_and(|l| l.starts_with("roleshift: ")),
                "{all}"
            );
            assert!(
                lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("  hint: ")),
                "{all}"
            );
        }
        Some(2) => assert!(
            lines
                .first()
                .is_some_and(|l| l.starts_with("error: ") || l.starts_with("roleshift: ")),
            "{all}"
        ),
        _ => panic!("crashed: {all}"),
    }
    if name.starts_with("valid") {
        assert_eq!(out.status.code(), Some(0), "{all}");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn config_corpus() {
    for file in corpus("config") {
        let sb = Sandbox::new();
        std::fs::copy(&file, sb.path("home/.aws/config")).unwrap();
        for args in [
            &["list"][..],
            &["list", "--json"],
            &["export", "a", "--format", "json"],
        ] {
            let out = run(sb
                .cmd(args)
                .env("AWS_ENDPOINT_URL", DEAD_END)
                .env("AWS_MAX_ATTEMPTS", "1"));
            check(&out, &file, &args.join(" "));
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credentials_corpus() {
    for file in corpus("credentials") {
        let sb = Sandbox::new();
        sb.write_config(KEYS);
        let path = sb.path("home/.aws/credentials");
        std::fs::copy(&file, &path).unwrap();
        check(&run(&mut sb.cmd(&["list"])), &file, "list");
        let before = std::fs::read(&path).unwrap();
        let out = run(&mut sb.cmd(&["save", "keys", "--as", "saved"]));
        check(&out, &file, "save");
        if !out.status.success() {
            assert_eq!(
                std::fs::read(&path).unwrap(),
                before,
                "{}: a refusal changed the file",
                file.display()
            );
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn saml_corpus() {
    let sb = Sandbox::new();
    for file in corpus("saml") {
        let out = run(&mut sb.cmd(&["saml-roles", file.to_str().unwrap()]));
        check(&out, &file, "saml-roles");
        assert!(
            !out.stdout.contains("root:"),
            "an external entity was resolved"
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn credential_process_corpus() {
    for file in corpus("credential_process") {
        let sb = Sandbox::new();
        sb.write_config(&format!(
            "[profile p]\ncredential_process = cat '{}'\n",
            file.display()
        ));
        let out = run(&mut sb.cmd(&["credential-process", "p"]));
        check(&out, &file, "credential-process");
        assert!(!out.stderr.contains("corpusSecret"), "{}", out.stderr);
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn token_corpus() {
    let sb = Sandbox::new();
    for file in corpus("token") {
        let out = run(sb
            .cmd(&[
                "export",
                "--role-arn",
                "arn:aws:iam::1:role/T",
                "--web-identity-token-file",
                file.to_str().unwrap(),
                "--format",
                "json",
            ])
            .env("AWS_ENDPOINT_URL", DEAD_END)
            .env("AWS_MAX_ATTEMPTS", "1"));
        check(&out, &file, "export --web-identity-token-file");
        // Each one fails: unreadable, or STS is not there.
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
    }
}

fn hook_sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(KEYS);
    std::fs::create_dir_all(sb.path("cwd/proj")).unwrap();
    sb
}

fn hook_env(sb: &Sandbox) -> Output {
    let mut cmd = sb.cmd(&["hook-env", "--shell", "bash"]);
    cmd.current_dir(sb.path("cwd/proj"));
    run(&mut cmd)
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn roleshift_toml_corpus() {
    for file in corpus("roleshift_toml") {
        let sb = hook_sandbox();
        std::fs::copy(&file, sb.path("cwd/proj/.roleshift.toml")).unwrap();
        check(&run(&mut sb.cmd(&["allow", "proj"])), &file, "allow");
        check(&hook_env(&sb), &file, "hook-env");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn trust_corpus() {
    for file in corpus("trust") {
        let sb = hook_sandbox();
        std::fs::write(sb.path("cwd/proj/.roleshift.toml"), "profile = \"keys\"\n").unwrap();
        let store = sb.path("data/roleshift/trust");
        std::fs::create_dir_all(store.parent().unwrap()).unwrap();
        std::fs::copy(&file, &store).unwrap();
        let out = hook_env(&sb);
        check(&out, &file, "hook-env");
        assert!(
            !out.stdout.contains("AWS_ACCESS_KEY_ID="),
            "{}: applied",
            file.display()
        );
        for verb in ["allow", "deny"] {
            std::fs::copy(&file, &store).unwrap();
            check(&run(&mut sb.cmd(&[verb, "proj"])), &file, verb);
        }
    }
}
