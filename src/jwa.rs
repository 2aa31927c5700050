//! JSON Web Algorithms (RFC 7518): the closed sets of algorithms jwcrypt implements.
//!
//! Three enums, one per role: [`SigningAlg`] (JWS `alg`), [`KeyManagementAlg`] (JWE `alg`) and
//! [`ContentEncryptionAlg`] (JWE `enc`). Each parses from and displays as its RFC name, and
//! knows the key it needs. `none` is not a [`SigningAlg`]: it cannot be expressed.

pub(crate) mod aes_cbc_hmac;
pub(crate) mod aes_gcm;
pub(crate) mod aes_kw;
pub(crate) mod deflate;
pub(crate) mod ecdh;
pub(crate) mod ecdsa;
pub(crate) mod eddsa;
pub(crate) mod hmac;
pub(crate) mod pbes2;
pub(crate) mod provider;
pub(crate) mod rsa;
pub(crate) mod symmetric;

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

pub use provider::HashAlg;

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

/// JWS signature and MAC algorithms: RFC 7518 §3, ES256K (RFC 8812), EdDSA (RFC 8037) and
/// the fully specified `Ed25519` and `Ed448` (RFC 9864). There is no `none`.
///
/// Each ECDSA algorithm names one curve and each EdDSA one the curves it takes
/// ([`SigningAlg::curves`]); a key is used only with an algorithm of its own curve. ECDSA
/// signing is deterministic (RFC 6979), EdDSA by construction (RFC 8032).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
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
    /// ECDSA on P-256 with SHA-256 (RFC 7518 §3.4).
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// ECDSA on P-521 with SHA-512.
    ES512,
    /// ECDSA on secp256k1 with SHA-256 (RFC 8812 §3.2).
    ES256K,
    /// EdDSA (RFC 8037 §3.1) with an Ed25519 or an Ed448 key; the key's curve decides.
    EdDSA,
    /// EdDSA with Ed25519 keys only (RFC 9864, fully specified).
    Ed25519,
    /// EdDSA with Ed448 keys only (RFC 9864, fully specified).
    Ed448,
}

rfc_names!(SigningAlg, "JWS algorithm", {
    HS256 => "HS256", HS384 => "HS384", HS512 => "HS512",
    RS256 => "RS256", RS384 => "RS384", RS512 => "RS512",
    PS256 => "PS256", PS384 => "PS384", PS512 => "PS512",
    ES256 => "ES256", ES384 => "ES384", ES512 => "ES512", ES256K => "ES256K",
    EdDSA => "EdDSA", Ed25519 => "Ed25519", Ed448 => "Ed448",
});

/// The curves a [`SigningAlg`] accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SigningCurves {
    /// Not an elliptic curve algorithm.
    None,
    /// ECDSA on exactly this curve.
    Ec(provider::Curve),
    /// EdDSA on any of these curves.
    Ed(&'static [provider::EdCurve]),
}

/// The facts of one [`SigningAlg`].
#[derive(Debug)]
pub(crate) struct SigningFacts {
    /// The hash applied to the signing input (`None` for EdDSA, whose hash is part of the
    /// curve's scheme: SHA-512 for Ed25519, SHAKE256 for Ed448).
    pub(crate) hash: Option<HashAlg>,
    pub(crate) family: KeyFamily,
    pub(crate) curves: SigningCurves,
    /// The signature length in bytes, when the algorithm alone fixes it.
    pub(crate) signature_len: Option<usize>,
}

impl SigningAlg {
    /// Everything about this algorithm, from one table.
    pub(crate) const fn facts(self) -> &'static SigningFacts {
        use {HashAlg as H, KeyFamily as F, provider::Curve as C, provider::EdCurve as E};
        const fn hs(hash: HashAlg) -> SigningFacts {
            SigningFacts {
                hash: Some(hash),
                family: F::Oct,
                curves: SigningCurves::None,
                signature_len: Some(hash.output_len()),
            }
        }
        const fn rsa(hash: HashAlg) -> SigningFacts {
            SigningFacts {
                hash: Some(hash),
                family: F::Rsa,
                curves: SigningCurves::None,
                signature_len: None,
            }
        }
        const fn es(hash: HashAlg, curve: provider::Curve) -> SigningFacts {
            SigningFacts {
                hash: Some(hash),
                family: F::Ec,
                curves: SigningCurves::Ec(curve),
                signature_len: Some(curve.signature_len()),
            }
        }
        const fn ed(curves: &'static [provider::EdCurve], len: Option<usize>) -> SigningFacts {
            SigningFacts {
                hash: None,
                family: F::Okp,
                curves: SigningCurves::Ed(curves),
                signature_len: len,
            }
        }
        match self {
            Self::HS256 => const { &hs(H::Sha256) },
            Self::HS384 => const { &hs(H::Sha384) },
            Self::HS512 => const { &hs(H::Sha512) },
            Self::RS256 => const { &rsa(H::Sha256) },
            Self::RS384 => const { &rsa(H::Sha384) },
            Self::RS512 => const { &rsa(H::Sha512) },
            Self::PS256 => const { &rsa(H::Sha256) },
            Self::PS384 => const { &rsa(H::Sha384) },
            Self::PS512 => const { &rsa(H::Sha512) },
            Self::ES256 => const { &es(H::Sha256, C::P256) },
            Self::ES384 => const { &es(H::Sha384, C::P384) },
            Self::ES512 => const { &es(H::Sha512, C::P521) },
            Self::ES256K => const { &es(H::Sha256, C::Secp256k1) },
            Self::EdDSA => const { &ed(&[E::Ed25519, E::Ed448], None) },
            Self::Ed25519 => const { &ed(&[E::Ed25519], Some(E::Ed25519.signature_len())) },
            Self::Ed448 => const { &ed(&[E::Ed448], Some(E::Ed448.signature_len())) },
        }
    }

    /// The hash function applied to the signing input; `None` for the EdDSA algorithms,
    /// whose hash is part of the curve's signature scheme (SHA-512 for Ed25519, SHAKE256
    /// for Ed448).
    pub const fn hash(self) -> Option<HashAlg> {
        self.facts().hash
    }

    /// The key type this algorithm needs.
    pub const fn key_family(self) -> KeyFamily {
        self.facts().family
    }

    /// The `crv` names of the keys this algorithm works with: one for ECDSA (`ES256` needs
    /// a P-256 key, `ES384` P-384, `ES512` P-521, `ES256K` secp256k1), `Ed25519` and/or
    /// `Ed448` for EdDSA, none for HMAC and RSA.
    ///
    /// ```
    /// use jwcrypt::SigningAlg;
    /// assert_eq!(SigningAlg::ES512.curves(), vec!["P-521"]);
    /// assert_eq!(SigningAlg::EdDSA.curves(), vec!["Ed25519", "Ed448"]);
    /// assert!(SigningAlg::RS256.curves().is_empty());
    /// ```
    pub fn curves(self) -> Vec<&'static str> {
        match self.facts().curves {
            SigningCurves::None => Vec::new(),
            SigningCurves::Ec(c) => vec![c.name()],
            SigningCurves::Ed(cs) => cs.iter().map(|c| c.name()).collect(),
        }
    }

    /// The length in bytes of a signature, when the algorithm alone fixes it: the hash
    /// length for HMAC, `2 ×` the coordinate length for ECDSA (`r || s`: 64, 96, 132, 64),
    /// 64 for `Ed25519` and 114 for `Ed448`; `None` for RSA (the modulus length) and
    /// `EdDSA` (the key's curve decides).
    pub const fn signature_len(self) -> Option<usize> {
        self.facts().signature_len
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
    /// password, never a JWK, and is decrypted only when named explicitly.
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
/// Keys written by other systems may name algorithms jwcrypt does not implement (`ES256K`
/// and `EdDSA` are implemented; `ML-DSA-44` or `RS1` are not); such a key imports, keeps
/// its `alg`, and is refused when used.
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
        assert_eq!(hs[0], (Some(HashAlg::Sha256), KeyFamily::Oct));
        assert_eq!(hs[5], (Some(HashAlg::Sha512), KeyFamily::Rsa));
        for a in SigningAlg::ALL {
            let f = a.facts();
            let n = a.name();
            let expect_family = match &n[..2] {
                "HS" => KeyFamily::Oct,
                "RS" | "PS" => KeyFamily::Rsa,
                "ES" => KeyFamily::Ec,
                _ => KeyFamily::Okp,
            };
            assert_eq!(f.family, expect_family, "{a}");
            assert_eq!(f.hash.is_none(), f.family == KeyFamily::Okp, "{a}");
            if let Some(h) = f.hash {
                let bits = if n == "ES512" {
                    512
                } else {
                    n[2..5].parse().unwrap()
                };
                assert_eq!(h.output_len() * 8, bits, "{a}");
            }
            match f.curves {
                SigningCurves::None => assert!(matches!(f.family, KeyFamily::Oct | KeyFamily::Rsa)),
                SigningCurves::Ec(c) => assert_eq!(Some(c.signature_len()), f.signature_len),
                SigningCurves::Ed(cs) => {
                    assert_eq!(f.signature_len.is_some(), cs.len() == 1, "{a}");
                }
            }
        }
        let curves = |a: SigningAlg| a.curves();
        assert_eq!(curves(SigningAlg::ES256), ["P-256"]);
        assert_eq!(curves(SigningAlg::ES384), ["P-384"]);
        assert_eq!(curves(SigningAlg::ES512), ["P-521"]);
        assert_eq!(curves(SigningAlg::ES256K), ["secp256k1"]);
        assert_eq!(curves(SigningAlg::EdDSA), ["Ed25519", "Ed448"]);
        assert_eq!(curves(SigningAlg::Ed25519), ["Ed25519"]);
        assert_eq!(curves(SigningAlg::Ed448), ["Ed448"]);
        let lens: Vec<_> = SigningAlg::ALL.iter().map(|a| a.signature_len()).collect();
        assert_eq!(
            lens,
            [32, 48, 64, 0, 0, 0, 0, 0, 0, 64, 96, 132, 64, 0, 64, 114]
                .map(|n| (n > 0).then_some(n))
        );
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
