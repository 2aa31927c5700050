//! JSON Web Algorithms (RFC 7518): the closed sets of algorithms jwcrypt implements.
//!
//! Three enums, one per role: [`SigningAlg`] (JWS `alg`), [`KeyManagementAlg`] (JWE `alg`) and
//! [`ContentEncryptionAlg`] (JWE `enc`). Each parses from and displays as its RFC name, and
//! knows the key it needs. `none` is not a [`SigningAlg`]: it cannot be expressed.

pub(crate) mod aes_cbc_hmac;
pub(crate) mod aes_gcm;
pub(crate) mod aes_kw;
pub(crate) mod deflate;
pub(crate) mod hmac;
pub(crate) mod rsa;

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};

macro_rules! rfc_names {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every algorithm of this role, in RFC order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The RFC 7518 name, as it appears in headers and keys.
            pub const fn name(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }

        impl FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(Error::new(
                        ErrorKind::UnsupportedAlgorithm,
                        format!(concat!("unsupported ", $what, " {:?}"), crate::jwa::shorten(s)),
                    )),
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// At most 40 characters of untrusted text, for error messages.
pub(crate) fn shorten(s: &str) -> String {
    s.chars().take(40).collect()
}

/// The hash function behind an algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashAlg {
    /// SHA-1 (only inside RSA-OAEP's MGF1, as RFC 7518 §4.3 asks).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl HashAlg {
    /// The digest length in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }
}

/// The kind of key (`kty`) an algorithm works with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyFamily {
    /// A symmetric `oct` key.
    Oct,
    /// An `RSA` key.
    Rsa,
}

/// JWS signature and MAC algorithms (RFC 7518 §3). There is no `none`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[allow(clippy::upper_case_acronyms)]
pub enum SigningAlg {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256 and MGF1 with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384 and MGF1 with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512 and MGF1 with SHA-512.
    PS512,
}

rfc_names!(SigningAlg, "JWS algorithm", {
    HS256 => "HS256", HS384 => "HS384", HS512 => "HS512",
    RS256 => "RS256", RS384 => "RS384", RS512 => "RS512",
    PS256 => "PS256", PS384 => "PS384", PS512 => "PS512",
});

impl SigningAlg {
    /// The hash function.
    pub const fn hash(self) -> HashAlg {
        match self {
            Self::HS256 | Self::RS256 | Self::PS256 => HashAlg::Sha256,
            Self::HS384 | Self::RS384 | Self::PS384 => HashAlg::Sha384,
            Self::HS512 | Self::RS512 | Self::PS512 => HashAlg::Sha512,
        }
    }

    /// The key type this algorithm needs.
    pub const fn key_family(self) -> KeyFamily {
        match self {
            Self::HS256 | Self::HS384 | Self::HS512 => KeyFamily::Oct,
            _ => KeyFamily::Rsa,
        }
    }
}

/// JWE key management algorithms (RFC 7518 §4): how the content encryption key is
/// wrapped, encrypted or agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum KeyManagementAlg {
    /// AES Key Wrap (RFC 3394) with a 128-bit key.
    A128KW,
    /// AES Key Wrap with a 192-bit key.
    A192KW,
    /// AES Key Wrap with a 256-bit key.
    A256KW,
    /// Direct use of a shared symmetric key as the CEK.
    Dir,
    /// AES-GCM key wrapping with a 128-bit key (`iv`, `tag` header parameters).
    A128GCMKW,
    /// AES-GCM key wrapping with a 192-bit key.
    A192GCMKW,
    /// AES-GCM key wrapping with a 256-bit key.
    A256GCMKW,
    /// RSAES-OAEP with SHA-1 and MGF1 with SHA-1 (the RFC 7518 default parameters).
    RsaOaep,
    /// RSAES-OAEP with SHA-256 and MGF1 with SHA-256.
    RsaOaep256,
    /// RSAES-OAEP with SHA-384 and MGF1 with SHA-384.
    RsaOaep384,
    /// RSAES-OAEP with SHA-512 and MGF1 with SHA-512.
    RsaOaep512,
    /// RSAES-PKCS1-v1_5. Legacy: never used to encrypt, and decrypted only when a caller
    /// opts in explicitly (Bleichenbacher's attack, RFC 7516 §11.5).
    Rsa1_5,
}

rfc_names!(KeyManagementAlg, "JWE key management algorithm", {
    A128KW => "A128KW", A192KW => "A192KW", A256KW => "A256KW", Dir => "dir",
    A128GCMKW => "A128GCMKW", A192GCMKW => "A192GCMKW", A256GCMKW => "A256GCMKW",
    RsaOaep => "RSA-OAEP", RsaOaep256 => "RSA-OAEP-256", RsaOaep384 => "RSA-OAEP-384",
    RsaOaep512 => "RSA-OAEP-512", Rsa1_5 => "RSA1_5",
});

impl KeyManagementAlg {
    /// The key type this algorithm needs.
    pub const fn key_family(self) -> KeyFamily {
        match self {
            Self::RsaOaep
            | Self::RsaOaep256
            | Self::RsaOaep384
            | Self::RsaOaep512
            | Self::Rsa1_5 => KeyFamily::Rsa,
            _ => KeyFamily::Oct,
        }
    }

    /// Whether this is AES-GCM key wrapping (`A128GCMKW`, `A192GCMKW`, `A256GCMKW`).
    pub(crate) const fn is_aes_gcm_kw(self) -> bool {
        matches!(self, Self::A128GCMKW | Self::A192GCMKW | Self::A256GCMKW)
    }

    /// The length in bytes of the symmetric key-encryption key, for the AES-based
    /// algorithms; `None` for `dir` (the key is the CEK) and the RSA ones.
    pub const fn kek_len(self) -> Option<usize> {
        match self {
            Self::A128KW | Self::A128GCMKW => Some(16),
            Self::A192KW | Self::A192GCMKW => Some(24),
            Self::A256KW | Self::A256GCMKW => Some(32),
            _ => None,
        }
    }
}

/// JWE content encryption algorithms (RFC 7518 §5): authenticated encryption of the payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ContentEncryptionAlg {
    /// AES-128-CBC with HMAC-SHA-256 truncated to 128 bits (RFC 7518 §5.2.3).
    A128CbcHs256,
    /// AES-192-CBC with HMAC-SHA-384 truncated to 192 bits (RFC 7518 §5.2.4).
    A192CbcHs384,
    /// AES-256-CBC with HMAC-SHA-512 truncated to 256 bits (RFC 7518 §5.2.5).
    A256CbcHs512,
    /// AES-128-GCM.
    A128Gcm,
    /// AES-192-GCM.
    A192Gcm,
    /// AES-256-GCM.
    A256Gcm,
}

rfc_names!(ContentEncryptionAlg, "JWE content encryption algorithm", {
    A128CbcHs256 => "A128CBC-HS256", A192CbcHs384 => "A192CBC-HS384",
    A256CbcHs512 => "A256CBC-HS512", A128Gcm => "A128GCM", A192Gcm => "A192GCM",
    A256Gcm => "A256GCM",
});

impl ContentEncryptionAlg {
    /// The length in bytes of the content encryption key (for CBC-HMAC, MAC key plus
    /// encryption key).
    pub const fn key_len(self) -> usize {
        match self {
            Self::A128Gcm => 16,
            Self::A192Gcm => 24,
            Self::A256Gcm | Self::A128CbcHs256 => 32,
            Self::A192CbcHs384 => 48,
            Self::A256CbcHs512 => 64,
        }
    }

    /// The length in bytes of the initialization vector.
    pub const fn iv_len(self) -> usize {
        match self {
            Self::A128Gcm | Self::A192Gcm | Self::A256Gcm => 12,
            _ => 16,
        }
    }

    /// The length in bytes of the authentication tag.
    pub const fn tag_len(self) -> usize {
        match self {
            Self::A128Gcm | Self::A192Gcm | Self::A256Gcm => 16,
            Self::A128CbcHs256 => 16,
            Self::A192CbcHs384 => 24,
            Self::A256CbcHs512 => 32,
        }
    }
}

/// Any algorithm name a JWK's `alg` member may hold: one of ours, or another system's.
///
/// Keys written by other systems may name algorithms jwcrypt does not implement (`ES256`,
/// `EdDSA`); such a key imports, keeps its `alg`, and is refused when used.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// A JWS algorithm.
    Signing(SigningAlg),
    /// A JWE key management algorithm.
    KeyManagement(KeyManagementAlg),
    /// A JWE content encryption algorithm (the `alg` of a `dir` key in RFC 7520 §3.6).
    ContentEncryption(ContentEncryptionAlg),
    /// A name jwcrypt does not implement, kept as written.
    Other(String),
}

impl Algorithm {
    /// Parses any name; unknown names become [`Algorithm::Other`].
    pub fn parse(name: &str) -> Self {
        if let Ok(a) = name.parse() {
            Self::Signing(a)
        } else if let Ok(a) = name.parse() {
            Self::KeyManagement(a)
        } else if let Ok(a) = name.parse() {
            Self::ContentEncryption(a)
        } else {
            Self::Other(name.to_owned())
        }
    }

    /// The name as written in JSON.
    pub fn name(&self) -> &str {
        match self {
            Self::Signing(a) => a.name(),
            Self::KeyManagement(a) => a.name(),
            Self::ContentEncryption(a) => a.name(),
            Self::Other(s) => s,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<SigningAlg> for Algorithm {
    fn from(a: SigningAlg) -> Self {
        Self::Signing(a)
    }
}

impl From<KeyManagementAlg> for Algorithm {
    fn from(a: KeyManagementAlg) -> Self {
        Self::KeyManagement(a)
    }
}

impl From<ContentEncryptionAlg> for Algorithm {
    fn from(a: ContentEncryptionAlg) -> Self {
        Self::ContentEncryption(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in SigningAlg::ALL {
            assert_eq!(a.name().parse::<SigningAlg>().unwrap(), *a);
        }
        for a in KeyManagementAlg::ALL {
            assert_eq!(a.name().parse::<KeyManagementAlg>().unwrap(), *a);
        }
        for a in ContentEncryptionAlg::ALL {
            assert_eq!(a.name().parse::<ContentEncryptionAlg>().unwrap(), *a);
        }
    }

    #[test]
    fn none_is_not_an_algorithm() {
        for s in ["none", "None", "NONE", "nOnE", "", "hs256", "HS256 "] {
            assert_eq!(
                s.parse::<SigningAlg>().unwrap_err().kind(),
                ErrorKind::UnsupportedAlgorithm
            );
        }
    }
}
