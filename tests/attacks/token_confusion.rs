//! ATTACKS row 1 (sign/encrypt confusion): a JWE made with the verifier's public key is
//! refused by a reader that expects a signed JWT.

use std::time::Duration;

use jwcrypt::jwe::Encrypter;
use jwcrypt::jws::Verifier;
use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
use jwcrypt::{
    ContentEncryptionAlg as E, ErrorKind, KeyManagementAlg as K, Policy, SigningAlg as S,
};

use crate::helpers::kind;
use crate::support::rsa_key;

/// ATTACKS row 1 (CVE-2022-3102; json-jwt #113, jose-jwt #237, GHSA-8g9c-28fc-mcx2): an
/// attacker holding only the verifier's public RSA key encrypts claims to it; a reader that
/// expects a signed JWT refuses the JWE as the wrong type, whichever key it holds.
#[test]
fn cve_2022_3102_jwe_encrypted_to_public_key_refused_as_jws() {
    let private = rsa_key();
    let public = private.to_public().unwrap();
    let claims = Claims::new()
        .subject("admin")
        .expires_in(Duration::from_secs(600));
    for alg in [K::RsaOaep, K::RsaOaep256] {
        let forged = jwt::encrypted(&claims, &public, alg, E::A256Gcm).unwrap();
        for key in [&public, &private] {
            let reader = Reader::builder(Validation::new())
                .verify_with(key, &[S::RS256, S::PS256])
                .build()
                .unwrap();
            assert_eq!(reader.expects(), TokenKind::Signed);
            assert_eq!(
                kind(reader.read(&forged)),
                ErrorKind::UnexpectedTokenType,
                "{alg}"
            );
            let reader = Reader::builder(Validation::new())
                .policy(&Policy::recommended())
                .expect(TokenKind::Signed)
                .verify_keys(key)
                .build()
                .unwrap();
            assert_eq!(kind(reader.read(&forged)), ErrorKind::UnexpectedTokenType);
            // The JWS layer itself never reads a JWE, in either serialization.
            let v = Verifier::new(key, &[S::RS256]).unwrap();
            assert_eq!(kind(v.verify(&forged)), ErrorKind::MalformedToken);
        }
        let json = Encrypter::new(&public, alg, E::A256Gcm)
            .unwrap()
            .encrypt_json(claims.to_json().as_bytes(), None)
            .unwrap();
        assert!(
            Verifier::new(&public, &[S::RS256])
                .unwrap()
                .verify(&json)
                .is_err()
        );
    }
    // A nested reader does not accept a bare encrypted JWT (unsigned claims) either.
    let forged = jwt::encrypted(&claims, &public, K::RsaOaep, E::A256Gcm).unwrap();
    let nested = Reader::builder(Validation::new())
        .decrypt_with(&private, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(&public, &[S::RS256])
        .build()
        .unwrap();
    assert_eq!(kind(nested.read(&forged)), ErrorKind::UnexpectedTokenType);
}
