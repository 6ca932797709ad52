//! `uninstall-section-misplaced`: the Uninstallation section is not the H2 right after Setup.

use crate::diagnostic::Level;
use crate::files::{FileId, Readme};
use crate::finding::{Finding, FixSpec, Place};
use crate::fix::markdown::{move_section, relevel_section};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{Placement, RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// Reports an `Uninstallation` heading that is not the H2 directly following the
    /// `## Setup` section. A section nested in Setup (`### Uninstallation` under `## Setup`)
    /// is a warning in integrations-extras and an error in the Marketplace, which requires the
    /// H2; anywhere else (after `## Data Collected`, under another section) is an error.
    ///
    /// `--uninstall-placement` (or `uninstall-placement` in `ddlint.toml`) sets another
    /// policy for every integration: `after-setup` accepts only the H2 after Setup (a nested
    /// section is an error), `nested` only a section nested in Setup, `either` both, silently.
    ///
    /// ## Why
    /// Datadog's "OAuth for integrations" requirements put the uninstall instructions with
    /// the setup, where a user looks for them when removing the integration, and the tile
    /// links them (`tile.uninstallation`). Reviewers side with the H2: in the repository's
    /// history every move of the section turned `### Uninstallation` inside Setup into
    /// `## Uninstallation` after it (PR #1778 among them), most real integrations have the H2
    /// after Setup, and Datadog's `ddev validate readmes` requires an `## Uninstallation` H2
    /// in the Marketplace (Datadog's own fix of a listing made the H3 an H2).
    ///
    /// ## Example
    /// ```markdown
    /// ## Setup
    /// ...
    /// ## Data Collected
    /// ...
    /// ## Uninstallation
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup
    /// ...
    /// ## Uninstallation
    /// ...
    /// ## Data Collected
    /// ```
    ///
    /// ## Fix
    /// A `### Uninstallation` that is the last subsection of Setup becomes `## Uninstallation`,
    /// its own subsections one level up too: `ddlint check --fix` does it, as a safe fix, since
    /// every word stays where it was and every anchor still resolves. A section anywhere else
    /// is moved, heading and text, to directly after the Setup section as an H2, with
    /// `--unsafe-fixes`: moving prose is for a person to review.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct UninstallSectionMisplaced {
        code: "DD205",
        name: "uninstall-section-misplaced",
        level: Error,
        summary: "the Uninstallation section is not the H2 right after Setup",
        reads: [Manifest, Readme],
    }
}

impl Rule for UninstallSectionMisplaced {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(readme) = integration.readme() else {
            return;
        };
        let (Some(section), Some(setup)) = (readme.uninstall_index(), readme.h2_index("Setup"))
        else {
            return;
        };
        let nested = is_nested(readme, section, setup);
        let after = is_after_setup(readme, section, setup);
        let marketplace = integration.repo_kind(settings) == RepoKind::Marketplace;
        let verdict = match settings.placement {
            Placement::Default if after => return,
            Placement::Default if nested && !marketplace => Verdict::NestedWarning,
            Placement::Either if nested || after => return,
            Placement::Nested if nested => return,
            Placement::Nested => Verdict::WantNested,
            Placement::AfterSetup if after => return,
            _ => Verdict::WantAfter,
        };
        out.push(finding(readme, section, setup, verdict, nested));
    }
}

/// What is wrong, by the policy.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Nested in Setup, where the H2 after it is preferred: a warning.
    NestedWarning,
    /// Not the H2 after Setup, which the policy (or the Marketplace) requires.
    WantAfter,
    /// Not nested in Setup, which `--uninstall-placement nested` requires.
    WantNested,
}

fn finding(readme: &Readme, section: usize, setup: usize, verdict: Verdict, nested: bool) -> Finding {
    let place = Place::heading(section);
    let base = match verdict {
        Verdict::NestedWarning => Finding::new(
            "the Uninstallation section should be the H2 directly after the Setup section, not nested in it",
            place,
            "nested in `## Setup`",
        )
        .with_level(Level::Warning),
        Verdict::WantAfter if nested => Finding::new(
            "the Uninstallation section must be the H2 directly after the Setup section, not nested in it",
            place,
            "nested in `## Setup`",
        ),
        Verdict::WantAfter => Finding::new(
            "the Uninstallation section must be the H2 directly after the Setup section",
            place,
            "misplaced section",
        ),
        Verdict::WantNested => Finding::new(
            "the Uninstallation section must be nested in `## Setup` (as `### Uninstallation`)",
            place,
            "misplaced section",
        ),
    };
    let base = base.with_label(Place::heading(setup), "the Setup section starts here");
    if verdict == Verdict::WantNested {
        return base.with_help(
            "move the whole section into the Setup section and make its heading `### Uninstallation`",
        );
    }
    let last = is_last_in_setup(readme, section, setup);
    let (help, fix) = if nested && last {
        let fix = relevel_section(readme.source.text(), &readme.outline, section, 2).map(|edits| {
            FixSpec::safe(FileId::README, "make the Uninstallation section the H2 after Setup", edits)
        });
        let subsections = readme
            .outline
            .headings
            .get(section + 1)
            .zip(readme.outline.headings.get(section))
            .is_some_and(|(next, this)| this.section.contains(&next.span.start));
        let also = if subsections { ", and its subsections one level higher" } else { "" };
        (format!("make its heading `## Uninstallation`{also}"), fix)
    } else {
        let before = readme
            .outline
            .next_sibling_or_higher(setup)
            .filter(|&next| next != section)
            .and_then(|next| readme.outline.headings.get(next))
            .map(|next| format!(" (just before `{}`)", next.text))
            .unwrap_or_default();
        let fix = move_section(readme.source.text(), &readme.outline, section, setup).map(|edits| {
            FixSpec::unsafe_(FileId::README, "move the Uninstallation section to after the Setup section", edits)
        });
        (
            format!(
                "move the whole section (heading and text) to directly after the Setup section{before}, as `## Uninstallation`"
            ),
            fix,
        )
    };
    base.with_help(help).with_fix(fix)
}

/// `## Setup` is an ancestor of the section's heading.
fn is_nested(readme: &Readme, section: usize, setup: usize) -> bool {
    let mut current = section;
    while let Some(parent) = readme.outline.parent(current) {
        if parent == setup {
            return true;
        }
        current = parent;
    }
    false
}

/// The section is the H2 at which the Setup section ends.
fn is_after_setup(readme: &Readme, section: usize, setup: usize) -> bool {
    let level = readme.outline.headings.get(section).map(|h| h.level);
    level == Some(2) && readme.outline.next_sibling_or_higher(setup) == Some(section)
}

/// The section, nested in Setup, runs to the end of the Setup section.
fn is_last_in_setup(readme: &Readme, section: usize, setup: usize) -> bool {
    let headings = &readme.outline.headings;
    match (headings.get(section), headings.get(setup)) {
        (Some(section), Some(setup)) => section.section.end == setup.section.end,
        _ => false,
    }
}
