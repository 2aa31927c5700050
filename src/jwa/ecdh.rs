//! ECDH-ES key agreement for JWE (RFC 7518 §4.6, RFC 8037 §3.2): the shared secret Z of
//! NIST P-256, P-384 and P-521 and of X25519 and X448 (RFC 7748), computed by the crypto
//! provider (the `provider` module: by default the `elliptic-curve` crate's
//! `ecdh::diffie_hellman` over `p256`/`p384`/`p521` on both the recipient's and the sender's
//! side, `x25519-dalek` and `x448`), and the Concat KDF of NIST SP 800-56A §5.8.1 as RFC 7518
//! §4.6.2 profiles it.
//!
//! What is checked:
//! * EC peer keys are [`EcPublicKey`]s, so the peer's point was validated when it was built
//!   (full-length canonical coordinates, on the curve, not the identity); both keys must be on
//!   the same curve, and secp256k1 (not registered for ECDH-ES) is refused;
//! * X25519/X448 public keys are exactly 32/56 bytes; a shared secret of all zeros (the peer key
//!   was of small order, RFC 7748 §6.1) is refused, as is an X448 peer key of low order;
//! * the sender's ephemeral public key, whichever provider drew it, is read back through the
//!   same checked constructors before it goes into the `epk` header.
//!
//! Z and the derived keys are returned in [`Zeroizing`] buffers.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::ecdsa::{Curve, EcPrivateKey, EcPublicKey};
pub(crate) use super::provider::XCurve;
use super::provider::{CryptoProvider, DEFAULT, Prepared, XSecret};
use crate::error::{Error, ErrorKind, Result, err};

/// The shared secret Z of our EC private key and the peer's EC public key (the x-coordinate of
/// the shared point, full length).
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] if the keys are on different curves or on secp256k1.
pub(crate) fn agree_ec(ours: &EcPrivateKey, peer: &EcPublicKey) -> Result<Zeroizing<Vec<u8>>> {
    agree_ec_by(&DEFAULT, ours, peer)
}

/// [`agree_ec`] by `provider` (tests compare the providers through it).
pub(crate) fn agree_ec_by(
    provider: &CryptoProvider,
    ours: &EcPrivateKey,
    peer: &EcPublicKey,
) -> Result<Zeroizing<Vec<u8>>> {
    if ours.curve() != peer.curve() || ours.curve() == Curve::Secp256k1 {
        return err(
            ErrorKind::KeyMismatch,
            format!(
                "ECDH-ES needs two keys on one of P-256, P-384 and P-521, not {} and {}",
                ours.curve().name(),
                peer.curve().name()
            ),
        );
    }
    provider.ecdh.agree(ours.parts(), peer.parts())
}

/// The ECDH-ES sender's side with the recipient's key `peer` (RFC 7518 §4.6): a fresh
/// ephemeral key on the same curve drawn by the provider, and its public key (for the `epk`
/// header, read back and validated as an [`EcPublicKey`]) with Z.
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for secp256k1; as [`agree_ec`], and [`ErrorKind::Crypto`] if
/// the OS generator fails.
pub(crate) fn agree_ephemeral_ec(peer: &EcPublicKey) -> Result<(EcPublicKey, Zeroizing<Vec<u8>>)> {
    let curve = peer.curve();
    if curve == Curve::Secp256k1 {
        return err(
            ErrorKind::KeyMismatch,
            "ECDH-ES is not registered for secp256k1",
        );
    }
    let eph = DEFAULT.ecdh.ephemeral(peer.parts())?;
    Ok((EcPublicKey::from_coordinates(curve, &eph.x, &eph.y)?, eph.z))
}

/// An X25519 or X448 public key (a u-coordinate, RFC 7748 §5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum XPublicKey {
    /// An X25519 key.
    X25519(x25519_dalek::PublicKey),
    /// An X448 key (never of low order).
    X448(x448::PublicKey),
}

impl XPublicKey {
    /// The key of the u-coordinate `x`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a wrong length, or a point of small order.
    pub(crate) fn from_bytes(curve: XCurve, x: &[u8]) -> Result<Self> {
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
        let invalid = || Error::new(ErrorKind::InvalidKey, "invalid X448 public key x");
        match curve {
            XCurve::X25519 => {
                let bytes: [u8; 32] = x
                    .try_into()
                    .map_err(|_| Error::new(ErrorKind::InvalidKey, "invalid X25519 key"))?;
                if is_small_order_x25519(&bytes) {
                    return err(
                        ErrorKind::InvalidKey,
                        "the X25519 public key is a point of small order",
                    );
                }
                Ok(Self::X25519(x25519_dalek::PublicKey::from(bytes)))
            }
            XCurve::X448 => x448::PublicKey::from_bytes(x)
                .map(Self::X448)
                .ok_or_else(invalid),
        }
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> XCurve {
        match self {
            Self::X25519(_) => XCurve::X25519,
            Self::X448(_) => XCurve::X448,
        }
    }

    /// The u-coordinate `x`.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        match self {
            Self::X25519(k) => k.as_bytes().to_vec(),
            Self::X448(k) => k.as_bytes().to_vec(),
        }
    }
}

/// An X25519 or X448 private key; zeroized on drop by the curve crates, and `Debug` prints only
/// the curve.
#[derive(Clone)]
pub(crate) struct XPrivateKey {
    secret: XSecret,
    /// The provider's form of the key, made on first use and shared by clones.
    prepared: Prepared,
}

impl std::fmt::Debug for XPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XPrivateKey")
            .field("crv", &self.curve().name())
            .finish_non_exhaustive()
    }
}

impl XPrivateKey {
    fn new(secret: XSecret) -> Self {
        Self {
            secret,
            prepared: Prepared::default(),
        }
    }

    /// The key of the scalar bytes `d` (RFC 7748 §5: clamped when used). If `public` is given
    /// (a JWK's `x`), the public key derived from `d` must be exactly those bytes.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a wrong length or a public key that does not match.
    pub(crate) fn from_bytes(curve: XCurve, d: &[u8], public: Option<&[u8]>) -> Result<Self> {
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
        let bad = || Error::new(ErrorKind::InvalidKey, "invalid private key d");
        let key = match curve {
            XCurve::X25519 => {
                let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(d.try_into().map_err(|_| bad())?);
                Self::new(XSecret::X25519(x25519_dalek::StaticSecret::from(*bytes)))
            }
            XCurve::X448 => {
                let bytes: Zeroizing<[u8; 56]> = Zeroizing::new(d.try_into().map_err(|_| bad())?);
                Self::new(XSecret::X448(x448::StaticSecret::from(*bytes)))
            }
        };
        if let Some(x) = public
            && !bool::from(key.public_key().to_bytes().ct_eq(x))
        {
            return err(
                ErrorKind::InvalidKey,
                format!(
                    "the {} private key d does not match the public key x",
                    curve.name()
                ),
            );
        }
        Ok(key)
    }

    /// A fresh (ephemeral or static) key on `curve` from the OS random number generator.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] if the generator fails.
    pub(crate) fn generate(curve: XCurve) -> Result<Self> {
        let mut d = Zeroizing::new(vec![0u8; curve.key_len()]);
        crate::rng::fill(&mut d)?;
        Self::from_bytes(curve, &d, None)
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> XCurve {
        self.secret.curve()
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> XPublicKey {
        match &self.secret {
            XSecret::X25519(k) => XPublicKey::X25519(x25519_dalek::PublicKey::from(k)),
            XSecret::X448(k) => XPublicKey::X448(x448::PublicKey::from(k)),
        }
    }

    /// The scalar bytes `d`: for X25519 as given; for X448 in the clamped form the `x448`
    /// crate stores (RFC 7748 §5 clamps on every use, so it is the same key).
    pub(crate) fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        self.secret.to_bytes()
    }

    /// The shared secret Z with the peer's key `peer` (RFC 7748 §6).
    ///
    /// # Errors
    /// [`ErrorKind::KeyMismatch`] if the curves differ; [`ErrorKind::InvalidKey`] if Z is all
    /// zeros (the peer's key was of small order).
    pub(crate) fn agree(&self, peer: &XPublicKey) -> Result<Zeroizing<Vec<u8>>> {
        self.agree_by(&DEFAULT, peer)
    }

    /// [`XPrivateKey::agree`] by `provider` (tests compare the providers through it).
    pub(crate) fn agree_by(
        &self,
        provider: &CryptoProvider,
        peer: &XPublicKey,
    ) -> Result<Zeroizing<Vec<u8>>> {
        if self.curve() != peer.curve() {
            return err(
                ErrorKind::KeyMismatch,
                format!(
                    "ECDH-ES needs two keys on one curve, not {} and {}",
                    self.curve().name(),
                    peer.curve().name()
                ),
            );
        }
        let z = provider
            .xdh
            .agree(&self.secret, &self.prepared, &peer.to_bytes())?;
        refuse_zero(z)
    }
}

/// The ECDH-ES sender's side with an X25519 or X448 recipient key `peer`: a fresh ephemeral
/// key on the same curve drawn by the provider, its public key (for the `epk` header, read
/// back and validated as an [`XPublicKey`]) and Z.
///
/// # Errors
/// As [`XPrivateKey::generate`] and [`XPrivateKey::agree`].
pub(crate) fn agree_ephemeral_x(peer: &XPublicKey) -> Result<(XPublicKey, Zeroizing<Vec<u8>>)> {
    let (eph, z) = DEFAULT.xdh.ephemeral(peer.curve(), &peer.to_bytes())?;
    Ok((XPublicKey::from_bytes(peer.curve(), &eph)?, refuse_zero(z)?))
}

/// `z`, unless it is all zeros (RFC 7748 §6.1: the peer's key was of small order).
fn refuse_zero(z: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>> {
    let zero = z.iter().fold(0u8, |acc, b| acc | b).ct_eq(&0);
    if bool::from(zero) {
        return err(
            ErrorKind::InvalidKey,
            "the ECDH-ES shared secret is all zeros: the public key is of small order",
        );
    }
    Ok(z)
}

/// The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as RFC 7518 §4.6.2 uses it: the
/// first `keydatalen_bits / 8` bytes of
/// `SHA-256(counter || Z || OtherInfo)` for counter = 1, 2, … (32-bit big-endian), where
/// `OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo`, the first three each
/// a 32-bit big-endian length followed by the bytes, `SuppPubInfo` = `keydatalen_bits` as
/// 32-bit big-endian, and `SuppPrivInfo` empty.
///
/// `alg_id` is the JWE `enc` name for direct ECDH-ES and the `alg` name with key wrapping;
/// `apu` and `apv` are the decoded `apu`/`apv` header values (empty if absent).
///
/// # Errors
/// [`ErrorKind::InvalidArgument`] if `keydatalen_bits` is 0, not a multiple of 8 or over 4096,
/// or an input is longer than 2^32 - 1 bytes.
pub(crate) fn concat_kdf(
    z: &[u8],
    alg_id: &[u8],
    apu: &[u8],
    apv: &[u8],
    keydatalen_bits: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    if keydatalen_bits == 0 || !keydatalen_bits.is_multiple_of(8) || keydatalen_bits > 4096 {
        return err(
            ErrorKind::InvalidArgument,
            "the Concat KDF key length must be a multiple of 8 bits, 8 to 4096",
        );
    }
    let len32 = |b: &[u8]| {
        u32::try_from(b.len())
            .map(u32::to_be_bytes)
            .map_err(|_| Error::new(ErrorKind::InvalidArgument, "Concat KDF input too long"))
    };
    let (alg_len, apu_len, apv_len) = (len32(alg_id)?, len32(apu)?, len32(apv)?);
    let keydatalen = usize::try_from(keydatalen_bits / 8)
        .map_err(|_| Error::new(ErrorKind::InvalidArgument, "Concat KDF key too long"))?;
    let mut out = Zeroizing::new(Vec::with_capacity(keydatalen + 32));
    let mut counter: u32 = 1;
    while out.len() < keydatalen {
        let mut h = Sha256::new();
        h.update(counter.to_be_bytes());
        h.update(z);
        h.update(alg_len);
        h.update(alg_id);
        h.update(apu_len);
        h.update(apu);
        h.update(apv_len);
        h.update(apv);
        h.update(keydatalen_bits.to_be_bytes());
        let block = Zeroizing::new(h.finalize());
        out.extend_from_slice(&block);
        counter = counter.wrapping_add(1);
    }
    out.truncate(keydatalen);
    Ok(out)
}

/// The u-coordinates of the points of small order of curve25519 and its twist, as
/// little-endian encodings with the top bit clear (RFC 7748 §5 ignores that bit): 0, 1, the
/// two points of order 8, p - 1, and the non-canonical p and p + 1 (which are 0 and 1). Each
/// gives the all-zero shared secret with every clamped scalar (RFC 7748 §6.1), and no other
/// encoding does. Looking them up costs a few compares where a probing multiplication would
/// cost a whole Montgomery ladder per `epk`.
const X25519_SMALL_ORDER: [[u8; 32]; 7] = {
    let mut all_ones = [0xff; 32];
    all_ones[31] = 0x7f;
    let mut p_minus_1 = all_ones;
    p_minus_1[0] = 0xec;
    let mut p = all_ones;
    p[0] = 0xed;
    let mut p_plus_1 = all_ones;
    p_plus_1[0] = 0xee;
    let mut one = [0; 32];
    one[0] = 1;
    [
        [0; 32],
        one,
        [
            0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f,
            0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16,
            0x5f, 0x49, 0xb8, 0x00,
        ],
        [
            0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83,
            0xef, 0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd,
            0xd0, 0x9f, 0x11, 0x57,
        ],
        p_minus_1,
        p,
        p_plus_1,
    ]
};

/// Whether an X25519 public key is a point of small order. The key is public, so the
/// comparisons need not be constant-time.
fn is_small_order_x25519(u: &[u8; 32]) -> bool {
    let mut masked = *u;
    if let Some(last) = masked.last_mut() {
        *last &= 0x7f;
    }
    X25519_SMALL_ORDER.contains(&masked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::provider::rust_crypto;

    /// Z by the RustCrypto provider, whichever provider the build uses.
    fn rust_crypto_ec(ours: &EcPrivateKey, peer: &EcPublicKey) -> Zeroizing<Vec<u8>> {
        agree_ec_by(&rust_crypto::PROVIDER, ours, peer).unwrap()
    }

    /// Z by the RustCrypto provider, whichever provider the build uses.
    fn rust_crypto_x(ours: &XPrivateKey, peer: &XPublicKey) -> Zeroizing<Vec<u8>> {
        ours.agree_by(&rust_crypto::PROVIDER, peer).unwrap()
    }
    use crate::test_util::hex;

    /// The table holds exactly the encodings a probing multiplication refuses: each entry
    /// (with or without the top bit) gives the all-zero result, and random keys agree with
    /// the probe.
    #[test]
    fn x25519_small_order_table_matches_the_probe() {
        let probe = |u: [u8; 32]| x25519_dalek::x25519([0x42; 32], u).iter().all(|b| *b == 0);
        for entry in X25519_SMALL_ORDER {
            let mut high = entry;
            high[31] |= 0x80;
            for u in [entry, high] {
                assert!(probe(u), "{u:02x?}");
                assert!(is_small_order_x25519(&u), "{u:02x?}");
            }
        }
        for _ in 0..2000 {
            let mut u = [0u8; 32];
            crate::rng::fill(&mut u).unwrap();
            assert_eq!(is_small_order_x25519(&u), probe(u));
        }
    }

    fn b64(s: &str) -> Vec<u8> {
        crate::b64::decode(s).unwrap()
    }

    fn ec_private(x: &str, y: &str, d: &str) -> EcPrivateKey {
        let public = EcPublicKey::from_coordinates(Curve::P256, &b64(x), &b64(y)).unwrap();
        EcPrivateKey::from_d_checked(&public, &b64(d)).unwrap()
    }

    /// RFC 7518 Appendix C: Z from either side, then the Concat KDF to `VqqN6vgjbSBcIijNcacQGg`.
    #[test]
    fn rfc7518_c() {
        let alice = ec_private(
            "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
            "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps",
            "0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo",
        );
        let bob = ec_private(
            "weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
            "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
            "VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw",
        );
        let z = agree_ec(&alice, &bob.public_key()).unwrap();
        assert_eq!(z, agree_ec(&bob, &alice.public_key()).unwrap());
        assert_eq!(z.len(), 32);
        let key = concat_kdf(&z, b"A128GCM", b"Alice", b"Bob", 128).unwrap();
        assert_eq!(crate::b64::encode(&key), "VqqN6vgjbSBcIijNcacQGg");
    }

    #[test]
    fn concat_kdf_lengths() {
        let z = [7u8; 32];
        for bits in [128, 192, 256, 384, 512, 8] {
            let k = concat_kdf(&z, b"A256KW", b"", b"", bits).unwrap();
            assert_eq!(k.len() * 8, bits as usize);
        }
        // keydatalen is part of the input: a longer key is not an extension of a shorter one.
        let k256 = concat_kdf(&z, b"x", b"", b"", 256).unwrap();
        let k512 = concat_kdf(&z, b"x", b"", b"", 512).unwrap();
        assert_ne!(&k512[..32], k256.as_slice());
        for bad in [0, 7, 129, 4104] {
            assert_eq!(
                concat_kdf(&z, b"x", b"", b"", bad).unwrap_err().kind(),
                ErrorKind::InvalidArgument
            );
        }
    }

    #[test]
    fn ec_agreement_every_curve() {
        for curve in [Curve::P256, Curve::P384, Curve::P521] {
            let recipient = EcPrivateKey::generate(curve).unwrap();
            let (eph, z) = agree_ephemeral_ec(&recipient.public_key()).unwrap();
            assert_eq!(eph.curve(), curve);
            assert_eq!(z, agree_ec(&recipient, &eph).unwrap());
            assert_eq!(z, rust_crypto_ec(&recipient, &eph));
            let a = EcPrivateKey::generate(curve).unwrap();
            let b = EcPrivateKey::generate(curve).unwrap();
            let z = agree_ec(&a, &b.public_key()).unwrap();
            assert_eq!(z.len(), curve.coordinate_len());
            assert_eq!(z, agree_ec(&b, &a.public_key()).unwrap());
        }
        let p256 = EcPrivateKey::generate(Curve::P256).unwrap();
        let p384 = EcPrivateKey::generate(Curve::P384).unwrap();
        assert_eq!(
            agree_ec(&p256, &p384.public_key()).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
        let k1 = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
        assert_eq!(
            agree_ec(&k1, &k1.public_key()).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
        assert_eq!(
            agree_ephemeral_ec(&k1.public_key()).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
    }

    /// The sender's side agrees with the recipient's: fresh ephemeral keys against one
    /// recipient key give the Z the recipient computes from the `epk`, and a Z differs per
    /// ephemeral key.
    #[test]
    fn ephemeral_agrees_with_recipient() {
        for curve in [Curve::P256, Curve::P384, Curve::P521] {
            let recipient = EcPrivateKey::generate(curve).unwrap();
            let public = recipient.public_key();
            let mut seen = Vec::new();
            for _ in 0..4 {
                let (eph, z) = agree_ephemeral_ec(&public).unwrap();
                assert_eq!(eph.curve(), curve);
                assert_eq!(z.len(), curve.coordinate_len());
                assert_eq!(z, agree_ec(&recipient, &eph).unwrap());
                assert_eq!(z, rust_crypto_ec(&recipient, &eph));
                assert!(!seen.contains(&z));
                seen.push(z);
            }
        }
    }

    /// RFC 7748 §6.1 (X25519) and §6.2 (X448): both sides' public keys and the shared secret.
    #[test]
    fn rfc7748_6() {
        let cases = [
            (
                XCurve::X25519,
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
            ),
            (
                XCurve::X448,
                "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
                "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
                "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
                "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
                "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d",
            ),
        ];
        for (curve, a_d, a_x, b_d, b_x, z) in cases {
            let alice = XPrivateKey::from_bytes(curve, &hex(a_d), Some(&hex(a_x))).unwrap();
            let bob = XPrivateKey::from_bytes(curve, &hex(b_d), Some(&hex(b_x))).unwrap();
            let exported = alice.to_bytes();
            if curve == XCurve::X25519 {
                assert_eq!(&*exported, &hex(a_d));
            }
            XPrivateKey::from_bytes(curve, &exported, Some(&hex(a_x))).unwrap();
            let bob_public = XPublicKey::from_bytes(curve, &hex(b_x)).unwrap();
            assert_eq!(alice.agree(&bob_public).unwrap().as_slice(), hex(z));
            assert_eq!(
                bob.agree(&alice.public_key()).unwrap().as_slice(),
                hex(z),
                "{}",
                curve.name()
            );
        }
    }

    #[test]
    fn x_keys_checked() {
        for curve in XCurve::ALL {
            assert_eq!(XCurve::from_name(curve.name()), Some(curve));
            let len = curve.key_len();
            let a = XPrivateKey::generate(curve).unwrap();
            assert_eq!(a.curve(), curve);
            let b = XPrivateKey::generate(curve).unwrap();
            let pb = XPublicKey::from_bytes(curve, &b.public_key().to_bytes()).unwrap();
            assert_eq!(pb.curve(), curve);
            assert_eq!(a.agree(&pb).unwrap(), b.agree(&a.public_key()).unwrap());
            assert_eq!(
                a.agree(&pb).unwrap(),
                rust_crypto_x(&a, &pb),
                "the backends agree"
            );
            let (eph, z) = agree_ephemeral_x(&pb).unwrap();
            assert_eq!(eph.curve(), curve);
            assert_eq!(z, rust_crypto_x(&b, &eph));
            assert!(XPublicKey::from_bytes(curve, &vec![9; len - 1]).is_err());
            assert!(XPublicKey::from_bytes(curve, &vec![9; len + 1]).is_err());
            assert!(XPrivateKey::from_bytes(curve, &vec![9; len + 1], None).is_err());
            assert_eq!(
                XPrivateKey::from_bytes(curve, &a.to_bytes(), Some(&pb.to_bytes()))
                    .unwrap_err()
                    .kind(),
                ErrorKind::InvalidKey
            );
            let debug = format!("{a:?}");
            assert!(
                debug.contains(curve.name()) && !debug.contains(&format!("{:?}", &*a.to_bytes()))
            );
        }
        let x25519 = XPrivateKey::generate(XCurve::X25519).unwrap();
        let x448 = XPrivateKey::generate(XCurve::X448).unwrap();
        assert_eq!(
            x25519.agree(&x448.public_key()).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
    }

    /// X25519 public keys of small order (RFC 7748 §7; the u-coordinates libsodium blocks, and
    /// their non-canonical forms p - 1, p, p + 1) are refused at import, and would give an
    /// all-zero Z, which the agreement refuses too.
    #[test]
    fn x25519_small_order_refused() {
        let ours = XPrivateKey::generate(XCurve::X25519).unwrap();
        let small = [
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        ];
        for u in small {
            let e = XPublicKey::from_bytes(XCurve::X25519, &hex(u)).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidKey, "{u}");
            assert!(e.message().contains("small order"), "{u}: {e}");
            // Below the import check, the agreement refuses the all-zero Z as well.
            let mut bytes = [0u8; 32];
            bytes.copy_from_slice(&hex(u));
            let peer = XPublicKey::X25519(x25519_dalek::PublicKey::from(bytes));
            assert_eq!(
                ours.agree(&peer).unwrap_err().kind(),
                ErrorKind::InvalidKey,
                "{u}"
            );
        }
    }

    /// X448 public keys of low order (u = 0, 1, p - 1) are refused at import.
    #[test]
    fn x448_low_order_refused() {
        let mut p_minus_1 = vec![0xffu8; 56];
        p_minus_1[0] = 0xfe;
        p_minus_1[28] = 0xfe;
        let mut one = vec![0u8; 56];
        one[0] = 1;
        for u in [vec![0u8; 56], one, p_minus_1] {
            assert_eq!(
                XPublicKey::from_bytes(XCurve::X448, &u).unwrap_err().kind(),
                ErrorKind::InvalidKey
            );
        }
    }
}
