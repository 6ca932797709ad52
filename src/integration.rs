//! One integration directory, read once: `manifest.json` parsed with spans, `README.md` outlined.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::json;
use crate::paths::{Checked, Resolved};
use crate::readme::{self, Outline};
use crate::source::{SourceFile, Span};

/// File texts that stand in for what is on disk: fixes applied in memory, not yet written.
pub(crate) type Overlay = std::collections::BTreeMap<PathBuf, String>;

/// Larger files are reported, not read: no real manifest or README comes near this.
pub(crate) const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// An integration directory and what ddlint read from it.
#[derive(Debug)]
pub(crate) struct Integration {
    /// The directory as shown to the user.
    pub(crate) dir: PathBuf,
    pub(crate) manifest: Loaded<JsonFile>,
    pub(crate) readme: Loaded<Readme>,
    /// The OAuth client file `assets.oauth` names, when it names one inside the integration.
    pub(crate) oauth_clients: Loaded<JsonFile>,
    /// Every file the manifest references, resolved once.
    pub(crate) references: Vec<Checked>,
}

/// The outcome of reading one file.
#[derive(Debug)]
pub(crate) enum Loaded<T> {
    Missing,
    Unreadable(Unreadable),
    Ok(T),
}

impl<T> Loaded<T> {
    pub(crate) fn ok(&self) -> Option<&T> {
        match self {
            Loaded::Ok(value) => Some(value),
            _ => None,
        }
    }
}

/// A file that exists but cannot be used as text, and where to show why.
#[derive(Debug)]
pub(crate) struct Unreadable {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) span: Span,
    pub(crate) reason: String,
    pub(crate) help: String,
}

/// A JSON file and its parse.
#[derive(Debug)]
pub(crate) struct JsonFile {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) parsed: Result<json::Node, json::ParseError>,
}

impl JsonFile {
    fn parse(source: Arc<SourceFile>) -> Self {
        Self {
            parsed: json::parse(source.text()),
            source,
        }
    }

    /// The parsed document, when it parsed.
    pub(crate) fn root(&self) -> Option<&json::Node> {
        self.parsed.as_ref().ok()
    }
}

#[derive(Debug)]
pub(crate) struct Readme {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) outline: Outline,
    /// The Uninstallation section's rendered text, made once for the rules that read it.
    pub(crate) uninstall: std::sync::OnceLock<Option<crate::readme::rendered::SectionText>>,
}

impl Integration {
    /// Reads and parses the integration in `dir` (a path as the user should see it).
    pub(crate) fn load(dir: PathBuf, overlay: &Overlay) -> Self {
        let manifest = read_text(&dir, "manifest.json", overlay).map(JsonFile::parse);
        let readme = read_text(&dir, "README.md", overlay).map(|source| Readme {
            outline: readme::outline(source.text()),
            source,
            uninstall: std::sync::OnceLock::new(),
        });
        let references = manifest
            .ok()
            .and_then(JsonFile::root)
            .map(|root| crate::paths::check_references(&dir, root))
            .unwrap_or_default();
        let oauth_path = references
            .iter()
            .find(|reference| {
                reference.pointer == "/assets/oauth" && reference.resolved == Resolved::File
            })
            .map(|reference| reference.path.clone());
        let oauth_clients = match oauth_path {
            Some(path) => read_text(&dir, &path, overlay).map(JsonFile::parse),
            None => Loaded::Missing,
        };
        Self {
            dir,
            manifest,
            readme,
            oauth_clients,
            references,
        }
    }

    /// A JSON file of the integration, parsed or not.
    pub(crate) fn json(&self, file: crate::finding::FileRef) -> Option<&JsonFile> {
        match file {
            crate::finding::FileRef::Manifest => self.manifest.ok(),
            crate::finding::FileRef::OauthClients => self.oauth_clients.ok(),
            crate::finding::FileRef::Readme => None,
        }
    }

    /// The integration's directory name, as used in messages.
    pub(crate) fn name(&self) -> String {
        self.dir.file_name().map_or_else(
            || self.dir.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    }
}

impl<T> Loaded<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Loaded<U> {
        match self {
            Loaded::Missing => Loaded::Missing,
            Loaded::Unreadable(why) => Loaded::Unreadable(why),
            Loaded::Ok(value) => Loaded::Ok(f(value)),
        }
    }
}

/// Reads `dir/name` as UTF-8 text, refusing directories, huge files and invalid UTF-8.
fn read_text(dir: &Path, name: &str, overlay: &Overlay) -> Loaded<Arc<SourceFile>> {
    let path = dir.join(name);
    if let Some(text) = overlay.get(&path) {
        return Loaded::Ok(Arc::new(SourceFile::new(path, text.clone())));
    }
    let unreadable = |text: String, span: Span, reason: String, help: String| {
        Loaded::Unreadable(Unreadable {
            source: Arc::new(SourceFile::new(path.clone(), text)),
            span,
            reason,
            help,
        })
    };
    let metadata = match std::fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(&path).is_err() {
                return Loaded::Missing;
            }
            let reason = format!("`{name}` is a symbolic link to a file that does not exist");
            return unreadable(
                String::new(),
                0..0,
                reason,
                "point the link at an existing file, or replace it with the file".to_owned(),
            );
        }
        Err(error) => {
            return unreadable(
                String::new(),
                0..0,
                io_reason(name, &error),
                IO_HELP.to_owned(),
            );
        }
    };
    if !metadata.is_file() {
        let reason = format!("`{name}` is a directory or a special file, not a regular file");
        return unreadable(
            String::new(),
            0..0,
            reason,
            "replace it with a regular file".to_owned(),
        );
    }
    if metadata.len() > MAX_FILE_BYTES {
        let reason = format!(
            "`{name}` is {} bytes; ddlint reads files of at most {MAX_FILE_BYTES} bytes",
            metadata.len()
        );
        return unreadable(
            String::new(),
            0..0,
            reason,
            format!("a real `{name}` is a few kilobytes: check that this is the right file"),
        );
    }
    let capacity = usize::try_from(metadata.len())
        .unwrap_or(0)
        .saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    let read =
        File::open(&path).and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let reason = format!("`{name}` grew past {MAX_FILE_BYTES} bytes while it was read");
        return unreadable(
            String::new(),
            0..0,
            reason,
            "check that this is the right file".to_owned(),
        );
    }
    if let Err(error) = read {
        return unreadable(
            String::new(),
            0..0,
            io_reason(name, &error),
            IO_HELP.to_owned(),
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Ok(Arc::new(SourceFile::new(path, text))),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let end = text
                .get(at..)
                .and_then(|s| s.chars().next())
                .map_or(at, |c| at + c.len_utf8());
            let byte = error.as_bytes().get(at).copied().unwrap_or_default();
            let reason = format!(
                "`{name}` is not valid UTF-8: byte 0x{byte:02X} is not part of a UTF-8 character"
            );
            unreadable(text, at..end, reason, "save the file as UTF-8".to_owned())
        }
    }
}

const IO_HELP: &str = "check the file's permissions";

fn io_reason(name: &str, error: &std::io::Error) -> String {
    format!("`{name}` cannot be read: {error}")
}
