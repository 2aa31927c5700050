//! JWK JSON import: never panics; an imported key exports and re-imports to the same key.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = jwcrypt::Jwk::from_json(data) {
        let _ = format!("{key:?}");
        let json = if key.is_private() {
            key.export_private().map(|s| s.to_string())
        } else {
            key.export_public()
        };
        let back = jwcrypt::Jwk::from_json(json.expect("a parsed key exports")).expect("re-import");
        assert!(back == key);
    }
});
