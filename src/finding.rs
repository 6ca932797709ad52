//! What a rule reports: a message and places named by meaning (a JSON pointer, a README heading),
//! never by offset. `place` turns places into spans.

use crate::diagnostic::Level;
use crate::files::FileId;
use crate::fix::{Applicability, Edit};
pub(crate) use crate::place::Place;

/// One finding as a rule reports it.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) message: String,
    pub(crate) primary: (Place, String),
    pub(crate) secondary: Vec<(Place, String)>,
    pub(crate) help: Option<String>,
    /// A level other than the rule's default, where the rule documents when (e.g. `support` anchors).
    pub(crate) level: Option<Level>,
    pub(crate) fix: Option<FixSpec>,
    /// The integration the finding is about, when a repository rule reports it in a file of
    /// the repository (a CODEOWNERS line): for ignores by integration.
    pub(crate) integration: Option<std::path::PathBuf>,
}

impl Finding {
    /// A finding with its one primary place and what that label says.
    pub(crate) fn new(message: impl Into<String>, place: Place, label: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            primary: (place, label.into()),
            secondary: Vec::new(),
            help: None,
            level: None,
            fix: None,
            integration: None,
        }
    }

    /// A secondary label on a related place.
    pub(crate) fn with_label(mut self, place: Place, label: impl Into<String>) -> Self {
        self.secondary.push((place, label.into()));
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_level(mut self, level: Level) -> Self {
        self.level = Some(level);
        self
    }

    /// The integration the finding is about (a repository rule's finding in a repository file).
    pub(crate) fn about(mut self, integration: std::path::PathBuf) -> Self {
        self.integration = Some(integration);
        self
    }

    /// A fix, when the rule could compute one.
    pub(crate) fn with_fix(mut self, fix: Option<FixSpec>) -> Self {
        self.fix = fix;
        self
    }
}

/// A JSON pointer as a partner reads it: `/tile/media/0/image_url` -> `tile.media[0].image_url`.
pub(crate) fn field_path(pointer: &str) -> String {
    let mut path = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            path.push_str(&format!("[{token}]"));
        } else if !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            path.push_str(&format!("[{token:?}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&token);
        }
    }
    path
}

/// A rule's fix, in one file of the integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FixSpec {
    pub(crate) file: FileId,
    pub(crate) applicability: Applicability,
    pub(crate) description: String,
    pub(crate) edits: Vec<Edit>,
}

impl FixSpec {
    pub(crate) fn safe(file: FileId, description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            file,
            applicability: Applicability::Safe,
            description: description.into(),
            edits,
        }
    }

    pub(crate) fn unsafe_(file: FileId, description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Unsafe,
            ..Self::safe(file, description, edits)
        }
    }
}

/// User text as a message quotes it: at most 60 characters, then `…`, control characters
/// escaped, so that a hostile value cannot make a message of a megabyte or break a terminal.
pub(crate) fn quoted(text: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for (index, c) in text.chars().enumerate() {
        if index == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
