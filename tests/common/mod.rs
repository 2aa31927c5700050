//! Helpers shared by the test files: paths and JSON under tests/data, RFC appendix entries,
//! fixture keys and secret-leak checks. `jwe_util` and `jwt_util` re-export the first ones.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use jwcrypt::Jwk;
use serde_json::Value;

/// A path under tests/data.
pub fn data_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
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
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/keys")
        .join(name)
}

/// The text of a file under tests/data/keys.
pub fn key_text(name: &str) -> String {
    std::fs::read_to_string(key_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The bytes of a file under tests/data/keys.
pub fn key_bytes(name: &str) -> Vec<u8> {
    std::fs::read(key_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A fixture JWK.
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
    let mut v = key.to_value(key.is_private()).unwrap();
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
