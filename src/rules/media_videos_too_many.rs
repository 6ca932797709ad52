//! `media-videos-too-many`: `tile.media` holds more than one video.

use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::media::items;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every video of `tile.media` after the first (an item whose `media_type` is
    /// `video`).
    ///
    /// ## Why
    /// A tile's carousel may hold one video; Datadog's former manifest validator failed a
    /// manifest with more (`There cannot be more than 1 video in the list of media`). No real
    /// integration or Marketplace listing has two.
    ///
    /// ## Example
    /// ```json
    /// "media": [{"media_type": "video", "vimeo_id": 630489680, ...},
    ///           {"media_type": "video", "vimeo_id": 630489681, ...}]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "media": [{"media_type": "video", "vimeo_id": 630489680, ...},
    ///           {"media_type": "image", "image_url": "images/dashboard.png", ...}]
    /// ```
    ///
    /// ## Fix
    /// Keep one video; show the rest as images, or link them from the README.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/v2/validator.py`,
    ///   `MediaGalleryValidator` (BSD 3-Clause)
    pub(crate) struct MediaVideosTooMany {
        code: "DD152",
        name: "media-videos-too-many",
        level: Error,
        summary: "tile.media holds more than one video",
        reads: [Manifest],
    }
}

impl Rule for MediaVideosTooMany {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let videos: Vec<String> = items(integration)
            .filter(|(_, item)| item.get("media_type").and_then(|t| t.as_str()) == Some("video"))
            .map(|(pointer, _)| format!("{pointer}/media_type"))
            .collect();
        let Some((first, more)) = videos.split_first() else {
            return;
        };
        for video in more {
            out.push(
                Finding::new(
                    format!(
                        "`tile.media` has {} videos; at most one is allowed",
                        videos.len()
                    ),
                    Place::value(video.as_str()),
                    "a second video",
                )
                .with_label(Place::value(first.as_str()), "the first video")
                .with_help("keep one video: remove this item, or make it an image"),
            );
        }
    }
}
