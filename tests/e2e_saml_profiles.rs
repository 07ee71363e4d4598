//! SAML profiles (issue 15 part 4, SPEC §4): `saml_assertion_process` with
//! `role_arn` and `principal_arn` makes a SAML role work like any other
//! profile: exec, credential_process, as a source_profile, in `exec --each`,
//! with its session cached. The command's output is hostile input.

mod support;

use serde_json::Value;
use support::saml::Response;
use support::{Moto, Sandbox, against, assert_ok, run, run_with_stdin, tool};

/// Moto keeps SAML sessions in its default account's books (see e2e_saml).
const ACCT: &str = "123456789012";

fn role(name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:role/{name}")
}

fn idp(name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:saml-provider/{name}")
}

/// A sandbox whose `idp` command prints SAML (saved in `assertion`) and
/// counts its runs in `runs`; PREFIX goes before it in the command.
fn with_idp(saml: &Response) -> Sandbox {
    let sb = Sandbox::new();
    std::fs::write(sb.path("assertion"), saml.base64()).unwrap();
    sb
}

fn idp_command(sb: &Sandbox) -> String {
    format!(
        "echo run >> '{}'; echo 'signing in...' >&2; cat '{}'",
        sb.path("runs").display(),
        sb.path("assertion").display()
    )
}

fn runs(sb: &Sandbox) -> usize {
    std::fs::read_to_string(sb.path("runs"))
        .unwrap_or_default()
        .lines()
        .count()
}

fn whoami(sb: &Sandbox, moto: &Moto, profile: &str) -> (Value, String) {
    let mut cmd = sb.cmd(&[
        "exec",
        profile,
        "--",
        "aws",
        "sts",
        "get-caller-identity",
        "--output",
        "json",
    ]);
    let out = run(against(&mut cmd, moto));
    assert_ok(&out);
    let id = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    (id, out.stderr)
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_saml_profile_works_in_exec_and_credential_process_and_is_cached() {
    let moto = Moto::shared();
    let _ = tool("aws");
    let (r, p) = (role("ProfSaml"), idp("ProfOkta"));
    let sb = with_idp(
        &Response::new("erin")
            .role(&r, &p)
            .role(&role("ProfOther"), &p),
    );
    sb.write_config(&format!(
        "[profile corp]\nrole_arn = {r}\nprincipal_arn = {p}\nsaml_assertion_process = {}\nregion = us-east-1\n",
        idp_command(&sb)
    ));

    let (id, stderr) = whoami(&sb, moto, "corp");
    assert_eq!(
        id["Arn"],
        format!("arn:aws:sts::{ACCT}:assumed-role/ProfSaml/erin")
    );
    assert!(
        stderr.contains("signing in..."),
        "the command's stderr reaches the user: {stderr}"
    );
    let calls: Vec<_> = moto
        .calls("AssumeRoleWithSAML")
        .into_iter()
        .filter(|c| c.params["RoleArn"] == r)
        .collect();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].params["PrincipalArn"], p);

    // The session is cached like any other: no sign-in, no STS call.
    let mut cmd = sb.cmd(&["credential-process", "corp"]);
    let out = run(against(&mut cmd, moto));
    assert_ok(&out);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["Version"], 1);
    assert!(json["SessionToken"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(runs(&sb), 1, "a cache hit does not run the command");

    // The command shapes the session: another command is another session.
    sb.write_config(&format!(
        "[profile corp]\nrole_arn = {r}\nprincipal_arn = {p}\nsaml_assertion_process = true; {}\n",
        idp_command(&sb)
    ));
    whoami(&sb, moto, "corp");
    assert_eq!(runs(&sb), 2);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_saml_profile_is_a_source_profile_and_works_in_each() {
    let moto = Moto::shared();
    let _ = tool("aws");
    let (a, b, p) = (role("EachSamlA"), role("EachSamlB"), idp("EachIdp"));
    let sb = with_idp(&Response::new("frank").role(&a, &p).role(&b, &p));
    let cmd = idp_command(&sb);
    // No principal_arn: the assertion offers each role through one provider.
    sb.write_config(&format!(
        "[profile saml-a]\nrole_arn = {a}\nsaml_assertion_process = {cmd}\n\
         [profile saml-b]\nrole_arn = {b}\nsaml_assertion_process = {cmd}\n\
         [profile next]\nrole_arn = arn:aws:iam::444455556666:role/Next\nsource_profile = saml-a\n"
    ));

    let mut each = sb.cmd(&[
        "exec",
        "--each",
        "saml-*",
        "--",
        "aws",
        "sts",
        "get-caller-identity",
        "--query",
        "Arn",
        "--output",
        "text",
    ]);
    let out = run(against(&mut each, moto));
    assert_ok(&out);
    assert!(
        out.stdout.contains(&format!(
            "saml-a | arn:aws:sts::{ACCT}:assumed-role/EachSamlA/frank\n"
        )) && out.stdout.contains(&format!(
            "saml-b | arn:aws:sts::{ACCT}:assumed-role/EachSamlB/frank\n"
        )),
        "{}",
        out.stdout
    );
    assert_eq!(
        runs(&sb),
        1,
        "one sign-in serves both roles of the assertion"
    );

    // Chained from the (now cached) SAML session: AssumeRole signed by its key.
    let (id, _) = whoami(&sb, moto, "next");
    assert!(
        id["Arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:sts::444455556666:assumed-role/Next/"),
        "{id}"
    );
    assert_eq!(runs(&sb), 1);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_command_gets_the_terminal_input() {
    let moto = Moto::shared();
    let _ = tool("aws");
    let (r, p) = (role("StdinSaml"), idp("StdinIdp"));
    let sb = with_idp(&Response::new("gina").role(&r, &p));
    sb.write_config(&format!(
        "[profile corp]\nrole_arn = {r}\nprincipal_arn = {p}\n\
         saml_assertion_process = read pw; [ \"$pw\" = hunter2 ] && cat '{}'\n",
        sb.path("assertion").display()
    ));
    let mut cmd = sb.cmd(&["export", "corp", "--format", "json"]);
    let out = run_with_stdin(against(&mut cmd, moto), "hunter2\n");
    assert_ok(&out);
    let vars: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(vars["ROLESHIFT_PROFILE"], "corp");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn hostile_or_failing_output_is_one_clear_line() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let r = role("HostileSaml");
    for (command, says) in [
        ("echo 'hunter2: not saml!'", "is neither base64 nor XML"),
        ("echo aHVudGVyMg==", "decodes from base64, but not to XML"),
        ("printf '<a><b>'", "not well-formed XML"),
        ("yes PHNhbWw", "printed more than 1 MiB"),
        ("echo hunter2 >&2; exit 7", "failed (exit status 7)"),
        (
            "printf '<!DOCTYPE x [<!ENTITY e \"hunter2\">]><Response/>'",
            "has a DOCTYPE",
        ),
    ] {
        sb.write_config(&format!(
            "[profile bad]\nrole_arn = {r}\nsaml_assertion_process = {command}\n"
        ));
        let mut cmd = sb.cmd(&["export", "bad", "--format", "json"]);
        let out = run(against(&mut cmd, moto));
        assert_eq!(out.status.code(), Some(1), "{command}: {}", out.stderr);
        let first = out
            .stderr
            .lines()
            .find(|l| l.starts_with("roleshift: "))
            .unwrap();
        assert!(
            first.contains("saml_assertion_process of profile `bad`") && first.contains(says),
            "{command}: {first}"
        );
        assert!(
            !first.contains("hunter2") && !first.contains("PHNhbWw"),
            "{first}"
        );
        assert!(out.stdout.is_empty());
    }
    assert!(
        moto.calls("AssumeRoleWithSAML")
            .iter()
            .all(|c| c.params["RoleArn"] != r),
        "nothing reached STS"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_role_the_assertion_does_not_offer_is_named() {
    let moto = Moto::shared();
    let (r, p) = (role("Offered"), idp("OfferIdp"));
    let sb = with_idp(&Response::new("hal").role(&r, &p));
    sb.write_config(&format!(
        "[profile wrong]\nrole_arn = {}\nsaml_assertion_process = {}\n",
        role("NotOffered"),
        idp_command(&sb)
    ));
    let out = run(against(&mut sb.cmd(&["export", "wrong"]), moto));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr
            .contains("profile `wrong`: the SAML assertion does not offer role")
            && out.stderr.contains("Offered"),
        "{}",
        out.stderr
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn list_shows_the_saml_kind() {
    let sb = Sandbox::new();
    sb.write_config(&format!(
        "[profile corp]\nrole_arn = {}\nsaml_assertion_process = idp-cli print\n",
        role("Listed")
    ));
    let out = run(&mut sb.cmd(&["list", "--json"]));
    assert_ok(&out);
    assert!(out.stdout.contains("\"saml\""), "{}", out.stdout);
}

/// A directory whose `.roleshift.toml` names a SAML profile: the hook's
/// command signs in and the shell gets the SAML role.
#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_saml_profile_works_as_a_directory_role() {
    let moto = Moto::shared();
    let (bash, _) = (tool("bash"), tool("aws"));
    let (r, p) = (role("HookSaml"), idp("HookIdp"));
    let sb = with_idp(&Response::new("ivy").role(&r, &p));
    sb.write_config(&format!(
        "[profile corp]\nrole_arn = {r}\nsaml_assertion_process = {}\n",
        idp_command(&sb)
    ));
    let dir = sb.path("cwd/project");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".roleshift.toml"), "profile = \"corp\"\n").unwrap();
    assert_ok(&run(&mut sb.cmd(&["allow", dir.to_str().unwrap()])));

    let script = r#"eval "$("$ROLESHIFT" hook-env --shell bash)"
        echo "profile=$ROLESHIFT_PROFILE"
        aws sts get-caller-identity --query Arn --output text"#;
    let mut cmd = sb.shell_cmd(&bash, script);
    cmd.current_dir(&dir).env("PWD", &dir);
    let out = run(against(&mut cmd, moto));
    assert_ok(&out);
    assert_eq!(
        out.stdout,
        format!("profile=corp\narn:aws:sts::{ACCT}:assumed-role/HookSaml/ivy\n")
    );
    assert_eq!(runs(&sb), 1);
}
