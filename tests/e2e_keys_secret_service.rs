//! `roleshift keys` against a real Secret Service: GNOME Keyring, unlocked
//! with a test password, on a private D-Bus session bus. `secret-tool`
//! (libsecret) checks independently what roleshift stored; moto's request
//! log shows which key signed the calls.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};

use support::{Moto, Output, Sandbox, assert_ok, run, run_with_stdin, tool};

const KEY_ID: &str = "AKIAKEYRING000000001";
const SECRET: &str = "keyringSecret/NeverInAFile+0123456789abcdef";

/// A private session bus with an unlocked GNOME Keyring on it, for as long as
/// this lives. Dropping it closes the script's stdin: the script ends, and
/// dbus-run-session takes the bus (and with it the keyring daemon) down.
struct Keyring {
    child: Child,
    stdin: Option<ChildStdin>,
    address: String,
}

impl Keyring {
    /// Fails, never skips, when the programs are missing (build.rs has
    /// them in TOOLS, so the test is ignored or, under
    /// ROLESHIFT_REQUIRE_E2E=1, run and failed).
    fn start(sb: &Sandbox) -> Keyring {
        let dbus_run_session = tool("dbus-run-session");
        // Started by name from the bus's shell; checked here so a missing
        // one fails with its name rather than as "no session bus came up".
        tool("gnome-keyring-daemon");
        tool("secret-tool");
        let runtime = sb.path("runtime");
        std::fs::create_dir_all(&runtime).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        let script = "printf %s keyring-test-password \
                      | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1; \
                      echo \"$DBUS_SESSION_BUS_ADDRESS\"; read _";
        let mut child = Command::new(dbus_run_session)
            .args(["--", "sh", "-c", script])
            .env_clear()
            .envs(sb.envs())
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-run-session");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line.trim().to_string();
        assert!(
            address.starts_with("unix:"),
            "no session bus came up: {line:?}"
        );
        Keyring {
            stdin: child.stdin.take(),
            child,
            address,
        }
    }

    /// `roleshift ARGS` on this bus, with no backend named: the default.
    fn rs(&self, sb: &Sandbox, args: &[&str]) -> Command {
        let mut cmd = sb.cmd(args);
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &self.address);
        cmd
    }

    fn secret_tool(&self, sb: &Sandbox, args: &[&str]) -> Output {
        let mut cmd = Command::new(tool("secret-tool"));
        cmd.args(args)
            .env_clear()
            .envs(sb.envs())
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address);
        run(&mut cmd)
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while self.child.try_wait().ok().flatten().is_none() {
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn keys_live_in_gnome_keyring_and_serve_profiles() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let kr = Keyring::start(&sb);
    sb.write_config(
        "[profile base]\nregion = us-east-1\n\
         [profile app]\nrole_arn = arn:aws:iam::777700000010:role/KeyringRole\nsource_profile = base\n",
    );
    let out = run_with_stdin(
        &mut kr.rs(&sb, &["keys", "add", "base"]),
        &format!("{KEY_ID}\n{SECRET}\n"),
    );
    assert_ok(&out);
    assert!(out.stderr.contains("Secret Service"), "{}", out.stderr);

    // libsecret sees exactly what roleshift stored, and no file holds it.
    let found = kr.secret_tool(&sb, &["lookup", "service", "roleshift", "username", "base"]);
    assert_ok(&found);
    let v: serde_json::Value = serde_json::from_str(&found.stdout).unwrap();
    assert_eq!(v["access_key_id"], KEY_ID);
    assert_eq!(v["secret_access_key"], SECRET);
    assert!(!sb.path("data/roleshift/keys").exists());
    let index = std::fs::read_to_string(sb.path("data/roleshift/keys-index")).unwrap();
    assert!(index.contains(KEY_ID) && !index.contains(SECRET));

    let list = run(&mut kr.rs(&sb, &["keys", "list"]));
    assert_ok(&list);
    assert!(list.stdout.contains("secret-service"), "{}", list.stdout);

    let mut cmd = kr.rs(&sb, &["-vv", "credential-process", "app"]);
    let out = run(support::against(&mut cmd, moto));
    assert_ok(&out);
    assert!(!out.stderr.contains(SECRET), "-vv logged the secret");
    let signed = moto.calls("AssumeRole").iter().any(|c| {
        c.params.values().any(|v| v.contains("KeyringRole"))
            && c.headers
                .values()
                .any(|h| h.contains(&format!("Credential={KEY_ID}/")))
    });
    assert!(signed, "AssumeRole was not signed with the stored key");

    assert_ok(&run(&mut kr.rs(&sb, &["keys", "rm", "base"])));
    let gone = kr.secret_tool(&sb, &["lookup", "service", "roleshift", "username", "base"]);
    assert!(!gone.status.success() && gone.stdout.is_empty(), "{gone:?}");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn migrate_moves_keys_into_the_keyring() {
    let sb = Sandbox::new();
    let kr = Keyring::start(&sb);
    sb.write_credentials(&format!(
        "[prod]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    ));
    let out = run(&mut kr.rs(&sb, &["keys", "migrate", "prod"]));
    assert_ok(&out);
    assert_eq!(
        std::fs::read_to_string(sb.path("home/.aws/credentials")).unwrap(),
        "[prod]\n"
    );
    let found = kr.secret_tool(&sb, &["lookup", "service", "roleshift", "username", "prod"]);
    assert_ok(&found);
    assert!(found.stdout.contains(SECRET));
    let direct = run(&mut kr.rs(&sb, &["credential-process", "prod"]));
    assert_ok(&direct);
    assert!(direct.stdout.contains(SECRET));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn without_a_session_bus_the_default_is_the_file() {
    let sb = Sandbox::new();
    let out = run_with_stdin(
        sb.cmd(&["keys", "add", "base"])
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", sb.path("no-bus").display()),
            )
            .env("ROLESHIFT_KEYS_PASSPHRASE", "pw"),
        &format!("{KEY_ID}\n{SECRET}\n"),
    );
    assert_ok(&out);
    assert!(out.stderr.contains("encrypted file"), "{}", out.stderr);
    assert!(sb.path("data/roleshift/keys").exists());
}
