//! AES-GCM (RFC 7518 §5.3 content encryption, §4.7 key wrapping), computed by the crypto
//! provider (the `provider` module; `aes-gcm` in both builds).
//!
//! JOSE fixes the IV at 96 bits and the tag at 128 bits: any other length is refused, so a
//! truncated tag can never be accepted (CVE-2023-37464). Every decryption failure is
//! [`Error::decryption`].

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::provider::DEFAULT;

/// The IV length JOSE uses with AES-GCM.
pub(crate) const IV_LEN: usize = 12;
/// The tag length JOSE uses with AES-GCM.
pub(crate) const TAG_LEN: usize = 16;

/// Encrypts `buf` in place with `key` (16, 24 or 32 bytes); returns the 16-byte tag.
pub(crate) fn encrypt(key: &[u8], iv: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<[u8; TAG_LEN]> {
    let nonce = <&[u8; IV_LEN]>::try_from(iv)
        .map_err(|_| Error::new(ErrorKind::InvalidArgument, "an AES-GCM IV is 12 bytes"))?;
    if !matches!(key.len(), 16 | 24 | 32) {
        return err(
            ErrorKind::KeyMismatch,
            format!(
                "an AES-GCM key must be 16, 24 or 32 bytes, not {}",
                key.len()
            ),
        );
    }
    DEFAULT
        .aes_gcm
        .encrypt(key, nonce, aad, buf)
        .ok_or_else(|| Error::new(ErrorKind::Crypto, "AES-GCM encryption failed"))
}

/// Decrypts `buf` in place after checking `tag`. Wrong key, IV or tag length, or a tag
/// mismatch, is [`Error::decryption`]; on failure `buf` is zeroed.
pub(crate) fn decrypt(key: &[u8], iv: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<()> {
    let (Ok(nonce), Ok(tag)) = (
        <&[u8; IV_LEN]>::try_from(iv),
        <&[u8; TAG_LEN]>::try_from(tag),
    ) else {
        return Err(Error::decryption());
    };
    if DEFAULT.aes_gcm.decrypt(key, nonce, aad, buf, tag) {
        Ok(())
    } else {
        buf.fill(0);
        Err(Error::decryption())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    use crate::test_util::hex;

    /// Wycheproof aes_gcm_test.json: the groups with a 96-bit IV and a 128-bit tag (the only
    /// ones JOSE allows) are run; the others are counted as skipped, and their IVs are
    /// checked to be refused.
    #[test]
    fn wycheproof_aes_gcm() {
        let text = crate::test_util::data("wycheproof/aes_gcm_test.json");
        let v: Value = serde_json::from_str(text).unwrap();
        let (mut valid, mut invalid, mut skipped) = (0, 0, 0);
        for g in v["testGroups"].as_array().unwrap() {
            let in_scope = g["ivSize"] == 96 && g["tagSize"] == 128;
            for t in g["tests"].as_array().unwrap() {
                let f = |n: &str| hex(t[n].as_str().unwrap());
                let (key, iv, aad, msg, ct, tag) =
                    (f("key"), f("iv"), f("aad"), f("msg"), f("ct"), f("tag"));
                let id = &t["tcId"];
                if !in_scope {
                    let mut buf = ct.clone();
                    assert!(decrypt(&key, &iv, &aad, &mut buf, &tag).is_err(), "{id}");
                    skipped += 1;
                    continue;
                }
                let mut buf = ct.clone();
                let res = decrypt(&key, &iv, &aad, &mut buf, &tag);
                if t["result"] == "valid" {
                    res.unwrap();
                    assert_eq!(buf, msg, "{id}");
                    let mut buf = msg.clone();
                    assert_eq!(encrypt(&key, &iv, &aad, &mut buf).unwrap().to_vec(), tag);
                    assert_eq!(buf, ct, "{id}");
                    valid += 1;
                } else {
                    assert_eq!(res.unwrap_err().kind(), ErrorKind::Decryption, "{id}");
                    invalid += 1;
                }
            }
        }
        println!(
            "aes_gcm_test.json: {valid} valid, {invalid} invalid passed; {skipped} skipped (IV not 96 bits)"
        );
        assert_eq!(
            valid + invalid + skipped,
            v["numberOfTests"].as_u64().unwrap()
        );
    }

    #[test]
    fn short_tags_refused() {
        let key = [7u8; 32];
        let iv = [1u8; 12];
        let mut buf = b"hello".to_vec();
        let tag = encrypt(&key, &iv, b"aad", &mut buf).unwrap();
        for n in [0, 1, 4, 8, 12, 15] {
            let mut b = buf.clone();
            let e = decrypt(&key, &iv, b"aad", &mut b, &tag[..n]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Decryption);
        }
        let mut b = buf.clone();
        decrypt(&key, &iv, b"aad", &mut b, &tag).unwrap();
        assert_eq!(b, b"hello");
    }
}
