//! AES_CBC_HMAC_SHA2 authenticated encryption (RFC 7518 §5.2): `A128CBC-HS256`,
//! `A192CBC-HS384`, `A256CBC-HS512`, computed by the crypto provider (the `provider`
//! module), one composition per provider.
//!
//! The key is split into MAC_KEY (first half) and ENC_KEY (second half). The tag is the first
//! half of HMAC(MAC_KEY, A ‖ IV ‖ E ‖ AL), with AL the bit length of A as a 64-bit big-endian
//! number. The HMAC is computed incrementally over the pieces (nothing is concatenated), and
//! on decryption it is checked in constant time before any decryption or unpadding, so no
//! padding oracle exists: every failure is the one [`Error::decryption`].

use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::provider::DEFAULT;
use crate::jwa::{ContentEncryptionAlg, ContentEncryptionKind};

/// The IV length (one AES block).
pub(crate) const IV_LEN: usize = 16;

/// Whether `enc` is a CBC-HMAC algorithm whose key is `key_len` bytes and IV [`IV_LEN`].
fn fits(enc: ContentEncryptionAlg, key_len: usize, iv_len: usize) -> bool {
    matches!(enc.facts().kind, ContentEncryptionKind::CbcHmac(_))
        && key_len == enc.key_len()
        && iv_len == IV_LEN
}

/// Encrypts `plaintext` under `enc` (one of the CBC-HMAC algorithms) with the CEK `key`;
/// `aad` is the list of pieces whose concatenation is the additional authenticated data.
/// Returns the ciphertext and the tag.
///
/// # Errors
/// [`ErrorKind::InvalidArgument`] for another algorithm, or a key or IV of the wrong length.
pub(crate) fn encrypt(
    enc: ContentEncryptionAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>)> {
    if !fits(enc, key.len(), iv.len()) {
        return err(
            ErrorKind::InvalidArgument,
            "not an AES-CBC-HMAC algorithm, key and IV",
        );
    }
    DEFAULT.cbc_hmac.encrypt(key, iv, aad, plaintext)
}

/// Checks the tag and decrypts `ciphertext` in place. Every failure (tag mismatch or
/// length, padding, a key or IV of the wrong length) is [`Error::decryption`].
pub(crate) fn decrypt(
    enc: ContentEncryptionAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    ciphertext: Vec<u8>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if !fits(enc, key.len(), iv.len()) {
        return Err(Error::decryption());
    }
    DEFAULT
        .cbc_hmac
        .decrypt(key, iv, aad, ciphertext, tag)
        .ok_or_else(Error::decryption)
}

#[cfg(test)]
mod tests {
    use aes::Aes128;
    use aes::cipher::{BlockCipherEncrypt, KeyInit};
    use cbc::cipher::block_padding::Pkcs7;
    use cbc::cipher::{BlockModeEncrypt, KeyIvInit};
    use hmac::{Hmac, Mac};
    use serde_json::Value;
    use sha2::Sha256;

    use super::*;
    use crate::test_util::hex;

    /// The tag of this ciphertext, computed on its own (A128CBC-HS256).
    fn tag_of(key: &[u8], aad: &[&[u8]], iv: &[u8], ct: &[u8]) -> Vec<u8> {
        let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&key[..16]).unwrap();
        let aad_len: usize = aad.iter().map(|a| a.len()).sum();
        for a in aad {
            m.update(a);
        }
        m.update(iv);
        m.update(ct);
        m.update(&(aad_len as u64 * 8).to_be_bytes());
        m.finalize().into_bytes()[..16].to_vec()
    }

    /// A correct tag over bad padding fails exactly like a bad tag.
    #[test]
    fn valid_tag_over_bad_padding_is_the_same_error() {
        let enc = ContentEncryptionAlg::A128CbcHs256;
        let key = [9u8; 32];
        let iv = [3u8; 16];
        // One block whose decryption ends in 0x00: invalid PKCS#7.
        let mut block = aes::Block::from([0u8; 16]);
        for (b, i) in block.iter_mut().zip(iv.iter()) {
            *b ^= i;
        }
        Aes128::new_from_slice(&key[16..])
            .unwrap()
            .encrypt_block(&mut block);
        let ct = block.to_vec();
        let tag = tag_of(&key, &[b"aad"], &iv, &ct);
        let bad_pad = decrypt(enc, &key, &iv, &[b"aad"], ct.clone(), &tag).unwrap_err();
        let mut bad_tag = tag.clone();
        bad_tag[0] ^= 1;
        let bad_mac = decrypt(enc, &key, &iv, &[b"aad"], ct, &bad_tag).unwrap_err();
        assert_eq!(bad_pad.kind(), ErrorKind::Decryption);
        assert_eq!(bad_pad.kind(), bad_mac.kind());
        assert_eq!(bad_pad.message(), bad_mac.message());
    }

    /// Encryption is AES-CBC with PKCS#7 padding and the RFC 7518 tag, at every length
    /// around the block size; it decrypts back, and a short or changed tag is refused.
    #[test]
    fn encryption_matches_cbc_and_hmac() {
        let enc = ContentEncryptionAlg::A128CbcHs256;
        let key: Vec<u8> = (0..32u8).collect();
        let iv = [4u8; 16];
        for len in [0, 1, 15, 16, 17, 47, 48, 767, 768, 769, 5000] {
            let pt: Vec<u8> = (0..len).map(|i| (i * 31 % 256) as u8).collect();
            let (ct, tag) = encrypt(enc, &key, &iv, &[b"aad"], &pt).unwrap();
            let expect = cbc::Encryptor::<Aes128>::new_from_slices(&key[16..], &iv)
                .unwrap()
                .encrypt_padded_vec::<Pkcs7>(&pt);
            assert_eq!(ct, expect, "{len}");
            assert_eq!(tag, tag_of(&key, &[b"aad"], &iv, &ct), "{len}");
            assert!(decrypt(enc, &key, &iv, &[b"aad"], ct.clone(), &tag[1..]).is_err());
            let back = decrypt(enc, &key, &iv, &[b"aad"], ct, &tag).unwrap();
            assert_eq!(&back[..], &pt[..]);
        }
        assert!(encrypt(enc, &key[1..], &iv, &[], b"x").is_err());
        assert!(encrypt(enc, &key, &iv[1..], &[], b"x").is_err());
        assert!(
            encrypt(
                ContentEncryptionAlg::A128Gcm,
                &key[..16],
                &[0; 12],
                &[],
                b"x"
            )
            .is_err()
        );
    }

    #[test]
    fn aad_pieces_equal_concatenation() {
        let enc = ContentEncryptionAlg::A256CbcHs512;
        let key = [1u8; 64];
        let iv = [2u8; 16];
        let (c1, t1) = encrypt(enc, &key, &iv, &[b"abc", b".", b"def"], b"hi").unwrap();
        let (c2, t2) = encrypt(enc, &key, &iv, &[b"abc.def"], b"hi").unwrap();
        assert_eq!((c1.clone(), t1.clone()), (c2, t2));
        let pt = decrypt(enc, &key, &iv, &[b"abc.de", b"f"], c1, &t1).unwrap();
        assert_eq!(&pt[..], b"hi");
    }

    /// RFC 7518 B.1–B.3, byte for byte: E and T from K, P, IV, A; and back.
    #[test]
    fn rfc7518_b1_b2_b3() {
        let all: Value = serde_json::from_str(crate::test_util::data("rfc-appendix.json")).unwrap();
        for (id, enc) in [
            ("rfc7518-B.1", ContentEncryptionAlg::A128CbcHs256),
            ("rfc7518-B.2", ContentEncryptionAlg::A192CbcHs384),
            ("rfc7518-B.3", ContentEncryptionAlg::A256CbcHs512),
        ] {
            let v = all["vectors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["id"] == id)
                .unwrap();
            let i = |n: &str| hex(v["inputs"][n].as_str().unwrap());
            let o = |n: &str| hex(v["outputs"][n].as_str().unwrap());
            let (k, p, iv, a) = (i("K_hex"), i("P_hex"), i("IV_hex"), i("A_hex"));
            let (e, t) = encrypt(enc, &k, &iv, &[&a], &p).unwrap();
            assert_eq!(e, o("E_hex"), "{id} E");
            assert_eq!(t, o("T_hex"), "{id} T");
            if let Some(m) = v["outputs"]["M_hex"].as_str() {
                assert_eq!(hex(m)[..t.len()], t[..]);
            }
            let back = decrypt(enc, &k, &iv, &[&a], e, &t).unwrap();
            assert_eq!(&back[..], &p[..], "{id} P");
        }
    }
}
