//! The keys a verifier or decrypter holds ([`Keys`]), the one rule that picks the keys to
//! try for a token ([`Keys::select`]), and the [`KeyResolver`] trait through which a verifier
//! gets the current keys of a set that may change (a remote JWK Set).

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use super::{DecryptionKey, Jwk, JwkSet};
use crate::error::{ErrorKind, Result, err};
use crate::jwa;

/// The keys a verifier or decrypter may use: one key, or a JWK Set from which the token's
/// `kid` picks. Owned and cheap to clone (the keys are shared behind an [`Arc`]), so a
/// verifier, decrypter or JWT reader holding them can live in a web service's shared state.
///
/// Build it with `From`/`Into` from a [`Jwk`] or [`JwkSet`] (by value, by reference, which
/// clones the key once, or as an `Arc` already shared with other code), or from an
/// `Arc<K>` of a [`DecryptionKey`] held outside jwcrypt (an HSM or KMS key), for decryption
/// only: such a key is not a JWK, so [`Keys::as_slice`] is empty for it and a verifier
/// finds no key in it.
///
/// # Which keys are tried
/// One rule, used by JWS verification and JWE decryption alike:
/// - **one key**: that key, whatever `kid` the token names;
/// - **a set, and the token names a `kid`**: the keys with that `kid` that fit the
///   algorithm (key type, `alg`, `use`, `key_ops`). If more than one fits, the set is
///   ambiguous and the token is refused with [`ErrorKind::KeyNotFound`] (RFC 7517 §4.5:
///   `kid`s within a set are meant to tell keys apart);
/// - **a set, and the token names no `kid`**: every key that fits the algorithm, in the
///   set's order.
///
/// ```
/// use jwcrypt::{Jwk, JwkSet, jwk::Keys};
/// let set: JwkSet = [Jwk::generate_oct(256)?.with_kid("a")].into_iter().collect();
/// let keys = Keys::from(set);
/// let shared = keys.clone(); // no key is copied
/// assert_eq!(shared.len(), 1);
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Keys(KeysRepr);

#[derive(Clone)]
enum KeysRepr {
    One(Arc<Jwk>),
    Set(Arc<JwkSet>),
    Opaque(Arc<dyn DecryptionKey>),
}

impl fmt::Debug for KeysRepr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::One(k) => f.debug_tuple("One").field(k).finish(),
            Self::Set(s) => f.debug_tuple("Set").field(s).finish(),
            Self::Opaque(k) => f
                .debug_struct("Opaque")
                .field("kid", &k.kid())
                .finish_non_exhaustive(),
        }
    }
}

/// The keys [`Keys::select`] picked, with their index in the set.
pub(crate) struct Selected<'k> {
    one: Option<(usize, &'k Jwk)>,
    many: Vec<(usize, &'k Jwk)>,
}

impl<'k> Selected<'k> {
    /// The keys to try, in order, with their index.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &'k Jwk)> + '_ {
        self.one.into_iter().chain(self.many.iter().copied())
    }
}

impl Keys {
    /// The JWKs, in order (one for a single key; none for a [`DecryptionKey`] that is not a
    /// JWK).
    pub fn as_slice(&self) -> &[Jwk] {
        match &self.0 {
            KeysRepr::One(k) => std::slice::from_ref(&**k),
            KeysRepr::Set(s) => s.keys(),
            KeysRepr::Opaque(_) => &[],
        }
    }

    /// The number of keys (one for a [`DecryptionKey`]).
    pub fn len(&self) -> usize {
        match &self.0 {
            KeysRepr::Opaque(_) => 1,
            _ => self.as_slice().len(),
        }
    }

    /// Whether there are no keys (an empty set).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether this is one key (used whatever the token's `kid`) rather than a set.
    pub fn is_single(&self) -> bool {
        matches!(self.0, KeysRepr::One(_) | KeysRepr::Opaque(_))
    }

    /// The decryption key held outside jwcrypt, when these keys are one.
    pub(crate) fn opaque(&self) -> Option<&dyn DecryptionKey> {
        match &self.0 {
            KeysRepr::Opaque(k) => Some(&**k),
            _ => None,
        }
    }

    /// The keys to try for a token whose protected header names `kid`, by the rule in the
    /// type's documentation. `fits` says whether a key may be used for the token's algorithm
    /// (and operation); its error is returned as is when there is one key.
    ///
    /// # Errors
    /// The error of `fits` for a single key that does not fit; [`ErrorKind::KeyNotFound`]
    /// when no key of a set fits, or when more than one key with the token's `kid` fits.
    pub(crate) fn select(
        &self,
        kid: Option<&str>,
        what: &dyn fmt::Display,
        mut fits: impl FnMut(&Jwk) -> Result<()>,
    ) -> Result<Selected<'_>> {
        let set = match &self.0 {
            KeysRepr::One(k) => {
                fits(k)?;
                return Ok(Selected {
                    one: Some((0, &**k)),
                    many: Vec::new(),
                });
            }
            KeysRepr::Set(s) => s,
            KeysRepr::Opaque(_) => {
                return err(
                    ErrorKind::KeyMismatch,
                    format!("a decryption key held outside jwcrypt cannot be used for {what}"),
                );
            }
        };
        let many: Vec<(usize, &Jwk)> = set
            .keys()
            .iter()
            .enumerate()
            .filter(|(_, k)| kid.is_none() || k.kid() == kid)
            .filter(|(_, k)| fits(k).is_ok())
            .collect();
        match (kid, many.len()) {
            (Some(k), 0) => err(
                ErrorKind::KeyNotFound,
                format!("no key with kid {:?} fits {what}", jwa::shorten(k)),
            ),
            (None, 0) => err(ErrorKind::KeyNotFound, format!("no key fits {what}")),
            (Some(k), n) if n > 1 => err(
                ErrorKind::KeyNotFound,
                format!(
                    "{n} keys have kid {:?} and fit {what}: the key set is ambiguous",
                    jwa::shorten(k)
                ),
            ),
            _ => Ok(Selected { one: None, many }),
        }
    }
}

impl From<Jwk> for Keys {
    fn from(k: Jwk) -> Self {
        Keys(KeysRepr::One(Arc::new(k)))
    }
}

/// A shared [`Jwk`] (as one key), or a shared [`DecryptionKey`] of another type (a key
/// held outside jwcrypt, used for decryption only).
impl<K: DecryptionKey> From<Arc<K>> for Keys {
    fn from(k: Arc<K>) -> Self {
        let any: Arc<dyn Any + Send + Sync> = k.clone();
        match any.downcast::<Jwk>() {
            Ok(jwk) => Keys(KeysRepr::One(jwk)),
            Err(_) => Keys(KeysRepr::Opaque(k)),
        }
    }
}

/// A [`DecryptionKey`] held outside jwcrypt, already behind a trait object.
impl From<Arc<dyn DecryptionKey>> for Keys {
    fn from(k: Arc<dyn DecryptionKey>) -> Self {
        let any: Arc<dyn Any + Send + Sync> = k.clone();
        match any.downcast::<Jwk>() {
            Ok(jwk) => Keys(KeysRepr::One(jwk)),
            Err(_) => Keys(KeysRepr::Opaque(k)),
        }
    }
}

impl From<JwkSet> for Keys {
    fn from(s: JwkSet) -> Self {
        Keys(KeysRepr::Set(Arc::new(s)))
    }
}

impl From<Arc<JwkSet>> for Keys {
    fn from(s: Arc<JwkSet>) -> Self {
        Keys(KeysRepr::Set(s))
    }
}

/// Where a verifier, decrypter or JWT reader gets its keys: a [`Jwk`], a [`JwkSet`], a
/// [`Keys`], or a set that changes over time (`jwcrypt::remote::RemoteJwkSet`, feature
/// `remote`, whose snapshot is its cached set). The keys a token may use are then picked
/// from the snapshot by the one rule of [`Keys`] (`kid`, then the algorithm's key type,
/// `alg`, `use` and `key_ops`).
///
/// Every `&R` where `R: KeyResolver` converts into [`Keys`], so a resolver is accepted
/// wherever keys are (`Verifier::new(&resolver, ..)`, `Decrypter::new(&resolver, ..)`,
/// `ReaderBuilder::verify_with(&resolver, ..)`):
///
/// ```
/// use jwcrypt::{Jwk, JwkSet, SigningAlg, jws::Verifier, jwk::{KeyResolver, Keys}};
///
/// /// Keys kept by the application, swapped on rotation.
/// struct Rotating(std::sync::RwLock<Keys>);
/// impl KeyResolver for Rotating {
///     fn current_keys(&self) -> Keys {
///         self.0.read().map(|k| k.clone()).unwrap_or_else(|e| e.into_inner().clone())
///     }
/// }
///
/// let key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("2026-12");
/// let set: JwkSet = [key.clone()].into_iter().collect();
/// let keys = Rotating(std::sync::RwLock::new(Keys::from(set)));
/// let token = jwcrypt::jws::sign_compact(b"hi", &jwcrypt::jws::JwsHeader::new(SigningAlg::HS256).with_kid("2026-12"), &key)?;
/// assert_eq!(Verifier::new(&keys, &[SigningAlg::HS256])?.verify_compact(&token)?.payload(), b"hi");
/// # Ok::<(), jwcrypt::Error>(())
/// ```
pub trait KeyResolver: Send + Sync {
    /// The keys to choose from now (cheap: the keys are shared, not copied, where they are
    /// already behind an [`Arc`]).
    fn current_keys(&self) -> Keys;
}

impl KeyResolver for Jwk {
    fn current_keys(&self) -> Keys {
        Keys(KeysRepr::One(Arc::new(self.clone())))
    }
}

impl KeyResolver for JwkSet {
    fn current_keys(&self) -> Keys {
        Keys(KeysRepr::Set(Arc::new(self.clone())))
    }
}

impl KeyResolver for Keys {
    fn current_keys(&self) -> Keys {
        self.clone()
    }
}

impl KeyResolver for Arc<Jwk> {
    fn current_keys(&self) -> Keys {
        Keys(KeysRepr::One(Arc::clone(self)))
    }
}

impl KeyResolver for Arc<JwkSet> {
    fn current_keys(&self) -> Keys {
        Keys(KeysRepr::Set(Arc::clone(self)))
    }
}

impl<R: KeyResolver + ?Sized> From<&R> for Keys {
    fn from(r: &R) -> Self {
        r.current_keys()
    }
}
