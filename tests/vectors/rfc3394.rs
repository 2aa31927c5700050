//! RFC 3394 §4.1–4.6 AES key wrap vectors, through the JWE A*KW key management: wrapping
//! the key data as the CEK gives the RFC's ciphertext as the JWE Encrypted Key.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::support::{appendix, b64, hex};
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg as E, Jwk, KeyManagementAlg as K};

#[test]
fn rfc3394_section_4_vectors() {
    let mut n = 0;
    for i in 1..=6 {
        let v = appendix(&format!("rfc3394-4.{i}"));
        let kek = hex(v["inputs"]["KEK_hex"].as_str().unwrap());
        let data = hex(v["inputs"]["key_data_hex"].as_str().unwrap());
        let want = hex(v["outputs"]["ciphertext_hex"].as_str().unwrap());
        let alg = match kek.len() {
            16 => K::A128KW,
            24 => K::A192KW,
            _ => K::A256KW,
        };
        let enc = match data.len() {
            16 => E::A128Gcm,
            24 => E::A192Gcm,
            _ => E::A256Gcm,
        };
        let key = Jwk::from_oct_bytes(&kek).unwrap();
        let token = Encrypter::new(&key, alg, enc)
            .unwrap()
            .dangerous_fixed_cek_and_iv_for_tests(&data, &[0u8; 12], None)
            .encrypt_compact(b"rfc 3394")
            .unwrap();
        let ek = b64(token.split('.').nth(1).unwrap());
        assert_eq!(ek, want, "rfc3394-4.{i}");
        let out = Decrypter::new(&key, &[alg], &[enc])
            .unwrap()
            .decrypt(&token)
            .unwrap();
        assert_eq!(out.plaintext(), b"rfc 3394");
        n += 1;
    }
    println!("RFC 3394 §4: {n}/6 vectors passed");
}
