//! `asset-short-name-removed`: with `--base REF`, a dashboard, monitor or saved view short
//! name (a key of `assets.dashboards` and its siblings) at REF is gone now.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json::{Node, escape_token};
use crate::rules::base;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

/// The maps whose keys are short names (`ImmutableAttributesValidator.SHORT_NAME_PATHS`).
const MAPS: [(&str, &str); 3] = [
    ("dashboards", "dashboard"),
    ("monitors", "monitor"),
    ("saved_views", "saved view"),
];

declare_rule! {
    /// ## What it does
    /// With `--base REF`, reports every key of `assets.dashboards`, `assets.monitors` and
    /// `assets.saved_views` in the manifest at `REF` that the manifest no longer has: removed,
    /// or renamed (when a new key names the file the old one named, the finding says so). An
    /// integration that does not exist at `REF` is new, and is not reported.
    ///
    /// ## Why
    /// Datadog identifies an integration's out-of-the-box dashboards, monitors and saved views
    /// by these short names: a user's installed copy and links to it follow the name. Datadog's
    /// `ImmutableAttributesValidator` fails a removed or renamed short name (`Short name ...
    /// is not allowed to be modified`). Changing the file a name points at, or the dashboard's
    /// title, is fine.
    ///
    /// ## Example
    /// At `origin/master`: `"dashboards": {"Acme Overview": "assets/dashboards/overview.json"}`;
    /// in the pull request: `"dashboards": {"Acme overview": "assets/dashboards/overview.json"}`.
    ///
    /// ## Use instead
    /// Keep the key `"Acme Overview"`; add new dashboards under new keys.
    ///
    /// ## Fix
    /// Restore the short name the integration has at the base revision.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/common/validator.py`,
    ///   `ImmutableAttributesValidator` (BSD 3-Clause)
    pub(crate) struct AssetShortNameRemoved {
        code: "DD159",
        name: "asset-short-name-removed",
        level: Error,
        summary: "a dashboard, monitor or saved view short name at the --base revision is gone",
        reads: [Manifest, BaseManifest],
    }
}

impl Rule for AssetShortNameRemoved {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some((revision, root, old)) = base::revision_and_manifests(integration, settings) else {
            return;
        };
        for (map, what) in MAPS {
            let pointer = format!("/assets/{map}");
            let then = entries(old, &pointer);
            let now = entries(root, &pointer);
            for (name, path) in &then {
                if now.iter().any(|(key, _)| key == name) {
                    continue;
                }
                let renamed = now.iter().find(|(key, now_path)| {
                    now_path.is_some() && now_path == path && !then.iter().any(|(k, _)| k == key)
                });
                let place = match renamed {
                    Some((key, _)) => Place::key(format!("{pointer}/{}", escape_token(key))),
                    None => Place::key(format!("{pointer}/{}", escape_token(name))),
                };
                let renamed = renamed.map(|(key, _)| quoted(key));
                out.push(finding(what, revision, (name, *path), renamed, place));
            }
        }
    }
}

fn finding(
    what: &str,
    revision: &str,
    (name, path): (&str, Option<&str>),
    renamed: Option<String>,
    place: Place,
) -> Finding {
    let name = quoted(name);
    let restore = match path {
        Some(path) => format!("\"{name}\": \"{}\"", quoted(path)),
        None => format!("the key \"{name}\""),
    };
    let (message, label) = match renamed {
        Some(key) => (
            format!("{what} short name `{name}` at `{revision}` was renamed to `{key}`"),
            format!("was `{name}` at `{revision}`"),
        ),
        None => (
            format!("{what} short name `{name}` at `{revision}` was removed"),
            format!("`{name}` is gone from here"),
        ),
    };
    Finding::new(message, place, label)
        .with_help(format!("restore `{restore}`: a published {what} keeps its short name"))
}

/// The keys of the map at `pointer`, each with its path when that is a string.
fn entries<'a>(root: &'a Node, pointer: &str) -> Vec<(&'a str, Option<&'a str>)> {
    root.pointer(pointer)
        .and_then(Node::as_object)
        .unwrap_or_default()
        .iter()
        .map(|member| (member.key.as_str(), member.value.as_str()))
        .collect()
}
