//! RFC 7517 / RFC 7520 §3 keys and the RFC 7638 thumbprint.

use jwcrypt::{Jwk, jwa::HashAlg};
use serde_json::Value;

fn appendix(id: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("data/rfc-appendix.json")).expect("vectors");
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no vector {id}"))
}

#[test]
fn rfc7638_thumbprint() {
    let v = appendix("rfc7638-3.1");
    let jwk = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    assert_eq!(
        jwk.thumbprint(HashAlg::Sha256).unwrap(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}

#[test]
fn rfc7520_rsa_private_key_round_trips() {
    let text = include_str!("data/rfc7520/jwk/3_4.rsa_private_key.json");
    let jwk = Jwk::from_json(text).unwrap();
    assert!(jwk.is_private());
    assert_eq!(jwk.size_bits(), 2048);
    let original: Value = serde_json::from_str(text).unwrap();
    let exported: Value = serde_json::from_str(&jwk.export_private().unwrap()).unwrap();
    assert_eq!(original, exported);
    let public: Value = serde_json::from_str(&jwk.export_public().unwrap()).unwrap();
    let expected: Value =
        serde_json::from_str(include_str!("data/rfc7520/jwk/3_3.rsa_public_key.json")).unwrap();
    assert_eq!(public, expected);
    let dbg = format!("{jwk:?}");
    assert!(!dbg.contains(original["d"].as_str().unwrap()), "{dbg}");
}

#[test]
fn rfc7520_rsa_key_without_primes_recovers_them() {
    let text = include_str!("data/rfc7520/jwk/3_4.rsa_private_key.json");
    let mut v: Value = serde_json::from_str(text).unwrap();
    let full = v.clone();
    for m in ["p", "q", "dp", "dq", "qi"] {
        v.as_object_mut().unwrap().remove(m);
    }
    let jwk = Jwk::from_value(&v).unwrap();
    let exported: Value = serde_json::from_str(&jwk.export_private().unwrap()).unwrap();
    // The primes may come back in either order.
    let (p, q) = (&exported["p"], &exported["q"]);
    assert!(
        (p == &full["p"] && q == &full["q"]) || (p == &full["q"] && q == &full["p"]),
        "recovered primes differ"
    );
}

#[test]
fn rfc7520_oct_keys() {
    for text in [
        include_str!("data/rfc7520/jwk/3_5.symmetric_key_mac_computation.json"),
        include_str!("data/rfc7520/jwk/3_6.symmetric_key_encryption.json"),
    ] {
        let jwk = Jwk::from_json(text).unwrap();
        let original: Value = serde_json::from_str(text).unwrap();
        let exported: Value = serde_json::from_str(&jwk.export_private().unwrap()).unwrap();
        assert_eq!(original, exported);
        assert!(jwk.export_public().is_err());
    }
}
