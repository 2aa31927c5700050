//! JWK Set import: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(set) = jwcrypt::JwkSet::from_json(data) {
        for key in set.iter() {
            let _ = key.thumbprint(jwcrypt::jwa::HashAlg::Sha256);
        }
    }
});
