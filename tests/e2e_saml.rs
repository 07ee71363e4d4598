//! AssumeRoleWithSAML end to end against moto, with the AWS CLI as the client
//! of what roleshift produces (issue 3, SPEC §3 `--saml-assertion`): one
//! command in place of `aws sts assume-role-with-saml ... | awk ...`.

mod support;

use std::process::Command;

use serde_json::Value;
use support::saml::{Response, base64_encode};
use support::{Moto, Sandbox, against, assert_ok, run, run_with_stdin, tool};

/// Moto keeps SAML sessions in its default account's books only, so
/// GetCallerIdentity knows them only there. Each test uses role names of its
/// own, so its calls stand out on the shared moto.
const ACCT: &str = "123456789012";

fn role(name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:role/{name}")
}

fn idp(name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:saml-provider/{name}")
}

fn setup() -> (&'static Moto, Sandbox) {
    let moto = Moto::shared();
    tool("aws");
    (moto, Sandbox::new())
}

/// `roleshift exec ARGS -- aws sts get-caller-identity`: who the AWS CLI is.
fn identity_via_exec(sb: &Sandbox, moto: &Moto, args: &[&str], stdin: Option<&str>) -> Value {
    support::identity_via_exec(sb, moto, args, &[], stdin)
}

/// The AssumeRoleWithSAML call moto saw for `role_arn`.
fn saml_call(moto: &Moto, role_arn: &str) -> support::Call {
    let mut calls: Vec<_> = moto
        .calls("AssumeRoleWithSAML")
        .into_iter()
        .filter(|c| c.params.get("RoleArn").is_some_and(|r| r == role_arn))
        .collect();
    assert_eq!(calls.len(), 1, "{calls:?}");
    calls.pop().unwrap()
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn one_pair_in_wrapped_base64_from_a_file() {
    let (moto, sb) = setup();
    let (r, p) = (role("SamlOne"), idp("Okta"));
    let saml = Response::new("alice@example.com").role(&r, &p);
    std::fs::write(sb.path("cwd/samlresponse.log"), saml.base64()).unwrap();

    let id = identity_via_exec(&sb, moto, &["--saml-assertion", "samlresponse.log"], None);
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::123456789012:assumed-role/SamlOne/alice@example.com"
    );
    let call = saml_call(moto, &r);
    assert_eq!(call.params["PrincipalArn"], p);
    // The line breaks are gone and the XML is what the identity provider sent.
    assert_eq!(
        call.params["SAMLAssertion"],
        base64_encode(saml.xml().trim_end().as_bytes())
    );
    assert!(
        !call.params.contains_key("DurationSeconds"),
        "STS's default applies"
    );
    assert!(
        !call.params.contains_key("RoleSessionName"),
        "STS takes it from the assertion"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn file_url_and_session_duration_with_credential_process() {
    let (moto, sb) = setup();
    let (r, p) = (role("SamlTwo"), idp("Okta"));
    let saml = Response::new("bob")
        .prefix("")
        .role_reversed(&r, &p)
        .duration(7200);
    let file = sb.path("saml.b64");
    std::fs::write(&file, saml.base64()).unwrap();
    let url = format!("file://{}", file.display());

    let out = run(against(
        &mut sb.cmd(&["credential-process", "--saml-assertion", &url]),
        moto,
    ));
    assert_ok(&out);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["Version"], 1);
    assert!(
        json["AccessKeyId"].as_str().is_some_and(|k| !k.is_empty()),
        "{json}"
    );
    assert_eq!(saml_call(moto, &r).params["DurationSeconds"], "7200");

    // --duration wins over SessionDuration.
    let r3 = role("SamlThree");
    let short = Response::new("bob").role(&r3, &p).duration(7200);
    std::fs::write(&file, short.base64()).unwrap();
    let out = run(against(
        &mut sb.cmd(&[
            "credential-process",
            "--saml-assertion",
            &url,
            "--duration",
            "15m",
        ]),
        moto,
    ));
    assert_ok(&out);
    assert_eq!(saml_call(moto, &r3).params["DurationSeconds"], "900");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn several_pairs_in_mixed_order_are_picked_by_role_arn() {
    let (moto, sb) = setup();
    let (a, b, c) = (role("MixAdmin"), role("MixDeploy"), role("MixReadOnly"));
    let (okta, azure) = (idp("Okta"), idp("Azure"));
    let saml = Response::new("carol")
        .prefix("saml")
        .role(&a, &okta)
        .role_reversed(&b, &azure)
        .role_reversed(&c, &okta);
    std::fs::write(sb.path("cwd/assertion"), saml.base64()).unwrap();

    let out = run(against(
        &mut sb.cmd(&[
            "export",
            "--format",
            "json",
            "--saml-assertion",
            "assertion",
            "--role-arn",
            &b,
        ]),
        moto,
    ));
    assert_ok(&out);
    let vars: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(vars["ROLESHIFT_PROFILE"], b.as_str());
    let call = saml_call(moto, &b);
    assert_eq!(call.params["PrincipalArn"], azure);

    // The exported keys are the MixDeploy session, as the AWS CLI sees it.
    let mut aws = Command::new(tool("aws"));
    aws.args(["sts", "get-caller-identity", "--output", "json"])
        .env_clear()
        .envs(sb.envs())
        .env(
            "AWS_ACCESS_KEY_ID",
            vars["AWS_ACCESS_KEY_ID"].as_str().unwrap(),
        )
        .env(
            "AWS_SECRET_ACCESS_KEY",
            vars["AWS_SECRET_ACCESS_KEY"].as_str().unwrap(),
        )
        .env(
            "AWS_SESSION_TOKEN",
            vars["AWS_SESSION_TOKEN"].as_str().unwrap(),
        );
    let out = run(against(&mut aws, moto));
    assert_ok(&out);
    let id: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        id["Arn"],
        format!("arn:aws:sts::{ACCT}:assumed-role/MixDeploy/carol")
    );

    // --principal-arn alone is enough when it names one pair.
    let id = identity_via_exec(
        &sb,
        moto,
        &["--saml-assertion", "assertion", "--principal-arn", &azure],
        None,
    );
    assert_eq!(
        id["Arn"],
        format!("arn:aws:sts::{ACCT}:assumed-role/MixDeploy/carol")
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn raw_xml_on_stdin() {
    let (moto, sb) = setup();
    let (r, p) = (role("SamlXml"), idp("Adfs"));
    let saml = Response::new("dave").prefix("ns2").role_reversed(&r, &p);
    let id = identity_via_exec(&sb, moto, &["--saml-assertion", "-"], Some(&saml.xml()));
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::123456789012:assumed-role/SamlXml/dave"
    );
    // roleshift base64-encoded the XML for STS.
    assert_eq!(
        saml_call(moto, &r).params["SAMLAssertion"],
        base64_encode(saml.xml().trim_end().as_bytes())
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn several_pairs_without_a_terminal_is_an_error_listing_every_pair() {
    let (moto, sb) = setup();
    let (a, b) = (role("NoTtyOne"), role("NoTtyTwo"));
    let (p1, p2) = (idp("P1"), idp("P2"));
    let saml = Response::new("erin").role(&a, &p1).role_reversed(&b, &p2);
    std::fs::write(sb.path("cwd/assertion"), saml.base64()).unwrap();
    // stdin is /dev/null and stderr a pipe: nobody to ask.
    let out = run(against(
        &mut sb.cmd(&["export", "--saml-assertion", "assertion"]),
        moto,
    ));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let first = out.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("roleshift: ") && first.contains("no terminal"),
        "{}",
        out.stderr
    );
    for arn in [&a, &b, &p1, &p2] {
        assert!(first.contains(arn.as_str()), "{arn} missing from: {first}");
    }
    assert!(out.stderr.contains("--role-arn"), "{}", out.stderr);
    assert!(support::nothing_to_evaluate(&out.stdout), "{}", out.stdout);
    assert!(
        moto.calls("AssumeRoleWithSAML")
            .iter()
            .all(|c| c.params["RoleArn"] != a && c.params["RoleArn"] != b)
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn garbage_input_is_one_clear_line() {
    let (moto, sb) = setup();
    let no_roles = Response::new("frank")
        .xml()
        .replace("Attributes/RoleSessionName", "Attributes/Other");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not base64",
            b"SECRET-GARBAGE !!! ***\n".to_vec(),
            "neither base64 nor XML",
        ),
        (
            "base64 of text",
            format!("{}\n", base64_encode(b"SECRET plain words")).into_bytes(),
            "not to XML",
        ),
        (
            "broken XML",
            b"<samlp:Response><SECRET".to_vec(),
            "not well-formed XML",
        ),
        (
            "no Role attribute",
            no_roles.into_bytes(),
            "Attributes/Role",
        ),
        ("empty", b"\n".to_vec(), "is empty"),
        ("huge", vec![b'A'; 2 * 1024 * 1024], "larger than 1 MiB"),
        ("binary", vec![0xff, 0xfe, 0x00, 0x01], "UTF-8"),
    ];
    for (what, bytes, want) in cases {
        std::fs::write(sb.path("cwd/bad"), &bytes).unwrap();
        let out = run(against(
            &mut sb.cmd(&["export", "--saml-assertion", "bad"]),
            moto,
        ));
        assert_eq!(out.status.code(), Some(1), "{what}: {out:?}");
        let first = out.stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("roleshift: ") && first.contains(want),
            "{what}: {}",
            out.stderr
        );
        assert!(out.stderr.lines().count() <= 2, "{what}: {}", out.stderr);
        assert!(
            !out.stderr.contains("panicked") && !out.stderr.contains("SECRET"),
            "{what}: {}",
            out.stderr
        );
    }
    // The assertion pasted where a path goes is not echoed back.
    let pasted = Response::new("x")
        .role(&role("R"), &idp("P"))
        .base64()
        .replace('\n', "");
    let out = run(&mut sb.cmd(&["export", "--saml-assertion", &pasted]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stderr.contains(&pasted[..40]) && out.stderr.contains("not the assertion itself"),
        "{}",
        out.stderr
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn saml_roles_lists_the_pairs() {
    let sb = Sandbox::new();
    let saml = Response::new("gina")
        .one_attribute()
        .role_reversed(&role("A"), &idp("P"))
        .role(&role("B"), &idp("Q"))
        .duration(3600);
    std::fs::write(sb.path("cwd/a.b64"), saml.base64()).unwrap();
    let out = run(&mut sb.cmd(&["saml-roles", "a.b64"]));
    assert_ok(&out);
    let lines: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        lines,
        [
            vec![role("A").as_str(), idp("P").as_str()],
            vec![role("B").as_str(), idp("Q").as_str()]
        ]
    );
    let out = run(&mut sb.cmd(&["saml-roles", "a.b64", "--json"]));
    assert_ok(&out);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["roles"][0]["role_arn"], role("A"));
    assert_eq!(json["roles"][0]["principal_arn"], idp("P"));
    assert_eq!(json["session_duration"], 3600);
    assert_eq!(json["role_session_name"], "gina");
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn saved_saml_session_serves_the_aws_cli() {
    let (moto, sb) = setup();
    let (r, p) = (role("SamlSaved"), idp("Okta"));
    std::fs::write(
        sb.path("cwd/a"),
        Response::new("hank").role(&r, &p).base64(),
    )
    .unwrap();
    let out = run(against(
        &mut sb.cmd(&["save", "--saml-assertion", "a", "--as", "fromsaml"]),
        moto,
    ));
    assert_ok(&out);
    let mut aws = Command::new(tool("aws"));
    aws.args([
        "sts",
        "get-caller-identity",
        "--profile",
        "fromsaml",
        "--output",
        "json",
    ])
    .env_clear()
    .envs(sb.envs());
    let out = run(against(&mut aws, moto));
    assert_ok(&out);
    let id: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        id["Arn"],
        "arn:aws:sts::123456789012:assumed-role/SamlSaved/hank"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn several_pairs_on_a_terminal_are_picked_on_the_terminal() {
    let (moto, sb) = setup();
    // `script` gives roleshift a terminal; what we type reaches it there.
    let script = tool("script");
    let (a, b) = (role("TtyFirst"), role("TtySecond"));
    let p = idp("TtyIdp");
    std::fs::write(
        sb.path("cwd/assertion"),
        Response::new("ivy")
            .role(&a, &p)
            .role_reversed(&b, &p)
            .base64(),
    )
    .unwrap();
    let mut cmd = Command::new(script);
    cmd.args([
        "-qec",
        // No echo, so typed answers cannot land inside the menu's lines.
        "stty -echo; \"$ROLESHIFT\" export --saml-assertion assertion --format json > out.json",
        "/dev/null",
    ])
    .env_clear()
    .envs(sb.envs())
    .env("ROLESHIFT", env!("CARGO_BIN_EXE_roleshift"))
    .current_dir(sb.path("cwd"));
    let out = run_with_stdin(against(&mut cmd, moto), "9\n2\n");
    assert_ok(&out);
    // The menu went to the terminal, never into what is evaluated.
    assert!(
        out.stdout.contains("1) ") && out.stdout.contains(&b),
        "{}",
        out.stdout
    );
    let json = std::fs::read_to_string(sb.path("cwd/out.json")).unwrap();
    let vars: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(vars["ROLESHIFT_PROFILE"], b.as_str());
    saml_call(moto, &b);
}
