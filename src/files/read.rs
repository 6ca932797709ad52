//! Reading one resolved file as UTF-8 text: size limits, the run's byte budget, fixes held in
//! memory, and a reason in a partner's words for every file that cannot be used.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::resolve::{Resolved, Unusable};
use crate::source::{SourceFile, Span};

/// File texts that stand in for what is on disk: fixes applied in memory, not yet written.
pub(crate) type Overlay = std::collections::BTreeMap<PathBuf, String>;

/// The bytes one run may read in all, so that a tree of huge files costs seconds and
/// megabytes: files past it are reported, not read. Shared by every thread of the run.
#[derive(Debug)]
pub(crate) struct Budget {
    total: u64,
    remaining: AtomicU64,
}

impl Budget {
    pub(crate) fn new(total: u64) -> Self {
        Self {
            total,
            remaining: AtomicU64::new(total),
        }
    }

    /// Takes `bytes` from the budget, or nothing when fewer remain.
    fn take(&self, bytes: u64) -> bool {
        self.remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(bytes)
            })
            .is_ok()
    }

    /// What was read beyond the first estimate (a file that grew) is charged too.
    fn charge(&self, bytes: u64) {
        let _ = self
            .remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                Some(left.saturating_sub(bytes))
            });
    }
}

/// The outcome of reading one file.
#[derive(Debug)]
pub(crate) enum Loaded {
    /// Nothing there.
    Missing,
    /// The path leads outside: nothing was read. The source is empty, to point at the path.
    Escapes(Arc<SourceFile>),
    /// It exists but cannot be used as text.
    Unreadable(Unreadable),
    Text(Arc<SourceFile>),
    /// The first bytes of a file of a [`Format::Header`](super::kinds::Format::Header) kind.
    Header(Vec<u8>),
}

/// A file that exists but cannot be used as text, and where to show why.
#[derive(Debug)]
pub(crate) struct Unreadable {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) span: Span,
    pub(crate) reason: String,
    pub(crate) help: String,
}

/// What a read may use besides the disk.
pub(crate) struct Reader<'a> {
    pub(crate) overlay: &'a Overlay,
    pub(crate) budget: &'a Budget,
    pub(crate) max_bytes: u64,
}

impl Reader<'_> {
    /// Reads the file `resolved` names; `shown` is its path as the user sees it, `name` the
    /// path as the manifest or the rules name it. A file the manifest names that is no regular
    /// file is `Missing` here: its reference reports it (`referenced-file-missing`).
    pub(crate) fn text(
        &self,
        shown: &Path,
        name: &str,
        resolved: &Resolved,
        referenced: bool,
    ) -> Loaded {
        let fail =
            |reason: String, help: &str| unreadable(shown, String::new(), 0..0, reason, help);
        let (real, len) = match resolved {
            Resolved::File { real, len } => (real, *len),
            Resolved::Escapes(_) => {
                let empty = Arc::new(SourceFile::new(shown.to_owned(), String::new()));
                return Loaded::Escapes(empty);
            }
            Resolved::Unusable(Unusable::NotFound {
                through_link: false,
            }) => return Loaded::Missing,
            Resolved::Unusable(_) if referenced => return Loaded::Missing,
            Resolved::Unusable(why) => return fail(describe(name, why), help_for(why)),
        };
        if let Some(text) = self.overlay.get(shown) {
            return Loaded::Text(Arc::new(SourceFile::new(shown.to_owned(), text.clone())));
        }
        let max = self.max_bytes;
        if len > max {
            let reason =
                format!("`{name}` is {len} bytes; ddlint reads files of at most {max} bytes");
            let help =
                format!("a real `{name}` is a few kilobytes: check that this is the right file");
            return fail(reason, &help);
        }
        if !self.budget.take(len) {
            return self.over_budget(shown, name);
        }
        self.read(shown, name, real, len)
    }

    /// The file past the run's byte budget: reported, not read.
    fn over_budget(&self, shown: &Path, name: &str) -> Loaded {
        let total = self.budget.total / (1024 * 1024);
        let reason =
            format!("`{name}` was not read: this run has read its limit of {total} MiB of files");
        let help = "check fewer integrations at a time, or raise the limit with `--read-limit`";
        unreadable(shown, String::new(), 0..0, reason, help)
    }

    /// Reads the first `max_bytes` bytes of the file `resolved` names, charged to the budget. A
    /// file that is not there or leads outside is left to the reference rules, as for `text`.
    pub(crate) fn header(&self, shown: &Path, name: &str, resolved: &Resolved) -> Loaded {
        let fail =
            |reason: String, help: &str| unreadable(shown, String::new(), 0..0, reason, help);
        let (real, len) = match resolved {
            Resolved::File { real, len } => (real, *len),
            Resolved::Escapes(_) => {
                let empty = Arc::new(SourceFile::new(shown.to_owned(), String::new()));
                return Loaded::Escapes(empty);
            }
            Resolved::Unusable(_) => return Loaded::Missing,
        };
        let want = len.min(self.max_bytes);
        if !self.budget.take(want) {
            return self.over_budget(shown, name);
        }
        let capacity = usize::try_from(want).unwrap_or(0);
        let mut bytes = Vec::with_capacity(capacity);
        let read =
            File::open(real).and_then(|file| file.take(self.max_bytes).read_to_end(&mut bytes));
        self.budget
            .charge((bytes.len() as u64).saturating_sub(want));
        match read {
            Ok(_) => Loaded::Header(bytes),
            Err(error) => fail(format!("`{name}` cannot be read: {error}"), IO_HELP),
        }
    }

    fn read(&self, shown: &Path, name: &str, real: &Path, len: u64) -> Loaded {
        let max = self.max_bytes;
        let capacity = usize::try_from(len).unwrap_or(0).saturating_add(1);
        let mut bytes = Vec::with_capacity(capacity);
        let read = File::open(real).and_then(|file| file.take(max + 1).read_to_end(&mut bytes));
        let got = bytes.len() as u64;
        self.budget.charge(got.saturating_sub(len));
        let fail =
            |reason: String, help: &str| unreadable(shown, String::new(), 0..0, reason, help);
        if got > max {
            return fail(
                format!("`{name}` grew past {max} bytes while it was read"),
                "check that this is the right file",
            );
        }
        if let Err(error) = read {
            return fail(format!("`{name}` cannot be read: {error}"), IO_HELP);
        }
        decode(shown, name, bytes)
    }
}

fn decode(shown: &Path, name: &str, bytes: Vec<u8>) -> Loaded {
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Text(Arc::new(SourceFile::new(shown.to_owned(), text))),
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
            unreadable(shown, text, at..end, reason, "save the file as UTF-8")
        }
    }
}

fn unreadable(shown: &Path, text: String, span: Span, reason: String, help: &str) -> Loaded {
    Loaded::Unreadable(Unreadable {
        source: Arc::new(SourceFile::new(shown.to_owned(), text)),
        span,
        reason,
        help: help.to_owned(),
    })
}

const IO_HELP: &str = "check the file's permissions";

/// Why a file named `name` cannot be read, for the fixed names and the files rules read.
fn describe(name: &str, why: &Unusable) -> String {
    match why {
        Unusable::NotFound { .. } => {
            format!("`{name}` is a symbolic link to a file that does not exist")
        }
        Unusable::Directory | Unusable::Special => {
            format!("`{name}` is a directory or a special file, not a regular file")
        }
        Unusable::Loop => format!("`{name}` cannot be read: its symbolic links form a loop"),
        Unusable::Io(error) => format!("`{name}` cannot be read: {error}"),
    }
}

fn help_for(why: &Unusable) -> &'static str {
    match why {
        Unusable::NotFound { .. } => {
            "point the link at an existing file, or replace it with the file"
        }
        Unusable::Directory | Unusable::Special => "replace it with a regular file",
        Unusable::Loop => "replace the link with the file",
        Unusable::Io(_) => IO_HELP,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn a_header_is_the_first_bytes_only_and_is_charged_to_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("eula.pdf");
        std::fs::write(&real, [b'%'; 10_000]).unwrap();
        let (overlay, budget) = (Overlay::new(), Budget::new(5_000));
        let reader = Reader {
            overlay: &overlay,
            budget: &budget,
            max_bytes: 4_096,
        };
        let resolved = Resolved::File { real, len: 10_000 };
        let shown = Path::new("acme/eula.pdf");
        match reader.header(shown, "eula.pdf", &resolved) {
            Loaded::Header(bytes) => assert_eq!(bytes.len(), 4_096),
            other => panic!("{other:?}"),
        }
        match reader.header(shown, "eula.pdf", &resolved) {
            Loaded::Unreadable(unreadable) => assert!(unreadable.reason.contains("limit")),
            other => panic!("904 bytes are left: {other:?}"),
        }
    }
}
