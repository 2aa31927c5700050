//! Remote JWK Sets and OpenID Connect Discovery (feature `remote`).
//!
//! [`RemoteJwkSet`] keeps an issuer's published key set (its `jwks_uri`) fresh: it fetches
//! it over HTTPS when first needed, caches it (`Cache-Control: max-age` honoured within
//! bounds, else [`DEFAULT_MAX_AGE`]), refetches when a token names a `kid` it does not hold,
//! and never fetches more than once per cooldown ([`DEFAULT_COOLDOWN`]), however many
//! lookups ask, so tokens with made-up `kid`s cannot make it hammer the issuer. Concurrent
//! lookups share one fetch in flight. When a refetch fails, the last good set stays in use
//! for a bounded time ([`DEFAULT_STALE_IF_ERROR`] past its expiry).
//!
//! Every response is untrusted input: fetches time out ([`DEFAULT_TIMEOUT`]), bodies are
//! bounded by [`Limits::max_jwk_len`] (checked against `Content-Length` before reading and
//! while reading), only status 200 is accepted, and **redirects are not followed at all** (a
//! `jwks_uri` or discovery URL is configuration: a redirect is an error, so a response can
//! never send the client to another host). Plain `http` URLs are refused unless
//! [`RemoteJwkSetBuilder::allow_http`] is set (for tests on loopback). The set is read with
//! [`JwkSet::from_json_with_limits`]: keys jwcrypt cannot use are reported in
//! [`JwkSet::rejected`] and never used.
//!
//! [`Discovery`] reads an issuer's OpenID Connect Discovery 1.0 (or RFC 8414) metadata,
//! refuses it unless its `issuer` is exactly the configured one, and builds the
//! [`RemoteJwkSet`] of its `jwks_uri`. [`blocking`] has the same for callers without an async
//! runtime.
//!
//! ```no_run
//! # async fn run() -> jwcrypt::Result<()> {
//! use jwcrypt::remote::RemoteJwkSet;
//! let jwks = RemoteJwkSet::builder("https://issuer.example/.well-known/jwks.json").build()?;
//! // The set holding the token's kid (refetched at most once per cooldown if unknown).
//! let keys = jwks.keys_for_kid(Some("2026-11")).await?;
//! for key in keys.find_by_kid("2026-11") {
//!     println!("{key:?}");
//! }
//! # Ok(())
//! # }
//! ```

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use reqwest::Url;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa;
use crate::jwk::JwkSet;
use crate::limits::Limits;

pub mod blocking;
mod discovery;
mod reader;

pub use discovery::{Discovered, Discovery, WellKnown};
pub use reader::RemoteReader;

/// How long a fetched set is used when the response has no usable `Cache-Control: max-age`:
/// 10 minutes.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(600);
/// The shortest time between two fetches: 30 seconds.
pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(30);
/// How long a fetch (connection, request and the whole body) may take: 5 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long past its expiry the last good set is still used while refetches fail: 1 hour.
pub const DEFAULT_STALE_IF_ERROR: Duration = Duration::from_secs(3600);
/// The bounds within which a response's `Cache-Control: max-age` is honoured: 1 minute to
/// 24 hours.
pub const DEFAULT_MAX_AGE_BOUNDS: (Duration, Duration) =
    (Duration::from_secs(60), Duration::from_secs(86_400));

/// The settings shared by [`RemoteJwkSetBuilder`] and [`Discovery`].
#[derive(Clone, Debug)]
pub(crate) struct Options {
    cooldown: Duration,
    max_age: Duration,
    max_age_bounds: (Duration, Duration),
    timeout: Duration,
    stale_if_error: Duration,
    allow_http: bool,
    limits: Limits,
    /// Extra trusted root certificates, PEM (parsed when the client is built).
    roots: Vec<Vec<u8>>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            cooldown: DEFAULT_COOLDOWN,
            max_age: DEFAULT_MAX_AGE,
            max_age_bounds: DEFAULT_MAX_AGE_BOUNDS,
            timeout: DEFAULT_TIMEOUT,
            stale_if_error: DEFAULT_STALE_IF_ERROR,
            allow_http: false,
            limits: Limits::DEFAULT,
            roots: Vec::new(),
        }
    }
}

/// The setters of [`Options`], for a builder with an `options` field.
macro_rules! option_setters {
    () => {
        /// The shortest time between two fetches (default [`DEFAULT_COOLDOWN`](crate::remote::DEFAULT_COOLDOWN), 30 s): an
        /// unknown `kid`, an expired set or a failed fetch never cause more than one fetch
        /// per cooldown.
        pub fn cooldown(mut self, cooldown: std::time::Duration) -> Self {
            self.options.cooldown = cooldown;
            self
        }

        /// How long a set is used when its response has no `Cache-Control: max-age`
        /// (default [`DEFAULT_MAX_AGE`](crate::remote::DEFAULT_MAX_AGE), 10 min). A set is refetched when it expires, but
        /// not before the cooldown has passed since the last fetch.
        pub fn max_age(mut self, max_age: std::time::Duration) -> Self {
            self.options.max_age = max_age;
            self
        }

        /// The bounds within which `Cache-Control: max-age` (or `no-store`/`no-cache`,
        /// read as 0) is honoured; values outside are clamped (default
        /// [`DEFAULT_MAX_AGE_BOUNDS`](crate::remote::DEFAULT_MAX_AGE_BOUNDS), 1 min to 24 h).
        pub fn max_age_bounds(
            mut self,
            min: std::time::Duration,
            max: std::time::Duration,
        ) -> Self {
            self.options.max_age_bounds = (min, max.max(min));
            self
        }

        /// How long one fetch may take, body included (default [`DEFAULT_TIMEOUT`](crate::remote::DEFAULT_TIMEOUT), 5 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = timeout;
            self
        }

        /// How long past its expiry the last good set is still used while refetches fail
        /// (default [`DEFAULT_STALE_IF_ERROR`](crate::remote::DEFAULT_STALE_IF_ERROR), 1 h); after that, lookups fail until a fetch
        /// succeeds.
        pub fn stale_if_error(mut self, stale: std::time::Duration) -> Self {
            self.options.stale_if_error = stale;
            self
        }

        /// Whether plain `http` URLs are allowed (default `false`: only `https`). Meant for
        /// tests against a server on loopback; without it an `http` URL is refused before
        /// any request.
        pub fn allow_http(mut self, allow: bool) -> Self {
            self.options.allow_http = allow;
            self
        }

        /// Trusts this root certificate (PEM text; several certificates may follow each
        /// other) besides the platform's roots, for an issuer behind a private CA. Read when
        /// the set is built: a PEM text that holds no certificate fails there.
        pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
            self.options.roots.push(pem.into());
            self
        }

        /// The limits applied to responses: [`Limits::max_jwk_len`](crate::Limits::max_jwk_len) bounds every body, and
        /// the set is read with these limits (default [`Limits::DEFAULT`](crate::Limits::DEFAULT)).
        pub fn limits(mut self, limits: crate::Limits) -> Self {
            self.options.limits = limits;
            self
        }
    };
}
pub(crate) use option_setters;

/// Builds a [`RemoteJwkSet`]; see [`RemoteJwkSet::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct RemoteJwkSetBuilder {
    url: String,
    options: Options,
}

impl RemoteJwkSetBuilder {
    option_setters!();

    /// The remote set.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a URL that does not parse, is not `https` (or
    /// `http` with [`RemoteJwkSetBuilder::allow_http`]) or holds a user name or password,
    /// or for a root certificate that is not PEM;
    /// [`ErrorKind::Fetch`] if the HTTP client cannot be set up.
    pub fn build(self) -> Result<RemoteJwkSet> {
        let client = Client::new(&self.options)?;
        RemoteJwkSet::with_client(&self.url, client, self.options)
    }
}

/// A JWK Set fetched from a URL and kept fresh; cheap to clone (clones share the cache).
///
/// See the [module docs](self) for the caching rules.
#[derive(Clone)]
pub struct RemoteJwkSet {
    inner: Arc<Inner>,
}

struct Inner {
    url: Url,
    client: Client,
    options: Options,
    state: Mutex<State>,
    /// Held while a fetch is in flight: later lookups wait for it and share its result.
    fetching: tokio::sync::Mutex<()>,
    fetches: AtomicU64,
}

#[derive(Default)]
struct State {
    current: Option<Cached>,
    last_attempt: Option<Instant>,
    /// The error of the last fetch, if it failed (kind and message).
    last_error: Option<(ErrorKind, String)>,
    /// Counts finished fetches, so a lookup that waited for one knows it happened.
    generation: u64,
}

struct Cached {
    set: Arc<JwkSet>,
    expires: Instant,
}

impl std::fmt::Debug for RemoteJwkSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteJwkSet")
            .field("url", &self.inner.url.as_str())
            .field("fetch_count", &self.fetch_count())
            .finish_non_exhaustive()
    }
}

impl RemoteJwkSet {
    /// A builder for the set published at `url`, with the defaults: cooldown 30 s, max-age
    /// 10 min (`Cache-Control: max-age` honoured between 1 min and 24 h), timeout 5 s, stale
    /// sets used up to 1 h past expiry while refetches fail, `https` only, [`Limits::DEFAULT`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use jwcrypt::remote::RemoteJwkSet;
    /// let jwks = RemoteJwkSet::builder("https://issuer.example/jwks.json")
    ///     .cooldown(Duration::from_secs(60))
    ///     .timeout(Duration::from_secs(3))
    ///     .build()?;
    /// assert_eq!(jwks.fetch_count(), 0); // nothing is fetched before the first lookup
    /// let refused = RemoteJwkSet::builder("http://issuer.example/jwks.json").build();
    /// assert_eq!(refused.unwrap_err().kind(), jwcrypt::ErrorKind::InvalidArgument);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn builder(url: impl Into<String>) -> RemoteJwkSetBuilder {
        RemoteJwkSetBuilder {
            url: url.into(),
            options: Options::default(),
        }
    }

    fn with_client(url: &str, client: Client, options: Options) -> Result<Self> {
        let url = check_url(url, options.allow_http)?;
        Ok(Self {
            inner: Arc::new(Inner {
                url,
                client,
                options,
                state: Mutex::new(State::default()),
                fetching: tokio::sync::Mutex::new(()),
                fetches: AtomicU64::new(0),
            }),
        })
    }

    /// The URL the set is fetched from.
    pub fn url(&self) -> &str {
        self.inner.url.as_str()
    }

    /// How many fetches were sent so far (successful or not), for tests and metrics.
    pub fn fetch_count(&self) -> u64 {
        self.inner.fetches.load(Ordering::Relaxed)
    }

    /// The current set: the cached one while it is fresh, else a fetched one (at most one
    /// fetch per cooldown; while the cooldown runs, or when a fetch fails, the last good set
    /// is returned if it is within its stale-if-error bound).
    ///
    /// # Errors
    /// When there is no usable set: the error of the failed fetch ([`ErrorKind::Fetch`] for
    /// connection errors, timeouts, HTTP statuses other than 200 and redirects,
    /// [`ErrorKind::LimitExceeded`] for an oversized body, [`ErrorKind::Json`] for a body that
    /// is not a JWK Set), or that error again while the cooldown runs.
    pub async fn keys(&self) -> Result<Arc<JwkSet>> {
        if let Some(set) = self.fresh() {
            return Ok(set);
        }
        self.refresh().await
    }

    /// The current set, refetched first (at most once per cooldown) when `kid` is given and
    /// no key of the current set has it. The set returned may still lack the `kid`: the
    /// token then names no key of the issuer.
    ///
    /// # Errors
    /// As [`RemoteJwkSet::keys`].
    pub async fn keys_for_kid(&self, kid: Option<&str>) -> Result<Arc<JwkSet>> {
        let set = self.keys().await?;
        match kid {
            Some(kid) if set.find_by_kid(kid).next().is_none() => {
                if self.cooling_down() {
                    return Ok(set);
                }
                self.refresh().await
            }
            _ => Ok(set),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent even if a holder panicked: every update is one assignment.
        self.inner
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn fresh(&self) -> Option<Arc<JwkSet>> {
        let state = self.lock();
        let cached = state.current.as_ref()?;
        (Instant::now() < cached.expires).then(|| Arc::clone(&cached.set))
    }

    fn cooling_down(&self) -> bool {
        let state = self.lock();
        state
            .last_attempt
            .is_some_and(|t| t.elapsed() < self.inner.options.cooldown)
    }

    /// The last good set if it is still within its stale bound, else the last error.
    fn fallback(&self) -> Result<Arc<JwkSet>> {
        let state = self.lock();
        if let Some(cached) = &state.current {
            let limit = cached
                .expires
                .checked_add(self.inner.options.stale_if_error)
                .unwrap_or(cached.expires);
            if Instant::now() < limit {
                return Ok(Arc::clone(&cached.set));
            }
        }
        match &state.last_error {
            Some((kind, message)) => Err(Error::new(*kind, message.clone())),
            None => err(
                ErrorKind::Fetch,
                format!("no usable JWK Set from {}", self.inner.url),
            ),
        }
    }

    /// Fetches unless the cooldown runs, sharing a fetch already in flight.
    async fn refresh(&self) -> Result<Arc<JwkSet>> {
        let seen = self.lock().generation;
        let _guard = self.inner.fetching.lock().await;
        {
            let state = self.lock();
            if state.generation != seen {
                // Another lookup fetched while this one waited: use its outcome.
                drop(state);
                return self.after_fetch();
            }
        }
        if self.cooling_down() {
            return self.fallback();
        }
        self.lock().last_attempt = Some(Instant::now());
        self.inner.fetches.fetch_add(1, Ordering::Relaxed);
        let outcome = self.fetch_set().await;
        let mut state = self.lock();
        state.generation = state.generation.wrapping_add(1);
        match outcome {
            Ok((set, max_age)) => {
                let set = Arc::new(set);
                let now = Instant::now();
                state.current = Some(Cached {
                    set: Arc::clone(&set),
                    expires: now.checked_add(max_age).unwrap_or(now),
                });
                state.last_error = None;
                Ok(set)
            }
            Err(e) => {
                state.last_error = Some((e.kind(), e.message().to_owned()));
                drop(state);
                self.fallback()
            }
        }
    }

    /// The outcome of the fetch that just finished: the new set, or the fallback.
    fn after_fetch(&self) -> Result<Arc<JwkSet>> {
        let state = self.lock();
        if state.last_error.is_none()
            && let Some(cached) = &state.current
        {
            return Ok(Arc::clone(&cached.set));
        }
        drop(state);
        self.fallback()
    }

    async fn fetch_set(&self) -> Result<(JwkSet, Duration)> {
        let options = &self.inner.options;
        let (body, max_age) = self.inner.client.get(&self.inner.url, options).await?;
        let set = JwkSet::from_published_json(&body, &options.limits).map_err(|e| {
            Error::new(
                e.kind(),
                format!("the JWK Set at {}: {}", self.inner.url, e.message()),
            )
        })?;
        Ok((set, max_age.unwrap_or(options.max_age)))
    }
}

/// The HTTP client: no redirects, a timeout, `https` only unless allowed.
#[derive(Clone)]
pub(crate) struct Client(reqwest::Client);

impl Client {
    pub(crate) fn new(options: &Options) -> Result<Self> {
        let mut builder = reqwest::Client::builder();
        for pem in &options.roots {
            let certs = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!("a root certificate is not PEM: {e}"),
                )
            })?;
            if certs.is_empty() {
                return err(
                    ErrorKind::InvalidArgument,
                    "a root certificate PEM text holds no certificate",
                );
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        builder
            .redirect(reqwest::redirect::Policy::none())
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .https_only(!options.allow_http)
            .build()
            .map(Self)
            .map_err(|e| Error::new(ErrorKind::Fetch, format!("cannot set up HTTP: {e}")))
    }

    /// GETs `url`: the body (at most `max_jwk_len` bytes) and the honoured `max-age`, if any.
    pub(crate) async fn get(
        &self,
        url: &Url,
        options: &Options,
    ) -> Result<(Vec<u8>, Option<Duration>)> {
        let fail = |what: String| Error::new(ErrorKind::Fetch, format!("{url}: {what}"));
        let mut response = self
            .0
            .get(url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| fail(describe(&e)))?;
        let status = response.status();
        if status.is_redirection() {
            return Err(fail(format!(
                "HTTP status {} (redirects are not followed)",
                status.as_u16()
            )));
        }
        if status != reqwest::StatusCode::OK {
            return Err(fail(format!("HTTP status {}", status.as_u16())));
        }
        let max = options.limits.max_jwk_len;
        let too_big = || {
            Error::new(
                ErrorKind::LimitExceeded,
                format!("{url}: the response is over the limit of {max} bytes"),
            )
        };
        if response
            .content_length()
            .is_some_and(|n| usize::try_from(n).map_or(true, |n| n > max))
        {
            return Err(too_big());
        }
        let max_age = response
            .headers()
            .get_all(reqwest::header::CACHE_CONTROL)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(cache_max_age)
            .map(|age| age.clamp(options.max_age_bounds.0, options.max_age_bounds.1));
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| fail(describe(&e)))? {
            if chunk.len() > max.saturating_sub(body.len()) {
                return Err(too_big());
            }
            body.extend_from_slice(&chunk);
        }
        Ok((body, max_age))
    }
}

/// A reqwest error in one line, with its causes (a timeout says so).
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return "timed out".into();
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// The `max-age` of one `Cache-Control` header value (`no-store` and `no-cache` read as 0).
fn cache_max_age(value: &str) -> Option<Duration> {
    value.split(',').map(str::trim).find_map(|directive| {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return Some(Duration::ZERO);
        }
        let secs = lower.strip_prefix("max-age=")?.trim_matches('"');
        secs.parse::<u64>().ok().map(Duration::from_secs)
    })
}

/// A configured URL: parses, `https` (or `http` if allowed), no credentials.
pub(crate) fn check_url(url: &str, allow_http: bool) -> Result<Url> {
    let shown = jwa::shorten(url);
    let parsed = Url::parse(url).map_err(|e| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("{shown:?} is not a URL: {e}"),
        )
    })?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_http => {}
        "http" => {
            return err(
                ErrorKind::InvalidArgument,
                format!("{shown:?} is not https (plain http needs allow_http)"),
            );
        }
        other => {
            return err(
                ErrorKind::InvalidArgument,
                format!(
                    "{shown:?}: unsupported URL scheme {:?}",
                    jwa::shorten(other)
                ),
            );
        }
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return err(
            ErrorKind::InvalidArgument,
            "a key set URL may not hold a user name or password",
        );
    }
    if parsed.host_str().is_none() {
        return err(ErrorKind::InvalidArgument, format!("{shown:?} has no host"));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_control_directives() {
        let secs = Duration::from_secs;
        assert_eq!(cache_max_age("max-age=300"), Some(secs(300)));
        assert_eq!(
            cache_max_age("public, Max-Age=17, must-revalidate"),
            Some(secs(17))
        );
        assert_eq!(cache_max_age("no-store"), Some(Duration::ZERO));
        assert_eq!(cache_max_age("max-age=\"9\""), Some(secs(9)));
        assert_eq!(cache_max_age("max-age=-1"), None);
        assert_eq!(cache_max_age("max-age=1e9"), None);
        assert_eq!(cache_max_age("private"), None);
        assert_eq!(cache_max_age(""), None);
    }

    #[test]
    fn urls() {
        assert!(check_url("https://issuer.example/jwks", false).is_ok());
        assert!(check_url("http://127.0.0.1:1/jwks", true).is_ok());
        for (url, allow) in [
            ("http://issuer.example/jwks", false),
            ("ftp://issuer.example/jwks", true),
            ("file:///etc/passwd", true),
            ("https://user:pw@issuer.example/jwks", false),
            ("not a url", false),
            ("", false),
        ] {
            let e = check_url(url, allow).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{url}");
            assert!(!e.message().contains("pw@"), "{e}");
        }
    }
}
