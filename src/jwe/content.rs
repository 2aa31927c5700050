//! Content encryption (RFC 7518 §5): AES_CBC_HMAC_SHA2 or AES-GCM for each `enc`. Every
//! failure on the decryption side is [`Error::decryption`].

use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::{ContentEncryptionAlg, ContentEncryptionKind, aes_cbc_hmac, aes_gcm};

/// Encrypts `plaintext`; `aad` pieces concatenated are the Additional Authenticated Data.
/// Returns the ciphertext and the tag.
pub(crate) fn encrypt_content(
    enc: ContentEncryptionAlg,
    cek: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut ct = Vec::with_capacity(plaintext.len() + 16);
    let tag = encrypt_content_to(enc, cek, iv, aad, plaintext, &mut |piece| {
        ct.extend_from_slice(piece);
    })?;
    Ok((ct, tag))
}

/// As [`encrypt_content`], handing the ciphertext to `sink` in pieces whose lengths (but
/// the last's) are multiples of 3, so each can be base64url-encoded on its own. Returns
/// the tag.
pub(crate) fn encrypt_content_to(
    enc: ContentEncryptionAlg,
    cek: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    plaintext: &[u8],
    sink: &mut dyn FnMut(&[u8]),
) -> Result<Vec<u8>> {
    // The one length check of the encryption.
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() {
        return err(ErrorKind::InvalidArgument, "wrong CEK or IV length");
    }
    match enc.facts().kind {
        ContentEncryptionKind::CbcHmac(_) => {
            let (ct, tag) = aes_cbc_hmac::encrypt(enc, cek, iv, aad, plaintext)?;
            sink(&ct);
            Ok(tag)
        }
        ContentEncryptionKind::Gcm => {
            let joined;
            let aad: &[u8] = match aad {
                [one] => one,
                parts => {
                    joined = parts.concat();
                    &joined
                }
            };
            let mut buf = plaintext.to_vec();
            let tag = aes_gcm::encrypt(cek, iv, aad, &mut buf)?;
            sink(&buf);
            Ok(tag.to_vec())
        }
    }
}

/// Checks the tag and decrypts `ciphertext` (in place) with a CEK of the right length
/// ([`super::key_management::unwrap_cek`] checks it). Every failure is
/// [`Error::decryption`].
pub(crate) fn decrypt_content(
    enc: ContentEncryptionAlg,
    cek: &[u8],
    iv: &[u8],
    aad: &[&[u8]],
    ciphertext: Vec<u8>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(Error::decryption());
    }
    match enc.facts().kind {
        ContentEncryptionKind::CbcHmac(_) => {
            aes_cbc_hmac::decrypt(enc, cek, iv, aad, ciphertext, tag)
        }
        ContentEncryptionKind::Gcm => {
            let joined;
            let aad: &[u8] = match aad {
                [one] => one,
                parts => {
                    joined = parts.concat();
                    &joined
                }
            };
            let mut buf = Zeroizing::new(ciphertext);
            aes_gcm::decrypt(cek, iv, aad, &mut buf, tag)?;
            Ok(buf)
        }
    }
}
