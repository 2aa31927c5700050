//! Nested JWT reading (decrypt, verify, validate) of untrusted tokens: never panics.
#![no_main]
use jwcrypt::jwt::{Reader, Validation};
use jwcrypt::{KeyManagementAlg, SigningAlg};
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let keys = common::keys();
        let reader = Reader::builder(Validation::new().allow_missing_exp())
            .decrypt_with(keys, &[KeyManagementAlg::A256KW, KeyManagementAlg::RsaOaep256], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(keys, &[SigningAlg::HS256, SigningAlg::RS256]).build().unwrap();
        let _ = reader.read(token);
        let _ = jwcrypt::dangerous::inspect(token).map(|i| i.claims());
    }
});
