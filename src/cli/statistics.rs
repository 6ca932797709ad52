//! `--statistics`: how many findings each rule has, instead of the findings (as
//! `ruff --statistics`): a table, or JSON with `--format json`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::fix::Applicability;
use crate::report::Report;

/// One rule's findings.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    code: &'static str,
    name: &'static str,
    count: usize,
    /// Some finding has a fix that `--fix` applies (with `--unsafe-fixes`, an unsafe one too).
    fixable: bool,
}

/// The rules with at least one finding, the most frequent first, then by code.
fn rows(report: &Report, unsafe_fixes: bool) -> Vec<Row> {
    let mut by_code: BTreeMap<&'static str, Row> = BTreeMap::new();
    for diagnostic in &report.diagnostics {
        let rule = diagnostic.rule;
        let row = by_code.entry(rule.code).or_insert(Row {
            code: rule.code,
            name: rule.name,
            count: 0,
            fixable: false,
        });
        row.count += 1;
        row.fixable |= diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == Applicability::Safe || unsafe_fixes);
    }
    let mut rows: Vec<Row> = by_code.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

/// `count  code  [*] name` per rule, counts right-aligned; `[*]` marks the fixable rules (only
/// when some rule is), explained on a last line.
pub(crate) fn render_text(
    report: &Report,
    unsafe_fixes: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = rows(report, unsafe_fixes);
    let width = rows.iter().map(|row| row.count.to_string().len()).max();
    let any_fixable = rows.iter().any(|row| row.fixable);
    for row in &rows {
        let marker = match (any_fixable, row.fixable) {
            (false, _) => "",
            (true, true) => "[*] ",
            (true, false) => "[ ] ",
        };
        let (count, code, name) = (row.count, row.code, row.name);
        writeln!(
            out,
            "{count:>0$}  {code}  {marker}{name}",
            width.unwrap_or(1)
        )?;
    }
    if any_fixable {
        let flags = if unsafe_fixes {
            "--fix --unsafe-fixes"
        } else {
            "--fix"
        };
        writeln!(out, "[*] fixable with `ddlint check {flags}`")?;
    }
    Ok(())
}

/// `[{"code", "name", "count", "fixable"}]`, in the table's order.
pub(crate) fn render_json(
    report: &Report,
    unsafe_fixes: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows: Vec<serde_json::Value> = rows(report, unsafe_fixes)
        .iter()
        .map(|row| {
            serde_json::json!({
                "code": row.code, "name": row.name, "count": row.count, "fixable": row.fixable,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}
