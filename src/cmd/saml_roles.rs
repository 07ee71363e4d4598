//! `roleshift saml-roles`: the (role, identity provider) pairs a SAML
//! assertion offers, to pick one for `--role-arn` or to feed a script.

use anyhow::Result;

use crate::cli::SamlRolesArgs;
use crate::saml;

pub fn run(args: &SamlRolesArgs) -> Result<()> {
    let a = saml::load(&args.assertion)?;
    // Same errors as --saml-assertion gives (no Role attribute, encrypted).
    saml::choose::require_roles(&a)?;
    if args.json {
        let out = serde_json::json!({
            "roles": a.roles,
            "session_duration": a.session_duration,
            "role_session_name": a.session_name,
        });
        return super::print(&format!("{}\n", serde_json::to_string_pretty(&out)?));
    }
    let width = a.roles.iter().map(|p| p.role_arn.len()).max().unwrap_or(0);
    let mut out = String::new();
    for p in &a.roles {
        out.push_str(&format!("{:<width$}  {}\n", p.role_arn, p.principal_arn));
    }
    super::print(&out)
}
