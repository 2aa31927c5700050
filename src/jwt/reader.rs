//! The JWT reader (RFC 7519 §7.2): one configured, shareable [`Reader`] that checks the
//! token's shape, decrypts and verifies its layers, and validates the claims.

use serde::de::DeserializeOwned;

use super::{Claims, Validation};
use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::{ContentEncryptionAlg, KeyManagementAlg, SigningAlg};
use crate::jwe::{Decrypter, JweHeader};
use crate::jwk::Keys;
use crate::jws::{self, JwsHeader, Verifier};
use crate::limits::Limits;
use crate::policy::Policy;

/// The kind of JWT a [`Reader`] expects: it follows from the keys the reader was given
/// (verify only: signed; decrypt only: encrypted; both: nested), and
/// [`ReaderBuilder::expect`] can pin it.
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
    expected_kind: Option<TokenKind>,
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
    /// layer, its `RSA1_5` opt-in reaches the decrypter, and its algorithms are those of
    /// [`ReaderBuilder::verify_keys`] and [`ReaderBuilder::decrypt_keys`].
    ///
    /// ```
    /// use jwcrypt::{Jwk, Policy, SigningAlg};
    /// use jwcrypt::jwt::{self, Claims, Reader, Validation};
    /// let key = Jwk::generate_for(SigningAlg::HS256)?;
    /// let token = jwt::signed(&Claims::new().subject("a").expires_in(std::time::Duration::from_secs(60)), &key, SigningAlg::HS256)?;
    /// let reader = Reader::builder(Validation::new()).policy(&Policy::recommended()).verify_keys(&key).build()?;
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

    /// Requires the reader to be configured for `kind`: [`ReaderBuilder::build`] refuses
    /// keys that imply another kind (a configuration that says "signed JWTs only" cannot
    /// silently become a decrypting reader when a key is added).
    ///
    /// ```
    /// use jwcrypt::{ErrorKind, Jwk, Policy, SigningAlg};
    /// use jwcrypt::jwt::{Reader, TokenKind, Validation};
    /// let key = Jwk::generate_for(SigningAlg::HS256)?;
    /// let signed = Reader::builder(Validation::new()).expect(TokenKind::Signed);
    /// assert!(signed.verify_with(&key, &[SigningAlg::HS256]).build().is_ok());
    /// let nested = Reader::builder(Validation::new()).policy(&Policy::recommended()).expect(TokenKind::Nested);
    /// let e = nested.verify_keys(&key).build().unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn expect(mut self, kind: TokenKind) -> Self {
        self.expected_kind = Some(kind);
        self
    }

    /// Verifies signatures with these keys (a [`crate::Jwk`], a [`crate::JwkSet`] or [`Keys`]),
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

    /// Decrypts with these keys (a [`crate::Jwk`], a [`crate::JwkSet`], [`Keys`], or an `Arc`
    /// of a [`crate::jwk::DecryptionKey`] held outside jwcrypt), accepting these key
    /// management algorithms and content encryptions.
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
    /// that allows no algorithm for that layer, or keys for another kind of token than
    /// [`ReaderBuilder::expect`] names.
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
                        None => Decrypter::for_key_algs(d.keys, &d.encs)?,
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
        if let Some(expected) = self.expected_kind
            && expected != reader.expects()
        {
            return err(
                ErrorKind::InvalidArgument,
                format!(
                    "the reader expects {}: its keys are for {}",
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
            expected_kind: None,
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
    let header = jws::split_compact(token)
        .and_then(|(h, _, _)| crate::header::decode_protected(h, limits))
        .map_err(|e| shape_error_or(e, token))?;
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
