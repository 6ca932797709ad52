//! Each integration is judged as the repository it belongs to: a manifest with a non-empty
//! `pricing` or a `legal_terms` is a Marketplace listing, any other an extras integration (two
//! real extras manifests carry `"pricing": []`); `--repo-kind` and the configuration override
//! the detection for every integration of the run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use support::copy_tree;

/// 75 characters: over the Marketplace's 70 (an error there), within extras' 80 (nothing).
const DESCRIPTION: &str =
    "Detect, predict and explain incidents in Datadog data with InsightFinder AI";

/// A repository root holding `priced` (an extras integration with `"pricing": []`) and `listing`
/// (a Marketplace listing), both with a 75-character description.
fn mixed_tree() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let priced = root.path().join("priced");
    copy_tree(Path::new("fixtures/valid-no-oauth"), &priced);
    edit(&priced.join("manifest.json"), |text| {
        text.replacen("\"assets\": {", "\"pricing\": [],\n  \"assets\": {", 1)
    });
    let listing = root.path().join("listing");
    copy_tree(Path::new("fixtures/valid-marketplace-listing"), &listing);
    for dir in [&priced, &listing] {
        edit(&dir.join("manifest.json"), |text| {
            let start = text.find("\"description\": \"").unwrap() + "\"description\": \"".len();
            let end = start + text[start..].find('"').unwrap();
            format!("{}{DESCRIPTION}{}", &text[..start], &text[end..])
        });
    }
    root
}

fn edit(path: &Path, change: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let changed = change(&text);
    assert_ne!(text, changed, "{}: nothing changed", path.display());
    std::fs::write(path, changed).unwrap();
}

/// (integration, rule, level) of every finding of `ddlint check ROOT ARGS`.
fn findings(root: &Path, args: &[&str]) -> BTreeSet<(String, String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .arg("check")
        .arg(root)
        .args(["--format", "json"])
        .args(if args.contains(&"--config") {
            &[][..]
        } else {
            &["--no-config"][..]
        })
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = Path::new(d["file"].as_str().unwrap());
            let relative = file.strip_prefix(root).unwrap();
            let integration = relative.components().next().unwrap();
            (
                integration.as_os_str().to_string_lossy().into_owned(),
                d["name"].as_str().unwrap().to_owned(),
                d["level"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn finding(integration: &str, rule: &str, level: &str) -> (String, String, String) {
    (integration.to_owned(), rule.to_owned(), level.to_owned())
}

fn rules_of<'a>(
    found: &'a BTreeSet<(String, String, String)>,
    integration: &'a str,
) -> BTreeSet<&'a str> {
    found
        .iter()
        .filter(|(dir, _, _)| dir == integration)
        .map(|(_, rule, _)| rule.as_str())
        .collect()
}

#[test]
fn a_tree_mixing_extras_and_listings_judges_each_by_its_own_kind() {
    let root = mixed_tree();
    let found = findings(root.path(), &[]);
    assert_eq!(
        found,
        BTreeSet::from([finding("listing", "description-too-long", "error")])
    );
}

#[test]
fn repo_kind_marketplace_judges_every_integration_as_a_listing() {
    let root = mixed_tree();
    let found = findings(root.path(), &["--repo-kind", "marketplace"]);
    assert!(found.contains(&finding("priced", "description-too-long", "error")));
    assert!(found.contains(&finding("listing", "description-too-long", "error")));
    let priced = rules_of(&found, "priced");
    for rule in ["marketplace-field-missing", "pricing-invalid"] {
        assert!(priced.contains(rule), "{rule}: {found:#?}");
    }
    assert!(!priced.contains("manifest-schema"), "{found:#?}");
    assert_eq!(
        rules_of(&found, "listing"),
        BTreeSet::from(["description-too-long"])
    );
}

#[test]
fn repo_kind_extras_judges_every_integration_as_extras() {
    let root = mixed_tree();
    let found = findings(root.path(), &["--repo-kind", "extras"]);
    assert_eq!(
        rules_of(&found, "listing"),
        BTreeSet::from(["manifest-schema"]),
        "owner, auto_install, source_type_id: {found:#?}"
    );
    assert!(rules_of(&found, "priced").is_empty(), "{found:#?}");
}

#[test]
fn the_configurations_repo_kind_overrides_the_detection_too() {
    let root = mixed_tree();
    let config = root.path().join("ddlint.toml");
    std::fs::write(&config, "repo-kind = \"marketplace\"\n").unwrap();
    let config = config.to_string_lossy().into_owned();
    let found = findings(root.path(), &["--config", &config]);
    assert!(found.contains(&finding("priced", "description-too-long", "error")));
    let flag = findings(root.path(), &["--config", &config, "--repo-kind", "extras"]);
    assert!(
        rules_of(&flag, "listing").contains("manifest-schema")
            && !flag.contains(&finding("priced", "description-too-long", "error")),
        "the flag wins over the configuration: {flag:#?}"
    );
}
