//! ECDH-ES key agreement for JWE (RFC 7518 §4.6, RFC 8037 §3.2): the shared secret Z of
//! NIST P-256, P-384 and P-521 (elliptic-curve Diffie-Hellman over `p256`/`p384`/`p521`) and of
//! X25519 and X448 (RFC 7748, over `x25519-dalek` and `x448`), and the Concat KDF of NIST
//! SP 800-56A §5.8.1 as RFC 7518 §4.6.2 profiles it.
//!
//! What is checked:
//! * EC peer keys are [`EcPublicKey`]s, so the peer's point was validated when it was built
//!   (full-length canonical coordinates, on the curve, not the identity); both keys must be on
//!   the same curve, and secp256k1 (not registered for ECDH-ES) is refused;
//! * X25519/X448 public keys are exactly 32/56 bytes; a shared secret of all zeros (the peer key
//!   was of small order, RFC 7748 §6.1) is refused, as is an X448 peer key of low order.
//!
//! Z and the derived keys are returned in [`Zeroizing`] buffers.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::ecdsa::{Curve, EcPrivateKey, EcPublicKey};
use crate::error::{Error, ErrorKind, Result, err};

/// The shared secret Z of our EC private key and the peer's EC public key (the x-coordinate of
/// the shared point, full length).
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] if the keys are on different curves or on secp256k1.
pub(crate) fn agree_ec(ours: &EcPrivateKey, peer: &EcPublicKey) -> Result<Zeroizing<Vec<u8>>> {
    use elliptic_curve::ecdh::diffie_hellman;
    let z = match (ours, peer) {
        (EcPrivateKey::P256(d), EcPublicKey::P256(q)) => {
            diffie_hellman(d.as_nonzero_scalar(), q.as_affine())
                .raw_secret_bytes()
                .to_vec()
        }
        (EcPrivateKey::P384(d), EcPublicKey::P384(q)) => {
            diffie_hellman(d.as_nonzero_scalar(), q.as_affine())
                .raw_secret_bytes()
                .to_vec()
        }
        (EcPrivateKey::P521(d), EcPublicKey::P521(q)) => {
            diffie_hellman(d.as_nonzero_scalar(), q.as_affine())
                .raw_secret_bytes()
                .to_vec()
        }
        _ => {
            return err(
                ErrorKind::KeyMismatch,
                format!(
                    "ECDH-ES needs two keys on one of P-256, P-384 and P-521, not {} and {}",
                    ours.curve().name(),
                    peer.curve().name()
                ),
            );
        }
    };
    Ok(Zeroizing::new(z))
}

/// A fresh ephemeral EC key for ECDH-ES on `curve` (P-256, P-384 or P-521).
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for secp256k1, [`ErrorKind::Crypto`] if the OS generator fails.
pub(crate) fn generate_ec(curve: Curve) -> Result<EcPrivateKey> {
    if curve == Curve::Secp256k1 {
        return err(
            ErrorKind::KeyMismatch,
            "ECDH-ES is not registered for secp256k1",
        );
    }
    EcPrivateKey::generate(curve)
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
    /// [`ErrorKind::InvalidKey`] for a wrong length, or an X448 point of low order.
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
pub(crate) enum XPrivateKey {
    /// An X25519 key.
    X25519(x25519_dalek::StaticSecret),
    /// An X448 key.
    X448(x448::StaticSecret),
}

impl std::fmt::Debug for XPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XPrivateKey")
            .field("crv", &self.curve().name())
            .finish_non_exhaustive()
    }
}

impl XPrivateKey {
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
                Self::X25519(x25519_dalek::StaticSecret::from(*bytes))
            }
            XCurve::X448 => {
                let bytes: Zeroizing<[u8; 56]> = Zeroizing::new(d.try_into().map_err(|_| bad())?);
                Self::X448(x448::StaticSecret::from(*bytes))
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
        match self {
            Self::X25519(_) => XCurve::X25519,
            Self::X448(_) => XCurve::X448,
        }
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> XPublicKey {
        match self {
            Self::X25519(k) => XPublicKey::X25519(x25519_dalek::PublicKey::from(k)),
            Self::X448(k) => XPublicKey::X448(x448::PublicKey::from(k)),
        }
    }

    /// The scalar bytes `d`, as given (unclamped).
    pub(crate) fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Self::X25519(k) => Zeroizing::new(k.as_bytes().to_vec()),
            Self::X448(k) => Zeroizing::new(k.as_bytes().to_vec()),
        }
    }

    /// The shared secret Z with the peer's key `peer` (RFC 7748 §6).
    ///
    /// # Errors
    /// [`ErrorKind::KeyMismatch`] if the curves differ; [`ErrorKind::InvalidKey`] if Z is all
    /// zeros (the peer's key was of small order).
    pub(crate) fn agree(&self, peer: &XPublicKey) -> Result<Zeroizing<Vec<u8>>> {
        let z = match (self, peer) {
            (Self::X25519(d), XPublicKey::X25519(u)) => {
                Zeroizing::new(d.diffie_hellman(u).as_bytes().to_vec())
            }
            (Self::X448(d), XPublicKey::X448(u)) => {
                Zeroizing::new(d.diffie_hellman(u).as_bytes().to_vec())
            }
            _ => {
                return err(
                    ErrorKind::KeyMismatch,
                    format!(
                        "ECDH-ES needs two keys on one curve, not {} and {}",
                        self.curve().name(),
                        peer.curve().name()
                    ),
                );
            }
        };
        let zero = z.iter().fold(0u8, |acc, b| acc | b).ct_eq(&0);
        if bool::from(zero) {
            return err(
                ErrorKind::InvalidKey,
                "the ECDH-ES shared secret is all zeros: the public key is of small order",
            );
        }
        Ok(z)
    }
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
