//! RFC 3394 §4.1–4.6 AES key wrap vectors, through the JWE A*KW key management: a JWE whose
//! Encrypted Key is the RFC's ciphertext, with content encrypted (AES-GCM, here) under the
//! key data, decrypts. (Wrapping the key data as the CEK gives the RFC's ciphertext: a unit
//! test in src/jwe/tests.rs, which can fix the CEK.)

use crate::support::{appendix, hex};
use aes_gcm::aead::consts::U12;
use aes_gcm::aes::{Aes128, Aes192, Aes256};
use aes_gcm::{AeadInOut, AesGcm, KeyInit};
use jwcrypt::jwe::Decrypter;
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
        let protected =
            crate::support::b64::encode(format!(r#"{{"alg":"{alg}","enc":"{enc}"}}"#).as_bytes());
        let iv = [7u8; 12];
        let mut ct = b"rfc 3394".to_vec();
        let aad = protected.as_bytes();
        let tag = match data.len() {
            16 => AesGcm::<Aes128, U12>::new_from_slice(&data)
                .unwrap()
                .encrypt_inout_detached(&iv.into(), aad, ct.as_mut_slice().into()),
            24 => AesGcm::<Aes192, U12>::new_from_slice(&data)
                .unwrap()
                .encrypt_inout_detached(&iv.into(), aad, ct.as_mut_slice().into()),
            _ => AesGcm::<Aes256, U12>::new_from_slice(&data)
                .unwrap()
                .encrypt_inout_detached(&iv.into(), aad, ct.as_mut_slice().into()),
        }
        .unwrap();
        let b = crate::support::b64::encode;
        let token = format!("{protected}.{}.{}.{}.{}", b(&want), b(&iv), b(&ct), b(&tag));
        let out = Decrypter::new(&key, &[alg], &[enc])
            .unwrap()
            .decrypt(&token)
            .unwrap();
        assert_eq!(out.plaintext(), b"rfc 3394");
        n += 1;
    }
    println!("RFC 3394 §4: {n}/6 vectors passed");
}
