//! The one support module of the integration-test crates (tests/vectors, tests/api,
//! tests/attacks and the CLI's cli/tests/cli): paths and JSON under tests/data, RFC appendix
//! entries, hex and base64url, fixture keys (loaded once per crate), token surgery and
//! secret-leak checks. Each crate's main.rs includes it with
//! `#[path = ".../support/mod.rs"] mod support;`; a crate uses some of the helpers.
// Each crate uses a different subset of the helpers, and some crates use them all, so an
// `expect(dead_code)` would go unfulfilled there: this one stays an `allow`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jwcrypt::Jwk;
use serde_json::Value;

/// Strict unpadded base64url for the tests (jwcrypt's own codec is crate-internal): on
/// `base64ct`, which refuses padding, white space and non-zero tail bits, as jwcrypt does.
pub mod b64 {
    use base64ct::{Base64UrlUnpadded, Encoding};

    /// Encodes bytes as base64url without padding.
    pub fn encode(data: &[u8]) -> String {
        Base64UrlUnpadded::encode_string(data)
    }

    /// Decodes canonical unpadded base64url.
    pub fn decode(text: impl AsRef<[u8]>) -> Result<Vec<u8>, base64ct::Error> {
        Base64UrlUnpadded::decode_vec(
            std::str::from_utf8(text.as_ref()).map_err(|_| base64ct::Error::InvalidEncoding)?,
        )
    }
}

/// The repository's tests/data directory (found from the crate's manifest directory: the
/// repository root for the library's tests, cli/ for the CLI's).
fn data_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(|p| p.join("tests/data"))
            .find(|p| p.is_dir())
            .expect("tests/data above the crate")
    })
}

/// A path under tests/data.
pub fn data_path(rel: &str) -> PathBuf {
    data_dir().join(rel)
}

/// A JSON file under tests/data.
pub fn read_json(rel: &str) -> Value {
    let text = std::fs::read_to_string(data_path(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The tests/data/rfc-appendix.json entry (RFC 3394, 7515-7519 appendices) with this id.
pub fn appendix(id: &str) -> Value {
    let all = read_json("rfc-appendix.json");
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
        .clone()
}

/// The path of a file under tests/data/keys.
pub fn key_path(name: &str) -> PathBuf {
    data_path("keys").join(name)
}

/// The text of a file under tests/data/keys.
pub fn key_text(name: &str) -> String {
    std::fs::read_to_string(key_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The bytes of a file under tests/data/keys.
pub fn key_bytes(name: &str) -> Vec<u8> {
    std::fs::read(key_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A fixture JWK (a file under tests/data/keys).
pub fn jwk(name: &str) -> Jwk {
    Jwk::from_json(key_text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The RSA fixture JWKs (private).
pub const RSA_KEYS: &[&str] = &["rsa2048-a.json", "rsa2048-b.json", "rsa3072.json"];

/// The RFC 7520 §3.4 RSA private key.
pub const RFC7520_RSA: &str = include_str!("../data/rfc7520/jwk/3_4.rsa_private_key.json");

/// A key's members as JSON, private ones included when it has them, without the
/// parameters that PEM does not carry (`kid`, `alg`, `use`, `key_ops`).
pub fn material(key: &Jwk) -> Value {
    let mut v = members(key);
    let obj = v.as_object_mut().unwrap();
    for p in ["kid", "alg", "use", "key_ops"] {
        obj.remove(p);
    }
    v
}

/// The base64url values of the secret members of a JWK JSON text.
pub fn secrets_of(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap();
    ["d", "p", "q", "dp", "dq", "qi", "k"]
        .iter()
        .filter_map(|m| v.get(*m).and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Panics if `text` holds any of `secrets` (or a 16-character piece of one).
pub fn assert_no_secret(text: &str, secrets: &[String]) {
    for s in secrets {
        let piece: String = s.chars().take(16).collect();
        assert!(
            !text.contains(&piece),
            "secret material leaked into: {text}"
        );
    }
}

/// A JWK from a JSON value.
pub fn jwk_value(v: &Value) -> Jwk {
    Jwk::from_value(v).unwrap()
}

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
    b64::decode(s).unwrap()
}

/// The RFC 7520 §3.4 RSA private key as published (`"use": "sig"`).
pub fn rsa_private() -> Jwk {
    Jwk::from_json(RFC7520_RSA).unwrap()
}

/// The RFC 7520 §3.3 RSA public key.
pub fn rsa_public() -> Jwk {
    Jwk::from_json(include_str!("../data/rfc7520/jwk/3_3.rsa_public_key.json")).unwrap()
}

/// A key's JSON members as it exports them, private ones included when it has them.
pub fn members(key: &Jwk) -> Value {
    let text = if key.is_private() {
        key.export_private().unwrap().to_string()
    } else {
        key.export_public().unwrap()
    };
    serde_json::from_str(&text).unwrap()
}

/// The key without these members, read back through import's checks.
pub fn without(key: &Jwk, names: &[&str]) -> Jwk {
    let mut v = members(key);
    for name in names {
        v.as_object_mut().unwrap().remove(*name);
    }
    Jwk::from_value(&v).unwrap()
}

/// The RFC 7520 §3.5 HMAC key.
pub fn hmac_key() -> Jwk {
    Jwk::from_json(include_str!(
        "../data/rfc7520/jwk/3_5.symmetric_key_mac_computation.json"
    ))
    .unwrap()
}

/// A fixture key under tests/data/keys without its `alg` and `use`.
fn fixture(name: &str) -> Jwk {
    without(&jwk(name), &["alg", "use"])
}

/// RSA 2048 fixture key A (private, kid "rsa-a", no alg, no use), loaded once.
pub fn rsa_a() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    K.get_or_init(|| fixture("rsa2048-a.json"))
}

/// RSA 2048 fixture key B (private, kid "rsa-b", no alg, no use), loaded once.
pub fn rsa_b() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    K.get_or_init(|| fixture("rsa2048-b.json"))
}

/// The RFC 7520 §3.4 RSA private key with `"use": "sig"` removed (so it may also encrypt),
/// loaded once.
pub fn rsa_7520() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    K.get_or_init(|| fixture("../rfc7520/jwk/3_4.rsa_private_key.json"))
}

/// [`rsa_7520`], owned.
pub fn rsa_key() -> Jwk {
    rsa_7520().clone()
}

/// The public half of a key.
pub fn public(key: &Jwk) -> Jwk {
    key.to_public().unwrap()
}

/// Flips one bit in the decoded bytes of part `index` of a compact token (re-encoded
/// canonically), or truncates it by `cut` bytes.
pub fn tamper_part(token: &str, index: usize, flip: Option<usize>, cut: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut bytes = b64::decode(&parts[index]).unwrap();
    if let Some(at) = flip
        && !bytes.is_empty()
    {
        let at = at % bytes.len();
        bytes[at] ^= 0x01;
    }
    bytes.truncate(bytes.len().saturating_sub(cut));
    parts[index] = b64::encode(&bytes);
    parts.join(".")
}

/// Flips one bit of the decoded part `index` (not empty) of a compact token (re-encoded
/// canonically).
pub fn flip_bit(token: &str, index: usize, at: usize) -> String {
    let part = token.split('.').nth(index).unwrap();
    assert!(!part.is_empty(), "part {index} is empty");
    tamper_part(token, index, Some(at), 0)
}

/// Replaces the decoded part `index` of a compact token with `bytes`.
pub fn replace_part(token: &str, index: usize, bytes: &[u8]) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[index] = b64::encode(bytes);
    parts.join(".")
}
