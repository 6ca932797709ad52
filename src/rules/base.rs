//! What the `--base` rules share: the manifest as it was at the base revision.

use crate::files::Kind;
use crate::integration::Integration;
use crate::json::Node;
use crate::settings::Settings;

/// What a rule comparing with `--base` needs: the revision, the manifest now and the manifest
/// at the revision (see [`manifest`]); `None` when any is missing.
pub(crate) fn revision_and_manifests<'a>(
    integration: &'a Integration,
    settings: &'a Settings,
) -> Option<(&'a str, &'a Node, &'a Node)> {
    let revision = settings.base.as_deref()?;
    Some((
        revision,
        integration.manifest_root()?,
        manifest(integration)?,
    ))
}

/// The manifest at `--base`, parsed: `None` without `--base`, for an integration that is new
/// there, for a base manifest that does not parse, and for a manifest upgraded from version
/// 1.0.0 to 2.0.0 since (Datadog's `ImmutableAttributesValidator` skips those too).
pub(crate) fn manifest(integration: &Integration) -> Option<&Node> {
    let files = &integration.files;
    let old = files
        .ids(Kind::BaseManifest)
        .into_iter()
        .find_map(|id| files.json(id)?.root())?;
    let version = |root: &Node| {
        root.get("manifest_version")
            .and_then(Node::as_str)
            .map(str::to_owned)
    };
    let upgraded = version(old).as_deref() == Some("1.0.0")
        && integration.manifest_root().and_then(version).as_deref() == Some("2.0.0");
    (!upgraded).then_some(old)
}
