//! Tells the end-to-end tests, at build time, whether the programs they drive
//! (moto, the AWS CLI, real shells, tmux, nushell, ...) are installed, so a
//! missing one makes those tests *ignored* in cargo's report (with the
//! reason) instead of passing without checking anything. Under
//! `ROLESHIFT_REQUIRE_E2E=1` (set by scripts/test) nothing is ignored: a
//! missing program then fails the tests that need it.
//!
//! The release binary is unaffected: the flag is only read by `#[cfg_attr]`
//! on tests.

use std::path::{Path, PathBuf};

/// Every external program a test runs (see tests/support/mod.rs `tool`).
const TOOLS: &[&str] = &[
    "moto_server",
    "aws",
    "awsume",
    "python3",
    "bash",
    "zsh",
    "fish",
    "nu",
    "tmux",
    "script",
    "shellcheck",
    "strace",
    "nroff",
    "node",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(e2e_missing)");
    println!("cargo::rustc-check-cfg=cfg(pwsh_missing)");
    println!("cargo::rerun-if-changed=build.rs");
    for var in ["ROLESHIFT_REQUIRE_E2E", "ROLESHIFT_VENV", "PATH"] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let venv = std::env::var_os("ROLESHIFT_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("target/venv"))
        .join("bin");
    let nu = manifest.join("target/nu/bin");
    for dir in [&venv, &nu] {
        if dir.exists() {
            println!("cargo::rerun-if-changed={}", dir.display());
        }
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = [venv, nu]
        .into_iter()
        .chain(std::env::split_paths(&path))
        .collect();
    // PowerShell cannot be installed on the test machines (TESTING.md), so
    // its few tests are ignored without it, whatever ROLESHIFT_REQUIRE_E2E says.
    if !dirs.iter().any(|d| is_executable(&d.join("pwsh"))) {
        println!("cargo::rustc-cfg=pwsh_missing");
    }
    if std::env::var("ROLESHIFT_REQUIRE_E2E").is_ok_and(|v| v == "1") {
        return;
    }
    let mut missing: Vec<&str> = TOOLS
        .iter()
        .copied()
        .filter(|t| !dirs.iter().any(|d| is_executable(&d.join(t))))
        .collect();
    // The JavaScript SDK, a client the tests check roleshift's sinks with.
    let node_sdk = manifest.join("target/node/node_modules/@aws-sdk/client-sts");
    println!(
        "cargo::rerun-if-changed={}",
        manifest.join("target/node").display()
    );
    if !node_sdk.is_dir() {
        missing.push("@aws-sdk/client-sts (target/node)");
    }
    if !missing.is_empty() {
        println!("cargo::rustc-cfg=e2e_missing");
        println!(
            "cargo::warning=end-to-end tests will be reported as ignored: {} not installed (scripts/test installs them)",
            missing.join(", ")
        );
    }
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}
