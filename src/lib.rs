//! ddlint: a fast, offline linter for Datadog integration directories.
//!
//! The public API is small: [`check`] runs every rule over the integrations that some paths
//! select and returns a [`Report`]; [`cli`] is the command line over it.

pub mod cli;
pub mod config;
pub mod diagnostic;
mod discovery;
mod engine;
mod facts;
mod finding;
pub mod fix;
pub mod fixer;
mod git;
mod integration;
mod json;
mod location;
pub mod meta;
pub mod output;
mod paths;
mod readme;
pub mod report;
mod requirements;
pub mod rules;
mod schema;
pub mod settings;
pub mod source;
mod uuid;

use std::path::PathBuf;

pub use report::Report;
pub use settings::{Placement, RepoKind, Settings, UsageError};

/// Checks the integrations that `paths` select (directories, repository roots, or files inside
/// an integration), in parallel; the report is sorted and deterministic.
pub fn check(paths: &[PathBuf], settings: &Settings) -> Result<Report, UsageError> {
    let found = discovery::discover(paths).map_err(UsageError::Discovery)?;
    let dirs = settings::select_changed(settings, found.dirs)?;
    settings::validate(settings, &dirs)?;
    let mut report = engine::check_integrations(&dirs, settings, &Default::default());
    report.skipped = found.skipped;
    Ok(report)
}

/// Applies fixes in memory until none applies (safe ones, and unsafe ones when asked), and
/// returns the changed files and the findings that remain; nothing is written.
pub fn fix(
    paths: &[PathBuf],
    settings: &Settings,
    unsafe_fixes: bool,
) -> Result<fixer::FixOutcome, UsageError> {
    let found = discovery::discover(paths).map_err(UsageError::Discovery)?;
    let dirs = settings::select_changed(settings, found.dirs)?;
    settings::validate(settings, &dirs)?;
    let mut outcome = fixer::fix(&dirs, settings, unsafe_fixes);
    outcome.report.skipped = found.skipped;
    Ok(outcome)
}
