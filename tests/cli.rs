//! The command line as a user meets it: arguments, formats, exit codes, `rules`, `explain`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

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

#[test]
fn explain_suggests_the_closest_rule_for_a_misspelt_name_or_code() {
    for (typo, close) in [
        ("uninstal-section-missing", "uninstall-section-missing"),
        ("api-key-link", "api-keys-link"),
        ("DD2O4", "DD204"),
    ] {
        let output = ddlint(&["explain", typo]);
        assert_eq!(output.status.code(), Some(2), "{typo}");
        assert_eq!(
            stderr(&output),
            format!("error: no rule is named `{typo}`; did you mean `{close}`?\n")
        );
        assert!(output.stdout.is_empty());
    }
    let output = ddlint(&["explain", "xyz"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).ends_with("`ddlint rules` lists the rules\n"));
}

/// The codes of a `--format json` run's findings, in order.
fn codes(output: &Output) -> Vec<String> {
    support::rule_and(output, "code")
        .into_iter()
        .map(|(_, code)| code)
        .collect()
}

/// DD101, DD104 (a warning) and DD204.
const THREE_FINDINGS: &str = "fixtures/uninstallation-field-missing-oauth";

#[test]
fn select_and_ignore_take_names_codes_and_prefixes_comma_separated_or_repeated() {
    let run = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push(THREE_FINDINGS);
        ddlint(&all)
    };
    assert_eq!(codes(&run(&[])), ["DD204", "DD101", "DD104"]);
    assert_eq!(codes(&run(&["--select", "DD1"])), ["DD101", "DD104"]);
    assert_eq!(
        codes(&run(&["--select", "uninstall-section-missing,dd104"])),
        ["DD204", "DD104"]
    );
    assert_eq!(
        codes(&run(&["--select", "DD101", "--select", "DD2"])),
        ["DD204", "DD101"]
    );
    assert_eq!(
        codes(&run(&["--ignore", "DD104", "--ignore", "DD2"])),
        ["DD101"]
    );
    let output = run(&[
        "--select",
        "DD2,DD104",
        "--ignore",
        "uninstall-section-missing",
    ]);
    assert_eq!(codes(&output), ["DD104"], "--ignore wins over --select");
    assert_eq!(output.status.code(), Some(0), "a warning alone");
}

#[test]
fn the_command_line_selection_wins_over_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("ddlint.toml");
    std::fs::write(
        &config,
        "[rules]\nanchor-unresolved = { level = \"off\", reason = \"a test\" }\n\
         DD101 = { level = \"warning\", reason = \"a test\" }\n\n[[ignore]]\n\
         rule = \"uninstall-section-missing\"\nintegration = \"uninstallation-field-missing-oauth\"\n\
         reason = \"reviewed\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json", "--config", config];
        all.extend_from_slice(args);
        all.push(THREE_FINDINGS);
        ddlint(&all)
    };
    assert_eq!(codes(&run(&[])), ["DD101"]);
    let output = run(&["--select", "DD1"]);
    assert_eq!(codes(&output), ["DD101", "DD104"], "selected, so back on");
    assert_eq!(
        support::rule_and(&output, "level"),
        [
            (
                "uninstallation-field-missing".to_owned(),
                "warning".to_owned()
            ),
            ("anchor-unresolved".to_owned(), "warning".to_owned()),
        ],
        "the file's level of a selected rule stays"
    );
    // The file's ignore is about a rule the command line turns off: not reported as unused.
    assert_eq!(
        codes(&run(&["--ignore", "DD204,DD101"])),
        Vec::<String>::new()
    );
}

#[test]
fn an_unknown_selector_is_a_usage_error_with_the_closest_rule() {
    let output = ddlint(&[
        "check",
        "--select",
        "DD1,uninstal-section-missing",
        THREE_FINDINGS,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --select: no rule, code or code prefix `uninstal-section-missing`; \
         did you mean `uninstall-section-missing`?\n"
    );
    assert!(output.stdout.is_empty());
    let output = ddlint(&["check", "--ignore", "DD9", THREE_FINDINGS]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: --ignore: no rule, code or code prefix `DD9`;"));
}

#[test]
fn quiet_prints_the_findings_only() {
    let output = ddlint(&["check", "--quiet", "fixtures/valid-oauth-after-setup"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
    let loud = ddlint(&["check", THREE_FINDINGS]);
    let quiet = ddlint(&["check", "-q", THREE_FINDINGS]);
    assert_eq!(quiet.status.code(), Some(1));
    let (loud, quiet) = (stdout(&loud), stdout(&quiet));
    let summary: Vec<&str> = loud.lines().rev().take(2).collect();
    assert!(
        summary[1].starts_with("Found 2 errors and 1 warning")
            && summary[0] == "Configuration: none.",
        "{summary:?}"
    );
    assert_eq!(format!("{quiet}{}\n{}\n", summary[1], summary[0]), loud);
    let output = ddlint(&["check", "--quiet", "Cargo.toml"]);
    assert!(output.stderr.is_empty(), "no note: {}", stderr(&output));

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("artie");
    support::copy_tree(std::path::Path::new(THREE_FINDINGS), &target);
    let output = ddlint(&["check", "--fix", "--quiet", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stderr.is_empty(),
        "no `Fixed` line: {}",
        stderr(&output)
    );
    assert!(!stdout(&output).contains("DD101"), "fixed");
}

#[test]
fn statistics_count_the_findings_per_rule() {
    let output = ddlint(&["check", "--statistics", THREE_FINDINGS]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the exit code is the report's"
    );
    assert_eq!(
        stdout(&output),
        "1  DD101  [*] uninstallation-field-missing\n\
         1  DD104  [ ] anchor-unresolved\n\
         1  DD204  [ ] uninstall-section-missing\n\
         [*] fixable with `ddlint check --fix`\n"
    );
    // On the bundled corpus, the JSON statistics are the JSON report's findings counted.
    let corpus = support::corpus::BUNDLED;
    let report = ddlint(&["check", "--format", "json", corpus]);
    let mut expected = std::collections::BTreeMap::new();
    for code in codes(&report) {
        *expected.entry(code).or_insert(0u64) += 1;
    }
    let output = ddlint(&["check", "--statistics", "--format", "json", corpus]);
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let counts: std::collections::BTreeMap<String, u64> = rows
        .iter()
        .map(|row| {
            (
                row["code"].as_str().unwrap().to_owned(),
                row["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, expected);
    let order: Vec<u64> = rows
        .iter()
        .map(|row| row["count"].as_u64().unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] >= w[1]),
        "most frequent first"
    );

    let output = ddlint(&["check", "--statistics", "--format", "sarif", corpus]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--statistics prints a table"));
}

#[test]
fn output_file_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir").join("report.json");
    let missing = missing.to_str().unwrap();
    for extra in [&[][..], &["--diff"][..]] {
        let mut args = vec!["check", "--output-file", missing];
        args.extend_from_slice(extra);
        args.push(THREE_FINDINGS);
        let output = ddlint(&args);
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!("error: cannot write `{missing}`: ")),
            "{message}"
        );
    }
    let written = dir.path().join("report.json");
    let output = ddlint(&[
        "check",
        "--output-file",
        written.to_str().unwrap(),
        THREE_FINDINGS,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let report = std::fs::read_to_string(&written).unwrap();
    assert!(report.contains("DD101 uninstallation-field-missing"));
}

#[test]
fn a_missing_config_file_is_a_plain_usage_error_with_its_path() {
    let output = ddlint(&["check", "--config", "no-such-ddlint.toml", THREE_FINDINGS]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --config `no-such-ddlint.toml` does not exist\n"
    );
    assert!(output.stdout.is_empty(), "no config-invalid finding");
    let output = ddlint(&["check", "--config", "fixtures", THREE_FINDINGS]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --config `fixtures` is a directory\n"
    );
}
