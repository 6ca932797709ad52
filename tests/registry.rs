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

#[test]
fn readme_rules_table_matches_the_registry() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let rows: Vec<&str> = readme
        .lines()
        .filter(|line| line.starts_with("| DD"))
        .collect();
    let expected: Vec<String> = ddlint::rules::all()
        .map(|meta| {
            format!(
                "| {} | `{}` | {} | {} |",
                meta.code,
                meta.name,
                meta.level.as_str(),
                meta.summary
            )
        })
        .collect();
    assert!(
        rows == expected,
        "README.md's rules table is out of date; it should read:\n{}",
        expected.join("\n")
    );
}
