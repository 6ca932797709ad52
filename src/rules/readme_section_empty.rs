//! `readme-section-empty`: a required H2 of README.md has nothing under it.

use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// Reports a required H2 of README.md with nothing before the next H2 (or H1, or the end
    /// of the file): `## Overview` and `## Setup`, and in the Marketplace also `## Support`
    /// and `## Uninstallation`. A subsection counts as content, as do text, a list, a code
    /// block, an image and any HTML element; blank lines, HTML comments and link reference
    /// definitions do not. A missing section is another rule's (`overview-section-missing`,
    /// `setup-section-missing`, `support-section-missing`, `uninstall-section-missing`).
    ///
    /// Datadog's check stops with a traceback when a required H2 is the last thing in the
    /// file (nothing after it at all); ddlint reports it as empty. Datadog reads Markdown with
    /// Python-Markdown, ddlint as GitHub does: they agree on what a section holds, except that
    /// for Datadog an H1 right after the H2 is content, and for ddlint it ends the section.
    ///
    /// ## Why
    /// The integration tile links these sections (`tile.overview`, `tile.configuration`, and
    /// in the Marketplace `tile.support` and `tile.uninstallation`): an empty one leaves the
    /// user with nothing to read. Datadog's `ddev validate readmes` fails the pull request on
    /// it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Overview
    ///
    /// ## Setup
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Overview
    ///
    /// Acme monitors your widgets. This integration sends Acme's events to Datadog.
    ///
    /// ## Setup
    /// ```
    ///
    /// ## Fix
    /// Write what the section is for under its heading.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct ReadmeSectionEmpty {
        code: "DD207",
        name: "readme-section-empty",
        level: Error,
        summary: "a required H2 of README.md has nothing under it",
        reads: [Manifest, Readme],
    }
}

/// The H2s every README needs, then those a Marketplace listing needs too.
const REQUIRED: [&str; 2] = ["Overview", "Setup"];
const MARKETPLACE: [&str; 2] = ["Support", "Uninstallation"];

impl Rule for ReadmeSectionEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(readme) = integration.readme() else {
            return;
        };
        let marketplace = integration.repo_kind(settings) == RepoKind::Marketplace;
        let names = REQUIRED
            .iter()
            .chain(MARKETPLACE.iter().filter(|_| marketplace));
        let mut sections: Vec<(&str, usize, std::ops::Range<usize>)> = names
            .filter_map(|name| {
                let index = readme.h2_index(name)?;
                let heading = readme.outline.headings.get(index)?;
                Some((*name, index, heading.span.end..heading.section.end))
            })
            .collect();
        sections.sort_by_key(|(_, _, range)| range.start);
        let ranges: Vec<_> = sections.iter().map(|(_, _, range)| range.clone()).collect();
        let shown = readme.shows_within(&ranges);
        for ((name, index, _), shown) in sections.iter().zip(shown) {
            if shown {
                continue;
            }
            out.push(
                Finding::new(
                    format!("the `## {name}` section is empty"),
                    Place::heading(*index),
                    "nothing under this heading",
                )
                .with_help(format!(
                    "write the section's text under `## {name}`, before the next `##` heading"
                )),
            );
        }
    }
}
