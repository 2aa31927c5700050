//! The aws-lc backend for RSA (cargo feature `aws-lc`): RS*/PS* signing and verifying,
//! RSA-OAEP* encryption and decryption through `aws-lc-rs`, whose private-key operations
//! are constant-time and blinded (not exposed to RUSTSEC-2023-0071).
//!
//! Each [`RsaKey`] carries a [`Cache`] of its aws-lc forms, each made on first use from the
//! checked `rsa` crate key (PKCS#8 or SPKI DER, or the public components): a signing key,
//! a decrypting key, an encrypting key, and one parsed verifying key per algorithm. A key
//! aws-lc refuses, or one over 8192 bits (beyond aws-lc's verification range), stays with
//! the `rsa` crate: the functions here return `None` and the caller falls back.
//! `RSA1_5` decryption always stays with the `rsa` crate.

use std::sync::OnceLock;

use aws_lc_rs::digest;
use aws_lc_rs::rsa::{
    KeyPair, OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OAEP_SHA384_MGF1SHA384,
    OAEP_SHA512_MGF1SHA512, OaepAlgorithm, OaepPrivateDecryptingKey, OaepPublicEncryptingKey,
    PrivateDecryptingKey, PublicEncryptingKey, PublicKeyComponents,
};
use aws_lc_rs::signature::{self as sig, ParsedPublicKey, RsaEncoding, RsaParameters};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::traits::PublicKeyParts;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};
use crate::jwa::rsa::key::RsaKey;
use crate::jwa::{KeyManagementAlg, SigningAlg};

/// The largest modulus handed to aws-lc, in bits (its verification parameters stop here).
const MAX_BITS: usize = 8192;

/// The aws-lc forms of one RSA key, each made on first use (`None`: aws-lc refused it).
#[derive(Default)]
pub(crate) struct Cache {
    signing: OnceLock<Option<KeyPair>>,
    decrypting: OnceLock<Option<OaepPrivateDecryptingKey>>,
    encrypting: OnceLock<Option<OaepPublicEncryptingKey>>,
    /// One per signing algorithm, in the order of [`signing_index`].
    verifying: [OnceLock<Option<ParsedPublicKey>>; 6],
}

fn usable(key: &RsaKey) -> bool {
    key.modulus_bits() <= MAX_BITS
}

fn private_der(key: &RsaKey) -> Option<Zeroizing<Vec<u8>>> {
    let der = key.private_key()?.to_pkcs8_der().ok()?;
    Some(Zeroizing::new(der.as_bytes().to_vec()))
}

fn signing_key(key: &RsaKey) -> Option<&KeyPair> {
    key.backend()
        .signing
        .get_or_init(|| KeyPair::from_pkcs8(&private_der(key)?).ok())
        .as_ref()
}

fn decrypting_key(key: &RsaKey) -> Option<&OaepPrivateDecryptingKey> {
    key.backend()
        .decrypting
        .get_or_init(|| {
            let private = PrivateDecryptingKey::from_pkcs8(&private_der(key)?).ok()?;
            OaepPrivateDecryptingKey::new(private).ok()
        })
        .as_ref()
}

fn encrypting_key(key: &RsaKey) -> Option<&OaepPublicEncryptingKey> {
    key.backend()
        .encrypting
        .get_or_init(|| {
            let der = key.public_key().to_public_key_der().ok()?;
            let public = PublicEncryptingKey::from_der(der.as_bytes()).ok()?;
            OaepPublicEncryptingKey::new(public).ok()
        })
        .as_ref()
}

/// The position of `alg` in [`Cache::verifying`], with its verification parameters, its
/// signing encoding and its hash.
fn signing_index(
    alg: SigningAlg,
) -> Option<(
    usize,
    &'static RsaParameters,
    &'static dyn RsaEncoding,
    &'static digest::Algorithm,
)> {
    Some(match alg {
        SigningAlg::RS256 => (
            0,
            &sig::RSA_PKCS1_2048_8192_SHA256,
            &sig::RSA_PKCS1_SHA256,
            &digest::SHA256,
        ),
        SigningAlg::RS384 => (
            1,
            &sig::RSA_PKCS1_2048_8192_SHA384,
            &sig::RSA_PKCS1_SHA384,
            &digest::SHA384,
        ),
        SigningAlg::RS512 => (
            2,
            &sig::RSA_PKCS1_2048_8192_SHA512,
            &sig::RSA_PKCS1_SHA512,
            &digest::SHA512,
        ),
        SigningAlg::PS256 => (
            3,
            &sig::RSA_PSS_2048_8192_SHA256,
            &sig::RSA_PSS_SHA256,
            &digest::SHA256,
        ),
        SigningAlg::PS384 => (
            4,
            &sig::RSA_PSS_2048_8192_SHA384,
            &sig::RSA_PSS_SHA384,
            &digest::SHA384,
        ),
        SigningAlg::PS512 => (
            5,
            &sig::RSA_PSS_2048_8192_SHA512,
            &sig::RSA_PSS_SHA512,
            &digest::SHA512,
        ),
        _ => return None,
    })
}

fn digest_of(alg: &'static digest::Algorithm, parts: &[&[u8]]) -> digest::Digest {
    let mut ctx = digest::Context::new(alg);
    for part in parts {
        ctx.update(part);
    }
    ctx.finish()
}

/// Signs with aws-lc, or `None` when this key or algorithm stays with the `rsa` crate.
pub(crate) fn sign(alg: SigningAlg, key: &RsaKey, parts: &[&[u8]]) -> Option<Result<Vec<u8>>> {
    let (_, _, encoding, hash) = signing_index(alg)?;
    if !usable(key) {
        return None;
    }
    let pair = signing_key(key)?;
    let mut signature = vec![0u8; pair.public_modulus_len()];
    let digest = digest_of(hash, parts);
    Some(
        pair.sign_digest(encoding, &digest, &mut signature)
            .map(|()| signature)
            .map_err(|_| Error::new(ErrorKind::Crypto, "the RSA signature could not be made")),
    )
}

/// Verifies with aws-lc, or `None` when this key or algorithm stays with the `rsa` crate.
/// (The caller has already checked the modulus size and the signature length.)
pub(crate) fn verify(
    alg: SigningAlg,
    key: &RsaKey,
    parts: &[&[u8]],
    signature: &[u8],
) -> Option<Result<()>> {
    let (index, params, _, hash) = signing_index(alg)?;
    if !usable(key) {
        return None;
    }
    let parsed = key
        .backend()
        .verifying
        .get(index)?
        .get_or_init(|| {
            let public = key.public_key();
            let components = PublicKeyComponents {
                n: public.n_bytes().into_vec(),
                e: public.e_bytes().into_vec(),
            };
            components.to_parsed_public_key(params).ok()
        })
        .as_ref()?;
    let digest = digest_of(hash, parts);
    Some(
        parsed
            .verify_digest_sig(&digest, signature)
            .map_err(|_| Error::invalid_signature()),
    )
}

fn oaep_alg(alg: KeyManagementAlg) -> Option<&'static OaepAlgorithm> {
    match alg {
        KeyManagementAlg::RsaOaep => Some(&OAEP_SHA1_MGF1SHA1),
        KeyManagementAlg::RsaOaep256 => Some(&OAEP_SHA256_MGF1SHA256),
        KeyManagementAlg::RsaOaep384 => Some(&OAEP_SHA384_MGF1SHA384),
        KeyManagementAlg::RsaOaep512 => Some(&OAEP_SHA512_MGF1SHA512),
        _ => None,
    }
}

/// OAEP-encrypts `cek` with aws-lc, or `None` to fall back.
pub(crate) fn oaep_encrypt(
    key: &RsaKey,
    alg: KeyManagementAlg,
    cek: &[u8],
) -> Option<Result<Vec<u8>>> {
    let oaep = oaep_alg(alg)?;
    if !usable(key) {
        return None;
    }
    let public = encrypting_key(key)?;
    let mut out = vec![0u8; public.ciphertext_size()];
    Some(match public.encrypt(oaep, cek, &mut out, None) {
        Ok(ct) => Ok(ct.to_vec()),
        Err(_) => Err(Error::new(ErrorKind::Crypto, "RSA-OAEP encryption failed")),
    })
}

/// OAEP-decrypts `ek` with aws-lc (every failure is [`Error::decryption`]), or `None` to
/// fall back.
pub(crate) fn oaep_decrypt(
    key: &RsaKey,
    alg: KeyManagementAlg,
    ek: &[u8],
) -> Option<Result<Zeroizing<Vec<u8>>>> {
    let oaep = oaep_alg(alg)?;
    if !usable(key) || !key.is_private() {
        return None;
    }
    let private = decrypting_key(key)?;
    let mut out = Zeroizing::new(vec![0u8; private.min_output_size()]);
    let n = match private.decrypt(oaep, ek, &mut out, None) {
        Ok(pt) => pt.len(),
        Err(_) => return Some(Err(Error::decryption())),
    };
    out.truncate(n);
    Some(Ok(out))
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
    use crate::jwk::Jwk;

    fn key() -> Jwk {
        Jwk::from_json(include_str!(
            "../../../tests/data/rfc7520/jwk/3_4.rsa_private_key.json"
        ))
        .unwrap()
    }

    /// aws-lc takes the key, and its signatures and ciphertexts are the `rsa` crate's (and
    /// the other way round): the backends agree.
    #[test]
    fn backends_agree() {
        let jwk = key();
        let rsa = jwk.rsa().unwrap();
        let msg: [&[u8]; 2] = [b"header.", b"payload"];
        for alg in [
            SigningAlg::RS256,
            SigningAlg::RS384,
            SigningAlg::RS512,
            SigningAlg::PS256,
            SigningAlg::PS384,
            SigningAlg::PS512,
        ] {
            let by_aws = sign(alg, rsa, &msg).expect("aws-lc takes the key").unwrap();
            super::super::sign::verify(alg, rsa.public_key(), &msg, &by_aws).unwrap();
            let by_rsa = super::super::sign::sign(alg, rsa.private_key().unwrap(), &msg).unwrap();
            verify(alg, rsa, &msg, &by_rsa).unwrap().unwrap();
            let mut bad = by_rsa.clone();
            bad[10] ^= 1;
            assert_eq!(
                verify(alg, rsa, &msg, &bad).unwrap().unwrap_err().kind(),
                ErrorKind::InvalidSignature
            );
        }
        let cek = [7u8; 32];
        for alg in [
            KeyManagementAlg::RsaOaep,
            KeyManagementAlg::RsaOaep256,
            KeyManagementAlg::RsaOaep384,
            KeyManagementAlg::RsaOaep512,
        ] {
            let ek = oaep_encrypt(rsa, alg, &cek).unwrap().unwrap();
            assert_eq!(&oaep_decrypt(rsa, alg, &ek).unwrap().unwrap()[..], &cek);
            let mut bad = ek.clone();
            bad[0] ^= 1;
            assert_eq!(
                oaep_decrypt(rsa, alg, &bad).unwrap().unwrap_err().kind(),
                ErrorKind::Decryption
            );
        }
        // A public key cannot decrypt here: the caller falls back (and fails there).
        let public = jwk.to_public().unwrap();
        assert!(oaep_decrypt(public.rsa().unwrap(), KeyManagementAlg::RsaOaep256, b"x").is_none());
        // Signing algorithms only.
        assert!(sign(SigningAlg::HS256, rsa, &msg).is_none());
    }
}
