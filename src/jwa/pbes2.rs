//! PBES2 key encryption for JWE (RFC 7518 §4.8): `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW`
//! and `PBES2-HS512+A256KW`. The key encryption key is PBKDF2 (RFC 8018 §5.2, the `pbkdf2`
//! crate) with HMAC-SHA-256/384/512 over the password, the salt `UTF8(alg) || 0x00 || p2s` and
//! `p2c` iterations, 16/24/32 bytes long; the CEK is then wrapped with AES key wrap
//! ([`super::aes_kw`]).
//!
//! What is checked, before any PBKDF2 work: the password is not empty, `p2s` is at least 8
//! bytes (RFC 7518 §4.8.1.1) and `p2c` is in 1..=`max_p2c`, the caller's configured limit (a
//! token's `p2c` otherwise costs the reader unbounded work). On unwrapping, an integrity
//! failure is [`Error::decryption`]; the derived key is zeroized.

use zeroize::Zeroizing;

use super::aes_kw::{self, Kek};
use super::provider::{DEFAULT, HashAlg};
use crate::error::{Error, ErrorKind, Result, err};

/// The least `p2s` length (RFC 7518 §4.8.1.1).
pub(crate) const MIN_P2S_LEN: usize = 8;

/// The `p2s` length jwcrypt generates.
pub(crate) const P2S_LEN: usize = 16;

/// The three PBES2 algorithms of RFC 7518 §4.8.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[expect(
    clippy::enum_variant_names,
    reason = "the RFC 7518 names all end in \"KW\""
)]
pub(crate) enum Pbes2Alg {
    /// `PBES2-HS256+A128KW`.
    Hs256A128Kw,
    /// `PBES2-HS384+A192KW`.
    Hs384A192Kw,
    /// `PBES2-HS512+A256KW`.
    Hs512A256Kw,
}

impl Pbes2Alg {
    /// The three algorithms (tests only).
    #[cfg(test)]
    pub(crate) const ALL: [Pbes2Alg; 3] = [Self::Hs256A128Kw, Self::Hs384A192Kw, Self::Hs512A256Kw];

    /// The RFC 7518 `alg` name (also the first part of the PBKDF2 salt).
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Hs256A128Kw => "PBES2-HS256+A128KW",
            Self::Hs384A192Kw => "PBES2-HS384+A192KW",
            Self::Hs512A256Kw => "PBES2-HS512+A256KW",
        }
    }

    /// The length in bytes of the derived AES key wrap key.
    pub(crate) const fn kek_len(self) -> usize {
        match self {
            Self::Hs256A128Kw => 16,
            Self::Hs384A192Kw => 24,
            Self::Hs512A256Kw => 32,
        }
    }
}

#[cfg(test)]
thread_local! {
    /// PBKDF2 invocations on this thread, so tests can prove refusals happen before any.
    static PBKDF2_CALLS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The number of PBKDF2 invocations on the calling thread so far (tests only).
#[cfg(test)]
pub(crate) fn pbkdf2_calls() -> u64 {
    PBKDF2_CALLS.with(std::cell::Cell::get)
}

/// PBKDF2 with the HMAC of `alg` (the one PBKDF2 call of this module, also driven by the
/// Wycheproof tests): fills `out` from `password`, `salt` and `rounds`.
pub(crate) fn pbkdf2(alg: Pbes2Alg, password: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]) {
    #[cfg(test)]
    PBKDF2_CALLS.with(|c| c.set(c.get() + 1));
    let hash = match alg {
        Pbes2Alg::Hs256A128Kw => HashAlg::Sha256,
        Pbes2Alg::Hs384A192Kw => HashAlg::Sha384,
        Pbes2Alg::Hs512A256Kw => HashAlg::Sha512,
    };
    DEFAULT.pbkdf2.derive(hash, password, salt, rounds, out);
}

/// Checks the inputs (see the module documentation), then derives the key encryption key.
///
/// # Errors
/// [`ErrorKind::InvalidArgument`] for an empty password, [`ErrorKind::InvalidHeader`] for a
/// `p2s` under 8 bytes or a `p2c` of 0, [`ErrorKind::LimitExceeded`] for a `p2c` over
/// `max_p2c`.
pub(crate) fn derive_kek(
    alg: Pbes2Alg,
    password: &[u8],
    p2s: &[u8],
    p2c: u64,
    max_p2c: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    if password.is_empty() {
        return err(ErrorKind::InvalidArgument, "an empty password is refused");
    }
    if p2s.len() < MIN_P2S_LEN {
        return err(
            ErrorKind::InvalidHeader,
            format!(
                "p2s must be at least {MIN_P2S_LEN} bytes, not {}",
                p2s.len()
            ),
        );
    }
    if p2c == 0 {
        return err(ErrorKind::InvalidHeader, "p2c must be at least 1");
    }
    let rounds = match u32::try_from(p2c) {
        Ok(rounds) if rounds <= max_p2c => rounds,
        _ => {
            return err(
                ErrorKind::LimitExceeded,
                format!("p2c {p2c} is over the limit of {max_p2c}"),
            );
        }
    };
    let name = alg.name().as_bytes();
    let mut salt = Vec::with_capacity(name.len() + 1 + p2s.len());
    salt.extend_from_slice(name);
    salt.push(0);
    salt.extend_from_slice(p2s);
    let mut kek = Zeroizing::new(vec![0u8; alg.kek_len()]);
    pbkdf2(alg, password, &salt, rounds, &mut kek);
    Ok(kek)
}

/// A fresh random `p2s` of [`P2S_LEN`] bytes.
///
/// # Errors
/// [`ErrorKind::Crypto`] if the OS generator fails.
pub(crate) fn generate_p2s() -> Result<[u8; P2S_LEN]> {
    let mut p2s = [0u8; P2S_LEN];
    crate::rng::fill(&mut p2s)?;
    Ok(p2s)
}

/// Wraps `cek` under the key derived from `password`, `p2s` and `p2c`: the JWE Encrypted Key.
///
/// # Errors
/// As [`derive_kek`], and as [`aes_kw::wrap_with`] for a CEK that AES key wrap cannot take.
pub(crate) fn wrap(
    alg: Pbes2Alg,
    password: &[u8],
    p2s: &[u8],
    p2c: u64,
    max_p2c: u32,
    cek: &[u8],
) -> Result<Vec<u8>> {
    let kek = derive_kek(alg, password, p2s, p2c, max_p2c)?;
    aes_kw::wrap_with(&Kek::new(&kek)?, cek)
}

/// Unwraps the JWE Encrypted Key `encrypted_key` with the key derived from `password`, `p2s`
/// and `p2c`.
///
/// # Errors
/// As [`derive_kek`] for refused parameters (checked before any derivation), and
/// [`Error::decryption`] for every failure after it.
pub(crate) fn unwrap(
    alg: Pbes2Alg,
    password: &[u8],
    p2s: &[u8],
    p2c: u64,
    max_p2c: u32,
    encrypted_key: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let kek = derive_kek(alg, password, p2s, p2c, max_p2c)?;
    let kek = Kek::new(&kek).map_err(|_| Error::decryption())?;
    aes_kw::unwrap_with(&kek, encrypted_key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;

    fn b64(s: &str) -> Vec<u8> {
        crate::b64::decode(s).unwrap()
    }

    fn read_json(path: &str) -> serde_json::Value {
        serde_json::from_str(crate::test_util::data(path)).unwrap()
    }

    /// RFC 7517 Appendix C: the derived KEK, and the encrypted key unwraps to the CEK.
    #[test]
    fn rfc7517_c() {
        let v = read_json("rfc-appendix.json");
        let v = v["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "rfc7517-C")
            .unwrap();
        let password = v["inputs"]["password_utf8"].as_str().unwrap().as_bytes();
        let p2s = b64("2WCTcJZ1Rvd_CJuJripQ1w");
        let alg = Pbes2Alg::Hs256A128Kw;
        let kek = derive_kek(alg, password, &p2s, 4096, 16384).unwrap();
        assert_eq!(
            &*kek,
            &hex(v["outputs"]["derived_kek_hex"].as_str().unwrap())
        );
        let salt_input = hex(v["outputs"]["pbkdf2_salt_input_hex"].as_str().unwrap());
        assert_eq!(salt_input, [alg.name().as_bytes(), &[0], &p2s].concat());
        let ek = b64(v["outputs"]["encrypted_key_b64u"].as_str().unwrap());
        let cek = hex(v["inputs"]["cek_hex"].as_str().unwrap());
        assert_eq!(
            &*unwrap(alg, password, &p2s, 4096, 16384, &ek).unwrap(),
            &cek
        );
        assert_eq!(wrap(alg, password, &p2s, 4096, 16384, &cek).unwrap(), ek);
    }

    /// RFC 7520 §5.3: PBES2-HS512+A256KW, p2c 8192; the encrypted key unwraps to the CEK.
    #[test]
    fn rfc7520_5_3() {
        let v = read_json(
            "rfc7520/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
        );
        let password = v["input"]["pwd"].as_str().unwrap().as_bytes();
        let p2s = b64(v["encrypting_key"]["salt"].as_str().unwrap());
        let p2c = v["encrypting_key"]["iteration_count"].as_u64().unwrap();
        let ek = b64(v["encrypting_key"]["encrypted_key"].as_str().unwrap());
        let cek = b64(v["generated"]["cek"].as_str().unwrap());
        let alg = Pbes2Alg::Hs512A256Kw;
        assert_eq!(v["input"]["alg"], alg.name());
        assert_eq!(
            &*unwrap(alg, password, &p2s, p2c, 16384, &ek).unwrap(),
            &cek
        );
        assert_eq!(wrap(alg, password, &p2s, p2c, 16384, &cek).unwrap(), ek);
    }

    #[test]
    fn round_trip_and_wrong_password() {
        let cek = [5u8; 32];
        for alg in Pbes2Alg::ALL {
            let p2s = generate_p2s().unwrap();
            let ek = wrap(alg, b"pw", &p2s, 10, 100, &cek).unwrap();
            assert_eq!(&*unwrap(alg, b"pw", &p2s, 10, 100, &ek).unwrap(), &cek);
            let wrong = unwrap(alg, b"pW", &p2s, 10, 100, &ek).unwrap_err();
            assert_eq!(wrong.kind(), ErrorKind::Decryption);
            assert_eq!(
                wrong.to_string(),
                Error::decryption().to_string(),
                "one decryption error"
            );
            assert!(unwrap(alg, b"pw", &p2s, 11, 100, &ek).is_err());
            assert_eq!(
                derive_kek(alg, b"pw", &p2s, 1, 1).unwrap().len(),
                alg.kek_len()
            );
        }
    }

    /// Refused parameters cost no PBKDF2 work (RFC 7518 §4.8.1.1; the caller's p2c limit).
    #[test]
    fn bounds_checked_before_any_pbkdf2_call() {
        let before = pbkdf2_calls();
        let ek = [0u8; 40];
        let alg = Pbes2Alg::Hs256A128Kw;
        let s8 = [1u8; 8];
        let cases: [(&[u8], &[u8], u64, ErrorKind); 7] = [
            (b"pw", &[], 1000, ErrorKind::InvalidHeader),
            (b"pw", &[1; 4], 1000, ErrorKind::InvalidHeader),
            (b"pw", &[1; 7], 1000, ErrorKind::InvalidHeader),
            (b"pw", &s8, 0, ErrorKind::InvalidHeader),
            (b"pw", &s8, 16385, ErrorKind::LimitExceeded),
            (b"pw", &s8, (1 << 31) - 1, ErrorKind::LimitExceeded),
            (b"", &s8, 1000, ErrorKind::InvalidArgument),
        ];
        for (password, p2s, p2c, kind) in cases {
            assert_eq!(
                unwrap(alg, password, p2s, p2c, 16384, &ek)
                    .unwrap_err()
                    .kind(),
                kind
            );
            assert_eq!(
                wrap(alg, password, p2s, p2c, 16384, &[0; 16])
                    .unwrap_err()
                    .kind(),
                kind
            );
        }
        assert!(unwrap(alg, b"pw", &s8, u64::MAX, u32::MAX, &ek).is_err());
        assert_eq!(
            pbkdf2_calls(),
            before,
            "no PBKDF2 call for refused parameters"
        );
        // The limit itself is allowed, and is one call.
        assert!(unwrap(alg, b"pw", &s8, 16, 16, &ek).is_err());
        assert_eq!(pbkdf2_calls(), before + 1);
    }
}
