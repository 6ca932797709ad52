//! Helpers the integration tests share: copying a fixture tree, running git, the real corpus.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod corpus;
pub mod listings;

use std::path::Path;
use std::process::Command;

/// Copies a directory tree, leaving out reviewed outputs (`expected.*`); the copies are
/// writable (the shared corpus is read-only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if name.to_string_lossy().starts_with("expected.") {
            continue;
        }
        if path.is_dir() {
            copy_tree(&path, &to.join(name));
        } else {
            let target = to.join(name);
            std::fs::copy(&path, &target).unwrap();
            let mut permissions = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            std::fs::set_permissions(&target, permissions).unwrap();
        }
    }
}

/// Runs git in `repo` as a throwaway identity; panics when it fails.
pub fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(repo)
        .args(["-c", "user.name=ddlint", "-c", "user.email=ddlint@invalid"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// (rule name, `field`) of every diagnostic in a `--format json` output.
pub fn rule_and(output: &std::process::Output, field: &str) -> Vec<(String, String)> {
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let name = d["name"].as_str().unwrap().to_owned();
            (name, d[field].as_str().unwrap().to_owned())
        })
        .collect()
}
