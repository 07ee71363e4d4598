//! The loopback credential endpoint behind `exec --server`. It speaks the
//! container credentials protocol that every AWS SDK knows
//! (`AWS_CONTAINER_CREDENTIALS_FULL_URI` with `AWS_CONTAINER_AUTHORIZATION_TOKEN`):
//! a GET carrying the exact token gets the current credentials as JSON.
//!
//! It is deliberately small: std sockets, one short-lived thread per
//! connection, one response per connection. Every request is bounded in size
//! and time, because any local process can connect to a loopback port.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};

use crate::creds::{Credentials, Secret};

/// The request line and headers of a credentials GET are a few hundred bytes.
pub const MAX_HEAD: usize = 8 * 1024;
/// The whole life of a connection, reading, answering and closing included:
/// a silent or trickling client cannot hold a thread (or a slot) longer.
const REQUEST_DEADLINE: Duration = Duration::from_secs(5);
/// How long the close-down waits for a client to read its answer, within
/// the deadline: a refused or finished request frees its slot quickly.
const LINGER: Duration = Duration::from_millis(250);
/// Connections served at once; more are closed unanswered.
const MAX_CONNECTIONS: usize = 32;
/// The one path the endpoint serves.
pub const PATH: &str = "/credentials";

/// The credentials the endpoint hands out, replaced as they are renewed.
pub struct Store {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    creds: Option<Credentials>,
    /// Why the last renewal failed, for the answer once the old ones expired.
    failure: Option<String>,
    /// The command has exited: the endpoint answers only an error from now on.
    ended: bool,
}

impl Store {
    pub fn new(creds: Credentials) -> Self {
        Store {
            state: Mutex::new(State {
                creds: Some(creds),
                failure: None,
                ended: false,
            }),
        }
    }

    pub fn set(&self, creds: Credentials) {
        let mut s = self.lock();
        if s.ended {
            return;
        }
        s.creds = Some(creds);
        s.failure = None;
    }

    /// The command exited: drop the credentials (their `Secret`s are zeroed)
    /// and answer every later request with an error, for the processes it
    /// left behind (see `exec_linger`).
    pub fn end(&self) {
        let mut s = self.lock();
        s.ended = true;
        s.creds = None;
    }

    pub fn fail(&self, why: String) {
        self.lock().failure = Some(why);
    }

    pub fn expiration(&self) -> Option<SystemTime> {
        self.lock().creds.as_ref()?.expiration
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere cannot leave a half-written Credentials behind
        // (assignment is one move), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The response body for a GET: 200 with the credentials, or 503 when the
    /// ones held have expired and renewing them failed.
    fn answer(&self, now: SystemTime) -> (u16, Secret) {
        let s = self.lock();
        if s.ended {
            let msg = serde_json::json!({
                "Code": "SessionEnded",
                "Message": "the command roleshift ran has exited; this endpoint no longer serves credentials",
            });
            return (503, Secret::new(msg.to_string()));
        }
        match &s.creds {
            Some(c) if c.expiration.is_none_or(|e| e > now) => (200, Secret::new(body(c))),
            _ => {
                let why = s
                    .failure
                    .clone()
                    .unwrap_or_else(|| "the credentials expired".into());
                let msg = serde_json::json!({
                    "Code": "CredentialsUnavailable",
                    "Message": format!("roleshift could not renew the credentials: {why}"),
                });
                (503, Secret::new(msg.to_string()))
            }
        }
    }
}

/// The container credentials JSON. Built from borrowed fields so that our
/// only copy of the secrets is the returned string, which the caller wraps in
/// a `Secret` (overwritten on drop; serde's buffers are not).
fn body(c: &Credentials) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Body<'a> {
        access_key_id: &'a str,
        secret_access_key: &'a str,
        token: &'a str,
        expiration: String,
    }
    let b = Body {
        access_key_id: &c.access_key_id,
        secret_access_key: c.secret_access_key.expose(),
        token: c.session_token.as_ref().map_or("", |t| t.expose()),
        expiration: c.expiration_rfc3339().unwrap_or_default(),
    };
    serde_json::to_string(&b).unwrap_or_default()
}

/// A running endpoint. It lives as long as the process: `exec --server`
/// exits when its child does, and the listening socket closes with it.
pub struct Endpoint {
    pub url: String,
    pub token: Secret,
}

/// Binds a random loopback port and serves `store` on it from a thread.
pub fn start(store: Arc<Store>) -> Result<Endpoint> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .context("cannot open the credential endpoint on 127.0.0.1")?;
    let port = listener
        .local_addr()
        .context("cannot read the credential endpoint's port")?
        .port();
    let token = Secret::new(new_token()?);
    let url = format!("http://127.0.0.1:{port}{PATH}");
    let expected = token.clone();
    std::thread::Builder::new()
        .name("credential-endpoint".into())
        .spawn(move || serve(listener, expected, store))
        .context("cannot start the credential endpoint")?;
    tracing::debug!(%url, "credential endpoint listening");
    Ok(Endpoint { url, token })
}

/// 256 bits from the operating system's generator, as hex: the token needs
/// no quoting anywhere and holds no character an SDK would refuse.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("cannot get random bytes for the endpoint's token")?;
    let hex = bytes.iter().map(|b| format!("{b:02x}")).collect();
    bytes.fill(0);
    Ok(hex)
}

fn serve(listener: TcpListener, token: Secret, store: Arc<Store>) {
    let token = Arc::new(token);
    let live = Arc::new(AtomicUsize::new(0));
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        if live.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            live.fetch_sub(1, Ordering::SeqCst);
            tracing::debug!("credential endpoint busy; connection dropped");
            continue;
        }
        let (token, store, live2) = (token.clone(), store.clone(), live.clone());
        let spawned = std::thread::Builder::new()
            .name("credential-request".into())
            .spawn(move || {
                handle(stream, &token, &store);
                live2.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            live.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn handle(mut stream: TcpStream, token: &Secret, store: &Store) {
    let deadline = Instant::now() + REQUEST_DEADLINE;
    if !crate::peer::same_user(&stream) {
        // Another user's socket: closed at once, unanswered.
        tracing::debug!("credential endpoint: a peer of another user refused");
        return;
    }
    let (status, body) = match read_head(&mut stream, deadline) {
        Ok(head) => respond(&head, token, store),
        Err(status) => (status, Secret::new(String::new())),
    };
    tracing::debug!(status, "credential endpoint answered");
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        _ => "Service Unavailable",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.expose().len()
    );
    let left = deadline.saturating_duration_since(Instant::now());
    let _ = stream.set_write_timeout(Some(left.max(Duration::from_millis(1))));
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body.expose().as_bytes()))
        .and_then(|_| stream.flush());
    linger(stream, deadline.min(Instant::now() + LINGER));
}

/// Closes after the client has read the answer. Closing a socket with unread
/// input resets it, and a reset can destroy the answer in flight; so the
/// rest of a refused request is read and dropped first, until `until` at
/// the latest (one bound for the whole close-down: trickled bytes do not
/// extend it).
fn linger(mut stream: TcpStream, until: Instant) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut sink = [0u8; 4096];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        let time = until.saturating_duration_since(Instant::now());
        if time.is_zero() || stream.set_read_timeout(Some(time)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// Reads up to the blank line that ends the headers, within the size and
/// time limits; an HTTP status on failure.
fn read_head(stream: &mut TcpStream, deadline: Instant) -> Result<Head, u16> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        match head_end(&buf) {
            Some(end) if end > MAX_HEAD => return Err(431),
            Some(end) => return parse_head(&buf[..end]),
            None => {}
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(408);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Err(400),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Err(408),
        }
        if buf.len() > MAX_HEAD && head_end(&buf).is_none() {
            return Err(431);
        }
    }
}

/// Where the headers end: after `\r\n\r\n` (or a bare `\n\n`, which some
/// minimal clients send).
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = memchr::memmem::find(buf, b"\r\n\r\n").map(|i| i + 4);
    let lf = memchr::memmem::find(buf, b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// What the endpoint needs from a request.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
}

/// Parses a request line and headers. Anything malformed is a 400.
pub fn parse_head(bytes: &[u8]) -> Result<Head, u16> {
    let text = std::str::from_utf8(bytes).map_err(|_| 400u16)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut parts = lines.next().ok_or(400u16)?.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if method.is_empty() || target.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(400);
    }
    let mut authorization = None;
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(400u16)?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(400);
        }
        if name.eq_ignore_ascii_case("authorization") {
            // Two tokens are an attempt to confuse, not a client.
            if authorization.is_some() {
                return Err(400);
            }
            authorization = Some(value.trim_matches([' ', '\t']).to_string());
        }
    }
    let path = target.split('?').next().unwrap_or_default().to_string();
    Ok(Head {
        method: method.to_string(),
        path,
        authorization,
    })
}

/// The token is checked first, so a client without it learns nothing,
/// not even which paths exist.
fn respond(head: &Head, token: &Secret, store: &Store) -> (u16, Secret) {
    let empty = || Secret::new(String::new());
    match head.authorization.as_deref() {
        None | Some("") => return (401, empty()),
        Some(given) if !same(given.as_bytes(), token.expose().as_bytes()) => {
            return (403, empty());
        }
        Some(_) => {}
    }
    if head.path != PATH {
        return (404, empty());
    }
    if head.method != "GET" {
        return (405, empty());
    }
    store.answer(SystemTime::now())
}

/// Compares in time that depends on the length only, so the token cannot be
/// guessed a byte at a time by timing the answers.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::from_unix;
    use proptest::prelude::*;

    fn creds(expiration: SystemTime) -> Credentials {
        Credentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: Secret::new("sec\"ret"),
            session_token: Some(Secret::new("tok")),
            expiration: Some(expiration),
        }
    }

    fn head(method: &str, path: &str, auth: Option<&str>) -> Head {
        Head {
            method: method.into(),
            path: path.into(),
            authorization: auth.map(str::to_string),
        }
    }

    #[test]
    fn parses_what_sdks_send() {
        let h = parse_head(
            b"GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:1\r\nauthorization:  abc \r\nAccept: */*\r\n\r\n",
        )
        .unwrap();
        assert_eq!(h, head("GET", "/credentials", Some("abc")));
        let h = parse_head(b"GET /credentials?x=1 HTTP/1.0\n\n").unwrap();
        assert_eq!((h.path.as_str(), h.authorization), ("/credentials", None));
    }

    #[test]
    fn refuses_malformed_requests() {
        for bad in [
            &b""[..],
            b"GET /credentials\r\n\r\n",
            b"GET  /credentials HTTP/1.1\r\n\r\n",
            b"GET /credentials HTTP/2\r\n\r\n",
            b"GET /credentials HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET /credentials HTTP/1.1\r\nAuthorization: a\r\nAuthorization: a\r\n\r\n",
            b"GET /credentials HTTP/1.1\r\nBad Name: a\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(
                parse_head(bad),
                Err(400),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn token_first_then_path_then_method() {
        let token = Secret::new("t0ken");
        let store = Store::new(creds(SystemTime::now() + Duration::from_secs(600)));
        let status = |h: Head| respond(&h, &token, &store).0;
        assert_eq!(status(head("GET", PATH, None)), 401);
        assert_eq!(status(head("GET", PATH, Some(""))), 401);
        assert_eq!(status(head("GET", "/other", Some("t0ke"))), 403);
        assert_eq!(status(head("GET", PATH, Some("t0kenx"))), 403);
        assert_eq!(status(head("GET", "/other", Some("t0ken"))), 404);
        assert_eq!(status(head("POST", PATH, Some("t0ken"))), 405);
        let (code, body) = respond(&head("GET", PATH, Some("t0ken")), &token, &store);
        assert_eq!(code, 200);
        let v: serde_json::Value = serde_json::from_str(body.expose()).unwrap();
        assert_eq!(v["AccessKeyId"], "ASIAEXAMPLE");
        assert_eq!(v["SecretAccessKey"], "sec\"ret");
        assert_eq!(v["Token"], "tok");
        assert!(v["Expiration"].as_str().unwrap().ends_with('Z'));
    }

    #[test]
    fn expired_credentials_are_a_503_naming_the_failure() {
        let store = Store::new(creds(from_unix(1)));
        store.fail("AssumeRole R: no answer".into());
        let (code, body) = store.answer(SystemTime::now());
        assert_eq!(code, 503);
        assert!(body.expose().contains("AssumeRole R: no answer"));
        assert!(!body.expose().contains("sec"), "no secret in an error");
        store.set(creds(SystemTime::now() + Duration::from_secs(60)));
        assert_eq!(store.answer(SystemTime::now()).0, 200);
    }

    #[test]
    fn tokens_are_256_bit_hex_and_differ() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn serves_over_a_socket_and_bounds_the_head() {
        let store = Arc::new(Store::new(creds(
            SystemTime::now() + Duration::from_secs(600),
        )));
        let ep = start(store).unwrap();
        let addr = ep.url.trim_start_matches("http://");
        let addr = &addr[..addr.find('/').unwrap()];
        let ask = |req: &[u8]| {
            let mut s = TcpStream::connect(addr).unwrap();
            let _ = s.write_all(req);
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            out
        };
        let ok = ask(format!(
            "GET {PATH} HTTP/1.1\r\nAuthorization: {}\r\n\r\n",
            ep.token.expose()
        )
        .as_bytes());
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains("\"Token\":\"tok\""), "{ok}");
        let huge = format!("GET {PATH} HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(ask(huge.as_bytes()).starts_with("HTTP/1.1 431 "));
        assert!(ask(b"GET / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 401 "));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn parse_head_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_head(&bytes);
            let _ = head_end(&bytes);
        }

        #[test]
        fn parse_head_never_panics_on_near_requests(
            s in "(GET|POST|get) (/credentials|/|\\PC{0,10}) HTTP/1\\.[01]\r?\n((Authorization|X|\\PC{0,5}): ?\\PC{0,10}\r?\n){0,4}\r?\n"
        ) {
            let _ = parse_head(s.as_bytes());
        }
    }
}
