//! The precomputed multiples of an EC public key (P-256, P-384, P-521) and what uses them:
//! ECDSA verification (SEC 1 §4.1.4) with two fixed-base multiplications, and the ECDH-ES
//! sender's Z = x(d·Q) (SEC 1 §3.3.1). P-256's are [`super::p256_fiat`]'s. For P-384 and
//! P-521 the functions are written once in [`table_ops`], over the curve crates' arithmetic,
//! and instantiated in each curve's module of [`super`] (`p384_ops`, `p521_ops`), where `C`,
//! `FieldBytes`, `Signature`, `SigningKey` and `VerifyingKey` are that curve's.

use super::{Point, p256_fiat, p384_ops, p521_ops};

/// ECDSA verification (SEC 1 §4.1.4) for the curves whose arithmetic is `primeorder`'s
/// here (P-384, P-521), with the public key's multiples precomputed: see
/// `EcPublicKey::verify_rust_crypto`. Written here, over the curve crates' arithmetic,
/// because the `ecdsa` crate recomputes the multiples of Q for every signature.
macro_rules! table_ops {
    () => {
        use ecdsa::DigestAlgorithm;
        use ecdsa::elliptic_curve::group::Group as _;
        use ecdsa::elliptic_curve::ops::{MulByGeneratorVartime, Reduce};
        use ecdsa::elliptic_curve::point::AffineCoordinates;
        use ecdsa::elliptic_curve::{FieldBytesSize, array::typenum::Unsigned};
        use primeorder::{LookupTable, ProjectivePoint, Radix16Decomposition, Radix16Digits};
        use sha2::Digest;

        /// `[1..8]·2^(8i)·Q` for i in 0..=L (L the scalar's length in bytes): the table of
        /// the curve crates' fixed-base multiplication, for a public key Q instead of the
        /// generator.
        pub(in crate::jwa) struct Multiples(Vec<LookupTable<ProjectivePoint<C>>>);

        impl Multiples {
            pub(super) fn new(key: &VerifyingKey<C>) -> Self {
                let mut point = ProjectivePoint::<C>::from(*key.as_affine());
                let windows = FieldBytesSize::<C>::USIZE + 1;
                let mut tables = Vec::with_capacity(windows);
                for _ in 0..windows {
                    tables.push(LookupTable::new(point));
                    for _ in 0..8 {
                        point = point.double();
                    }
                }
                Self(tables)
            }

            /// k·Q in variable time (k is public: a verification's u2), as
            /// `primeorder::BasepointTable::mul_vartime` computes k·G.
            pub(super) fn mul_vartime(
                &self,
                k: &ecdsa::elliptic_curve::Scalar<C>,
            ) -> ProjectivePoint<C> {
                self.sum(k, LookupTable::select_vartime)
            }

            /// k·Q in constant time (k secret: an ECDH-ES ephemeral scalar), as
            /// `primeorder::BasepointTable::mul` computes k·G: each table entry is selected
            /// by a scan of all eight.
            pub(super) fn mul(&self, k: &ecdsa::elliptic_curve::Scalar<C>) -> ProjectivePoint<C> {
                self.sum(k, LookupTable::select)
            }

            /// The sum over the signed radix-16 digits of k: the even ones taken from table
            /// i directly, the odd ones from table i and multiplied by 16 at the end.
            fn sum(
                &self,
                k: &ecdsa::elliptic_curve::Scalar<C>,
                select: impl Fn(&LookupTable<ProjectivePoint<C>>, i8) -> ProjectivePoint<C>,
            ) -> ProjectivePoint<C> {
                let digits = Radix16Decomposition::<Radix16Digits<C>>::new(k);
                let bytes = FieldBytesSize::<C>::USIZE;
                let mut even = ProjectivePoint::<C>::IDENTITY;
                let mut odd = ProjectivePoint::<C>::IDENTITY;
                for (i, table) in self.0.iter().enumerate() {
                    even += select(table, digits[2 * i]);
                    if i < bytes {
                        odd += select(table, digits[2 * i + 1]);
                    }
                }
                for _ in 0..4 {
                    odd = odd.double();
                }
                even + odd
            }
        }

        /// The ECDH shared secret Z (SEC 1 §3.3.1: the x coordinate of d·Q, full length) of
        /// the private key `d` and the public key whose multiples are `q`.
        pub(in crate::jwa) fn diffie_hellman(
            q: &Multiples,
            d: &SigningKey<C>,
        ) -> zeroize::Zeroizing<Vec<u8>> {
            zeroize::Zeroizing::new(q.mul(d.as_nonzero_scalar()).to_affine().x().to_vec())
        }

        /// The integer of big-endian `bytes` (at most the field length), reduced mod n.
        fn reduce(bytes: &[u8]) -> ecdsa::elliptic_curve::Scalar<C> {
            let mut padded = FieldBytes::<C>::default();
            let start = padded.len().saturating_sub(bytes.len());
            if let Some(tail) = padded.get_mut(start..) {
                tail.copy_from_slice(bytes);
            }
            <ecdsa::elliptic_curve::Scalar<C> as Reduce<FieldBytes<C>>>::reduce(&padded)
        }

        /// Whether `sig` (exactly r || s, r and s in 1..n-1) is a valid signature of the
        /// parts joined, by the key whose multiples are `q`: with z the hash as an integer
        /// (it is never longer than n here) and w = s⁻¹, the x coordinate of
        /// (z·w)·G + (r·w)·Q, reduced mod n, must be r, and the point not the identity.
        pub(super) fn verify_with(q: &Multiples, parts: &[&[u8]], sig: &[u8]) -> bool {
            let Ok(sig) = Signature::<C>::from_slice(sig) else {
                return false;
            };
            let (r, s) = sig.split_scalars();
            let mut hash = <C as DigestAlgorithm>::Digest::new();
            for part in parts {
                hash.update(part);
            }
            let z = reduce(&hash.finalize());
            // s is not zero, so it has an inverse.
            let Some(w) = Option::<ecdsa::elliptic_curve::Scalar<C>>::from(s.invert_vartime())
            else {
                return false;
            };
            let point =
                ProjectivePoint::<C>::mul_by_generator_vartime(&(z * w)) + q.mul_vartime(&(*r * w));
            if bool::from(point.is_identity()) {
                return false;
            }
            *r == reduce(&point.to_affine().x())
        }
    };
}

/// The precomputed multiples of an [`EcPublicKey`], in its curve's type.
pub(in crate::jwa) enum Multiples {
    /// Of a P-256 point (33 tables of 8 points: 25 KiB).
    P256(p256_fiat::Multiples),
    /// Of a P-384 point (49 tables: 55 KiB).
    P384(p384_ops::Multiples),
    /// Of a P-521 point (67 tables: 113 KiB).
    P521(p521_ops::Multiples),
}

impl Multiples {
    /// The multiples of `point`; `None` for secp256k1, which has no table here.
    pub(super) fn of(point: &Point) -> Option<Self> {
        match point {
            Point::P256(k) => Some(Self::P256(p256_fiat::Multiples::new(k.as_affine()))),
            Point::P384(k) => Some(Self::P384(p384_ops::Multiples::new(k))),
            Point::P521(k) => Some(Self::P521(p521_ops::Multiples::new(k))),
            Point::Secp256k1(_) => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
pub(super) mod tests {
    use super::super::{Curve, EcPrivateKey};
    use super::*;

    /// Signs three messages with `key` and runs `both` (which asserts that two verifiers
    /// decide alike and returns the decision) on each honest signature, on it with a
    /// changed message, on single-bit changes of r || s spread over every bit position
    /// (every 7th bit: each byte's bits over 7 bytes), and on random r || s.
    pub(in crate::jwa::ecdsa) fn decide_alike(
        key: &EcPrivateKey,
        both: impl Fn(&[&[u8]], &[u8]) -> bool,
    ) {
        let public = key.public_key();
        for m in 0u8..3 {
            let message = [b"header.".as_slice(), &[m; 40]];
            let sig = key.sign(&message).unwrap();
            assert!(both(&message, &sig));
            public.verify(&message, &sig).unwrap();
            assert!(!both(&[b"header,", &[m; 40]], &sig));
            for bit in (0..sig.len() * 8).step_by(if m == 0 { 7 } else { 61 }) {
                let mut changed = sig.clone();
                changed[bit / 8] ^= 1 << (bit % 8);
                assert!(!both(&message, &changed));
            }
            let mut random = vec![0u8; sig.len()];
            crate::rng::fill(&mut random).unwrap();
            both(&message, &random);
        }
    }

    /// The verification with the key's multiples decides as the `ecdsa` crate's, on P-384
    /// and P-521 (P-256: `p256_fiat::tests`), on the signatures of [`decide_alike`]; and
    /// the table's k·Q is k·Q (0, 1, n - 1, random k; variable- and constant-time). The
    /// Wycheproof P1363 files run through the same path (`wycheproof_tests`), with their
    /// edge cases of r, s and of x mod n.
    #[test]
    fn multiples_agree_with_ecdsa_crate() {
        use ecdsa::elliptic_curve::Field;
        macro_rules! check {
            ($curve:expr, $variant:ident, $ops:ident, $proj:ty, $scalar:ty) => {{
                let mut rng = crate::rng::os_rng();
                for _ in 0..2 {
                    let key = EcPrivateKey::generate($curve).unwrap();
                    let public = key.public_key();
                    let Point::$variant(k) = public.point() else {
                        unreachable!()
                    };
                    let q = $ops::Multiples::new(k);
                    let point = <$proj>::from(*k.as_affine());
                    for s in [
                        <$scalar>::ZERO,
                        <$scalar>::ONE,
                        -<$scalar>::ONE,
                        <$scalar>::random(&mut rng),
                        <$scalar>::random(&mut rng),
                    ] {
                        assert_eq!(q.mul_vartime(&s), point * s);
                        assert_eq!(q.mul(&s), point * s);
                    }
                    let both = |parts: &[&[u8]], sig: &[u8]| {
                        let ours = $ops::verify_with(&q, parts, sig);
                        assert_eq!(ours, $ops::verify(k, parts, sig), "{sig:02x?}");
                        ours
                    };
                    decide_alike(&key, both);
                }
            }};
        }
        check!(
            Curve::P384,
            P384,
            p384_ops,
            p384::ProjectivePoint,
            p384::Scalar
        );
        check!(
            Curve::P521,
            P521,
            p521_ops,
            p521::ProjectivePoint,
            p521::Scalar
        );
    }
}
