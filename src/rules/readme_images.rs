//! What the README image rules share: the URL forms of Datadog's `ddev validate readmes`
//! (datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py`), and each image once
//! per place its URL is written.

use crate::readme::images::Image;
use crate::settings::RepoKind;

/// The start of the URLs Datadog serves a repository's images from: an image whose URL starts
/// with it is looked up in `images/` (Datadog's `github_path`, with the `/` that ends the
/// repository's name).
pub(crate) fn raw_prefix(kind: RepoKind) -> &'static str {
    match kind {
        RepoKind::Extras => "https://raw.githubusercontent.com/DataDog/integrations-extras/",
        RepoKind::Marketplace => "https://raw.githubusercontent.com/DataDog/marketplace/",
    }
}

/// Datadog looks the image's file up in `images/`: a URL of the repository's raw form, or in
/// the Marketplace a path relative to the listing that starts with `images/`.
pub(crate) fn looked_up(src: &str, kind: RepoKind) -> bool {
    src.starts_with(raw_prefix(kind)) || kind == RepoKind::Marketplace && src.starts_with("images/")
}

/// The URL is `<raw prefix>master/<integration>/images/<name>` (or, in the Marketplace,
/// `images/<name>`), with one name and nothing but a query or fragment after it.
pub(crate) fn well_formed(src: &str, kind: RepoKind) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let one_name = |rest: &str| !rest.is_empty() && !rest.contains('/');
    if kind == RepoKind::Marketplace
        && let Some(name) = path.strip_prefix("images/")
    {
        return one_name(name);
    }
    let Some(rest) = path
        .strip_prefix(raw_prefix(kind))
        .and_then(|rest| rest.strip_prefix("master/"))
    else {
        return false;
    };
    match rest.split_once("/images/") {
        Some((integration, name)) => one_name(integration) && one_name(name),
        None => false,
    }
}

/// The images whose URL is written at a place no earlier image shares (a reference
/// definition that three images use is one place), with the first image shown from there.
pub(crate) fn by_url_place(images: &[Image]) -> Vec<&Image> {
    let mut seen = std::collections::HashSet::new();
    images
        .iter()
        .filter(|image| seen.insert(image.url_span.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_raw_form_of_each_repository() {
        let extras = "https://raw.githubusercontent.com/DataDog/integrations-extras/master/acme/images/a.png";
        assert!(well_formed(extras, RepoKind::Extras));
        assert!(looked_up(extras, RepoKind::Extras));
        assert!(!looked_up(extras, RepoKind::Marketplace));
        assert!(well_formed(&format!("{extras}?raw=true"), RepoKind::Extras));
        for bad in [
            "https://raw.githubusercontent.com/DataDog/integrations-extras/main/acme/images/a.png",
            "https://raw.githubusercontent.com/DataDog/integrations-extras/master/acme/a.png",
            "https://raw.githubusercontent.com/DataDog/integrations-extras/master/acme/images/x/a.png",
            "https://github.com/DataDog/integrations-extras/blob/master/acme/images/a.png",
            "images/a.png",
        ] {
            assert!(!well_formed(bad, RepoKind::Extras), "{bad}");
        }
        assert!(well_formed("images/a.png", RepoKind::Marketplace));
        assert!(looked_up("images/sub/a.png", RepoKind::Marketplace));
        assert!(!well_formed("./images/a.png", RepoKind::Marketplace));
        assert!(well_formed(
            "https://raw.githubusercontent.com/DataDog/marketplace/master/acme/images/a.png",
            RepoKind::Marketplace
        ));
    }
}
