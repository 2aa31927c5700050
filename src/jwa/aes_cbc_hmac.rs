//! AES_CBC_HMAC_SHA2 authenticated encryption (RFC 7518 §5.2): `A128CBC-HS256`,
//! `A192CBC-HS384`, `A256CBC-HS512`.
//!
//! The key is split into MAC_KEY (first half) and ENC_KEY (second half). The tag is the first
//! half of HMAC(MAC_KEY, A ‖ IV ‖ E ‖ AL), with AL the bit length of A as a 64-bit big-endian
//! number. The HMAC is computed incrementally over the pieces (nothing is concatenated), and
//! on decryption it is checked in constant time before any decryption or unpadding, so no
//! padding oracle exists: every failure is the one [`Error::decryption`].

use aes::{Aes128, Aes192, Aes256};
use cbc::cipher::array::Array;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::consts::U16;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use hmac::digest::{FixedOutput, Update};
use hmac::{Hmac, KeyInit};
use sha2::{Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::ContentEncryptionAlg;

/// The IV length (one AES block).
pub(crate) const IV_LEN: usize = 16;

/// With the `aws-lc` feature, plaintexts and ciphertexts of at least this many bytes go
/// through aws-lc's AES-CBC and HMAC-SHA-2, which are faster per byte (SHA-512 and serial
/// CBC encryption are where RustCrypto is slowest: BENCHMARKS.md); shorter ones stay on
/// RustCrypto, whose per-call setup is cheaper, so small tokens lose nothing.
#[cfg(feature = "aws-lc")]
const AWS_LC_FROM: usize = 4 << 10;

/// The HMAC key, fed the AAD pieces and the IV: ready for the ciphertext, then
/// [`finish_mac`].
fn start_mac<M: Update + KeyInit>(mac_key: &[u8], aad: &[&[u8]], iv: &[u8]) -> Result<(M, u64)> {
    let mut m = <M as KeyInit>::new_from_slice(mac_key)
        .map_err(|_| Error::new(ErrorKind::Crypto, "HMAC key rejected"))?;
    let mut aad_len: u64 = 0;
    for part in aad {
        m.update(part);
        aad_len = aad_len.wrapping_add(part.len() as u64);
    }
    m.update(iv);
    Ok((m, aad_len))
}

/// Adds AL (the AAD length in bits, 64-bit big-endian) and returns the full HMAC output.
///
/// Through [`FixedOutput::finalize_into`], not `Mac::finalize`: the latter's `CtOutput`
/// is copied out and then zeroed byte by byte, which made this 3.8 KiB of straight-line
/// code on the path of every token (BENCHMARKS.md, "fifth look"). The output is the tag
/// and the bits truncated from it, which reveal nothing of the key.
fn finish_mac<M: FixedOutput>(mut m: M, aad_len: u64) -> hmac::digest::Output<M> {
    m.update(&aad_len.wrapping_mul(8).to_be_bytes());
    let mut full = hmac::digest::Output::<M>::default();
    FixedOutput::finalize_into(m, &mut full);
    full
}

/// Plaintext is encrypted in chunks of this many bytes: a multiple of the AES block (16)
/// and of the base64 group (3), so that chunks of ciphertext encode separately into the
/// same text as the whole. Small, because the chunk buffer is zeroed on every call and most
/// tokens are a few hundred bytes; a 1 MiB payload takes 1366 rounds, no slower per byte.
const CHUNK: usize = 768;

/// `plaintext` as whole chunks of `chunk` bytes and the last chunk (1 to `chunk` bytes; none
/// for an empty plaintext), which gets the padding.
fn split_last_chunk(plaintext: &[u8], chunk: usize) -> Option<(&[u8], &[u8])> {
    let last = match plaintext.len() % chunk {
        0 if plaintext.is_empty() => 0,
        0 => chunk,
        r => r,
    };
    plaintext.split_at_checked(plaintext.len() - last)
}

/// AES-CBC with PKCS#7 padding, in chunks: each piece of ciphertext is handed to `sink` as
/// soon as it is made, so no buffer the size of the plaintext is needed. Each piece but the
/// last is [`CHUNK`] bytes long.
fn cbc_encrypt_to<C>(
    enc_key: &[u8],
    iv: &[u8],
    plaintext: &[u8],
    sink: &mut dyn FnMut(&[u8]),
) -> Result<()>
where
    cbc::Encryptor<C>: KeyIvInit + BlockModeEncrypt<BlockSize = U16>,
    C: aes::cipher::BlockCipherEncrypt,
{
    let failed = || Error::new(ErrorKind::Crypto, "AES-CBC encryption failed");
    let mut cipher = cbc::Encryptor::<C>::new_from_slices(enc_key, iv)
        .map_err(|_| Error::new(ErrorKind::Crypto, "AES-CBC key or IV rejected"))?;
    // Holds ciphertext only once each piece is encrypted (the plaintext tail is copied in
    // and encrypted in place), so it needs no zeroizing.
    let mut out = [0u8; CHUNK + IV_LEN];
    let (head, tail) = split_last_chunk(plaintext, CHUNK).ok_or_else(failed)?;
    for chunk in head.chunks_exact(CHUNK) {
        let (blocks, _) = Array::slice_as_chunks(chunk);
        let dst = out.get_mut(..CHUNK).ok_or_else(failed)?;
        let (dst_blocks, _) = Array::slice_as_chunks_mut(dst);
        cipher
            .encrypt_blocks_b2b(blocks, dst_blocks)
            .map_err(|_| failed())?;
        sink(dst);
    }
    // PKCS#7: 1 to 16 bytes, each holding the padding length.
    let padded_len = (tail.len() / IV_LEN + 1) * IV_LEN;
    let pad = u8::try_from(padded_len - tail.len()).map_err(|_| failed())?;
    let dst = out.get_mut(..padded_len).ok_or_else(failed)?;
    let (msg, padding) = dst.split_at_mut_checked(tail.len()).ok_or_else(failed)?;
    msg.copy_from_slice(tail);
    padding.fill(pad);
    let (dst_blocks, _) = Array::slice_as_chunks_mut(dst);
    cipher.encrypt_blocks(dst_blocks);
    sink(dst);
    Ok(())
}

/// AES-CBC decryption in place, then PKCS#7 unpadding. Bad padding (or a key or IV of the
/// wrong length) is [`Error::decryption`], and the buffer is zeroed.
fn cbc_decrypt<C>(enc_key: &[u8], iv: &[u8], mut ciphertext: Vec<u8>) -> Result<Zeroizing<Vec<u8>>>
where
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
    C: aes::cipher::BlockCipherDecrypt,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(enc_key, iv).map_err(|_| Error::decryption())?;
    let n = dec
        .decrypt_padded::<Pkcs7>(&mut ciphertext)
        .map(|pt| pt.len())
        .ok();
    unpadded(ciphertext, n)
}

/// The buffer a CBC decryption in place left: cut to the plaintext length `n` that the
/// unpadding gave, or zeroed and refused with the one decryption error when it failed.
fn unpadded(mut buf: Vec<u8>, n: Option<usize>) -> Result<Zeroizing<Vec<u8>>> {
    let Some(n) = n else {
        buf.fill(0);
        return Err(Error::decryption());
    };
    let mut out = Zeroizing::new(buf);
    out.truncate(n);
    Ok(out)
}

/// RFC 7518 §5.2.2.2 step 2: the tag is the first `half` bytes of the HMAC output, compared
/// in constant time (a tag of any other length never matches).
fn check_tag(full: &[u8], half: usize, tag: &[u8]) -> Result<()> {
    let expected = full.get(..half).unwrap_or_default();
    if bool::from(expected.ct_eq(tag)) {
        Ok(())
    } else {
        Err(Error::decryption())
    }
}

/// Encrypts, MACing each piece of ciphertext as it is handed to `sink`. Returns the tag.
fn encrypt_with<C, M>(
    key: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    plaintext: &[u8],
    sink: &mut dyn FnMut(&[u8]),
) -> Result<Vec<u8>>
where
    cbc::Encryptor<C>: KeyIvInit + BlockModeEncrypt<BlockSize = U16>,
    C: aes::cipher::BlockCipherEncrypt,
    M: KeyInit + FixedOutput,
{
    let half = key.len() / 2;
    let (mac_key, enc_key) = key.split_at(half);
    let (mut m, aad_len) = start_mac::<M>(mac_key, aad, iv)?;
    cbc_encrypt_to::<C>(enc_key, iv, plaintext, &mut |piece| {
        m.update(piece);
        sink(piece);
    })?;
    let full = finish_mac(m, aad_len);
    Ok(full.get(..half).unwrap_or_default().to_vec())
}

/// Checks the tag in constant time (a tag of any other length than half the key never
/// matches), then decrypts.
fn decrypt_with<C, M>(
    key: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    ciphertext: Vec<u8>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>>
where
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
    C: aes::cipher::BlockCipherDecrypt,
    M: KeyInit + FixedOutput,
{
    let half = key.len() / 2;
    let (mac_key, enc_key) = key.split_at(half);
    // Authenticate first, in constant time, before touching the padding.
    let (mut m, aad_len) = start_mac::<M>(mac_key, aad, iv).map_err(|_| Error::decryption())?;
    m.update(&ciphertext);
    check_tag(&finish_mac(m, aad_len), half, tag)?;
    cbc_decrypt::<C>(enc_key, iv, ciphertext)
}

/// Encrypts `plaintext` under `enc` (one of the CBC-HMAC algorithms) with the CEK `key`
/// (whose length the caller checked); `aad` is the list of pieces whose concatenation is
/// the additional authenticated data. The ciphertext is handed to `sink` in pieces (in
/// order): each but the last is a multiple of 48 bytes long, so pieces can be
/// base64url-encoded one by one. Returns the tag.
pub(crate) fn encrypt_to(
    enc: ContentEncryptionAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    plaintext: &[u8],
    sink: &mut dyn FnMut(&[u8]),
) -> Result<Vec<u8>> {
    use ContentEncryptionAlg as E;
    #[cfg(feature = "aws-lc")]
    if plaintext.len() >= AWS_LC_FROM {
        return aws::encrypt_to(enc, key, iv, aad, plaintext, sink);
    }
    match enc {
        E::A128CbcHs256 => encrypt_with::<Aes128, Hmac<Sha256>>(key, iv, aad, plaintext, sink),
        E::A192CbcHs384 => encrypt_with::<Aes192, Hmac<Sha384>>(key, iv, aad, plaintext, sink),
        E::A256CbcHs512 => encrypt_with::<Aes256, Hmac<Sha512>>(key, iv, aad, plaintext, sink),
        _ => err(ErrorKind::InvalidArgument, "not an AES-CBC-HMAC algorithm"),
    }
}

/// Checks the tag and decrypts `ciphertext` in place. Every failure (tag mismatch or
/// length, padding, a key or IV the cipher refuses) is [`Error::decryption`].
pub(crate) fn decrypt(
    enc: ContentEncryptionAlg,
    key: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    ciphertext: Vec<u8>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    use ContentEncryptionAlg as E;
    #[cfg(feature = "aws-lc")]
    if ciphertext.len() >= AWS_LC_FROM {
        return aws::decrypt(enc, key, iv, aad, ciphertext, tag);
    }
    match enc {
        E::A128CbcHs256 => decrypt_with::<Aes128, Hmac<Sha256>>(key, iv, aad, ciphertext, tag),
        E::A192CbcHs384 => decrypt_with::<Aes192, Hmac<Sha384>>(key, iv, aad, ciphertext, tag),
        E::A256CbcHs512 => decrypt_with::<Aes256, Hmac<Sha512>>(key, iv, aad, ciphertext, tag),
        _ => Err(Error::decryption()),
    }
}

/// The same algorithm over aws-lc (feature `aws-lc`), for long inputs: the plaintext is
/// encrypted in 12 KiB chunks, each MACed and handed to the sink as it is made (no buffer the
/// size of the plaintext); decryption checks the tag in constant time before decrypting, as
/// above.
#[cfg(feature = "aws-lc")]
mod aws {
    use aws_lc_rs::cipher::{
        AES_128, AES_192, AES_256, Algorithm, DecryptionContext, EncryptionContext,
        PaddedBlockDecryptingKey, StreamingEncryptingKey, UnboundCipherKey,
    };
    use aws_lc_rs::hmac;
    use aws_lc_rs::iv::FixedLength;
    use zeroize::Zeroizing;

    use super::IV_LEN;
    use crate::error::{Error, ErrorKind, Result};
    use crate::jwa::ContentEncryptionAlg;

    /// Plaintext is encrypted in chunks of this many bytes (a multiple of 48, as [`CHUNK`]):
    /// each is encrypted, MACed and handed to the sink while it is in the L1 cache.
    ///
    /// [`CHUNK`]: super::CHUNK
    pub(super) const STREAM_CHUNK: usize = 48 << 8;

    fn algorithms(enc: ContentEncryptionAlg) -> Option<(&'static Algorithm, hmac::Algorithm)> {
        use ContentEncryptionAlg as E;
        match enc {
            E::A128CbcHs256 => Some((&AES_128, hmac::HMAC_SHA256)),
            E::A192CbcHs384 => Some((&AES_192, hmac::HMAC_SHA384)),
            E::A256CbcHs512 => Some((&AES_256, hmac::HMAC_SHA512)),
            _ => None,
        }
    }

    /// HMAC(MAC_KEY, A || IV || ...), to be fed E; with the bit length of A for AL.
    fn start_mac(
        h: hmac::Algorithm,
        mac_key: &[u8],
        aad: &[&[u8]],
        iv: &[u8],
    ) -> (hmac::Context, u64) {
        let mut ctx = hmac::Context::with_key(&hmac::Key::new(h, mac_key));
        let mut aad_len: u64 = 0;
        for part in aad {
            ctx.update(part);
            aad_len = aad_len.wrapping_add(part.len() as u64);
        }
        ctx.update(iv);
        (ctx, aad_len)
    }

    /// The full-length tag, once E is in: AL appended.
    fn finish_mac(mut ctx: hmac::Context, aad_len: u64) -> hmac::Tag {
        ctx.update(&aad_len.wrapping_mul(8).to_be_bytes());
        ctx.sign()
    }

    pub(super) fn encrypt_to(
        enc: ContentEncryptionAlg,
        key: &[u8],
        iv: &[u8],
        aad: &[&[u8]],
        plaintext: &[u8],
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<Vec<u8>> {
        let failed = || Error::new(ErrorKind::Crypto, "AES-CBC encryption failed");
        let (aes, h) = algorithms(enc).ok_or_else(|| {
            Error::new(ErrorKind::InvalidArgument, "not an AES-CBC-HMAC algorithm")
        })?;
        let half = key.len() / 2;
        let (mac_key, enc_key) = key.split_at(half);
        let iv16: [u8; IV_LEN] = iv.try_into().map_err(|_| failed())?;
        let mut cipher = UnboundCipherKey::new(aes, enc_key)
            .and_then(|k| {
                StreamingEncryptingKey::less_safe_cbc_pkcs7(
                    k,
                    EncryptionContext::Iv128(FixedLength::from(iv16)),
                )
            })
            .map_err(|_| failed())?;
        let (mut mac, aad_len) = start_mac(h, mac_key, aad, iv);
        // Holds ciphertext only (aws-lc encrypts from the plaintext into it), so it needs
        // no zeroizing.
        let mut out = vec![0u8; STREAM_CHUNK + IV_LEN];
        // The last chunk and the padding block that `finish` writes go out as one piece.
        let (head, tail) = super::split_last_chunk(plaintext, STREAM_CHUNK).ok_or_else(failed)?;
        for chunk in head.chunks_exact(STREAM_CHUNK) {
            let piece = cipher.update(chunk, &mut out).map_err(|_| failed())?;
            let piece = piece.written();
            // A whole number of blocks in, the same number out (nothing is held back while
            // encrypting): the piece stays a multiple of 48 bytes for the sink.
            if piece.len() != STREAM_CHUNK {
                return Err(failed());
            }
            mac.update(piece);
            sink(piece);
        }
        let n = cipher
            .update(tail, &mut out)
            .map_err(|_| failed())?
            .written()
            .len();
        let rest = out.get_mut(n..).ok_or_else(failed)?;
        let padded = n + cipher.finish(rest).map_err(|_| failed())?.1.written().len();
        let piece = out.get(..padded).ok_or_else(failed)?;
        mac.update(piece);
        sink(piece);
        let tag = finish_mac(mac, aad_len);
        Ok(tag.as_ref().get(..half).unwrap_or_default().to_vec())
    }

    pub(super) fn decrypt(
        enc: ContentEncryptionAlg,
        key: &[u8],
        iv: &[u8],
        aad: &[&[u8]],
        mut ciphertext: Vec<u8>,
        tag: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        let (aes, h) = algorithms(enc).ok_or_else(Error::decryption)?;
        let half = key.len() / 2;
        let (mac_key, enc_key) = key.split_at(half);
        let (mut mac, aad_len) = start_mac(h, mac_key, aad, iv);
        mac.update(&ciphertext);
        super::check_tag(finish_mac(mac, aad_len).as_ref(), half, tag)?;
        let iv16: [u8; IV_LEN] = iv.try_into().map_err(|_| Error::decryption())?;
        let cipher = UnboundCipherKey::new(aes, enc_key)
            .and_then(PaddedBlockDecryptingKey::cbc_pkcs7)
            .map_err(|_| Error::decryption())?;
        let n = cipher
            .decrypt(
                &mut ciphertext,
                DecryptionContext::Iv128(FixedLength::from(iv16)),
            )
            .map(|pt| pt.len())
            .ok();
        super::unpadded(ciphertext, n)
    }
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
    use serde_json::Value;

    use crate::test_util::hex;

    /// The production CBC functions with an AES key of `key`'s length.
    fn cbc_both(key: &[u8], iv: &[u8], msg: &[u8], ct: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut out = Vec::new();
        let mut sink = |piece: &[u8]| out.extend_from_slice(piece);
        let back = match key.len() {
            16 => {
                cbc_encrypt_to::<Aes128>(key, iv, msg, &mut sink).unwrap();
                cbc_decrypt::<Aes128>(key, iv, ct.to_vec())
            }
            24 => {
                cbc_encrypt_to::<Aes192>(key, iv, msg, &mut sink).unwrap();
                cbc_decrypt::<Aes192>(key, iv, ct.to_vec())
            }
            _ => {
                cbc_encrypt_to::<Aes256>(key, iv, msg, &mut sink).unwrap();
                cbc_decrypt::<Aes256>(key, iv, ct.to_vec())
            }
        };
        (out, back.ok().map(|b| b.to_vec()))
    }

    /// Wycheproof aes_cbc_pkcs5_test.json, for the CBC half of the composite, through the
    /// production encryption and decryption: valid cases encrypt to `ct` and decrypt to
    /// `msg`; invalid cases (bad padding) fail to decrypt.
    #[test]
    fn wycheproof_aes_cbc_pkcs5() {
        let text = crate::test_util::data("wycheproof/aes_cbc_pkcs5_test.json");
        let v: Value = serde_json::from_str(text).unwrap();
        let (mut valid, mut invalid) = (0, 0);
        for g in v["testGroups"].as_array().unwrap() {
            for t in g["tests"].as_array().unwrap() {
                let f = |n: &str| hex(t[n].as_str().unwrap());
                let (key, iv, msg, ct) = (f("key"), f("iv"), f("msg"), f("ct"));
                let (ours, got) = cbc_both(&key, &iv, &msg, &ct);
                if t["result"] == "valid" {
                    assert_eq!(ours, ct, "{}", t["tcId"]);
                    assert_eq!(got.as_deref(), Some(&msg[..]), "{}", t["tcId"]);
                    valid += 1;
                } else {
                    assert!(got.is_none(), "{}", t["tcId"]);
                    invalid += 1;
                }
            }
        }
        println!("aes_cbc_pkcs5_test.json: {valid} valid, {invalid} invalid passed");
        assert_eq!(valid + invalid, v["numberOfTests"].as_u64().unwrap());
    }

    /// The tag of this ciphertext, computed on its own.
    fn tag_of(key: &[u8], aad: &[&[u8]], iv: &[u8], ct: &[u8]) -> Vec<u8> {
        let (mut m, n) = start_mac::<Hmac<Sha256>>(&key[..16], aad, iv).unwrap();
        m.update(ct);
        finish_mac(m, n)[..16].to_vec()
    }

    fn encrypt(
        enc: ContentEncryptionAlg,
        key: &[u8],
        iv: &[u8],
        aad: &[&[u8]],
        pt: &[u8],
    ) -> (Vec<u8>, Vec<u8>) {
        let mut ct = Vec::new();
        let tag = encrypt_to(enc, key, iv, aad, pt, &mut |p| ct.extend_from_slice(p)).unwrap();
        (ct, tag)
    }

    /// A correct tag over bad padding fails exactly like a bad tag.
    #[test]
    fn valid_tag_over_bad_padding_is_the_same_error() {
        use aes::cipher::BlockCipherEncrypt;
        let enc = ContentEncryptionAlg::A128CbcHs256;
        let key = [9u8; 32];
        let iv = [3u8; 16];
        // One block whose decryption ends in 0x00: invalid PKCS#7.
        let mut block = Array::from([0u8; 16]);
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

    /// Chunked encryption agrees with one-shot CBC + HMAC at every length around the chunk
    /// boundaries, and pieces (but the last) are multiples of 48 bytes.
    #[test]
    fn chunked_encryption_matches_one_shot() {
        let enc = ContentEncryptionAlg::A128CbcHs256;
        let key: Vec<u8> = (0..32u8).collect();
        let iv = [4u8; 16];
        for len in [
            0,
            1,
            15,
            16,
            17,
            47,
            48,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            2 * CHUNK,
            2 * CHUNK + 5,
        ] {
            let pt: Vec<u8> = (0..len).map(|i| (i * 31 % 256) as u8).collect();
            let mut pieces = Vec::new();
            let tag = encrypt_to(enc, &key, &iv, &[b"aad"], &pt, &mut |c| {
                pieces.push(c.to_vec())
            })
            .unwrap();
            for p in &pieces[..pieces.len() - 1] {
                assert_eq!(p.len() % 48, 0);
            }
            let ct = pieces.concat();
            let expect = cbc::Encryptor::<Aes128>::new_from_slices(&key[16..], &iv)
                .unwrap()
                .encrypt_padded_vec::<Pkcs7>(&pt);
            assert_eq!(ct, expect, "{len}");
            assert_eq!(tag, tag_of(&key, &[b"aad"], &iv, &ct), "{len}");
            let back = decrypt(enc, &key, &iv, &[b"aad"], ct, &tag).unwrap();
            assert_eq!(&back[..], &pt[..]);
        }
    }

    #[test]
    fn aad_pieces_equal_concatenation() {
        let enc = ContentEncryptionAlg::A256CbcHs512;
        let key = [1u8; 64];
        let iv = [2u8; 16];
        let (c1, t1) = encrypt(enc, &key, &iv, &[b"abc", b".", b"def"], b"hi");
        let (c2, t2) = encrypt(enc, &key, &iv, &[b"abc.def"], b"hi");
        assert_eq!((c1.clone(), t1.clone()), (c2, t2));
        let pt = decrypt(enc, &key, &iv, &[b"abc.de", b"f"], c1, &t1).unwrap();
        assert_eq!(&pt[..], b"hi");
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod rfc7518_appendix_b {
    use super::*;
    use serde_json::Value;

    use crate::test_util::hex;

    /// RFC 7518 B.1–B.3, byte for byte: E and T from K, P, IV, A; and back.
    #[test]
    fn rfc7518_b1_b2_b3() {
        let text = crate::test_util::data("rfc-appendix.json");
        let all: Value = serde_json::from_str(text).unwrap();
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
            let mut e = Vec::new();
            let t = encrypt_to(enc, &k, &iv, &[&a], &p, &mut |c| e.extend_from_slice(c)).unwrap();
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

/// aws-lc and RustCrypto give the same ciphertext and tag, and each decrypts the other's,
/// on both sides of the size at which the aws-lc path takes over.
#[cfg(all(test, feature = "aws-lc"))]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod aws_lc_agrees {
    use super::*;

    #[test]
    fn backends_agree() {
        use ContentEncryptionAlg as E;
        for (enc, key_len) in [
            (E::A128CbcHs256, 32),
            (E::A192CbcHs384, 48),
            (E::A256CbcHs512, 64),
        ] {
            let key: Vec<u8> = (0..key_len).map(|i| i as u8).collect();
            let iv = [7u8; IV_LEN];
            let aad: [&[u8]; 2] = [b"eyJhbGciOiJBMjU2S1ciLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0", b""];
            for len in [
                0,
                15,
                16,
                200,
                AWS_LC_FROM - 1,
                AWS_LC_FROM,
                AWS_LC_FROM + 17,
                aws::STREAM_CHUNK - 1,
                aws::STREAM_CHUNK,
                aws::STREAM_CHUNK + 1,
                2 * aws::STREAM_CHUNK,
                100_000,
            ] {
                let pt: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
                let (mut ct_rc, mut ct_aws) = (Vec::new(), Vec::new());
                let tag_rc = match enc {
                    E::A128CbcHs256 => {
                        encrypt_with::<Aes128, Hmac<Sha256>>(&key, &iv, &aad, &pt, &mut |p| {
                            ct_rc.extend_from_slice(p)
                        })
                    }
                    E::A192CbcHs384 => {
                        encrypt_with::<Aes192, Hmac<Sha384>>(&key, &iv, &aad, &pt, &mut |p| {
                            ct_rc.extend_from_slice(p)
                        })
                    }
                    _ => encrypt_with::<Aes256, Hmac<Sha512>>(&key, &iv, &aad, &pt, &mut |p| {
                        ct_rc.extend_from_slice(p)
                    }),
                }
                .unwrap();
                let mut pieces = Vec::new();
                let tag_aws = aws::encrypt_to(enc, &key, &iv, &aad, &pt, &mut |p| {
                    ct_aws.extend_from_slice(p);
                    pieces.push(p.len());
                })
                .unwrap();
                assert_eq!((&ct_aws, &tag_aws), (&ct_rc, &tag_rc), "{enc} {len}");
                // Each piece but the last encodes to base64url on its own.
                pieces.pop();
                assert!(pieces.iter().all(|n| n % 48 == 0), "{enc} {len} {pieces:?}");
                // Whichever path the size picks, the token round-trips through `decrypt`.
                assert_eq!(
                    &*decrypt(enc, &key, &iv, &aad, ct_rc.clone(), &tag_rc).unwrap(),
                    &pt[..]
                );
                assert_eq!(
                    &*aws::decrypt(enc, &key, &iv, &aad, ct_rc.clone(), &tag_rc).unwrap(),
                    &pt[..]
                );
                let mut bad = ct_rc.clone();
                bad[0] ^= 1;
                let e = aws::decrypt(enc, &key, &iv, &aad, bad, &tag_rc).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::Decryption);
                let e =
                    aws::decrypt(enc, &key, &iv, &aad, ct_rc.clone(), &tag_rc[1..]).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::Decryption);
            }
        }
    }
}
