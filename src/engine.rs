//! Runs every rule over every integration, in parallel, and concretises the findings.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Label, Level};
use crate::finding::FixSpec;
use crate::finding::{FileRef, Finding, Place};
use crate::fix::Fix;
use crate::integration::{Integration, Overlay};
use crate::report::Report;
use crate::rules::{RULES, Rule, Seen};
use crate::settings::Settings;

/// Checks each integration directory, reading files from `overlay` first; the report's order
/// does not depend on scheduling.
pub(crate) fn check_integrations(
    dirs: &[PathBuf],
    settings: &Settings,
    overlay: &Overlay,
) -> Report {
    let results: Vec<(Vec<Diagnostic>, Seen)> = dirs
        .par_iter()
        .map(|dir| check_one(dir.clone(), settings, overlay))
        .collect();
    let (per_integration, seen): (Vec<_>, Vec<_>) = results.into_iter().unzip();
    let mut diagnostics: Vec<Diagnostic> = per_integration.into_iter().flatten().collect();
    for rule in RULES
        .iter()
        .filter(|rule| !settings.is_off(rule.meta().name))
    {
        let load = |dir: &std::path::Path| Integration::load(dir.to_owned(), overlay);
        rule.check_across(&seen, &load, &mut diagnostics);
    }
    let mut report = Report {
        skipped: Vec::new(),
        integrations: dirs.len(),
        diagnostics,
        configuration: Default::default(),
    };
    finish(&mut report, settings, dirs);
    report
}

/// The configuration's ignores (those about the checked integrations) and levels, applied
/// before anything reads the report: outputs, exit codes and the choice of fixes alike.
fn finish(report: &mut Report, settings: &Settings, dirs: &[PathBuf]) {
    report.configuration.ignored = crate::config::apply(&settings.ignores, dirs, report);
    report.diagnostics.retain(|d| !settings.is_off(d.rule.name));
    for diagnostic in &mut report.diagnostics {
        if let Some(Some(level)) = settings.levels.get(diagnostic.rule.name) {
            let lowered = diagnostic.level == Level::Error && *level == Level::Warning;
            report.configuration.downgraded += usize::from(lowered);
            diagnostic.level = *level;
        }
    }
    report
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Reads one integration, runs every rule on it, and keeps what the cross-integration rules need.
fn check_one(dir: PathBuf, settings: &Settings, overlay: &Overlay) -> (Vec<Diagnostic>, Seen) {
    let integration = Integration::load(dir, overlay);
    let mut diagnostics = Vec::new();
    for rule in RULES
        .iter()
        .filter(|rule| !settings.is_off(rule.meta().name))
    {
        let mut findings = Vec::new();
        rule.check(&integration, settings, &mut findings);
        cap(&mut findings);
        diagnostics.extend(
            findings
                .into_iter()
                .filter_map(|finding| concretise(&integration, *rule, finding)),
        );
    }
    let seen = Seen {
        app_uuid: integration.app_uuid().map(str::to_owned),
        dir: integration.dir,
    };
    (diagnostics, seen)
}

/// Findings of one rule in one integration beyond which a file is hostile or generated; the rest
/// are counted on the last one shown, so that output stays proportional to what a person reads.
const MAX_PER_RULE: usize = 100;

fn cap(findings: &mut Vec<Finding>) {
    if findings.len() <= MAX_PER_RULE {
        return;
    }
    let hidden = findings.len() - MAX_PER_RULE;
    findings.truncate(MAX_PER_RULE);
    if let Some(last) = findings.last_mut() {
        last.message.push_str(&format!(
            " ({hidden} more like this in this integration are not shown)"
        ));
    }
}

/// Turns a finding's places into spans. A place in a file that was not read loses its label;
/// a finding whose primary place cannot be found is a rule bug, caught by the tests.
pub(crate) fn concretise(
    integration: &Integration,
    rule: &dyn Rule,
    finding: Finding,
) -> Option<Diagnostic> {
    let meta = rule.meta();
    let label = |(place, message): (Place, String)| {
        let (file, span) = integration.locate(&place)?;
        Some(Label {
            file,
            span,
            message,
        })
    };
    let pointer = match &finding.primary.0 {
        Place::Json { pointer, .. } => Some(pointer.clone()),
        _ => None,
    };
    // A place that does not resolve is a rule bug (the tests would catch it); the finding is
    // still shown, on the first line of the manifest, rather than lost.
    let primary = label(finding.primary).or_else(|| {
        debug_assert!(false, "{}: primary place not found", meta.name);
        label((Place::FirstLine(FileRef::Manifest), String::new()))
    });
    Some(Diagnostic {
        rule: meta,
        level: finding.level.unwrap_or(meta.level),
        message: finding.message,
        primary: primary?,
        secondary: finding.secondary.into_iter().filter_map(label).collect(),
        help: finding.help,
        fix: finding.fix.and_then(|fix| resolve_fix(integration, fix)),
        integration: Some(integration.dir.clone()),
        pointer,
    })
}

fn resolve_fix(integration: &Integration, fix: FixSpec) -> Option<Fix> {
    let mut edits = fix.edits;
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    Some(Fix {
        applicability: fix.applicability,
        description: fix.description,
        file: integration.source(fix.file)?,
        edits,
    })
}
