//! The files a manifest references, and whether a referenced path stays inside the integration.

use std::path::{Component, Path};

use crate::json::{Node, escape_token};

/// A file path in the manifest, with the pointer of the value that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference<'a> {
    pub(crate) pointer: String,
    pub(crate) path: &'a str,
}

/// Members whose string value is a path relative to the integration directory.
const SINGLE: [&str; 5] = [
    "/tile/changelog",
    "/assets/integration/metrics/metadata_path",
    "/assets/integration/service_checks/metadata_path",
    "/assets/integration/configuration/spec",
    "/assets/oauth",
];

/// Objects whose every value is such a path (name -> path).
const MAPS: [&str; 3] = [
    "/assets/dashboards",
    "/assets/monitors",
    "/assets/saved_views",
];

/// Every file path the manifest references, in document order of the lists above.
pub(crate) fn references(root: &Node) -> Vec<Reference<'_>> {
    let mut found = Vec::new();
    let media = root
        .pointer("/tile/media")
        .and_then(Node::as_array)
        .unwrap_or_default();
    for (index, item) in media.iter().enumerate() {
        if let Some(url) = item.get("image_url") {
            push(&mut found, format!("/tile/media/{index}/image_url"), url);
        }
    }
    for pointer in SINGLE {
        if let Some(node) = root.pointer(pointer) {
            push(&mut found, pointer.to_owned(), node);
        }
    }
    for map in MAPS {
        for member in root
            .pointer(map)
            .and_then(Node::as_object)
            .unwrap_or_default()
        {
            push(
                &mut found,
                format!("{map}/{}", escape_token(&member.key)),
                &member.value,
            );
        }
    }
    found
}

fn push<'a>(found: &mut Vec<Reference<'a>>, pointer: String, node: &'a Node) {
    if let Some(path) = node.as_str() {
        found.push(Reference { pointer, path });
    }
}

/// How a referenced path leaves the integration directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    Absolute,
    ParentDirectory,
    Symlink,
}

/// Whether `path`, relative to `dir`, leaves `dir`: absolute, climbing out with `..`, or resolving
/// through a symbolic link to a place outside it. Nothing is opened; only links are resolved.
pub(crate) fn escape(dir: &Path, path: &str) -> Option<Escape> {
    let relative = Path::new(path);
    if relative.has_root() || path.starts_with('\\') || looks_like_drive(path) {
        return Some(Escape::Absolute);
    }
    let mut depth: usize = 0;
    for component in relative.components() {
        match component {
            Component::ParentDir if depth == 0 => return Some(Escape::ParentDirectory),
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    let (Ok(base), Ok(target)) = (dir.canonicalize(), dir.join(relative).canonicalize()) else {
        return None;
    };
    (!target.starts_with(base)).then_some(Escape::Symlink)
}

/// `C:` and the like: absolute on Windows, where partners also run ddlint.
fn looks_like_drive(path: &str) -> bool {
    let mut chars = path.chars();
    matches!((chars.next(), chars.next()), (Some(letter), Some(':')) if letter.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_inside_stay_inside() {
        let dir = Path::new(".");
        assert_eq!(escape(dir, "images/a.png"), None);
        assert_eq!(escape(dir, "./images/../images/a.png"), None);
    }

    #[test]
    fn absolute_and_climbing_paths_escape() {
        let dir = Path::new(".");
        assert_eq!(escape(dir, "/etc/passwd"), Some(Escape::Absolute));
        assert_eq!(escape(dir, "C:/Windows"), Some(Escape::Absolute));
        assert_eq!(escape(dir, "\\\\server\\share"), Some(Escape::Absolute));
        assert_eq!(
            escape(dir, "../../etc/passwd"),
            Some(Escape::ParentDirectory)
        );
        assert_eq!(escape(dir, "images/../../x"), Some(Escape::ParentDirectory));
    }

    #[test]
    fn references_cover_media_assets_and_maps_with_escaped_pointers() {
        let root = crate::json::parse(
            r#"{"tile": {"changelog": "CHANGELOG.md", "media": [{"image_url": "images/a\u202fb.png"}]},
                "assets": {"oauth": "assets/oauth_clients.json",
                           "dashboards": {"a/b": "assets/dashboards/x.json"}}}"#,
        )
        .unwrap();
        let found: Vec<(String, &str)> = references(&root)
            .into_iter()
            .map(|r| (r.pointer, r.path))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/tile/media/0/image_url".to_owned(),
                    "images/a\u{202f}b.png"
                ),
                ("/tile/changelog".to_owned(), "CHANGELOG.md"),
                ("/assets/oauth".to_owned(), "assets/oauth_clients.json"),
                (
                    "/assets/dashboards/a~1b".to_owned(),
                    "assets/dashboards/x.json"
                ),
            ]
        );
    }
}
