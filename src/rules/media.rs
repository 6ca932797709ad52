//! What the media rules share: the items of `tile.media` with their pointers, and the limits
//! of Datadog's former manifest media validator (datadog_checks_dev 40.0.1,
//! `tooling/manifest_validator/v2/validator.py`, `MediaGalleryValidator`).

use crate::files::{FileId, Files, Kind};
use crate::integration::Integration;
use crate::json::Node;

/// At most this many items in the carousel (`MAX_MEDIA_ELEMENTS`).
pub(crate) const MAX_ITEMS: usize = 8;

/// At most this many characters in a caption.
pub(crate) const MAX_CAPTION: usize = 300;

/// At most this many bytes in an image file ("smaller than 1 mb", `file_size > 1000000` fails).
pub(crate) const MAX_BYTES: u64 = 1_000_000;

/// `tile.media`, when it is an array.
pub(crate) fn media(integration: &Integration) -> Option<&[Node]> {
    integration
        .manifest_root()?
        .pointer("/tile/media")?
        .as_array()
}

/// Every item of `tile.media` with its pointer (`/tile/media/3`).
pub(crate) fn items(integration: &Integration) -> impl Iterator<Item = (String, &Node)> {
    media(integration)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(index, item)| (format!("/tile/media/{index}"), item))
}

/// Every `image_url` string: its pointer, the path, and the file it names.
pub(crate) fn images(files: &Files) -> impl Iterator<Item = (&str, &str, FileId)> {
    files
        .references()
        .iter()
        .filter(|reference| reference.kind == Kind::MediaImage)
        .map(|r| (r.pointer.as_str(), r.path.as_str(), r.file))
}

/// The file name of a path (after its last `/`).
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
