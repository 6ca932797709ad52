//! The Markdown format: a summary table for a pull request or `$GITHUB_STEP_SUMMARY`.

use std::io::{self, Write};

use crate::report::{Report, plural};

/// Writes a heading, the counts, and one table row per finding.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let (errors, warnings) = report.counts();
    writeln!(out, "## ddlint\n")?;
    let integrations = plural(report.integrations, "integration");
    if report.diagnostics.is_empty() {
        return writeln!(out, "No findings in {integrations}.");
    }
    let (errors, warnings) = (plural(errors, "error"), plural(warnings, "warning"));
    writeln!(out, "{errors} and {warnings} in {integrations}.\n")?;
    writeln!(out, "| level | rule | location | finding |")?;
    writeln!(out, "|---|---|---|---|")?;
    for d in &report.diagnostics {
        let at = d.primary.file.line_col(d.primary.span.start);
        let level = d.level.as_str();
        writeln!(
            out,
            "| {level} | `{}` {} | `{}:{}` | {} |",
            d.rule.code,
            d.rule.name,
            cell(&d.primary.file.path().display().to_string()),
            at.line,
            cell(&d.message)
        )?;
    }
    Ok(())
}

/// Text safe inside a table cell: pipes escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
    }
}
