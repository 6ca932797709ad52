//! The bundled manifest v2 JSON Schema (draft 2020-12) and its violations, said in a partner's
//! words. The schema is compiled into the binary; nothing is fetched at run time.
//!
//! What only one repository requires sits in one `if` at the schema's root (a non-empty
//! `pricing` or a `legal_terms`: a Marketplace listing), so that an editor judges a file as
//! ddlint detects it. ddlint itself applies the branch of the repository it judges the
//! integration as: the same detection, unless `--repo-kind` or the configuration overrides it.

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::finding::{field_path, quoted};
use crate::place::Part;
use crate::settings::RepoKind;

/// The schema's text, as `ddlint schema` prints it.
pub const SCHEMA: &str = include_str!("../schemas/manifest.schema.json");

/// The schema as one repository applies it, and its compiled form.
type Compiled = Option<(Value, Validator)>;

/// The compiled schema of each repository; `None` only if the bundled text were broken, which a
/// test rules out.
static EXTRAS: LazyLock<Compiled> = LazyLock::new(|| compile("extras_integration"));
static MARKETPLACE: LazyLock<Compiled> = LazyLock::new(|| compile("marketplace_listing"));

/// The bundled schema with its root `if` on the repository replaced by the branch `branch`
/// (a name in `$defs`).
fn compile(branch: &str) -> Compiled {
    let mut schema: Value = serde_json::from_str(SCHEMA).ok()?;
    let parts = schema.get_mut("allOf")?.as_array_mut()?;
    let by_kind = parts.iter_mut().find(|part| part.get("if").is_some())?;
    *by_kind = serde_json::json!({ "$ref": format!("#/$defs/{branch}") });
    let validator = jsonschema::draft202012::options().build(&schema).ok()?;
    Some((schema, validator))
}

/// One violation: where (a pointer into the manifest), what, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Violation {
    pub(crate) pointer: String,
    pub(crate) part: Part,
    pub(crate) message: String,
    pub(crate) label: String,
    pub(crate) help: Option<String>,
    /// For an unknown key: the known key it is close to (a misspelling).
    pub(crate) meant: Option<String>,
    /// A required key is missing (`pointer` names it).
    pub(crate) missing: bool,
}

/// Every violation of the bundled schema by `manifest`, judged as an integration of `kind`, in
/// a stable order.
pub(crate) fn violations(manifest: &Value, kind: RepoKind, verbose: bool) -> Vec<Violation> {
    let compiled = match kind {
        RepoKind::Extras => &*EXTRAS,
        RepoKind::Marketplace => &*MARKETPLACE,
    };
    let Some((schema, validator)) = compiled.as_ref() else {
        return Vec::new();
    };
    // Most manifests are valid, and the yes-or-no check stops at nothing and describes nothing.
    if validator.is_valid(manifest) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for error in validator.iter_errors(manifest) {
        describe(&error, schema, verbose, 0, &mut out);
    }
    out.sort_by(|a, b| (&a.pointer, &a.message).cmp(&(&b.pointer, &b.message)));
    out.dedup();
    merge_misspellings(out)
}

/// A misspelt required key is both unknown and missing: keep only the unknown key's finding,
/// whose help names the key that was meant, and say there that it is required.
fn merge_misspellings(violations: Vec<Violation>) -> Vec<Violation> {
    let target = |v: &Violation| {
        let object = v.pointer.rsplit_once('/').map_or("", |(object, _)| object);
        Some(format!(
            "{object}/{}",
            crate::json::escape_token(v.meant.as_deref()?)
        ))
    };
    let missing: Vec<String> = violations
        .iter()
        .filter(|v| v.missing)
        .map(|v| v.pointer.clone())
        .collect();
    let merged: Vec<String> = violations
        .iter()
        .filter_map(target)
        .filter(|t| missing.contains(t))
        .collect();
    violations
        .into_iter()
        .filter(|v| !(v.missing && merged.contains(&v.pointer)))
        .map(|mut v| {
            if target(&v).is_some_and(|t| merged.contains(&t)) {
                v.help = v.help.map(|help| format!("{help} (it is required)"));
            }
            v
        })
        .collect()
}

/// Whether the bundled schema compiled, for each repository (for tests).
#[cfg(test)]
pub(crate) fn is_valid() -> bool {
    EXTRAS.is_some() && MARKETPLACE.is_some()
}

fn describe(
    error: &ValidationError<'_>,
    schema: &Value,
    verbose: bool,
    hidden: usize,
    out: &mut Vec<Violation>,
) {
    let pointer = error.instance_path().as_str().to_owned();
    let field = display_field(&pointer);
    let simple = |message: String, label: &str| Violation {
        pointer: pointer.clone(),
        part: Part::Value,
        message: with_hidden(message, hidden),
        label: label.to_owned(),
        help: None,
        meant: None,
        missing: false,
    };
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            out.push(Violation {
                pointer: format!("{pointer}/{}", crate::json::escape_token(&name)),
                part: Part::Key,
                message: with_hidden(
                    format!("{field} has no `{name}`, which is required"),
                    hidden,
                ),
                label: format!("`{name}` is missing from this object"),
                help: Some(format!("add `\"{name}\"` to {field}")),
                meant: None,
                missing: true,
            });
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = known_properties(schema, error.schema_path().as_str());
            for key in unexpected {
                out.push(unknown_key(&pointer, &field, key, &known, hidden));
            }
        }
        ValidationErrorKind::Type { kind } => {
            let found = json_type(error.instance());
            let expected = expected_types(kind);
            let mut v = simple(
                format!("{field} must be {expected}, not {found}"),
                "wrong type",
            );
            v.help = Some(format!("write {expected} here"));
            out.push(v);
        }
        ValidationErrorKind::Enum { options } => {
            let allowed = list(options);
            let mut v = simple(
                format!(
                    "{field} is {}, which is not one of the allowed values",
                    short(error.instance())
                ),
                "not an allowed value",
            );
            v.help = Some(format!("use one of: {allowed}"));
            out.push(v);
        }
        ValidationErrorKind::Constant { expected_value } => {
            let mut v = simple(
                format!("{field} must be {}", short(expected_value)),
                "unexpected value",
            );
            v.help = Some(format!("write {}", short(expected_value)));
            out.push(v);
        }
        ValidationErrorKind::Pattern { pattern } => {
            let mut v = simple(
                format!(
                    "{field} {} does not have the expected form",
                    short(error.instance())
                ),
                "unexpected form",
            );
            v.help = Some(
                property_description(schema, error.schema_path().as_str())
                    .unwrap_or_else(|| format!("it must match the regular expression `{pattern}`")),
            );
            out.push(v);
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            alternatives(error, context, schema, verbose, out);
        }
        _ => out.push(simple(
            format!("{field}: {}", error.masked()),
            "does not match the schema",
        )),
    }
}

/// An `anyOf`/`oneOf` failure: the most relevant branch, or every branch with `--verbose`.
fn alternatives(
    error: &ValidationError<'_>,
    branches: &[Vec<ValidationError<'static>>],
    schema: &Value,
    verbose: bool,
    out: &mut Vec<Violation>,
) {
    if branches.iter().all(|branch| {
        branch.iter().all(|e| {
            matches!(e.kind(), ValidationErrorKind::Type { .. })
                && e.instance_path() == error.instance_path()
        })
    }) {
        let kinds: Vec<String> = branches
            .iter()
            .flatten()
            .filter_map(|e| match e.kind() {
                ValidationErrorKind::Type { kind } => Some(expected_types(kind)),
                _ => None,
            })
            .collect();
        let field = display_field(error.instance_path().as_str());
        out.push(Violation {
            pointer: error.instance_path().as_str().to_owned(),
            part: Part::Value,
            message: format!(
                "{field} must be {}, not {}",
                kinds.join(" or "),
                json_type(error.instance())
            ),
            label: "wrong type".to_owned(),
            help: None,
            meant: None,
            missing: false,
        });
        return;
    }
    if verbose {
        for branch in branches {
            for inner in branch {
                describe(inner, schema, verbose, 0, out);
            }
        }
        return;
    }
    let best = branches.iter().min_by_key(|branch| {
        let depth = branch
            .iter()
            .map(|e| e.instance_path().as_str().matches('/').count())
            .max()
            .unwrap_or(0);
        (std::cmp::Reverse(depth), branch.len())
    });
    for inner in best.into_iter().flatten() {
        describe(
            inner,
            schema,
            verbose,
            branches.len().saturating_sub(1),
            out,
        );
    }
}

fn with_hidden(message: String, hidden: usize) -> String {
    match hidden {
        0 => message,
        1 => format!("{message} (1 other alternative also failed; --verbose shows it)"),
        n => format!("{message} ({n} other alternatives also failed; --verbose shows them)"),
    }
}

fn unknown_key(
    pointer: &str,
    field: &str,
    key: &str,
    known: &[String],
    hidden: usize,
) -> Violation {
    let candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    let close = similar::get_close_matches(key, &candidates, 1, 0.7);
    let help = match close.first() {
        Some(name) => format!("did you mean `{name}`?"),
        None if known.is_empty() => "remove it".to_owned(),
        None => format!("remove it; {field} may hold: {}", known.join(", ")),
    };
    Violation {
        pointer: format!("{pointer}/{}", crate::json::escape_token(key)),
        part: Part::Key,
        message: with_hidden(format!("unknown key `{}` in {field}", quoted(key)), hidden),
        label: "not a manifest v2 field here".to_owned(),
        help: Some(help),
        meant: close.first().map(|name| (*name).to_owned()),
        missing: false,
    }
}

/// The names a closed object may hold, from the `properties` beside its `additionalProperties`.
fn known_properties(schema: &Value, keyword_path: &str) -> Vec<String> {
    let parent = keyword_path
        .rsplit_once('/')
        .map_or("", |(parent, _)| parent);
    let properties = resolve(schema, parent)
        .and_then(|node| node.get("properties"))
        .and_then(Value::as_object);
    properties
        .map(|map| map.keys().cloned().collect())
        .unwrap_or_default()
}

/// The `description` of the subschema a keyword sits in.
fn property_description(schema: &Value, keyword_path: &str) -> Option<String> {
    let parent = keyword_path
        .rsplit_once('/')
        .map_or("", |(parent, _)| parent);
    resolve(schema, parent)?
        .get("description")?
        .as_str()
        .map(str::to_owned)
}

/// A schema path may pass through `$ref`: follow local references segment by segment.
fn resolve<'a>(schema: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = schema;
    for token in path.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = if token == "$ref" {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            schema.pointer(target)?
        } else {
            match node {
                Value::Object(map) => map.get(&token)?,
                Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            }
        };
    }
    Some(node)
}

fn display_field(pointer: &str) -> String {
    if pointer.is_empty() {
        "the manifest".to_owned()
    } else {
        format!("`{}`", quoted(&field_path(pointer)))
    }
}

fn expected_types(kind: &TypeKind) -> String {
    let names: Vec<String> = match kind {
        TypeKind::Single(single) => vec![article(&single.to_string())],
        TypeKind::Multiple(set) => set.iter().map(|t| article(&t.to_string())).collect(),
    };
    names.join(" or ")
}

fn article(type_name: &str) -> String {
    match type_name {
        "array" | "object" | "integer" => format!("an {type_name}"),
        "null" => "null".to_owned(),
        _ => format!("a {type_name}"),
    }
}

fn json_type(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A value as shown in a message: short, JSON-quoted.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        format!("`{text}`")
    } else {
        format!("`{}…`", text.chars().take(57).collect::<String>())
    }
}

fn list(options: &Value) -> String {
    match options.as_array() {
        Some(items) => items.iter().map(short).collect::<Vec<_>>().join(", "),
        None => short(options),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_schema_compiles() {
        assert!(is_valid());
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        assert!(jsonschema::draft202012::options().build(&schema).is_ok());
    }

    /// The root `if` that an editor applies is ddlint's own detection of a listing.
    #[test]
    fn the_schemas_kind_condition_is_ddlints_detection() {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        let condition = schema["allOf"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|part| part.get("if"))
            .unwrap();
        let condition = jsonschema::draft202012::options().build(condition).unwrap();
        for text in [
            r#"{}"#,
            r#"{"pricing": []}"#,
            r#"{"pricing": [{}]}"#,
            r#"{"pricing": {}}"#,
            r#"{"pricing": "flat"}"#,
            r#"{"legal_terms": {}}"#,
            r#"{"legal_terms": null}"#,
            r#"{"pricing": [], "legal_terms": {"eula": "assets/eula.pdf"}}"#,
            r#"[]"#,
        ] {
            let root = crate::json::parse(text).unwrap();
            let listing = crate::integration::detect_kind(Some(&root)) == RepoKind::Marketplace;
            assert_eq!(condition.is_valid(&root.to_serde()), listing, "{text}");
        }
    }

    /// A small manifest that every repository accepts but for what `edit` changes.
    fn manifest(edit: impl FnOnce(&mut Value)) -> Value {
        let mut manifest = serde_json::json!({
            "manifest_version": "2.0.0",
            "app_uuid": "b4dc3a3a-0000-4000-8000-000000000001",
            "app_id": "acme-widgets",
            "owner": "integrations-developer-platform",
            "display_on_public_website": true,
            "tile": {
                "overview": "README.md#Overview", "configuration": "README.md#Setup",
                "support": "README.md#Support", "changelog": "CHANGELOG.md",
                "description": "Widgets", "title": "Widgets", "media": [], "classifier_tags": []
            },
            "author": {"name": "Acme", "homepage": "https://acme.example", "support_email": "support@acme.example"},
            "assets": {"integration": {
                "auto_install": true, "source_type_id": 1, "source_type_name": "Widgets",
                "service_checks": {}
            }}
        });
        edit(&mut manifest);
        manifest
    }

    fn messages(manifest: &Value, kind: RepoKind) -> Vec<String> {
        violations(manifest, kind, false)
            .into_iter()
            .map(|v| format!("{} {}", v.pointer, v.message))
            .collect()
    }

    #[test]
    fn extras_require_owner_auto_install_and_source_type_id_and_listings_do_not() {
        let bare = manifest(|m| {
            m.as_object_mut().unwrap().remove("owner");
            let integration = m["assets"]["integration"].as_object_mut().unwrap();
            integration.remove("auto_install");
            integration.remove("source_type_id");
        });
        assert_eq!(
            messages(&bare, RepoKind::Extras),
            [
                "/assets/integration/auto_install `assets.integration` has no `auto_install`, which is required",
                "/assets/integration/source_type_id `assets.integration` has no `source_type_id`, which is required",
                "/owner the manifest has no `owner`, which is required",
            ]
        );
        assert!(messages(&bare, RepoKind::Marketplace).is_empty());
        assert!(messages(&manifest(|_| {}), RepoKind::Extras).is_empty());
        assert!(messages(&manifest(|_| {}), RepoKind::Marketplace).is_empty());
    }

    #[test]
    fn both_repositories_reject_typos_and_wrong_types_in_listing_fields() {
        let listing = manifest(|m| {
            m["pricing"] = serde_json::json!([{
                "billing_type": "monthly", "unit_prize": 10, "unit_price": "10",
                "product_id": "Widgets", "includes_assets": "yes", "short_description": "x"
            }]);
            m["legal_terms"] = serde_json::json!({"eula": 5, "terms": "x"});
        });
        for kind in [RepoKind::Extras, RepoKind::Marketplace] {
            let found = messages(&listing, kind);
            let has = |pointer: &str, words: &str| {
                found
                    .iter()
                    .any(|m| m.starts_with(&format!("{pointer} ")) && m.contains(words))
            };
            assert!(
                has("/pricing/0/billing_type", "not one of the allowed values"),
                "{found:#?}"
            );
            assert!(has("/pricing/0/unit_prize", "unknown key"), "{found:#?}");
            assert!(
                has("/pricing/0/unit_price", "null or a number, not a string"),
                "{found:#?}"
            );
            assert!(has("/pricing/0/product_id", "expected form"), "{found:#?}");
            assert!(
                has("/pricing/0/includes_assets", "a boolean, not a string"),
                "{found:#?}"
            );
            assert!(
                has("/legal_terms/eula", "a string, not a number"),
                "{found:#?}"
            );
            assert!(has("/legal_terms/terms", "unknown key"), "{found:#?}");
            assert_eq!(found.len(), 7, "{found:#?}");
        }
    }

    #[test]
    fn a_non_string_check_names_both_allowed_shapes() {
        let violation = violations(
            &serde_json::json!({"assets": {"integration": {"metrics": {"check": 5}}}}),
            RepoKind::Extras,
            false,
        )
        .into_iter()
        .find(|v| v.pointer == "/assets/integration/metrics/check")
        .unwrap();
        assert!(
            violation.message.contains("a string or an array"),
            "{}",
            violation.message
        );
    }

    #[test]
    fn resolve_follows_local_refs() {
        let schema = serde_json::json!({"$defs": {"x": {"description": "d"}}, "properties": {"a": {"$ref": "#/$defs/x"}}});
        assert_eq!(
            resolve(&schema, "/properties/a/$ref").and_then(|v| v.get("description")),
            Some(&serde_json::json!("d"))
        );
    }

    #[test]
    fn an_unknown_key_close_to_a_known_one_suggests_it() {
        let v = unknown_key(
            "/tile",
            "`tile`",
            "uninstalation",
            &["uninstallation".to_owned(), "support".to_owned()],
            0,
        );
        assert_eq!(v.help.as_deref(), Some("did you mean `uninstallation`?"));
        assert_eq!(v.pointer, "/tile/uninstalation");
    }
}
