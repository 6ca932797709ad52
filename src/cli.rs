//! The command line: `check`, `rules`, `explain`; formats, colour, exit codes.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::output::{self, Format, human::HumanOptions};
use crate::rules;
use crate::settings::{Placement, RepoKind, Settings};

#[derive(Debug, Parser)]
#[command(
    name = "ddlint",
    version,
    about = "A fast, offline linter for Datadog integrations"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check integration directories, a repository of them, or files inside one.
    Check(CheckArgs),
    /// List every rule with its code, level and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Print the bundled manifest v2 JSON Schema (for editors).
    Schema,
    /// Print a rule's documentation.
    Explain {
        /// The rule's name (`uninstall-section-missing`) or code (`DD204`).
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Integration directories, repository roots, or files inside an integration.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the human format (NO_COLOR and CLICOLOR_FORCE are honoured under `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The repository the integrations belong to; `marketplace` is stricter.
    #[arg(long, value_enum, default_value_t = RepoKind::Extras)]
    repo_kind: RepoKind,
    /// The app_uuid of the published OAuth client (checking one integration).
    #[arg(long, value_name = "UUID")]
    app_uuid: Option<String>,
    /// Compare app_uuid and app_id with each integration's manifest at this git revision.
    #[arg(long, value_name = "REF")]
    base: Option<String>,
    /// Where the Uninstallation section may sit: nested in Setup, the H2 after it, or either.
    #[arg(long, value_enum, default_value_t = Placement::Either)]
    uninstall_placement: Placement,
    /// Show every failed branch of a schema alternative, not only the most relevant one.
    #[arg(long)]
    verbose: bool,
}

impl CheckArgs {
    fn settings(&self) -> Settings {
        Settings {
            repo_kind: self.repo_kind,
            app_uuid: self.app_uuid.clone(),
            base: self.base.clone(),
            placement: self.uninstall_placement,
            verbose: self.verbose,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// How a run ended, as an exit code: 0 clean, 1 findings at the failing level, 2 usage error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean = 0,
    Findings = 1,
    Usage = 2,
}

/// Runs the parsed command, writing to `out` and errors to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    match cli.command {
        Command::Check(args) => check(&args, out, err),
        Command::Rules { format } => list_rules(format, out).map(|()| Outcome::Clean),
        Command::Explain { rule } => explain(&rule, out, err),
        Command::Schema => write!(out, "{}", crate::schema::SCHEMA).map(|()| Outcome::Clean),
    }
}

fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let report = match crate::check(&args.paths, &args.settings()) {
        Ok(report) => report,
        Err(error) => {
            writeln!(err, "error: {error}")?;
            return Ok(Outcome::Usage);
        }
    };
    match args.format {
        Format::Human => {
            let options = HumanOptions {
                color: use_color(args.color),
                width: terminal_width(),
            };
            output::human::render(&report, options, out)?;
        }
        Format::Json => output::json::render(&report, out)?,
    }
    Ok(if report.has_errors() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// `--color`, then NO_COLOR, then CLICOLOR_FORCE, then whether stdout is a terminal.
fn use_color(choice: Color) -> bool {
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

fn list_rules(format: RulesFormat, out: &mut dyn Write) -> io::Result<()> {
    if format == RulesFormat::Json {
        let rules: Vec<_> = rules::all()
            .map(|meta| {
                serde_json::json!({
                    "code": meta.code, "name": meta.name,
                    "level": meta.level, "summary": meta.summary,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rules)?;
        return writeln!(out);
    }
    for meta in rules::all() {
        let level = meta.level.as_str();
        writeln!(
            out,
            "{:<6} {:<30} {level:<8} {}",
            meta.code, meta.name, meta.summary
        )?;
    }
    Ok(())
}

fn explain(name: &str, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(meta) = rules::find(name) else {
        writeln!(
            err,
            "error: no rule is named `{name}`; `ddlint rules` lists them"
        )?;
        return Ok(Outcome::Usage);
    };
    writeln!(
        out,
        "# {} ({}, {} by default)\n",
        meta.name,
        meta.code,
        meta.level.as_str()
    )?;
    writeln!(out, "{}\n", meta.summary)?;
    write!(out, "{}", meta.docs())?;
    Ok(Outcome::Clean)
}
