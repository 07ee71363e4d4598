//! The one list of the environment variables roleshift sets and removes
//! (SPEC §5), and the one place that names the hook's shell variables.
//! Renderers, `exec`, `exec --server`, `status` and the hook all take their
//! names from here; a test checks every hook script against these lists.

pub const ACCESS_KEY_ID: &str = "AWS_ACCESS_KEY_ID";
pub const SECRET_ACCESS_KEY: &str = "AWS_SECRET_ACCESS_KEY";
pub const SESSION_TOKEN: &str = "AWS_SESSION_TOKEN";
pub const EXPIRATION: &str = "AWS_CREDENTIAL_EXPIRATION";
pub const REGION: &str = "AWS_REGION";
pub const DEFAULT_REGION: &str = "AWS_DEFAULT_REGION";
/// The active session's target: a profile name or role ARN.
pub const PROFILE: &str = "ROLESHIFT_PROFILE";

/// Set in every `credential_process` child: the profiles being resolved
/// above it (names only), so a loop back into roleshift fails at once
/// (src/resolve/guard.rs).
pub const RESOLVING: &str = "ROLESHIFT_RESOLVING";

/// Every variable export may touch; their prior values are saved and restored.
pub const MANAGED: [&str; 10] = [
    ACCESS_KEY_ID,
    SECRET_ACCESS_KEY,
    SESSION_TOKEN,
    EXPIRATION,
    REGION,
    DEFAULT_REGION,
    PROFILE,
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SECURITY_TOKEN",
];

/// What `unset` clears in a shell that inherited roleshift's variables but not
/// its saved state (a subshell or a new tmux pane): the credentials, nothing else.
pub const SESSION_VARS: [&str; 5] = [
    ACCESS_KEY_ID,
    SECRET_ACCESS_KEY,
    SESSION_TOKEN,
    EXPIRATION,
    PROFILE,
];

/// Variables that always compete with exported keys and are removed.
pub const REMOVED: [&str; 3] = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SECURITY_TOKEN"];

/// What `exec --server` removes from the child's environment besides
/// `MANAGED`'s credentials: anything that would give its SDK other
/// credentials, or make it look elsewhere first (web identity, which SDKs try
/// before the container endpoint, and another container endpoint).
pub const SERVER_REMOVED: [&str; 12] = [
    ACCESS_KEY_ID,
    SECRET_ACCESS_KEY,
    SESSION_TOKEN,
    "AWS_SECURITY_TOKEN",
    EXPIRATION,
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/// The hook notices a change made by hand by comparing these variables'
/// values (the secret ones are never digested: they follow the key id).
pub const TRACKED: [&str; 7] = [
    ACCESS_KEY_ID,
    EXPIRATION,
    REGION,
    DEFAULT_REGION,
    PROFILE,
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
];

/// Travel with `AWS_ACCESS_KEY_ID`: a hand-made change of the key changes these.
pub const SECRET_GROUP: [&str; 3] = [SECRET_ACCESS_KEY, SESSION_TOKEN, "AWS_SECURITY_TOKEN"];

/// Shell-local (unexported) variables of `export` and the hook.
pub mod hook {
    /// Set by the first export of a shell: the managed variables are saved.
    pub const SAVED: &str = "__roleshift_saved";
    /// `__roleshift_old_<NAME>` holds NAME's value from before (bash, zsh,
    /// fish); PowerShell and nushell keep one table `__roleshift_old`.
    pub const OLD: &str = "__roleshift_old";
    /// The hook's memory between prompts (src/hook/state.rs), no secrets.
    pub const STATE: &str = "__roleshift_state";
    /// The watched .roleshift.toml and its stamp file.
    pub const CFG: &str = "__roleshift_cfg";
    pub const CFG_STAMP: &str = "__roleshift_cfg_stamp";
    /// The watched trust store and its stamp file.
    pub const TRUST: &str = "__roleshift_trust";
    pub const TRUST_STAMP: &str = "__roleshift_trust_stamp";
    /// Seconds until the next prompt must run `hook-env` (renewal).
    pub const TTL: &str = "__roleshift_ttl";
    /// Set while `hook-env`'s output is being applied; cleared by its last line.
    pub const BUSY: &str = "__roleshift_busy";

    /// In an `Env` only (never a shell's): resolve without asking for input.
    pub const NO_PROMPT: &str = "__roleshift_no_prompt";

    /// The applied tree's directory, and the code that drops its session
    /// when a run is cut short (Ctrl-C) outside it.
    pub const ROOT: &str = "__roleshift_root";
    pub const UNDO: &str = "__roleshift_undo";

    /// What `hook-env` sets for the scripts, in this order.
    pub const FROM_HOOK_ENV: [&str; 8] =
        [STATE, CFG, CFG_STAMP, TRUST, TRUST_STAMP, TTL, ROOT, UNDO];

    /// The scripts' own helpers and bookkeeping: functions, the binary's
    /// path, the directory, deadline and session (expiry/target) seen last,
    /// the Ctrl-C mark, handler and saved user trap, and loop temporaries.
    pub const SCRIPT_ONLY: [&str; 22] = [
        "__roleshift_bin",
        "__roleshift_hook",
        "__roleshift_hook_v1",
        "__roleshift_now",
        "__roleshift_t",
        "__roleshift_changed",
        "__roleshift_pwd",
        "__roleshift_deadline",
        "__roleshift_flag",
        "__roleshift_out",
        "__roleshift_status",
        "__roleshift_location",
        "__roleshift_vars",
        "__roleshift_run",
        "__roleshift_prompt",
        "__roleshift_n",
        "__roleshift_installed",
        "__roleshift_call",
        "__roleshift_seen",
        "__roleshift_int",
        "__roleshift_on_int",
        "__roleshift_trap",
    ];

    /// Whether `name` is one of the names above (or a saved value).
    pub fn known(name: &str) -> bool {
        [SAVED, OLD, BUSY].contains(&name)
            || FROM_HOOK_ENV.contains(&name)
            || SCRIPT_ONLY.contains(&name)
            || name
                .strip_prefix(OLD)
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|v| super::MANAGED.contains(&v))
    }
}
