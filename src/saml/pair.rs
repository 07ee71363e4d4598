//! The values of the Role attribute: "role ARN,provider ARN", in either
//! order, since identity providers send both and the order says nothing.

/// One role the assertion lets its subject assume, and the identity provider
/// that vouches for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RolePair {
    pub role_arn: String,
    pub principal_arn: String,
}

impl std::fmt::Display for RolePair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (provider {})", self.role_arn, self.principal_arn)
    }
}

/// A Role value is "role ARN,provider ARN" in either order: identity
/// providers send both, and the order says nothing.
pub fn role_pair(value: &str) -> Option<RolePair> {
    let (a, b) = value.split_once(',')?;
    let (a, b) = (a.trim(), b.trim());
    match (arn_kind(a)?, arn_kind(b)?) {
        (ArnKind::Role, ArnKind::Provider) => Some(RolePair {
            role_arn: a.to_string(),
            principal_arn: b.to_string(),
        }),
        (ArnKind::Provider, ArnKind::Role) => Some(RolePair {
            role_arn: b.to_string(),
            principal_arn: a.to_string(),
        }),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum ArnKind {
    Role,
    Provider,
}

/// `arn:PARTITION:iam::ACCOUNT:role/...` or `...:saml-provider/...`.
fn arn_kind(arn: &str) -> Option<ArnKind> {
    let mut parts = arn.splitn(6, ':');
    let (prefix, _partition, service, _region, _account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if prefix != "arn"
        || service != "iam"
        || arn
            .chars()
            .any(|c| c == ',' || c.is_whitespace() || c.is_control())
    {
        return None;
    }
    if resource
        .strip_prefix("role/")
        .is_some_and(|r| !r.is_empty())
    {
        Some(ArnKind::Role)
    } else if resource
        .strip_prefix("saml-provider/")
        .is_some_and(|r| !r.is_empty())
    {
        Some(ArnKind::Provider)
    } else {
        None
    }
}
