//! The crypto provider: the one seam between jwcrypt's algorithms and the crates that compute
//! them, on the model of rustls's `CryptoProvider`.
//!
//! A [`CryptoProvider`] is a struct of `&'static dyn` trait objects, one per family of
//! primitives that jwcrypt's algorithm modules call: [`Ecdsa`], [`EdDsa`], [`Ecdh`] (NIST
//! curves), [`Xdh`] (X25519, X448), [`Rsa`] (PKCS#1 v1.5 and PSS signatures, OAEP) and
//! [`CbcHmac`] (AES_CBC_HMAC_SHA2), [`AesGcm`] and [`Pbkdf2`]. HMAC and AES key wrap, whose
//! keyed states a `SymmetricKey` caches in the RustCrypto crates' own types, are computed by
//! those crates in every build (the `hmac` and `aes_kw` modules call them directly); they move
//! behind a trait here when a second provider computes them. ML-DSA is the next family: one
//! more trait and one more field.
//!
//! Two providers exist:
//! * [`rust_crypto::PROVIDER`], the default: the RustCrypto crates (`ecdsa` with `p256`,
//!   `p384`, `p521`, `k256`; `elliptic-curve`'s ECDH; `ed25519-dalek`, `ed448-goldilocks`,
//!   `x25519-dalek`, `x448`; `rsa`; `aes`, `cbc`, `hmac`, `sha2`);
//! * `aws_lc::PROVIDER` (cargo feature `aws-lc`): `aws-lc-rs` for what it computes, and the
//!   RustCrypto provider for what it lacks, routed in one table in that module.
//!
//! [`DEFAULT`] is chosen by the cargo feature here, once; nothing else in jwcrypt names a
//! provider or a feature, and no primitive picks an engine per call or by input size.
//!
//! Keys: the algorithm modules above import and validate every key with the RustCrypto types
//! whichever provider runs (the key types of this module, [`EcPoint`], [`EcScalar`],
//! [`EdPoint`], [`EdSeed`], [`XSecret`], and the `rsa` crate's keys), so both providers see
//! the same checked values. Each prepared key also holds one [`Prepared`] slot: an empty,
//! lazily filled cell that belongs to the provider. A provider that needs its own form of a
//! key (aws-lc's parsed keys) builds it there on first use from the checked key; the
//! RustCrypto provider, whose forms are the checked keys themselves, leaves it empty. The key
//! types carry no provider-specific field.
//!
//! Layering: this module and its submodules are the bottom of `jwa` and import no other `jwa`
//! module; the algorithm modules (`ecdsa`, `ecdh`, `eddsa`, `rsa`, `aes_cbc_hmac`, ...) sit
//! above and call [`DEFAULT`].

use std::any::Any;
use std::sync::{Arc, OnceLock};

use zeroize::Zeroizing;

use crate::error::Result;

#[cfg(feature = "aws-lc")]
pub(crate) mod aws_lc;
pub(crate) mod rust_crypto;

// The provider every operation uses: `aws_lc::PROVIDER` with the `aws-lc` feature, else
// `rust_crypto::PROVIDER`.
#[cfg(feature = "aws-lc")]
pub(crate) use aws_lc::PROVIDER as DEFAULT;
#[cfg(not(feature = "aws-lc"))]
pub(crate) use rust_crypto::PROVIDER as DEFAULT;

/// One implementation of every primitive family (see the module documentation).
pub(crate) struct CryptoProvider {
    /// The provider's name, for tests and diagnostics.
    pub(crate) name: &'static str,
    /// ECDSA signing and verification (ES256, ES384, ES512, ES256K).
    pub(crate) ecdsa: &'static dyn Ecdsa,
    /// EdDSA signing and verification (Ed25519, Ed448).
    pub(crate) eddsa: &'static dyn EdDsa,
    /// ECDH on P-256, P-384 and P-521.
    pub(crate) ecdh: &'static dyn Ecdh,
    /// X25519 and X448.
    pub(crate) xdh: &'static dyn Xdh,
    /// RSA signatures and OAEP.
    pub(crate) rsa: &'static dyn Rsa,
    /// AES_CBC_HMAC_SHA2 content encryption.
    pub(crate) cbc_hmac: &'static dyn CbcHmac,
    /// AES-GCM content encryption and key wrapping.
    pub(crate) aes_gcm: &'static dyn AesGcm,
    /// PBKDF2 with HMAC-SHA-2 (PBES2).
    pub(crate) pbkdf2: &'static dyn Pbkdf2,
}

impl std::fmt::Debug for CryptoProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CryptoProvider")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// A provider's lazily built form of one key, shared by the key's clones (see the module
/// documentation). Holds one value of one type, made on first use.
#[derive(Clone, Default)]
pub(crate) struct Prepared(Arc<OnceLock<Box<dyn Any + Send + Sync>>>);

impl Prepared {
    /// The value in the slot, made by `make` on first use. `None` if the slot holds a value
    /// of another type (a key is only ever prepared by the one provider of the build).
    #[cfg_attr(
        not(feature = "aws-lc"),
        expect(dead_code, reason = "only the aws-lc provider prepares keys")
    )]
    pub(crate) fn get_or_init<T: Any + Send + Sync>(&self, make: impl FnOnce() -> T) -> Option<&T> {
        self.0.get_or_init(|| Box::new(make())).downcast_ref()
    }
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

/// The elliptic curves of JWS ECDSA and JWE ECDH-ES, with their JOSE `crv` names (RFC 7518
/// §6.2.1.1, RFC 8812 §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Curve {
    /// NIST P-256 (secp256r1), `crv` "P-256".
    P256,
    /// NIST P-384 (secp384r1), `crv` "P-384".
    P384,
    /// NIST P-521 (secp521r1), `crv` "P-521".
    P521,
    /// secp256k1, `crv` "secp256k1" (RFC 8812); ES256K only, not registered for ECDH-ES.
    Secp256k1,
}

impl Curve {
    /// Every curve, in the order above.
    pub(crate) const ALL: [Curve; 4] = [Self::P256, Self::P384, Self::P521, Self::Secp256k1];

    /// The JOSE `crv` name.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
            Self::Secp256k1 => "secp256k1",
        }
    }

    /// The curve of a JOSE `crv` name (exact, case-sensitive match).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The length in bytes of a coordinate, of `d`, and of each of `r` and `s`.
    pub(crate) const fn coordinate_len(self) -> usize {
        match self {
            Self::P256 | Self::Secp256k1 => 32,
            Self::P384 => 48,
            Self::P521 => 66,
        }
    }

    /// The length in bytes of a JWS signature `r || s`.
    pub(crate) const fn signature_len(self) -> usize {
        2 * self.coordinate_len()
    }
}

/// The EdDSA curves of RFC 8037, with their JOSE `crv` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EdCurve {
    /// Ed25519, `crv` "Ed25519".
    Ed25519,
    /// Ed448, `crv` "Ed448".
    Ed448,
}

impl EdCurve {
    /// Both curves.
    pub(crate) const ALL: [EdCurve; 2] = [Self::Ed25519, Self::Ed448];

    /// The JOSE `crv` name.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Ed25519 => "Ed25519",
            Self::Ed448 => "Ed448",
        }
    }

    /// The curve of a JOSE `crv` name (exact match).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The length in bytes of a public key `x` and of a private key `d`.
    pub(crate) const fn key_len(self) -> usize {
        match self {
            Self::Ed25519 => 32,
            Self::Ed448 => 57,
        }
    }

    /// The length in bytes of a signature.
    pub(crate) const fn signature_len(self) -> usize {
        2 * self.key_len()
    }
}

/// The Montgomery curves of RFC 8037 §3.2, with their JOSE `crv` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum XCurve {
    /// X25519, `crv` "X25519".
    X25519,
    /// X448, `crv` "X448".
    X448,
}

impl XCurve {
    /// Both curves.
    pub(crate) const ALL: [XCurve; 2] = [Self::X25519, Self::X448];

    /// The JOSE `crv` name.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::X25519 => "X25519",
            Self::X448 => "X448",
        }
    }

    /// The curve of a JOSE `crv` name (exact match).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The length in bytes of a public key `x`, a private key `d` and the shared secret.
    pub(crate) const fn key_len(self) -> usize {
        match self {
            Self::X25519 => 32,
            Self::X448 => 56,
        }
    }
}

/// A validated EC public point (on its curve, not the identity), in its curve crate's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EcPoint {
    /// A P-256 point.
    P256(ecdsa::VerifyingKey<p256::NistP256>),
    /// A P-384 point.
    P384(ecdsa::VerifyingKey<p384::NistP384>),
    /// A P-521 point.
    P521(ecdsa::VerifyingKey<p521::NistP521>),
    /// A secp256k1 point.
    Secp256k1(ecdsa::VerifyingKey<k256::Secp256k1>),
}

impl EcPoint {
    /// The curve of the point.
    pub(crate) fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::P384(_) => Curve::P384,
            Self::P521(_) => Curve::P521,
            Self::Secp256k1(_) => Curve::Secp256k1,
        }
    }

    /// The affine coordinates (x, y), each exactly [`Curve::coordinate_len`] bytes.
    pub(crate) fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        use ecdsa::elliptic_curve::sec1::ToSec1Point;
        let point = match self {
            Self::P256(k) => k.as_affine().to_sec1_point(false).as_bytes().to_vec(),
            Self::P384(k) => k.as_affine().to_sec1_point(false).as_bytes().to_vec(),
            Self::P521(k) => k.as_affine().to_sec1_point(false).as_bytes().to_vec(),
            Self::Secp256k1(k) => k.as_affine().to_sec1_point(false).as_bytes().to_vec(),
        };
        // `04 || x || y`: a validated point is never the identity, so both are present.
        let xy = point.get(1..).unwrap_or_default();
        let (x, y) = xy.split_at(xy.len() / 2);
        (x.to_vec(), y.to_vec())
    }
}

/// A validated EC private scalar (0 < d < n), in its curve crate's type (zeroized on drop).
#[derive(Clone)]
pub(crate) enum EcScalar {
    /// A P-256 key.
    P256(ecdsa::SigningKey<p256::NistP256>),
    /// A P-384 key.
    P384(ecdsa::SigningKey<p384::NistP384>),
    /// A P-521 key.
    P521(ecdsa::SigningKey<p521::NistP521>),
    /// A secp256k1 key.
    Secp256k1(ecdsa::SigningKey<k256::Secp256k1>),
}

impl EcScalar {
    /// The curve of the key.
    pub(crate) fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::P384(_) => Curve::P384,
            Self::P521(_) => Curve::P521,
            Self::Secp256k1(_) => Curve::Secp256k1,
        }
    }

    /// The public point.
    pub(crate) fn point(&self) -> EcPoint {
        match self {
            Self::P256(k) => EcPoint::P256(*k.verifying_key()),
            Self::P384(k) => EcPoint::P384(*k.verifying_key()),
            Self::P521(k) => EcPoint::P521(*k.verifying_key()),
            Self::Secp256k1(k) => EcPoint::Secp256k1(*k.verifying_key()),
        }
    }

    /// The scalar `d`, big-endian, exactly [`Curve::coordinate_len`] bytes.
    pub(crate) fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Self::P256(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
            Self::P384(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
            Self::P521(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
            Self::Secp256k1(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
        }
    }
}

/// A validated EdDSA public key (canonical, not of small order), in its curve crate's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EdPoint {
    /// An Ed25519 key.
    Ed25519(ed25519_dalek::VerifyingKey),
    /// An Ed448 key.
    Ed448(ed448_goldilocks::VerifyingKey),
}

/// An EdDSA private key (the RFC 8032 seed), in its curve crate's type (zeroized on drop).
#[derive(Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "a key is held once per JWK, not in bulk"
)]
pub(crate) enum EdSeed {
    /// An Ed25519 key.
    Ed25519(ed25519_dalek::SigningKey),
    /// An Ed448 key.
    Ed448(ed448_goldilocks::SigningKey),
}

impl EdSeed {
    /// The seed `d`.
    pub(crate) fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Self::Ed25519(k) => Zeroizing::new(k.as_bytes().to_vec()),
            Self::Ed448(k) => Zeroizing::new(k.as_bytes().to_vec()),
        }
    }
}

/// An X25519 or X448 private key, in its curve crate's type (zeroized on drop).
#[derive(Clone)]
pub(crate) enum XSecret {
    /// An X25519 key.
    X25519(x25519_dalek::StaticSecret),
    /// An X448 key.
    X448(x448::StaticSecret),
}

impl XSecret {
    /// The curve of the key.
    pub(crate) fn curve(&self) -> XCurve {
        match self {
            Self::X25519(_) => XCurve::X25519,
            Self::X448(_) => XCurve::X448,
        }
    }

    /// The scalar bytes: for X25519 as given; for X448 in the clamped form the `x448` crate
    /// stores (RFC 7748 §5 clamps on every use, so it is the same key).
    pub(crate) fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Self::X25519(k) => Zeroizing::new(k.as_bytes().to_vec()),
            Self::X448(k) => Zeroizing::new(k.as_bytes().to_vec()),
        }
    }
}

/// An RSA signature scheme: the padding and its hash (SHA-256, -384 or -512).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RsaScheme {
    /// RSASSA-PKCS1-v1_5 (RS256, RS384, RS512).
    Pkcs1v15(HashAlg),
    /// RSASSA-PSS with MGF1 of the same hash and a salt of the hash's length (PS256, ...).
    Pss(HashAlg),
}

/// ECDSA over the NIST curves and secp256k1. Signatures are `r || s` of
/// [`Curve::signature_len`] bytes; the caller has checked the length and that r and s are in
/// 1..n-1 before [`Ecdsa::verify`].
pub(crate) trait Ecdsa: Send + Sync {
    /// The signature of the concatenated `parts` with the curve's JOSE hash, its nonce
    /// deterministic (RFC 6979).
    fn sign(&self, key: &EcScalar, prepared: &Prepared, parts: &[&[u8]]) -> Result<Vec<u8>>;

    /// Whether `signature` is valid for the concatenated `parts` under `key`.
    fn verify(&self, key: &EcPoint, prepared: &Prepared, parts: &[&[u8]], signature: &[u8])
    -> bool;
}

/// EdDSA, pure mode with an empty context (RFC 8032).
pub(crate) trait EdDsa: Send + Sync {
    /// The (deterministic) signature of `message`.
    fn sign(&self, key: &EdSeed, prepared: &Prepared, message: &[u8]) -> Vec<u8>;

    /// Whether `signature` is a valid strict signature (S < L, R canonical and not of small
    /// order) of the concatenated `parts` under `key`, a key of large order.
    fn verify(&self, key: &EdPoint, parts: &[&[u8]], signature: &[u8]) -> bool;
}

/// ECDH on P-256, P-384 and P-521 (NIST SP 800-56A's Z: the x-coordinate of d·Q, full
/// length). The caller has checked that both keys are on one of these curves, the same one.
pub(crate) trait Ecdh: Send + Sync {
    /// Z of `ours` and `peer`.
    fn agree(
        &self,
        ours: (&EcScalar, &Prepared),
        peer: (&EcPoint, &Prepared),
    ) -> Result<Zeroizing<Vec<u8>>>;

    /// A fresh ephemeral key on `peer`'s curve: its public coordinates (x, y) and Z with
    /// `peer`. The caller validates the coordinates as it validates any point.
    fn ephemeral(&self, peer: (&EcPoint, &Prepared)) -> Result<EphemeralEc>;
}

/// The sender's side of ECDH-ES: the ephemeral public key's coordinates and Z.
pub(crate) struct EphemeralEc {
    /// The x-coordinate of the ephemeral public key, full length.
    pub(crate) x: Vec<u8>,
    /// The y-coordinate of the ephemeral public key, full length.
    pub(crate) y: Vec<u8>,
    /// The shared secret.
    pub(crate) z: Zeroizing<Vec<u8>>,
}

/// X25519 and X448 (RFC 7748). The caller has checked that `peer` is a public key of
/// [`XSecret::curve`]'s length, and refuses an all-zero Z.
pub(crate) trait Xdh: Send + Sync {
    /// Z of `ours` and the peer's u-coordinate.
    fn agree(&self, ours: &XSecret, prepared: &Prepared, peer: &[u8])
    -> Result<Zeroizing<Vec<u8>>>;

    /// A fresh ephemeral key on `curve`: its public key and Z with `peer`.
    fn ephemeral(&self, curve: XCurve, peer: &[u8]) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)>;
}

/// RSA signatures and OAEP over keys the `rsa` crate has checked. The caller has checked the
/// modulus size (2048 bits or more) and, for verification, the signature length.
pub(crate) trait Rsa: Send + Sync {
    /// The signature of the concatenated `parts` (private-key operations blinded).
    fn sign(
        &self,
        scheme: RsaScheme,
        key: &rsa::PrivateKey,
        prepared: &Prepared,
        parts: &[&[u8]],
    ) -> Result<Vec<u8>>;

    /// Whether `signature` is valid for the concatenated `parts`.
    fn verify(
        &self,
        scheme: RsaScheme,
        key: &rsa::PublicKey,
        prepared: &Prepared,
        parts: &[&[u8]],
        signature: &[u8],
    ) -> bool;

    /// RSAES-OAEP encryption with `hash` for the label hash and MGF1.
    fn oaep_encrypt(
        &self,
        hash: HashAlg,
        key: &rsa::PublicKey,
        prepared: &Prepared,
        message: &[u8],
    ) -> Result<Vec<u8>>;

    /// RSAES-OAEP decryption; `None` for every failure.
    fn oaep_decrypt(
        &self,
        hash: HashAlg,
        key: &rsa::PrivateKey,
        prepared: &Prepared,
        ciphertext: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>>;
}

/// AES_CBC_HMAC_SHA2 (RFC 7518 §5.2): the key is MAC_KEY || ENC_KEY of 16, 24 or 32 bytes
/// each, with HMAC-SHA-256, -384 or -512 (by the key length) truncated to the half. `aad` is
/// the list of pieces whose concatenation is the additional authenticated data.
pub(crate) trait CbcHmac: Send + Sync {
    /// The ciphertext (PKCS#7 padded) and the tag.
    fn encrypt(
        &self,
        key: &[u8],
        iv: &[u8],
        aad: &[&[u8]],
        plaintext: &[u8],
    ) -> Result<(Vec<u8>, Vec<u8>)>;

    /// The plaintext, once the tag has been checked in constant time (before any decryption
    /// or unpadding); `None` for every failure.
    fn decrypt(
        &self,
        key: &[u8],
        iv: &[u8],
        aad: &[&[u8]],
        ciphertext: Vec<u8>,
        tag: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>>;
}

/// AES-GCM with JOSE's 96-bit IV and 128-bit tag.
pub(crate) trait AesGcm: Send + Sync {
    /// Encrypts `buf` in place with a 16-, 24- or 32-byte `key`; the tag, or `None` for a key
    /// of another length.
    fn encrypt(&self, key: &[u8], iv: &[u8; 12], aad: &[u8], buf: &mut [u8]) -> Option<[u8; 16]>;

    /// Decrypts `buf` in place once `tag` is checked; `false` for every failure (the caller
    /// zeroes `buf` then).
    fn decrypt(
        &self,
        key: &[u8],
        iv: &[u8; 12],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8; 16],
    ) -> bool;
}

/// PBKDF2 (RFC 8018 §5.2) with HMAC over `hash` (SHA-256, -384 or -512).
pub(crate) trait Pbkdf2: Send + Sync {
    /// Fills `out` from `password`, `salt` and `rounds`.
    fn derive(&self, hash: HashAlg, password: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]);
}
