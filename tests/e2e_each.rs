//! `roleshift exec --each GLOB` (SPEC §13, issue 15 part 2): one run per
//! matching profile, lines prefixed and never mixed, one MFA code per device,
//! a summary of statuses, unresolvable profiles skipped.

mod support;

use std::collections::BTreeMap;

use support::{Moto, Sandbox, against, assert_ok, run, tool};

const KEYS: &str = "[base]\naws_access_key_id = AKIDEACHBASE\naws_secret_access_key = secret\n";

/// Asks moto who the keys in the child's environment belong to, with a plain
/// HTTP request: moto names the caller by the access key in the
/// Authorization header, so the answer shows which account the run reached.
const WHO: &str = r#"curl -sS -H "Authorization: AWS4-HMAC-SHA256 Credential=$AWS_ACCESS_KEY_ID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0" -d Action=GetCallerIdentity -d Version=2011-06-15 "$AWS_ENDPOINT_URL" | tr -d '\n'; echo"#;

/// The lines of `text` by the profile in their prefix, prefix removed.
fn by_profile(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        let (name, rest) = line
            .split_once(" | ")
            .unwrap_or_else(|| panic!("unprefixed line: {line:?}"));
        out.entry(name.trim_end().to_string())
            .or_default()
            .push(rest.to_string());
    }
    out
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fifty_profiles_in_fifty_accounts_each_reach_their_own() {
    let moto = Moto::start();
    let _ = tool("curl");
    let sb = Sandbox::new();
    let mut config = String::from(
        "[profile other]\nrole_arn = arn:aws:iam::999999999999:role/No\nsource_profile = base\n",
    );
    for i in 0..50 {
        config.push_str(&format!(
            "[profile acct-{i:02}]\nrole_arn = arn:aws:iam::{:012}:role/Each\nsource_profile = base\n",
            100_000_000_000u64 + i
        ));
    }
    // Matches the glob but cannot be resolved: reported, skipped, counted.
    config.push_str(
        "[profile acct-zz]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = missing\n",
    );
    // Plans fine, fails when resolved: reported the same way.
    config.push_str("[profile acct-zy]\ncredential_process = exit 3\n");
    sb.write_config(&config);
    sb.write_credentials(KEYS);

    let mut cmd = sb.cmd(&[
        "exec",
        "--each",
        "acct-*",
        "--parallel",
        "8",
        "--",
        "sh",
        "-c",
        WHO,
    ]);
    let out = run(against(&mut cmd, &moto));
    assert_eq!(
        out.status.code(),
        Some(1),
        "one profile is unresolvable\n{}",
        out.stderr
    );

    let lines = by_profile(&out.stdout);
    assert_eq!(lines.len(), 50, "{}", out.stdout);
    assert!(!out.stderr.contains("other"), "`other` does not match");
    for i in 0..50u64 {
        let name = format!("acct-{i:02}");
        let got = lines[&name].join("\n");
        let want = format!("<Account>{:012}</Account>", 100_000_000_000u64 + i);
        assert!(got.contains(&want), "{name} reached another account: {got}");
        assert!(got.contains(":assumed-role/Each/"), "{got}");
    }
    let calls = moto.calls("AssumeRole");
    assert_eq!(
        calls.len(),
        50,
        "one AssumeRole per profile, none for `other`"
    );

    assert!(
        out.stderr
            .contains("acct-zz | roleshift: profile `acct-zz` names source_profile `missing`"),
        "{}",
        out.stderr
    );
    for i in 0..50 {
        assert!(
            out.stderr.contains(&format!("\n  acct-{i:02}  0\n")),
            "{}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains(
            "acct-zy | roleshift: credential_process of profile `acct-zy` failed (exit status 3)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("\n  acct-zy  not resolved\n  acct-zz  not resolved\n"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with(
            "roleshift: exec --each: 52 profiles: 50 succeeded, 0 failed, 2 not resolved\n"
        ),
        "{}",
        out.stderr
    );
}

/// Children write long lines (beyond the pipe's atomic size) to stdout and
/// stderr at once, end without a newline, and fail in their own ways.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn lines_never_mix_and_every_status_is_reported() {
    let sb = Sandbox::new();
    let mut creds = String::new();
    for i in 1..=8 {
        creds.push_str(&format!(
            "[k{i}]\naws_access_key_id = AKIDK{i}\naws_secret_access_key = s{i}\n"
        ));
    }
    sb.write_credentials(&creds);
    let script = r#"
        pad=$(printf '%06000d' 0)
        i=0
        while [ $i -lt 100 ]; do
          echo "$ROLESHIFT_PROFILE $AWS_ACCESS_KEY_ID out $i $pad"
          echo "$ROLESHIFT_PROFILE $AWS_ACCESS_KEY_ID err $i $pad" >&2
          i=$((i+1))
        done
        printf '%s tail' "$ROLESHIFT_PROFILE"
        case $ROLESHIFT_PROFILE in k3) exit 3 ;; k4) kill -9 $$ ;; esac
    "#;
    let out = run(&mut sb.cmd(&["exec", "--each", "k[1-8]", "--", "sh", "-c", script]));
    assert_eq!(out.status.code(), Some(1));

    let outs = by_profile(&out.stdout);
    assert_eq!(outs.len(), 8);
    for (name, lines) in &outs {
        let key = format!("AKIDK{}", &name[1..]);
        assert_eq!(lines.len(), 101, "{name}");
        for (i, line) in lines[..100].iter().enumerate() {
            assert_eq!(line, &format!("{name} {key} out {i} {}", "0".repeat(6000)));
        }
        assert_eq!(lines[100], format!("{name} tail"), "the partial last line");
    }
    let (body, summary) = out
        .stderr
        .split_once("roleshift: exec --each:\n")
        .expect("a summary");
    for (name, lines) in by_profile(body) {
        assert_eq!(lines.len(), 100, "{name}");
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with(&format!("{name} AKIDK")))
        );
    }
    assert_eq!(
        summary,
        "  k1  0\n  k2  0\n  k3  3\n  k4  137 (killed by signal 9)\n  k5  0\n  k6  0\n  k7  0\n  k8  0\n\
         roleshift: exec --each: 8 profiles: 6 succeeded, 2 failed, 0 not resolved\n"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn all_succeeded_is_exit_zero() {
    let sb = Sandbox::new();
    sb.write_credentials("[a]\naws_access_key_id = A\naws_secret_access_key = s\n[b]\naws_access_key_id = B\naws_secret_access_key = s\n");
    let out = run(&mut sb.cmd(&["exec", "--each", "?", "--parallel", "1", "--", "true"]));
    assert_ok(&out);
    assert!(
        out.stderr
            .ends_with("2 profiles: 2 succeeded, 0 failed, 0 not resolved\n")
    );
}

/// Five roles behind one MFA device, resolved at once with no cache: one
/// code, one GetSessionToken, five AssumeRole calls made with its session.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn one_mfa_code_for_every_profile_behind_the_device() {
    let moto = Moto::start();
    let sb = Sandbox::new();
    let counter = sb.path("codes");
    let mut config = format!(
        "[profile user]\nmfa_serial = arn:aws:iam::111111111111:mfa/me\nmfa_process = echo x >> '{}'; echo 123456\n",
        counter.display()
    );
    for i in 0..5 {
        config.push_str(&format!(
            "[profile mfa-{i}]\nrole_arn = arn:aws:iam::22222222222{i}:role/M\nsource_profile = user\n"
        ));
    }
    sb.write_config(&config);
    sb.write_credentials("[user]\naws_access_key_id = AKIDUSER\naws_secret_access_key = s\n");
    let mut cmd = sb.cmd(&["exec", "--each", "mfa-*", "--no-cache", "--", "true"]);
    let out = run(against(&mut cmd, &moto));
    assert_ok(&out);
    assert_eq!(
        std::fs::read_to_string(&counter).unwrap(),
        "x\n",
        "one code asked for"
    );
    assert_eq!(moto.request_count("GetSessionToken"), 1);
    let calls = moto.calls("AssumeRole");
    assert_eq!(calls.len(), 5);
    assert!(
        calls.iter().all(|c| !c.params.contains_key("TokenCode")),
        "roles are assumed from the MFA session, without codes"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn usage_mistakes_and_empty_matches() {
    let sb = Sandbox::new();
    sb.write_credentials("[a]\naws_access_key_id = A\naws_secret_access_key = s\n");
    for (args, code, says) in [
        (
            &["exec", "--each", "a", "--server", "--", "true"][..],
            2,
            "cannot be used with",
        ),
        (
            &["exec", "--each", "a", "--parallel", "0", "--", "true"],
            2,
            "--parallel",
        ),
        (&["exec", "--each", "[", "--", "true"], 2, "--each `[`"),
        (&["exec", "--each", "a"], 2, "--each needs a command"),
        (
            &["exec", "--each", "prod-*", "--", "true"],
            1,
            "no profile matches `prod-*`",
        ),
        (
            &["exec", "--each", "a", "--", "no-such-cmd-xyz"],
            1,
            "command not found",
        ),
    ] {
        let out = run(&mut sb.cmd(args));
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }
}

/// The same with a person at the terminal: one prompt, one typed code.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn one_mfa_prompt_on_the_terminal_for_every_profile_behind_the_device() {
    let moto = Moto::start();
    let sb = Sandbox::new();
    let serial = "arn:aws:iam::111111111111:mfa/typed";
    let mut config = format!("[profile user]\nmfa_serial = {serial}\n");
    for i in 0..4 {
        config.push_str(&format!(
            "[profile tty-{i}]\nrole_arn = arn:aws:iam::33333333333{i}:role/T\nsource_profile = user\n"
        ));
    }
    sb.write_config(&config);
    sb.write_credentials("[user]\naws_access_key_id = AKIDTTY\naws_secret_access_key = s\n");
    let out = support::on_terminal(
        &sb,
        &moto,
        "stty -echo; timeout --foreground 60 \"$ROLESHIFT\" exec --each 'tty-*' --no-cache -- true 2>summary",
        "135791\n",
    );
    let summary = std::fs::read_to_string(sb.path("cwd/summary")).unwrap();
    assert_ok(&out);
    assert_eq!(
        out.stdout.matches("Enter MFA code for").count(),
        1,
        "{}\n{summary}",
        out.stdout
    );
    assert!(
        summary.ends_with("4 profiles: 4 succeeded, 0 failed, 0 not resolved\n"),
        "{summary}"
    );
    let sessions = moto.calls("GetSessionToken");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].params["TokenCode"], "135791");
    assert_eq!(moto.request_count("AssumeRole"), 4);
}
