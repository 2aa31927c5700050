//! JWK Sets (RFC 7517 §5).

use serde_json::Value;
use zeroize::Zeroizing;

use super::{Jwk, KeyType, KeyUse};
use crate::error::{Error, ErrorKind, Result, err};
use crate::json;
use crate::jwa::{self, Algorithm, KeyFamily};
use crate::limits::Limits;

/// A JWK Set: `{"keys": [...]}`.
///
/// Identity providers publish sets that mix keys jwcrypt can use with keys it cannot (an EC or
/// OKP key beside the RSA ones, an algorithm it does not implement). [`JwkSet::from_json`]
/// keeps every usable key and reports the others in [`JwkSet::rejected`]; a rejected entry is
/// never used to verify or decrypt. [`JwkSet::from_json_strict`] refuses the whole set instead.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    rejected: Vec<RejectedKey>,
}

/// An entry of a JWK Set that could not be imported, and why. It holds no key material:
/// only the entry's position, its `kid` and `kty` where they are strings, and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedKey {
    index: usize,
    kid: Option<String>,
    kty: Option<String>,
    kind: ErrorKind,
    reason: String,
}

impl RejectedKey {
    /// The entry's position in the set's `keys` array (from 0).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The entry's `kid`, if it has one that is a string.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The entry's `kty`, if it has one that is a string.
    pub fn kty(&self) -> Option<&str> {
        self.kty.as_deref()
    }

    /// The kind of the error that rejected the entry: [`ErrorKind::InvalidKey`] for an
    /// unsupported key type or malformed key material, [`ErrorKind::UnsupportedAlgorithm`]
    /// for an `alg` jwcrypt does not implement, [`ErrorKind::KeyMismatch`] for an `alg` of
    /// another key type, [`ErrorKind::Json`] for members of the wrong JSON type.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Why the entry cannot be used, for example `unsupported key type "EC"`.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The reason as an [`Error`] naming the entry (`key 2: unsupported key type "EC"`).
    pub fn to_error(&self) -> Error {
        Error::new(self.kind, format!("key {}: {}", self.index, self.reason))
    }
}

impl JwkSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a JWK Set from JSON text, with the default [`Limits`], keeping every key it can
    /// use. An entry that is not a usable key (an unsupported `kty`, an invalid EC or OKP point, an
    /// `alg` jwcrypt does not implement or that does not fit the key type, malformed members)
    /// is left out of [`JwkSet::keys`] and reported in [`JwkSet::rejected`]: it is never used
    /// to verify or decrypt, and is not exported.
    ///
    /// ```
    /// use jwcrypt::{ErrorKind, JwkSet};
    /// let set = JwkSet::from_json(r#"{"keys": [
    ///     {"kty": "oct", "kid": "mac", "alg": "HS256", "k": "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0IQ"},
    ///     {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AAAA", "y": "AAAA"}
    /// ]}"#)?;
    /// assert_eq!(set.len(), 1);
    /// assert_eq!(set.rejected().len(), 1);
    /// let rejected = &set.rejected()[0];
    /// assert_eq!((rejected.index(), rejected.kid(), rejected.kty()), (1, Some("ec"), Some("EC")));
    /// assert_eq!(rejected.kind(), ErrorKind::InvalidKey);
    /// assert_eq!(rejected.reason(), "P-256 coordinates x and y must be 32 bytes each, not 3 and 3");
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// Only for the document as a whole: [`ErrorKind::Json`] for malformed JSON (including a
    /// duplicate member anywhere) or a missing `keys` array, [`ErrorKind::LimitExceeded`] for
    /// oversized input or more entries than [`Limits::max_jwk_set_keys`] (usable or not).
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

    /// The set in a parsed JSON object, tolerantly (see [`JwkSet::from_json`]).
    fn from_object(obj: json::Object, limits: &Limits) -> Result<Self> {
        Self::from_items(items_of(obj, limits)?, false)
    }

    /// A key set published at a URL (a `jwks_uri`), read tolerantly as [`JwkSet::from_json`]
    /// does. What is published is public: an `oct` key there is a secret anyone can read, so
    /// it is rejected (reported in [`JwkSet::rejected`], never used: no HMAC token verifies
    /// with a remote set), and a private key keeps only its public part.
    #[cfg(feature = "remote")]
    pub(crate) fn from_published_json(text: &[u8], limits: &Limits) -> Result<Self> {
        let obj = json::parse_object_limited(text, limits.max_jwk_len, limits)?;
        Self::from_items(items_of(obj, limits)?, true)
    }

    fn from_items(items: Vec<Value>, published: bool) -> Result<Self> {
        let mut set = Self::default();
        for (index, item) in items.into_iter().enumerate() {
            match import(item) {
                Ok(key) if published && key.key_type() == KeyType::Oct => {
                    set.rejected.push(RejectedKey {
                        index,
                        kid: key.kid().map(str::to_owned),
                        kty: Some("oct".into()),
                        kind: ErrorKind::InvalidKey,
                        reason: "a symmetric (oct) key published at a URL is public: never used"
                            .into(),
                    });
                }
                Ok(key) if published && key.is_private() => set.keys.push(key.to_public()?),
                Ok(key) => set.keys.push(key),
                Err(rejected) => set.rejected.push(rejected.at(index)),
            }
        }
        Ok(set)
    }

    /// Reads a JWK Set from JSON text, with the default [`Limits`], refusing the whole set
    /// when any entry is not a usable key (the entries [`JwkSet::from_json`] would report in
    /// [`JwkSet::rejected`]). For sets you publish or control.
    ///
    /// ```
    /// use jwcrypt::JwkSet;
    /// let text = r#"{"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}]}"#;
    /// let e = JwkSet::from_json_strict(text).unwrap_err();
    /// assert_eq!(e.message(), "key 0: an Ed25519 public key must be 32 bytes, not 3");
    /// assert!(JwkSet::from_json(text)?.is_empty());
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`JwkSet::from_json`], and the error of the first unusable entry, naming its index
    /// (see [`RejectedKey::kind`]).
    pub fn from_json_strict(text: impl AsRef<[u8]>) -> Result<Self> {
        Self::from_json_strict_with_limits(text, &Limits::DEFAULT)
    }

    /// As [`JwkSet::from_json_strict`], with the given limits.
    ///
    /// # Errors
    /// As [`JwkSet::from_json_strict`].
    pub fn from_json_strict_with_limits(text: impl AsRef<[u8]>, limits: &Limits) -> Result<Self> {
        let items = parse_items(text.as_ref(), limits)?;
        let keys = items
            .into_iter()
            .enumerate()
            .map(|(index, item)| import(item).map_err(|r| r.at(index).to_error()))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            keys,
            rejected: Vec::new(),
        })
    }

    /// The entries that could not be imported, in order (empty for a set built in code or
    /// read with [`JwkSet::from_json_strict`]).
    pub fn rejected(&self) -> &[RejectedKey] {
        &self.rejected
    }

    /// Adds `key`, replacing the keys that have its `kid` (the new key takes the place of the
    /// first of them); a key without `kid` is appended. Returns the keys it replaced.
    ///
    /// ```
    /// use jwcrypt::{Jwk, JwkSet};
    /// let mut set: JwkSet = [Jwk::generate_oct(256)?.with_kid("a")].into_iter().collect();
    /// let replaced = set.insert(Jwk::generate_oct(256)?.with_kid("a"));
    /// assert_eq!((replaced.len(), set.len()), (1, 1));
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn insert(&mut self, key: Jwk) -> Vec<Jwk> {
        let Some(kid) = key.kid().map(str::to_owned) else {
            self.keys.push(key);
            return Vec::new();
        };
        let at = self.keys.iter().position(|k| k.kid() == Some(kid.as_str()));
        let replaced = self.remove(&kid);
        let at = at.unwrap_or(self.keys.len()).min(self.keys.len());
        self.keys.insert(at, key);
        replaced
    }

    /// Removes every key whose `kid` is `kid` and returns them, in order.
    ///
    /// ```
    /// use jwcrypt::{Jwk, JwkSet};
    /// let mut set: JwkSet = [Jwk::generate_oct(256)?.with_kid("old"), Jwk::generate_oct(256)?]
    ///     .into_iter()
    ///     .collect();
    /// assert_eq!(set.remove("old").len(), 1);
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn remove(&mut self, kid: &str) -> Vec<Jwk> {
        let (removed, kept) = std::mem::take(&mut self.keys)
            .into_iter()
            .partition(|k| k.kid() == Some(kid));
        self.keys = kept;
        removed
    }

    /// Keeps only the keys for which `keep` returns `true`, in order.
    pub fn retain(&mut self, keep: impl FnMut(&Jwk) -> bool) {
        self.keys.retain(keep);
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
    ///     Jwk::generate_oct(256)?.with_kid("a").with_use(KeyUse::Encryption)?,
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
            .map(|k| Ok(Value::Object(k.to_public()?.to_object(false))))
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
            .map(|k| Value::Object(k.to_object(k.is_private())))
            .collect::<Vec<_>>();
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

/// The `keys` array of a JWK Set document, its size, values and entry count bounded.
fn parse_items(text: &[u8], limits: &Limits) -> Result<Vec<Value>> {
    items_of(
        json::parse_object_limited(text, limits.max_jwk_len, limits)?,
        limits,
    )
}

/// The `keys` array of a parsed JWK Set, its entry count bounded.
fn items_of(mut obj: json::Object, limits: &Limits) -> Result<Vec<Value>> {
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
    Ok(items)
}

/// One entry of a set as a usable key, or the reason it is not one (index filled in later).
fn import(item: Value) -> std::result::Result<Jwk, RejectedKey> {
    let Value::Object(obj) = item else {
        return Err(RejectedKey {
            index: 0,
            kid: None,
            kty: None,
            kind: ErrorKind::Json,
            reason: "a key must be a JSON object".into(),
        });
    };
    let member = |name: &str| obj.get(name).and_then(Value::as_str).map(str::to_owned);
    let (kid, kty) = (member("kid"), member("kty"));
    let reject = |e: Error| RejectedKey {
        index: 0,
        kid: kid.clone(),
        kty: kty.clone(),
        kind: e.kind(),
        reason: e.message().to_owned(),
    };
    let key = Jwk::from_object(obj).map_err(reject)?;
    check_alg(&key).map_err(reject)?;
    Ok(key)
}

/// A key of a set is usable only if its `alg`, when present, is one jwcrypt implements for
/// the key's type.
fn check_alg(key: &Jwk) -> Result<()> {
    let Some(alg) = key.alg() else {
        return Ok(());
    };
    let family = match alg {
        Algorithm::Signing(a) => a.key_family(),
        Algorithm::KeyManagement(a) if a.accepts_key_family(key.key_type().family()) => {
            return Ok(());
        }
        Algorithm::KeyManagement(a) => a.key_family(),
        Algorithm::ContentEncryption(_) => KeyFamily::Oct,
        Algorithm::Other(name) => {
            return err(
                ErrorKind::UnsupportedAlgorithm,
                format!("unsupported algorithm {:?}", jwa::shorten(name)),
            );
        }
    };
    if family != key.key_type().family() {
        return err(
            ErrorKind::KeyMismatch,
            format!(
                "an {:?} key cannot have \"alg\" {:?}",
                key.key_type().name(),
                jwa::shorten(alg.name())
            ),
        );
    }
    Ok(())
}

impl RejectedKey {
    fn at(mut self, index: usize) -> Self {
        self.index = index;
        self
    }
}

fn set_json(keys: Vec<Value>) -> String {
    let mut obj = json::Object::new();
    obj.insert("keys".into(), Value::Array(keys));
    // A set of valid keys always serializes.
    json::object_to_string(&obj, json::Order::Serialization).unwrap_or_default()
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
    let family = key.key_type().family();
    let fits = match alg {
        Algorithm::Signing(a) => a.key_family() == family,
        Algorithm::KeyManagement(a) => a.accepts_key_family(family),
        Algorithm::ContentEncryption(_) => family == KeyFamily::Oct,
        Algorithm::Other(_) => false,
    };
    fits && key.alg().is_none_or(|own| own == alg)
}

impl FromIterator<Jwk> for JwkSet {
    fn from_iter<I: IntoIterator<Item = Jwk>>(iter: I) -> Self {
        Self {
            keys: iter.into_iter().collect(),
            rejected: Vec::new(),
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
