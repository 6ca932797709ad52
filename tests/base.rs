//! `--base REF` against a real temporary git repository.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::{copy_tree, git};

fn ddlint(repo: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .current_dir(repo)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap()
}

fn copy_integration(name: &str, to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid-no-oauth");
    copy_tree(&from, &to.join(name));
}

fn rules(output: &Output) -> Vec<(String, String)> {
    support::rule_and(output, "message")
}

#[test]
fn a_changed_app_uuid_is_reported_and_a_new_integration_is_not() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    copy_integration("acme", root);
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "base"]);
    let manifest = root.join("acme/manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let changed = text.replace(
        "144b8c72-b842-4257-9815-93aa63ad2da1",
        "2c6a5b1e-0f3d-4b8a-9c7e-5d4f3a2b1c0d",
    );
    std::fs::write(&manifest, changed).unwrap();
    copy_integration("newcomer", root);
    std::fs::write(
        root.join("newcomer/manifest.json"),
        text.replace(
            "144b8c72-b842-4257-9815-93aa63ad2da1",
            "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        ),
    )
    .unwrap();

    let output = ddlint(root, &["--base", "HEAD", "."]);
    assert_eq!(output.status.code(), Some(1));
    let found = rules(&output);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "app-uuid-changed");
    assert!(
        found[0]
            .1
            .contains("changed from `144b8c72-b842-4257-9815-93aa63ad2da1` at `HEAD`")
    );
}

#[test]
fn an_unknown_revision_or_no_repository_is_a_usage_error() {
    let repo = tempfile::tempdir().unwrap();
    copy_integration("acme", repo.path());
    let output = ddlint(repo.path(), &["--base", "HEAD", "acme"]);
    assert_eq!(output.status.code(), Some(2));
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-qm", "base"]);
    let output = ddlint(repo.path(), &["--base", "no-such-branch", "acme"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("--base: `no-such-branch` is not a commit git knows here")
    );
    let output = ddlint(repo.path(), &["--base", "--help", "acme"]);
    assert_eq!(output.status.code(), Some(2));
}

/// `acme` changes every immutable attribute at once; `newcomer`, new at the base revision,
/// holds the same manifest and is not judged; `upgraded` was a version 1.0.0 manifest at the
/// base revision, which Datadog's validator skips too.
#[test]
fn each_changed_immutable_attribute_is_one_finding_and_new_or_upgraded_manifests_none() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    copy_integration("acme", root);
    copy_integration("upgraded", root);
    let upgraded = root.join("upgraded/manifest.json");
    let text = std::fs::read_to_string(&upgraded).unwrap();
    let v1 = text.replace("\"2.0.0\"", "\"1.0.0\"").replace(
        "144b8c72-b842-4257-9815-93aa63ad2da1",
        "9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
    );
    std::fs::write(&upgraded, v1).unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "base"]);
    let changed = text
        .replace(
            "\"display_on_public_website\": true",
            "\"display_on_public_website\": false",
        )
        .replace(
            "\"source_type_name\": \"InsightFinder\"",
            "\"source_type_name\": \"Insight Finder\"",
        )
        .replace("\"InsightFinder Dashboard\"", "\"InsightFinder Overview\"");
    std::fs::write(root.join("acme/manifest.json"), &changed).unwrap();
    let upgraded_now = changed.replace(
        "144b8c72-b842-4257-9815-93aa63ad2da1",
        "9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
    );
    std::fs::write(&upgraded, &upgraded_now).unwrap();
    copy_integration("newcomer", root);
    std::fs::write(
        root.join("newcomer/manifest.json"),
        changed.replace(
            "144b8c72-b842-4257-9815-93aa63ad2da1",
            "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        ),
    )
    .unwrap();

    let output = ddlint(root, &["--base", "HEAD", "."]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found: Vec<(String, String, String)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            let dir = file.split('/').next().unwrap().to_owned();
            (
                dir,
                d["name"].as_str().unwrap().to_owned(),
                d["level"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        ("acme", "asset-short-name-removed", "error"),
        ("acme", "display-on-public-website-false", "error"),
        ("acme", "immutable-attribute-changed", "error"),
        ("newcomer", "display-on-public-website-false", "warning"),
        ("upgraded", "display-on-public-website-false", "warning"),
    ]
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
    assert_eq!(found, expected);
    let messages = rules(&output);
    assert!(messages.iter().any(|(_, m)| m
        == "dashboard short name `InsightFinder Dashboard` at `HEAD` was renamed to `InsightFinder Overview`"));
    assert!(messages.iter().any(|(_, m)| m
        == "`assets.integration.source_type_name` changed from `InsightFinder` at `HEAD` to `Insight Finder`"));
}
