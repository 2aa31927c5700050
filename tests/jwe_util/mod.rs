//! Helpers shared by the JWE test files (included with `mod jwe_util;`).
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jwcrypt::Jwk;

#[path = "../common/mod.rs"]
mod common;
#[allow(unused_imports)] // each test file uses some of them
pub use common::{appendix, data_path, read_json};

/// Lowercase hex to bytes.
pub fn hex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2));
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Strict base64url to bytes.
pub fn b64(s: &str) -> Vec<u8> {
    jwcrypt::b64::decode(s).unwrap()
}

/// The RFC 7520 §3.4 RSA private key (committed; no key generation in tests), with its
/// `"use": "sig"` removed so that it may encrypt.
pub fn rsa_key() -> Jwk {
    let text = std::fs::read_to_string(data_path("rfc7520/jwk/3_4.rsa_private_key.json")).unwrap();
    let mut key = Jwk::from_json(&text).unwrap();
    key.params_mut().key_use = None;
    key
}

/// Flips one bit in the decoded bytes of part `index` of a compact token (re-encoded
/// canonically), or truncates it by `cut` bytes.
pub fn tamper_part(token: &str, index: usize, flip: Option<usize>, cut: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut bytes = jwcrypt::b64::decode(&parts[index]).unwrap();
    if let Some(at) = flip
        && !bytes.is_empty()
    {
        let at = at % bytes.len();
        bytes[at] ^= 0x01;
    }
    bytes.truncate(bytes.len().saturating_sub(cut));
    parts[index] = jwcrypt::b64::encode(&bytes);
    parts.join(".")
}
