//! What `overview-section-missing` and `setup-section-missing` share: a required H2 heading.

use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::integration::Integration;

/// Reports a README without an H2 named `name`, on a same-named heading of another level if any.
pub(crate) fn check(integration: &Integration, name: &str, out: &mut Vec<Finding>) {
    let Some(readme) = integration.readme() else {
        return;
    };
    if readme.outline.h2(name).is_some() {
        return;
    }
    let message = format!("README.md has no `## {name}` section");
    let help = format!("add a `## {name}` heading (level 2) to README.md");
    let finding = match readme.heading_index(name) {
        Some(index) => Finding::new(
            message,
            Place::heading(index),
            "this heading is not level 2",
        )
        .with_help(format!("make this heading level 2: `## {name}`")),
        None => Finding::new(
            message,
            Place::line(FileId::README, 1),
            format!("no `## {name}` in this file"),
        )
        .with_help(help),
    };
    out.push(finding);
}
