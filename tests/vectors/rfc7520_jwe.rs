//! RFC 7520 §5 (JOSE Cookbook) JWE examples, decrypted in every serialization (their
//! byte-for-byte reproduction from the CEK and IVs is a unit test in src/jwe/tests.rs: it
//! needs the test-only fixed CEK, and for §5.3–5.5 the sender's random `p2s` or ephemeral
//! key). Every example is in scope.

use crate::support::read_json;
use jwcrypt::jwe::{Decrypter, Encrypter, Password};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K};
use serde_json::Value;

fn example(name: &str) -> Value {
    read_json(&format!("rfc7520/jwe/{name}.json"))
}

fn key_of(v: &Value) -> Jwk {
    Jwk::from_value(&v["input"]["key"]).unwrap()
}

fn plaintext(v: &Value) -> Vec<u8> {
    v["input"]["plaintext"]
        .as_str()
        .unwrap()
        .as_bytes()
        .to_vec()
}

fn alg_enc(v: &Value) -> (K, E) {
    (
        v["input"]["alg"].as_str().unwrap().parse().unwrap(),
        v["input"]["enc"].as_str().unwrap().parse().unwrap(),
    )
}

/// Decrypts every serialization the example has; returns how many.
fn decrypt_all(v: &Value, d: &Decrypter) -> usize {
    let mut n = 0;
    let pt = plaintext(v);
    let out = &v["output"];
    if let Some(c) = out["compact"].as_str() {
        assert_eq!(d.decrypt_compact(c).unwrap().plaintext(), pt);
        n += 1;
    }
    for name in ["json", "json_flat"] {
        if out[name].is_object() {
            let text = out[name].to_string();
            let got = d.decrypt_json(&text).unwrap();
            assert_eq!(got.plaintext(), pt, "{name}");
            if let Some(a) = v["input"]["aad"].as_str() {
                assert_eq!(got.aad(), Some(a.as_bytes()));
            }
            n += 1;
        }
    }
    n
}

#[test]
fn s5_1_rsa_v15_with_opt_in() {
    let v = example("5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2");
    let key = key_of(&v);
    let d = Decrypter::new(&key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .allow_rsa1_5_insecure();
    assert_eq!(decrypt_all(&v, &d), 3);
    // Without the opt-in, refused.
    let plain = Decrypter::new(&key, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let c = v["output"]["compact"].as_str().unwrap();
    assert_eq!(
        plain.decrypt(c).unwrap_err().kind(),
        ErrorKind::AlgorithmNotAllowed
    );
}

#[test]
fn s5_2_rsa_oaep_a256gcm() {
    let v = example("5_2.key_encryption_using_rsa-oaep_with_aes-gcm");
    let key = key_of(&v);
    assert_eq!(
        decrypt_all(
            &v,
            &Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap()
        ),
        3
    );
}

#[test]
fn s5_3_pbes2_hs512_a256kw() {
    let v = example("5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2");
    let (alg, _) = alg_enc(&v);
    assert_eq!(alg, K::Pbes2Hs512A256KW);
    let pwd = v["input"]["pwd"].as_str().unwrap();
    let password = Password::new(pwd.as_bytes().to_vec()).unwrap();
    let d =
        Decrypter::with_password(&password, &[alg], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    assert_eq!(decrypt_all(&v, &d), 3);
    // Not named: refused even with the password's bytes as an oct key.
    let key = Jwk::from_oct_bytes(pwd.as_bytes()).unwrap();
    let c = v["output"]["compact"].as_str().unwrap();
    let e = Decrypter::new(&key, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(c)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed);
}

#[test]
fn s5_4_ecdh_es_a128kw_and_s5_5_ecdh_es() {
    for name in [
        "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm",
        "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2",
    ] {
        let v = example(name);
        let key = key_of(&v);
        let (alg, enc) = alg_enc(&v);
        let d = Decrypter::new(&key, &[alg], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
        // §5.5 has no JSON general form with more than one recipient; all three decrypt.
        assert_eq!(decrypt_all(&v, &d), 3, "{name}");
        // And a fresh token to the public key round-trips.
        let public = key.to_public().unwrap();
        let t = Encrypter::new(&public, alg, enc)
            .unwrap()
            .encrypt_compact(b"x")
            .unwrap();
        assert_eq!(d.decrypt(&t).unwrap().plaintext(), b"x");
    }
}

#[test]
fn s5_6_dir_a128gcm() {
    let v = example("5_6.direct_encryption_using_aes-gcm");
    let key = key_of(&v);
    assert_eq!(
        decrypt_all(
            &v,
            &Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap()
        ),
        3
    );
}

#[test]
fn s5_7_a256gcmkw() {
    let v = example("5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2");
    let key = key_of(&v);
    assert_eq!(
        decrypt_all(
            &v,
            &Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap()
        ),
        3
    );
}

#[test]
fn s5_8_a128kw_a128gcm() {
    let v = example("5_8.key_wrap_using_aes-keywrap_with_aes-gcm");
    let key = key_of(&v);
    assert_eq!(
        decrypt_all(
            &v,
            &Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap()
        ),
        3
    );
}

#[test]
fn s5_9_compressed() {
    let v = example("5_9.compressed_content");
    let key = key_of(&v);
    assert_eq!(
        decrypt_all(
            &v,
            &Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap()
        ),
        3
    );
    // Our own compressed token round-trips (the protected header matches the example's).
    let (alg, enc) = alg_enc(&v);
    let ours = Encrypter::new(&key, alg, enc)
        .unwrap()
        .with_compression()
        .encrypt_compact(&plaintext(&v))
        .unwrap();
    let theirs = v["output"]["compact"].as_str().unwrap();
    assert_eq!(ours.split('.').next(), theirs.split('.').next());
    let out = Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(&ours)
        .unwrap();
    assert_eq!(out.plaintext(), plaintext(&v));
    assert!(out.header().zip());
}

#[test]
fn s5_10_aad() {
    let v = example("5_10.including_additional_authentication_data");
    let key = key_of(&v);
    assert_eq!(
        decrypt_all(
            &v,
            &Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap()
        ),
        2
    );
}

#[test]
fn s5_11_protecting_specific_header_fields() {
    let v = example("5_11.protecting_specific_header_fields");
    let key = key_of(&v);
    assert_eq!(
        decrypt_all(
            &v,
            &Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap()
        ),
        2
    );
    let text = v["output"]["json_flat"].to_string();
    let out = Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt_json(&text)
        .unwrap();
    assert_eq!(
        out.header().kid(),
        Some("81b20965-8332-43d9-a468-82160ad91ac8")
    );
    assert_eq!(out.header().alg(), K::A128KW);
}

#[test]
fn s5_12_protecting_content_only_is_refused() {
    // jwcrypt requires `enc` (and `zip`) in the protected header; §5.12 has no protected
    // header at all, so it is refused by design.
    let v = example("5_12.protecting_content_only");
    let key = key_of(&v);
    let d = Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    for name in ["json", "json_flat"] {
        let e = d.decrypt_json(&v["output"][name].to_string()).unwrap_err();
        assert!(
            matches!(
                e.kind(),
                ErrorKind::MalformedToken | ErrorKind::InvalidHeader
            ),
            "{e}"
        );
    }
}

#[test]
fn s5_13_multiple_recipients() {
    let v = example("5_13.encrypting_to_multiple_recipients");
    let keys = v["input"]["key"].as_array().unwrap();
    let text = v["output"]["json"].to_string();
    let pt = plaintext(&v);
    let mut decrypted = 0;
    for (i, k) in keys.iter().enumerate() {
        let alg = v["input"]["alg"][i].as_str().unwrap();
        let key = Jwk::from_value(k).unwrap();
        let alg = alg.parse::<K>().unwrap();
        let mut d = Decrypter::new(&key, &[alg], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
        if alg == K::Rsa1_5 {
            d = d.allow_rsa1_5_insecure();
        }
        let out = d.decrypt_json(&text).unwrap();
        assert_eq!(out.plaintext(), pt);
        assert_eq!(out.recipient_index(), i);
        assert_eq!(out.header().cty(), Some("text/plain"));
        assert_eq!(out.header().enc(), E::A128CbcHs256);
        decrypted += 1;
    }
    assert_eq!(decrypted, 3);
    println!(
        "RFC 7520 §5.13: {decrypted} of 3 recipients decrypted (RSA1_5, ECDH-ES+A256KW, A256GCMKW)"
    );
}

/// draft-ietf-jose-cfrg-curves' X25519 ECDH-ES example (the cookbook's `curve25519/
/// ecdh-es.json`): Bob's X25519 key decrypts every serialization.
#[test]
fn curve25519_ecdh_es_x25519() {
    let v = read_json("rfc7520/curve25519/ecdh-es.json");
    let key = key_of(&v);
    let (alg, _) = alg_enc(&v);
    assert_eq!(alg, K::EcdhEs);
    let d = Decrypter::new(&key, &[alg], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let n = decrypt_all(&v, &d);
    assert_eq!(n, 3);
    println!("curve25519/ecdh-es.json: {n}/3 serializations decrypted");
}
