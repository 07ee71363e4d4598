//! `roleshift keys` with the encrypted-file backend (SPEC §12): keys added
//! from stdin serve a profile directly, as a source_profile, in the MFA flow
//! and under `exec --server`, signed with the stored key (checked in moto's
//! request log); a wrong passphrase, a cut or changed file, and concurrent
//! writers; `migrate` leaves no copy of the secret in any file.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{Moto, Output, Sandbox, assert_ok, run, run_with_stdin};

const PASS: &str = "correct horse battery staple";

fn key_id(tag: &str) -> String {
    format!("AKIAKEYSTORE{tag:0>8}")
}

fn secret(tag: &str) -> String {
    format!("keysSecret/{tag}/NeverInAFile+0123456789abcdef")
}

/// `roleshift ARGS` on the file backend with the passphrase in the environment.
fn rs(sb: &Sandbox, args: &[&str]) -> Command {
    let mut cmd = sb.cmd(args);
    cmd.env("ROLESHIFT_KEYS_BACKEND", "file")
        .env("ROLESHIFT_KEYS_PASSPHRASE", PASS);
    cmd
}

fn add(sb: &Sandbox, name: &str, tag: &str) -> Output {
    run_with_stdin(
        &mut rs(sb, &["keys", "add", name]),
        &format!("{}\n{}\n", key_id(tag), secret(tag)),
    )
}

fn key_file(sb: &Sandbox) -> PathBuf {
    sb.path("data/roleshift/keys")
}

/// Every file under DIR whose bytes contain NEEDLE.
fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let ft = e.file_type().unwrap();
        if ft.is_dir() {
            hits.extend(files_holding(&p, needle));
        } else if ft.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                hits.push(p);
            }
        }
    }
    hits
}

fn signed_with(moto: &Moto, action: &str, marker: &str, key: &str) -> bool {
    moto.calls(action).iter().any(|c| {
        c.params.values().any(|v| v.contains(marker))
            && c.headers
                .get("authorization")
                .or(c.headers.get("Authorization"))
                .is_some_and(|a| a.contains(&format!("Credential={key}/")))
    })
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn stored_keys_serve_directly_and_as_a_source_profile() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let role = "arn:aws:iam::777700000001:role/KeysSource";
    sb.write_config(&format!(
        "[profile base]\nregion = us-east-1\n\
         [profile app]\nrole_arn = {role}\nsource_profile = base\nrole_session_name = keys-src\n"
    ));
    let out = add(&sb, "base", "src");
    assert_ok(&out);
    assert!(!out.stderr.contains(&secret("src")), "{}", out.stderr);

    // The key file holds no secret in the clear, and is private.
    assert!(files_holding(&sb.path("."), &secret("src")).is_empty());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(key_file(&sb))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    let list = run(&mut rs(&sb, &["keys", "list"]));
    assert_ok(&list);
    assert!(list.stdout.contains("base") && list.stdout.contains(&key_id("src")));
    assert!(list.stdout.contains("file") && !list.stdout.contains(&secret("src")));
    // `roleshift list`: a section with only settings, but keys in the store,
    // is a working keys profile, not "settings".
    let out = run(&mut rs(&sb, &["list", "--json"]));
    assert_ok(&out);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let row = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name} in {rows}"))
    };
    assert_eq!(row("base")["kind"], "stored keys", "{rows}");
    assert_eq!(row("base")["status"], "ok", "{rows}");
    assert_eq!(row("app")["status"], "ok", "{rows}");

    // Directly: the stored pair is the answer.
    let direct = run(&mut rs(&sb, &["credential-process", "base"]));
    assert_ok(&direct);
    let v: serde_json::Value = serde_json::from_str(&direct.stdout).unwrap();
    assert_eq!(v["AccessKeyId"], key_id("src"));
    assert_eq!(v["SecretAccessKey"], secret("src"));

    // As a source profile: AssumeRole is signed with the stored key.
    let mut cmd = rs(&sb, &["-vv", "credential-process", "app"]);
    let out = run(support::against(&mut cmd, moto));
    assert_ok(&out);
    assert!(signed_with(
        moto,
        "AssumeRole",
        "KeysSource",
        &key_id("src")
    ));
    assert!(
        !out.stderr.contains(&secret("src")),
        "-vv logged the secret"
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["SessionToken"].is_string());

    // Removed: the profile no longer resolves, and the file no longer has it.
    assert_ok(&run(&mut rs(&sb, &["keys", "rm", "base"])));
    let gone = run(&mut rs(&sb, &["credential-process", "base"]));
    assert_eq!(gone.status.code(), Some(1), "{}", gone.stderr);
    let again = run(&mut rs(&sb, &["keys", "rm", "base"]));
    assert_eq!(again.status.code(), Some(1));
    assert!(
        again
            .stderr
            .contains("no keys are stored for profile `base`")
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn stored_keys_start_the_mfa_session() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let serial = "arn:aws:iam::777700000000:mfa/KeysMfa";
    sb.write_config(&format!(
        "[profile user]\nmfa_serial = {serial}\nregion = us-east-1\n\
         [profile mfa-role]\nrole_arn = arn:aws:iam::777700000002:role/KeysMfa\nsource_profile = user\nmfa_serial = {serial}\n"
    ));
    assert_ok(&add(&sb, "user", "mfa"));
    let mut cmd = rs(
        &sb,
        &[
            "export",
            "mfa-role",
            "--format",
            "json",
            "--mfa-code",
            "123456",
        ],
    );
    let out = run(support::against(&mut cmd, moto));
    assert_ok(&out);
    assert!(signed_with(
        moto,
        "GetSessionToken",
        "KeysMfa",
        &key_id("mfa")
    ));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["AWS_SESSION_TOKEN"].is_string(), "{}", out.stdout);

    // Directly: a profile with mfa_serial and stored keys, no role, gets
    // its MFA session (GetSessionToken) signed with the stored key.
    let direct = "arn:aws:iam::777700000000:mfa/KeysMfaDirect";
    sb.write_config(&format!("[profile solo-mfa]\nmfa_serial = {direct}\n"));
    assert_ok(&add(&sb, "solo-mfa", "mfd"));
    let mut cmd = rs(
        &sb,
        &[
            "export",
            "solo-mfa",
            "--format",
            "json",
            "--mfa-code",
            "654321",
        ],
    );
    let out = run(support::against(&mut cmd, moto));
    assert_ok(&out);
    assert!(signed_with(
        moto,
        "GetSessionToken",
        "KeysMfaDirect",
        &key_id("mfd")
    ));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["AWS_SESSION_TOKEN"].is_string(), "{}", out.stdout);
    assert_ne!(
        v["AWS_ACCESS_KEY_ID"],
        key_id("mfd"),
        "the session, not the keys"
    );
}

/// A profile that exists only in the key store (no section in either file)
/// serves every sink: export, exec, whoami, save, credential-process and the
/// directory hook, directly and as the source of a role.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_profile_only_in_the_store_serves_every_sink() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let role = "arn:aws:iam::777700000005:role/KeysSinks";
    sb.write_config(&format!(
        "[profile via]\nrole_arn = {role}\nsource_profile = solo\nrole_session_name = keys-sinks\nregion = us-east-1\n"
    ));
    assert_ok(&add(&sb, "solo", "sinks"));
    let (id, sec) = (key_id("sinks"), secret("sinks"));
    let assumed = "arn:aws:sts::777700000005:assumed-role/KeysSinks/keys-sinks";

    // export, directly: the stored pair is what the shell gets.
    let out = run(&mut rs(&sb, &["export", "solo", "--format", "bash"]));
    assert_ok(&out);
    assert!(
        out.stdout.contains(&format!("AWS_ACCESS_KEY_ID={id}")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(&sec), "{}", out.stdout);
    // export, through the role.
    let out = run(support::against(
        &mut rs(&sb, &["export", "via", "--format", "bash"]),
        moto,
    ));
    assert_ok(&out);
    assert!(out.stdout.contains("AWS_SESSION_TOKEN="), "{}", out.stdout);
    assert!(!out.stdout.contains(&sec), "{}", out.stdout);
    assert!(signed_with(moto, "AssumeRole", "KeysSinks", &id));

    // exec, directly and through the role.
    let print = "printf '%s %s' \"$AWS_ACCESS_KEY_ID\" \"${AWS_SESSION_TOKEN:+token}\"";
    let out = run(&mut rs(&sb, &["exec", "solo", "--", "sh", "-c", print]));
    assert_ok(&out);
    assert_eq!(out.stdout.trim_end(), id);
    let out = run(support::against(
        &mut rs(&sb, &["exec", "via", "--", "sh", "-c", print]),
        moto,
    ));
    assert_ok(&out);
    assert!(
        out.stdout.ends_with(" token") && !out.stdout.starts_with(&id),
        "{}",
        out.stdout
    );

    // whoami through the role: STS names the assumed role.
    let out = run(support::against(
        &mut rs(&sb, &["whoami", "via", "--json"]),
        moto,
    ));
    assert_ok(&out);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["Arn"], assumed, "{}", out.stdout);
    // whoami directly: GetCallerIdentity is signed with the stored key.
    let out = run(support::against(
        &mut rs(&sb, &["whoami", "solo", "--json"]),
        moto,
    ));
    assert_ok(&out);
    assert!(moto.calls("GetCallerIdentity").iter().any(|c| {
        c.headers
            .values()
            .any(|h| h.contains(&format!("Credential={id}/")))
    }));

    // save: the session goes to the credentials file, the stored secret not.
    let out = run(support::against(
        &mut rs(&sb, &["save", "via", "--as", "saved"]),
        moto,
    ));
    assert_ok(&out);
    let creds = std::fs::read_to_string(sb.path("home/.aws/credentials")).unwrap();
    assert!(
        creds.contains("[saved]") && creds.contains("aws_session_token"),
        "{creds}"
    );
    assert!(!creds.contains(&sec));

    // The directory hook: a trusted .roleshift.toml naming the role.
    let dir = sb.path("cwd/proj");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".roleshift.toml"), "profile = \"via\"\n").unwrap();
    assert_ok(&run(&mut rs(&sb, &["allow", dir.to_str().unwrap()])));
    let mut cmd = rs(&sb, &["hook-env", "--shell", "bash"]);
    cmd.current_dir(&dir).env("PWD", &dir);
    let out = run(support::against(&mut cmd, moto));
    assert_ok(&out);
    assert!(
        out.stdout.contains("export ROLESHIFT_PROFILE=via"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("AWS_SESSION_TOKEN="), "{}", out.stdout);
    assert!(!out.stderr.contains(&sec) && !out.stdout.contains(&sec));

    // `list` shows a section-less profile's role as working.
    let out = run(&mut rs(&sb, &["list", "--json"]));
    assert_ok(&out);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let via = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "via")
        .unwrap();
    assert_eq!(via["status"], "ok", "{via}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exec_server_children_get_the_role_from_stored_keys() {
    let moto = Moto::shared();
    support::tool("aws");
    let sb = Sandbox::new();
    sb.write_config(
        "[profile base]\nregion = us-east-1\n\
         [profile srv]\nrole_arn = arn:aws:iam::777700000003:role/KeysServer\nsource_profile = base\nrole_session_name = keys-srv\nregion = us-east-1\n",
    );
    assert_ok(&add(&sb, "base", "srv"));
    let script = "aws sts get-caller-identity --output json > id.json";
    let mut cmd = rs(&sb, &["exec", "--server", "srv", "--", "sh", "-c", script]);
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1");
    assert_ok(&run(&mut cmd));
    let id: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sb.path("cwd/id.json")).unwrap()).unwrap();
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::777700000003:assumed-role/KeysServer/keys-srv"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_wrong_passphrase_a_cut_file_and_a_changed_file_are_refused() {
    let sb = Sandbox::new();
    assert_ok(&add(&sb, "base", "bad"));
    let sealed = std::fs::read(key_file(&sb)).unwrap();

    let wrong =
        run(rs(&sb, &["credential-process", "base"]).env("ROLESHIFT_KEYS_PASSPHRASE", "nope"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        wrong.stderr.contains("passphrase does not open"),
        "{}",
        wrong.stderr
    );
    // A wrong passphrase cannot overwrite the file either.
    let out = run_with_stdin(
        rs(&sb, &["keys", "add", "other"]).env("ROLESHIFT_KEYS_PASSPHRASE", "nope"),
        &format!("{}\n{}\n", key_id("other"), secret("other")),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(key_file(&sb)).unwrap(), sealed);

    let mut changed = sealed.clone();
    let last = changed.len() - 5;
    changed[last] ^= 0x01;
    for (what, bytes) in [
        ("cut", &sealed[..sealed.len() / 2]),
        ("changed", &changed[..]),
    ] {
        std::fs::write(key_file(&sb), bytes).unwrap();
        let out = run(&mut rs(&sb, &["credential-process", "base"]));
        assert_eq!(out.status.code(), Some(1), "{what}");
        assert!(
            out.stderr.contains("is damaged or was changed"),
            "{what}: {}",
            out.stderr
        );
        assert_eq!(
            out.stderr.lines().count(),
            1,
            "{what}: one clear line: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_bad_backend_name_is_an_error_naming_the_variable() {
    let sb = Sandbox::new();
    // Refused before stdin is read, so there is nothing to feed it; a usage
    // error (exit 2) like every other setting that does not parse.
    let out = run(rs(&sb, &["keys", "add", "base"])
        .env("ROLESHIFT_KEYS_BACKEND", "vault")
        .stdin(std::process::Stdio::null()));
    assert_eq!(out.status.code(), Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("roleshift: ROLESHIFT_KEYS_BACKEND: `vault` is not one of"),
        "{}",
        out.stderr
    );
    assert!(!key_file(&sb).exists());
    // An empty passphrase is said, not taken for "ask on the terminal".
    let out = run(rs(&sb, &["keys", "list"]).env("ROLESHIFT_KEYS_PASSPHRASE", ""));
    assert_eq!(out.status.code(), Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("roleshift: ROLESHIFT_KEYS_PASSPHRASE: "),
        "{}",
        out.stderr
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn concurrent_writers_lose_nothing() {
    let sb = Sandbox::new();
    let names = ["w1", "w2", "w3"];
    let children: Vec<_> = names
        .iter()
        .map(|n| {
            let mut cmd = rs(&sb, &["keys", "add", n]);
            cmd.stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            stdin
                .write_all(format!("{}\n{}\n", key_id(n), secret(n)).as_bytes())
                .unwrap();
            drop(stdin);
            child
        })
        .collect();
    for c in children {
        let out = Output::from(c.wait_with_output().unwrap());
        assert_ok(&out);
    }
    for n in names {
        let out = run(&mut rs(&sb, &["credential-process", n]));
        assert_ok(&out);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(v["SecretAccessKey"], secret(n), "{n} was lost");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bad_input_on_stdin_stores_nothing_and_never_echoes_it() {
    let sb = Sandbox::new();
    for input in [
        format!("{}\n", key_id("one")),
        format!("{}\n{} x\n", key_id("one"), secret("one")),
        format!("{}\n{}\nextra\n", key_id("one"), secret("one")),
    ] {
        let out = run_with_stdin(&mut rs(&sb, &["keys", "add", "base"]), &input);
        assert_eq!(out.status.code(), Some(1), "{input:?}");
        assert!(!out.stderr.contains(&secret("one")), "{}", out.stderr);
        assert!(!key_file(&sb).exists(), "{input:?}");
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn migrate_moves_the_keys_and_leaves_no_copy_in_any_file() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let (id, sec) = (key_id("mig"), secret("mig"));
    let before = format!(
        "# my keys\n[other]\naws_access_key_id = AKIAOTHER00000000001\naws_secret_access_key = o\n\n\
         [base]\naws_access_key_id = {id}\nregion = us-east-1\naws_secret_access_key = {sec}\n\
         [after]\nregion = eu-west-1\n"
    );
    sb.write_credentials(&before);
    // A backup from an earlier `save` that holds the secret too.
    std::fs::write(sb.path("home/.aws/credentials.bak"), &before).unwrap();
    sb.write_config(
        "[profile app]\nrole_arn = arn:aws:iam::777700000004:role/KeysMigrated\nsource_profile = base\nregion = us-east-1\n",
    );
    let out = run(&mut rs(&sb, &["-vv", "keys", "migrate", "base"]));
    assert_ok(&out);
    assert!(!out.stderr.contains(&sec));

    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(sb.path("home/.aws/credentials"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the credentials file stays private");
    let after = std::fs::read_to_string(sb.path("home/.aws/credentials")).unwrap();
    assert_eq!(
        after,
        "# my keys\n[other]\naws_access_key_id = AKIAOTHER00000000001\naws_secret_access_key = o\n\n\
         [base]\nregion = us-east-1\n[after]\nregion = eu-west-1\n"
    );
    assert_eq!(
        files_holding(&sb.path("."), &sec),
        Vec::<PathBuf>::new(),
        "a copy of the secret is left on disk"
    );

    let mut cmd = rs(&sb, &["credential-process", "app"]);
    assert_ok(&run(support::against(&mut cmd, moto)));
    assert!(signed_with(moto, "AssumeRole", "KeysMigrated", &id));

    // Nothing left to migrate: a clear error, nothing changed.
    let again = run(&mut rs(&sb, &["keys", "migrate", "base"]));
    assert_eq!(again.status.code(), Some(1));
    assert!(
        again.stderr.contains("holds no aws_access_key_id"),
        "{}",
        again.stderr
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn migrate_refuses_temporary_credentials() {
    let sb = Sandbox::new();
    let text = format!(
        "[tmp]\naws_access_key_id = {}\naws_secret_access_key = {}\naws_session_token = t\n",
        key_id("tmp"),
        secret("tmp")
    );
    sb.write_credentials(&text);
    let out = run(&mut rs(&sb, &["keys", "migrate", "tmp"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.contains("temporary credentials"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(sb.path("home/.aws/credentials")).unwrap(),
        text
    );
    assert!(!key_file(&sb).exists());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn add_on_a_terminal_asks_for_the_values_and_a_new_passphrase_twice() {
    let sb = Sandbox::new();
    let typed = format!("{}\n{}\n{PASS}\n{PASS}\n", key_id("tty"), secret("tty"));
    let out = on_quiet_terminal(&sb, "\"$ROLESHIFT\" keys add typed", &typed);
    assert_ok(&out);
    for prompt in [
        "AWS access key id for profile `typed`",
        "AWS secret access key (not shown)",
        "New passphrase for",
        "Again:",
    ] {
        assert!(
            out.stdout.contains(prompt),
            "no {prompt:?} in {}",
            out.stdout
        );
    }
    assert!(!out.stdout.contains(&secret("tty")), "{}", out.stdout);
    let back = run(&mut rs(&sb, &["credential-process", "typed"]));
    assert_ok(&back);
    assert!(back.stdout.contains(&secret("tty")));
}

/// Runs LINE (`$ROLESHIFT` is the binary) under `script`, which gives it a
/// terminal, with the file backend. INPUT is typed only once the terminal's
/// echo is off (LINE runs after `stty -echo` and a READY mark), so the
/// terminal itself echoes nothing and what shows on it was printed by
/// roleshift: typed a moment earlier, the input would be echoed by the
/// terminal, secret included.
fn on_quiet_terminal(sb: &Sandbox, line: &str, input: &str) -> Output {
    use std::io::{Read, Write};
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut cmd = Command::new(support::tool("script"));
    cmd.args([
        "-qec",
        &format!("stty -echo; echo READY; {line}"),
        "/dev/null",
    ])
    .env_clear()
    .envs(sb.envs())
    .env("ROLESHIFT", env!("CARGO_BIN_EXE_roleshift"))
    .env("ROLESHIFT_KEYS_BACKEND", "file")
    .current_dir(sb.path("cwd"))
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start script");
    let mut stdout = child.stdout.take().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !String::from_utf8_lossy(&seen.lock().unwrap()).contains("READY") {
        assert!(Instant::now() < deadline, "the terminal never got ready");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let stdout = String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    Output {
        status,
        stdout,
        stderr,
    }
}

/// A credentials file that is a link into a dotfiles repository is edited
/// where it really is, the link stays, and the file ends up 0600.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn migrate_edits_through_a_link_and_keeps_the_file_private() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let (id, sec) = (key_id("lnk"), secret("lnk"));
    let dotfiles = sb.path("dotfiles");
    std::fs::create_dir_all(&dotfiles).unwrap();
    let real = dotfiles.join("credentials");
    std::fs::write(
        &real,
        format!("# mine\n[lnk]\naws_access_key_id={id}\naws_secret_access_key={sec}\n# end\n"),
    )
    .unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = sb.path("home/.aws/credentials");
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();

    assert_ok(&run(&mut rs(&sb, &["keys", "migrate", "lnk"])));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "# mine\n[lnk]\n# end\n"
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(files_holding(&sb.path("."), &sec), Vec::<PathBuf>::new());
    let out = run(&mut rs(&sb, &["credential-process", "lnk"]));
    assert_ok(&out);
    assert!(out.stdout.contains(&sec));
}
