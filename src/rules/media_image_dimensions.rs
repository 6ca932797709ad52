//! `media-image-dimensions`: a Marketplace media image is not 16:9, or not 1440 to 2880 pixels
//! wide.

use crate::files::Kind;
use crate::files::resolve::Resolved;
use crate::finding::{Finding, Place, quoted};
use crate::image::{self, Size};
use crate::integration::Integration;
use crate::rules::media::images;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing, warns about each media image (`tile.media[].image_url`, a
    /// video's thumbnail included) that is not 16:9 or not 1440 to 2880 pixels wide. The size
    /// is read from the PNG or JPEG header (the first 64 KB at most), whatever the file's
    /// extension says. The ratio is the width divided by the height, rounded to two decimals,
    /// and must be 1.77 or 1.78, as the Marketplace repository's CI computed it: 1440x811
    /// passes. An empty file (0 bytes), a file of another format and a header cut short are not
    /// judged; a missing file is `referenced-file-missing`'s finding.
    ///
    /// ## Why
    /// The Marketplace documentation asks for 16:9 images between 1440 and 2880 pixels wide,
    /// so that the tile's carousel shows them sharp and uncropped, and the Marketplace
    /// repository's CI enforced it until June 2023. It is a warning: 18 images of 3 published
    /// listings break it.
    ///
    /// ## Example
    /// ```json
    /// { "media_type": "image", "caption": "Overview", "image_url": "images/overview.png" }
    /// ```
    /// with `images/overview.png` 1280x720 pixels (too narrow) or 1920x1112 (not 16:9).
    ///
    /// ## Use instead
    /// The same image exported at 1920x1080.
    ///
    /// ## Fix
    /// Export the image at a 16:9 size from 1440x810 to 2880x1620, such as 1920x1080.
    ///
    /// ## References
    /// - Datadog documentation, "Create a tile" (Marketplace media requirements)
    /// - The Marketplace repository's CI image check (until June 2023)
    pub(crate) struct MediaImageDimensions {
        code: "DD351",
        name: "media-image-dimensions",
        level: Warning,
        summary: "a Marketplace media image is not 16:9 or not 1440 to 2880 pixels wide",
        reads: [Manifest, MediaImage],
    }
}

const WIDTHS: std::ops::RangeInclusive<u32> = 1440..=2880;

impl Rule for MediaImageDimensions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) != RepoKind::Marketplace {
            return;
        }
        let files = &integration.files;
        for (pointer, path, file) in images(files) {
            let judged = files.row(file).is_some_and(|row| row.kind == Kind::MediaImage)
                && matches!(files.resolved(file), Some(Resolved::File { .. }));
            let Some(size) = judged
                .then(|| files.header(file))
                .flatten()
                .and_then(image::size)
            else {
                continue;
            };
            let Some(problem) = problem(size) else {
                continue;
            };
            let Size { width, height } = size;
            out.push(
                Finding::new(
                    format!(
                        "`{}` is {width}x{height} pixels; Marketplace media images are 16:9 and 1440 to 2880 pixels wide",
                        quoted(path)
                    ),
                    Place::value(pointer),
                    problem,
                )
                .with_help("export it at a 16:9 size from 1440x810 to 2880x1620, such as 1920x1080"),
            );
        }
    }
}

/// What is wrong with `size`, or `None` when it is a Marketplace size.
fn problem(size: Size) -> Option<String> {
    let ratio = ratio(size);
    let wide = ratio == "1.77" || ratio == "1.78";
    let fits = WIDTHS.contains(&size.width);
    let width = if size.width < *WIDTHS.start() {
        "too narrow"
    } else {
        "too wide"
    };
    match (wide, fits) {
        (true, true) => None,
        (true, false) => Some(format!("16:9, but {width}")),
        (false, true) => Some(format!("{ratio}:1, not 16:9")),
        (false, false) => Some(format!("{ratio}:1, not 16:9, and {width}")),
    }
}

/// Width / height rounded to two decimals, as Python's `round(width / height, 2)` gives it:
/// formatting rounds the exact value of the quotient, so `1765 / 1000` (1.7649999...) is 1.76.
fn ratio(size: Size) -> String {
    format!("{:.2}", f64::from(size.width) / f64::from(size.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(width: u32, height: u32) -> Option<String> {
        problem(Size { width, height })
    }

    #[test]
    fn sixteen_by_nine_from_1440_to_2880_wide_passes() {
        for (width, height) in [(1440, 810), (1440, 811), (1920, 1080), (2880, 1620), (2560, 1440)]
        {
            assert_eq!(judged(width, height), None, "{width}x{height}");
        }
    }

    #[test]
    fn the_real_sizes_that_break_it_are_named() {
        assert_eq!(judged(1280, 720).as_deref(), Some("16:9, but too narrow"));
        assert_eq!(judged(3840, 2160).as_deref(), Some("16:9, but too wide"));
        assert_eq!(judged(1920, 1112).as_deref(), Some("1.73:1, not 16:9"));
        assert_eq!(judged(1785, 999).as_deref(), Some("1.79:1, not 16:9"));
        assert_eq!(
            judged(1024, 768).as_deref(),
            Some("1.33:1, not 16:9, and too narrow")
        );
    }

    #[test]
    fn the_ratio_is_rounded_as_python_rounds_it() {
        // round(1765 / 1000, 2) == 1.76 and round(1785 / 1000, 2) == 1.78 in Python.
        assert_eq!(ratio(Size { width: 1765, height: 1000 }), "1.76");
        assert_eq!(ratio(Size { width: 1785, height: 1000 }), "1.78");
        assert_eq!(ratio(Size { width: 1440, height: 811 }), "1.78");
    }
}
