//! Fixture snapshots: every `fixtures/<rule-name>-<case>/` is checked, and its human and JSON
//! output must equal the reviewed `expected.txt` and `expected.json` beside it.
//! `DDLINT_BLESS=1 cargo test --test fixtures` rewrites them; review the diff like code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ddlint::output::{human, human::HumanOptions, json};

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .expect("fixtures/ is readable")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

fn outputs(dir: &Path) -> (ddlint::Report, String, String) {
    let report = ddlint::check(&[dir.to_path_buf()]).expect("a fixture is an integration");
    let mut text = Vec::new();
    let options = HumanOptions {
        color: false,
        width: 100,
    };
    human::render(&report, options, &mut text).unwrap();
    let mut document = Vec::new();
    json::render(&report, &mut document).unwrap();
    (
        report,
        String::from_utf8(text).unwrap(),
        String::from_utf8(document).unwrap(),
    )
}

fn compare(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("DDLINT_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{} differs (DDLINT_BLESS=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ));
    }
}

#[test]
fn every_fixture_matches_its_reviewed_output() {
    let mut failures = Vec::new();
    for dir in fixtures() {
        let (_, text, document) = outputs(&dir);
        compare(&dir.join("expected.txt"), &text, &mut failures);
        compare(&dir.join("expected.json"), &document, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn valid_fixtures_produce_nothing_and_others_fire_their_rule() {
    for dir in fixtures() {
        let name = name(&dir);
        let (report, _, _) = outputs(&dir);
        if name.starts_with("valid-") {
            let found: Vec<_> = report.diagnostics.iter().map(|d| d.rule.name).collect();
            assert!(
                found.is_empty(),
                "{name} must produce nothing, found {found:?}"
            );
            continue;
        }
        let rule = ddlint::rules::all()
            .map(|rule| rule.name)
            .filter(|rule| name.starts_with(&format!("{rule}-")))
            .max_by_key(|rule| rule.len())
            .unwrap_or_else(|| panic!("fixture {name} is not named <rule-name>-<case>"));
        assert!(
            report.diagnostics.iter().any(|d| d.rule.name == rule),
            "fixture {name} does not fire {rule}"
        );
    }
}

#[test]
fn every_rule_has_a_fixture_that_fires_it() {
    let names: BTreeSet<String> = fixtures().iter().map(|dir| name(dir)).collect();
    for rule in ddlint::rules::all() {
        let rule = rule.name;
        assert!(
            names
                .iter()
                .any(|name| name.starts_with(&format!("{rule}-"))),
            "rule {rule} has no fixture fixtures/{rule}-<case>/"
        );
    }
}

#[test]
fn labels_lie_inside_their_files_on_char_boundaries() {
    for dir in fixtures() {
        let (report, _, _) = outputs(&dir);
        for diagnostic in &report.diagnostics {
            for (label, _) in diagnostic.labels() {
                let text = label.file.text();
                assert!(label.span.start <= label.span.end && label.span.end <= text.len());
                assert!(
                    text.is_char_boundary(label.span.start)
                        && text.is_char_boundary(label.span.end)
                );
            }
        }
    }
}
