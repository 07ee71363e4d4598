//! Data formats: JSON (nushell's `load-env` and scripts), dotenv
//! (`docker --env-file`) and the `credential_process` shape of the AWS SDKs.

use serde_json::{Map, Value, json as j};

use super::Change;
use crate::creds::Credentials;

/// One object: each variable to set maps to its value, each to remove to null.
pub fn json(change: &Change) -> String {
    let mut s = Value::Object(json_map(change)).to_string();
    s.push('\n');
    s
}

/// nushell's form of export: the JSON above, plus, on the first export of a
/// shell, `__roleshift_old`: a record of every managed variable's value before
/// (null: unset). `load-env` keeps that record in nushell's environment, which
/// passes no records to other programs, so the saved values never leave the
/// shell; `roleshift-unset` (from `roleshift hook nu`) puts them back.
pub fn nu(change: &Change, before: Option<&[(&str, Option<String>)]>) -> String {
    let mut map = json_map(change);
    if let Some(before) = before {
        let old: Map<String, Value> = before
            .iter()
            .map(|(n, v)| {
                (
                    (*n).to_string(),
                    v.clone().map_or(Value::Null, Value::String),
                )
            })
            .collect();
        map.insert("__roleshift_old".into(), Value::Object(old));
    }
    let mut s = Value::Object(map).to_string();
    s.push('\n');
    s
}

fn json_map(change: &Change) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, value) in &change.set {
        map.insert((*name).to_string(), Value::String(value.clone()));
    }
    for name in &change.remove {
        map.insert((*name).to_string(), Value::Null);
    }
    map
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
