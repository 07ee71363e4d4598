//! The editing rules, one test each, and properties over generated files.

use super::*;
use crate::profile::ini;
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "expiration",
];

fn props(id: &str) -> Vec<(&'static str, String)> {
    vec![
        ("aws_access_key_id", id.to_string()),
        ("aws_secret_access_key", "secret".to_string()),
        ("aws_session_token", "token".to_string()),
    ]
}

fn save(text: &str, name: &str, id: &str, force: bool) -> Result<String, EditError> {
    let target = |h: &str| h == name;
    let props = props(id);
    let u = Upsert {
        is_target: &target,
        header: name,
        props: &props,
        managed: KEYS,
        force_clears_all: true,
    };
    upsert(text, &u, force)
}

fn get(text: &str, section: &str, key: &str) -> Option<String> {
    ini::parse(text)
        .unwrap()
        .into_iter()
        .find(|s| s.name == section)?
        .get(key)
        .map(str::to_string)
}

const USER_FILE: &str = "# my keys\n[default]\naws_access_key_id = AKIAUSER\naws_secret_access_key = s\n\n; work\n[work]\naws_access_key_id=AKIAWORK\naws_secret_access_key=w\n";

#[test]
fn a_new_section_is_appended_and_nothing_else_changes() {
    let out = save(USER_FILE, "temp", "ASIA1", false).unwrap();
    assert!(out.starts_with(USER_FILE), "{out}");
    assert_eq!(
        &out[USER_FILE.len()..],
        "\n[temp]\naws_access_key_id = ASIA1\naws_secret_access_key = secret\naws_session_token = token\nroleshift_managed = true\n"
    );
}

#[test]
fn a_file_without_a_final_newline_gets_one_before_the_section() {
    let out = save("[a]\nk = v", "temp", "ASIA1", false).unwrap();
    assert!(out.starts_with("[a]\nk = v\n\n[temp]\n"), "{out}");
    assert_eq!(
        save("", "temp", "X", false).unwrap().lines().next(),
        Some("[temp]")
    );
}

#[test]
fn our_own_section_is_edited_in_place() {
    let first = save(USER_FILE, "temp", "ASIA1", false).unwrap();
    let tail = "\n# after\n[later]\nk = v\n";
    let with_tail = format!("{first}{tail}");
    let second = save(&with_tail, "temp", "ASIA2", false).unwrap();
    assert!(
        second.starts_with(USER_FILE) && second.ends_with(tail),
        "{second}"
    );
    assert_eq!(
        get(&second, "temp", "aws_access_key_id").as_deref(),
        Some("ASIA2")
    );
    assert_eq!(second.matches("[temp]").count(), 1);
    assert_eq!(second.len(), with_tail.len());
}

#[test]
fn user_comments_and_keys_inside_our_section_survive() {
    let text = "[temp]\n# note\naws_access_key_id = OLD\nregion = eu-west-1\nexpiration = 2020-01-01T00:00:00Z\nroleshift_managed = true\n";
    let out = save(text, "temp", "NEW", false).unwrap();
    assert!(
        out.contains("# note\n") && out.contains("region = eu-west-1\n"),
        "{out}"
    );
    // The stale expiration is dropped: the new credentials have none.
    assert_eq!(get(&out, "temp", "expiration"), None);
    assert_eq!(
        get(&out, "temp", "aws_session_token").as_deref(),
        Some("token")
    );
}

#[test]
fn a_foreign_section_is_refused_unless_forced() {
    assert_eq!(save(USER_FILE, "work", "X", false), Err(EditError::Foreign));
    let forced = save(USER_FILE, "work", "X", true).unwrap();
    assert_eq!(
        get(&forced, "work", "aws_access_key_id").as_deref(),
        Some("X")
    );
    assert_eq!(get(&forced, "work", MARKER).as_deref(), Some("true"));
    assert!(forced.starts_with("# my keys\n[default]\naws_access_key_id = AKIAUSER\n"));
    assert!(forced.contains("; work\n[work]\n"));
}

#[test]
fn forcing_clears_keys_that_would_shadow_ours() {
    let text = "[work]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = x\n";
    let out = save(text, "work", "X", true).unwrap();
    assert_eq!(get(&out, "work", "role_arn"), None);
}

#[test]
fn a_marker_that_is_not_true_is_not_ours() {
    let text = "[temp]\nroleshift_managed = false\n";
    assert_eq!(save(text, "temp", "X", false), Err(EditError::Foreign));
}

#[test]
fn repeated_sections_are_refused() {
    let text = "[t]\nroleshift_managed = true\n[t]\nroleshift_managed = true\n";
    assert_eq!(save(text, "t", "X", true), Err(EditError::Repeated(2)));
}

#[test]
fn crlf_files_stay_crlf() {
    let text = "[a]\r\nk = v\r\n";
    let out = save(text, "t", "X", false).unwrap();
    assert!(out.starts_with(text));
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    let again = save(&out, "t", "Y", false).unwrap();
    assert!(!again.replace("\r\n", "").contains('\n'), "{again:?}");
}

#[test]
fn nested_values_under_a_replaced_key_go_with_it() {
    let text = "[t]\nroleshift_managed = true\naws_session_token =\n  nested = 1\n# keep\n";
    let out = save(text, "t", "X", false).unwrap();
    assert!(!out.contains("nested"), "{out}");
    assert!(out.contains("# keep\n"));
}

#[test]
fn a_commented_header_is_the_section_and_continuations_go_with_their_key() {
    let text = "[t] # team\nroleshift_managed = true\naws_access_key_id = OLD\n  -continued\nregion = x\n  -kept\n";
    let out = save(text, "t", "X", false).unwrap();
    assert!(out.starts_with("[t] # team\n"), "{out}");
    assert!(
        !out.contains("-continued") && out.contains("region = x\n  -kept\n"),
        "{out}"
    );
    assert_eq!(out.matches("[t]").count(), 1, "{out}");
}

#[test]
fn config_headers() {
    assert_eq!(config_header("default"), "default");
    assert_eq!(config_header("dev"), "profile dev");
    assert!(is_config_profile("profile  dev", "dev"));
    assert!(is_config_profile("default", "default"));
    assert!(!is_config_profile("profiledev", "dev"));
    assert!(!is_config_profile("dev", "dev"));
}

fn file_strategy() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("\n".to_string()),
        "# [a-z =\\[\\]]{0,12}\n",
        "; [a-z]{0,8}\n",
        "\\[[a-c]{1,2}\\]\n",
        "[a-z_]{1,8} ?= ?[a-zA-Z0-9/+=]{0,12}\n",
        "  [a-z]{1,5} = [0-9]{1,3}\n",
        Just("roleshift_managed = true\n".to_string()),
    ];
    // Every generated file starts with a header, so it parses.
    proptest::collection::vec(line, 0..30).prop_map(|ls| format!("[top]\n{}", ls.concat()))
}

proptest! {
    #[test]
    fn saving_touches_only_its_section(text in file_strategy(), name in "[a-c]{1,2}", force in any::<bool>()) {
        let Ok(out) = save(&text, &name, "AKIDNEW", force) else { return Ok(()) };
        let parsed = ini::parse(&out).expect("output parses");
        let ours: Vec<_> = parsed.iter().filter(|s| s.name == name).collect();
        prop_assert_eq!(ours.len(), 1);
        prop_assert_eq!(ours[0].get("aws_access_key_id"), Some("AKIDNEW"));
        prop_assert_eq!(ours[0].get(MARKER), Some("true"));
        // Every other section reads the same as before.
        let before = ini::parse(&text).unwrap();
        let others = |v: &[ini::Section]| v.iter().filter(|s| s.name != name).cloned().collect::<Vec<_>>();
        prop_assert_eq!(others(&before), others(&parsed));
        if !before.iter().any(|s| s.name == name) {
            prop_assert!(out.starts_with(&text));
        }
        // Saving again with the same values changes nothing.
        prop_assert_eq!(save(&out, &name, "AKIDNEW", false), Ok(out.clone()));
    }
}
