//! ATTACKS rows 8–15 (zip bombs): `zip: "DEF"` plaintexts bounded by
//! `Limits::max_decompressed_len`, exactly, in every serialization and through the JWT reader;
//! broken DEFLATE streams are errors. (Their peak memory is measured in `zip_bomb`.)

use std::sync::OnceLock;

use jwcrypt::jwe::Decrypter;
use jwcrypt::jwt::{Reader, Validation};
use jwcrypt::{
    ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, Limits, Policy,
    SigningAlg as S,
};
use serde_json::{Value, json};

use crate::helpers::{hs256_key, kind};
use crate::zip_util::{deflate_repeated, to_flattened, token, token_with};

// Every row goes in through a different entry point; the peak-RSS measurement is in
// tests/attacks/zip_bomb.rs. The structural bound: the inflated output is never longer than
// `Limits::max_decompressed_len` (checked at the cap, one past it, and far past it).

const ZIP_KEY: [u8; 32] = [0x11; 32];

fn zip_key() -> Jwk {
    Jwk::from_oct_bytes(&ZIP_KEY).unwrap()
}

/// 1 GB of 'u', deflated (about 1 MB): made once for the rows that use it.
fn gigabyte_bomb() -> &'static str {
    static BOMB: OnceLock<String> = OnceLock::new();
    BOMB.get_or_init(|| {
        let compressed = deflate_repeated(b'u', 1 << 30);
        assert!(compressed.len() < 1_200_000, "{}", compressed.len());
        token(&ZIP_KEY, &compressed)
    })
}

fn dir_decrypter(key: &Jwk) -> Decrypter {
    Decrypter::new(key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL).unwrap()
}

/// ATTACKS row 8 (CVE-2024-28102, jwcrypto): a DEF token whose plaintext is 1 GB of 'u'.
#[test]
fn cve_2024_28102_zip_bomb() {
    let key = zip_key();
    let bomb = gigabyte_bomb();
    assert!(bomb.len() < Limits::DEFAULT.max_token_len);
    assert_eq!(
        kind(dir_decrypter(&key).decrypt(bomb)),
        ErrorKind::LimitExceeded
    );
}

/// ATTACKS row 9 (CVE-2026-39373, jwcrypto): a bomb under a 255 KiB input cap, and the
/// output cap is exact: the cap is accepted, one byte more is refused.
#[test]
fn cve_2026_39373_zip_bomb_under_input_cap() {
    let key = zip_key();
    let small = deflate_repeated(0, 200 << 20);
    assert!(small.len() < 255 << 10);
    let d = dir_decrypter(&key);
    assert_eq!(
        kind(d.decrypt(&token(&ZIP_KEY, &small))),
        ErrorKind::LimitExceeded
    );
    let cap = Limits::DEFAULT.max_decompressed_len;
    let at = token(&ZIP_KEY, &deflate_repeated(b'a', cap));
    assert_eq!(d.decrypt(&at).unwrap().plaintext().len(), cap);
    let over = token(&ZIP_KEY, &deflate_repeated(b'a', cap + 1));
    assert_eq!(kind(d.decrypt(&over)), ErrorKind::LimitExceeded);
}

/// ATTACKS row 10 (CVE-2024-28176, panva/jose): the bomb in the JSON serialization, and
/// `zip` outside the protected header is refused.
#[test]
fn cve_2024_28176_zip_bomb_json_and_unprotected_zip() {
    let key = zip_key();
    let d = dir_decrypter(&key);
    let small = deflate_repeated(0, 50 << 20);
    let t = to_flattened(&token(&ZIP_KEY, &small));
    assert_eq!(kind(d.decrypt_json(&t)), ErrorKind::LimitExceeded);
    // zip only in the shared unprotected header (the protected header lacks it).
    let plain = token_with(
        &ZIP_KEY,
        r#"{"alg":"dir","enc":"A256GCM"}"#,
        &deflate_repeated(0, 50 << 20),
    );
    let mut v: Value = serde_json::from_str(&to_flattened(&plain)).unwrap();
    v["unprotected"] = json!({"zip": "DEF"});
    assert_eq!(
        kind(d.decrypt_json(&v.to_string())),
        ErrorKind::InvalidHeader
    );
    v.as_object_mut().unwrap().remove("unprotected");
    v["header"] = json!({"zip": "DEF"});
    assert_eq!(
        kind(d.decrypt_json(&v.to_string())),
        ErrorKind::InvalidHeader
    );
}

/// ATTACKS row 11 (CVE-2024-28180, go-jose): the cap is absolute, not a ratio of the
/// input: a plaintext one byte over 250 kB that compresses badly is still refused.
#[test]
fn cve_2024_28180_zip_cap_is_absolute() {
    let key = zip_key();
    let cap = Limits::DEFAULT.max_decompressed_len;
    // Stored (incompressible) DEFLATE blocks: output about equal to the input.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..=cap)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let compressed = miniz_oxide::deflate::compress_to_vec(&noise, 0);
    assert!(compressed.len() > cap);
    let t = token(&ZIP_KEY, &compressed);
    assert_eq!(
        kind(dir_decrypter(&key).decrypt(&t)),
        ErrorKind::LimitExceeded
    );
    let fits = token(
        &ZIP_KEY,
        &miniz_oxide::deflate::compress_to_vec(&noise[..cap], 0),
    );
    assert_eq!(
        dir_decrypter(&key).decrypt(&fits).unwrap().plaintext(),
        &noise[..cap]
    );
}

/// ATTACKS row 12 (CVE-2024-28122, jwx): the cap is configurable through the policy
/// (jwx's 10 MB here) and exact at the configured value.
#[test]
fn cve_2024_28122_zip_cap_configurable_by_policy() {
    let key = zip_key();
    let mut limits = Limits::default();
    limits.max_decompressed_len = 10_000_000;
    let policy = Policy::default()
        .with_key_management_algs(&[K::Dir])
        .with_content_encryption_algs(&[E::A256Gcm])
        .with_limits(limits);
    let d = Decrypter::from_policy(&key, &policy).unwrap();
    let at = token(&ZIP_KEY, &deflate_repeated(b'z', 10_000_000));
    assert_eq!(d.decrypt(&at).unwrap().plaintext().len(), 10_000_000);
    let over = token(&ZIP_KEY, &deflate_repeated(b'z', 10_000_001));
    assert_eq!(kind(d.decrypt(&over)), ErrorKind::LimitExceeded);
    assert_eq!(
        kind(
            Decrypter::from_policy(&key, &policy)
                .unwrap()
                .decrypt(gigabyte_bomb())
        ),
        ErrorKind::LimitExceeded
    );
}

/// ATTACKS row 13 (CVE-2024-33664, python-jose): the bomb through the JWT reader, as an
/// encrypted JWT and as a nested one.
#[test]
fn cve_2024_33664_zip_bomb_through_jwt_reader() {
    let key = zip_key();
    let hs = hs256_key();
    let plain = deflate_repeated(b'{', 100 << 20);
    for header in [
        r#"{"alg":"dir","enc":"A256GCM","zip":"DEF","typ":"JWT"}"#,
        r#"{"alg":"dir","enc":"A256GCM","zip":"DEF","cty":"JWT"}"#,
    ] {
        let t = token_with(&ZIP_KEY, header, &plain);
        let encrypted = Reader::builder(Validation::new())
            .decrypt_with(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap();
        assert_eq!(kind(encrypted.read(&t)), ErrorKind::LimitExceeded);
        let nested = Reader::builder(Validation::new())
            .decrypt_with(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&hs, &[S::HS256])
            .build()
            .unwrap();
        assert_eq!(kind(nested.read(&t)), ErrorKind::LimitExceeded);
    }
}

/// ATTACKS row 14 (CVE-2025-63811, jose2go): authenticated but broken DEFLATE streams
/// (truncated, garbage, trailing data, a bomb cut short) are errors, never panics or hangs.
#[test]
fn cve_2025_63811_broken_deflate_streams() {
    let key = zip_key();
    let d = dir_decrypter(&key);
    let bomb = deflate_repeated(b'u', 10 << 20);
    let good = deflate_repeated(b'a', 1000);
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"trailing");
    for compressed in [
        vec![],
        vec![0xff; 64],
        bomb[..bomb.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        trailing,
        vec![0x03, 0x00], // an empty final fixed block: valid, empty output
    ] {
        let r = d.decrypt(&token(&ZIP_KEY, &compressed));
        if let Ok(ok) = r {
            assert!(ok.plaintext().len() <= Limits::DEFAULT.max_decompressed_len);
        }
    }
    assert_eq!(
        d.decrypt(&token(&ZIP_KEY, &good))
            .unwrap()
            .plaintext()
            .len(),
        1000
    );
}

/// ATTACKS row 15 (josekit 0.10.3, no CVE): DEF is accepted by default here too, so a key
/// holder could send a bomb; the default limits bound it for every default-built
/// decrypter (the key's own alg, the recommended policy, every enc allowed).
#[test]
fn josekit_default_def_is_bounded() {
    let key = zip_key().with_alg(K::Dir);
    for d in [
        Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap(),
        Decrypter::from_policy(&key, &Policy::recommended()).unwrap(),
        Decrypter::new(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL).unwrap(),
    ] {
        assert_eq!(kind(d.decrypt(gigabyte_bomb())), ErrorKind::LimitExceeded);
    }
}
