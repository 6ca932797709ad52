//! Registry invariants: stable, unique codes in order; kebab names; complete documentation.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashSet;

#[test]
fn codes_are_unique_well_formed_and_ordered() {
    let mut seen = HashSet::new();
    let mut previous = "";
    for meta in ddlint::rules::all() {
        assert!(seen.insert(meta.code), "code {} is used twice", meta.code);
        assert!(seen.insert(meta.name), "name {} is used twice", meta.name);
        assert!(
            meta.code.len() == 5
                && meta.code.starts_with("DD")
                && meta.code[2..].bytes().all(|b| b.is_ascii_digit()),
            "code {} is not DDnnn",
            meta.code
        );
        assert!(meta.code > previous, "{} is out of order", meta.code);
        previous = meta.code;
        assert!(
            meta.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'),
            "name {} is not kebab-case",
            meta.name
        );
    }
}

#[test]
fn every_rule_documents_what_why_example_use_instead_and_fix() {
    for meta in ddlint::rules::all() {
        let docs = meta.docs();
        for section in [
            "## What it does",
            "## Why",
            "## Example",
            "## Use instead",
            "## Fix",
        ] {
            assert!(docs.contains(section), "{} lacks `{section}`", meta.name);
        }
        assert!(!meta.summary.is_empty() && !meta.summary.contains('\n'));
        assert!(
            !docs
                .lines()
                .any(|line| line.starts_with(' ') && !line.starts_with("  ")),
            "{}: odd indent",
            meta.name
        );
    }
}

/// `ddlint rules --format json`: (code, name, level, summary) of every rule.
fn rules_json() -> Vec<(String, String, String, String)> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let field = |rule: &serde_json::Value, key: &str| rule[key].as_str().unwrap().to_owned();
    rules
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| {
            let [code, name, level, summary] =
                ["code", "name", "level", "summary"].map(|key| field(rule, key));
            (code, name, level, summary)
        })
        .collect()
}

/// The README's rules table lists every rule of `ddlint rules`, in its order, with its code,
/// name, default level and summary. A level cell may add where the level differs after `; `
/// (`error; warning for \`tile.support\``).
#[test]
fn readme_rules_table_matches_the_registry() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let rows: Vec<Vec<&str>> = readme
        .lines()
        .filter(|line| line.starts_with("| DD"))
        .map(|line| line.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let rules = rules_json();
    assert_eq!(
        rows.len(),
        rules.len(),
        "README.md's rules table has {} rows",
        rows.len()
    );
    for (row, (code, name, level, summary)) in rows.iter().zip(&rules) {
        let expected = format!("| {code} | `{name}` | {level} | {summary} |");
        assert_eq!(row.len(), 4, "{row:?}; expected {expected}");
        assert_eq!(row[0], code, "expected {expected}");
        assert_eq!(row[1], format!("`{name}`"), "expected {expected}");
        let cell_level = row[2].split("; ").next().unwrap();
        assert_eq!(cell_level, level, "{code}: expected {expected}");
        assert_eq!(row[3], summary, "{code}: expected {expected}");
    }
}

/// The one rule whose level depends on the field: the README says so, and the registry's
/// default is the level for every other field.
#[test]
fn anchor_unresolved_is_an_error_but_a_warning_for_support() {
    let meta = ddlint::rules::find("anchor-unresolved").unwrap();
    assert_eq!(meta.level, ddlint::diagnostic::Level::Error);
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("| DD104 | `anchor-unresolved` | error; warning for `tile.support` |"));
    let warning = std::process::Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args([
            "check",
            "--format",
            "json",
            "fixtures/anchor-unresolved-support",
        ])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&warning.stdout).unwrap();
    assert_eq!(document["diagnostics"][0]["name"], "anchor-unresolved");
    assert_eq!(document["diagnostics"][0]["level"], "warning");
}
