//! JSON Web Algorithms (RFC 7518): the closed sets of algorithms jwcrypt implements.
//!
//! Three enums, one per role: [`SigningAlg`] (JWS `alg`), [`KeyManagementAlg`] (JWE `alg`) and
//! [`ContentEncryptionAlg`] (JWE `enc`). Each parses from and displays as its RFC name, and
//! knows the key it needs. `none` is not a [`SigningAlg`]: it cannot be expressed.

pub(crate) mod aes_cbc_hmac;
pub(crate) mod aes_gcm;
pub(crate) mod aes_kw;
pub(crate) mod deflate;
#[allow(dead_code)] // used by the jwk/jws/jwe layers in the next change
pub(crate) mod ecdh;
#[allow(dead_code)] // used by the jwk/jws/jwe layers in the next change
pub(crate) mod ecdsa;
#[allow(dead_code)] // used by the jwk/jws/jwe layers in the next change
pub(crate) mod eddsa;
pub(crate) mod hmac;
pub(crate) mod pbes2;
pub(crate) mod rsa;
pub(crate) mod symmetric;
#[cfg(test)]
mod wycheproof_tests;

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
    /// An elliptic curve `EC` key (RFC 7518 §6.2).
    Ec,
    /// An octet key pair `OKP` (RFC 8037): Ed25519, Ed448, X25519, X448.
    Okp,
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

/// The facts of one [`SigningAlg`].
#[derive(Debug)]
pub(crate) struct SigningFacts {
    pub(crate) hash: HashAlg,
    pub(crate) family: KeyFamily,
}

impl SigningAlg {
    /// Everything about this algorithm, from one table.
    pub(crate) const fn facts(self) -> &'static SigningFacts {
        use {HashAlg as H, KeyFamily as F};
        const fn f(hash: HashAlg, family: KeyFamily) -> SigningFacts {
            SigningFacts { hash, family }
        }
        match self {
            Self::HS256 => const { &f(H::Sha256, F::Oct) },
            Self::HS384 => const { &f(H::Sha384, F::Oct) },
            Self::HS512 => const { &f(H::Sha512, F::Oct) },
            Self::RS256 => const { &f(H::Sha256, F::Rsa) },
            Self::RS384 => const { &f(H::Sha384, F::Rsa) },
            Self::RS512 => const { &f(H::Sha512, F::Rsa) },
            Self::PS256 => const { &f(H::Sha256, F::Rsa) },
            Self::PS384 => const { &f(H::Sha384, F::Rsa) },
            Self::PS512 => const { &f(H::Sha512, F::Rsa) },
        }
    }

    /// The hash function.
    pub const fn hash(self) -> HashAlg {
        self.facts().hash
    }

    /// The key type this algorithm needs.
    pub const fn key_family(self) -> KeyFamily {
        self.facts().family
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
    /// ECDH-ES direct key agreement (RFC 7518 §4.6): the Concat KDF output is the CEK. One
    /// recipient only. Keys: EC P-256, P-384, P-521 or OKP X25519, X448 (RFC 8037 §3.2).
    EcdhEs,
    /// ECDH-ES, then AES Key Wrap of the CEK with the 128-bit derived key.
    EcdhEsA128KW,
    /// ECDH-ES, then AES Key Wrap with a 192-bit derived key.
    EcdhEsA192KW,
    /// ECDH-ES, then AES Key Wrap with a 256-bit derived key.
    EcdhEsA256KW,
    /// PBES2 with HMAC-SHA-256 and AES Key Wrap with a 128-bit key (RFC 7518 §4.8). Takes a
    /// [`crate::jwe::Password`], never a JWK, and is decrypted only when named explicitly.
    Pbes2Hs256A128KW,
    /// PBES2 with HMAC-SHA-384 and A192KW.
    Pbes2Hs384A192KW,
    /// PBES2 with HMAC-SHA-512 and A256KW.
    Pbes2Hs512A256KW,
}

rfc_names!(KeyManagementAlg, "JWE key management algorithm", {
    A128KW => "A128KW", A192KW => "A192KW", A256KW => "A256KW", Dir => "dir",
    A128GCMKW => "A128GCMKW", A192GCMKW => "A192GCMKW", A256GCMKW => "A256GCMKW",
    RsaOaep => "RSA-OAEP", RsaOaep256 => "RSA-OAEP-256", RsaOaep384 => "RSA-OAEP-384",
    RsaOaep512 => "RSA-OAEP-512", Rsa1_5 => "RSA1_5", EcdhEs => "ECDH-ES",
    EcdhEsA128KW => "ECDH-ES+A128KW", EcdhEsA192KW => "ECDH-ES+A192KW",
    EcdhEsA256KW => "ECDH-ES+A256KW", Pbes2Hs256A128KW => "PBES2-HS256+A128KW",
    Pbes2Hs384A192KW => "PBES2-HS384+A192KW", Pbes2Hs512A256KW => "PBES2-HS512+A256KW",
});

/// How a JWE key management algorithm delivers the CEK (RFC 7518 §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyManagementKind {
    /// AES Key Wrap (RFC 3394).
    AesKw,
    /// AES-GCM key wrapping (`iv` and `tag` header parameters).
    AesGcmKw,
    /// The shared key is the CEK.
    Dir,
    /// RSAES-OAEP with this hash (and MGF1 with it).
    RsaOaep(HashAlg),
    /// RSAES-PKCS1-v1_5.
    Rsa1_5,
    /// ECDH-ES key agreement; with `Some(n)` the derived `n`-byte key wraps the CEK (AES Key
    /// Wrap), with `None` it is the CEK.
    EcdhEs(Option<usize>),
    /// PBES2 (PBKDF2, then AES Key Wrap).
    Pbes2(pbes2::Pbes2Alg),
}

/// The facts of one [`KeyManagementAlg`].
#[derive(Debug)]
pub(crate) struct KeyManagementFacts {
    pub(crate) kind: KeyManagementKind,
    pub(crate) family: KeyFamily,
    /// The key-encryption key length in bytes (AES-based algorithms).
    pub(crate) kek_len: Option<usize>,
}

impl KeyManagementAlg {
    /// Everything about this algorithm, from one table.
    pub(crate) const fn facts(self) -> &'static KeyManagementFacts {
        use KeyManagementKind as M;
        const fn aes(kind: KeyManagementKind, kek_len: usize) -> KeyManagementFacts {
            KeyManagementFacts {
                kind,
                family: KeyFamily::Oct,
                kek_len: Some(kek_len),
            }
        }
        const fn rsa(kind: KeyManagementKind) -> KeyManagementFacts {
            KeyManagementFacts {
                kind,
                family: KeyFamily::Rsa,
                kek_len: None,
            }
        }
        const fn ecdh(wrap: Option<usize>) -> KeyManagementFacts {
            KeyManagementFacts {
                kind: M::EcdhEs(wrap),
                family: KeyFamily::Ec,
                kek_len: None,
            }
        }
        const fn pbes(alg: pbes2::Pbes2Alg) -> KeyManagementFacts {
            KeyManagementFacts {
                kind: M::Pbes2(alg),
                family: KeyFamily::Oct,
                kek_len: None,
            }
        }
        match self {
            Self::A128KW => const { &aes(M::AesKw, 16) },
            Self::A192KW => const { &aes(M::AesKw, 24) },
            Self::A256KW => const { &aes(M::AesKw, 32) },
            Self::Dir => &KeyManagementFacts {
                kind: M::Dir,
                family: KeyFamily::Oct,
                kek_len: None,
            },
            Self::A128GCMKW => const { &aes(M::AesGcmKw, 16) },
            Self::A192GCMKW => const { &aes(M::AesGcmKw, 24) },
            Self::A256GCMKW => const { &aes(M::AesGcmKw, 32) },
            Self::RsaOaep => const { &rsa(M::RsaOaep(HashAlg::Sha1)) },
            Self::RsaOaep256 => const { &rsa(M::RsaOaep(HashAlg::Sha256)) },
            Self::RsaOaep384 => const { &rsa(M::RsaOaep(HashAlg::Sha384)) },
            Self::RsaOaep512 => const { &rsa(M::RsaOaep(HashAlg::Sha512)) },
            Self::Rsa1_5 => const { &rsa(M::Rsa1_5) },
            Self::EcdhEs => const { &ecdh(None) },
            Self::EcdhEsA128KW => const { &ecdh(Some(16)) },
            Self::EcdhEsA192KW => const { &ecdh(Some(24)) },
            Self::EcdhEsA256KW => const { &ecdh(Some(32)) },
            Self::Pbes2Hs256A128KW => const { &pbes(pbes2::Pbes2Alg::Hs256A128Kw) },
            Self::Pbes2Hs384A192KW => const { &pbes(pbes2::Pbes2Alg::Hs384A192Kw) },
            Self::Pbes2Hs512A256KW => const { &pbes(pbes2::Pbes2Alg::Hs512A256Kw) },
        }
    }

    /// The key type this algorithm needs: for the ECDH-ES algorithms [`KeyFamily::Ec`],
    /// though OKP X25519 and X448 keys fit too (see [`KeyManagementAlg::accepts_key_family`]);
    /// for PBES2 [`KeyFamily::Oct`], though it takes a password and never a JWK.
    pub const fn key_family(self) -> KeyFamily {
        self.facts().family
    }

    /// Whether a key of `family` may be used with this algorithm: the ECDH-ES algorithms take
    /// EC and OKP keys (the curve is checked with the key), PBES2 no JWK at all, the others
    /// keys of their [`KeyManagementAlg::key_family`].
    ///
    /// ```
    /// use jwcrypt::{KeyManagementAlg as K, jwa::KeyFamily};
    /// assert!(K::EcdhEsA256KW.accepts_key_family(KeyFamily::Okp));
    /// assert!(!K::Pbes2Hs256A128KW.accepts_key_family(KeyFamily::Oct));
    /// ```
    pub const fn accepts_key_family(self, family: KeyFamily) -> bool {
        match self.facts().kind {
            KeyManagementKind::EcdhEs(_) => matches!(family, KeyFamily::Ec | KeyFamily::Okp),
            KeyManagementKind::Pbes2(_) => false,
            _ => self.facts().family as u8 == family as u8,
        }
    }

    /// Whether this is one of the ECDH-ES algorithms.
    pub const fn is_ecdh_es(self) -> bool {
        matches!(self.facts().kind, KeyManagementKind::EcdhEs(_))
    }

    /// Whether this is one of the PBES2 algorithms (a password, not a key).
    pub const fn is_pbes2(self) -> bool {
        matches!(self.facts().kind, KeyManagementKind::Pbes2(_))
    }

    /// Whether this is AES-GCM key wrapping (`A128GCMKW`, `A192GCMKW`, `A256GCMKW`).
    pub(crate) const fn is_aes_gcm_kw(self) -> bool {
        matches!(self.facts().kind, KeyManagementKind::AesGcmKw)
    }

    /// The length in bytes of the symmetric key-encryption key a JWK must have, for the
    /// AES-based algorithms; `None` for `dir` (the key is the CEK), the RSA and ECDH-ES ones
    /// (the key is agreed on) and PBES2 (the key is derived from a password).
    pub const fn kek_len(self) -> Option<usize> {
        self.facts().kek_len
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

/// How a JWE content encryption algorithm encrypts (RFC 7518 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ContentEncryptionKind {
    /// AES_CBC_HMAC_SHA2 with this hash (§5.2).
    CbcHmac(HashAlg),
    /// AES-GCM (§5.3).
    Gcm,
}

/// The facts of one [`ContentEncryptionAlg`] (lengths in bytes).
#[derive(Debug)]
pub(crate) struct ContentEncryptionFacts {
    pub(crate) kind: ContentEncryptionKind,
    pub(crate) key_len: usize,
    pub(crate) iv_len: usize,
    pub(crate) tag_len: usize,
}

impl ContentEncryptionAlg {
    /// Everything about this algorithm, from one table.
    pub(crate) const fn facts(self) -> &'static ContentEncryptionFacts {
        use ContentEncryptionKind as C;
        /// The MAC key and the encryption key, each as long as the tag.
        const fn cbc(hash: HashAlg, half: usize) -> ContentEncryptionFacts {
            ContentEncryptionFacts {
                kind: C::CbcHmac(hash),
                key_len: 2 * half,
                iv_len: 16,
                tag_len: half,
            }
        }
        const fn gcm(key_len: usize) -> ContentEncryptionFacts {
            ContentEncryptionFacts {
                kind: C::Gcm,
                key_len,
                iv_len: 12,
                tag_len: 16,
            }
        }
        match self {
            Self::A128CbcHs256 => const { &cbc(HashAlg::Sha256, 16) },
            Self::A192CbcHs384 => const { &cbc(HashAlg::Sha384, 24) },
            Self::A256CbcHs512 => const { &cbc(HashAlg::Sha512, 32) },
            Self::A128Gcm => const { &gcm(16) },
            Self::A192Gcm => const { &gcm(24) },
            Self::A256Gcm => const { &gcm(32) },
        }
    }

    /// The length in bytes of the content encryption key (for CBC-HMAC, MAC key plus
    /// encryption key).
    pub const fn key_len(self) -> usize {
        self.facts().key_len
    }

    /// The length in bytes of the initialization vector.
    pub const fn iv_len(self) -> usize {
        self.facts().iv_len
    }

    /// The length in bytes of the authentication tag.
    pub const fn tag_len(self) -> usize {
        self.facts().tag_len
    }

    /// The ciphertext length for a plaintext of `len` bytes (CBC pads to whole blocks).
    pub(crate) const fn ciphertext_len(self, len: usize) -> usize {
        match self.facts().kind {
            ContentEncryptionKind::CbcHmac(_) => (len / 16 + 1) * 16,
            ContentEncryptionKind::Gcm => len,
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

    /// The tables agree with RFC 7518's definitions.
    #[test]
    fn facts_tables() {
        let hs: Vec<_> = SigningAlg::ALL
            .iter()
            .map(|a| (a.hash(), a.key_family()))
            .collect();
        assert_eq!(hs[0], (HashAlg::Sha256, KeyFamily::Oct));
        assert_eq!(hs[5], (HashAlg::Sha512, KeyFamily::Rsa));
        for a in KeyManagementAlg::ALL {
            let f = a.facts();
            assert_eq!(
                f.family == KeyFamily::Rsa,
                a.name().starts_with("RSA"),
                "{a}"
            );
            assert_eq!(f.kek_len.is_some(), a.name().starts_with('A'), "{a}");
            assert_eq!(a.is_ecdh_es(), a.name().starts_with("ECDH-ES"), "{a}");
            assert_eq!(a.is_pbes2(), a.name().starts_with("PBES2-"), "{a}");
            match f.kind {
                KeyManagementKind::EcdhEs(Some(n)) => {
                    assert!(a.name().ends_with(&format!("A{}KW", n * 8)), "{a}")
                }
                KeyManagementKind::Pbes2(p) => assert_eq!(p.name(), a.name()),
                _ => {}
            }
            if let Some(n) = f.kek_len {
                assert!(a.name().starts_with(&format!("A{}", n * 8)), "{a}");
            }
            assert_eq!(a.is_aes_gcm_kw(), a.name().ends_with("GCMKW"), "{a}");
        }
        for e in ContentEncryptionAlg::ALL {
            let f = e.facts();
            let bits: usize = e.name()[1..4].parse().unwrap();
            match f.kind {
                ContentEncryptionKind::Gcm => {
                    assert_eq!((f.key_len, f.iv_len, f.tag_len), (bits / 8, 12, 16))
                }
                ContentEncryptionKind::CbcHmac(h) => {
                    assert_eq!((f.key_len, f.iv_len, f.tag_len), (bits / 4, 16, bits / 8));
                    assert_eq!(h.output_len(), bits / 4);
                }
            }
            assert_eq!(
                e.ciphertext_len(0) == 0,
                f.kind == ContentEncryptionKind::Gcm
            );
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
