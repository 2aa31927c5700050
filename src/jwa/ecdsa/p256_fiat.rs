//! NIST P-256 point arithmetic over `fiat-crypto`'s formally verified field arithmetic
//! (`fiat_crypto::p256_64`), for every P-256 operation of the default build but signing:
//! * the ECDH-ES recipient's Z = x(d·Q) (SEC 1 §3.3.1), Q the message's `epk`: a
//!   variable-base multiplication in constant time ([`diffie_hellman`]);
//! * the ECDH-ES sender's ephemeral key d·G and Z = x(d·Q), both from precomputed multiples
//!   (the generator's, made once per process, and the recipient key's), in constant time
//!   ([`ephemeral`]);
//! * ES256 verification, (z·w)·G + (r·w)·Q from the same two tables in variable time (the
//!   scalars are public), after the `ecdsa` crate's parsing of r and s ([`verify_with`]).
//!
//! Signing stays with the `ecdsa` crate (RFC 6979 nonces) and key import with `p256`.
//!
//! Why it is here: `p256` 0.14 multiplies field elements through `crypto-bigint`'s generic
//! Karatsuba product and calls out of line for every addition, and its multiplications take
//! 1.3 to 1.5 times as long as the same formulas over `fiat-crypto` (BENCHMARKS.md, "P-256
//! over fiat-crypto"). What is written here is the group law and the multiplication loops,
//! each the same as `primeorder`'s, and nothing else:
//! * the complete addition and doubling formulas for a = −3 of Renes, Costello and Batina,
//!   "Complete addition formulas for prime order elliptic curves" (EUROCRYPT 2016, eprint
//!   2015/1060), Algorithms 4 and 6, in homogeneous projective coordinates (X : Y : Z);
//!   being complete, they need no case for the identity or for doubling;
//! * the multiplications of `primeorder`'s `ProjectivePoint::mul` (a table of 1·Q..8·Q, four
//!   doublings per digit) and `BasepointTable` (`[1..8]·2^(8i)·P`, no doublings but four),
//!   over the scalar's signed radix-16 digits (`primeorder::Radix16Decomposition`); in the
//!   constant-time forms every table entry is scanned and the negation is a masked select,
//!   so every scalar takes the same sequence of operations;
//! * the affine coordinates by Fermat inversion (Z^(p−2), a fixed addition chain).
//!
//! The points are validated before they get here (an `EcPublicKey` holds a point on the
//! curve, not the identity; the ephemeral public key is checked as an imported one is), the
//! scalars are in 1..n−1, and the tests check every result against `p256`'s and the `ecdsa`
//! crate's; the Wycheproof ECDH and P1363 files for P-256 run through these functions.

use fiat_crypto::p256_64::{
    fiat_p256_add, fiat_p256_from_bytes, fiat_p256_from_montgomery,
    fiat_p256_montgomery_domain_field_element as Montgomery, fiat_p256_mul,
    fiat_p256_non_montgomery_domain_field_element as Canonical, fiat_p256_opp, fiat_p256_square,
    fiat_p256_sub, fiat_p256_to_bytes, fiat_p256_to_montgomery,
};
use p256::elliptic_curve::Generate;
use p256::elliptic_curve::array::typenum::Unsigned;
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::point::AffineCoordinates;
use primeorder::{Radix16Decomposition, Radix16Digits};
use sha2::{Digest, Sha256};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::{Zeroize, Zeroizing};

use super::EcPublicKey;
use crate::error::{ErrorKind, Result, err};

/// An element of GF(p), p = 2^256 − 2^224 + 2^192 + 2^96 − 1, in the Montgomery domain, fully
/// reduced (every `fiat_p256_*` operation keeps its output below p).
#[derive(Clone, Copy)]
struct Fe(Montgomery);

impl Fe {
    const ZERO: Self = Self(Montgomery([0; 4]));
    const ONE: Self = Self::from_limbs([1, 0, 0, 0]);
    /// The curve's b (SEC 2 §2.4.2), little-endian limbs.
    const B: Self = Self::from_limbs([
        0x3bce_3c3e_27d2_604b,
        0x651d_06b0_cc53_b0f6,
        0xb3eb_bd55_7698_86bc,
        0x5ac6_35d8_aa3a_93e7,
    ]);

    /// The element of the canonical little-endian limbs `limbs` (< p).
    const fn from_limbs(limbs: [u64; 4]) -> Self {
        let mut out = Montgomery([0; 4]);
        fiat_p256_to_montgomery(&mut out, &Canonical(limbs));
        Self(out)
    }

    /// The element of 32 big-endian bytes, which the caller knows to be < p (a coordinate of
    /// a validated point).
    fn from_be_bytes(bytes: &[u8; 32]) -> Self {
        let mut le = *bytes;
        le.reverse();
        let mut limbs = [0u64; 4];
        fiat_p256_from_bytes(&mut limbs, &le);
        Self::from_limbs(limbs)
    }

    /// The 32 big-endian bytes of the element.
    fn to_be_bytes(self) -> [u8; 32] {
        let mut canonical = Canonical([0; 4]);
        fiat_p256_from_montgomery(&mut canonical, &self.0);
        let mut bytes = [0u8; 32];
        fiat_p256_to_bytes(&mut bytes, &canonical.0);
        bytes.reverse();
        bytes
    }

    fn add(&self, rhs: &Self) -> Self {
        let mut out = Montgomery([0; 4]);
        fiat_p256_add(&mut out, &self.0, &rhs.0);
        Self(out)
    }

    fn sub(&self, rhs: &Self) -> Self {
        let mut out = Montgomery([0; 4]);
        fiat_p256_sub(&mut out, &self.0, &rhs.0);
        Self(out)
    }

    fn mul(&self, rhs: &Self) -> Self {
        let mut out = Montgomery([0; 4]);
        fiat_p256_mul(&mut out, &self.0, &rhs.0);
        Self(out)
    }

    fn square(&self) -> Self {
        let mut out = Montgomery([0; 4]);
        fiat_p256_square(&mut out, &self.0);
        Self(out)
    }

    fn neg(&self) -> Self {
        let mut out = Montgomery([0; 4]);
        fiat_p256_opp(&mut out, &self.0);
        Self(out)
    }

    fn double(&self) -> Self {
        self.add(self)
    }

    /// 3·self.
    fn triple(&self) -> Self {
        self.double().add(self)
    }

    /// self^(2^n).
    fn sqn(&self, n: usize) -> Self {
        let mut x = *self;
        for _ in 0..n {
            x = x.square();
        }
        x
    }

    /// self^(p−2): the inverse of a non-zero element, zero for zero. p − 2 is, from the top
    /// bit: 32 ones, 31 zeros, a one, 96 zeros, 94 ones, a zero and a one.
    fn invert(&self) -> Self {
        let x2 = self.square().mul(self);
        let x3 = x2.square().mul(self);
        let x6 = x3.sqn(3).mul(&x3);
        let x12 = x6.sqn(6).mul(&x6);
        let x15 = x12.sqn(3).mul(&x3);
        let x30 = x15.sqn(15).mul(&x15);
        let x32 = x30.sqn(2).mul(&x2);
        let top = x32.sqn(32).mul(self); // 32 ones, 31 zeros, a one
        let ones64 = top.sqn(96 + 32).mul(&x32).sqn(32).mul(&x32); // 96 zeros, 64 ones
        ones64.sqn(30).mul(&x30).sqn(2).mul(self) // 30 ones, then 01
    }
}

impl ConditionallySelectable for Fe {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        let mut out = [0u64; 4];
        for ((o, a), b) in out.iter_mut().zip(a.0.0).zip(b.0.0) {
            *o = u64::conditional_select(&a, &b, choice);
        }
        Self(Montgomery(out))
    }
}

/// A point (X : Y : Z) in homogeneous projective coordinates: x = X/Z, y = Y/Z; the identity
/// is (0 : 1 : 0).
#[derive(Clone, Copy)]
struct Point {
    x: Fe,
    y: Fe,
    z: Fe,
}

impl Point {
    const IDENTITY: Self = Self {
        x: Fe::ZERO,
        y: Fe::ONE,
        z: Fe::ZERO,
    };

    /// P + Q, complete (RCB 2016 Algorithm 4, a = −3; step numbers in the comments).
    fn add(&self, q: &Self) -> Self {
        let xx = self.x.mul(&q.x); // 1
        let yy = self.y.mul(&q.y); // 2
        let zz = self.z.mul(&q.z); // 3
        let xy = self.x.add(&self.y).mul(&q.x.add(&q.y)).sub(&xx.add(&yy)); // 4-8
        let yz = self.y.add(&self.z).mul(&q.y.add(&q.z)).sub(&yy.add(&zz)); // 9-13
        let xz = self.x.add(&self.z).mul(&q.x.add(&q.z)).sub(&xx.add(&zz)); // 14-18
        let bzz3 = xz.sub(&Fe::B.mul(&zz)).triple(); // 19-22
        let yy_minus = yy.sub(&bzz3); // 23
        let yy_plus = yy.add(&bzz3); // 24
        let zz3 = zz.triple(); // 26, 27
        let bxz3 = Fe::B.mul(&xz).sub(&zz3.add(&xx)).triple(); // 25, 28-31
        let xx3_minus_zz3 = xx.triple().sub(&zz3); // 32-34
        Self {
            x: yy_plus.mul(&xy).sub(&yz.mul(&bxz3)), // 35, 39, 40
            y: yy_plus.mul(&yy_minus).add(&xx3_minus_zz3.mul(&bxz3)), // 36-38
            z: yy_minus.mul(&yz).add(&xy.mul(&xx3_minus_zz3)), // 41-43
        }
    }

    /// 2P, complete (RCB 2016 Algorithm 6, a = −3).
    fn double(&self) -> Self {
        let xx = self.x.square(); // 1
        let yy = self.y.square(); // 2
        let zz = self.z.square(); // 3
        let xy2 = self.x.mul(&self.y).double(); // 4, 5
        let xz2 = self.x.mul(&self.z).double(); // 6, 7
        let bzz3 = Fe::B.mul(&zz).sub(&xz2).triple(); // 8-11
        let yy_minus = yy.sub(&bzz3); // 12
        let yy_plus = yy.add(&bzz3); // 13
        let zz3 = zz.triple(); // 16, 17
        let bxz6 = Fe::B.mul(&xz2).sub(&zz3.add(&xx)).triple(); // 18-22
        let xx3_minus_zz3 = xx.triple().sub(&zz3); // 23-25
        let yz2 = self.y.mul(&self.z).double(); // 28, 29
        Self {
            x: yy_minus.mul(&xy2).sub(&bxz6.mul(&yz2)), // 15, 30, 31
            y: yy_plus.mul(&yy_minus).add(&xx3_minus_zz3.mul(&bxz6)), // 14, 26, 27
            z: yz2.mul(&yy).double().double(),          // 32-34
        }
    }

    /// The point (x, y, 1) of a validated affine point (its coordinates are < p).
    fn from_affine(p: &p256::AffinePoint) -> Self {
        Self {
            x: Fe::from_be_bytes(&p.x().into()),
            y: Fe::from_be_bytes(&p.y().into()),
            z: Fe::ONE,
        }
    }

    /// The affine coordinates (X·Z⁻¹, Y·Z⁻¹), big-endian (zeros for the identity).
    fn affine(&self) -> ([u8; 32], [u8; 32]) {
        let z_inverse = self.z.invert();
        (
            self.x.mul(&z_inverse).to_be_bytes(),
            self.y.mul(&z_inverse).to_be_bytes(),
        )
    }
}

impl ConditionallySelectable for Point {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Self {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
            z: Fe::conditional_select(&a.z, &b.z, choice),
        }
    }
}

/// The entry `digit`·P (digit in −8..=8) of `table` = [1·P, .., 8·P], in constant time: every
/// entry is scanned, and the negation is a masked select.
fn select(table: &[Point; 8], digit: i8) -> Point {
    // |digit| and its sign without a branch.
    let negative = (digit as u8) >> 7;
    let magnitude = ((digit as u8) ^ 0u8.wrapping_sub(negative)).wrapping_add(negative);
    let mut point = Point::IDENTITY;
    for (j, entry) in (1u8..).zip(table) {
        point.conditional_assign(entry, magnitude.ct_eq(&j));
    }
    let negated = point.y.neg();
    point.y.conditional_assign(&negated, Choice::from(negative));
    point
}

/// The entry `digit`·P of `table`, in variable time (`digit` public).
fn select_vartime(table: &[Point; 8], digit: i8) -> Point {
    let Some(&point) = table.get(usize::from(digit.unsigned_abs()).wrapping_sub(1)) else {
        return Point::IDENTITY;
    };
    if digit < 0 {
        Point {
            y: point.y.neg(),
            ..point
        }
    } else {
        point
    }
}

/// [1..8]·P.
fn table_of(p: &Point) -> [Point; 8] {
    let mut table = [Point::IDENTITY; 8];
    let mut multiple = *p;
    for entry in &mut table {
        *entry = multiple;
        multiple = multiple.add(p);
    }
    table
}

/// The signed radix-16 digits of `k`, least significant first (65 digits, each in −8..=8).
fn digits(k: &p256::Scalar) -> Radix16Decomposition<Radix16Digits<p256::NistP256>> {
    Radix16Decomposition::<Radix16Digits<p256::NistP256>>::new(k)
}

/// d·Q in constant time: `primeorder`'s fixed-window sequence (see the module comment).
fn mul(q: &Point, d: &p256::Scalar) -> Point {
    let table = table_of(q);
    let digits = digits(d);
    let top = Radix16Digits::<p256::NistP256>::USIZE - 1;
    let mut sum = select(&table, digits[top]);
    for i in (0..top).rev() {
        sum = sum.double().double().double().double();
        sum = sum.add(&select(&table, digits[i]));
    }
    sum
}

/// `[1..8]·2^(8i)·P` for i in 0..=32: the fixed-base table of `primeorder`'s
/// `BasepointTable`, for a public key (and, once per process, for the generator). 33 tables
/// of 8 points of 96 bytes: 25 KiB.
pub(in crate::jwa) struct Multiples(Vec<[Point; 8]>);

impl Multiples {
    /// The multiples of the (validated) point `p`.
    pub(in crate::jwa) fn new(p: &p256::AffinePoint) -> Self {
        Self::of(Point::from_affine(p))
    }

    fn of(mut point: Point) -> Self {
        let mut tables = Vec::with_capacity(33);
        for _ in 0..33 {
            tables.push(table_of(&point));
            point = point.double().double().double().double();
            point = point.double().double().double().double();
        }
        Self(tables)
    }

    /// The generator's multiples, made on first use and kept for the process.
    fn generator() -> &'static Self {
        static GENERATOR: std::sync::OnceLock<Multiples> = std::sync::OnceLock::new();
        GENERATOR.get_or_init(|| Self::new(&p256::AffinePoint::GENERATOR))
    }

    /// k·P in constant time (k secret).
    fn mul(&self, k: &p256::Scalar) -> Point {
        self.sum(k, select)
    }

    /// k·P in variable time (k public: a verification's u1 and u2).
    fn mul_vartime(&self, k: &p256::Scalar) -> Point {
        self.sum(k, select_vartime)
    }

    /// The sum over the signed radix-16 digits of k: the even ones taken from table i
    /// directly, the odd ones from table i and multiplied by 16 at the end.
    fn sum(&self, k: &p256::Scalar, select: impl Fn(&[Point; 8], i8) -> Point) -> Point {
        let digits = digits(k);
        let mut even = Point::IDENTITY;
        let mut odd = Point::IDENTITY;
        for (i, table) in self.0.iter().enumerate() {
            even = even.add(&select(table, digits[2 * i]));
            if i < 32 {
                odd = odd.add(&select(table, digits[2 * i + 1]));
            }
        }
        even.add(&odd.double().double().double().double())
    }
}

/// The ECDH shared secret Z of the private scalar `d` and the (validated) public point `q`:
/// the x coordinate of d·Q, 32 bytes (SEC 1 §3.3.1). The ECDH-ES recipient's.
pub(in crate::jwa) fn diffie_hellman(
    d: &p256::NonZeroScalar,
    q: &p256::AffinePoint,
) -> Zeroizing<Vec<u8>> {
    let shared = mul(&Point::from_affine(q), d);
    Zeroizing::new(shared.affine().0.to_vec())
}

/// Z of the private scalar `d` and the public key whose multiples are `q` (constant time).
pub(in crate::jwa) fn diffie_hellman_with(
    q: &Multiples,
    d: &p256::NonZeroScalar,
) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(q.mul(d).affine().0.to_vec())
}

/// The ECDH-ES sender's side (RFC 7518 §4.6) with the recipient key whose multiples are `q`:
/// a fresh ephemeral scalar d from the OS generator, its public key d·G (from the
/// generator's multiples; validated as every imported key is) and Z = x(d·Q).
///
/// # Errors
/// [`ErrorKind::Crypto`] if the OS generator fails (or, which the tests rule out, d·G were
/// not a valid point).
pub(in crate::jwa) fn ephemeral(q: &Multiples) -> Result<(EcPublicKey, Zeroizing<Vec<u8>>)> {
    let Ok(mut d) = p256::NonZeroScalar::try_generate_from_rng(&mut getrandom::SysRng) else {
        return err(ErrorKind::Crypto, "the OS random number generator failed");
    };
    let (x, y) = Multiples::generator().mul(&d).affine();
    let z = diffie_hellman_with(q, &d);
    d.zeroize();
    match super::p256_ops::public(&x, &y) {
        Some(public) => Ok((EcPublicKey::new(super::Point::P256(public)), z)),
        None => err(
            ErrorKind::Crypto,
            "the ephemeral P-256 key is not a valid point",
        ),
    }
}

/// Whether `sig` (exactly r || s, r and s in 1..n−1) is a valid ES256 signature of the parts
/// joined by the key whose multiples are `q` (SEC 1 §4.1.4): with z the SHA-256 hash as an
/// integer mod n and w = s⁻¹, the x coordinate of (z·w)·G + (r·w)·Q, reduced mod n, must be
/// r, and the point not the identity.
pub(in crate::jwa) fn verify_with(q: &Multiples, parts: &[&[u8]], sig: &[u8]) -> bool {
    let Ok(sig) = ecdsa::Signature::<p256::NistP256>::from_slice(sig) else {
        return false;
    };
    let (r, s) = sig.split_scalars();
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
    }
    let z = <p256::Scalar as Reduce<p256::FieldBytes>>::reduce(&hash.finalize());
    // s is not zero, so it has an inverse.
    let Some(w) = Option::<p256::Scalar>::from(s.invert_vartime()) else {
        return false;
    };
    let point = Multiples::generator()
        .mul_vartime(&(z * w))
        .add(&q.mul_vartime(&(*r * w)));
    if point.z.to_be_bytes() == [0u8; 32] {
        return false;
    }
    let x = point.affine().0;
    *r == <p256::Scalar as Reduce<p256::FieldBytes>>::reduce(&x.into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use p256::elliptic_curve::Field;
    use p256::elliptic_curve::group::Group;
    use p256::{AffinePoint, NonZeroScalar, ProjectivePoint, Scalar};

    /// x(d·Q) here is `p256`'s, for random d and Q and for the scalars whose signed digits
    /// are extreme (1, 2, n − 1, n − 2, sums of 8·16^i, 2^64 − 1), on G and on random points;
    /// the multiples' k·Q and k·G (constant and variable time, and k = 0) are `p256`'s; and
    /// the field's inverse is an inverse.
    #[test]
    fn agrees_with_p256() {
        let mut rng = crate::rng::os_rng();
        let mut scalars = vec![
            Scalar::ONE,
            Scalar::from(2u64),
            -Scalar::ONE,
            -Scalar::from(2u64),
        ];
        let mut eights = Scalar::ZERO;
        let sixteen = Scalar::from(16u64);
        for _ in 0..64 {
            eights = eights * sixteen + Scalar::from(8u64);
            scalars.push(eights);
            scalars.push(-eights);
        }
        scalars.push(Scalar::from(u64::MAX));
        for _ in 0..40 {
            scalars.push(Scalar::random(&mut rng));
        }
        let mut points = vec![ProjectivePoint::GENERATOR];
        for _ in 0..4 {
            points.push(ProjectivePoint::random(&mut rng));
        }
        for point in points {
            let affine = AffinePoint::from(point);
            for s in &scalars {
                let Some(d) = Option::<NonZeroScalar>::from(NonZeroScalar::new(*s)) else {
                    continue;
                };
                let expected = p256::ecdh::diffie_hellman(d, affine);
                assert_eq!(
                    diffie_hellman(&d, &affine).as_slice(),
                    expected.raw_secret_bytes().as_slice()
                );
            }
        }
        let q = ProjectivePoint::random(&mut rng);
        let multiples = Multiples::new(&AffinePoint::from(q));
        let g = Multiples::generator();
        for s in scalars.iter().chain(&[Scalar::ZERO]) {
            let x = |p: Point| p.affine();
            let expected = AffinePoint::from(q * s);
            let expected = (expected.x().into(), expected.y().into());
            assert!(x(multiples.mul(s)) == expected && x(multiples.mul_vartime(s)) == expected);
            let expected = AffinePoint::from(ProjectivePoint::GENERATOR * s);
            let expected = (expected.x().into(), expected.y().into());
            assert!(x(g.mul(s)) == expected && x(g.mul_vartime(s)) == expected);
        }
        for _ in 0..16 {
            let x = Fe::from_be_bytes(&Scalar::random(&mut rng).to_bytes().into());
            assert_eq!(x.mul(&x.invert()).to_be_bytes(), Fe::ONE.to_be_bytes());
        }
        assert_eq!(Fe::ZERO.invert().to_be_bytes(), [0u8; 32]);
    }

    /// ES256 verification with the multiples decides as the `ecdsa` crate's: honest
    /// signatures, single-bit changes of r and s spread over every bit position, changed
    /// messages and random r || s (the Wycheproof P1363 file runs through the same path, in
    /// `wycheproof_tests`, with its edge cases of r, s and of x mod n).
    #[test]
    fn verification_agrees_with_ecdsa_crate() {
        use crate::jwa::ecdsa::{Curve, EcPrivateKey, Point as KeyPoint, p256_ops};
        for _ in 0..2 {
            let key = EcPrivateKey::generate(Curve::P256).unwrap();
            let public = key.public_key();
            let KeyPoint::P256(k) = public.point() else {
                unreachable!()
            };
            let q = Multiples::new(k.as_affine());
            let both = |parts: &[&[u8]], sig: &[u8]| {
                let ours = verify_with(&q, parts, sig);
                assert_eq!(ours, p256_ops::verify(k, parts, sig), "{sig:02x?}");
                ours
            };
            super::super::multiples::tests::decide_alike(&key, both);
        }
    }
}
