//! The planning rules, one test each.

use super::*;

const CONFIG: &str = "\
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = s
region = us-west-2
[profile user]
aws_access_key_id = AKIDUSER
aws_secret_access_key = s
mfa_serial = arn:aws:iam::1:mfa/me
[profile prod]
role_arn = arn:aws:iam::1:role/Prod
source_profile = user
mfa_serial = arn:aws:iam::1:mfa/me
region = eu-west-1
endpoint_url = http://profile.endpoint
[profile ops]
role_arn = arn:aws:iam::2:role/Ops
source_profile = prod
";

struct Fixture {
    _dir: tempfile::TempDir,
    config: String,
}

impl Fixture {
    fn new() -> Self {
        Self::with(CONFIG)
    }

    fn with(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, config).unwrap();
        Fixture {
            config: path.to_str().unwrap().to_string(),
            _dir: dir,
        }
    }

    fn plan(&self, args: Request, extra_env: &[(&str, &str)]) -> Result<Plan> {
        let mut pairs = vec![
            ("AWS_CONFIG_FILE", self.config.as_str()),
            ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/creds"),
        ];
        pairs.extend_from_slice(extra_env);
        let env = Env::from_pairs(&pairs);
        let profiles = Profiles::load(&env)?;
        plan(&args, &profiles, &env)
    }
}

fn target(t: &str) -> Request {
    Request {
        target: Some(t.to_string()),
        ..Default::default()
    }
}

#[test]
fn a_profile_target_takes_region_and_endpoint_from_the_profile() {
    let p = Fixture::new()
        .plan(target("prod"), &[("AWS_REGION", "ap-south-1")])
        .unwrap();
    assert_eq!(p.label, "prod");
    assert_eq!(p.region.as_deref(), Some("eu-west-1"));
    assert!(p.export_region);
    assert_eq!(p.endpoint.as_deref(), Some("http://profile.endpoint"));
}

#[test]
fn endpoint_variables_beat_the_profile_and_the_flag_beats_both() {
    let f = Fixture::new();
    let p = f
        .plan(
            target("prod"),
            &[
                ("AWS_ENDPOINT_URL", "http://generic"),
                ("AWS_ENDPOINT_URL_STS", "http://sts-only"),
            ],
        )
        .unwrap();
    assert_eq!(p.endpoint.as_deref(), Some("http://sts-only"));
    let args = Request {
        endpoint_url: Some("http://flag".into()),
        ..target("prod")
    };
    assert_eq!(
        f.plan(args, &[("AWS_ENDPOINT_URL", "http://generic")])
            .unwrap()
            .endpoint
            .as_deref(),
        Some("http://flag")
    );
    let p = f
        .plan(
            target("prod"),
            &[
                ("AWS_ENDPOINT_URL", "http://generic"),
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ],
        )
        .unwrap();
    assert_eq!(p.endpoint, None);
}

#[test]
fn no_target_means_aws_profile_then_default() {
    let f = Fixture::new();
    assert_eq!(
        f.plan(Request::default(), &[("AWS_PROFILE", "ops")])
            .unwrap()
            .label,
        "ops"
    );
    assert_eq!(f.plan(Request::default(), &[]).unwrap().label, "default");
}

#[test]
fn a_region_from_the_environment_is_used_but_not_exported() {
    let p = Fixture::new()
        .plan(target("ops"), &[("AWS_DEFAULT_REGION", "ca-central-1")])
        .unwrap();
    assert_eq!(p.region.as_deref(), Some("ca-central-1"));
    assert!(!p.export_region);
}

#[test]
fn mfa_of_long_term_keys_moves_to_one_session() {
    let p = Fixture::new().plan(target("ops"), &[]).unwrap();
    assert_eq!(
        p.chain.base_mfa.as_ref().unwrap().serial,
        "arn:aws:iam::1:mfa/me"
    );
    assert!(
        p.chain.roles.iter().all(|r| r.mfa.is_none()),
        "roles assumed from the MFA session need no code"
    );
    assert_eq!(p.chain.roles.len(), 2);
}

#[test]
fn flags_override_the_last_role() {
    let args = Request {
        role_arn: Some("arn:aws:iam::3:role/Other".into()),
        duration: Some(900),
        external_id: Some("x".into()),
        session_name: Some("me".into()),
        ..target("ops")
    };
    let p = Fixture::new().plan(args, &[]).unwrap();
    let last = p.chain.roles.last().unwrap();
    assert_eq!(last.role_arn, "arn:aws:iam::3:role/Other");
    assert_eq!(
        (
            last.duration,
            last.external_id.as_deref(),
            last.session_name.as_deref()
        ),
        (Some(900), Some("x"), Some("me"))
    );
    assert_eq!(
        p.chain.roles[0].duration, None,
        "only the last role takes the flags"
    );
}

#[test]
fn a_role_arn_target_uses_the_environment_keys_first() {
    let arn = "arn:aws:iam::9:role/Adhoc";
    let p = Fixture::new()
        .plan(
            target(arn),
            &[
                ("AWS_ACCESS_KEY_ID", "AKIDENV"),
                ("AWS_SECRET_ACCESS_KEY", "s"),
            ],
        )
        .unwrap();
    assert_eq!(p.label, arn);
    assert!(matches!(p.chain.base, Base::Environment));
    assert_eq!(p.chain.roles.len(), 1);
}

#[test]
fn a_role_arn_target_falls_back_to_the_default_profile() {
    let p = Fixture::new()
        .plan(target("arn:aws:iam::9:role/Adhoc"), &[])
        .unwrap();
    assert!(matches!(&p.chain.base, Base::Keys { profile, .. } if profile == "default"));
    assert_eq!(p.region.as_deref(), Some("us-west-2"));
}

#[test]
fn a_role_arn_with_a_source_profile_chains_from_it() {
    let args = Request {
        source_profile: Some("prod".into()),
        ..target("arn:aws:iam::9:role/Adhoc")
    };
    let p = Fixture::new().plan(args, &[]).unwrap();
    let arns: Vec<_> = p.chain.roles.iter().map(|r| r.role_arn.as_str()).collect();
    assert_eq!(
        arns,
        ["arn:aws:iam::1:role/Prod", "arn:aws:iam::9:role/Adhoc"]
    );
}

#[test]
fn bad_combinations_are_refused() {
    let f = Fixture::new();
    let both = Request {
        role_arn: Some("arn:x".into()),
        ..target("arn:aws:iam::1:role/R")
    };
    assert!(
        f.plan(both, &[])
            .unwrap_err()
            .to_string()
            .contains("not both")
    );
    let src = Request {
        source_profile: Some("user".into()),
        ..target("prod")
    };
    assert!(
        f.plan(src, &[])
            .unwrap_err()
            .to_string()
            .contains("--source-profile goes with a role ARN")
    );
    let tags = Request {
        tag: vec![("a".into(), "b".into())],
        ..target("default")
    };
    assert!(
        f.plan(tags, &[])
            .unwrap_err()
            .to_string()
            .contains("need a role")
    );
    let transitive = Request {
        transitive_tag: vec!["k".into()],
        ..target("prod")
    };
    assert!(
        f.plan(transitive, &[])
            .unwrap_err()
            .to_string()
            .contains("names no --tag")
    );
    let wi = Request {
        web_identity_token: Some("t".into()),
        ..Default::default()
    };
    assert!(
        f.plan(wi, &[])
            .unwrap_err()
            .to_string()
            .contains("needs the role")
    );
}

#[test]
fn web_identity_from_the_environment() {
    let wi_env = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"),
        ("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod"),
    ];
    let adhoc = || Request {
        target: Some("arn:aws:iam::1:role/App".into()),
        ..Default::default()
    };
    // As in the AWS SDKs, a default profile with credentials comes first...
    let p = Fixture::new().plan(adhoc(), &wi_env).unwrap();
    assert!(matches!(&p.chain.base, Base::Keys { profile, .. } if profile == "default"));
    // ...and one that only sets a region does not count.
    let p = Fixture::with("[default]\nregion = eu-west-1\n")
        .plan(adhoc(), &wi_env)
        .unwrap();
    assert!(matches!(&p.chain.base, Base::WebIdentity(_)));
    let p = Fixture::with("[default]\nregion = eu-west-1\n")
        .plan(
            Request {
                target: Some("arn:aws:iam::1:role/App".into()),
                ..Default::default()
            },
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod"),
                ("AWS_ROLE_SESSION_NAME", "pod"),
            ],
        )
        .unwrap();
    match &p.chain.base {
        Base::WebIdentity(w) => {
            assert_eq!(w.role_arn, "arn:aws:iam::1:role/Pod");
            assert_eq!(w.session_name.as_deref(), Some("pod"));
        }
        other => panic!("{other:?}"),
    }
    assert!(p.needs_network());
}

#[test]
fn plain_keys_need_no_network() {
    let p = Fixture::new().plan(target("default"), &[]).unwrap();
    assert!(!p.needs_network());
}

/// A plan against files of its own: `config` as the config file, no credentials.
fn plan_with(config: &str, args: Request, env: &[(&str, &str)]) -> Result<Plan> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config");
    std::fs::write(&path, config).unwrap();
    let mut pairs = vec![
        ("AWS_CONFIG_FILE", path.to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/creds"),
    ];
    pairs.extend_from_slice(env);
    let env = Env::from_pairs(&pairs);
    plan(&args, &Profiles::load(&env)?, &env)
}

const POD: &[(&str, &str)] = &[
    ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"),
    ("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod"),
];

#[test]
fn no_target_means_the_environment_web_identity() {
    // A default profile that holds only settings does not count as credentials.
    let p = plan_with("[default]\nregion = eu-north-1\n", Request::default(), POD).unwrap();
    assert!(
        matches!(&p.chain.base, Base::WebIdentity(w) if w.role_arn == "arn:aws:iam::1:role/Pod")
    );
    assert_eq!(p.label, "arn:aws:iam::1:role/Pod");
    assert_eq!(p.region.as_deref(), Some("eu-north-1"));
    let none = plan_with("", Request::default(), POD).unwrap();
    assert!(matches!(none.chain.base, Base::WebIdentity(_)));
}

#[test]
fn aws_profile_or_a_default_with_keys_beats_the_environment_web_identity() {
    let keys = "[default]\naws_access_key_id = K\naws_secret_access_key = S\n[profile p]\naws_access_key_id = K\naws_secret_access_key = S\n";
    let p = plan_with(keys, Request::default(), POD).unwrap();
    assert!(matches!(p.chain.base, Base::Keys { .. }));
    let mut env = POD.to_vec();
    env.push(("AWS_PROFILE", "p"));
    assert_eq!(
        plan_with(keys, Request::default(), &env).unwrap().label,
        "p"
    );
}

#[test]
fn flags_override_a_web_identity_profile() {
    let config = "[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /t\nrole_session_name = prof\nduration_seconds = 1h\n";
    let p = plan_with(config, target("w"), &[]).unwrap();
    assert!(
        matches!(&p.chain.base, Base::WebIdentity(w) if w.duration == Some(3600) && w.session_name.as_deref() == Some("prof"))
    );
    let args = Request {
        session_name: Some("flag".into()),
        duration: Some(900),
        provider_id: Some("www.amazon.com".into()),
        ..target("w")
    };
    match plan_with(config, args, &[]).unwrap().chain.base {
        Base::WebIdentity(w) => {
            assert_eq!(
                (w.session_name.as_deref(), w.duration),
                (Some("flag"), Some(900))
            );
            assert_eq!(w.provider_id.as_deref(), Some("www.amazon.com"));
        }
        other => panic!("{other:?}"),
    }
    let ext = Request {
        external_id: Some("x".into()),
        ..target("w")
    };
    assert!(plan_with(config, ext, &[]).is_err());
}

#[test]
fn saml_plans_the_chosen_pair_with_its_duration() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saml.xml");
    std::fs::write(
        &file,
        r#"<r xmlns:s="urn:oasis:names:tc:SAML:2.0:assertion"><s:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><s:AttributeValue>arn:aws:iam::1:saml-provider/P,arn:aws:iam::1:role/A</s:AttributeValue><s:AttributeValue>arn:aws:iam::1:role/B,arn:aws:iam::1:saml-provider/P</s:AttributeValue></s:Attribute><s:Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration"><s:AttributeValue>7200</s:AttributeValue></s:Attribute></r>"#,
    )
    .unwrap();
    let input = format!("file://{}", file.display());
    let args = |role: Option<&str>, duration: Option<u32>| Request {
        saml_assertion: Some(input.clone()),
        role_arn: role.map(str::to_string),
        duration,
        ..Default::default()
    };
    let p = plan_with("", args(Some("arn:aws:iam::1:role/A"), None), &[]).unwrap();
    assert_eq!(p.label, "arn:aws:iam::1:role/A");
    assert!(p.chain.roles.is_empty() && p.needs_network());
    match &p.chain.base {
        Base::Saml(s) => {
            assert_eq!(s.principal_arn, "arn:aws:iam::1:saml-provider/P");
            assert_eq!(s.duration, Some(7200));
        }
        other => panic!("{other:?}"),
    }
    let short = plan_with("", args(Some("arn:aws:iam::1:role/B"), Some(900)), &[]).unwrap();
    assert!(matches!(short.chain.base, Base::Saml(ref s) if s.duration == Some(900)));
    let profile = Request {
        target: Some("prod".into()),
        ..args(None, None)
    };
    let err = plan_with("", profile, &[]).unwrap_err().to_string();
    assert!(err.contains("TARGET is a role ARN"), "{err}");
}

#[test]
fn an_explicit_profile_beats_keys_in_the_environment() {
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
    ];
    let p = Fixture::new().plan(target("prod"), &env).unwrap();
    assert!(matches!(&p.chain.base, Base::Keys { profile, .. } if profile == "user"));
    let p = Fixture::new()
        .plan(
            Request::default(),
            &[("AWS_PROFILE", "ops"), env[0], env[1]],
        )
        .unwrap();
    assert_eq!(p.label, "ops");
    assert!(matches!(&p.chain.base, Base::Keys { .. }));
}

#[test]
fn a_saml_profile_is_a_network_base_keyed_by_role_provider_and_command() {
    let saml = |role: &str, principal: &str, command: &str| {
        format!(
            "[profile corp]\nrole_arn = {role}\nprincipal_arn = {principal}\nsaml_assertion_process = {command}\nduration_seconds = 2h\n\
             [profile next]\nrole_arn = arn:aws:iam::2:role/Next\nsource_profile = corp\n"
        )
    };
    let key = |config: &str| {
        let p = plan_with(config, target("corp"), &[]).unwrap();
        crate::resolve::key::session_key(&p, &Env::from_pairs(&[]))
    };
    let (r, p, c) = (
        "arn:aws:iam::1:role/R",
        "arn:aws:iam::1:saml-provider/P",
        "idp print",
    );
    let plan = plan_with(&saml(r, p, c), target("corp"), &[]).unwrap();
    assert!(plan.needs_network());
    match &plan.chain.base {
        Base::SamlProcess(s) => {
            assert_eq!(
                (s.role_arn.as_str(), s.principal_arn.as_deref()),
                (r, Some(p))
            );
            assert_eq!((s.command.as_str(), s.duration), (c, Some(7200)));
        }
        other => panic!("{other:?}"),
    }
    let k = key(&saml(r, p, c));
    assert!(!k.contains(c), "the command appears only as a hash: {k}");
    assert_ne!(k, key(&saml("arn:aws:iam::1:role/S", p, c)));
    assert_ne!(k, key(&saml(r, "arn:aws:iam::1:saml-provider/Q", c)));
    assert_ne!(k, key(&saml(r, p, "other-idp print")));

    // As a source profile: a chained role, whose base session shares the key
    // of the SAML profile's own session.
    let next = plan_with(&saml(r, p, c), target("next"), &[]).unwrap();
    assert!(matches!(next.chain.base, Base::SamlProcess(_)));
    assert_eq!(next.chain.roles.len(), 1);
    assert_eq!(
        crate::resolve::key::base_session_key(&next, &Env::from_pairs(&[])),
        k
    );
}
