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
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, CONFIG).unwrap();
        Fixture {
            config: path.to_str().unwrap().to_string(),
            _dir: dir,
        }
    }

    fn plan(&self, args: TargetArgs, extra_env: &[(&str, &str)]) -> Result<Plan> {
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

fn target(t: &str) -> TargetArgs {
    TargetArgs {
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
    let args = TargetArgs {
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
        f.plan(TargetArgs::default(), &[("AWS_PROFILE", "ops")])
            .unwrap()
            .label,
        "ops"
    );
    assert_eq!(f.plan(TargetArgs::default(), &[]).unwrap().label, "default");
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
    let args = TargetArgs {
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
    let args = TargetArgs {
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
    let both = TargetArgs {
        role_arn: Some("arn:x".into()),
        ..target("arn:aws:iam::1:role/R")
    };
    assert!(
        f.plan(both, &[])
            .unwrap_err()
            .to_string()
            .contains("not both")
    );
    let src = TargetArgs {
        source_profile: Some("user".into()),
        ..target("prod")
    };
    assert!(
        f.plan(src, &[])
            .unwrap_err()
            .to_string()
            .contains("--source-profile goes with a role ARN")
    );
    let tags = TargetArgs {
        tag: vec![("a".into(), "b".into())],
        ..target("default")
    };
    assert!(
        f.plan(tags, &[])
            .unwrap_err()
            .to_string()
            .contains("need a role")
    );
    let transitive = TargetArgs {
        transitive_tag: vec!["k".into()],
        ..target("prod")
    };
    assert!(
        f.plan(transitive, &[])
            .unwrap_err()
            .to_string()
            .contains("names no --tag")
    );
    let wi = TargetArgs {
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
    let p = Fixture::new()
        .plan(
            TargetArgs {
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
