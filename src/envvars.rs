//! The environment contract (SPEC §5): which variables credentials become and
//! which competing ones are removed (the names are in src/vars.rs).

use crate::creds::Credentials;
use crate::resolve::Plan;
use crate::shell::Change;
use crate::vars::{self, REMOVED};

/// The kernel's limit for one `NAME=value` string (MAX_ARG_STRLEN, 32 pages).
/// A bigger variable in a shell makes every later command there fail with
/// "Argument list too long", so it is refused before it is exported.
pub const MAX_VAR: usize = 128 * 1024;

pub fn change_for(creds: &Credentials, plan: &Plan) -> anyhow::Result<Change> {
    let mut set = vec![
        (vars::ACCESS_KEY_ID, creds.access_key_id.clone()),
        (
            vars::SECRET_ACCESS_KEY,
            creds.secret_access_key.expose().to_string(),
        ),
    ];
    let mut remove = REMOVED.to_vec();
    match &creds.session_token {
        Some(t) => set.push((vars::SESSION_TOKEN, t.expose().to_string())),
        None => remove.push(vars::SESSION_TOKEN),
    }
    match creds.expiration_rfc3339() {
        Some(e) => set.push((vars::EXPIRATION, e)),
        None => remove.push(vars::EXPIRATION),
    }
    if let (true, Some(region)) = (plan.export_region, &plan.region) {
        set.push((vars::REGION, region.clone()));
        set.push((vars::DEFAULT_REGION, region.clone()));
    }
    set.push((vars::PROFILE, plan.label.clone()));
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
