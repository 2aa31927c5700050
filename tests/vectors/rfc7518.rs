//! RFC 7518 §4–5 at the JWE level: every alg × enc pair round-trips, key sizes are
//! enforced, `dir` keys must be the enc's length. (The B.1–B.3 AES_CBC_HMAC_SHA2 vectors are
//! checked byte for byte by the unit tests of `jwa::aes_cbc_hmac`, which can feed an
//! arbitrary AAD.)

use crate::support::rsa_key;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K};

fn key_for(alg: K, enc: E, rsa: &Jwk) -> Jwk {
    match alg {
        K::Dir => Jwk::generate_for(enc).unwrap(),
        K::RsaOaep | K::RsaOaep256 | K::RsaOaep384 | K::RsaOaep512 => rsa.clone(),
        _ => Jwk::generate_for(alg).unwrap(),
    }
}

#[test]
fn every_alg_and_enc_round_trips() {
    let rsa = rsa_key();
    let mut n = 0;
    for &alg in K::ALL {
        // RSA1_5 never encrypts; PBES2 takes a password (src/jwe/tests_pbes2.rs and
        // rfc7520_jwe::s5_3 cover it).
        if alg == K::Rsa1_5 || alg.is_pbes2() {
            continue;
        }
        for &enc in E::ALL {
            let key = key_for(alg, enc, &rsa);
            let e = Encrypter::new(&key, alg, enc).unwrap();
            for msg in [&b""[..], b"x", &[7u8; 16][..], &[9u8; 1000][..]] {
                let t = e.encrypt_compact(msg).unwrap();
                let d = Decrypter::new(&key, &[alg], &[enc]).unwrap();
                assert_eq!(d.decrypt(&t).unwrap().plaintext(), msg, "{alg} {enc}");
                let j = e.encrypt_json(msg, Some(b"aad")).unwrap();
                let out = d.decrypt(&j).unwrap();
                assert_eq!(out.plaintext(), msg, "{alg} {enc} json");
                assert_eq!(out.aad(), Some(&b"aad"[..]));
                // Another enc is refused when not allowed.
                let other = if enc == E::A128Gcm {
                    E::A256Gcm
                } else {
                    E::A128Gcm
                };
                let e2 = Decrypter::new(&key, &[alg], &[other]).unwrap().decrypt(&t);
                assert_eq!(e2.unwrap_err().kind(), ErrorKind::AlgorithmNotAllowed);
            }
            n += 1;
        }
    }
    // 11 AES/RSA algorithms and the 4 ECDH-ES ones (on P-256: `generate_for`).
    assert_eq!(n, 15 * 6);
}

#[test]
fn key_sizes_are_enforced() {
    let k16 = Jwk::from_oct_bytes(&[1; 16]).unwrap();
    let k32 = Jwk::from_oct_bytes(&[1; 32]).unwrap();
    for (key, alg) in [(&k16, K::A256KW), (&k32, K::A128KW), (&k16, K::A192GCMKW)] {
        let e = Encrypter::new(key, alg, E::A128Gcm).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    }
    // dir: the key length must be the enc's.
    assert_eq!(
        Encrypter::new(&k16, K::Dir, E::A256Gcm).unwrap_err().kind(),
        ErrorKind::KeyMismatch
    );
    assert!(Encrypter::new(&k32, K::Dir, E::A128CbcHs256).is_ok());
    assert!(Encrypter::new(&k32, K::Dir, E::A256Gcm).is_ok());
    // RSA key for AES algorithms, oct key for RSA.
    let rsa = rsa_key();
    assert_eq!(
        Encrypter::new(&rsa, K::A128KW, E::A128Gcm)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    assert_eq!(
        Encrypter::new(&k32, K::RsaOaep256, E::A128Gcm)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    // A public RSA key encrypts but cannot decrypt.
    let public = rsa.to_public().unwrap();
    let t = Encrypter::new(&public, K::RsaOaep256, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"hi")
        .unwrap();
    let e = Decrypter::new(
        &public,
        &[K::RsaOaep256],
        jwcrypt::ContentEncryptionAlg::ALL,
    )
    .unwrap()
    .decrypt(&t)
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
}

#[test]
fn key_alg_use_and_key_ops_are_enforced() {
    use jwcrypt::jwk::{KeyOp, KeyUse};
    let key = Jwk::generate_oct(128).unwrap();
    let sig = key.clone().with_use(KeyUse::Signature).unwrap();
    assert_eq!(
        Encrypter::new(&sig, K::A128KW, E::A128Gcm)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    let unwrap_only = key.clone().with_key_ops([KeyOp::UnwrapKey]).unwrap();
    assert!(Encrypter::new(&unwrap_only, K::A128KW, E::A128Gcm).is_err());
    let wrap_only = key.clone().with_key_ops([KeyOp::WrapKey]).unwrap();
    let t = Encrypter::new(&wrap_only, K::A128KW, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    assert_eq!(
        Decrypter::new(&wrap_only, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL)
            .unwrap()
            .decrypt(&t)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    let for_gcmkw = key.clone().with_alg(K::A128GCMKW);
    assert!(Encrypter::new(&for_gcmkw, K::A128KW, E::A128Gcm).is_err());
    // A dir key may carry its enc as alg (RFC 7520 §3.6).
    let dir = Jwk::generate_for(E::A128Gcm).unwrap();
    let t = Encrypter::new(&dir, K::Dir, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"d")
        .unwrap();
    assert_eq!(
        Decrypter::for_key_algs(&dir, jwcrypt::ContentEncryptionAlg::ALL)
            .unwrap()
            .decrypt(&t)
            .unwrap()
            .plaintext(),
        b"d"
    );
    assert!(Encrypter::new(&dir, K::Dir, E::A128CbcHs256).is_err());
}
