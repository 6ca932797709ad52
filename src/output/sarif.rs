//! The SARIF format: one [SARIF 2.1.0] log as GitHub code scanning reads it ([GitHub's subset]).
//!
//! [SARIF 2.1.0]: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
//! [GitHub's subset]: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
//!
//! One run whose driver lists every rule of the registry (its docs become the rule's help), one
//! result per diagnostic, secondary labels as related locations linked from the message. URIs
//! are relative to `%SRCROOT%`, the repository root, and percent-encoded (RFC 3986). Regions
//! follow SARIF §3.30: lines and columns 1-based, columns in Unicode code points
//! (`columnKind`), `endColumn` exclusive, `charOffset`/`charLength` in code points, a leading
//! BOM not counted. `runs[0].properties.configuration` says what the configuration file changed.
//! Messages have hostile characters made visible, and the log's text escapes every control and
//! bidirectional character (`escape`).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::escape;
use super::github::{canonical, relative_path, slashed};
use crate::diagnostic::{Diagnostic, Label};
use crate::report::{self, Report};
use crate::rules::{self, RuleMeta};
use crate::source::SourceFile;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base every repository-relative URI is resolved against.
const SRCROOT: &str = "%SRCROOT%";
/// GitHub shows at most this many characters of a rule's descriptions.
const DESCRIPTION_LIMIT: usize = 1024;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    original_uri_base_ids: BTreeMap<&'static str, Artifact>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
    properties: RunProperties,
}

/// The run's property bag (SARIF §3.8).
#[derive(Serialize)]
struct RunProperties {
    configuration: SarifConfiguration,
}

/// What the configuration file changed; `file` (relative to the root) is null when the run used
/// none.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifConfiguration {
    file: Option<String>,
    rules_off: Vec<&'static str>,
    downgraded: usize,
    ignored: usize,
    app_uuids: usize,
}

impl SarifConfiguration {
    fn of(configuration: &report::Configuration, root: &Path) -> Self {
        Self {
            file: configuration
                .file
                .as_ref()
                .map(|file| relative_path(file, root)),
            rules_off: configuration.rules_off.clone(),
            downgraded: configuration.downgraded,
            ignored: configuration.ignored,
            app_uuids: configuration.app_uuids,
        }
    }
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help_uri: String,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
}

/// Writes the report as one pretty-printed SARIF log and a newline. URIs are relative to
/// `root` (the repository root); a file outside it gets an absolute `file:` URI.
pub fn render(report: &Report, root: &Path, out: &mut dyn Write) -> io::Result<()> {
    let root = canonical(root);
    let results = report.diagnostics.iter().map(|d| result(d, &root));
    let src_root = Artifact {
        // A base URI ends with `/` (SARIF §3.14.14).
        uri: format!("{}/", file_uri(&root).trim_end_matches('/')),
        uri_base_id: None,
    };
    let run = Run {
        tool: Tool { driver: driver() },
        original_uri_base_ids: BTreeMap::from([(SRCROOT, src_root)]),
        column_kind: "unicodeCodePoints",
        results: results.collect(),
        properties: RunProperties {
            configuration: SarifConfiguration::of(&report.configuration, &root),
        },
    };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [run],
    };
    escape::json_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// ddlint and every rule of the registry, in the order `ruleIndex` counts.
fn driver() -> Driver {
    Driver {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        information_uri: [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
            .into_iter()
            .find(|uri| !uri.is_empty()),
        rules: rules::all().map(descriptor).collect(),
    }
}

/// A rule: its summary, the first paragraph of its docs, and the docs as help.
fn descriptor(meta: &'static RuleMeta) -> ReportingDescriptor {
    let docs = meta.docs();
    let text = |text: &str| Text {
        text: limited(text),
    };
    ReportingDescriptor {
        id: meta.code,
        name: meta.name,
        short_description: text(meta.summary),
        full_description: text(&first_paragraph(&docs)),
        help_uri: meta.help_uri(),
        help: Help {
            text: docs.clone(),
            markdown: docs,
        },
        default_configuration: Configuration {
            level: meta.level.as_str(),
        },
    }
}

/// The first paragraph of Markdown docs (the one under `## What it does`), on one line.
fn first_paragraph(docs: &str) -> String {
    let lines = docs.lines().map(str::trim);
    let paragraph: Vec<&str> = lines
        .skip_while(|line| line.is_empty() || line.starts_with('#'))
        .take_while(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    paragraph.join(" ")
}

/// `text` cut to GitHub's limit for descriptions, with an ellipsis when cut.
fn limited(text: &str) -> String {
    if text.chars().count() <= DESCRIPTION_LIMIT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(DESCRIPTION_LIMIT - 1).collect();
    cut + "…"
}

fn result(diagnostic: &Diagnostic, root: &Path) -> SarifResult {
    let related = diagnostic.secondary.iter().enumerate();
    SarifResult {
        rule_id: diagnostic.rule.code,
        rule_index: rules::all().position(|meta| meta.code == diagnostic.rule.code),
        level: diagnostic.level.as_str(),
        message: Text {
            text: message(diagnostic, root),
        },
        locations: [location(&diagnostic.primary, root, None)],
        related_locations: related
            .map(|(index, label)| location(label, root, Some(index + 1)))
            .collect(),
    }
}

/// The message, a line `[file:line](id): label` linking each related location, then the help;
/// hostile characters made visible.
fn message(diagnostic: &Diagnostic, root: &Path) -> String {
    let mut text = escape::line(&diagnostic.message).into_owned();
    for (index, label) in diagnostic.secondary.iter().enumerate() {
        let line = label.file.line_col(label.span.start).line;
        let path = relative_path(label.file.path(), root);
        let link = escape_link_text(&format!("{}:{line}", escape::line(&path)));
        text.push_str(&format!("\n[{link}]({})", index + 1));
        if !label.message.is_empty() {
            text.push_str(&format!(": {}", escape::line(&label.message)));
        }
    }
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("\nhelp: {}", escape::text(help)));
    }
    text
}

/// Link text in a plain-text message escapes `\`, `[` and `]` (SARIF §3.11.6).
fn escape_link_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn location(label: &Label, root: &Path, id: Option<usize>) -> Location {
    let message = Some(&label.message).filter(|message| !message.is_empty());
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(label.file.path(), root),
            region: region(label),
        },
        message: message.map(|text| Text {
            text: escape::line(text).into_owned(),
        }),
    }
}

/// A URI relative to `%SRCROOT%`, or an absolute `file:` URI for a file outside the root.
fn artifact(path: &Path, root: &Path) -> Artifact {
    let resolved = canonical(path);
    match resolved.strip_prefix(root) {
        Ok(relative) => Artifact {
            uri: percent_encode(&slashed(relative)),
            uri_base_id: Some(SRCROOT),
        },
        Err(_) => Artifact {
            uri: file_uri(&resolved),
            uri_base_id: None,
        },
    }
}

fn region(label: &Label) -> Region {
    let file = &label.file;
    let start = file.line_col(label.span.start);
    let end = file.line_col(label.span.end);
    let offset = char_offset(file, label.span.start);
    let end_offset = char_offset(file, label.span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        char_offset: offset,
        char_length: end_offset.saturating_sub(offset),
    }
}

/// How many code points precede byte `offset`, not counting a leading BOM (SARIF §3.30.2).
fn char_offset(file: &SourceFile, offset: usize) -> usize {
    let bom = usize::from(file.text().starts_with('\u{feff}'));
    file.chars_before(offset).saturating_sub(bom)
}

/// `file:///...` for an absolute path.
fn file_uri(path: &Path) -> String {
    let path = slashed(path);
    let lead = if path.starts_with('/') { "" } else { "/" };
    format!("file://{lead}{}", percent_encode(&path))
}

/// Percent-encodes every byte but the unreserved characters, the sub-delimiters, `@` and the
/// `/` between segments (RFC 3986 `pchar`); `:` is encoded too, since a relative reference
/// may not hold one in its first segment.
fn percent_encode(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use std::sync::Arc;

    use serde_json::Value;

    use super::*;
    use crate::output::test_support::{self, label, repo_with};
    use crate::source::SourceFile;

    fn diagnostic(primary: Label, secondary: Vec<Label>) -> Diagnostic {
        let rule = "uninstallation-field-order";
        test_support::diagnostic(
            rule,
            "not beneath `support`",
            primary,
            secondary,
            Some("move it"),
        )
    }

    fn sarif(diagnostics: Vec<Diagnostic>, root: &Path) -> Value {
        let report = Report {
            skipped: Vec::new(),
            integrations: 1,
            diagnostics,
            ..Report::default()
        };
        let mut out = Vec::new();
        render(&report, root, &mut out).unwrap();
        assert!(out.ends_with(b"}\n"));
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn the_log_has_the_shape_github_reads() {
        let dir = tempfile::tempdir().unwrap();
        let log = sarif(Vec::new(), dir.path());
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let runs = log["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["results"], serde_json::json!([]));
        let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            base.starts_with("file:///") && base.ends_with('/'),
            "{base}"
        );
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "ddlint");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn every_rule_of_the_registry_is_described() {
        let dir = tempfile::tempdir().unwrap();
        let log = sarif(Vec::new(), dir.path());
        let described = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(described.len(), rules::all().count());
        for (rule, meta) in described.iter().zip(rules::all()) {
            assert_eq!(rule["id"], meta.code);
            assert_eq!(rule["name"], meta.name);
            assert_eq!(rule["shortDescription"]["text"], meta.summary);
            let full = rule["fullDescription"]["text"].as_str().unwrap();
            assert!(
                !full.is_empty() && full.len() <= DESCRIPTION_LIMIT,
                "{full}"
            );
            assert!(!full.starts_with('#') && !full.contains('\n'), "{full}");
            assert_eq!(rule["help"]["text"], meta.docs());
            assert_eq!(rule["help"]["markdown"], meta.docs());
            assert_eq!(rule["defaultConfiguration"]["level"], meta.level.as_str());
            assert_eq!(rule["helpUri"], meta.help_uri());
        }
    }

    #[test]
    fn a_result_has_its_rule_level_message_and_an_exclusive_region() {
        let (dir, file) = repo_with("my int/manifest.json", "{\n  \"é\": \"bad\"\n}\n");
        let start = file.text().find("\"bad").unwrap();
        let log = sarif(
            vec![diagnostic(label(&file, start..start + 5, "here"), vec![])],
            dir.path(),
        );
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], "DD103");
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"][index]["id"],
            "DD103"
        );
        assert_eq!(result["level"], "warning");
        assert_eq!(
            result["message"]["text"],
            "not beneath `support`\nhelp: move it"
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "my%20int/manifest.json"
        );
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let expected = serde_json::json!({
            "startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 13,
            "charOffset": 9, "charLength": 5,
        });
        assert_eq!(location["region"], expected);
        assert_eq!(result["locations"][0]["message"]["text"], "here");
        assert!(result.get("relatedLocations").is_none());
    }

    #[test]
    fn empty_spans_and_a_bom_start_at_column_one() {
        let (dir, file) = repo_with("m.json", "\u{feff}{}");
        let log = sarif(vec![diagnostic(label(&file, 3..3, ""), vec![])], dir.path());
        let location = &log["runs"][0]["results"][0]["locations"][0];
        let expected = serde_json::json!({
            "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1,
            "charOffset": 0, "charLength": 0,
        });
        assert_eq!(location["physicalLocation"]["region"], expected);
        assert!(location.get("message").is_none());
    }

    #[test]
    fn secondary_labels_are_related_locations_linked_from_the_message() {
        let (dir, file) = repo_with("a[1]/manifest.json", "{}\n");
        let readme = Arc::new(SourceFile::new(
            dir.path().join("a[1]/README.md"),
            "# A\n## Setup\n".to_owned(),
        ));
        let secondary = vec![label(&readme, 4..12, "the Setup section")];
        let log = sarif(
            vec![diagnostic(label(&file, 0..2, ""), secondary)],
            dir.path(),
        );
        let result = &log["runs"][0]["results"][0];
        assert_eq!(
            result["message"]["text"],
            "not beneath `support`\n[a\\[1\\]/README.md:2](1): the Setup section\nhelp: move it"
        );
        let related = &result["relatedLocations"][0];
        assert_eq!(related["id"], 1);
        assert_eq!(related["message"]["text"], "the Setup section");
        let artifact = &related["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uri"], "a%5B1%5D/README.md");
        assert_eq!(related["physicalLocation"]["region"]["endLine"], 2);
        assert_eq!(related["physicalLocation"]["region"]["endColumn"], 9);
    }

    #[test]
    fn uris_are_percent_encoded_and_files_outside_the_root_are_absolute() {
        assert_eq!(
            percent_encode("a b/c:d%e#f?g/é"),
            "a%20b/c%3Ad%25e%23f%3Fg/%C3%A9"
        );
        assert_eq!(percent_encode("x-._~!$&'()*+,;=@y"), "x-._~!$&'()*+,;=@y");
        let (dir, file) = repo_with("m.json", "{}");
        let elsewhere = tempfile::tempdir().unwrap();
        let artifact = artifact(file.path(), &canonical(elsewhere.path()));
        assert!(artifact.uri.starts_with("file:///"), "{}", artifact.uri);
        assert!(artifact.uri.ends_with("/m.json"), "{}", artifact.uri);
        assert!(artifact.uri_base_id.is_none());
        drop(dir);
    }

    #[test]
    fn the_first_paragraph_skips_headings_and_joins_lines() {
        let docs = "## What it does\nReports a\nthing.\n\n## Why\nBecause.\n";
        assert_eq!(first_paragraph(docs), "Reports a thing.");
        let long = "x".repeat(2000);
        assert_eq!(limited(&long).chars().count(), DESCRIPTION_LIMIT);
    }
}
