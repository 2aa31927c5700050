//! JSON Web Tokens (RFC 7519): claims, validation, and signed, encrypted and nested tokens.
//!
//! Making a token is one call; reading one is one call on a [`Reader`] that states what it
//! expects. A reader configured only to verify accepts only signed JWTs (a JWE is refused
//! with [`ErrorKind::UnexpectedTokenType`], CVE-2022-3102); one configured to decrypt and
//! verify accepts only nested tokens (`cty: "JWT"`) and always verifies the inner signature;
//! one configured only to decrypt accepts only encrypted JWTs whose payload is the claims,
//! and refuses a nested token rather than hand out unverified claims.
//!
//! ```
//! use std::time::Duration;
//! use jwcrypt::{Jwk, SigningAlg, KeyManagementAlg, ContentEncryptionAlg};
//! use jwcrypt::jwt::{self, Claims, Reader, Validation};
//!
//! let sig_key = Jwk::generate_for(SigningAlg::HS256)?;
//! let enc_key = Jwk::generate_for(KeyManagementAlg::A256KW)?;
//! let claims = Claims::new().issuer("auth.example").subject("alice")
//!     .issued_now().expires_in(Duration::from_secs(600)).claim("role", "guest");
//!
//! let token = jwt::signed(&claims, &sig_key, SigningAlg::HS256)?
//!     .encrypt(&enc_key, KeyManagementAlg::A256KW, ContentEncryptionAlg::A256CbcHs512)?;
//!
//! let reader = Reader::builder(Validation::new().issuer("auth.example"))
//!     .decrypt_with(&enc_key, &[KeyManagementAlg::A256KW], &[ContentEncryptionAlg::A256CbcHs512])
//!     .verify_with(&sig_key, &[SigningAlg::HS256])
//!     .build()?; // once; then share it (Clone + Send + Sync)
//! let back = reader.read(&token)?;
//! assert_eq!(back.sub(), Some("alice"));
//! # Ok::<(), jwcrypt::Error>(())
//! ```

mod claims;
mod clock;
mod reader;
mod validation;
#[cfg(test)]
mod wycheproof_tests;

pub use claims::Claims;
pub use clock::{Clock, FixedClock, SystemClock};
pub use validation::Validation;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::{ContentEncryptionAlg, KeyManagementAlg, SigningAlg};
use crate::jwe::Encrypter;
use crate::jwk::{Jwk, SigningKey};
use crate::jws::{self, JwsHeader};

/// A signed JWT (JWS compact serialization), ready to send or to encrypt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedJwt(String);

impl SignedJwt {
    /// The token text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The token text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Encrypts this signed JWT into a nested JWT (RFC 7519 §5.2: `cty: "JWT"`).
    ///
    /// # Errors
    /// As [`Encrypter::new`] and [`Encrypter::encrypt_compact`].
    pub fn encrypt(
        &self,
        key: &Jwk,
        alg: KeyManagementAlg,
        enc: ContentEncryptionAlg,
    ) -> Result<String> {
        Encrypter::new(key, alg, enc)?
            .with_cty("JWT")
            .encrypt_compact(self.0.as_bytes())
    }
}

impl std::fmt::Display for SignedJwt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Signs `claims` into a JWT with header `{"alg": alg, "typ": "JWT"}` (and the key's `kid`).
/// `key` is a [`Jwk`] or any [`SigningKey`] (a key held in an HSM or KMS).
///
/// # Errors
/// [`ErrorKind::InvalidClaim`] if a registered claim was given a value of the wrong type
/// (with [`Claims::claim`]); otherwise as [`jws::sign_compact`].
pub fn signed(claims: &Claims, key: &dyn SigningKey, alg: SigningAlg) -> Result<SignedJwt> {
    let payload = claims.to_checked_json()?;
    jws::check_signing_key(key, alg)?;
    // The bytes `JwsHeader::new(alg).with_typ("JWT")` (plus the key's `kid`) serializes to,
    // written directly: every JWT signed takes this path.
    let mut protected = Vec::with_capacity(48);
    protected.push(b'{');
    // In the order of `json::Order::Header`.
    crate::json::write_member(&mut protected, "alg", alg.name())?;
    if let Some(kid) = key.kid() {
        crate::json::write_member(&mut protected, "kid", kid)?;
    }
    crate::json::write_member(&mut protected, "typ", "JWT")?;
    protected.push(b'}');
    let payload = payload.as_bytes();
    jws::sign_compact_protected(&protected, alg, key, Some(payload), payload).map(SignedJwt)
}

/// Signs `claims` (a [`Claims`], or claims of your own type, serialized by serde straight to
/// the payload) with the header members of `header`: its `alg`, and `typ` (for example
/// `at+jwt`, RFC 9068), `kid` or any other member. The key's `kid` is added when `header`
/// names none; no `typ` is added. [`signed`] is the common case of this (`typ` `JWT`).
///
/// The registered claims are checked as a reader checks them (`exp`, `nbf`, `iat`
/// NumericDates; `iss`, `sub`, `jti` strings; `aud` a string or strings), so a token that no
/// reader would accept is never signed. See [`Reader::read_as`] for the way back.
///
/// ```
/// use jwcrypt::{Jwk, SigningAlg, jws::JwsHeader};
/// use jwcrypt::jwt::{self, Claims, Reader, Validation};
/// let key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("2026-12");
/// let claims = Claims::new().subject("alice").expires_at(4_102_444_800);
/// let token = jwt::sign_claims(&claims, &key, &JwsHeader::new(SigningAlg::HS256).with_typ("at+jwt"))?;
/// let read = Reader::builder(Validation::new().typ("at+jwt"))
///     .verify_with(&key, &[SigningAlg::HS256]).build()?.read_token(token.as_str())?;
/// assert_eq!(read.jws_header().and_then(|h| h.kid()), Some("2026-12"));
/// # Ok::<(), jwcrypt::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::InvalidClaim`] if `claims` does not serialize to a JSON object with
/// well-typed registered claims; [`ErrorKind::MalformedToken`] for a header with `b64` false
/// (a JWT's payload is base64url-encoded); otherwise as [`jws::sign_compact`].
pub fn sign_claims<T: serde::Serialize + ?Sized>(
    claims: &T,
    key: &dyn SigningKey,
    header: &JwsHeader,
) -> Result<SignedJwt> {
    let payload = serde_json::to_vec(claims)
        .map_err(|e| Error::new(ErrorKind::InvalidClaim, e.to_string()))?;
    Claims::from_json(&payload).map_err(|e| match e.kind() {
        ErrorKind::Json => Error::new(ErrorKind::InvalidClaim, e.message().to_owned()),
        _ => e,
    })?;
    sign_payload(&payload, key, header)
}

fn sign_payload(payload: &[u8], key: &dyn SigningKey, header: &JwsHeader) -> Result<SignedJwt> {
    if !header.b64() {
        return err(
            ErrorKind::MalformedToken,
            "a JWT's payload is base64url-encoded (b64 false is not a JWT)",
        );
    }
    let with_kid;
    let header = match (header.kid(), key.kid()) {
        (None, Some(kid)) => {
            with_kid = header.clone().with_kid(kid);
            &with_kid
        }
        _ => header,
    };
    jws::sign_compact(payload, header, key).map(SignedJwt)
}

/// Encrypts `claims` directly into a JWE (an encrypted, unsigned JWT, `typ: "JWT"`). Anyone
/// holding the encryption key can make such a token: prefer a nested token to know who
/// issued it.
///
/// # Errors
/// [`ErrorKind::InvalidClaim`] if a registered claim was given a value of the wrong type;
/// otherwise as [`Encrypter::new`] and [`Encrypter::encrypt_compact`].
pub fn encrypted(
    claims: &Claims,
    key: &Jwk,
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
) -> Result<String> {
    Encrypter::new(key, alg, enc)?
        .with_typ("JWT")
        .encrypt_compact(claims.to_checked_json()?.as_bytes())
}

#[cfg(feature = "remote")]
pub(crate) use reader::unverified_kid;
pub use reader::{Reader, ReaderBuilder, Token, TokenKind, bearer_token};

#[cfg(test)]
mod tests {
    use super::*;

    /// A service can keep one reader in shared state.
    #[test]
    fn reader_is_clone_send_sync() {
        fn assert<T: Clone + Send + Sync + 'static>() {}
        assert::<Reader>();
    }

    /// The JWT header written directly is exactly the one `sign_compact` serializes from
    /// `JwsHeader::new(alg).with_typ("JWT")`, with and without the key's `kid` (including one
    /// that JSON must escape), for every family; and the key is checked first, as there.
    #[test]
    fn signed_matches_sign_compact() {
        let rsa = Jwk::from_json(include_str!("../tests/data/keys/rsa2048-a.json")).unwrap();
        let oct = Jwk::from_json(
            r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#,
        )
        .unwrap();
        let claims = Claims::new().subject("alice").expires_at(4_102_444_800);
        let payload = claims.to_json();
        for kid in [None, Some("k1"), Some("a\"b\\c\u{e9}\u{1}")] {
            for (key, algs) in [
                (
                    &oct,
                    &[SigningAlg::HS256, SigningAlg::HS384, SigningAlg::HS512][..],
                ),
                (&rsa, &[SigningAlg::RS256, SigningAlg::RS512][..]),
            ] {
                let mut key = key.clone();
                if let Some(kid) = kid {
                    key = key.with_kid(kid);
                }
                for &alg in algs {
                    let header = JwsHeader::new(alg).with_typ("JWT");
                    let general = jws::sign_compact(payload.as_bytes(), &header, &key).unwrap();
                    let direct = signed(&claims, &key, alg).unwrap();
                    assert_eq!(direct.as_str(), general, "{alg} {kid:?}");
                }
            }
        }
        let direct = signed(&claims, &oct, SigningAlg::RS256).unwrap_err();
        let header = JwsHeader::new(SigningAlg::RS256);
        let general = jws::sign_compact(payload.as_bytes(), &header, &oct).unwrap_err();
        assert_eq!(direct.kind(), general.kind());
    }
}
