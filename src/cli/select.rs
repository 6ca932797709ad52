//! `--select` and `--ignore`: which rules a run reports, named by rule name, code or code prefix
//! (`DD2`: every README rule; `DD`: every rule). The command line wins over the configuration:
//! `--select` turns every other rule off and turns a selected rule that `ddlint.toml` turns off
//! back on (at its default level; a level the file gives a selected rule stays); `--ignore`
//! turns rules off, and wins over `--select`.

use std::collections::BTreeSet;

use crate::rules::{self, RuleMeta};
use crate::settings::Settings;

/// The rules the command line turns on and off.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    /// With `--select`: the only rules reported.
    select: Option<BTreeSet<&'static str>>,
    ignore: BTreeSet<&'static str>,
}

impl Selection {
    /// Resolves every selector; the first unknown one is a usage error naming its flag.
    pub(crate) fn parse(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let selected = resolve_all("--select", select)?;
        let given = select.iter().any(|selector| !selector.trim().is_empty());
        Ok(Selection {
            select: given.then_some(selected),
            ignore: resolve_all("--ignore", ignore)?,
        })
    }

    /// Whether the command line turns this rule off.
    fn turns_off(&self, name: &str) -> bool {
        self.ignore.contains(name) || self.select.as_ref().is_some_and(|s| !s.contains(name))
    }

    /// The selection over the configuration's levels. An ignore in `ddlint.toml` of a rule this
    /// run turns off cannot match: it is dropped rather than reported as unused.
    pub(crate) fn apply(&self, settings: &mut Settings) {
        for meta in rules::all() {
            if self.turns_off(meta.name) {
                settings.levels.insert(meta.name, None);
            } else if self.select.is_some() && settings.levels.get(meta.name) == Some(&None) {
                settings.levels.remove(meta.name);
            }
        }
        settings
            .ignores
            .retain(|ignore| !self.turns_off(ignore.rule));
    }
}

fn resolve_all(flag: &str, selectors: &[String]) -> Result<BTreeSet<&'static str>, String> {
    let mut names = BTreeSet::new();
    for selector in selectors.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let found = resolve(selector).ok_or_else(|| unknown(flag, selector))?;
        names.extend(found.iter().map(|meta| meta.name));
    }
    Ok(names)
}

/// The rules a selector names: a rule name, a code, or a code prefix (`DD`, then up to three
/// digits); codes and prefixes ignore letter case.
fn resolve(selector: &str) -> Option<Vec<&'static RuleMeta>> {
    if let Some(meta) = rules::find(selector) {
        return Some(vec![meta]);
    }
    let prefix = selector.to_ascii_uppercase();
    let digits = prefix.strip_prefix("DD")?;
    if digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let found: Vec<_> = rules::all()
        .filter(|meta| meta.code.starts_with(&prefix))
        .collect();
    (!found.is_empty()).then_some(found)
}

/// "--select: no rule, code or code prefix `X`; did you mean `Y`?"
fn unknown(flag: &str, selector: &str) -> String {
    format!(
        "{flag}: no rule, code or code prefix `{selector}`; {}",
        suggestion(selector)
    )
}

/// "did you mean `uninstall-section-missing`?" for the closest rule name or code, else a
/// pointer to `ddlint rules`.
pub(crate) fn suggestion(name: &str) -> String {
    let names: Vec<&str> = rules::all()
        .flat_map(|meta| [meta.name, meta.code])
        .collect();
    let code_like = name
        .get(..2)
        .is_some_and(|dd| dd.eq_ignore_ascii_case("dd"));
    let query = if code_like && !name.contains('-') {
        name.to_ascii_uppercase()
    } else {
        name.to_owned()
    };
    match similar::get_close_matches(query.as_str(), &names, 1, 0.6).first() {
        Some(close) => format!("did you mean `{close}`?"),
        None => "`ddlint rules` lists the rules".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(selector: &str) -> Vec<&'static str> {
        resolve(selector)
            .unwrap_or_default()
            .iter()
            .map(|meta| meta.name)
            .collect()
    }

    #[test]
    fn selectors_are_names_codes_and_code_prefixes() {
        assert_eq!(names("anchor-unresolved"), ["anchor-unresolved"]);
        assert_eq!(names("dd104"), ["anchor-unresolved"]);
        let sentences = names("DD21");
        assert!(
            sentences.contains(&"revocation-text-missing") && sentences.contains(&"api-keys-link")
        );
        assert!(!sentences.contains(&"readme-missing") && names("DD2").contains(&"readme-missing"));
        assert_eq!(names("DD").len(), rules::all().count());
        assert!(names("DD9").is_empty());
        assert!(names("DD1041").is_empty());
        assert!(names("anchor").is_empty());
    }

    #[test]
    fn select_narrows_ignore_wins_and_the_command_line_beats_the_file() {
        let mut settings = Settings::default();
        settings.levels.insert("uninstall-section-missing", None);
        settings
            .levels
            .insert("api-keys-link", Some(crate::diagnostic::Level::Warning));
        let selection = Selection::parse(&["DD2".to_owned()], &["DD214".to_owned()]).unwrap();
        selection.apply(&mut settings);
        assert!(!settings.is_off("uninstall-section-missing"), "selected");
        assert!(settings.is_off("api-keys-link"), "ignored");
        assert!(settings.is_off("anchor-unresolved"), "not selected");
        assert!(!settings.is_off("readme-missing"));
    }

    #[test]
    fn unknown_selectors_suggest_the_closest_rule() {
        let error = Selection::parse(&["uninstall-sectoin-missing".to_owned()], &[]).unwrap_err();
        assert_eq!(
            error,
            "--select: no rule, code or code prefix `uninstall-sectoin-missing`; \
             did you mean `uninstall-section-missing`?"
        );
        let empty = Selection::parse(&[String::new()], &[]).unwrap();
        assert!(empty.select.is_none(), "`--select ''` selects nothing away");
        let error = Selection::parse(&[], &["DD9".to_owned()]).unwrap_err();
        assert!(
            error.starts_with("--ignore: no rule, code or code prefix `DD9`"),
            "{error}"
        );
    }
}
