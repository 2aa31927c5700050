//! PEM and DER import (PKCS#8, encrypted PKCS#8, PKCS#1, SPKI, SEC1; RSA, EC, OKP): never
//! panics; an imported key exports to SPKI (and PKCS#8 when private) and reads back the same.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn round_trip(key: &jwcrypt::Jwk) {
    let public = key.to_public().expect("a key has a public part");
    let spki = key.to_spki_der().expect("an imported key exports to SPKI");
    assert!(jwcrypt::Jwk::from_der(&spki).expect("SPKI re-import") == public);
    if key.is_private() {
        let pkcs8 = key.to_pkcs8_der().expect("a private key exports to PKCS#8");
        assert!(jwcrypt::Jwk::from_der(&pkcs8).expect("PKCS#8 re-import") == *key);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = jwcrypt::Jwk::from_der(data) {
        round_trip(&key);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(key) = jwcrypt::Jwk::from_pem(text) {
            round_trip(&key);
        }
        let _ = jwcrypt::Jwk::from_pem_with_password(text, b"password");
    }
});
