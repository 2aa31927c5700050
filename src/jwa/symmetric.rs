//! A prepared symmetric key: the secret bytes of an `oct` key together with the keyed
//! primitive states built from them (the HMAC state after absorbing the key, one per hash
//! used, and the expanded AES key wrap cipher).
//!
//! Each state is built on first use and kept for the key's lifetime, so a long-lived key
//! does not redo its per-key setup (two hash compressions for HMAC, the AES key schedule) on
//! every token. The states are key material: each sits in its own heap box (so moving the
//! key leaves no copy behind), is zeroized when dropped (the `zeroize` features of `hmac`,
//! `sha2` and `aes-kw` in Cargo.toml), and has no `Debug`. They take no part in equality.
//! A clone copies the states along with the secret they came from; the secret never
//! changes after construction.

use std::sync::OnceLock;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

use crate::error::{Error, ErrorKind, Result};
use crate::jwa::aes_kw;
use crate::secret::Secret;

/// Symmetric key bytes with their lazily built keyed states. Thread-safe.
#[derive(Clone)]
pub(crate) struct SymmetricKey {
    secret: Secret,
    hs256: OnceLock<Box<Hmac<Sha256>>>,
    hs384: OnceLock<Box<Hmac<Sha384>>>,
    hs512: OnceLock<Box<Hmac<Sha512>>>,
    kek: OnceLock<Box<aes_kw::Kek>>,
}

impl PartialEq for SymmetricKey {
    /// Constant-time comparison of the secrets; the cached states do not take part.
    fn eq(&self, other: &Self) -> bool {
        self.secret == other.secret
    }
}

/// Like `OnceLock::get_or_try_init` (unstable): when two threads race, both build the
/// same state from the same key and the loser's copy is dropped (and zeroized).
fn get_or_make<T>(cell: &OnceLock<Box<T>>, make: impl FnOnce() -> Result<T>) -> Result<&T> {
    if let Some(v) = cell.get() {
        return Ok(v);
    }
    let v = Box::new(make()?);
    Ok(cell.get_or_init(|| v))
}

/// An HMAC state that has absorbed `key` and nothing else.
fn keyed<M: Mac + KeyInit>(key: &[u8]) -> Result<M> {
    <M as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::new(ErrorKind::KeyMismatch, "the HMAC key is unusable"))
}

impl SymmetricKey {
    /// A key over `secret`, with no state built yet.
    pub(crate) fn new(secret: Secret) -> Self {
        Self {
            secret,
            hs256: OnceLock::new(),
            hs384: OnceLock::new(),
            hs512: OnceLock::new(),
            kek: OnceLock::new(),
        }
    }

    /// The secret.
    pub(crate) fn secret(&self) -> &Secret {
        &self.secret
    }

    /// The raw key bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.secret.expose_secret()
    }

    /// The key length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.secret.len()
    }

    /// The HMAC-SHA-256 state keyed with this key.
    pub(crate) fn hmac_sha256(&self) -> Result<&Hmac<Sha256>> {
        get_or_make(&self.hs256, || keyed(self.bytes()))
    }

    /// The HMAC-SHA-384 state keyed with this key.
    pub(crate) fn hmac_sha384(&self) -> Result<&Hmac<Sha384>> {
        get_or_make(&self.hs384, || keyed(self.bytes()))
    }

    /// The HMAC-SHA-512 state keyed with this key.
    pub(crate) fn hmac_sha512(&self) -> Result<&Hmac<Sha512>> {
        get_or_make(&self.hs512, || keyed(self.bytes()))
    }

    /// The AES key wrap cipher for this key (16, 24 or 32 bytes).
    ///
    /// # Errors
    /// As [`aes_kw::Kek::new`] for another length (nothing is cached then).
    pub(crate) fn kek(&self) -> Result<&aes_kw::Kek> {
        get_or_make(&self.kek, || aes_kw::Kek::new(self.bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::hmac as jwa_hmac;
    use ::aes_kw as aes_kw_crate;
    use hmac::digest::block_api::EagerHash;
    use hmac::{KeyInit, Mac};
    use zeroize::ZeroizeOnDrop;

    use crate::jwa::SigningAlg;

    const HS: [SigningAlg; 3] = [SigningAlg::HS256, SigningAlg::HS384, SigningAlg::HS512];

    fn key_bytes(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    fn key(bytes: &[u8]) -> SymmetricKey {
        SymmetricKey::new(Secret::from_slice(bytes))
    }

    /// HMAC computed directly with the `hmac` crate from the raw key: the oracle the
    /// cached states are checked against.
    fn hmac_oracle(alg: SigningAlg, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
        fn run<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
            let mut m = <M as KeyInit>::new_from_slice(key).unwrap();
            for p in parts {
                m.update(p);
            }
            m.finalize().into_bytes().to_vec()
        }
        match alg {
            SigningAlg::HS256 => run::<Hmac<Sha256>>(key, parts),
            SigningAlg::HS384 => run::<Hmac<Sha384>>(key, parts),
            _ => run::<Hmac<Sha512>>(key, parts),
        }
    }

    /// The parts of each cached state zeroize on drop (this fails to compile if a feature
    /// is lost): `Hmac<D>` is two `D::Core` states and a block buffer, which zeroizes with
    /// `digest/zeroize` (turned on by `hmac/zeroize`); the AES key wrap ciphers zeroize
    /// their round keys with `aes-kw/zeroize`.
    #[test]
    fn states_zeroize_on_drop() {
        fn zod<T: ZeroizeOnDrop>() {}
        zod::<<Sha256 as EagerHash>::Core>();
        zod::<<Sha384 as EagerHash>::Core>();
        zod::<<Sha512 as EagerHash>::Core>();
        zod::<Sha256>();
        zod::<Sha512>();
        zod::<aes_kw_crate::KwAes128>();
        zod::<aes_kw_crate::KwAes192>();
        zod::<aes_kw_crate::KwAes256>();
    }

    #[test]
    fn key_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone>() {}
        check::<SymmetricKey>();
        check::<crate::Jwk>();
    }

    /// The cached HMAC gives the `hmac` crate's tags, for every hash, several key lengths
    /// (the hash length, longer, longer than a block) and split messages, on first use and
    /// on reuse; a wrong or short tag is refused.
    #[test]
    fn hmac_cached_matches_oracle() {
        let msgs: [&[&[u8]]; 4] = [
            &[],
            &[b"eyJhbGciOiJIUzI1NiJ9", b".", b"eyJzdWIiOiJhIn0"],
            &[&[0u8; 200]],
            &[&[0x61; 63], &[0x62; 1], &[0x63; 129]],
        ];
        for alg in HS {
            let hlen = alg.hash().unwrap().output_len();
            for len in [hlen, hlen + 1, 64, 128, 129, 300] {
                let bytes = key_bytes(len, len as u8);
                let k = key(&bytes);
                for parts in msgs {
                    for _ in 0..2 {
                        let expected = hmac_oracle(alg, &bytes, parts);
                        let cached = jwa_hmac::sign(alg, &k, parts).unwrap();
                        assert_eq!(expected, cached, "{alg} key {len}");
                        jwa_hmac::verify(alg, &k, parts, &expected).unwrap();
                        let mut bad = expected.clone();
                        bad[0] ^= 1;
                        assert_eq!(
                            jwa_hmac::verify(alg, &k, parts, &bad).unwrap_err().kind(),
                            ErrorKind::InvalidSignature
                        );
                        assert_eq!(
                            jwa_hmac::verify(alg, &k, parts, &expected[..hlen - 1])
                                .unwrap_err()
                                .kind(),
                            ErrorKind::InvalidSignature
                        );
                    }
                }
            }
            // A short key is refused whether or not another hash's state is cached already.
            let short = key(&key_bytes(hlen - 1, 9));
            short.hmac_sha256().unwrap();
            let e = jwa_hmac::sign(alg, &short, &[b"x"]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::KeyMismatch);
            let e = jwa_hmac::verify(alg, &short, &[b"x"], &[0; 64]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::KeyMismatch);
        }
    }

    /// The cached AES key wrap cipher wraps and unwraps for each KEK size (RFC 3394 §4.6
    /// byte for byte); other sizes fail and cache nothing.
    #[test]
    fn aes_kw_cached() {
        for len in [16, 24, 32] {
            let k = key(&key_bytes(len, 3));
            for cek_len in [16, 24, 32, 64] {
                let cek = key_bytes(cek_len, 77);
                let first = aes_kw::wrap_with(k.kek().unwrap(), &cek).unwrap();
                let again = aes_kw::wrap_with(k.kek().unwrap(), &cek).unwrap();
                assert_eq!(first, again);
                let back = aes_kw::unwrap_with(k.kek().unwrap(), &first).unwrap();
                assert_eq!(&*back, &cek);
                let mut bad = first.clone();
                bad[3] ^= 0x80;
                assert_eq!(
                    aes_kw::unwrap_with(k.kek().unwrap(), &bad)
                        .unwrap_err()
                        .kind(),
                    ErrorKind::Decryption
                );
            }
        }
        let kek = crate::test_util::hex(
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
        );
        let data = crate::test_util::hex(
            "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
        );
        let wrapped = aes_kw::wrap_with(key(&kek).kek().unwrap(), &data).unwrap();
        assert_eq!(
            wrapped,
            crate::test_util::hex(
                "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"
            )
        );
        for len in [8, 20, 31, 33, 64] {
            let k = key(&key_bytes(len, 1));
            let e = k.kek().map(|_| ()).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::KeyMismatch);
            assert!(k.kek.get().is_none());
        }
    }

    /// A clone made before or after the cache fills signs and wraps like the original; a
    /// different key never shares a state.
    #[test]
    fn clones_agree() {
        let k = key(&key_bytes(64, 5));
        let early = k.clone();
        let parts: &[&[u8]] = &[b"header", b".", b"payload"];
        let tags: Vec<Vec<u8>> = HS
            .iter()
            .map(|&a| jwa_hmac::sign(a, &k, parts).unwrap())
            .collect();
        assert!(k.hs512.get().is_some());
        assert!(early.hs512.get().is_none());
        let late = k.clone();
        assert!(late.hs512.get().is_some());
        for other in [&early, &late] {
            for (a, tag) in HS.iter().zip(&tags) {
                assert_eq!(&jwa_hmac::sign(*a, other, parts).unwrap(), tag);
                jwa_hmac::verify(*a, other, parts, tag).unwrap();
            }
        }
        let other = key(&key_bytes(64, 6));
        assert_ne!(
            jwa_hmac::sign(SigningAlg::HS256, &other, parts).unwrap(),
            tags[0]
        );
        assert!(k == late && k != other);
        let kw = key(&key_bytes(32, 2));
        let cek = key_bytes(32, 8);
        let w = aes_kw::wrap_with(kw.kek().unwrap(), &cek).unwrap();
        let kw2 = kw.clone();
        assert!(kw2.kek.get().is_some());
        assert_eq!(aes_kw::wrap_with(kw2.kek().unwrap(), &cek).unwrap(), w);
    }

    /// Several threads sign, verify, wrap and unwrap with one shared key from a cold cache.
    /// Not on wasm32, which has no threads.
    #[cfg(not(target_family = "wasm"))]
    #[test]
    fn concurrent_use_of_one_key() {
        let bytes = key_bytes(32, 11);
        let k = key(&bytes);
        let parts: &[&[u8]] = &[b"a.b"];
        let expected = hmac_oracle(SigningAlg::HS256, &bytes, parts);
        let cek = key_bytes(32, 4);
        let wrapped = aes_kw::wrap_with(&aes_kw::Kek::new(&bytes).unwrap(), &cek).unwrap();
        std::thread::scope(|s| {
            for t in 0..8u8 {
                let (k, bytes, expected, wrapped, cek) = (&k, &bytes, &expected, &wrapped, &cek);
                s.spawn(move || {
                    for i in 0..200u32 {
                        let tag = jwa_hmac::sign(SigningAlg::HS256, k, parts).unwrap();
                        assert_eq!(&tag, expected);
                        let msg = [t, (i % 256) as u8];
                        let tag = jwa_hmac::sign(SigningAlg::HS256, k, &[&msg]).unwrap();
                        assert_eq!(tag, hmac_oracle(SigningAlg::HS256, bytes, &[&msg]));
                        jwa_hmac::verify(SigningAlg::HS256, k, &[&msg], &tag).unwrap();
                        assert_eq!(&aes_kw::wrap_with(k.kek().unwrap(), cek).unwrap(), wrapped);
                        assert_eq!(
                            &*aes_kw::unwrap_with(k.kek().unwrap(), wrapped).unwrap(),
                            cek
                        );
                    }
                });
            }
        });
    }
}
