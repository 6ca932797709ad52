//! `media-image-type`: a `tile.media` image is not a `.png` or `.jpg` file.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::media::{file_name, items};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `tile.media[].image_url` (for a video, its thumbnail) whose file name does
    /// not end in `.png` or `.jpg`, in any letter case (real files end in `.PNG`).
    ///
    /// ## Why
    /// The tile's carousel takes PNG and JPEG images; Datadog's former manifest validator
    /// failed any other (`The filetype for media #N must be either .jpg or .png`). That
    /// validator only looked for `.png` or `.jpg` anywhere in the path, so it let
    /// `images/shot.png.gif` through; ddlint judges the file's extension. `.jpeg` is not
    /// accepted, as Datadog's check did not accept it.
    ///
    /// ## Example
    /// ```json
    /// {"media_type": "image", "caption": "Overview", "image_url": "images/overview.gif"}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"media_type": "image", "caption": "Overview", "image_url": "images/overview.png"}
    /// ```
    ///
    /// ## Fix
    /// Convert the image to PNG or JPEG, and name the new file in `image_url`.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/v2/validator.py`,
    ///   `MediaGalleryValidator` (BSD 3-Clause)
    pub(crate) struct MediaImageType {
        code: "DD153",
        name: "media-image-type",
        level: Error,
        summary: "a tile.media image is not a .png or .jpg file",
        reads: [Manifest],
    }
}

impl Rule for MediaImageType {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        for (pointer, item) in items(integration) {
            let Some(url) = item.get("image_url").and_then(|url| url.as_str()) else {
                continue;
            };
            if is_png_or_jpg(url) {
                continue;
            }
            let name = file_name(url);
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            out.push(
                Finding::new(
                    format!("media image `{}` is not a `.png` or `.jpg` file", quoted(url)),
                    Place::value(format!("{pointer}/image_url")),
                    "not .png or .jpg",
                )
                .with_help(format!(
                    "convert it to PNG and name the new file here, such as `{}.png`",
                    quoted(stem)
                )),
            );
        }
    }
}

/// The file name ends in `.png` or `.jpg`, in any letter case.
fn is_png_or_jpg(url: &str) -> bool {
    file_name(url)
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| {
            !stem.is_empty() && (ext.eq_ignore_ascii_case("png") || ext.eq_ignore_ascii_case("jpg"))
        })
}

#[cfg(test)]
mod tests {
    use super::is_png_or_jpg;

    #[test]
    fn the_extension_decides_in_any_case() {
        for good in ["images/a.png", "images/A.PNG", "b.jpg", "images/x.y.Jpg"] {
            assert!(is_png_or_jpg(good), "{good}");
        }
        for bad in ["images/a.gif", "a.png.gif", "a.jpeg", "images/.png", "png", "images.png/a"] {
            assert!(!is_png_or_jpg(bad), "{bad}");
        }
    }
}
