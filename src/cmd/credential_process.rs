//! `roleshift credential-process`: the JSON that `credential_process` in
//! ~/.aws/config expects, so every AWS SDK can use roleshift.

use anyhow::Result;

use crate::creds::Credentials;
use crate::env::Env;
use crate::request::Request;

pub fn run(req: &Request, env: &Env) -> Result<()> {
    let (_, creds) = crate::resolve::resolve(req, env)?;
    emit(&creds)
}

pub fn emit(creds: &Credentials) -> Result<()> {
    super::print(&crate::shell::credential_process_json(creds))
}
