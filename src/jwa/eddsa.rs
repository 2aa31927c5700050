//! EdDSA for JWS (RFC 8037 §3.1, RFC 8032 §5.1 Ed25519 and §5.2 Ed448, pure mode with an empty
//! context). Keys are imported and checked by `ed25519-dalek` and `ed448-goldilocks`; signing
//! and verification go through the crypto provider (the `provider` module).
//!
//! What is checked:
//! * a public key is exactly 32 (Ed25519) or 57 (Ed448) bytes, a canonical encoding (the bytes
//!   re-encode to themselves: no y ≥ p, no sign bit on x = 0) of a curve point, and not of small
//!   order (Ed25519: the 8 points of the torsion subgroup are refused; Ed448: the decoder takes
//!   only torsion-free points, so the 4 small-order points and mixed-order points are refused);
//! * a private key is the 32- or 57-byte seed `d` of RFC 8032; when a public key comes with it
//!   (a JWK's `x`), the public key derived from `d` must equal it;
//! * a signature is exactly 64 or 114 bytes; verification is strict: S < L (canonical), R not of
//!   small order and canonically encoded: `ed25519-dalek`'s `verify_strict` for Ed25519 (with
//!   A of large order, which [`EdPublicKey::from_bytes`] checked once), `ed448-goldilocks`'s
//!   `verify_raw` for Ed448, which checks the same. Both providers verify this way (aws-lc's
//!   Ed25519 verification takes an R of small order).
//!
//! The message parts are joined in one buffer, as EdDSA hashes R and A before the message.
//! Signing is deterministic (RFC 8032).
//! Seeds are zeroized on drop by both crates.

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

pub(crate) use super::provider::EdCurve;
use super::provider::{DEFAULT, EdPoint, EdSeed, Prepared};
use crate::error::{Error, ErrorKind, Result, err};

/// A validated EdDSA public key: canonical, on the curve, not of small order.
#[derive(Clone)]
pub(crate) struct EdPublicKey {
    point: EdPoint,
}

impl PartialEq for EdPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.point == other.point
    }
}

impl Eq for EdPublicKey {}

impl std::fmt::Debug for EdPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.point.fmt(f)
    }
}

impl EdPublicKey {
    fn new(point: EdPoint) -> Self {
        Self { point }
    }

    /// The key of the encoded point `x` (RFC 8032 §5.1.2 / §5.2.2).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a wrong length, bytes that are not a canonical point
    /// encoding, or a point of small order.
    pub(crate) fn from_bytes(curve: EdCurve, x: &[u8]) -> Result<Self> {
        let invalid = || {
            Error::new(
                ErrorKind::InvalidKey,
                format!(
                    "x is not a valid {} public key (a canonical point of large order)",
                    curve.name()
                ),
            )
        };
        if x.len() != curve.key_len() {
            return err(
                ErrorKind::InvalidKey,
                format!(
                    "an {} public key must be {} bytes, not {}",
                    curve.name(),
                    curve.key_len(),
                    x.len()
                ),
            );
        }
        match curve {
            EdCurve::Ed25519 => {
                let bytes: &[u8; 32] = x.try_into().map_err(|_| invalid())?;
                let key = ed25519_dalek::VerifyingKey::from_bytes(bytes).map_err(|_| invalid())?;
                let canonical = key.to_edwards().compress().to_bytes() == *bytes;
                if !canonical || key.is_weak() {
                    return Err(invalid());
                }
                Ok(Self::new(EdPoint::Ed25519(key)))
            }
            EdCurve::Ed448 => {
                let bytes: &[u8; 57] = x.try_into().map_err(|_| invalid())?;
                let key =
                    ed448_goldilocks::VerifyingKey::from_bytes(bytes).map_err(|_| invalid())?;
                let canonical = key.to_edwards().to_affine().compress().to_bytes() == *bytes;
                if !canonical {
                    return Err(invalid());
                }
                Ok(Self::new(EdPoint::Ed448(key)))
            }
        }
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> EdCurve {
        match self.point {
            EdPoint::Ed25519(_) => EdCurve::Ed25519,
            EdPoint::Ed448(_) => EdCurve::Ed448,
        }
    }

    /// The encoded public key `x`.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        match &self.point {
            EdPoint::Ed25519(k) => k.to_bytes().to_vec(),
            EdPoint::Ed448(k) => k.to_bytes().to_vec(),
        }
    }

    /// Verifies `signature` over the concatenation of `parts` (for a JWS,
    /// `[protected, b".", payload]`), strictly (see the module documentation).
    ///
    /// # Errors
    /// [`Error::invalid_signature`] for every failure, a wrong length included.
    pub(crate) fn verify(&self, parts: &[&[u8]], signature: &[u8]) -> Result<()> {
        let ok = DEFAULT.eddsa.verify(&self.point, parts, signature);
        if ok {
            Ok(())
        } else {
            Err(Error::invalid_signature())
        }
    }
}

/// An EdDSA private key (the RFC 8032 seed `d`) with its public key. The seed and the expanded
/// secret are zeroized on drop by the curve crates; `Debug` prints only the curve.
#[derive(Clone)]
pub(crate) struct EdPrivateKey {
    seed: EdSeed,
    /// The provider's form of the key, made on first use and shared by clones.
    prepared: Prepared,
}

impl std::fmt::Debug for EdPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EdPrivateKey")
            .field("crv", &self.curve().name())
            .finish_non_exhaustive()
    }
}

impl EdPrivateKey {
    fn new(seed: EdSeed) -> Self {
        Self {
            seed,
            prepared: Prepared::default(),
        }
    }

    /// The key of the seed `d`. If `public` is given (a JWK's `x`), the public key derived from
    /// `d` must be exactly those bytes.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a seed of the wrong length or a public key that does not
    /// match.
    pub(crate) fn from_seed(curve: EdCurve, d: &[u8], public: Option<&[u8]>) -> Result<Self> {
        if d.len() != curve.key_len() {
            return err(
                ErrorKind::InvalidKey,
                format!(
                    "an {} private key d must be {} bytes, not {}",
                    curve.name(),
                    curve.key_len(),
                    d.len()
                ),
            );
        }
        let bad_seed = || Error::new(ErrorKind::InvalidKey, "invalid EdDSA private key d");
        let key = match curve {
            EdCurve::Ed25519 => {
                let seed: Zeroizing<[u8; 32]> =
                    Zeroizing::new(d.try_into().map_err(|_| bad_seed())?);
                Self::new(EdSeed::Ed25519(ed25519_dalek::SigningKey::from_bytes(
                    &seed,
                )))
            }
            EdCurve::Ed448 => Self::new(EdSeed::Ed448(
                ed448_goldilocks::SigningKey::try_from(d).map_err(|_| bad_seed())?,
            )),
        };
        if let Some(x) = public {
            let derived = key.public_key().to_bytes();
            if !bool::from(derived.ct_eq(x)) {
                return err(
                    ErrorKind::InvalidKey,
                    format!(
                        "the {} private key d does not match the public key x",
                        curve.name()
                    ),
                );
            }
        }
        Ok(key)
    }

    /// A fresh key on `curve`, its seed from the OS random number generator.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] if the generator fails.
    pub(crate) fn generate(curve: EdCurve) -> Result<Self> {
        let mut seed = Zeroizing::new(vec![0u8; curve.key_len()]);
        crate::rng::fill(&mut seed)?;
        Self::from_seed(curve, &seed, None)
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> EdCurve {
        match self.seed {
            EdSeed::Ed25519(_) => EdCurve::Ed25519,
            EdSeed::Ed448(_) => EdCurve::Ed448,
        }
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> EdPublicKey {
        EdPublicKey::new(match &self.seed {
            EdSeed::Ed25519(k) => EdPoint::Ed25519(k.verifying_key()),
            EdSeed::Ed448(k) => EdPoint::Ed448(k.verifying_key()),
        })
    }

    /// The seed `d`.
    pub(crate) fn seed(&self) -> Zeroizing<Vec<u8>> {
        self.seed.to_bytes()
    }

    /// Signs the concatenation of `parts` (RFC 8032 pure EdDSA, empty context), giving
    /// [`EdCurve::signature_len`] bytes. Deterministic, so every provider gives the same bytes.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> Vec<u8> {
        DEFAULT
            .eddsa
            .sign(&self.seed, &self.prepared, &parts.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical encodings of the eight Ed25519 points of small order (the torsion subgroup,
    /// RFC 8032 §5.1.3 encoding): the identity, the point of order 2, the two of order 4 and the
    /// four of order 8. A signature whose R is one of them is refused; every other encoding of these
    /// points is non-canonical and fails verification's byte comparison anyway.
    const ED25519_SMALL_ORDER: [[u8; 32]; 8] = [
        // 0100000000000000000000000000000000000000000000000000000000000000 (the identity)
        [
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ],
        // ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f (order 2)
        [
            0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0xff, 0x7f,
        ],
        // 0000000000000000000000000000000000000000000000000000000000000000 (order 4)
        [
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ],
        // 0000000000000000000000000000000000000000000000000000000000000080 (order 4)
        [
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x80,
        ],
        // c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a (order 8)
        [
            0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10,
            0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77,
            0x92, 0xac, 0x03, 0x7a,
        ],
        // c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa (order 8)
        [
            0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10,
            0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77,
            0x92, 0xac, 0x03, 0xfa,
        ],
        // 26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05 (order 8)
        [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef,
            0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88,
            0x6d, 0x53, 0xfc, 0x05,
        ],
        // 26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85 (order 8)
        [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef,
            0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88,
            0x6d, 0x53, 0xfc, 0x85,
        ],
    ];
    use crate::test_util::hex;

    fn b64(s: &str) -> Vec<u8> {
        crate::b64::decode(s).unwrap()
    }

    /// RFC 8037 A.1-A.5: the Ed25519 key, and the EdDSA JWS signature reproduced exactly.
    #[test]
    fn rfc8037_a() {
        let d = b64("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
        let x = b64("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        let key = EdPrivateKey::from_seed(EdCurve::Ed25519, &d, Some(&x)).unwrap();
        assert_eq!(key.public_key().to_bytes(), x);
        assert_eq!(&*key.seed(), &d);
        let sig = key.sign(&[
            b"eyJhbGciOiJFZERTQSJ9",
            b".",
            b"RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc",
        ]);
        assert_eq!(
            crate::b64::encode(&sig),
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        );
        let public = EdPublicKey::from_bytes(EdCurve::Ed25519, &x).unwrap();
        public
            .verify(
                &[b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"],
                &sig,
            )
            .unwrap();
    }

    /// RFC 8032 §7.4, the two pure Ed448 vectors with an empty context (as RFC 8037 uses).
    #[test]
    fn rfc8032_ed448() {
        let cases = [
            (
                "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
                "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
                "",
                "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600",
            ),
            (
                "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
                "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
                "03",
                "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00",
            ),
        ];
        for (d, x, m, sig) in cases {
            let (d, x, m, sig) = (hex(d), hex(x), hex(m), hex(sig));
            let key = EdPrivateKey::from_seed(EdCurve::Ed448, &d, Some(&x)).unwrap();
            assert_eq!(key.sign(&[&m]), sig);
            let public = EdPublicKey::from_bytes(EdCurve::Ed448, &x).unwrap();
            public.verify(&[&m], &sig).unwrap();
            assert!(public.verify(&[&m, b"x"], &sig).is_err());
        }
    }

    #[test]
    fn sign_verify_both_curves() {
        for curve in EdCurve::ALL {
            assert_eq!(EdCurve::from_name(curve.name()), Some(curve));
            let key = EdPrivateKey::generate(curve).unwrap();
            assert_eq!(key.curve(), curve);
            let sig = key.sign(&[b"a", b".", b"b"]);
            assert_eq!(sig.len(), curve.signature_len());
            let public = EdPublicKey::from_bytes(curve, &key.public_key().to_bytes()).unwrap();
            assert_eq!(public.curve(), curve);
            public.verify(&[b"a.b"], &sig).unwrap();
            assert_eq!(
                public.verify(&[b"a.c"], &sig).unwrap_err().kind(),
                ErrorKind::InvalidSignature
            );
            for bad in [&sig[1..], &[sig.as_slice(), &[0]].concat()[..], &[]] {
                assert!(public.verify(&[b"a.b"], bad).is_err());
            }
            let debug = format!("{key:?}");
            assert!(
                debug.contains(curve.name()) && !debug.contains(&format!("{:?}", &*key.seed()))
            );
            // Wrong lengths and mismatched public keys.
            let len = curve.key_len();
            assert!(EdPublicKey::from_bytes(curve, &vec![9; len - 1]).is_err());
            assert!(EdPublicKey::from_bytes(curve, &vec![9; len + 1]).is_err());
            assert!(EdPrivateKey::from_seed(curve, &vec![1; len - 1], None).is_err());
            let other = EdPrivateKey::generate(curve)
                .unwrap()
                .public_key()
                .to_bytes();
            assert_eq!(
                EdPrivateKey::from_seed(curve, &key.seed(), Some(&other))
                    .unwrap_err()
                    .kind(),
                ErrorKind::InvalidKey
            );
        }
    }

    /// The table is the 8 Ed25519 points of small order (the torsion subgroup), in their
    /// canonical encodings, and import refuses every one of them.
    #[test]
    fn ed25519_small_order_keys_refused() {
        let torsion: Vec<[u8; 32]> = curve25519_dalek::constants::EIGHT_TORSION
            .iter()
            .map(|t| t.compress().to_bytes())
            .collect();
        for t in &torsion {
            assert!(ED25519_SMALL_ORDER.contains(t), "{t:02x?}");
        }
        for s in ED25519_SMALL_ORDER {
            assert!(torsion.contains(&s));
            assert_eq!(
                EdPublicKey::from_bytes(EdCurve::Ed25519, &s)
                    .unwrap_err()
                    .kind(),
                ErrorKind::InvalidKey,
                "{s:02x?}"
            );
        }
    }

    /// Verification decides as `ed25519-dalek`'s `verify_strict` on valid, altered and
    /// small-order-R signatures, for prime-order and mixed-order (A + T) public keys. The
    /// small-order Rs are made by the key's holder so that the plain equation holds (S = k·a,
    /// R = -[k]T), which `verify` alone takes.
    #[test]
    fn verify_strict_agrees() {
        use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
        use curve25519_dalek::{EdwardsPoint, Scalar};
        use ed25519_dalek::Verifier;
        use sha2::{Digest, Sha512};

        let check = |a_bytes: &[u8; 32], message: &[u8], sig: &[u8; 64]| -> bool {
            let ours = EdPublicKey::from_bytes(EdCurve::Ed25519, a_bytes)
                .unwrap()
                .verify(&[message], sig)
                .is_ok();
            let dalek = ed25519_dalek::VerifyingKey::from_bytes(a_bytes).unwrap();
            let strict = dalek
                .verify_strict(message, &ed25519_dalek::Signature::from_bytes(sig))
                .is_ok();
            assert_eq!(ours, strict, "A {a_bytes:02x?} sig {sig:02x?}");
            ours
        };
        let (mut small_r_cases, mut accepted) = (0, 0);
        for seed in 0u8..8 {
            let a = Scalar::from_bytes_mod_order([seed.wrapping_mul(37).wrapping_add(5); 32]);
            for (t_index, torsion) in
                EIGHT_TORSION
                    .iter()
                    .enumerate()
                    .skip(if seed % 2 == 0 { 0 } else { 1 })
            {
                // t_index 0 is the identity: a prime-order key.
                let point: EdwardsPoint = ED25519_BASEPOINT_POINT * a + torsion;
                let a_bytes = point.compress().to_bytes();
                // An honest signature (R = [r]B, S = r + k·a) and alterations of it.
                let r = Scalar::from_bytes_mod_order([seed ^ 0x5a; 32]);
                let r_bytes = (ED25519_BASEPOINT_POINT * r).compress().to_bytes();
                let message = [seed, t_index as u8];
                let k = Scalar::from_hash(
                    Sha512::new()
                        .chain_update(r_bytes)
                        .chain_update(a_bytes)
                        .chain_update(message),
                );
                let mut sig = [0u8; 64];
                sig[..32].copy_from_slice(&r_bytes);
                sig[32..].copy_from_slice((r + k * a).as_bytes());
                // With a torsion part in A the honest equation holds only when [k]T = 0.
                accepted += usize::from(check(&a_bytes, &message, &sig));
                for bit in [0usize, 7, 255, 256, 300, 511] {
                    let mut altered = sig;
                    altered[bit / 8] ^= 1 << (bit % 8);
                    check(&a_bytes, &message, &altered);
                }
                // Small-order R: S = k·a and R = -[k]T for the R hashed into k.
                for counter in 0u8..64 {
                    let message = [seed, t_index as u8, counter];
                    for candidate in &EIGHT_TORSION {
                        let r_bytes = candidate.compress().to_bytes();
                        let k = Scalar::from_hash(
                            Sha512::new()
                                .chain_update(r_bytes)
                                .chain_update(a_bytes)
                                .chain_update(message),
                        );
                        if -(torsion * k) != *candidate {
                            continue;
                        }
                        let mut sig = [0u8; 64];
                        sig[..32].copy_from_slice(&r_bytes);
                        sig[32..].copy_from_slice((k * a).as_bytes());
                        let plain = ed25519_dalek::VerifyingKey::from_bytes(&a_bytes)
                            .unwrap()
                            .verify(&message, &ed25519_dalek::Signature::from_bytes(&sig));
                        assert!(plain.is_ok(), "the plain equation holds");
                        assert!(!check(&a_bytes, &message, &sig));
                        small_r_cases += 1;
                    }
                }
            }
        }
        assert!(accepted >= 8, "{accepted}");
        assert!(small_r_cases >= 32, "{small_r_cases}");
    }

    /// y + p for small y (non-canonical encodings of points that have a canonical one).
    #[test]
    fn ed25519_non_canonical_keys_refused() {
        let mut decodable = 0;
        for y in 0u8..19 {
            // p = 2^255 - 19, little-endian: ed ff .. ff 7f; y + p for y < 19 fits.
            let mut enc = [0xffu8; 32];
            enc[0] = 0xed + y;
            enc[31] = 0x7f;
            for sign in [0u8, 0x80] {
                let mut e = enc;
                e[31] |= sign;
                if ed25519_dalek::VerifyingKey::from_bytes(&e).is_ok() {
                    decodable += 1;
                }
                assert!(
                    EdPublicKey::from_bytes(EdCurve::Ed25519, &e).is_err(),
                    "{e:?}"
                );
            }
        }
        assert!(
            decodable > 0,
            "some of these decode: the canonical check is what refuses"
        );
    }

    /// S + L (same R, same point, S not reduced) and small-order R are refused.
    #[test]
    fn ed25519_strict_signatures() {
        let key = EdPrivateKey::generate(EdCurve::Ed25519).unwrap();
        let public = key.public_key();
        let sig = key.sign(&[b"m"]);
        // L, little-endian.
        let l = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        let mut s_plus_l = sig.clone();
        let mut carry = 0u16;
        for i in 0..32 {
            let v = u16::from(sig[32 + i]) + u16::from(l[i]) + carry;
            s_plus_l[32 + i] = v as u8;
            carry = v >> 8;
        }
        assert_eq!(carry, 0);
        public.verify(&[b"m"], &sig).unwrap();
        assert!(public.verify(&[b"m"], &s_plus_l).is_err());
        // R = identity, S = 0: the universal forgery for a small-order key.
        let mut forged = vec![0u8; 64];
        forged[0] = 1;
        assert!(public.verify(&[b"m"], &forged).is_err());
    }
}
