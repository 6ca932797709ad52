//! `uninstall-section-misplaced`: the Uninstallation section is neither in Setup nor right after it.

use crate::finding::{Finding, Place};
use crate::files::Readme;
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{Placement, Settings};

declare_rule! {
    /// ## What it does
    /// Reports an `Uninstallation` heading that is neither nested in the `## Setup` section
    /// (an H3 or deeper under it) nor the H2 that directly follows the Setup section. Which of
    /// the two is accepted is the placement policy, `--uninstall-placement`: `either` (the
    /// default), `nested` or `after-setup`. Most real integrations use the H2 after Setup.
    ///
    /// ## Why
    /// Datadog's "OAuth for integrations" requirements put the uninstall instructions "under
    /// `## Setup`", where a user looks for them when removing the integration. A section after
    /// `## Data Collected` or `## Troubleshooting` is sent back in review.
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
    /// Move the whole section (heading and text) to directly after the Setup section, or nest it
    /// in Setup as `### Uninstallation`.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct UninstallSectionMisplaced {
        code: "DD205",
        name: "uninstall-section-misplaced",
        level: Error,
        summary: "the Uninstallation section is neither in Setup nor the H2 right after it",
        reads: [Readme],
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
        let (accepted, where_) = match settings.placement {
            Placement::Either => (
                nested || after,
                "nested in `## Setup` or the H2 directly after the Setup section",
            ),
            Placement::Nested => (nested, "nested in `## Setup` (as `### Uninstallation`)"),
            Placement::AfterSetup => (after, "the H2 directly after the Setup section"),
        };
        if accepted {
            return;
        }
        let before = readme
            .outline
            .next_sibling_or_higher(setup)
            .filter(|&next| next != section)
            .and_then(|next| readme.outline.headings.get(next))
            .map(|next| format!(" (just before `{}`)", next.text))
            .unwrap_or_default();
        out.push(
            Finding::new(
                format!("the Uninstallation section must be {where_}"),
                Place::heading(section),
                "misplaced section",
            )
            .with_label(Place::heading(setup), "the Setup section starts here")
            .with_help(help(settings.placement, &before)),
        );
    }
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

fn help(placement: Placement, before: &str) -> String {
    match placement {
        Placement::Nested => {
            "move the whole section into the Setup section and make its heading `### Uninstallation`".to_owned()
        }
        _ => format!(
            "move the whole section (heading and text) to directly after the Setup section{before}, as `## Uninstallation`"
        ),
    }
}
