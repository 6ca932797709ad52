//! A directory inside an integration that poses as a git repository (HEAD, objects/, refs/ and
//! a config whose fsmonitor runs a command) neither runs that command nor changes what ddlint
//! learns from git, under `--changed-since` and `--base`; a git failure is exit 2, never
//! "nothing changed".

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(unix)]

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{copy_tree, git};

fn ddlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .current_dir(cwd)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap()
}

/// A fake repository's layout inside `dir`: the git directory of a real repository with one
/// commit (HEAD, objects/, refs/), made bare-looking, whose config points its work tree at
/// itself and whose fsmonitor would create `marker`.
fn plant_fake_repository(dir: &Path, marker: &Path) {
    let donor = tempfile::tempdir().unwrap();
    git(donor.path(), &["init", "-q"]);
    std::fs::write(donor.path().join("x"), "x").unwrap();
    git(donor.path(), &["add", "x"]);
    git(donor.path(), &["commit", "-qm", "fake"]);
    let git_dir = donor.path().join(".git");
    for name in ["HEAD", "objects", "refs"] {
        let from = git_dir.join(name);
        let status = Command::new("cp")
            .arg("-r")
            .arg(&from)
            .arg(dir)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let config = format!(
        "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = \"touch {}; false\"\n",
        marker.display()
    );
    std::fs::write(dir.join("config"), config).unwrap();
}

/// A committed repository with the integrations `acme` (holding the fake repository) and
/// `other`.
fn repository() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid-no-oauth");
    copy_tree(&fixture, &root.join("acme"));
    copy_tree(&fixture, &root.join("other"));
    let other = root.join("other/manifest.json");
    let text = std::fs::read_to_string(&other).unwrap();
    let text = text.replace(
        "144b8c72-b842-4257-9815-93aa63ad2da1",
        "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
    );
    std::fs::write(other, text).unwrap();
    let marker = tmp.path().join("PWNED");
    plant_fake_repository(&root.join("acme"), &marker);
    git(&root, &["init", "-q"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-qm", "base"]);
    (tmp, root)
}

fn names(output: &Output) -> Vec<String> {
    support::rule_and(output, "name")
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn changed_since_is_not_fooled_by_a_fake_repository_inside_an_integration() {
    let (tmp, root) = repository();
    let readme = root.join("acme/README.md");
    let text = std::fs::read_to_string(&readme).unwrap();
    std::fs::write(&readme, text.replace("## Overview", "## Overveiw")).unwrap();
    let output = ddlint(&root, &["--changed-since", "HEAD", "."]);
    assert!(
        !tmp.path().join("PWNED").exists(),
        "the fake repository's fsmonitor ran"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        document["summary"]["integrations"], 1,
        "acme changed and is checked, other is not"
    );
    assert!(names(&output).contains(&"overview-section-missing".to_owned()));
}

#[test]
fn base_is_not_fooled_by_a_fake_repository_inside_an_integration() {
    let (tmp, root) = repository();
    let manifest = root.join("acme/manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let changed = text.replace(
        "144b8c72-b842-4257-9815-93aa63ad2da1",
        "2c6a5b1e-0f3d-4b8a-9c7e-5d4f3a2b1c0d",
    );
    std::fs::write(&manifest, changed).unwrap();
    let output = ddlint(&root, &["--base", "HEAD", "."]);
    assert!(
        !tmp.path().join("PWNED").exists(),
        "the fake repository's fsmonitor ran"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(names(&output), ["app-uuid-changed"]);
}

#[test]
fn run_from_inside_the_fake_repository_git_refuses_and_ddlint_fails_closed() {
    let (tmp, root) = repository();
    let acme = root.join("acme");
    for flag in ["--changed-since", "--base"] {
        let output = ddlint(&acme, &[flag, "HEAD", "."]);
        assert!(
            !tmp.path().join("PWNED").exists(),
            "the fake repository's fsmonitor ran"
        );
        assert_eq!(
            output.status.code(),
            Some(2),
            "{flag}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(flag) && stderr.contains("git"), "{stderr}");
    }
}

#[test]
fn outside_any_repository_both_flags_are_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid-no-oauth");
    copy_tree(&fixture, &tmp.path().join("acme"));
    for flag in ["--changed-since", "--base"] {
        let output = ddlint(tmp.path(), &[flag, "HEAD", "acme"]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(output.stdout.is_empty(), "no report when git cannot answer");
    }
}
