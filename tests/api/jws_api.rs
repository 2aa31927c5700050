//! JWS API behaviour: tampering with every positive vector, header building, key rules,
//! key selection, serializations.

use crate::support::{hmac_key, rsa_private};
use jwcrypt::jwk::{KeyOp, KeyUse};
use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, JwkSet, SigningAlg};
use serde_json::{Value, json};

fn appendix_key(id: &str) -> Jwk {
    let all: Value = serde_json::from_str(include_str!("../data/rfc-appendix.json")).unwrap();
    let v = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()
        .clone();
    Jwk::from_value(&v["inputs"]["jwk"]).unwrap()
}

fn flip(text: &str, pos: usize) -> String {
    let mut bytes = crate::support::b64::decode(text).unwrap();
    let len = bytes.len();
    bytes[pos % len] ^= 0x01;
    crate::support::b64::encode(&bytes)
}

/// Every positive vector, with one bit flipped in the header, the payload and the
/// signature (three positions each), is rejected; the JSON forms too.
#[test]
fn tampering_with_positive_vectors() {
    let cookbook = |t: &str| -> Value { serde_json::from_str(t).unwrap() };
    let rsa = rsa_private().to_public().unwrap();
    let hmac = hmac_key();
    let a1 = appendix_key("rfc7515-A.1");
    let a2 = appendix_key("rfc7515-A.2").to_public().unwrap();
    let all: Value = serde_json::from_str(include_str!("../data/rfc-appendix.json")).unwrap();
    let compact_of = |id: &str| {
        all["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap()["outputs"]["compact"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let v41 = cookbook(include_str!(
        "../data/rfc7520/jws/4_1.rsa_v15_signature.json"
    ));
    let v42 = cookbook(include_str!(
        "../data/rfc7520/jws/4_2.rsa-pss_signature.json"
    ));
    let v44 = cookbook(include_str!(
        "../data/rfc7520/jws/4_4.hmac-sha2_integrity_protection.json"
    ));
    let cases: Vec<(Verifier, Value)> = vec![
        (
            Verifier::new(&a1, &[SigningAlg::HS256]).unwrap(),
            json!({"output":{"compact": compact_of("rfc7515-A.1")}}),
        ),
        (
            Verifier::new(&a2, &[SigningAlg::RS256]).unwrap(),
            json!({"output":{"compact": compact_of("rfc7515-A.2")}}),
        ),
        (Verifier::new(&rsa, &[SigningAlg::RS256]).unwrap(), v41),
        (Verifier::new(&rsa, &[SigningAlg::PS384]).unwrap(), v42),
        (Verifier::new(&hmac, &[SigningAlg::HS256]).unwrap(), v44),
    ];
    let mut rejected = 0;
    for (verifier, v) in &cases {
        let compact = v["output"]["compact"].as_str().unwrap();
        assert!(verifier.verify(compact).is_ok());
        let parts: Vec<&str> = compact.split('.').collect();
        for which in 0..3 {
            for pos in [0, 7, 1000] {
                let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
                p[which] = flip(parts[which], pos);
                assert!(
                    verifier.verify(&p.join(".")).is_err(),
                    "part {which} pos {pos}"
                );
                rejected += 1;
            }
        }
        if let Some(flat) = v["output"]["json_flat"].as_object() {
            for member in ["payload", "protected", "signature"] {
                let mut t = flat.clone();
                let text = t[member].as_str().unwrap().to_owned();
                t[member] = flip(&text, 3).into();
                assert!(verifier.verify(&Value::Object(t).to_string()).is_err());
                rejected += 1;
            }
        }
    }
    println!("{rejected} tampered tokens rejected");
}

#[test]
fn header_building() {
    let h = JwsHeader::new(SigningAlg::RS256)
        .with_kid("k")
        .with_typ("JWT")
        .with_cty("JWT")
        .with_member("x-custom", json!({"a": [1, 2]}))
        .unwrap();
    assert_eq!(
        (h.kid(), h.typ(), h.cty()),
        (Some("k"), Some("JWT"), Some("JWT"))
    );
    assert_eq!(h.get("alg"), Some(&json!("RS256")));
    assert_eq!(h.get("x-custom"), Some(&json!({"a": [1, 2]})));
    assert!(h.b64());
    for name in ["alg", "kid", "crit", "b64", "jwk", "x5c", "x5t#S256", "typ"] {
        assert_eq!(
            JwsHeader::new(SigningAlg::HS256)
                .with_member(name, json!("x"))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidArgument,
            "{name}"
        );
    }
    let u = JwsHeader::new(SigningAlg::HS256).unencoded_payload();
    assert!(!u.b64());
    assert_eq!(u.crit(), vec!["b64"]);
    // Wrong-typed registered members are refused when reading.
    for bad in [
        r#"{"alg":"HS256","kid":1}"#,
        r#"{"alg":"HS256","jwk":"x"}"#,
        r#"{"alg":"HS256","x5c":[1]}"#,
        r#"{"alg":1}"#,
        r#"{"kid":"a"}"#,
    ] {
        assert_eq!(
            JwsHeader::from_json(bad).unwrap_err().kind(),
            ErrorKind::InvalidHeader,
            "{bad}"
        );
    }
}

#[test]
fn kid_comes_from_the_key_unless_the_header_has_one() {
    let key = hmac_key(); // kid 018c0ae5-...
    let t = jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::HS256), &key).unwrap();
    let h = jwcrypt::dangerous::inspect(&t).unwrap().headers().clone();
    assert_eq!(h["kid"], "018c0ae5-4d9b-471b-bfd6-eef314bc7037");
    let t = jws::sign_compact(
        b"x",
        &JwsHeader::new(SigningAlg::HS256).with_kid("mine"),
        &key,
    )
    .unwrap();
    assert_eq!(
        jwcrypt::dangerous::inspect(&t).unwrap().headers()["kid"],
        "mine"
    );
}

#[test]
fn key_rules_when_signing_and_verifying() {
    let rsa = rsa_private();
    let h = JwsHeader::new(SigningAlg::RS256);
    // A public key cannot sign.
    assert_eq!(
        jws::sign_compact(b"x", &h, &rsa.to_public().unwrap())
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    // key_ops without "sign".
    let verify_only = rsa.clone().with_key_ops([KeyOp::Verify]).unwrap();
    assert_eq!(
        jws::sign_compact(b"x", &h, &verify_only)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    // use "enc" permits neither.
    let enc = rsa.clone().with_use(KeyUse::Encryption).unwrap();
    assert_eq!(
        jws::sign_compact(b"x", &h, &enc).unwrap_err().kind(),
        ErrorKind::KeyMismatch
    );
    let token = jws::sign_compact(b"x", &h, &rsa).unwrap();
    let e = Verifier::new(&enc, &[SigningAlg::RS256])
        .unwrap()
        .verify(&token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    // The key's own alg binds: an RS256 key does not verify PS256.
    let rs256_key = rsa.clone().with_alg(SigningAlg::RS256);
    let ps = jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::PS256), &rsa).unwrap();
    let e = Verifier::new(&rs256_key, &[SigningAlg::PS256, SigningAlg::RS256])
        .unwrap()
        .verify(&ps)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    assert_eq!(
        jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::PS256), &rs256_key)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
}

#[test]
fn key_selection_in_a_set() {
    let a = Jwk::from_oct_bytes(&[1u8; 32]).unwrap().with_kid("a");
    let b = Jwk::from_oct_bytes(&[2u8; 32]).unwrap().with_kid("b");
    let anonymous = Jwk::from_oct_bytes(&[3u8; 32]).unwrap();
    let set: JwkSet = [a.clone(), b.clone(), anonymous.clone()]
        .into_iter()
        .collect();
    let v = Verifier::new(&set, &[SigningAlg::HS256]).unwrap();
    let tb = jws::sign_compact(b"b", &JwsHeader::new(SigningAlg::HS256), &b).unwrap();
    let r = v.verify(&tb).unwrap();
    assert_eq!((r.key_index(), r.key_kid()), (1, Some("b")));
    // A token without kid tries every key.
    let tn = jws::sign_compact(b"n", &JwsHeader::new(SigningAlg::HS256), &anonymous).unwrap();
    assert_eq!(v.verify(&tn).unwrap().key_index(), 2);
    // An unknown kid finds no key.
    let tc = jws::sign_compact(b"c", &JwsHeader::new(SigningAlg::HS256).with_kid("c"), &a).unwrap();
    assert_eq!(v.verify(&tc).unwrap_err().kind(), ErrorKind::KeyNotFound);
    // A kid naming a key that does not verify: one InvalidSignature.
    let forged =
        jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::HS256).with_kid("a"), &b).unwrap();
    assert_eq!(
        v.verify(&forged).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
    // Two keys with the same kid that both fit: ambiguous, refused.
    let dup: JwkSet = [
        a.clone(),
        Jwk::from_oct_bytes(&[9u8; 32]).unwrap().with_kid("a"),
    ]
    .into_iter()
    .collect();
    let ta = jws::sign_compact(b"a", &JwsHeader::new(SigningAlg::HS256), &a).unwrap();
    let e = Verifier::new(&dup, &[SigningAlg::HS256])
        .unwrap()
        .verify(&ta)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
}

#[test]
fn serializations_and_payloads() {
    let key = hmac_key();
    let v = Verifier::for_key_algs(&key).unwrap();
    for payload in [&b""[..], b"\x00\xff", b"a.b.c", &[7u8; 5000]] {
        let h = JwsHeader::new(SigningAlg::HS256);
        let c = jws::sign_compact(payload, &h, &key).unwrap();
        assert_eq!(v.verify(&format!("  {c}\n")).unwrap().payload(), payload);
        let g = JsonSigner::new()
            .add_signature(&h, None, &key)
            .sign_general(payload)
            .unwrap();
        let r = v.verify(&g).unwrap();
        assert_eq!((r.payload(), r.signature_index()), (payload, 0));
        let d = jws::sign_compact_detached(payload, &h, &key).unwrap();
        assert_eq!(
            v.verify_compact_detached(&d, payload).unwrap().payload(),
            payload
        );
        // A token that carries its payload is not a detached one (the empty payload aside).
        assert_eq!(
            v.verify_compact_detached(&c, payload).is_err(),
            !payload.is_empty()
        );
    }
    // Unencoded compact payloads: text without '.'.
    let u = JwsHeader::new(SigningAlg::HS256).unencoded_payload();
    let c = jws::sign_compact(b"plain text", &u, &key).unwrap();
    assert!(c.contains(".plain text."));
    assert_eq!(v.verify(&c).unwrap().payload(), b"plain text");
    assert_eq!(
        jws::sign_compact(b"\xff", &u, &key).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    // Flattened needs exactly one signature; general at least one.
    let two = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::HS256), None, &key)
        .add_signature(&JwsHeader::new(SigningAlg::HS256), None, &key);
    assert_eq!(
        two.sign_flattened(b"x").unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert!(two.sign_general(b"x").is_ok());
    assert_eq!(
        JsonSigner::new().sign_general(b"x").unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    // A member in both header parts is refused when signing.
    let mut dup = serde_json::Map::new();
    dup.insert("kid".into(), "x".into());
    let e = JsonSigner::new()
        .add_signature(
            &JwsHeader::new(SigningAlg::HS256).with_kid("x"),
            Some(dup),
            &key,
        )
        .sign_flattened(b"x")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidHeader);
}

#[test]
fn unverified_header_reading() {
    let key = hmac_key();
    let mut u = serde_json::Map::new();
    u.insert("x-note".into(), "hi".into());
    let g = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::HS256), Some(u), &key)
        .sign_general(b"x")
        .unwrap();
    let h = jwcrypt::dangerous::inspect(&g).unwrap().headers().clone();
    assert_eq!(h["signatures"][0]["protected"]["alg"], "HS256");
    assert_eq!(h["signatures"][0]["header"]["x-note"], "hi");
    assert!(jwcrypt::dangerous::inspect("a.b").is_err());
    assert!(jwcrypt::dangerous::inspect("{}").is_err());
}
