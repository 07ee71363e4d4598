//! The committed man pages (docs/man, from `scripts/regen`) as man(1) shows
//! them: the sections a reader looks for, no reference to a missing page, and
//! the environment table kept in its columns (issue 12 item 12).

use std::path::Path;
use std::process::Command;

fn pages() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("docs/man")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "1"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 10, "{pages:?}");
    pages
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn every_page_has_the_usual_sections_and_refers_only_to_pages_that_exist() {
    let all = pages();
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    for (name, roff) in &all {
        for section in ["ENVIRONMENT", "EXIT STATUS", "FILES", "EXAMPLES"] {
            assert!(
                roff.contains(&format!(".SH \"{section}\"")),
                "{name} lacks {section}"
            );
        }
        assert!(!roff.contains(".SH EXTRA"), "{name} has an EXTRA section");
        // References look like `roleshift\-export(1)` in roff.
        for (at, _) in roff.match_indices("(1)") {
            let start = roff[..at]
                .rfind(|c: char| c.is_whitespace())
                .map_or(0, |i| i + 1);
            let target = roff[start..at].replace("\\-", "-").replace("\\fB", "");
            if target.starts_with("roleshift") {
                assert!(
                    names.contains(&target.as_str()),
                    "{name} refers to missing {target}(1)"
                );
            }
        }
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn groff_keeps_the_environment_table_in_columns() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man/roleshift.1");
    let out = Command::new("groff")
        .args(["-man", "-Tutf8", "-P", "-cbou"])
        .arg(&page)
        .env("LANG", "C.UTF-8")
        .output()
        .expect("groff (package groff-base) renders man pages");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Re-flowed, the name and its meaning would share a line with the next entry.
    let line = text
        .lines()
        .find(|l| l.contains("AWS_CONFIG_FILE") && l.contains("AWS config file"))
        .unwrap_or_else(|| panic!("the table was re-flowed:\n{text}"));
    assert!(!line.contains("HOME"), "{line}");
    assert!(
        text.contains("EXIT STATUS") && text.contains("127 when"),
        "{text}"
    );
    // Font changes are roff, not text a reader sees.
    for (name, _) in pages() {
        let out = Command::new("groff")
            .args(["-man", "-Tutf8", "-P", "-cbou"])
            .arg(page.with_file_name(format!("{name}.1")))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains("\\f") && !text.contains("\\e"),
            "{name}: {text}"
        );
    }
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn the_readme_says_how_to_install_the_pages() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains("docs/man/*.1") && readme.contains("man roleshift"),
        "README"
    );
}
