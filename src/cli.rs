//! The command-line surface: clap definitions and the help text, nothing else.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::duration::parse_duration_arg;
use crate::request::{CachePolicy, Request};
// The shells and formats are the renderers' own types; clap parses them as they are.
pub use crate::shell::{Format, HookShell};

mod fast;
mod help;
pub use fast::{MIN_TTL_VAR, parse, recognise};
use help::*;

#[derive(Debug, Parser)]
#[command(
    name = "roleshift",
    version,
    about = "Temporary AWS credentials from STS, put where you need them",
    long_about = "Temporary AWS credentials from STS, put where you need them: \
                  your shell, a child process, ~/.aws/credentials or any AWS SDK.",
    after_help = ENV_HELP,
    propagate_version = true
)]
pub struct Cli {
    /// Log what roleshift does to stderr (-vv for more); secrets are never logged
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print statements that put the credentials into the calling shell
    #[command(after_help = EXPORT_ENV)]
    Export(ExportArgs),
    /// Print statements that restore what the last export changed
    #[command(after_help = UNSET_ENV)]
    Unset(UnsetArgs),
    /// Run a command with the credentials in its environment
    #[command(after_help = EXEC_ENV)]
    Exec(ExecArgs),
    /// Print credentials as the JSON that `credential_process` expects
    #[command(after_help = TARGET_ENV)]
    CredentialProcess(TargetArgs),
    /// Write the credentials into profile NAME of the credentials file
    #[command(after_help = SAVE_HELP)]
    Save(SaveArgs),
    /// List the (role, identity provider) pairs a SAML assertion offers
    #[command(after_help = NO_ENV)]
    SamlRoles(SamlRolesArgs),
    /// Show the identity behind the resolved credentials (GetCallerIdentity)
    #[command(after_help = TARGET_ENV)]
    Whoami(WhoamiArgs),
    /// List the profiles of the AWS config and credentials files
    #[command(after_help = LIST_ENV)]
    List(ListArgs),
    /// One line for prompts (`prod 42m`), from the environment alone
    #[command(after_help = STATUS_ENV)]
    Status(StatusArgs),
    /// Print the shell hook that applies a directory's .roleshift.toml
    #[command(after_help = HOOK_HELP)]
    Hook(HookArgs),
    /// Trust a .roleshift.toml, as it is now, for the shell hook
    #[command(after_help = TRUST_HELP)]
    Allow(TrustArgs),
    /// Distrust a .roleshift.toml, whatever it says, until allowed again
    #[command(after_help = TRUST_HELP)]
    Deny(TrustArgs),
    /// What the hook runs when the directory, the deadline or a watched file
    /// changed: prints code (data for nu) that the hook evaluates
    #[command(hide = true)]
    HookEnv(HookEnvArgs),
    /// Inspect or empty the credential cache
    #[command(subcommand, after_help = CACHE_ENV)]
    Cache(CacheCommand),
    /// Keep long-term keys in the OS key store instead of the credentials file
    #[command(subcommand, after_help = KEYS_HELP)]
    Keys(KeysCommand),
    /// IAM Identity Center: sign in, generate profiles, sign out
    #[command(subcommand, after_help = SSO_HELP)]
    Sso(SsoCommand),
    /// Sign in to the AWS console as the target (a sign-in URL)
    #[command(after_help = CONSOLE_HELP)]
    Console(ConsoleArgs),
    /// Print the completion script for a shell
    #[command(after_help = NO_ENV)]
    Completions(CompletionsArgs),
    /// Print a man page (roff), generated from these definitions
    #[command(hide = true)]
    Manpage {
        /// A subcommand's page instead of the main one
        subcommand: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SsoCommand {
    /// Sign in with the device code flow and cache the token for every tool
    Login(SsoLoginArgs),
    /// Remove the session's token and the sessions made from it
    Logout(SsoSessionArgs),
    /// Write a profile for every account and role the session can reach
    Populate(SsoPopulateArgs),
}

/// Which IAM Identity Center session: --session, a profile, or the only one.
#[derive(Debug, Args, Default, Clone)]
pub struct SsoSessionArgs {
    /// An SSO profile whose sso_session or sso_start_url to use
    #[arg(value_name = "TARGET", conflicts_with = "session")]
    pub target: Option<String>,
    /// The [sso-session NAME] of the config file (default: the only one)
    #[arg(long, value_name = "NAME")]
    pub session: Option<String>,
}

#[derive(Debug, Args)]
pub struct SsoLoginArgs {
    #[command(flatten)]
    pub which: SsoSessionArgs,
    /// Print the URL and code only; never open a browser (headless hosts)
    #[arg(long)]
    pub device_code: bool,
}

#[derive(Debug, Args)]
pub struct SsoPopulateArgs {
    #[command(flatten)]
    pub which: SsoSessionArgs,
    /// Remove the profiles an earlier populate wrote that are gone now
    #[arg(long)]
    pub prune: bool,
    /// Profile names: {account_name}, {account_id}, {role_name}, {session}
    #[arg(long, value_name = "T", default_value = "{account_name}/{role_name}")]
    pub name_template: String,
    /// A `region` to write into each profile
    #[arg(long, value_name = "R", value_parser = parse_region_name)]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConsoleArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Print the sign-in URL on stdout instead of opening the browser
    #[arg(long)]
    pub print: bool,
    /// The console page to land on (default: the console home of the region)
    #[arg(long, value_name = "URL")]
    pub destination: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Show cached sessions: target, expiry and time left (never secrets)
    List,
    /// Remove cached sessions, all of them or those of one target
    Clear {
        /// A profile name or role ARN
        target: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Store keys for profile NAME, read from a terminal prompt or two lines of stdin
    Add {
        /// The profile the keys are for
        name: String,
    },
    /// List the profiles with stored keys and their access key ids (never secrets)
    List,
    /// Remove profile NAME's keys from the key store
    Rm {
        /// The profile whose keys go
        name: String,
    },
    /// Move profile NAME's keys from the credentials file into the key store
    Migrate {
        /// The profile whose keys move
        name: String,
    },
}

/// What to get credentials for, and how to ask STS for them.
#[derive(Debug, Args, Default, Clone)]
pub struct TargetArgs {
    /// A profile name or a role ARN (default: the active session $ROLESHIFT_PROFILE,
    /// else $AWS_PROFILE, else `default`)
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,

    /// The role to assume; with a profile target it overrides `role_arn`
    #[arg(long, value_name = "ARN", help_heading = "Target")]
    pub role_arn: Option<String>,
    /// The profile whose credentials assume an ad-hoc role
    #[arg(long, value_name = "PROFILE", help_heading = "Target")]
    pub source_profile: Option<String>,
    /// RoleSessionName (default roleshift-<user>-<unix time>)
    #[arg(long, value_name = "NAME", help_heading = "Target")]
    pub session_name: Option<String>,
    /// Session length: 900, 15m, 1h, 12h; an MFA session alone up to 36h
    /// (profile key duration_seconds)
    #[arg(long, value_name = "D", value_parser = parse_duration_arg, help_heading = "Target")]
    pub duration: Option<u32>,
    /// ExternalId for the role's trust policy (profile key external_id)
    #[arg(long, value_name = "ID", help_heading = "Target")]
    pub external_id: Option<String>,
    /// MFA device ARN (profile key mfa_serial)
    #[arg(long, value_name = "ARN", help_heading = "MFA")]
    pub mfa_serial: Option<String>,
    /// The current MFA code (else mfa_process, else a prompt on the terminal)
    #[arg(long, value_name = "CODE", help_heading = "MFA")]
    pub mfa_code: Option<String>,
    /// A managed policy ARN that limits the session (repeatable)
    #[arg(long, value_name = "ARN", help_heading = "Session policy and tags")]
    pub policy_arn: Vec<String>,
    /// A JSON policy document file that limits the session
    #[arg(long, value_name = "FILE", help_heading = "Session policy and tags")]
    pub policy: Option<PathBuf>,
    /// A session tag K=V (repeatable)
    #[arg(long, value_name = "K=V", value_parser = parse_tag, help_heading = "Session policy and tags")]
    pub tag: Vec<(String, String)>,
    /// A tag key that passes on to chained sessions (repeatable)
    #[arg(long, value_name = "K", help_heading = "Session policy and tags")]
    pub transitive_tag: Vec<String>,
    /// SourceIdentity for the session
    #[arg(long, value_name = "S", help_heading = "Session policy and tags")]
    pub source_identity: Option<String>,
    /// `-`: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token
    /// itself is refused: argv is visible to every local user)
    #[arg(
        long,
        value_name = "-",
        help_heading = "Web identity",
        conflicts_with = "web_identity_token_file"
    )]
    pub web_identity_token: Option<String>,
    /// A file holding the OIDC token for AssumeRoleWithWebIdentity
    #[arg(long, value_name = "FILE", help_heading = "Web identity")]
    pub web_identity_token_file: Option<PathBuf>,
    /// ProviderId for OAuth 2.0 identity providers
    #[arg(long, value_name = "ID", help_heading = "Web identity")]
    pub provider_id: Option<String>,
    /// A SAML assertion for AssumeRoleWithSAML: FILE, `-` (stdin) or file://PATH,
    /// holding the base64 SAMLResponse or its XML
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "SAML",
        conflicts_with_all = [
            "web_identity_token", "web_identity_token_file", "source_profile",
            "session_name", "external_id", "mfa_serial", "mfa_code",
        ]
    )]
    pub saml_assertion: Option<String>,
    /// The identity provider of the role to pick from the assertion (with --role-arn)
    #[arg(
        long,
        value_name = "ARN",
        help_heading = "SAML",
        requires = "saml_assertion"
    )]
    pub principal_arn: Option<String>,
    /// STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)
    #[arg(long, value_name = "R", help_heading = "Endpoint")]
    pub region: Option<String>,
    /// STS endpoint, e.g. a local STS for testing
    #[arg(long, value_name = "URL", help_heading = "Endpoint")]
    pub endpoint_url: Option<String>,

    /// Neither read nor write the credential cache
    #[arg(long, help_heading = "Cache", conflicts_with = "refresh")]
    pub no_cache: bool,
    /// Start a new session even if one is cached, and cache it
    #[arg(long, help_heading = "Cache")]
    pub refresh: bool,
    /// Renew cached sessions with less time left than this (default 10m)
    #[arg(long, value_name = "D", env = MIN_TTL_VAR, value_parser = parse_min_ttl, help_heading = "Cache")]
    pub min_ttl: Option<u64>,
}

impl TargetArgs {
    /// The plain request these options stand for (src/request.rs).
    pub fn request(&self) -> Request {
        Request {
            target: self.target.clone(),
            role_arn: self.role_arn.clone(),
            source_profile: self.source_profile.clone(),
            session_name: self.session_name.clone(),
            duration: self.duration,
            external_id: self.external_id.clone(),
            mfa_serial: self.mfa_serial.clone(),
            mfa_code: self.mfa_code.clone(),
            policy_arn: self.policy_arn.clone(),
            policy: self.policy.clone(),
            tag: self.tag.clone(),
            transitive_tag: self.transitive_tag.clone(),
            source_identity: self.source_identity.clone(),
            web_identity_token: self.web_identity_token.clone(),
            web_identity_token_file: self.web_identity_token_file.clone(),
            provider_id: self.provider_id.clone(),
            saml_assertion: self.saml_assertion.clone(),
            principal_arn: self.principal_arn.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            cache: CachePolicy {
                no_cache: self.no_cache,
                refresh: self.refresh,
                min_ttl: self.min_ttl,
            },
        }
    }
}

pub fn parse_min_ttl(s: &str) -> Result<u64, String> {
    crate::duration::parse_seconds(s)
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Output format (default: the shell detected from $ROLESHIFT_SHELL, the parent process, $SHELL)
    #[arg(long, visible_alias = "shell", value_name = "F")]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct UnsetArgs {
    /// Output format (default: detected as for export)
    #[arg(long, visible_alias = "shell", value_name = "F")]
    pub format: Option<UnsetFormat>,
}

/// The formats that can express removing variables (not dotenv, not
/// credential-process), so `--help` offers only what works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnsetFormat {
    Bash,
    Zsh,
    Fish,
    #[value(alias = "pwsh")]
    Powershell,
    #[value(alias = "nushell")]
    Nu,
    Json,
}

impl From<UnsetFormat> for Format {
    fn from(f: UnsetFormat) -> Format {
        match f {
            UnsetFormat::Bash => Format::Bash,
            UnsetFormat::Zsh => Format::Zsh,
            UnsetFormat::Fish => Format::Fish,
            UnsetFormat::Powershell => Format::Powershell,
            UnsetFormat::Nu => Format::Nu,
            UnsetFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Serve the credentials from a loopback endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI)
    /// instead of static keys, and renew them while CMD runs
    #[arg(long)]
    pub server: bool,
    /// Run CMD once per profile whose name matches GLOB (`*`, `?`, `[..]`),
    /// concurrently, each output line prefixed with the profile name
    #[arg(
        long,
        value_name = "GLOB",
        conflicts_with_all = [
            "server", "target", "saml_assertion", "web_identity_token", "web_identity_token_file",
        ]
    )]
    pub each: Option<String>,
    /// With --each: at most N runs at a time (default: the number of CPUs, at least 4)
    #[arg(long, value_name = "N", requires = "each", value_parser = clap::value_parser!(u16).range(1..))]
    pub parallel: Option<u16>,
    /// The command and its arguments (default: $SHELL)
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct WhoamiArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Print STS's answer as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SaveArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// The profile to write: [NAME] in the credentials file
    #[arg(long = "as", value_name = "NAME")]
    pub name: String,
    /// Overwrite a section that roleshift did not write
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SamlRolesArgs {
    /// The assertion: FILE, `-` (stdin) or file://PATH, base64 or XML
    #[arg(value_name = "ASSERTION")]
    pub assertion: String,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON
    #[arg(long, conflicts_with = "names")]
    pub json: bool,
    /// Print bare profile names, one a line (for completion scripts)
    #[arg(long)]
    pub names: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// `text` (default) or `json`
    #[arg(long, value_name = "F", default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct HookArgs {
    /// bash, zsh, fish, powershell (pwsh) or nu
    pub shell: HookShell,
}

#[derive(Debug, Args)]
pub struct TrustArgs {
    /// A .roleshift.toml, or a directory (default: the current one)
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HookEnvArgs {
    #[arg(long)]
    pub shell: HookShell,
    /// The previous run was interrupted (Ctrl-C)
    #[arg(long)]
    pub cancelled: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: CompletionShell,
}

/// clap_complete's shells, and nushell, whose script roleshift writes itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
    #[value(alias = "nushell")]
    Nu,
}

/// `sso populate --region`: the one region rule (src/region.rs), checked
/// before any listing or file write.
fn parse_region_name(s: &str) -> Result<String, String> {
    match crate::region::is_valid(s) {
        true => Ok(s.to_string()),
        false => Err(format!(
            "`{}` is not a region name (letters, digits and `-`, e.g. eu-west-1)",
            s.escape_debug()
        )),
    }
}

fn parse_tag(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got `{s}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn tag_needs_a_key() {
        assert_eq!(parse_tag("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(parse_tag("=v").is_err());
        assert!(parse_tag("novalue").is_err());
    }
}
