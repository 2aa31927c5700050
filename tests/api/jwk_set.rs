//! JWK Sets (RFC 7517 §5): parsing, lookup, public and private export.

use crate::support::*;
use jwcrypt::jwk::{KeyOp, KeyUse};
use jwcrypt::{Algorithm, ErrorKind, Jwk, JwkSet, KeyManagementAlg, Limits, SigningAlg};
use serde_json::{Value, json};

fn sample() -> JwkSet {
    [
        jwk("rsa2048-a.json").with_use(KeyUse::Signature).unwrap(),
        jwk("rsa2048-b.json"),
        jwk("oct256.json"),
        Jwk::generate_oct(128)
            .unwrap()
            .with_kid("kw")
            .with_alg(KeyManagementAlg::A128KW),
        jwk("rsa3072.json")
            .to_public()
            .unwrap()
            .with_use(KeyUse::Encryption)
            .unwrap(),
        Jwk::generate_oct(256)
            .unwrap()
            .with_kid("dup")
            .with_key_ops([KeyOp::Sign, KeyOp::Verify])
            .unwrap(),
        Jwk::generate_oct(256)
            .unwrap()
            .with_kid("dup")
            .with_key_ops([KeyOp::WrapKey])
            .unwrap(),
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
    // The document as a whole is malformed: both modes refuse it.
    for (text, kind) in [
        ("{}", ErrorKind::Json),
        (r#"{"keys": {}}"#, ErrorKind::Json),
        (r#"{"keys": "x"}"#, ErrorKind::Json),
        (r#"[]"#, ErrorKind::Json),
        (r#"{"keys": [], "keys": []}"#, ErrorKind::Json),
        (
            r#"{"keys": [{"kty": "oct", "kty": "oct"}]}"#,
            ErrorKind::Json,
        ),
    ] {
        let e = JwkSet::from_json(text).unwrap_err();
        assert_eq!(e.kind(), kind, "{text}: {e}");
        let e = JwkSet::from_json_strict(text).unwrap_err();
        assert_eq!(e.kind(), kind, "{text}: {e}");
    }
    // One bad entry: the strict mode refuses the set, naming the entry's index; the tolerant
    // mode reports it.
    for (text, kind) in [
        (r#"{"keys": [1]}"#, ErrorKind::Json),
        (r#"{"keys": [{"kty": "oct"}]}"#, ErrorKind::InvalidKey),
    ] {
        let e = JwkSet::from_json_strict(text).unwrap_err();
        assert_eq!(e.kind(), kind, "{text}: {e}");
        assert!(e.message().starts_with("key 0: "), "{e}");
        let set = JwkSet::from_json(text).unwrap();
        assert_eq!((set.len(), set.rejected().len()), (0, 1), "{text}");
        assert_eq!(set.rejected()[0].kind(), kind);
    }
    let text = r#"{"keys": [{"kty": "oct", "k": "AAAA"}, {"kty": "RSA", "n": "AQAB"}]}"#;
    let e = JwkSet::from_json_strict(text).unwrap_err();
    assert!(e.message().starts_with("key 1:"), "{e}");
}

/// Every kind of unusable entry lands in `rejected()` with its index, kid, kty and reason;
/// the usable keys around them are kept in order.
#[test]
fn tolerant_sets_keep_the_usable_keys() {
    let rsa =
        serde_json::from_str::<Value>(&jwk("rsa2048-a.json").export_public().unwrap()).unwrap();
    let mut bad_n = rsa.clone();
    bad_n["n"] = json!("not base64url!");
    bad_n["kid"] = json!("bad-n");
    let mut rsa_hs = rsa.clone();
    rsa_hs["alg"] = json!("HS256");
    rsa_hs["kid"] = json!("rsa-hs");
    let text = json!({"keys": [
        {"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "kid": "o1"},
        {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA", "kid": "ec"},
        "not an object",
        {"kty": "OKP", "crv": "Ed25519", "x": "AAAA"},
        bad_n,
        rsa,
        {"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "kid": "o2", "alg": "A512KWX"},
        rsa_hs,
        {"kid": 7, "kty": 8},
        {"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "kid": "o3", "use": "enc", "key_ops": ["sign"]},
        {"kty": "oct", "k": "AQEBAQEBAQEBAQEBAQEBAQ", "kid": "o4", "alg": "A128KW"},
    ]})
    .to_string();
    let set = JwkSet::from_json(&text).unwrap();
    assert_eq!(kids(set.iter()), ["o1", "rsa-a", "o4"]);
    let rejected: Vec<_> = set
        .rejected()
        .iter()
        .map(|r| (r.index(), r.kid(), r.kty(), r.kind()))
        .collect();
    assert_eq!(
        rejected,
        [
            (1, Some("ec"), Some("EC"), ErrorKind::InvalidKey),
            (2, None, None, ErrorKind::Json),
            (3, None, Some("OKP"), ErrorKind::InvalidKey),
            (4, Some("bad-n"), Some("RSA"), ErrorKind::InvalidKey),
            (6, Some("o2"), Some("oct"), ErrorKind::UnsupportedAlgorithm),
            (7, Some("rsa-hs"), Some("RSA"), ErrorKind::KeyMismatch),
            (8, None, None, ErrorKind::Json),
            (9, Some("o3"), Some("oct"), ErrorKind::InvalidKey),
        ]
    );
    // EC and OKP keys of the wrong length: malformed, with the curve named.
    assert!(
        set.rejected()[0].reason().contains("P-256"),
        "{:?}",
        set.rejected()[0]
    );
    assert!(
        set.rejected()[2].reason().contains("Ed25519"),
        "{:?}",
        set.rejected()[2]
    );
    assert_eq!(
        set.rejected()[4].to_error().message(),
        r#"key 6: unsupported algorithm "A512KWX""#
    );
    // A rejected kid is never found, and never exported.
    assert_eq!(set.find_by_kid("ec").count(), 0);
    assert_eq!(
        set.get("rsa-hs").unwrap_err().kind(),
        ErrorKind::KeyNotFound
    );
    let public = JwkSet::from_json(set.export_public().unwrap()).unwrap();
    assert_eq!((public.len(), public.rejected().len()), (1, 0));
    // The strict mode stops at the first unusable entry.
    let e = JwkSet::from_json_strict(&text).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().starts_with("key 1: "), "{e}");
    // The count limit counts every entry, usable or not.
    let mut two = Limits::default();
    two.max_jwk_set_keys = 10;
    assert_eq!(
        JwkSet::from_json_with_limits(&text, &two)
            .unwrap_err()
            .kind(),
        ErrorKind::LimitExceeded
    );
}

/// The identity providers' sets (tests/data/jwks): every key whose type, curve and `alg`
/// jwcrypt implements is imported with its X.509 members kept; the others are reported with
/// the reason (an `alg` jwcrypt does not implement yet), and never used.
#[test]
fn identity_provider_sets() {
    let implemented = |alg: Option<&str>| {
        alg.is_none_or(|a| a.parse::<SigningAlg>().is_ok() || a.parse::<KeyManagementAlg>().is_ok())
    };
    for file in ["google.json", "entra.json", "auth0.json", "okta.json"] {
        let text = std::fs::read_to_string(data_path("jwks").join(file)).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        let entries = doc["keys"].as_array().unwrap();
        let set = JwkSet::from_json(&text).unwrap();
        assert_eq!(set.len() + set.rejected().len(), entries.len(), "{file}");
        for (i, entry) in entries.iter().enumerate() {
            let alg = entry["alg"].as_str();
            let rejected = set.rejected().iter().find(|r| r.index() == i);
            match rejected {
                None => assert!(implemented(alg), "{file} key {i} ({alg:?}) was kept"),
                Some(r) => {
                    assert!(!implemented(alg), "{file} key {i}: {}", r.reason());
                    assert_eq!(r.kind(), ErrorKind::UnsupportedAlgorithm, "{file}");
                    assert_eq!(r.kid(), entry["kid"].as_str(), "{file}");
                }
            }
        }
        for key in set.iter() {
            let entry = entries
                .iter()
                .find(|k| k["kid"].as_str() == key.kid())
                .unwrap();
            let p = key.params();
            assert_eq!(p.x5c.as_ref().map(|c| json!(c)), entry.get("x5c").cloned());
            assert_eq!(p.x5t.as_deref(), entry["x5t"].as_str(), "{file}");
            assert_eq!(p.x5t_s256.as_deref(), entry["x5t#S256"].as_str(), "{file}");
            // Entra's issuer (and other provider members) are kept as other members.
            assert_eq!(p.other.get("issuer"), entry.get("issuer"), "{file}");
            // Re-exported, the key is the provider's entry (members may be reordered).
            let back: Value = serde_json::from_str(&key.export_public().unwrap()).unwrap();
            assert_eq!(back, *entry, "{file}");
        }
        // Every provider publishes at least two RSA keys jwcrypt uses.
        assert!(
            set.iter().filter(|k| k.key_type().name() == "RSA").count() >= 2,
            "{file}"
        );
        if !set.rejected().is_empty() {
            assert!(JwkSet::from_json_strict(&text).is_err(), "{file}");
        }
    }
}

#[test]
fn insert_remove_retain() {
    let oct = |kid: &str| Jwk::generate_oct(256).unwrap().with_kid(kid);
    let mut set: JwkSet = [
        oct("a"),
        oct("b"),
        oct("a"),
        Jwk::generate_oct(128).unwrap(),
    ]
    .into_iter()
    .collect();
    let new_a = oct("a");
    let replaced = set.insert(new_a.clone());
    assert_eq!(replaced.len(), 2);
    assert_eq!(kids(set.iter()), ["a", "b", "-"]);
    assert_eq!(set.get("a").unwrap(), &new_a);
    assert!(set.insert(oct("c")).is_empty());
    assert!(set.insert(Jwk::generate_oct(128).unwrap()).is_empty());
    assert_eq!(kids(set.iter()), ["a", "b", "-", "c", "-"]);
    assert_eq!(set.remove("b").len(), 1);
    assert!(set.remove("b").is_empty());
    assert_eq!(kids(set.iter()), ["a", "-", "c", "-"]);
    set.retain(|k| k.kid().is_some());
    assert_eq!(kids(set.iter()), ["a", "c"]);
    set.retain(|k| k.size_bits() == 128);
    assert!(set.is_empty());
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
