//! Reading JWTs signed by the keys of a remote set: the token's `kid` picks the set's
//! snapshot (refetched at most once per cooldown for an unknown `kid`), then the token is
//! read synchronously by a [`Reader`].

use std::sync::Arc;

use super::RemoteJwkSet;
use crate::error::{ErrorKind, Result};
use crate::jwa::{KeyFamily, SigningAlg};
use crate::jwk::{JwkSet, KeyResolver, Keys};
use crate::jwt::{Claims, Reader, Token, Validation};
use crate::limits::Limits;

/// A JWT reader whose verification keys come from a [`RemoteJwkSet`]; cheap to clone.
///
/// It reads signed JWTs only (an identity provider's tokens): the unverified protected
/// header is decoded (bounded by the limits) for its `kid` alone — `jwk`, `jku`, `x5u` and
/// `x5c` are never used to find keys — then the set holding that `kid` is awaited and the
/// token is verified and validated with the algorithms the caller named.
///
/// ```no_run
/// # async fn run(token: &str) -> jwcrypt::Result<()> {
/// use jwcrypt::SigningAlg;
/// use jwcrypt::jwt::Validation;
/// use jwcrypt::remote::Discovery;
/// // The issuer's metadata gives the key set; the reader expects that issuer in `iss`.
/// let found = Discovery::new("https://login.example.com").fetch().await?;
/// let reader = found.reader(Validation::new().audience("my-api"), &[SigningAlg::RS256]);
/// let claims = reader.read(token).await?;
/// println!("{:?}", claims.sub());
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct RemoteReader {
    jwks: RemoteJwkSet,
    validation: Validation,
    algs: Arc<[SigningAlg]>,
    limits: Limits,
}

impl RemoteJwkSet {
    /// A reader of JWTs signed with this set's keys and one of `algs`, validated by
    /// `validation`.
    pub fn reader(&self, validation: Validation, algs: &[SigningAlg]) -> RemoteReader {
        RemoteReader {
            jwks: self.clone(),
            validation,
            algs: algs.into(),
            limits: Limits::DEFAULT,
        }
    }

    /// The set to use now without waiting: the cached one while fresh or within its
    /// stale-if-error bound, else an empty set. No fetch is started.
    pub fn snapshot(&self) -> Arc<JwkSet> {
        self.fallback()
            .unwrap_or_else(|_| Arc::new(JwkSet::default()))
    }
}

/// The snapshot ([`RemoteJwkSet::snapshot`]): for synchronous verifiers. The async
/// [`RemoteJwkSet::reader`] fetches what a token's `kid` needs first.
impl KeyResolver for RemoteJwkSet {
    fn current_keys(&self) -> Keys {
        Keys::from(self.snapshot())
    }
}

impl RemoteReader {
    /// Uses `limits` for the tokens read (and their unverified header).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The key set.
    pub fn jwks(&self) -> &RemoteJwkSet {
        &self.jwks
    }

    /// Reads `token` to validated claims.
    ///
    /// # Errors
    /// As [`Reader::read`] for a signed-JWT reader; the errors of
    /// [`RemoteJwkSet::keys_for_kid`] when no set can be had.
    pub async fn read(&self, token: &str) -> Result<Claims> {
        self.read_token(token).await.map(Token::into_claims)
    }

    /// Reads `token` and deserializes its validated claims into `T`.
    ///
    /// # Errors
    /// As [`RemoteReader::read`] and [`Reader::read_as`].
    pub async fn read_as<T: serde::de::DeserializeOwned>(&self, token: &str) -> Result<T> {
        let reader = self.reader_for(token).await?;
        reader.read_as(token)
    }

    /// Reads `token` to its validated claims and header.
    ///
    /// # Errors
    /// As [`RemoteReader::read`].
    pub async fn read_token(&self, token: &str) -> Result<Token> {
        let reader = self.reader_for(token).await?;
        reader.read_token(token)
    }

    /// The synchronous reader for `token`: its `kid`'s set, awaited.
    async fn reader_for(&self, token: &str) -> Result<Reader> {
        refuse_hmac(&self.algs)?;
        let kid = crate::jwt::unverified_kid(token, &self.limits)?;
        let set = self.jwks.keys_for_kid(kid.as_deref()).await?;
        self.sync_reader(set)
    }

    pub(crate) fn sync_reader(&self, set: Arc<JwkSet>) -> Result<Reader> {
        refuse_hmac(&self.algs)?;
        Reader::builder(self.validation.clone())
            .verify_with(set, &self.algs)
            .with_limits(self.limits.clone())
            .build()
    }

    /// The token's unverified `kid`, once the algorithms are known to be usable with a
    /// remote set (so nothing is fetched for an `HS*` reader).
    pub(crate) fn kid_of(&self, token: &str) -> Result<Option<String>> {
        refuse_hmac(&self.algs)?;
        crate::jwt::unverified_kid(token, &self.limits)
    }
}

/// A key set fetched from a URL is public, so it never holds an HMAC secret (its `oct` keys
/// are rejected when it is read): an `HS*` algorithm with a remote set is refused outright,
/// as panva/jose does, rather than failing later for want of a key.
pub(crate) fn refuse_hmac(algs: &[SigningAlg]) -> Result<()> {
    match algs.iter().find(|a| a.key_family() == KeyFamily::Oct) {
        Some(alg) => crate::error::err(
            ErrorKind::AlgorithmNotAllowed,
            format!(
                "{alg} is never used with a remote key set: a key published at a URL is public"
            ),
        ),
        None => Ok(()),
    }
}

impl super::Discovered {
    /// A reader of this issuer's signed JWTs: keys from its `jwks_uri`, and `validation`'s
    /// expected issuer set to the discovered `issuer` (any issuer `validation` named is
    /// replaced).
    pub fn reader(&self, validation: Validation, algs: &[SigningAlg]) -> RemoteReader {
        self.jwks
            .reader(validation.only_issuer(self.issuer.clone()), algs)
    }
}
