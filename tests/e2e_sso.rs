//! IAM Identity Center end to end against the loopback fake of
//! support/sso_fake.rs: device-code login, the token cache shared with
//! botocore, renewal by one of many parallel callers, SSO profiles as
//! sources, populate and logout.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;
use support::sso_fake::{Config, SsoFake};
use support::{Output, Sandbox, assert_ok, run};

const CONFIG: &str = "[sso-session corp]\n\
sso_start_url = https://corp.awsapps.com/start\n\
sso_region = eu-west-1\n\
sso_registration_scopes = sso:account:access\n\n\
[profile prod]\n\
sso_session = corp\n\
sso_account_id = 111111111111\n\
sso_role_name = Admin\n\
region = eu-west-1\n";

struct World {
    sb: Sandbox,
    fake: SsoFake,
}

impl World {
    fn new(config: Config) -> World {
        let sb = Sandbox::new();
        sb.write_config(CONFIG);
        World {
            sb,
            fake: SsoFake::start(config),
        }
    }

    fn cmd(&self, args: &[&str]) -> std::process::Command {
        let mut c = self.sb.cmd(args);
        c.envs(self.fake.envs()).env("AWS_MAX_ATTEMPTS", "1");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        run(&mut self.cmd(args))
    }

    /// The AWS CLI's file for sso-session `corp`: sha1("corp").json.
    fn token_path(&self) -> PathBuf {
        use sha1::Digest;
        let hex: String = sha1::Sha1::digest(b"corp")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.sb.path(format!("home/.aws/sso/cache/{hex}.json"))
    }

    fn token(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.token_path()).unwrap()).unwrap()
    }

    fn login(&self) {
        assert_ok(&self.run(&["sso", "login", "--device-code"]));
    }

    /// Moves the cached token's expiry, as time passing would.
    fn expire_in(&self, secs: i64) {
        let mut t = self.token();
        let at = SystemTime::now() + Duration::from_secs(secs.max(0) as u64)
            - Duration::from_secs((-secs).max(0) as u64);
        t["expiresAt"] = Value::String(roleshift::creds::rfc3339(at));
        std::fs::write(self.token_path(), t.to_string()).unwrap();
    }

    /// `credential-process TARGET`'s access key id.
    fn key_of(&self, target: &str) -> String {
        let out = self.run(&["credential-process", target]);
        assert_ok(&out);
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        v["AccessKeyId"].as_str().unwrap().to_string()
    }
}

/// A browser stand-in that records the URL it was asked to open.
fn recording_browser(sb: &Sandbox) -> (PathBuf, PathBuf) {
    let script = sb.path("browser.sh");
    let log = sb.path("browser.log");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, log)
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn login_polls_until_approved_and_every_tool_uses_the_token() {
    let w = World::new(Config::default());
    let (browser, log) = recording_browser(&w.sb);
    let out = run(w.cmd(&["sso", "login"]).env("ROLESHIFT_BROWSER", &browser));
    assert_ok(&out);
    assert!(out.stdout.is_empty(), "stdout: {}", out.stdout);
    assert!(out.stderr.contains("WXYZ-1234"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("{}/verify", w.fake.url())));
    let opened = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        opened.trim(),
        format!("{}/verify?code=WXYZ-1234", w.fake.url())
    );
    // Two `authorization_pending` answers, then the token.
    assert_eq!(w.fake.count("RegisterClient"), 1);
    assert_eq!(
        w.fake.calls("StartDeviceAuthorization"),
        ["https://corp.awsapps.com/start"]
    );
    assert_eq!(w.fake.calls("CreateToken").len(), 3);

    use std::os::unix::fs::PermissionsExt;
    let mode = w.token_path().metadata().unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let t = w.token();
    for field in [
        "accessToken",
        "expiresAt",
        "refreshToken",
        "clientId",
        "clientSecret",
        "registrationExpiresAt",
        "startUrl",
        "region",
    ] {
        assert!(t[field].is_string(), "{field} missing: {t}");
    }
    assert!(w.fake.accepts(t["accessToken"].as_str().unwrap()));

    // roleshift's own profile resolution uses it...
    let (want, _, _) = SsoFake::role_keys("111111111111", "Admin");
    assert_eq!(w.key_of("prod"), want);
    // ...and so does botocore's SSO credential provider, independently.
    let python = support::tool("python3");
    let script = "import botocore.session, json\n\
        c = botocore.session.Session(profile='prod').get_credentials().get_frozen_credentials()\n\
        print(json.dumps([c.access_key, c.token]))";
    let out = run(std::process::Command::new(&python)
        .args(["-c", script])
        .env_clear()
        .envs(w.sb.envs())
        .envs(w.fake.envs()));
    assert_ok(&out);
    let got: Vec<String> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(got[0], want);
    assert_eq!(got[1], SsoFake::role_keys("111111111111", "Admin").2);

    // A second login reuses the registration and, with --device-code, opens nothing.
    std::fs::remove_file(&log).unwrap();
    let out = run(w
        .cmd(&["sso", "login", "--device-code", "--session", "corp"])
        .env("ROLESHIFT_BROWSER", &browser));
    assert_ok(&out);
    assert_eq!(w.fake.count("RegisterClient"), 1);
    assert!(!log.exists(), "a browser was opened despite --device-code");
    assert_ne!(w.token()["accessToken"], t["accessToken"]);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_token_the_aws_cli_wrote_is_used() {
    let w = World::new(Config::default());
    // Log in through the fake by hand, then write the file as the AWS CLI would.
    w.login();
    let t = w.token();
    let cli_style = serde_json::json!({
        "startUrl": "https://corp.awsapps.com/start",
        "region": "eu-west-1",
        "accessToken": t["accessToken"],
        "expiresAt": t["expiresAt"],
    });
    std::fs::write(w.token_path(), cli_style.to_string()).unwrap();
    assert_eq!(
        w.key_of("prod"),
        SsoFake::role_keys("111111111111", "Admin").0
    );

    // A token the portal no longer accepts (HTTP 401): one line, and what to run.
    let mut revoked = cli_style;
    revoked["accessToken"] = Value::String("revoked-elsewhere".into());
    std::fs::write(w.token_path(), revoked.to_string()).unwrap();
    let out = w.run(&["credential-process", "prod", "--no-cache"]);
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert!(lines[0].contains("UnauthorizedException"), "{}", lines[0]);
    assert!(
        lines[1].contains("roleshift sso login --session corp"),
        "{}",
        lines[1]
    );
    assert!(
        !out.stderr.contains("revoked-elsewhere"),
        "the token leaked"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn slow_down_adds_five_seconds_and_an_expired_code_fails_clearly() {
    let w = World::new(Config {
        pending_polls: 0,
        slow_down_once: true,
        ..Config::default()
    });
    let start = Instant::now();
    w.login();
    let took = start.elapsed();
    // Poll at 1 s (slow_down), then at 1 + 5 s: the token.
    assert_eq!(w.fake.calls("CreateToken").len(), 2);
    assert!(took >= Duration::from_secs(6), "{took:?}");
    assert!(took < Duration::from_secs(60), "{took:?}");

    let w = World::new(Config {
        expire_device: true,
        ..Config::default()
    });
    let out = w.run(&["sso", "login", "--device-code"]);
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("expired before it was approved"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
    assert!(!w.token_path().exists());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn parallel_callers_share_one_renewal_and_a_failed_one_says_to_log_in() {
    let w = World::new(Config::default());
    w.login();
    let old = w.token()["accessToken"].clone();
    w.expire_in(300);
    let children: Vec<_> = (0..6)
        .map(|_| {
            w.cmd(&["credential-process", "prod", "--no-cache"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out: Output = c.wait_with_output().unwrap().into();
        assert_ok(&out);
    }
    let refreshes = w
        .fake
        .calls("CreateToken")
        .iter()
        .filter(|g| *g == "refresh_token")
        .count();
    assert_eq!(refreshes, 1);
    let t = w.token();
    assert_ne!(t["accessToken"], old);
    assert!(w.fake.accepts(t["accessToken"].as_str().unwrap()));

    // Nothing secret in the most verbose log of a renewal.
    w.expire_in(300);
    let out = w.run(&["credential-process", "prod", "--no-cache", "-vv"]);
    assert_ok(&out);
    assert!(
        out.stderr.contains("renewed the SSO token"),
        "{}",
        out.stderr
    );
    let t = w.token();
    for field in ["accessToken", "refreshToken", "clientSecret"] {
        let secret = t[field].as_str().unwrap();
        assert!(
            !out.stderr.contains(secret),
            "{field} in the log: {}",
            out.stderr
        );
    }
    assert!(!out.stderr.contains("secret/111111111111"));

    // Expired, and the refresh token refused: one line, and what to run.
    w.fake.set(|c| c.refresh_fails = true);
    w.expire_in(-60);
    let out = w.run(&["credential-process", "prod", "--no-cache"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.contains("renewing it failed"), "{}", out.stderr);
    assert!(
        out.stderr.contains("roleshift sso login --session corp"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("refresh-"),
        "a token leaked: {}",
        out.stderr
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_sso_profile_is_cached_and_is_a_source_for_assume_role() {
    let moto = support::Moto::shared();
    let w = World::new(Config::default());
    w.sb.write_config(&format!(
        "{CONFIG}\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = prod\n"
    ));
    w.login();
    let mut c = w.cmd(&["export", "deploy", "--format", "json"]);
    c.env("AWS_ENDPOINT_URL_STS", moto.url())
        .env("AWS_DEFAULT_REGION", "us-east-1");
    let out = run(&mut c);
    assert_ok(&out);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let key = v["AWS_ACCESS_KEY_ID"].as_str().unwrap();
    assert_ne!(key, SsoFake::role_keys("111111111111", "Admin").0);
    // The AssumeRole was signed with the SSO role's keys.
    let (sso_key, _, _) = SsoFake::role_keys("111111111111", "Admin");
    let signed_by_sso = moto.calls("AssumeRole").iter().any(|call| {
        call.headers
            .get("Authorization")
            .is_some_and(|a| a.contains(&format!("Credential={sso_key}/")))
    });
    assert!(signed_by_sso);
    assert_eq!(w.fake.count("GetRoleCredentials"), 1);
    // A second export is a cache hit: no new GetRoleCredentials.
    let out = run(&mut w.cmd(&["export", "prod", "--format", "json"]));
    assert_ok(&out);
    let again = run(&mut w.cmd(&["export", "prod", "--format", "json"]));
    assert_ok(&again);
    assert_eq!(out.stdout, again.stdout);
    assert_eq!(w.fake.count("GetRoleCredentials"), 2);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn logout_removes_the_token_and_the_sessions_made_from_it() {
    let w = World::new(Config::default());
    w.login();
    let token = w.token()["accessToken"].as_str().unwrap().to_string();
    w.key_of("prod");
    let listed = w.run(&["cache", "list"]);
    assert!(listed.stdout.contains("prod"), "{}", listed.stdout);
    let out = w.run(&["sso", "logout"]);
    assert_ok(&out);
    assert!(!w.token_path().exists());
    assert_eq!(w.fake.count("Logout"), 1);
    assert!(!w.fake.accepts(&token));
    let listed = w.run(&["cache", "list"]);
    assert!(!listed.stdout.contains("prod"), "{}", listed.stdout);
    let out = w.run(&["credential-process", "prod"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.contains("not signed in"), "{}", out.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn ctrl_c_stops_the_login_with_one_line_and_no_display_opens_nothing() {
    use std::io::{BufRead, BufReader};
    let w = World::new(Config {
        pending_polls: usize::MAX,
        ..Config::default()
    });
    // No --device-code, but no display and no BROWSER: nothing may open.
    let mut child = w
        .cmd(&["sso", "login"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    while !seen.contains("WXYZ-1234") {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "login ended early: {seen}"
        );
        seen.push_str(&line);
    }
    // Once it polls, it is waiting on the user.
    let deadline = Instant::now() + Duration::from_secs(60);
    while w.fake.calls("CreateToken").is_empty() {
        assert!(Instant::now() < deadline, "login never polled");
        std::thread::sleep(Duration::from_millis(50));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{seen}{rest}");
    assert!(rest.contains("sso login: cancelled"), "{rest}");
    assert!(!seen.contains("opened"), "{seen}");
    assert!(!w.token_path().exists());
}
