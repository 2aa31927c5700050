//! PBES2 (RFC 7518 §4.8) through the JWE layer: what needs the crate's insides (the PBKDF2
//! call counter) and the round trips over every algorithm and `enc`.

use serde_json::{Value, json};

use super::{Decrypter, Encrypter, JsonEncrypter, Password};
use crate::jwa::pbes2;
use crate::{ContentEncryptionAlg as E, ErrorKind, KeyManagementAlg as K, Limits, b64};

const PBES2: [K; 3] = [
    K::Pbes2Hs256A128KW,
    K::Pbes2Hs384A192KW,
    K::Pbes2Hs512A256KW,
];

fn token(header: &Value, ek: &[u8], iv: &[u8], ct: &[u8], tag: &[u8]) -> String {
    format!(
        "{}.{}.{}.{}.{}",
        b64::encode(header.to_string().as_bytes()),
        b64::encode(ek),
        b64::encode(iv),
        b64::encode(ct),
        b64::encode(tag)
    )
}

/// ATTACKS rows 2-7: a `p2c` over the limit, a short `p2s` or a bad `p2c` is refused with no
/// PBKDF2 call at all (counted on this thread), with the password at hand.
#[test]
fn pbes2_p2c_over_the_limit_refused_without_pbkdf2() {
    let password = Password::new(b"correct horse".to_vec()).unwrap();
    for alg in PBES2 {
        let d = Decrypter::with_password(&password, &[alg], E::ALL).unwrap();
        let p2s = b64::encode(&[7u8; 16]);
        let cases = [
            (
                json!(2_147_483_647u64),
                p2s.clone(),
                ErrorKind::LimitExceeded,
            ),
            (json!(u64::MAX), p2s.clone(), ErrorKind::LimitExceeded),
            (json!(16_385), p2s.clone(), ErrorKind::LimitExceeded),
            (json!(0), p2s.clone(), ErrorKind::InvalidHeader),
            (json!(-1), p2s.clone(), ErrorKind::InvalidHeader),
            (json!(1e300), p2s.clone(), ErrorKind::InvalidHeader),
            (
                json!(1000),
                b64::encode(&[7u8; 7]),
                ErrorKind::InvalidHeader,
            ),
            (json!(1000), String::new(), ErrorKind::InvalidHeader),
        ];
        for (p2c, p2s, want) in cases {
            let h = json!({"alg": alg.name(), "enc": "A128GCM", "p2s": p2s, "p2c": p2c});
            let t = token(&h, &[1; 24], &[2; 12], &[3; 4], &[4; 16]);
            let before = pbes2::pbkdf2_calls();
            assert_eq!(d.decrypt(&t).unwrap_err().kind(), want, "{alg} {h}");
            assert_eq!(pbes2::pbkdf2_calls(), before, "{alg} {h}: PBKDF2 ran");
        }
        // A lower limit is honoured the same way; at the limit, exactly one derivation.
        let limits = Limits {
            max_p2c: 1000,
            ..Limits::default()
        };
        let d = d.with_limits(limits);
        let ok = Encrypter::with_password(&password, alg, E::A128Gcm)
            .unwrap()
            .with_p2c(1001)
            .unwrap()
            .encrypt_compact(b"x")
            .unwrap();
        let before = pbes2::pbkdf2_calls();
        assert_eq!(d.decrypt(&ok).unwrap_err().kind(), ErrorKind::LimitExceeded);
        assert_eq!(pbes2::pbkdf2_calls(), before);
        let ok = Encrypter::with_password(&password, alg, E::A128Gcm)
            .unwrap()
            .with_p2c(1000)
            .unwrap()
            .encrypt_compact(b"x")
            .unwrap();
        let before = pbes2::pbkdf2_calls();
        assert_eq!(d.decrypt(&ok).unwrap().plaintext(), b"x");
        assert_eq!(pbes2::pbkdf2_calls(), before + 1);
    }
}

/// PBES2 encryption: a fresh 16-byte `p2s` per token, `p2c` 8192 by default, settable; every
/// `enc`; a JSON recipient; the empty password refused.
#[test]
fn pbes2_round_trips_and_defaults() {
    let password = Password::new(b"pw".to_vec()).unwrap();
    for alg in PBES2 {
        for enc in E::ALL {
            let e = Encrypter::with_password(&password, alg, *enc).unwrap();
            let (t1, t2) = (
                e.encrypt_compact(b"m").unwrap(),
                e.encrypt_compact(b"m").unwrap(),
            );
            let d = Decrypter::with_password(&password, &[alg], E::ALL).unwrap();
            for t in [&t1, &t2] {
                let out = d.decrypt(t).unwrap();
                assert_eq!(out.plaintext(), b"m");
                assert_eq!(out.header().get("p2c"), Some(&json!(8192)));
                let p2s = out.header().get("p2s").unwrap().as_str().unwrap();
                assert_eq!(b64::decode(p2s.as_bytes()).unwrap().len(), 16);
            }
            let h = |t: &str| d.decrypt(t).unwrap().header().get("p2s").cloned();
            assert_ne!(h(&t1), h(&t2));
        }
    }
    let t = JsonEncrypter::new(E::A256Gcm)
        .add_password_recipient(&password, K::Pbes2Hs512A256KW, None)
        .unwrap()
        .encrypt(b"j", None)
        .unwrap();
    let d = Decrypter::with_password(&password, &[K::Pbes2Hs512A256KW], E::ALL).unwrap();
    assert_eq!(d.decrypt(&t).unwrap().plaintext(), b"j");
    assert_eq!(
        Password::new(Vec::new()).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    // A password is never used with a non-PBES2 algorithm, nor a JWK with PBES2.
    assert_eq!(
        Encrypter::with_password(&password, K::A128KW, E::A128Gcm)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    assert_eq!(
        Decrypter::with_password(&password, &[K::A128KW], E::ALL)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(format!("{password:?}"), "Password(..)");
}
