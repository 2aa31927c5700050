//! Verifying JWS: compact and JSON serializations.

use std::borrow::Cow;

use serde_json::Value;

use super::header::{JwsHeader, check_parts};
use super::{check_key, check_token_len, split_compact, verify_parts};
use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::header::decode_protected;
use crate::json::{self, Object};
use crate::jwa::{Algorithm, SigningAlg};
use crate::jwk::{self, KeyOp};
use crate::limits::Limits;
use crate::policy::Policy;

/// Verifies JWS with the keys and algorithms the caller accepts.
///
/// The token's `alg` (protected header only) must be one of the allowed algorithms and
/// must fit the key: the header never picks the key type. With a JWK Set, the token's
/// `kid` selects the keys to try (a token without `kid` tries every key that fits); two
/// keys with the token's `kid` that both fit make the token ambiguous, and it is refused.
///
/// ```
/// use jwcrypt::{Jwk, SigningAlg, ErrorKind, jws::{self, JwsHeader, Verifier}};
/// let key = Jwk::generate_for(SigningAlg::HS384)?;
/// let token = jws::sign_compact(b"hi", &JwsHeader::new(SigningAlg::HS384), &key)?;
/// // The key's own alg decides.
/// assert_eq!(Verifier::for_key_algs(&key)?.verify_compact(&token)?.payload(), b"hi");
/// // An algorithm the caller did not allow is refused.
/// let e = Verifier::new(&key, &[SigningAlg::HS256])?.verify_compact(&token).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed);
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Verifier {
    keys: jwk::Keys,
    algs: Vec<SigningAlg>,
    /// Each key only with its own `alg` ([`Verifier::for_key_algs`]).
    own_algs: bool,
    limits: Limits,
}

/// A verified JWS: the header of the signature that verified and the payload.
#[derive(Clone, Debug)]
pub struct Verified {
    header: JwsHeader,
    /// The protected members, when they differ from the header's (an unprotected header
    /// was joined in); `None` when the header is the protected header.
    protected: Option<Object>,
    payload: Vec<u8>,
    signature_index: usize,
    key_index: usize,
    key_kid: Option<String>,
}

impl Verified {
    /// The header of the signature that verified: its protected and unprotected members
    /// together. Members such as `jwk`, `x5c` or `jku` are what the sender wrote: they
    /// played no part in the verification.
    pub fn header(&self) -> &JwsHeader {
        &self.header
    }

    /// The integrity-protected header members only.
    pub fn protected_header(&self) -> &serde_json::Map<String, Value> {
        self.protected.as_ref().unwrap_or(self.header.object())
    }

    /// The algorithm that verified.
    pub fn alg(&self) -> SigningAlg {
        self.header.alg()
    }

    /// The payload.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The payload, by value (for the JWT reader; callers use [`Verified::payload`]).
    pub(crate) fn into_payload(self) -> Vec<u8> {
        self.payload
    }

    /// The header, by value (for the JWT reader; callers use [`Verified::header`]).
    pub(crate) fn into_header(self) -> JwsHeader {
        self.header
    }

    /// Which signature verified (0 for the compact and flattened serializations).
    pub fn signature_index(&self) -> usize {
        self.signature_index
    }

    /// Which key verified: its index in the JWK Set (0 for a single key).
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// The `kid` of the key that verified, if it has one.
    pub fn key_kid(&self) -> Option<&str> {
        self.key_kid.as_deref()
    }
}

/// One signature of a JSON JWS, as found.
pub(crate) struct Entry<'t> {
    pub(crate) protected: Option<&'t str>,
    pub(crate) unprotected: Option<&'t Object>,
    pub(crate) signature: &'t str,
}

pub(crate) fn malformed(e: &Error) -> Error {
    if e.kind() == ErrorKind::LimitExceeded {
        Error::new(e.kind(), e.message().to_owned())
    } else {
        Error::new(
            ErrorKind::MalformedToken,
            format!("JWS JSON serialization: {}", e.message()),
        )
    }
}

fn entry_of<'t>(obj: &'t Object, what: &str) -> Result<Entry<'t>> {
    let protected = match obj.get("protected") {
        None => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => {
            return err(
                ErrorKind::MalformedToken,
                format!("{what}: \"protected\" must be a string"),
            );
        }
    };
    let unprotected = match obj.get("header") {
        None => None,
        Some(Value::Object(o)) => Some(o),
        Some(_) => {
            return err(
                ErrorKind::MalformedToken,
                format!("{what}: \"header\" must be an object"),
            );
        }
    };
    let signature = match obj.get("signature") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => {
            return err(
                ErrorKind::MalformedToken,
                format!("{what}: \"signature\" must be a string"),
            );
        }
        None => {
            return err(
                ErrorKind::MalformedToken,
                format!("{what}: \"signature\" is missing"),
            );
        }
    };
    Ok(Entry {
        protected,
        unprotected,
        signature,
    })
}

/// The signatures of a JSON JWS, general or flattened.
pub(crate) fn entries<'t>(obj: &'t Object, limits: &Limits) -> Result<Vec<Entry<'t>>> {
    match obj.get("signatures") {
        Some(Value::Array(items)) => {
            if ["protected", "header", "signature"]
                .iter()
                .any(|m| obj.contains_key(*m))
            {
                return err(
                    ErrorKind::MalformedToken,
                    "a JWS cannot be both general (\"signatures\") and flattened",
                );
            }
            if items.is_empty() {
                return err(ErrorKind::MalformedToken, "\"signatures\" is empty");
            }
            if items.len() > limits.max_signatures {
                return err(
                    ErrorKind::LimitExceeded,
                    format!(
                        "{} signatures are over the limit of {}",
                        items.len(),
                        limits.max_signatures
                    ),
                );
            }
            items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::Object(o) => entry_of(o, &format!("signature {i}")),
                    _ => err(
                        ErrorKind::MalformedToken,
                        format!("signature {i} is not an object"),
                    ),
                })
                .collect()
        }
        Some(_) => err(ErrorKind::MalformedToken, "\"signatures\" must be an array"),
        None => Ok(vec![entry_of(obj, "the JWS")?]),
    }
}

/// What the payload part of the signing input is made from.
enum Payload<'t> {
    /// The payload part as it appears in a token (base64url, or as is for `b64: false`).
    Embedded(&'t str),
    /// Detached content, given by the caller.
    Detached(&'t [u8]),
}

impl Payload<'_> {
    /// The bytes after the '.' in the signing input, and the payload itself.
    fn resolve(&self, b64: bool) -> Result<(Cow<'_, [u8]>, Vec<u8>)> {
        match (self, b64) {
            (Payload::Embedded(text), true) => {
                let payload = b64::decode_public(text).map_err(|_| {
                    Error::new(ErrorKind::MalformedToken, "the payload is not base64url")
                })?;
                Ok((Cow::Borrowed(text.as_bytes()), payload))
            }
            (Payload::Embedded(text), false) => {
                Ok((Cow::Borrowed(text.as_bytes()), text.as_bytes().to_vec()))
            }
            (Payload::Detached(bytes), true) => Ok((
                Cow::Owned(b64::encode_public(bytes).into_bytes()),
                bytes.to_vec(),
            )),
            (Payload::Detached(bytes), false) => Ok((Cow::Borrowed(bytes), bytes.to_vec())),
        }
    }
}

/// A signature whose headers passed every check.
struct Checked {
    /// As [`Verified::protected`].
    protected: Option<Object>,
    header: JwsHeader,
}

fn check_headers(protected: Object, unprotected: Option<&Object>) -> Result<Checked> {
    match check_parts(&protected, unprotected)? {
        Some(joined) => Ok(Checked {
            header: JwsHeader::from_object(joined)?,
            protected: Some(protected),
        }),
        None => Ok(Checked {
            header: JwsHeader::from_object(protected)?,
            protected: None,
        }),
    }
}

/// The `b64` value of a decoded protected header, for the all-signatures-agree rule.
fn b64_value(protected: &Object) -> Value {
    protected.get("b64").cloned().unwrap_or(Value::Bool(true))
}

impl Verifier {
    /// A verifier that accepts `algs` with `keys` (a [`crate::Jwk`] or a [`crate::JwkSet`]).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] if `algs` is empty: the caller must say what it
    /// accepts.
    pub fn new(keys: impl Into<jwk::Keys>, algs: &[SigningAlg]) -> Result<Self> {
        if algs.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "no algorithm allowed: name the algorithms to accept",
            );
        }
        Ok(Self {
            keys: keys.into(),
            algs: algs.to_vec(),
            own_algs: false,
            limits: Limits::DEFAULT,
        })
    }

    /// A verifier that uses each key only with its own `alg` (RFC 7517 §4.4): the
    /// algorithms accepted are those the keys name, and a key without a JWS `alg` is never
    /// used.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] if no key has a JWS `alg`.
    pub fn for_key_algs(keys: impl Into<jwk::Keys>) -> Result<Self> {
        let keys = keys.into();
        let mut algs = Vec::new();
        for key in keys.as_slice() {
            if let Some(Algorithm::Signing(alg)) = key.alg()
                && !algs.contains(alg)
            {
                algs.push(*alg);
            }
        }
        if algs.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "no key has a JWS \"alg\": name the algorithms to accept",
            );
        }
        Ok(Self {
            keys,
            algs,
            own_algs: true,
            limits: Limits::DEFAULT,
        })
    }

    /// A verifier trying `keys` with the signing algorithms and limits of `policy`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] if the policy allows no signing algorithm (the
    /// default).
    pub fn from_policy(keys: impl Into<jwk::Keys>, policy: &Policy) -> Result<Self> {
        if policy.signing_algs.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "the policy allows no signing algorithm: name the algorithms to accept",
            );
        }
        Ok(Self::new(keys, &policy.signing_algs)?.with_limits(policy.limits.clone()))
    }

    /// Replaces the default [`Limits`].
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The algorithms accepted.
    pub fn algs(&self) -> &[SigningAlg] {
        &self.algs
    }

    /// Verifies a JWS in either serialization: JSON if it starts with `{` (after
    /// surrounding white space), compact otherwise.
    ///
    /// # Errors
    /// As [`Verifier::verify_compact`] and [`Verifier::verify_json`].
    pub fn verify(&self, token: &str) -> Result<Verified> {
        check_token_len(token.len(), &self.limits)?;
        let token = token.trim();
        if token.starts_with('{') {
            self.verify_json(token)
        } else {
            self.verify_compact(token)
        }
    }

    /// Verifies a compact JWS (`header.payload.signature`).
    ///
    /// # Errors
    /// [`ErrorKind::LimitExceeded`] for an oversized token or header;
    /// [`ErrorKind::MalformedToken`] for a bad structure or base64url;
    /// [`ErrorKind::InvalidHeader`], [`ErrorKind::UnsupportedCritical`],
    /// [`ErrorKind::UnsupportedAlgorithm`] for header problems;
    /// [`ErrorKind::AlgorithmNotAllowed`] for an algorithm the caller did not allow;
    /// [`ErrorKind::KeyMismatch`] / [`ErrorKind::KeyNotFound`] when no key fits;
    /// [`ErrorKind::InvalidSignature`] when no fitting key verifies the signature.
    pub fn verify_compact(&self, token: &str) -> Result<Verified> {
        check_token_len(token.len(), &self.limits)?;
        let (h, p, s) = split_compact(token)?;
        self.verify_single(h, None, Payload::Embedded(p), s)
    }

    /// Verifies a compact JWS with detached content (`header..signature`) against
    /// `payload`.
    ///
    /// # Errors
    /// As [`Verifier::verify_compact`]; [`ErrorKind::MalformedToken`] if the token
    /// carries a payload.
    pub fn verify_compact_detached(&self, token: &str, payload: &[u8]) -> Result<Verified> {
        check_token_len(token.len(), &self.limits)?;
        let (h, p, s) = split_compact(token)?;
        if !p.is_empty() {
            return err(
                ErrorKind::MalformedToken,
                "a JWS with detached content has an empty payload part",
            );
        }
        self.verify_single(h, None, Payload::Detached(payload), s)
    }

    /// Verifies a JWS in the general or flattened JSON serialization. With several
    /// signatures, the first one that verifies with an allowed algorithm and a fitting
    /// key wins; signatures with other algorithms are passed over.
    ///
    /// # Errors
    /// As [`Verifier::verify_compact`]; [`ErrorKind::MalformedToken`] for missing or
    /// wrong-typed members, or both `signatures` and a top-level `signature`;
    /// [`ErrorKind::LimitExceeded`] for too many signatures; [`ErrorKind::InvalidHeader`]
    /// when the signatures disagree on `b64`.
    pub fn verify_json(&self, text: &str) -> Result<Verified> {
        self.verify_json_inner(text, None)
    }

    /// Verifies a JSON-serialized JWS with detached content (no `payload` member)
    /// against `payload`.
    ///
    /// # Errors
    /// As [`Verifier::verify_json`]; [`ErrorKind::MalformedToken`] if the JWS carries a
    /// payload.
    pub fn verify_json_detached(&self, text: &str, payload: &[u8]) -> Result<Verified> {
        self.verify_json_inner(text, Some(payload))
    }

    fn verify_json_inner(&self, text: &str, detached: Option<&[u8]>) -> Result<Verified> {
        check_token_len(text.len(), &self.limits)?;
        let obj =
            json::parse_object_limited(text.as_bytes(), self.limits.max_token_len, &self.limits)
                .map_err(|e| malformed(&e))?;
        let payload = match (obj.get("payload"), detached) {
            (Some(Value::String(p)), None) => Payload::Embedded(p),
            (None, Some(bytes)) => Payload::Detached(bytes),
            (Some(Value::String(_)), Some(_)) => {
                return err(
                    ErrorKind::MalformedToken,
                    "the JWS carries a payload: it is not detached",
                );
            }
            (None, None) => {
                return err(
                    ErrorKind::MalformedToken,
                    "the JWS has no \"payload\" (detached content needs the payload)",
                );
            }
            (Some(_), _) => {
                return err(ErrorKind::MalformedToken, "\"payload\" must be a string");
            }
        };
        let entries = entries(&obj, &self.limits)?;
        // Decode every protected header first: `b64` must agree across signatures
        // (RFC 7797 §3) before the payload is interpreted.
        let mut decoded: Vec<Result<Object>> = Vec::with_capacity(entries.len());
        let mut b64: Option<Value> = None;
        for entry in &entries {
            if entry.unprotected.is_some_and(|u| u.contains_key("b64")) {
                return err(
                    ErrorKind::InvalidHeader,
                    "\"b64\" must be in the protected header",
                );
            }
            let protected = match entry.protected {
                Some(p) => decode_protected(p, &self.limits),
                None => err(
                    ErrorKind::InvalidHeader,
                    "\"alg\" must be in the protected header",
                ),
            };
            if let Ok(p) = &protected {
                let v = b64_value(p);
                match &b64 {
                    Some(seen) if *seen != v => {
                        return err(
                            ErrorKind::InvalidHeader,
                            "the signatures disagree on \"b64\" (RFC 7797 §3)",
                        );
                    }
                    _ => b64 = Some(v),
                }
            }
            decoded.push(protected);
        }
        let b64 = !matches!(b64, Some(Value::Bool(false)));
        let (part, payload_bytes) = payload.resolve(b64)?;
        let mut best: Option<Error> = None;
        for (index, (entry, protected)) in entries.iter().zip(decoded).enumerate() {
            let attempt = protected
                .and_then(|p| check_headers(p, entry.unprotected))
                .and_then(|checked| {
                    self.verify_checked_with(
                        checked,
                        entry.protected.unwrap_or_default(),
                        &part,
                        entry.signature,
                    )
                });
            match attempt {
                Ok((checked, key_index, key_kid)) => {
                    return Ok(Verified {
                        header: checked.header,
                        protected: checked.protected,
                        payload: payload_bytes,
                        signature_index: index,
                        key_index,
                        key_kid,
                    });
                }
                Err(e) => {
                    // Report a failed signature check over any other reason.
                    let replace = match &best {
                        None => true,
                        Some(b) => {
                            e.kind() == ErrorKind::InvalidSignature
                                && b.kind() != ErrorKind::InvalidSignature
                        }
                    };
                    if replace {
                        best = Some(e);
                    }
                }
            }
        }
        Err(best.unwrap_or_else(Error::invalid_signature))
    }

    fn verify_single(
        &self,
        protected_b64: &str,
        unprotected: Option<&Object>,
        payload: Payload<'_>,
        signature_b64: &str,
    ) -> Result<Verified> {
        let protected = decode_protected(protected_b64, &self.limits)?;
        let checked = check_headers(protected, unprotected)?;
        let (part, payload_bytes) = payload.resolve(checked.header.b64())?;
        let (checked, key_index, key_kid) =
            self.verify_checked_with(checked, protected_b64, &part, signature_b64)?;
        Ok(Verified {
            header: checked.header,
            protected: checked.protected,
            payload: payload_bytes,
            signature_index: 0,
            key_index,
            key_kid,
        })
    }

    /// Checks the algorithm, picks the keys and verifies the signature.
    fn verify_checked_with(
        &self,
        checked: Checked,
        protected_b64: &str,
        part: &[u8],
        signature_b64: &str,
    ) -> Result<(Checked, usize, Option<String>)> {
        let alg = checked.header.alg();
        if !self.algs.contains(&alg) {
            return err(
                ErrorKind::AlgorithmNotAllowed,
                format!("the algorithm {alg} is not allowed"),
            );
        }
        let signature = b64::decode_public(signature_b64)
            .map_err(|_| Error::new(ErrorKind::MalformedToken, "the signature is not base64url"))?;
        let parts: [&[u8]; 3] = [protected_b64.as_bytes(), b".", part];
        let kid = checked.header.kid();
        let candidates = self.keys.select(kid, &alg, |key| {
            if self.own_algs && key.alg() != Some(&Algorithm::Signing(alg)) {
                return err(
                    ErrorKind::KeyMismatch,
                    format!("the key is not for {alg}: its own \"alg\" decides"),
                );
            }
            check_key(key, alg, KeyOp::Verify)
        })?;
        for (i, key) in candidates.iter() {
            if verify_parts(key, alg, &parts, &signature).is_ok() {
                let key_kid = key.kid().map(str::to_owned);
                return Ok((checked, i, key_kid));
            }
        }
        Err(Error::invalid_signature())
    }
}
