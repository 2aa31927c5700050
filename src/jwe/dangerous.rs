//! Reading headers without decrypting. Nothing read here is authenticated: never use it to
//! choose keys or algorithms.

use serde_json::Value;

use super::serialization::{malformed, parse_json};
use crate::error::{ErrorKind, Result, err};
use crate::header::decode_protected;
use crate::json::{self, Object};
use crate::limits::Limits;

/// The headers of a compact JWE (the protected header object), or of a JSON one
/// (`{"protected": {...}, "unprotected": {...}, "recipients": [{"header": {...}}]}`),
/// without decrypting or checking anything but the structure.
///
/// # Errors
/// [`ErrorKind::MalformedToken`], [`ErrorKind::InvalidHeader`], [`ErrorKind::Json`] or
/// [`ErrorKind::LimitExceeded`] for input that cannot be read.
pub fn decode_unverified_header(token: &str) -> Result<Value> {
    let limits = Limits::default();
    if token.len() > limits.max_token_len {
        return err(ErrorKind::LimitExceeded, "the token is too long");
    }
    if token.starts_with('{') {
        let mut obj = json::parse_object_limited(token.as_bytes(), limits.max_token_len, &limits)?;
        let parts = parse_json(&mut obj, &limits)?;
        let mut out = Object::new();
        out.insert(
            "protected".into(),
            Value::Object(decode_protected(&parts.protected_b64, &limits)?),
        );
        if let Some(u) = parts.unprotected {
            out.insert("unprotected".into(), Value::Object(u));
        }
        let recipients: Vec<Value> = parts
            .recipients
            .into_iter()
            .map(|r| {
                let mut o = Object::new();
                if let Some(h) = r.header {
                    o.insert("header".into(), Value::Object(h));
                }
                Value::Object(o)
            })
            .collect();
        out.insert("recipients".into(), recipients.into());
        return Ok(Value::Object(out));
    }
    let first = token
        .split('.')
        .next()
        .ok_or_else(|| malformed("empty token"))?;
    Ok(Value::Object(decode_protected(first, &limits)?))
}
