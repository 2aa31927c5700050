//! Issue 25, class 3: format and size checks before any work (go-jose CVE-2025-27144,
//! Authlib CVE-2025-61920, jwcrypto CVE-2026-80179, joserfc CVE-2026-119284: millions of `.`
//! or one huge segment; joserfc CVE-2026-48990: a `b64: false` payload skipping the size
//! limit; RFC 8725bis: the JWT format check). The millions of dots are proven by
//! `jws::cve_2025_27144_jws_ten_megabytes_of_dots`, `jwe::cve_2025_27144_jwe_many_dots` and
//! `resource_exhaustion::cve_2025_27144_jwt_reader_millions_of_dots`; the tests here add one
//! huge segment in each position, the unencoded payload, and the JWT format check.
//!
//! "Before any work" is shown by the error kind: each oversized token also carries a bad
//! signature, bad base64 or an unknown key, so a library that decoded or verified first would
//! report that instead of [`ErrorKind::LimitExceeded`].

use crate::helpers::{b64, decrypt_everything, hs256_key, kind};
use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::jwt::{Reader, Validation};
use jwcrypt::{ErrorKind, Limits, SigningAlg as S};

/// Limits with a small token cap, so that tests stay small.
fn small() -> Limits {
    let mut l = Limits::default();
    l.max_token_len = 4096;
    l
}

fn reader(limits: Limits) -> Reader {
    let key = hs256_key();
    Reader::builder(Validation::new().allow_missing_exp())
        .verify_with(&key, &[S::HS256])
        .with_limits(limits)
        .build()
        .unwrap()
}

#[test]
fn cve_2026_119284_one_huge_segment_refused_before_decoding() {
    let key = hs256_key();
    let default_cap = Limits::default().max_token_len;
    let h = b64(br#"{"alg":"HS256"}"#);
    // One segment of invalid base64 ('*') past the token cap, in each position.
    let huge = "*".repeat(default_cap + 1);
    for token in [
        format!("{huge}.e30.AAAA"),
        format!("{h}.{huge}.AAAA"),
        format!("{h}.e30.{huge}"),
        format!("{h}.{huge}"),
        huge.clone(),
    ] {
        let v = Verifier::new(&key, &[S::HS256]).unwrap();
        assert_eq!(kind(v.verify(&token)), ErrorKind::LimitExceeded);
        assert_eq!(kind(v.verify_compact(&token)), ErrorKind::LimitExceeded);
        assert_eq!(
            kind(decrypt_everything(&key).decrypt(&token)),
            ErrorKind::LimitExceeded
        );
        assert_eq!(
            kind(reader(Limits::default()).read(&token)),
            ErrorKind::LimitExceeded
        );
        assert_eq!(
            kind(jwcrypt::dangerous::inspect(&token)),
            ErrorKind::LimitExceeded
        );
    }
    // A five-part JWE with a huge `encrypted_key`.
    let jwe = format!(
        "{}.{huge}.AAAA.AAAA.AAAA",
        b64(br#"{"alg":"A256KW","enc":"A256GCM"}"#)
    );
    assert_eq!(
        kind(decrypt_everything(&key).decrypt(&jwe)),
        ErrorKind::LimitExceeded
    );
    // A header segment under the token cap but past the header cap is refused before its
    // JSON is parsed ('[' a thousand times deep is also past the depth limit, which would
    // be a different error).
    let header_cap = Limits::default().max_header_len;
    let deep_header = b64("[".repeat(header_cap));
    let t = format!("{deep_header}.e30.AAAA");
    assert!(t.len() < default_cap);
    assert_eq!(
        kind(Verifier::new(&key, &[S::HS256]).unwrap().verify(&t)),
        ErrorKind::LimitExceeded
    );
    assert_eq!(
        kind(reader(Limits::default()).read(&t)),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn cve_2026_48990_unencoded_payload_counts_against_the_size_limit() {
    let key = hs256_key();
    let header = JwsHeader::new(S::HS256).unencoded_payload();
    let limits = small();
    let v = Verifier::new(&key, &[S::HS256])
        .unwrap()
        .with_limits(limits.clone());
    // A payload that fits: the compact unencoded token verifies.
    let fits = vec![b'p'; 2000];
    let t = jws::sign_compact(&fits, &header, &key).unwrap();
    assert!(t.len() <= limits.max_token_len);
    assert_eq!(v.verify(&t).unwrap().payload(), &fits[..]);
    // A raw payload past the cap: refused by size, for the compact and both JSON forms, and
    // for a token whose signature is wrong (so the size is checked before the MAC).
    let over = vec![b'p'; limits.max_token_len];
    let compact = jws::sign_compact(&over, &header, &key).unwrap();
    let flattened = JsonSigner::new()
        .add_signature(&header, None, &key)
        .sign_flattened(&over)
        .unwrap();
    let general = JsonSigner::new()
        .add_signature(&header, None, &key)
        .sign_general(&over)
        .unwrap();
    let forged = {
        let mut parts: Vec<&str> = compact.split('.').collect();
        parts[2] = "AAAA";
        parts.join(".")
    };
    for token in [&compact, &flattened, &general, &forged] {
        assert!(token.len() > limits.max_token_len);
        assert_eq!(kind(v.verify(token)), ErrorKind::LimitExceeded);
    }
    assert_eq!(kind(v.verify_compact(&compact)), ErrorKind::LimitExceeded);
    assert_eq!(kind(v.verify_json(&flattened)), ErrorKind::LimitExceeded);
    assert_eq!(kind(v.verify_json(&general)), ErrorKind::LimitExceeded);
    // The same through the JWT reader.
    assert_eq!(
        kind(reader(limits.clone()).read(&compact)),
        ErrorKind::LimitExceeded
    );
    // The default cap holds for the unencoded form too.
    let v = Verifier::new(&key, &[S::HS256]).unwrap();
    let huge = vec![b'p'; Limits::default().max_token_len + 1];
    let t = jws::sign_compact(&huge, &header, &key).unwrap();
    assert_eq!(kind(v.verify(&t)), ErrorKind::LimitExceeded);
}

#[test]
fn rfc8725bis_jwt_format_check_payload_must_be_a_json_object() {
    let key = hs256_key();
    let header = JwsHeader::new(S::HS256).with_typ("JWT");
    let r = reader(Limits::default());
    for payload in [
        &b"[1,2]"[..],
        b"\"a string\"",
        b"12345",
        b"null",
        b"true",
        b"not json at all",
        b"",
        b"{\"sub\":\"x\"} {}",
        b"{\"sub\":\"x\"",
        b"\xef\xbb\xbf{\"sub\":\"x\"}",
        b"\xff\xfe",
    ] {
        let token = jws::sign_compact(payload, &header, &key).unwrap();
        // A plain JWS verifier takes any payload: the format check is the JWT reader's.
        assert_eq!(
            Verifier::new(&key, &[S::HS256])
                .unwrap()
                .verify(&token)
                .unwrap()
                .payload(),
            payload
        );
        // The claims set is not a JSON object: the reader refuses it as malformed JSON.
        assert_eq!(
            kind(r.read(&token)),
            ErrorKind::Json,
            "{}",
            String::from_utf8_lossy(payload)
        );
    }
    // A JWT is compact (RFC 7519 §1): a JSON-serialized JWS of valid claims is not one.
    let json_jws = JsonSigner::new()
        .add_signature(&header, None, &key)
        .sign_flattened(br#"{"sub":"x"}"#)
        .unwrap();
    assert_eq!(kind(r.read(&json_jws)), ErrorKind::MalformedToken);
    // Sanity: the object passes.
    let ok = jws::sign_compact(br#"{"sub":"x"}"#, &header, &key).unwrap();
    assert_eq!(r.read(&ok).unwrap().sub(), Some("x"));
}
