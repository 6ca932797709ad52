//! What identifies and documents a rule (code, name, default level, summary, docs), and the
//! levels a finding can have.

use serde::Serialize;

/// How serious a finding is. `Error` fails the run; `Warning` does not (unless asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// Which files a rule reads: nothing outside these is read while it runs (a debug build
/// checks it), and a rule that is off makes none of them be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Files of these kinds.
    Kinds(&'static [crate::files::Kind]),
    /// Whatever the other rules loaded, of every kind, without loading more: the rules about
    /// reading and parsing run last, over that.
    Loaded,
}

impl Reads {
    /// The kinds, or `None` for every loaded kind.
    pub fn kinds(self) -> Option<&'static [crate::files::Kind]> {
        match self {
            Reads::Kinds(kinds) => Some(kinds),
            Reads::Loaded => None,
        }
    }
}

/// What identifies and documents a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, `DD` and three digits.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    pub level: Level,
    /// One line, shown by `ddlint rules`.
    pub summary: &'static str,
    /// The rule's doc comment: Markdown with fixed sections.
    pub docs: &'static str,
    /// The files it reads.
    pub reads: Reads,
}

impl RuleMeta {
    /// The documentation without the one space each doc-comment line starts with.
    pub fn docs(&self) -> String {
        let mut text = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }

    /// Where the rule's documentation is published: its source file, whose doc comment is what
    /// `ddlint explain` prints, at this version's tag of the repository that Cargo.toml names.
    pub fn help_uri(&self) -> String {
        format!(
            "{}/blob/v{}/src/rules/{}.rs",
            env!("CARGO_PKG_REPOSITORY"),
            env!("CARGO_PKG_VERSION"),
            self.name.replace('-', "_")
        )
    }
}
