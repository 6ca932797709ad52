//! Output cannot be forged. A checked tree whose directory names, manifest values and README
//! lines carry control characters, terminal escapes, bidirectional controls or a workflow
//! command shows them escaped, in every format, on standard output and standard error.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::copy_tree;

/// One sample of each class of hostile text, by name.
const CLASSES: [(&str, &str); 7] = [
    ("C0 / ESC", "\u{1b}[31mRED\u{1b}[0m\u{7}"),
    ("OSC 52", "\u{1b}]52;c;ZXZpbA==\u{7}"),
    ("clear screen", "\u{1b}[2J\u{1b}[H\u{1b}c"),
    ("lone CR", "\rFAKE LINE"),
    ("C1", "\u{9b}2J\u{85}\u{7f}"),
    ("bidi", "\u{202e}gnp.exe\u{2066}\u{200f}"),
    ("newline + ::error", "\n::error file=forged.json::Forged"),
];

/// What a test run checks, named as the formats are.
const RUNS: [&[&str]; 6] = [
    &["--format", "human"],
    &["--format", "json"],
    &["--format", "sarif"],
    &["--format", "github"],
    &["--format", "markdown"],
    &["--diff", "--unsafe-fixes"],
];

/// A repository root holding an OAuth integration (with findings and fixes) whose directory name
/// carries `hostile`, with `hostile` in a README line beside a finding and in a manifest value a
/// message quotes, and a stray file, named with `hostile` too, that selects no integration.
/// Returns the repository and the integration's directory name.
fn hostile_repo(hostile: &str) -> (tempfile::TempDir, String) {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    let name = format!("acme{hostile}x");
    let dir = repo.path().join(&name);
    copy_tree(
        Path::new("fixtures/uninstall-section-missing-fix-diff"),
        &dir,
    );
    std::fs::remove_file(dir.join("ddlint.args")).unwrap();
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let readme = readme.replacen("## Setup\n", &format!("## Setup\nsee {hostile} here\n"), 1);
    std::fs::write(dir.join("README.md"), readme).unwrap();
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let value = serde_json::to_string(&format!("README.md#Support{hostile}")).unwrap();
    let manifest = manifest.replacen("\"README.md#Support\"", &value, 1);
    std::fs::write(dir.join("manifest.json"), manifest).unwrap();
    std::fs::write(repo.path().join(format!("notes{hostile}.md")), "x\n").unwrap();
    (repo, name)
}

fn ddlint(repo: &Path, name: &str, hostile: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .current_dir(repo)
        .arg("check")
        .args(args)
        .arg(name)
        .arg(format!("notes{hostile}.md"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The first character of `text` that must never be output raw (C0 but a line break, DEL, C1,
/// bidirectional controls, line and paragraph separators).
fn raw_hostile(text: &str) -> Option<char> {
    let text = text.replace("\r\n", "\n");
    text.chars().find(|&c| {
        c != '\n'
            && (c.is_control()
                || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    })
}

/// Whether a line would be read by the Actions runner as a workflow command we did not write.
fn forged_command(line: &str, github: bool) -> bool {
    let line = line.trim_start();
    let ours = ["::error file=", "::warning file=", "::notice title=ddlint"];
    let forged = line.starts_with("::error file=forged");
    forged || line.starts_with("::") && !(github && ours.iter().any(|p| line.starts_with(p)))
}

/// What is wrong with `text`, one of the streams of a run: a raw hostile character or a line
/// the runner would take for a workflow command.
fn problem(run: &[&str], stream: &str, text: &str) -> Option<String> {
    let github = run.contains(&"github") && stream == "stdout";
    if let Some(c) = raw_hostile(text) {
        return Some(format!("raw {c:?}"));
    }
    let line = text.lines().find(|line| forged_command(line, github))?;
    Some(format!("a workflow command {line:?}"))
}

#[test]
fn every_class_is_escaped_in_every_format_and_on_stderr() {
    let mut problems = Vec::new();
    for (class, hostile) in CLASSES {
        let (repo, name) = hostile_repo(hostile);
        for run in RUNS {
            let output = ddlint(repo.path(), &name, hostile, run);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{class}, {run:?}: {output:?}"
            );
            let stdout = String::from_utf8(output.stdout).unwrap();
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert!(
                stdout.contains("acme"),
                "{class}, {run:?}: the path is shown\n{stdout}"
            );
            assert!(
                stderr.contains("is not inside an integration; skipped"),
                "{stderr}"
            );
            for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
                if let Some(problem) = problem(run, stream, text) {
                    problems.push(format!("{class}, {run:?}, {stream}: {problem}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_human_snippet_shows_the_readme_line_escaped() {
    let hostile = "\u{1b}[2J\u{202e}";
    let (repo, name) = hostile_repo(hostile);
    let output = ddlint(repo.path(), &name, hostile, &["--format", "human"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("│ see \\u{1b}[2J\\u{202e} here"),
        "{stdout}"
    );
    let output = ddlint(repo.path(), &name, hostile, &["--diff", "--unsafe-fixes"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("--- a/acme\\u{1b}[2J\\u{202e}x/README.md"),
        "{stdout}"
    );
}

#[test]
fn json_keeps_paths_exact_and_escapes_them_in_its_text() {
    let hostile = "\u{202e}\u{9b}\n::error file=forged.json::Forged";
    let (repo, name) = hostile_repo(hostile);
    let output = ddlint(repo.path(), &name, hostile, &["--format", "json"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("acme\\u202e\\u009b\\n::error"), "{stdout}");
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let file = document["diagnostics"][0]["file"].as_str().unwrap();
    assert!(file.starts_with(&name), "{file:?}");
    let output = ddlint(repo.path(), &name, hostile, &["--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    let uri = location["artifactLocation"]["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("acme%E2%80%AE%C2%9B%0A%3A%3Aerror"),
        "{uri}"
    );
}

#[test]
fn the_job_summary_holds_no_link_image_or_html_from_the_tree() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    let name = "acme [a](https://example.invalid) `` <b>";
    let dir = repo.path().join(name);
    copy_tree(
        Path::new("fixtures/uninstall-section-missing-fix-diff"),
        &dir,
    );
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let keys = "\"x <img src=https://example.invalid/p.png>\": 1, \"y ``` ![i](https://example.invalid/i.png) www.example.invalid\": 2,";
    let manifest = manifest.replacen("\"tile\": {", &format!("\"tile\": {{ {keys}"), 1);
    std::fs::write(dir.join("manifest.json"), manifest).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .current_dir(repo.path())
        .args(["check", "--format", "markdown", name])
        .output()
        .unwrap();
    let summary = String::from_utf8(output.stdout).unwrap();
    assert!(summary.contains("example.invalid/p.png"), "{summary}");
    let rows = summary
        .lines()
        .filter(|line| line.starts_with("| "))
        .count();
    let mut cells_per_row = Vec::new();
    let mut cells = 0;
    for event in Parser::new_ext(
        &summary,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("HTML {html:?} in\n{summary}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                panic!("a link to {dest_url:?} in\n{summary}")
            }
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(pulldown_cmark::TagEnd::TableRow | pulldown_cmark::TagEnd::TableHead) => {
                cells_per_row.push(cells);
                cells = 0;
            }
            _ => {}
        }
    }
    assert_eq!(cells_per_row.len(), rows, "{summary}");
    assert!(
        cells_per_row.iter().all(|&n| n == 4),
        "{cells_per_row:?} in\n{summary}"
    );
}
