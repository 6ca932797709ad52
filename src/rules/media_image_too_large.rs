//! `media-image-too-large`: a Marketplace listing's `tile.media` image file is larger than
//! 1,000,000 bytes.

use crate::files::resolve::Resolved;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::media::{MAX_BYTES, images};
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing, reports a `tile.media[].image_url` whose file is larger than
    /// 1,000,000 bytes. The size is taken from the file system; the image is never opened.
    ///
    /// ## Why
    /// Datadog's former manifest validator failed a media file of more than 1,000,000 bytes
    /// (`File size for media #N must be smaller than 1 mb`), and no image of the 78 real
    /// Marketplace listings is larger. In integrations-extras Datadog no longer checks it and
    /// publishes larger images (`instabug` has one of 1,026,108 bytes), so extras are not
    /// checked.
    ///
    /// ## Example
    /// `images/dashboard.png` of 2,400,000 bytes in `tile.media`.
    ///
    /// ## Use instead
    /// The same screenshot saved as an optimised PNG or a JPEG of at most 1,000,000 bytes.
    ///
    /// ## Fix
    /// Compress the image (an optimiser such as `oxipng` or `pngquant`, or JPEG at quality
    /// 85), or reduce its size within the Marketplace's 1440 to 2880 pixels width.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/v2/validator.py`,
    ///   `MediaGalleryValidator` (BSD 3-Clause)
    pub(crate) struct MediaImageTooLarge {
        code: "DD154",
        name: "media-image-too-large",
        level: Error,
        summary: "a Marketplace media image file is larger than 1,000,000 bytes",
        reads: [Manifest, MediaImage],
    }
}

impl Rule for MediaImageTooLarge {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) != RepoKind::Marketplace {
            return;
        }
        let files = &integration.files;
        for (pointer, path, file) in images(files) {
            let Some(Resolved::File { len, .. }) = files.resolved(file) else {
                continue;
            };
            if *len <= MAX_BYTES {
                continue;
            }
            out.push(
                Finding::new(
                    format!(
                        "media image `{}` has {} bytes; at most {} are allowed",
                        quoted(path),
                        thousands(*len),
                        thousands(MAX_BYTES)
                    ),
                    Place::value(pointer),
                    format!("{} bytes", thousands(*len)),
                )
                .with_help("compress the image (an optimised PNG, or a JPEG) to at most 1,000,000 bytes"),
            );
        }
    }
}

/// `1026108` -> `1,026,108`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
        assert_eq!(super::thousands(1_026_108), "1,026,108");
    }
}
