//! The human format: rustc-style reports through miette, then the summary: the counts and what
//! the configuration changed. Every text from the checked tree is escaped (`escape`).

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity, SourceCode};

use super::escape;
use super::snippet::ShownSource;
use crate::diagnostic::{Diagnostic, Label, Level};
use crate::fix::Applicability;
use crate::report::{Report, plural};

/// How to draw the reports.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width for wrapping messages.
    pub width: usize,
}

/// Writes every diagnostic of `report`, then the summary: the counts and the configuration.
pub fn render(report: &Report, options: HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    render_diagnostics(report, options, out)?;
    writeln!(out, "{}", summary(report))?;
    writeln!(out, "{}", configuration(report))
}

/// Writes every diagnostic of `report`, without the summary line (`--quiet`).
pub fn render_diagnostics(
    report: &Report,
    options: HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_wrap_lines(false)
        .with_show_related_as_nested(true);
    for diagnostic in &report.diagnostics {
        let mut text = String::new();
        handler
            .render_report(&mut text, &Shown::new(diagnostic))
            .map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
    }
    Ok(())
}

/// "Configuration: none." or "Configuration: `ddlint.toml`; rules turned off: ...".
fn configuration(report: &Report) -> String {
    let configuration = &report.configuration;
    match &configuration.file {
        None => "Configuration: none.".to_owned(),
        Some(file) => format!(
            "Configuration: `{}`; {}.",
            escape::line(&file.display().to_string()),
            configuration.effects()
        ),
    }
}

/// "Found 2 errors and 1 warning in 3 integrations." or "All checks passed ...".
fn summary(report: &Report) -> String {
    let (errors, warnings) = report.counts();
    let checked = plural(report.integrations, "integration");
    if errors + warnings == 0 {
        return format!("All checks passed: {checked} checked, no findings.");
    }
    let fixable = |kind| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == kind))
            .count()
    };
    let (safe, unsafe_) = (fixable(Applicability::Safe), fixable(Applicability::Unsafe));
    let found = format!(
        "Found {} and {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    let mut line = if report.integrations == 0 {
        format!("{found}; no integration was checked.")
    } else {
        format!("{found} in {checked}.")
    };
    if safe > 0 {
        line.push_str(&format!(" {safe} fixable with `--fix`."));
    }
    if unsafe_ > 0 {
        line.push_str(&format!(" {unsafe_} more with `--fix --unsafe-fixes`."));
    }
    line
}

/// A diagnostic as miette sees it: labels in the primary file, related reports for other files.
struct Shown {
    message: String,
    code: String,
    severity: Severity,
    help: Option<String>,
    source: ShownSource,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
}

impl Shown {
    fn new(diagnostic: &Diagnostic) -> Self {
        let file = &diagnostic.primary.file;
        let (here, elsewhere): (Vec<&Label>, Vec<&Label>) = diagnostic
            .secondary
            .iter()
            .partition(|label| Arc::ptr_eq(&label.file, file));
        let here: Vec<(&Label, bool)> = Some(&diagnostic.primary)
            .filter(|label| showable(label))
            .map(|label| (label, true))
            .into_iter()
            .chain(here.into_iter().filter(|l| showable(l)).map(|l| (l, false)))
            .collect();
        let spans: Vec<_> = here.iter().map(|(label, _)| label.span.clone()).collect();
        let source = ShownSource::new(file, &spans);
        let labels = here
            .into_iter()
            .map(|(label, primary)| labeled(&source, label, primary))
            .collect();
        let mut docs = format!("for more, run `ddlint explain {}`", diagnostic.rule.name);
        if let Some(fix) = &diagnostic.fix {
            let flags = match fix.applicability {
                Applicability::Safe => "--fix",
                Applicability::Unsafe => "--fix --unsafe-fixes",
            };
            docs = format!(
                "fix ({}): `ddlint check {flags}` will {}\n{docs}",
                fix.applicability.as_str(),
                escape::line(&fix.description)
            );
        }
        let help = match &diagnostic.help {
            Some(help) => format!("{}\n{docs}", escape::text(help)),
            None => docs,
        };
        let mut message = escape::line(&diagnostic.message).into_owned();
        if !showable(&diagnostic.primary) {
            let at = file.line_col(diagnostic.primary.span.start);
            let path = file.path().display().to_string();
            message.push_str(&format!(
                "\n  at {}:{}:{} (the line is too long to show)",
                escape::line(&path),
                at.line,
                at.column
            ));
        }
        Self {
            message,
            code: format!("{} {}", diagnostic.rule.code, diagnostic.rule.name),
            severity: severity(diagnostic.level),
            help: Some(help),
            source,
            labels,
            related: elsewhere
                .into_iter()
                .filter(|l| showable(l))
                .map(Shown::related)
                .collect(),
        }
    }

    /// A secondary label in another file, shown as a note with its own snippet.
    fn related(label: &Label) -> Self {
        let source = ShownSource::new(&label.file, std::slice::from_ref(&label.span));
        Self {
            message: "see also".to_owned(),
            code: String::new(),
            severity: Severity::Advice,
            help: None,
            labels: vec![labeled(&source, label, false)],
            source,
            related: Vec::new(),
        }
    }
}

/// The longest line shown in a snippet, in bytes. miette pads underlines with a format width,
/// which panics past 65,535 columns; a line this long is a generated or hostile file anyway.
const MAX_SHOWN_LINE: usize = 4096;

/// Whether the lines a label covers are short enough to draw.
fn showable(label: &Label) -> bool {
    let file = &label.file;
    [label.span.start, label.span.end].iter().all(|&offset| {
        let span = file.line_span(file.line_col(offset).line);
        span.end.saturating_sub(span.start) <= MAX_SHOWN_LINE
    })
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
    }
}

/// A label on its place in the escaped source, its text escaped.
fn labeled(source: &ShownSource, label: &Label, primary: bool) -> LabeledSpan {
    let span = source.span(&label.span);
    let text = Some(escape::line(&label.message).into_owned()).filter(|m| !m.is_empty());
    if primary {
        LabeledSpan::new_primary_with_span(text, span)
    } else {
        LabeledSpan::new_with_span(text, span)
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(&self.code)
            .filter(|code| !code.is_empty())
            .map(|code| Box::new(code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::output::test_support::{self, label, repo_with};

    fn render_text(report: &Report) -> String {
        let options = HumanOptions {
            color: false,
            width: 100,
        };
        let mut out = Vec::new();
        render(report, options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Whether a hostile character other than a line break (`\n`, `\r\n`) is in `text`.
    fn raw_hostile(text: &str) -> bool {
        let text = text.replace("\r\n", "\n");
        text.chars().any(|c| escape::hostile(c) && c != '\n')
    }

    fn report(diagnostics: Vec<Diagnostic>) -> Report {
        Report {
            integrations: 1,
            diagnostics,
            ..Report::default()
        }
    }

    /// The column (in characters) where `needle` starts on the snippet line holding it, and the
    /// column where the underline below that line starts.
    fn columns(text: &str, needle: &str) -> (usize, usize) {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|line| line.contains(needle)).unwrap();
        let line = lines[at];
        let column = line[..line.find(needle).unwrap()].chars().count();
        let under = lines[at + 1];
        let start = under.chars().position(|c| c == '─' || c == '┬').unwrap();
        (column, start)
    }

    #[test]
    fn snippet_lines_show_escapes_with_labels_under_the_right_characters() {
        let source =
            "{\n  \"k\": \"\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}\u{1b}[2J\", \"bad\": 1\r\n}\n";
        let (_dir, file) = repo_with("int/manifest.json", source);
        let start = source.find("\"bad\"").unwrap();
        let d = test_support::diagnostic(
            "manifest-schema",
            "unknown key",
            label(&file, start..start + 5, "here"),
            vec![],
            None,
        );
        let text = render_text(&report(vec![d]));
        assert!(!raw_hostile(&text), "{text:?}");
        assert!(
            text.contains("\"\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{202e}\\u{1b}[2J\", \"bad\": 1"),
            "{text}"
        );
        let (column, underline) = columns(&text, "\"bad\"");
        assert_eq!(column, underline, "{text}");
        // The header gives the column in the file, in code points, as the JSON format does.
        let line = source.lines().nth(1).unwrap();
        let header_column = line[..line.find("\"bad\"").unwrap()].chars().count() + 1;
        assert!(
            text.contains(&format!("int/manifest.json:2:{header_column}]")),
            "{text}"
        );
    }

    #[test]
    fn messages_labels_help_and_paths_are_escaped() {
        let hostile = "\u{1b}[2J\u{202e}\r\n::error file=x::Forged";
        let (_dir, file) = repo_with(&format!("in{hostile}t/README.md"), "# A\n");
        let d = test_support::diagnostic(
            "readme-missing",
            &format!("message {hostile}"),
            label(&file, 0..3, &format!("label {hostile}")),
            vec![],
            Some(&format!("help {hostile}")),
        );
        let text = render_text(&report(vec![d]));
        assert!(!raw_hostile(&text), "{text:?}");
        for line in text.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line:?} in {text}");
        }
        assert!(
            text.contains("message \\u{1b}[2J\\u{202e}\\u{d}\\u{a}::error"),
            "{text}"
        );
        assert!(text.contains("label \\u{1b}[2J"), "{text}");
        assert!(
            text.contains("in\\u{1b}[2J\\u{202e}\\u{d}\\u{a}::error"),
            "{text}"
        );
        assert!(text.contains("\\u{3a}:error file=x::Forged"), "{text}");
    }

    #[test]
    fn far_apart_labels_in_a_huge_file_are_two_snippets() {
        let mut source = "a\n".repeat(100_000);
        source.push_str("\u{1b}[2J end\n");
        let (_dir, file) = repo_with("int/README.md", &source);
        let end = source.find("end").unwrap();
        let d = test_support::diagnostic(
            "readme-missing",
            "two places",
            label(&file, 0..1, "first"),
            vec![label(&file, end..end + 3, "last")],
            None,
        );
        let text = render_text(&report(vec![d]));
        assert_eq!(text.matches("╭─[").count(), 2, "{text}");
        assert!(text.lines().count() < 40, "{text}");
        let (column, underline) = columns(&text, "end");
        assert_eq!(column, underline, "{text}");
    }

    #[test]
    fn the_summary_names_the_configuration_and_what_it_changed() {
        let mut report = report(Vec::new());
        assert!(render_text(&report).ends_with("no findings.\nConfiguration: none.\n"));
        report.configuration = crate::report::Configuration {
            file: Some("repo/ddlint\u{1b}[2J.toml".into()),
            rules_off: vec!["uninstallation-field-missing", "anchor-unresolved"],
            downgraded: 3,
            ignored: 2,
            app_uuids: 1,
        };
        let text = render_text(&report);
        assert!(
            text.ends_with(
                "Configuration: `repo/ddlint\\u{1b}[2J.toml`; rules turned off: \
                 uninstallation-field-missing, anchor-unresolved; findings downgraded to \
                 warnings: 3; findings ignored: 2; app-uuids set: for 1 integration.\n"
            ),
            "{text}"
        );
    }
}
