//! ATTACKS rows 2–7 and 39 (PBES2 denial of service): `p2c` and `p2s` refused from the
//! header before any key derivation, and every later PBES2 failure the one decryption error.

use jwcrypt::jwe::{Decrypter, Encrypter, Password};
use jwcrypt::jwt::{Reader, Validation};
use jwcrypt::{
    ContentEncryptionAlg as E, Error, ErrorKind, Jwk, KeyManagementAlg as K, Limits, Policy,
};
use serde_json::{Value, json};

use crate::helpers::{b64, decrypt_everything, hs256_key, jwe_with_header, kind};
use crate::support;
use crate::zip_util::to_flattened;

const PASSWORD: &[u8] = b"Thus from my lips, by yours, my sin is purged.";

/// PBES2 is decrypted only with a [`Password`] and only when its algorithm is named; a `p2c`
/// over [`Limits::max_p2c`] (or not a positive integer) is refused from the header, before any
/// key derivation, as `want`: with the password, in both serializations; by the most
/// permissive decrypter holding the password's bytes as an `oct` JWK; by a password
/// decrypter naming another PBES2 algorithm; by the JWT reader and the recommended policy.
/// (That no PBKDF2 call happens is counted by the unit test
/// `jwe::tests_pbes2::pbes2_p2c_over_the_limit_refused_without_pbkdf2`: the counter is not public.)
fn assert_pbes2_refused(alg: &str, p2c: Value, want: ErrorKind, limits: &Limits) {
    let named: K = alg.parse().unwrap();
    let header =
        json!({"alg": alg, "enc": "A128CBC-HS256", "p2s": "2WCTcJZ1Rvd_CJuJripQ1w", "p2c": p2c});
    let token = jwe_with_header(&header);
    let password = Password::new(PASSWORD.to_vec()).unwrap();
    let d = Decrypter::with_password(&password, &[named], E::ALL)
        .unwrap()
        .with_limits(limits.clone());
    assert_eq!(kind(d.decrypt(&token)), want, "{alg} {p2c}");
    assert_eq!(kind(d.decrypt(&to_flattened(&token))), want, "{alg} {p2c}");
    let as_key = Jwk::from_oct_bytes(PASSWORD).unwrap();
    let everything = decrypt_everything(&as_key).with_limits(limits.clone());
    assert_eq!(kind(everything.decrypt(&token)), want, "{alg} {p2c}");
    // Not named: refused by `alg` alone.
    let other = [K::Pbes2Hs256A128KW, K::Pbes2Hs512A256KW]
        .into_iter()
        .find(|a| *a != named)
        .unwrap();
    let d = Decrypter::with_password(&password, &[other], E::ALL).unwrap();
    assert_eq!(kind(d.decrypt(&token)), ErrorKind::AlgorithmNotAllowed);
    let not_rsa1_5: Vec<K> = K::ALL.iter().copied().filter(|a| *a != K::Rsa1_5).collect();
    let reader = Reader::builder(Validation::new())
        .decrypt_with(&as_key, &not_rsa1_5, jwcrypt::ContentEncryptionAlg::ALL)
        .build()
        .unwrap();
    let got = kind(reader.read(&token));
    assert!(
        got == want || got == ErrorKind::KeyNotFound,
        "{alg} {p2c}: {got:?}"
    );
    // The recommended policy does not name PBES2.
    let d = Decrypter::from_policy(&as_key, &Policy::recommended()).unwrap();
    assert_eq!(kind(d.decrypt(&token)), ErrorKind::AlgorithmNotAllowed);
}

/// ATTACKS row 2 (CVE-2023-6681, jwcrypto): `p2c` = 2^31 − 1.
#[test]
fn cve_2023_6681_pbes2_p2c_2147483647_refused_without_pbkdf2() {
    assert_pbes2_refused(
        "PBES2-HS256+A128KW",
        json!(2_147_483_647u64),
        ErrorKind::LimitExceeded,
        &Limits::default(),
    );
    // Just over the default limit of 16,384, and every algorithm.
    for alg in [
        "PBES2-HS256+A128KW",
        "PBES2-HS384+A192KW",
        "PBES2-HS512+A256KW",
    ] {
        assert_pbes2_refused(
            alg,
            json!(16_385),
            ErrorKind::LimitExceeded,
            &Limits::default(),
        );
    }
}

/// ATTACKS row 3 (CVE-2022-36083, panva/jose): the same, and PBES2 is not allowed by the
/// default policy (which allows nothing) nor by the recommended one, nor implied by a key's
/// own `alg`.
#[test]
fn cve_2022_36083_pbes2_p2c_refused_and_not_in_default_policy() {
    assert_pbes2_refused(
        "PBES2-HS384+A192KW",
        json!(2_147_483_647u64),
        ErrorKind::LimitExceeded,
        &Limits::default(),
    );
    let key = hs256_key();
    assert_eq!(
        kind(Decrypter::from_policy(&key, &Policy::default())),
        ErrorKind::InvalidArgument
    );
    assert!(
        Policy::recommended()
            .key_management_algs
            .iter()
            .all(|a| !a.is_pbes2())
    );
    // A JWK claiming a PBES2 alg is never a password, and never implies PBES2.
    let claimed = Jwk::from_oct_bytes(PASSWORD)
        .unwrap()
        .with_alg(K::Pbes2Hs256A128KW);
    assert_eq!(
        kind(Decrypter::for_key_algs(&claimed, E::ALL)),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        kind(Encrypter::new(&claimed, K::Pbes2Hs256A128KW, E::A128Gcm)),
        ErrorKind::KeyMismatch
    );
    assert_eq!(
        kind(Jwk::generate_for(K::Pbes2Hs256A128KW)),
        ErrorKind::InvalidArgument
    );
}

/// ATTACKS row 4 (go-jose "billion hashes", WS-2023-0431): a p2c far past any cap.
#[test]
fn ws_2023_0431_go_jose_billion_hashes_pbes2_refused() {
    assert_pbes2_refused(
        "PBES2-HS512+A256KW",
        json!(u64::MAX),
        ErrorKind::LimitExceeded,
        &Limits::default(),
    );
}

/// ATTACKS row 5 (CVE-2023-52428, Nimbus): p2c as a float of absurd size.
#[test]
fn cve_2023_52428_pbes2_p2c_refused() {
    assert_pbes2_refused(
        "PBES2-HS256+A128KW",
        json!(1e300),
        ErrorKind::InvalidHeader,
        &Limits::default(),
    );
}

/// ATTACKS row 6 (CVE-2023-50967, latchset/jose): p2c negative, zero or of the wrong type.
#[test]
fn cve_2023_50967_pbes2_p2c_refused() {
    for p2c in [
        json!(-1),
        json!(0),
        json!("2147483647"),
        json!(1.5),
        json!(null),
    ] {
        assert_pbes2_refused(
            "PBES2-HS256+A128KW",
            p2c,
            ErrorKind::InvalidHeader,
            &Limits::default(),
        );
    }
}

/// ATTACKS row 7 (CVE-2023-49290, jwx): with the limit lowered to jwx's cap of 10,000,
/// 10,001 is refused.
#[test]
fn cve_2023_49290_pbes2_p2c_refused() {
    let mut limits = Limits::default();
    limits.max_p2c = 10_000;
    assert_pbes2_refused(
        "PBES2-HS512+A256KW",
        json!(10_001),
        ErrorKind::LimitExceeded,
        &limits,
    );
}

/// ATTACKS row 39 (jwcrypto 1.6.1): a `p2s` under 8 bytes is refused on decryption (before
/// any key derivation), and an empty password both ways (a [`Password`] cannot be empty, and
/// both directions take one).
#[test]
fn jwcrypto_2026_pbes2_short_p2s_and_empty_password_refused() {
    let password = Password::new(PASSWORD.to_vec()).unwrap();
    let good = Encrypter::with_password(&password, K::Pbes2Hs256A128KW, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    let d = Decrypter::with_password(&password, &[K::Pbes2Hs256A128KW], E::ALL).unwrap();
    assert_eq!(d.decrypt(&good).unwrap().plaintext(), b"x");
    for len in [0usize, 4, 7] {
        let header = json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM",
            "p2s": b64(vec![9u8; len]), "p2c": 1000});
        let token = jwe_with_header(&header);
        assert_eq!(kind(d.decrypt(&token)), ErrorKind::InvalidHeader, "{len}");
        assert_eq!(
            kind(d.decrypt(&to_flattened(&token))),
            ErrorKind::InvalidHeader
        );
    }
    // p2s missing or not a string.
    for p2s in [None, Some(json!(12345678))] {
        let mut header = json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 1000});
        if let Some(v) = p2s {
            header["p2s"] = v;
        }
        assert_eq!(
            kind(d.decrypt(&jwe_with_header(&header))),
            ErrorKind::InvalidHeader
        );
    }
    assert_eq!(kind(Password::new(Vec::new())), ErrorKind::InvalidArgument);
}

/// After a PBES2 header is accepted, every failure (wrong password, tampered encrypted key,
/// IV, ciphertext or tag) is the one decryption error.
#[test]
fn pbes2_failures_after_parsing_are_one_error() {
    let password = Password::new(PASSWORD.to_vec()).unwrap();
    let token = Encrypter::with_password(&password, K::Pbes2Hs384A192KW, E::A192CbcHs384)
        .unwrap()
        .with_p2c(1000)
        .unwrap()
        .encrypt_compact(b"secret")
        .unwrap();
    let wrong = Password::new(b"wrong".to_vec()).unwrap();
    let d = Decrypter::with_password(&wrong, &[K::Pbes2Hs384A192KW], E::ALL).unwrap();
    let reference = d.decrypt(&token).unwrap_err();
    assert_eq!(reference.kind(), ErrorKind::Decryption);
    assert_eq!(reference.to_string(), Error::decryption().to_string());
    let d = Decrypter::with_password(&password, &[K::Pbes2Hs384A192KW], E::ALL).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    for i in 1..5 {
        let mut p: Vec<String> = parts.iter().map(|s| (*s).to_owned()).collect();
        let mut bytes = support::b64::decode(p[i].as_bytes()).unwrap();
        bytes[0] ^= 1;
        p[i] = b64(bytes);
        let e = d.decrypt(&p.join(".")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decryption, "part {i}");
        assert_eq!(e.to_string(), reference.to_string());
    }
}
