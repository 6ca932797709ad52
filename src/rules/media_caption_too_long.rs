//! `media-caption-too-long`: a `tile.media` caption has more than 300 characters.

use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::media::{MAX_CAPTION, items};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `tile.media[].caption` of more than 300 characters (Unicode code points).
    ///
    /// ## Why
    /// The caption is shown under the image in the tile's carousel; Datadog's former manifest
    /// validator failed a longer one (`The caption for media #N cannot contain more than 300
    /// characters`). The longest real caption has 212 characters.
    ///
    /// ## Example
    /// ```json
    /// {"media_type": "image", "caption": "The Acme dashboard shows ... (420 characters)", ...}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"media_type": "image", "caption": "The Acme overview dashboard: requests, errors and latency.", ...}
    /// ```
    ///
    /// ## Fix
    /// Shorten the caption to at most 300 characters; details belong in the README.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/v2/validator.py`,
    ///   `MediaGalleryValidator` (BSD 3-Clause)
    pub(crate) struct MediaCaptionTooLong {
        code: "DD155",
        name: "media-caption-too-long",
        level: Error,
        summary: "a tile.media caption has more than 300 characters",
        reads: [Manifest],
    }
}

impl Rule for MediaCaptionTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        for (pointer, item) in items(integration) {
            let Some(caption) = item.get("caption").and_then(|caption| caption.as_str()) else {
                continue;
            };
            let length = caption.chars().count();
            if length <= MAX_CAPTION {
                continue;
            }
            out.push(
                Finding::new(
                    format!("a media caption has {length} characters; at most {MAX_CAPTION} are allowed"),
                    Place::value(format!("{pointer}/caption")),
                    format!("{} characters too many", length - MAX_CAPTION),
                )
                .with_help(format!(
                    "shorten the caption to {MAX_CAPTION} characters; details belong in the README"
                )),
            );
        }
    }
}
