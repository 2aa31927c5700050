//! Per-key cache of keyed primitive states for `oct` keys: the HMAC state after absorbing
//! the key (one per hash used) and the expanded AES key wrap cipher.
//!
//! Each state is built from the key on first use and kept for the key's lifetime, so a
//! long-lived key does not redo its per-key setup (two hash compressions for HMAC, the AES key
//! schedule) on every token. The states are key material: each sits in its own heap box (so
//! moving a `Jwk` leaves no copy behind), is zeroized when dropped (the `zeroize` features of
//! `hmac`, `sha2` and `aes-kw` in Cargo.toml), and has no `Debug`. The cache takes no part in
//! a key's equality, export, thumbprint or `Debug`.
//!
//! A cache belongs to one `Jwk` and is only reached through [`OctKey`], which pairs it with
//! that key's own secret: a `Jwk` is made with an empty cache, its material never changes
//! afterwards, and a clone copies the states along with the secret they came from.

use std::sync::OnceLock;

use hmac::Hmac;
use sha2::{Sha256, Sha384, Sha512};

use crate::error::Result;
use crate::jwa::{aes_kw, hmac as jwa_hmac};
use crate::secret::Secret;

/// The lazily built keyed states of one `oct` key. Empty until first used; thread-safe.
#[derive(Clone, Default)]
pub(crate) struct KeyCache {
    hs256: OnceLock<Box<Hmac<Sha256>>>,
    hs384: OnceLock<Box<Hmac<Sha384>>>,
    hs512: OnceLock<Box<Hmac<Sha512>>>,
    kek: OnceLock<Box<aes_kw::Kek>>,
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

/// An `oct` key's secret together with its own cache.
#[derive(Clone, Copy)]
pub(crate) struct OctKey<'a> {
    secret: &'a Secret,
    cache: &'a KeyCache,
}

impl<'a> OctKey<'a> {
    pub(super) fn new(secret: &'a Secret, cache: &'a KeyCache) -> Self {
        Self { secret, cache }
    }

    /// The raw key bytes.
    pub(crate) fn bytes(self) -> &'a [u8] {
        self.secret.expose_secret()
    }

    /// The HMAC-SHA-256 state keyed with this key.
    pub(crate) fn hmac_sha256(self) -> Result<&'a Hmac<Sha256>> {
        get_or_make(&self.cache.hs256, || jwa_hmac::keyed(self.bytes()))
    }

    /// The HMAC-SHA-384 state keyed with this key.
    pub(crate) fn hmac_sha384(self) -> Result<&'a Hmac<Sha384>> {
        get_or_make(&self.cache.hs384, || jwa_hmac::keyed(self.bytes()))
    }

    /// The HMAC-SHA-512 state keyed with this key.
    pub(crate) fn hmac_sha512(self) -> Result<&'a Hmac<Sha512>> {
        get_or_make(&self.cache.hs512, || jwa_hmac::keyed(self.bytes()))
    }

    /// The AES key wrap cipher for this key (16, 24 or 32 bytes).
    ///
    /// # Errors
    /// As [`aes_kw::Kek::new`] for another length (nothing is cached then).
    pub(crate) fn kek(self) -> Result<&'a aes_kw::Kek> {
        get_or_make(&self.cache.kek, || aes_kw::Kek::new(self.bytes()))
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
    use ::aes_kw as aes_kw_crate;
    use hmac::digest::block_api::EagerHash;
    use zeroize::ZeroizeOnDrop;

    use crate::jwa::SigningAlg;
    use crate::jwk::Jwk;

    const HS: [SigningAlg; 3] = [SigningAlg::HS256, SigningAlg::HS384, SigningAlg::HS512];

    fn key_bytes(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
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
    fn jwk_stays_send_sync_clone() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Jwk>();
        check::<KeyCache>();
    }

    /// The cached HMAC gives the same tags as the uncached one, for every hash, several key
    /// lengths (the hash length, longer, longer than a block) and split messages; the same
    /// key refuses a short key and a wrong tag alike on both paths.
    #[test]
    fn hmac_cached_matches_uncached() {
        let msgs: [&[&[u8]]; 4] = [
            &[],
            &[b"eyJhbGciOiJIUzI1NiJ9", b".", b"eyJzdWIiOiJhIn0"],
            &[&[0u8; 200]],
            &[&[0x61; 63], &[0x62; 1], &[0x63; 129]],
        ];
        for alg in HS {
            let hlen = alg.hash().output_len();
            for len in [hlen, hlen + 1, 64, 128, 129, 300] {
                let bytes = key_bytes(len, len as u8);
                let jwk = Jwk::from_oct_bytes(&bytes).unwrap();
                let oct = jwk.oct_key().unwrap();
                for parts in msgs {
                    // Twice: first builds the state, second reuses it.
                    for _ in 0..2 {
                        let raw = jwa_hmac::sign(alg, &bytes, parts).unwrap();
                        let cached = jwa_hmac::sign_prekeyed(alg, oct, parts).unwrap();
                        assert_eq!(raw, cached, "{alg} key {len}");
                        jwa_hmac::verify_prekeyed(alg, oct, parts, &raw).unwrap();
                        let mut bad = raw.clone();
                        bad[0] ^= 1;
                        assert_eq!(
                            jwa_hmac::verify_prekeyed(alg, oct, parts, &bad)
                                .unwrap_err()
                                .kind(),
                            crate::ErrorKind::InvalidSignature
                        );
                        assert_eq!(
                            jwa_hmac::verify_prekeyed(alg, oct, parts, &raw[..hlen - 1])
                                .unwrap_err()
                                .kind(),
                            crate::ErrorKind::InvalidSignature
                        );
                    }
                }
            }
            // Short key: the same error on both paths, whether or not another hash's
            // state is cached already.
            let short = key_bytes(hlen - 1, 9);
            let jwk = Jwk::from_oct_bytes(&short).unwrap();
            let oct = jwk.oct_key().unwrap();
            oct.hmac_sha256().unwrap();
            let raw = jwa_hmac::sign(alg, &short, &[b"x"]).unwrap_err();
            let cached = jwa_hmac::sign_prekeyed(alg, oct, &[b"x"]).unwrap_err();
            assert_eq!(raw.kind(), cached.kind());
            assert_eq!(raw.message(), cached.message());
            let cached = jwa_hmac::verify_prekeyed(alg, oct, &[b"x"], &[0; 64]).unwrap_err();
            assert_eq!(raw.kind(), cached.kind());
            assert_eq!(
                jwa_hmac::sign_prekeyed(SigningAlg::RS256, oct, &[b"x"])
                    .unwrap_err()
                    .kind(),
                jwa_hmac::sign(SigningAlg::RS256, &short, &[b"x"])
                    .unwrap_err()
                    .kind()
            );
        }
    }

    /// The cached AES key wrap cipher wraps and unwraps like the uncached one, for each KEK
    /// size; other sizes fail the same way and cache nothing.
    #[test]
    fn aes_kw_cached_matches_uncached() {
        for len in [16, 24, 32] {
            let kek = key_bytes(len, 3);
            let jwk = Jwk::from_oct_bytes(&kek).unwrap();
            let oct = jwk.oct_key().unwrap();
            for cek_len in [16, 24, 32, 64] {
                let cek = key_bytes(cek_len, 77);
                for _ in 0..2 {
                    let raw = aes_kw::wrap(&kek, &cek).unwrap();
                    let cached = aes_kw::wrap_with(oct.kek().unwrap(), &cek).unwrap();
                    assert_eq!(raw, cached);
                    let back = aes_kw::unwrap_with(oct.kek().unwrap(), &raw).unwrap();
                    assert_eq!(&*back, &cek);
                    let mut bad = raw.clone();
                    bad[3] ^= 0x80;
                    assert_eq!(
                        aes_kw::unwrap_with(oct.kek().unwrap(), &bad)
                            .unwrap_err()
                            .kind(),
                        crate::ErrorKind::Decryption
                    );
                }
            }
            assert_eq!(
                aes_kw::wrap_with(oct.kek().unwrap(), &[0; 8])
                    .unwrap_err()
                    .kind(),
                aes_kw::wrap(&kek, &[0; 8]).unwrap_err().kind()
            );
        }
        // RFC 3394 §4.6: 256-bit KEK, 256-bit key data.
        let kek = crate::test_util::hex(
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
        );
        let data = crate::test_util::hex(
            "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
        );
        let jwk = Jwk::from_oct_bytes(&kek).unwrap();
        let wrapped = aes_kw::wrap_with(jwk.oct_key().unwrap().kek().unwrap(), &data).unwrap();
        assert_eq!(
            wrapped,
            crate::test_util::hex(
                "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"
            )
        );
        for len in [8, 20, 31, 33, 64] {
            let kek = key_bytes(len, 1);
            let jwk = Jwk::from_oct_bytes(&kek).unwrap();
            let oct = jwk.oct_key().unwrap();
            let e = oct.kek().map(|_| ()).unwrap_err();
            let raw = aes_kw::wrap(&kek, &[0; 16]).unwrap_err();
            assert_eq!(e.kind(), raw.kind());
            assert_eq!(e.message(), raw.message());
            assert!(jwk.cache.kek.get().is_none());
        }
    }

    /// A clone made before or after the cache fills signs and wraps like the original; a
    /// key rebuilt from the export starts empty and agrees too; parameter changes keep the
    /// cache valid (it depends on the secret only).
    #[test]
    fn clones_and_rebuilt_keys_agree() {
        let jwk = Jwk::from_oct_bytes(&key_bytes(64, 5)).unwrap();
        let early = jwk.clone();
        let parts: &[&[u8]] = &[b"header", b".", b"payload"];
        let cek = key_bytes(32, 8);
        let tags: Vec<Vec<u8>> = HS
            .iter()
            .map(|&a| jwa_hmac::sign_prekeyed(a, jwk.oct_key().unwrap(), parts).unwrap())
            .collect();
        assert!(jwk.cache.hs512.get().is_some());
        assert!(early.cache.hs512.get().is_none());
        let late = jwk.clone().with_kid("other").with_alg(SigningAlg::HS384);
        assert!(late.cache.hs512.get().is_some());
        let rebuilt = Jwk::from_json(jwk.export_private().unwrap().as_bytes()).unwrap();
        assert!(rebuilt.cache.hs256.get().is_none());
        for other in [&early, &late, &rebuilt] {
            for (a, tag) in HS.iter().zip(&tags) {
                let oct = other.oct_key().unwrap();
                assert_eq!(&jwa_hmac::sign_prekeyed(*a, oct, parts).unwrap(), tag);
                jwa_hmac::verify_prekeyed(*a, oct, parts, tag).unwrap();
            }
        }
        // A different key with the same parameters never shares a state.
        let other = Jwk::from_oct_bytes(&key_bytes(64, 6)).unwrap();
        assert_ne!(
            jwa_hmac::sign_prekeyed(SigningAlg::HS256, other.oct_key().unwrap(), parts).unwrap(),
            tags[0]
        );
        // AES key wrap over a 32-byte key, cloned after the cipher is cached.
        let kw = Jwk::from_oct_bytes(&key_bytes(32, 2)).unwrap();
        let w = aes_kw::wrap_with(kw.oct_key().unwrap().kek().unwrap(), &cek).unwrap();
        let kw2 = kw.clone();
        assert!(kw2.cache.kek.get().is_some());
        assert_eq!(
            aes_kw::wrap_with(kw2.oct_key().unwrap().kek().unwrap(), &cek).unwrap(),
            w
        );
        assert_eq!(kw, kw2);
        assert_eq!(format!("{kw:?}"), format!("{kw2:?}"));
    }

    /// Several threads sign, verify, wrap and unwrap with one shared key from a cold cache.
    #[test]
    fn concurrent_use_of_one_key() {
        let jwk = Jwk::from_oct_bytes(&key_bytes(32, 11)).unwrap();
        let bytes = key_bytes(32, 11);
        let parts: &[&[u8]] = &[b"a.b"];
        let expected: Vec<Vec<u8>> = [SigningAlg::HS256]
            .iter()
            .map(|&a| jwa_hmac::sign(a, &bytes, parts).unwrap())
            .collect();
        let cek = key_bytes(32, 4);
        let wrapped = aes_kw::wrap(&bytes, &cek).unwrap();
        std::thread::scope(|s| {
            for t in 0..8u8 {
                let (jwk, expected, wrapped, cek) = (&jwk, &expected, &wrapped, &cek);
                s.spawn(move || {
                    for i in 0..200u32 {
                        let oct = jwk.oct_key().unwrap();
                        let tag = jwa_hmac::sign_prekeyed(SigningAlg::HS256, oct, parts).unwrap();
                        assert_eq!(&tag, &expected[0]);
                        let msg = [t, (i % 256) as u8];
                        let tag = jwa_hmac::sign_prekeyed(SigningAlg::HS256, oct, &[&msg]).unwrap();
                        assert_eq!(
                            tag,
                            jwa_hmac::sign(SigningAlg::HS256, &bytes_of(jwk), &[&msg]).unwrap()
                        );
                        jwa_hmac::verify_prekeyed(SigningAlg::HS256, oct, &[&msg], &tag).unwrap();
                        assert_eq!(
                            &aes_kw::wrap_with(oct.kek().unwrap(), cek).unwrap(),
                            wrapped
                        );
                        assert_eq!(
                            &*aes_kw::unwrap_with(oct.kek().unwrap(), wrapped).unwrap(),
                            cek
                        );
                    }
                });
            }
        });
    }

    fn bytes_of(jwk: &Jwk) -> Vec<u8> {
        jwk.oct_secret().unwrap().expose_secret().to_vec()
    }
}
