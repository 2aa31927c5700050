//! ECDSA for JWS (RFC 7518 §3.4, RFC 8812 §3.2): `ES256` (P-256 with SHA-256), `ES384`
//! (P-384 with SHA-384), `ES512` (P-521 with SHA-512) and `ES256K` (secp256k1 with SHA-256),
//! over the RustCrypto `ecdsa`, `p256`, `p384`, `p521` and `k256` crates.
//!
//! The prepared keys here are also the EC keys of ECDH-ES (see [`super::ecdh`]).
//!
//! What is checked:
//! * a public key is built from the JWK `x` and `y` coordinates (RFC 7518 §6.2.1.2-3): each
//!   exactly the curve's coordinate length (no shorter, no left-padded longer form), each a
//!   canonical field element (< p), the point on the curve and not the identity;
//! * a private key `d` (RFC 7518 §6.2.2.1) is exactly the coordinate length and 0 < d < n, and
//!   when public coordinates come with it they must be the ones `d` gives;
//! * a signature is exactly `r || s`, each of the coordinate length (RFC 7518 §3.4: no DER, no
//!   extra zero octets), with r and s in 1..n-1 (the `ecdsa` crate refuses r or s of 0 or ≥ n,
//!   so the all-zero "psychic signature" of CVE-2022-21449 does not verify).
//!
//! Signing is deterministic (RFC 6979 nonces, as the `ecdsa` crate implements them) and hashes
//! the message parts one after another, without joining them.

use ecdsa::{SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};

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

/// The per-curve operations, written once and instantiated for each curve's concrete types.
macro_rules! curve_ops {
    ($module:ident, $curve:ty) => {
        mod $module {
            use ecdsa::elliptic_curve::sec1::{FromSec1Point, ToSec1Point};
            use ecdsa::elliptic_curve::{FieldBytes, Generate, PublicKey};
            use ecdsa::signature::{MultipartSigner, MultipartVerifier};
            use ecdsa::{EcdsaCurve, Sec1Point, Signature, SigningKey, VerifyingKey};

            type C = $curve;

            /// The key at (x, y), if both are full-length canonical coordinates of a point of
            /// the curve other than the identity.
            pub(super) fn public(x: &[u8], y: &[u8]) -> Option<VerifyingKey<C>> {
                let x = FieldBytes::<C>::try_from(x).ok()?;
                let y = FieldBytes::<C>::try_from(y).ok()?;
                let point = Sec1Point::<C>::from_affine_coordinates(&x, &y, false);
                let key: Option<PublicKey<C>> = PublicKey::from_sec1_point(&point).into();
                key.map(VerifyingKey::from)
            }

            /// The affine coordinates (x, y) of `key`, full length.
            pub(super) fn coordinates(key: &VerifyingKey<C>) -> (Vec<u8>, Vec<u8>) {
                let point = key.as_affine().to_sec1_point(false);
                match (point.x(), point.y()) {
                    (Some(x), Some(y)) => (x.to_vec(), y.to_vec()),
                    // A `VerifyingKey` is never the identity, and an uncompressed point always
                    // has both coordinates.
                    _ => (Vec::new(), Vec::new()),
                }
            }

            /// Whether `sig` (exactly r || s) is a valid signature of the parts joined.
            pub(super) fn verify(key: &VerifyingKey<C>, parts: &[&[u8]], sig: &[u8]) -> bool {
                let Ok(sig) = Signature::<C>::from_slice(sig) else {
                    return false;
                };
                // A curve whose `ecdsa` verifier only takes low-S signatures (secp256k1, for
                // Bitcoin's sake) gets the equivalent low-S form: (r, s) and (r, n - s) are
                // both valid ECDSA signatures, and RFC 8812 does not ask for low S.
                let sig = if <C as EcdsaCurve>::NORMALIZE_S {
                    sig.normalize_s()
                } else {
                    sig
                };
                key.multipart_verify(parts, &sig).is_ok()
            }

            /// The signing key of the scalar `d`, if it is full length and in 1..n-1.
            pub(super) fn private(d: &[u8]) -> Option<SigningKey<C>> {
                let d = FieldBytes::<C>::try_from(d).ok()?;
                SigningKey::from_bytes(&d).ok()
            }

            /// A fresh signing key from the OS generator.
            pub(super) fn generate() -> Option<SigningKey<C>> {
                SigningKey::try_generate_from_rng(&mut getrandom::SysRng).ok()
            }

            /// The deterministic (RFC 6979) signature r || s of the parts joined.
            pub(super) fn sign(key: &SigningKey<C>, parts: &[&[u8]]) -> Option<Vec<u8>> {
                let sig: Signature<C> = key.try_multipart_sign(parts).ok()?;
                Some(sig.to_bytes().to_vec())
            }
        }
    };
}

curve_ops!(p256_ops, p256::NistP256);
curve_ops!(p384_ops, p384::NistP384);
curve_ops!(p521_ops, p521::NistP521);
curve_ops!(k256_ops, k256::Secp256k1);

/// A validated EC public key: a point of its curve, not the identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EcPublicKey {
    /// A P-256 point.
    P256(VerifyingKey<p256::NistP256>),
    /// A P-384 point.
    P384(VerifyingKey<p384::NistP384>),
    /// A P-521 point.
    P521(VerifyingKey<p521::NistP521>),
    /// A secp256k1 point.
    Secp256k1(VerifyingKey<k256::Secp256k1>),
}

impl EcPublicKey {
    /// The key at the affine coordinates (`x`, `y`), as a JWK gives them (big-endian).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] unless both are exactly [`Curve::coordinate_len`] bytes, both
    /// are below the field prime, and the point is on the curve and not the identity.
    pub(crate) fn from_coordinates(curve: Curve, x: &[u8], y: &[u8]) -> Result<Self> {
        let len = curve.coordinate_len();
        if x.len() != len || y.len() != len {
            return err(
                ErrorKind::InvalidKey,
                format!(
                    "{} coordinates x and y must be {len} bytes each, not {} and {}",
                    curve.name(),
                    x.len(),
                    y.len()
                ),
            );
        }
        let key = match curve {
            Curve::P256 => p256_ops::public(x, y).map(Self::P256),
            Curve::P384 => p384_ops::public(x, y).map(Self::P384),
            Curve::P521 => p521_ops::public(x, y).map(Self::P521),
            Curve::Secp256k1 => k256_ops::public(x, y).map(Self::Secp256k1),
        };
        key.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                format!(
                    "x and y are not the coordinates of a {} point",
                    curve.name()
                ),
            )
        })
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::P384(_) => Curve::P384,
            Self::P521(_) => Curve::P521,
            Self::Secp256k1(_) => Curve::Secp256k1,
        }
    }

    /// The affine coordinates (x, y), each exactly [`Curve::coordinate_len`] bytes, big-endian.
    pub(crate) fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        match self {
            Self::P256(k) => p256_ops::coordinates(k),
            Self::P384(k) => p384_ops::coordinates(k),
            Self::P521(k) => p521_ops::coordinates(k),
            Self::Secp256k1(k) => k256_ops::coordinates(k),
        }
    }

    /// Verifies the JWS signature `signature` (`r || s`) over the concatenation of `parts`
    /// (for a JWS, `[protected, b".", payload]`), hashed with the curve's JOSE hash (SHA-256
    /// for P-256 and secp256k1, SHA-384 for P-384, SHA-512 for P-521).
    ///
    /// The caller has checked that the JWS `alg` names this key's curve.
    ///
    /// # Errors
    /// [`Error::invalid_signature`] for every failure: a length other than
    /// [`Curve::signature_len`], r or s out of 1..n-1, or a signature that does not verify.
    pub(crate) fn verify(&self, parts: &[&[u8]], signature: &[u8]) -> Result<()> {
        let ok = match self {
            Self::P256(k) => p256_ops::verify(k, parts, signature),
            Self::P384(k) => p384_ops::verify(k, parts, signature),
            Self::P521(k) => p521_ops::verify(k, parts, signature),
            Self::Secp256k1(k) => k256_ops::verify(k, parts, signature),
        };
        if ok {
            Ok(())
        } else {
            Err(Error::invalid_signature())
        }
    }
}

/// A validated EC private key (0 < d < n) with its public key. The scalar is zeroized on drop
/// (by the `ecdsa` crate's `SigningKey`), and `Debug` prints only the curve.
#[derive(Clone)]
pub(crate) enum EcPrivateKey {
    /// A P-256 key.
    P256(SigningKey<p256::NistP256>),
    /// A P-384 key.
    P384(SigningKey<p384::NistP384>),
    /// A P-521 key.
    P521(SigningKey<p521::NistP521>),
    /// A secp256k1 key.
    Secp256k1(SigningKey<k256::Secp256k1>),
}

impl std::fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EcPrivateKey")
            .field("crv", &self.curve().name())
            .finish_non_exhaustive()
    }
}

impl EcPrivateKey {
    /// The key of the private scalar `d` (big-endian, as a JWK gives it), its public key
    /// derived from it.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] unless `d` is exactly [`Curve::coordinate_len`] bytes and
    /// 0 < d < n.
    pub(crate) fn from_d(curve: Curve, d: &[u8]) -> Result<Self> {
        let len = curve.coordinate_len();
        if d.len() != len {
            return err(
                ErrorKind::InvalidKey,
                format!(
                    "a {} private key d must be {len} bytes, not {}",
                    curve.name(),
                    d.len()
                ),
            );
        }
        let key = match curve {
            Curve::P256 => p256_ops::private(d).map(Self::P256),
            Curve::P384 => p384_ops::private(d).map(Self::P384),
            Curve::P521 => p521_ops::private(d).map(Self::P521),
            Curve::Secp256k1 => k256_ops::private(d).map(Self::Secp256k1),
        };
        key.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                format!(
                    "a {} private key d must be in 1..n-1 (the curve order)",
                    curve.name()
                ),
            )
        })
    }

    /// The key of `d` whose public key must be `public` (a JWK's `x` and `y`): the public key
    /// is derived from `d` and compared.
    ///
    /// # Errors
    /// As [`EcPrivateKey::from_d`] on `public`'s curve, and [`ErrorKind::InvalidKey`] when `d`
    /// does not give `public`.
    pub(crate) fn from_d_checked(public: &EcPublicKey, d: &[u8]) -> Result<Self> {
        let key = Self::from_d(public.curve(), d)?;
        if key.public_key() != *public {
            return err(
                ErrorKind::InvalidKey,
                "the EC private key d does not match the public key x, y",
            );
        }
        Ok(key)
    }

    /// A fresh key on `curve`, from the OS random number generator.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] if the generator fails.
    pub(crate) fn generate(curve: Curve) -> Result<Self> {
        let key = match curve {
            Curve::P256 => p256_ops::generate().map(Self::P256),
            Curve::P384 => p384_ops::generate().map(Self::P384),
            Curve::P521 => p521_ops::generate().map(Self::P521),
            Curve::Secp256k1 => k256_ops::generate().map(Self::Secp256k1),
        };
        key.ok_or_else(|| Error::new(ErrorKind::Crypto, "the OS random number generator failed"))
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::P384(_) => Curve::P384,
            Self::P521(_) => Curve::P521,
            Self::Secp256k1(_) => Curve::Secp256k1,
        }
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> EcPublicKey {
        match self {
            Self::P256(k) => EcPublicKey::P256(*k.verifying_key()),
            Self::P384(k) => EcPublicKey::P384(*k.verifying_key()),
            Self::P521(k) => EcPublicKey::P521(*k.verifying_key()),
            Self::Secp256k1(k) => EcPublicKey::Secp256k1(*k.verifying_key()),
        }
    }

    /// The private scalar `d`, big-endian, exactly [`Curve::coordinate_len`] bytes.
    pub(crate) fn d(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Self::P256(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
            Self::P384(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
            Self::P521(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
            Self::Secp256k1(k) => Zeroizing::new(Zeroizing::new(k.to_bytes()).to_vec()),
        }
    }

    /// Signs the concatenation of `parts` (for a JWS, `[protected, b".", payload]`) with the
    /// curve's JOSE hash and a deterministic RFC 6979 nonce, giving `r || s` of
    /// [`Curve::signature_len`] bytes.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] in the (negligible) case the `ecdsa` crate cannot sign.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> Result<Vec<u8>> {
        let sig = match self {
            Self::P256(k) => p256_ops::sign(k, parts),
            Self::P384(k) => p384_ops::sign(k, parts),
            Self::P521(k) => p521_ops::sign(k, parts),
            Self::Secp256k1(k) => k256_ops::sign(k, parts),
        };
        sig.ok_or_else(|| Error::new(ErrorKind::Crypto, "ECDSA signing failed"))
    }
}
