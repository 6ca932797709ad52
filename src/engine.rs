//! Runs every rule over every integration, in parallel, then the repository rules over what
//! the integrations left; concretises the findings and applies the configuration.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Label, Level};
use crate::files::{Context, Files};
use crate::finding::{Finding, FixSpec, Place};
use crate::fix::Fix;
use crate::integration::Integration;
use crate::meta::{Reads, RuleMeta};
use crate::report::Report;
use crate::repository::{Repository, Summary};
use crate::rules::{RULES, Rule};
use crate::settings::Settings;

/// Checks each integration directory with the run's `context` (fixes held in memory, the byte
/// budget, the base revision's files); the report's order does not depend on scheduling.
pub(crate) fn check_integrations(
    dirs: &[PathBuf],
    settings: &Settings,
    context: &Arc<Context>,
) -> Report {
    let results: Vec<(Vec<Diagnostic>, Summary)> = dirs
        .par_iter()
        .map(|dir| check_one(dir.clone(), settings, context))
        .collect();
    let (per_integration, summaries): (Vec<_>, Vec<_>) = results.into_iter().unzip();
    let mut diagnostics: Vec<Diagnostic> = per_integration.into_iter().flatten().collect();
    let repository = Repository::new(summaries, Arc::clone(context));
    diagnostics.extend(check_repository(&repository, settings));
    let mut report = Report {
        skipped: Vec::new(),
        links: Vec::new(),
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

/// The rules that are on, those that read files first, then those that judge what was loaded.
fn enabled(settings: &Settings) -> impl Iterator<Item = &'static dyn Rule> + '_ {
    let on = |rule: &&'static dyn Rule| !settings.is_off(rule.meta().name);
    let loaded = |rule: &&'static dyn Rule| rule.meta().reads == Reads::Loaded;
    let first = RULES.iter().copied().filter(on).filter(move |r| !loaded(r));
    let last = RULES.iter().copied().filter(on).filter(loaded);
    first.chain(last)
}

/// Runs every rule that is on over one integration; what the repository rules need is kept.
fn check_one(
    dir: PathBuf,
    settings: &Settings,
    context: &Arc<Context>,
) -> (Vec<Diagnostic>, Summary) {
    let integration = Integration::new(dir, Arc::clone(context));
    let mut diagnostics = Vec::new();
    for rule in enabled(settings) {
        let meta = rule.meta();
        let mut findings = Vec::new();
        integration.files.allow(meta.reads.kinds());
        rule.check(&integration, settings, &mut findings);
        integration.files.allow(None);
        let owner = Some(integration.dir.clone());
        diagnostics.extend(concretise_all(&integration.files, meta, findings, &owner));
    }
    (diagnostics, Summary::of(&integration))
}

/// Runs every repository rule that is on.
fn check_repository(repository: &Repository, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in enabled(settings) {
        let meta = rule.meta();
        let mut findings = Vec::new();
        repository.files.allow(meta.reads.kinds());
        rule.check_repository(repository, settings, &mut findings);
        repository.files.allow(None);
        diagnostics.extend(concretise_all(&repository.files, meta, findings, &None));
    }
    diagnostics
}

/// One rule's findings in one scope, capped, as diagnostics. `owner` is the integration of an
/// integration scope; in the repository scope each finding belongs to its primary file's.
fn concretise_all(
    files: &Files,
    meta: &'static RuleMeta,
    mut findings: Vec<Finding>,
    owner: &Option<PathBuf>,
) -> Vec<Diagnostic> {
    cap(&mut findings);
    findings
        .into_iter()
        .filter_map(|finding| {
            let integration = (finding.integration.clone())
                .or_else(|| owner.clone())
                .or_else(|| Some(files.owner(finding.primary.0.file)));
            concretise(files, meta, finding, integration)
        })
        .collect()
}

/// Findings of one rule in one integration beyond which a file is hostile or generated; the rest
/// are counted on the last one shown, so that output stays proportional to what a person reads.
pub(crate) const MAX_PER_RULE: usize = 100;

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
fn concretise(
    files: &Files,
    meta: &'static RuleMeta,
    finding: Finding,
    integration: Option<PathBuf>,
) -> Option<Diagnostic> {
    let label = |(place, message): (Place, String)| {
        let (file, span) = files.locate(&place)?;
        Some(Label {
            file,
            span,
            message,
        })
    };
    let pointer = finding.primary.0.pointer().map(str::to_owned);
    let file = finding.primary.0.file;
    // A place that does not resolve is a rule bug (the tests would catch it); the finding is
    // still shown, at the start of its file, rather than lost.
    let primary = label(finding.primary).or_else(|| {
        debug_assert!(false, "{}: primary place not found", meta.name);
        label((Place::whole(file), String::new()))
    });
    Some(Diagnostic {
        rule: meta,
        level: finding.level.unwrap_or(meta.level),
        message: finding.message,
        primary: primary?,
        secondary: finding.secondary.into_iter().filter_map(label).collect(),
        help: finding.help,
        fix: finding.fix.and_then(|fix| resolve_fix(files, fix)),
        integration,
        pointer,
    })
}

fn resolve_fix(files: &Files, fix: FixSpec) -> Option<Fix> {
    let mut edits = fix.edits;
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    Some(Fix {
        applicability: fix.applicability,
        description: fix.description,
        file: files.source(fix.file)?,
        edits,
    })
}
