//! What a plan assumes, in words: which role in which account, from which
//! credentials. `allow` and the hook's messages show this rather than the
//! target's name, because a `.roleshift.toml` naming both `profile = "prod"`
//! and a `role_arn` assumes that other role with prod's credentials, and
//! "prod" alone would hide it (SPEC §7).

use crate::profile::chain::Base;

use super::Plan;

/// `role Deploy in account 123456789012 from the keys of profile "prod"`.
/// Names no secret; callers make it printable where it is shown.
pub fn describe(plan: &Plan) -> String {
    let chain = &plan.chain;
    let Some(last) = chain.roles.last() else {
        return match &chain.base {
            Base::WebIdentity(w) => {
                format!("{} from a web identity token", role(&w.role_arn))
            }
            Base::Saml(s) => format!("{} from a SAML assertion", role(&s.role_arn)),
            other => source(other),
        };
    };
    let mut from = source(&chain.base);
    for step in &chain.roles[..chain.roles.len() - 1] {
        from = format!("{} (from {from})", role(&step.role_arn));
    }
    format!("{} from {from}", role(&last.role_arn))
}

/// `role NAME in account ACCOUNT`, read off the ARN; the ARN itself when it
/// has another shape.
pub fn role(arn: &str) -> String {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "iam", "", account, resource] if !account.is_empty() => {
            let name = resource.strip_prefix("role/").unwrap_or(resource);
            let name = name.rsplit('/').next().unwrap_or(name);
            format!("role {name} in account {account}")
        }
        _ => format!("role {arn}"),
    }
}

fn source(base: &Base) -> String {
    match base {
        Base::Keys { profile, .. } => format!("the keys of profile \"{profile}\""),
        Base::Environment => "the keys in AWS_ACCESS_KEY_ID".into(),
        Base::Process { profile, .. } => format!("the credential_process of profile \"{profile}\""),
        Base::WebIdentity(w) => format!("{} (web identity)", role(&w.role_arn)),
        Base::Saml(s) => format!("{} (SAML)", role(&s.role_arn)),
        Base::SamlProcess(s) => format!(
            "{} (SAML, from the saml_assertion_process of profile \"{}\")",
            role(&s.role_arn),
            s.profile
        ),
        Base::Sso(s) => format!(
            "SSO role {} in account {} (profile \"{}\")",
            s.role_name, s.account_id, s.profile
        ),
        Base::Imds => "the EC2 instance's role".into(),
        Base::Ecs => "the container's role".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_role_and_account() {
        assert_eq!(
            role("arn:aws:iam::666666666666:role/team/Other"),
            "role Other in account 666666666666"
        );
        assert_eq!(role("not-an-arn"), "role not-an-arn");
    }
}
