//! A loopback stand-in for the three AWS services moto lacks: IAM Identity
//! Center OIDC (RegisterClient, StartDeviceAuthorization, CreateToken), the
//! SSO portal (GetRoleCredentials, ListAccounts, ListAccountRoles, Logout)
//! and the console federation endpoint (getSigninToken). Request and answer
//! shapes follow AWS's published API models (restJson1: errors by
//! `x-amzn-errortype`). It counts calls, approves a device code after a
//! set number of polls, and can be told to fail in chosen ways.

use std::collections::HashMap;
use std::io::Write;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

// Not every test file decodes; an unused re-export must not fail clippy.
#[allow(unused_imports)]
pub use super::loopback_http::decode;
use super::loopback_http::{Request, read};

/// How the fake behaves; change it between commands with `set`.
#[derive(Clone, Debug)]
pub struct Config {
    /// CreateToken answers `authorization_pending` this many times first.
    pub pending_polls: usize,
    /// The first poll answers `slow_down`.
    pub slow_down_once: bool,
    /// Every device-code poll answers `expired_token`.
    pub expire_device: bool,
    /// StartDeviceAuthorization's `interval` and `expiresIn`.
    pub interval: i64,
    pub device_expires: i64,
    /// Access tokens live this long (`expiresIn`).
    pub token_ttl: i64,
    /// Refresh-token grants answer `invalid_grant`.
    pub refresh_fails: bool,
    /// `(account id, account name, roles)`, in ListAccounts order.
    pub accounts: Vec<(String, String, Vec<String>)>,
    /// ListAccounts and ListAccountRoles page sizes.
    pub account_page: usize,
    pub role_page: usize,
    /// ListAccountRoles for this account answers HTTP 500.
    pub fail_roles_for: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            pending_polls: 2,
            slow_down_once: false,
            expire_device: false,
            interval: 1,
            device_expires: 600,
            token_ttl: 8 * 3600,
            refresh_fails: false,
            accounts: vec![
                (
                    "111111111111".into(),
                    "Prod".into(),
                    vec!["Admin".into(), "ReadOnly".into()],
                ),
                (
                    "222222222222".into(),
                    "Dev Sandbox".into(),
                    vec!["Admin".into()],
                ),
            ],
            account_page: 1,
            role_page: 1,
            fail_roles_for: None,
        }
    }
}

#[derive(Default)]
struct State {
    config: Config,
    /// Every call: (operation, detail).
    calls: Vec<(String, String)>,
    clients: usize,
    /// device code -> polls so far.
    devices: HashMap<String, usize>,
    /// access token -> expiry (unix seconds); removed by Logout.
    access: HashMap<String, i64>,
    refresh: Vec<String>,
    issued: usize,
    /// The sessions getSigninToken received (decoded JSON).
    signins: Vec<Value>,
}

pub struct SsoFake {
    url: String,
    state: Arc<Mutex<State>>,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl SsoFake {
    pub fn start(config: Config) -> SsoFake {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind the SSO fake");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            config,
            ..State::default()
        }));
        let (shared, base) = (state.clone(), url.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (s, b) = (shared.clone(), base.clone());
                std::thread::spawn(move || serve(conn, &s, &b));
            }
        });
        SsoFake { url, state }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The variables that point roleshift (and botocore) at this fake.
    pub fn envs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL_SSO_OIDC", self.url.clone()),
            ("AWS_ENDPOINT_URL_SSO", self.url.clone()),
            (
                "ROLESHIFT_FEDERATION_URL",
                format!("{}/federation", self.url),
            ),
        ]
    }

    pub fn set(&self, change: impl FnOnce(&mut Config)) {
        change(&mut self.state.lock().unwrap().config);
    }

    /// How many calls of an operation arrived.
    pub fn count(&self, op: &str) -> usize {
        self.calls(op).len()
    }

    /// The details of each call of an operation.
    pub fn calls(&self, op: &str) -> Vec<String> {
        let s = self.state.lock().unwrap();
        s.calls
            .iter()
            .filter(|(o, _)| o == op)
            .map(|(_, d)| d.clone())
            .collect()
    }

    pub fn signins(&self) -> Vec<Value> {
        self.state.lock().unwrap().signins.clone()
    }

    /// Whether the fake would accept this access token now.
    pub fn accepts(&self, token: &str) -> bool {
        let s = self.state.lock().unwrap();
        s.access.get(token).is_some_and(|e| *e > now())
    }

    /// The role credentials the portal hands out for an account and role:
    /// the same every time, so two clients can be compared.
    pub fn role_keys(account: &str, role: &str) -> (String, String, String) {
        let id: String = format!("{account}{role}")
            .bytes()
            .map(|b| (b'A' + b % 26) as char)
            .chain(std::iter::repeat('X'))
            .take(16)
            .collect();
        (
            format!("ASIA{id}"),
            format!("secret/{account}/{role}"),
            format!("session-{account}-{role}"),
        )
    }
}

fn serve(mut conn: TcpStream, state: &Mutex<State>, base: &str) {
    let Some(req) = read(&mut conn) else { return };
    let (status, error, body) = answer(&req, state, base);
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(e) = error {
        head.push_str(&format!("x-amzn-errortype: {e}\r\n"));
    }
    head.push_str("\r\n");
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(body.as_bytes());
}

type Answer = (u16, Option<&'static str>, String);

fn ok(v: Value) -> Answer {
    (200, None, v.to_string())
}

fn err(status: u16, kind: &'static str, oauth: &str) -> Answer {
    let body = json!({"error": oauth, "error_description": "from the test fake", "message": oauth});
    (status, Some(kind), body.to_string())
}

fn answer(req: &Request, state: &Mutex<State>, base: &str) -> Answer {
    let mut s = state.lock().unwrap();
    let cfg = s.config.clone();
    let str_of = |k: &str| {
        req.body
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let q = |k: &str| req.query.get(k).cloned().unwrap_or_default();
    match (req.method.as_str(), req.path.as_str()) {
        ("POST", "/client/register") => {
            s.clients += 1;
            s.calls
                .push(("RegisterClient".into(), str_of("clientType")));
            let n = s.clients;
            ok(
                json!({"clientId": format!("client-{n}"), "clientSecret": format!("csecret-{n}"),
                "clientIdIssuedAt": now(), "clientSecretExpiresAt": now() + 90 * 86400}),
            )
        }
        ("POST", "/device_authorization") => {
            s.calls
                .push(("StartDeviceAuthorization".into(), str_of("startUrl")));
            let code = format!("device-{}", s.devices.len() + 1);
            s.devices.insert(code.clone(), 0);
            ok(json!({"deviceCode": code, "userCode": "WXYZ-1234",
                "verificationUri": format!("{base}/verify"),
                "verificationUriComplete": format!("{base}/verify?code=WXYZ-1234"),
                "expiresIn": cfg.device_expires, "interval": cfg.interval}))
        }
        ("POST", "/token") => {
            let grant = str_of("grantType");
            s.calls.push(("CreateToken".into(), grant.clone()));
            if grant == "refresh_token" {
                let r = str_of("refreshToken");
                if cfg.refresh_fails || !s.refresh.contains(&r) {
                    return err(400, "InvalidGrantException", "invalid_grant");
                }
                return issue(&mut s, &cfg);
            }
            let Some(polls) = s.devices.get_mut(&str_of("deviceCode")) else {
                return err(400, "InvalidGrantException", "invalid_grant");
            };
            *polls += 1;
            let n = *polls;
            if cfg.expire_device {
                err(400, "ExpiredTokenException", "expired_token")
            } else if cfg.slow_down_once && n == 1 {
                err(400, "SlowDownException", "slow_down")
            } else if n <= cfg.pending_polls {
                err(
                    400,
                    "AuthorizationPendingException",
                    "authorization_pending",
                )
            } else {
                issue(&mut s, &cfg)
            }
        }
        (method, path) => {
            let token = req
                .headers
                .get("x-amz-sso_bearer_token")
                .cloned()
                .unwrap_or_default();
            if path == "/federation" {
                return federation(&mut s, req);
            }
            let op = match (method, path) {
                ("GET", "/federation/credentials") => "GetRoleCredentials",
                ("GET", "/assignment/accounts") => "ListAccounts",
                ("GET", "/assignment/roles") => "ListAccountRoles",
                ("POST", "/logout") => "Logout",
                _ => return err(404, "ResourceNotFoundException", "no such operation"),
            };
            s.calls
                .push((op.into(), format!("{} {}", q("account_id"), q("role_name"))));
            if s.access.get(&token).is_none_or(|e| *e <= now()) {
                return err(
                    401,
                    "UnauthorizedException",
                    "Session token not found or invalid",
                );
            }
            portal(&mut s, &cfg, op, &token, &q)
        }
    }
}

fn issue(s: &mut State, cfg: &Config) -> Answer {
    s.issued += 1;
    let (access, refresh) = (
        format!("access-{}", s.issued),
        format!("refresh-{}", s.issued),
    );
    s.access.insert(access.clone(), now() + cfg.token_ttl);
    s.refresh.push(refresh.clone());
    ok(
        json!({"accessToken": access, "tokenType": "Bearer", "expiresIn": cfg.token_ttl,
        "refreshToken": refresh}),
    )
}

fn page<T: Clone>(all: &[T], next: &str, size: usize) -> (Vec<T>, Option<String>) {
    let start: usize = next.parse().unwrap_or(0);
    let end = (start + size).min(all.len());
    let more = (end < all.len()).then(|| end.to_string());
    (all[start.min(end)..end].to_vec(), more)
}

fn portal(
    s: &mut State,
    cfg: &Config,
    op: &str,
    token: &str,
    q: &dyn Fn(&str) -> String,
) -> Answer {
    match op {
        "GetRoleCredentials" => {
            let (account, role) = (q("account_id"), q("role_name"));
            let known = cfg
                .accounts
                .iter()
                .any(|(id, _, roles)| *id == account && roles.contains(&role));
            if !known {
                return err(403, "ForbiddenException", "No access");
            }
            let (id, secret, session) = SsoFake::role_keys(&account, &role);
            ok(
                json!({"roleCredentials": {"accessKeyId": id, "secretAccessKey": secret,
                "sessionToken": session, "expiration": (now() + 3600) * 1000}}),
            )
        }
        "ListAccounts" => {
            let list: Vec<Value> = cfg
                .accounts
                .iter()
                .map(|(id, name, _)| json!({"accountId": id, "accountName": name, "emailAddress": "a@example.com"}))
                .collect();
            let (items, next) = page(&list, &q("next_token"), cfg.account_page);
            ok(json!({"accountList": items, "nextToken": next}))
        }
        "ListAccountRoles" => {
            let account = q("account_id");
            if cfg.fail_roles_for.as_deref() == Some(account.as_str()) {
                return err(500, "InternalServerException", "injected failure");
            }
            let roles: Vec<Value> = cfg
                .accounts
                .iter()
                .filter(|(id, _, _)| *id == account)
                .flat_map(|(id, _, roles)| {
                    roles
                        .iter()
                        .map(move |r| json!({"roleName": r, "accountId": id}))
                })
                .collect();
            let (items, next) = page(&roles, &q("next_token"), cfg.role_page);
            ok(json!({"roleList": items, "nextToken": next}))
        }
        _ => {
            s.access.remove(token);
            ok(json!({}))
        }
    }
}

fn federation(s: &mut State, req: &Request) -> Answer {
    let action = req.query.get("Action").cloned().unwrap_or_default();
    s.calls.push(("Federation".into(), action.clone()));
    let session: Option<Value> = req
        .query
        .get("Session")
        .and_then(|j| serde_json::from_str(j).ok());
    let complete = session.as_ref().is_some_and(|v| {
        ["sessionId", "sessionKey", "sessionToken"].iter().all(|k| {
            v.get(k)
                .and_then(Value::as_str)
                .is_some_and(|x| !x.is_empty())
        })
    });
    if action != "getSigninToken" || !complete {
        return (400, None, "{\"error\":\"bad request\"}".into());
    }
    s.signins.push(session.unwrap());
    ok(json!({"SigninToken": format!("signin-token-{}+/=", s.signins.len())}))
}
