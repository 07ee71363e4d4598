//! nushell, for real (scripts/test installs it): the README's recipes in
//! `nu -c`, and the hook loaded from env.nu and config.nu exactly as
//! docs/hooks.md says, in an interactive nushell on a pseudo-terminal (tmux),
//! so that its prompt hooks run as they do for a person. Against moto.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use support::nu_tty::Nu;
use support::tty::read_env;
use support::{Moto, Output, Sandbox, assert_ok, run, tool};

const KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// Quotes of every kind, substitutions, a separator, globs and non-ASCII.
const HOSTILE: &str = "it's \"q\" $(touch pwned) `touch pwned2` ; {a,b} *? é ' \\ $HOME";

type Env = BTreeMap<String, String>;

fn get<'a>(env: &'a Env, k: &str) -> Option<&'a str> {
    env.get(k).map(String::as_str)
}

/// `base` holds the keys; `prod` and the hostile name assume roles with them.
/// The hostile profile is in the credentials file: in the config file, a
/// name with blanks is no profile (as in the AWS CLI).
fn config(sb: &Sandbox) {
    sb.write_config(&format!(
        "[profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\
         [profile prod]\nrole_arn = arn:aws:iam::333300000001:role/Deploy-nu\n\
         source_profile = base\nrole_session_name = e2e-nu\nregion = eu-west-1\n\
         [profile regional]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    ));
    sb.write_credentials(&format!(
        "[{HOSTILE}]\nrole_arn = arn:aws:iam::333300000002:role/Hostile-nu\n\
         source_profile = base\nrole_session_name = e2e-hostile-nu\n"
    ));
}

/// Runs SCRIPT in `nu -c` (no config, no std-lib) with the user's own
/// AWS_PROFILE and AWS_REGION, and moto as the endpoint.
fn nu_c(sb: &Sandbox, nu: &Path, moto: &Moto, script: &str, env: &[(&str, &str)]) -> Output {
    let mut cmd = sb.shell_cmd(nu, script);
    cmd.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_PROFILE", "mine")
        .env("AWS_REGION", "us-east-2")
        .envs(env.iter().copied());
    let out = run(&mut cmd);
    assert_ok(&out);
    out
}

/// The README's recipes.
const EXPORT: &str = "^$env.ROLESHIFT export prod --format nu | from json | load-env\n";
const UNSET: &str = "^$env.ROLESHIFT unset --format nu | from json | load-env\n";
const WHOAMI: &str = "^aws sts get-caller-identity --query Arn --output text o+e> arn.txt\n";

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_export_acts_as_the_role_and_unset_removes_it() {
    let nu = tool("nu");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    config(&sb);
    let dump = |f: &str| format!("^env -0 o> {f}.env\n");
    let script = [dump("before"), EXPORT.into(), dump("during"), WHOAMI.into()];
    let script = script.concat() + UNSET + &dump("after");
    let out = nu_c(&sb, &nu, moto, &script, &[]);
    let [before, during, after] =
        ["before", "during", "after"].map(|f| read_env(&sb.path("cwd").join(format!("{f}.env"))));

    let arn = std::fs::read_to_string(sb.path("cwd/arn.txt")).unwrap_or_default();
    let want = "arn:aws:sts::333300000001:assumed-role/Deploy-nu/e2e-nu";
    assert_eq!(arn.trim(), want, "{}", out.stderr);
    assert_eq!(get(&before, "AWS_PROFILE"), Some("mine"));
    assert_eq!(get(&during, "ROLESHIFT_PROFILE"), Some("prod"));
    assert_eq!(get(&during, "AWS_REGION"), Some("eu-west-1"));
    // load-env turns JSON's nulls into null values, which nushell passes to
    // no program: the variables are gone for the AWS CLI.
    assert_eq!(get(&during, "AWS_PROFILE"), None, "{during:#?}");
    assert!(get(&during, "AWS_SESSION_TOKEN").is_some_and(|t| !t.is_empty()));
    let session = [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ];
    for k in session
        .iter()
        .chain(&["AWS_CREDENTIAL_EXPIRATION", "ROLESHIFT_PROFILE"])
    {
        assert_eq!(get(&after, k), None, "unset keeps {k}: {after:#?}");
    }
}

/// SPEC §2: unset puts every variable back as it was before the first
/// export, "including your own AWS_PROFILE or AWS_REGION" (README). In
/// nushell the first export saves them in a record that only nushell sees,
/// and `roleshift-unset` (from `roleshift hook nu`) puts them back, also
/// after a second export switched roles.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_unset_restores_what_was_there_before_export() {
    let nu = tool("nu");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    config(&sb);
    let hook = run(&mut sb.cmd(&["hook", "nu"]));
    assert_ok(&hook);
    std::fs::write(sb.path("cwd/hook.nu"), hook.stdout).unwrap();
    let script = format!(
        "source hook.nu\n^env -0 o> before.env\n{EXPORT}{EXPORT}roleshift-unset\n^env -0 o> after.env\n"
    );
    nu_c(&sb, &nu, moto, &script, &[("AWS_DEFAULT_PROFILE", HOSTILE)]);
    let [before, after] = ["before", "after"].map(|f| read_env(&sb.path(format!("cwd/{f}.env"))));
    assert_eq!(before, after, "unset must restore what export changed");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_export_carries_hostile_values_byte_for_byte() {
    let nu = tool("nu");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    config(&sb);
    let export = "^$env.ROLESHIFT export $env.TARGET --format nu | from json | load-env\n";
    // A hostile --region never reaches nushell: it is refused before any
    // output (e2e_hostile checks that).
    let script =
        format!("{export}^env -0 o> name.env\n$env.ROLESHIFT_PROFILE | save -f name.txt\n{WHOAMI}");
    let out = nu_c(
        &sb,
        &nu,
        moto,
        &script,
        // The AWS CLI v1 reads only AWS_DEFAULT_REGION.
        &[("TARGET", HOSTILE), ("AWS_DEFAULT_REGION", "us-east-2")],
    );
    let name = read_env(&sb.path("cwd/name.env"));
    assert_eq!(get(&name, "ROLESHIFT_PROFILE"), Some(HOSTILE));
    let inside = std::fs::read_to_string(sb.path("cwd/name.txt")).unwrap();
    assert_eq!(inside, HOSTILE, "as nushell itself sees it");
    let arn = std::fs::read_to_string(sb.path("cwd/arn.txt")).unwrap_or_default();
    let want = "arn:aws:sts::333300000002:assumed-role/Hostile-nu/e2e-hostile-nu";
    assert_eq!(arn.trim(), want, "{}", out.stderr);
    let ran = ["pwned", "pwned2"].map(|f| sb.path("cwd").join(f).exists());
    assert_eq!(ran, [false; 2], "a value was executed");
}

/// Sourced twice after a hook of the user's: one copy, first, the user's kept.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_hook_loads_once_first_and_keeps_other_hooks() {
    let nu = tool("nu");
    let sb = Sandbox::new();
    let file = sb.path("hook.nu");
    let hook = run(&mut sb.cmd(&["hook", "nu"]));
    assert_ok(&hook);
    std::fs::write(&file, hook.stdout).unwrap();
    let f = file.display();
    let script = format!(
        "$env.config.hooks.pre_prompt = [{{|| 'mine' }}]\n\
         $env.config.hooks.env_change = {{PWD: [{{|b, a| 'mine' }}]}}\n\
         source '{f}'\nsource '{f}'\nlet h = $env.config.hooks\n\
         [$h.pre_prompt $h.env_change.PWD] | each {{|l| $l | each {{|c| view source $c | str contains __roleshift_hook_v1 }} }} | to json -r"
    );
    let out = run(&mut sb.shell_cmd(&nu, &script));
    assert_ok(&out);
    assert_eq!(out.stdout.trim(), "[[true,false],[true,false]]");
}

/// Trees under cwd/: `alpha` names `prod`, `beta` an inline role with no
/// region, `plain` has no config, and a directory named HOSTILE names `prod`.
fn trees(sb: &Sandbox) {
    config(sb);
    let tree = |dir: &str, text: &str| {
        std::fs::create_dir_all(sb.path("cwd").join(dir).join("sub")).unwrap();
        std::fs::write(sb.path("cwd").join(dir).join(".roleshift.toml"), text).unwrap();
    };
    tree("alpha", "profile = \"prod\"\n");
    tree(
        "beta",
        "role_arn = \"arn:aws:iam::333300000003:role/Beta-nu\"\nsession_name = \"hook-beta\"\n\
         source_profile = \"base\"\n",
    );
    tree(HOSTILE, "profile = \"prod\"\n");
    std::fs::create_dir_all(sb.path("cwd/plain")).unwrap();
}

/// nushell with the hook, the user's own AWS_PROFILE and region, and moto.
fn shell(sb: &Sandbox, moto: &Moto, wrap: &[&str]) -> Nu {
    let extra = [
        ("AWS_ENDPOINT_URL", moto.url()),
        ("AWS_PROFILE", "mine".into()),
        ("AWS_REGION", "us-east-2".into()),
        // The AWS CLI v1 reads only this one.
        ("AWS_DEFAULT_REGION", "us-east-2".into()),
        ("HOSTILE_NAME", HOSTILE.into()),
    ];
    let extra: Vec<_> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Nu::start(sb, &extra, wrap)
}

fn allow(sb: &Sandbox, dir: &str) {
    let path = sb.path("cwd").join(dir);
    assert_ok(&run(&mut sb.cmd(&["allow", path.to_str().unwrap()])));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_hook_enters_switches_and_leaves_trees() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    trees(&sb);
    allow(&sb, "alpha");
    allow(&sb, "beta");
    let nu = shell(&sb, moto, &[]);
    nu.run("plain", "cd plain");
    let before = nu.probe("before");
    assert_eq!(get(&before, "AWS_PROFILE"), Some("mine"));

    nu.run("alpha", "cd ../alpha");
    let alpha = nu.probe("in-alpha");
    assert_eq!(
        get(&alpha, "ROLESHIFT_PROFILE"),
        Some("prod"),
        "{}",
        nu.screen()
    );
    assert_eq!(get(&alpha, "AWS_REGION"), Some("eu-west-1"));
    assert_eq!(get(&alpha, "AWS_PROFILE"), None);
    let want = "arn:aws:sts::333300000001:assumed-role/Deploy-nu/e2e-nu";
    assert_eq!(nu.arn("alpha"), want);

    nu.run("beta", "cd ../beta");
    let beta = nu.probe("in-beta");
    let role = "arn:aws:iam::333300000003:role/Beta-nu";
    assert_eq!(get(&beta, "ROLESHIFT_PROFILE"), Some(role));
    assert_eq!(
        get(&beta, "AWS_REGION"),
        Some("us-east-2"),
        "the user's own"
    );
    assert_ne!(
        get(&beta, "AWS_ACCESS_KEY_ID"),
        get(&alpha, "AWS_ACCESS_KEY_ID")
    );
    let want = "arn:aws:sts::333300000003:assumed-role/Beta-nu/hook-beta";
    assert_eq!(nu.arn("beta"), want);

    nu.run("leave", "cd ../plain");
    assert_eq!(nu.probe("after"), before, "leaving restores every variable");
}

/// As in bash (and unlike zsh and fish), a cd takes effect at the next
/// prompt: nushell runs its env_change hooks only before a prompt.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_hook_applies_a_cd_at_the_next_prompt() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    trees(&sb);
    allow(&sb, "alpha");
    let nu = shell(&sb, moto, &[]);
    let file = sb.path("cwd/same-line.env");
    nu.run("cd", &format!("cd alpha; ^env -0 o> '{}'", file.display()));
    assert_eq!(get(&read_env(&file), "ROLESHIFT_PROFILE"), None);
    let next = nu.probe("next");
    assert_eq!(get(&next, "ROLESHIFT_PROFILE"), Some("prod"));
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_hook_trust_edits_and_a_hostile_directory() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    trees(&sb);
    allow(&sb, HOSTILE);
    let nu = shell(&sb, moto, &[]);
    nu.run("cd", "cd alpha");
    nu.line("");
    nu.run("sub", "cd sub");
    let env = nu.probe("untrusted");
    assert_eq!(get(&env, "ROLESHIFT_PROFILE"), None);
    assert_eq!(nu.screen().matches("is not allowed").count(), 1, "once");
    nu.run("allow", "roleshift allow");
    assert_eq!(get(&nu.probe("allowed"), "ROLESHIFT_PROFILE"), Some("prod"));
    nu.run("deny", "roleshift deny");
    let env = nu.probe("denied");
    assert_eq!(get(&env, "ROLESHIFT_PROFILE"), None);
    assert_eq!(get(&env, "AWS_PROFILE"), Some("mine"));

    let dir = sb.path("cwd").join(HOSTILE);
    nu.run("back", &format!("cd '{}'", sb.path("cwd").display()));
    nu.run("enter", "cd ($env.PWD | path join $env.HOSTILE_NAME)");
    assert_eq!(get(&nu.probe("inside"), "ROLESHIFT_PROFILE"), Some("prod"));
    // No pause: nushell compares modification times to the nanosecond.
    std::fs::write(
        dir.join(".roleshift.toml"),
        "profile = \"prod\"\nregion = \"x\"\n",
    )
    .unwrap();
    nu.line("");
    let env = nu.probe("edited");
    assert_eq!(
        get(&env, "ROLESHIFT_PROFILE"),
        None,
        "an edit needs an allow"
    );
    assert!(
        nu.screen().contains("changed; its role is removed"),
        "{}",
        nu.screen()
    );
    let ran = ["pwned", "pwned2"].map(|f| sb.path("cwd").join(f).exists() || dir.join(f).exists());
    assert_eq!(ran, [false; 2], "a directory name was executed");
}

/// Lines of an strace log that start a process (a thread is not one).
fn spawns(log: &Path) -> Vec<String> {
    let calls = ["execve(", "clone(", "clone3(", "fork(", "vfork("];
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines = text.lines().filter(|l| calls.iter().any(|c| l.contains(c)));
    lines
        .filter(|l| !l.contains("CLONE_THREAD"))
        .map(str::to_string)
        .collect()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn nushell_an_idle_prompt_starts_no_process() {
    let strace = tool("strace");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    trees(&sb);
    allow(&sb, "alpha");
    let log = sb.path("strace.log");
    let (strace, log_arg) = (strace.to_str().unwrap(), log.to_str().unwrap());
    let trace = "trace=execve,clone,clone3,fork,vfork";
    let wrap = [strace, "-f", "-qq", "-e", trace, "-o", log_arg];
    let nu = shell(&sb, moto, &wrap);
    nu.run("enter", "cd alpha");
    let started = spawns(&log);
    assert!(
        started.iter().any(|l| l.contains("hook-env")),
        "{started:#?}"
    );
    // Enter alone, and builtins: each draws a prompt, and runs the hook.
    for _ in 0..5 {
        nu.line("");
    }
    nu.run("idle", "$env.PWD");
    let idle = spawns(&log);
    let new = &idle[started.len()..];
    assert!(new.is_empty(), "idle prompts started processes: {new:#?}");

    nu.run("cd", "cd sub");
    nu.line("");
    let after = spawns(&log);
    let new: Vec<_> = after[idle.len()..]
        .iter()
        .filter(|l| l.contains("execve("))
        .collect();
    assert_eq!(
        new.len(),
        1,
        "a cd runs roleshift once, nothing else: {new:#?}"
    );
    assert!(new[0].contains("hook-env"), "{new:#?}");
}
