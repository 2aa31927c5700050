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
//! let back = Reader::new(Validation::new().issuer("auth.example"))
//!     .decrypt_with(&enc_key, &[KeyManagementAlg::A256KW], &[ContentEncryptionAlg::A256CbcHs512])
//!     .verify_with(&sig_key, &[SigningAlg::HS256])
//!     .read(&token)?;
//! assert_eq!(back.sub(), Some("alice"));
//! # Ok::<(), jwcrypt::Error>(())
//! ```

mod claims;
mod validation;

pub use claims::Claims;
pub use validation::{Clock, FixedClock, SystemClock, Validation};

use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::{ContentEncryptionAlg, KeyManagementAlg, SigningAlg};
use crate::jwe::{Decrypter, Encrypter};
use crate::jwk::{Jwk, Keys};
use crate::jws::{self, JwsHeader, Verifier};
use crate::policy::Limits;

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
///
/// # Errors
/// As [`jws::sign_compact`].
pub fn signed(claims: &Claims, key: &Jwk, alg: SigningAlg) -> Result<SignedJwt> {
    let header = JwsHeader::new(alg).with_typ("JWT");
    jws::sign_compact(claims.to_json().as_bytes(), &header, key).map(SignedJwt)
}

/// Encrypts `claims` directly into a JWE (an encrypted, unsigned JWT, `typ: "JWT"`). Anyone
/// holding the encryption key can make such a token: prefer a nested token to know who
/// issued it.
///
/// # Errors
/// As [`Encrypter::new`] and [`Encrypter::encrypt_compact`].
pub fn encrypted(
    claims: &Claims,
    key: &Jwk,
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
) -> Result<String> {
    Encrypter::new(key, alg, enc)?
        .with_typ("JWT")
        .encrypt_compact(claims.to_json().as_bytes())
}

/// The kind of token a [`Reader`] expects, from the keys it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenKind {
    /// A JWS: verify only.
    Signed,
    /// A JWE whose payload is the claims: decrypt only.
    Encrypted,
    /// A JWE holding a signed JWT (`cty: "JWT"`): decrypt, then verify.
    Nested,
}

struct DecryptKeys<'a> {
    keys: Keys<'a>,
    algs: Vec<KeyManagementAlg>,
    encs: Vec<ContentEncryptionAlg>,
}

struct VerifyKeys<'a> {
    keys: Keys<'a>,
    algs: Vec<SigningAlg>,
}

/// Reads a JWT back to validated claims, in one call, expecting one kind of token.
///
/// Give it keys for the layers the token must have: [`Reader::verify_with`] alone for a
/// signed JWT, [`Reader::decrypt_with`] alone for an encrypted JWT, both for a nested one.
/// Each layer takes the algorithms it accepts; an empty list means "the key's own `alg`"
/// and works only with a single key that has one.
pub struct Reader<'a> {
    validation: Validation,
    limits: Limits,
    decrypt: Option<DecryptKeys<'a>>,
    verify: Option<VerifyKeys<'a>>,
}

impl<'a> Reader<'a> {
    /// A reader that validates claims with `validation`.
    pub fn new(validation: Validation) -> Self {
        Self {
            validation,
            limits: Limits::DEFAULT,
            decrypt: None,
            verify: None,
        }
    }

    /// Decrypts with these keys, accepting these key management algorithms and content
    /// encryptions (an empty `encs` accepts every one: all are authenticated).
    #[must_use]
    pub fn decrypt_with(
        mut self,
        keys: impl Into<Keys<'a>>,
        algs: &[KeyManagementAlg],
        encs: &[ContentEncryptionAlg],
    ) -> Self {
        self.decrypt = Some(DecryptKeys {
            keys: keys.into(),
            algs: algs.to_vec(),
            encs: encs.to_vec(),
        });
        self
    }

    /// Verifies signatures with these keys, accepting these algorithms.
    #[must_use]
    pub fn verify_with(mut self, keys: impl Into<Keys<'a>>, algs: &[SigningAlg]) -> Self {
        self.verify = Some(VerifyKeys {
            keys: keys.into(),
            algs: algs.to_vec(),
        });
        self
    }

    /// Uses these limits for every layer.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The kind of token this reader expects.
    pub fn expects(&self) -> Option<TokenKind> {
        match (&self.decrypt, &self.verify) {
            (None, Some(_)) => Some(TokenKind::Signed),
            (Some(_), None) => Some(TokenKind::Encrypted),
            (Some(_), Some(_)) => Some(TokenKind::Nested),
            (None, None) => None,
        }
    }

    /// Reads `token` to validated claims.
    ///
    /// # Errors
    /// [`ErrorKind::UnexpectedTokenType`] for a token of another kind than expected; the
    /// errors of JWS verification, JWE decryption, claim parsing and validation;
    /// [`ErrorKind::InvalidArgument`] for a reader given no keys.
    pub fn read(&self, token: &str) -> Result<Claims> {
        let (claims, _) = self.read_with_header(token)?;
        Ok(claims)
    }

    /// Reads `token` and deserializes its validated claims into your own type.
    ///
    /// # Errors
    /// As [`Reader::read`], and [`ErrorKind::InvalidClaim`] if the claims do not fit `T`.
    pub fn read_as<T: DeserializeOwned>(&self, token: &str) -> Result<T> {
        self.read(token)?.deserialize_into()
    }

    fn read_with_header(&self, token: &str) -> Result<(Claims, Option<String>)> {
        let token = token.trim();
        if token.len() > self.limits.max_token_len {
            return err(
                ErrorKind::LimitExceeded,
                "the token is longer than the limit",
            );
        }
        let kind = self.expects().ok_or_else(|| {
            Error::new(ErrorKind::InvalidArgument, "the reader was given no keys")
        })?;
        let parts = compact_parts(token);
        let expected_parts = if kind == TokenKind::Signed { 3 } else { 5 };
        if parts != expected_parts {
            let got = match parts {
                3 => "a signed JWT (JWS)",
                5 => "an encrypted JWT (JWE)",
                _ => "not a compact JWS or JWE",
            };
            let want = match kind {
                TokenKind::Signed => "a signed JWT (JWS)",
                TokenKind::Encrypted => "an encrypted JWT (JWE)",
                TokenKind::Nested => "a nested JWT (JWE holding a JWS)",
            };
            return err(
                ErrorKind::UnexpectedTokenType,
                format!("expected {want}, got {got}"),
            );
        }
        match (&self.decrypt, &self.verify) {
            (None, Some(v)) => self.verify_signed(v, token),
            (Some(d), verify) => {
                let decrypted = self.decrypter(d)?.decrypt_compact(token)?;
                let nested = decrypted
                    .header()
                    .cty()
                    .is_some_and(|c| c.eq_ignore_ascii_case("JWT"));
                match (verify, nested) {
                    (Some(v), true) => {
                        let inner = std::str::from_utf8(decrypted.plaintext()).map_err(|_| {
                            Error::new(ErrorKind::MalformedToken, "the nested JWT is not text")
                        })?;
                        if compact_parts(inner) != 3 {
                            return err(
                                ErrorKind::UnexpectedTokenType,
                                "the nested token is not a signed JWT (JWS)",
                            );
                        }
                        self.verify_signed(v, inner)
                    }
                    (Some(_), false) => err(
                        ErrorKind::UnexpectedTokenType,
                        "expected a nested JWT (cty \"JWT\"), got an encrypted JWT",
                    ),
                    (None, true) => err(
                        ErrorKind::UnexpectedTokenType,
                        "this is a nested JWT: its inner signature must be verified (give a \
                         verification key)",
                    ),
                    (None, false) => {
                        self.validation.check_typ(decrypted.header().typ())?;
                        let claims =
                            Claims::from_json_with_limits(decrypted.plaintext(), &self.limits)?;
                        self.validation.validate(&claims)?;
                        Ok((claims, decrypted.header().typ().map(str::to_owned)))
                    }
                }
            }
            (None, None) => err(ErrorKind::InvalidArgument, "the reader was given no keys"),
        }
    }

    fn verify_signed(&self, v: &VerifyKeys<'a>, token: &str) -> Result<(Claims, Option<String>)> {
        let verified = self.verifier(v)?.verify_compact(token)?;
        self.validation.check_typ(verified.header().typ())?;
        let claims = Claims::from_json_with_limits(verified.payload(), &self.limits)?;
        self.validation.validate(&claims)?;
        Ok((claims, verified.header().typ().map(str::to_owned)))
    }

    fn verifier(&self, v: &VerifyKeys<'a>) -> Result<Verifier<'a>> {
        let verifier = match (v.algs.is_empty(), v.keys) {
            (false, keys) => Verifier::new(keys, &v.algs)?,
            (true, Keys::One(key)) => Verifier::for_key_alg(key)?,
            (true, Keys::Set(_)) => {
                return err(
                    ErrorKind::InvalidArgument,
                    "name the accepted signing algorithms when verifying with a key set",
                );
            }
        };
        Ok(verifier.with_limits(self.limits.clone()))
    }

    fn decrypter(&self, d: &DecryptKeys<'a>) -> Result<Decrypter<'a>> {
        let decrypter = match (d.algs.is_empty(), d.keys) {
            (false, keys) => Decrypter::new(keys, &d.algs, &d.encs)?,
            (true, Keys::One(key)) => Decrypter::for_key_alg(key)?,
            (true, Keys::Set(_)) => {
                return err(
                    ErrorKind::InvalidArgument,
                    "name the accepted key management algorithms when decrypting with a key set",
                );
            }
        };
        Ok(decrypter.with_limits(self.limits.clone()))
    }
}

/// The number of dot-separated parts of a compact token, counting at most 6.
fn compact_parts(token: &str) -> usize {
    token.split('.').take(6).count()
}

/// Reading a token without checking it: for display and debugging only.
pub mod dangerous {
    use serde_json::Value;

    use crate::error::Result;

    /// The headers of a compact JWS or JWE, **unverified**: never use them to choose keys
    /// or algorithms. The result is `{"unverified": true, "kind": "JWS"|"JWE", "header": {...}}`.
    ///
    /// # Errors
    /// [`crate::ErrorKind::MalformedToken`] if the token is neither a JWS nor a JWE.
    pub fn inspect(token: &str) -> Result<Value> {
        let token = token.trim();
        let (kind, header) = if token.starts_with('{') {
            let v: Value = serde_json::from_str(token).map_err(|_| {
                crate::Error::new(crate::ErrorKind::MalformedToken, "not a JWS or JWE")
            })?;
            if v.get("ciphertext").is_some() {
                (
                    "JWE",
                    crate::jwe::dangerous::decode_unverified_header(token)?,
                )
            } else {
                (
                    "JWS",
                    crate::jws::dangerous::decode_unverified_header(token)?,
                )
            }
        } else {
            match super::compact_parts(token) {
                3 => (
                    "JWS",
                    crate::jws::dangerous::decode_unverified_header(token)?,
                ),
                5 => (
                    "JWE",
                    crate::jwe::dangerous::decode_unverified_header(token)?,
                ),
                _ => {
                    return Err(crate::Error::new(
                        crate::ErrorKind::MalformedToken,
                        "a compact token has 3 (JWS) or 5 (JWE) parts",
                    ));
                }
            }
        };
        Ok(serde_json::json!({ "unverified": true, "kind": kind, "header": header }))
    }
}
