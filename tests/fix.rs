//! `--fix --unsafe-fixes` over a copy of the bundled real integrations: every fixable finding
//! is fixed, the files change only where the fixes apply, and a second run changes nothing; and
//! `--diff` and `--fix` on one real integration. (The same over the full shared sample is in
//! `tests/shared_corpus.rs`.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::copy_tree;

const CORPUS: &str = support::corpus::BUNDLED;

fn ddlint(args: &[&str], path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(["check", "--color", "never"])
        .args(args)
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn fixing_the_bundled_corpus_changes_only_what_the_fixes_name_and_is_idempotent() {
    let changed_files = support::corpus::fix_everything(Path::new(CORPUS));
    assert!(changed_files > 20, "only {changed_files} files changed");
}

#[test]
fn diff_writes_nothing_and_exits_1_when_there_is_something_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("artie");
    copy_tree(&Path::new(CORPUS).join("artie"), &target);
    let before = std::fs::read_to_string(target.join("manifest.json")).unwrap();
    let output = ddlint(&["--diff"], &target);
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8(output.stdout).unwrap();
    assert!(
        diff.contains("+    \"uninstallation\": \"README.md#Uninstallation\",\n"),
        "{diff}"
    );
    assert!(
        !diff.contains("README.md\n"),
        "safe fixes only: the README is left alone\n{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(target.join("manifest.json")).unwrap(),
        before
    );
}

#[test]
fn fix_reports_what_remains_and_never_touches_app_uuid() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("artie");
    copy_tree(&Path::new(CORPUS).join("artie"), &target);
    let manifest = target.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace(
            "3ccc5034-0902-4e00-8a69-04d007d31310",
            "3CCC5034-0902-4E00-8A69-04D007D31310",
        ),
    )
    .unwrap();
    let output = ddlint(&["--fix", "--unsafe-fixes", "--format", "json"], &target);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("Fixed 2 findings in 2 files."));
    let after = std::fs::read_to_string(&manifest).unwrap();
    assert!(after.contains("3CCC5034-0902-4E00-8A69-04D007D31310"));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"app-uuid-invalid"), "{names:?}");
    assert!(
        !names.contains(&"uninstallation-field-missing"),
        "{names:?}"
    );
}

/// singlestoredb_cloud titles its section "Uninstall the Datadog integration": the unsafe fixes
/// rename it, make it the H2 after Setup and complete its sentences, and no uninstall finding
/// is left (the corpus-wide run above asserts the same for every integration).
#[test]
fn unsafe_fixes_rename_a_lookalike_heading_and_leave_no_uninstall_finding() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("singlestoredb_cloud");
    copy_tree(&Path::new(CORPUS).join("singlestoredb_cloud"), &target);
    let output = ddlint(&["--fix", "--unsafe-fixes", "--format", "json"], &target);
    assert!(matches!(output.status.code(), Some(0 | 1)));
    let readme = std::fs::read_to_string(target.join("README.md")).unwrap();
    assert!(readme.contains("\n## Uninstallation\n"), "{readme}");
    assert!(!readme.contains("Uninstall the Datadog integration\n"));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let left: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .filter(|name| name.contains("uninstall"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
