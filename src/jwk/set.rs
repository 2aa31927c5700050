//! JWK Sets (RFC 7517 §5).

use serde_json::Value;

use super::Jwk;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json;
use crate::policy::Limits;

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
        let mut obj = json::parse_object(text.as_ref(), limits.max_jwk_len, limits.max_json_depth)?;
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

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set has no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
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
