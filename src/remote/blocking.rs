//! The remote key set and discovery for callers without an async runtime.
//!
//! Each [`RemoteJwkSet`] here runs its own current-thread tokio runtime; calls block the
//! calling thread until the lookup is done. Call them from plain threads, never from inside
//! an async runtime (that is refused with [`ErrorKind::InvalidArgument`]); drop the last clone
//! outside one too, as tokio does not allow a runtime to be dropped there.
//!
//! ```no_run
//! use jwcrypt::remote::{self, blocking};
//! let jwks = blocking::RemoteJwkSet::new(remote::RemoteJwkSet::builder(
//!     "https://issuer.example/.well-known/jwks.json",
//! ))?;
//! let keys = jwks.keys_for_kid(Some("2026-11"))?;
//! println!("{} usable keys", keys.len());
//! # Ok::<(), jwcrypt::Error>(())
//! ```

use std::sync::Arc;

use super::{Discovery, RemoteJwkSetBuilder};
use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::SigningAlg;
use crate::jwk::JwkSet;
use crate::jwt::{Claims, Token, Validation};

/// A [`super::RemoteJwkSet`] with blocking calls; cheap to clone (clones share the cache and
/// the runtime).
#[derive(Clone, Debug)]
pub struct RemoteJwkSet {
    set: super::RemoteJwkSet,
    runtime: Arc<tokio::runtime::Runtime>,
}

/// What [`discover`] found.
#[derive(Debug)]
#[non_exhaustive]
pub struct Discovered {
    /// The issuer, equal to the configured one: the `iss` to expect in tokens.
    pub issuer: String,
    /// The metadata's `jwks_uri`.
    pub jwks_uri: String,
    /// The key set at `jwks_uri` (nothing fetched yet).
    pub jwks: RemoteJwkSet,
    /// The whole metadata document, as read.
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return err(
            ErrorKind::InvalidArgument,
            "the blocking remote API cannot run inside an async runtime: use jwcrypt::remote",
        );
    }
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::new(ErrorKind::Fetch, format!("cannot start a runtime: {e}")))
}

impl RemoteJwkSet {
    /// The remote set `builder` describes, with a runtime of its own.
    ///
    /// # Errors
    /// As [`RemoteJwkSetBuilder::build`]; [`ErrorKind::InvalidArgument`] inside an async
    /// runtime.
    pub fn new(builder: RemoteJwkSetBuilder) -> Result<Self> {
        Ok(Self {
            runtime: Arc::new(runtime()?),
            set: builder.build()?,
        })
    }

    /// As [`super::RemoteJwkSet::keys`], blocking.
    ///
    /// # Errors
    /// As [`super::RemoteJwkSet::keys`]; [`ErrorKind::InvalidArgument`] inside an async
    /// runtime.
    pub fn keys(&self) -> Result<Arc<JwkSet>> {
        self.check_context()?;
        self.runtime.block_on(self.set.keys())
    }

    /// As [`super::RemoteJwkSet::keys_for_kid`], blocking.
    ///
    /// # Errors
    /// As [`RemoteJwkSet::keys`].
    pub fn keys_for_kid(&self, kid: Option<&str>) -> Result<Arc<JwkSet>> {
        self.check_context()?;
        self.runtime.block_on(self.set.keys_for_kid(kid))
    }

    /// How many fetches were sent so far.
    pub fn fetch_count(&self) -> u64 {
        self.set.fetch_count()
    }

    /// The URL the set is fetched from.
    pub fn url(&self) -> &str {
        self.set.url()
    }

    /// The async set behind this one (sharing its cache).
    pub fn as_async(&self) -> &super::RemoteJwkSet {
        &self.set
    }

    fn check_context(&self) -> Result<()> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return err(
                ErrorKind::InvalidArgument,
                "the blocking remote API cannot run inside an async runtime: use jwcrypt::remote",
            );
        }
        Ok(())
    }
}

/// As [`Discovery::fetch`], blocking.
///
/// # Errors
/// As [`Discovery::fetch`]; [`ErrorKind::InvalidArgument`] inside an async runtime.
pub fn discover(discovery: Discovery) -> Result<Discovered> {
    let runtime = runtime()?;
    let found = runtime.block_on(discovery.fetch())?;
    Ok(Discovered {
        issuer: found.issuer,
        jwks_uri: found.jwks_uri,
        jwks: RemoteJwkSet {
            set: found.jwks,
            runtime: Arc::new(runtime),
        },
        metadata: found.metadata,
    })
}

/// The snapshot of the set ([`super::RemoteJwkSet::snapshot`]): no fetch is started.
impl crate::jwk::KeyResolver for RemoteJwkSet {
    fn current_keys(&self) -> crate::jwk::Keys {
        crate::jwk::KeyResolver::current_keys(&self.set)
    }
}

/// A [`super::RemoteReader`] with blocking calls; cheap to clone.
///
/// ```no_run
/// use jwcrypt::SigningAlg;
/// use jwcrypt::jwt::Validation;
/// use jwcrypt::remote::{Discovery, blocking};
/// let found = blocking::discover(Discovery::new("https://login.example.com"))?;
/// let reader = found.reader(Validation::new().audience("my-api"), &[SigningAlg::RS256]);
/// # let token = "";
/// let claims = reader.read(token)?; // iss must be https://login.example.com
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RemoteReader {
    reader: super::RemoteReader,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl RemoteJwkSet {
    /// As [`super::RemoteJwkSet::reader`], blocking.
    pub fn reader(&self, validation: Validation, algs: &[SigningAlg]) -> RemoteReader {
        RemoteReader {
            reader: self.set.reader(validation, algs),
            runtime: Arc::clone(&self.runtime),
        }
    }
}

impl Discovered {
    /// As [`super::Discovered::reader`]: `validation`'s expected issuer is the discovered
    /// one.
    pub fn reader(&self, validation: Validation, algs: &[SigningAlg]) -> RemoteReader {
        self.jwks
            .reader(validation.only_issuer(self.issuer.clone()), algs)
    }
}

impl RemoteReader {
    /// Uses `limits` for the tokens read.
    #[must_use]
    pub fn with_limits(mut self, limits: crate::Limits) -> Self {
        self.reader = self.reader.with_limits(limits);
        self
    }

    /// As [`super::RemoteReader::read`], blocking.
    ///
    /// # Errors
    /// As [`super::RemoteReader::read`]; [`ErrorKind::InvalidArgument`] inside an async
    /// runtime.
    pub fn read(&self, token: &str) -> Result<Claims> {
        self.read_token(token).map(Token::into_claims)
    }

    /// As [`super::RemoteReader::read_as`], blocking.
    ///
    /// # Errors
    /// As [`RemoteReader::read`].
    pub fn read_as<T: serde::de::DeserializeOwned>(&self, token: &str) -> Result<T> {
        self.sync_reader(token)?.read_as(token)
    }

    /// As [`super::RemoteReader::read_token`], blocking.
    ///
    /// # Errors
    /// As [`RemoteReader::read`].
    pub fn read_token(&self, token: &str) -> Result<Token> {
        self.sync_reader(token)?.read_token(token)
    }

    fn sync_reader(&self, token: &str) -> Result<crate::jwt::Reader> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return err(
                ErrorKind::InvalidArgument,
                "the blocking remote API cannot run inside an async runtime: use jwcrypt::remote",
            );
        }
        let kid = self.reader.kid_of(token)?;
        let set = self
            .runtime
            .block_on(self.reader.jwks().keys_for_kid(kid.as_deref()))?;
        self.reader.sync_reader(set)
    }
}
