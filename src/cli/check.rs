//! `ddlint check`: configuration, lint or fix (`--fix`, `--diff`), then the report and exit code.

use std::io::{self, IsTerminal, Write};

use super::{CheckArgs, Color, Outcome};
use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Level};
use crate::output::{self, Format, escape, human::HumanOptions};
use crate::report::{Configuration, Report, plural};
use crate::settings::Settings;

/// Runs `check` as the flags ask.
pub(crate) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let (settings, configuration) = match settings(args) {
        Ok(found) => found,
        Err((diagnostics, configuration)) => {
            let report = Report {
                diagnostics,
                configuration,
                ..Report::default()
            };
            emit(args, &report, out)?;
            return Ok(Outcome::Usage);
        }
    };
    if args.fix || args.diff {
        return fix(args, &settings, &configuration, out, err);
    }
    match crate::check(&args.paths, &settings) {
        Ok(mut report) => {
            described(&mut report, &configuration);
            notes(&report, err)?;
            emit(args, &report, out).map(|()| outcome_of(args, &report))
        }
        Err(error) => usage(err, &error),
    }
}

/// The flags over the configuration (`--config`, or the `ddlint.toml` found for the paths), and
/// what the configuration sets; its errors, with the file named.
fn settings(
    args: &CheckArgs,
) -> Result<(Settings, Configuration), (Vec<Diagnostic>, Configuration)> {
    let path = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => config::find(&args.paths),
    };
    let flags =
        |config: Config| config.apply_to(args.settings(), args.repo_kind, args.uninstall_placement);
    let Some(path) = path else {
        return Ok((flags(Config::default()), Configuration::default()));
    };
    match config::load(&path) {
        Ok(config) => {
            let summary = config.summary(path);
            Ok((flags(config), summary))
        }
        Err(diagnostics) => Err((
            diagnostics,
            Configuration {
                file: Some(path),
                ..Configuration::default()
            },
        )),
    }
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

/// A note on standard error for each file that selected no integration.
fn notes(report: &Report, err: &mut dyn Write) -> io::Result<()> {
    for file in &report.skipped {
        writeln!(
            err,
            "note: `{}` is not inside an integration; skipped",
            escape::line(&file.display().to_string())
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
    notes(&outcome.report, err)?;
    if args.diff {
        let color = args.output_file.is_none() && use_color(args.color);
        let mut buffer = Vec::new();
        output::diff::render(&outcome.changes, color, &mut buffer)?;
        match &args.output_file {
            Some(path) => std::fs::write(path, buffer)?,
            None => out.write_all(&buffer)?,
        }
        let changed = !outcome.changes.is_empty() && !args.exit_zero;
        return Ok(if changed {
            Outcome::Findings
        } else {
            Outcome::Clean
        });
    }
    for change in &outcome.changes {
        std::fs::write(&change.path, &change.after)?;
    }
    let files = outcome.changes.len();
    let noun = if files == 1 { "file" } else { "files" };
    writeln!(
        err,
        "Fixed {} in {files} {noun}.",
        plural(outcome.applied, "finding")
    )?;
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

/// Writes the report in the chosen format, to `--output-file` or `out`.
fn emit(args: &CheckArgs, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let Some(path) = &args.output_file else {
        return render(args, report, out);
    };
    let mut buffer = Vec::new();
    render(args, report, &mut buffer)?;
    std::fs::write(path, buffer)
}

fn render(args: &CheckArgs, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match args.format {
        Format::Human => {
            let color = args.output_file.is_none() && use_color(args.color);
            let options = HumanOptions {
                color,
                width: terminal_width(),
            };
            output::human::render(report, options, out)
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
    let toplevel = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .map(|stdout| stdout.trim_end_matches(['\n', '\r']).to_owned())
        .filter(|path| !path.is_empty());
    toplevel.map_or_else(|| std::path::PathBuf::from("."), std::path::PathBuf::from)
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
