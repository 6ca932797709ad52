//! The README's snippets are the ones the tests exercise.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// The fenced block between `<!-- name -->` and `<!-- /name -->` in README.md.
fn snippet(name: &str) -> String {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find(&format!("<!-- {name} -->"))
        .unwrap_or_else(|| panic!("no {name} in README.md"));
    let end = readme.find(&format!("<!-- /{name} -->")).unwrap();
    let block = &readme[start..end];
    let body = block.split_once("\n```").unwrap().1;
    let body = body.split_once('\n').unwrap().1;
    body.rsplit_once("```").unwrap().0.to_owned()
}

#[test]
fn the_readme_workflow_is_the_one_ci_lints() {
    let workflow = std::fs::read_to_string("examples/workflows/ddlint.yml").unwrap();
    assert_eq!(snippet("action-workflow"), workflow);
}

#[test]
fn the_readme_pre_commit_snippet_uses_the_hook_this_repository_ships() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let config = snippet("pre-commit-config");
    assert!(hooks.contains("- id: ddlint"));
    assert!(config.contains("- id: ddlint"), "{config}");
}

/// The snippets `tests/docs.rs` runs or compares, by their marker.
const TESTED: &[&str] = &[
    "commands",
    "example-output",
    "action-workflow",
    "pre-commit-config",
    "config-example",
    "fix-example",
];

/// Every fenced block of the README follows a marker line: `<!-- illustrative -->`, or one of
/// [`TESTED`] (then a test here runs it or compares it with what runs).
#[test]
fn every_readme_snippet_is_tested_or_marked_illustrative() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut in_block = false;
    for (index, line) in lines.iter().enumerate() {
        if !line.starts_with("```") {
            continue;
        }
        in_block = !in_block;
        if !in_block {
            continue;
        }
        let marker = index.checked_sub(1).map(|before| lines[before].trim());
        let name = marker
            .and_then(|m| m.strip_prefix("<!-- "))
            .and_then(|m| m.strip_suffix(" -->"));
        assert!(
            name.is_some_and(|name| name == "illustrative" || TESTED.contains(&name)),
            "README.md line {}: a snippet needs a marker line before it: `<!-- illustrative -->`, \
             or one of {TESTED:?} with a test in tests/docs.rs",
            index + 1
        );
    }
}

/// The `cargo run --release -- ARGS` line of a README snippet, as ARGS.
fn cargo_run_args(snippet: &str) -> Vec<String> {
    let line = snippet
        .lines()
        .find(|line| line.starts_with("cargo run --release -- "))
        .unwrap();
    let args = line.strip_prefix("cargo run --release -- ").unwrap();
    args.split_whitespace().map(str::to_owned).collect()
}

/// The real binary with `args`, colour off and the default width, as a user's terminal gets it
/// without colour.
fn ddlint(args: &[String]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap()
}

#[test]
fn the_readme_run_command_names_a_bundled_fixture() {
    let args = cargo_run_args(&snippet("commands"));
    let path = args.last().unwrap();
    assert_eq!(args.len(), 2, "{args:?}");
    assert!(
        std::path::Path::new(path).join("manifest.json").is_file(),
        "{path}"
    );
}

#[test]
fn the_readme_example_output_is_what_the_run_command_prints() {
    let output = ddlint(&cargo_run_args(&snippet("commands")));
    assert_eq!(output.status.code(), Some(1), "the README says it exits 1");
    let printed = String::from_utf8(output.stdout).unwrap();
    let shown = snippet("example-output");
    let diff = similar::TextDiff::from_lines(&shown, &printed);
    assert!(
        shown == printed,
        "README.md's example output is out of date:\n{}",
        diff.unified_diff().header("README.md", "ddlint")
    );
}

/// The README's test command is the one `.ci/run` runs (with `--locked`).
#[test]
fn the_readme_test_command_is_what_ci_runs() {
    let commands = snippet("commands");
    let test = commands
        .lines()
        .find(|line| line.starts_with("cargo test"))
        .unwrap();
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    assert!(
        ci.lines()
            .any(|line| line.trim_start().starts_with(&format!("{test} --locked"))),
        "`.ci/run` does not run `{test} --locked`"
    );
}

/// The README's `ddlint.toml` is valid: with it, a clean fixture checks clean (a mistake in it
/// would be a config-invalid finding and exit 2).
#[test]
fn the_readme_configuration_example_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("ddlint.toml");
    std::fs::write(&config, snippet("config-example")).unwrap();
    let output = ddlint(&[
        "check".to_owned(),
        "--format".to_owned(),
        "json".to_owned(),
        "--config".to_owned(),
        config.display().to_string(),
        "fixtures/valid-oauth-after-setup".to_owned(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let invalid: Vec<&serde_json::Value> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] != "ignore-unused")
        .collect();
    assert!(invalid.is_empty(), "{invalid:#?}");
    assert_eq!(
        document["summary"]["configuration"]["file"],
        config.display().to_string()
    );
}

/// The README's `--diff` command prints its fixture's reviewed diff.
#[test]
fn the_readme_fix_command_prints_the_reviewed_diff() {
    let mut args = cargo_run_args(&snippet("fix-example"));
    let fixture = args.last().unwrap().clone();
    args.extend(["--color".to_owned(), "never".to_owned()]);
    let output = ddlint(&args);
    assert_eq!(output.status.code(), Some(1));
    let reviewed = std::fs::read_to_string(format!("{fixture}/expected.diff")).unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), reviewed);
}
