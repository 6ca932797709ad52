//! Parsing `ddlint.toml` with spans, and validating each value against what ddlint knows.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use super::Config;
use crate::diagnostic::{Diagnostic, Label, Level};
use crate::rules::{self, RuleMeta, config_invalid::ConfigInvalid};
use crate::settings::{Ignore, Placement, RepoKind};
use crate::source::{SourceFile, Span};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    repo_kind: Option<Spanned<String>>,
    uninstall_placement: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<RawLevel>>,
    #[serde(default)]
    app_uuids: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    rule: Spanned<String>,
    integration: Option<String>,
    path: Option<String>,
    pointer: Option<String>,
    reason: Option<Spanned<String>>,
}

/// A rule's entry under `[rules]`: a level, or `{ level = "...", reason = "..." }`.
enum RawLevel {
    Bare(String),
    Table {
        level: Spanned<String>,
        reason: Option<Spanned<String>>,
    },
}

impl<'de> Deserialize<'de> for RawLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawLevelVisitor)
    }
}

struct RawLevelVisitor;

impl<'de> Visitor<'de> for RawLevelVisitor {
    type Value = RawLevel;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a level or a table `{ level = \"...\", reason = \"...\" }`")
    }

    fn visit_str<E: de::Error>(self, level: &str) -> Result<RawLevel, E> {
        Ok(RawLevel::Bare(level.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawLevel, A::Error> {
        let (mut level, mut reason) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "level" => level = Some(map.next_value()?),
                "reason" => reason = Some(map.next_value()?),
                other => return Err(de::Error::unknown_field(other, &["level", "reason"])),
            }
        }
        let level = level.ok_or_else(|| de::Error::missing_field("level"))?;
        Ok(RawLevel::Table { level, reason })
    }
}

/// A `config-invalid` diagnostic on `span` of the configuration file.
pub(super) fn error(
    file: &Arc<SourceFile>,
    span: Span,
    message: String,
    help: Option<String>,
) -> Diagnostic {
    Diagnostic {
        rule: &ConfigInvalid::META,
        level: Level::Error,
        message,
        primary: Label {
            file: Arc::clone(file),
            span,
            message: "here".to_owned(),
        },
        secondary: Vec::new(),
        help,
        fix: None,
        integration: None,
        pointer: None,
    }
}

/// Parses and validates; every problem is a diagnostic, all of them are returned at once.
pub(super) fn parse(file: Arc<SourceFile>) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = match toml::from_str(file.text()) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(vec![error(
                &file,
                span,
                format!("`ddlint.toml` is not valid: {}", e.message()),
                None,
            )]);
        }
    };
    let mut errors = Vec::new();
    let mut config = Config {
        repo_kind: raw.repo_kind.and_then(|v| {
            choice(
                &file,
                &v,
                &[
                    ("extras", RepoKind::Extras),
                    ("marketplace", RepoKind::Marketplace),
                ],
                &mut errors,
            )
        }),
        placement: raw.uninstall_placement.and_then(|v| {
            let options = [
                ("either", Placement::Either),
                ("nested", Placement::Nested),
                ("after-setup", Placement::AfterSetup),
            ];
            choice(&file, &v, &options, &mut errors)
        }),
        ..Config::default()
    };
    for (rule, entry) in &raw.rules {
        if let Some((name, level)) = rule_level(&file, rule, entry, &mut errors) {
            config.levels.insert(name, level);
        }
    }
    for (integration, uuid) in &raw.app_uuids {
        if let Some(problem) = crate::uuid::uuid_problem(uuid.get_ref()) {
            errors.push(error(
                &file,
                uuid.span(),
                format!("`{}` is not a canonical UUID: {problem}", uuid.get_ref()),
                None,
            ));
        }
        config
            .app_uuids
            .insert(integration.get_ref().clone(), uuid.get_ref().clone());
    }
    for entry in &raw.ignore {
        if let Some(ignore) = ignore_entry(&file, entry, &mut errors) {
            config.ignores.push(ignore);
        }
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// A `[rules]` entry: the rule and its level (`None` for off). A level below error (off or
/// warning) lowers what the rule reports, so it needs a reason, as an ignore does.
fn rule_level(
    file: &Arc<SourceFile>,
    rule: &Spanned<String>,
    entry: &Spanned<RawLevel>,
    errors: &mut Vec<Diagnostic>,
) -> Option<(&'static str, Option<Level>)> {
    let (level, reason) = match entry.get_ref() {
        RawLevel::Bare(level) => (Spanned::new(entry.span(), level.clone()), None),
        RawLevel::Table { level, reason } => (level.clone(), reason.as_ref()),
    };
    let meta = known_rule(file, rule, errors);
    let options = [
        ("error", Some(Level::Error)),
        ("warning", Some(Level::Warning)),
        ("off", None),
    ];
    let level = choice(file, &level, &options, errors);
    let (meta, level) = (meta?, level?);
    let lowered = level != Some(Level::Error);
    if lowered && blank(reason) {
        let name = rule.get_ref();
        let (lowering, written) = match level {
            None => (format!("turning `{name}` off"), "off"),
            Some(_) => (format!("lowering `{name}` to warnings"), "warning"),
        };
        let span = reason.map_or_else(|| entry.span(), Spanned::span);
        errors.push(error(
            file,
            span,
            format!("{lowering} needs a `reason`"),
            Some(format!(
                "say why, as a table: `{name} = {{ level = \"{written}\", reason = \"approved by Datadog in the review\" }}`"
            )),
        ));
    }
    Some((meta.name, level))
}

/// Whether a reason is absent or only whitespace.
fn blank(reason: Option<&Spanned<String>>) -> bool {
    reason.is_none_or(|reason| reason.get_ref().trim().is_empty())
}

fn ignore_entry(
    file: &Arc<SourceFile>,
    entry: &Spanned<RawIgnore>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Ignore> {
    let raw = entry.get_ref();
    let meta = known_rule(file, &raw.rule, errors);
    if blank(raw.reason.as_ref()) {
        let span = raw
            .reason
            .as_ref()
            .map_or_else(|| entry.span(), Spanned::span);
        errors.push(error(
            file,
            span,
            "an ignore needs a `reason`".to_owned(),
            Some("say why, e.g. `reason = \"approved by Datadog in the review\"`".to_owned()),
        ));
    }
    if raw.integration.is_none() && raw.path.is_none() {
        errors.push(error(
            file,
            entry.span(),
            "an ignore needs an `integration` or a `path`".to_owned(),
            None,
        ));
    }
    Some(Ignore {
        rule: meta?.name,
        integration: raw.integration.clone(),
        path: raw.path.clone(),
        pointer: raw.pointer.clone(),
        file: Arc::clone(file),
        span: entry.span(),
    })
}

fn known_rule(
    file: &Arc<SourceFile>,
    name: &Spanned<String>,
    errors: &mut Vec<Diagnostic>,
) -> Option<&'static RuleMeta> {
    let found = rules::find(name.get_ref());
    if found.is_none() {
        let names: Vec<&str> = rules::all().map(|meta| meta.name).collect();
        let help = similar::get_close_matches(name.get_ref().as_str(), &names, 1, 0.6)
            .first()
            .map_or_else(
                || "`ddlint rules` lists the rules".to_owned(),
                |close| format!("did you mean `{close}`?"),
            );
        errors.push(error(
            file,
            name.span(),
            format!("no rule is named `{}`", name.get_ref()),
            Some(help),
        ));
    }
    found
}

fn choice<T: Copy>(
    file: &Arc<SourceFile>,
    value: &Spanned<String>,
    options: &[(&str, T)],
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    let found = options
        .iter()
        .find(|(name, _)| name == value.get_ref())
        .map(|(_, v)| *v);
    if found.is_none() {
        let allowed: Vec<String> = options
            .iter()
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        errors.push(error(
            file,
            value.span(),
            format!("`{}` is not one of {}", value.get_ref(), allowed.join(", ")),
            None,
        ));
    }
    found
}
