//! JWK Sets (RFC 7517 §5): parsing, lookup, public and private export.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::support::*;
use jwcrypt::jwk::{KeyOp, KeyUse};
use jwcrypt::{Algorithm, ErrorKind, Jwk, JwkSet, KeyManagementAlg, Limits, SigningAlg};
use serde_json::{Value, json};

fn sample() -> JwkSet {
    [
        jwk("rsa2048-a.json").with_use(KeyUse::Signature),
        jwk("rsa2048-b.json"),
        jwk("oct256.json"),
        Jwk::generate_oct(128)
            .unwrap()
            .with_kid("kw")
            .with_alg(KeyManagementAlg::A128KW),
        jwk("rsa3072.json")
            .to_public()
            .unwrap()
            .with_use(KeyUse::Encryption),
        Jwk::generate_oct(256)
            .unwrap()
            .with_kid("dup")
            .with_key_ops([KeyOp::Sign, KeyOp::Verify]),
        Jwk::generate_oct(256)
            .unwrap()
            .with_kid("dup")
            .with_key_ops([KeyOp::WrapKey]),
    ]
    .into_iter()
    .collect()
}

fn kids<'a>(it: impl Iterator<Item = &'a Jwk>) -> Vec<&'a str> {
    it.map(|k| k.kid().unwrap_or("-")).collect()
}

#[test]
fn find_by_each_criterion() {
    let set = sample();
    assert_eq!(set.len(), 7);
    assert_eq!(kids(set.find(None, None, None)).len(), 7);
    assert_eq!(kids(set.find(Some("dup"), None, None)), ["dup", "dup"]);
    assert_eq!(kids(set.find(Some("nope"), None, None)).len(), 0);

    let sig = KeyUse::Signature;
    let enc = KeyUse::Encryption;
    assert_eq!(
        kids(set.find(None, Some(&sig), None)),
        ["rsa-a", "rsa-b", "oct-a", "kw", "dup"]
    );
    assert_eq!(
        kids(set.find(None, Some(&enc), None)),
        ["rsa-b", "oct-a", "kw", "rsa-c", "dup"]
    );

    let rs256: Algorithm = SigningAlg::RS256.into();
    let ps256: Algorithm = SigningAlg::PS256.into();
    let hs256: Algorithm = SigningAlg::HS256.into();
    let kw: Algorithm = KeyManagementAlg::A128KW.into();
    let oaep: Algorithm = KeyManagementAlg::RsaOaep.into();
    // rsa-b is for PS256 only; rsa-c (public) fits any RSA algorithm.
    assert_eq!(kids(set.find(None, None, Some(&rs256))), ["rsa-a", "rsa-c"]);
    assert_eq!(
        kids(set.find(None, None, Some(&ps256))),
        ["rsa-a", "rsa-b", "rsa-c"]
    );
    // oct-a is for HS256; kw for A128KW only.
    assert_eq!(
        kids(set.find(None, None, Some(&hs256))),
        ["oct-a", "dup", "dup"]
    );
    assert_eq!(kids(set.find(None, None, Some(&kw))), ["kw", "dup", "dup"]);
    assert_eq!(kids(set.find(None, Some(&enc), Some(&oaep))), ["rsa-c"]);
    // All three at once.
    assert_eq!(
        kids(set.find(Some("dup"), Some(&sig), Some(&hs256))),
        ["dup"]
    );
    assert_eq!(kids(set.find(Some("dup"), Some(&enc), Some(&kw))), ["dup"]);
    let other = Algorithm::parse("XYZ");
    assert_eq!(kids(set.find(None, None, Some(&other))).len(), 0);
}

#[test]
fn get_is_unique_or_an_error() {
    let set = sample();
    assert_eq!(set.get("rsa-a").unwrap().kid(), Some("rsa-a"));
    let e = set.get("missing").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
    let e = set.get("dup").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
    assert!(e.message().contains("ambiguous"), "{e}");
    assert!(e.message().contains('2'), "{e}");
}

#[test]
fn public_export_leaves_out_oct_and_secrets() {
    let set = sample();
    let private = set.export_private().unwrap();
    let secrets = secrets_of(&jwk("rsa2048-a.json").export_private().unwrap());
    let public = set.export_public().unwrap();
    assert_no_secret(&public, &secrets);
    let v: Value = serde_json::from_str(&public).unwrap();
    let keys = v["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 3);
    for k in keys {
        assert_eq!(k["kty"], "RSA");
        for m in ["d", "p", "q", "dp", "dq", "qi", "k"] {
            assert!(k.get(m).is_none(), "{m} in {k}");
        }
    }
    assert_eq!(keys[2]["use"], "enc");
    assert_eq!(set.to_public().len(), 3);
    assert!(set.to_public().iter().all(|k| !k.is_private()));
    assert_eq!(JwkSet::from_json(&public).unwrap(), set.to_public());

    // The private export keeps everything, and reads back equal.
    let back = JwkSet::from_json(private.as_bytes()).unwrap();
    assert_eq!(back, set);
    assert!(back.keys()[4].kid() == Some("rsa-c") && !back.keys()[4].is_private());
}

#[test]
fn duplicate_kids_are_allowed_in_a_set() {
    let text = json!({"keys": [
        {"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "kid": "x"},
        {"kty": "oct", "k": "AQEBAQEBAQEBAQEBAQEBAQ", "kid": "x"},
    ]})
    .to_string();
    let set = JwkSet::from_json(&text).unwrap();
    assert_eq!(set.find_by_kid("x").count(), 2);
    assert!(set.get("x").is_err());
}

#[test]
fn bad_sets() {
    for (text, kind) in [
        ("{}", ErrorKind::Json),
        (r#"{"keys": {}}"#, ErrorKind::Json),
        (r#"{"keys": "x"}"#, ErrorKind::Json),
        (r#"{"keys": [1]}"#, ErrorKind::Json),
        (r#"{"keys": [{"kty": "oct"}]}"#, ErrorKind::InvalidKey),
        (r#"[]"#, ErrorKind::Json),
        (r#"{"keys": [], "keys": []}"#, ErrorKind::Json),
    ] {
        let e = JwkSet::from_json(text).unwrap_err();
        assert_eq!(e.kind(), kind, "{text}: {e}");
    }
    // The failing key is named by its index.
    let text = r#"{"keys": [{"kty": "oct", "k": "AAAA"}, {"kty": "RSA", "n": "AQAB"}]}"#;
    let e = JwkSet::from_json(text).unwrap_err();
    assert!(e.message().starts_with("key 1:"), "{e}");
}

#[test]
fn set_size_is_bounded() {
    let key = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#;
    let make = |n: usize| format!(r#"{{"keys":[{}]}}"#, vec![key; n].join(","));
    let max = Limits::default().max_jwk_set_keys;
    assert_eq!(JwkSet::from_json(make(max)).unwrap().len(), max);
    assert_eq!(
        JwkSet::from_json(make(max + 1)).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    let mut small = Limits::default();
    small.max_jwk_set_keys = 2;
    assert!(JwkSet::from_json_with_limits(make(3), &small).is_err());
}

#[test]
fn empty_set() {
    let set = JwkSet::from_json(r#"{"keys":[]}"#).unwrap();
    assert!(set.is_empty());
    assert_eq!(set.export_public().unwrap(), r#"{"keys":[]}"#);
    assert_eq!(*set.export_private().unwrap(), r#"{"keys":[]}"#);
}

#[test]
fn debug_of_a_set_holds_no_secret() {
    let set = sample();
    let dbg = format!("{set:?}");
    for name in ["rsa2048-a.json", "rsa2048-b.json", "oct256.json"] {
        assert_no_secret(&dbg, &secrets_of(&key_text(name)));
    }
}
