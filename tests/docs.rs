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

#[test]
fn the_readme_run_command_names_a_bundled_fixture() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let command = readme
        .lines()
        .find(|line| line.starts_with("cargo run --release -- check "))
        .unwrap();
    let path = command.rsplit(' ').next().unwrap();
    assert!(
        std::path::Path::new(path).join("manifest.json").is_file(),
        "{path}"
    );
}
