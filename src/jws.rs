//! JSON Web Signature (RFC 7515) with the algorithms of RFC 7518 §3 (HS*, RS*, PS*) and
//! unencoded payloads (RFC 7797).
//!
//! Signing: [`sign_compact`], [`sign_compact_detached`], and [`JsonSigner`] for the JSON
//! serializations. Verifying: a [`Verifier`] holds the keys and the algorithms the caller
//! accepts (there is no default), and reads the compact or JSON serialization.
//!
//! ```
//! use jwcrypt::{Jwk, SigningAlg, jws::{self, JwsHeader, Verifier}};
//! let key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("k1");
//! let token = jws::sign_compact(b"hello", &JwsHeader::new(SigningAlg::HS256), &key)?;
//! let verified = Verifier::new(&key, &[SigningAlg::HS256])?.verify(&token)?;
//! assert_eq!(verified.payload(), b"hello");
//! assert_eq!(verified.header().kid(), Some("k1"));
//! # Ok::<(), jwcrypt::Error>(())
//! ```
//!
//! What verification enforces:
//! - `alg` comes from the protected header only, must be one the caller allowed, and must
//!   fit the key (an `oct` key for HS*, an RSA key for RS*/PS*; the key's `use`, `key_ops`
//!   and `alg` are honoured). `none` is not an algorithm.
//! - The signature covers the protected header exactly as received.
//! - `crit` may list only `b64`; `b64` must be in the protected header, listed in `crit`
//!   when false, and the same for every signature.
//! - Keys embedded in the header (`jwk`, `jku`, `x5u`, `x5c`) are never used.
//! - Sizes, nesting and the number of signatures are bounded by [`Limits`].

mod header;
mod sign;
mod verify;

pub use header::JwsHeader;
pub(crate) use sign::sign_compact_protected;
pub use sign::{JsonSigner, sign_compact, sign_compact_detached};
pub use verify::{Verified, Verifier};

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::{self, KeyFamily, SigningAlg};
use crate::jwk::{Jwk, KeyOp};
use crate::limits::Limits;

/// Checks that `key` may do `op` with `alg`: family, `use`, `key_ops`, the key's `alg`,
/// the HMAC key length, and a private key for signing.
pub(crate) fn check_key(key: &Jwk, alg: SigningAlg, op: KeyOp) -> Result<()> {
    let signing = op == KeyOp::Sign;
    key.check_usable(&[op], &alg.into())?;
    match alg.key_family() {
        KeyFamily::Oct => {
            let len = key.oct_secret().map_or(0, |s| s.len());
            if len < alg.hash().output_len() {
                return err(
                    ErrorKind::KeyMismatch,
                    format!(
                        "{alg} needs a key of at least {} bits",
                        alg.hash().output_len() * 8
                    ),
                );
            }
        }
        KeyFamily::Rsa => {
            let Some(rsa) = key.rsa() else {
                return err(ErrorKind::KeyMismatch, format!("{alg} needs an RSA key"));
            };
            if signing && !rsa.is_private() {
                return err(ErrorKind::KeyMismatch, "a public key cannot sign");
            }
        }
        KeyFamily::Ec | KeyFamily::Okp => {
            return err(
                ErrorKind::UnsupportedAlgorithm,
                format!("{alg} is not a JWS algorithm of this key type"),
            );
        }
    }
    Ok(())
}

/// Signs the concatenation of `parts` with `key` (already checked with [`check_key`]).
pub(crate) fn sign_parts(key: &Jwk, alg: SigningAlg, parts: &[&[u8]]) -> Result<Vec<u8>> {
    if let Some(oct) = key.oct_key() {
        return jwa::hmac::sign(alg, oct, parts);
    }
    match key.rsa() {
        Some(rsa) if rsa.is_private() => jwa::rsa::sign::sign_with(alg, rsa, parts),
        _ => err(ErrorKind::KeyMismatch, "this key cannot sign"),
    }
}

/// Verifies a signature over the concatenation of `parts` with `key` (already checked).
pub(crate) fn verify_parts(
    key: &Jwk,
    alg: SigningAlg,
    parts: &[&[u8]],
    signature: &[u8],
) -> Result<()> {
    if let Some(oct) = key.oct_key() {
        return jwa::hmac::verify(alg, oct, parts, signature);
    }
    match key.rsa() {
        Some(rsa) => jwa::rsa::sign::verify_with(alg, rsa, parts, signature),
        None => Err(Error::invalid_signature()),
    }
}

/// The length check done before anything else on a token.
pub(crate) fn check_token_len(len: usize, limits: &Limits) -> Result<()> {
    if len > limits.max_token_len {
        return err(
            ErrorKind::LimitExceeded,
            format!(
                "a token of {len} bytes is over the limit of {}",
                limits.max_token_len
            ),
        );
    }
    Ok(())
}

/// Splits a compact JWS into its three parts without allocating, however many dots the
/// input holds.
pub(crate) fn split_compact(token: &str) -> Result<(&str, &str, &str)> {
    let mut parts = token.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(p), Some(s)) if !s.contains('.') => Ok((h, p, s)),
        _ => err(
            ErrorKind::MalformedToken,
            "a compact JWS has exactly three parts separated by '.'",
        ),
    }
}

/// Reading without verifying.
pub mod dangerous {
    use serde_json::Value;

    use super::{check_token_len, split_compact};
    use crate::error::{ErrorKind, Result, err};
    use crate::header::decode_protected;
    use crate::json;
    use crate::limits::Limits;

    /// The headers of a JWS, **unverified**: anyone can write anything here. Never use
    /// the result to choose keys or algorithms, or to decide anything; it is for display
    /// and debugging (`jwcrypt inspect`).
    ///
    /// For the compact serialization the result is the protected header object. For the
    /// JSON serializations it is `{"signatures": [{"protected": {...}, "header": {...}},
    /// ...]}` with each signature's decoded protected header and unprotected header
    /// (either may be missing).
    ///
    /// ```
    /// let h = jwcrypt::jws::dangerous::decode_unverified_header(
    ///     "eyJhbGciOiJIUzI1NiJ9.e30.c2ln")?;
    /// assert_eq!(h["alg"], "HS256");
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::MalformedToken`] for a token that is not a JWS in either
    /// serialization, [`ErrorKind::InvalidHeader`] for a header that does not decode,
    /// [`ErrorKind::LimitExceeded`] for oversized input.
    pub fn decode_unverified_header(token: &str) -> Result<Value> {
        let limits = Limits::DEFAULT;
        let token = token.trim();
        check_token_len(token.len(), &limits)?;
        if !token.starts_with('{') {
            let (h, _, _) = split_compact(token)?;
            return decode_protected(h, &limits).map(Value::Object);
        }
        let obj = json::parse_object_limited(token.as_bytes(), limits.max_token_len, &limits)
            .map_err(|e| super::verify::malformed(&e))?;
        let entries = super::verify::entries(&obj, &limits)?;
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries {
            let mut o = json::Object::new();
            if let Some(p) = entry.protected {
                o.insert(
                    "protected".into(),
                    Value::Object(decode_protected(p, &limits)?),
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
        let mut result = json::Object::new();
        result.insert("signatures".into(), Value::Array(out));
        Ok(Value::Object(result))
    }
}
