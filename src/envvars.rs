//! The environment contract (SPEC §5): which variables credentials become and
//! which competing ones are removed.

use crate::creds::Credentials;
use crate::resolve::Plan;
use crate::shell::{Change, REMOVED};

/// The kernel's limit for one `NAME=value` string (MAX_ARG_STRLEN, 32 pages).
/// A bigger variable in a shell makes every later command there fail with
/// "Argument list too long", so it is refused before it is exported.
pub const MAX_VAR: usize = 128 * 1024;

pub fn change_for(creds: &Credentials, plan: &Plan) -> anyhow::Result<Change> {
    let mut set = vec![
        ("AWS_ACCESS_KEY_ID", creds.access_key_id.clone()),
        (
            "AWS_SECRET_ACCESS_KEY",
            creds.secret_access_key.expose().to_string(),
        ),
    ];
    let mut remove = REMOVED.to_vec();
    match &creds.session_token {
        Some(t) => set.push(("AWS_SESSION_TOKEN", t.expose().to_string())),
        None => remove.push("AWS_SESSION_TOKEN"),
    }
    match creds.expiration_rfc3339() {
        Some(e) => set.push(("AWS_CREDENTIAL_EXPIRATION", e)),
        None => remove.push("AWS_CREDENTIAL_EXPIRATION"),
    }
    if let (true, Some(region)) = (plan.export_region, &plan.region) {
        set.push(("AWS_REGION", region.clone()));
        set.push(("AWS_DEFAULT_REGION", region.clone()));
    }
    set.push(("ROLESHIFT_PROFILE", plan.label.clone()));
    for (name, value) in &set {
        // NAME, `=`, the value and the terminating NUL.
        let size = name.len() + value.len() + 2;
        if size > MAX_VAR {
            // The size only: the value may be a secret.
            anyhow::bail!(
                "cannot export {name}: it is {size} bytes, over the {} KiB the kernel allows for one variable",
                MAX_VAR / 1024
            );
        }
    }
    Ok(Change { set, remove })
}
