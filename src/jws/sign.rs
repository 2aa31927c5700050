//! Making JWS: compact and JSON serializations.

use std::borrow::Cow;

use serde_json::Value;

use super::header::{JwsHeader, check_parts};
use super::{check_signing_key, sign_with};
use crate::b64;
use crate::error::{ErrorKind, Result, err};
use crate::json::{self, Object};
use crate::jwa::{KeyFamily, SigningAlg};
use crate::jwk::{SigningKey, signing_jwk};

/// The header to sign with: `header`, plus the key's `kid` when neither header part names
/// one (and the header is not exact JSON text from [`JwsHeader::from_json`]).
fn effective_header<'h>(
    header: &'h JwsHeader,
    unprotected: Option<&Object>,
    key: &dyn SigningKey,
) -> Cow<'h, JwsHeader> {
    match key.kid() {
        Some(kid) if !header.is_raw() => {
            let named =
                header.kid().is_some() || unprotected.is_some_and(|u| u.contains_key("kid"));
            if named {
                Cow::Borrowed(header)
            } else {
                Cow::Owned(header.clone().with_kid(kid))
            }
        }
        _ => Cow::Borrowed(header),
    }
}

/// A signature made: the base64url protected header and the signature.
struct Made {
    protected_b64: String,
    signature_b64: String,
}

/// The payload as it appears in the signing input (base64url, or as is for `b64: false`).
fn payload_part(payload: &[u8], b64: bool) -> Cow<'_, [u8]> {
    if b64 {
        Cow::Owned(b64::encode_public(payload).into_bytes())
    } else {
        Cow::Borrowed(payload)
    }
}

fn make(
    header: &JwsHeader,
    unprotected: Option<&Object>,
    key: &dyn SigningKey,
    payload_part: &[u8],
) -> Result<Made> {
    let alg = header.alg();
    check_signing_key(key, alg)?;
    check_parts(header.object(), unprotected)?;
    let protected_b64 = b64::encode_public(&header.protected_bytes()?);
    let signature = sign_with(key, alg, &[protected_b64.as_bytes(), b".", payload_part])?;
    Ok(Made {
        protected_b64,
        signature_b64: b64::encode_public(&signature),
    })
}

/// An unencoded payload that goes into a token must be text, and (compact) free of '.'.
fn unencoded_text(payload: &[u8], compact: bool) -> Result<&str> {
    let Ok(text) = std::str::from_utf8(payload) else {
        return err(
            ErrorKind::InvalidArgument,
            "an unencoded (b64: false) payload must be UTF-8 text to be carried in the JWS",
        );
    };
    if compact && text.contains('.') {
        return err(
            ErrorKind::InvalidArgument,
            "an unencoded (b64: false) compact payload cannot contain '.' (RFC 7797 §5.2): \
             use the detached form",
        );
    }
    Ok(text)
}

/// Signs `payload` and returns the compact serialization `header.payload.signature`.
///
/// `key` is a [`crate::Jwk`] with a private (or symmetric) part, or any [`SigningKey`] (a key held
/// in an HSM or KMS). A header without `kid` gets the key's `kid` (if the key has one). With `b64: false` ([`JwsHeader::unencoded_payload`]) the
/// payload is carried as is, so it must be UTF-8 without '.'.
///
/// ```
/// use jwcrypt::{Jwk, SigningAlg, jws::{self, JwsHeader}};
/// let key = Jwk::generate_for(SigningAlg::HS512)?;
/// let token = jws::sign_compact(b"{}", &JwsHeader::new(SigningAlg::HS512).with_typ("JWT"), &key)?;
/// assert_eq!(token.split('.').count(), 3);
/// # Ok::<(), jwcrypt::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] if the key does not fit the algorithm or may not sign
/// (type, curve — ES256 needs P-256, ES384 P-384, ES512 P-521, ES256K secp256k1, EdDSA an
/// Ed25519 or Ed448 key, `Ed25519`/`Ed448` that curve only —, `use`, `key_ops`, `alg`, HMAC
/// key length, a public key);
/// [`ErrorKind::UnsupportedCritical`] / [`ErrorKind::InvalidHeader`] for a header that
/// breaks the `crit` rules; [`ErrorKind::InvalidArgument`] for an unencoded payload that
/// cannot be carried; [`ErrorKind::Crypto`] if the RSA or ECDSA operation fails, or if a
/// [`SigningKey`] that is not a `Jwk` returns a signature of the wrong length or one its
/// public half does not verify; the errors of such a key's own
/// [`SigningKey::check_alg`] and [`SigningKey::sign`].
///
/// ECDSA signatures are deterministic (RFC 6979) and EdDSA ones by construction (RFC 8032).
pub fn sign_compact(payload: &[u8], header: &JwsHeader, key: &dyn SigningKey) -> Result<String> {
    let header = effective_header(header, None, key);
    let alg = header.alg();
    // The key is checked before the header, as by every signing path.
    check_signing_key(key, alg)?;
    check_parts(header.object(), None)?;
    let protected = header.protected_bytes()?;
    if header.b64() {
        sign_compact_protected(&protected, alg, key, Some(payload), payload)
    } else {
        let text = unencoded_text(payload, true)?;
        sign_compact_protected(&protected, alg, key, None, text.as_bytes())
    }
}

/// The one compact signing path: `protected` is the protected header's JSON text, and the
/// key was checked for `alg` with [`check_signing_key`] (by [`sign_compact`] from a [`JwsHeader`],
/// or by `jwt::signed`, which writes its header directly). The signing input `BASE64URL(header) '.' payload-part` is the
/// start of the token itself, so it is signed in place, in one buffer. `encode` holds the
/// payload to base64url-encode (`b64: true`), else `part` is the payload part as is
/// (`b64: false`, or empty for detached content).
pub(crate) fn sign_compact_protected(
    protected: &[u8],
    alg: SigningAlg,
    key: &dyn SigningKey,
    encode: Option<&[u8]>,
    part: &[u8],
) -> Result<String> {
    let signature_len = match (alg.signature_len(), alg.key_family()) {
        (Some(len), _) => len,
        (None, KeyFamily::Rsa) => signing_jwk(key).map_or(512, |k| k.size_bits().div_ceil(8)),
        // EdDSA: room for the larger (Ed448: 114 bytes).
        (None, _) => 114,
    };
    let payload_len = encode.map_or(part.len(), |p| b64::encoded_len(p.len()));
    let mut out = Vec::with_capacity(
        b64::encoded_len(protected.len()) + payload_len + b64::encoded_len(signature_len) + 2,
    );
    b64::encode_public_into(protected, &mut out);
    out.push(b'.');
    match encode {
        Some(payload) => b64::encode_public_into(payload, &mut out),
        None => out.extend_from_slice(part),
    }
    let signature = sign_with(key, alg, &[&out])?;
    out.push(b'.');
    b64::encode_public_into(&signature, &mut out);
    String::from_utf8(out).map_err(|_| crate::Error::new(ErrorKind::InvalidArgument, "non-UTF-8"))
}

/// Signs `payload` and returns the compact serialization with detached content,
/// `header..signature` (RFC 7515 Appendix F). The verifier needs the payload separately
/// ([`super::Verifier::verify_compact_detached`]).
///
/// # Errors
/// As [`sign_compact`] (an unencoded payload may hold any bytes here).
pub fn sign_compact_detached(
    payload: &[u8],
    header: &JwsHeader,
    key: &dyn SigningKey,
) -> Result<String> {
    let header = effective_header(header, None, key);
    let part = payload_part(payload, header.b64());
    let made = make(&header, None, key, &part)?;
    Ok(format!("{}..{}", made.protected_b64, made.signature_b64))
}

struct Entry<'a> {
    header: JwsHeader,
    unprotected: Option<Object>,
    key: &'a dyn SigningKey,
}

/// Makes the JSON serializations (RFC 7515 §7.2): flattened (one signature) or general
/// (one or more).
///
/// ```
/// use jwcrypt::{Jwk, SigningAlg, jws::{JsonSigner, JwsHeader, Verifier}};
/// let key = Jwk::generate_for(SigningAlg::HS256)?;
/// let mut unprotected = serde_json::Map::new();
/// unprotected.insert("kid".into(), "k1".into());
/// let json = JsonSigner::new()
///     .add_signature(&JwsHeader::new(SigningAlg::HS256), Some(unprotected), &key)
///     .sign_flattened(b"payload")?;
/// let verified = Verifier::new(&key, &[SigningAlg::HS256])?.verify(&json)?;
/// assert_eq!(verified.header().kid(), Some("k1"));
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Default)]
pub struct JsonSigner<'a> {
    entries: Vec<Entry<'a>>,
    detached: bool,
}

impl<'a> JsonSigner<'a> {
    /// A signer with no signatures yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a signature: its protected header (which holds `alg`), an optional unprotected
    /// header (which may not hold `alg`, `b64` or `crit`), and the key (a [`crate::Jwk`] or
    /// any [`SigningKey`]).
    #[must_use]
    pub fn add_signature(
        mut self,
        header: &JwsHeader,
        unprotected: Option<serde_json::Map<String, Value>>,
        key: &'a dyn SigningKey,
    ) -> Self {
        self.entries.push(Entry {
            header: header.clone(),
            unprotected,
            key,
        });
        self
    }

    /// Leaves the payload out of the output (detached content, RFC 7515 Appendix F).
    #[must_use]
    pub fn detached(mut self) -> Self {
        self.detached = true;
        self
    }

    /// Signs and returns the flattened JSON serialization.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] unless exactly one signature was added; otherwise as
    /// [`JsonSigner::sign_general`].
    pub fn sign_flattened(&self, payload: &[u8]) -> Result<String> {
        if self.entries.len() != 1 {
            return err(
                ErrorKind::InvalidArgument,
                "the flattened JSON serialization has exactly one signature",
            );
        }
        let (payload_value, mut sigs) = self.sign_all(payload)?;
        let mut out = Object::new();
        if let Some(p) = payload_value {
            out.insert("payload".into(), p);
        }
        if let Some(Value::Object(sig)) = sigs.pop() {
            out.extend(sig);
        }
        json::object_to_string(&out, json::Order::Serialization)
    }

    /// Signs and returns the general JSON serialization.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] without signatures, when the signatures disagree on
    /// `b64`, or for an unencoded payload that is not UTF-8; the errors of
    /// [`super::sign_compact`] for each signature; [`ErrorKind::InvalidHeader`] when an
    /// unprotected header holds `alg`, `b64` or `crit` or repeats a protected member.
    pub fn sign_general(&self, payload: &[u8]) -> Result<String> {
        let (payload_value, sigs) = self.sign_all(payload)?;
        let mut out = Object::new();
        if let Some(p) = payload_value {
            out.insert("payload".into(), p);
        }
        out.insert("signatures".into(), Value::Array(sigs));
        json::object_to_string(&out, json::Order::Serialization)
    }

    fn sign_all(&self, payload: &[u8]) -> Result<(Option<Value>, Vec<Value>)> {
        let Some(first) = self.entries.first() else {
            return err(ErrorKind::InvalidArgument, "no signature was added");
        };
        let b64 = first.header.b64();
        if self.entries.iter().any(|e| e.header.b64() != b64) {
            return err(
                ErrorKind::InvalidArgument,
                "every signature must have the same \"b64\" (RFC 7797 §3)",
            );
        }
        let (part, payload_value) = if b64 {
            let text = b64::encode_public(payload);
            (Cow::Owned(text.clone().into_bytes()), Value::String(text))
        } else {
            let text = unencoded_text(payload, false)?;
            (
                Cow::Borrowed(text.as_bytes()),
                Value::String(text.to_owned()),
            )
        };
        let mut sigs = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let unprotected = entry.unprotected.as_ref();
            let header = effective_header(&entry.header, unprotected, entry.key);
            let made = make(&header, unprotected, entry.key, &part)?;
            let mut sig = Object::new();
            sig.insert("protected".into(), Value::String(made.protected_b64));
            if let Some(u) = unprotected {
                sig.insert("header".into(), Value::Object(u.clone()));
            }
            sig.insert("signature".into(), Value::String(made.signature_b64));
            sigs.push(Value::Object(sig));
        }
        Ok(((!self.detached).then_some(payload_value), sigs))
    }
}
