//! HMAC with SHA-2 for JWS (RFC 7518 §3.2): HS256, HS384, HS512.
//!
//! The key must be at least as long as the hash output (RFC 7518 §3.2); that is checked
//! when signing and when verifying. Tags are compared in constant time (`verify_slice`).
//!
//! [`sign`] and [`verify`] start from the HMAC state a [`SymmetricKey`] keeps after
//! absorbing its key (the inner and outer pads: two hash compressions saved per token).

use hmac::Mac;
use hmac::digest::FixedOutput;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::symmetric::SymmetricKey;
use crate::jwa::{HashAlg, KeyFamily, SigningAlg};

/// The hash of an HMAC algorithm; an error for the other signing algorithms.
fn hash_of(alg: SigningAlg) -> Result<HashAlg> {
    match (alg.key_family(), alg.hash()) {
        (KeyFamily::Oct, Some(hash)) => Ok(hash),
        _ => err(
            ErrorKind::KeyMismatch,
            format!("{alg} is not an HMAC algorithm"),
        ),
    }
}

/// RFC 7518 §3.2: "A key of the same size as the hash output or larger MUST be used".
fn check_key(alg: SigningAlg, key: &[u8]) -> Result<HashAlg> {
    let hash = hash_of(alg)?;
    if key.len() < hash.output_len() {
        return err(
            ErrorKind::KeyMismatch,
            format!(
                "{alg} needs a key of at least {} bits, not {}",
                hash.output_len() * 8,
                key.len() * 8
            ),
        );
    }
    Ok(hash)
}

fn absorb<M: Mac>(mut mac: M, parts: &[&[u8]]) -> M {
    for part in parts {
        mac.update(part);
    }
    mac
}

/// A copy of a prekeyed state, fed `parts`.
fn from_prekeyed<M: Mac + Clone>(prekeyed: &M, parts: &[&[u8]]) -> M {
    absorb(prekeyed.clone(), parts)
}

/// The JWS MAC (HS256/384/512) over the concatenated `parts`, from `key`'s cached prekeyed
/// state (built on first use). Finalized straight into the output (the MAC is public), not
/// through `Mac::finalize`, whose `CtOutput` is copied out and zeroed byte by byte.
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for a non-HMAC algorithm or a key shorter than the hash.
pub(crate) fn sign(alg: SigningAlg, key: &SymmetricKey, parts: &[&[u8]]) -> Result<Vec<u8>> {
    let hash = check_key(alg, key.bytes())?;
    Ok(match hash {
        HashAlg::Sha256 => {
            FixedOutput::finalize_fixed(from_prekeyed(key.hmac_sha256()?, parts)).to_vec()
        }
        HashAlg::Sha384 => {
            FixedOutput::finalize_fixed(from_prekeyed(key.hmac_sha384()?, parts)).to_vec()
        }
        HashAlg::Sha512 => {
            FixedOutput::finalize_fixed(from_prekeyed(key.hmac_sha512()?, parts)).to_vec()
        }
        HashAlg::Sha1 => {
            return err(
                ErrorKind::UnsupportedAlgorithm,
                "HMAC-SHA-1 is not a JWS MAC",
            );
        }
    })
}

/// Verifies a JWS MAC (HS256/384/512) in constant time from `key`'s cached prekeyed state;
/// the tag must be full length.
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] as for [`sign`]; [`ErrorKind::InvalidSignature`] if
/// the tag is wrong (whatever its length).
pub(crate) fn verify(
    alg: SigningAlg,
    key: &SymmetricKey,
    parts: &[&[u8]],
    tag: &[u8],
) -> Result<()> {
    let hash = check_key(alg, key.bytes())?;
    let ok = match hash {
        HashAlg::Sha256 => from_prekeyed(key.hmac_sha256()?, parts)
            .verify_slice(tag)
            .is_ok(),
        HashAlg::Sha384 => from_prekeyed(key.hmac_sha384()?, parts)
            .verify_slice(tag)
            .is_ok(),
        HashAlg::Sha512 => from_prekeyed(key.hmac_sha512()?, parts)
            .verify_slice(tag)
            .is_ok(),
        HashAlg::Sha1 => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_signature())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    use crate::test_util::hex;

    use crate::secret::Secret;

    fn key(bytes: &[u8]) -> SymmetricKey {
        SymmetricKey::new(Secret::from_slice(bytes))
    }

    /// Wycheproof HMAC vectors through the production `sign` and `verify`: full-length tags
    /// only (JOSE never truncates a JWS MAC; truncated-tag groups are counted as skipped).
    /// Keys shorter than the hash output must be refused (RFC 7518 §3.2), whatever the tag.
    fn wycheproof(text: &str, hash: HashAlg, alg: SigningAlg, name: &str) {
        let file: Value = serde_json::from_str(text).unwrap();
        let (mut passed, mut in_scope, mut skipped, mut short) = (0, 0, 0, 0);
        for group in file["testGroups"].as_array().unwrap() {
            let tag_bits = group["tagSize"].as_u64().unwrap() as usize;
            for case in group["tests"].as_array().unwrap() {
                if tag_bits != hash.output_len() * 8 {
                    skipped += 1;
                    continue;
                }
                in_scope += 1;
                let bytes = hex(case["key"].as_str().unwrap());
                let k = key(&bytes);
                let msg = hex(case["msg"].as_str().unwrap());
                let tag = hex(case["tag"].as_str().unwrap());
                let valid = match case["result"].as_str().unwrap() {
                    "valid" => true,
                    "invalid" => false,
                    other => panic!("unexpected result {other}"),
                };
                // Split the message to exercise multi-part input.
                let (a, b) = msg.split_at(msg.len() / 2);
                let got = verify(alg, &k, &[a, b], &tag);
                if bytes.len() < hash.output_len() {
                    assert_eq!(got.unwrap_err().kind(), ErrorKind::KeyMismatch);
                    assert_eq!(
                        sign(alg, &k, &[&msg]).unwrap_err().kind(),
                        ErrorKind::KeyMismatch
                    );
                    short += 1;
                } else {
                    assert_eq!(got.is_ok(), valid, "{name} tcId {}", case["tcId"]);
                    if valid {
                        assert_eq!(sign(alg, &k, &[&msg]).unwrap(), tag);
                    }
                }
                passed += 1;
            }
        }
        println!(
            "wycheproof {name}: {passed} passed of {in_scope} in scope ({short} of them \
             refused for a key shorter than the hash), {skipped} skipped (truncated tags)"
        );
        assert_eq!(passed, in_scope);
        assert!(in_scope > short && short > 0);
    }

    #[test]
    fn wycheproof_hmac_sha256() {
        wycheproof(
            include_str!("../../tests/data/wycheproof/hmac_sha256_test.json"),
            HashAlg::Sha256,
            SigningAlg::HS256,
            "hmac_sha256",
        );
    }

    #[test]
    fn wycheproof_hmac_sha384() {
        wycheproof(
            include_str!("../../tests/data/wycheproof/hmac_sha384_test.json"),
            HashAlg::Sha384,
            SigningAlg::HS384,
            "hmac_sha384",
        );
    }

    #[test]
    fn wycheproof_hmac_sha512() {
        wycheproof(
            include_str!("../../tests/data/wycheproof/hmac_sha512_test.json"),
            HashAlg::Sha512,
            SigningAlg::HS512,
            "hmac_sha512",
        );
    }

    #[test]
    fn truncated_and_empty_tags_fail() {
        let k = key(&[7u8; 32]);
        let tag = sign(SigningAlg::HS256, &k, &[b"msg"]).unwrap();
        for len in [0, 1, 16, 31] {
            assert_eq!(
                verify(SigningAlg::HS256, &k, &[b"msg"], &tag[..len])
                    .unwrap_err()
                    .kind(),
                ErrorKind::InvalidSignature
            );
        }
        assert!(verify(SigningAlg::HS256, &k, &[b"m", b"sg"], &tag).is_ok());
        assert_eq!(
            sign(SigningAlg::RS256, &k, &[b"msg"]).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
    }
}
