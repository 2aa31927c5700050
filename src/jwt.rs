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
    let payload = claims.to_checked_json()?;
    jws::check_key(key, alg, crate::jwk::KeyOp::Sign)?;
    // The bytes `JwsHeader::new(alg).with_typ("JWT")` (plus the key's `kid`) serializes to,
    // written directly: every JWT signed takes this path.
    let mut protected = Vec::with_capacity(48);
    protected.push(b'{');
    crate::json::write_member(&mut protected, "alg", alg.name())?;
    crate::json::write_member(&mut protected, "typ", "JWT")?;
    if let Some(kid) = key.kid() {
        crate::json::write_member(&mut protected, "kid", kid)?;
    }
    protected.push(b'}');
    let payload = payload.as_bytes();
    jws::sign_compact_protected(&protected, alg, key, Some(payload), payload).map(SignedJwt)
}

/// Signs `claims` with the header members of `header`: its `alg`, and `typ` (for example
/// `at+jwt`, RFC 9068), `kid` or any other member. The key's `kid` is added when `header`
/// names none; no `typ` is added.
///
/// ```
/// use jwcrypt::{Jwk, SigningAlg, jws::JwsHeader};
/// use jwcrypt::jwt::{self, Claims, Reader, Validation};
/// let key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("2026-12");
/// let claims = Claims::new().subject("alice").expires_at(4_102_444_800);
/// let token = jwt::signed_with_header(&claims, &key, &JwsHeader::new(SigningAlg::HS256).with_typ("at+jwt"))?;
/// let read = Reader::builder(Validation::new().typ("at+jwt"))
///     .verify_with(&key, &[SigningAlg::HS256]).build()?.read_token(token.as_str())?;
/// assert_eq!(read.jws_header().and_then(|h| h.kid()), Some("2026-12"));
/// # Ok::<(), jwcrypt::Error>(())
/// ```
///
/// # Errors
/// As [`signed`]; [`ErrorKind::MalformedToken`] for a header with `b64` false (a JWT's
/// payload is base64url-encoded).
pub fn signed_with_header(claims: &Claims, key: &Jwk, header: &JwsHeader) -> Result<SignedJwt> {
    sign_payload(claims.to_checked_json()?.as_bytes(), key, header)
}

/// Signs claims of your own type, serialized by serde straight to the payload (no JSON value
/// tree on the way), with `header` as in [`signed_with_header`]. The registered claims are
/// checked as a reader checks them (`exp`, `nbf`, `iat` NumericDates; `iss`, `sub`, `jti`
/// strings; `aud` a string or strings), so a token that no reader would accept is never
/// signed. See [`Reader::read_as`] for the way back.
///
/// # Errors
/// [`ErrorKind::InvalidClaim`] if `claims` does not serialize to a JSON object with
/// well-typed registered claims; otherwise as [`signed_with_header`].
pub fn sign_claims<T: serde::Serialize + ?Sized>(
    claims: &T,
    key: &Jwk,
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

fn sign_payload(payload: &[u8], key: &Jwk, header: &JwsHeader) -> Result<SignedJwt> {
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

pub use crate::policy::TokenKind;

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

/// The layers a [`Reader`] checks, built once.
#[derive(Clone, Debug)]
enum Layers {
    Signed(Verifier),
    Encrypted(Decrypter),
    Nested(Decrypter, Verifier),
}

/// Reads a JWT back to validated claims, in one call, expecting one kind of token.
///
/// Configure it once with [`Reader::builder`], then share it: a `Reader` is `Clone`,
/// `Send` and `Sync`, owns its keys (shared, not copied, by [`Keys`]) and built its
/// verifier and decrypter when [`ReaderBuilder::build`] ran, so every configuration error
/// is reported there and never at the first token.
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
#[derive(Clone, Debug)]
pub struct Reader {
    validation: Validation,
    limits: Limits,
    layers: Layers,
}

/// Which keys and algorithms verify signatures, as given to a [`ReaderBuilder`].
#[derive(Debug)]
enum VerifyWith {
    Algs(Keys, Vec<SigningAlg>),
    KeyAlgs(Keys),
    Policy(Keys),
}

/// Which keys and algorithms decrypt, as given to a [`ReaderBuilder`] (`None`: the keys'
/// own `alg`, or the policy's with `policy`).
#[derive(Debug)]
struct DecryptWith {
    keys: Keys,
    algs: Option<Vec<KeyManagementAlg>>,
    encs: Vec<ContentEncryptionAlg>,
    policy: bool,
}

/// Configures a [`Reader`]: the keys and algorithms of each layer the token must have
/// (verify only: a signed JWT; decrypt only: an encrypted JWT; both: a nested JWT), then
/// [`ReaderBuilder::build`]. Every algorithm list must name at least one algorithm.
#[derive(Debug)]
#[must_use]
pub struct ReaderBuilder {
    validation: Validation,
    limits: Limits,
    rsa1_5: bool,
    policy: Option<Policy>,
    verify: Option<VerifyWith>,
    decrypt: Option<DecryptWith>,
}

/// Whether a `cty` value says "the payload is a JWT" (RFC 7519 §5.2; compared without
/// case, with an optional `application/` prefix as RFC 7515 §4.1.10 allows).
fn is_jwt_cty(cty: Option<&str>) -> bool {
    cty.is_some_and(|c| c.eq_ignore_ascii_case("jwt") || c.eq_ignore_ascii_case("application/jwt"))
}

impl ReaderBuilder {
    /// Applies `policy`: its leeway replaces the validation's, its limits apply to every
    /// layer, its `RSA1_5` opt-in reaches the decrypter, its algorithms are those of
    /// [`ReaderBuilder::verify_keys`] and [`ReaderBuilder::decrypt_keys`], and if it names
    /// an expected [`TokenKind`], a reader configured for another kind is refused by
    /// [`ReaderBuilder::build`].
    ///
    /// ```
    /// use jwcrypt::{Jwk, Policy, SigningAlg};
    /// use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
    /// let key = Jwk::generate_for(SigningAlg::HS256)?;
    /// let token = jwt::signed(&Claims::new().subject("a").expires_in(std::time::Duration::from_secs(60)), &key, SigningAlg::HS256)?;
    /// let policy = Policy::recommended().expect(TokenKind::Signed);
    /// let reader = Reader::builder(Validation::new()).policy(&policy).verify_keys(&key).build()?;
    /// assert_eq!(reader.read(token.as_str())?.sub(), Some("a"));
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn policy(mut self, policy: &Policy) -> Self {
        self.validation = self.validation.leeway(policy.leeway);
        self.limits = policy.limits.clone();
        self.rsa1_5 = policy.allow_rsa1_5;
        self.policy = Some(policy.clone());
        self
    }

    /// Verifies signatures with these keys (a [`Jwk`], a [`crate::JwkSet`] or [`Keys`]),
    /// accepting these algorithms.
    pub fn verify_with(mut self, keys: impl Into<Keys>, algs: &[SigningAlg]) -> Self {
        self.verify = Some(VerifyWith::Algs(keys.into(), algs.to_vec()));
        self
    }

    /// Verifies signatures with these keys, each only with its own `alg`
    /// ([`Verifier::for_key_algs`]).
    pub fn verify_with_key_algs(mut self, keys: impl Into<Keys>) -> Self {
        self.verify = Some(VerifyWith::KeyAlgs(keys.into()));
        self
    }

    /// Verifies signatures with these keys and the signing algorithms of the
    /// [`ReaderBuilder::policy`].
    pub fn verify_keys(mut self, keys: impl Into<Keys>) -> Self {
        self.verify = Some(VerifyWith::Policy(keys.into()));
        self
    }

    /// Decrypts with these keys, accepting these key management algorithms and content
    /// encryptions.
    pub fn decrypt_with(
        mut self,
        keys: impl Into<Keys>,
        algs: &[KeyManagementAlg],
        encs: &[ContentEncryptionAlg],
    ) -> Self {
        self.decrypt = Some(DecryptWith {
            keys: keys.into(),
            algs: Some(algs.to_vec()),
            encs: encs.to_vec(),
            policy: false,
        });
        self
    }

    /// Decrypts with these keys, each only with its own `alg`, accepting these content
    /// encryptions ([`ContentEncryptionAlg::ALL`] for every one: all are authenticated).
    pub fn decrypt_with_key_algs(
        mut self,
        keys: impl Into<Keys>,
        encs: &[ContentEncryptionAlg],
    ) -> Self {
        self.decrypt = Some(DecryptWith {
            keys: keys.into(),
            algs: None,
            encs: encs.to_vec(),
            policy: false,
        });
        self
    }

    /// Decrypts with these keys and the key management and content encryption algorithms
    /// of the [`ReaderBuilder::policy`].
    pub fn decrypt_keys(mut self, keys: impl Into<Keys>) -> Self {
        self.decrypt = Some(DecryptWith {
            keys: keys.into(),
            algs: None,
            encs: Vec::new(),
            policy: true,
        });
        self
    }

    /// Allows `RSA1_5` key encryption when it is also among the algorithms given to
    /// [`ReaderBuilder::decrypt_with`] (off by default). RSA PKCS#1 v1.5 encryption is
    /// exposed to Bleichenbacher's attack: enable it only for legacy senders. See
    /// [`crate::jwe::Decrypter::allow_rsa1_5_insecure`].
    pub fn allow_rsa1_5_insecure(mut self) -> Self {
        self.rsa1_5 = true;
        self
    }

    /// Uses these limits for every layer.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Builds the reader: its verifier and decrypter, once.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a reader given no keys, an empty algorithm list,
    /// keys of which none has its own `alg` (with the `..._key_algs` methods), a
    /// `verify_keys` or `decrypt_keys` without a [`ReaderBuilder::policy`] or under a policy
    /// that allows no algorithm for that layer, or keys for another kind of token than the
    /// policy expects.
    pub fn build(self) -> Result<Reader> {
        let policy = self.policy.as_ref();
        let verifier = match self.verify {
            None => None,
            Some(VerifyWith::Algs(keys, algs)) => Some(Verifier::new(keys, &algs)?),
            Some(VerifyWith::KeyAlgs(keys)) => Some(Verifier::for_key_algs(keys)?),
            Some(VerifyWith::Policy(keys)) => {
                Some(Verifier::from_policy(keys, policy.ok_or_else(no_policy)?)?)
            }
        }
        .map(|v| v.with_limits(self.limits.clone()));
        let decrypter = match self.decrypt {
            None => None,
            Some(d) => {
                let decrypter = if d.policy {
                    Decrypter::from_policy(d.keys, policy.ok_or_else(no_policy)?)?
                } else {
                    if d.encs.is_empty() {
                        return err(
                            ErrorKind::InvalidArgument,
                            "no content encryption allowed: name the encryptions to accept",
                        );
                    }
                    match d.algs {
                        Some(algs) if algs.is_empty() => {
                            return err(
                                ErrorKind::InvalidArgument,
                                "no key management algorithm allowed: name the algorithms to \
                                 accept",
                            );
                        }
                        Some(algs) if algs.contains(&KeyManagementAlg::Rsa1_5) && !self.rsa1_5 => {
                            return err(
                                ErrorKind::InvalidArgument,
                                "RSA1_5 is listed but not allowed: see allow_rsa1_5_insecure",
                            );
                        }
                        Some(algs) => Decrypter::new(d.keys, &algs, &d.encs)?,
                        None => decrypter_for_key_algs(d.keys, &d.encs)?,
                    }
                };
                let decrypter = decrypter.with_limits(self.limits.clone());
                Some(if self.rsa1_5 {
                    decrypter.allow_rsa1_5_insecure()
                } else {
                    decrypter
                })
            }
        };
        let layers = match (decrypter, verifier) {
            (None, Some(v)) => Layers::Signed(v),
            (Some(d), None) => Layers::Encrypted(d),
            (Some(d), Some(v)) => Layers::Nested(d, v),
            (None, None) => {
                return err(ErrorKind::InvalidArgument, "the reader was given no keys");
            }
        };
        let reader = Reader {
            validation: self.validation,
            limits: self.limits,
            layers,
        };
        if let Some(expected) = policy.and_then(|p| p.expected_kind)
            && expected != reader.expects()
        {
            return err(
                ErrorKind::InvalidArgument,
                format!(
                    "the policy expects {}: the reader's keys are for {}",
                    expected.describe(),
                    reader.expects().describe()
                ),
            );
        }
        Ok(reader)
    }
}

fn no_policy() -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        "verify_keys and decrypt_keys take the algorithms of a policy: give one with policy()",
    )
}

/// A decrypter that uses each key with its own JWE `alg`.
fn decrypter_for_key_algs(keys: Keys, encs: &[ContentEncryptionAlg]) -> Result<Decrypter> {
    let mut algs = Vec::new();
    for key in keys.as_slice() {
        if let Some(crate::Algorithm::KeyManagement(alg)) = key.alg()
            && !algs.contains(alg)
        {
            algs.push(*alg);
        }
    }
    if algs.is_empty() {
        return err(
            ErrorKind::InvalidArgument,
            "no key has a JWE key management \"alg\": name the algorithms to accept",
        );
    }
    Decrypter::new(keys, &algs, encs)
}

impl Reader {
    /// Starts configuring a reader that validates claims with `validation`.
    ///
    /// ```
    /// use jwcrypt::{Jwk, SigningAlg, ErrorKind};
    /// use jwcrypt::jwt::{self, Claims, Reader, Validation};
    /// let key = Jwk::generate_for(SigningAlg::HS256)?;
    /// let reader = Reader::builder(Validation::new()).verify_with(&key, &[SigningAlg::HS256]).build()?;
    /// let token = jwt::signed(&Claims::new().expires_in(std::time::Duration::from_secs(60)), &key, SigningAlg::HS256)?;
    /// assert!(reader.read(token.as_str()).is_ok());
    /// // Configuration errors are reported by build, not by the first token.
    /// let e = Reader::builder(Validation::new()).verify_with(&key, &[]).build().unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn builder(validation: Validation) -> ReaderBuilder {
        ReaderBuilder {
            validation,
            limits: Limits::DEFAULT,
            rsa1_5: false,
            policy: None,
            verify: None,
            decrypt: None,
        }
    }

    /// The kind of token this reader expects.
    pub fn expects(&self) -> TokenKind {
        match self.layers {
            Layers::Signed(_) => TokenKind::Signed,
            Layers::Encrypted(_) => TokenKind::Encrypted,
            Layers::Nested(..) => TokenKind::Nested,
        }
    }

    /// Reads `token` to validated claims.
    ///
    /// # Errors
    /// [`ErrorKind::UnexpectedTokenType`] for a token of another kind than expected;
    /// [`ErrorKind::MalformedToken`] for a token that is not a compact JWS or JWE (the JSON
    /// serializations included); the errors of JWS verification, JWE decryption, claim
    /// parsing ([`ErrorKind::InvalidClaim`]) and validation
    /// ([`ErrorKind::ClaimValidation`]), with [`Error::claim`] naming the claim and why.
    pub fn read(&self, token: &str) -> Result<Claims> {
        self.read_token(token).map(Token::into_claims)
    }

    /// Reads `token` and deserializes its validated claims into your own type.
    ///
    /// # Errors
    /// As [`Reader::read`], and [`ErrorKind::InvalidClaim`] if the claims do not fit `T`.
    ///
    /// The claims are validated (registered claims strictly typed), then `T` is read by
    /// serde straight from the verified payload bytes: no JSON value tree, no re-encoding.
    ///
    /// ```
    /// use serde::Deserialize;
    /// use jwcrypt::{Jwk, SigningAlg};
    /// use jwcrypt::jwt::{self, Reader, Validation};
    ///
    /// #[derive(serde::Serialize, Deserialize)]
    /// struct Session { sub: String, exp: i64, roles: Vec<String> }
    ///
    /// let key = Jwk::generate_for(SigningAlg::HS256)?;
    /// let token = jwt::sign_claims(
    ///     &Session { sub: "alice".into(), exp: 4_102_444_800, roles: vec!["admin".into()] },
    ///     &key,
    ///     &jwcrypt::jws::JwsHeader::new(SigningAlg::HS256).with_typ("JWT"),
    /// )?;
    /// let reader = Reader::builder(Validation::new()).verify_with(&key, &[SigningAlg::HS256]).build()?;
    /// let session: Session = reader.read_as(token.as_str())?;
    /// assert_eq!(session.roles, ["admin"]);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn read_as<T: DeserializeOwned>(&self, token: &str) -> Result<T> {
        let (_, payload) = self.read_inner(token, true)?;
        serde_json::from_slice(payload.as_ref().map_or(&[][..], |p| p.as_slice()))
            .map_err(|e| Error::new(ErrorKind::InvalidClaim, e.to_string()))
    }

    /// Reads `token` to its validated claims and authenticated headers.
    ///
    /// ```
    /// use jwcrypt::{Jwk, SigningAlg};
    /// use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
    /// let key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("k1");
    /// let token = jwt::signed(&Claims::new().subject("alice"), &key, SigningAlg::HS256)?;
    /// let read = Reader::builder(Validation::new().allow_missing_exp())
    ///     .verify_with(&key, &[SigningAlg::HS256])
    ///     .build()?
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
        self.read_inner(token, false).map(|(read, _)| read)
    }

    /// Reads `token`; with `keep`, also gives the verified claims' JSON bytes.
    fn read_inner(
        &self,
        token: &str,
        keep: bool,
    ) -> Result<(Token, Option<zeroize::Zeroizing<Vec<u8>>>)> {
        let token = token.trim();
        if token.len() > self.limits.max_token_len {
            return err(
                ErrorKind::LimitExceeded,
                "the token is longer than the limit",
            );
        }
        let kind = self.expects();
        check_bearer_prefix(token)?;
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
                check_token_shape(token)?;
                return err(
                    ErrorKind::MalformedToken,
                    "a JWT has 3 parts (JWS) or 5 parts (JWE) separated by '.'",
                );
            }
        };
        if (got == TokenKind::Signed) != (kind == TokenKind::Signed) {
            // Text that is no token at all is said to be so, not to be the other kind.
            check_token_shape(token)?;
            return err(
                ErrorKind::UnexpectedTokenType,
                format!("expected {}, got {}", kind.describe(), got.describe()),
            );
        }
        let (decrypter, verifier) = match &self.layers {
            Layers::Signed(v) => {
                let (read, payload) = self
                    .verify_signed(v, token, None, keep)
                    .map_err(|e| shape_error_or(e, token))?;
                return Ok((self.validate(read)?, payload));
            }
            Layers::Encrypted(d) => (d, None),
            Layers::Nested(d, v) => (d, Some(v)),
        };
        let (header, plaintext) = decrypter
            .decrypt_compact(token)
            .map_err(|e| shape_error_or(e, token))?
            .into_header_and_plaintext();
        // A reader given both layers expects a nested token: `cty` "JWT" (RFC 7519 §5.2), or
        // no `cty` at all (jwcrypto's and others' nesting recipes leave it out). Never
        // guessed otherwise: a decrypt-only reader reads claims only from a token that is
        // not marked nested, and the inner token is always verified.
        let nested = match (verifier.is_some(), header.cty()) {
            (true, None) => true,
            (_, cty) => is_jwt_cty(cty),
        };
        let (read, payload) = match (verifier, nested) {
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
                self.verify_signed(v, inner, Some(header), keep)?
            }
            (Some(_), false) => {
                return err(
                    ErrorKind::UnexpectedTokenType,
                    "expected a nested JWT (cty \"JWT\" or no cty), got an encrypted token \
                     of another content type",
                );
            }
            (None, true) => {
                return err(
                    ErrorKind::UnexpectedTokenType,
                    "this is a nested JWT: its inner signature must be verified (give a \
                     verification key)",
                );
            }
            (None, false) => (
                Token {
                    claims: Claims::from_json_with_limits(&plaintext, &self.limits)?,
                    kind: TokenKind::Encrypted,
                    jws_header: None,
                    jwe_header: Some(header),
                },
                keep.then_some(plaintext),
            ),
        };
        Ok((self.validate(read)?, payload))
    }

    /// The checks on an authenticated token's claims and headers.
    fn validate(&self, read: Token) -> Result<Token> {
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
        v: &Verifier,
        token: &str,
        outer: Option<JweHeader>,
        keep: bool,
    ) -> Result<(Token, Option<zeroize::Zeroizing<Vec<u8>>>)> {
        let verified = v.verify_compact(token)?;
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
        let (jws_header, payload) = if keep {
            (
                verified.header().clone(),
                Some(zeroize::Zeroizing::new(verified.into_payload())),
            )
        } else {
            (verified.into_header(), None)
        };
        Ok((
            Token {
                claims,
                kind: if outer.is_some() {
                    TokenKind::Nested
                } else {
                    TokenKind::Signed
                },
                jws_header: Some(jws_header),
                jwe_header: outer,
            },
            payload,
        ))
    }
}

/// RFC 7519 §5.3: claims replicated as JWE header parameters must equal the claims.
fn check_replicated(header: &JweHeader, claims: &Claims) -> Result<()> {
    for name in ["iss", "sub", "aud"] {
        if let Some(in_header) = header.get(name)
            && claims.get(name).as_ref() != Some(in_header)
        {
            return Err(Error::claim_failure(
                crate::error::Claim::from_name(name),
                crate::error::ClaimReason::Mismatch,
                format!("the {name:?} header parameter differs from the {name:?} claim"),
            ));
        }
    }
    Ok(())
}

/// Says what is wrong with text that is not a token at all, before any other check names a
/// token type: an `Authorization` value with its scheme left on, or parts that are not
/// base64url (RFC 7515 §7.1, RFC 7516 §7.1).
fn check_token_shape(token: &str) -> Result<()> {
    check_bearer_prefix(token)?;
    if token.starts_with('{') {
        return Ok(());
    }
    let parts = compact_parts(token);
    let b64 = |p: &str| {
        p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if parts < 3 || !token.split('.').take(6).all(b64) {
        return err(
            ErrorKind::MalformedToken,
            "not a JWT: a JWT is 3 (JWS) or 5 (JWE) base64url parts separated by '.'",
        );
    }
    if let 3 | 5 = parts {
        // The first part of either is a base64url JSON object (the protected header):
        // something else is not a token at all. (Bounded: the length was checked.)
        let first = token.split('.').next().unwrap_or_default();
        let decoded = crate::b64::decode_public(first).ok();
        if !decoded.is_some_and(|h| h.first() == Some(&b'{') && h.last() == Some(&b'}')) {
            return err(
                ErrorKind::MalformedToken,
                "not a JWT: its first part is not a base64url JSON header",
            );
        }
    }
    Ok(())
}

/// The `kid` of a compact signed JWT's protected header, **unverified**: only to choose
/// which key set to wait for (the keys are then picked by [`Keys`]'s rule and the signature
/// decides). Bounded: the token's length is checked first, and the header is decoded with
/// the limits. Nothing else of the header is used.
#[cfg_attr(not(feature = "remote"), allow(dead_code))]
pub(crate) fn unverified_kid(token: &str, limits: &Limits) -> Result<Option<String>> {
    let token = token.trim();
    if token.len() > limits.max_token_len {
        return err(
            ErrorKind::LimitExceeded,
            "the token is longer than the limit",
        );
    }
    check_bearer_prefix(token)?;
    if token.starts_with('{') || compact_parts(token) != 3 {
        check_token_shape(token)?;
        return err(
            ErrorKind::UnexpectedTokenType,
            "expected a signed JWT (JWS compact serialization)",
        );
    }
    let header =
        jws::dangerous::decode_unverified_header(token).map_err(|e| shape_error_or(e, token))?;
    Ok(header
        .get("kid")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned))
}

/// For a malformed token, the error that says it is no token at all, if it is not.
fn shape_error_or(e: Error, token: &str) -> Error {
    if e.kind() != ErrorKind::MalformedToken {
        return e;
    }
    check_token_shape(token).err().unwrap_or(e)
}

/// An `Authorization` header value passed whole instead of its token.
fn check_bearer_prefix(token: &str) -> Result<()> {
    if token
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("bearer "))
    {
        return err(
            ErrorKind::MalformedToken,
            "the token starts with \"Bearer \": pass the token alone (jwt::bearer_token \
             takes it from an Authorization header value)",
        );
    }
    Ok(())
}

/// The token of an HTTP `Authorization` header value `Bearer <token>` (RFC 6750 §2.1: the
/// scheme case-insensitive, one or more spaces, then the token in the `b64token` syntax).
///
/// ```
/// use jwcrypt::jwt;
/// assert_eq!(jwt::bearer_token("Bearer eyJ.eyJ.sig")?, "eyJ.eyJ.sig");
/// assert!(jwt::bearer_token("Basic dXNlcjpwYXNz").is_err());
/// assert!(jwt::bearer_token("Bearer").is_err());
/// # Ok::<(), jwcrypt::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::MalformedToken`] for another scheme, a missing token, or characters outside
/// `b64token` (`A-Z a-z 0-9 - . _ ~ + /` then `=` padding).
pub fn bearer_token(value: &str) -> Result<&str> {
    let value = value.trim_matches(|c| c == ' ' || c == '\t');
    let scheme_ok = value
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("bearer"));
    let rest = value.get(6..).unwrap_or_default();
    if !scheme_ok || !rest.starts_with(' ') {
        return err(
            ErrorKind::MalformedToken,
            "the Authorization value is not \"Bearer <token>\" (RFC 6750)",
        );
    }
    let token = rest.trim_start_matches(' ');
    let body = token.trim_end_matches('=');
    let ok = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b));
    if !ok {
        return err(
            ErrorKind::MalformedToken,
            "the bearer token is empty or has characters outside RFC 6750's b64token",
        );
    }
    Ok(token)
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
        let limits = crate::Limits::DEFAULT;
        crate::jws::check_token_len(token.len(), &limits)?;
        let (kind, header) = if token.starts_with('{') {
            // One strict, bounded parse to tell the two apart; the serialization's own reader
            // then checks its members (the text is at most `max_token_len` bytes and
            // `max_json_values` values, so the second parse is bounded too).
            let v =
                crate::json::parse_object_limited(token.as_bytes(), limits.max_token_len, &limits)
                    .map_err(|e| match e.kind() {
                        crate::ErrorKind::LimitExceeded => e,
                        _ => {
                            crate::Error::new(crate::ErrorKind::MalformedToken, "not a JWS or JWE")
                        }
                    })?;
            if v.contains_key("ciphertext") {
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
