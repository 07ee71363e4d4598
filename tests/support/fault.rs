//! A fault-injecting stand-in for STS on loopback: it misbehaves in one
//! chosen way for the first N requests, then forwards to moto. It records
//! when each request arrived, so tests can see retries and their spacing.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the server misbehaves.
#[derive(Clone, Copy, Debug)]
pub enum Mode {
    /// Accepts, reads the request, and never answers.
    Hang,
    /// Accepts, reads the request, and closes without a word.
    Drop,
    /// Answers the status line and headers one byte at a time.
    TrickleHead(Duration),
    /// Answers the headers at once, then the body one byte at a time.
    TrickleBody(Duration),
    /// Answers this HTTP status with STS's XML error shape.
    Status(u16),
    /// Answers HTTP 502 with an HTML page, as a proxy in front of STS would.
    BadGateway,
    /// Answers 400 with STS's `Throttling` error.
    Throttle,
}

pub struct Fault {
    url: String,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Fault {
    /// Misbehaves as MODE for the first TIMES requests, then forwards each
    /// to UPSTREAM (moto's URL); with no upstream, misbehaves forever.
    pub fn start(mode: Mode, times: usize, upstream: Option<String>) -> Fault {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind fault server");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        let seen = arrivals.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (seen, upstream) = (seen.clone(), upstream.clone());
                std::thread::spawn(move || serve(conn, mode, times, upstream, &seen));
            }
        });
        Fault { url, arrivals }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many requests arrived.
    pub fn requests(&self) -> usize {
        self.arrivals.lock().unwrap().len()
    }

    /// The pauses between consecutive requests: the client's backoff.
    pub fn gaps(&self) -> Vec<Duration> {
        let a = self.arrivals.lock().unwrap();
        a.windows(2).map(|w| w[1] - w[0]).collect()
    }
}

fn serve(
    mut conn: TcpStream,
    mode: Mode,
    times: usize,
    upstream: Option<String>,
    seen: &Mutex<Vec<Instant>>,
) {
    let Some(request) = read_request(&mut conn) else {
        return;
    };
    let n = {
        let mut s = seen.lock().unwrap();
        s.push(Instant::now());
        s.len()
    };
    if n > times
        && let Some(up) = upstream
    {
        let answer = forward(&up, &request);
        let _ = conn.write_all(&answer);
        return;
    }
    match mode {
        Mode::Hang => {
            std::thread::sleep(Duration::from_secs(120));
        }
        Mode::Drop => {}
        Mode::TrickleHead(every) => {
            let answer = canned(200, "text/xml", &"x".repeat(64));
            trickle(&mut conn, answer.as_bytes(), every);
        }
        Mode::TrickleBody(every) => {
            let body = "x".repeat(1000);
            let answer = canned(200, "text/xml", &body);
            let split = answer.len() - body.len();
            let _ = conn.write_all(&answer.as_bytes()[..split]);
            trickle(&mut conn, &answer.as_bytes()[split..], every);
        }
        Mode::Status(code) => {
            let sts_code = if code == 503 {
                "ServiceUnavailable"
            } else {
                "InternalFailure"
            };
            let _ = conn.write_all(canned(code, "text/xml", &sts_error(sts_code)).as_bytes());
        }
        Mode::BadGateway => {
            let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
            let _ = conn.write_all(canned(502, "text/html", page).as_bytes());
        }
        Mode::Throttle => {
            let _ = conn.write_all(canned(400, "text/xml", &sts_error("Throttling")).as_bytes());
        }
    }
}

fn trickle(conn: &mut TcpStream, bytes: &[u8], every: Duration) {
    for b in bytes {
        if conn.write_all(std::slice::from_ref(b)).is_err() {
            return; // the client gave up, as it should
        }
        std::thread::sleep(every);
    }
}

fn sts_error(code: &str) -> String {
    format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <Error><Type>Sender</Type><Code>{code}</Code><Message>injected by the test</Message></Error>\
         <RequestId>00000000-fault</RequestId></ErrorResponse>"
    )
}

fn canned(code: u16, content_type: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {code} Injected\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The request's head and body (by Content-Length); None if the client left.
pub(super) fn read_request(conn: &mut TcpStream) -> Option<Vec<u8>> {
    conn.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = conn.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = conn.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(buf)
}

/// Sends REQUEST to UPSTREAM on a fresh connection, marked to close, and
/// returns the whole answer, marked to close too: one request per connection
/// keeps the client from reusing a connection this server is about to drop.
pub(super) fn forward(upstream: &str, request: &[u8]) -> Vec<u8> {
    let addr = upstream.trim_start_matches("http://");
    let mut up = TcpStream::connect(addr).expect("connect to moto");
    up.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head_end = find(request, b"\r\n\r\n").unwrap() + 4;
    let head = String::from_utf8_lossy(&request[..head_end - 2]);
    let mut out: String = head
        .split("\r\n")
        .filter(|l| !l.is_empty() && !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    out.push_str("Connection: close\r\n\r\n");
    up.write_all(out.as_bytes()).unwrap();
    up.write_all(&request[head_end..]).unwrap();
    let mut answer = Vec::new();
    let _ = up.read_to_end(&mut answer);
    let Some(end) = find(&answer, b"\r\n\r\n") else {
        return answer;
    };
    let head = String::from_utf8_lossy(&answer[..end]).into_owned();
    if head.to_ascii_lowercase().contains("\r\nconnection: close") {
        return answer;
    }
    let mut fixed = format!("{head}\r\nConnection: close\r\n\r\n").into_bytes();
    fixed.extend_from_slice(&answer[end + 4..]);
    fixed
}

pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
