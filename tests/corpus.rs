//! The real corpus as a regression net: ddlint completes on every integration of
//! `../shared/corpus/integrations-extras`, deterministically, with the findings a reviewer expects.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use ddlint::output::json;

fn corpus() -> PathBuf {
    let path = PathBuf::from("../shared/corpus/integrations-extras");
    assert!(
        path.is_dir(),
        "the corpus must sit at {} (beside the project)",
        path.display()
    );
    path
}

fn json_output() -> (ddlint::Report, String) {
    let report = ddlint::check(&[corpus()], &ddlint::Settings::default())
        .expect("the corpus is a repository of integrations");
    let mut document = Vec::new();
    json::render(&report, &mut document).unwrap();
    (report, String::from_utf8(document).unwrap())
}

/// (integration directory, rule name) for every finding.
fn findings(report: &ddlint::Report) -> BTreeSet<(String, &'static str)> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let path = d.primary.file.path();
            let dir = path.parent().and_then(|p| p.file_name()).unwrap();
            (dir.to_string_lossy().into_owned(), d.rule.name)
        })
        .collect()
}

#[test]
fn corpus_is_checked_completely_and_deterministically() {
    let (first, first_json) = json_output();
    let (_, second_json) = json_output();
    assert_eq!(first.integrations, 199);
    assert_eq!(first_json, second_json, "two runs over the corpus differ");
    let document: serde_json::Value = serde_json::from_str(&first_json).unwrap();
    assert_eq!(document["version"], 1);
    assert!(document["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn corpus_findings_include_the_known_oauth_gaps() {
    let (report, _) = json_output();
    let found = findings(&report);
    for name in ["artie", "census", "invary", "isdown", "singlestoredb_cloud"] {
        assert!(
            found.contains(&(name.to_owned(), "uninstallation-field-missing")),
            "{name}: uninstallation-field-missing not reported"
        );
    }
    for name in ["artie", "census"] {
        assert!(
            found.contains(&(name.to_owned(), "uninstall-section-missing")),
            "{name}"
        );
    }
}

#[test]
fn unresolved_support_anchors_are_warnings_and_clean_integrations_get_nothing() {
    let (report, _) = json_output();
    let support: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == "anchor-unresolved" && d.message.contains("README.md#Support"))
        .collect();
    assert!(!support.is_empty());
    assert!(
        support
            .iter()
            .all(|d| d.level == ddlint::diagnostic::Level::Warning)
    );
    let found = findings(&report);
    // insightfinder: no OAuth, `## Overview`, `## Setup`, and `#Support` resolves.
    assert!(
        !found.iter().any(|(dir, _)| dir == "insightfinder"),
        "{found:?}"
    );
}

#[test]
fn the_bundled_schema_accepts_every_real_manifest() {
    let (report, _) = json_output();
    let schema: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == "manifest-schema")
        .map(|d| format!("{}: {}", d.primary.file.path().display(), d.message))
        .collect();
    assert!(schema.is_empty(), "{schema:#?}");
}

/// The reviewed list of findings on the corpus: `integration rule line`, one per line.
const REVIEWED: &str = "tests/corpus-findings.txt";

#[test]
fn corpus_findings_match_the_reviewed_list() {
    let (report, _) = json_output();
    let mut lines: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let path = d.primary.file.path();
            let corpus = corpus();
            let relative = path.strip_prefix(&corpus).unwrap();
            let integration = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let line = d.primary.file.line_col(d.primary.span.start).line;
            format!("{integration} {} {line}", d.rule.name)
        })
        .collect();
    lines.sort();
    let actual = lines.join("\n") + "\n";
    if std::env::var_os("DDLINT_BLESS").is_some() {
        std::fs::write(REVIEWED, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(REVIEWED).unwrap_or_default();
    let diff = similar::TextDiff::from_lines(&expected, &actual);
    assert!(
        expected == actual,
        "findings on the corpus changed (review, then DDLINT_BLESS=1 rewrites {REVIEWED}):\n{}",
        diff.unified_diff().header("reviewed", "actual")
    );
}
