//! End to end in real shells: `eval "$(roleshift export X)"` puts an assumed
//! role into bash, zsh and fish, the AWS CLI then acts as that role against
//! moto, and `roleshift unset` puts every variable back byte for byte
//! (SPEC §2, §4, §5).

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use support::{Call, Moto, Output, Sandbox, assert_ok, run, tool};

const KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

type Env = BTreeMap<String, String>;

/// A shell under test and how roleshift's output is applied in it.
struct Shell {
    name: &'static str,
    path: PathBuf,
}

impl Shell {
    fn of(name: &'static str) -> Shell {
        let path = tool(name);
        Shell { name, path }
    }

    /// The documented way to apply `roleshift export ARGS` in this shell.
    fn export(&self, args: &str) -> String {
        match self.name {
            "fish" => format!("\"$ROLESHIFT\" export {args} --format fish | source\n"),
            f => format!("eval \"$(\"$ROLESHIFT\" export {args} --format {f})\"\n"),
        }
    }

    fn unset(&self) -> String {
        match self.name {
            "fish" => "\"$ROLESHIFT\" unset --format fish | source\n".into(),
            f => format!("eval \"$(\"$ROLESHIFT\" unset --format {f})\"\n"),
        }
    }

    /// Sets and exports a plain value (no quotes in it) in the shell's syntax.
    fn set(&self, name: &str, value: &str) -> String {
        match self.name {
            "fish" => format!("set -gx {name} '{value}'\n"),
            _ => format!("export {name}='{value}'\n"),
        }
    }

    /// Runs the script's lines in the sandbox, with moto as the endpoint.
    fn run(&self, sb: &Sandbox, moto: &Moto, lines: &[String], env: &[(&str, &str)]) -> Output {
        let mut cmd = sb.shell_cmd(&self.path, &lines.concat());
        cmd.envs(env.iter().copied());
        let out = run(cmd.env("AWS_ENDPOINT_URL", moto.url()));
        assert_ok(&out);
        out
    }
}

/// A script line that saves every exported variable, exactly, to FILE.
fn dump(file: &str) -> String {
    format!("env -0 > {file}\n")
}

/// A script line that asks the AWS CLI who it is, into FILE.
fn whoami(file: &str) -> String {
    format!("aws sts get-caller-identity --query Arn --output text > {file}\n")
}

fn read_env(sb: &Sandbox, file: &str) -> Env {
    let bytes = std::fs::read(sb.path("cwd").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    String::from_utf8(bytes)
        .expect("env is UTF-8")
        .split('\0')
        .filter(|entry| !entry.is_empty())
        .map(|entry| entry.split_once('=').expect("NAME=value"))
        // Shell bookkeeping, not state: `_` is the last argument, and zsh
        // lowers SHLVL when it execs a script's last command.
        .filter(|(k, _)| !["_", "SHLVL"].contains(k))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The AWS CLI's answer that `whoami(FILE)` saved must be ARN.
#[track_caller]
fn assert_arn(sb: &Sandbox, file: &str, arn: &str, out: &Output) {
    let got = std::fs::read_to_string(sb.path("cwd").join(file)).unwrap_or_default();
    assert_eq!(
        got.trim_end(),
        arn,
        "the AWS CLI is not the role\n{}",
        out.stderr
    );
}

fn var<'a>(env: &'a Env, name: &str) -> Option<&'a str> {
    env.get(name).map(String::as_str)
}

/// Each NAME in WANT has its value in ENV; None means unset.
#[track_caller]
fn expect(env: &Env, want: &[(&str, Option<&str>)], context: &str) {
    for (name, value) in want {
        assert_eq!(var(env, name), *value, "{context}: {name}\n{env:#?}");
    }
}

/// `base` holds the keys; PROFILES (config text) assume roles with them.
fn config(profiles: &str) -> String {
    let base = "[profile base]\naws_access_key_id";
    format!("{base} = {KEY_ID}\naws_secret_access_key = {SECRET}\n{profiles}")
}

/// The AssumeRole requests moto got for ROLE_ARN.
fn assumed(moto: &Moto, role_arn: &str) -> Vec<Call> {
    let calls = moto.calls("AssumeRole").into_iter();
    calls.filter(|c| c.params["RoleArn"] == role_arn).collect()
}

/// A prior value no shell may evaluate or mangle on the way back.
const HOSTILE_OLD: &str = //
    "it's \"old\" $(touch pwned) `touch pwned2` ;{a,b}*? é \\\n  second line ";

fn export_then_unset_restores_everything(shell: &'static str) {
    let sh = Shell::of(shell);
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&config(&format!(
        "[profile prod]\nrole_arn = arn:aws:iam::111100000001:role/Deploy-{shell}\n\
         source_profile = base\nrole_session_name = e2e-{shell}\nregion = eu-west-1\n"
    )));
    let script = [
        sh.set("AWS_PROFILE", "orig"),
        sh.set("AWS_REGION", "orig-region"),
        sh.set("AWS_SECURITY_TOKEN", "x"),
        dump("before.env"),
        sh.export("prod"),
        dump("during.env"),
        whoami("arn.txt"),
        sh.unset(),
        dump("after.env"),
    ];
    // Set but empty, and hostile: both must come back exactly.
    let prior = [
        ("AWS_SESSION_TOKEN", ""),
        ("AWS_DEFAULT_PROFILE", HOSTILE_OLD),
    ];
    let out = sh.run(&sb, moto, &script, &prior);
    let [before, during, after] =
        ["before.env", "during.env", "after.env"].map(|f| read_env(&sb, f));

    let arn = format!("arn:aws:sts::111100000001:assumed-role/Deploy-{shell}/e2e-{shell}");
    assert_arn(&sb, "arn.txt", &arn, &out);
    let during_want = [
        ("ROLESHIFT_PROFILE", Some("prod")),
        ("AWS_REGION", Some("eu-west-1")),
        ("AWS_DEFAULT_REGION", Some("eu-west-1")),
        // They would compete with the keys.
        ("AWS_PROFILE", None),
        ("AWS_DEFAULT_PROFILE", None),
        ("AWS_SECURITY_TOKEN", None),
    ];
    expect(&during, &during_want, shell);
    let role_key = var(&during, "AWS_ACCESS_KEY_ID").is_some_and(|k| k != KEY_ID);
    let token = var(&during, "AWS_SESSION_TOKEN").is_some_and(|t| !t.is_empty());
    let secret = var(&during, "AWS_SECRET_ACCESS_KEY").is_some();
    assert!(role_key && token && secret, "{shell}: {during:#?}");

    let after_want = [
        ("AWS_PROFILE", Some("orig")),
        ("AWS_REGION", Some("orig-region")),
        ("AWS_SECURITY_TOKEN", Some("x")),
        ("AWS_SESSION_TOKEN", Some("")),
        ("AWS_DEFAULT_PROFILE", Some(HOSTILE_OLD)),
        ("AWS_ACCESS_KEY_ID", None),
        ("AWS_SECRET_ACCESS_KEY", None),
        ("AWS_CREDENTIAL_EXPIRATION", None),
        ("AWS_DEFAULT_REGION", None),
        ("ROLESHIFT_PROFILE", None),
    ];
    expect(&after, &after_want, shell);
    assert_eq!(before, after, "{shell}: unset must restore everything");
    let ran = sb.path("cwd/pwned").exists() || sb.path("cwd/pwned2").exists();
    assert!(!ran, "{shell} ran a saved value");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bash_export_then_unset_restores_everything() {
    export_then_unset_restores_everything("bash");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_export_then_unset_restores_everything() {
    export_then_unset_restores_everything("zsh");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_export_then_unset_restores_everything() {
    export_then_unset_restores_everything("fish");
}

/// export A, export B, unset: back to before A, and B carries nothing of A's.
fn switching_roles_then_unset_restores_what_was_before_the_first(shell: &'static str) {
    let sh = Shell::of(shell);
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&config(&format!(
        "[profile alpha]\nrole_arn = arn:aws:iam::111100000002:role/A-{shell}\nsource_profile = base\n\
         role_session_name = sess-a\nregion = eu-west-1\n\
         [profile beta]\nrole_arn = arn:aws:iam::111100000002:role/B-{shell}\nsource_profile = base\n\
         role_session_name = sess-b\n"
    )));
    let script = [
        sh.set("AWS_PROFILE", "orig"),
        sh.set("AWS_REGION", "orig-region"),
        dump("before.env"),
        sh.export("alpha"),
        dump("alpha.env"),
        whoami("alpha.arn"),
        sh.export("beta"),
        dump("beta.env"),
        whoami("beta.arn"),
        sh.unset(),
        dump("after.env"),
    ];
    // beta names no region; the AWS CLI still needs one.
    let out = sh.run(&sb, moto, &script, &[("AWS_DEFAULT_REGION", "us-east-1")]);
    let files = ["before.env", "alpha.env", "beta.env", "after.env"];
    let [before, alpha, beta, after] = files.map(|f| read_env(&sb, f));

    let arn = |r: &str, s: &str| format!("arn:aws:sts::111100000002:assumed-role/{r}-{shell}/{s}");
    assert_arn(&sb, "alpha.arn", &arn("A", "sess-a"), &out);
    assert_arn(&sb, "beta.arn", &arn("B", "sess-b"), &out);
    let ireland = Some("eu-west-1");
    expect(
        &alpha,
        &[("AWS_REGION", ireland), ("AWS_DEFAULT_REGION", ireland)],
        shell,
    );
    // alpha's region must not linger under beta: the user's own comes back.
    let beta_want = [
        ("ROLESHIFT_PROFILE", Some("beta")),
        ("AWS_PROFILE", None),
        ("AWS_REGION", Some("orig-region")),
        ("AWS_DEFAULT_REGION", Some("us-east-1")),
    ];
    expect(&beta, &beta_want, shell);
    let key = |env| var(env, "AWS_ACCESS_KEY_ID");
    assert_ne!(key(&beta), key(&alpha), "{shell}: beta has alpha's keys");
    assert_eq!(
        before, after,
        "{shell}: unset must restore what was before alpha"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bash_switching_roles_then_unset_restores_what_was_before_the_first() {
    switching_roles_then_unset_restores_what_was_before_the_first("bash");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_switching_roles_then_unset_restores_what_was_before_the_first() {
    switching_roles_then_unset_restores_what_was_before_the_first("zsh");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_switching_roles_then_unset_restores_what_was_before_the_first() {
    switching_roles_then_unset_restores_what_was_before_the_first("fish");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_two_role_chain_acts_as_the_second_role() {
    let sh = Shell::of("bash");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let mid = "arn:aws:iam::111100000003:role/ChainMid";
    let top = "arn:aws:iam::111100000033:role/ChainTop";
    sb.write_config(&config(&format!(
        "[profile mid]\nrole_arn = {mid}\nsource_profile = base\nrole_session_name = chain-mid\n\
         [profile top]\nrole_arn = {top}\nsource_profile = mid\nrole_session_name = chain-top\nregion = us-east-1\n"
    )));
    let out = sh.run(&sb, moto, &[sh.export("top"), whoami("arn.txt")], &[]);
    let arn = "arn:aws:sts::111100000033:assumed-role/ChainTop/chain-top";
    assert_arn(&sb, "arn.txt", arn, &out);

    let (mid_calls, top_calls) = (assumed(moto, mid), assumed(moto, top));
    let counts = (mid_calls.len(), top_calls.len());
    assert_eq!(counts, (1, 1), "{mid_calls:?}\n{top_calls:?}");
    assert_eq!(mid_calls[0].params["RoleSessionName"], "chain-mid");
    let signer = |calls: &[Call]| calls[0].headers["Authorization"].clone();
    let first = signer(&mid_calls);
    assert!(
        first.contains(&format!("Credential={KEY_ID}/")),
        "mid needs base's keys: {first}"
    );
    // The second role is assumed with the first role's session.
    let second = signer(&top_calls);
    assert!(
        !second.contains(KEY_ID) && second.contains("Credential=ASIA"),
        "{second}"
    );
}

/// `2026-11-26T07:00:00Z` to Unix seconds; None unless exactly that form.
fn parse_utc(s: &str) -> Option<i64> {
    let shape = b"0000-00-00T00:00:00Z";
    let fits = |(c, t): (u8, &u8)| c == *t || (*t == b'0' && c.is_ascii_digit());
    if s.len() != shape.len() || !s.bytes().zip(shape).all(fits) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().ok();
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    // Days from civil (Howard Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(days * 86_400 + n(11..13)? * 3600 + n(14..16)? * 60 + n(17..19)?)
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn duration_15m_asks_sts_for_900_seconds_and_exports_that_expiry() {
    let sh = Shell::of("bash");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let role = "arn:aws:iam::111100000004:role/Short";
    sb.write_config(&config(&format!(
        "[profile short]\nrole_arn = {role}\nsource_profile = base\n"
    )));
    sh.run(
        &sb,
        moto,
        &[sh.export("short --duration 15m"), dump("during.env")],
        &[],
    );
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;

    let during = read_env(&sb, "during.env");
    let expiry = var(&during, "AWS_CREDENTIAL_EXPIRATION").unwrap_or_default();
    let at = parse_utc(expiry).unwrap_or_else(|| panic!("not RFC 3339 UTC with Z: {expiry:?}"));
    let in_15m = (now + 900 - 60..=now + 900 + 5).contains(&at);
    assert!(in_15m, "expires at {expiry}, {}s from now", at - now);

    let sent = assumed(moto, role);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        sent[0].params.get("DurationSeconds").map(String::as_str),
        Some("900")
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_profiles_region_is_exported_and_the_flag_wins() {
    let sh = Shell::of("bash");
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(&config(
        "[profile sydney]\nrole_arn = arn:aws:iam::111100000005:role/Regional\nsource_profile = base\n\
         region = ap-southeast-2\n\
         [profile nowhere]\nrole_arn = arn:aws:iam::111100000005:role/Unregional\nsource_profile = base\n",
    ));
    let script = [
        sh.export("sydney"),
        dump("profile.env"),
        sh.unset(),
        sh.export("sydney --region ca-central-1"),
        dump("flag.env"),
        sh.unset(),
        sh.export("nowhere"),
        dump("none.env"),
    ];
    sh.run(&sb, moto, &script, &[]);

    let sydney = Some("ap-southeast-2");
    let from_profile = read_env(&sb, "profile.env");
    expect(
        &from_profile,
        &[("AWS_REGION", sydney), ("AWS_DEFAULT_REGION", sydney)],
        "profile",
    );
    let canada = Some("ca-central-1");
    expect(
        &read_env(&sb, "flag.env"),
        &[("AWS_REGION", canada), ("AWS_DEFAULT_REGION", canada)],
        "flag",
    );
    // No region known: none is exported.
    let none = [
        ("ROLESHIFT_PROFILE", Some("nowhere")),
        ("AWS_REGION", None),
        ("AWS_DEFAULT_REGION", None),
    ];
    expect(&read_env(&sb, "none.env"), &none, "no region");
}
