//! RSASSA-PKCS1-v1_5 (RS256/384/512, RFC 7518 §3.3) and RSASSA-PSS (PS256/384/512,
//! RFC 7518 §3.5) signatures.
//!
//! PSS uses MGF1 with the same hash and a salt as long as the hash, and verification
//! accepts only that salt length. Private-key operations are blinded with the OS RNG.
//! Keys must have a modulus of at least 2048 bits (checked at import, and again here).

use rsa::sha2::{Digest, Sha256, Sha384, Sha512};
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, PrivateKey as RsaPrivateKey, Pss, PublicKey as RsaPublicKey};

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::rsa::key::{MIN_MODULUS_BITS, RsaKey};
use crate::jwa::{HashAlg, SigningAlg};

#[derive(Clone, Copy)]
enum Padding {
    Pkcs1v15,
    Pss,
}

fn padding_of(alg: SigningAlg) -> Result<(Padding, HashAlg)> {
    let padding = match alg {
        SigningAlg::RS256 | SigningAlg::RS384 | SigningAlg::RS512 => Padding::Pkcs1v15,
        SigningAlg::PS256 | SigningAlg::PS384 | SigningAlg::PS512 => Padding::Pss,
        _ => {
            return err(
                ErrorKind::KeyMismatch,
                format!("{alg} is not an RSA signature algorithm"),
            );
        }
    };
    match alg.hash() {
        Some(h) => Ok((padding, h)),
        None => err(
            ErrorKind::KeyMismatch,
            format!("{alg} is not an RSA signature algorithm"),
        ),
    }
}

fn check_size(n_bytes: usize) -> Result<()> {
    if n_bytes * 8 < MIN_MODULUS_BITS {
        return err(
            ErrorKind::KeyMismatch,
            format!("RSA signatures need a key of at least {MIN_MODULUS_BITS} bits"),
        );
    }
    Ok(())
}

fn digest<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
    let mut d = D::new();
    for part in parts {
        d.update(part);
    }
    d.finalize().to_vec()
}

fn hash(hash: HashAlg, parts: &[&[u8]]) -> Result<Vec<u8>> {
    match hash {
        HashAlg::Sha256 => Ok(digest::<Sha256>(parts)),
        HashAlg::Sha384 => Ok(digest::<Sha384>(parts)),
        HashAlg::Sha512 => Ok(digest::<Sha512>(parts)),
        HashAlg::Sha1 => err(ErrorKind::UnsupportedAlgorithm, "SHA-1 is not a JWS hash"),
    }
}

/// Signs the concatenated `parts` with RS* or PS* with `key`, which must be private:
/// through aws-lc with the `aws-lc` feature (for the keys it takes), else [`sign`].
///
/// # Errors
/// As [`sign`]; [`ErrorKind::KeyMismatch`] for a public key.
pub(crate) fn sign_with(alg: SigningAlg, key: &RsaKey, parts: &[&[u8]]) -> Result<Vec<u8>> {
    let Some(private) = key.private_key() else {
        return err(ErrorKind::KeyMismatch, "this key cannot sign");
    };
    #[cfg(feature = "aws-lc")]
    {
        padding_of(alg)?;
        check_size(private.size())?;
        if let Some(result) = super::aws::sign(alg, key, parts) {
            return result;
        }
    }
    sign(alg, private, parts)
}

/// Verifies an RS* or PS* signature with `key`: through aws-lc with the `aws-lc` feature
/// (for the keys it takes), else [`verify`].
///
/// # Errors
/// As [`verify`].
pub(crate) fn verify_with(
    alg: SigningAlg,
    key: &RsaKey,
    parts: &[&[u8]],
    signature: &[u8],
) -> Result<()> {
    #[cfg(feature = "aws-lc")]
    {
        let public = key.public_key();
        padding_of(alg)?;
        check_size(public.size())?;
        if signature.len() != public.size() {
            return Err(Error::invalid_signature());
        }
        if let Some(result) = super::aws::verify(alg, key, parts, signature) {
            return result;
        }
    }
    verify(alg, key.public_key(), parts, signature)
}

/// Signs the concatenated `parts` with RS* or PS* (blinded, OS RNG).
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for a non-RSA algorithm or a key under 2048 bits;
/// [`ErrorKind::Crypto`] if the RSA operation or the RNG fails.
pub(crate) fn sign(alg: SigningAlg, key: &RsaPrivateKey, parts: &[&[u8]]) -> Result<Vec<u8>> {
    let (padding, h) = padding_of(alg)?;
    check_size(key.size())?;
    let hashed = hash(h, parts)?;
    let mut rng = crate::rng::os_rng();
    let result = match (padding, h) {
        (Padding::Pkcs1v15, HashAlg::Sha256) => {
            key.sign_with_rng(&mut rng, Pkcs1v15Sign::new::<Sha256>(), &hashed)
        }
        (Padding::Pkcs1v15, HashAlg::Sha384) => {
            key.sign_with_rng(&mut rng, Pkcs1v15Sign::new::<Sha384>(), &hashed)
        }
        (Padding::Pkcs1v15, _) => {
            key.sign_with_rng(&mut rng, Pkcs1v15Sign::new::<Sha512>(), &hashed)
        }
        (Padding::Pss, HashAlg::Sha256) => {
            key.sign_with_rng(&mut rng, Pss::<Sha256>::new_blinded(), &hashed)
        }
        (Padding::Pss, HashAlg::Sha384) => {
            key.sign_with_rng(&mut rng, Pss::<Sha384>::new_blinded(), &hashed)
        }
        (Padding::Pss, _) => key.sign_with_rng(&mut rng, Pss::<Sha512>::new_blinded(), &hashed),
    };
    result.map_err(|_| Error::new(ErrorKind::Crypto, "the RSA signature could not be made"))
}

/// Verifies an RS* or PS* signature over the concatenated `parts`. For PSS, the salt must
/// be exactly the hash length.
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for a non-RSA algorithm or a key under 2048 bits;
/// [`ErrorKind::InvalidSignature`] for any signature that does not verify.
pub(crate) fn verify(
    alg: SigningAlg,
    key: &RsaPublicKey,
    parts: &[&[u8]],
    signature: &[u8],
) -> Result<()> {
    let (padding, h) = padding_of(alg)?;
    check_size(key.size())?;
    if signature.len() != key.size() {
        return Err(Error::invalid_signature());
    }
    let hashed = hash(h, parts)?;
    let result = match (padding, h) {
        (Padding::Pkcs1v15, HashAlg::Sha256) => {
            key.verify(Pkcs1v15Sign::new::<Sha256>(), &hashed, signature)
        }
        (Padding::Pkcs1v15, HashAlg::Sha384) => {
            key.verify(Pkcs1v15Sign::new::<Sha384>(), &hashed, signature)
        }
        (Padding::Pkcs1v15, _) => key.verify(Pkcs1v15Sign::new::<Sha512>(), &hashed, signature),
        // `Pss::new` fixes the salt length to the hash length, for verifying too.
        (Padding::Pss, HashAlg::Sha256) => key.verify(Pss::<Sha256>::new(), &hashed, signature),
        (Padding::Pss, HashAlg::Sha384) => key.verify(Pss::<Sha384>::new(), &hashed, signature),
        (Padding::Pss, _) => key.verify(Pss::<Sha512>::new(), &hashed, signature),
    };
    result.map_err(|_| Error::invalid_signature())
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
    use serde_json::Value;

    use crate::test_util::hex;

    fn public_key(jwk: &Value) -> RsaPublicKey {
        let key = Jwk::from_value(jwk).unwrap();
        key.rsa().unwrap().public_key().clone()
    }

    /// Runs a Wycheproof RSA signature file; `acceptable` cases may go either way.
    fn wycheproof(text: &str, key_member: &str, alg: SigningAlg, name: &str) {
        let file: Value = serde_json::from_str(text).unwrap();
        let (mut passed, mut total, mut acceptable) = (0, 0, 0);
        for group in file["testGroups"].as_array().unwrap() {
            let key = public_key(&group[key_member]);
            if let Some(s_len) = group.get("sLen") {
                assert_eq!(
                    s_len.as_u64().unwrap() as usize,
                    alg.hash().unwrap().output_len()
                );
            }
            for case in group["tests"].as_array().unwrap() {
                total += 1;
                let msg = hex(case["msg"].as_str().unwrap());
                let sig = hex(case["sig"].as_str().unwrap());
                let ok = verify(alg, &key, &[&msg], &sig).is_ok();
                match case["result"].as_str().unwrap() {
                    "valid" => assert!(ok, "{name} tcId {} should verify", case["tcId"]),
                    "invalid" => assert!(!ok, "{name} tcId {} should fail", case["tcId"]),
                    _ => {
                        acceptable += 1;
                    }
                }
                passed += 1;
            }
        }
        println!(
            "wycheproof {name}: {passed} passed of {total} in scope ({acceptable} acceptable), 0 skipped"
        );
        assert!(total > 0);
    }

    #[test]
    fn wycheproof_rsa_pkcs1_sha256() {
        wycheproof(
            include_str!("../../../tests/data/wycheproof/rsa_signature_2048_sha256_test.json"),
            "keyJwk",
            SigningAlg::RS256,
            "rsa_signature_2048_sha256",
        );
    }

    #[test]
    fn wycheproof_rsa_pkcs1_sha384() {
        wycheproof(
            include_str!("../../../tests/data/wycheproof/rsa_signature_2048_sha384_test.json"),
            "keyJwk",
            SigningAlg::RS384,
            "rsa_signature_2048_sha384",
        );
    }

    #[test]
    fn wycheproof_rsa_pkcs1_sha512() {
        wycheproof(
            include_str!("../../../tests/data/wycheproof/rsa_signature_2048_sha512_test.json"),
            "keyJwk",
            SigningAlg::RS512,
            "rsa_signature_2048_sha512",
        );
    }

    #[test]
    fn wycheproof_rsa_pss_sha256() {
        wycheproof(
            include_str!("../../../tests/data/wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json"),
            "publicKeyJwk",
            SigningAlg::PS256,
            "rsa_pss_2048_sha256_mgf1_32",
        );
    }

    #[test]
    fn wycheproof_rsa_pss_sha384() {
        wycheproof(
            include_str!("../../../tests/data/wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json"),
            "publicKeyJwk",
            SigningAlg::PS384,
            "rsa_pss_2048_sha384_mgf1_48",
        );
    }

    #[test]
    fn wycheproof_rsa_pss_sha512() {
        wycheproof(
            include_str!("../../../tests/data/wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json"),
            "publicKeyJwk",
            SigningAlg::PS512,
            "rsa_pss_4096_sha512_mgf1_64",
        );
    }

    fn fixture() -> RsaPrivateKey {
        let jwk = Jwk::from_json(include_str!(
            "../../../tests/data/rfc7520/jwk/3_4.rsa_private_key.json"
        ))
        .unwrap();
        jwk.rsa().unwrap().private_key().unwrap().clone()
    }

    #[test]
    fn round_trips_and_salt_length_is_fixed() {
        let key = fixture();
        let public = key.to_public_key();
        for alg in [
            SigningAlg::RS256,
            SigningAlg::RS384,
            SigningAlg::RS512,
            SigningAlg::PS256,
            SigningAlg::PS384,
            SigningAlg::PS512,
        ] {
            let sig = sign(alg, &key, &[b"hello ", b"world"]).unwrap();
            assert!(
                verify(alg, &public, &[b"hello world"], &sig).is_ok(),
                "{alg}"
            );
            assert!(
                verify(alg, &public, &[b"hello worle"], &sig).is_err(),
                "{alg}"
            );
            assert!(verify(alg, &public, &[b"hello world"], &sig[1..]).is_err());
        }
        // A PSS signature with a salt of another length does not verify.
        let hashed = digest::<Sha256>(&[b"msg"]);
        let short_salt = key
            .sign_with_rng(
                &mut crate::rng::os_rng(),
                Pss::<Sha256>::new_blinded_with_salt(20),
                &hashed,
            )
            .unwrap();
        assert!(
            public
                .verify(Pss::<Sha256>::new_with_salt(20), &hashed, &short_salt)
                .is_ok()
        );
        assert_eq!(
            verify(SigningAlg::PS256, &public, &[b"msg"], &short_salt)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidSignature
        );
        assert_eq!(
            sign(SigningAlg::HS256, &key, &[b"msg"]).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
    }
}
