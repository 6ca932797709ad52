//! The real integrations the tests run on: the bundled ones (`tests/corpus`, always there), and
//! the full shared sample (`../shared/corpus`) when it sits beside the project. What the tests
//! over either one share: the reviewed findings list, `--fix` over a whole copy, and runs of the
//! real binary that must give the same output twice.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::copy_tree;

/// The bundled integrations, a repository root (with `.github/` and `.ddev/`).
pub const BUNDLED: &str = "tests/corpus/integrations-extras";
/// The reviewed findings on the bundled integrations.
pub const BUNDLED_REVIEWED: &str = "tests/corpus/findings.txt";
/// The full shared sample, beside the project; CI has it, a fresh clone does not.
pub const SHARED: &str = "../shared/corpus";
pub const SHARED_EXTRAS: &str = "../shared/corpus/integrations-extras";
pub const SHARED_MARKETPLACE: &str = "../shared/corpus/marketplace";
/// The reviewed findings on the full integrations-extras sample.
pub const SHARED_REVIEWED: &str = "tests/corpus-findings.txt";
/// The reviewed findings on the Marketplace sample.
pub const SHARED_MARKETPLACE_REVIEWED: &str = "tests/marketplace-findings.txt";

/// The integration directories of a repository root (those holding `manifest.json`), sorted.
pub fn integrations(root: &Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(root).unwrap_or_else(|error| panic!("{}: {error}", root.display()));
    let mut dirs: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("manifest.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The report of every rule over the repository `root`, in-process.
pub fn check(root: &Path) -> ddlint::Report {
    ddlint::check(&[root.to_owned()], &ddlint::Settings::default())
        .unwrap_or_else(|error| panic!("{}: {error}", root.display()))
}

/// The report as the JSON output.
pub fn json(report: &ddlint::Report) -> String {
    let mut document = Vec::new();
    ddlint::output::json::render(report, &mut document).unwrap();
    String::from_utf8(document).unwrap()
}

/// The integration directory (under `root`) a diagnostic is in.
pub fn integration_of(diagnostic: &ddlint::diagnostic::Diagnostic, root: &Path) -> String {
    let path = diagnostic.primary.file.path();
    let relative = path
        .strip_prefix(root)
        .unwrap_or_else(|_| panic!("{} is not under {}", path.display(), root.display()));
    let first = relative.components().next().unwrap();
    first.as_os_str().to_string_lossy().into_owned()
}

/// Every finding as `integration rule line`, sorted, one line each (the reviewed lists' format).
pub fn finding_lines(report: &ddlint::Report, root: &Path) -> String {
    let mut lines: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let line = d.primary.file.line_col(d.primary.span.start).line;
            format!("{} {} {line}", integration_of(d, root), d.rule.name)
        })
        .collect();
    lines.sort();
    lines.join("\n") + "\n"
}

/// `actual` must equal the reviewed file; `DDLINT_BLESS=1` rewrites it (review the diff).
pub fn assert_reviewed(actual: &str, reviewed: &str) {
    if std::env::var_os("DDLINT_BLESS").is_some() {
        std::fs::write(reviewed, actual).unwrap();
    }
    let expected = std::fs::read_to_string(reviewed).unwrap_or_default();
    let diff = similar::TextDiff::from_lines(&expected, actual);
    assert!(
        expected == actual,
        "findings changed (review, then DDLINT_BLESS=1 rewrites {reviewed}):\n{}",
        diff.unified_diff().header("reviewed", "actual")
    );
}

/// The OAuth integrations that lack `tile.uninstallation` (and, the first two, the section):
/// the gaps that made ddlint worth writing, all of them real.
pub fn assert_known_oauth_gaps(report: &ddlint::Report, root: &Path) {
    let found: Vec<(String, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (integration_of(d, root), d.rule.name))
        .collect();
    let has = |dir: &str, rule: &str| found.iter().any(|(d, r)| d == dir && *r == rule);
    for dir in ["artie", "census", "invary", "isdown", "singlestoredb_cloud"] {
        assert!(
            has(dir, "uninstallation-field-missing"),
            "{dir}: uninstallation-field-missing not reported"
        );
    }
    for dir in ["artie", "census", "singlestoredb_cloud"] {
        assert!(
            has(dir, "uninstall-section-missing"),
            "{dir}: uninstall-section-missing not reported"
        );
    }
    let support: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == "anchor-unresolved" && d.message.contains("README.md#Support"))
        .collect();
    assert!(!support.is_empty());
    assert!(
        support
            .iter()
            .all(|d| d.level == ddlint::diagnostic::Level::Warning),
        "an unresolved `tile.support` anchor is a warning"
    );
    // insightfinder: no OAuth, `## Overview`, `## Setup`, and `#Support` resolves.
    assert!(
        !found.iter().any(|(dir, _)| dir == "insightfinder"),
        "insightfinder is clean: {found:?}"
    );
}

/// The bundled schema accepts every real manifest: no `manifest-schema` finding.
pub fn assert_schema_accepts_all(report: &ddlint::Report) {
    let schema: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == "manifest-schema")
        .map(|d| format!("{}: {}", d.primary.file.path().display(), d.message))
        .collect();
    assert!(schema.is_empty(), "{schema:#?}");
}

/// `ddlint check` (the real binary) with `args`, in `cwd`, without colour.
pub fn ddlint_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

/// `ddlint check --format F PATH` in `cwd`, twice per format (JSON and human): both runs exit 0
/// or 1, say nothing on standard error, and print the same bytes. Returns the JSON document.
pub fn same_twice(cwd: &Path, path: &str, extra: &[&str]) -> serde_json::Value {
    let mut document = serde_json::Value::Null;
    for format in ["json", "human"] {
        let mut args = vec!["check", "--format", format];
        args.extend_from_slice(extra);
        args.push(path);
        let first = ddlint_in(cwd, &args);
        let second = ddlint_in(cwd, &args);
        let stderr = String::from_utf8_lossy(&first.stderr);
        assert!(
            matches!(first.status.code(), Some(0 | 1)),
            "{args:?}: exit {:?}\n{stderr}",
            first.status.code()
        );
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert!(
            first.stdout == second.stdout && first.status.code() == second.status.code(),
            "{args:?}: two runs differ"
        );
        if format == "json" {
            document = serde_json::from_slice(&first.stdout).unwrap();
        }
    }
    document
}

/// The manifest as a JSON value without `tile.uninstallation`.
fn without_uninstallation(text: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    if let Some(tile) = value.get_mut("tile").and_then(|t| t.as_object_mut()) {
        tile.remove("uninstallation");
    }
    value
}

/// The Datadog sites whose API Keys links the fixes make site-relative.
const SITES: [&str; 8] = [
    "app.datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "app.datadoghq.eu",
    "datadoghq.eu",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "app.ddog-gov.com",
];

/// The README without its Uninstallation section (heading through the next heading of the same
/// or a higher level; a heading that names uninstalling counts, since a fix renames it), and
/// with its API Keys links site-relative, for comparing what lies outside the section: the
/// fixes move the section, re-level or rename its heading, and make a single-site API Keys link
/// relative in its reference definition, which may sit anywhere.
fn outside_uninstall_section(text: &str) -> String {
    let mut text = text.to_owned();
    for site in SITES {
        text = text.replace(
            &format!("https://{site}/organization-settings/api-keys"),
            "/organization-settings/api-keys",
        );
    }
    let mut out = String::new();
    let mut skipping: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let level = line.chars().take_while(|&c| c == '#').count();
        let heading = level > 0 && line[level..].starts_with(' ');
        if heading && skipping.is_some_and(|depth| level <= depth) {
            skipping = None;
        }
        if heading && line[level..].to_ascii_lowercase().contains("uninstall") {
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

/// A fixed manifest differs from the original only in `tile.uninstallation`, on the lines of
/// `uninstallation` and `support`, and keeps (or lacks) its final newline.
fn assert_manifest_fix(fixed: &Path, before: &str, after: &str) {
    assert_eq!(
        without_uninstallation(before),
        without_uninstallation(after),
        "{}",
        fixed.display()
    );
    let value: serde_json::Value = serde_json::from_str(after).unwrap();
    assert_eq!(value["tile"]["uninstallation"], "README.md#Uninstallation");
    for line in changed_lines(before, after) {
        assert!(
            line.contains("\"uninstallation\"") || line.contains("\"support\""),
            "{}: {line}",
            fixed.display()
        );
    }
    assert_eq!(before.ends_with('\n'), after.ends_with('\n'));
}

/// `--fix --unsafe-fixes` over a copy of the repository `original`: every fixable finding is
/// fixed, no finding of an uninstall rule (`uninstall-section-*`, `uninstallation-field-*`) is
/// left, manifests change only in `tile.uninstallation` and READMEs only in their Uninstallation
/// section, and a second run changes nothing. Returns how many files changed.
pub fn fix_everything(original: &Path) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    copy_tree(original, &root);
    let repo = root.to_str().unwrap();
    let output = ddlint_in(
        Path::new("."),
        &["check", "--fix", "--unsafe-fixes", "--format", "json", repo],
    );
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
    let uninstall: Vec<_> = remaining["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"].as_str().unwrap().contains("uninstall"))
        .map(|d| format!("{}:{} {}", d["file"], d["line"], d["name"]))
        .collect();
    assert!(
        uninstall.is_empty(),
        "uninstall findings remain: {uninstall:?}"
    );

    let mut changed_files = 0;
    for fixed in integrations(&root) {
        let source = original.join(fixed.file_name().unwrap());
        let read = |dir: &Path, file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
        let (before, after) = (
            read(&source, "manifest.json"),
            read(&fixed, "manifest.json"),
        );
        if before != after {
            changed_files += 1;
            assert_manifest_fix(&fixed, &before, &after);
        }
        let (before, after) = (read(&source, "README.md"), read(&fixed, "README.md"));
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

    let again = ddlint_in(
        Path::new("."),
        &[
            "check",
            "--diff",
            "--unsafe-fixes",
            "--color",
            "never",
            repo,
        ],
    );
    assert_eq!(
        again.status.code(),
        Some(0),
        "a second run would change:\n{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert!(again.stdout.is_empty());
    changed_files
}
