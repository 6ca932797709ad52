//! `oauth-client-invalid`: `assets/oauth_clients.json` does not have the OAuth client's shape.

use crate::files::FileId;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json::{Node, Value, escape_token};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks the OAuth client file that `assets.oauth` names (always
    /// `assets/oauth_clients.json` in real integrations): a top-level `integration` object with
    /// exactly `client_role`, `name`, `description`, `id`, `onboarding_url` (strings),
    /// `redirect_uris` and `scopes` (arrays of strings), and redirect URIs that use `https://`
    /// (`http://localhost` and `http://127.0.0.1` are accepted for development).
    ///
    /// ## Why
    /// Datadog publishes the OAuth client from this file. A missing or misspelt field, or a
    /// redirect URI over plain HTTP, is rejected when the client is published, long after the
    /// pull request was opened.
    ///
    /// ## Example
    /// ```json
    /// { "integration": { "name": "Acme", "redirect_uris": ["http://acme.example/callback"] } }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "integration": {
    ///     "client_role": "integration", "name": "Acme", "description": "Acme for Datadog",
    ///     "id": "6d8d4f8c-6f4e-11ee-9b5e-da7ad0900002",
    ///     "onboarding_url": "https://acme.example/datadog/start",
    ///     "redirect_uris": ["https://acme.example/datadog/callback"],
    ///     "scopes": ["api_keys_write"] } }
    /// ```
    ///
    /// ## Fix
    /// Export the client again from the Developer Platform, or add the missing fields and use
    /// `https://` redirect URIs.
    pub(crate) struct OauthClientInvalid {
        code: "DD130",
        name: "oauth-client-invalid",
        level: Error,
        summary: "assets/oauth_clients.json does not have the OAuth client's shape",
        reads: [Manifest, OauthClients],
    }
}

/// The client's fields and whether each is a string (else an array of strings).
const FIELDS: [(&str, bool); 7] = [
    ("client_role", true),
    ("name", true),
    ("description", true),
    ("id", true),
    ("onboarding_url", true),
    ("redirect_uris", false),
    ("scopes", false),
];

impl Rule for OauthClientInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some((file, root)) = integration
            .oauth_clients()
            .and_then(|(file, json)| Some((file, json.root()?)))
        else {
            return;
        };
        let Some(client) = root
            .get("integration")
            .filter(|node| node.as_object().is_some())
        else {
            let place = Place::key_in(file, "/integration");
            out.push(
                Finding::new(
                    "the OAuth client file has no `integration` object",
                    place,
                    "expected `\"integration\": { ... }` here",
                )
                .with_help("export the client again from the Datadog Developer Platform"),
            );
            return;
        };
        check_fields(file, client, out);
        check_redirects(file, client, out);
    }
}

fn check_fields(file: FileId, client: &Node, out: &mut Vec<Finding>) {
    for (key, is_string) in FIELDS {
        let pointer = format!("/integration/{key}");
        let place = Place::value_in(file, pointer.as_str());
        let Some(value) = client.get(key) else {
            out.push(
                Finding::new(
                    format!("the OAuth client has no `{key}`"),
                    place,
                    format!("`{key}` is missing here"),
                )
                .with_help(format!("add `{key}` to the `integration` object")),
            );
            continue;
        };
        let fits = if is_string {
            value.as_str().is_some()
        } else {
            is_string_array(value)
        };
        if !fits {
            let wanted = if is_string {
                "a string"
            } else {
                "an array of strings"
            };
            out.push(Finding::new(
                format!("the OAuth client's `{key}` is not {wanted}"),
                place,
                format!("expected {wanted}"),
            ));
        }
    }
    for member in client.as_object().unwrap_or_default() {
        if !FIELDS.iter().any(|(key, _)| *key == member.key) {
            let place = Place::key_in(
                file,
                format!("/integration/{}", escape_token(&member.key)),
            );
            out.push(Finding::new(format!("the OAuth client has an unknown field `{}`", quoted(&member.key)), place, "unknown field")
                .with_help("remove it, or correct its name: the client has client_role, name, description, id, onboarding_url, redirect_uris and scopes"));
        }
    }
}

fn is_string_array(node: &Node) -> bool {
    node.as_array().is_some_and(|items| {
        items
            .iter()
            .all(|item| matches!(item.value, Value::String(_)))
    })
}

fn check_redirects(file: FileId, client: &Node, out: &mut Vec<Finding>) {
    let uris = client
        .get("redirect_uris")
        .and_then(Node::as_array)
        .unwrap_or_default();
    for (index, uri) in uris.iter().enumerate() {
        let Some(text) = uri.as_str() else { continue };
        if secure(text) {
            continue;
        }
        let place = Place::value_in(
            file,
            format!("/integration/redirect_uris/{index}"),
        );
        out.push(
            Finding::new(
                format!("redirect URI `{}` does not use https", quoted(text)),
                place,
                "not an https:// URI",
            )
            .with_help("use an https:// redirect URI (http:// is accepted only for localhost)"),
        );
    }
}

/// `https://...`, or plain HTTP to the local machine.
fn secure(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return true;
    }
    let Some(rest) = lower.strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().map_or(authority, |ip| ip),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _port)| host),
    };
    matches!(host, "localhost" | "127.0.0.1" | "::1")
}
