//! The command line: `check`, `rules`, `explain`, `schema`, `completions`; flags, and the exit
//! code.

mod check;
mod info;
mod select;
mod statistics;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::output::Format;
use crate::settings::{Placement, RepoKind, Settings};

/// The version `--version` prints: the package's, and the commit it was built from when known
/// (`0.1.0 (abc123def 2026-12-01)`, from build.rs).
pub const VERSION: &str = env!("DDLINT_VERSION");

#[derive(Debug, Parser)]
#[command(
    name = "ddlint",
    version = VERSION,
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
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Integration directories, repository roots, or files inside an integration.
    #[arg(default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// When to colour the human format (NO_COLOR and CLICOLOR_FORCE are honoured under `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Judge every integration as this repository's [default: each by its manifest: a non-empty
    /// `pricing` or a `legal_terms` makes a Marketplace listing].
    #[arg(long, value_enum)]
    pub(crate) repo_kind: Option<RepoKind>,
    /// The app_uuid of the published OAuth client (checking one integration).
    #[arg(long, value_name = "UUID")]
    pub(crate) app_uuid: Option<String>,
    /// Compare app_uuid and app_id with each integration's manifest at this git revision.
    #[arg(long, value_name = "REF")]
    pub(crate) base: Option<String>,
    /// Where the Uninstallation section may sit: nested in Setup, the H2 after it, or either
    /// [default: the H2 after Setup; nested in it is a warning, an error in the Marketplace].
    #[arg(long, value_enum)]
    pub(crate) uninstall_placement: Option<Placement>,
    /// Check only the integrations with files changed since this git revision.
    #[arg(long, value_name = "REF")]
    pub(crate) changed_since: Option<String>,
    /// Use this configuration file instead of looking for ddlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore any ddlint.toml.
    #[arg(long)]
    pub(crate) no_config: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) output_file: Option<PathBuf>,
    /// Exit 0 even when there are findings (usage and configuration errors still exit 2).
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub(crate) error_on_warnings: bool,
    /// Show every failed branch of a schema alternative, not only the most relevant one.
    #[arg(long)]
    pub(crate) verbose: bool,
    /// Report only these rules: names, codes or code prefixes (`DD2`), comma-separated or
    /// repeated; wins over ddlint.toml.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Do not report these rules (names, codes or code prefixes); wins over --select.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// Print only the findings: no summary line and no notes (errors still go to stderr).
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Print how many findings each rule has instead of the findings (human or json format).
    #[arg(long, conflicts_with = "diff")]
    pub(crate) statistics: bool,
    /// Apply the safe fixes in place, then report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub(crate) fix: bool,
    /// Print the fixes as a unified diff instead of the findings; write nothing.
    #[arg(long)]
    pub(crate) diff: bool,
    /// With --fix or --diff, also apply the unsafe fixes (README prose).
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Read at most this many MiB of files in all; files past it are reported, not read
    /// [default: 128].
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub(crate) read_limit: Option<u64>,
}

impl CheckArgs {
    pub(crate) fn settings(&self) -> Settings {
        Settings {
            repo_kind: self.repo_kind,
            app_uuid: self.app_uuid.clone(),
            base: self.base.clone(),
            changed_since: self.changed_since.clone(),
            placement: self.uninstall_placement.unwrap_or_default(),
            verbose: self.verbose,
            read_limit: self.read_limit.map(|mib| mib * 1024 * 1024),
            ..Settings::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RulesFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
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
        Command::Check(args) => check::run(&args, out, err),
        Command::Rules { format } => info::list_rules(format, out).map(|()| Outcome::Clean),
        Command::Explain { rule } => info::explain(&rule, out, err),
        Command::Schema => write!(out, "{}", crate::schema::SCHEMA).map(|()| Outcome::Clean),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "ddlint", out);
            Ok(Outcome::Clean)
        }
    }
}
