//! The human format: rustc-style reports through miette, then one summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    NamedSource, Severity, SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Label, Level};
use crate::fix::Applicability;
use crate::report::{Report, plural};
use crate::source::SourceFile;

/// How to draw the reports.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width for wrapping messages.
    pub width: usize,
}

/// Writes every diagnostic of `report`, then the summary line.
pub fn render(report: &Report, options: HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    render_diagnostics(report, options, out)?;
    writeln!(out, "{}", summary(report))
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
    source: NamedSource<FileText>,
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
        let mut labels: Vec<LabeledSpan> = Some(&diagnostic.primary)
            .filter(|label| showable(label))
            .map(|label| labeled(label, true))
            .into_iter()
            .collect();
        labels.extend(
            here.into_iter()
                .filter(|l| showable(l))
                .map(|l| labeled(l, false)),
        );
        let mut docs = format!("for more, run `ddlint explain {}`", diagnostic.rule.name);
        if let Some(fix) = &diagnostic.fix {
            let flags = match fix.applicability {
                Applicability::Safe => "--fix",
                Applicability::Unsafe => "--fix --unsafe-fixes",
            };
            docs = format!(
                "fix ({}): `ddlint check {flags}` will {}\n{docs}",
                fix.applicability.as_str(),
                fix.description
            );
        }
        let help = match &diagnostic.help {
            Some(help) => format!("{help}\n{docs}"),
            None => docs,
        };
        let mut message = diagnostic.message.clone();
        if !showable(&diagnostic.primary) {
            let at = file.line_col(diagnostic.primary.span.start);
            let path = file.path().display();
            message.push_str(&format!(
                "\n  at {path}:{}:{} (the line is too long to show)",
                at.line, at.column
            ));
        }
        Self {
            message,
            code: format!("{} {}", diagnostic.rule.code, diagnostic.rule.name),
            severity: severity(diagnostic.level),
            help: Some(help),
            source: named(file),
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
        Self {
            message: "see also".to_owned(),
            code: String::new(),
            severity: Severity::Advice,
            help: None,
            source: named(&label.file),
            labels: vec![labeled(label, false)],
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

fn named(file: &Arc<SourceFile>) -> NamedSource<FileText> {
    NamedSource::new(
        file.path().display().to_string(),
        FileText(Arc::clone(file)),
    )
}

fn labeled(label: &Label, primary: bool) -> LabeledSpan {
    let span = SourceSpan::from(label.span.start..label.span.end);
    let text = Some(label.message.clone()).filter(|m| !m.is_empty());
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

/// A shared file's text as miette reads it. miette scans from the start of the text for every
/// snippet, which is quadratic over many findings in one large file; this hands it only the few
/// lines around the span, found through the file's line index, and shifts the result back.
struct FileText(Arc<SourceFile>);

impl SourceCode for FileText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let file = &self.0;
        let text = file.text();
        let end = span.offset().saturating_add(span.len());
        if end > text.len() {
            return text.read_span(span, context_lines_before, context_lines_after);
        }
        let (first, _) = file.line_start(span.offset());
        let (last, _) = file.line_start(end);
        let from = first.saturating_sub(context_lines_before + 1);
        let start = file.line_span(from + 1).start.min(span.offset());
        let start = if from == 0 { 0 } else { start };
        let stop = file
            .line_span(last + context_lines_after + 3)
            .start
            .max(end)
            .min(text.len());
        let window = text.get(start..stop).unwrap_or(text);
        let shifted = SourceSpan::from((span.offset() - start, span.len()));
        let contents = window.read_span(&shifted, context_lines_before, context_lines_after)?;
        let base = if from == 0 { 0 } else { from };
        Ok(Box::new(MietteSpanContents::new_named(
            file.path().display().to_string(),
            contents.data(),
            SourceSpan::from((contents.span().offset() + start, contents.span().len())),
            contents.line() + base,
            contents.column(),
            contents.line_count() + base,
        )))
    }
}
