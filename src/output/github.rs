//! The GitHub format: one [workflow command] per diagnostic, so that findings show inline on a
//! pull request, escaped exactly as `@actions/core` escapes them (`packages/core/src/command.ts`),
//! with hostile characters made visible first (`escape::github_data`, `escape::github_property`).
//!
//! [workflow command]: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
//!
//! Each line is `::error file=F,line=L,endLine=L,col=C,endColumn=C,title=T::MESSAGE` (`::warning`
//! for warnings), then `::notice` lines that count them and say what the configuration changed,
//! and nothing else is written, so stdout stays parseable. Lines are 1-based and
//! inclusive. Columns are 1-based Unicode code points, given only when the span is on one line
//! (the runner drops them otherwise). GitHub does not say whether `endColumn` is inclusive; its
//! runner defaults `endColumn` to `col` and rejects `endColumn < col`, the same rules it applies
//! to `line`/`endLine`, which are inclusive. So `endColumn` here is inclusive: the column of the
//! span's last character (`col` itself for an empty span), one less than the exclusive
//! `end_column` of the JSON format. A line ending that closes a span is not counted, so a span
//! running to the end of a line ends on that line, not at column 1 of the next.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::escape::{self, github_data, github_property};
use crate::diagnostic::{Diagnostic, Label, Level};
use crate::fix::Applicability;
use crate::report::{Report, plural};
use crate::source::LineCol;

/// Writes one workflow command per diagnostic, errors first (GitHub shows only the first few
/// annotations of each kind per step), then a `::notice` that counts them when there are any,
/// and one that names the configuration file and what it changed when one was used.
/// File paths are made relative to `root` (the repository root) with `/` separators; a file
/// outside `root` keeps the path it was given.
pub fn render(report: &Report, root: &Path, out: &mut dyn Write) -> io::Result<()> {
    let root = canonical(root);
    for level in [Level::Error, Level::Warning] {
        for diagnostic in report.diagnostics.iter().filter(|d| d.level == level) {
            writeln!(out, "{}", command(diagnostic, &root))?;
        }
    }
    let (errors, warnings) = report.counts();
    if errors + warnings > 0 {
        let counts = format!(
            "{} and {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        let summary = format!(
            "{counts} in {}; the job summary lists them all",
            plural(report.integrations, "integration")
        );
        writeln!(out, "::notice title=ddlint::{}", github_data(&summary))?;
    }
    let configuration = &report.configuration;
    if let Some(file) = &configuration.file {
        let text = format!(
            "configuration {}: {}",
            escape::line(&relative_path(file, &root)),
            configuration.effects()
        );
        writeln!(
            out,
            "::notice title=ddlint configuration::{}",
            github_data(&text)
        )?;
    }
    Ok(())
}

/// One `::error ...::message` line, without its line ending.
fn command(diagnostic: &Diagnostic, root: &Path) -> String {
    let name = diagnostic.level.as_str();
    let properties: Vec<String> = properties(diagnostic, root)
        .into_iter()
        .map(|(key, value)| format!("{key}={}", github_property(&value)))
        .collect();
    format!(
        "::{name} {}::{}",
        properties.join(","),
        github_data(&message(diagnostic, root))
    )
}

/// `file`, `line`, `endLine`, `col` and `endColumn` (one-line spans only), `title`.
fn properties(diagnostic: &Diagnostic, root: &Path) -> Vec<(&'static str, String)> {
    let label = &diagnostic.primary;
    let (start, last) = inclusive_range(label);
    let mut properties = vec![
        ("file", relative_path(label.file.path(), root)),
        ("line", start.line.to_string()),
        ("endLine", last.line.to_string()),
    ];
    if start.line == last.line {
        properties.push(("col", start.column.to_string()));
        properties.push(("endColumn", last.column.to_string()));
    }
    let rule = diagnostic.rule;
    properties.push(("title", format!("ddlint {} {}", rule.code, rule.name)));
    properties
}

/// The first and the last character of a label's span, not counting a line ending that closes
/// it; both are the start for an empty span.
fn inclusive_range(label: &Label) -> (LineCol, LineCol) {
    let file = &label.file;
    let start = file.line_col(label.span.start);
    let text = file.text().get(label.span.clone()).unwrap_or("");
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    let last = text.chars().next_back().map_or(start, |c| {
        file.line_col(label.span.start + text.len() - c.len_utf8())
    });
    (start, last)
}

/// The message, then `file:line: label` for each secondary label, then `help: ...`; each part
/// on its own lines, its hostile characters made visible.
fn message(diagnostic: &Diagnostic, root: &Path) -> String {
    let mut text = escape::line(&diagnostic.message).into_owned();
    for label in &diagnostic.secondary {
        let line = label.file.line_col(label.span.start).line;
        let path = relative_path(label.file.path(), root);
        text.push_str(&format!("\n{}:{line}", escape::line(&path)));
        if !label.message.is_empty() {
            text.push_str(&format!(": {}", escape::line(&label.message)));
        }
    }
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("\nhelp: {}", escape::text(help)));
    }
    if let Some(fix) = &diagnostic.fix {
        let flags = match fix.applicability {
            Applicability::Safe => "--fix",
            Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        text.push_str(&format!(
            "\nfix: `ddlint check {flags}` will {}",
            escape::line(&fix.description)
        ));
    }
    text
}

/// `path` relative to `root` (already canonical) with `/` separators, or `path` as given (also
/// with `/`) when it is not under `root`. A missing file is resolved through its directory.
pub(crate) fn relative_path(path: &Path, root: &Path) -> String {
    let shown = canonical(path)
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    slashed(&shown)
}

/// The path with `/` between components, whatever the platform's separator.
pub(crate) fn slashed(path: &Path) -> String {
    path.to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/")
}

/// `path` made absolute against the real current directory and normalised by its text alone:
/// `.` and `..` folded, no symbolic link followed. A link in a checked tree (`README.md ->
/// /etc/passwd`) is shown as the link, never as where it points.
pub(crate) fn canonical(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        let cwd = std::env::current_dir().unwrap_or_default();
        cwd.canonicalize().unwrap_or(cwd).join(path)
    };
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
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

    use super::*;
    use crate::output::test_support::{self, label, repo_with};
    use crate::source::SourceFile;

    fn diagnostic(primary: Label, secondary: Vec<Label>, help: Option<&str>) -> Diagnostic {
        let message = "100% wrong: `a`, `b`\r\nnext";
        test_support::diagnostic(
            "uninstallation-field-value",
            message,
            primary,
            secondary,
            help,
        )
    }

    fn render_one(diagnostic: Diagnostic, root: &Path) -> String {
        let report = Report {
            skipped: Vec::new(),
            integrations: 1,
            diagnostics: vec![diagnostic],
            ..Report::default()
        };
        let mut out = Vec::new();
        render(&report, root, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let (command, notice) = text.split_once('\n').unwrap();
        assert!(
            notice.starts_with("::notice title=ddlint::1 error and 0 warnings in 1 integration")
        );
        format!("{command}\n")
    }

    #[test]
    fn errors_come_before_warnings_and_a_notice_counts_them() {
        let (dir, file) = repo_with("int/manifest.json", "{}\n");
        let mut warning = diagnostic(label(&file, 0..1, ""), vec![], None);
        warning.level = Level::Warning;
        let error = diagnostic(label(&file, 1..2, ""), vec![], None);
        let report = Report {
            skipped: Vec::new(),
            integrations: 1,
            diagnostics: vec![warning, error],
            ..Report::default()
        };
        let mut out = Vec::new();
        render(&report, dir.path(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let kinds: Vec<&str> = text
            .lines()
            .map(|line| line.split(' ').next().unwrap())
            .collect();
        assert_eq!(kinds, ["::error", "::warning", "::notice"]);
    }

    #[test]
    fn one_line_spans_have_inclusive_columns_and_an_escaped_message() {
        let (dir, file) = repo_with("int/manifest.json", "{\n  \"é\": \"bad\"\n}\n");
        let start = file.text().find("\"bad").unwrap();
        let d = diagnostic(
            label(&file, start..start + 5, "here"),
            vec![],
            Some("use `x`\r\nor 10% `y`"),
        );
        let line = render_one(d, dir.path());
        // A message is one line: a line break in it is shown; help keeps its lines, escaped.
        assert_eq!(
            line,
            "::error file=int/manifest.json,line=2,endLine=2,col=8,endColumn=12,\
             title=ddlint DD102 uninstallation-field-value\
             ::100%25 wrong: `a`, `b`\\u{d}\\u{a}next%0Ahelp: use `x`%0D%0Aor 10%25 `y`\n"
        );
    }

    #[test]
    fn multi_line_spans_have_no_columns_and_a_span_ending_a_line_stays_on_it() {
        let (dir, file) = repo_with("m.json", "{\n  \"a\": 1\n}\n");
        let d = diagnostic(label(&file, 0..file.text().len() - 1, ""), vec![], None);
        let line = render_one(d, dir.path());
        assert!(
            line.starts_with("::error file=m.json,line=1,endLine=3,title="),
            "{line}"
        );
        let d = diagnostic(label(&file, 2..11, ""), vec![], None);
        let line = render_one(d, dir.path());
        assert!(
            line.contains(",line=2,endLine=2,col=1,endColumn=8,"),
            "{line}"
        );
    }

    #[test]
    fn an_empty_span_is_one_column() {
        let (dir, file) = repo_with("m.json", "");
        let d = diagnostic(label(&file, 0..0, ""), vec![], None);
        let line = render_one(d, dir.path());
        assert!(
            line.contains(",line=1,endLine=1,col=1,endColumn=1,"),
            "{line}"
        );
    }

    #[test]
    fn file_names_with_command_characters_are_escaped() {
        let name = "we:ird,na%me::x/manifest.json";
        let (dir, file) = repo_with(name, "{}\n");
        let readme = Arc::new(SourceFile::new(
            dir.path().join("we:ird,na%me::x/READ ME.md"),
            "# A\n## B\n".to_owned(),
        ));
        let secondary = vec![label(&readme, 4..8, "the heading, here: 50%")];
        let d = diagnostic(label(&file, 0..2, ""), secondary, None);
        let line = render_one(d, dir.path());
        assert!(
            line.starts_with("::error file=we%3Aird%2Cna%25me%3A%3Ax/manifest.json,line=1,"),
            "{line}"
        );
        assert!(
            line.ends_with(
                "\\u{a}next%0Awe:ird,na%25me::x/READ ME.md:2: the heading, here: 50%25\n"
            ),
            "{line}"
        );
    }

    #[test]
    fn paths_are_relative_to_the_root_or_kept_when_outside_it() {
        let (dir, file) = repo_with("a/b/manifest.json", "{}");
        let root = canonical(dir.path());
        assert_eq!(relative_path(file.path(), &root), "a/b/manifest.json");
        let missing = dir.path().join("a/README.md");
        assert_eq!(relative_path(&missing, &root), "a/README.md");
        let elsewhere = tempfile::tempdir().unwrap();
        assert_eq!(
            relative_path(file.path(), &canonical(elsewhere.path())),
            slashed(file.path())
        );
        assert_eq!(
            relative_path(Path::new("no/such/file"), &root),
            "no/such/file"
        );
    }

    #[test]
    fn an_empty_report_writes_nothing() {
        let mut out = Vec::new();
        render(&Report::default(), Path::new("."), &mut out).unwrap();
        assert!(out.is_empty());
    }
}
