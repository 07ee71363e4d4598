//! Regions (issue 11): `save` carries the source profile's region into the
//! saved profile, keeping the config file's mode, so `aws --profile SAVED`
//! works like the profile it came from; and a region that cannot be one is
//! one clear line naming it (exit 2 from the flag), before any call.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use support::{Moto, Sandbox, against, assert_ok, run};

const CONFIG: &str = "[profile user]\naws_access_key_id = AKIAREGIONUSER\naws_secret_access_key = s\n\
    [profile prod]\nrole_arn = arn:aws:iam::300000000011:role/RegionProd\nsource_profile = user\nregion = eu-west-3\n";

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_saved_profile_carries_the_region_of_its_source() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    sb.write_config(CONFIG);
    let config = sb.path("home/.aws/config");
    fs::set_permissions(&config, fs::Permissions::from_mode(0o644)).unwrap();
    let mut save = sb.cmd(&["save", "prod", "--as", "prod-tmp"]);
    // No region in the environment: it must come from the profile.
    save.env("AWS_ENDPOINT_URL", moto.url())
        .env("AWS_MAX_ATTEMPTS", "1");
    assert_ok(&run(&mut save));
    let text = fs::read_to_string(&config).unwrap();
    assert!(
        text.starts_with(CONFIG)
            && text.ends_with("[profile prod-tmp]\nregion = eu-west-3\nroleshift_managed = true\n"),
        "{text}"
    );
    let mode = fs::metadata(&config).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the config file keeps its mode");

    let id = support::aws_identity_of_profile(&sb, moto, "prod-tmp");
    assert!(
        id["Arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:sts::300000000011:assumed-role/RegionProd/"),
        "{id}"
    );
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn a_bad_region_is_one_line_naming_it() {
    let moto = Moto::shared();
    let sb = Sandbox::new();
    let config = CONFIG.replace("eu-west-3", "eu west 1");
    sb.write_config(&config.replace("RegionProd", "RegionBad"));
    let check = |args: &[&str], code: i32, from: &str| {
        let mut cmd = sb.cmd(args);
        let out = run(against(&mut cmd, moto).env_remove("AWS_DEFAULT_REGION"));
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", out.stderr);
        assert!(support::nothing_to_evaluate(&out.stdout), "{}", out.stdout);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{}", out.stderr);
        assert!(
            lines[0].starts_with(&format!(
                "roleshift: {from}: `eu west 1` is not a region name"
            )),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains("nterceptor"), "{}", out.stderr);
    };
    check(&["export", "user", "--region", "eu west 1"], 2, "--region");
    check(&["export", "prod"], 1, "the region of profile `prod`");
    check(
        &["credential-process", "prod"],
        1,
        "the region of profile `prod`",
    );
    assert!(
        moto.calls("AssumeRole")
            .iter()
            .all(|c| c.params["RoleArn"] != "arn:aws:iam::300000000011:role/RegionBad"),
        "no call was made"
    );
}
