//! `--fix --unsafe-fixes` over a copy of the whole corpus: every fixable finding is fixed, the
//! files change only where the fixes apply, and a second run changes nothing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::copy_tree;

const CORPUS: &str = "../shared/corpus/integrations-extras";

fn ddlint(args: &[&str], path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(["check", "--color", "never"])
        .args(args)
        .arg(path)
        .output()
        .unwrap()
}

fn integrations(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("manifest.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The manifest as a JSON value without `tile.uninstallation`.
fn without_uninstallation(text: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    if let Some(tile) = value.get_mut("tile").and_then(|t| t.as_object_mut()) {
        tile.remove("uninstallation");
    }
    value
}

/// The README without its Uninstallation section (heading through the next heading of the same
/// or a higher level), for comparing what lies outside it.
fn outside_uninstall_section(text: &str) -> String {
    let mut out = String::new();
    let mut skipping: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let level = line.chars().take_while(|&c| c == '#').count();
        let heading = level > 0 && line[level..].starts_with(' ');
        if heading && skipping.is_some_and(|depth| level <= depth) {
            skipping = None;
        }
        if heading && line[level..].trim().eq_ignore_ascii_case("uninstallation") {
            skipping = Some(level);
        }
        if skipping.is_none() {
            out.push_str(line);
        }
    }
    out
}

fn changed_lines(before: &str, after: &str) -> Vec<String> {
    similar::TextDiff::from_lines(before, after)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| c.value().to_owned())
        .collect()
}

#[test]
fn fixing_the_corpus_changes_only_what_the_fixes_name_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    copy_tree(Path::new(CORPUS), &root);
    let output = ddlint(&["--fix", "--unsafe-fixes", "--format", "json"], &root);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let remaining: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let fixable: Vec<_> = remaining["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["fix"].is_null())
        .map(|d| format!("{} {}", d["file"], d["name"]))
        .collect();
    assert!(fixable.is_empty(), "fixable findings remain: {fixable:?}");

    let mut changed_files = 0;
    for fixed in integrations(&root) {
        let original = Path::new(CORPUS).join(fixed.file_name().unwrap());
        let (before, after) = (
            std::fs::read_to_string(original.join("manifest.json")).unwrap(),
            std::fs::read_to_string(fixed.join("manifest.json")).unwrap(),
        );
        if before != after {
            changed_files += 1;
            assert_eq!(
                without_uninstallation(&before),
                without_uninstallation(&after),
                "{}",
                fixed.display()
            );
            let value: serde_json::Value = serde_json::from_str(&after).unwrap();
            assert_eq!(value["tile"]["uninstallation"], "README.md#Uninstallation");
            for line in changed_lines(&before, &after) {
                assert!(
                    line.contains("\"uninstallation\"") || line.contains("\"support\""),
                    "{}: {line}",
                    fixed.display()
                );
            }
            assert_eq!(before.ends_with('\n'), after.ends_with('\n'));
        }
        let (before, after) = (
            std::fs::read_to_string(original.join("README.md")).unwrap(),
            std::fs::read_to_string(fixed.join("README.md")).unwrap(),
        );
        if before != after {
            changed_files += 1;
            assert_eq!(
                outside_uninstall_section(&before),
                outside_uninstall_section(&after),
                "{}",
                fixed.display()
            );
        }
    }
    assert!(changed_files > 20, "only {changed_files} files changed");

    let again = ddlint(&["--diff", "--unsafe-fixes"], &root);
    assert_eq!(
        again.status.code(),
        Some(0),
        "a second run would change:\n{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert!(again.stdout.is_empty());
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
