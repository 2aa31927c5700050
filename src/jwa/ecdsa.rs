//! ECDSA for JWS (RFC 7518 §3.4, RFC 8812 §3.2): `ES256` (P-256 with SHA-256), `ES384`
//! (P-384 with SHA-384), `ES512` (P-521 with SHA-512) and `ES256K` (secp256k1 with SHA-256).
//!
//! The prepared keys here are also the EC keys of ECDH-ES (the `ecdh` module).
//!
//! What is checked:
//! * a public key is built from the JWK `x` and `y` coordinates (RFC 7518 §6.2.1.2-3): each
//!   exactly the curve's coordinate length (no shorter, no left-padded longer form), each a
//!   canonical field element (< p), the point on the curve and not the identity;
//! * a private key `d` (RFC 7518 §6.2.2.1) is exactly the coordinate length and 0 < d < n, and
//!   when public coordinates come with it they must be the ones `d` gives;
//! * a signature is exactly `r || s`, each of the coordinate length (RFC 7518 §3.4: no DER, no
//!   extra zero octets), with r and s in 1..n-1 (checked here by the `ecdsa` crate's
//!   `Signature`, before the provider sees it, so the all-zero "psychic signature" of
//!   CVE-2022-21449 never reaches a verifier).
//!
//! Keys are imported and checked by the curve crates' types (`p256`, `p384`, `p521`, `k256`)
//! whichever provider runs; signing and verification go through the crypto provider
//! (the `provider` module): RFC 6979 deterministic signatures in every build (one message and
//! key always give the same signature), verification by the `ecdsa` crate's `VerifyingKey`
//! held on the key, or by aws-lc with the `aws-lc` feature. The message parts are hashed one
//! after another, without joining them. jwcrypt writes no group or field arithmetic.

use zeroize::Zeroizing;

pub(crate) use super::provider::Curve;
use super::provider::{CryptoProvider, DEFAULT, EcPoint, EcScalar, Prepared};
use crate::error::{Error, ErrorKind, Result, err};

/// Key import and generation, written once and instantiated for each curve's concrete types.
macro_rules! curve_ops {
    ($module:ident, $curve:ty) => {
        mod $module {
            use ecdsa::elliptic_curve::sec1::FromSec1Point;
            use ecdsa::elliptic_curve::{FieldBytes, Generate, PublicKey};
            use ecdsa::{Sec1Point, Signature, SigningKey, VerifyingKey};

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

            /// Whether `sig` is exactly r || s with r and s in 1..n-1.
            pub(super) fn in_range(sig: &[u8]) -> bool {
                Signature::<C>::from_slice(sig).is_ok()
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
        }
    };
}

curve_ops!(p256_ops, p256::NistP256);
curve_ops!(p384_ops, p384::NistP384);
curve_ops!(p521_ops, p521::NistP521);
curve_ops!(k256_ops, k256::Secp256k1);

/// A validated EC public key: a point of its curve, not the identity.
#[derive(Clone)]
pub(crate) struct EcPublicKey {
    point: EcPoint,
    /// The provider's form of the key, made on first use and shared by clones.
    prepared: Prepared,
}

impl PartialEq for EcPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.point == other.point
    }
}

impl Eq for EcPublicKey {}

impl std::fmt::Debug for EcPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.point.fmt(f)
    }
}

impl EcPublicKey {
    fn new(point: EcPoint) -> Self {
        Self {
            point,
            prepared: Prepared::default(),
        }
    }

    /// The point and the provider's slot, as the provider takes them.
    pub(crate) fn parts(&self) -> (&EcPoint, &Prepared) {
        (&self.point, &self.prepared)
    }

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
        let point = match curve {
            Curve::P256 => p256_ops::public(x, y).map(EcPoint::P256),
            Curve::P384 => p384_ops::public(x, y).map(EcPoint::P384),
            Curve::P521 => p521_ops::public(x, y).map(EcPoint::P521),
            Curve::Secp256k1 => k256_ops::public(x, y).map(EcPoint::Secp256k1),
        };
        point.map(Self::new).ok_or_else(|| {
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
        self.point.curve()
    }

    /// The affine coordinates (x, y), each exactly [`Curve::coordinate_len`] bytes, big-endian.
    pub(crate) fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        self.point.coordinates()
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
        self.verify_by(&DEFAULT, parts, signature)
    }

    /// [`EcPublicKey::verify`] by `provider` (tests compare the providers through it).
    pub(crate) fn verify_by(
        &self,
        provider: &CryptoProvider,
        parts: &[&[u8]],
        signature: &[u8],
    ) -> Result<()> {
        if signature.len() == self.curve().signature_len()
            && self.in_range(signature)
            && provider
                .ecdsa
                .verify(&self.point, &self.prepared, parts, signature)
        {
            Ok(())
        } else {
            Err(Error::invalid_signature())
        }
    }

    /// Whether `signature` is exactly r || s of the curve's length with r and s in 1..n-1.
    fn in_range(&self, signature: &[u8]) -> bool {
        match self.point {
            EcPoint::P256(_) => p256_ops::in_range(signature),
            EcPoint::P384(_) => p384_ops::in_range(signature),
            EcPoint::P521(_) => p521_ops::in_range(signature),
            EcPoint::Secp256k1(_) => k256_ops::in_range(signature),
        }
    }
}

/// A validated EC private key (0 < d < n) with its public key. The scalar is zeroized on drop
/// (by the `ecdsa` crate's `SigningKey`), and `Debug` prints only the curve.
#[derive(Clone)]
pub(crate) struct EcPrivateKey {
    scalar: EcScalar,
    /// The provider's form of the key, made on first use and shared by clones.
    prepared: Prepared,
}

impl std::fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EcPrivateKey")
            .field("crv", &self.curve().name())
            .finish_non_exhaustive()
    }
}

impl EcPrivateKey {
    fn new(scalar: EcScalar) -> Self {
        Self {
            scalar,
            prepared: Prepared::default(),
        }
    }

    /// The scalar and the provider's slot, as the provider takes them.
    pub(crate) fn parts(&self) -> (&EcScalar, &Prepared) {
        (&self.scalar, &self.prepared)
    }

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
        let scalar = match curve {
            Curve::P256 => p256_ops::private(d).map(EcScalar::P256),
            Curve::P384 => p384_ops::private(d).map(EcScalar::P384),
            Curve::P521 => p521_ops::private(d).map(EcScalar::P521),
            Curve::Secp256k1 => k256_ops::private(d).map(EcScalar::Secp256k1),
        };
        scalar.map(Self::new).ok_or_else(|| {
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
        let scalar = match curve {
            Curve::P256 => p256_ops::generate().map(EcScalar::P256),
            Curve::P384 => p384_ops::generate().map(EcScalar::P384),
            Curve::P521 => p521_ops::generate().map(EcScalar::P521),
            Curve::Secp256k1 => k256_ops::generate().map(EcScalar::Secp256k1),
        };
        scalar
            .map(Self::new)
            .ok_or_else(|| Error::new(ErrorKind::Crypto, "the OS random number generator failed"))
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> Curve {
        self.scalar.curve()
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> EcPublicKey {
        EcPublicKey::new(self.scalar.point())
    }

    /// The private scalar `d`, big-endian, exactly [`Curve::coordinate_len`] bytes.
    pub(crate) fn d(&self) -> Zeroizing<Vec<u8>> {
        self.scalar.to_bytes()
    }

    /// Signs the concatenation of `parts` (for a JWS, `[protected, b".", payload]`) with the
    /// curve's JOSE hash and a deterministic RFC 6979 nonce, giving `r || s` of
    /// [`Curve::signature_len`] bytes.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] in the (negligible) case the provider cannot sign.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> Result<Vec<u8>> {
        DEFAULT.ecdsa.sign(&self.scalar, &self.prepared, parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;

    /// The group orders n (big-endian).
    fn order(curve: Curve) -> Vec<u8> {
        let n = match curve {
            Curve::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            Curve::P384 => {
                "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf\
                 581a0db248b0a77aecec196accc52973"
            }
            Curve::P521 => {
                "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
                 fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
            }
            Curve::Secp256k1 => "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        };
        let n = hex(n);
        assert_eq!(n.len(), curve.coordinate_len());
        n
    }

    /// a + b or a - b over equal-length big-endian numbers (no overflow expected).
    fn add(a: &[u8], b: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; a.len()];
        let mut carry = 0u16;
        for i in (0..a.len()).rev() {
            let s = u16::from(a[i]) + u16::from(b[i]) + carry;
            out[i] = s as u8;
            carry = s >> 8;
        }
        assert_eq!(carry, 0);
        out
    }

    fn sub(a: &[u8], b: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; a.len()];
        let mut borrow = 0i16;
        for i in (0..a.len()).rev() {
            let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
            borrow = i16::from(d < 0);
            if d < 0 {
                d += 256;
            }
            out[i] = d as u8;
        }
        assert_eq!(borrow, 0);
        out
    }

    fn appendix(id: &str) -> serde_json::Value {
        let text = crate::test_util::data("rfc-appendix.json");
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
            .clone()
    }

    fn b64(v: &serde_json::Value) -> Vec<u8> {
        crate::b64::decode(v.as_str().unwrap()).unwrap()
    }

    #[test]
    fn curve_names_and_lengths() {
        for c in Curve::ALL {
            assert_eq!(Curve::from_name(c.name()), Some(c));
            assert_eq!(c.signature_len(), 2 * c.coordinate_len());
        }
        assert_eq!(Curve::from_name("p-256"), None);
        assert_eq!(Curve::from_name("P-256K"), None);
        assert_eq!(
            Curve::ALL.map(Curve::coordinate_len),
            [32, 48, 66, 32],
            "RFC 7518 §6.2.1.2, RFC 8812 §3.1"
        );
    }

    /// RFC 7515 A.3 (ES256) and A.4 (ES512): the signatures verify, with the private keys
    /// matching their x, y; a changed signing input does not.
    #[test]
    fn rfc7515_a3_a4() {
        for (id, curve) in [("rfc7515-A.3", Curve::P256), ("rfc7515-A.4", Curve::P521)] {
            let v = appendix(id);
            let jwk = &v["inputs"]["jwk"];
            let public =
                EcPublicKey::from_coordinates(curve, &b64(&jwk["x"]), &b64(&jwk["y"])).unwrap();
            let private = EcPrivateKey::from_d_checked(&public, &b64(&jwk["d"])).unwrap();
            assert_eq!(private.public_key(), public);
            assert_eq!(&*private.d(), &b64(&jwk["d"]));
            let (x, y) = public.coordinates();
            assert_eq!((x, y), (b64(&jwk["x"]), b64(&jwk["y"])), "{id}");
            let input = v["outputs"]["signing_input"].as_str().unwrap().as_bytes();
            let sig = b64(&v["outputs"]["signature_b64u"]);
            public.verify(&[input], &sig).unwrap();
            let (protected, rest) = input.split_at(input.iter().position(|&b| b == b'.').unwrap());
            public.verify(&[protected, b".", &rest[1..]], &sig).unwrap();
            let mut changed = input.to_vec();
            changed[0] ^= 1;
            assert!(public.verify(&[&changed], &sig).is_err(), "{id}");
        }
    }

    #[test]
    fn sign_verify_every_curve() {
        for curve in Curve::ALL {
            let key = EcPrivateKey::generate(curve).unwrap();
            assert_eq!(key.curve(), curve);
            let public = key.public_key();
            assert_eq!(public.curve(), curve);
            let sig = key.sign(&[b"header", b".", b"payload"]).unwrap();
            assert_eq!(sig.len(), curve.signature_len());
            // RFC 6979 in every build: deterministic, however the message is split.
            let rfc6979 = key.sign(&[b"header.payload"]).unwrap();
            assert_eq!(rfc6979, sig);
            public.verify(&[b"header.", b"payload"], &rfc6979).unwrap();
            public.verify(&[b"header.", b"payload"], &sig).unwrap();
            assert_eq!(
                public
                    .verify(&[b"header.payloaD"], &sig)
                    .unwrap_err()
                    .kind(),
                ErrorKind::InvalidSignature
            );
            // The exported key reads back as the same key.
            let (x, y) = public.coordinates();
            let again = EcPublicKey::from_coordinates(curve, &x, &y).unwrap();
            let private = EcPrivateKey::from_d_checked(&again, &key.d()).unwrap();
            assert_eq!(private.sign(&[b"m"]).unwrap(), key.sign(&[b"m"]).unwrap());
            again
                .verify(&[b"m"], &private.sign(&[b"m"]).unwrap())
                .unwrap();
            // The private scalar is not in Debug output.
            let debug = format!("{key:?}");
            assert!(debug.contains(curve.name()));
            assert!(!debug.contains(&format!("{:?}", &*key.d())));
        }
    }

    /// CVE-2022-21449 and its neighbours: r or s of 0 or n (or above) never verify.
    #[test]
    fn out_of_range_r_and_s_refused() {
        for curve in Curve::ALL {
            let key = EcPrivateKey::generate(curve).unwrap();
            let public = key.public_key();
            let msg: &[&[u8]] = &[b"psychic"];
            let sig = key.sign(msg).unwrap();
            let (r, s) = sig.split_at(curve.coordinate_len());
            let zero = vec![0u8; curve.coordinate_len()];
            let n = order(curve);
            let n_plus_1 = add(&n, &{
                let mut one = zero.clone();
                *one.last_mut().unwrap() = 1;
                one
            });
            for (r, s) in [
                (&zero, &zero),
                (&zero, &s.to_vec()),
                (&r.to_vec(), &zero),
                (&n, &n),
                (&n, &s.to_vec()),
                (&r.to_vec(), &n),
                (&n_plus_1, &s.to_vec()),
                (&r.to_vec(), &n_plus_1),
            ] {
                let forged = [r.as_slice(), s.as_slice()].concat();
                assert_eq!(
                    public.verify(msg, &forged).unwrap_err().kind(),
                    ErrorKind::InvalidSignature,
                    "{}",
                    curve.name()
                );
            }
            public.verify(msg, &sig).unwrap();
        }
    }

    #[test]
    fn der_padded_and_truncated_signatures_refused() {
        for curve in Curve::ALL {
            let key = EcPrivateKey::generate(curve).unwrap();
            let public = key.public_key();
            let msg: &[&[u8]] = &[b"m"];
            let sig = key.sign(msg).unwrap();
            let (r, s) = sig.split_at(curve.coordinate_len());
            let padded = [&[0u8][..], r, &[0u8], s].concat();
            let mut der = vec![0x30, 0, 0x02, r.len() as u8 + 1, 0];
            der.extend_from_slice(r);
            der.extend_from_slice(&[0x02, s.len() as u8 + 1, 0]);
            der.extend_from_slice(s);
            der[1] = (der.len() - 2) as u8;
            for bad in [
                &padded[..],
                &der[..],
                &sig[..sig.len() - 1],
                &sig[1..],
                &[sig.as_slice(), &[0]].concat()[..],
                &[],
            ] {
                assert!(public.verify(msg, bad).is_err(), "{}", curve.name());
            }
        }
    }

    #[test]
    fn coordinates_checked() {
        for curve in Curve::ALL {
            let (x, y) = EcPrivateKey::generate(curve)
                .unwrap()
                .public_key()
                .coordinates();
            let len = curve.coordinate_len();
            let refused = |x: &[u8], y: &[u8]| {
                assert_eq!(
                    EcPublicKey::from_coordinates(curve, x, y)
                        .unwrap_err()
                        .kind(),
                    ErrorKind::InvalidKey,
                    "{}",
                    curve.name()
                );
            };
            // Left-padded and short forms.
            refused(&[&[0], x.as_slice()].concat(), &y);
            refused(&x, &[&[0], y.as_slice()].concat());
            refused(&x[1..], &y);
            refused(&x, &y[1..]);
            // Off the curve.
            let mut y1 = y.clone();
            y1[len - 1] ^= 1;
            refused(&x, &y1);
            // The identity has no affine coordinates; (0, 0) is not on these curves.
            refused(&vec![0; len], &vec![0; len]);
            // All ones is above p on every curve.
            refused(&vec![0xff; len], &y);
        }
        // x + p and y + p still fit in 66 bytes on P-521 (p = 2^521 - 1): refused.
        let p = hex(&format!("01{}", "ff".repeat(65)));
        let (x, y) = EcPrivateKey::generate(Curve::P521)
            .unwrap()
            .public_key()
            .coordinates();
        assert!(EcPublicKey::from_coordinates(Curve::P521, &add(&x, &p), &y).is_err());
        assert!(EcPublicKey::from_coordinates(Curve::P521, &x, &add(&y, &p)).is_err());
        // x = p on P-256.
        let p256 = hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        assert!(EcPublicKey::from_coordinates(Curve::P256, &p256, &p256).is_err());
    }

    #[test]
    fn private_scalar_checked() {
        for curve in Curve::ALL {
            let len = curve.coordinate_len();
            let n = order(curve);
            let mut one = vec![0u8; len];
            one[len - 1] = 1;
            for bad in [vec![0u8; len], n.clone(), add(&n, &one), vec![0xff; len]] {
                assert_eq!(
                    EcPrivateKey::from_d(curve, &bad).unwrap_err().kind(),
                    ErrorKind::InvalidKey
                );
            }
            let n_minus_1 = sub(&n, &one);
            EcPrivateKey::from_d(curve, &n_minus_1).unwrap();
            EcPrivateKey::from_d(curve, &one).unwrap();
            assert!(EcPrivateKey::from_d(curve, &one[1..]).is_err());
            assert!(EcPrivateKey::from_d(curve, &[&[0], one.as_slice()].concat()).is_err());
            // d that does not give x, y.
            let a = EcPrivateKey::generate(curve).unwrap();
            let b = EcPrivateKey::generate(curve).unwrap();
            assert_eq!(
                EcPrivateKey::from_d_checked(&b.public_key(), &a.d())
                    .unwrap_err()
                    .kind(),
                ErrorKind::InvalidKey
            );
        }
    }

    /// secp256k1: `k256` signs low-S; a high-S signature (r, n - s), which other JOSE
    /// implementations produce half the time, verifies too.
    #[test]
    fn secp256k1_high_s_accepted() {
        let key = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
        let sig = key.sign(&[b"m"]).unwrap();
        let (r, s) = sig.split_at(32);
        let high = [r, &sub(&order(Curve::Secp256k1), s)].concat();
        key.public_key().verify(&[b"m"], &sig).unwrap();
        key.public_key().verify(&[b"m"], &high).unwrap();
        assert!(key.public_key().verify(&[b"n"], &high).is_err());
    }
}
