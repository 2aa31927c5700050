//! Compact JWE decryption of untrusted tokens (every algorithm but RSA1_5, ECDH-ES with EC
//! and OKP keys, PBES2 with a password): never panics.
#![no_main]
use jwcrypt::jwe::Decrypter;
use jwcrypt::{ContentEncryptionAlg, KeyManagementAlg};
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let algs: Vec<KeyManagementAlg> = KeyManagementAlg::ALL
            .iter()
            .copied()
            .filter(|a| *a != KeyManagementAlg::Rsa1_5)
            .collect();
        let d = Decrypter::new(common::keys(), &algs, ContentEncryptionAlg::ALL).expect("decrypter");
        let _ = d.decrypt_compact(token);
        // ECDH-ES (epk, apu, apv) and PBES2 (p2s, p2c) headers, with keys and a password.
        for d in common::ecdh_pbes2_decrypters() {
            let _ = d.decrypt_compact(token);
        }
        let _ = jwcrypt::dangerous::inspect(token);
    }
});
