//! Repository roots: which root's `.github/CODEOWNERS` and `.ddev/config.toml` apply to an
//! integration (the root given, or the parent of an integration given by itself when it holds
//! either file), that they are read only when a rule needs them, and never through a link
//! that leads out.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{copy_tree, rule_and};

/// A repository root with `planetscale` and a CODEOWNERS without its entry.
const MISSING_ENTRY: &str = "fixtures/codeowners-entry-missing-new-integration";
/// A repository root whose `.ddev/config.toml` gives `snmpwalk` (no prefix in its manifest)
/// its metric prefix.
const VALID_ROOT: &str = "fixtures/valid-repository-root";

fn ddlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .current_dir(cwd)
        .args(["check", "--format", "json"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn names(output: &Output) -> Vec<String> {
    rule_and(output, "name")
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

fn copy(fixture: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(Path::new(fixture), &tmp.path().join("repo"));
    tmp
}

#[test]
fn an_integration_given_by_itself_or_by_a_file_uses_its_parents_root() {
    let tmp = copy(MISSING_ENTRY);
    let repo = tmp.path().join("repo");
    for path in ["repo", "repo/planetscale", "repo/planetscale/metadata.csv"] {
        let output = ddlint(tmp.path(), &[path]);
        assert_eq!(names(&output), ["codeowners-entry-missing"], "{path}");
        let files = rule_and(&output, "file");
        assert_eq!(files[0].1, "repo/.github/CODEOWNERS", "{path}");
    }
    let output = ddlint(&repo.join("planetscale"), &["."]);
    assert_eq!(
        names(&output),
        ["codeowners-entry-missing"],
        "`.` climbs to its parent"
    );
    let output = ddlint(&repo, &["planetscale"]);
    assert_eq!(rule_and(&output, "file")[0].1, ".github/CODEOWNERS");
}

#[test]
fn an_integration_whose_parent_is_no_root_gets_no_root() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(VALID_ROOT).join("snmpwalk"),
        &tmp.path().join("alone/snmpwalk"),
    );
    let output = ddlint(tmp.path(), &["alone/snmpwalk"]);
    assert_eq!(
        names(&output),
        ["metadata-prefix"],
        "without the root's override, snmpwalk has no prefix"
    );
    let output = ddlint(Path::new("."), &[&format!("{VALID_ROOT}/snmpwalk")]);
    assert!(names(&output).is_empty(), "the root's override applies");
}

#[test]
fn the_root_files_are_read_only_for_the_rules_that_need_them() {
    let tmp = copy(VALID_ROOT);
    let repo = tmp.path().join("repo");
    std::fs::write(repo.join(".ddev/config.toml"), "[overrides\n").unwrap();
    let output = ddlint(tmp.path(), &["repo"]);
    assert!(names(&output).contains(&"invalid-toml".to_owned()));
    let off = ddlint(tmp.path(), &["repo", "--ignore", "DD32"]);
    assert!(
        names(&off).is_empty(),
        "no metadata rule ran: the config was never read"
    );
}

#[cfg(unix)]
#[test]
fn a_root_file_behind_a_link_that_leads_out_is_not_read() {
    let tmp = copy(MISSING_ENTRY);
    let repo = tmp.path().join("repo");
    std::fs::rename(repo.join(".github"), tmp.path().join("outside")).unwrap();
    std::os::unix::fs::symlink("../outside", repo.join(".github")).unwrap();
    let output = ddlint(tmp.path(), &["repo"]);
    let found = rule_and(&output, "message");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "file-unreadable");
    assert!(
        found[0].1.contains("leads outside the repository root"),
        "{found:?}"
    );
}

#[test]
fn a_repository_finding_belongs_to_its_integration_for_ignores() {
    let tmp = copy(MISSING_ENTRY);
    std::fs::write(
        tmp.path().join("ddlint.toml"),
        "[[ignore]]\nrule = \"codeowners-entry-missing\"\nintegration = \"planetscale\"\nreason = \"the entry is added by Datadog\"\n",
    )
    .unwrap();
    let output = ddlint(tmp.path(), &["--config", "ddlint.toml", "repo"]);
    assert!(names(&output).is_empty(), "{:?}", names(&output));
}
