//! [`Password`]: the key of the PBES2 algorithms (RFC 7518 §4.8).

use std::fmt;

use crate::error::{ErrorKind, Result, err};
use crate::secret::Secret;

/// A password for the PBES2 key management algorithms: its own kind of key, never a JWK (so
/// it can never be used as an HMAC or AES key), never empty, zeroized on drop and never shown
/// by `Debug`.
///
/// ```
/// use jwcrypt::{KeyManagementAlg as K, ContentEncryptionAlg as E};
/// use jwcrypt::jwe::{Decrypter, Encrypter, Password};
///
/// let password = Password::new(b"correct horse battery staple".to_vec())?;
/// let token = Encrypter::with_password(&password, K::Pbes2Hs256A128KW, E::A128Gcm)?
///     .encrypt_compact(b"hi")?;
/// // PBES2 is decrypted only when named.
/// let d = Decrypter::with_password(&password, &[K::Pbes2Hs256A128KW], E::ALL)?;
/// assert_eq!(d.decrypt(&token)?.plaintext(), b"hi");
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Password(Secret);

impl Password {
    /// A password of these bytes (UTF-8 or not: PBKDF2 takes bytes).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for an empty password.
    pub fn new(bytes: Vec<u8>) -> Result<Self> {
        let secret = Secret::new(bytes);
        if secret.is_empty() {
            return err(ErrorKind::InvalidArgument, "an empty password is refused");
        }
        Ok(Self(secret))
    }

    /// The password's bytes.
    pub fn expose_secret(&self) -> &[u8] {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}
