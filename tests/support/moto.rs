//! A moto server standing in for STS, and what it recorded of each request.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::tool;

/// Starts moto's server on `$3...` in the foreground (exec, so the child's pid
/// is moto's), and a watcher that kills it and removes its directory once the
/// test process ($2) is gone: a shared server lives in a static, which Rust
/// never drops, and a killed test binary runs no destructors at all.
const WATCHED: &str = r#"dir=$1 testpid=$2; shift 2
( while kill -0 "$testpid" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 0.5; done
  kill -0 "$testpid" 2>/dev/null || { kill $$ 2>/dev/null; sleep 1; rm -rf "$dir"; } ) &
exec "$@""#;

/// A moto server on a free loopback port. Moto's recorder logs every request
/// it serves, which is how tests check what roleshift actually sent.
pub struct Moto {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Moto {
    /// One server for the whole test binary, started on first use. Tests on
    /// it run concurrently: tell your calls apart with `calls()` and a unique
    /// role ARN or session name, or use `Moto::start()` for exact counts.
    pub fn shared() -> &'static Moto {
        static SHARED: OnceLock<Moto> = OnceLock::new();
        SHARED.get_or_init(Moto::start)
    }

    /// A private server, killed when dropped.
    pub fn start() -> Moto {
        let server = tool("moto_server");
        let mut failures = String::new();
        // The port is free when we look but may be taken before moto binds it.
        for _ in 0..5 {
            let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .and_then(|l| l.local_addr())
                .expect("find a free port")
                .port();
            let dir = tempfile::Builder::new()
                .prefix("roleshift-moto-")
                .tempdir()
                .expect("tempdir");
            let log = File::create(dir.path().join("moto.log")).expect("create moto.log");
            let child = Command::new("sh")
                .args(["-c", WATCHED, "sh"])
                .arg(dir.path())
                .arg(std::process::id().to_string())
                .arg(&server)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", dir.path())
                .env("LANG", "C.UTF-8")
                .env("MOTO_ENABLE_RECORDING", "1")
                .env("MOTO_RECORDER_FILEPATH", dir.path().join("requests.jsonl"))
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("dup log"))
                .stderr(log)
                .spawn()
                .expect("spawn sh for moto_server");
            let mut moto = Moto { child, port, dir };
            match moto.wait_ready(Duration::from_secs(30)) {
                Ok(()) => return moto,
                Err(e) => failures.push_str(&format!("port {port}: {e}\n")),
            }
        }
        panic!("moto_server did not start:\n{failures}");
    }

    fn wait_ready(&mut self, limit: Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                return Err(format!("exited with {status}; log:\n{}", self.log()));
            }
            let probe = format!(
                "GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
                self.port
            );
            if http(self.port, &probe).is_ok_and(|r| r.starts_with("HTTP/")) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!("no answer within {limit:?}; log:\n{}", self.log()))
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Moto's own output, for failure messages.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("moto.log")).unwrap_or_default()
    }

    /// POSTs a form to STS and returns the raw HTTP response (status line,
    /// headers, body). Moto checks no signature but routes on the
    /// Authorization header's credential scope, so a fake one must name sts.
    pub fn sts_post(&self, form: &str) -> String {
        let request = format!(
            "POST / HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\
             Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            self.port,
            form.len()
        );
        http(self.port, &request).unwrap_or_else(|e| panic!("POST to moto: {e}\n{}", self.log()))
    }

    /// Every request moto has served with `Action=ACTION` (exact match, so
    /// AssumeRole does not count AssumeRoleWithSAML), oldest first.
    pub fn calls(&self, action: &str) -> Vec<Call> {
        let log = fs::read_to_string(self.dir.path().join("requests.jsonl")).unwrap_or_default();
        log.lines()
            .map(|line| Call::parse(line).unwrap_or_else(|| panic!("bad moto recording: {line}")))
            .filter(|c| c.params.get("Action").is_some_and(|a| a == action))
            .collect()
    }

    pub fn request_count(&self, action: &str) -> usize {
        self.calls(action).len()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        // After the exec in WATCHED this is moto itself, not the sh wrapper.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One recorded request: query and form parameters (percent-decoded) and
/// headers, e.g. `call.params["RoleSessionName"]`, `call.headers["Authorization"]`.
#[derive(Debug)]
pub struct Call {
    pub params: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
}

impl Call {
    fn parse(line: &str) -> Option<Call> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let url = v["url"].as_str()?;
        let mut params: BTreeMap<_, _> = url
            .split_once('?')
            .map(|(_, q)| form_decode(q))
            .unwrap_or_default();
        let body = v["body"].as_str().unwrap_or_default();
        let body = if v["body_encoded"].as_bool() == Some(true) {
            base64_decode(body)?
        } else {
            body.into()
        };
        params.extend(form_decode(&String::from_utf8_lossy(&body)));
        let headers = v["headers"].as_object()?;
        let headers = headers
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()));
        Some(Call {
            params,
            headers: headers.collect(),
        })
    }
}

pub(super) fn form_decode(s: &str) -> BTreeMap<String, String> {
    s.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}

fn percent_decode(s: &str) -> String {
    let (b, mut out, mut i) = (s.as_bytes(), Vec::new(), 0);
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 2;
            }
            (b'+', _) => out.push(b' '),
            (c, _) => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Standard base64 (moto's recorder encodes bodies so); None on a bad digit.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for c in s.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6 | DIGITS.iter().position(|&d| d == c)? as u32) & 0xffff;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// One HTTP/1.0 exchange: the server closes the connection after answering,
/// so reading to the end gets the whole response without an HTTP client crate.
fn http(port: u16, request: &str) -> std::io::Result<String> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(request.as_bytes())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}
