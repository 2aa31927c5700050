//! Row 40 (jwcrypt's own CLI): JSON amplification. A JSON text is bounded
//! in bytes and in values (`Limits::max_json_values`) before it is parsed, at every library
//! entry that reads JSON (JWKs, JWK Sets, claims, headers and JSON-serialized tokens), and
//! PEM and encrypted PKCS#8 keys are bounded in size and key-derivation work before any
//! decoding or derivation. The CLI's side (bounded reads, peak memory of the process) is in
//! `cli/tests/cli/bounds.rs`; the peak-memory table in BENCHMARKS.md.

use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::jwk::JwkOrSet;
use jwcrypt::jws::{JsonSigner, JwsHeader, Verifier};
use jwcrypt::jwt::Claims;
use jwcrypt::{ContentEncryptionAlg, ErrorKind, Jwk, JwkSet, KeyManagementAlg, Limits, SigningAlg};
use pkcs8::der::Encode;
use pkcs8::pkcs5::{pbes2, scrypt};

/// `n` one-byte JSON values, as an array (2 bytes of text each).
fn ones(n: usize) -> String {
    format!("[{}]", vec!["1"; n].join(","))
}

fn limit_exceeded<T: std::fmt::Debug>(what: &str, r: jwcrypt::Result<T>) {
    let e = r.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{what}: {e}");
}

#[test]
fn jwcrypt_row40_jwk_and_jwk_set_values_bounded() {
    let many = Limits::DEFAULT.max_json_values;
    let jwk = format!(
        r#"{{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","x":{}}}"#,
        ones(many)
    );
    assert!(jwk.len() < Limits::DEFAULT.max_jwk_len);
    limit_exceeded("Jwk", Jwk::from_json(&jwk));
    limit_exceeded("JwkOrSet", JwkOrSet::from_json(&jwk));
    let set = format!(
        r#"{{"keys":[{{"kty":"oct","k":"AAAA","x":{}}}]}}"#,
        ones(many)
    );
    limit_exceeded("JwkSet", JwkSet::from_json(&set));
    limit_exceeded("JwkOrSet (set)", JwkOrSet::from_json(&set));
    // Raised by the caller, the same text is read.
    let mut limits = Limits::default();
    limits.max_json_values = 2 * many;
    assert!(Jwk::from_json_with_limits(&jwk, &limits).is_ok());
    // Commas inside strings are not values: a long string with commas is not refused.
    let commas = format!(
        r#"{{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","x":"{}"}}"#,
        ",".repeat(2 * many)
    );
    assert!(Jwk::from_json(&commas).is_ok());
    // One parse tells a key from a set.
    let one = Jwk::generate_oct(256).unwrap().export_private().unwrap();
    assert!(matches!(
        JwkOrSet::from_json(&*one).unwrap(),
        JwkOrSet::Jwk(_)
    ));
    let set = format!(r#"{{"keys":[{}, {}]}}"#, &*one, &*one);
    assert!(matches!(JwkOrSet::from_json(&set).unwrap(), JwkOrSet::Set(s) if s.len() == 2));
}

#[test]
fn jwcrypt_row40_claims_values_bounded() {
    let text = format!(
        r#"{{"sub":"a","x":{}}}"#,
        ones(Limits::DEFAULT.max_json_values)
    );
    limit_exceeded("claims", Claims::from_json(&text));
    let fits = format!(r#"{{"sub":"a","x":{}}}"#, ones(1000));
    assert!(Claims::from_json(&fits).is_ok());
}

#[test]
fn jwcrypt_row40_json_serialized_tokens_values_bounded() {
    // A valid flattened JWS whose unprotected header is grown to two million values (4 MiB,
    // at the token limit): refused before the token is parsed.
    let key = Jwk::generate_oct(256).unwrap();
    let header = JwsHeader::new(SigningAlg::HS256);
    let jws = JsonSigner::new()
        .add_signature(&header, None, &key)
        .sign_flattened(b"hello")
        .unwrap();
    let n = (Limits::DEFAULT.max_token_len - 1024) / 2;
    let grown = format!(
        r#"{},"header":{{"x":{}}}}}"#,
        &jws[..jws.len() - 1],
        ones(n)
    );
    assert!(grown.len() <= Limits::DEFAULT.max_token_len);
    let verifier = Verifier::new(&key, &[SigningAlg::HS256]).unwrap();
    limit_exceeded("JSON JWS", verifier.verify(&grown));
    let fits = format!(
        r#"{},"header":{{"x":{}}}}}"#,
        &jws[..jws.len() - 1],
        ones(1000)
    );
    assert_eq!(verifier.verify(&fits).unwrap().payload(), b"hello");

    let kek = Jwk::generate_oct(256).unwrap();
    let jwe = Encrypter::new(
        &kek,
        KeyManagementAlg::A256KW,
        ContentEncryptionAlg::A256Gcm,
    )
    .unwrap()
    .encrypt_json(b"hello", None)
    .unwrap();
    let grown = format!(
        r#"{},"unprotected":{{"x":{}}}}}"#,
        &jwe[..jwe.len() - 1],
        ones(n)
    );
    let decrypter =
        Decrypter::new(&kek, &[KeyManagementAlg::A256KW], ContentEncryptionAlg::ALL).unwrap();
    limit_exceeded("JSON JWE", decrypter.decrypt(&grown));
}

#[test]
fn jwcrypt_row40_pem_size_bounded_before_decoding() {
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        "A".repeat(jwcrypt::jwk::MAX_PEM_LEN)
    );
    let e = Jwk::from_pem(&pem).unwrap_err();
    assert!(e.message().contains("over the limit"), "{e}");
    let e = Jwk::from_der(&vec![0x30; jwcrypt::jwk::MAX_DER_LEN + 1]).unwrap_err();
    assert!(e.message().contains("over the limit"), "{e}");
}

/// An encrypted PKCS#8 key (with random bytes for the ciphertext: only the parameters
/// matter) whose key derivation uses scrypt with `log_n`, `r`, `p`.
fn scrypt_key(log_n: u8, r: u32, p: u32) -> Vec<u8> {
    let params = pbes2::Parameters::generate_scrypt_aes256cbc(
        scrypt::Params::new(log_n, r, p).unwrap(),
        &[7; 16],
        [9; 16],
    )
    .unwrap();
    pkcs8::EncryptedPrivateKeyInfoRef {
        encryption_algorithm: pkcs8::pkcs5::EncryptionScheme::Pbes2(params),
        encrypted_data: pkcs8::der::asn1::OctetStringRef::new(&[0; 1232]).unwrap(),
    }
    .to_der()
    .unwrap()
}

#[test]
fn jwcrypt_row40_key_derivation_bounded_before_deriving() {
    // The old documented bound (N = 2^21, r = 1, p = 2: 256 MiB, 2.6 s), twice the memory
    // bound, and work over the bound at little memory: refused by the parameter check,
    // whose message is the proof that no derivation ran (a derivation that ran fails as
    // "wrong password?").
    for (log_n, r, p) in [(21, 1, 2), (19, 1, 1), (14, 8, 9)] {
        let e = Jwk::from_der_with_password(&scrypt_key(log_n, r, p), b"pw").unwrap_err();
        assert!(
            e.message().contains("over jwcrypt's limits"),
            "{log_n} {r} {p}: {e}"
        );
    }
    // A cheap accepted one runs the derivation and fails on the (random) ciphertext.
    let e = Jwk::from_der_with_password(&scrypt_key(10, 8, 1), b"pw").unwrap_err();
    assert!(e.message().contains("wrong password"), "{e}");
}
