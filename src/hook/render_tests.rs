//! What hook-env prints, per shell: snapshots for review, and the nushell
//! data read back as JSON. Real shells evaluate it in tests/e2e_hooks_*.rs.

use super::*;
use crate::hook::state::Applied;

const HOSTILE: &str = "a'b\"c $(touch x) `id` ;{}*? é \u{2019} \n";

fn output(session: Session) -> Output {
    Output {
        session,
        state: State {
            applied: Some(Applied {
                id: "id1".into(),
                config: format!("/p/{HOSTILE}/.roleshift.toml"),
                label: "prod".into(),
                renew_at: Some(100),
                expires: Some(700),
                ..Applied::default()
            }),
            ..State::default()
        },
        cfg: Some(Watch {
            file: PathBuf::from(format!("/p/{HOSTILE}/.roleshift.toml")),
            stamp: Some(PathBuf::from("/c/stamps/abc")),
        }),
        trust: Some(Watch {
            file: PathBuf::from("/d/roleshift/trust"),
            stamp: None,
        }),
        ttl: Some(42),
        undo: None,
    }
}

fn export() -> Session {
    Session::Export {
        drop_inherited: true,
        change: Change {
            set: vec![
                ("AWS_ACCESS_KEY_ID", "ASIAX".into()),
                ("ROLESHIFT_PROFILE", HOSTILE.into()),
            ],
            remove: vec!["AWS_PROFILE"],
        },
    }
}

fn leave() -> Session {
    Session::Leave {
        keep: vec![("AWS_REGION", Some(HOSTILE.into())), ("AWS_PROFILE", None)],
    }
}

#[test]
fn bash_enter() {
    insta::assert_snapshot!(render(HookShell::Bash, &output(export())));
}

#[test]
fn bash_leave() {
    insta::assert_snapshot!(render(HookShell::Bash, &output(leave())));
}

#[test]
fn fish_leave() {
    insta::assert_snapshot!(render(HookShell::Fish, &output(leave())));
}

#[test]
fn powershell_enter() {
    insta::assert_snapshot!(render(HookShell::Powershell, &output(export())));
}

#[test]
fn powershell_leave() {
    insta::assert_snapshot!(render(HookShell::Powershell, &output(leave())));
}

#[test]
fn nu_is_data() {
    let text = render(HookShell::Nu, &output(export()));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["export"]["ROLESHIFT_PROFILE"], HOSTILE);
    assert_eq!(v["export"]["AWS_PROFILE"], Value::Null);
    assert_eq!(v["ttl"], 42);
    assert_eq!(v["trust"][1], Value::Null);
    assert_eq!(v["managed"].as_array().unwrap().len(), MANAGED.len());
    let left: Value = serde_json::from_str(&render(HookShell::Nu, &output(leave()))).unwrap();
    assert_eq!(left["leave"], true);
    assert_eq!(left["keep"]["AWS_REGION"], HOSTILE);
    assert_eq!(left["keep"]["AWS_PROFILE"], Value::Null);
    insta::assert_snapshot!(text);
}

#[test]
fn nothing_to_do_is_only_state() {
    let mut out = output(Session::None);
    out.cfg = None;
    out.trust = None;
    out.ttl = None;
    out.state = State::default();
    assert_eq!(
        render(HookShell::Bash, &out),
        "__roleshift_state='{}'\n__roleshift_cfg=''\n__roleshift_cfg_stamp=''\n__roleshift_trust=''\n__roleshift_trust_stamp=''\n__roleshift_ttl=''\n__roleshift_root=''\n__roleshift_undo=''\nunset __roleshift_busy\n"
    );
}

/// The undo code travels as data (quoted twice over), and run later by the
/// shell it restores what leaving would, hostile values and all.
#[test]
fn the_undo_code_is_data_until_the_shell_runs_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = format!("/p/{HOSTILE}");
    let mut out = output(export());
    out.undo = Some(Undo {
        root: PathBuf::from(&root),
        keep: vec![("AWS_REGION", Some(HOSTILE.into()))],
        state: State::default(),
    });
    let script = r#"__roleshift_saved=1 __roleshift_old_AWS_PROFILE=mine
eval "$OUT"
[ "$__roleshift_root" = "$ROOT" ] || exit 3
[ "$AWS_ACCESS_KEY_ID" = ASIAX ] || exit 4
eval "$__roleshift_undo"
printf '%s|%s|%s|%s|%s' "${AWS_ACCESS_KEY_ID-unset}" "${AWS_PROFILE-unset}" "$AWS_REGION" "$__roleshift_root" "$__roleshift_state""#;
    let run = std::process::Command::new("bash")
        .args(["--norc", "-c", script])
        .env_clear()
        .env("OUT", render(HookShell::Bash, &out))
        .env("ROOT", &root)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        format!("unset|mine|{HOSTILE}||{{}}")
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing ran"
    );
}

/// PowerShell and fish get the same undo code, quoted their own way; pwsh is
/// not installable here, so its output is reviewed as a snapshot.
#[test]
fn undo_code_snapshots() {
    let mut out = output(Session::None);
    out.undo = Some(Undo {
        root: PathBuf::from(format!("/p/{HOSTILE}")),
        keep: vec![("AWS_REGION", Some(HOSTILE.into()))],
        state: State::default(),
    });
    insta::assert_snapshot!("powershell_undo", render(HookShell::Powershell, &out));
    insta::assert_snapshot!("fish_undo", render(HookShell::Fish, &out));
}
