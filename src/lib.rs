//! roleshift: temporary AWS credentials from STS, put where they are needed.
//!
//! Two binaries share this library. `roleshift` (src/main.rs, the front) is
//! what users run: it answers the hot path, an export or credential_process
//! served from the cache, by itself, and hands everything else to
//! `roleshift-full` (src/bin/roleshift-full.rs), which holds the AWS SDK.
//! Keeping the SDK out of the front keeps a cache hit as cheap as starting
//! a small process: a 5 MB binary pays for its size at every start.

pub mod app;
pub mod browser;
pub mod cache;
pub mod cli;
pub mod cmd;
pub mod console;
pub mod creds;
pub mod duration;
pub mod env;
pub mod envvars;
pub mod error;
pub mod fastparse;
pub mod front;
pub mod fsutil;
pub mod hook;
pub mod http;
pub mod input;
pub mod mfa;
pub mod process;
pub mod profile;
pub mod resolve;
pub mod saml;
pub mod server;
pub mod shell;
pub mod sso;
pub mod sts;

#[cfg(test)]
mod hostile_tests;
