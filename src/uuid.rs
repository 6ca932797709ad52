//! Canonical lowercase RFC 4122 UUIDs, as `app_uuid` must be.

/// Why `value` is not a canonical lowercase RFC 4122 UUID of version 1 to 8, if it is not.
pub(crate) fn uuid_problem(value: &str) -> Option<&'static str> {
    let groups: Vec<&str> = value.split('-').collect();
    let shape = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]);
    if !shape
        || !groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Some("it is not 32 hexadecimal digits grouped 8-4-4-4-12");
    }
    if value.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some("it has uppercase letters; the canonical form is lowercase");
    }
    if value.bytes().all(|b| b == b'0' || b == b'-') {
        return Some("it is the nil UUID");
    }
    let version = value.as_bytes().get(14).copied();
    if !matches!(version, Some(b'1'..=b'8')) {
        return Some("its version digit (the first of the third group) is not 1 to 8");
    }
    let variant = value.as_bytes().get(19).copied();
    if !matches!(variant, Some(b'8' | b'9' | b'a' | b'b')) {
        return Some("its variant digit (the first of the fourth group) is not 8, 9, a or b");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_uuids_of_versions_1_to_8_pass() {
        for uuid in [
            "3ccc5034-0902-4e00-8a69-04d007d31310",
            "0198a5c2-7b1e-7c3a-9f00-1234567890ab",
            "ee94ce1a-8b30-11ef-be9a-da7ad0900002",
            "1b4e28ba-2fa1-8d2c-a0d4-fbeec7e3c4a9",
        ] {
            assert_eq!(uuid_problem(uuid), None, "{uuid}");
        }
    }

    #[test]
    fn malformed_uppercase_nil_and_odd_versions_fail() {
        let cases = [
            ("3CCC5034-0902-4E00-8A69-04D007D31310", "uppercase"),
            ("00000000-0000-0000-0000-000000000000", "nil"),
            ("3ccc5034-0902-9e00-8a69-04d007d31310", "version"),
            ("3ccc5034-0902-4e00-ca69-04d007d31310", "variant"),
            ("3ccc50340902-4e00-8a69-04d007d31310", "8-4-4-4-12"),
            ("3ccc5034-0902-4e00-8a69-04d007d3131g", "8-4-4-4-12"),
            ("", "8-4-4-4-12"),
        ];
        for (uuid, why) in cases {
            let problem = uuid_problem(uuid).unwrap_or_default();
            assert!(problem.contains(why), "{uuid}: {problem}");
        }
    }
}
