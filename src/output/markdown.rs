//! The Markdown format: a summary table for a pull request or `$GITHUB_STEP_SUMMARY`.
//!
//! Every cell is escaped (`escape::markdown_text`, `escape::markdown_code`,
//! `escape::markdown_message`): nothing from the checked tree can become a link, an image, HTML
//! or another cell.

use std::io::{self, Write};

use super::escape::{markdown_code, markdown_message, markdown_text};
use crate::report::{Report, plural};

/// Writes a heading, the counts, what the configuration changed, and one table row per finding.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let (errors, warnings) = report.counts();
    writeln!(out, "## ddlint\n")?;
    let integrations = plural(report.integrations, "integration");
    if report.diagnostics.is_empty() {
        writeln!(out, "No findings in {integrations}.\n")?;
        return writeln!(out, "{}", configuration(report));
    }
    let (errors, warnings) = (plural(errors, "error"), plural(warnings, "warning"));
    writeln!(out, "{errors} and {warnings} in {integrations}.\n")?;
    writeln!(out, "{}\n", configuration(report))?;
    writeln!(out, "| level | rule | location | finding |")?;
    writeln!(out, "|---|---|---|---|")?;
    for d in &report.diagnostics {
        let at = d.primary.file.line_col(d.primary.span.start);
        let location = format!("{}:{}", d.primary.file.path().display(), at.line);
        // The level and the rule's name are the registry's own words (`[a-z0-9-]`).
        writeln!(
            out,
            "| {} | {} {} | {} | {} |",
            d.level.as_str(),
            markdown_code(d.rule.code),
            d.rule.name,
            markdown_code(&location),
            markdown_message(&d.message)
        )?;
    }
    Ok(())
}

/// "Configuration: none." or "Configuration: `ddlint.toml`; rules turned off: ...".
fn configuration(report: &Report) -> String {
    let configuration = &report.configuration;
    match &configuration.file {
        None => "Configuration: none.".to_owned(),
        Some(file) => format!(
            "Configuration: {}; {}.",
            markdown_code(&file.display().to_string()),
            markdown_text(&configuration.effects())
        ),
    }
}
