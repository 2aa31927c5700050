//! Inputs built to exhaust time or memory: millions of dots (ATTACKS row 16), quadratic
//! `key_ops` and huge key sets (row 31), oversized tokens and deeply nested JSON: each refused
//! by its limit before the costly work.

use jwcrypt::jwe::Decrypter;
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::jwt::{Claims, Reader, Validation};
use jwcrypt::{Error, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K, Limits, SigningAlg as S};
use serde_json::json;

use crate::helpers::{b64, decrypt_everything, hs256_key, kind};

/// ATTACKS row 16 (CVE-2025-27144, CVE-2025-30204, CVE-2025-22868): 10 MB of dots
/// through the JWT reader and the unverified inspectors; with the size limit raised past
/// it, the structure check fails without splitting (the part counter stops at 6).
#[test]
fn cve_2025_27144_jwt_reader_millions_of_dots() {
    let dots = ".".repeat(10 << 20);
    let key = hs256_key();
    let signed = Reader::builder(Validation::new())
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    assert_eq!(kind(signed.read(&dots)), ErrorKind::LimitExceeded);
    let mut big = Limits::default();
    big.max_token_len = 16 << 20;
    let signed = Reader::builder(Validation::new())
        .verify_with(&key, &[S::HS256])
        .with_limits(big.clone())
        .build()
        .unwrap();
    assert_eq!(kind(signed.read(&dots)), ErrorKind::MalformedToken);
    let encrypted = Reader::builder(Validation::new())
        .decrypt_with(&key, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .with_limits(big.clone())
        .build()
        .unwrap();
    assert_eq!(kind(encrypted.read(&dots)), ErrorKind::MalformedToken);
    let four = "a.".repeat(2) + "a";
    // Three parts that are no JWS at all are said to be no JWT; a JWS is the wrong type.
    assert_eq!(kind(encrypted.read(&four)), ErrorKind::MalformedToken);
    let jws_like = "eyJhbGciOiJIUzI1NiJ9.a.a";
    assert_eq!(
        kind(encrypted.read(jws_like)),
        ErrorKind::UnexpectedTokenType
    );
    assert!(jwcrypt::dangerous::inspect(&dots).is_err());
    let d = Decrypter::new(&key, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .with_limits(big);
    assert_eq!(kind(d.decrypt(&dots)), ErrorKind::MalformedToken);
}

/// ATTACKS row 31 (jwcrypto PR #398): a JWK with 100k `key_ops` entries is checked with a
/// set (100k distinct entries import; 100k duplicates are refused at the first repeat),
/// and a 100k-key JWK Set is refused by the set cap even when the text limit allows it.
#[test]
fn jwcrypto_pr_398_key_ops_100k_entries_and_100k_key_set() {
    let k = b64([0x55u8; 32]);
    let mut big = Limits::default();
    big.max_jwk_len = 64 << 20;
    // 100,003 values (the default max_json_values refuses them, before parsing).
    big.max_json_values = 1_000_000;
    let distinct: Vec<String> = (0..100_000).map(|i| format!("op{i}")).collect();
    let text = json!({"kty":"oct","k":k,"key_ops":distinct}).to_string();
    let key = Jwk::from_json_with_limits(&text, &big).unwrap();
    assert_eq!(key.params().key_ops.as_ref().unwrap().len(), 100_000);
    // None of them is an operation a JWS needs: the key is refused for signing.
    assert!(
        jws::sign_compact(b"x", &JwsHeader::new(S::HS256), &key).is_err(),
        "unknown key_ops allowed signing"
    );
    let dups = vec!["sign"; 100_000];
    let text = json!({"kty":"oct","k":k,"key_ops":dups}).to_string();
    let e = Jwk::from_json_with_limits(&text, &big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("duplicate"), "{e}");

    let one = json!({"kty":"oct","k":k});
    let set = json!({ "keys": vec![one; 100_000] }).to_string();
    assert_eq!(kind(JwkSet::from_json(&set)), ErrorKind::LimitExceeded);
    let e = JwkSet::from_json_with_limits(&set, &big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(e.message().contains("100000 keys"), "{e}");
}

/// A 16 MiB token is refused by the size limit before any parsing: the error is
/// LimitExceeded even where the content would fail parsing with another error.
#[test]
fn sixteen_mib_token_refused_by_size_limit_before_parsing() {
    let sixteen = 16 << 20;
    let key = hs256_key();
    for filler in ["{", ".", "a", "["] {
        let t = filler.repeat(sixteen);
        assert_eq!(
            kind(Verifier::new(&key, S::ALL).unwrap().verify(&t)),
            ErrorKind::LimitExceeded
        );
        assert_eq!(
            kind(decrypt_everything(&key).decrypt(&t)),
            ErrorKind::LimitExceeded
        );
        let reader = Reader::builder(Validation::new())
            .verify_with(&key, &[S::HS256])
            .build()
            .unwrap();
        assert_eq!(kind(reader.read(&t)), ErrorKind::LimitExceeded);
        assert_eq!(kind(JwkSet::from_json(&t)), ErrorKind::LimitExceeded);
        assert_eq!(kind(Jwk::from_json(&t)), ErrorKind::LimitExceeded);
        assert_eq!(kind(Claims::from_json(&t)), ErrorKind::LimitExceeded);
    }
}

/// JSON nested 100k levels deep is refused by the depth limit (no stack overflow) in
/// every JSON the library reads: JWS/JWE headers, JSON serializations, JWKs, sets, claims.
#[test]
fn hundred_thousand_deep_json_refused() {
    let deep = |inner: &str| {
        format!(
            "{{\"a\":{}{inner}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
    };
    let is_limit = |e: Error| {
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded), "{}", e.kind());
    };
    is_limit(Claims::from_json(deep("1")).unwrap_err());
    is_limit(Jwk::from_json(deep("1")).unwrap_err());
    is_limit(JwkSet::from_json(deep("1")).unwrap_err());
    let header = format!(
        "{{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"x\":{}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut big = Limits::default();
    big.max_header_len = 1 << 20;
    let key = Jwk::from_oct_bytes(&[0x11; 16]).unwrap();
    let d = Decrypter::new(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .with_limits(big.clone());
    let t = format!(
        "{}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
        b64(&header)
    );
    is_limit(d.decrypt(&t).unwrap_err());
    // Signed claims nested deep, through the JWT reader.
    let hs = hs256_key();
    let t = jws::sign_compact(deep("1").as_bytes(), &JwsHeader::new(S::HS256), &hs).unwrap();
    let reader = Reader::builder(Validation::new())
        .verify_with(&hs, &[S::HS256])
        .with_limits(big)
        .build()
        .unwrap();
    is_limit(reader.read(&t).unwrap_err());
}
