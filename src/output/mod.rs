//! Output formats over the same report: one module per format.

pub mod diff;
pub mod escape;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
mod snippet;
#[cfg(test)]
mod test_support;

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style reports with source snippets.
    Human,
    /// A versioned JSON document.
    Json,
    /// A Markdown table, for `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// GitHub Actions workflow commands (inline annotations on a pull request).
    Github,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}
