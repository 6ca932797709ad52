//! Property tests: random and mutated manifests and READMEs never make ddlint panic, every label
//! lies inside its file on character boundaries, and the output is the same on every run.
//!
//! (a) random bytes, and byte- and text-level mutations of real files (the bundled corpus);
//! (b) Markdown assembled from the pieces that break line scanners, as an OAuth README; CSV,
//!     CODEOWNERS and TOML pieces as metadata.csv and a repository root's files;
//! (c) the real binary's output, twice on the same input.
//!
//! Cases are bounded so that the suite stays fast; a failure prints the shrunk input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use ddlint::{Report, Settings};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;

/// The bundled real integrations (always there, unlike the full sample beside the project).
const CORPUS: &str = "tests/corpus/integrations-extras";

/// Real integrations: two with OAuth, a plain one, one whose README is full of code fences, one
/// with CRLF in its README.
const SUBJECTS: [&str; 5] = ["artie", "notion", "insightfinder", "logstash", "vercel"];

/// A clean OAuth integration with its Uninstallation section after Setup.
const OAUTH_FIXTURE: &str = "fixtures/valid-oauth-after-setup";

/// Copies an integration directory, leaving out fixtures' expected outputs; copies are writable.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with("expected.") {
            continue;
        }
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&path, &to.join(&name));
        } else {
            let target = to.join(&name);
            fs::copy(&path, &target).unwrap();
            let mut permissions = fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            fs::set_permissions(&target, permissions).unwrap();
        }
    }
}

/// A subject's name, manifest.json and README.md.
type Original = (&'static str, Vec<u8>, Vec<u8>);

/// The manifest and README of each subject, read once. A missing file fails every case with
/// one message (no panic, so proptest does not print one per case).
fn originals() -> Result<&'static [Original], TestCaseError> {
    static ORIGINALS: OnceLock<Result<Vec<Original>, String>> = OnceLock::new();
    let read_all = || {
        let read = |name: &str, file: &str| {
            let path = Path::new(CORPUS).join(name).join(file);
            fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        SUBJECTS
            .iter()
            .map(|&name| Ok((name, read(name, "manifest.json")?, read(name, "README.md")?)))
            .collect()
    };
    match ORIGINALS.get_or_init(read_all) {
        Ok(originals) => Ok(originals),
        Err(message) => Err(TestCaseError::fail(message.clone())),
    }
}

/// Which file(s) of the integration a case replaces.
#[derive(Debug, Clone, Copy)]
enum Target {
    Manifest,
    Readme,
    Both,
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::Manifest),
        Just(Target::Readme),
        Just(Target::Both)
    ]
}

/// A temporary copy of `source` (an integration directory) named `name` under a fresh root.
fn integration(source: &Path, name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_tree(source, &dir);
    (tmp, dir)
}

/// Runs every rule in-process; a panic anywhere fails the case (proptest catches it and
/// shrinks the input).
fn check(dir: &Path) -> Report {
    ddlint::check(&[dir.to_path_buf()], &Settings::default()).expect("the path is an integration")
}

/// Every label of every diagnostic lies inside its file's text, on character boundaries, and
/// the JSON output can be written.
fn spans_are_sound(report: &Report) -> Result<(), TestCaseError> {
    for diagnostic in &report.diagnostics {
        for (label, _primary) in diagnostic.labels() {
            let text = label.file.text();
            let span = &label.span;
            let where_ = format!(
                "{} `{}` label {:?} in {} ({} bytes)",
                diagnostic.rule.name,
                diagnostic.message.chars().take(200).collect::<String>(),
                span,
                label.file.path().display(),
                text.len()
            );
            prop_assert!(span.start <= span.end, "reversed span: {}", where_);
            prop_assert!(span.end <= text.len(), "span past the end: {}", where_);
            prop_assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "span inside a character: {}",
                where_
            );
        }
    }
    let mut json = Vec::new();
    ddlint::output::json::render(report, &mut json).unwrap();
    prop_assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
    Ok(())
}

/// Writes `manifest` and/or `readme` into a copy of `subject` and checks it.
fn check_with(
    subject: &str,
    target: Target,
    manifest: &[u8],
    readme: &[u8],
) -> Result<(), TestCaseError> {
    originals()?;
    let (_tmp, dir) = integration(&Path::new(CORPUS).join(subject), subject);
    if matches!(target, Target::Manifest | Target::Both) {
        fs::write(dir.join("manifest.json"), manifest).unwrap();
    }
    if matches!(target, Target::Readme | Target::Both) {
        fs::write(dir.join("README.md"), readme).unwrap();
    }
    let report = check(&dir);
    prop_assert_eq!(report.integrations, 1);
    spans_are_sound(&report)
}

// --- (a) random bytes and mutations of real files ------------------------------------------------

/// Fragments that matter to the JSON parser, the Markdown parser and the rules.
const TOKENS: &[&str] = &[
    "\"",
    "\\",
    "\\u",
    "\\ud83d",
    "\\udc00",
    "\\u0000",
    "\\u202f",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "1e999",
    "-0",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "\u{feff}",
    "\u{a0}",
    "\u{202f}",
    "\u{e9}",
    "\u{1f389}",
    "\u{301}",
    "```",
    "~~~",
    "#",
    "## ",
    "## Uninstallation\n",
    "## Setup\n",
    "README.md#",
    "README.md#Uninstallation",
    "\"uninstallation\": \"README.md#Uninstallation\",",
    "\"oauth\": \"assets/oauth_clients.json\",",
    "../",
    "/",
    "<!--",
    "-->",
    "{{< x >}}",
    "[API Keys page](/organization-settings/api-keys?filter=x)",
    "- ",
    "    ",
    ">",
];

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Truncate(Index),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let insertion = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
        // Truncated UTF-8 sequences and lone continuation bytes.
        select(vec![
            vec![0xE2, 0x80],
            vec![0xF0, 0x9F, 0x8E],
            vec![0x80],
            vec![0xC3],
            vec![0xFF]
        ]),
    ];
    prop_oneof![
        3 => (any::<Index>(), 0u8..8).prop_map(|(at, bit)| ByteEdit::Flip(at, bit)),
        3 => (any::<Index>(), insertion).prop_map(|(at, bytes)| ByteEdit::Insert(at, bytes)),
        2 => (any::<Index>(), 1usize..64).prop_map(|(at, len)| ByteEdit::Delete(at, len)),
        1 => any::<Index>().prop_map(ByteEdit::Truncate),
    ]
}

fn apply_bytes(mut bytes: Vec<u8>, edits: &[ByteEdit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        match edit {
            ByteEdit::Flip(at, bit) if len > 0 => bytes[at.index(len)] ^= 1 << bit,
            ByteEdit::Insert(at, new) => {
                let at = at.index(len + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            ByteEdit::Delete(at, n) if len > 0 => {
                let at = at.index(len);
                bytes.drain(at..(at + n).min(len));
            }
            ByteEdit::Truncate(at) => bytes.truncate(at.index(len + 1)),
            ByteEdit::Flip(..) | ByteEdit::Delete(..) => {}
        }
    }
    bytes
}

/// One edit of a text that keeps it UTF-8, so that the parsers and rules see it.
#[derive(Debug, Clone)]
enum TextEdit {
    Insert(Index, &'static str),
    InsertChar(Index, char),
    Delete(Index, usize),
    Duplicate(Index, usize),
    Truncate(Index),
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        4 => (any::<Index>(), select(TOKENS)).prop_map(|(at, t)| TextEdit::Insert(at, t)),
        2 => (any::<Index>(), any::<char>()).prop_map(|(at, c)| TextEdit::InsertChar(at, c)),
        3 => (any::<Index>(), 1usize..80).prop_map(|(at, n)| TextEdit::Delete(at, n)),
        1 => (any::<Index>(), 1usize..200).prop_map(|(at, n)| TextEdit::Duplicate(at, n)),
        1 => any::<Index>().prop_map(TextEdit::Truncate),
    ]
}

/// The char boundaries of `text`, the end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn apply_text(mut text: String, edits: &[TextEdit]) -> String {
    for edit in edits {
        let bounds = boundaries(&text);
        let pick = |at: &Index| bounds[at.index(bounds.len())];
        let after = |from: usize, chars: usize| {
            let i = bounds.partition_point(|&b| b < from);
            bounds[(i + chars).min(bounds.len() - 1)]
        };
        match edit {
            TextEdit::Insert(at, s) => text.insert_str(pick(at), s),
            TextEdit::InsertChar(at, c) => text.insert(pick(at), *c),
            TextEdit::Delete(at, n) => {
                let from = pick(at);
                text.replace_range(from..after(from, *n), "");
            }
            TextEdit::Duplicate(at, n) => {
                let from = pick(at);
                let copy = text[from..after(from, *n)].to_owned();
                text.insert_str(from, &copy);
            }
            TextEdit::Truncate(at) => text.truncate(pick(at)),
        }
    }
    text
}

/// `default` cases, or `PROPTEST_CASES` when set (for a longer search than CI's).
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

fn subject() -> impl Strategy<Value = usize> {
    0..SUBJECTS.len()
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn random_bytes_never_panic(
        subject in subject(),
        target in target(),
        manifest in proptest::collection::vec(any::<u8>(), 0..2048),
        readme in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        check_with(SUBJECTS[subject], target, &manifest, &readme)?;
    }

    #[test]
    fn random_text_never_panics(
        subject in subject(),
        target in target(),
        manifest in "\\PC{0,600}",
        readme in "\\PC{0,600}",
    ) {
        check_with(SUBJECTS[subject], target, manifest.as_bytes(), readme.as_bytes())?;
    }

    #[test]
    fn byte_mutations_of_real_files_never_panic(
        subject in subject(),
        target in target(),
        manifest_edits in proptest::collection::vec(byte_edit(), 1..8),
        readme_edits in proptest::collection::vec(byte_edit(), 1..8),
    ) {
        let (name, manifest, readme) = &originals()?[subject];
        let manifest = apply_bytes(manifest.clone(), &manifest_edits);
        let readme = apply_bytes(readme.clone(), &readme_edits);
        check_with(name, target, &manifest, &readme)?;
    }

    #[test]
    fn text_mutations_of_real_files_never_panic(
        subject in subject(),
        target in target(),
        manifest_edits in proptest::collection::vec(text_edit(), 1..8),
        readme_edits in proptest::collection::vec(text_edit(), 1..8),
    ) {
        let (name, manifest, readme) = &originals()?[subject];
        let manifest = apply_text(String::from_utf8(manifest.clone()).unwrap(), &manifest_edits);
        let readme = apply_text(String::from_utf8(readme.clone()).unwrap(), &readme_edits);
        check_with(name, target, manifest.as_bytes(), readme.as_bytes())?;
    }
}

// --- (b) hazardous Markdown as an OAuth README ---------------------------------------------------

/// What real READMEs hold and line scanners get wrong.
const PIECES: &[&str] = &[
    "```\n",
    "```shell\n",
    "~~~\n",
    "  ```\n",
    "    indented code\n",
    "# Title\n",
    "## Overview\n",
    "## Setup\n",
    "## Support\n",
    "## Uninstallation\n",
    "### Uninstallation\n",
    "## Uninstallation ##\n",
    "## Setup #\n",
    "   ## Setup\n",
    "#### Deep\n",
    "####### seven\n",
    "#\n",
    "#hashtag\n",
    "Setup\n-----\n",
    "Uninstallation\n==============\n",
    "- item\n",
    "  - nested item\n",
    "1. first\n",
    "   ```\n",
    "* star\n",
    "> quote\n",
    "> ## quoted heading\n",
    "\r\n",
    "\n",
    "\n\n",
    "\u{a0}",
    "&nbsp;",
    "<!-- comment -->",
    "<!--\n",
    "-->\n",
    "{{< x >}}",
    "{{< /x >}}",
    "{{% tab \"Linux\" %}}\n",
    "[link](https://example.com)",
    "[API Keys page](/organization-settings/api-keys?filter=Notion)",
    "[ref]: /organization-settings/api-keys\n",
    "[API Keys page][ref]",
    "[^1]: a footnote\n",
    "[^1]",
    "| a | b |\n|---|---|\n| c | d |\n",
    "---\n",
    "---\ntitle: x\n---\n",
    "<details>\n<summary>x</summary>\n",
    "</details>\n",
    "Once this integration has been uninstalled, any previous authorizations are revoked.",
    "Once this integration is uninstalled, all authorizations are revoked.",
    "Additionally, ensure that all API keys associated with this integration have been \
     disabled by searching for the integration name on the ",
    "Additionally, ensure that all API keys associated with this integration have been \
     disabled by searching for the integration name on the [API Keys page](/organization-settings/api-keys?filter=Notion).",
    "text ",
    "**bold** ",
    "_under_ ",
    "`code` ",
    "`",
    "*",
    "\\",
    "\t",
    "\u{e9}",
    "\u{1f389}",
    "\u{feff}",
    "\u{301}",
    "<br>",
    "&#0;",
];

/// A README: the fixture's with pieces spliced in at char boundaries, or pieces alone.
fn markdown() -> impl Strategy<Value = String> {
    let pieces = proptest::collection::vec((any::<Index>(), select(PIECES)), 0..40);
    (any::<bool>(), pieces).prop_map(|(on_fixture, pieces)| {
        if on_fixture {
            let mut text = fs::read_to_string(Path::new(OAUTH_FIXTURE).join("README.md")).unwrap();
            for (at, piece) in pieces {
                let bounds = boundaries(&text);
                text.insert_str(bounds[at.index(bounds.len())], piece);
            }
            text
        } else {
            pieces.into_iter().map(|(_, piece)| piece).collect()
        }
    })
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn hazardous_markdown_as_an_oauth_readme_never_panics(readme in markdown()) {
        let (_tmp, dir) = integration(Path::new(OAUTH_FIXTURE), "acme");
        fs::write(dir.join("README.md"), &readme).unwrap();
        let report = check(&dir);
        prop_assert_eq!(report.integrations, 1);
        spans_are_sound(&report)?;
    }
}

// --- (b2) metadata.csv and the repository root's files ---------------------------------------------

/// Fragments that matter to the CSV reader and the metadata.csv rules.
const CSV_PIECES: &[&str] = &[
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "|",
    "\u{e9}",
    "\u{2019}",
    "-1",
    "gauge",
    "rate",
    "byte",
    "second",
    "millisecond",
    "cpu|memory",
    "metric_name",
    "sample_tags",
    ",,,",
];

/// Fragments that matter to the CODEOWNERS reader and `.ddev/config.toml`.
const ROOT_PIECES: &[&str] = &[
    "/acme/",
    " ",
    "\t",
    "\n",
    "@acme",
    "@org/team",
    "a@b.io",
    "**/",
    "*",
    "?",
    "[a-",
    "]",
    "\\",
    "#",
    "[section]",
    "assets/logs/",
    "@DataDog/logs-integrations-reviewers",
    "[overrides]",
    "[overrides.metrics-prefix]",
    "acme = \"acme.\"",
    "=",
    "\"",
    "[[",
    "\u{e9}",
];

fn spliced(text: &str, pieces: Vec<(Index, &str)>) -> String {
    let mut text = text.to_owned();
    for (at, piece) in pieces {
        let bounds = boundaries(&text);
        text.insert_str(bounds[at.index(bounds.len())], piece);
    }
    text
}

/// A repository root holding one real integration with a metadata.csv (`acme`), and
/// `.github/CODEOWNERS` and `.ddev/config.toml` of the given texts.
fn rooted(csv: &str, owners: &str, config: &str) -> Report {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme");
    copy_tree(&Path::new(CORPUS).join("apache-apisix"), &dir);
    fs::write(dir.join("metadata.csv"), csv).unwrap();
    fs::create_dir_all(dir.join("assets/logs")).unwrap();
    for (path, text) in [
        (".github/CODEOWNERS", owners),
        (".ddev/config.toml", config),
    ] {
        let path = tmp.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    ddlint::check(&[tmp.path().to_path_buf()], &Settings::default()).unwrap()
}

proptest! {
    #![proptest_config(cases(128))]

    /// A real metadata.csv with CSV's hazards spliced in, and root files assembled from
    /// CODEOWNERS and TOML pieces: no panic, and every label inside its file.
    #[test]
    fn hazardous_metadata_and_root_files_never_panic(
        csv in proptest::collection::vec((any::<Index>(), select(CSV_PIECES)), 0..24),
        owners in proptest::collection::vec(select(ROOT_PIECES), 0..40),
        config in proptest::collection::vec(select(ROOT_PIECES), 0..12),
    ) {
        let real = fs::read_to_string(Path::new(CORPUS).join("apache-apisix/metadata.csv")).unwrap();
        let report = rooted(&spliced(&real, csv), &owners.concat(), &config.concat());
        prop_assert_eq!(report.integrations, 1);
        spans_are_sound(&report)?;
    }

    /// Random bytes as metadata.csv.
    #[test]
    fn random_bytes_as_metadata_never_panic(csv in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let (_tmp, dir) = integration(&Path::new(CORPUS).join("apache-apisix"), "acme");
        fs::write(dir.join("metadata.csv"), &csv).unwrap();
        spans_are_sound(&check(&dir))?;
    }
}

// --- (c) the same output on every run ------------------------------------------------------------

fn ddlint(args: &[&str], cwd: &Path) -> (Option<i32>, Vec<u8>) {
    let output = Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (output.status.code(), output.stdout)
}

/// Runs `check` in the JSON and the human format twice each and compares the runs.
fn same_twice(cwd: &Path, path: &str) -> Result<(), TestCaseError> {
    for format in ["json", "human"] {
        let args = ["check", "--format", format, path];
        let first = ddlint(&args, cwd);
        let second = ddlint(&args, cwd);
        prop_assert!(
            matches!(first.0, Some(0 | 1)),
            "exit {:?} in {}",
            first.0,
            format
        );
        prop_assert!(
            first == second,
            "two runs differ in {}:\n{}\n---\n{}",
            format,
            String::from_utf8_lossy(&first.1),
            String::from_utf8_lossy(&second.1)
        );
    }
    Ok(())
}

proptest! {
    // Each case runs the binary four times: fewer cases.
    #![proptest_config(cases(32))]

    /// A repository of every subject, each mutated; with `shared`, all share one app_uuid (a
    /// finding across integrations).
    #[test]
    fn check_output_is_identical_twice(
        edits in proptest::collection::vec(
            (proptest::collection::vec(text_edit(), 0..4), proptest::collection::vec(text_edit(), 0..4)),
            SUBJECTS.len(),
        ),
        shared in any::<bool>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        for ((name, manifest, readme), (manifest_edits, readme_edits)) in originals()?.iter().zip(&edits) {
            let dir = tmp.path().join("repo").join(name);
            copy_tree(&Path::new(CORPUS).join(name), &dir);
            let mut manifest = String::from_utf8(manifest.clone()).unwrap();
            if shared {
                let start = manifest.find("\"app_uuid\"").unwrap();
                let end = start + manifest[start..].find(',').unwrap();
                manifest.replace_range(start..end, "\"app_uuid\": \"00000000-0000-4000-8000-000000000000\"");
            }
            let manifest = apply_text(manifest, manifest_edits);
            let readme = apply_text(String::from_utf8(readme.clone()).unwrap(), readme_edits);
            fs::write(dir.join("manifest.json"), manifest).unwrap();
            fs::write(dir.join("README.md"), readme).unwrap();
        }
        same_twice(tmp.path(), "repo")?;
    }
}

#[test]
fn the_bundled_corpus_report_is_identical_twice() {
    same_twice(Path::new("."), CORPUS).unwrap();
}
