//! Issue 25, class 6: second-generation decompression bombs (jwcrypto CVE-2026-39373: a cap
//! on the compressed input, but none on the output, so a bomb under the input cap still
//! inflated to hundreds of megabytes). A `zip: "DEF"` token that fits every size cap of
//! the decrypter (here a token cap of 16 KiB, far under the default) and inflates past
//! `Limits::max_decompressed_len` is refused with [`ErrorKind::LimitExceeded`], for every
//! content encryption and every key management family, in both serializations; the same
//! token opens once the output cap is raised, so the output cap is what refuses it.
//!
//! That no output is allocated past the cap is measured (peak RSS, in a child process) by
//! `zip_bomb::cve_2024_28102_and_cve_2026_39373_zip_bombs_are_bounded`, and checked on the
//! output buffer's capacity by the unit tests of `jwa::deflate`; the exact boundary (the
//! cap accepted, one byte more refused) by `zip_def::cve_2026_39373_zip_bomb_under_input_cap`.

use crate::helpers::kind;
use crate::support::rsa_key;
use jwcrypt::jwe::{Decrypter, Encrypter, JsonEncrypter, Password};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, Limits};

/// 1 MiB of zeros: four times the default output cap; it deflates to about 1 KiB.
const BOMB_LEN: usize = 1 << 20;

/// A token cap far under the default: every bomb here fits it.
fn tight() -> Limits {
    let mut l = Limits::default();
    l.max_token_len = 16 << 10;
    l
}

/// Raised output cap: the same tokens open.
fn roomy() -> Limits {
    let mut l = tight();
    l.max_decompressed_len = BOMB_LEN;
    l
}

#[test]
fn cve_2026_39373_bomb_under_every_cap_refused_for_every_enc_and_alg() {
    let bomb = vec![0u8; BOMB_LEN];
    let rsa = rsa_key();
    let ec = Jwk::generate_ec("P-256").unwrap();
    let x = Jwk::generate_okp("X25519").unwrap();
    let password = Password::new(b"correct horse battery staple".to_vec()).unwrap();
    let mut refused = 0;
    for &enc in E::ALL {
        let oct_kw = Jwk::generate_for(K::A256KW).unwrap();
        let oct_gcmkw = Jwk::generate_for(K::A128GCMKW).unwrap();
        let oct_dir = Jwk::generate_for(enc).unwrap();
        let mut cases: Vec<(String, Decrypter)> = Vec::new();
        for (key, alg) in [
            (&oct_dir, K::Dir),
            (&oct_kw, K::A256KW),
            (&oct_gcmkw, K::A128GCMKW),
            (&rsa, K::RsaOaep256),
            (&ec, K::EcdhEs),
            (&ec, K::EcdhEsA128KW),
            (&x, K::EcdhEsA256KW),
        ] {
            let t = Encrypter::new(key, alg, enc)
                .unwrap()
                .with_compression()
                .encrypt_compact(&bomb)
                .unwrap();
            cases.push((t, Decrypter::new(key, &[alg], E::ALL).unwrap()));
            let j = JsonEncrypter::new(enc)
                .add_recipient(key, alg, None)
                .unwrap()
                .with_compression()
                .encrypt(&bomb, Some(b"aad"))
                .unwrap();
            cases.push((j, Decrypter::new(key, &[alg], E::ALL).unwrap()));
        }
        let alg = K::Pbes2Hs256A128KW;
        let t = Encrypter::with_password(&password, alg, enc)
            .unwrap()
            .with_p2c(1000)
            .unwrap()
            .with_compression()
            .encrypt_compact(&bomb)
            .unwrap();
        cases.push((
            t,
            Decrypter::with_password(&password, &[alg], E::ALL).unwrap(),
        ));
        for (token, d) in cases {
            assert!(
                token.len() < tight().max_token_len,
                "{enc}: {}",
                token.len()
            );
            assert_eq!(
                kind(d.clone().with_limits(tight()).decrypt(&token)),
                ErrorKind::LimitExceeded,
                "{enc}"
            );
            // The default limits refuse it too.
            assert_eq!(kind(d.decrypt(&token)), ErrorKind::LimitExceeded, "{enc}");
            // The output cap, not another check, is what refused it.
            assert_eq!(
                d.with_limits(roomy())
                    .decrypt(&token)
                    .unwrap()
                    .plaintext()
                    .len(),
                BOMB_LEN
            );
            refused += 1;
        }
    }
    // 6 encs x (7 keyed algs x 2 serializations + PBES2).
    assert_eq!(refused, E::ALL.len() * 15);
}

#[test]
fn cve_2026_39373_output_cap_lowered_below_a_small_plaintext() {
    // A modest plaintext (10 kB) against a caller's 1 kB output cap: the cap is exact and
    // applies however small it is set.
    let key = Jwk::generate_for(K::A256KW).unwrap();
    let plaintext = vec![b'z'; 10_000];
    let token = Encrypter::new(&key, K::A256KW, E::A256Gcm)
        .unwrap()
        .with_compression()
        .encrypt_compact(&plaintext)
        .unwrap();
    let d = Decrypter::new(&key, &[K::A256KW], E::ALL).unwrap();
    for (cap, ok) in [
        (1000, false),
        (9_999, false),
        (10_000, true),
        (10_001, true),
    ] {
        let mut l = Limits::default();
        l.max_decompressed_len = cap;
        let r = d.clone().with_limits(l).decrypt(&token);
        if ok {
            assert_eq!(r.unwrap().plaintext(), &plaintext[..]);
        } else {
            assert_eq!(kind(r), ErrorKind::LimitExceeded, "{cap}");
        }
    }
}
