//! The command line as a user meets it: arguments, formats, exit codes, `rules`, `explain`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::{Command, Output};

fn ddlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("ddlint runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_clean_integration_exits_0_with_a_summary() {
    let output = ddlint(&["check", "fixtures/valid-oauth-after-setup"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("All checks passed: 1 integration checked"));
}

#[test]
fn errors_exit_1_and_show_a_snippet_with_help() {
    let output = ddlint(&["check", "fixtures/uninstallation-field-missing-oauth"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("DD101 uninstallation-field-missing"),
        "{text}"
    );
    assert!(
        text.contains("fixtures/uninstallation-field-missing-oauth/manifest.json:7:"),
        "{text}"
    );
    assert!(
        text.contains("help: add `\"uninstallation\": \"README.md#Uninstallation\",`"),
        "{text}"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let output = ddlint(&["check", "fixtures/anchor-unresolved-support"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("0 errors and 1 warning"));
}

#[test]
fn a_path_that_is_no_integration_exits_2_naming_it_and_a_stray_file_is_skipped() {
    let output = ddlint(&["check", "does-not-exist"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`does-not-exist` does not exist"));
    let output = ddlint(&["check", "src"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`src` is not an integration"));
    let output = ddlint(&["check", "Cargo.toml"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a file outside every integration is skipped"
    );
    assert!(stderr(&output).contains("note: `Cargo.toml` is not inside an integration; skipped"));
}

#[test]
fn files_select_their_integration_once() {
    let output = ddlint(&[
        "check",
        "--format",
        "json",
        "fixtures/uninstallation-field-missing-oauth/README.md",
        "fixtures/uninstallation-field-missing-oauth/manifest.json",
        "fixtures/uninstallation-field-missing-oauth/images/artie-overview-dashboard.png",
    ]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["summary"]["integrations"], 1);
}

#[test]
fn json_positions_are_one_based_code_points_with_byte_offsets() {
    let output = ddlint(&[
        "check",
        "--format",
        "json",
        "fixtures/uninstallation-field-value-case",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = document["diagnostics"].as_array().unwrap();
    let finding = findings
        .iter()
        .find(|d| d["name"] == "uninstallation-field-value")
        .unwrap();
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(11), Some(23))
    );
    let text =
        std::fs::read_to_string("fixtures/uninstallation-field-value-case/manifest.json").unwrap();
    let (start, end) = (
        finding["offset"].as_u64().unwrap() as usize,
        finding["end_offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "\"README.md#uninstallation\"");
}

#[test]
fn rules_lists_every_rule_and_explain_prints_its_docs() {
    let output = ddlint(&["rules"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("DD204  uninstall-section-missing"));
    let output = ddlint(&["explain", "DD204"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with("# uninstall-section-missing (DD204, error by default)"),
        "{text}"
    );
    assert!(text.contains("## Use instead"));
    let output = ddlint(&["explain", "no-such-rule"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no rule is named `no-such-rule`"));
}

#[test]
fn color_follows_the_flag() {
    let output = ddlint(&[
        "check",
        "--color",
        "always",
        "fixtures/readme-missing-no-file",
    ]);
    assert!(
        stdout(&output).contains('\u{1b}'),
        "--color always must colour"
    );
    let output = ddlint(&["check", "fixtures/readme-missing-no-file"]);
    assert!(
        !stdout(&output).contains('\u{1b}'),
        "NO_COLOR must not colour"
    );
}

#[test]
fn broken_integrations_do_not_stop_the_others() {
    let output = ddlint(&["check", "--format", "json", "fixtures"]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let fixtures = std::fs::read_dir("fixtures")
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("manifest.json").exists())
        .count();
    assert_eq!(document["summary"]["integrations"], fixtures);
    let findings = document["diagnostics"].as_array().unwrap();
    for (dir, rule) in [
        ("file-unreadable-manifest-directory", "file-unreadable"),
        ("file-unreadable-latin1-readme", "file-unreadable"),
        ("invalid-json-empty-manifest", "invalid-json"),
        ("invalid-json-trailing-comma", "invalid-json"),
    ] {
        let file = findings
            .iter()
            .find(|d| d["file"].as_str().unwrap().contains(dir))
            .unwrap();
        assert_eq!(file["name"], rule, "{dir}");
    }
}

#[test]
fn app_uuid_is_compared_for_one_integration_only() {
    let fixture = "fixtures/valid-oauth-after-setup";
    let output = ddlint(&[
        "check",
        "--app-uuid",
        "5f2b4a7e-3c1d-4e8f-9a6b-7c8d9e0f1a2b",
        fixture,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("app-uuid-mismatch"));
    let output = ddlint(&[
        "check",
        "--app-uuid",
        "5f2b4a7e-3c1d-4e8f-9a6b-7c8d9e0f1a2b",
        "fixtures",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--app-uuid names the app_uuid of one integration"));
    let output = ddlint(&["check", "--app-uuid", "not-a-uuid", fixture]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`not-a-uuid` is not a UUID"));
}

#[test]
fn schema_prints_the_bundled_json_schema() {
    let output = ddlint(&["schema"]);
    assert_eq!(output.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}
