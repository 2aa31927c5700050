//! Helpers shared by the JWT test files (included with `mod jwt_util;`): fixture keys
//! (never generated per test), RFC appendix entries, token surgery.
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::OnceLock;

use jwcrypt::Jwk;
use serde_json::Value;

#[path = "../common/mod.rs"]
mod common;
#[allow(unused_imports)] // each test file uses some of them
pub use common::{appendix, data_path, read_json};

/// A JWK from a JSON value.
pub fn jwk(v: &Value) -> Jwk {
    Jwk::from_value(v).unwrap()
}

fn fixture(name: &str) -> Jwk {
    let text = std::fs::read_to_string(data_path("keys").join(name)).unwrap();
    let mut key = Jwk::from_json(&text).unwrap();
    key.params_mut().alg = None;
    key.params_mut().key_use = None;
    key
}

/// RSA 2048 fixture key A (private, kid "rsa-a", no alg, no use).
pub fn rsa_a() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    K.get_or_init(|| fixture("rsa2048-a.json"))
}

/// RSA 2048 fixture key B (private, kid "rsa-b", no alg, no use).
pub fn rsa_b() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    K.get_or_init(|| fixture("rsa2048-b.json"))
}

/// The RFC 7520 §3.4 RSA private key with `"use": "sig"` removed (so it may also encrypt).
pub fn rsa_7520() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    K.get_or_init(|| fixture("../rfc7520/jwk/3_4.rsa_private_key.json"))
}

/// The public half of a key.
pub fn public(key: &Jwk) -> Jwk {
    key.to_public().unwrap()
}

/// Flips one bit of the decoded part `index` of a compact token (re-encoded canonically).
pub fn flip_bit(token: &str, index: usize, at: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut bytes = jwcrypt::b64::decode(&parts[index]).unwrap();
    let at = at % bytes.len();
    bytes[at] ^= 0x01;
    parts[index] = jwcrypt::b64::encode(&bytes);
    parts.join(".")
}

/// Replaces the decoded part `index` of a compact token with `bytes`.
pub fn replace_part(token: &str, index: usize, bytes: &[u8]) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[index] = jwcrypt::b64::encode(bytes);
    parts.join(".")
}
