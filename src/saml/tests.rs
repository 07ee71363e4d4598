//! Assertions as identity providers really send them: prefixes vary, pairs
//! come in either order, the base64 is wrapped; and garbage never panics.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;

use super::choose::{choose_with, matching};
use super::*;

const ROLE_A: &str = "arn:aws:iam::111122223333:role/Admin";
const ROLE_B: &str = "arn:aws:iam::111122223333:role/ReadOnly";
const IDP: &str = "arn:aws:iam::111122223333:saml-provider/Okta";
const IDP2: &str = "arn:aws:iam::444455556666:saml-provider/Azure";

/// A SAMLResponse whose assertion namespace is bound to `prefix` ("" for the
/// default namespace), with `attrs` as (Name, values).
fn xml(prefix: &str, attrs: &[(&str, &[&str])]) -> String {
    let (decl, p) = if prefix.is_empty() {
        (
            r#"xmlns="urn:oasis:names:tc:SAML:2.0:assertion""#.to_string(),
            String::new(),
        )
    } else {
        (
            format!(r#"xmlns:{prefix}="urn:oasis:names:tc:SAML:2.0:assertion""#),
            format!("{prefix}:"),
        )
    };
    let mut body = String::new();
    for (name, values) in attrs {
        body += &format!(r#"<{p}Attribute Name="{name}">"#);
        for v in *values {
            body +=
                &format!("\n  <{p}AttributeValue xsi:type=\"xs:string\">{v}</{p}AttributeValue>");
        }
        body += &format!("</{p}Attribute>\n");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_1" Version="2.0">
<{p}Assertion {decl} ID="_2"><{p}AttributeStatement>
{body}</{p}AttributeStatement></{p}Assertion></samlp:Response>"#
    )
}

fn standard(prefix: &str, roles: &[&str]) -> String {
    xml(
        prefix,
        &[
            (ROLE_ATTRIBUTE, roles),
            (SESSION_NAME_ATTRIBUTE, &["alice@example.com"]),
            (DURATION_ATTRIBUTE, &["7200"]),
        ],
    )
}

fn wrapped_base64(s: &str) -> String {
    let b = STANDARD.encode(s);
    let lines: Vec<&str> = b
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!("{}\n", lines.join("\n"))
}

fn pair(role: &str, idp: &str) -> RolePair {
    RolePair {
        role_arn: role.into(),
        principal_arn: idp.into(),
    }
}

#[test]
fn reads_pairs_whatever_the_prefix() {
    for prefix in ["saml", "saml2", "ns2", ""] {
        let a = decode(&standard(prefix, &[&format!("{ROLE_A},{IDP}")])).unwrap();
        assert_eq!(a.roles, [pair(ROLE_A, IDP)], "prefix {prefix:?}");
        assert_eq!(a.session_name.as_deref(), Some("alice@example.com"));
        assert_eq!(a.session_duration, Some(7200));
    }
}

#[test]
fn pairs_come_in_either_order() {
    let values = [
        format!("{IDP},{ROLE_A}"),
        format!("{ROLE_B}, {IDP2}"),
        format!(" {ROLE_A} , {IDP} "),
    ];
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    let a = decode(&standard("saml2", &refs)).unwrap();
    // The third value repeats the first in the other order: listed once.
    assert_eq!(a.roles, [pair(ROLE_A, IDP), pair(ROLE_B, IDP2)]);
}

#[test]
fn role_attributes_may_repeat() {
    let first = format!("{ROLE_A},{IDP}");
    let second = format!("{IDP2},{ROLE_B}");
    let text = xml(
        "saml",
        &[(ROLE_ATTRIBUTE, &[&first]), (ROLE_ATTRIBUTE, &[&second])],
    );
    assert_eq!(
        decode(&text).unwrap().roles,
        [pair(ROLE_A, IDP), pair(ROLE_B, IDP2)]
    );
}

#[test]
fn base64_as_copied_from_a_browser() {
    let x = standard("saml", &[&format!("{ROLE_A},{IDP}")]);
    let canonical = STANDARD.encode(&x);
    for input in [
        wrapped_base64(&x),
        canonical.clone(),
        canonical.trim_end_matches('=').to_string(),
        canonical
            .replace('+', "%2B")
            .replace('=', "%3D")
            .replace('/', "%2F"),
        format!("  {x}\n"),
    ] {
        let a = decode(&input).unwrap();
        assert_eq!(a.roles.len(), 1);
        assert_eq!(
            a.encoded.expose(),
            canonical,
            "STS gets the XML in standard base64"
        );
    }
}

#[test]
fn other_namespaces_and_values_are_ignored() {
    let text = format!(
        r#"<r xmlns:o="urn:other" xmlns:s="urn:oasis:names:tc:SAML:2.0:assertion"><o:Attribute Name="{ROLE_ATTRIBUTE}"><o:AttributeValue>{ROLE_B},{IDP}</o:AttributeValue></o:Attribute><s:Attribute Name="{ROLE_ATTRIBUTE}"><s:AttributeValue><![CDATA[{ROLE_A}]]>&#x2C;{IDP}</s:AttributeValue><s:AttributeValue>not,arns</s:AttributeValue><s:AttributeValue/></s:Attribute></r>"#
    );
    let a = decode(&text).unwrap();
    assert_eq!(a.roles, [pair(ROLE_A, IDP)]);
    assert_eq!(a.session_duration, None);
}

#[test]
fn odd_session_durations_are_left_to_sts() {
    for bad in ["60", "99999", "1h", ""] {
        let t = xml(
            "saml",
            &[
                (ROLE_ATTRIBUTE, &[&format!("{ROLE_A},{IDP}")]),
                (DURATION_ATTRIBUTE, &[bad]),
            ],
        );
        assert_eq!(decode(&t).unwrap().session_duration, None, "{bad}");
    }
}

#[test]
fn role_pairs_need_a_role_and_a_provider() {
    assert_eq!(
        role_pair(&format!("{IDP},{ROLE_A}")),
        Some(pair(ROLE_A, IDP))
    );
    for bad in [
        ROLE_A.to_string(),
        format!("{ROLE_A},{ROLE_B}"),
        format!("{IDP},{IDP2}"),
        format!("{ROLE_A},{IDP},extra"),
        "arn:aws:iam::1:role/,arn:aws:iam::1:saml-provider/P".to_string(),
        "arn:aws:s3:::role/x,arn:aws:iam::1:saml-provider/P".to_string(),
    ] {
        assert_eq!(role_pair(&bad), None, "{bad}");
    }
}

#[test]
fn garbage_gets_one_clear_line_and_never_an_echo() {
    let cases: Vec<(String, &str)> = vec![
        ("SECRETGARBAGE!!!".into(), "neither base64 nor XML"),
        ("%ZZ".into(), "neither base64 nor XML"),
        (STANDARD.encode("SECRET plain text"), "not to XML"),
        (STANDARD.encode([0xff, 0xfe, 0x00]), "not to XML"),
        ("<samlp:Response><SECRET".into(), "not well-formed"),
        ("<a><b></a>".into(), "not well-formed"),
        ("<a>".into(), "not well-formed"),
        ("<a>&secret;</a>".into(), "not well-formed"),
        ("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>".into(), "DOCTYPE"),
    ];
    for (input, want) in cases {
        let err = decode(&input).unwrap_err();
        let (line, _) = crate::error::render(&err);
        assert!(line.contains(want), "{input:?}: {line}");
        assert!(
            !line.to_lowercase().contains("secret"),
            "{input:?} echoed: {line}"
        );
    }
}

#[test]
fn an_assertion_without_roles_says_so() {
    let a = decode(&xml(
        "saml",
        &[
            (SESSION_NAME_ATTRIBUTE, &["a"]),
            (DURATION_ATTRIBUTE, &["900"]),
        ],
    ))
    .unwrap();
    let err = choose_with(&a, None, None, |_| panic!("no picker")).unwrap_err();
    let (line, hint) = crate::error::render(&err);
    assert!(line.contains("Attributes/Role") && hint.is_some(), "{line}");
}

#[test]
fn choosing_a_pair() {
    let a = decode(&standard(
        "saml",
        &[
            &format!("{ROLE_A},{IDP}"),
            &format!("{IDP2},{ROLE_A}"),
            &format!("{ROLE_B},{IDP}"),
        ],
    ))
    .unwrap();
    let never = |_: &[&RolePair]| -> Result<RolePair> { panic!("should not ask") };
    assert_eq!(
        choose_with(&a, Some(ROLE_B), None, never).unwrap(),
        pair(ROLE_B, IDP)
    );
    assert_eq!(
        choose_with(&a, Some(ROLE_A), Some(IDP2), never).unwrap(),
        pair(ROLE_A, IDP2)
    );
    assert_eq!(
        choose_with(&a, None, Some(IDP2), never).unwrap(),
        pair(ROLE_A, IDP2)
    );
    // Several fit: the picker gets exactly those.
    let picked = choose_with(&a, Some(ROLE_A), None, |ps| {
        assert_eq!(ps.len(), 2);
        Ok(ps[1].clone())
    });
    assert_eq!(picked.unwrap(), pair(ROLE_A, IDP2));
    assert_eq!(matching(&a.roles, None, None).len(), 3);
    let err = choose_with(&a, Some("arn:aws:iam::1:role/Nope"), None, never)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("does not offer role arn:aws:iam::1:role/Nope") && err.contains(ROLE_B),
        "{err}"
    );
    let one = decode(&standard("saml", &[&format!("{ROLE_B},{IDP}")])).unwrap();
    assert_eq!(
        choose_with(&one, None, None, never).unwrap(),
        pair(ROLE_B, IDP)
    );
}

#[test]
fn an_encrypted_assertion_needs_both_flags() {
    let text = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:EncryptedAssertion><x>...</x></saml:EncryptedAssertion></samlp:Response>"#;
    let a = decode(text).unwrap();
    assert!(a.encrypted && a.roles.is_empty());
    let never = |_: &[&RolePair]| -> Result<RolePair> { panic!("should not ask") };
    let err = choose_with(&a, Some(ROLE_A), None, never).unwrap_err();
    assert!(crate::error::render(&err).0.contains("encrypted"));
    assert_eq!(
        choose_with(&a, Some(ROLE_A), Some(IDP), never).unwrap(),
        pair(ROLE_A, IDP)
    );
}

proptest! {
    #[test]
    fn decode_never_panics(s in "\\PC{0,300}") {
        let _ = decode(&s);
    }

    #[test]
    fn decode_never_panics_on_xmlish_input(s in "(<|>|/|=|\"|&|;|#|x|a|:| |\\[|\\]|!|\\?|CDATA|-){0,200}") {
        let _ = decode(&s);
        let _ = decode(&STANDARD.encode(&s));
    }

    #[test]
    fn damaged_assertions_never_panic(cut in 0usize..2000, junk in "\\PC{0,5}") {
        let x = standard("saml", &[&format!("{ROLE_A},{IDP}")]);
        let mut cut = cut.min(x.len());
        while !x.is_char_boundary(cut) { cut -= 1; }
        let damaged = format!("{}{junk}{}", &x[..cut], &x[cut..].get(1..).unwrap_or(""));
        let _ = decode(&damaged);
    }
}
