//! Quoting is a security boundary (SPEC §5), checked as a property: random
//! strings, drawn from every code point an environment value can hold (all
//! but NUL) and from shell syntax, go through `roleshift export` into real
//! bash, zsh and fish and must come back byte for byte, with nothing
//! executed. Two ways in: a profile name (argv and a section header of the
//! credentials file, which takes names as written) and the secret key and
//! token of a keys profile (anything an INI value can hold). A `--region`
//! flag goes through too, but a region is checked before anything is
//! printed (issue 11), so only region names travel that way; newlines in
//! values are covered by the quoting unit tests (src/shell/tests.rs).
//! Keys profiles need no network, so one shell runs a whole batch quickly.

mod support;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use support::{Sandbox, assert_ok, run, tool};

/// Values every run includes, whatever the generator draws.
const FIXED: &[&str] = &[
    "a'b\"c $(touch pwned) `touch pwned` ;{}*? é \n",
    "'",
    "\\",
    "\\'",
    "'\\''",
    "$HOME ${HOME} $((1+1)) !! !$ ^x^y",
    "=ls",
    "~root",
    "-n",
    "--",
    "\u{2018}\u{2019}\u{201A}\u{201B}",
    "\u{85}\u{2028}\u{2029}",
    "\u{feff}x",
    "\u{f600}\u{f6ff}\u{f8ff}",
    "\u{10ffff}",
    "\x1b]0;title\x07",
    "a\tb\x0bc\x0cd",
    " leading and trailing ",
    "x\r\ny",
    "%s%n%d",
    "(a) [b] {c} <d> |e| &f &&g ||h",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<char>().prop_filter("not NUL", |c| *c != '\0').prop_map(String::from),
        1 => "[\\x01-\\x1f\\x7f]",
        2 => proptest::sample::select(vec![
            "'", "\"", "\\", "$", "`", "$(touch pwned)", "`touch pwned`", "\n", "!", "{a,b}",
            "*", "?", "~", "#", ";", "&&", "|", ">pwned", "%", "\u{2018}", "\u{201B}", "=",
            " ", "\t", "$HOME", "${x:-y}", "(", ")", "\\n", "\\'", "'\"'\"'",
        ])
        .prop_map(String::from),
    ]
}

fn values(n: usize) -> Vec<String> {
    let mut runner = TestRunner::new(Config::default());
    let strategy = proptest::collection::vec(fragment(), 1..10).prop_map(|v| v.concat());
    let mut out: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    while out.len() < n {
        out.push(strategy.new_tree(&mut runner).unwrap().current());
    }
    out
}

/// Valid regions for the `--region` way in, one per case in turn.
const REGIONS: &[&str] = &["eu-west-1", "us-gov-west-1", "cn-north-1", "local"];

/// What a section header can carry: an INI value, without `]` (a `]`
/// followed by `#` would end the header there, the rest a comment).
fn header_safe(v: &str) -> String {
    ini_safe(v).replace(']', ")")
}

/// What an INI line can carry: no line break, nothing the parser trims.
fn ini_safe(v: &str) -> String {
    let one_line: String = v
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    format!("<{}>", one_line.trim())
}

/// The script for SHELL that exports cases IDS and appends the four
/// values of each, NUL-separated, to `out`.
fn script(shell: &str, ids: std::ops::Range<usize>) -> String {
    let mut s = String::new();
    for i in ids {
        s += &match shell {
            "fish" => format!(
                "\"$ROLESHIFT\" export \"$N_{i}\" --region=\"$R_{i}\" --format fish | source\n"
            ),
            f => format!(
                "eval \"$(\"$ROLESHIFT\" export \"$N_{i}\" --region=\"$R_{i}\" --format {f})\"\n"
            ),
        };
        s += "printf '%s\\0' \"$ROLESHIFT_PROFILE\" \"$AWS_REGION\" \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\" >> out\n";
    }
    s
}

/// Cases per shell process: the script and the values travel in argv and
/// the environment, which the kernel limits.
const BATCH: usize = 100;

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn random_values_round_trip_through_bash_zsh_and_fish() {
    let n: usize = std::env::var("ROLESHIFT_QUOTING_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let vals = values(n);
    let names: Vec<String> = vals
        .iter()
        .enumerate()
        .map(|(i, v)| format!("p{i} {}", header_safe(v)))
        .collect();
    let mut credentials = String::new();
    for (i, v) in vals.iter().enumerate() {
        let safe = ini_safe(v);
        credentials += &format!(
            "[{}]\naws_access_key_id = AKIAQUOTE{i:08}\naws_secret_access_key = {safe}\naws_session_token = {safe}\n",
            names[i]
        );
    }
    let mut shells_run = 0;
    for shell in ["bash", "zsh", "fish"] {
        let path = tool(shell);
        let sb = Sandbox::new();
        sb.write_credentials(&credentials);
        for start in (0..vals.len()).step_by(BATCH) {
            let ids = start..(start + BATCH).min(vals.len());
            let mut cmd = sb.shell_cmd(&path, &script(shell, ids.clone()));
            for i in ids {
                cmd.env(format!("N_{i}"), &names[i])
                    .env(format!("R_{i}"), REGIONS[i % REGIONS.len()]);
            }
            let out = run(&mut cmd);
            assert_ok(&out);
            assert!(out.stderr.is_empty(), "{shell}: {}", out.stderr);
        }
        let bytes = std::fs::read(sb.path("cwd/out")).expect("out");
        let got: Vec<&[u8]> = bytes.split(|b| *b == 0).collect();
        assert_eq!(got.len(), vals.len() * 4 + 1, "{shell}: every case printed");
        for (i, v) in vals.iter().enumerate() {
            let safe = ini_safe(v);
            let region = REGIONS[i % REGIONS.len()];
            let want = [names[i].as_str(), region, safe.as_str(), safe.as_str()];
            for (k, w) in want.iter().enumerate() {
                assert_eq!(
                    got[i * 4 + k],
                    w.as_bytes(),
                    "{shell}, case {i} ({:?}), field {k}: {:?}",
                    v,
                    String::from_utf8_lossy(got[i * 4 + k])
                );
            }
        }
        let made: Vec<String> = std::fs::read_dir(sb.path("cwd"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n != "out")
            .collect();
        assert!(made.is_empty(), "{shell}: a value ran and made {made:?}");
        shells_run += 1;
    }
    eprintln!(
        "{} values x 2 ways x {shells_run} shells round-tripped byte for byte; nothing ran",
        vals.len()
    );
}
