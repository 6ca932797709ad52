//! The classifier tag values Datadog accepts, by prefix: a table with its sources, and the
//! closest accepted value to a rejected one.
//!
//! Sources, marked on each value:
//! - `D`: Datadog's own tooling: the manifest v1 to v2 migration tables of datadog_checks_dev
//!   40.0.1 (`tooling/manifest_validator/v2/migration.py`, `OS_TO_CLASSIFIER_TAGS` and
//!   `CATEGORIES_TO_CLASSIFIER_TAGS`) and ddev 20.1.0's manifest templates.
//! - `R`: the values of real, published manifests: all 262 integrations of
//!   DataDog/integrations-extras and 78 Marketplace listings (1,900 tags or so). Values occur
//!   in two spellings (`IoT` and `IOT`, `Data Store` and `Data Stores`, `Mainframe` and
//!   `Mainframes`, `Notification` and `Notifications`): Datadog publishes both, so both are
//!   accepted.
//!
//! The prefixes themselves are the schema's (`schemas/manifest.schema.json`, `classifier_tag`).

/// `(prefix, values)`; each value is accepted exactly, letter case included.
pub(crate) const ACCEPTED: [(&str, &[&str]); 5] = [
    (
        "Category",
        &[
            "AI/ML",                      // R
            "Alerting",                   // D R
            "Autodiscovery",              // D
            "Automation",                 // D R
            "AWS",                        // D R
            "Azure",                      // D R
            "Caching",                    // D R
            "Cloud",                      // D R
            "Collaboration",              // D R
            "Compliance",                 // D R
            "Configuration & Deployment", // D R
            "Containers",                 // D R
            "Content Delivery Network",   // R
            "Cost Management",            // D R
            "Data Store",                 // R
            "Data Stores",                // D R
            "Developer Tools",            // D R
            "Event Management",           // D R
            "Exceptions",                 // D R
            "Google Cloud",               // D R
            "Incidents",                  // D R
            "IoT",                        // D R
            "IOT",                        // R
            "ISP",                        // D
            "Issue Tracking",             // D R
            "Kubernetes",                 // R
            "Languages",                  // D R
            "Log Collection",             // D R
            "Mainframe",                  // R
            "Mainframes",                 // R
            "Marketplace",                // D R
            "Message Queues",             // R
            "Messaging",                  // D
            "Metrics",                    // D R
            "Mobile",                     // R
            "Monitoring",                 // D R
            "Network",                    // D R
            "Notification",               // R
            "Notifications",              // D R
            "OS & System",                // R
            "OS System",                  // D (the migration's spelling of "os & system")
            "Oracle",                     // D R
            "Orchestration",              // D R
            "Processing",                 // D
            "Profiling",                  // D
            "Provisioning",               // D R
            "SAP",                        // R
            "Security",                   // D R
            "SIEM",                       // R
            "SNMP",                       // D R
            "Source Control",             // D R
            "Testing",                    // D R
            "Tracing",                    // R
            "Web",                        // D
        ],
    ),
    (
        "Supported OS",
        &[
            "Android",  // R
            "Any",      // R
            "IBM z/OS", // R
            "iOS",      // R
            "Linux",    // D R
            "macOS",    // D R
            "Windows",  // D R
        ],
    ),
    (
        "Offering",
        &[
            "Integration",          // R
            "Professional Service", // R
            "Software License",     // R
            "UI Extension",         // R
        ],
    ),
    (
        "Submitted Data Type",
        &["Events", "Logs", "Metrics", "Traces"], // R
    ),
    (
        "Queried Data Type",
        &["Events", "Incidents", "Logs", "Metrics", "Traces"], // R
    ),
];

/// How close a value is to an accepted one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closeness {
    /// The same letters and digits: only case, spaces or punctuation differ (`MacOS`).
    Spelling,
    /// A likely misspelling (`Kuberenetes`).
    Similar,
}

/// The accepted values of `prefix`, when it is a known prefix.
pub(crate) fn values(prefix: &str) -> Option<&'static [&'static str]> {
    ACCEPTED
        .iter()
        .find(|(known, _)| *known == prefix)
        .map(|(_, values)| *values)
}

/// The accepted value closest to `value` under `prefix`, and how close.
pub(crate) fn closest(prefix: &str, value: &str) -> Option<(&'static str, Closeness)> {
    let values = values(prefix)?;
    // No accepted value is near a long text; a hostile megabyte is not compared.
    if value.chars().count() > 80 {
        return None;
    }
    let key = letters(value);
    if let Some(same) = values.iter().find(|known| letters(known) == key) {
        return Some((same, Closeness::Spelling));
    }
    let lower = value.trim().to_lowercase();
    let lowered: Vec<String> = values.iter().map(|v| v.to_lowercase()).collect();
    let candidates: Vec<&str> = lowered.iter().map(String::as_str).collect();
    let close = similar::get_close_matches(lower.as_str(), &candidates, 1, 0.75);
    let index = lowered
        .iter()
        .position(|v| Some(&v.as_str()) == close.first())?;
    values.get(index).map(|found| (*found, Closeness::Similar))
}

/// Lowercase letters and digits only.
fn letters(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specifications_examples_find_their_value() {
        let cases = [
            ("Category", "Kuberenetes", "Kubernetes", Closeness::Similar),
            ("Supported OS", "MacOS", "macOS", Closeness::Spelling),
            (
                "Category",
                "Issue Tracking,",
                "Issue Tracking",
                Closeness::Spelling,
            ),
            (
                "Offering",
                "UI-Extension",
                "UI Extension",
                Closeness::Spelling,
            ),
        ];
        for (prefix, value, meant, closeness) in cases {
            assert_eq!(closest(prefix, value), Some((meant, closeness)), "{value}");
        }
        assert_eq!(closest("Category", "Spreadsheets"), None);
        assert_eq!(closest("Nope", "Metrics"), None);
        assert_eq!(closest("Category", &"Metrics".repeat(100_000)), None);
    }

    #[test]
    fn every_value_is_listed_once_under_its_prefix() {
        for (prefix, values) in ACCEPTED {
            let mut sorted = values.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), values.len(), "{prefix}");
        }
    }
}
