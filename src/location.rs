//! Turns a place named by meaning into a file and an exact span: the one place offsets are made.

use std::sync::Arc;

use crate::finding::{FileRef, Part, Place};
use crate::integration::{Integration, Loaded};
use crate::json::Node;
use crate::source::{SourceFile, Span};

impl Integration {
    /// The file and span a place names, or `None` when that file was not read.
    pub(crate) fn locate(&self, place: &Place) -> Option<(Arc<SourceFile>, Span)> {
        match place {
            Place::Json {
                file,
                pointer,
                part,
            } => {
                let json = self.json(*file)?;
                let span = json_span(json.root()?, pointer, *part);
                Some((Arc::clone(&json.source), span))
            }
            Place::Heading(index) => {
                let readme = self.readme.ok()?;
                let heading = readme.outline.headings.get(*index)?;
                Some((Arc::clone(&readme.source), heading.span.clone()))
            }
            Place::FirstLine(file) => {
                let source = self.source(*file)?;
                let span = source.line_span(1);
                Some((source, span))
            }
            Place::Span(file, span) => Some((self.source(*file)?, span.clone())),
        }
    }

    /// The file's text, also when it could not be used (to show where it went wrong).
    pub(crate) fn source(&self, file: FileRef) -> Option<Arc<SourceFile>> {
        let source = match file {
            FileRef::Manifest => source_of(&self.manifest, |m| &m.source),
            FileRef::Readme => source_of(&self.readme, |r| &r.source),
            FileRef::OauthClients => source_of(&self.oauth_clients, |o| &o.source),
        };
        source.map(Arc::clone)
    }
}

fn source_of<T>(
    loaded: &Loaded<T>,
    get: impl Fn(&T) -> &Arc<SourceFile>,
) -> Option<&Arc<SourceFile>> {
    match loaded {
        Loaded::Missing => None,
        Loaded::Unreadable(unreadable) => Some(&unreadable.source),
        Loaded::Ok(value) => Some(get(value)),
    }
}

/// The span of `part` of the member at `pointer`, or of the key of its nearest existing ancestor.
fn json_span(root: &Node, pointer: &str, part: Part) -> Span {
    let mut pointer = pointer;
    let mut part = part;
    loop {
        if root.pointer(pointer).is_some() {
            return member_span(root, pointer, part);
        }
        match pointer.rfind('/') {
            Some(cut) => pointer = pointer.get(..cut).unwrap_or(""),
            None => pointer = "",
        }
        part = Part::Key;
    }
}

fn member_span(root: &Node, pointer: &str, part: Part) -> Span {
    if let (Part::Key, Some(member)) = (part, root.member_at(pointer)) {
        return member.key_span.clone();
    }
    let node = root.pointer(pointer).unwrap_or(root);
    match (part, &node.value) {
        (Part::Key, crate::json::Value::Object(_) | crate::json::Value::Array(_)) => {
            node.span.start..node.span.start + 1
        }
        _ => node.span.clone(),
    }
}
