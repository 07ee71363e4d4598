//! `roleshift hook SHELL` prints the hook script; the hidden `hook-env` is
//! what that script runs when something changed (see src/hook).

use anyhow::{Context, Result};

use crate::cli::{HookArgs, HookEnvArgs};
use crate::env::Env;

pub fn run(args: &HookArgs) -> Result<()> {
    let exe = std::env::current_exe().context("cannot find roleshift's own path")?;
    let bin = exe.to_str().ok_or_else(|| {
        anyhow::anyhow!(
            "roleshift's path {} is not UTF-8, and the hook embeds it",
            exe.display()
        )
    })?;
    super::print(&crate::hook::scripts::script(args.shell, bin))
}

pub fn run_env(args: &HookEnvArgs, env: &Env) -> Result<()> {
    super::print(&crate::hook::hook_env(args.shell, args.cancelled, env))
}
