//! Reading a token **without verifying or decrypting it**: for display and debugging only.
//!
//! Nothing [`inspect`] returns is authenticated: anyone can write any header, payload or
//! claims into a token. Never use what it returns to choose keys or algorithms, to trust a
//! claim, or to decide anything; read tokens with a [`crate::jws::Verifier`],
//! a [`crate::jwe::Decrypter`] or a [`crate::jwt::Reader`] instead.
//!
//! The reading is as bounded as the verifying one: the token's length is checked against
//! [`Limits::max_token_len`](crate::Limits) before anything else, a compact token is split
//! without per-dot work (the part counter stops at six), a JSON token is parsed once,
//! strictly (no duplicate members) and within the depth and value limits, and each
//! protected header is decoded within `max_header_len`.
//!
//! ```
//! use jwcrypt::dangerous::{self, Kind, Serialization};
//! use jwcrypt::{Jwk, SigningAlg, jwt::{self, Claims}};
//! let key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("k1");
//! let token = jwt::signed(&Claims::new().subject("alice"), &key, SigningAlg::HS256)?;
//! let seen = dangerous::inspect(token.as_str())?;
//! assert_eq!((seen.kind(), seen.serialization()), (Kind::Jws, Serialization::Compact));
//! assert_eq!(seen.protected_header().unwrap()["kid"], "k1");
//! assert_eq!(seen.claims()?.sub(), Some("alice")); // unverified!
//! # Ok::<(), jwcrypt::Error>(())
//! ```

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result, err};
use crate::header::decode_protected;
use crate::json::{self, Object};
use crate::jwt::Claims;
use crate::limits::Limits;

/// Whether a token is signed or encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A JWS (RFC 7515): three compact parts, or JSON without `ciphertext`.
    Jws,
    /// A JWE (RFC 7516): five compact parts, or JSON with `ciphertext`.
    Jwe,
}

impl Kind {
    /// `"JWS"` or `"JWE"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Jws => "JWS",
            Self::Jwe => "JWE",
        }
    }
}

/// How a token is serialized (RFC 7515 §7, RFC 7516 §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Serialization {
    /// Dot-separated base64url parts.
    Compact,
    /// A JSON object for one signature or recipient (no `signatures` / `recipients`).
    Flattened,
    /// A JSON object with `signatures` (JWS) or `recipients` (JWE).
    General,
}

/// What [`inspect`] read from a token, **unverified**.
#[derive(Clone, Debug)]
pub struct Inspection {
    kind: Kind,
    serialization: Serialization,
    headers: Value,
    /// A JWS's payload member as it is in the token (base64url, or as is for `b64: false`);
    /// `None` for a JWE or detached content.
    payload: Option<Value>,
}

/// Reads the headers of a JWS or JWE in any serialization, and a JWS's payload, **without
/// verifying or decrypting anything**, with the default [`Limits`]. See the [module
/// documentation](self) for what this must never be used for.
///
/// A compact token with three parts is a JWS, with five a JWE; a JSON token with a
/// `ciphertext` member is a JWE, otherwise a JWS. White space around the token is ignored.
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] for a token, header or JSON structure over the limits
/// (checked first); [`ErrorKind::MalformedToken`] for text that is neither a JWS nor a JWE
/// in any serialization; [`ErrorKind::InvalidHeader`] for a protected header that is not a
/// JSON object.
pub fn inspect(token: &str) -> Result<Inspection> {
    inspect_limited(token.trim(), &Limits::DEFAULT)
}

fn inspect_limited(token: &str, limits: &Limits) -> Result<Inspection> {
    crate::jws::check_token_len(token.len(), limits)?;
    if token.starts_with('{') {
        // One strict, bounded parse; the serialization is told from its members.
        let obj = json::parse_object_limited(token.as_bytes(), limits.max_token_len, limits)
            .map_err(|e| match e.kind() {
                ErrorKind::LimitExceeded => e,
                _ => Error::new(
                    ErrorKind::MalformedToken,
                    format!("not a JWS or JWE: {}", e.message()),
                ),
            })?;
        return if obj.contains_key("ciphertext") {
            jwe_json(obj, limits)
        } else {
            jws_json(obj, limits)
        };
    }
    // Counting at most six parts: a token of millions of dots costs no per-dot work.
    let (kind, header, payload) = match token.split('.').take(6).count() {
        3 => {
            let (h, p, _) = crate::jws::split_compact(token)?;
            (Kind::Jws, h, Some(Value::String(p.to_owned())))
        }
        5 => (Kind::Jwe, token.split('.').next().unwrap_or_default(), None),
        _ => {
            return err(
                ErrorKind::MalformedToken,
                "a compact token has 3 (JWS) or 5 (JWE) parts",
            );
        }
    };
    Ok(Inspection {
        kind,
        serialization: Serialization::Compact,
        headers: Value::Object(decode_protected(header, limits)?),
        payload,
    })
}

/// `{"signatures": [{"protected": {...}, "header": {...}}, ...]}`, whatever the JSON
/// serialization (the flattened one gives one signature).
fn jws_json(mut obj: Object, limits: &Limits) -> Result<Inspection> {
    let serialization = if obj.contains_key("signatures") {
        Serialization::General
    } else {
        Serialization::Flattened
    };
    let payload = obj.remove("payload");
    let entries = crate::jws::entries(&obj, limits)?;
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut o = Object::new();
        if let Some(p) = entry.protected {
            o.insert(
                "protected".into(),
                Value::Object(decode_protected(p, limits)?),
            );
        }
        if let Some(u) = entry.unprotected {
            o.insert("header".into(), Value::Object(u.clone()));
        }
        out.push(Value::Object(o));
    }
    if out.is_empty() {
        return err(ErrorKind::MalformedToken, "no signatures");
    }
    let mut headers = Object::new();
    headers.insert("signatures".into(), Value::Array(out));
    Ok(Inspection {
        kind: Kind::Jws,
        serialization,
        headers: Value::Object(headers),
        payload,
    })
}

/// `{"protected": {...}, "unprotected": {...}, "recipients": [{"header": {...}}, ...]}`,
/// whatever the JSON serialization (the flattened one gives one recipient).
fn jwe_json(mut obj: Object, limits: &Limits) -> Result<Inspection> {
    let serialization = if obj.contains_key("recipients") {
        Serialization::General
    } else {
        Serialization::Flattened
    };
    let parts = crate::jwe::parse_json(&mut obj, limits)?;
    let mut headers = Object::new();
    headers.insert(
        "protected".into(),
        Value::Object(decode_protected(&parts.protected_b64, limits)?),
    );
    if let Some(u) = parts.unprotected {
        headers.insert("unprotected".into(), Value::Object(u));
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
    headers.insert("recipients".into(), recipients.into());
    Ok(Inspection {
        kind: Kind::Jwe,
        serialization,
        headers: Value::Object(headers),
        payload: None,
    })
}

impl Inspection {
    /// JWS or JWE.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Compact, flattened JSON or general JSON.
    pub fn serialization(&self) -> Serialization {
        self.serialization
    }

    /// Every header, **unverified**. For a compact token, its protected header object. For
    /// a JWS in JSON, `{"signatures": [{"protected": {...}, "header": {...}}, ...]}`, each
    /// signature's decoded protected header and unprotected header (either may be missing).
    /// For a JWE in JSON, `{"protected": {...}, "unprotected": {...}, "recipients":
    /// [{"header": {...}}, ...]}` (`unprotected` and each `header` may be missing).
    pub fn headers(&self) -> &Value {
        &self.headers
    }

    /// The one protected header, **unverified**: that of a compact token, of a JWE in JSON,
    /// or of a JWS in JSON with a single signature; `None` when there are several
    /// signatures or the only one has no protected header.
    pub fn protected_header(&self) -> Option<&Object> {
        let h = match (self.serialization, self.kind) {
            (Serialization::Compact, _) => &self.headers,
            (_, Kind::Jwe) => self.headers.get("protected")?,
            (_, Kind::Jws) => match self.signatures() {
                [one] => one.get("protected")?,
                _ => return None,
            },
        };
        h.as_object()
    }

    /// The signatures' headers of a JWS in JSON (empty otherwise).
    fn signatures(&self) -> &[Value] {
        self.headers
            .get("signatures")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// The protected headers of a JWS, one per signature (`None` for a signature without).
    fn jws_protected(&self) -> Vec<Option<&Object>> {
        match self.serialization {
            Serialization::Compact => vec![self.headers.as_object()],
            _ => self
                .signatures()
                .iter()
                .map(|s| s.get("protected").and_then(Value::as_object))
                .collect(),
        }
    }

    /// A JWS's payload, **unverified**: decoded from base64url unless its protected headers
    /// say `b64: false` (RFC 7797).
    ///
    /// # Errors
    /// [`ErrorKind::UnexpectedTokenType`] for a JWE (its payload is encrypted);
    /// [`ErrorKind::MalformedToken`] for detached content, a payload that is not a string
    /// or not base64url; [`ErrorKind::InvalidHeader`] when the signatures disagree on `b64`.
    pub fn payload(&self) -> Result<Vec<u8>> {
        if self.kind == Kind::Jwe {
            return err(
                ErrorKind::UnexpectedTokenType,
                "a JWE's payload is encrypted: decrypt it with a Decrypter",
            );
        }
        let text = match &self.payload {
            Some(Value::String(s)) => s,
            Some(_) => return err(ErrorKind::MalformedToken, "\"payload\" must be a string"),
            None => return err(ErrorKind::MalformedToken, "the JWS has detached content"),
        };
        let unencoded: Vec<bool> = self
            .jws_protected()
            .iter()
            .map(|p| p.and_then(|p| p.get("b64")) == Some(&Value::Bool(false)))
            .collect();
        match unencoded.as_slice() {
            [first, rest @ ..] if rest.iter().any(|u| u != first) => err(
                ErrorKind::InvalidHeader,
                "the signatures disagree on \"b64\" (RFC 7797 §3)",
            ),
            [true, ..] => Ok(text.as_bytes().to_vec()),
            _ => crate::b64::decode_public(text)
                .map_err(|_| Error::new(ErrorKind::MalformedToken, "the payload is not base64url")),
        }
    }

    /// A JWS's payload read as JWT claims, **unverified** (strict and bounded, as
    /// [`Claims::from_json`]).
    ///
    /// # Errors
    /// As [`Inspection::payload`], then as [`Claims::from_json`].
    pub fn claims(&self) -> Result<Claims> {
        Claims::from_json(self.payload()?)
    }

    /// The headers as one JSON value marked unverified (what `jwcrypt inspect` prints):
    /// `{"unverified": true, "kind": "JWS" | "JWE", "header": ...}` with
    /// [`Inspection::headers`]. The payload is not included.
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "unverified": true,
            "kind": self.kind.name(),
            "header": self.headers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_jws_and_jwe() {
        let i = inspect("  eyJhbGciOiJIUzI1NiJ9.e30.c2ln\n").unwrap();
        assert_eq!(
            (i.kind(), i.serialization()),
            (Kind::Jws, Serialization::Compact)
        );
        assert_eq!(i.headers()["alg"], "HS256");
        assert_eq!(i.payload().unwrap(), b"{}");
        assert_eq!(i.claims().unwrap(), Claims::new());
        assert_eq!(
            i.to_json(),
            serde_json::json!({"unverified": true, "kind": "JWS", "header": {"alg": "HS256"}})
        );
        let i = inspect("eyJhbGciOiJkaXIifQ.x.y.z.w").unwrap();
        assert_eq!(i.kind(), Kind::Jwe);
        assert_eq!(i.protected_header().unwrap()["alg"], "dir");
        assert_eq!(
            i.payload().unwrap_err().kind(),
            ErrorKind::UnexpectedTokenType
        );
        for bad in [
            "a.b",
            "a.b.c.d",
            "a.b.c.d.e.f",
            "",
            "{}",
            "{\"signatures\":[]}",
        ] {
            assert_eq!(
                inspect(bad).unwrap_err().kind(),
                ErrorKind::MalformedToken,
                "{bad}"
            );
        }
    }

    #[test]
    fn unencoded_payload_and_disagreeing_b64() {
        // {"alg":"HS256","b64":false,"crit":["b64"]}
        let h = crate::b64::encode(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
        let i = inspect(&format!("{h}.$x.sig")).unwrap();
        assert_eq!(i.payload().unwrap(), b"$x");
        let plain = crate::b64::encode(br#"{"alg":"HS256"}"#);
        let t = format!(
            r#"{{"payload":"e30","signatures":[{{"protected":"{h}","signature":""}},{{"protected":"{plain}","signature":""}}]}}"#
        );
        let i = inspect(&t).unwrap();
        assert_eq!(i.serialization(), Serialization::General);
        assert!(i.protected_header().is_none());
        assert_eq!(i.payload().unwrap_err().kind(), ErrorKind::InvalidHeader);
        let t = format!(r#"{{"protected":"{plain}","signature":""}}"#);
        let i = inspect(&t).unwrap();
        assert_eq!(i.serialization(), Serialization::Flattened);
        assert_eq!(i.protected_header().unwrap()["alg"], "HS256");
        assert_eq!(i.payload().unwrap_err().kind(), ErrorKind::MalformedToken);
    }

    #[test]
    fn size_first() {
        let mut limits = Limits::DEFAULT;
        limits.max_token_len = 10;
        let e = inspect_limited("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", &limits).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LimitExceeded);
        let e = inspect(&".".repeat(Limits::DEFAULT.max_token_len + 1)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    }
}
