//! Data formats: JSON (nushell's `load-env` and scripts), dotenv
//! (`docker --env-file`) and the `credential_process` shape of the AWS SDKs.

use serde_json::{Map, Value, json as j};

use super::Change;
use crate::creds::Credentials;

/// One object: each variable to set maps to its value, each to remove to null.
pub fn json(change: &Change) -> String {
    let mut map = Map::new();
    for (name, value) in &change.set {
        map.insert((*name).to_string(), Value::String(value.clone()));
    }
    for name in &change.remove {
        map.insert((*name).to_string(), Value::Null);
    }
    let mut s = Value::Object(map).to_string();
    s.push('\n');
    s
}

/// `NAME=value` lines. docker reads each line literally up to the newline, so
/// a value with a line break (or a NUL) cannot be carried and is refused.
pub fn dotenv(change: &Change) -> Result<String, String> {
    let mut out = String::new();
    for (name, value) in &change.set {
        if value.contains(['\n', '\r', '\0']) {
            return Err(format!(
                "{name} holds a line break, which a dotenv file cannot carry; use --format json"
            ));
        }
        out.push_str(&format!("{name}={value}\n"));
    }
    Ok(out)
}

/// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`.
pub fn credential_process_json(c: &Credentials) -> String {
    let mut v = j!({
        "Version": 1,
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key.expose(),
    });
    if let Some(t) = &c.session_token {
        v["SessionToken"] = Value::String(t.expose().to_string());
    }
    if let Some(e) = c.expiration_rfc3339() {
        v["Expiration"] = Value::String(e);
    }
    let mut s = v.to_string();
    s.push('\n');
    s
}
