//! `roleshift exec --server` (SPEC §2): the child gets a loopback credential
//! endpoint and a token instead of static keys. Checked with the real AWS
//! CLI and botocore in the child, against moto: the role is seen, requests
//! without the token are refused, the session is renewed during a long
//! child, and exit statuses, signals and Ctrl-C pass through.

mod support;

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{Moto, Sandbox, assert_ok, run, tool};

const KEY_ID: &str = "AKIAEXECSERVERBASE01";
const SECRET: &str = "execServerSecret/NeverInTheChild+0123456789ab";

/// `base` holds keys; `srvN` profiles assume a role each, so concurrent tests
/// on the shared moto can count their own calls.
fn sandbox(role: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile srv]\nrole_arn = {role}\nsource_profile = base\n\
         role_session_name = exec-server\nregion = us-east-1\n"
    ));
    sb
}

/// `roleshift ARGS` against moto; the child's AWS CLI talks to moto too.
fn rs(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Command {
    let mut cmd = sb.cmd(args);
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1");
    cmd
}

fn python() -> std::path::PathBuf {
    tool("python3")
}

fn read(sb: &Sandbox, file: &str) -> String {
    std::fs::read_to_string(sb.path("cwd").join(file)).unwrap_or_default()
}

/// Waits for the child to write FILE (its "ready" signal), failing after LIMIT.
fn wait_for(sb: &Sandbox, file: &str, child: &mut Child, limit: Duration) {
    let start = Instant::now();
    while !sb.path("cwd").join(file).exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("roleshift exited with {status} before the child wrote {file}");
        }
        assert!(start.elapsed() < limit, "no {file} after {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_bounded(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("roleshift still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn aws_cli_in_the_child_sees_the_role_and_no_static_keys() {
    let moto = Moto::shared();
    let _aws = tool("aws");
    let role = "arn:aws:iam::555500000001:role/ExecServer";
    let sb = sandbox(role);
    // Ambient keys and profile, all of which must stay away from the child.
    let script = "env > child.env; cat /proc/$PPID/cmdline > parent.argv; \
                  aws sts get-caller-identity --output json > id.json";
    let out = run(rs(
        &sb,
        moto,
        &["-vv", "exec", "--server", "srv", "--", "sh", "-c", script],
    )
    .env("AWS_ACCESS_KEY_ID", "AKIAAMBIENT000000001")
    .env("AWS_SECRET_ACCESS_KEY", "ambientSecret")
    .env("AWS_SESSION_TOKEN", "ambientToken")
    .env("AWS_PROFILE", "base")
    .env(
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "/v2/credentials/x",
    ));
    assert_ok(&out);
    let id: serde_json::Value = serde_json::from_str(&read(&sb, "id.json"))
        .unwrap_or_else(|e| panic!("aws printed no identity ({e})\n{}", out.stderr));
    assert_eq!(
        id["Arn"], "arn:aws:sts::555500000001:assumed-role/ExecServer/exec-server",
        "{}",
        out.stderr
    );

    let env = read(&sb, "child.env");
    let var = |name: &str| {
        env.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .map(str::to_owned)
    };
    for gone in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CREDENTIAL_EXPIRATION",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    ] {
        assert_eq!(var(gone), None, "the child got {gone}");
    }
    assert_eq!(var("ROLESHIFT_PROFILE").as_deref(), Some("srv"));
    assert_eq!(var("AWS_REGION").as_deref(), Some("us-east-1"));
    let url = var("AWS_CONTAINER_CREDENTIALS_FULL_URI").expect("FULL_URI");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let token = var("AWS_CONTAINER_AUTHORIZATION_TOKEN").expect("token");
    assert!(
        token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "at least 128 bits: {token}"
    );
    // Neither the token nor a secret is in roleshift's argv or its -vv log.
    let argv = read(&sb, "parent.argv");
    assert!(
        argv.contains("--server") && !argv.contains(&token),
        "{argv:?}"
    );
    for secret in [token.as_str(), SECRET] {
        assert!(
            !out.stderr.contains(secret),
            "-vv logged a secret:\n{}",
            out.stderr
        );
    }
}

/// The child asks the endpoint itself: no token, a wrong one, one a byte
/// short, another path, and the right one.
const PROBE: &str = r#"
import json, os, urllib.request, urllib.error
url = os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"]
tok = os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
def get(headers, u=url):
    try:
        with urllib.request.urlopen(urllib.request.Request(u, headers=headers), timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
out = {
    "none": get({})[0],
    "wrong": get({"Authorization": "0" * len(tok)})[0],
    "short": get({"Authorization": tok[:-1]})[0],
    "other_path": get({"Authorization": tok}, url.rsplit("/", 1)[0] + "/other")[0],
    "post": None,
}
try:
    urllib.request.urlopen(urllib.request.Request(url, data=b"x", headers={"Authorization": tok}), timeout=5)
except urllib.error.HTTPError as e:
    out["post"] = e.code
code, body = get({"Authorization": tok})
out["ok"], out["creds"], out["url"] = code, json.loads(body), url
json.dump(out, open("probe.json", "w"))
"#;

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_endpoint_refuses_requests_without_the_exact_token() {
    let moto = Moto::shared();
    let py = python();
    let sb = sandbox("arn:aws:iam::555500000002:role/Probe");
    let py = py.to_str().unwrap();
    let out = run(&mut rs(
        &sb,
        moto,
        &["exec", "--server", "srv", "--", py, "-c", PROBE],
    ));
    assert_ok(&out);
    let probe: serde_json::Value =
        serde_json::from_str(&read(&sb, "probe.json")).expect("probe.json");
    assert_eq!(probe["none"], 401, "{probe}");
    assert_eq!(probe["wrong"], 403, "{probe}");
    assert_eq!(probe["short"], 403, "{probe}");
    assert_eq!(probe["other_path"], 404, "{probe}");
    assert_eq!(probe["post"], 405, "{probe}");
    assert_eq!(probe["ok"], 200, "{probe}");
    let creds = &probe["creds"];
    for field in ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"] {
        assert!(
            creds[field].as_str().is_some_and(|v| !v.is_empty()),
            "{field}: {creds}"
        );
    }
    assert!(creds["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));

    // Once the child is gone, so is the endpoint.
    let url = probe["url"].as_str().unwrap();
    let addr = url.trim_start_matches("http://").split('/').next().unwrap();
    let refused = std::net::TcpStream::connect(addr).is_err();
    assert!(refused, "the endpoint at {addr} outlived the child");
}

/// botocore in the child reads the endpoint every second; the session lasts
/// 15 minutes and --min-ttl 14m58s leaves it two seconds of use, so roleshift
/// must renew it several times while the child runs.
const WATCH: &str = r#"
import json, time, botocore.session
keys = []
for _ in range(6):
    c = botocore.session.get_session().get_credentials().get_frozen_credentials()
    keys.append(c.access_key)
    time.sleep(1)
ident = botocore.session.get_session().create_client("sts").get_caller_identity()
json.dump({"keys": keys, "arn": ident["Arn"]}, open("watch.json", "w"))
"#;

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_short_session_is_renewed_while_the_child_runs() {
    let moto = Moto::shared();
    let py = python();
    let role = "arn:aws:iam::555500000003:role/Renewed";
    let sb = sandbox(role);
    let py = py.to_str().unwrap();
    let args = [
        "exec",
        "--server",
        "srv",
        "--duration",
        "15m",
        "--min-ttl",
        "14m58s",
        "--",
        py,
        "-c",
        WATCH,
    ];
    let out = run(&mut rs(&sb, moto, &args));
    assert_ok(&out);
    let watch: serde_json::Value =
        serde_json::from_str(&read(&sb, "watch.json")).expect("watch.json");
    assert_eq!(
        watch["arn"],
        "arn:aws:sts::555500000003:assumed-role/Renewed/exec-server"
    );
    let mut keys: Vec<&str> = watch["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    keys.dedup();
    assert!(keys.len() >= 2, "the child never saw new keys: {watch}");
    let calls = moto
        .calls("AssumeRole")
        .into_iter()
        .filter(|c| c.params["RoleArn"] == role)
        .collect::<Vec<_>>();
    assert!(calls.len() >= 2, "{} AssumeRole calls", calls.len());
    eprintln!(
        "a 6 s child of a 15m session with --min-ttl 14m58s: {} AssumeRole calls, {} distinct keys seen",
        calls.len(),
        keys.len()
    );
    assert!(
        calls.iter().all(|c| c.params["DurationSeconds"] == "900"),
        "renewals keep the duration"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn exit_status_and_signal_deaths_propagate() {
    let moto = Moto::shared();
    let sb = sandbox("arn:aws:iam::555500000004:role/Status");
    for (script, code) in [
        ("exit 7", 7),
        ("exit 0", 0),
        ("kill -TERM $$", 143),
        ("kill -KILL $$", 137),
    ] {
        let out = run(&mut rs(
            &sb,
            moto,
            &["exec", "--server", "srv", "--", "sh", "-c", script],
        ));
        assert_eq!(out.status.code(), Some(code), "{script}\n{}", out.stderr);
    }
}

/// A child that reports each signal it gets, then exits with 40 + its number.
const TRAPS: &str = "for s in INT TERM HUP; do trap \"echo $s >> got; exit \\$((40 + $(kill -l $s)))\" $s; done; \
                     echo > ready; while :; do sleep 0.1; done";

fn spawn_trapping(sb: &Sandbox, moto: &Moto) -> Child {
    rs(
        sb,
        moto,
        &["exec", "--server", "srv", "--", "bash", "-c", TRAPS],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn roleshift")
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn term_and_hup_sent_to_roleshift_reach_the_child() {
    let moto = Moto::shared();
    let _bash = tool("bash");
    for (sig, num) in [(libc::SIGTERM, 15), (libc::SIGHUP, 1)] {
        let sb = sandbox("arn:aws:iam::555500000005:role/Signals");
        let mut child = spawn_trapping(&sb, moto);
        wait_for(&sb, "ready", &mut child, Duration::from_secs(30));
        // SAFETY: kill has no memory effects.
        unsafe { libc::kill(child.id() as libc::pid_t, sig) };
        let status = wait_bounded(&mut child, Duration::from_secs(60));
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(
            status.code(),
            Some(40 + num),
            "signal {sig}: {status}\n{err}"
        );
        assert_eq!(read(&sb, "got").lines().count(), 1, "delivered once");
    }
}

/// Ctrl-C on a real terminal: the kernel sends SIGINT to the whole
/// foreground process group. The child must get it exactly once, and
/// roleshift must outlive it to report the child's status.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn ctrl_c_on_a_terminal_reaches_the_child_once() {
    let moto = Moto::shared();
    let py = python();
    let sb = sandbox("arn:aws:iam::555500000006:role/CtrlC");
    let (master, slave) = open_pty();
    // The handler only counts, and the child lingers after the first SIGINT,
    // so a second delivery (roleshift passing it on as well) would show.
    let counts = "import signal, time\n\
                  got = []\n\
                  signal.signal(signal.SIGINT, lambda *_: got.append(1))\n\
                  open('ready', 'w').close()\n\
                  while not got: time.sleep(0.01)\n\
                  time.sleep(0.5)\n\
                  open('got', 'w').write('INT\\n' * len(got))\n\
                  raise SystemExit(42)\n";
    let py = py.to_str().unwrap();
    let mut cmd = rs(
        &sb,
        moto,
        &["exec", "--server", "srv", "--", py, "-c", counts],
    );
    cmd.stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn roleshift on a pty");
    drop(cmd);
    // Drain the terminal so that nothing blocks on a full buffer.
    let mut reader = master.try_clone().unwrap();
    let screen = std::thread::spawn(move || {
        let mut all = Vec::new();
        let _ = reader.read_to_end(&mut all);
        String::from_utf8_lossy(&all).into_owned()
    });
    wait_for(&sb, "ready", &mut child, Duration::from_secs(30));
    use std::io::Write;
    (&master).write_all(b"\x03").unwrap();
    let status = wait_bounded(&mut child, Duration::from_secs(60));
    drop(master);
    assert_eq!(status.code(), Some(42), "{status}");
    assert_eq!(
        read(&sb, "got"),
        "INT\n",
        "SIGINT reached the child exactly once"
    );
    let _ = screen.join();
}

fn open_pty() -> (std::fs::File, std::fs::File) {
    use std::os::fd::FromRawFd;
    let (mut m, mut s) = (0, 0);
    // SAFETY: openpty writes two fds, which are then owned by the Files.
    let rc = unsafe {
        libc::openpty(
            &mut m,
            &mut s,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    unsafe { (std::fs::File::from_raw_fd(m), std::fs::File::from_raw_fd(s)) }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn long_term_keys_are_refused_with_a_hint() {
    let sb = sandbox("arn:aws:iam::555500000007:role/Unused");
    let out = run(&mut sb.cmd(&["exec", "--server", "base", "--", "true"]));
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with("roleshift: exec --server base: "),
        "{}",
        out.stderr
    );
    assert!(
        lines.get(1).is_some_and(|l| l.starts_with("  hint: ")),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(SECRET));
}

/// Keys in `[default]` would win over the endpoint in every SDK: the child
/// reads private copies of the files without them, keeping the region and
/// the other profiles, and the copies are gone when roleshift exits.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn keys_in_the_default_profile_do_not_reach_the_child() {
    let moto = Moto::shared();
    tool("aws");
    let sb = sandbox("arn:aws:iam::555500000008:role/NotDefault");
    sb.write_credentials("[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = x\n");
    let config = std::fs::read_to_string(sb.path("home/.aws/config")).unwrap();
    sb.write_config(&format!(
        "[default]\nregion = eu-north-1\noutput = text\n{config}"
    ));
    let script = "aws sts get-caller-identity --query Arn > arn; \
                  aws configure get region > region; \
                  aws configure get aws_access_key_id --profile base > base; \
                  printf %s \"$AWS_SHARED_CREDENTIALS_FILE\" > copies; \
                  stat -c %a \"$AWS_SHARED_CREDENTIALS_FILE\" \"${AWS_CONFIG_FILE%/*}\" > modes";
    let out = run(&mut rs(
        &sb,
        moto,
        &["exec", "--server", "srv", "--", "sh", "-c", script],
    ));
    assert_ok(&out);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_eq!(
        read(&sb, "arn").trim(),
        "arn:aws:sts::555500000008:assumed-role/NotDefault/exec-server"
    );
    assert_eq!(read(&sb, "region").trim(), "eu-north-1");
    assert_eq!(
        read(&sb, "base").trim(),
        KEY_ID,
        "other profiles stay usable"
    );
    assert_eq!(read(&sb, "modes"), "600\n700\n", "private while they live");
    let copies = std::path::PathBuf::from(read(&sb, "copies"));
    assert_ne!(copies, sb.path("home/.aws/credentials"));
    assert!(!copies.exists(), "the private copies outlived roleshift");
    assert!(!copies.parent().unwrap().exists());
}
