//! AES Key Wrap (RFC 3394) for `A128KW`, `A192KW` and `A256KW` (RFC 7518 §4.4), over the
//! `aes-kw` crate.
//!
//! Every unwrap failure is [`Error::decryption`]: the caller learns only that it failed.

use aes_kw::{KeyInit, KwAes128, KwAes192, KwAes256};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};

/// The AES-KW semiblock (and integrity check value) length.
const SEMIBLOCK: usize = 8;

fn check_kek(kek: &[u8]) -> Result<()> {
    match kek.len() {
        16 | 24 | 32 => Ok(()),
        n => err(
            ErrorKind::KeyMismatch,
            format!("an AES key wrap key must be 16, 24 or 32 bytes, not {n}"),
        ),
    }
}

/// An AES key wrap cipher with its key schedule expanded, for a 16, 24 or 32-byte KEK.
///
/// It is key material: every variant zeroizes its round keys on drop (the `zeroize` feature
/// of `aes-kw` and `aes`), and it has no `Debug`.
#[derive(Clone)]
pub(crate) enum Kek {
    A128(KwAes128),
    A192(KwAes192),
    A256(KwAes256),
}

impl Kek {
    /// Expands `kek` (16, 24 or 32 bytes).
    ///
    /// # Errors
    /// [`ErrorKind::KeyMismatch`] for another length.
    pub(crate) fn new(kek: &[u8]) -> Result<Self> {
        check_kek(kek)?;
        let kek = match kek.len() {
            16 => KwAes128::new_from_slice(kek).map(Self::A128),
            24 => KwAes192::new_from_slice(kek).map(Self::A192),
            _ => KwAes256::new_from_slice(kek).map(Self::A256),
        };
        kek.map_err(|_| Error::new(ErrorKind::Crypto, "AES key wrap failed"))
    }
}

/// Wraps `key_data` (at least 16 bytes, a multiple of 8) with the expanded KEK `kek`
/// (RFC 3394).
///
/// # Errors
/// [`ErrorKind::InvalidArgument`] for bad key data.
pub(crate) fn wrap_with(kek: &Kek, key_data: &[u8]) -> Result<Vec<u8>> {
    if key_data.len() < 2 * SEMIBLOCK || !key_data.len().is_multiple_of(SEMIBLOCK) {
        return err(
            ErrorKind::InvalidArgument,
            "AES key wrap needs key data of at least 16 bytes, a multiple of 8",
        );
    }
    let mut out = vec![0u8; key_data.len() + SEMIBLOCK];
    let res = match kek {
        Kek::A128(kw) => kw.wrap_key(key_data, &mut out).map(|_| ()),
        Kek::A192(kw) => kw.wrap_key(key_data, &mut out).map(|_| ()),
        Kek::A256(kw) => kw.wrap_key(key_data, &mut out).map(|_| ()),
    };
    match res {
        Ok(()) => Ok(out),
        Err(_) => err(ErrorKind::Crypto, "AES key wrap failed"),
    }
}

/// Unwraps `wrapped` with the expanded KEK `kek` (RFC 3394), checking the integrity value.
/// Any failure is [`Error::decryption`].
pub(crate) fn unwrap_with(kek: &Kek, wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    if wrapped.len() < 3 * SEMIBLOCK || !wrapped.len().is_multiple_of(SEMIBLOCK) {
        return Err(Error::decryption());
    }
    let mut out = Zeroizing::new(vec![0u8; wrapped.len() - SEMIBLOCK]);
    let res = match kek {
        Kek::A128(kw) => kw.unwrap_key(wrapped, &mut out).map(|_| ()),
        Kek::A192(kw) => kw.unwrap_key(wrapped, &mut out).map(|_| ()),
        Kek::A256(kw) => kw.unwrap_key(wrapped, &mut out).map(|_| ()),
    };
    match res {
        Ok(()) => Ok(out),
        Err(_) => Err(Error::decryption()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    use crate::test_util::hex;

    /// The production path from raw bytes: expand the KEK, then wrap.
    fn wrap(kek: &[u8], key_data: &[u8]) -> Result<Vec<u8>> {
        wrap_with(&Kek::new(kek)?, key_data)
    }

    /// The production path from raw bytes; a KEK of a bad length fails like any unwrap.
    fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let kek = Kek::new(kek).map_err(|_| Error::decryption())?;
        unwrap_with(&kek, wrapped)
    }

    /// Wycheproof aes_wrap_test.json: every case. `acceptable` cases (8-byte key data) are
    /// refused here, which Wycheproof allows.
    #[test]
    fn wycheproof_aes_wrap() {
        let text = crate::test_util::data("wycheproof/aes_wrap_test.json");
        let v: Value = serde_json::from_str(text).unwrap();
        let (mut valid, mut invalid, mut acceptable) = (0, 0, 0);
        for g in v["testGroups"].as_array().unwrap() {
            for t in g["tests"].as_array().unwrap() {
                let key = hex(t["key"].as_str().unwrap());
                let msg = hex(t["msg"].as_str().unwrap());
                let ct = hex(t["ct"].as_str().unwrap());
                let id = &t["tcId"];
                match t["result"].as_str().unwrap() {
                    "valid" => {
                        assert_eq!(wrap(&key, &msg).unwrap(), ct, "{id}");
                        assert_eq!(&*unwrap(&key, &ct).unwrap(), &msg, "{id}");
                        valid += 1;
                    }
                    "invalid" => {
                        let e = unwrap(&key, &ct).unwrap_err();
                        assert_eq!(e.kind(), ErrorKind::Decryption, "{id}");
                        invalid += 1;
                    }
                    _ => {
                        // 8-byte key data: too short for a JOSE CEK; refusing is allowed.
                        assert!(unwrap(&key, &ct).is_err(), "{id}");
                        acceptable += 1;
                    }
                }
            }
        }
        println!("aes_wrap_test.json: {valid} valid, {invalid} invalid, {acceptable} acceptable");
        assert_eq!(
            valid + invalid + acceptable,
            v["numberOfTests"].as_u64().unwrap()
        );
    }

    #[test]
    fn bad_lengths() {
        assert_eq!(
            wrap(&[0; 15], &[0; 16]).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
        assert!(wrap(&[0; 16], &[0; 8]).is_err());
        assert!(wrap(&[0; 16], &[0; 20]).is_err());
        assert_eq!(
            unwrap(&[0; 16], &[0; 16]).unwrap_err().kind(),
            ErrorKind::Decryption
        );
        assert_eq!(
            unwrap(&[0; 16], &[0; 25]).unwrap_err().kind(),
            ErrorKind::Decryption
        );
        assert_eq!(
            unwrap(&[0; 17], &[0; 24]).unwrap_err().kind(),
            ErrorKind::Decryption
        );
    }
}
