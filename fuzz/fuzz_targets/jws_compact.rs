//! Compact JWS verification of untrusted tokens: never panics.
#![no_main]
use jwcrypt::SigningAlg;
use jwcrypt::jws::Verifier;
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let v = Verifier::new(common::keys(), SigningAlg::ALL).expect("verifier");
        let _ = v.verify_compact(token);
        let _ = v.verify_compact_detached(token, b"payload");
        let _ = jwcrypt::dangerous::inspect(token).map(|i| i.payload());
    }
});
