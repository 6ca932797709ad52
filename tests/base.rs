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
