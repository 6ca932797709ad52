//! `anchor-unresolved`: a `README.md#X` value in `tile` names no heading of the README.

use crate::diagnostic::Level;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json::escape_token;
use crate::readme::slug;
use crate::requirements::UNINSTALL_SLUG;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// Reports a `tile` field whose value is `README.md#X` when no heading of `README.md` has the
    /// anchor `X`, as GitHub computes anchors: lowercase, punctuation dropped, spaces turned into
    /// `-`, so `README.md#Uninstallation` matches `## Uninstallation`.
    ///
    /// The finding is a warning for `support`, which most integrations point at a `#Support`
    /// heading their README does not have, and an error otherwise. Anchors for `Overview` and
    /// `Setup` are left to `overview-section-missing` and `setup-section-missing`, and
    /// `uninstallation` to `uninstallation-field-value` and `uninstall-section-missing`, and in
    /// a Marketplace listing `#Support` to `support-section-missing`, so that one defect gives
    /// one finding.
    ///
    /// ## Why
    /// The integration tile turns these fields into links into the README. A link to an anchor
    /// that does not exist opens the top of the page instead of the section the user needs.
    ///
    /// ## Example
    /// ```json
    /// "support": "README.md#Support"
    /// ```
    /// with a README whose last section is `## Troubleshooting`.
    ///
    /// ## Use instead
    /// ```json
    /// "support": "README.md#Troubleshooting"
    /// ```
    /// or add a `## Support` section to the README.
    ///
    /// ## Fix
    /// Point the field at a heading that exists, or add the heading to README.md.
    pub(crate) struct AnchorUnresolved {
        code: "DD104",
        name: "anchor-unresolved",
        level: Error,
        summary: "a README.md#anchor in tile names no heading of README.md",
        reads: [Manifest, Readme],
    }
}

/// Anchors whose absence another rule already reports.
const LEFT_TO_OTHER_RULES: [&str; 3] = ["overview", "setup", UNINSTALL_SLUG];

impl Rule for AnchorUnresolved {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let (Some(root), Some(readme)) = (integration.manifest_root(), integration.readme())
        else {
            return;
        };
        // A listing's missing `## Support` is `support-section-missing`'s.
        let marketplace = integration.repo_kind(settings) == RepoKind::Marketplace;
        let Some(tile) = root.get("tile").and_then(|tile| tile.as_object()) else {
            return;
        };
        for member in tile {
            let Some(anchor) = member
                .value
                .as_str()
                .and_then(|v| v.strip_prefix("README.md#"))
            else {
                continue;
            };
            let wanted = slug(anchor);
            if member.key == "uninstallation"
                || LEFT_TO_OTHER_RULES.contains(&wanted.as_str())
                || marketplace && wanted == "support"
                || readme.outline.by_slug(&wanted).is_some()
            {
                continue;
            }
            out.push(finding(&member.key, anchor));
        }
    }
}

fn finding(key: &str, anchor: &str) -> Finding {
    let place = Place::value(format!("/tile/{}", escape_token(key)));
    let (key, anchor) = (quoted(key), quoted(anchor));
    let finding = Finding::new(
        format!("`tile.{key}` links `README.md#{anchor}`, but README.md has no heading `{anchor}`"),
        place,
        "no README heading has this anchor",
    )
    .with_help(format!(
        "add a `## {anchor}` section to README.md, or point `{key}` at a heading it has"
    ));
    if key == "support" {
        finding.with_level(Level::Warning)
    } else {
        finding
    }
}
