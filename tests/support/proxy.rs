//! A recording HTTP proxy between roleshift and moto, on a free loopback
//! port: moto checks no signature and keeps no order across test binaries,
//! so tests judge by what this proxy saw. For each request it records the
//! action, the role, the session name, the external id, the duration, the
//! access key that signed it (the `Credential=` of `Authorization`), and the
//! access key STS answered with, so a chain can be checked hop by hop.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex};

use super::fault::{find, forward, read_request};
use super::moto::form_decode;

/// One STS request as the proxy saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sent {
    pub action: String,
    pub role_arn: Option<String>,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub duration: Option<String>,
    /// The access key that signed the request; None when it was unsigned.
    pub signed_by: Option<String>,
    /// The access key in STS's answer, if it gave one.
    pub answered_key: Option<String>,
}

pub struct Recorder {
    url: String,
    sent: Arc<Mutex<Vec<Sent>>>,
}

impl Recorder {
    /// Forwards every request to UPSTREAM (moto's URL) and records it.
    pub fn start(upstream: &str) -> Recorder {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = sent.clone();
        let upstream = upstream.to_string();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { continue };
                let (log, upstream) = (log.clone(), upstream.clone());
                std::thread::spawn(move || {
                    let Some(request) = read_request(&mut conn) else {
                        return;
                    };
                    let answer = forward(&upstream, &request);
                    let mut sent = parse(&request);
                    sent.answered_key = between(&answer, "<AccessKeyId>", "</AccessKeyId>");
                    log.lock().unwrap().push(sent);
                    use std::io::Write;
                    let _ = conn.write_all(&answer);
                });
            }
        });
        Recorder { url, sent }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request so far, in the order their answers came back.
    pub fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }

    /// How many requests had Action=ACTION.
    pub fn count(&self, action: &str) -> usize {
        self.sent().iter().filter(|s| s.action == action).count()
    }
}

fn parse(request: &[u8]) -> Sent {
    let head_end = find(request, b"\r\n\r\n").map_or(request.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&request[..head_end]);
    let mut params: BTreeMap<String, String> = head
        .lines()
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|target| target.split_once('?'))
        .map(|(_, q)| form_decode(q))
        .unwrap_or_default();
    params.extend(form_decode(&String::from_utf8_lossy(&request[head_end..])));
    let signed_by = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("authorization:"))
        .and_then(|l| l.split_once("Credential="))
        .and_then(|(_, rest)| rest.split('/').next())
        .map(str::to_string);
    let mut take = |k: &str| params.remove(k);
    Sent {
        action: take("Action").unwrap_or_default(),
        role_arn: take("RoleArn"),
        session_name: take("RoleSessionName"),
        external_id: take("ExternalId"),
        duration: take("DurationSeconds"),
        signed_by,
        answered_key: None,
    }
}

fn between(bytes: &[u8], open: &str, close: &str) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let (_, rest) = text.split_once(open)?;
    let (value, _) = rest.split_once(close)?;
    Some(value.trim().to_string())
}
