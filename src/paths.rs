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

/// What a referenced path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A regular file inside the integration.
    File,
    /// Outside the integration: never opened.
    Escapes(Escape),
    /// Nothing usable there; the words say why ("does not exist").
    Missing(String),
}

/// A referenced path and what it leads to, worked out once per integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Checked {
    pub(crate) pointer: String,
    pub(crate) path: String,
    pub(crate) resolved: Resolved,
}

/// Every reference of the manifest, resolved against `dir`.
pub(crate) fn check_references(dir: &Path, root: &Node) -> Vec<Checked> {
    references(root)
        .into_iter()
        .map(|reference| Checked {
            resolved: resolve(dir, reference.path),
            pointer: reference.pointer,
            path: reference.path.to_owned(),
        })
        .collect()
}

/// Resolves `path` relative to `dir` without opening anything: absolute and climbing paths are
/// judged by their text; then each component is looked at once (`lstat`), and only a symbolic
/// link is resolved, to see whether it leads outside `dir`.
pub(crate) fn resolve(dir: &Path, path: &str) -> Resolved {
    if let Some(escape) = lexical_escape(path) {
        return Resolved::Escapes(escape);
    }
    let mut current = dir.to_path_buf();
    let mut metadata = None;
    for component in Path::new(path).components() {
        current.push(component);
        match std::fs::symlink_metadata(&current) {
            Ok(found) if found.file_type().is_symlink() => match follow(dir, &current) {
                Ok(target) => metadata = Some(target),
                Err(resolved) => return resolved,
            },
            Ok(found) => metadata = Some(found),
            Err(error) => return Resolved::Missing(missing(&error)),
        }
    }
    match metadata {
        Some(found) if found.is_file() => Resolved::File,
        Some(found) if found.is_dir() => Resolved::Missing("is a directory, not a file".to_owned()),
        _ => Resolved::Missing("is not a regular file".to_owned()),
    }
}

/// The metadata a link leads to, or why it cannot be used.
fn follow(dir: &Path, link: &Path) -> Result<std::fs::Metadata, Resolved> {
    let target = link
        .canonicalize()
        .map_err(|error| Resolved::Missing(missing(&error)))?;
    let base = dir
        .canonicalize()
        .map_err(|error| Resolved::Missing(missing(&error)))?;
    if !target.starts_with(base) {
        return Err(Resolved::Escapes(Escape::Symlink));
    }
    std::fs::metadata(&target).map_err(|error| Resolved::Missing(missing(&error)))
}

fn missing(error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::NotFound {
        "does not exist".to_owned()
    } else {
        format!("cannot be reached: {error}")
    }
}

/// Absolute, or climbing above its start with `..`.
fn lexical_escape(path: &str) -> Option<Escape> {
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
    None
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
    fn relative_paths_inside_resolve_to_files_or_say_why_not() {
        let dir = Path::new(".");
        assert_eq!(resolve(dir, "Cargo.toml"), Resolved::File);
        assert_eq!(resolve(dir, "./src/../Cargo.toml"), Resolved::File);
        assert_eq!(
            resolve(dir, "src"),
            Resolved::Missing("is a directory, not a file".to_owned())
        );
        assert_eq!(
            resolve(dir, "nope/x.json"),
            Resolved::Missing("does not exist".to_owned())
        );
    }

    #[test]
    fn absolute_and_climbing_paths_escape() {
        let escapes = |path| resolve(Path::new("."), path);
        assert_eq!(escapes("/etc/passwd"), Resolved::Escapes(Escape::Absolute));
        assert_eq!(escapes("C:/Windows"), Resolved::Escapes(Escape::Absolute));
        assert_eq!(
            escapes("\\\\server\\share"),
            Resolved::Escapes(Escape::Absolute)
        );
        assert_eq!(
            escapes("../../etc/passwd"),
            Resolved::Escapes(Escape::ParentDirectory)
        );
        assert_eq!(
            escapes("images/../../x"),
            Resolved::Escapes(Escape::ParentDirectory)
        );
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
