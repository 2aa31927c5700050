//! The JWT [`Reader`]: one kind of token per reader (CVE-2022-3102), every layer verified,
//! key sets with `kid` at both layers, typed claims, malformed input, and round trips for
//! every signing algorithm inside three encryptions.

use std::time::Duration;

use crate::support::{self, flip_bit, public, rsa_a, rsa_b};
use jwcrypt::jwe::Encrypter;
use jwcrypt::jws::{self, JwsHeader};
use jwcrypt::jwt::{self, Claims, FixedClock, Reader, TokenKind, Validation};
use jwcrypt::{
    ContentEncryptionAlg as E, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K, Limits,
    SigningAlg as S,
};

const NOW: i64 = 1_700_000_000;

fn v() -> Validation {
    Validation::new()
        .issuer("https://issuer.example")
        .audience("api")
        .clock(FixedClock(NOW))
}

fn claims() -> Claims {
    Claims::new()
        .issuer("https://issuer.example")
        .subject("alice")
        .audience("api")
        .issued_at(NOW - 5)
        .not_before(NOW - 5)
        .expires_at(NOW + 600)
        .jwt_id("id-1")
        .claim("role", "guest")
        .claim("n", serde_json::json!({"deep": [1, 2, {"x": null}]}))
}

fn kind(r: jwcrypt::Result<Claims>) -> ErrorKind {
    r.expect_err("accepted").kind()
}

fn hs() -> Jwk {
    Jwk::generate_for(S::HS256).unwrap()
}

fn kw() -> Jwk {
    Jwk::generate_for(K::A256KW).unwrap()
}

// ----- CVE-2022-3102: the reader, not the token, decides what kind of token it reads -----

/// The attacker encrypts claims of their choice to the verifier's RSA public key: a
/// verify-only reader holding that key must refuse the JWE, whatever keys it holds.
#[test]
fn cve_2022_3102_jwe_to_a_verify_only_reader() {
    let verifier_pub = public(rsa_a());
    let forged = jwt::encrypted(&claims(), &verifier_pub, K::RsaOaep, E::A256Gcm).unwrap();
    for r in [
        Reader::builder(v())
            .verify_with(&verifier_pub, &[S::RS256])
            .build()
            .unwrap(),
        Reader::builder(v())
            .verify_with(rsa_a(), &[S::RS256, S::PS256])
            .build()
            .unwrap(),
    ] {
        let e = r.read(&forged).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnexpectedTokenType, "{e}");
    }
    let set: JwkSet = [rsa_a().clone(), public(rsa_b())].into_iter().collect();
    assert_eq!(
        kind(
            Reader::builder(v())
                .verify_with(&set, &[S::RS256])
                .build()
                .unwrap()
                .read(&forged)
        ),
        ErrorKind::UnexpectedTokenType
    );
    // Same with a nested token signed by the attacker's own key.
    let attacker = hs();
    let forged = jwt::signed(&claims(), &attacker, S::HS256)
        .unwrap()
        .encrypt(&verifier_pub, K::RsaOaep256, E::A256CbcHs512)
        .unwrap();
    assert_eq!(
        kind(
            Reader::builder(v())
                .verify_with(&verifier_pub, &[S::RS256])
                .build()
                .unwrap()
                .read(&forged)
        ),
        ErrorKind::UnexpectedTokenType
    );
    // And a nested reader holding the private key still checks the inner signature.
    assert_eq!(
        kind(
            Reader::builder(v())
                .decrypt_with(
                    rsa_a(),
                    &[K::RsaOaep256],
                    jwcrypt::ContentEncryptionAlg::ALL
                )
                .verify_with(&verifier_pub, &[S::RS256])
                .build()
                .unwrap()
                .read(&forged)
        ),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(
            Reader::builder(v())
                .decrypt_with(
                    rsa_a(),
                    &[K::RsaOaep256],
                    jwcrypt::ContentEncryptionAlg::ALL
                )
                .verify_with(&verifier_pub, &[S::HS256, S::RS256])
                .build()
                .unwrap()
                .read(&forged)
        ),
        ErrorKind::KeyMismatch
    );
}

#[test]
fn signed_jwt_to_a_decrypt_reader() {
    let key = hs();
    let token = jwt::signed(&claims(), &key, S::HS256).unwrap();
    let enc = kw();
    for r in [
        Reader::builder(v())
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap(),
        Reader::builder(v())
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&key, &[S::HS256])
            .build()
            .unwrap(),
    ] {
        assert_eq!(kind(r.read(token.as_str())), ErrorKind::UnexpectedTokenType);
    }
}

#[test]
fn nested_token_to_a_decrypt_only_reader_gives_no_claims() {
    let sig = hs();
    let enc = kw();
    let secret_claims = claims().claim("secret", "do-not-leak-7f3a");
    let token = jwt::signed(&secret_claims, &sig, S::HS256)
        .unwrap()
        .encrypt(&enc, K::A256KW, E::A256Gcm)
        .unwrap();
    let e = Reader::builder(v())
        .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .build()
        .unwrap()
        .read_token(&token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedTokenType);
    let text = format!("{e} {e:?}");
    assert!(!text.contains("do-not-leak"), "{text}");
    assert!(!text.contains("alice"), "{text}");
    // A nested token whose cty is written "application/jwt" is a nested token too.
    let inner = jwt::signed(&secret_claims, &sig, S::HS256).unwrap();
    let token = Encrypter::new(&enc, K::A256KW, E::A256Gcm)
        .unwrap()
        .with_cty("application/JWT")
        .encrypt_compact(inner.as_str().as_bytes())
        .unwrap();
    assert_eq!(
        kind(
            Reader::builder(v())
                .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
                .build()
                .unwrap()
                .read(&token)
        ),
        ErrorKind::UnexpectedTokenType
    );
    assert_eq!(
        Reader::builder(v())
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&sig, &[S::HS256])
            .build()
            .unwrap()
            .read(&token)
            .unwrap(),
        secret_claims
    );
}

#[test]
fn encrypted_only_jwt_to_a_nested_reader() {
    let enc = kw();
    let token = jwt::encrypted(&claims(), &enc, K::A256KW, E::A256Gcm).unwrap();
    let e = Reader::builder(v())
        .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(hs(), &[S::HS256])
        .build()
        .unwrap()
        .read(&token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedTokenType);
    // It reads with a decrypt-only reader.
    let read = Reader::builder(v())
        .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .build()
        .unwrap()
        .read_token(&token)
        .unwrap();
    assert_eq!(read.kind(), TokenKind::Encrypted);
    assert_eq!(read.claims(), &claims());
    assert_eq!(read.jwe_header().unwrap().typ(), Some("JWT"));
}

#[test]
fn a_reader_needs_keys() {
    let e = Reader::builder(v()).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
}

#[test]
fn expects_follows_the_keys() {
    let k = hs();
    let e = kw();
    assert_eq!(
        Reader::builder(v())
            .verify_with(&k, &[S::HS256])
            .build()
            .unwrap()
            .expects(),
        TokenKind::Signed
    );
    assert_eq!(
        Reader::builder(v())
            .decrypt_with(&e, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap()
            .expects(),
        TokenKind::Encrypted
    );
    assert_eq!(
        Reader::builder(v())
            .verify_with(&k, &[S::HS256])
            .decrypt_with(&e, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap()
            .expects(),
        TokenKind::Nested
    );
}

// ----- every layer is verified -----

/// Builds a nested token around an arbitrary inner text.
fn wrap(inner: &str, enc: &Jwk) -> String {
    Encrypter::new(enc, K::A256KW, E::A256Gcm)
        .unwrap()
        .with_cty("JWT")
        .encrypt_compact(inner.as_bytes())
        .unwrap()
}

#[test]
fn tampered_inner_token_is_refused() {
    let sig = hs();
    let enc = kw();
    let inner = jwt::signed(&claims(), &sig, S::HS256).unwrap();
    let reader = Reader::builder(v())
        .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(&sig, &[S::HS256])
        .build()
        .unwrap();
    assert!(reader.read(&wrap(inner.as_str(), &enc)).is_ok());
    // Payload or signature changed inside a valid encryption: the signature fails.
    for part in [1, 2] {
        for at in [0, 10, 31] {
            let bad = flip_bit(inner.as_str(), part, at);
            let e = reader.read(&wrap(&bad, &enc)).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidSignature, "part {part} at {at}");
        }
    }
    // Claims swapped for others, signature kept.
    let other = Claims::new()
        .issuer("https://issuer.example")
        .audience("api")
        .subject("mallory")
        .expires_at(NOW + 600);
    let swapped = support::replace_part(inner.as_str(), 1, other.to_json().as_bytes());
    assert_eq!(
        kind(reader.read(&wrap(&swapped, &enc))),
        ErrorKind::InvalidSignature
    );
    // The outer layer changed: decryption fails, with the one decryption error.
    let token = inner.encrypt(&enc, K::A256KW, E::A256Gcm).unwrap();
    for part in 1..5 {
        let bad = flip_bit(&token, part, 3);
        assert_eq!(
            kind(reader.read(&bad)),
            ErrorKind::Decryption,
            "part {part}"
        );
    }
    // The outer header changed: refused (header problems or decryption).
    assert!(reader.read(&flip_bit(&token, 0, 3)).is_err());
}

#[test]
fn inner_token_signed_with_another_key() {
    let enc = kw();
    let (good, evil) = (hs(), hs());
    let token = jwt::signed(&claims(), &evil, S::HS256)
        .unwrap()
        .encrypt(&enc, K::A256KW, E::A256CbcHs512)
        .unwrap();
    assert_eq!(
        kind(
            Reader::builder(v())
                .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
                .verify_with(&good, &[S::HS256])
                .build()
                .unwrap()
                .read(&token)
        ),
        ErrorKind::InvalidSignature
    );
    let token = jwt::signed(&claims(), rsa_b(), S::RS256)
        .unwrap()
        .encrypt(&enc, K::A256KW, E::A256CbcHs512)
        .unwrap();
    assert_eq!(
        kind(
            Reader::builder(v())
                .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
                .verify_with(public(rsa_a()), &[S::RS256])
                .build()
                .unwrap()
                .read(&token)
        ),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn algorithms_not_allowed_at_either_layer() {
    let sig = hs();
    let enc = kw();
    let token = jwt::signed(&claims(), &sig, S::HS256)
        .unwrap()
        .encrypt(&enc, K::A256KW, E::A256CbcHs512)
        .unwrap();
    let read = |algs: &[K], encs: &[E], salgs: &[S]| {
        Reader::builder(v())
            .decrypt_with(&enc, algs, encs)
            .verify_with(&sig, salgs)
            .build()
            .and_then(|r| r.read(&token))
    };
    assert!(read(&[K::A256KW], &[E::A256CbcHs512], &[S::HS256]).is_ok());
    assert!(read(&[K::A256KW], E::ALL, &[S::HS256]).is_ok());
    assert_eq!(
        kind(read(&[K::A128KW, K::Dir], E::ALL, &[S::HS256])),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(read(
            &[K::A256KW],
            &[E::A256Gcm, E::A128CbcHs256],
            &[S::HS256]
        )),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(read(&[K::A256KW], E::ALL, &[S::HS384, S::HS512, S::RS256])),
        ErrorKind::AlgorithmNotAllowed
    );
    // An empty list is an error at every layer, when the reader is built.
    for (algs, encs, salgs) in [
        (&[][..], E::ALL, &[S::HS256][..]),
        (&[K::A256KW][..], &[][..], &[S::HS256][..]),
        (&[K::A256KW][..], E::ALL, &[][..]),
    ] {
        assert_eq!(kind(read(algs, encs, salgs)), ErrorKind::InvalidArgument);
    }
    // The keys' own algs, by name: these keys have one...
    let own = || Reader::builder(v()).decrypt_with_key_algs(&enc, E::ALL);
    let reader = own().verify_with_key_algs(&sig).build().unwrap();
    assert!(reader.read(&token).is_ok());
    // ...but a key without one cannot be used without naming the algorithms.
    let bare = support::without(&sig, &["alg"]);
    let e = own().verify_with_key_algs(&bare).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = Reader::builder(v())
        .decrypt_with_key_algs(Jwk::from_oct_bytes(&[1; 32]).unwrap(), E::ALL)
        .verify_with_key_algs(&sig)
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    // A key whose alg is another one is refused even if the list allows the token's.
    let hs512 = sig.clone().with_alg(S::HS512);
    assert!(
        Reader::builder(v())
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&hs512, &[S::HS256])
            .build()
            .unwrap()
            .read(&token)
            .is_err()
    );
}

#[test]
fn alg_none_and_hmac_with_a_public_key_are_refused() {
    let pubkey = public(rsa_a());
    let reader = Reader::builder(v())
        .verify_with(&pubkey, &[S::RS256, S::HS256])
        .build()
        .unwrap();
    let body = support::b64::encode(claims().to_json().as_bytes());
    for header in [
        r#"{"alg":"none"}"#,
        r#"{"alg":"None","typ":"JWT"}"#,
        r#"{"alg":"NONE"}"#,
    ] {
        let token = format!("{}.{body}.", support::b64::encode(header.as_bytes()));
        assert!(reader.read(&token).is_err(), "{header}");
    }
    // HS256 keyed with the public key's JWK text (the classic confusion).
    let secret = pubkey.export_public().unwrap();
    let fake = Jwk::from_oct_bytes(secret.as_bytes()).unwrap();
    let token = jwt::signed(&claims(), &fake, S::HS256).unwrap();
    assert_eq!(kind(reader.read(token.as_str())), ErrorKind::KeyMismatch);
}

#[test]
fn deeper_nesting_and_other_shapes_are_refused() {
    let sig = hs();
    let enc = kw();
    let reader = Reader::builder(v())
        .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(&sig, &[S::HS256])
        .build()
        .unwrap();
    // A JWS that says it holds a JWT (cty JWT): refused by both readers.
    let inner = jwt::signed(&claims(), &sig, S::HS256).unwrap();
    let jws_of_jwt = jws::sign_compact(
        inner.as_str().as_bytes(),
        &JwsHeader::new(S::HS256).with_cty("JWT"),
        &sig,
    )
    .unwrap();
    assert_eq!(
        kind(
            Reader::builder(v())
                .verify_with(&sig, &[S::HS256])
                .build()
                .unwrap()
                .read(&jws_of_jwt)
        ),
        ErrorKind::UnexpectedTokenType
    );
    assert_eq!(
        kind(reader.read(&wrap(&jws_of_jwt, &enc))),
        ErrorKind::UnexpectedTokenType
    );
    // A JWE inside the JWE.
    let jwe_in_jwe = wrap(&wrap(inner.as_str(), &enc), &enc);
    assert_eq!(
        kind(reader.read(&jwe_in_jwe)),
        ErrorKind::UnexpectedTokenType
    );
    // A JSON JWS inside the JWE.
    let json_jws = jws::JsonSigner::new()
        .add_signature(&JwsHeader::new(S::HS256), None, &sig)
        .sign_flattened(claims().to_json().as_bytes())
        .unwrap();
    assert_eq!(
        kind(reader.read(&wrap(&json_jws, &enc))),
        ErrorKind::UnexpectedTokenType
    );
    // Not text inside.
    let binary = Encrypter::new(&enc, K::A256KW, E::A256Gcm)
        .unwrap()
        .with_cty("JWT")
        .encrypt_compact(&[0xff, 0xfe, b'.', b'.'])
        .unwrap();
    assert_eq!(kind(reader.read(&binary)), ErrorKind::MalformedToken);
    // Garbage inside that has three parts.
    assert!(reader.read(&wrap("a.b.c", &enc)).is_err());
    // An unencoded payload (RFC 7797) is not a JWT.
    let b64_false = jws::sign_compact(
        br#"{"exp":1}"#,
        &JwsHeader::new(S::HS256).unencoded_payload(),
        &sig,
    );
    if let Ok(t) = b64_false {
        assert!(
            Reader::builder(v().allow_missing_exp())
                .verify_with(&sig, &[S::HS256])
                .build()
                .unwrap()
                .read(&t)
                .is_err()
        );
    }
}

#[test]
fn malformed_input_and_the_json_serialization() {
    let key = hs();
    let reader = Reader::builder(v())
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    let json = jws::JsonSigner::new()
        .add_signature(&JwsHeader::new(S::HS256), None, &key)
        .sign_flattened(claims().to_json().as_bytes())
        .unwrap();
    let e = reader.read(&json).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MalformedToken);
    assert!(e.to_string().contains("compact"), "{e}");
    let enc = kw();
    let json_jwe = Encrypter::new(&enc, K::A256KW, E::A256Gcm)
        .unwrap()
        .encrypt_json(claims().to_json().as_bytes(), None)
        .unwrap();
    assert_eq!(
        kind(
            Reader::builder(v())
                .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
                .build()
                .unwrap()
                .read(&json_jwe)
        ),
        ErrorKind::MalformedToken
    );
    for bad in [
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        "a.b.c.d.e.f",
        ".....",
        "a..b..c..d",
    ] {
        assert_eq!(kind(reader.read(bad)), ErrorKind::MalformedToken, "{bad:?}");
    }
    for bad in [
        "a.b.c",
        "...",
        "!.!.!",
        "eyJhbGciOiJIUzI1NiJ9.e30.",
        "é.é.é",
    ] {
        assert!(reader.read(bad).is_err(), "{bad:?}");
    }
    // Millions of dots: refused quickly (over the size limit, or by counting).
    let dots = ".".repeat(10 << 20);
    assert!(reader.read(&dots).is_err());
    let dots = ".".repeat(1 << 20);
    assert_eq!(kind(reader.read(&dots)), ErrorKind::MalformedToken);
    // Surrounding white space (a trailing newline from a file) is tolerated.
    let token = jwt::signed(&claims(), &key, S::HS256).unwrap();
    assert!(reader.read(&format!("  {token}\n")).is_ok());
    // A configured size limit applies.
    let mut small = Limits::default();
    small.max_token_len = 64;
    assert_eq!(
        kind(
            Reader::builder(v())
                .verify_with(&key, &[S::HS256])
                .with_limits(small)
                .build()
                .unwrap()
                .read(token.as_str())
        ),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn replicated_claims_in_the_jwe_header_must_match() {
    // RFC 7519 §5.3.
    let enc = kw();
    let make = |name: &str, value: serde_json::Value| {
        Encrypter::new(&enc, K::A256KW, E::A256Gcm)
            .unwrap()
            .with_member(name, value)
            .unwrap()
            .encrypt_compact(claims().to_json().as_bytes())
            .unwrap()
    };
    let reader = Reader::builder(v())
        .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .build()
        .unwrap();
    assert!(
        reader
            .read(&make("iss", "https://issuer.example".into()))
            .is_ok()
    );
    assert!(reader.read(&make("sub", "alice".into())).is_ok());
    assert!(reader.read(&make("aud", "api".into())).is_ok());
    for (name, value) in [
        ("iss", serde_json::json!("https://evil.example")),
        ("sub", serde_json::json!("bob")),
        ("aud", serde_json::json!(["api"])),
        ("aud", serde_json::json!("web")),
    ] {
        assert_eq!(
            kind(reader.read(&make(name, value))),
            ErrorKind::ClaimValidation,
            "{name}"
        );
    }
}

// ----- keys and typed claims -----

#[test]
fn key_sets_with_kid_at_both_layers() {
    let enc_set: JwkSet = [
        kw().with_kid("e1"),
        kw().with_kid("e2"),
        rsa_a().clone().with_kid("e3"),
    ]
    .into_iter()
    .collect();
    let sig_set: JwkSet = [
        hs().with_kid("s1"),
        public(rsa_b()).with_kid("s2"),
        hs().with_kid("s3"),
    ]
    .into_iter()
    .collect();
    let signer_s2 = rsa_b().clone().with_kid("s2");
    let signer_s3 = sig_set.get("s3").unwrap().clone();
    let reader = Reader::builder(v())
        .decrypt_with(
            &enc_set,
            &[K::A256KW, K::RsaOaep256],
            jwcrypt::ContentEncryptionAlg::ALL,
        )
        .verify_with(&sig_set, &[S::HS256, S::PS256])
        .build()
        .unwrap();
    for (signer, alg, s_kid) in [(&signer_s2, S::PS256, "s2"), (&signer_s3, S::HS256, "s3")] {
        for (e_kid, alg_e) in [("e1", K::A256KW), ("e2", K::A256KW), ("e3", K::RsaOaep256)] {
            let full = enc_set.get(e_kid).unwrap();
            let ekey = if alg_e == K::RsaOaep256 {
                public(full)
            } else {
                full.clone()
            };
            let token = jwt::signed(&claims(), signer, alg)
                .unwrap()
                .encrypt(&ekey, alg_e, E::A256Gcm)
                .unwrap();
            let read = reader.read_token(&token).unwrap();
            assert_eq!(read.jwe_header().unwrap().kid(), Some(e_kid));
            assert_eq!(read.jws_header().unwrap().kid(), Some(s_kid));
            assert_eq!(read.claims(), &claims());
        }
    }
    // A kid that is not in the set, at either layer.
    let stranger = hs().with_kid("s9");
    let token = jwt::signed(&claims(), &stranger, S::HS256)
        .unwrap()
        .encrypt(enc_set.get("e1").unwrap(), K::A256KW, E::A256Gcm)
        .unwrap();
    assert_eq!(kind(reader.read(&token)), ErrorKind::KeyNotFound);
    let token = jwt::signed(&claims(), &signer_s3, S::HS256)
        .unwrap()
        .encrypt(&kw().with_kid("e9"), K::A256KW, E::A256Gcm)
        .unwrap();
    assert_eq!(kind(reader.read(&token)), ErrorKind::KeyNotFound);
    // A right kid on the wrong key: refused.
    let impostor = hs().with_kid("s1");
    let token = jwt::signed(&claims(), &impostor, S::HS256)
        .unwrap()
        .encrypt(enc_set.get("e1").unwrap(), K::A256KW, E::A256Gcm)
        .unwrap();
    assert_eq!(kind(reader.read(&token)), ErrorKind::InvalidSignature);
    // An empty list is refused for sets too.
    let e = Reader::builder(v())
        .decrypt_with(&enc_set, &[], E::ALL)
        .verify_with(&sig_set, &[S::HS256])
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    // A signed-only reader with a set.
    let token = jwt::signed(&claims(), &signer_s2, S::PS256).unwrap();
    let read = Reader::builder(v())
        .verify_with(&sig_set, &[S::PS256])
        .build()
        .unwrap()
        .read_token(token.as_str())
        .unwrap();
    assert_eq!(read.jws_header().unwrap().kid(), Some("s2"));
}

#[test]
fn typed_claims_with_read_as() {
    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Mine {
        iss: String,
        sub: String,
        exp: i64,
        role: String,
        #[serde(default)]
        scopes: Vec<String>,
    }
    let key = hs();
    let claims = Claims::new()
        .audience("api")
        .with_custom(&Mine {
            iss: "https://issuer.example".into(),
            sub: "alice".into(),
            exp: NOW + 60,
            role: "admin".into(),
            scopes: vec!["read".into(), "write".into()],
        })
        .unwrap();
    let token = jwt::signed(&claims, &key, S::HS256).unwrap();
    let reader = Reader::builder(v())
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    let mine: Mine = reader.read_as(token.as_str()).unwrap();
    assert_eq!(mine.role, "admin");
    assert_eq!(mine.scopes, ["read", "write"]);
    assert_eq!(mine.exp, NOW + 60);
    let via_token: Mine = reader
        .read_token(token.as_str())
        .unwrap()
        .claims()
        .deserialize_into()
        .unwrap();
    assert_eq!(via_token, mine);
    // A struct the claims do not fit: InvalidClaim, after verification and validation.
    #[derive(serde::Deserialize, Debug)]
    #[expect(dead_code, reason = "only deserialized, to see the claims refused")]
    struct Other {
        level: u8,
    }
    assert_eq!(
        reader.read_as::<Other>(token.as_str()).unwrap_err().kind(),
        ErrorKind::InvalidClaim
    );
    // Validation runs before deserialization.
    let late = Reader::builder(v().clock(FixedClock(NOW + 3600)))
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    assert_eq!(
        late.read_as::<Mine>(token.as_str()).unwrap_err().kind(),
        ErrorKind::ClaimValidation
    );
}

// ----- round trips -----

fn signers() -> Vec<(S, Jwk, Jwk)> {
    let oct = |bits: usize| Jwk::generate_oct(bits).unwrap();
    let mut out = Vec::new();
    for (alg, bits) in [(S::HS256, 256), (S::HS384, 384), (S::HS512, 512)] {
        let k = oct(bits);
        out.push((alg, k.clone(), k));
    }
    for alg in [S::RS256, S::RS384, S::RS512, S::PS256, S::PS384, S::PS512] {
        out.push((alg, rsa_b().clone(), public(rsa_b())));
    }
    out
}

fn encryptions() -> Vec<(K, E, Jwk, Jwk)> {
    let kw = Jwk::generate_for(K::A256KW).unwrap();
    let dir = Jwk::generate_for(E::A256Gcm).unwrap();
    let rsa = support::rsa_7520().clone();
    vec![
        (K::A256KW, E::A256CbcHs512, kw.clone(), kw),
        (K::RsaOaep256, E::A256Gcm, public(&rsa), rsa),
        (K::Dir, E::A256Gcm, dir.clone(), dir),
    ]
}

#[test]
fn round_trip_every_signing_alg_in_every_encryption() {
    let claims = claims();
    let encs = encryptions();
    let mut n = 0;
    for (alg, skey, vkey) in signers() {
        let signed = jwt::signed(&claims, &skey, alg).unwrap();
        assert_eq!(signed.to_string(), signed.as_str());
        // Signed only.
        assert_eq!(
            Reader::builder(v())
                .verify_with(&vkey, &[alg])
                .build()
                .unwrap()
                .read(signed.as_str())
                .unwrap(),
            claims,
            "{alg}"
        );
        for (kalg, enc, ekey, dkey) in &encs {
            let token = signed.encrypt(ekey, *kalg, *enc).unwrap();
            let read = Reader::builder(v())
                .decrypt_with(dkey, &[*kalg], &[*enc])
                .verify_with(&vkey, &[alg])
                .build()
                .unwrap()
                .read_token(&token)
                .unwrap_or_else(|e| panic!("{alg} in {kalg}+{enc}: {e}"));
            assert_eq!(read.claims(), &claims, "{alg} in {kalg}+{enc}");
            assert_eq!(read.kind(), TokenKind::Nested);
            assert_eq!(read.jwe_header().unwrap().cty(), Some("JWT"));
            assert_eq!(read.jws_header().unwrap().typ(), Some("JWT"));
            assert_eq!(read.jws_header().unwrap().alg(), alg);
            // Expired with the same reader but a later clock.
            let later = Reader::builder(v().clock(FixedClock(NOW + 3600)))
                .decrypt_with(dkey, &[*kalg], &[*enc])
                .verify_with(&vkey, &[alg])
                .build()
                .unwrap();
            assert_eq!(kind(later.read(&token)), ErrorKind::ClaimValidation);
            n += 1;
        }
    }
    assert_eq!(n, 27);
    // Encrypted only, for each encryption.
    for (kalg, enc, ekey, dkey) in &encs {
        let token = jwt::encrypted(&claims, ekey, *kalg, *enc).unwrap();
        assert_eq!(
            Reader::builder(v())
                .decrypt_with(dkey, &[*kalg], &[*enc])
                .build()
                .unwrap()
                .read(&token)
                .unwrap(),
            claims
        );
    }
}

#[test]
fn claims_survive_unusual_values() {
    let key = hs();
    let claims = Claims::new()
        .issuer("https://issuer.example")
        .audience("api")
        .expires_at(NOW + 60)
        .claim("unicode", "ünïcødé ✓ \u{1F600}")
        .claim("escapes", "quote \" backslash \\ newline \n nul \u{0}")
        .claim("big", u64::MAX)
        .claim("neg", -1)
        .claim("float", 1.5)
        .claim("nothing", serde_json::Value::Null)
        .claim("", "empty name");
    let token = jwt::signed(&claims, &key, S::HS256).unwrap();
    let back = Reader::builder(v())
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap()
        .read(token.as_str())
        .unwrap();
    assert_eq!(back, claims);
    assert_eq!(back.get("big"), Some(u64::MAX.into()));
    assert_eq!(back.custom().len(), 7);
    let _ = Duration::ZERO;
}
