//! `uninstall-section-misplaced` under each placement policy, on a section nested in Setup
//! (fauna), the H2 after Setup (notion) and an H2 after Data Collected (ably), in extras and as
//! a Marketplace listing: which level it reports, and which fix it offers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

/// (level, fix applicability) of the rule's findings on `fixture` with `args`.
fn verdict(fixture: &str, args: &[&str]) -> Vec<(String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args([
            "check",
            "--format",
            "json",
            "--select",
            "uninstall-section-misplaced",
        ])
        .args(args)
        .arg(format!("fixtures/{fixture}"))
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let fix = d["fix"]["applicability"].as_str().unwrap_or("none");
            (d["level"].as_str().unwrap().to_owned(), fix.to_owned())
        })
        .collect()
}

fn one(level: &str, fix: &str) -> Vec<(String, String)> {
    vec![(level.to_owned(), fix.to_owned())]
}

const NESTED: &str = "uninstall-section-misplaced-nested-in-setup";
const AFTER: &str = "valid-oauth-after-setup";
const ELSEWHERE: &str = "uninstall-section-misplaced-after-data-collected";

#[test]
fn by_default_the_h2_after_setup_passes_and_a_nested_section_is_a_warning_in_extras() {
    assert_eq!(verdict(NESTED, &[]), one("warning", "safe"));
    assert!(verdict(AFTER, &[]).is_empty());
    assert_eq!(verdict(ELSEWHERE, &[]), one("error", "unsafe"));
}

#[test]
fn in_the_marketplace_a_nested_section_is_an_error() {
    let marketplace = ["--repo-kind", "marketplace"];
    assert_eq!(verdict(NESTED, &marketplace), one("error", "safe"));
    assert!(verdict(AFTER, &marketplace).is_empty());
    assert_eq!(
        verdict("uninstall-section-misplaced-nested-listing", &[]),
        one("error", "safe")
    );
}

#[test]
fn a_policy_given_overrides_the_default() {
    let policy = |name| ["--uninstall-placement", name];
    assert!(verdict(NESTED, &policy("either")).is_empty());
    assert!(verdict(AFTER, &policy("either")).is_empty());
    assert!(verdict(NESTED, &policy("nested")).is_empty());
    assert_eq!(verdict(AFTER, &policy("nested")), one("error", "none"));
    assert_eq!(
        verdict(NESTED, &policy("after-setup")),
        one("error", "safe")
    );
    assert!(verdict(AFTER, &policy("after-setup")).is_empty());
    for name in ["either", "nested", "after-setup"] {
        assert_eq!(verdict(ELSEWHERE, &policy(name)).len(), 1, "{name}");
    }
    let marketplace_either = [
        "--repo-kind",
        "marketplace",
        "--uninstall-placement",
        "either",
    ];
    assert!(verdict(NESTED, &marketplace_either).is_empty());
}
