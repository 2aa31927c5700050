//! RSASSA-PKCS1-v1_5 (RS256/384/512, RFC 7518 §3.3) and RSASSA-PSS (PS256/384/512,
//! RFC 7518 §3.5) signatures, computed by the crypto provider.
//!
//! PSS uses MGF1 with the same hash and a salt as long as the hash, and verification
//! accepts only that salt length. Private-key operations are blinded. Keys must have a
//! modulus of at least 2048 bits (checked at import, and again here).

use rsa::traits::PublicKeyParts;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::SigningAlg;
use crate::jwa::provider::{DEFAULT, RsaScheme};
use crate::jwa::rsa::key::{MIN_MODULUS_BITS, RsaKey};

/// The provider's scheme of an RS* or PS* algorithm.
fn scheme_of(alg: SigningAlg) -> Result<RsaScheme> {
    let not_rsa = || {
        Error::new(
            ErrorKind::KeyMismatch,
            format!("{alg} is not an RSA signature algorithm"),
        )
    };
    let hash = alg.hash().ok_or_else(not_rsa)?;
    match alg {
        SigningAlg::RS256 | SigningAlg::RS384 | SigningAlg::RS512 => Ok(RsaScheme::Pkcs1v15(hash)),
        SigningAlg::PS256 | SigningAlg::PS384 | SigningAlg::PS512 => Ok(RsaScheme::Pss(hash)),
        _ => Err(not_rsa()),
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

/// Signs the concatenated `parts` with RS* or PS* with `key`, which must be private.
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for a public key, a non-RSA algorithm or a key under 2048
/// bits; [`ErrorKind::Crypto`] if the RSA operation or the RNG fails.
pub(crate) fn sign_with(alg: SigningAlg, key: &RsaKey, parts: &[&[u8]]) -> Result<Vec<u8>> {
    let Some(private) = key.private_key() else {
        return err(ErrorKind::KeyMismatch, "this key cannot sign");
    };
    let scheme = scheme_of(alg)?;
    check_size(private.size())?;
    DEFAULT.rsa.sign(scheme, private, key.prepared(), parts)
}

/// Verifies an RS* or PS* signature over the concatenated `parts` with `key`. For PSS, the
/// salt must be exactly the hash length.
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for a non-RSA algorithm or a key under 2048 bits;
/// [`ErrorKind::InvalidSignature`] for any signature that does not verify.
pub(crate) fn verify_with(
    alg: SigningAlg,
    key: &RsaKey,
    parts: &[&[u8]],
    signature: &[u8],
) -> Result<()> {
    let scheme = scheme_of(alg)?;
    let public = key.public_key();
    check_size(public.size())?;
    if signature.len() == public.size()
        && DEFAULT
            .rsa
            .verify(scheme, public, key.prepared(), parts, signature)
    {
        Ok(())
    } else {
        Err(Error::invalid_signature())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::Jwk;
    use serde_json::Value;

    use crate::test_util::hex;

    fn public_key(jwk: &Value) -> RsaKey {
        let key = Jwk::from_value(jwk).unwrap();
        key.rsa().unwrap().clone()
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
                let ok = verify_with(alg, &key, &[&msg], &sig).is_ok();
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

    fn fixture() -> RsaKey {
        let jwk = Jwk::from_json(include_str!(
            "../../../tests/data/rfc7520/jwk/3_4.rsa_private_key.json"
        ))
        .unwrap();
        jwk.rsa().unwrap().clone()
    }

    #[test]
    fn round_trips_and_salt_length_is_fixed() {
        use rsa::Pss;
        use sha2::{Digest, Sha256};
        let key = fixture();
        let public = &key;
        for alg in [
            SigningAlg::RS256,
            SigningAlg::RS384,
            SigningAlg::RS512,
            SigningAlg::PS256,
            SigningAlg::PS384,
            SigningAlg::PS512,
        ] {
            let sig = sign_with(alg, &key, &[b"hello ", b"world"]).unwrap();
            assert!(
                verify_with(alg, public, &[b"hello world"], &sig).is_ok(),
                "{alg}"
            );
            assert!(
                verify_with(alg, public, &[b"hello worle"], &sig).is_err(),
                "{alg}"
            );
            assert!(verify_with(alg, public, &[b"hello world"], &sig[1..]).is_err());
        }
        // A PSS signature with a salt of another length does not verify.
        let hashed = Sha256::digest(b"msg");
        let short_salt = key
            .private_key()
            .unwrap()
            .sign_with_rng(
                &mut crate::rng::os_rng(),
                Pss::<Sha256>::new_blinded_with_salt(20),
                &hashed,
            )
            .unwrap();
        assert!(
            public
                .public_key()
                .verify(Pss::<Sha256>::new_with_salt(20), &hashed, &short_salt)
                .is_ok()
        );
        assert_eq!(
            verify_with(SigningAlg::PS256, public, &[b"msg"], &short_salt)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidSignature
        );
        assert_eq!(
            sign_with(SigningAlg::HS256, &key, &[b"msg"])
                .unwrap_err()
                .kind(),
            ErrorKind::KeyMismatch
        );
    }
}
