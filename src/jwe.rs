//! JSON Web Encryption (RFC 7516) with the algorithms of RFC 7518 §4–5.
//!
//! [`Encrypter`] makes compact or flattened JSON tokens for one recipient, [`JsonEncrypter`]
//! general JSON tokens for several, and [`Decrypter`] reads both serializations. Decryption
//! always takes the key management and content encryption algorithms the caller accepts;
//! there is no default.
//!
//! ```
//! use jwcrypt::{Jwk, KeyManagementAlg as K, ContentEncryptionAlg as E};
//! use jwcrypt::jwe::{Encrypter, Decrypter};
//!
//! let key = Jwk::generate_for(K::A256KW)?.with_kid("k1");
//! let token = Encrypter::new(&key, K::A256KW, E::A256CbcHs512)?
//!     .with_cty("text/plain")
//!     .encrypt_compact(b"attack at dawn")?;
//! let out = Decrypter::new(&key, &[K::A256KW], E::ALL)?.decrypt(&token)?;
//! assert_eq!(out.plaintext(), b"attack at dawn");
//! assert_eq!(out.header().kid(), Some("k1"));
//! # Ok::<(), jwcrypt::Error>(())
//! ```
//!
//! What decryption enforces:
//! - the token's length before anything else, then exactly five compact parts, or a strict
//!   JSON object (no duplicate members, bounded depth, at most
//!   [`Limits::max_recipients`](crate::Limits) recipients);
//! - the protected, shared unprotected and per-recipient headers are disjoint; `enc` and
//!   `zip` are in the protected header; `crit` names nothing (no extension is understood);
//! - `alg` and `enc` are among the allowed ones and fit the key (`use`, `key_ops`, key `alg`,
//!   key type and length); `RSA1_5` needs [`Decrypter::allow_rsa1_5_insecure`];
//! - every failure after the header is read (key unwrap, CEK length, IV or tag length, tag,
//!   padding) is the one [`Error::decryption`](crate::Error::decryption); CBC-HMAC tags are checked in constant time
//!   before any decryption;
//! - `zip: "DEF"` inflates to at most [`Limits::max_decompressed_len`](crate::Limits).
//! - ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2; EC P-256/384/521 and OKP X25519/X448 keys,
//!   never secp256k1 or Ed25519): `epk` holds exactly the public members of the recipient
//!   key's own type and curve and is a valid public key (on the curve, not of small order),
//!   checked before any agreement; `apu`/`apv` are read from the header (at most 1 KiB
//!   each); direct `ECDH-ES` takes one recipient only;
//! - a [`jwk::DecryptionKey`](crate::jwk::DecryptionKey) held outside jwcrypt (an HSM or KMS
//!   key) decrypts RSA-OAEP, RSA-OAEP-256, AES key wrap and ECDH-ES recipients, never
//!   `RSA1_5` or `dir`; whatever it fails with is the one decryption error;
//! - PBES2 (RFC 7518 §4.8) only with a [`Password`] and a PBES2 algorithm named to
//!   [`Decrypter::with_password`] (never implied by a key's `alg` or a policy by default);
//!   `p2c` over [`Limits::max_p2c`](crate::Limits) (16,384) or `p2s` under 8 bytes refused
//!   from the header before any key derivation.
//!
//! ```
//! use jwcrypt::{Jwk, KeyManagementAlg as K, ContentEncryptionAlg as E};
//! use jwcrypt::jwe::{Encrypter, Decrypter};
//!
//! let bob = Jwk::generate_ec("P-256")?;
//! let token = Encrypter::new(&bob.to_public()?, K::EcdhEsA256KW, E::A256Gcm)?
//!     .encrypt_compact(b"to Bob")?;
//! let out = Decrypter::new(&bob, &[K::EcdhEsA256KW], E::ALL)?.decrypt(&token)?;
//! assert_eq!(out.plaintext(), b"to Bob");
//! # Ok::<(), jwcrypt::Error>(())
//! ```
//!
//! Inside, one file per concern: `encrypt` and `decrypt`, `serialization` (compact and
//! JSON parts), `header` (the one JOSE header reader, for every serialization),
//! `key_management` (RFC 7518 §4) and `content` encryption (§5).

mod content;
mod decrypt;
mod encrypt;
mod header;
mod key_management;
mod password;
mod serialization;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ecdh_es;
#[cfg(test)]
mod tests_pbes2;

pub use decrypt::{Decrypted, Decrypter};
pub use encrypt::{Encrypter, JsonEncrypter};
pub use header::JweHeader;
pub use password::Password;
pub(crate) use serialization::parse_json;
