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
use crate::jwe::{Decrypter, Encrypter, JweHeader};
use crate::jwk::{Jwk, Keys};
use crate::jws::{self, JwsHeader, Verifier};
use crate::limits::Limits;
use crate::policy::Policy;

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
/// [`ErrorKind::InvalidClaim`] if a registered claim was given a value of the wrong type
/// (with [`Claims::claim`]); otherwise as [`jws::sign_compact`].
pub fn signed(claims: &Claims, key: &Jwk, alg: SigningAlg) -> Result<SignedJwt> {
    jws::sign_jwt(claims.to_checked_json()?.as_bytes(), alg, key).map(SignedJwt)
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

impl TokenKind {
    fn describe(self) -> &'static str {
        match self {
            TokenKind::Signed => "a signed JWT (JWS)",
            TokenKind::Encrypted => "an encrypted JWT (JWE)",
            TokenKind::Nested => "a nested JWT (JWE holding a JWS)",
        }
    }
}

/// A token read by [`Reader::read_token`]: its validated claims and the headers of its
/// layers, all authenticated.
#[derive(Clone, Debug)]
pub struct Token {
    claims: Claims,
    kind: TokenKind,
    jws_header: Option<JwsHeader>,
    jwe_header: Option<JweHeader>,
}

impl Token {
    /// The validated claims.
    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    /// The validated claims, owned.
    pub fn into_claims(self) -> Claims {
        self.claims
    }

    /// The kind of token this was.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// The JWS header: of the token for a signed JWT, of the inner token for a nested one;
    /// `None` for an encrypted JWT.
    pub fn jws_header(&self) -> Option<&JwsHeader> {
        self.jws_header.as_ref()
    }

    /// The JWE header: of the token for an encrypted JWT, of the outer token for a nested
    /// one; `None` for a signed JWT.
    pub fn jwe_header(&self) -> Option<&JweHeader> {
        self.jwe_header.as_ref()
    }

    /// The header whose `typ` describes the claims: the JWS header when there is one
    /// (RFC 8725 §3.11: a nested JWT is typed by its inner token), else the JWE header.
    fn typ(&self) -> Option<&str> {
        match (&self.jws_header, &self.jwe_header) {
            (Some(h), _) => h.typ(),
            (None, Some(h)) => h.typ(),
            (None, None) => None,
        }
    }

    /// Reads the claims into your own type.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidClaim`] if the claims do not fit `T`.
    pub fn deserialize_into<T: DeserializeOwned>(&self) -> Result<T> {
        self.claims.deserialize_into()
    }
}

struct DecryptKeys {
    keys: Keys,
    algs: Vec<KeyManagementAlg>,
    encs: Vec<ContentEncryptionAlg>,
}

struct VerifyKeys {
    keys: Keys,
    algs: Vec<SigningAlg>,
}

/// Reads a JWT back to validated claims, in one call, expecting one kind of token.
///
/// Give it keys for the layers the token must have: [`Reader::verify_with`] alone for a
/// signed JWT, [`Reader::decrypt_with`] alone for an encrypted JWT, both for a nested one.
/// Each layer takes the algorithms it accepts; an empty list means "the key's own `alg`"
/// and works only with a single key that has one.
///
/// JWTs use the compact serialization (RFC 7519 §1): the JSON serializations of JWS and
/// JWE are refused (read them with [`jws::Verifier`] or [`crate::jwe::Decrypter`]).
/// What is checked, in order: the token's size and shape (3 parts for a JWS, 5 for a JWE,
/// as the reader expects), the JWE layer (algorithms allowed, key, tag), `cty: "JWT"`
/// exactly when a nested token is expected, the JWS layer (algorithm allowed, key,
/// signature), the claims' types (a malformed `exp`, `nbf`, `iat`, `iss`, `sub`, `aud` or
/// `jti` is an error even when not asked for), claims replicated in the JWE header
/// (RFC 7519 §5.3: `iss`, `sub`, `aud` must equal the claims), the header `typ` if the
/// [`Validation`] names one, and the [`Validation`] rules.
pub struct Reader {
    validation: Validation,
    limits: Limits,
    rsa1_5: bool,
    decrypt: Option<DecryptKeys>,
    verify: Option<VerifyKeys>,
    policy: Option<Box<Policy>>,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("validation", &self.validation)
            .field("expects", &self.expects())
            .field("rsa1_5", &self.rsa1_5)
            .finish_non_exhaustive()
    }
}

/// Whether a `cty` value says "the payload is a JWT" (RFC 7519 §5.2; compared without
/// case, with an optional `application/` prefix as RFC 7515 §4.1.10 allows).
fn is_jwt_cty(cty: Option<&str>) -> bool {
    cty.is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        c == "jwt" || c == "application/jwt"
    })
}

impl Reader {
    /// A reader that validates claims with `validation`.
    pub fn new(validation: Validation) -> Self {
        Self {
            validation,
            limits: Limits::DEFAULT,
            rsa1_5: false,
            decrypt: None,
            verify: None,
            policy: None,
        }
    }

    /// A reader that validates claims with `validation` under `policy`: the policy's
    /// leeway replaces the validation's, its limits apply to every layer, its `RSA1_5`
    /// opt-in reaches the decrypter, and if it names an expected [`TokenKind`], a reader
    /// configured for another kind refuses every token with [`ErrorKind::InvalidArgument`].
    /// Give keys with [`Reader::verify_keys`] and [`Reader::decrypt_keys`] to use the
    /// policy's algorithms (or with `verify_with` / `decrypt_with` to name others). Under a
    /// policy an empty algorithm list allows nothing: a layer whose list is empty (as in
    /// [`Policy::default`]) refuses every token with [`ErrorKind::InvalidArgument`], rather
    /// than fall back to the key's own `alg` or to every content encryption.
    ///
    /// ```
    /// use jwcrypt::{Jwk, Policy, SigningAlg};
    /// use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
    /// let key = Jwk::generate_for(SigningAlg::HS256)?;
    /// let token = jwt::signed(&Claims::new().subject("a").expires_in(std::time::Duration::from_secs(60)), &key, SigningAlg::HS256)?;
    /// let policy = Policy::recommended().expect(TokenKind::Signed);
    /// let claims = Reader::from_policy(Validation::new(), &policy).verify_keys(&key).read(token.as_str())?;
    /// assert_eq!(claims.sub(), Some("a"));
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn from_policy(validation: Validation, policy: &Policy) -> Self {
        Self {
            validation: validation.leeway(policy.leeway),
            limits: policy.limits.clone(),
            rsa1_5: policy.allow_rsa1_5,
            decrypt: None,
            verify: None,
            policy: Some(Box::new(policy.clone())),
        }
    }

    /// Verifies signatures with these keys and the policy's signing algorithms (for a
    /// reader made without a policy: the key's own `alg`).
    #[must_use]
    pub fn verify_keys(self, keys: impl Into<Keys>) -> Self {
        let algs = self
            .policy
            .as_ref()
            .map(|p| p.signing_algs.clone())
            .unwrap_or_default();
        self.verify_with(keys, &algs)
    }

    /// Decrypts with these keys and the policy's key management and content encryption
    /// algorithms (for a reader made without a policy: the key's own `alg`).
    #[must_use]
    pub fn decrypt_keys(self, keys: impl Into<Keys>) -> Self {
        let (algs, encs) = self
            .policy
            .as_ref()
            .map(|p| {
                (
                    p.key_management_algs.clone(),
                    p.content_encryption_algs.clone(),
                )
            })
            .unwrap_or_default();
        self.decrypt_with(keys, &algs, &encs)
    }

    /// Decrypts with these keys, accepting these key management algorithms and content
    /// encryptions (an empty `encs` accepts every one: all are authenticated).
    #[must_use]
    pub fn decrypt_with(
        mut self,
        keys: impl Into<Keys>,
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
    pub fn verify_with(mut self, keys: impl Into<Keys>, algs: &[SigningAlg]) -> Self {
        self.verify = Some(VerifyKeys {
            keys: keys.into(),
            algs: algs.to_vec(),
        });
        self
    }

    /// Allows `RSA1_5` key encryption when it is also among the algorithms given to
    /// [`Reader::decrypt_with`] (off by default). RSA PKCS#1 v1.5 encryption is exposed to
    /// Bleichenbacher's attack: enable it only for legacy senders. See
    /// [`crate::jwe::Decrypter::allow_rsa1_5_insecure`].
    #[must_use]
    pub fn allow_rsa1_5_insecure(mut self) -> Self {
        self.rsa1_5 = true;
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
    /// [`ErrorKind::UnexpectedTokenType`] for a token of another kind than expected;
    /// [`ErrorKind::MalformedToken`] for a token that is not a compact JWS or JWE (the JSON
    /// serializations included); the errors of JWS verification, JWE decryption, claim
    /// parsing ([`ErrorKind::InvalidClaim`]) and validation
    /// ([`ErrorKind::ClaimValidation`]); [`ErrorKind::InvalidArgument`] for a reader given
    /// no keys, or no algorithms where its keys do not name one.
    pub fn read(&self, token: &str) -> Result<Claims> {
        self.read_token(token).map(Token::into_claims)
    }

    /// Reads `token` and deserializes its validated claims into your own type.
    ///
    /// # Errors
    /// As [`Reader::read`], and [`ErrorKind::InvalidClaim`] if the claims do not fit `T`.
    pub fn read_as<T: DeserializeOwned>(&self, token: &str) -> Result<T> {
        self.read(token)?.deserialize_into()
    }

    /// Reads `token` to its validated claims and authenticated headers.
    ///
    /// ```
    /// use jwcrypt::{Jwk, SigningAlg};
    /// use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
    /// let key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("k1");
    /// let token = jwt::signed(&Claims::new().subject("alice"), &key, SigningAlg::HS256)?;
    /// let read = Reader::new(Validation::new().allow_missing_exp())
    ///     .verify_with(&key, &[SigningAlg::HS256])
    ///     .read_token(token.as_str())?;
    /// assert_eq!(read.kind(), TokenKind::Signed);
    /// assert_eq!(read.jws_header().and_then(|h| h.kid()), Some("k1"));
    /// assert_eq!(read.claims().sub(), Some("alice"));
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Reader::read`].
    pub fn read_token(&self, token: &str) -> Result<Token> {
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
        if self
            .policy
            .as_ref()
            .and_then(|p| p.expected_kind)
            .is_some_and(|expected| expected != kind)
        {
            return err(
                ErrorKind::InvalidArgument,
                "the reader's keys do not match the token kind the policy expects",
            );
        }
        if token.starts_with('{') {
            return err(
                ErrorKind::MalformedToken,
                "a JWT uses the compact serialization (RFC 7519), not the JSON serialization",
            );
        }
        let got = match compact_parts(token) {
            3 => TokenKind::Signed,
            5 => TokenKind::Encrypted,
            _ => {
                return err(
                    ErrorKind::MalformedToken,
                    "a JWT has 3 parts (JWS) or 5 parts (JWE) separated by '.'",
                );
            }
        };
        if (got == TokenKind::Signed) != (kind == TokenKind::Signed) {
            return err(
                ErrorKind::UnexpectedTokenType,
                format!("expected {}, got {}", kind.describe(), got.describe()),
            );
        }
        let read = match (&self.decrypt, &self.verify) {
            (None, Some(v)) => self.verify_signed(v, token, None)?,
            (Some(d), verify) => {
                let (header, plaintext) = self
                    .decrypter(d)?
                    .decrypt_compact(token)?
                    .into_header_and_plaintext();
                let nested = is_jwt_cty(header.cty());
                match (verify, nested) {
                    (Some(v), true) => {
                        let inner = std::str::from_utf8(&plaintext).map_err(|_| {
                            Error::new(ErrorKind::MalformedToken, "the nested JWT is not text")
                        })?;
                        if inner.starts_with('{') || compact_parts(inner) != 3 {
                            return err(
                                ErrorKind::UnexpectedTokenType,
                                "the nested token is not a compact signed JWT (JWS)",
                            );
                        }
                        self.verify_signed(v, inner, Some(header))?
                    }
                    (Some(_), false) => {
                        return err(
                            ErrorKind::UnexpectedTokenType,
                            "expected a nested JWT (cty \"JWT\"), got an encrypted JWT",
                        );
                    }
                    (None, true) => {
                        return err(
                            ErrorKind::UnexpectedTokenType,
                            "this is a nested JWT: its inner signature must be verified (give \
                             a verification key)",
                        );
                    }
                    (None, false) => {
                        let claims = Claims::from_json_with_limits(&plaintext, &self.limits)?;
                        Token {
                            claims,
                            kind: TokenKind::Encrypted,
                            jws_header: None,
                            jwe_header: Some(header),
                        }
                    }
                }
            }
            (None, None) => {
                return err(ErrorKind::InvalidArgument, "the reader was given no keys");
            }
        };
        if let Some(h) = &read.jwe_header {
            check_replicated(h, &read.claims)?;
        }
        self.validation.check_typ(read.typ())?;
        self.validation.validate(&read.claims)?;
        Ok(read)
    }

    /// Verifies a compact JWS and parses its claims (not yet validated).
    fn verify_signed(
        &self,
        v: &VerifyKeys,
        token: &str,
        outer: Option<JweHeader>,
    ) -> Result<Token> {
        let verified = self.verifier(v)?.verify_compact(token)?;
        let header = verified.header();
        if is_jwt_cty(header.cty()) {
            return err(
                ErrorKind::UnexpectedTokenType,
                "the signed token holds another JWT (cty \"JWT\"): only a signed JWT, or a \
                 signed JWT inside an encrypted one, is read",
            );
        }
        if !header.b64() {
            return err(
                ErrorKind::MalformedToken,
                "a JWT's payload is base64url-encoded (b64 false is not a JWT)",
            );
        }
        let claims = Claims::from_json_with_limits(verified.payload(), &self.limits)?;
        Ok(Token {
            claims,
            kind: if outer.is_some() {
                TokenKind::Nested
            } else {
                TokenKind::Signed
            },
            jws_header: Some(verified.into_header()),
            jwe_header: outer,
        })
    }

    fn verifier(&self, v: &VerifyKeys) -> Result<Verifier> {
        if self.policy.is_some() && v.algs.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "the policy allows no signing algorithm: name the algorithms to accept",
            );
        }
        let verifier = match (v.algs.is_empty(), v.keys.is_single(), v.keys.as_slice()) {
            (false, _, _) => Verifier::new(&v.keys, &v.algs)?,
            (true, true, [key]) => Verifier::for_key_alg(key)?,
            (true, _, _) => {
                return err(
                    ErrorKind::InvalidArgument,
                    "name the accepted signing algorithms when verifying with a key set",
                );
            }
        };
        Ok(verifier.with_limits(self.limits.clone()))
    }

    fn decrypter(&self, d: &DecryptKeys) -> Result<Decrypter> {
        if self.policy.is_some() && (d.algs.is_empty() || d.encs.is_empty()) {
            return err(
                ErrorKind::InvalidArgument,
                "the policy allows no key management or content encryption algorithm: name \
                 the algorithms to accept",
            );
        }
        let encs = if d.encs.is_empty() {
            ContentEncryptionAlg::ALL
        } else {
            &d.encs
        };
        let decrypter = match (d.algs.is_empty(), d.keys.is_single(), d.keys.as_slice()) {
            (false, _, _) => Decrypter::new(&d.keys, &d.algs, encs)?,
            (true, true, [key]) => Decrypter::for_key_algs(key, encs)?,
            (true, _, _) => {
                return err(
                    ErrorKind::InvalidArgument,
                    "name the accepted key management algorithms when decrypting with a key set",
                );
            }
        };
        let decrypter = decrypter.with_limits(self.limits.clone());
        Ok(if self.rsa1_5 {
            decrypter.allow_rsa1_5_insecure()
        } else {
            decrypter
        })
    }
}

/// RFC 7519 §5.3: claims replicated as JWE header parameters must equal the claims.
fn check_replicated(header: &JweHeader, claims: &Claims) -> Result<()> {
    for name in ["iss", "sub", "aud"] {
        if let Some(in_header) = header.get(name)
            && claims.get(name).as_ref() != Some(in_header)
        {
            return err(
                ErrorKind::ClaimValidation,
                format!("the {name:?} header parameter differs from the {name:?} claim"),
            );
        }
    }
    Ok(())
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
