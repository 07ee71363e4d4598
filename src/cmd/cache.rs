//! `roleshift cache list|clear`: inspect or empty the credential cache.

use std::time::SystemTime;

use anyhow::Result;

use crate::cache::Cache;
use crate::cli::CacheCommand;
use crate::creds::{rfc3339, unix};
use crate::env::Env;

pub fn run(cmd: &CacheCommand, env: &Env) -> Result<()> {
    let Some(cache) = Cache::new(env) else {
        anyhow::bail!("no cache directory: neither XDG_CACHE_HOME nor HOME is set");
    };
    match cmd {
        CacheCommand::List => {
            let entries = cache.list()?;
            if entries.is_empty() {
                let dir = cache.dir().display().to_string();
                let dir = crate::sanitize::printable(&dir);
                eprintln!("roleshift: the cache at {dir} is empty");
                return Ok(());
            }
            let width = entries
                .iter()
                .map(|e| crate::sanitize::printable(&e.label).chars().count())
                .max()
                .unwrap_or(6)
                .max(6);
            let now = unix(SystemTime::now());
            let mut out = format!("{:<width$}  {:<20}  LEFT\n", "TARGET", "EXPIRES");
            for e in &entries {
                let left = crate::duration::human(unix(e.expiration) - now);
                out.push_str(&format!(
                    "{:<width$}  {:<20}  {left}\n",
                    crate::sanitize::printable(&e.label),
                    rfc3339(e.expiration)
                ));
            }
            tracing::debug!(dir = %cache.dir().display(), files = entries.len(), "cache list");
            super::print(&out)
        }
        CacheCommand::Clear { target } => {
            let n = cache.clear(target.as_deref())?;
            eprintln!(
                "roleshift: removed {n} cached session{}",
                if n == 1 { "" } else { "s" }
            );
            Ok(())
        }
    }
}
