//! Mutations of real Marketplace listings, read from `../shared/corpus/marketplace` at test
//! time (those files carry no licence: they are copied to a temporary directory, never into the
//! project). A subject is chosen by its shape, not its name: the first listing, by name, with no
//! finding of its own and a pricing plan of the wanted billing type.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::copy_tree;
use super::corpus::{self, SHARED_MARKETPLACE};

/// (rule, file relative to the listing, message) of every finding under `dir`.
type Found = BTreeSet<(String, String, String)>;

fn found(dir: &Path) -> (Found, ddlint::Report) {
    let report = corpus::check(dir);
    let set = report
        .diagnostics
        .iter()
        .map(|d| {
            let file = d.primary.file.path();
            let relative = file.strip_prefix(dir).unwrap_or(file);
            (
                d.rule.name.to_owned(),
                relative.display().to_string(),
                d.message.clone(),
            )
        })
        .collect();
    (set, report)
}

/// The first clean listing whose first pricing plan is billed as `billing` and that has
/// media images.
pub fn clean_listing(billing: &str) -> PathBuf {
    let root = Path::new(SHARED_MARKETPLACE);
    let report = corpus::check(root);
    let dirty: BTreeSet<String> = report
        .diagnostics
        .iter()
        .map(|d| corpus::integration_of(d, root))
        .collect();
    corpus::integrations(root)
        .into_iter()
        .find(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
            let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
            let media = manifest["tile"]["media"].as_array().map_or(0, Vec::len);
            !dirty.contains(&name) && manifest["pricing"][0]["billing_type"] == billing && media > 0
        })
        .unwrap_or_else(|| panic!("no clean {billing} listing with media in the sample"))
}

/// A mutation's outcome: the findings it added (rule, file, line), and the listing's manifest
/// after it.
pub struct Mutated {
    pub added: BTreeSet<(String, String, usize)>,
    pub manifest: String,
}

/// Copies `listing`, applies `mutate` to the copy's directory, and returns what it added.
pub fn mutate(listing: &Path, mutate: impl FnOnce(&Path)) -> Mutated {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(listing.file_name().unwrap());
    copy_tree(listing, &dir);
    let (before, _) = found(&dir);
    mutate(&dir);
    let (_, report) = found(&dir);
    let added = report
        .diagnostics
        .iter()
        .filter_map(|d| {
            let file = d.primary.file.path();
            let relative = file
                .strip_prefix(&dir)
                .unwrap_or(file)
                .display()
                .to_string();
            let key = (d.rule.name.to_owned(), relative.clone(), d.message.clone());
            let line = d.primary.file.line_col(d.primary.span.start).line;
            (!before.contains(&key)).then(|| (d.rule.name.to_owned(), relative, line))
        })
        .collect();
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    Mutated { added, manifest }
}

/// Rewrites the copy's manifest with `edit`, which must change it.
pub fn edit_manifest(dir: &Path, edit: impl FnOnce(&str) -> String) {
    let path = dir.join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(text, edited, "{}: the edit changed nothing", dir.display());
    std::fs::write(&path, edited).unwrap();
}

/// The text with the line holding `"key":` removed (and the comma before it, when it was the
/// last member of its object).
pub fn remove_member_line(text: &str, key: &str) -> String {
    let needle = format!("\"{key}\":");
    let at = text
        .find(&needle)
        .unwrap_or_else(|| panic!("{needle} not found"));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    let (mut before, after) = (text[..start].to_owned(), &text[end..]);
    if after.trim_start().starts_with('}') {
        let trimmed = before.trim_end().to_owned();
        if let Some(stripped) = trimmed.strip_suffix(',') {
            before = format!("{stripped}\n");
        }
    }
    format!("{before}{after}")
}

/// The 1-based line of the first `needle` in `text`.
pub fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    text[..at].matches('\n').count() + 1
}

/// The path (as written, decoded) of the listing's first media image and of its EULA.
pub fn first_image_and_eula(dir: &Path) -> (String, String) {
    let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    let image = manifest["tile"]["media"][0]["image_url"].as_str().unwrap();
    let eula = manifest["legal_terms"]["eula"].as_str().unwrap();
    (image.to_owned(), eula.to_owned())
}

/// The first bytes of a PNG of `width` x `height` pixels: its signature and `IHDR` chunk.
pub fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0]);
    bytes
}
