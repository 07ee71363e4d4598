//! SAML responses for tests, shaped as identity providers send them and as
//! moto needs them: `samlp:Response` > `Assertion` > `AttributeStatement`
//! with at least two `Attribute`s, one of them RoleSessionName (TESTING.md).

use std::fmt::Write;

pub const ROLE_ATTR: &str = "https://aws.amazon.com/SAML/Attributes/Role";
pub const SESSION_NAME_ATTR: &str = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
pub const DURATION_ATTR: &str = "https://aws.amazon.com/SAML/Attributes/SessionDuration";

/// Builds a SAMLResponse. Moto reads one value per Attribute element, so
/// several roles go into repeated Role attributes unless `one_attribute`.
pub struct Response {
    prefix: &'static str,
    roles: Vec<String>,
    session_name: String,
    duration: Option<u32>,
    one_attribute: bool,
}

impl Response {
    pub fn new(session_name: &str) -> Response {
        Response {
            prefix: "saml2",
            roles: Vec::new(),
            session_name: session_name.to_owned(),
            duration: None,
            one_attribute: false,
        }
    }

    /// The prefix bound to the assertion namespace; "" for the default one.
    pub fn prefix(mut self, prefix: &'static str) -> Self {
        self.prefix = prefix;
        self
    }

    /// A Role value written "role,provider".
    pub fn role(mut self, role: &str, provider: &str) -> Self {
        self.roles.push(format!("{role},{provider}"));
        self
    }

    /// A Role value written "provider,role", as some identity providers do.
    pub fn role_reversed(mut self, role: &str, provider: &str) -> Self {
        self.roles.push(format!("{provider},{role}"));
        self
    }

    pub fn duration(mut self, secs: u32) -> Self {
        self.duration = Some(secs);
        self
    }

    /// All roles as values of a single Role attribute (what most identity
    /// providers do; moto cannot take it, roleshift's parser can).
    pub fn one_attribute(mut self) -> Self {
        self.one_attribute = true;
        self
    }

    pub fn xml(&self) -> String {
        let (decl, p) = match self.prefix {
            "" => (
                r#"xmlns="urn:oasis:names:tc:SAML:2.0:assertion""#.to_owned(),
                String::new(),
            ),
            pre => (
                format!(r#"xmlns:{pre}="urn:oasis:names:tc:SAML:2.0:assertion""#),
                format!("{pre}:"),
            ),
        };
        let attr = |name: &str, values: &[String]| {
            let mut s = format!(r#"<{p}Attribute Name="{name}">"#);
            for v in values {
                let _ = write!(s, "<{p}AttributeValue>{v}</{p}AttributeValue>");
            }
            s + &format!("</{p}Attribute>\n")
        };
        let mut attrs = String::new();
        if self.one_attribute {
            attrs += &attr(ROLE_ATTR, &self.roles);
        } else {
            for r in &self.roles {
                attrs += &attr(ROLE_ATTR, std::slice::from_ref(r));
            }
        }
        attrs += &attr(SESSION_NAME_ATTR, std::slice::from_ref(&self.session_name));
        if let Some(d) = self.duration {
            attrs += &attr(DURATION_ATTR, &[d.to_string()]);
        }
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="2024-01-01T00:00:00Z">
<{p}Assertion {decl} ID="_a1" Version="2.0" IssueInstant="2024-01-01T00:00:00Z">
<{p}AttributeStatement>
{attrs}</{p}AttributeStatement>
</{p}Assertion>
</samlp:Response>
"#
        )
    }

    /// The form value a browser posts: base64, wrapped at 76 columns and
    /// ending in a newline, as `base64` or a copy-paste leaves it.
    pub fn base64(&self) -> String {
        let b = base64_encode(self.xml().as_bytes());
        let lines: Vec<&str> = b
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).expect("ASCII"))
            .collect();
        format!("{}\n", lines.join("\n"))
    }
}

/// Standard base64 with padding, the way STS wants the assertion.
pub fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
