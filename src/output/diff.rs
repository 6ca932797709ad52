//! The `--diff` format: each changed file as a unified diff with `a/` and `b/` headers, shown for
//! a terminal: paths and lines have their hostile characters made visible (`escape`).

use std::io::{self, Write};

use similar::TextDiff;

use super::escape;
use crate::fixer::Change;

const RED: &str = "\u{1b}[31m";
const GREEN: &str = "\u{1b}[32m";
const CYAN: &str = "\u{1b}[36m";
const RESET: &str = "\u{1b}[0m";

/// Writes every change; coloured lines when `color`.
pub fn render(changes: &[Change], color: bool, out: &mut dyn Write) -> io::Result<()> {
    for change in changes {
        let shown = change.path.display().to_string().replace('\\', "/");
        let path = escape::line(shown.trim_start_matches("./").trim_start_matches('/'));
        let diff = TextDiff::from_lines(&change.before, &change.after);
        let text = diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string();
        let text = escape::text(&text);
        if color {
            write_coloured(&text, out)?;
        } else {
            write!(out, "{text}")?;
        }
    }
    Ok(())
}

fn write_coloured(text: &str, out: &mut dyn Write) -> io::Result<()> {
    for line in text.split_inclusive('\n') {
        let colour = if line.starts_with("+++") || line.starts_with("---") {
            ""
        } else if line.starts_with('+') {
            GREEN
        } else if line.starts_with('-') {
            RED
        } else if line.starts_with("@@") {
            CYAN
        } else {
            ""
        };
        if colour.is_empty() {
            write!(out, "{line}")?;
        } else {
            let (body, end) = line
                .strip_suffix('\n')
                .map_or((line, ""), |body| (body, "\n"));
            write!(out, "{colour}{body}{RESET}{end}")?;
        }
    }
    Ok(())
}
