//! Strict base64url: decoding never panics, what decodes re-encodes to the same text, and
//! the engine for public token parts (the `base64` crate's, table-driven) accepts, rejects
//! and produces exactly what the constant-time one (`base64ct`, for secrets) does.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = jwcrypt::b64::decode(data);
    let public = jwcrypt::b64::decode_public(data);
    assert_eq!(strict.as_ref().ok(), public.as_ref().ok());
    if let Ok(bytes) = strict {
        assert_eq!(jwcrypt::b64::encode(&bytes).as_bytes(), data);
    }
    // Any bytes encode the same way through both engines.
    assert_eq!(jwcrypt::b64::encode(data), jwcrypt::b64::encode_public(data));
});
