//! The chain walker's rules, one test each.

use super::*;

fn profiles(config: &str) -> (tempfile::TempDir, Profiles) {
    let (dir, p) = crate::profile::load_texts(config.as_bytes(), b"");
    (dir, p.unwrap())
}

const CHAIN: &str = "\
[profile base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = s
mfa_serial = arn:aws:iam::1:mfa/me
[profile mid]
role_arn = arn:aws:iam::1:role/Mid
source_profile = base
duration_seconds = 3600
[profile top]
role_arn = arn:aws:iam::2:role/Top
source_profile = mid
external_id = ext
role_session_name = sess
mfa_serial = arn:aws:iam::1:mfa/me
mfa_process = echo 123456
";

#[test]
fn walks_a_chain_base_first() {
    let (_d, p) = profiles(CHAIN);
    let c = walk(&p, "top").unwrap();
    assert!(matches!(&c.base, Base::Keys { profile, .. } if profile == "base"));
    assert_eq!(c.base_mfa.as_ref().unwrap().serial, "arn:aws:iam::1:mfa/me");
    let arns: Vec<_> = c.roles.iter().map(|r| r.role_arn.as_str()).collect();
    assert_eq!(arns, ["arn:aws:iam::1:role/Mid", "arn:aws:iam::2:role/Top"]);
    assert_eq!(c.roles[0].duration, Some(3600));
    let top = &c.roles[1];
    assert_eq!(top.external_id.as_deref(), Some("ext"));
    assert_eq!(top.session_name.as_deref(), Some("sess"));
    assert_eq!(
        top.mfa.as_ref().unwrap().process.as_deref(),
        Some("echo 123456")
    );
}

#[test]
fn detects_cycles() {
    let (_d, p) = profiles(
        "[profile a]\nrole_arn = x\nsource_profile = b\n[profile b]\nrole_arn = y\nsource_profile = a\n",
    );
    let err = walk(&p, "a").unwrap_err().to_string();
    assert_eq!(err, "source_profile loop: a -> b -> a");
}

#[test]
fn self_reference_uses_own_keys() {
    let (_d, p) = profiles(
        "[profile a]\nrole_arn = x\nsource_profile = a\naws_access_key_id = K\naws_secret_access_key = S\n",
    );
    let c = walk(&p, "a").unwrap();
    assert!(matches!(c.base, Base::Keys { .. }));
    assert_eq!(c.roles.len(), 1);
}

#[test]
fn deep_chains_stop_with_a_clear_error() {
    let mut text = String::from("[profile p0]\naws_access_key_id = K\naws_secret_access_key = S\n");
    for i in 1..1000 {
        text += &format!(
            "[profile p{i}]\nrole_arn = arn:aws:iam::1:role/R{i}\nsource_profile = p{}\n",
            i - 1
        );
    }
    let (_d, p) = profiles(&text);
    assert_eq!(walk(&p, "p200").unwrap().roles.len(), 200);
    let err = walk(&p, "p999").unwrap_err().to_string();
    assert!(err.contains("deeper than 256"), "{err}");
}

#[test]
fn explains_missing_pieces() {
    let (_d, p) = profiles(
        "[profile r]\nrole_arn = x\n[profile s]\nrole_arn = x\nsource_profile = nope\n[profile e]\nregion = x\n[profile cs]\nrole_arn = x\ncredential_source = Bogus\n",
    );
    assert!(
        walk(&p, "r")
            .unwrap_err()
            .to_string()
            .contains("neither source_profile nor credential_source")
    );
    assert!(
        walk(&p, "s")
            .unwrap_err()
            .to_string()
            .contains("names source_profile `nope`")
    );
    assert!(
        walk(&p, "e")
            .unwrap_err()
            .to_string()
            .contains("holds no credentials")
    );
    assert!(
        walk(&p, "cs")
            .unwrap_err()
            .to_string()
            .contains("credential_source `Bogus`")
    );
    assert!(
        walk(&p, "missing")
            .unwrap_err()
            .to_string()
            .contains("profile `missing` not found")
    );
}

#[test]
fn web_identity_and_sso_and_process() {
    let (_d, p) = profiles(
        "[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /t\nrole_session_name = n\n\
         [profile s]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = Admin\n\
         [sso-session corp]\nsso_start_url = https://x/start\nsso_region = eu-west-1\n\
         [profile p]\ncredential_process = /bin/creds\n",
    );
    assert!(
        matches!(walk(&p, "w").unwrap().base, Base::WebIdentity(ref w) if w.role_arn.ends_with("/W"))
    );
    assert!(matches!(walk(&p, "s").unwrap().base, Base::Sso(ref s) if s.region == "eu-west-1"));
    assert!(
        matches!(walk(&p, "p").unwrap().base, Base::Process { ref command, .. } if command == "/bin/creds")
    );
}

#[test]
fn a_token_file_makes_a_web_identity_role_even_with_a_source_profile() {
    let (_d, p) = profiles(
        "[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /t\nsource_profile = k\n[profile k]\naws_access_key_id = A\naws_secret_access_key = s\n",
    );
    let c = walk(&p, "w").unwrap();
    assert!(matches!(&c.base, Base::WebIdentity(w) if w.role_arn == "arn:aws:iam::1:role/W"));
    assert!(c.roles.is_empty());
}

#[test]
fn a_source_profile_with_keys_gives_its_keys_not_its_role() {
    let (_d, p) = profiles(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\naws_access_key_id = BKEY\naws_secret_access_key = s\n[profile c]\naws_access_key_id = CKEY\naws_secret_access_key = s\n",
    );
    let c = walk(&p, "a").unwrap();
    assert!(matches!(&c.base, Base::Keys { access_key_id, .. } if access_key_id == "BKEY"));
    assert_eq!(c.roles.len(), 1);
    // Half a key pair is an error, whichever half.
    let (_d, p) = profiles(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\naws_secret_access_key = s\n",
    );
    let e = walk(&p, "a").unwrap_err().to_string();
    assert!(e.contains("no aws_access_key_id"), "{e}");
}
