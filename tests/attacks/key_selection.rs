//! Key selection in a JWK Set: duplicate `kid`s are ambiguous, never tried in order.

use crate::helpers::kind;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::{
    ContentEncryptionAlg as E, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K, SigningAlg as S,
};

/// A JWK Set with duplicate `kid`s: a token naming that `kid` is ambiguous when both keys
/// fit, and refused rather than tried against whichever comes first.
#[test]
fn jwk_set_duplicate_kids_are_ambiguous() {
    let a = Jwk::from_oct_bytes(&[1; 32]).unwrap().with_kid("k");
    let b = Jwk::from_oct_bytes(&[2; 32]).unwrap().with_kid("k");
    let set: JwkSet = [a.clone(), b].into_iter().collect();
    assert_eq!(kind(set.get("k")), ErrorKind::KeyNotFound);
    let token = jws::sign_compact(b"x", &JwsHeader::new(S::HS256).with_kid("k"), &a).unwrap();
    let e = Verifier::new(&set, &[S::HS256])
        .unwrap()
        .verify(&token)
        .unwrap_err();
    assert!(e.message().contains("ambiguous"), "{e}");
    // The same through JSON import.
    let text = format!(
        "{{\"keys\":[{},{}]}}",
        a.export_private().unwrap().as_str(),
        Jwk::from_oct_bytes(&[2; 32])
            .unwrap()
            .with_kid("k")
            .export_private()
            .unwrap()
            .as_str()
    );
    let set = JwkSet::from_json(&text).unwrap();
    assert!(
        Verifier::new(&set, &[S::HS256])
            .unwrap()
            .verify(&token)
            .is_err()
    );
    // JWE follows the same rule (one selection function, `jwk::Keys`): two keys with the
    // token's kid that fit its algorithm make the set ambiguous, and nothing is decrypted.
    let jwe = Encrypter::new(&a, K::A256KW, E::A128Gcm)
        .unwrap()
        .with_kid("k")
        .encrypt_compact(b"x")
        .unwrap();
    let d = Decrypter::new(&set, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let e = d.decrypt(&jwe).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
    assert!(e.message().contains("ambiguous"), "{e}");
    // With one key of that kid, the token decrypts.
    let one: JwkSet = [a.clone()].into_iter().collect();
    let d = Decrypter::new(&one, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    assert_eq!(d.decrypt(&jwe).unwrap().plaintext(), b"x");
}
