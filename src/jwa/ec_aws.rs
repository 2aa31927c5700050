//! The aws-lc backend for elliptic curves (cargo feature `aws-lc`): ES256, ES384 and ES512
//! signing and verifying, ECDH on P-256, P-384, P-521 and X25519, and Ed25519 signing,
//! through `aws-lc-rs` (each measured faster than the RustCrypto path: BENCHMARKS.md, "The
//! `aws-lc` feature").
//!
//! The RustCrypto keys of [`super::ecdsa`], [`super::eddsa`] and [`super::ecdh`] stay the
//! validated source of truth: every key is imported and checked exactly as without the
//! feature, and each [`EcPublicKey`], [`EcPrivateKey`], [`EdPrivateKey`] and [`XPrivateKey`]
//! carries a cache of its aws-lc forms, each made on first use from the checked key (the
//! uncompressed SEC1 point `04 || x || y` and `d`; the Ed25519 seed with the public key
//! `ed25519-dalek` derived; the X25519 scalar) and shared by clones. A key aws-lc refuses
//! (none is expected: it is the same point or scalar) stays with RustCrypto: the functions here
//! return `None` and the caller falls back. secp256k1 (ES256K), Ed448 and X448 always stay
//! with RustCrypto, and so does Ed25519 verification.
//!
//! What differs from the RustCrypto path:
//! * ECDSA signatures are made with aws-lc's nonces (random, not RFC 6979): two signatures of
//!   one message differ. Both are valid ECDSA, and either backend verifies the other's.
//! * A signature is still checked by jwcrypt before aws-lc sees it, in the same order: exactly
//!   `r || s` of the curve's length, then r and s in 1..n-1 (RustCrypto's `Signature`
//!   refuses 0 and n or more), then the verification by aws-lc (which refuses those too).
//! * The ECDH-ES sender's ephemeral key (EC and X25519) is drawn by aws-lc
//!   ([`ecdh_ephemeral`], [`x25519_ephemeral`]); its public key is read back through the
//!   checked constructors ([`EcPublicKey::from_coordinates`], [`XPublicKey::from_bytes`]) for
//!   the `epk` header. An all-zero X25519 Z is refused by aws-lc and again by the caller.
//! * Ed25519 signatures are the same bytes (RFC 8032 signing is deterministic). Ed25519
//!   verification is not routed: aws-lc's measures no faster than `ed25519-dalek`'s, and it
//!   is laxer than `verify_strict`: it refuses S ≥ L and a non-canonical R (it compares R byte
//!   for byte with the canonical encoding of `[S]B - [k]A`), but takes an R of small order,
//!   which the key's holder can make (the test `aws_lc_ed25519_takes_small_order_r`).

use std::sync::OnceLock;

use aws_lc_rs::agreement;
use aws_lc_rs::digest;
use aws_lc_rs::signature::{
    self as sig, EcdsaKeyPair, EcdsaSigningAlgorithm, EcdsaVerificationAlgorithm, ParsedPublicKey,
};
use zeroize::Zeroizing;

use super::ecdh::{XCurve, XPrivateKey, XPublicKey};
use super::ecdsa::{Curve, EcPrivateKey, EcPublicKey};
use super::eddsa::{EdCurve, EdPrivateKey};
use crate::error::{Error, ErrorKind, Result};

/// The aws-lc forms of one EC public key, each made on first use (`None`: aws-lc refused it).
#[derive(Default)]
pub(crate) struct PublicCache {
    verifying: OnceLock<Option<ParsedPublicKey>>,
    agreeing: OnceLock<Option<agreement::ParsedPublicKey>>,
}

/// The aws-lc forms of one EC private key, each made on first use (`None`: aws-lc refused
/// it). aws-lc keeps the scalar in its own memory and clears it when the key is dropped.
#[derive(Default)]
pub(crate) struct PrivateCache {
    signing: OnceLock<Option<EcdsaKeyPair>>,
    agreeing: OnceLock<Option<agreement::PrivateKey>>,
}

/// aws-lc's algorithms for a curve: ECDSA signing and verifying with the curve's JOSE hash and
/// fixed-length `r || s`, the hash, and ECDH. `None` for secp256k1.
struct Algorithms {
    signing: &'static EcdsaSigningAlgorithm,
    verifying: &'static EcdsaVerificationAlgorithm,
    hash: &'static digest::Algorithm,
    agreement: &'static agreement::Algorithm,
}

fn algorithms(curve: Curve) -> Option<Algorithms> {
    Some(match curve {
        Curve::P256 => Algorithms {
            signing: &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
            verifying: &sig::ECDSA_P256_SHA256_FIXED,
            hash: &digest::SHA256,
            agreement: &agreement::ECDH_P256,
        },
        Curve::P384 => Algorithms {
            signing: &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
            verifying: &sig::ECDSA_P384_SHA384_FIXED,
            hash: &digest::SHA384,
            agreement: &agreement::ECDH_P384,
        },
        Curve::P521 => Algorithms {
            signing: &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
            verifying: &sig::ECDSA_P521_SHA512_FIXED,
            hash: &digest::SHA512,
            agreement: &agreement::ECDH_P521,
        },
        Curve::Secp256k1 => return None,
    })
}

/// The uncompressed SEC1 encoding `04 || x || y` of a checked point.
fn sec1(key: &EcPublicKey) -> Vec<u8> {
    let (x, y) = key.coordinates();
    let mut point = Vec::with_capacity(1 + x.len() + y.len());
    point.push(4);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    point
}

fn digest_of(alg: &'static digest::Algorithm, parts: &[&[u8]]) -> digest::Digest {
    let mut ctx = digest::Context::new(alg);
    for part in parts {
        ctx.update(part);
    }
    ctx.finish()
}

/// Signs the parts with aws-lc (random nonce), or `None` when this key stays with RustCrypto.
pub(super) fn ecdsa_sign(key: &EcPrivateKey, parts: &[&[u8]]) -> Option<Result<Vec<u8>>> {
    let algs = algorithms(key.curve())?;
    let pair = key
        .backend()
        .signing
        .get_or_init(|| {
            let d = key.d();
            let point = sec1(&key.public_key());
            EcdsaKeyPair::from_private_key_and_public_key(algs.signing, &d, &point).ok()
        })
        .as_ref()?;
    let signature = pair
        .sign_digest(&digest_of(algs.hash, parts))
        .map(|s| s.as_ref().to_vec())
        .map_err(|_| Error::new(ErrorKind::Crypto, "ECDSA signing failed"));
    Some(signature)
}

/// Whether aws-lc verifies `signature` over the parts, or `None` when this key stays with
/// RustCrypto. The caller has checked the length and the range of r and s.
pub(super) fn ecdsa_verify(key: &EcPublicKey, parts: &[&[u8]], signature: &[u8]) -> Option<bool> {
    let algs = algorithms(key.curve())?;
    let parsed = key
        .backend()
        .verifying
        .get_or_init(|| ParsedPublicKey::new(algs.verifying, sec1(key)).ok())
        .as_ref()?;
    Some(
        parsed
            .verify_digest_sig(&digest_of(algs.hash, parts), signature)
            .is_ok(),
    )
}

fn agreement_failed() -> Error {
    Error::new(ErrorKind::Crypto, "the ECDH key agreement failed")
}

/// The peer's point as aws-lc parses it for an agreement (cached on the key).
fn peer_point(
    peer: &EcPublicKey,
    alg: &'static agreement::Algorithm,
) -> Option<agreement::ParsedPublicKey> {
    peer.backend()
        .agreeing
        .get_or_init(|| {
            let point = sec1(peer);
            (&agreement::UnparsedPublicKey::new(alg, &point))
                .try_into()
                .ok()
        })
        .clone()
}

/// Z of our key and the peer's (both on `curve`, which the caller has checked), or `None`
/// when these keys stay with RustCrypto.
pub(super) fn ecdh(ours: &EcPrivateKey, peer: &EcPublicKey) -> Option<Result<Zeroizing<Vec<u8>>>> {
    let algs = algorithms(ours.curve())?;
    let private = ours
        .backend()
        .agreeing
        .get_or_init(|| agreement::PrivateKey::from_private_key(algs.agreement, &ours.d()).ok())
        .as_ref()?;
    let peer = peer_point(peer, algs.agreement)?;
    Some(agreement::agree(private, peer, agreement_failed(), |z| {
        Ok(Zeroizing::new(z.to_vec()))
    }))
}

/// The ECDH-ES sender's side with aws-lc: a fresh ephemeral key on the peer's curve, its public
/// point (for `epk`) and Z; `None` when the curve stays with RustCrypto.
pub(super) fn ecdh_ephemeral(
    peer: &EcPublicKey,
) -> Option<Result<(EcPublicKey, Zeroizing<Vec<u8>>)>> {
    let curve = peer.curve();
    let algs = algorithms(curve)?;
    let parsed = peer_point(peer, algs.agreement)?;
    let run = || {
        let eph =
            agreement::PrivateKey::generate(algs.agreement).map_err(|_| agreement_failed())?;
        let public = eph.compute_public_key().map_err(|_| agreement_failed())?;
        let len = curve.coordinate_len();
        let (x, y) = match public.as_ref() {
            [4, rest @ ..] if rest.len() == 2 * len => rest.split_at(len),
            _ => return Err(agreement_failed()),
        };
        let eph_public = EcPublicKey::from_coordinates(curve, x, y)?;
        let z = agreement::agree(&eph, parsed, agreement_failed(), |z| {
            Ok(Zeroizing::new(z.to_vec()))
        })?;
        Ok((eph_public, z))
    };
    Some(run())
}

/// The aws-lc form of one Ed25519 private key, made on first use (`None`: aws-lc refused
/// it, or its public key is not the one `ed25519-dalek` derived).
#[derive(Default)]
pub(crate) struct EdPrivateCache {
    signing: OnceLock<Option<sig::Ed25519KeyPair>>,
}

/// Signs `message` with aws-lc, or `None` when this key stays with RustCrypto (Ed448).
pub(super) fn ed25519_sign(key: &EdPrivateKey, message: &[u8]) -> Option<Vec<u8>> {
    if key.curve() != EdCurve::Ed25519 {
        return None;
    }
    let pair = key
        .backend()
        .signing
        .get_or_init(|| {
            let public = key.public_key().to_bytes();
            sig::Ed25519KeyPair::from_seed_and_public_key(&key.seed(), &public).ok()
        })
        .as_ref()?;
    Some(pair.sign(message).as_ref().to_vec())
}

/// The aws-lc form of one X25519 private key, made on first use (`None`: aws-lc refused it).
#[derive(Default)]
pub(crate) struct XPrivateCache {
    agreeing: OnceLock<Option<agreement::PrivateKey>>,
}

/// Z of our X25519 key and the peer's with aws-lc (which refuses an all-zero Z itself; the
/// caller checks again), or `None` when these keys stay with RustCrypto (X448, or curves that
/// differ: the RustCrypto path refuses those).
pub(super) fn x25519(ours: &XPrivateKey, peer: &XPublicKey) -> Option<Result<Zeroizing<Vec<u8>>>> {
    if ours.curve() != XCurve::X25519 || peer.curve() != XCurve::X25519 {
        return None;
    }
    let private = ours
        .backend()
        .agreeing
        .get_or_init(|| {
            agreement::PrivateKey::from_private_key(&agreement::X25519, &ours.to_bytes()).ok()
        })
        .as_ref()?;
    let peer = agreement::UnparsedPublicKey::new(&agreement::X25519, peer.to_bytes());
    Some(agreement::agree(private, &peer, small_order(), |z| {
        Ok(Zeroizing::new(z.to_vec()))
    }))
}

/// aws-lc's X25519 fails only for an all-zero Z (the peer's key of small order, which the
/// import check refuses first): the same error as the RustCrypto path's.
fn small_order() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "the ECDH-ES shared secret is all zeros: the public key is of small order",
    )
}

/// The ECDH-ES sender's side with aws-lc for an X25519 recipient: a fresh ephemeral key, its
/// public key (for `epk`) and Z; `None` for X448.
pub(super) fn x25519_ephemeral(
    peer: &XPublicKey,
) -> Option<Result<(XPublicKey, Zeroizing<Vec<u8>>)>> {
    if peer.curve() != XCurve::X25519 {
        return None;
    }
    let run = || {
        let eph =
            agreement::PrivateKey::generate(&agreement::X25519).map_err(|_| agreement_failed())?;
        let public = eph.compute_public_key().map_err(|_| agreement_failed())?;
        let eph_public = XPublicKey::from_bytes(XCurve::X25519, public.as_ref())?;
        let peer = agreement::UnparsedPublicKey::new(&agreement::X25519, peer.to_bytes());
        let z = agreement::agree(&eph, &peer, small_order(), |z| {
            Ok(Zeroizing::new(z.to_vec()))
        })?;
        Ok((eph_public, z))
    };
    Some(run())
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    const NIST: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

    /// The backends interoperate: a signature made by aws-lc verifies with RustCrypto and the
    /// other way round, and both refuse a changed message.
    #[test]
    fn ecdsa_backends_agree() {
        let parts: [&[u8]; 3] = [b"eyJhbGciOiJFUzI1NiJ9", b".", b"eyJzdWIiOiJ4In0"];
        for curve in NIST {
            let key = EcPrivateKey::generate(curve).unwrap();
            let public = key.public_key();
            let by_aws = ecdsa_sign(&key, &parts)
                .expect("aws-lc takes the key")
                .unwrap();
            assert_eq!(by_aws.len(), curve.signature_len());
            assert!(public.verify_rust_crypto(&parts, &by_aws), "{curve:?}");
            let by_rc = key.sign_rust_crypto(&parts).unwrap();
            assert_eq!(ecdsa_verify(&public, &parts, &by_rc), Some(true));
            // Random nonces with aws-lc, RFC 6979 with RustCrypto.
            assert_ne!(ecdsa_sign(&key, &parts).unwrap().unwrap(), by_aws);
            assert_eq!(key.sign_rust_crypto(&parts).unwrap(), by_rc);
            for sig in [&by_aws, &by_rc] {
                let changed: [&[u8]; 3] = [parts[0], b".", b"eyJzdWIiOiJ5In0"];
                assert_eq!(ecdsa_verify(&public, &changed, sig), Some(false));
                assert!(!public.verify_rust_crypto(&changed, sig));
                let mut bad = sig.clone();
                bad[5] ^= 1;
                assert_eq!(ecdsa_verify(&public, &parts, &bad), Some(false));
            }
            // The routed entry points agree with both.
            public.verify(&parts, &by_rc).unwrap();
            assert!(public.verify_rust_crypto(&parts, &key.sign(&parts).unwrap()));
        }
        let k1 = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
        assert!(ecdsa_sign(&k1, &parts).is_none());
        assert!(ecdsa_verify(&k1.public_key(), &parts, &[0; 64]).is_none());
    }

    /// Z is the same from aws-lc and RustCrypto, either side, static or ephemeral.
    #[test]
    fn ecdh_backends_agree() {
        for curve in NIST {
            let a = EcPrivateKey::generate(curve).unwrap();
            let b = EcPrivateKey::generate(curve).unwrap();
            let by_aws = ecdh(&a, &b.public_key()).unwrap().unwrap();
            let by_rc = super::super::ecdh::agree_ec_rust_crypto(&b, &a.public_key()).unwrap();
            assert_eq!(by_aws, by_rc, "{curve:?}");
            assert_eq!(by_aws.len(), curve.coordinate_len());
            let (eph, z) = ecdh_ephemeral(&b.public_key()).unwrap().unwrap();
            assert_eq!(eph.curve(), curve);
            assert_eq!(
                z,
                super::super::ecdh::agree_ec_rust_crypto(&b, &eph).unwrap()
            );
        }
        let k1 = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
        assert!(ecdh(&k1, &k1.public_key()).is_none());
        assert!(ecdh_ephemeral(&k1.public_key()).is_none());
    }

    /// Ed25519: both backends give the same signature bytes, and `verify` (RustCrypto)
    /// takes aws-lc's.
    #[test]
    fn ed25519_backends_agree() {
        for _ in 0..8 {
            let key = EdPrivateKey::generate(EdCurve::Ed25519).unwrap();
            let public = key.public_key();
            let message = b"eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0";
            let by_aws = ed25519_sign(&key, message).expect("aws-lc takes the key");
            assert_eq!(by_aws, key.sign_rust_crypto(message));
            assert_eq!(key.sign(&[message]), by_aws);
            public.verify(&[message], &by_aws).unwrap();
            let parsed = ParsedPublicKey::new(&sig::ED25519, public.to_bytes()).unwrap();
            parsed.verify_sig(message, &by_aws).unwrap();
        }
        let ed448 = EdPrivateKey::generate(EdCurve::Ed448).unwrap();
        assert!(ed25519_sign(&ed448, b"m").is_none());
    }

    /// Why Ed25519 verification stays with `ed25519-dalek` (besides speed): aws-lc takes a
    /// signature whose R is the identity, made by the key's holder (S = k·a, so
    /// `[S]B - [k]A` is the identity), which `verify_strict` and so jwcrypt refuse.
    #[test]
    fn aws_lc_ed25519_takes_small_order_r() {
        use curve25519_dalek::Scalar;
        use sha2::{Digest, Sha512};
        let seed = [0x42u8; 32];
        let key = EdPrivateKey::from_seed(EdCurve::Ed25519, &seed, None).unwrap();
        let public = key.public_key();
        let a_bytes = public.to_bytes();
        let h = Sha512::digest(seed);
        let mut clamped = [0u8; 32];
        clamped.copy_from_slice(&h[..32]);
        clamped[0] &= 248;
        clamped[31] &= 127;
        clamped[31] |= 64;
        let a = Scalar::from_bytes_mod_order(clamped);
        let message = b"made by the key holder";
        let mut r = [0u8; 32];
        r[0] = 1; // the identity
        let mut hk = Sha512::new();
        hk.update(r);
        hk.update(&a_bytes);
        hk.update(message);
        let k = Scalar::from_bytes_mod_order_wide(&hk.finalize().into());
        let signature = [&r[..], (k * a).as_bytes()].concat();
        let parsed = ParsedPublicKey::new(&sig::ED25519, &a_bytes).unwrap();
        assert!(parsed.verify_sig(message, &signature).is_ok());
        assert!(public.verify(&[message], &signature).is_err());
    }

    /// X25519: Z is the same from aws-lc and RustCrypto, static or ephemeral, and an all-zero
    /// Z (a small-order peer below the import check) is refused by the routed path too.
    #[test]
    fn x25519_backends_agree() {
        let a = XPrivateKey::generate(XCurve::X25519).unwrap();
        let b = XPrivateKey::generate(XCurve::X25519).unwrap();
        let by_aws = x25519(&a, &b.public_key()).unwrap().unwrap();
        assert_eq!(by_aws, b.agree_rust_crypto(&a.public_key()).unwrap());
        let (eph, z) = x25519_ephemeral(&b.public_key()).unwrap().unwrap();
        assert_eq!(z, b.agree_rust_crypto(&eph).unwrap());
        let zero = XPublicKey::X25519(x25519_dalek::PublicKey::from([0u8; 32]));
        assert_eq!(
            a.agree(&zero).unwrap_err().kind(),
            ErrorKind::InvalidKey,
            "all-zero Z"
        );
        assert_eq!(
            x25519(&a, &zero).unwrap().unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        let x448 = XPrivateKey::generate(XCurve::X448).unwrap();
        assert!(x25519(&x448, &x448.public_key()).is_none());
        assert!(x25519(&a, &x448.public_key()).is_none());
        assert!(x25519_ephemeral(&x448.public_key()).is_none());
    }
}
