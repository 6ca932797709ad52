//! Runs every rule over every integration, in parallel, and concretises the findings.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Label};
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::report::Report;
use crate::rules::{RULES, Rule};

/// Checks each integration directory; the report's order does not depend on scheduling.
pub(crate) fn check_integrations(dirs: &[PathBuf]) -> Report {
    let mut diagnostics: Vec<Diagnostic> = dirs
        .par_iter()
        .flat_map_iter(|dir| check_one(dir.clone()))
        .collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Report {
        integrations: dirs.len(),
        diagnostics,
    }
}

/// Reads one integration and runs every rule on it.
pub(crate) fn check_one(dir: PathBuf) -> Vec<Diagnostic> {
    let integration = Integration::load(dir);
    let mut diagnostics = Vec::new();
    for rule in RULES {
        let mut findings = Vec::new();
        rule.check(&integration, &mut findings);
        diagnostics.extend(
            findings
                .into_iter()
                .filter_map(|finding| concretise(&integration, *rule, finding)),
        );
    }
    diagnostics
}

/// Turns a finding's places into spans. A place in a file that was not read loses its label;
/// a finding whose primary place cannot be found is a rule bug, caught by the tests.
fn concretise(integration: &Integration, rule: &dyn Rule, finding: Finding) -> Option<Diagnostic> {
    let meta = rule.meta();
    let label = |(place, message): (Place, String)| {
        let (file, span) = integration.locate(&place)?;
        Some(Label {
            file,
            span,
            message,
        })
    };
    let primary = label(finding.primary);
    debug_assert!(primary.is_some(), "{}: primary place not found", meta.name);
    Some(Diagnostic {
        rule: meta,
        level: finding.level.unwrap_or(meta.level),
        message: finding.message,
        primary: primary?,
        secondary: finding.secondary.into_iter().filter_map(label).collect(),
        help: finding.help,
    })
}
