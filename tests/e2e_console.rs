//! `roleshift console` end to end: SSO sessions through the SSO fake,
//! assumed roles and long-term keys (GetFederationToken) through moto, and
//! getSigninToken / the login URL through the fake federation endpoint.

mod support;

use serde_json::Value;
use support::sso_fake::{Config, SsoFake, decode};
use support::{Sandbox, assert_ok, run};

const CONFIG: &str = "[sso-session corp]\n\
sso_start_url = https://corp.awsapps.com/start\n\
sso_region = eu-west-1\n\n\
[profile prod]\n\
sso_session = corp\n\
sso_account_id = 111111111111\n\
sso_role_name = Admin\n\
region = eu-west-1\n\n\
[profile keys]\n\
region = us-east-1\n\n\
[profile deploy]\n\
role_arn = arn:aws:iam::123456789012:role/Deploy\n\
source_profile = keys\n";

fn world() -> (Sandbox, SsoFake) {
    let sb = Sandbox::new();
    sb.write_config(CONFIG);
    sb.write_credentials(
        "[keys]\naws_access_key_id = AKIACONSOLETEST00001\naws_secret_access_key = long-term-secret\n",
    );
    let fake = SsoFake::start(Config::default());
    (sb, fake)
}

/// The query of a URL, decoded.
fn query(url: &str) -> std::collections::BTreeMap<String, String> {
    let (_, q) = url.split_once('?').unwrap();
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_sso_session_prints_a_login_url_for_its_region() {
    let (sb, fake) = world();
    assert_ok(&run(sb
        .cmd(&["sso", "login", "--device-code"])
        .envs(fake.envs())));
    let out = run(sb.cmd(&["console", "prod", "--print"]).envs(fake.envs()));
    assert_ok(&out);
    let url = out.stdout.trim();
    assert!(
        url.starts_with(&format!("{}/federation?Action=login&", fake.url())),
        "{url}"
    );
    let q = query(url);
    assert_eq!(q["Issuer"], "roleshift");
    assert_eq!(q["SigninToken"], "signin-token-1+/=");
    assert_eq!(
        q["Destination"],
        "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"
    );
    let signin = &fake.signins()[0];
    let (id, secret, token) = SsoFake::role_keys("111111111111", "Admin");
    assert_eq!(signin["sessionId"], Value::String(id));
    assert_eq!(signin["sessionKey"], Value::String(secret));
    assert_eq!(signin["sessionToken"], Value::String(token));
    let verbose = run(sb
        .cmd(&["console", "prod", "--print", "-vv"])
        .envs(fake.envs()));
    assert_ok(&verbose);
    for secret in [
        "signin-token",
        "secret/111111111111",
        "session-111111111111",
    ] {
        assert!(
            !verbose.stderr.contains(secret),
            "{secret} in the log: {}",
            verbose.stderr
        );
    }

    // --region picks the partition's console; --destination the page.
    let out = run(sb
        .cmd(&["console", "prod", "--print", "--region", "us-gov-west-1"])
        .envs(fake.envs()));
    assert_ok(&out);
    assert_eq!(
        query(out.stdout.trim())["Destination"],
        "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"
    );
    let out = run(sb
        .cmd(&[
            "console",
            "prod",
            "--print",
            "--destination",
            "https://console.aws.amazon.com/s3/",
        ])
        .envs(fake.envs()));
    assert_ok(&out);
    assert_eq!(
        query(out.stdout.trim())["Destination"],
        "https://console.aws.amazon.com/s3/"
    );
    let bad = run(sb
        .cmd(&["console", "prod", "--print", "--destination", "s3"])
        .envs(fake.envs()));
    assert_eq!(bad.status.code(), Some(2), "{}", bad.stderr);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn roles_use_their_session_and_long_term_keys_get_a_federation_token() {
    let moto = support::Moto::shared();
    let (sb, fake) = world();
    let user = format!("c{}", std::process::id());
    let cmd = |args: &[&str]| {
        let mut c = sb.cmd(args);
        support::against(&mut c, moto)
            .envs(fake.envs())
            .env("USER", &user);
        c
    };
    // An assumed role: the cached session is the one signed in.
    let out = run(&mut cmd(&["export", "deploy", "--format", "json"]));
    assert_ok(&out);
    let exported: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_ok(&run(&mut cmd(&["console", "deploy", "--print"])));
    assert_eq!(
        fake.signins()[0]["sessionId"],
        exported["AWS_ACCESS_KEY_ID"]
    );

    // A web identity session signs in as it is.
    let jwt = sb.path("token.jwt");
    std::fs::write(&jwt, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.").unwrap();
    let role = "arn:aws:iam::123456789012:role/CI";
    let out = run(&mut cmd(&[
        "console",
        "--web-identity-token-file",
        jwt.to_str().unwrap(),
        "--role-arn",
        role,
        "--print",
    ]));
    assert_ok(&out);
    let web = &fake.signins()[1];
    assert!(
        web["sessionId"]
            .as_str()
            .is_some_and(|k| k.starts_with("ASIA")),
        "{web}"
    );
    assert_ne!(web["sessionId"], exported["AWS_ACCESS_KEY_ID"]);

    // Long-term keys: one GetFederationToken signed with them, and its session.
    let out = run(&mut cmd(&["console", "keys", "--print"]));
    assert_ok(&out);
    let calls: Vec<_> = moto
        .calls("GetFederationToken")
        .into_iter()
        .filter(|c| c.params.get("Name").is_some_and(|n| n.contains(&user)))
        .collect();
    assert_eq!(calls.len(), 1);
    assert!(calls[0].headers["Authorization"].contains("Credential=AKIACONSOLETEST00001/"));
    let signin = &fake.signins()[2];
    assert_ne!(signin["sessionId"], "AKIACONSOLETEST00001");
    assert_ne!(signin["sessionKey"], "long-term-secret");
    assert!(
        signin["sessionToken"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(
        query(out.stdout.trim())["Destination"],
        "https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_browser_gets_a_private_page_not_the_url() {
    let (sb, fake) = world();
    assert_ok(&run(sb
        .cmd(&["sso", "login", "--device-code"])
        .envs(fake.envs())));
    let log = sb.path("browser.log");
    let script = sb.path("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = run(sb
        .cmd(&["console", "prod"])
        .envs(fake.envs())
        .env("ROLESHIFT_BROWSER", &script));
    assert_ok(&out);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let arg = std::fs::read_to_string(&log).unwrap();
    assert!(!arg.contains("signin-token"), "the URL reached argv: {arg}");
    let page = arg.trim().strip_prefix("file://").expect("a file URL");
    let mode = std::fs::metadata(page).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let html = std::fs::read_to_string(page).unwrap();
    assert!(
        html.contains("SigninToken=signin-token-1%2B%2F%3D"),
        "{html}"
    );

    // No browser and no --print: a clear error, no URL anywhere.
    let out = run(sb.cmd(&["console", "prod"]).envs(fake.envs()));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.contains("--print"), "{}", out.stderr);
    assert!(!out.stderr.contains("signin-token") && out.stdout.is_empty());
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_federation_endpoint_error_is_one_line() {
    let (sb, fake) = world();
    assert_ok(&run(sb
        .cmd(&["sso", "login", "--device-code"])
        .envs(fake.envs())));
    let out = run(sb
        .cmd(&["console", "prod", "--print"])
        .envs(fake.envs())
        .env("ROLESHIFT_FEDERATION_URL", format!("{}/nope", fake.url())));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.starts_with("roleshift: getSigninToken at "),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("HTTP 404"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

/// A federation endpoint that answers 200 and never stops sending (chunked or
/// with a huge Content-Length): console gives up at the 1 MiB bound of every
/// answer, quickly and without growing (peak memory measured by wait4).
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_endless_federation_answer_is_cut_off() {
    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let sb = Sandbox::new();
    sb.write_credentials(
        "[temp]\naws_access_key_id = ASIACONSOLEFLOOD0001\naws_secret_access_key = s\n\
         aws_session_token = t\n",
    );
    for chunked in [true, false] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for mut s in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let _ = s.read(&mut [0u8; 4096]);
                    let head = match chunked {
                        true => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                        false => "HTTP/1.1 200 OK\r\nContent-Length: 3000000000\r\n\r\n",
                    };
                    let block = vec![b'A'; 64 * 1024];
                    let mut sent = s.write_all(head.as_bytes());
                    while sent.is_ok() {
                        sent = match chunked {
                            true => s
                                .write_all(format!("{:x}\r\n", block.len()).as_bytes())
                                .and_then(|_| s.write_all(&block))
                                .and_then(|_| s.write_all(b"\r\n")),
                            false => s.write_all(&block),
                        };
                    }
                });
            }
        });
        let mut cmd = sb.cmd(&["console", "temp", "--print"]);
        cmd.env(
            "ROLESHIFT_FEDERATION_URL",
            format!("http://127.0.0.1:{port}/federation"),
        )
        // Long enough that only the bound can end the call in time.
        .env("ROLESHIFT_TIMEOUT", "60")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let start = Instant::now();
        // Reaped by wait4 below, which also reports its peak memory.
        #[allow(clippy::zombie_processes)]
        let mut child = cmd.spawn().unwrap();
        let pid = child.id() as i32;
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
        assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
        let took = start.elapsed();
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 1,
            "{chunked}: {stderr}"
        );
        assert!(
            stderr.starts_with("roleshift: getSigninToken at ") && stderr.contains("over"),
            "{chunked}: {stderr}"
        );
        assert!(took < Duration::from_secs(20), "{chunked}: {took:?}");
        // ru_maxrss is in KiB.
        assert!(
            usage.ru_maxrss < 150 * 1024,
            "{chunked}: {} KiB",
            usage.ru_maxrss
        );
    }
}
