//! RFC 7520 §6 "Nesting Signatures and Encryption": a PS256 JWT inside RSA-OAEP + A128GCM
//! (tests/data/rfc7520/6.nesting_signatures_and_encryption.json). Its payload is a claims
//! set, so it is read through the JWT [`Reader`]; the layers are also checked one by one
//! with jwe + jws.

use crate::support;
use std::time::Duration;

use jwcrypt::jwe::Decrypter;
use jwcrypt::jws::Verifier;
use jwcrypt::jwt::{self, Claims, FixedClock, Reader, TokenKind, Validation};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, SigningAlg};
use serde_json::Value;

fn vector() -> Value {
    support::read_json("rfc7520/6.nesting_signatures_and_encryption.json")
}

/// (token, signing key, encryption key), keys as published (with their `use`).
fn parts() -> (String, Jwk, Jwk) {
    let v = vector();
    (
        v["encrypt"]["output"]["compact"]
            .as_str()
            .unwrap()
            .to_owned(),
        support::jwk_value(&v["sign"]["input"]["key"]),
        support::jwk_value(&v["encrypt"]["input"]["key"]),
    )
}

const EXP: i64 = 1_300_819_380;

fn at(now: i64) -> Validation {
    Validation::new()
        .leeway(Duration::ZERO)
        .clock(FixedClock(now))
}

#[test]
fn section_6_read_as_a_nested_jwt() {
    let (token, sig_key, enc_key) = parts();
    let sig_pub = sig_key.to_public().unwrap();
    let reader = |v: Validation| {
        Reader::builder(v)
            .decrypt_with(&enc_key, &[K::RsaOaep], &[E::A128Gcm])
            .verify_with(&sig_pub, &[SigningAlg::PS256])
            .build()
            .unwrap()
    };
    let read = reader(at(EXP - 1).issuer("hobbiton.example").typ("JWT"))
        .read_token(&token)
        .unwrap();
    assert_eq!(read.kind(), TokenKind::Nested);
    let expected =
        Claims::from_json(vector()["sign"]["input"]["payload"].as_str().unwrap()).unwrap();
    assert_eq!(read.claims(), &expected);
    assert_eq!(read.claims().iss(), Some("hobbiton.example"));
    assert_eq!(read.claims().exp(), Some(EXP));
    assert_eq!(
        read.claims().get("http://example.com/is_root"),
        Some(true.into())
    );
    let outer = read.jwe_header().unwrap();
    assert_eq!(
        (outer.alg(), outer.enc(), outer.cty()),
        (K::RsaOaep, E::A128Gcm, Some("JWT"))
    );
    let inner = read.jws_header().unwrap();
    assert_eq!((inner.alg(), inner.typ()), (SigningAlg::PS256, Some("JWT")));

    // Expired at exp; a wrong issuer; the wrong inner algorithm; the wrong layer keys.
    assert_eq!(
        reader(at(EXP)).read(&token).unwrap_err().kind(),
        ErrorKind::ClaimValidation
    );
    assert_eq!(
        reader(at(EXP - 1).issuer("mordor.example"))
            .read(&token)
            .unwrap_err()
            .kind(),
        ErrorKind::ClaimValidation
    );
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&enc_key, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&sig_pub, &[SigningAlg::RS256])
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(
                &enc_key,
                &[K::RsaOaep256],
                jwcrypt::ContentEncryptionAlg::ALL
            )
            .verify_with(&sig_pub, &[SigningAlg::PS256])
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    let stranger = support::public(support::rsa_a());
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&enc_key, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&stranger, &[SigningAlg::PS256])
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidSignature
    );
    // The signing key marked "use": "sig" cannot decrypt; the encryption key ("use": "enc")
    // cannot verify.
    assert!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&sig_key, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&sig_pub, &[SigningAlg::PS256])
            .build()
            .unwrap()
            .read(&token)
            .is_err()
    );
    assert!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&enc_key, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(enc_key.to_public().unwrap(), &[SigningAlg::PS256])
            .build()
            .unwrap()
            .read(&token)
            .is_err()
    );
    // Decrypt-only must refuse (the inner signature would go unchecked).
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&enc_key, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err()
            .kind(),
        ErrorKind::UnexpectedTokenType
    );
}

#[test]
fn section_6_layer_by_layer() {
    let v = vector();
    let (token, sig_key, enc_key) = parts();
    let decrypted = Decrypter::new(&enc_key, &[K::RsaOaep], &[E::A128Gcm])
        .unwrap()
        .decrypt_compact(&token)
        .unwrap();
    let inner = v["sign"]["output"]["compact"].as_str().unwrap();
    assert_eq!(decrypted.plaintext(), inner.as_bytes());
    assert_eq!(v["encrypt"]["input"]["plaintext"].as_str().unwrap(), inner);
    let verified = Verifier::new(&sig_key, &[SigningAlg::PS256])
        .unwrap()
        .verify_compact(inner)
        .unwrap();
    assert_eq!(
        verified.payload(),
        v["sign"]["input"]["payload"].as_str().unwrap().as_bytes()
    );
    // The inner JWS alone, through a signed-JWT reader.
    let claims = Reader::builder(at(EXP - 1))
        .verify_with(sig_key.to_public().unwrap(), &[SigningAlg::PS256])
        .build()
        .unwrap()
        .read(inner)
        .unwrap();
    assert_eq!(claims.iss(), Some("hobbiton.example"));
}

#[test]
fn section_6_keys_make_a_nested_token_we_read_back() {
    let (_, sig_key, enc_key) = parts();
    let claims = Claims::new()
        .issuer("hobbiton.example")
        .expires_at(EXP)
        .claim("http://example.com/is_root", true);
    let token = jwt::signed(&claims, &sig_key, SigningAlg::PS256)
        .unwrap()
        .encrypt(&enc_key.to_public().unwrap(), K::RsaOaep, E::A128Gcm)
        .unwrap();
    let back = Reader::builder(at(EXP - 1))
        .decrypt_with(&enc_key, &[K::RsaOaep], &[E::A128Gcm])
        .verify_with(sig_key.to_public().unwrap(), &[SigningAlg::PS256])
        .build()
        .unwrap()
        .read(&token)
        .unwrap();
    assert_eq!(back, claims);
}
