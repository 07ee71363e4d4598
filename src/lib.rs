//! roleshift: temporary AWS credentials from STS, put where they are needed.
//!
//! One program: src/main.rs parses the command line with clap and calls the
//! command's module in `cmd`. Credentials flow through three layers, in this
//! order and never backwards: the `request` (what the user asked for),
//! resolution (`profile`, `resolve`, `cache`, `sts`) and the sinks (`shell`,
//! `cmd`). See docs/architecture.md.

pub mod bounded;
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
pub mod fsutil;
pub mod harden;
pub mod hook;
pub mod http;
pub mod input;
pub mod keys;
pub mod mfa;
pub mod owner;
pub mod peer;
pub mod process;
pub mod profile;
pub mod region;
pub mod renewal;
pub mod request;
pub mod resolve;
pub mod saml;
pub mod sanitize;
pub mod server;
pub mod settings;
pub mod shell;
pub mod sso;
pub mod sts;
pub mod vars;

#[cfg(test)]
mod hostile_tests;
