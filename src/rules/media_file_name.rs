//! `media-file-name`: a Marketplace listing's `tile.media` image file name holds characters
//! other than letters, digits, `_`, `-` and `.`.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::media::{file_name, items};
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing, reports a `tile.media[].image_url` whose file name (the part
    /// after the last `/`) holds anything but ASCII letters, digits, `_`, `-` and `.`: a
    /// space, a `\u202f` from a screenshot tool, an accented letter.
    ///
    /// ## Why
    /// The image is published under its file name in URLs; Datadog's former local media
    /// checks asked for file names of letters, digits, `_` and `-`, and every image of the 78
    /// real Marketplace listings has one (three also have a `.` inside the name, which is
    /// accepted). In integrations-extras Datadog publishes names with spaces and `\u202f`
    /// (25 images of 9 integrations), so extras are not checked.
    ///
    /// ## Example
    /// ```json
    /// {"media_type": "image", "caption": "Overview", "image_url": "images/Screenshot 2025-03-06 at 8.48.11 AM.png"}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"media_type": "image", "caption": "Overview", "image_url": "images/overview.png"}
    /// ```
    ///
    /// ## Fix
    /// Rename the file, and write the new name in `image_url`.
    ///
    /// ## References
    /// - ddlint's product specification, section "Everything else Datadog checks" (media)
    pub(crate) struct MediaFileName {
        code: "DD156",
        name: "media-file-name",
        level: Error,
        summary: "a Marketplace media image's file name has characters other than letters, digits, _, - and .",
        reads: [Manifest],
    }
}

impl Rule for MediaFileName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) != RepoKind::Marketplace {
            return;
        }
        for (pointer, item) in items(integration) {
            let Some(url) = item.get("image_url").and_then(|url| url.as_str()) else {
                continue;
            };
            let name = file_name(url);
            let Some(bad) = name.chars().find(|c| !allowed(*c)) else {
                continue;
            };
            out.push(
                Finding::new(
                    format!(
                        "media file name `{}` has {}, which is not allowed",
                        quoted(name),
                        describe(bad)
                    ),
                    Place::value(format!("{pointer}/image_url")),
                    "letters, digits, `_`, `-` and `.` only",
                )
                .with_help(format!(
                    "rename the file, such as to `{}`, and write that name here",
                    suggestion(name)
                )),
            );
        }
    }
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// "a space", "`é`", "U+202F".
fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_whitespace() || c.is_control() => format!("the invisible character U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

/// The name with each run of other characters made one `_`.
fn suggestion(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if allowed(c) {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    quoted(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_judged_and_renamed() {
        assert!("moogsoft.main.png".chars().all(allowed));
        assert_eq!(suggestion("Screenshot 2025 at 8.48\u{202f}AM.png"), "Screenshot_2025_at_8.48_AM.png");
        assert_eq!(describe('\u{202f}'), "the invisible character U+202F");
        assert_eq!(describe(' '), "a space");
    }
}
