//! Which algorithms a reader accepts: RSA1_5 off unless opted in (ATTACKS row 17, the policy
//! side) and the default policy allowing nothing (row 34, the policy side).

use std::time::Duration;

use jwcrypt::jwe::Decrypter;
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
use jwcrypt::{ErrorKind, Jwk, KeyManagementAlg as K, Policy, SigningAlg as S};

use crate::helpers::{b64, hs256_key, kind};
use crate::support;

/// ATTACKS row 17 (CVE-2016-6298), the policy side (the same-error check is
/// `jwe::cve_2016_6298_rsa1_5_same_error_for_bad_padding_and_wrong_cek`): RSA1_5 is refused
/// by the default and recommended policies, and by a policy that lists it without the
/// opt-in; with the opt-in, the RFC 7520 §5.1 token decrypts and tampered keys fail alike.
#[test]
fn cve_2016_6298_rsa1_5_off_by_default_policy() {
    let v =
        support::read_json("rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    let key = Jwk::from_value(&v["input"]["key"]).unwrap();
    let token = v["output"]["compact"].as_str().unwrap();
    assert!(!Policy::default().allow_rsa1_5);
    assert_eq!(
        kind(Decrypter::from_policy(&key, &Policy::default())),
        ErrorKind::InvalidArgument
    );
    let d = Decrypter::from_policy(&key, &Policy::recommended()).unwrap();
    assert_eq!(kind(d.decrypt(token)), ErrorKind::AlgorithmNotAllowed);
    let mut listed = Policy::recommended();
    listed.key_management_algs.push(K::Rsa1_5);
    let d = Decrypter::from_policy(&key, &listed).unwrap();
    assert!(d.decrypt(token).is_err());
    let opted = Policy::recommended().allow_rsa1_5_insecure();
    let d = Decrypter::from_policy(&key, &opted).unwrap();
    assert!(d.decrypt(token).is_ok());
    // Through the JWT reader: the opt-in reaches the decrypter, and the plaintext (not
    // JSON claims) is then refused as claims.
    let reader = Reader::builder(Validation::new())
        .policy(&opted)
        .decrypt_keys(&key)
        .build()
        .unwrap();
    assert_eq!(kind(reader.read(token)), ErrorKind::Json);
    let reader = Reader::builder(Validation::new())
        .policy(&listed)
        .decrypt_keys(&key)
        .build()
        .unwrap();
    assert!(reader.read(token).is_err());
    let parts: Vec<&str> = token.split('.').collect();
    let e1 = d
        .decrypt(&[parts[0], &b64([0u8; 256]), parts[2], parts[3], parts[4]].join("."))
        .unwrap_err();
    let e2 = d
        .decrypt(&[parts[0], &b64([0x5a; 256]), parts[2], parts[3], parts[4]].join("."))
        .unwrap_err();
    assert_eq!(e1.kind(), ErrorKind::Decryption);
    assert_eq!(e1.to_string(), e2.to_string());
}

/// ATTACKS row 34 (go-jose v4 PRs #69/#74/#78), the policy side: the default [`Policy`]
/// allows no algorithm, so nothing built from it verifies or decrypts until the caller
/// names the algorithms; under a policy, an empty list never falls back to the key's
/// `alg`.
#[test]
fn go_jose_v4_policy_default_allows_nothing() {
    let key = hs256_key().with_alg(S::HS256);
    let token = jws::sign_compact(b"{}", &JwsHeader::new(S::HS256), &key).unwrap();
    let p = Policy::default();
    assert!(p.signing_algs.is_empty() && p.key_management_algs.is_empty());
    assert!(p.content_encryption_algs.is_empty());
    assert_eq!(
        kind(Verifier::from_policy(&key, &p)),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        kind(Decrypter::from_policy(&key, &p)),
        ErrorKind::InvalidArgument
    );
    let reader = Reader::builder(Validation::new())
        .policy(&p)
        .verify_keys(&key)
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    let reader = Reader::builder(Validation::new())
        .policy(&p)
        .verify_with(&key, &[])
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    // Key management named but no content encryption: still nothing.
    let half = Policy::default().with_key_management_algs(&[K::A256KW]);
    assert_eq!(
        kind(Decrypter::from_policy(&key, &half)),
        ErrorKind::InvalidArgument
    );
    let reader = Reader::builder(Validation::new())
        .policy(&half)
        .decrypt_keys(&key)
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    // An expected kind that the reader's keys do not give is a configuration error.
    let reader = Reader::builder(Validation::new())
        .policy(&Policy::recommended())
        .expect(TokenKind::Nested)
        .verify_keys(&key)
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    // Named algorithms work; the policy leeway replaces the validation's.
    let p = Policy::default()
        .with_signing_algs(&[S::HS256])
        .with_leeway(Duration::from_secs(0));
    let reader = Reader::builder(Validation::new().allow_missing_exp())
        .policy(&p)
        .verify_keys(&key)
        .build()
        .unwrap();
    assert!(reader.read(&token).is_ok());
    let expired = jwt::signed(&Claims::new().expires_at(jwt_now() - 30), &key, S::HS256).unwrap();
    assert_eq!(
        kind(reader.read(expired.as_str())),
        ErrorKind::ClaimValidation
    );
    let lenient = p.clone().with_leeway(Duration::from_secs(120));
    let reader = Reader::builder(Validation::new())
        .policy(&lenient)
        .verify_keys(&key)
        .build()
        .unwrap();
    assert!(reader.read(expired.as_str()).is_ok());
}

fn jwt_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}
