//! JSON Web Signature (RFC 7515) with the algorithms of RFC 7518 §3 (HS*, RS*, PS*, ES256,
//! ES384, ES512), ES256K (RFC 8812), EdDSA (RFC 8037) with the fully specified `Ed25519` and
//! `Ed448` (RFC 9864), and unencoded payloads (RFC 7797).
//!
//! ECDSA signing is deterministic (RFC 6979 nonces derived from the key and the message),
//! and EdDSA is deterministic by design (RFC 8032): no signature depends on a random
//! generator. ECDSA signatures are the fixed-length `r || s` of RFC 7518 §3.4 (64, 96 or
//! 132 bytes); DER, any other length, and r or s of zero or not below the group order are
//! refused. Ed25519 verification is strict (canonical S below L, no small-order keys or R).
//!
//! Signing: [`sign_compact`], [`sign_compact_detached`], and [`JsonSigner`] for the JSON
//! serializations, with a [`Jwk`] or any [`SigningKey`] (a key held in an HSM or KMS). Verifying: a [`Verifier`] holds the keys and the algorithms the caller
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
//!   fit the key (an `oct` key for HS*, an RSA key for RS*/PS*, an EC key on the
//!   algorithm's own curve for ES*, an Ed25519/Ed448 key for EdDSA, Ed25519 only for
//!   `Ed25519`, Ed448 only for `Ed448`; the key's `use`, `key_ops` and `alg` are honoured).
//!   `none` is not an algorithm, and asymmetric keys never serve as HMAC secrets.
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
pub(crate) use verify::entries;
pub use verify::{Verified, Verifier};

use std::borrow::Cow;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::{self, KeyFamily, SigningAlg, SigningCurves};
use crate::jwk::{Jwk, KeyOp, SigningKey, signing_jwk};
use crate::limits::Limits;

/// Checks that `key` may do `op` with `alg`: family, curve, `use`, `key_ops`, the key's
/// `alg`, the HMAC key length, and a private key for signing.
pub(crate) fn check_key(key: &Jwk, alg: SigningAlg, op: KeyOp) -> Result<()> {
    let signing = op == KeyOp::Sign;
    key.check_usable(&[op], &alg.into())?;
    let private = key_fits(key, alg)?;
    if signing && !private {
        return err(ErrorKind::KeyMismatch, "a public key cannot sign");
    }
    Ok(())
}

/// Checks that `key` is of `alg`'s family and curve (and long enough for HMAC), whatever its
/// `use`, `key_ops` and `alg`; returns whether it has a private part.
fn key_fits(key: &Jwk, alg: SigningAlg) -> Result<bool> {
    Ok(match alg.key_family() {
        KeyFamily::Oct => {
            let min = alg.hash().map_or(0, |h| h.output_len());
            let len = key.oct_secret().map_or(0, |s| s.len());
            if len < min {
                return err(
                    ErrorKind::KeyMismatch,
                    format!("{alg} needs a key of at least {} bits", min * 8),
                );
            }
            true
        }
        KeyFamily::Rsa => match key.rsa() {
            Some(rsa) => rsa.is_private(),
            None => return err(ErrorKind::KeyMismatch, format!("{alg} needs an RSA key")),
        },
        KeyFamily::Ec => {
            let Some(ec) = key.ec() else {
                return err(ErrorKind::KeyMismatch, format!("{alg} needs an EC key"));
            };
            if alg.facts().curves != SigningCurves::Ec(ec.curve()) {
                return err(
                    ErrorKind::KeyMismatch,
                    format!(
                        "{alg} needs a {} key, not {}",
                        alg.curves().join(" or "),
                        ec.curve().name()
                    ),
                );
            }
            ec.is_private()
        }
        KeyFamily::Okp => {
            let okp = key.okp();
            let Some((public, private)) = okp.and_then(|k| k.ed()) else {
                let crv = okp.map_or("non-OKP", |k| k.curve().name());
                return err(
                    ErrorKind::KeyMismatch,
                    format!("{alg} needs an Ed25519 or Ed448 key, not {crv}: it cannot sign"),
                );
            };
            if !ed_curve_fits(alg, public.curve()) {
                return err(
                    ErrorKind::KeyMismatch,
                    format!(
                        "{alg} needs an {} key, not {}",
                        alg.curves().join(" or "),
                        public.curve().name()
                    ),
                );
            }
            private.is_some()
        }
    })
}

/// Checks that `key` may sign with `alg`: a [`Jwk`] with [`check_key`]; another key with
/// its own [`SigningKey::check_alg`], then (for an asymmetric algorithm) its public half's
/// type and curve (the key's own check decides what its `use`, `key_ops` and `alg` allow).
pub(crate) fn check_signing_key(key: &dyn SigningKey, alg: SigningAlg) -> Result<()> {
    if let Some(jwk) = signing_jwk(key) {
        return check_key(jwk, alg, KeyOp::Sign);
    }
    key.check_alg(alg)?;
    if alg.key_family() != KeyFamily::Oct {
        key_fits(&key.public_key()?, alg)?;
    }
    Ok(())
}

/// Signs the concatenation of `parts` with `key` (checked with [`check_signing_key`]). A
/// [`Jwk`] signs the parts in place; another key gets them as one signing input, and what it
/// returns must have the algorithm's length and, for an asymmetric algorithm, verify with
/// its public half (a token or KMS returning garbage, DER, or another key's signature is
/// caught here, not by the token's readers).
pub(crate) fn sign_with(key: &dyn SigningKey, alg: SigningAlg, parts: &[&[u8]]) -> Result<Vec<u8>> {
    if let Some(jwk) = signing_jwk(key) {
        return sign_parts(jwk, alg, parts);
    }
    let input: Cow<'_, [u8]> = match parts {
        [one] => Cow::Borrowed(one),
        _ => Cow::Owned(parts.concat()),
    };
    let signature = key.sign(alg, &input)?;
    let public = match alg.key_family() {
        KeyFamily::Oct => None,
        _ => Some(key.public_key()?),
    };
    let expected = match (alg.signature_len(), alg.key_family(), &public) {
        (Some(len), _, _) => Some(len),
        (None, KeyFamily::Rsa, Some(p)) => Some(p.size_bits().div_ceil(8)),
        // EdDSA: twice the encoded public key (64 bytes for Ed25519, 114 for Ed448).
        (None, KeyFamily::Okp, Some(p)) => Some(p.size_bits().div_ceil(8) * 2),
        _ => None,
    };
    if let Some(len) = expected
        && signature.len() != len
    {
        return err(
            ErrorKind::Crypto,
            format!(
                "the signing key returned {} bytes: a {alg} signature is {len} bytes",
                signature.len()
            ),
        );
    }
    if let Some(public) = public
        && verify_parts(&public, alg, &[&input], &signature).is_err()
    {
        return err(
            ErrorKind::Crypto,
            format!("the signing key returned a {alg} signature its public half does not verify"),
        );
    }
    Ok(signature)
}

/// A [`Jwk`] with a private (or symmetric) part signs through the same code as every
/// signing function.
impl SigningKey for Jwk {
    fn public_key(&self) -> Result<Jwk> {
        self.to_public()
    }

    fn check_alg(&self, alg: SigningAlg) -> Result<()> {
        check_key(self, alg, KeyOp::Sign)
    }

    fn kid(&self) -> Option<&str> {
        Jwk::kid(self)
    }

    fn sign(&self, alg: SigningAlg, signing_input: &[u8]) -> Result<Vec<u8>> {
        check_key(self, alg, KeyOp::Sign)?;
        sign_parts(self, alg, &[signing_input])
    }
}

/// Whether the EdDSA algorithm `alg` accepts keys on `curve`.
fn ed_curve_fits(alg: SigningAlg, curve: jwa::eddsa::EdCurve) -> bool {
    matches!(alg.facts().curves, SigningCurves::Ed(cs) if cs.contains(&curve))
}

/// Whether the ECDSA algorithm `alg` needs keys on `curve`.
fn ec_curve_fits(alg: SigningAlg, curve: jwa::ecdsa::Curve) -> bool {
    alg.facts().curves == SigningCurves::Ec(curve)
}

/// Signs the concatenation of `parts` with `key` (already checked with [`check_key`]).
///
/// ECDSA signatures are deterministic (RFC 6979 nonces) and EdDSA ones are deterministic
/// by construction (RFC 8032): no signature depends on the quality of a random generator.
pub(crate) fn sign_parts(key: &Jwk, alg: SigningAlg, parts: &[&[u8]]) -> Result<Vec<u8>> {
    let cannot = || {
        err(
            ErrorKind::KeyMismatch,
            format!("this key cannot sign {alg}"),
        )
    };
    match alg.key_family() {
        KeyFamily::Oct => match key.oct_key() {
            Some(oct) => jwa::hmac::sign(alg, oct, parts),
            None => cannot(),
        },
        KeyFamily::Rsa => match key.rsa() {
            Some(rsa) if rsa.is_private() => jwa::rsa::sign::sign_with(alg, rsa, parts),
            _ => cannot(),
        },
        KeyFamily::Ec => match key.ec().and_then(|k| k.private()) {
            Some(ec) if ec_curve_fits(alg, ec.curve()) => ec.sign(parts),
            _ => cannot(),
        },
        KeyFamily::Okp => match key.okp().and_then(|k| k.ed()) {
            Some((_, Some(ed))) if ed_curve_fits(alg, ed.curve()) => Ok(ed.sign(parts)),
            _ => cannot(),
        },
    }
}

/// Verifies a signature over the concatenation of `parts` with `key` (already checked).
/// A key of another family or curve than `alg`'s never verifies.
pub(crate) fn verify_parts(
    key: &Jwk,
    alg: SigningAlg,
    parts: &[&[u8]],
    signature: &[u8],
) -> Result<()> {
    match alg.key_family() {
        KeyFamily::Oct => match key.oct_key() {
            Some(oct) => jwa::hmac::verify(alg, oct, parts, signature),
            None => Err(Error::invalid_signature()),
        },
        KeyFamily::Rsa => match key.rsa() {
            Some(rsa) => jwa::rsa::sign::verify_with(alg, rsa, parts, signature),
            None => Err(Error::invalid_signature()),
        },
        KeyFamily::Ec => match key.ec() {
            Some(ec) if ec_curve_fits(alg, ec.curve()) => ec.public().verify(parts, signature),
            _ => Err(Error::invalid_signature()),
        },
        KeyFamily::Okp => match key.okp().and_then(|k| k.ed()) {
            Some((ed, _)) if ed_curve_fits(alg, ed.curve()) => ed.verify(parts, signature),
            _ => Err(Error::invalid_signature()),
        },
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
