//! Fixture snapshots: every `fixtures/<rule-name>-<case>/` is checked, and its human and JSON
//! output must equal the reviewed `expected.txt` and `expected.json` beside it.
//! `DDLINT_BLESS=1 cargo test --test fixtures` rewrites them; review the diff like code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::{copy_tree, git};

use std::process::Command;

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .expect("fixtures/ is readable")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// The flags in a fixture's `ddlint.args`, if it has one.
fn fixture_args(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("ddlint.args"))
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// A fixture whose `ddlint.args` asks for `--diff`: its reviewed output is `expected.diff`.
fn is_diff(dir: &Path) -> bool {
    fixture_args(dir).iter().any(|arg| arg == "--diff")
}

/// Runs the real binary on a fixture in `format` (`diff` for the fixture's own `--diff` run),
/// with the flags in its `ddlint.args`; a `--diff` fixture is linted without `--diff` otherwise.
/// A fixture with a `base/` directory is first committed to a temporary git repository with the
/// files of `base/` in place, and checked against that commit with `--base HEAD`.
fn run(dir: &Path, format: &str) -> String {
    let mut args = fixture_args(dir);
    if format == "diff" {
        args.extend(["--color", "never"].map(str::to_owned));
    } else {
        args.retain(|arg| arg != "--diff" && arg != "--unsafe-fixes");
        args.extend(["--format", format, "--color", "never"].map(str::to_owned));
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_ddlint"));
    command.env_remove("COLUMNS").env("NO_COLOR", "1");
    let _repo;
    if dir.join("base").is_dir() {
        let (repo, integration) = git_fixture(dir);
        command
            .current_dir(repo.path())
            .arg("check")
            .arg(integration)
            .args(["--base", "HEAD"]);
        _repo = repo;
    } else {
        command.arg("check").arg(dir);
    }
    let output = command.args(&args).output().expect("ddlint runs");
    let config_error = self::name(dir).starts_with("config-invalid-");
    assert!(
        matches!(output.status.code(), Some(0 | 1))
            || config_error && output.status.code() == Some(2),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// A temporary git repository whose HEAD holds the fixture with `base/` laid over it, and whose
/// work tree holds the fixture as it is.
fn git_fixture(dir: &Path) -> (tempfile::TempDir, String) {
    let repo = tempfile::tempdir().unwrap();
    let name = self::name(dir);
    let target = repo.path().join(&name);
    copy_tree(dir, &target);
    copy_tree(&dir.join("base"), &target);
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &["commit", "-qm", "base"],
    ] {
        git(repo.path(), args);
    }
    copy_tree(dir, &target);
    (repo, name)
}

/// The rule names of a JSON output.
fn rule_names(document: &str) -> Vec<String> {
    let document: serde_json::Value = serde_json::from_str(document).unwrap();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_owned())
        .collect()
}

fn compare(path: &Path, actual: &str, failures: &mut Vec<String>) {
    assert!(
        !actual.contains(env!("CARGO_MANIFEST_DIR")),
        "{}: the output holds this machine's path:\n{actual}",
        path.display()
    );
    if std::env::var_os("DDLINT_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{} differs (DDLINT_BLESS=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ));
    }
}

#[test]
fn every_fixture_matches_its_reviewed_output() {
    let mut failures = Vec::new();
    for dir in fixtures() {
        if is_diff(&dir) {
            compare(
                &dir.join("expected.diff"),
                &run(&dir, "diff"),
                &mut failures,
            );
            continue;
        }
        compare(
            &dir.join("expected.txt"),
            &run(&dir, "human"),
            &mut failures,
        );
        compare(
            &dir.join("expected.json"),
            &run(&dir, "json"),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn valid_fixtures_produce_nothing_and_others_fire_their_rule() {
    for dir in fixtures() {
        let name = name(&dir);
        let found = rule_names(&run(&dir, "json"));
        if name.starts_with("valid-") {
            assert!(
                found.is_empty(),
                "{name} must produce nothing, found {found:?}"
            );
            continue;
        }
        let rule = ddlint::rules::all()
            .map(|rule| rule.name)
            .filter(|rule| name.starts_with(&format!("{rule}-")))
            .max_by_key(|rule| rule.len())
            .unwrap_or_else(|| panic!("fixture {name} is not named <rule-name>-<case>"));
        assert!(
            found.iter().any(|found| found == rule),
            "fixture {name} does not fire {rule}"
        );
    }
}

#[test]
fn every_rule_has_a_fixture_that_fires_it() {
    let names: BTreeSet<String> = fixtures().iter().map(|dir| name(dir)).collect();
    for rule in ddlint::rules::all() {
        let rule = rule.name;
        assert!(
            names
                .iter()
                .any(|name| name.starts_with(&format!("{rule}-"))),
            "rule {rule} has no fixture fixtures/{rule}-<case>/"
        );
    }
}

#[test]
fn labels_lie_inside_their_files_on_char_boundaries() {
    for dir in fixtures()
        .into_iter()
        .filter(|dir| !dir.join("base").exists())
    {
        let document: serde_json::Value = serde_json::from_str(&run(&dir, "json")).unwrap();
        for diagnostic in document["diagnostics"].as_array().unwrap() {
            for label in diagnostic["labels"].as_array().unwrap() {
                let text = std::fs::read(label["file"].as_str().unwrap()).unwrap_or_default();
                let text = String::from_utf8_lossy(&text);
                let (start, end) = (
                    label["offset"].as_u64().unwrap() as usize,
                    label["end_offset"].as_u64().unwrap() as usize,
                );
                assert!(
                    start <= end && end <= text.len(),
                    "{}: {start}..{end}",
                    dir.display()
                );
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
        }
    }
}

#[test]
fn diff_fixtures_change_something_and_keep_the_rest_of_the_file() {
    for dir in fixtures().into_iter().filter(|dir| is_diff(dir)) {
        let diff = run(&dir, "diff");
        assert!(diff.starts_with("--- a/"), "{}: {diff}", dir.display());
        assert!(
            diff.lines()
                .any(|line| line.starts_with('+') && !line.starts_with("+++"))
        );
    }
}
