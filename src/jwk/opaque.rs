//! Keys whose secret jwcrypt never holds: [`SigningKey`] signs a JWS signing input,
//! [`DecryptionKey`] recovers a JWE recipient's content encryption key. A hardware token
//! (PKCS#11), a cloud KMS or a test double implements them; [`Jwk`] implements both, so every
//! function that signs takes `&dyn SigningKey` and a `&Jwk` still works there, and
//! `jwk::Keys` holds a decryption key given as an `Arc`.
//!
//! The traits' documentation says what jwcrypt checks around their calls and why they are
//! synchronous.

use std::any::Any;

use zeroize::Zeroizing;

use super::Jwk;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{KeyManagementAlg, SigningAlg};

/// A key that signs JWS signing inputs: a [`Jwk`] with a private part, or a key held
/// elsewhere (an HSM, a cloud KMS) behind a type of the caller's.
///
/// Accepted by `jws::sign_compact`, `jws::sign_compact_detached`, `jws::JsonSigner`,
/// `jwt::signed` and `jwt::sign_claims` (as `&dyn SigningKey`).
/// The guide's "…sign with a key held in an HSM or KMS?" shows an implementation.
///
/// # What jwcrypt does around the calls
/// The key's [`SigningKey::check_alg`] and, for an asymmetric key, the public half's type and
/// curve are checked before the header is written. The returned signature must have the
/// algorithm's length (RSA: the modulus length of the public half; ECDSA: `r || s`, 64, 96
/// or 132 bytes; EdDSA: 64 or 114 bytes; HMAC: the hash length), and a signature of an
/// asymmetric key that is not a `Jwk` is **verified against the public half** before it is
/// handed out: a token that returns garbage or DER, or signs with another key than the one it
/// publishes, is an [`ErrorKind::Crypto`] error rather than a token no one can verify. The
/// cost is one verification per signature, small beside the round trip to a token or a KMS
/// (a `Jwk`'s own signatures are not verified again). An HMAC key held outside has no public
/// half: its signatures are checked for length only.
///
/// Implementations own what they hold (`'static`, through the `Any` supertrait that lets
/// jwcrypt recognise a `Jwk` and keep its in-place signing path) and are `Send + Sync`; a
/// PKCS#11 session pool or a KMS client behind an `Arc` fits.
///
/// # Synchronous by design
/// The traits are called from the synchronous signing and decryption functions. An async
/// form would not be `dyn`-compatible and would double every entry point (`sign_compact`,
/// `jwt::signed`, `Decrypter::decrypt`, `Reader::read`, ...) with an async twin; a caller
/// whose KMS client is async blocks on it in the adapter (the guide shows one over a Tokio
/// runtime handle), from a thread that may block (for instance inside
/// `tokio::task::spawn_blocking`).
pub trait SigningKey: Any + Send + Sync {
    /// The public half, as a verifier would hold it: its type and curve decide which
    /// algorithms fit, it verifies what [`SigningKey::sign`] returns, and it is what a
    /// caller publishes (JWK Set, `jwk` header member, RFC 7638 thumbprint). Called for
    /// every signature: keep it at hand rather than read it from the token each time.
    ///
    /// # Errors
    /// For a symmetric (HMAC) key, which has no public half (its signatures are then checked
    /// for length only).
    fn public_key(&self) -> Result<Jwk>;

    /// Whether this key may sign with `alg`: `Ok(())`, or an error saying why not (the
    /// algorithm or its mechanism is not available, the key's policy forbids it).
    ///
    /// # Errors
    /// Any error refuses the algorithm; it is returned to the caller as is, before anything
    /// is signed.
    fn check_alg(&self, alg: SigningAlg) -> Result<()>;

    /// The key ID written into headers that name none (`kid`). None by default.
    fn kid(&self) -> Option<&str> {
        None
    }

    /// Signs `signing_input` (RFC 7515 §5.1: `BASE64URL(protected header) '.' payload part`)
    /// with `alg` and returns the signature in its JOSE form (RFC 7518 §3): HMAC output;
    /// RSASSA-PKCS1-v1_5 or RSASSA-PSS (MGF1 with the algorithm's hash, salt as long as the
    /// hash) as long as the modulus; for ECDSA the fixed-length `r || s`, each left-padded to
    /// the curve's length (32, 48 or 66 bytes) — a token or KMS that returns DER must be
    /// converted by the implementation; for EdDSA the 64- or 114-byte signature of RFC 8032.
    /// The input is hashed by the implementation (`CKM_SHA256_RSA_PKCS`, or the digest
    /// computed first and handed to `CKM_ECDSA`).
    ///
    /// # Errors
    /// Any failure of the key; it is returned to the caller as is.
    fn sign(&self, alg: SigningAlg, signing_input: &[u8]) -> Result<Vec<u8>>;
}

/// A key that decrypts for a JWE recipient: recovers the content encryption key (CEK) from
/// the JWE Encrypted Key, or agrees on a shared secret with the sender's ephemeral key
/// (ECDH-ES). A [`Jwk`] with a private (or symmetric) part, or a key held elsewhere behind a
/// type of the caller's.
///
/// Given to a decrypter as an `Arc` (`Keys::from(Arc::new(key))`, or directly
/// `Decrypter::new(Arc::new(key), ..)`, `ReaderBuilder::decrypt_with(Arc::new(key), ..)`).
///
/// # What jwcrypt does around the calls
/// The key's [`DecryptionKey::check_alg`] and the public half's type and curve are checked
/// before any decryption; the `epk` of ECDH-ES (exactly the public members of the
/// recipient's key type, on its curve, a valid public key not of small order) before
/// [`DecryptionKey::agree`] sees it; the Concat KDF and the AES key unwrap run after it; the
/// CEK's length is checked. Every failure of [`DecryptionKey::unwrap_key`] or
/// [`DecryptionKey::agree`] becomes the one [`Error::decryption`], whatever the
/// implementation said, so the error is no oracle. `RSA1_5` and `dir` are never used with a
/// key that is not a `Jwk`: RSA1_5's countermeasure (RFC 3218) needs a decryption that never
/// fails observably, which a token's decryption does not promise. Synchronous, `'static`,
/// `Send + Sync`, for the reasons given on [`SigningKey`].
pub trait DecryptionKey: Any + Send + Sync {
    /// The public half: for ECDH-ES its curve is the one the sender's `epk` must be on, and
    /// it is what a sender encrypts to. Called for every decryption: keep it at hand.
    ///
    /// # Errors
    /// For a symmetric (AES key wrap) key, which has no public half.
    fn public_key(&self) -> Result<Jwk>;

    /// Whether this key may decrypt for `alg`: `Ok(())`, or an error saying why not.
    ///
    /// # Errors
    /// Any error refuses the algorithm for this key; the decrypter reports it as it reports
    /// a key that does not fit (no decryption is tried).
    fn check_alg(&self, alg: KeyManagementAlg) -> Result<()>;

    /// The key ID a token's `kid` names. None by default.
    fn kid(&self) -> Option<&str> {
        None
    }

    /// Recovers the CEK from `encrypted_key` with `alg`: RSA-OAEP (SHA-1 and MGF1-SHA-1),
    /// RSA-OAEP-256 (SHA-256 and MGF1-SHA-256), both with an empty label, or the AES key
    /// unwrap of RFC 3394 (`A128KW`, `A192KW`, `A256KW`). jwcrypt checks the CEK's length.
    /// The default refuses every algorithm (a key for ECDH-ES only).
    ///
    /// # Errors
    /// Any failure; it becomes the one decryption error.
    fn unwrap_key(
        &self,
        alg: KeyManagementAlg,
        encrypted_key: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        let _ = encrypted_key;
        Err(Error::new(
            ErrorKind::KeyMismatch,
            format!("this key does not unwrap {alg}"),
        ))
    }

    /// The ECDH shared secret Z of this key and the sender's ephemeral public key, for `alg`
    /// (`ECDH-ES` or `ECDH-ES+A*KW`): `ephemeral` is the SEC1 uncompressed point
    /// (`0x04 || x || y`) on the key's EC curve, or the RFC 7748 public key for X25519 and
    /// X448, already checked to be a valid public key of the key's curve (PKCS#11's
    /// `CKM_ECDH1_DERIVE` takes it as `pPublicData`). Z is the x-coordinate (EC) or the
    /// X25519/X448 output, as long as the curve's field; jwcrypt runs the Concat KDF and the
    /// key unwrap. The default refuses (a key that only unwraps).
    ///
    /// # Errors
    /// Any failure; it becomes the one decryption error.
    fn agree(&self, alg: KeyManagementAlg, ephemeral: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let _ = ephemeral;
        Err(Error::new(
            ErrorKind::KeyMismatch,
            format!("this key does not agree for {alg}"),
        ))
    }
}

/// The `Jwk` behind a signing key, if it is one.
pub(crate) fn signing_jwk(key: &dyn SigningKey) -> Option<&Jwk> {
    let any: &dyn Any = key;
    any.downcast_ref::<Jwk>()
}
