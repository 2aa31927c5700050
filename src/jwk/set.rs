//! JWK Sets (RFC 7517 §5).

use serde_json::Value;
use zeroize::Zeroizing;

use super::{Jwk, KeyType, KeyUse};
use crate::error::{Error, ErrorKind, Result, err};
use crate::json;
use crate::jwa::{self, Algorithm, KeyFamily};
use crate::limits::Limits;

/// A JWK Set: `{"keys": [...]}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JwkSet {
    keys: Vec<Jwk>,
}

impl JwkSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a JWK Set from JSON text, with the default [`Limits`]. Every key must parse:
    /// a key that does not is reported (with its index), not silently dropped.
    ///
    /// # Errors
    /// [`ErrorKind::Json`] for malformed JSON or a missing `keys` array,
    /// [`ErrorKind::InvalidKey`] (naming the index) for a key that does not parse,
    /// [`ErrorKind::LimitExceeded`] for oversized input or too many keys.
    pub fn from_json(text: impl AsRef<[u8]>) -> Result<Self> {
        Self::from_json_with_limits(text, &Limits::DEFAULT)
    }

    /// As [`JwkSet::from_json`], with the given limits.
    ///
    /// # Errors
    /// As [`JwkSet::from_json`].
    pub fn from_json_with_limits(text: impl AsRef<[u8]>, limits: &Limits) -> Result<Self> {
        let obj = json::parse_object_limited(text.as_ref(), limits.max_jwk_len, limits)?;
        Self::from_object(obj, limits)
    }

    /// The set in a parsed JSON object (its `keys`, of at most `max_jwk_set_keys` keys).
    fn from_object(mut obj: json::Object, limits: &Limits) -> Result<Self> {
        let Some(Value::Array(items)) = obj.remove("keys") else {
            return err(ErrorKind::Json, "a JWK Set needs a \"keys\" array");
        };
        if items.len() > limits.max_jwk_set_keys {
            return err(
                ErrorKind::LimitExceeded,
                format!(
                    "a JWK Set of {} keys is over the limit of {}",
                    items.len(),
                    limits.max_jwk_set_keys
                ),
            );
        }
        let keys = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                match item {
                    Value::Object(o) => Jwk::from_object(o),
                    _ => err(ErrorKind::Json, "a key must be a JSON object"),
                }
                .map_err(|e| Error::new(e.kind(), format!("key {i}: {}", e.message())))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self { keys })
    }

    /// Adds a key.
    pub fn push(&mut self, key: Jwk) {
        self.keys.push(key);
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// Iterates over the keys.
    pub fn iter(&self) -> std::slice::Iter<'_, Jwk> {
        self.keys.iter()
    }

    /// The keys whose `kid` is `kid`.
    pub fn find_by_kid<'a>(&'a self, kid: &'a str) -> impl Iterator<Item = &'a Jwk> + 'a {
        self.keys.iter().filter(move |k| k.kid() == Some(kid))
    }

    /// The keys that fit every criterion given (`None` means "any"):
    ///
    /// * `kid`: the key's `kid` is exactly this;
    /// * `key_use`: the key's `use` is this or absent, and its `key_ops`, if any, include an
    ///   operation of this use;
    /// * `alg`: the key's type fits the algorithm, and its own `alg` is this or absent.
    ///
    /// ```
    /// use jwcrypt::{Jwk, JwkSet, SigningAlg, jwk::KeyUse};
    /// let set: JwkSet = [
    ///     Jwk::generate_oct(256)?.with_kid("a").with_use(KeyUse::Encryption),
    ///     Jwk::generate_oct(256)?.with_kid("b"),
    /// ].into_iter().collect();
    /// let mac = SigningAlg::HS256.into();
    /// let found: Vec<_> = set.find(None, Some(&KeyUse::Signature), Some(&mac)).collect();
    /// assert_eq!(found.len(), 1);
    /// assert_eq!(found[0].kid(), Some("b"));
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn find<'a>(
        &'a self,
        kid: Option<&'a str>,
        key_use: Option<&'a KeyUse>,
        alg: Option<&'a Algorithm>,
    ) -> impl Iterator<Item = &'a Jwk> + 'a {
        self.keys.iter().filter(move |k| {
            kid.is_none_or(|kid| k.kid() == Some(kid))
                && key_use.is_none_or(|u| fits_use(k, u))
                && alg.is_none_or(|a| fits_alg(k, a))
        })
    }

    /// The one key whose `kid` is `kid`.
    ///
    /// # Errors
    /// [`ErrorKind::KeyNotFound`] when no key, or more than one key, has this `kid` (RFC 7517
    /// allows duplicate `kid`s in a set; use [`JwkSet::find`] to tell such keys apart).
    pub fn get(&self, kid: &str) -> Result<&Jwk> {
        let mut found = self.keys.iter().filter(|k| k.kid() == Some(kid));
        match (found.next(), found.next()) {
            (Some(k), None) => Ok(k),
            (None, _) => err(
                ErrorKind::KeyNotFound,
                format!("no key has kid {:?}", jwa::shorten(kid)),
            ),
            (Some(_), Some(_)) => err(
                ErrorKind::KeyNotFound,
                format!(
                    "kid {:?} is ambiguous: {} keys have it",
                    jwa::shorten(kid),
                    2 + found.count()
                ),
            ),
        }
    }

    /// A set of the public parts of the asymmetric keys, in order; symmetric (`oct`) keys
    /// are left out, as they have no public part.
    pub fn to_public(&self) -> JwkSet {
        self.keys
            .iter()
            .filter_map(|k| k.to_public().ok())
            .collect()
    }

    /// The public set ([`JwkSet::to_public`]) as JSON text `{"keys":[...]}`, ready to be
    /// published.
    ///
    /// # Errors
    /// None today; kept fallible as key export is.
    pub fn export_public(&self) -> Result<String> {
        let keys = self
            .keys
            .iter()
            .filter(|k| k.key_type() != KeyType::Oct)
            .map(|k| k.to_value(false))
            .collect::<Result<Vec<_>>>()?;
        Ok(set_json(keys))
    }

    /// Every key with all the material it holds (private keys with their private members,
    /// public keys as they are) as JSON text, in a buffer zeroized on drop.
    ///
    /// # Errors
    /// None today; kept fallible as key export is.
    pub fn export_private(&self) -> Result<Zeroizing<String>> {
        let keys = self
            .keys
            .iter()
            .map(|k| k.to_value(k.is_private()))
            .collect::<Result<Vec<_>>>()?;
        Ok(Zeroizing::new(set_json(keys)))
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set has no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// What a key file holds: one JWK, or a JWK Set (`{"keys": [...]}`), told apart from one
/// strict parse of the text. An object with a `keys` member and no `kty` member is a set;
/// any other object is read as one JWK.
///
/// ```
/// use jwcrypt::jwk::JwkOrSet;
/// let one = jwcrypt::Jwk::generate_oct(256)?.export_private()?;
/// assert!(matches!(JwkOrSet::from_json(&*one)?, JwkOrSet::Jwk(_)));
/// let set = format!("{{\"keys\":[{}]}}", &*one);
/// assert!(matches!(JwkOrSet::from_json(&set)?, JwkOrSet::Set(s) if s.len() == 1));
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum JwkOrSet {
    /// One JWK.
    Jwk(Box<Jwk>),
    /// A JWK Set.
    Set(JwkSet),
}

impl JwkOrSet {
    /// Reads a JWK or a JWK Set from JSON text, with the default [`Limits`].
    ///
    /// # Errors
    /// As [`Jwk::from_json`] for one key, as [`JwkSet::from_json`] for a set; the text is
    /// parsed once, and every error comes from that parse or from the key (or set) read
    /// from it.
    pub fn from_json(text: impl AsRef<[u8]>) -> Result<Self> {
        Self::from_json_with_limits(text, &Limits::DEFAULT)
    }

    /// As [`JwkOrSet::from_json`], with the given limits (`max_jwk_len`, `max_json_depth`,
    /// `max_json_values`, `max_jwk_set_keys`).
    ///
    /// # Errors
    /// As [`JwkOrSet::from_json`].
    pub fn from_json_with_limits(text: impl AsRef<[u8]>, limits: &Limits) -> Result<Self> {
        let obj = json::parse_object_limited(text.as_ref(), limits.max_jwk_len, limits)?;
        if obj.contains_key("keys") && !obj.contains_key("kty") {
            JwkSet::from_object(obj, limits).map(Self::Set)
        } else {
            Jwk::from_object(obj).map(|k| Self::Jwk(Box::new(k)))
        }
    }
}

fn set_json(keys: Vec<Value>) -> String {
    let mut obj = json::Object::new();
    obj.insert("keys".into(), Value::Array(keys));
    Value::Object(obj).to_string()
}

fn fits_use(key: &Jwk, wanted: &KeyUse) -> bool {
    let params = key.params();
    params.key_use.as_ref().is_none_or(|u| u == wanted)
        && params
            .key_ops
            .as_ref()
            .is_none_or(|ops| ops.iter().any(|op| wanted.permits(op)))
}

fn fits_alg(key: &Jwk, alg: &Algorithm) -> bool {
    let family = match alg {
        Algorithm::Signing(a) => Some(a.key_family()),
        Algorithm::KeyManagement(a) => Some(a.key_family()),
        Algorithm::ContentEncryption(_) => Some(KeyFamily::Oct),
        Algorithm::Other(_) => None,
    };
    family == Some(key.key_type().family()) && key.alg().is_none_or(|own| own == alg)
}

impl FromIterator<Jwk> for JwkSet {
    fn from_iter<I: IntoIterator<Item = Jwk>>(iter: I) -> Self {
        Self {
            keys: iter.into_iter().collect(),
        }
    }
}

impl<'a> IntoIterator for &'a JwkSet {
    type Item = &'a Jwk;
    type IntoIter = std::slice::Iter<'a, Jwk>;
    fn into_iter(self) -> Self::IntoIter {
        self.keys.iter()
    }
}
