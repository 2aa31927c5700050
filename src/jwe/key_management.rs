//! Key management (RFC 7518 §4): which primitive wraps and unwraps the CEK for each `alg`,
//! and whether a key fits. Every failure on the decryption side is [`Error::decryption`].

use serde_json::Value;
use zeroize::Zeroizing;

use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json::Object;
use crate::jwa::rsa::oaep;
use crate::jwa::symmetric::SymmetricKey;
use crate::jwa::{
    Algorithm, ContentEncryptionAlg, KeyManagementAlg, KeyManagementKind, aes_gcm, aes_kw,
};
use crate::jwk::{Jwk, KeyMaterial, KeyOp};

/// Checks that `key` may do `alg` with `enc`, for encryption (`decrypt == false`) or
/// decryption: `use`, `key_ops` and the key's `alg` (a `dir` key may name the `enc`), the key
/// type, and the key length the algorithm needs.
pub(crate) fn check_key(
    key: &Jwk,
    alg: KeyManagementAlg,
    enc: Option<ContentEncryptionAlg>,
    decrypt: bool,
) -> Result<()> {
    let ops: &[KeyOp] = if decrypt {
        &[KeyOp::UnwrapKey, KeyOp::Decrypt]
    } else {
        &[KeyOp::WrapKey, KeyOp::Encrypt]
    };
    let also: Vec<Algorithm> = match (alg, enc) {
        (KeyManagementAlg::Dir, Some(e)) => vec![e.into()],
        _ => Vec::new(),
    };
    key.check_usable_for(ops, &alg.into(), &also)?;
    match key.material() {
        KeyMaterial::Oct(k) => {
            let want = match (alg.kek_len(), enc) {
                (Some(n), _) => Some(n),
                (None, Some(e)) if alg == KeyManagementAlg::Dir => Some(e.key_len()),
                _ => None,
            };
            if let Some(n) = want
                && k.len() != n
            {
                return err(
                    ErrorKind::KeyMismatch,
                    format!("{alg} needs a {}-bit key, not {} bits", n * 8, k.len() * 8),
                );
            }
        }
        // ECDH-ES keys: no JWE algorithm of these families yet (check_usable_for refused
        // the family before this match).
        KeyMaterial::Ec(_) | KeyMaterial::Okp(_) => {}
        KeyMaterial::Rsa(r) => {
            if decrypt && !r.is_private() {
                return err(
                    ErrorKind::KeyMismatch,
                    "decryption needs an RSA private key",
                );
            }
        }
    }
    Ok(())
}

fn oct_key(key: &Jwk) -> Result<&SymmetricKey> {
    key.oct_key()
        .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "a symmetric key is needed"))
}

fn oct(key: &Jwk) -> Result<&[u8]> {
    key.oct_secret()
        .map(|s| s.expose_secret())
        .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "a symmetric key is needed"))
}

/// Wraps (or encrypts) the CEK for one recipient. Returns the JWE Encrypted Key and the
/// header parameters the algorithm adds (`iv` and `tag` for AES-GCM key wrapping).
/// `kw_iv` fixes the AES-GCM key wrap IV (tests only); otherwise it is random.
pub(crate) fn wrap_cek(
    key: &Jwk,
    alg: KeyManagementAlg,
    cek: &[u8],
    kw_iv: Option<&[u8]>,
) -> Result<(Vec<u8>, Object)> {
    use KeyManagementKind as M;
    let mut extra = Object::new();
    let ek = match alg.facts().kind {
        M::AesKw => aes_kw::wrap_with(oct_key(key)?.kek()?, cek)?,
        M::Dir => Vec::new(),
        M::AesGcmKw => {
            let mut iv = [0u8; aes_gcm::IV_LEN];
            match kw_iv {
                Some(fixed) => {
                    iv = fixed.try_into().map_err(|_| {
                        Error::new(ErrorKind::InvalidArgument, "a key wrap IV is 12 bytes")
                    })?
                }
                None => crate::rng::fill(&mut iv)?,
            }
            let mut buf = cek.to_vec();
            let tag = aes_gcm::encrypt(oct(key)?, &iv, b"", &mut buf)?;
            extra.insert("tag".into(), Value::String(b64::encode_public(&tag)));
            extra.insert("iv".into(), Value::String(b64::encode_public(&iv)));
            buf
        }
        M::RsaOaep(_) => {
            let rsa = key
                .rsa()
                .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "an RSA key is needed"))?;
            oaep::encrypt(rsa, alg, cek)?
        }
        M::Rsa1_5 => {
            return err(
                ErrorKind::AlgorithmNotAllowed,
                "RSA1_5 is never used for encryption",
            );
        }
    };
    Ok((ek, extra))
}

/// Recovers the CEK for one recipient whose key already passed [`check_key`]. Every failure
/// is [`Error::decryption`]; the CEK length is checked against `enc`.
pub(crate) fn unwrap_cek(
    key: &Jwk,
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
    ek: &[u8],
    header: &Object,
) -> Result<Zeroizing<Vec<u8>>> {
    use KeyManagementKind as M;
    let fail = |_| Error::decryption();
    let cek = match alg.facts().kind {
        M::AesKw => {
            let kek = oct_key(key).and_then(SymmetricKey::kek).map_err(fail)?;
            aes_kw::unwrap_with(kek, ek)?
        }
        M::Dir => {
            if !ek.is_empty() {
                return Err(Error::decryption());
            }
            Zeroizing::new(oct(key).map_err(fail)?.to_vec())
        }
        M::AesGcmKw => {
            let param = |name: &str| match header.get(name) {
                Some(Value::String(s)) => b64::decode_public(s).map_err(|_| Error::decryption()),
                _ => Err(Error::decryption()),
            };
            let (iv, tag) = (param("iv")?, param("tag")?);
            let mut buf = Zeroizing::new(ek.to_vec());
            aes_gcm::decrypt(oct(key).map_err(fail)?, &iv, b"", &mut buf, &tag)?;
            buf
        }
        M::RsaOaep(_) => oaep::decrypt(key.rsa().ok_or_else(Error::decryption)?, alg, ek)?,
        M::Rsa1_5 => {
            oaep::decrypt_rsa1_5(key.rsa().ok_or_else(Error::decryption)?, ek, enc.key_len())?
        }
    };
    if cek.len() != enc.key_len() {
        return Err(Error::decryption());
    }
    Ok(cek)
}
