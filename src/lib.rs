//! ddlint: a fast, offline linter for Datadog integration directories.
//!
//! The public API is small: [`check`] runs every rule over the integrations that some paths
//! select and returns a [`Report`]; [`cli`] is the command line over it.

pub mod cli;
mod codeowners;
pub mod config;
mod csv;
pub mod diagnostic;
mod discovery;
mod engine;
mod files;
mod finding;
pub mod fix;
pub mod fixer;
mod git;
mod image;
mod integration;
mod json;
pub mod meta;
pub mod output;
mod place;
mod readme;
mod repo_config;
pub mod report;
mod repository;
mod requirements;
pub mod rules;
mod run;
mod schema;
pub mod settings;
pub mod source;
mod uuid;

use std::path::PathBuf;

pub use files::Kind;
pub use report::Report;
pub use run::UsageError;
pub use settings::{Placement, RepoKind, Settings};

/// Checks the integrations that `paths` select (directories, repository roots, or files inside
/// an integration), in parallel; the report is sorted and deterministic.
pub fn check(paths: &[PathBuf], settings: &Settings) -> Result<Report, UsageError> {
    let plan = run::Plan::new(paths, settings)?;
    let context = plan.context(files::Overlay::new());
    let mut report = engine::check_integrations(&plan.dirs, settings, &context);
    report.skipped = plan.skipped;
    report.links = plan.links;
    Ok(report)
}

/// Applies fixes in memory until none applies (safe ones, and unsafe ones when asked), and
/// returns the changed files and the findings that remain; nothing is written.
pub fn fix(
    paths: &[PathBuf],
    settings: &Settings,
    unsafe_fixes: bool,
) -> Result<fixer::FixOutcome, UsageError> {
    let plan = run::Plan::new(paths, settings)?;
    let mut outcome = fixer::fix(&plan, settings, unsafe_fixes);
    outcome.report.skipped = plan.skipped.clone();
    outcome.report.links = plan.links.clone();
    Ok(outcome)
}
