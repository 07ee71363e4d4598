//! Attacks on the processes that hold secrets (issue 13, items 5, 6, 8, 13):
//! exhausting `exec --server`'s connection slots by trickling bytes, talking
//! to it as another user, taking its port over once the command has exited
//! while its descendants still hold the URL and token, a hostile endpoint
//! streaming an endless answer, and core dumps.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{Moto, Sandbox, tool};

const KEY_ID: &str = "AKIAATTACKSERVER0001";
const SECRET: &str = "attackServerSecret/0123456789abcdefghij";

fn sandbox(role: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile srv]\nrole_arn = {role}\nsource_profile = base\nregion = us-east-1\n"
    ));
    sb
}

/// A child that publishes the endpoint in `cwd/info`, then runs `then`.
const PUBLISH: &str = "printf '%s %s' \"$AWS_CONTAINER_CREDENTIALS_FULL_URI\" \"$AWS_CONTAINER_AUTHORIZATION_TOKEN\" > info.tmp && mv info.tmp info; ";
const UNTIL_RELEASED: &str = "while [ ! -e release ]; do sleep 0.05; done";

/// Starts `exec --server srv -- sh -c SCRIPT` in its own process group and
/// waits for the endpoint's URL and token.
fn serve(sb: &Sandbox, moto: &Moto, script: &str) -> (Child, u16, String) {
    let mut cmd = sb.cmd(&["exec", "--server", "srv", "--", "sh", "-c", script]);
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1")
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start roleshift");
    let info = sb.path("cwd/info");
    let start = Instant::now();
    while !info.exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "roleshift exited early"
        );
        assert!(start.elapsed() < Duration::from_secs(60), "no endpoint");
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(info).unwrap();
    let (url, token) = text.split_once(' ').unwrap();
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected endpoint {url}"));
    (child, port, token.to_string())
}

/// Kills the process group of `child` (roleshift and what it started).
fn stop(child: &mut Child) {
    unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
    let _ = child.wait();
}

/// One GET with `token`: the status line and body, or "" when the
/// endpoint closed without answering.
fn get(port: u16, token: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let req = format!("GET /credentials HTTP/1.1\r\nHost: x\r\nAuthorization: {token}\r\n\r\n");
    let _ = s.write_all(req.as_bytes());
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn waited(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// Connections that trickle a byte at a time, into the request head or
/// after a refused request (into the close-down), are all cut within the
/// one deadline per connection, and a real client is served meanwhile.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn trickling_clients_cannot_hold_the_slots() {
    let moto = Moto::shared();
    let sb = sandbox("arn:aws:iam::710000000001:role/Slots");
    let (mut child, port, token) = serve(&sb, moto, &format!("{PUBLISH}{UNTIL_RELEASED}"));
    let openers: [&[u8]; 3] = [
        b"G",
        b"GET /credentials HTTP/1.1\r\nAuthorization: wrong\r\n\r\n",
        b"GET /nowhere HTTP/1.1\r\n\r\n",
    ];
    let mut conns = Vec::new();
    for i in 0..40 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(openers[i % openers.len()]).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        conns.push((s, None::<Duration>));
    }
    let start = Instant::now();
    let mut served = false;
    while conns.iter().any(|(_, closed)| closed.is_none()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{} trickling connections still open after 30 s",
            conns.iter().filter(|c| c.1.is_none()).count()
        );
        for (s, closed) in conns.iter_mut().filter(|c| c.1.is_none()) {
            let _ = s.write_all(b"x");
            let mut buf = [0u8; 512];
            loop {
                match s.read(&mut buf) {
                    Ok(0) => *closed = Some(start.elapsed()),
                    Ok(_) => continue,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                    Err(_) => *closed = Some(start.elapsed()),
                }
                break;
            }
        }
        if !served && start.elapsed() > Duration::from_secs(1) {
            // Slots are full of tricklers here; a client with the token waits
            // at most for one deadline.
            let answer = get(port, &token);
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.80}");
            served = true;
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    let longest = conns.iter().filter_map(|c| c.1).max().unwrap();
    // The deadline is 5 s; the old close-down let each trickled byte extend it.
    assert!(longest < Duration::from_secs(15), "held for {longest:?}");
    std::fs::write(sb.path("cwd/release"), "").unwrap();
    assert!(waited(&mut child, Duration::from_secs(30)).is_some());
    stop(&mut child);
}

/// A peer whose socket belongs to another user gets no answer at all, with
/// the right token or without; the same request from our own uid is served.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_peer_of_another_user_gets_nothing() {
    let moto = Moto::shared();
    let bash = tool("bash");
    if unsafe { libc::geteuid() } != 0 {
        assert!(
            !support::require_e2e(),
            "simulating another local user needs root (CI runs as root)"
        );
        eprintln!("SKIP: not root");
        return;
    }
    let sb = sandbox("arn:aws:iam::710000000002:role/Peer");
    let (mut child, port, token) = serve(&sb, moto, &format!("{PUBLISH}{UNTIL_RELEASED}"));
    let ask = |uid: Option<u32>, tok: &str| {
        let script = "exec 3<>/dev/tcp/127.0.0.1/$PORT || exit 9; \
             printf 'GET /credentials HTTP/1.1\\r\\nAuthorization: %s\\r\\n\\r\\n' \"$TOK\" >&3; cat <&3";
        let mut cmd = Command::new(&bash);
        cmd.args(["--noprofile", "--norc", "-c", script])
            .env_clear()
            .env("PORT", port.to_string())
            .env("TOK", tok)
            .current_dir("/");
        if let Some(uid) = uid {
            cmd.uid(uid).gid(uid);
        }
        let out = cmd.output().unwrap();
        // 9: could not connect at all, which would prove nothing.
        assert_ne!(out.status.code(), Some(9), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(ask(None, &token).starts_with("HTTP/1.1 200"));
    assert_eq!(ask(Some(65534), &token), "", "another uid was answered");
    assert_eq!(
        ask(Some(65534), "guess"),
        "",
        "another uid learnt the status"
    );
    assert!(ask(None, "guess").starts_with("HTTP/1.1 403"));
    std::fs::write(sb.path("cwd/release"), "").unwrap();
    assert!(waited(&mut child, Duration::from_secs(30)).is_some());
    stop(&mut child);
}

/// The command exits and leaves processes behind, in its process group or
/// in a session of their own: roleshift keeps the port (so no one can bind
/// it) and answers 503 SessionEnded, exits with the command's status once
/// they are gone, and stops waiting on a signal.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn leftover_processes_keep_the_port_and_get_an_error() {
    let moto = Moto::shared();
    let sb = sandbox("arn:aws:iam::710000000003:role/Linger");
    let leftovers = [
        format!("{PUBLISH}({UNTIL_RELEASED}) & exit 7"),
        format!("{PUBLISH}setsid sh -c '{UNTIL_RELEASED}' & exit 7"),
    ];
    for (i, script) in leftovers.iter().enumerate() {
        let _ = std::fs::remove_file(sb.path("cwd/info"));
        let _ = std::fs::remove_file(sb.path("cwd/release"));
        let (mut child, port, token) = serve(&sb, moto, script);
        let start = Instant::now();
        let answer = loop {
            let a = get(port, &token);
            if !a.starts_with("HTTP/1.1 200") {
                break a;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "still serving");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(answer.starts_with("HTTP/1.1 503"), "{i}: {answer}");
        assert!(answer.contains("SessionEnded"), "{i}: {answer}");
        assert!(!answer.contains("SecretAccessKey"), "{i}: {answer}");
        // The port is still held: no one else can bind it.
        assert!(TcpListener::bind(("127.0.0.1", port)).is_err(), "{i}");
        assert!(child.try_wait().unwrap().is_none(), "{i}: roleshift left");
        if i == 0 {
            std::fs::write(sb.path("cwd/release"), "").unwrap();
        } else {
            unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        }
        let status = waited(&mut child, Duration::from_secs(30))
            .unwrap_or_else(|| panic!("{i}: roleshift did not exit"));
        assert_eq!(status.code(), Some(7), "{i}: the command's status");
        std::fs::write(sb.path("cwd/release"), "").unwrap();
        stop(&mut child);
    }
}

/// Core dumps are off in roleshift, seen from the command it runs (the
/// limit in /proc/PPID/limits), with plain `exec` and with `exec --server`.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn core_dumps_are_off_while_secrets_are_held() {
    let moto = Moto::shared();
    let sb = sandbox("arn:aws:iam::710000000004:role/Core");
    for args in [
        &["exec", "base", "--"][..],
        &["exec", "srv", "--"][..],
        &["exec", "--server", "srv", "--"][..],
    ] {
        let mut all = args.to_vec();
        all.extend(["sh", "-c", "grep 'Max core file size' /proc/$PPID/limits"]);
        let mut cmd = sb.cmd(&all);
        cmd.env("AWS_ENDPOINT_URL", moto.url())
            .env("AWS_MAX_ATTEMPTS", "1");
        let out = support::run(&mut cmd);
        support::assert_ok(&out);
        let soft = out.stdout.split_whitespace().nth(4);
        assert_eq!(soft, Some("0"), "{args:?}: {}", out.stdout);
    }
}

/// A hostile STS endpoint that answers 200 and never stops sending, chunked
/// or with a huge Content-Length: roleshift gives up within the bound of
/// 1 MiB, quickly and without growing (peak memory measured by wait4).
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_endless_answer_is_cut_off() {
    let sb = sandbox("arn:aws:iam::710000000005:role/Endless");
    for chunked in [true, false] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut s) = conn else { return };
                std::thread::spawn(move || flood(&mut s, chunked));
            }
        });
        let mut cmd = sb.cmd(&["export", "srv", "--format", "json"]);
        cmd.env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
            .env("AWS_MAX_ATTEMPTS", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let start = Instant::now();
        // Reaped by wait4 below, which also reports its peak memory.
        #[allow(clippy::zombie_processes)]
        let child = cmd.spawn().unwrap();
        let pid = child.id() as i32;
        let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
        assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
        let took = start.elapsed();
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 1,
            "{chunked}"
        );
        assert!(took < Duration::from_secs(20), "{chunked}: {took:?}");
        // ru_maxrss is in KiB; the old client reached gigabytes.
        assert!(
            usage.ru_maxrss < 150 * 1024,
            "{chunked}: {} KiB",
            usage.ru_maxrss
        );
    }
}

fn flood(s: &mut TcpStream, chunked: bool) {
    let mut head = [0u8; 4096];
    let _ = s.read(&mut head);
    let start = if chunked {
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
    } else {
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 3000000000\r\n\r\n"
    };
    let block = vec![b'A'; 64 * 1024];
    if s.write_all(start.as_bytes()).is_err() {
        return;
    }
    loop {
        let sent = if chunked {
            s.write_all(format!("{:x}\r\n", block.len()).as_bytes())
                .and_then(|_| s.write_all(&block))
                .and_then(|_| s.write_all(b"\r\n"))
        } else {
            s.write_all(&block)
        };
        if sent.is_err() {
            return;
        }
    }
}

/// A credential_process that never stops printing is cut off the same way.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn an_endless_credential_process_is_cut_off() {
    let sb = Sandbox::new();
    sb.write_config("[profile p]\ncredential_process = yes\n");
    let out = support::run(&mut sb.cmd(&["export", "p", "--format", "json"]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stderr.contains("more than 1 MiB"), "{}", out.stderr);
}
