//! EdDSA for JWS (RFC 8037 §3.1, RFC 8032 §5.1 Ed25519 and §5.2 Ed448, pure mode with an empty
//! context), over `ed25519-dalek` and `ed448-goldilocks`.
//!
//! What is checked:
//! * a public key is exactly 32 (Ed25519) or 57 (Ed448) bytes, a canonical encoding (the bytes
//!   re-encode to themselves: no y ≥ p, no sign bit on x = 0) of a curve point, and not of small
//!   order (Ed25519: the 8 points of the torsion subgroup are refused; Ed448: the decoder takes
//!   only torsion-free points, so the 4 small-order points and mixed-order points are refused);
//! * a private key is the 32- or 57-byte seed `d` of RFC 8032; when a public key comes with it
//!   (a JWK's `x`), the public key derived from `d` must equal it;
//! * a signature is exactly 64 or 114 bytes; verification is strict: S < L (canonical), R not of
//!   small order and canonically encoded (`ed25519-dalek`'s `verify_strict`; `ed448-goldilocks`
//!   checks the same).
//!
//! EdDSA hashes R and A before the message, so the message parts are joined in one buffer.
//! Signing is deterministic (RFC 8032). Seeds are zeroized on drop by both crates.

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};

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

/// A validated EdDSA public key: canonical, on the curve, not of small order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EdPublicKey {
    /// An Ed25519 key.
    Ed25519(ed25519_dalek::VerifyingKey),
    /// An Ed448 key.
    Ed448(ed448_goldilocks::VerifyingKey),
}

fn join(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

impl EdPublicKey {
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
                Ok(Self::Ed25519(key))
            }
            EdCurve::Ed448 => {
                let bytes: &[u8; 57] = x.try_into().map_err(|_| invalid())?;
                let key =
                    ed448_goldilocks::VerifyingKey::from_bytes(bytes).map_err(|_| invalid())?;
                let canonical = key.to_edwards().to_affine().compress().to_bytes() == *bytes;
                if !canonical {
                    return Err(invalid());
                }
                Ok(Self::Ed448(key))
            }
        }
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> EdCurve {
        match self {
            Self::Ed25519(_) => EdCurve::Ed25519,
            Self::Ed448(_) => EdCurve::Ed448,
        }
    }

    /// The encoded public key `x`.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        match self {
            Self::Ed25519(k) => k.to_bytes().to_vec(),
            Self::Ed448(k) => k.to_bytes().to_vec(),
        }
    }

    /// Verifies `signature` over the concatenation of `parts` (for a JWS,
    /// `[protected, b".", payload]`), strictly (see the module documentation).
    ///
    /// # Errors
    /// [`Error::invalid_signature`] for every failure, a wrong length included.
    pub(crate) fn verify(&self, parts: &[&[u8]], signature: &[u8]) -> Result<()> {
        let ok = match self {
            Self::Ed25519(k) => match ed25519_dalek::Signature::from_slice(signature) {
                Ok(sig) => k.verify_strict(&join(parts), &sig).is_ok(),
                Err(_) => false,
            },
            Self::Ed448(k) => match ed448_goldilocks::Signature::from_slice(signature) {
                Ok(sig) => k.verify_raw(&sig, &join(parts)).is_ok(),
                Err(_) => false,
            },
        };
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
#[allow(clippy::large_enum_variant)] // a key is held once per JWK, not in bulk
pub(crate) enum EdPrivateKey {
    /// An Ed25519 key.
    Ed25519(ed25519_dalek::SigningKey),
    /// An Ed448 key.
    Ed448(ed448_goldilocks::SigningKey),
}

impl std::fmt::Debug for EdPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EdPrivateKey")
            .field("crv", &self.curve().name())
            .finish_non_exhaustive()
    }
}

impl EdPrivateKey {
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
                Self::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
            }
            EdCurve::Ed448 => {
                Self::Ed448(ed448_goldilocks::SigningKey::try_from(d).map_err(|_| bad_seed())?)
            }
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
        match self {
            Self::Ed25519(_) => EdCurve::Ed25519,
            Self::Ed448(_) => EdCurve::Ed448,
        }
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> EdPublicKey {
        match self {
            Self::Ed25519(k) => EdPublicKey::Ed25519(k.verifying_key()),
            Self::Ed448(k) => EdPublicKey::Ed448(k.verifying_key()),
        }
    }

    /// The seed `d`.
    pub(crate) fn seed(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Self::Ed25519(k) => Zeroizing::new(k.as_bytes().to_vec()),
            Self::Ed448(k) => Zeroizing::new(k.as_bytes().to_vec()),
        }
    }

    /// Signs the concatenation of `parts` (RFC 8032 pure EdDSA, empty context), giving
    /// [`EdCurve::signature_len`] bytes.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> Vec<u8> {
        let message = join(parts);
        match self {
            Self::Ed25519(k) => {
                use ed25519_dalek::Signer;
                k.sign(&message).to_bytes().to_vec()
            }
            Self::Ed448(k) => k.sign_raw(&message).to_bytes().to_vec(),
        }
    }
}
