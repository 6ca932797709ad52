//! The outcome of a check: how many integrations were read, every diagnostic, sorted, and what
//! the configuration changed.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Level};

#[derive(Debug, Default)]
pub struct Report {
    /// How many integration directories were checked.
    pub integrations: usize,
    /// Every finding, sorted by file, position and rule code.
    pub diagnostics: Vec<Diagnostic>,
    /// Files given on the command line that lie in no integration.
    pub skipped: Vec<PathBuf>,
    /// Entries of a checked repository root that are symbolic links, not followed.
    pub links: Vec<PathBuf>,
    /// What the configuration file changed: every format's summary shows it.
    pub configuration: Configuration,
}

/// What a configuration file did to a run, so that a pull request cannot switch a check off
/// without a trace: every format's summary names the file and says this.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Configuration {
    /// The file used, as shown; `None` when the run used no configuration.
    pub file: Option<PathBuf>,
    /// The rules it turns off, by name in registry order. A rule that is off never runs, so
    /// there is nothing of it to count.
    pub rules_off: Vec<&'static str>,
    /// Findings whose level it lowered from error to warning.
    pub downgraded: usize,
    /// Findings its ignores dropped.
    pub ignored: usize,
    /// Integrations it gives an expected app_uuid (`[app-uuids]`).
    pub app_uuids: usize,
}

impl Configuration {
    /// What the file changed, in words: "rules turned off: none; findings downgraded to
    /// warnings: 0; findings ignored: 2; app-uuids set: none". Rule names are the registry's.
    pub fn effects(&self) -> String {
        let off = if self.rules_off.is_empty() {
            "none".to_owned()
        } else {
            self.rules_off.join(", ")
        };
        let app_uuids = match self.app_uuids {
            0 => "none".to_owned(),
            count => format!("for {}", plural(count, "integration")),
        };
        format!(
            "rules turned off: {off}; findings downgraded to warnings: {}; findings ignored: {}; \
             app-uuids set: {app_uuids}",
            self.downgraded, self.ignored
        )
    }
}

impl Report {
    /// (errors, warnings).
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .count();
        (errors, self.diagnostics.len() - errors)
    }

    /// Whether any finding is at the failing level.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }
}

/// "1 error", "2 errors".
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
