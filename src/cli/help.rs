//! Help text: each command's list of the environment variables it reads.

// Each command's help lists the environment variables it reads. The pieces
// are macros so that `concat!` can assemble them at compile time.
macro_rules! files_env {
    () => {
        "  AWS_CONFIG_FILE              AWS config file (default ~/.aws/config)
  AWS_SHARED_CREDENTIALS_FILE  AWS credentials file (default ~/.aws/credentials)
  HOME                         where ~ is
"
    };
}
macro_rules! resolve_env {
    () => {
        concat!(
            files_env!(),
            "  ROLESHIFT_PROFILE            the active session: the target when none is given
  AWS_PROFILE                  the target when none is given and no session is active
                               (else `default`)
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
                               ambient credentials, used for a bare role ARN
  AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME
                               web identity, as EKS and CI systems set them
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI
                               ECS container credentials (credential_source = EcsContainer)
  AWS_REGION, AWS_DEFAULT_REGION
                               STS region when neither --region nor the profile names one
  AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL
                               STS endpoint (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores them)
  AWS_MAX_ATTEMPTS             attempts per AWS call, retries included (default 3)
  ROLESHIFT_TIMEOUT            seconds before an AWS call gives up (default 10)
  ROLESHIFT_MIN_TTL            renew cached sessions with less time left (default 10m)
  ROLESHIFT_MFA_DURATION       length of the shared MFA session (default 12h, at most 36h)
  XDG_CACHE_HOME               the cache lives in $XDG_CACHE_HOME/roleshift (default ~/.cache)
  XDG_DATA_HOME                the key store's index and file (`roleshift keys`) live in
                               $XDG_DATA_HOME/roleshift (default ~/.local/share)
  ROLESHIFT_KEYS_PASSPHRASE    the key file's passphrase (else asked on the terminal)
  USER                         part of the default session name
"
        )
    };
}
macro_rules! shell_env {
    () => {
        "  ROLESHIFT_SHELL              output format when --format is not given (then the
                               parent process's name, then SHELL); only a shell:
                               bash, zsh, fish or powershell (data formats need
                               --format)
  SHELL                        the format's last guess
"
    };
}

pub(super) const ENV_HELP: &str = concat!(
    "Profiles are read from the AWS CLI's files, with the keys the AWS SDKs know
(role_arn, source_profile, credential_source, mfa_serial, sso_session, ...) and
these of roleshift's own:
  mfa_process                  a command that prints the MFA code
  saml_assertion_process       a command that prints a SAMLResponse (base64 or
                               XML); with role_arn and principal_arn, the
                               profile is assumed with AssumeRoleWithSAML and
                               works as a target or a source_profile like any
                               other (docs/flows.md)

Environment:\n",
    resolve_env!(),
    shell_env!(),
    "  XDG_DATA_HOME                the trust store lives in $XDG_DATA_HOME/roleshift\n"
);
pub(super) const EXPORT_ENV: &str = concat!("Environment:\n", resolve_env!(), shell_env!());
pub(super) const TARGET_ENV: &str = concat!("Environment:\n", resolve_env!());
pub(super) const EXEC_ENV: &str = concat!(
    "Environment:\n",
    resolve_env!(),
    "  SHELL                        run when no CMD is given
  PATH                         where CMD is looked up
"
);
pub(super) const UNSET_ENV: &str = concat!(
    "Environment:\n",
    shell_env!(),
    "  ROLESHIFT_PROFILE            whether a session is active (for --format json)
"
);
pub(super) const LIST_ENV: &str = concat!("Environment:\n", files_env!());
pub(super) const STATUS_ENV: &str = "Environment (the only input; no file and no network):
  ROLESHIFT_PROFILE            the active target
  AWS_CREDENTIAL_EXPIRATION    when its session ends
";
pub(super) const CACHE_ENV: &str = "Environment:
  XDG_CACHE_HOME               the cache lives in $XDG_CACHE_HOME/roleshift (default ~/.cache)
  HOME                         where ~ is
";
pub(super) const KEYS_HELP: &str = concat!(
    "Long-term keys kept out of the credentials file. A profile with no keys in
the files uses its stored keys, directly or as a source_profile, in every
command. `keys add` reads the access key id and the secret from a prompt on
the terminal, or from stdin as two lines; never from the command line.

Stores: secret-service (Linux: GNOME Keyring, KWallet), keychain (macOS),
wincred (Windows), file (an age file encrypted to a passphrase, for machines
without a store: $XDG_DATA_HOME/roleshift/keys).

Environment:
  ROLESHIFT_KEYS_BACKEND       where `add` and `migrate` put keys: secret-service,
                               keychain, wincred or file (default: the platform's
                               store when it answers, else file)
  ROLESHIFT_KEYS_PASSPHRASE    the key file's passphrase (else asked on the terminal)
  XDG_DATA_HOME                the index and the key file live in
                               $XDG_DATA_HOME/roleshift (default ~/.local/share)
  DBUS_SESSION_BUS_ADDRESS     the session bus the Secret Service is on
",
    files_env!()
);
pub(super) const NO_ENV: &str = "Environment: none is read.";

pub(super) const SAVE_HELP: &str = concat!(
    "`save` writes aws_access_key_id, aws_secret_access_key, aws_session_token and
expiration into [NAME] of the credentials file, marked `roleshift_managed =
true`; the region (--region, else the source profile's `region`) goes into
[profile NAME] of the config file, which keeps its mode. Every other byte of
the files stays as it was, the write is atomic and locked, the credentials
file is kept 0600, and the previous one is kept as FILE.bak.
Then: aws --profile NAME ...

Environment (AWS_SHARED_CREDENTIALS_FILE is also the file written, and
AWS_CONFIG_FILE the one the region goes to):
",
    resolve_env!()
);

pub(super) const HOOK_HELP: &str = concat!(
    "Load it from the shell's startup file:
  bash        eval \"$(roleshift hook bash)\"          (~/.bashrc)
  zsh         eval \"$(roleshift hook zsh)\"           (~/.zshrc)
  fish        roleshift hook fish | source           (config.fish)
  powershell  roleshift hook powershell | Out-String | Invoke-Expression
  nu          see docs/hooks.md (nushell sources a saved file)

A trusted .roleshift.toml in a directory or a parent names the role of that
tree; entering it exports the role's credentials, leaving restores what was
there before. A prompt where nothing changed starts no process.

A role exported by hand (eval \"$(roleshift export prod)\") is renewed too: at
the first prompt after ROLESHIFT_MIN_TTL (default 10m) is left, by the same
rule as directory roles (docs/hooks.md). The hook never asks for input; when renewal would
need an MFA code or a choice of role it says so in one line and leaves the valid
credentials in place. A long job that must outlive a session runs under
`roleshift exec --server`.

Environment (read by the hook's per-prompt command):
",
    resolve_env!(),
    "  XDG_DATA_HOME                the trust store lives in $XDG_DATA_HOME/roleshift
                               (default ~/.local/share)
"
);

pub(super) const TRUST_HELP: &str = "\
PATH is a .roleshift.toml, or a directory: then the file that applies there
(in it or the nearest parent). Default: the current directory. Trust is kept
for the file's directory (symlinks resolved) and its exact content: any edit
needs a new `allow`. `deny` wins over an earlier `allow`.

Environment:
  XDG_DATA_HOME                the trust store is $XDG_DATA_HOME/roleshift/trust
                               (default ~/.local/share)
  HOME                         where ~ is
";

macro_rules! sso_env {
    () => {
        "  AWS_ENDPOINT_URL_SSO_OIDC    IAM Identity Center OIDC endpoint (sign-in, renewal)
  AWS_ENDPOINT_URL_SSO         IAM Identity Center portal endpoint (roles, accounts)
  AWS_ENDPOINT_URL             both, when the two above are not set
  ROLESHIFT_BROWSER, BROWSER   the command that opens a URL (else xdg-open with a
                               display, or open on macOS)
"
    };
}

pub(super) const SSO_HELP: &str = concat!(
    "The token is cached where the AWS CLI keeps it (~/.aws/sso/cache), so one sign-in
serves roleshift, the AWS CLI and the SDKs. roleshift renews it with the refresh
token before it expires; only when that fails does it ask for a new login.

Examples:
  roleshift sso login --session corp
  roleshift sso login --device-code            # headless host: no browser
  roleshift sso populate --name-template '{account_name}.{role_name}' --prune
  roleshift sso logout

Environment:\n",
    files_env!(),
    sso_env!()
);

pub(super) const CONSOLE_HELP: &str = concat!(
    "The target's credentials become a console sign-in URL (valid 15 minutes) through
the AWS federation endpoint; long-term keys first get a GetFederationToken
session. The URL never reaches a log or another process's arguments.

Environment:\n",
    resolve_env!(),
    sso_env!(),
    "  ROLESHIFT_FEDERATION_URL     the federation endpoint (default: the partition's)
"
);
