//! RSA keys as the primitives use them (RFC 7518 §6.3): built from big-endian integers with
//! consistency checks, generated, and taken apart again for export.
//!
//! Keys are built and checked by the `rsa` crate in every build; the signature and OAEP
//! operations on them go through the crypto provider (the `provider` module). The JWK JSON members are
//! read and written by `jwk::rsa`, which calls these constructors.
//!
//! Every import (JWK JSON, PKCS#1, PKCS#8) ends in [`RsaKey::from_components`], which checks
//! the values before any of them reaches an `rsa` call that could misbehave on hostile input:
//! the modulus is 2048 to 16384 bits and odd, `e` is odd and in 3..=2^32-1, `1 < d < n`,
//! `1 < p, q < n` with `p != q`, and then the `rsa` crate checks `n = p·q` and
//! `e·d ≡ 1 (mod p-1, q-1)` (or recovers `p` and `q` from `n`, `e`, `d`). Given CRT values
//! must equal the ones computed from the primes.
//!
//! Public keys with the ROCA fingerprint (CVE-2017-15361: primes made by Infineon's RSALib,
//! `p = k·M + (65537^a mod M)` for a primorial `M`, factorable in CPU-years) are refused:
//! see [`has_roca_fingerprint`].

use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BoxedUint, PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::provider::Prepared;

/// The smallest RSA modulus accepted, in bits (RFC 7518 §3.3, §4.2).
pub(crate) const MIN_MODULUS_BITS: usize = 2048;
/// The largest RSA modulus accepted, in bits.
pub(crate) const MAX_MODULUS_BITS: usize = 16384;
/// The longest big-endian integer of a key, once leading zeros are removed.
const MAX_INT_BYTES: usize = MAX_MODULUS_BITS / 8;

/// An RSA public or private key, checked when it was made.
#[derive(Clone)]
pub(crate) struct RsaKey {
    key: Kind,
    /// The crypto provider's form of the key, made on first use and shared by clones.
    prepared: Prepared,
}

#[derive(Clone, PartialEq)]
enum Kind {
    Public(Box<RsaPublicKey>),
    Private(Box<RsaPrivateKey>),
}

impl PartialEq for RsaKey {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// The private integers of a key, for export (see [`RsaKey::private_members`]).
pub(crate) struct PrivateMembers {
    /// The private exponent.
    pub(crate) d: Zeroizing<Vec<u8>>,
    /// `p`, `q`, `dp`, `dq`, `qi`.
    pub(crate) crt: Option<[Zeroizing<Vec<u8>>; 5]>,
}

/// The private part of an RSA key as big-endian integers (leading zeros allowed).
pub(crate) struct PrivateComponents<'a> {
    /// The private exponent.
    pub(crate) d: &'a [u8],
    /// `p`, `q`, `dp`, `dq`, `qi`, when given.
    pub(crate) crt: Option<[&'a [u8]; 5]>,
}

impl RsaKey {
    fn new(key: Kind) -> Self {
        Self {
            key,
            prepared: Prepared::default(),
        }
    }

    /// The crypto provider's slot for this key.
    pub(crate) fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    pub(crate) fn generate(bits: usize) -> Result<Self> {
        if !matches!(bits, 2048 | 3072 | 4096) {
            return err(
                ErrorKind::InvalidArgument,
                format!("RSA keys are generated with 2048, 3072 or 4096 bits, not {bits}"),
            );
        }
        let key = RsaPrivateKey::new(&mut crate::rng::os_rng(), bits)
            .map_err(|_| Error::new(ErrorKind::Crypto, "RSA key generation failed"))?;
        Ok(Self::new(Kind::Private(Box::new(key))))
    }

    /// Builds and checks a key from big-endian integers (leading zero bytes are accepted).
    pub(crate) fn from_components(
        n: &[u8],
        e: &[u8],
        private: Option<PrivateComponents<'_>>,
    ) -> Result<Self> {
        let public = check_public(to_uint(n, "n")?, to_uint(e, "e")?)?;
        let Some(private) = private else {
            return Ok(Self::new(Kind::Public(Box::new(public))));
        };
        let n = public.n().as_ref();
        let one = BoxedUint::one();
        let d = to_uint(private.d, "d")?;
        if d <= one || d >= *n {
            return err(
                ErrorKind::InvalidKey,
                "the RSA private exponent d is out of range (1 < d < n)",
            );
        }
        let mut primes = Vec::new();
        if let Some([p, q, ..]) = private.crt {
            let p = to_uint(p, "p")?;
            let q = to_uint(q, "q")?;
            if p <= one || q <= one || p >= *n || q >= *n || p == q {
                return err(
                    ErrorKind::InvalidKey,
                    "the RSA primes p and q are out of range or equal",
                );
            }
            primes = vec![p, q];
        }
        let recovering = primes.is_empty();
        let key = RsaPrivateKey::from_components(n.clone(), public.e().clone(), d, primes)
            .map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    if recovering {
                        "the RSA private key is inconsistent (p and q cannot be recovered from n, e, \
                         d; keys with e < 65537 need p, q, dp, dq, qi)"
                    } else {
                        "the RSA private key is inconsistent (n, e, d, p, q do not agree)"
                    },
                )
            })?;
        // The rsa crate precomputes the CRT values only for a usable two-prime key.
        let (Some(dp), Some(dq), Some(qi)) = (key.dp(), key.dq(), key.crt_coefficient()) else {
            return err(
                ErrorKind::InvalidKey,
                "the RSA private key is inconsistent (no CRT values)",
            );
        };
        if let Some([_, _, given_dp, given_dq, given_qi]) = private.crt {
            let same = |given: &[u8], computed: &BoxedUint| {
                let computed = Zeroizing::new(computed.to_be_bytes_trimmed_vartime());
                bool::from(trim(given).ct_eq(&computed[..]))
            };
            // Evaluate all three before deciding, to not tell which one differs.
            let ok = [same(given_dp, dp), same(given_dq, dq), same(given_qi, &qi)];
            if ok.contains(&false) {
                return err(
                    ErrorKind::InvalidKey,
                    "the RSA private key is inconsistent (dp, dq or qi do not agree)",
                );
            }
        }
        Ok(Self::new(Kind::Private(Box::new(key))))
    }

    /// The private integers, big-endian without leading zeros and zeroized on drop: `d`,
    /// then `p`, `q`, `dp`, `dq`, `qi` when the key has two primes. `None` for a public key.
    pub(crate) fn private_members(&self) -> Option<PrivateMembers> {
        let Kind::Private(key) = &self.key else {
            return None;
        };
        let be = |v: &BoxedUint| Zeroizing::new(v.to_be_bytes_trimmed_vartime().into_vec());
        let crt = match (key.primes().first(), key.primes().get(1)) {
            (Some(p), Some(q)) => match (key.dp(), key.dq(), key.crt_coefficient()) {
                (Some(dp), Some(dq), Some(qi)) => {
                    Some([be(p.as_ref()), be(q.as_ref()), be(dp), be(dq), be(&qi)])
                }
                _ => None,
            },
            _ => None,
        };
        Some(PrivateMembers {
            d: be(key.d()),
            crt,
        })
    }

    pub(crate) fn is_private(&self) -> bool {
        matches!(self.key, Kind::Private(_))
    }

    pub(crate) fn public_key(&self) -> &RsaPublicKey {
        match &self.key {
            Kind::Public(k) => k,
            Kind::Private(k) => k.as_public_key(),
        }
    }

    pub(crate) fn private_key(&self) -> Option<&RsaPrivateKey> {
        match &self.key {
            Kind::Public(_) => None,
            Kind::Private(k) => Some(k),
        }
    }

    pub(crate) fn to_public(&self) -> Self {
        Self::new(Kind::Public(Box::new(self.public_key().clone())))
    }

    pub(crate) fn modulus_bits(&self) -> usize {
        self.public_key().n().bit_width_vartime() as usize
    }

    /// The trimmed big-endian `n` and `e`, for thumbprints.
    pub(crate) fn public_members(&self) -> (Box<[u8]>, Box<[u8]>) {
        let k = self.public_key();
        (k.n_bytes(), k.e_bytes())
    }
}

/// A big-endian integer without its leading zeros, as a `BoxedUint` of just the width it
/// needs; too long an integer is an error.
fn to_uint(bytes: &[u8], name: &str) -> Result<BoxedUint> {
    let bytes = trim(bytes);
    if bytes.len() > MAX_INT_BYTES {
        return err(
            ErrorKind::InvalidKey,
            format!("the RSA value {name:?} is too long"),
        );
    }
    // An empty slice would give an integer of no limbs: make zero one byte wide.
    Ok(BoxedUint::from_be_slice_vartime(if bytes.is_empty() {
        &[0]
    } else {
        bytes
    }))
}

/// The small primes of the ROCA detector (Nemec et al., "The Return of Coppersmith's Attack",
/// CCS 2017, and its published `roca-detect` tool): 3 to 167.
const ROCA_PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

/// For each of [`ROCA_PRIMES`], the set of residues in the multiplicative subgroup that 65537
/// generates modulo that prime, as a 192-bit mask (bit `r` set when `r` is a power of 65537
/// mod p). Computed at compile time from the primes.
const ROCA_MASKS: [[u64; 3]; 38] = roca_masks();

// Called only to initialise the constant above, so it runs in the compiler: an index out of
// range would fail the build, never panic at run time.
#[cfg_attr(
    not(test),
    expect(
        clippy::indexing_slicing,
        reason = "evaluated by the compiler only: an index out of range fails the build"
    )
)]
const fn roca_masks() -> [[u64; 3]; 38] {
    let mut masks = [[0u64; 3]; 38];
    let mut i = 0;
    while i < ROCA_PRIMES.len() {
        let p = ROCA_PRIMES[i] as u64;
        let g = 65537 % p;
        let mut x = 1u64;
        // The powers of g cycle within p - 1 steps.
        let mut k = 0;
        while k < p {
            masks[i][(x / 64) as usize] |= 1 << (x % 64);
            x = x * g % p;
            k += 1;
        }
        i += 1;
    }
    masks
}

/// Whether the modulus `n` (big-endian) has the ROCA fingerprint: for every prime p of the
/// detector, `n mod p` is a power of 65537 mod p. A modulus of RSALib primes always is (both
/// primes are, so their product is); a random modulus is with probability about 2^-28 (the product over the primes of
/// the subgroup size over p - 1).
pub(crate) fn has_roca_fingerprint(n: &[u8]) -> bool {
    ROCA_PRIMES.iter().zip(ROCA_MASKS.iter()).all(|(&p, mask)| {
        let r = n
            .iter()
            .fold(0u32, |acc, &b| (acc * 256 + u32::from(b)) % p);
        let (word, bit) = ((r / 64) as usize, r % 64);
        mask.get(word).is_some_and(|w| w >> bit & 1 == 1)
    })
}

/// Public-key rules: modulus of 2048 to 16384 bits and odd, without the ROCA fingerprint;
/// exponent odd, at least 3 and at most 2^32 - 1.
pub(crate) fn check_public(n: BoxedUint, e: BoxedUint) -> Result<RsaPublicKey> {
    let bits = n.bit_width_vartime() as usize;
    if !(MIN_MODULUS_BITS..=MAX_MODULUS_BITS).contains(&bits) {
        return err(
            ErrorKind::InvalidKey,
            format!(
                "an RSA modulus of {bits} bits is outside {MIN_MODULUS_BITS}..={MAX_MODULUS_BITS}"
            ),
        );
    }
    if !is_odd(&n) {
        return err(ErrorKind::InvalidKey, "the RSA modulus is even");
    }
    if has_roca_fingerprint(&n.to_be_bytes_trimmed_vartime()) {
        return err(
            ErrorKind::InvalidKey,
            "the RSA modulus has the ROCA fingerprint (CVE-2017-15361: made by a vulnerable \
             Infineon RSALib, its primes can be recovered): generate a new key",
        );
    }
    if e.bit_width_vartime() > 32 || e < BoxedUint::from(3u32) || !is_odd(&e) {
        return err(
            ErrorKind::InvalidKey,
            "the RSA public exponent must be odd, at least 3 and at most 2^32 - 1",
        );
    }
    RsaPublicKey::new_with_size_limits(n, e, MIN_MODULUS_BITS..=MAX_MODULUS_BITS)
        .map_err(|_| Error::new(ErrorKind::InvalidKey, "the RSA public key is invalid"))
}

fn is_odd(v: &BoxedUint) -> bool {
    // Limbs are least significant first.
    v.as_words().first().is_some_and(|w| w & 1 == 1)
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_removes_only_leading_zeros() {
        assert_eq!(trim(&[0, 0, 1, 0]), &[1, 0]);
        assert_eq!(trim(&[0, 0]), &[] as &[u8]);
        assert_eq!(trim(&[]), &[] as &[u8]);
    }

    /// The masks hold exactly the subgroup of 65537 mod p: its size is the order of 65537,
    /// which divides p - 1, and it holds 1 and 65537 mod p but never 0.
    #[test]
    fn roca_masks_are_the_subgroups_of_65537() {
        for (&p, mask) in ROCA_PRIMES.iter().zip(ROCA_MASKS.iter()) {
            let size: u32 = mask.iter().map(|w| w.count_ones()).sum();
            assert_eq!((p - 1) % size, 0, "{p}");
            let has = |r: u32| mask[(r / 64) as usize] >> (r % 64) & 1 == 1;
            assert!(has(1) && has(65537 % p) && !has(0), "{p}");
            // Closed under multiplication by 65537.
            for r in 1..p {
                assert_eq!(has(r), has(r * (65537 % p) % p), "{p} {r}");
            }
        }
        // The chance that a random modulus matches, as documented: about 2^-28.
        let log2: f64 = ROCA_PRIMES
            .iter()
            .zip(ROCA_MASKS.iter())
            .map(|(&p, m)| {
                let size: u32 = m.iter().map(|w| w.count_ones()).sum();
                (f64::from(size) / f64::from(p - 1)).log2()
            })
            .sum();
        assert!((-28.5..-27.0).contains(&log2), "{log2}");
        // For p = 11 the order of 65537 ≡ 10 is 2: {1, 10}.
        assert_eq!(ROCA_MASKS[3], [(1 << 1) | (1 << 10), 0, 0]);
    }

    /// A product of two RSALib-shaped primes 65537^a mod M (plus a multiple of M) has the
    /// fingerprint; n = 65537 itself does; ordinary moduli do not.
    #[test]
    fn roca_fingerprint() {
        assert!(has_roca_fingerprint(&65537u32.to_be_bytes()));
        assert!(has_roca_fingerprint(&(65537u64 * 65537).to_be_bytes()));
        assert!(has_roca_fingerprint(&[1]));
        assert!(!has_roca_fingerprint(&[2]));
        assert!(!has_roca_fingerprint(&65539u32.to_be_bytes()));
    }

    #[test]
    fn zero_and_one_are_not_odd_enough() {
        assert!(!is_odd(&BoxedUint::from_be_slice_vartime(&[])));
        assert!(is_odd(&BoxedUint::from_be_slice_vartime(&[1])));
        assert!(!is_odd(&BoxedUint::from_be_slice_vartime(&[1, 0])));
    }
}
