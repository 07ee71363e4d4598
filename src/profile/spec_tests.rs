//! The AWS SDKs' cross-language parser suite, run through roleshift's reader.
//!
//! The data file is vendored from the AWS SDK for Rust (smithy-lang/smithy-rs,
//! Apache-2.0): tests/data/aws-sdk-spec/. Where the AWS CLI (botocore) reads a
//! case differently from the suite, roleshift follows the AWS CLI (SPEC §4):
//! those cases are listed in `FOLLOWS_THE_AWS_CLI` with what roleshift reads,
//! and docs/compatibility.md explains each one.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Kind, load_texts};

const SUITE: &str = include_str!("../../tests/data/aws-sdk-spec/profile-parser-tests.json");

/// Suite cases where roleshift reads what the AWS CLI reads, not what the
/// suite expects: (case name, the profiles roleshift sees).
fn follows_the_aws_cli() -> BTreeMap<&'static str, Value> {
    let inline = |v: &str| json!({"foo": {"name": v}});
    BTreeMap::from([
        // configparser keeps any section name; only blanks make it no profile.
        (
            "Profile names support alphanumeric characters and - / . % @ _ : +",
            json!({"some-thing:long/the_one%only.foo@bar+": {}, "foo!bar": {}}),
        ),
        // configparser takes `:` as a delimiter too.
        (
            "Property definitions must contain an equals sign.",
            json!({"foo": {"key": "value"}}),
        ),
        // configparser has no inline comments: they stay in the value.
        (
            "Pound sign comments are ignored.",
            inline("value # Comment with # sign"),
        ),
        (
            "Semicolon sign comments are ignored.",
            inline("value ; Comment with ; sign"),
        ),
        (
            "All comment types can be used together.",
            inline("value # Comment with ; sign"),
        ),
        ("Comments can be empty.", inline("value ;")),
        // The AWS CLI uses whichever default spelling comes last.
        (
            "Default profile with profile prefix overrides default profile without prefix when profile prefix is first.",
            json!({"default": {"name2": "value2"}}),
        ),
        // The credentials file's section names are taken as they are.
        (
            "Invalid profile names are ignored.",
            json!({"in valid 2": {"name2": "value2"}}),
        ),
        (
            "Credentials profiles with prefix are ignored.",
            json!({"profile foo": {"name": "value"}}),
        ),
        (
            "profile name with extra whitespace in credentials",
            json!({"foo": {"name": "value"}, "profile bar": {}}),
        ),
        // configparser keeps any key name.
        (
            "Invalid property names are ignored.",
            json!({"foo": {"in valid": "value"}}),
        ),
        (
            "Sub-property definitions cannot have an empty name.",
            json!({"foo": {"s3": "\n= value"}}),
        ),
    ])
}

/// What roleshift reads from the two files: every profile's merged keys, or
/// the first error (a file that cannot be indexed, or a profile that fails).
fn read(config: &str, credentials: &str) -> Result<Value, String> {
    let (_dir, profiles) = load_texts(config.as_bytes(), credentials.as_bytes());
    let profiles = profiles.map_err(|e| format!("{e:#}"))?;
    let mut out = serde_json::Map::new();
    for name in profiles.names() {
        let p = profiles.get(name).expect("a listed profile exists");
        p.check().map_err(|e| e.to_string())?;
        let mut keys = serde_json::Map::new();
        for section in [p.config, p.credentials].into_iter().flatten() {
            for (k, v) in &section.props {
                keys.insert(k.clone(), json!(v));
            }
        }
        out.insert(name.to_string(), Value::Object(keys));
    }
    Ok(Value::Object(out))
}

#[test]
fn every_parser_case_reads_as_the_aws_tools_read_it() {
    let suite: Value = serde_json::from_str(SUITE).unwrap();
    let cases = suite["tests"].as_array().unwrap();
    assert!(cases.len() >= 60, "the vendored suite is complete");
    let mut exceptions = follows_the_aws_cli();
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let text = |k: &str| input[k].as_str().unwrap_or("").to_string();
        let got = read(&text("configFile"), &text("credentialsFile"));
        let expected = match exceptions.remove(name) {
            Some(ours) => Some(ours),
            None => case["output"]["config"].get("profiles").cloned(),
        };
        let ok = match (&expected, &got) {
            (Some(want), Ok(have)) => want == have,
            (None, Err(_)) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: expected {expected:?}, read {got:?}"));
        }
    }
    assert!(exceptions.is_empty(), "unknown cases: {exceptions:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sso_sessions_of_the_suite_are_found() {
    let suite: Value = serde_json::from_str(SUITE).unwrap();
    for case in suite["tests"].as_array().unwrap() {
        let Some(want) = case["output"]["config"].get("sso_sessions") else {
            continue;
        };
        let config = case["input"]["configFile"].as_str().unwrap_or("");
        let (_dir, p) = load_texts(config.as_bytes(), b"");
        let p = p.unwrap();
        let have: BTreeMap<&str, BTreeMap<String, String>> = p
            .config
            .sections
            .iter()
            .filter(|s| s.kind == Kind::SsoSession)
            .map(|s| {
                let name = p.config.name(s);
                let sect = p.sso_session(name).unwrap();
                (name, sect.props.iter().cloned().collect())
            })
            .collect();
        assert_eq!(
            &serde_json::to_value(have).unwrap(),
            want,
            "{}",
            case["name"]
        );
    }
}
