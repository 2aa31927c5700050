//! What JWS and JWE headers share: decoding the protected header, the disjoint union of
//! header parts, and the `crit` rules (RFC 7515 §4.1.11, §7.2.1; RFC 7516 §4.1.13, §7.2.1).

use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json::{self, Object};
use crate::limits::Limits;
use serde_json::Value;

/// Decodes and parses a base64url protected header (bounded by `limits`).
pub(crate) fn decode_protected(text: &str, limits: &Limits) -> Result<Object> {
    let bytes = decode_protected_bytes(text, limits)?;
    json::parse_object_limited(&bytes, limits.max_header_len, limits).map_err(protected_error)
}

/// Decodes a base64url protected header to its JSON text (not parsed yet), bounding its
/// length by `limits` first.
pub(crate) fn decode_protected_bytes(text: &str, limits: &Limits) -> Result<Vec<u8>> {
    let max_b64 = limits.max_header_len.saturating_mul(4) / 3 + 4;
    if text.len() > max_b64 {
        return err(ErrorKind::LimitExceeded, "the protected header is too long");
    }
    b64::decode_public(text).map_err(|_| {
        Error::new(
            ErrorKind::MalformedToken,
            "the protected header is not base64url",
        )
    })
}

/// The error for a protected header's JSON text that [`json::parse_object_limited`] (or a parse
/// with `json::parse_with_limited`) refused.
pub(crate) fn protected_error(e: Error) -> Error {
    Error::new(
        if e.kind() == ErrorKind::LimitExceeded {
            e.kind()
        } else {
            ErrorKind::InvalidHeader
        },
        format!("protected header: {}", e.message()),
    )
}

/// The union of header parts; a member name in two parts is an error.
pub(crate) fn disjoint_union<'a>(parts: impl IntoIterator<Item = &'a Object>) -> Result<Object> {
    let mut joined = Object::new();
    for part in parts {
        for (k, v) in part {
            if joined.insert(k.clone(), v.clone()).is_some() {
                return err(
                    ErrorKind::InvalidHeader,
                    format!(
                        "header parameter {:?} appears in more than one header",
                        crate::jwa::shorten(k)
                    ),
                );
            }
        }
    }
    Ok(joined)
}

/// The header parameters RFC 7515 and RFC 7518 define for JWS; `crit` may not name them.
pub(crate) const JWS_REGISTERED: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// The header parameters RFC 7516 and RFC 7518 define for JWE; `crit` may not name them.
pub(crate) const JWE_REGISTERED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty",
    "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Checks `crit`: only in the protected header, a non-empty array of distinct strings, none
/// of them `registered`, each one `understood` and present in the joined header.
/// Returns the names listed (empty without `crit`).
pub(crate) fn check_crit(
    protected: &Object,
    unprotected: &[&Object],
    joined: &Object,
    registered: &[&str],
    understood: &[&str],
) -> Result<Vec<String>> {
    if unprotected.iter().any(|h| h.contains_key("crit")) {
        return err(
            ErrorKind::InvalidHeader,
            "\"crit\" must be in the protected header",
        );
    }
    check_crit_value(
        protected.get("crit"),
        |name| joined.contains_key(name),
        registered,
        understood,
    )
}

/// [`check_crit`] once `crit` is known to be in the protected header only: `crit` is its
/// value there (if any), `present` tells whether the joined header has a member.
pub(crate) fn check_crit_value(
    crit: Option<&Value>,
    present: impl Fn(&str) -> bool,
    registered: &[&str],
    understood: &[&str],
) -> Result<Vec<String>> {
    let Some(crit) = crit else {
        return Ok(Vec::new());
    };
    let Value::Array(items) = crit else {
        return err(
            ErrorKind::InvalidHeader,
            "\"crit\" must be an array of strings",
        );
    };
    if items.is_empty() {
        return err(ErrorKind::InvalidHeader, "\"crit\" must not be empty");
    }
    let mut names: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let Value::String(name) = item else {
            return err(
                ErrorKind::InvalidHeader,
                "\"crit\" must be an array of strings",
            );
        };
        let short = crate::jwa::shorten(name);
        if names.contains(name) {
            return err(
                ErrorKind::InvalidHeader,
                format!("\"crit\" lists {short:?} twice"),
            );
        }
        if registered.contains(&name.as_str()) {
            return err(
                ErrorKind::UnsupportedCritical,
                format!("\"crit\" may not list the registered parameter {short:?}"),
            );
        }
        if !understood.contains(&name.as_str()) {
            return err(
                ErrorKind::UnsupportedCritical,
                format!("critical header parameter {short:?} is not understood"),
            );
        }
        if !present(name) {
            return err(
                ErrorKind::InvalidHeader,
                format!("critical header parameter {short:?} is missing"),
            );
        }
        names.push(name.clone());
    }
    Ok(names)
}
