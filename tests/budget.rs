//! The run's byte budget (`--read-limit`): files past it are reported, not read, and the other
//! integrations are still checked as far as the budget goes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::Path;
use std::process::Command;

use support::copy_tree;

/// `count` copies of a clean integration, each README padded to `readme_bytes`.
fn repository(count: usize, readme_bytes: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid-no-oauth");
    for index in 0..count {
        let dir = tmp.path().join(format!("repo/acme_{index}"));
        copy_tree(&fixture, &dir);
        let manifest = dir.join("manifest.json");
        let text = std::fs::read_to_string(&manifest).unwrap();
        let uuid = format!("144b8c72-b842-4257-9815-{index:012}");
        std::fs::write(
            &manifest,
            text.replace("144b8c72-b842-4257-9815-93aa63ad2da1", &uuid),
        )
        .unwrap();
        let readme = dir.join("README.md");
        let mut text = std::fs::read_to_string(&readme).unwrap();
        text.push_str(&"\n".repeat(readme_bytes.saturating_sub(text.len())));
        std::fs::write(readme, text).unwrap();
    }
    tmp
}

fn run(cwd: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .current_dir(cwd)
        .args(["check", "--format", "json"])
        .args(args)
        .arg("repo")
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap();
    (output.status.code(), report)
}

#[test]
fn files_past_the_read_limit_are_reported_and_the_rest_is_checked() {
    let tmp = repository(4, 700 * 1024);
    let (code, report) = run(tmp.path(), &["--read-limit", "2"]);
    assert_eq!(code, Some(1));
    assert_eq!(report["summary"]["integrations"], 4);
    let over: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == "file-unreadable")
        .collect();
    // 2 MiB hold two of the four 700 KiB READMEs (and every small manifest) but not three.
    assert_eq!(over.len(), 2, "{report:#}");
    for finding in over {
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.contains("README.md") && message.contains("limit of 2 MiB"),
            "{message}"
        );
        assert_eq!(finding["line"], 1);
    }
}

#[test]
fn within_the_default_limit_nothing_is_refused() {
    let tmp = repository(4, 700 * 1024);
    let (code, report) = run(tmp.path(), &[]);
    assert_eq!(code, Some(0), "{report:#}");
}
