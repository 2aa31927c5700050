//! RFC 7516 Appendix A: A.1 (RSA-OAEP + A256GCM) decrypted, A.2 (RSA1_5 +
//! A128CBC-HS256) decrypted with the explicit opt-in, A.3 (A128KW + A128CBC-HS256)
//! decrypted.

use crate::support::appendix;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K};

fn key_of(v: &serde_json::Value) -> Jwk {
    Jwk::from_value(&v["inputs"]["jwk"]).unwrap()
}

fn compact(v: &serde_json::Value) -> String {
    let o = &v["outputs"];
    if let Some(c) = o["compact"].as_str() {
        return c.to_owned();
    }
    [
        "protected_b64u",
        "encrypted_key_b64u",
        "iv_b64u",
        "ciphertext_b64u",
        "tag_b64u",
    ]
    .iter()
    .map(|k| o[*k].as_str().unwrap())
    .collect::<Vec<_>>()
    .join(".")
}

#[test]
fn a1_rsa_oaep_a256gcm_decrypts() {
    let v = appendix("rfc7516-A.1");
    let key = key_of(&v);
    let out = Decrypter::new(&key, &[K::RsaOaep], &[E::A256Gcm])
        .unwrap()
        .decrypt_compact(&compact(&v))
        .unwrap();
    assert_eq!(
        out.plaintext(),
        v["inputs"]["plaintext_utf8"].as_str().unwrap().as_bytes()
    );
    assert_eq!(out.header().alg(), K::RsaOaep);
    assert_eq!(out.header().enc(), E::A256Gcm);
}

#[test]
fn a2_rsa1_5_needs_the_opt_in() {
    let v = appendix("rfc7516-A.2");
    let key = key_of(&v);
    let token = compact(&v);
    // Not listed: not allowed.
    let e = Decrypter::new(&key, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(&token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed);
    // Listed without the opt-in: refused as a configuration error.
    let e = Decrypter::new(&key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(&token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let out = Decrypter::new(&key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .allow_rsa1_5_insecure()
        .decrypt(&token)
        .unwrap();
    assert_eq!(out.plaintext(), b"Live long and prosper.");
    // RSA1_5 is never offered for encryption.
    assert_eq!(
        Encrypter::new(&key, K::Rsa1_5, E::A128CbcHs256)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
}

/// A.3 decrypted (its byte-for-byte reproduction from the CEK and IV, and A.1's content,
/// are unit tests in src/jwe/tests.rs: they need the test-only fixed CEK).
#[test]
fn a3_a128kw_decrypts() {
    let v = appendix("rfc7516-A.3");
    let key = key_of(&v);
    let token = v["outputs"]["compact"].as_str().unwrap();
    let out = Decrypter::new(&key, &[K::A128KW], &[E::A128CbcHs256])
        .unwrap()
        .decrypt_compact(token)
        .unwrap();
    assert_eq!(out.plaintext(), b"Live long and prosper.");
}
