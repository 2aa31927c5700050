//! PEM and DER import (PKCS#8, encrypted PKCS#8, PKCS#1, SPKI): never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jwcrypt::Jwk::from_der(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = jwcrypt::Jwk::from_pem(text);
        let _ = jwcrypt::Jwk::from_pem_with_password(text, b"password");
    }
});
