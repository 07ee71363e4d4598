//! SAML assertions for AssumeRoleWithSAML: reading one (file, stdin,
//! `file://`), telling base64 from XML, and pulling out what roleshift needs
//! from the attributes: the (role, provider) pairs, `SessionDuration` and
//! `RoleSessionName`. The signature is STS's business, not ours.
//!
//! The assertion is a bearer credential for about five minutes, so no error
//! here ever quotes it, not even in part.

pub mod choose;
mod pair;
#[cfg(test)]
mod tests;

use std::path::Path;

use anyhow::{Result, bail};
use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;

use crate::creds::Secret;
use crate::error::with_hint;
use crate::profile::chain::Saml;
pub use pair::{RolePair, role_pair};

pub const ROLE_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/Role";
const DURATION_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
const SESSION_NAME_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
const SAML2_ASSERTION: &str = "urn:oasis:names:tc:SAML:2.0:assertion";

/// Real assertions are a few KiB; the input reader already stops at 1 MiB.
const MAX_ASSERTION: usize = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Assertion {
    /// The assertion in the base64 form STS takes.
    pub encoded: Secret,
    pub roles: Vec<RolePair>,
    /// `SessionDuration`, when it is a duration STS accepts.
    pub session_duration: Option<u32>,
    /// `RoleSessionName`: STS names the session after it.
    pub session_name: Option<String>,
    /// An `EncryptedAssertion` hides its attributes from everyone but STS.
    pub encrypted: bool,
}

/// Reads `--saml-assertion FILE|-|file://PATH` and decodes it.
pub fn load(arg: &str) -> Result<Assertion> {
    decode(&read(arg)?)
}

/// The start of a chain for `--saml-assertion`: the assertion, the chosen
/// pair and the duration (`--duration`, else `SessionDuration`, else STS's
/// default). The session name is not ours to set: STS takes `RoleSessionName`.
pub fn base(
    arg: &str,
    role: Option<&str>,
    principal: Option<&str>,
    duration: Option<u32>,
    may_ask: bool,
) -> Result<Saml> {
    let a = load(arg)?;
    let pair = choose::choose(&a, role, principal, may_ask)?;
    tracing::debug!(role = %pair.role_arn, provider = %pair.principal_arn, session = a.session_name.as_deref().unwrap_or("-"), session_duration = ?a.session_duration, "SAML assertion");
    Ok(Saml {
        role_arn: pair.role_arn,
        principal_arn: pair.principal_arn,
        assertion: a.encoded,
        duration: duration.or(a.session_duration),
    })
}

fn read(arg: &str) -> Result<String> {
    const WHAT: &str = "the SAML assertion";
    if arg == "-" {
        return crate::input::read_stdin(WHAT);
    }
    let path = Path::new(arg.strip_prefix("file://").unwrap_or(arg));
    // Someone who pastes the assertion itself in place of a path must not see
    // it echoed back in "cannot read <path>", nor leave it in `ps` output again.
    if looks_inline(arg) && !path.exists() {
        return Err(with_hint(
            anyhow::anyhow!(
                "--saml-assertion takes a file, `-` or file://PATH, not the assertion itself"
            ),
            "save the SAMLResponse to a file, or pipe it: ... | roleshift export --saml-assertion -",
        ));
    }
    crate::input::read_small_file(path, WHAT)
}

fn looks_inline(arg: &str) -> bool {
    arg.len() > 200
        || arg.trim_start().starts_with('<')
        || arg.starts_with("PD94")
        || arg.starts_with("PHNhbWxw")
}

/// Accepts the base64 `SAMLResponse` (line breaks, URL-encoding and missing
/// padding tolerated, as copied from a browser) or the XML itself.
pub fn decode(text: &str) -> Result<Assertion> {
    if text.len() > MAX_ASSERTION {
        bail!("the SAML assertion is larger than 1 MiB");
    }
    let text = text.trim_start_matches('\u{feff}').trim();
    let xml = if text.starts_with('<') {
        text.to_string()
    } else {
        from_base64(text)?
    };
    let mut a = parse(&xml)?;
    a.encoded = Secret::new(STANDARD.encode(xml.as_bytes()));
    Ok(a)
}

fn from_base64(text: &str) -> Result<String> {
    let not_saml = || {
        with_hint(
            anyhow::anyhow!("the SAML assertion is neither base64 nor XML"),
            "give the SAMLResponse value posted to the AWS sign-in page, or the XML it decodes to",
        )
    };
    // A value copied from a form body is URL-encoded; base64 never holds `%`.
    let unescaped = if text.contains('%') {
        percent_decode(text).ok_or_else(not_saml)?
    } else {
        text.to_string()
    };
    let compact: String = unescaped
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let lenient =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let alphabet = if compact.contains(['-', '_']) {
        &base64::alphabet::URL_SAFE
    } else {
        &base64::alphabet::STANDARD
    };
    let bytes = GeneralPurpose::new(alphabet, lenient)
        .decode(compact.as_bytes())
        .map_err(|_| not_saml())?;
    let xml = String::from_utf8(bytes)
        .ok()
        .map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
        .filter(|s| s.starts_with('<'));
    match xml {
        Some(x) => Ok(x),
        None => bail!("the SAML assertion decodes from base64, but not to XML"),
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// One `<Attribute Name=...>` and its values, in document order.
struct Attribute {
    name: String,
    values: Vec<String>,
}

/// Namespace-aware: identity providers bind the SAML 2.0 assertion namespace
/// to `saml:`, `saml2:`, `ns2:` or the default namespace, so elements are
/// matched by namespace and local name, never by prefix.
fn parse(xml: &str) -> Result<Assertion> {
    let mut reader = NsReader::from_str(xml);
    let mut attrs: Vec<Attribute> = Vec::new();
    let mut current: Option<Attribute> = None;
    let mut value: Option<String> = None;
    let (mut depth, mut elements, mut encrypted) = (0usize, 0usize, false);
    let ill_formed =
        |pos: u64| anyhow::anyhow!("the SAML assertion is not well-formed XML (near byte {pos})");
    loop {
        // The namespace borrows the reader, so it is reduced to a bool at once.
        let (saml, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (is_saml(&ns), event),
            Err(_) => return Err(ill_formed(reader.error_position())),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                elements += 1;
                if !empty {
                    depth += 1;
                }
                if !saml {
                    continue;
                }
                match e.local_name().as_ref() {
                    "Attribute" => {
                        let name = match e.try_get_attribute("Name") {
                            Ok(Some(a)) => a
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map_err(|_| ill_formed(reader.buffer_position()))?
                                .into_owned(),
                            Ok(None) => String::new(),
                            Err(_) => return Err(ill_formed(reader.buffer_position())),
                        };
                        let attr = Attribute {
                            name,
                            values: Vec::new(),
                        };
                        if empty {
                            attrs.push(attr);
                        } else {
                            current = Some(attr);
                        }
                    }
                    "AttributeValue" if current.is_some() => {
                        if empty {
                            if let Some(c) = current.as_mut() {
                                c.values.push(String::new());
                            }
                        } else {
                            value = Some(String::new());
                        }
                    }
                    "EncryptedAssertion" => encrypted = true,
                    _ => {}
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if !saml {
                    continue;
                }
                match e.local_name().as_ref() {
                    "AttributeValue" => {
                        if let (Some(v), Some(c)) = (value.take(), current.as_mut()) {
                            c.values.push(v.trim().to_string());
                        }
                    }
                    "Attribute" => attrs.extend(current.take()),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(v) = value.as_mut() {
                    v.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some(v) = value.as_mut() {
                    v.push_str(&c.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                // Only the five predefined entities and character references
                // exist without a DTD; anything else is malformed.
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(ch)) => Some(ch.to_string()),
                    Ok(None) => {
                        quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string)
                    }
                    Err(_) => None,
                };
                let Some(s) = resolved else {
                    return Err(ill_formed(reader.buffer_position()));
                };
                if let Some(v) = value.as_mut() {
                    v.push_str(&s);
                }
            }
            Event::DocType(_) => {
                bail!("the SAML assertion has a DOCTYPE, which SAML does not allow")
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 || elements == 0 {
        return Err(ill_formed(xml.len() as u64));
    }
    Ok(summarize(attrs, encrypted))
}

fn is_saml(ns: &ResolveResult<'_>) -> bool {
    // Unbound names are accepted too: hand-written test assertions often
    // leave out the namespace, and nothing else could be meant.
    matches!(
        ns,
        ResolveResult::Bound(Namespace(SAML2_ASSERTION)) | ResolveResult::Unbound
    )
}

fn summarize(attrs: Vec<Attribute>, encrypted: bool) -> Assertion {
    let values = |name: &'static str| {
        attrs
            .iter()
            .filter(move |a| a.name == name)
            .flat_map(|a| a.values.iter())
    };
    let mut roles: Vec<RolePair> = Vec::new();
    for v in values(ROLE_ATTRIBUTE) {
        match role_pair(v) {
            Some(p) if !roles.contains(&p) => roles.push(p),
            Some(_) => {}
            // Not an error: other pairs may still be usable.
            None => tracing::debug!(
                "skipping a Role attribute value that is not `role ARN,provider ARN`"
            ),
        }
    }
    let session_duration = values(DURATION_ATTRIBUTE)
        .next()
        .and_then(|d| d.parse::<u32>().ok())
        .filter(|d| (900..=43_200).contains(d));
    let session_name = values(SESSION_NAME_ATTRIBUTE)
        .next()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    Assertion {
        encoded: Secret::new(String::new()),
        roles,
        session_duration,
        session_name,
        encrypted,
    }
}
