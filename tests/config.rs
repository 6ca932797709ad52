//! `ddlint.toml`, its discovery and flags, and the output and exit-code flags.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::{copy_tree, git};

/// A repository root (with `.git`, so discovery stops there) holding a copy of a fixture.
fn repo_with(fixture: &str, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    copy_tree(&Path::new("fixtures").join(fixture), &dir.path().join(name));
    dir
}

fn ddlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .current_dir(cwd)
        .arg("check")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn names(output: &Output) -> Vec<(String, String)> {
    support::rule_and(output, "level")
}

#[test]
fn rule_levels_by_name_or_code_change_levels_and_turn_rules_off() {
    let repo = repo_with("anchor-unresolved-support", "discord");
    let json = ["--format", "json", "discord"];
    assert_eq!(
        names(&ddlint(repo.path(), &json)),
        [("anchor-unresolved".to_owned(), "warning".to_owned())]
    );
    std::fs::write(
        repo.path().join("ddlint.toml"),
        "[rules]\nDD104 = \"error\"\n",
    )
    .unwrap();
    let output = ddlint(repo.path(), &json);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        names(&output),
        [("anchor-unresolved".to_owned(), "error".to_owned())]
    );
    std::fs::write(
        repo.path().join("ddlint.toml"),
        "[rules]\nanchor-unresolved = { level = \"off\", reason = \"support is elsewhere\" }\n",
    )
    .unwrap();
    assert!(names(&ddlint(repo.path(), &json)).is_empty());
    assert_eq!(
        names(&ddlint(
            repo.path(),
            &["--no-config", "--format", "json", "discord"]
        ))
        .len(),
        1
    );
}

#[test]
fn the_configuration_is_found_from_a_file_inside_an_integration_up_to_the_repository_root() {
    let repo = repo_with("anchor-unresolved-support", "discord");
    std::fs::write(
        repo.path().join("ddlint.toml"),
        "[rules.anchor-unresolved]\nlevel = \"off\"\nreason = \"support is elsewhere\"\n",
    )
    .unwrap();
    assert!(
        names(&ddlint(
            repo.path(),
            &["--format", "json", "discord/README.md"]
        ))
        .is_empty()
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let config = elsewhere.path().join("strict.toml");
    std::fs::write(&config, "[rules]\nanchor-unresolved = \"error\"\n").unwrap();
    let output = ddlint(
        repo.path(),
        &[
            "--config",
            config.to_str().unwrap(),
            "--format",
            "json",
            "discord",
        ],
    );
    assert_eq!(
        names(&output),
        [("anchor-unresolved".to_owned(), "error".to_owned())]
    );
}

#[test]
fn a_broken_configuration_is_a_diagnostic_and_exit_2() {
    let repo = repo_with("valid-no-oauth", "insightfinder");
    std::fs::write(
        repo.path().join("ddlint.toml"),
        "repo-kind = \"enterprise\"\nunknown = 1\n",
    )
    .unwrap();
    let output = ddlint(repo.path(), &["--format", "json", "insightfinder"]);
    assert_eq!(output.status.code(), Some(2));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &document["diagnostics"][0];
    assert_eq!(first["name"], "config-invalid");
    assert_eq!(first["line"], 2, "{first}");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `unknown`"),
        "{first}"
    );
    assert!(first["file"].as_str().unwrap().ends_with("ddlint.toml"));
    std::fs::write(
        repo.path().join("ddlint.toml"),
        "repo-kind = \"enterprise\"\n",
    )
    .unwrap();
    let output = ddlint(repo.path(), &["--format", "json", "insightfinder"]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &document["diagnostics"][0];
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(13))
    );
    let message = first["message"].as_str().unwrap();
    assert!(
        message.contains("`enterprise` is not one of `extras`, `marketplace`"),
        "{message}"
    );
}

#[test]
fn ignores_need_a_reason_and_match_by_integration_path_and_pointer() {
    let repo = repo_with("anchor-unresolved-support", "discord");
    let config = "[[ignore]]\nrule = \"anchor-unresolved\"\npath = \"discord/manifest.json\"\npointer = \"/tile\"\nreason = \"support is in the Troubleshooting section\"\n";
    std::fs::write(repo.path().join("ddlint.toml"), config).unwrap();
    assert!(names(&ddlint(repo.path(), &["--format", "json", "discord"])).is_empty());
    std::fs::write(
        repo.path().join("ddlint.toml"),
        config.replace("/tile", "/tile/overview"),
    )
    .unwrap();
    let found = names(&ddlint(repo.path(), &["--format", "json", "discord"]));
    let found: Vec<&str> = found.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(found, ["ignore-unused", "anchor-unresolved"]);
}

#[test]
fn app_uuids_per_integration_feed_app_uuid_mismatch() {
    let repo = repo_with("valid-no-oauth", "insightfinder");
    std::fs::write(
        repo.path().join("ddlint.toml"),
        "[app-uuids]\ninsightfinder = \"5f2b4a7e-3c1d-4e8f-9a6b-7c8d9e0f1a2b\"\n",
    )
    .unwrap();
    let output = ddlint(repo.path(), &["--format", "json", "."]);
    assert_eq!(
        names(&output),
        [("app-uuid-mismatch".to_owned(), "error".to_owned())]
    );
}

#[test]
fn output_file_exit_zero_and_error_on_warnings() {
    let repo = repo_with("anchor-unresolved-support", "discord");
    let report = repo.path().join("report.json");
    let output = ddlint(
        repo.path(),
        &[
            "--format",
            "json",
            "--output-file",
            report.to_str().unwrap(),
            "discord",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(document["summary"]["warnings"], 1);
    assert_eq!(
        ddlint(repo.path(), &["--error-on-warnings", "discord"])
            .status
            .code(),
        Some(1)
    );
    let broken = repo_with("uninstallation-field-missing-oauth", "artie");
    assert_eq!(ddlint(broken.path(), &["artie"]).status.code(), Some(1));
    assert_eq!(
        ddlint(broken.path(), &["--exit-zero", "artie"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn changed_since_checks_only_the_integrations_a_change_touches() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(Path::new("fixtures/valid-no-oauth"), &root.join("one"));
    copy_tree(
        Path::new("fixtures/anchor-unresolved-support"),
        &root.join("two"),
    );
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "base"]);
    let summary = |output: &Output| {
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        document["summary"]["integrations"].as_u64().unwrap()
    };
    assert_eq!(
        summary(&ddlint(
            root,
            &["--format", "json", "--changed-since", "HEAD", "."]
        )),
        0
    );
    std::fs::write(
        root.join("one/README.md"),
        "# One\n\n## Overview\n\n## Setup\n",
    )
    .unwrap();
    let output = ddlint(root, &["--format", "json", "--changed-since", "HEAD", "."]);
    assert_eq!(summary(&output), 1);
    assert_eq!(
        ddlint(root, &["--changed-since", "nope", "."])
            .status
            .code(),
        Some(2)
    );
}

/// The JSON document of a run.
fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The `config-invalid` messages and help of a run on `config`, which must exit 2.
fn config_errors(config: &str) -> Vec<(String, String, u64)> {
    let repo = repo_with("anchor-unresolved-support", "discord");
    std::fs::write(repo.path().join("ddlint.toml"), config).unwrap();
    let output = ddlint(repo.path(), &["--format", "json", "discord"]);
    assert_eq!(output.status.code(), Some(2), "{config}");
    json(&output)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["name"], "config-invalid");
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
            (text("message"), text("help"), d["column"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn turning_a_rule_off_or_down_needs_a_reason_raising_it_does_not() {
    let mut errors = config_errors("[rules]\nanchor-unresolved = \"off\"\nDD101 = \"warning\"\n");
    assert_eq!(errors.len(), 2, "{errors:?}");
    errors.sort();
    let (message, help, column) = &errors[1];
    assert_eq!(message, "turning `anchor-unresolved` off needs a `reason`");
    assert_eq!(*column, 21, "on the value");
    assert_eq!(
        help,
        "say why, as a table: `anchor-unresolved = { level = \"off\", reason = \"approved by Datadog in the review\" }`"
    );
    assert_eq!(errors[0].0, "lowering `DD101` to warnings needs a `reason`");
    assert!(
        errors[0]
            .1
            .contains("`DD101 = { level = \"warning\", reason = "),
        "{errors:?}"
    );
    let blank = config_errors("[rules]\nDD104 = { level = \"off\", reason = \"  \" }\n");
    assert_eq!(blank[0].0, "turning `DD104` off needs a `reason`");
    assert_eq!(blank[0].2, 35, "on the blank reason");
    let unknown = config_errors("[rules]\nDD104 = { level = \"off\", why = \"x\" }\n");
    assert!(unknown[0].0.contains("unknown field `why`"), "{unknown:?}");
    // Raising a level needs no reason, bare or as a table.
    let repo = repo_with("anchor-unresolved-support", "discord");
    for config in [
        "[rules]\nDD104 = \"error\"\n",
        "[rules]\nDD104 = { level = \"error\" }\n",
    ] {
        std::fs::write(repo.path().join("ddlint.toml"), config).unwrap();
        let output = ddlint(repo.path(), &["--format", "json", "discord"]);
        assert_eq!(output.status.code(), Some(1), "{config}");
        assert_eq!(
            names(&output),
            [("anchor-unresolved".to_owned(), "error".to_owned())]
        );
    }
}

/// A configuration that turns `uninstallation-field-missing` off, lowers
/// `uninstall-section-missing` to a warning, ignores `anchor-unresolved` and sets the app_uuid,
/// over the OAuth fixture, which has one finding of each of the three rules.
const SILENCING: &str = r#"[rules]
uninstallation-field-missing = { level = "off", reason = "we know" }
uninstall-section-missing = { level = "warning", reason = "later" }

[app-uuids]
artie = "3ccc5034-0902-4e00-8a69-04d007d31310"

[[ignore]]
rule = "anchor-unresolved"
integration = "artie"
reason = "support is in Troubleshooting"
"#;

fn silenced_repo() -> tempfile::TempDir {
    let repo = repo_with("uninstall-section-missing-fix-diff", "artie");
    std::fs::write(repo.path().join("ddlint.toml"), SILENCING).unwrap();
    repo
}

#[test]
fn every_format_names_the_configuration_and_what_it_changed() {
    let repo = silenced_repo();
    let output = ddlint(repo.path(), &["--format", "json", "artie"]);
    assert_eq!(output.status.code(), Some(0), "only a warning is left");
    let summary = &json(&output)["summary"];
    assert_eq!(
        summary["configuration"],
        serde_json::json!({
            "file": "ddlint.toml",
            "rules_off": ["uninstallation-field-missing"],
            "downgraded": 1,
            "ignored": 1,
            "app_uuids": 1,
        })
    );
    assert_eq!(
        (&summary["errors"], &summary["warnings"]),
        (&0.into(), &1.into())
    );
    let effects = "rules turned off: uninstallation-field-missing; findings downgraded to \
                   warnings: 1; findings ignored: 1; app-uuids set: for 1 integration";
    let human = String::from_utf8(ddlint(repo.path(), &["artie"]).stdout).unwrap();
    assert!(
        human.ends_with(&format!("Configuration: `ddlint.toml`; {effects}.\n")),
        "{human}"
    );
    let markdown = ddlint(repo.path(), &["--format", "markdown", "artie"]).stdout;
    let markdown = String::from_utf8(markdown).unwrap();
    assert!(
        markdown.contains(
            "Configuration: `ddlint.toml`; rules turned off\\: uninstallation\\-field\\-missing\\; \
             findings downgraded to warnings\\: 1\\; findings ignored\\: 1\\; app\\-uuids set\\: \
             for 1 integration.\n"
        ),
        "{markdown}"
    );
    let github = ddlint(repo.path(), &["--format", "github", "artie"]).stdout;
    let github = String::from_utf8(github).unwrap();
    let notice =
        format!("::notice title=ddlint configuration::configuration ddlint.toml: {effects}");
    assert!(github.lines().any(|line| line == notice), "{github}");
    let sarif = ddlint(repo.path(), &["--format", "sarif", "artie"]);
    let properties = &json(&sarif)["runs"][0]["properties"]["configuration"];
    assert_eq!(
        *properties,
        serde_json::json!({
            "file": "ddlint.toml",
            "rulesOff": ["uninstallation-field-missing"],
            "downgraded": 1,
            "ignored": 1,
            "appUuids": 1,
        })
    );
}

#[test]
fn a_run_without_configuration_says_so_in_every_format() {
    let repo = silenced_repo();
    let json_output = ddlint(repo.path(), &["--no-config", "--format", "json", "artie"]);
    let configuration = &json(&json_output)["summary"]["configuration"];
    assert_eq!(configuration["file"], serde_json::Value::Null);
    assert_eq!(configuration["ignored"], 0);
    let human = String::from_utf8(ddlint(repo.path(), &["--no-config", "artie"]).stdout).unwrap();
    assert!(human.ends_with("\nConfiguration: none.\n"), "{human}");
    let markdown = ddlint(
        repo.path(),
        &["--no-config", "--format", "markdown", "artie"],
    )
    .stdout;
    assert!(
        String::from_utf8(markdown)
            .unwrap()
            .contains("\nConfiguration: none.\n")
    );
    let github = ddlint(repo.path(), &["--no-config", "--format", "github", "artie"]).stdout;
    assert!(!String::from_utf8(github).unwrap().contains("configuration"));
    let sarif = ddlint(repo.path(), &["--no-config", "--format", "sarif", "artie"]);
    let properties = &json(&sarif)["runs"][0]["properties"]["configuration"];
    assert_eq!(properties["file"], serde_json::Value::Null);
}

/// A repository with two integrations: `0evil`, clean, whose `ddlint.toml` turns off the rule
/// `broken` breaks, and `broken`.
fn two_integrations() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    copy_tree(
        Path::new("fixtures/valid-oauth-nested"),
        &repo.path().join("0evil"),
    );
    copy_tree(
        Path::new("fixtures/uninstallation-field-missing-oauth"),
        &repo.path().join("broken"),
    );
    // The nested section passes under `either` (the fixture's own `ddlint.args`).
    let config = "uninstall-placement = \"either\"\n\n[rules]\n\
                  uninstallation-field-missing = { level = \"off\", reason = \"x\" }\n";
    std::fs::write(repo.path().join("0evil/ddlint.toml"), config).unwrap();
    repo
}

fn found_names(repo: &Path, paths: &[&str]) -> (Vec<String>, serde_json::Value) {
    let mut args = vec!["--format", "json"];
    args.extend(paths);
    let document = json(&ddlint(repo, &args));
    let names = names_of(&document);
    (names, document["summary"]["configuration"]["file"].clone())
}

fn names_of(document: &serde_json::Value) -> Vec<String> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_configuration_inside_another_checked_integration_is_not_read() {
    let repo = two_integrations();
    let off = "uninstallation-field-missing".to_owned();
    for paths in [
        &["0evil/README.md", "broken/README.md"][..],
        &["0evil", "broken"],
        &["broken/manifest.json", "0evil/manifest.json"],
        &["."],
    ] {
        let (names, file) = found_names(repo.path(), paths);
        assert!(names.contains(&off), "{paths:?}: {names:?}");
        assert_eq!(file, serde_json::Value::Null, "{paths:?}");
    }
    // The one integration checked may carry its own configuration.
    let (names, file) = found_names(repo.path(), &["0evil/README.md", "0evil"]);
    assert!(names.is_empty(), "{names:?}");
    assert_eq!(file, "0evil/ddlint.toml");
    // The repository's configuration rules every integration.
    std::fs::rename(
        repo.path().join("0evil/ddlint.toml"),
        repo.path().join("ddlint.toml"),
    )
    .unwrap();
    let (names, file) = found_names(repo.path(), &["0evil/README.md", "broken/README.md"]);
    assert!(!names.contains(&off), "{names:?}");
    assert_eq!(file, "ddlint.toml");
}

#[test]
fn the_configuration_is_looked_up_from_the_deepest_directory_holding_every_path() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    for name in ["a", "b"] {
        copy_tree(
            Path::new("fixtures/uninstallation-field-missing-oauth"),
            &repo.path().join("group").join(name),
        );
    }
    let off = "[rules]\nuninstallation-field-missing = { level = \"off\", reason = \"x\" }\n";
    std::fs::write(repo.path().join("group/ddlint.toml"), off).unwrap();
    let rule = "uninstallation-field-missing".to_owned();
    let (names, file) = found_names(repo.path(), &["group/a/README.md", "group/b"]);
    assert!(!names.contains(&rule), "{names:?}");
    assert_eq!(file, "group/ddlint.toml");
    // Above the repository root nothing is read.
    let outer = repo.path().join("outer");
    std::fs::create_dir_all(outer.join("repo/.git")).unwrap();
    std::fs::write(outer.join("ddlint.toml"), off).unwrap();
    copy_tree(
        Path::new("fixtures/uninstallation-field-missing-oauth"),
        &outer.join("repo/x"),
    );
    let (names, file) = found_names(&outer.join("repo"), &["x"]);
    assert!(names.contains(&rule), "{names:?}");
    assert_eq!(file, serde_json::Value::Null);
}

#[test]
fn an_ignore_of_an_integration_that_does_not_exist_is_reported() {
    let repo = two_integrations();
    std::fs::remove_file(repo.path().join("0evil/ddlint.toml")).unwrap();
    let ignore = |integration: &str| {
        format!(
            "[[ignore]]\nrule = \"anchor-unresolved\"\nintegration = \"{integration}\"\nreason = \"r\"\n"
        )
    };
    let config = [ignore("ghost"), ignore("0evil"), ignore("../broken")].concat();
    std::fs::write(repo.path().join("ddlint.toml"), config).unwrap();
    // Only `broken` is checked: `0evil` exists, so its ignore is not judged; `ghost` and a
    // name that is no directory name name nothing.
    let output = ddlint(repo.path(), &["--format", "json", "broken"]);
    let document = json(&output);
    let unused: Vec<(u64, String)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == "ignore-unused")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        unused,
        [
            (
                1,
                "this ignore of `anchor-unresolved` names the integration `ghost`, which does not exist"
                    .to_owned()
            ),
            (
                9,
                "this ignore of `anchor-unresolved` names the integration `../broken`, which does not exist"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn the_readme_configuration_example_is_valid() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (_, rest) = readme
        .split_once("<!-- config-example -->\n```toml\n")
        .unwrap();
    let (example, _) = rest.split_once("```\n<!-- /config-example -->").unwrap();
    let repo = repo_with("valid-no-oauth", "insightfinder");
    std::fs::write(repo.path().join("ddlint.toml"), example).unwrap();
    let output = ddlint(repo.path(), &["--format", "json", "insightfinder"]);
    assert_ne!(output.status.code(), Some(2), "{output:?}");
    let configuration = &json(&output)["summary"]["configuration"];
    assert_eq!(
        configuration["rules_off"],
        serde_json::json!(["anchor-unresolved"])
    );
}

#[test]
fn an_ignore_is_not_judged_against_the_directories_above_a_repository() {
    // The integration is the repository itself: what stands beside it is outside.
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path().join("acme");
    copy_tree(Path::new("fixtures/valid-no-oauth"), &root);
    std::fs::create_dir(root.join(".git")).unwrap();
    let ignore =
        "[[ignore]]\nrule = \"anchor-unresolved\"\nintegration = \"ghost\"\nreason = \"r\"\n";
    std::fs::write(root.join("ddlint.toml"), ignore).unwrap();
    let output = ddlint(&root, &["--format", "json", "."]);
    assert!(names(&output).is_empty(), "{:?}", names(&output));
    assert_eq!(
        json(&output)["summary"]["configuration"]["file"],
        "ddlint.toml"
    );
}

#[cfg(unix)]
#[test]
fn a_configuration_that_is_a_symbolic_link_is_not_read() {
    let repo = repo_with("valid-no-oauth", "insightfinder");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(&secret, "token = \"s3cr3t-value\"\n").unwrap();
    std::os::unix::fs::symlink(&secret, repo.path().join("ddlint.toml")).unwrap();
    let output = ddlint(repo.path(), &["--format", "json", "insightfinder"]);
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(
        text.contains("is a symbolic link, which ddlint does not follow"),
        "{text}"
    );
}
