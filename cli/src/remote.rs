//! `--key FILE | --jwks-url URL | --discover ISSUER_URL [--allow-http]`: where `jws verify`
//! and `jwt verify` get their keys.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use jwcrypt::jwa::KeyFamily;
use jwcrypt::jwk::Keys;
use jwcrypt::remote::{Discovery, RemoteJwkSet, blocking};
use jwcrypt::{ErrorKind, SigningAlg};

use crate::common::{CliResult, KeyFile};

/// The verification keys: a file, a JWK Set URL, or an issuer to discover.
#[derive(Args)]
pub struct VerifySource {
    /// The key: a JWK or JWK Set file.
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present_any = ["jwks_url", "discover"],
        conflicts_with_all = ["jwks_url", "discover"]
    )]
    key: Option<PathBuf>,
    /// Pick the key with this kid from a JWK Set file.
    #[arg(long, value_name = "KID", requires = "key")]
    kid: Option<String>,
    /// Fetch the keys from this JWK Set URL (https; the token's kid picks the key).
    #[arg(long = "jwks-url", value_name = "URL", conflicts_with = "discover")]
    jwks_url: Option<String>,
    /// Find the keys by OpenID Connect Discovery of this issuer (its metadata's jwks_uri);
    /// the issuer is then the expected `iss`.
    #[arg(long, value_name = "ISSUER_URL")]
    discover: Option<String>,
    /// Allow plain http URLs (for tests on loopback).
    #[arg(long = "allow-http")]
    allow_http: bool,
}

/// The keys for one token, and the issuer discovered (to expect as `iss`).
pub struct Resolved {
    pub keys: Keys,
    pub issuer: Option<String>,
}

impl VerifySource {
    /// Whether the keys come from an issuer's discovery (so `iss` is expected).
    pub fn discovers(&self) -> bool {
        self.discover.is_some()
    }

    /// Refuses an HMAC algorithm with a remote set before any fetch: a key set published at a
    /// URL is public, so its `oct` keys are never used (the library rejects them too).
    pub fn refuse_hmac_if_remote(&self, algs: &[SigningAlg]) -> CliResult<()> {
        match algs.iter().find(|a| a.key_family() == KeyFamily::Oct) {
            Some(alg) if self.key.is_none() => Err(jwcrypt::Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "{alg} is never used with a remote key set: a key published at a URL is public"
                ),
            )
            .into()),
            _ => Ok(()),
        }
    }

    /// The keys for `token`: the file's, or the remote set's after a fetch (the token's
    /// unverified `kid` only chooses whether the set is refetched; the signature decides).
    pub fn resolve(&self, token: &str) -> CliResult<Resolved> {
        if let Some(path) = &self.key {
            let keys = KeyFile::load(path, self.kid.as_deref())?.keys();
            return Ok(Resolved { keys, issuer: None });
        }
        let (jwks, issuer) = match (&self.jwks_url, &self.discover) {
            (Some(url), _) => (
                blocking::RemoteJwkSet::new(
                    RemoteJwkSet::builder(url.as_str()).allow_http(self.allow_http),
                )?,
                None,
            ),
            (None, Some(issuer)) => {
                let found = blocking::discover(
                    Discovery::new(issuer.as_str()).allow_http(self.allow_http),
                )?;
                (found.jwks, Some(found.issuer))
            }
            // clap's group requires one source.
            (None, None) => {
                return Err(crate::common::CliError::usage(
                    "one of --key, --jwks-url or --discover is required",
                ));
            }
        };
        let set: Arc<jwcrypt::JwkSet> = jwks.keys_for_kid(unverified_kid(token).as_deref())?;
        Ok(Resolved {
            keys: Keys::from(set),
            issuer,
        })
    }
}

/// The compact token's `kid`, unverified (the library bounds the decoding); `None` for the
/// JSON serialization or a header without one.
fn unverified_kid(token: &str) -> Option<String> {
    if token.starts_with('{') {
        return None;
    }
    jwcrypt::dangerous::inspect(token)
        .ok()
        .filter(|i| i.kind() == jwcrypt::dangerous::Kind::Jws)?
        .protected_header()?
        .get("kid")?
        .as_str()
        .map(str::to_owned)
}
