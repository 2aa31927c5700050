//! OpenID Connect Discovery 1.0 and OAuth 2.0 Authorization Server Metadata (RFC 8414).

use serde_json::Value;

use super::{Client, Options, RemoteJwkSet, check_url, option_setters};
use crate::error::{Error, ErrorKind, Result, err};
use crate::json;
use crate::jwa;

/// Which well-known metadata document to read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum WellKnown {
    /// OpenID Connect Discovery 1.0 §4: `ISSUER/.well-known/openid-configuration` (the path
    /// appended to the issuer's).
    #[default]
    OpenIdConfiguration,
    /// RFC 8414 §3: `https://HOST/.well-known/oauth-authorization-server/PATH` (the issuer's
    /// path, if any, after the well-known part).
    OAuthAuthorizationServer,
}

/// Reads an issuer's metadata and builds the [`RemoteJwkSet`] of its `jwks_uri`.
///
/// The metadata is refused unless its `issuer` member equals the configured issuer exactly
/// (OpenID Connect Discovery §4.3, RFC 8414 §3.3): no normalization, a trailing `/` matters.
/// The fetch follows the rules of [`RemoteJwkSet`] (https only unless allowed, no redirects,
/// timeout, body bounded by [`Limits::max_jwk_len`](crate::Limits::max_jwk_len)); the settings given here apply to the
/// metadata fetch and to the key set built from it. Use the discovered
/// [`Discovered::issuer`] as the expected `iss` of tokens.
///
/// ```no_run
/// # async fn run() -> jwcrypt::Result<()> {
/// use jwcrypt::remote::Discovery;
/// let found = Discovery::new("https://accounts.example").fetch().await?;
/// assert_eq!(found.issuer, "https://accounts.example");
/// let keys = found.jwks.keys().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Discovery {
    issuer: String,
    well_known: WellKnown,
    options: Options,
}

/// What [`Discovery::fetch`] found.
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
    pub metadata: serde_json::Map<String, Value>,
}

impl Discovery {
    /// Discovery of `issuer` (an `https` URL), from its OpenID configuration by default,
    /// with the defaults of [`RemoteJwkSet::builder`].
    pub fn new(issuer: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            well_known: WellKnown::default(),
            options: Options::default(),
        }
    }

    /// Which metadata document to read (default [`WellKnown::OpenIdConfiguration`]).
    pub fn well_known(mut self, well_known: WellKnown) -> Self {
        self.well_known = well_known;
        self
    }

    option_setters!();

    /// The URL of the metadata document.
    ///
    /// ```
    /// use jwcrypt::remote::{Discovery, WellKnown};
    /// let d = Discovery::new("https://login.example/tenant-1");
    /// assert_eq!(d.metadata_url()?, "https://login.example/tenant-1/.well-known/openid-configuration");
    /// let d = d.well_known(WellKnown::OAuthAuthorizationServer);
    /// assert_eq!(d.metadata_url()?, "https://login.example/.well-known/oauth-authorization-server/tenant-1");
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for an issuer that is not an `https` URL (or `http`
    /// with `allow_http`), or that has a query or fragment (OpenID Connect Discovery §2).
    pub fn metadata_url(&self) -> Result<String> {
        let issuer = check_url(&self.issuer, self.options.allow_http)?;
        if issuer.query().is_some() || issuer.fragment().is_some() {
            return err(
                ErrorKind::InvalidArgument,
                "an issuer URL has no query or fragment",
            );
        }
        let base = self.issuer.trim_end_matches('/');
        Ok(match self.well_known {
            WellKnown::OpenIdConfiguration => format!("{base}/.well-known/openid-configuration"),
            WellKnown::OAuthAuthorizationServer => {
                let path = issuer.path().trim_end_matches('/');
                let origin = issuer.origin().ascii_serialization();
                format!("{origin}/.well-known/oauth-authorization-server{path}")
            }
        })
    }

    /// Fetches the metadata, checks its `issuer` and builds the key set of its `jwks_uri`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a bad issuer URL (see [`Discovery::metadata_url`]);
    /// [`ErrorKind::Fetch`], [`ErrorKind::LimitExceeded`] or [`ErrorKind::Json`] for a failed
    /// fetch, as [`RemoteJwkSet::keys`]; [`ErrorKind::ClaimValidation`] when the document's
    /// `issuer` is not the configured one; [`ErrorKind::Json`] for a missing or non-string
    /// `issuer` or `jwks_uri`; [`ErrorKind::InvalidArgument`] for a `jwks_uri` that is not
    /// `https` (or `http` with `allow_http`).
    pub async fn fetch(self) -> Result<Discovered> {
        let url = check_url(&self.metadata_url()?, self.options.allow_http)?;
        let client = Client::new(&self.options)?;
        let (body, _) = client.get(&url, &self.options).await?;
        let limits = &self.options.limits;
        let metadata = json::parse_object_limited(&body, limits.max_jwk_len, limits)
            .map_err(|e| Error::new(e.kind(), format!("{url}: {}", e.message())))?;
        let member = |name: &str| match metadata.get(name) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => err(
                ErrorKind::Json,
                format!("{url}: member {name:?} must be a string"),
            ),
            None => err(ErrorKind::Json, format!("{url}: no member {name:?}")),
        };
        let issuer = member("issuer")?;
        if issuer != self.issuer {
            return err(
                ErrorKind::ClaimValidation,
                format!(
                    "{url}: the metadata's issuer {:?} is not {:?}",
                    jwa::shorten(&issuer),
                    jwa::shorten(&self.issuer)
                ),
            );
        }
        let jwks_uri = member("jwks_uri")?;
        let jwks = RemoteJwkSet::with_client(&jwks_uri, client, self.options)?;
        Ok(Discovered {
            issuer,
            jwks_uri,
            jwks,
            metadata,
        })
    }
}
