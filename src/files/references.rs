//! The files a manifest names: every path found where the kinds table says to look, each
//! with the pointer of the value that holds it, and one table row per distinct file.

use std::collections::HashMap;
use std::path::{Component, Path};

use super::kinds::{Found, KINDS, Kind};
use super::{FileId, Row};
use crate::json::{Node, escape_token};

/// A path in the manifest and the file it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    pub(crate) kind: Kind,
    /// The RFC 6901 pointer of the string that holds the path.
    pub(crate) pointer: String,
    /// The path, decoded from its JSON escapes.
    pub(crate) path: String,
    pub(crate) file: FileId,
}

/// The references of `root` (none when the manifest did not parse) and the rows of the files
/// they name that `fixed` does not hold already.
pub(crate) fn collect(root: Option<&Node>, fixed: &[Row]) -> (Vec<Row>, Vec<Reference>) {
    let mut rows: Vec<Row> = Vec::new();
    let mut references = Vec::new();
    let Some(root) = root else {
        return (rows, references);
    };
    let mut known: HashMap<String, FileId> = fixed
        .iter()
        .enumerate()
        .map(|(index, row)| (normal(&row.path), id(index)))
        .collect();
    for spec in KINDS {
        for found in spec.found {
            for (pointer, path) in paths(root, found) {
                let file = *known.entry(normal(path)).or_insert_with(|| {
                    rows.push(Row::new(spec.kind, path));
                    id(fixed.len() + rows.len() - 1)
                });
                references.push(Reference {
                    kind: spec.kind,
                    pointer,
                    path: path.to_owned(),
                    file,
                });
            }
        }
    }
    (rows, references)
}

/// The rows of the files the README's images name, `images/<name>`, numbered from `first`;
/// a file some row of `known` holds already keeps that row. Returns the new rows and every
/// image file's path with its row.
pub(crate) fn readme_image_rows<'a>(
    images: &[crate::readme::images::Image],
    known: impl Iterator<Item = (FileId, &'a Row)>,
    first: usize,
) -> (Vec<Row>, Vec<(String, FileId)>) {
    let mut by_path: HashMap<String, FileId> =
        known.map(|(id, row)| (normal(&row.path), id)).collect();
    let mut rows = Vec::new();
    let mut files = Vec::new();
    for image in images {
        let Some(name) = crate::readme::images::file_name(&image.src) else {
            continue;
        };
        let path = format!("images/{name}");
        let file = *by_path.entry(normal(&path)).or_insert_with(|| {
            rows.push(Row::new(Kind::ReadmeImage, path.clone()));
            id(first + rows.len() - 1)
        });
        files.push((path, file));
    }
    (rows, files)
}

fn id(index: usize) -> FileId {
    FileId(u32::try_from(index).unwrap_or(u32::MAX))
}

/// A path without `.` parts, with `/` separators: two spellings of one file compare equal.
fn normal(path: &str) -> String {
    let parts: Vec<String> = Path::new(path)
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// (pointer, path) of every string `found` names in the manifest.
fn paths<'a>(root: &'a Node, found: &Found) -> Vec<(String, &'a str)> {
    let string = |pointer: String, node: &'a Node| node.as_str().map(|path| (pointer, path));
    match *found {
        Found::Pointer(pointer) => root
            .pointer(pointer)
            .and_then(|node| string(pointer.to_owned(), node))
            .into_iter()
            .collect(),
        Found::MapValues(map) => root
            .pointer(map)
            .and_then(Node::as_object)
            .unwrap_or_default()
            .iter()
            .filter_map(|m| string(format!("{map}/{}", escape_token(&m.key)), &m.value))
            .collect(),
        Found::ArrayField { array, field } => root
            .pointer(array)
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(i, item)| string(format!("{array}/{i}/{field}"), item.get(field)?))
            .collect(),
        Found::Name(_)
        | Found::Base(_)
        | Found::Root(_)
        | Found::EachIntegration(_)
        | Found::ReadmeImages => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn references_cover_media_assets_and_maps_with_escaped_pointers_and_share_rows() {
        let root = crate::json::parse(
            r#"{"tile": {"changelog": "CHANGELOG.md", "media": [{"image_url": "images/a\u202fb.png"}]},
                "assets": {"oauth": "assets/oauth_clients.json",
                           "dashboards": {"a/b": "assets/dashboards/x.json",
                                          "again": "./assets/dashboards/x.json"}}}"#,
        )
        .unwrap();
        let fixed = [Row::new(Kind::Manifest, "manifest.json")];
        let (rows, references) = collect(Some(&root), &fixed);
        let mut found: Vec<(&str, &str)> = references
            .iter()
            .map(|r| (r.pointer.as_str(), r.path.as_str()))
            .collect();
        found.sort_unstable();
        assert_eq!(
            found,
            [
                ("/assets/dashboards/again", "./assets/dashboards/x.json"),
                ("/assets/dashboards/a~1b", "assets/dashboards/x.json"),
                ("/assets/oauth", "assets/oauth_clients.json"),
                ("/tile/changelog", "CHANGELOG.md"),
                ("/tile/media/0/image_url", "images/a\u{202f}b.png"),
            ]
        );
        let file = |pointer: &str| {
            references
                .iter()
                .find(|r| r.pointer == pointer)
                .map(|r| r.file)
        };
        assert_eq!(
            file("/assets/dashboards/a~1b"),
            file("/assets/dashboards/again")
        );
        assert_eq!(
            rows.len(),
            4,
            "one row per distinct file, none for the manifest"
        );
        let ids: std::collections::BTreeSet<u32> = references.iter().map(|r| r.file.0).collect();
        assert_eq!(
            ids,
            (1..=4).collect(),
            "rows are numbered after the fixed ones"
        );
    }
}
