//! The JSON format: a versioned document `{version, tool, summary, diagnostics}`.
//!
//! Lines and columns are 1-based (columns count Unicode code points); offsets are 0-based bytes;
//! ends are exclusive. Texts for people (messages, labels, help, fix descriptions) have hostile
//! characters made visible (`escape::line`, `escape::text`); data (paths, replacements) is exact;
//! the document's text escapes every control and bidirectional character (`escape::json_pretty`).

use std::borrow::Cow;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::escape;
use crate::diagnostic::{Diagnostic, Label, Level};
use crate::report::{Configuration, Report};

/// The version of this document's shape; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: Summary<'a>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary<'a> {
    integrations: usize,
    errors: usize,
    warnings: usize,
    configuration: JsonConfiguration<'a>,
}

/// What the configuration file changed; `file` is null when the run used none.
#[derive(Serialize)]
struct JsonConfiguration<'a> {
    file: Option<String>,
    rules_off: &'a [&'static str],
    downgraded: usize,
    ignored: usize,
    app_uuids: usize,
}

impl<'a> JsonConfiguration<'a> {
    fn of(configuration: &'a Configuration) -> Self {
        Self {
            file: configuration
                .file
                .as_ref()
                .map(|file| file.display().to_string()),
            rules_off: &configuration.rules_off,
            downgraded: configuration.downgraded,
            ignored: configuration.ignored,
            app_uuids: configuration.app_uuids,
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    level: Level,
    message: Cow<'a, str>,
    #[serde(flatten)]
    location: Location,
    labels: Vec<JsonLabel<'a>>,
    help: Option<Cow<'a, str>>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: crate::fix::Applicability,
    description: Cow<'a, str>,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    offset: usize,
    end_offset: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    location: Location,
    message: Cow<'a, str>,
    primary: bool,
}

#[derive(Serialize)]
struct Location {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    end_offset: usize,
}

impl Location {
    fn of(label: &Label) -> Self {
        let start = label.file.line_col(label.span.start);
        let end = label.file.line_col(label.span.end);
        Self {
            file: label.file.path().display().to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            offset: label.span.start,
            end_offset: label.span.end,
        }
    }
}

fn diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        code: d.rule.code,
        name: d.rule.name,
        level: d.level,
        message: escape::line(&d.message),
        location: Location::of(&d.primary),
        labels: d
            .labels()
            .map(|(label, primary)| JsonLabel {
                location: Location::of(label),
                message: escape::line(&label.message),
                primary,
            })
            .collect(),
        help: d.help.as_deref().map(escape::text),
        fix: d.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability,
            description: escape::line(&fix.description),
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    offset: edit.span.start,
                    end_offset: edit.span.end,
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
    }
}

/// Writes the report as one pretty-printed JSON document and a newline.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let (errors, warnings) = report.counts();
    let document = Document {
        version: FORMAT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            integrations: report.integrations,
            errors,
            warnings,
            configuration: JsonConfiguration::of(&report.configuration),
        },
        // Lines and columns are worked out on every core; the document is written in order.
        diagnostics: report.diagnostics.par_iter().map(diagnostic).collect(),
    };
    escape::json_pretty(&mut *out, &document)?;
    writeln!(out)
}
