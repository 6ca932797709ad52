//! `description-too-long`: `tile.description` is longer than the tile shows.

use crate::diagnostic::Level;
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// Reports a `tile.description` longer than 80 characters in integrations-extras (a
    /// warning: 23 published integrations exceed it) or 70 characters in the Marketplace
    /// repository (`--repo-kind marketplace`, an error). Characters are Unicode code points.
    ///
    /// ## Why
    /// The description is the one line shown under the tile's title in the integrations
    /// catalogue; Datadog's attribute table limits it, and longer text is cut off.
    ///
    /// ## Example
    /// ```json
    /// "description": "Acme offers real-time replication between databases and data warehouses, with metrics."
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "description": "Monitor Acme replication between databases and warehouses."
    /// ```
    ///
    /// ## Fix
    /// Shorten the description; details belong in the README's Overview.
    pub(crate) struct DescriptionTooLong {
        code: "DD140",
        name: "description-too-long",
        level: Warning,
        summary: "tile.description is over 80 characters (over 70 is an error in the Marketplace)",
        reads: [Manifest],
    }
}

impl Rule for DescriptionTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(description) = integration
            .manifest_root()
            .and_then(|root| root.pointer("/tile/description"))
            .and_then(|node| node.as_str())
        else {
            return;
        };
        let (limit, level) = match integration.repo_kind(settings) {
            RepoKind::Marketplace => (70, Level::Error),
            RepoKind::Extras => (80, Level::Warning),
        };
        let length = description.chars().count();
        if length <= limit {
            return;
        }
        out.push(
            Finding::new(
                format!("`tile.description` has {length} characters; at most {limit} are allowed"),
                Place::value("/tile/description"),
                format!("{} characters too many", length - limit),
            )
            .with_help(format!(
                "shorten it to {limit} characters; details belong in the README's Overview"
            ))
            .with_level(level),
        );
    }
}
