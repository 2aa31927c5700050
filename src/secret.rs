//! Secret bytes: zeroized on drop, compared in constant time, never printed.

use std::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Secret key bytes (a symmetric key, a content encryption key).
///
/// The bytes are overwritten with zeros when the value is dropped, two secrets compare in
/// constant time, and `Debug` prints `Secret(***)`.
///
/// ```
/// use jwcrypt::Secret;
/// let s = Secret::new(vec![1, 2, 3]);
/// assert_eq!(format!("{s:?}"), "Secret(***)");
/// assert_eq!(s.len(), 3);
/// ```
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Secret(Box<[u8]>);

impl Secret {
    /// Takes ownership of `bytes` as a secret.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes.into_boxed_slice())
    }

    /// Copies `bytes` into a new secret.
    pub fn from_slice(bytes: &[u8]) -> Self {
        Self(Box::from(bytes))
    }

    /// `len` random bytes from the operating system's generator.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Crypto`] if the OS generator fails.
    pub fn random(len: usize) -> crate::Result<Self> {
        let mut bytes = vec![0u8; len];
        crate::rng::fill(&mut bytes)?;
        Ok(Self::new(bytes))
    }

    /// The secret bytes. The name is a reminder that they must not be logged or kept.
    pub fn expose_secret(&self) -> &[u8] {
        &self.0
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<Vec<u8>> for Secret {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}
