//! Strict base64url: decoding never panics, and what decodes re-encodes to the same text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(bytes) = jwcrypt::b64::decode(data) {
        assert_eq!(jwcrypt::b64::encode(&bytes).as_bytes(), data);
    }
});
