//! `ddlint check`: lint, or fix (`--fix`, `--diff`), then render the report.

use std::io::{self, IsTerminal, Write};

use super::{CheckArgs, Color, Outcome};
use crate::output::{self, Format, human::HumanOptions};
use crate::report::Report;

/// Runs `check` as the flags ask.
pub(crate) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let settings = args.settings();
    if args.fix || args.diff {
        return fix(args, out, err);
    }
    match crate::check(&args.paths, &settings) {
        Ok(report) => render(args, &report, out),
        Err(error) => usage(err, &error),
    }
}

/// `--fix` writes the fixed files and reports what remains; `--diff` prints the changes only,
/// exit 1 when there are some.
fn fix(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let outcome = match crate::fix(&args.paths, &args.settings(), args.unsafe_fixes) {
        Ok(outcome) => outcome,
        Err(error) => return usage(err, &error),
    };
    if args.diff {
        output::diff::render(&outcome.changes, use_color(args.color), out)?;
        return Ok(if outcome.changes.is_empty() {
            Outcome::Clean
        } else {
            Outcome::Findings
        });
    }
    for change in &outcome.changes {
        std::fs::write(&change.path, &change.after)?;
    }
    let files = outcome.changes.len();
    writeln!(
        err,
        "Fixed {} in {files} file{}.",
        plural(outcome.applied, "finding"),
        if files == 1 { "" } else { "s" }
    )?;
    render(args, &outcome.report, out)
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn usage(err: &mut dyn Write, error: &dyn std::fmt::Display) -> io::Result<Outcome> {
    writeln!(err, "error: {error}")?;
    Ok(Outcome::Usage)
}

/// Writes the report in the chosen format; the exit code follows its error-level findings.
fn render(args: &CheckArgs, report: &Report, out: &mut dyn Write) -> io::Result<Outcome> {
    match args.format {
        Format::Human => {
            let options = HumanOptions {
                color: use_color(args.color),
                width: terminal_width(),
            };
            output::human::render(report, options, out)?;
        }
        Format::Json => output::json::render(report, out)?,
    }
    Ok(if report.has_errors() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

pub(crate) fn use_color(choice: Color) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto if set("NO_COLOR") => false,
        Color::Auto if set("CLICOLOR_FORCE") => true,
        Color::Auto => io::stdout().is_terminal(),
    }
}

/// `COLUMNS` when set, else 100: wide enough for snippets, stable for snapshots.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .filter(|&columns| columns >= 40)
        .unwrap_or(100)
}
