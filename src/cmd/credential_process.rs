//! `roleshift credential-process`: the JSON that `credential_process` in
//! ~/.aws/config expects, so every AWS SDK can use roleshift.

use anyhow::Result;

use crate::cli::TargetArgs;
use crate::creds::Credentials;
use crate::env::Env;

pub fn run(args: &TargetArgs, env: &Env) -> Result<()> {
    let (_, creds) = crate::resolve::resolve(args, env)?;
    emit(&creds)
}

pub fn emit(creds: &Credentials) -> Result<()> {
    super::print(&crate::shell::credential_process_json(creds))
}
