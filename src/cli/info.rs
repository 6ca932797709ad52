//! `ddlint rules` and `ddlint explain`: the registry, for people and for tools.

use std::io::{self, Write};

use super::{Outcome, RulesFormat};
use crate::rules;

pub(crate) fn list_rules(format: RulesFormat, out: &mut dyn Write) -> io::Result<()> {
    if format == RulesFormat::Json {
        let rules: Vec<_> = rules::all()
            .map(|meta| {
                serde_json::json!({
                    "code": meta.code, "name": meta.name,
                    "level": meta.level, "summary": meta.summary,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rules)?;
        return writeln!(out);
    }
    for meta in rules::all() {
        let level = meta.level.as_str();
        writeln!(
            out,
            "{:<6} {:<30} {level:<8} {}",
            meta.code, meta.name, meta.summary
        )?;
    }
    Ok(())
}

pub(crate) fn explain(name: &str, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(meta) = rules::find(name) else {
        let suggestion = super::select::suggestion(name);
        writeln!(err, "error: no rule is named `{name}`; {suggestion}")?;
        return Ok(Outcome::Usage);
    };
    writeln!(
        out,
        "# {} ({}, {} by default)\n",
        meta.name,
        meta.code,
        meta.level.as_str()
    )?;
    writeln!(out, "{}\n", meta.summary)?;
    write!(out, "{}", meta.docs())?;
    writeln!(out, "\nDocumentation: {}", meta.help_uri())?;
    Ok(Outcome::Clean)
}
