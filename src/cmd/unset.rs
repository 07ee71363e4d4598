//! `roleshift unset`: statements that restore what export changed.

use anyhow::Result;

use crate::cli::UnsetArgs;
use crate::env::Env;
use crate::shell;

pub fn run(args: &UnsetArgs, env: &Env) -> Result<()> {
    let format = shell::detect_format(args.format.map(Into::into), env)?;
    let active = env.raw(crate::vars::PROFILE).is_some();
    let text = shell::render_unset(format, active)
        .map_err(|why| anyhow::anyhow!("cannot unset as {}: {why}", format.name()))?;
    super::print(&text)
}
