//! ECDH-ES and PBES2 tokens made by jwcrypto 1.6.1 and panva/jose 6.2.18, decrypted by
//! jwcrypt: every curve (P-256, P-384, P-521, X25519, and X448 for jwcrypto: jose has none) x
//! every ECDH-ES algorithm x A128CBC-HS256 and A256GCM, with and without `apu`/`apv`, compact
//! and flattened JSON; the three PBES2 algorithms. The fixtures and the other direction
//! (jwcrypt encrypts with the CLI, the peer decrypts) come from
//! `tests/interop/ecdh_pbes2_jwcrypto.py` and `tests/interop/ecdh_pbes2_jose.mjs`.

use crate::support::b64;
use jwcrypt::jwe::{Decrypter, Password};
use jwcrypt::{ContentEncryptionAlg as E, Jwk, KeyManagementAlg as K};
use serde_json::Value;

#[test]
fn jwcrypto_ecdh_es_and_pbes2_tokens_decrypt() {
    peer_tokens_decrypt("jwcrypto", 80);
}

#[test]
fn jose_ecdh_es_and_pbes2_tokens_decrypt() {
    peer_tokens_decrypt("jose", 64);
}

fn peer_tokens_decrypt(peer: &str, ecdh_cases: usize) {
    let path = format!(
        "{}/tests/data/interop/{peer}/jwe_ecdh_pbes2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let plaintext = b64::decode(doc["plaintext_b64u"].as_str().unwrap().as_bytes()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let (mut ecdh, mut pbes2) = (0, 0);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let alg: K = c["alg"].as_str().unwrap().parse().unwrap();
        let d = if alg.is_pbes2() {
            pbes2 += 1;
            let password = Password::new(c["password"].as_str().unwrap().as_bytes().to_vec());
            Decrypter::with_password(&password.unwrap(), &[alg], E::ALL).unwrap()
        } else {
            ecdh += 1;
            let key = Jwk::from_value(&c["jwk"]).unwrap();
            Decrypter::new(&key, &[alg], E::ALL).unwrap()
        };
        let out = d
            .decrypt(c["compact"].as_str().unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out.plaintext(), plaintext, "{name}");
        assert_eq!(out.header().enc().name(), c["enc"], "{name}");
        let out = d
            .decrypt(&c["json"].to_string())
            .unwrap_or_else(|e| panic!("{name} json: {e}"));
        assert_eq!(out.plaintext(), plaintext, "{name} json");
    }
    println!(
        "interop {peer} ECDH-ES/PBES2: {} cases ({ecdh} ECDH-ES, {pbes2} PBES2), compact and JSON, all decrypted",
        cases.len()
    );
    assert_eq!((ecdh, pbes2), (ecdh_cases, 6));
}
