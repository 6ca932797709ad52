//! `media-too-many`: `tile.media` holds more than 8 items.

use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::media::{MAX_ITEMS, media};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `tile.media` array of more than 8 images and videos.
    ///
    /// ## Why
    /// The tile's media carousel shows at most 8 items; Datadog's former manifest validator
    /// failed a manifest with more (`The maximum number of media elements is 8`). No real
    /// integration or Marketplace listing has more than 8.
    ///
    /// ## Example
    /// ```json
    /// "media": [ /* nine images */ ]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "media": [ /* the eight that show the product best */ ]
    /// ```
    ///
    /// ## Fix
    /// Remove the items after the eighth, or replace some screenshots with one that shows more.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/v2/validator.py`,
    ///   `MediaGalleryValidator` (BSD 3-Clause)
    pub(crate) struct MediaTooMany {
        code: "DD151",
        name: "media-too-many",
        level: Error,
        summary: "tile.media holds more than 8 images and videos",
        reads: [Manifest],
    }
}

impl Rule for MediaTooMany {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(items) = media(integration) else {
            return;
        };
        let count = items.len();
        if count <= MAX_ITEMS {
            return;
        }
        out.push(
            Finding::new(
                format!("`tile.media` has {count} items; at most {MAX_ITEMS} are allowed"),
                Place::key("/tile/media"),
                format!("{count} items"),
            )
            .with_label(
                Place::key(format!("/tile/media/{MAX_ITEMS}")),
                format!("item {} is one too many", MAX_ITEMS + 1),
            )
            .with_help(format!(
                "remove {} item{}: the carousel shows at most {MAX_ITEMS}",
                count - MAX_ITEMS,
                if count - MAX_ITEMS == 1 { "" } else { "s" }
            )),
        );
    }
}
