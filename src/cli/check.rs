//! `ddlint check`: configuration, lint or fix (`--fix`, `--diff`), then the report and exit code.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::select::Selection;
use super::{CheckArgs, Color, Outcome, statistics};
use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Level};
use crate::output::{self, Format, escape, human::HumanOptions};
use crate::report::{Configuration, Report, plural};
use crate::settings::Settings;

/// Why a run cannot start: a usage error (exit 2, one line on stderr), or the configuration's
/// errors (exit 2, reported as findings in the chosen format).
enum Unusable {
    Usage(String),
    Config(Vec<Diagnostic>, Configuration),
}

/// Runs `check` as the flags ask.
pub(crate) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let (settings, configuration) = match settings(args) {
        Ok(found) => found,
        Err(Unusable::Usage(message)) => return usage(err, &message),
        Err(Unusable::Config(diagnostics, configuration)) => {
            let report = Report {
                diagnostics,
                configuration,
                ..Report::default()
            };
            write_out(args, out, |out| render(args, &report, out))?;
            return Ok(Outcome::Usage);
        }
    };
    if args.fix || args.diff {
        return fix(args, &settings, &configuration, out, err);
    }
    match crate::check(&args.paths, &settings) {
        Ok(mut report) => {
            described(&mut report, &configuration);
            notes(args, &report, err)?;
            emit(args, &report, out).map(|()| outcome_of(args, &report))
        }
        Err(error) => usage(err, &error),
    }
}

/// The flags over the configuration (`--config`, or `ddlint.toml` found from the first path),
/// then `--select` and `--ignore` over both.
/// The flags over the configuration (`--config`, or the `ddlint.toml` found for the paths),
/// then `--select` and `--ignore` over both; and what the configuration sets.
fn settings(args: &CheckArgs) -> Result<(Settings, Configuration), Unusable> {
    if args.statistics && !matches!(args.format, Format::Human | Format::Json) {
        let format = format!("{:?}", args.format).to_lowercase();
        return Err(Unusable::Usage(format!(
            "--statistics prints a table (--format human) or JSON (--format json), not --format {format}"
        )));
    }
    let selection = Selection::parse(&args.select, &args.ignore).map_err(Unusable::Usage)?;
    let path = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(readable("--config", path)?),
        (None, false) => config::find(&args.paths),
    };
    let (config, configuration) = match path {
        None => (Config::default(), Configuration::default()),
        Some(path) => match config::load(&path) {
            Ok(config) => {
                let summary = config.summary(path);
                (config, summary)
            }
            Err(diagnostics) => {
                let configuration = Configuration {
                    file: Some(path),
                    ..Configuration::default()
                };
                return Err(Unusable::Config(diagnostics, configuration));
            }
        },
    };
    let mut settings = config.apply_to(args.settings(), args.repo_kind, args.uninstall_placement);
    selection.apply(&mut settings);
    Ok((settings, configuration))
}

/// The report with what the configuration sets beside what the run counted it doing.
fn described(report: &mut Report, configuration: &Configuration) {
    report.configuration.file.clone_from(&configuration.file);
    report
        .configuration
        .rules_off
        .clone_from(&configuration.rules_off);
    report.configuration.app_uuids = configuration.app_uuids;
}

/// A file named on the command line that can be opened for reading, else a usage error with
/// its path.
fn readable(flag: &str, path: &Path) -> Result<std::path::PathBuf, Unusable> {
    let problem = match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Some("is a directory".to_owned()),
        Ok(_) => std::fs::File::open(path)
            .err()
            .map(|e| format!("cannot be read: {e}")),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Some("does not exist".to_owned()),
        Err(error) => Some(format!("cannot be read: {error}")),
    };
    match problem {
        Some(problem) => Err(Unusable::Usage(format!(
            "{flag} `{}` {problem}",
            path.display()
        ))),
        None => Ok(path.to_owned()),
    }
}

/// A note on standard error for each file that selected no integration (not with --quiet).
fn notes(args: &CheckArgs, report: &Report, err: &mut dyn Write) -> io::Result<()> {
    if args.quiet {
        return Ok(());
    }
    for file in &report.skipped {
        writeln!(
            err,
            "note: `{}` is not inside an integration; skipped",
            escape::line(&file.display().to_string())
        )?;
    }
    for link in &report.links {
        writeln!(
            err,
            "note: `{}` is a symbolic link; not followed, not checked",
            escape::line(&link.display().to_string())
        )?;
    }
    Ok(())
}

/// `--fix` writes the fixed files and reports what remains; `--diff` prints the changes only,
/// exit 1 when there are some.
fn fix(
    args: &CheckArgs,
    settings: &Settings,
    configuration: &Configuration,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut outcome = match crate::fix(&args.paths, settings, args.unsafe_fixes) {
        Ok(outcome) => outcome,
        Err(error) => return usage(err, &error),
    };
    described(&mut outcome.report, configuration);
    notes(args, &outcome.report, err)?;
    if args.diff {
        let color = args.output_file.is_none() && use_color(args.color);
        write_out(args, out, |out| {
            output::diff::render(&outcome.changes, color, out)
        })?;
        let changed = !outcome.changes.is_empty() && !args.exit_zero;
        return Ok(if changed {
            Outcome::Findings
        } else {
            Outcome::Clean
        });
    }
    for change in &outcome.changes {
        std::fs::write(&change.path, &change.after).map_err(|e| naming(&change.path, e))?;
    }
    if !args.quiet {
        let files = outcome.changes.len();
        let noun = if files == 1 { "file" } else { "files" };
        writeln!(
            err,
            "Fixed {} in {files} {noun}.",
            plural(outcome.applied, "finding")
        )?;
    }
    emit(args, &outcome.report, out)?;
    Ok(outcome_of(args, &outcome.report))
}

/// 1 when a finding is at the failing level (errors, and warnings with --error-on-warnings).
fn outcome_of(args: &CheckArgs, report: &Report) -> Outcome {
    let failing = |d: &Diagnostic| d.level == Level::Error || args.error_on_warnings;
    if !args.exit_zero && report.diagnostics.iter().any(failing) {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn usage(err: &mut dyn Write, error: &dyn std::fmt::Display) -> io::Result<Outcome> {
    writeln!(err, "error: {}", escape::line(&error.to_string()))?;
    Ok(Outcome::Usage)
}

/// Writes the report in the chosen format (or its statistics), to `--output-file` or `out`.
fn emit(args: &CheckArgs, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_out(args, out, |out| match (args.statistics, args.format) {
        (true, Format::Json) => statistics::render_json(report, args.unsafe_fixes, out),
        (true, _) => statistics::render_text(report, args.unsafe_fixes, out),
        (false, _) => render(args, report, out),
    })
}

/// Runs `write` on `out`, or on a buffer then written to `--output-file`; an error writing the
/// file names it.
fn write_out(
    args: &CheckArgs,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let Some(path) = &args.output_file else {
        return write(out);
    };
    let mut buffer = Vec::new();
    write(&mut buffer)?;
    std::fs::write(path, buffer).map_err(|error| naming(path, error))
}

/// The error with the file's path: "cannot write `out/report.json`: No such file or directory".
fn naming(path: &Path, error: io::Error) -> io::Error {
    let message = format!("cannot write `{}`: {error}", path.display());
    io::Error::new(error.kind(), message)
}

fn render(args: &CheckArgs, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match args.format {
        Format::Human => {
            let color = args.output_file.is_none() && use_color(args.color);
            let options = HumanOptions {
                color,
                width: terminal_width(),
            };
            if args.quiet {
                output::human::render_diagnostics(report, options, out)
            } else {
                output::human::render(report, options, out)
            }
        }
        Format::Json => output::json::render(report, out),
        Format::Markdown => output::markdown::render(report, out),
        Format::Github => output::github::render(report, &report_root(), out),
        Format::Sarif => output::sarif::render(report, &report_root(), out),
    }
}

/// The directory that paths in the GitHub and SARIF formats are relative to: the top level of
/// the git work tree holding the current directory, else the current directory.
fn report_root() -> std::path::PathBuf {
    crate::git::Repo::discover().map_or_else(
        |_| std::path::PathBuf::from("."),
        |repo| repo.top().to_owned(),
    )
}
/// `--color`, then NO_COLOR, then CLICOLOR_FORCE, then whether stdout is a terminal.
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
