//! Issue 25, class 2: signature stripping and key binding in the JSON serializations
//! (joserfc CVE-2026-102946: an empty `signatures` array accepted; jwcrypto CVE-2026-84185: a
//! general JSON JWS verified by any key of a set instead of the key its `kid` names;
//! web-token GHSA-jc38-x7x8-2xc8: `alg` from an unprotected header, proven by
//! `jws::ghsa_jc38_x7x8_2xc8_alg_in_unprotected_header` and repeated here for the general
//! serialization).

use crate::helpers::{b64, kind};
use hmac::{Hmac, KeyInit, Mac};
use jwcrypt::jws::{JsonSigner, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, JwkSet, SigningAlg as S};
use serde_json::{Value, json};
use sha2::Sha256;

const SECRET_A: [u8; 32] = [0xa1; 32];
const SECRET_B: [u8; 32] = [0xb2; 32];

fn mac(secret: &[u8], input: &str) -> String {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    m.update(input.as_bytes());
    b64(m.finalize().into_bytes())
}

/// A set of two HS256 keys, `a` and `b`.
fn set() -> JwkSet {
    [
        Jwk::from_oct_bytes(&SECRET_A).unwrap().with_kid("a"),
        Jwk::from_oct_bytes(&SECRET_B).unwrap().with_kid("b"),
    ]
    .into_iter()
    .collect()
}

/// One entry of `signatures`: this protected header (and unprotected header), MACed with
/// `secret` over the payload part `p`.
fn entry(protected: &Value, header: Option<Value>, p: &str, secret: &[u8]) -> Value {
    let h = b64(protected.to_string());
    let mut e = json!({"protected": h, "signature": mac(secret, &format!("{h}.{p}"))});
    if let Some(u) = header {
        e["header"] = u;
    }
    e
}

#[test]
fn cve_2026_102946_empty_signatures_array_refused() {
    let v = Verifier::new(set(), &[S::HS256]).unwrap();
    let p = b64(b"payload");
    let h = b64(br#"{"alg":"HS256"}"#);
    let mut beside = entry(&json!({"alg": "HS256", "kid": "a"}), None, &p, &SECRET_A);
    beside["payload"] = p.clone().into();
    beside["signatures"] = json!([]);
    for (doc, expected) in [
        (
            json!({"payload": p, "signatures": []}),
            ErrorKind::MalformedToken,
        ),
        // An empty array beside a flattened signature that would verify: the two
        // serializations mixed are not a JWS.
        (beside, ErrorKind::MalformedToken),
        (
            json!({"payload": p, "signatures": {}}),
            ErrorKind::MalformedToken,
        ),
        (
            json!({"payload": p, "signatures": null}),
            ErrorKind::MalformedToken,
        ),
        (
            json!({"payload": p, "signatures": [{}]}),
            ErrorKind::MalformedToken,
        ),
        (
            json!({"payload": p, "signatures": [{"protected": h}]}),
            ErrorKind::MalformedToken,
        ),
        // An empty signature value is a signature that does not verify.
        (
            json!({"payload": p, "signatures": [{"protected": h, "signature": ""}]}),
            ErrorKind::InvalidSignature,
        ),
    ] {
        assert_eq!(kind(v.verify(&doc.to_string())), expected, "{doc}");
        assert_eq!(kind(v.verify_json(&doc.to_string())), expected, "{doc}");
    }
    // The signer never makes one.
    assert_eq!(
        kind(JsonSigner::new().sign_general(b"payload")),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn cve_2026_84185_general_json_entry_bound_to_its_kid() {
    let v = Verifier::new(set(), &[S::HS256]).unwrap();
    let p = b64(b"payload");
    // The only entry names `a` but is MACed with `b`'s key: `b` is in the set, yet it is
    // not the key the entry names, so nothing verifies.
    let protected_kid = json!({"payload": p, "signatures": [
        entry(&json!({"alg": "HS256", "kid": "a"}), None, &p, &SECRET_B)
    ]});
    assert_eq!(
        kind(v.verify(&protected_kid.to_string())),
        ErrorKind::InvalidSignature
    );
    // The same with the kid in the unprotected header.
    let unprotected_kid = json!({"payload": p, "signatures": [
        entry(&json!({"alg": "HS256"}), Some(json!({"kid": "a"})), &p, &SECRET_B)
    ]});
    assert_eq!(
        kind(v.verify(&unprotected_kid.to_string())),
        ErrorKind::InvalidSignature
    );
    // A kid the set does not have, MACed with a key it does have.
    let unknown = json!({"payload": p, "signatures": [
        entry(&json!({"alg": "HS256", "kid": "c"}), None, &p, &SECRET_A)
    ]});
    assert_eq!(kind(v.verify(&unknown.to_string())), ErrorKind::KeyNotFound);
    // Two entries, each naming the other's key: neither verifies.
    let swapped = json!({"payload": p, "signatures": [
        entry(&json!({"alg": "HS256", "kid": "a"}), None, &p, &SECRET_B),
        entry(&json!({"alg": "HS256", "kid": "b"}), None, &p, &SECRET_A),
    ]});
    assert_eq!(
        kind(v.verify(&swapped.to_string())),
        ErrorKind::InvalidSignature
    );
    // Sanity: the entry MACed with the key it names verifies, and says which key and entry.
    let honest = json!({"payload": p, "signatures": [
        entry(&json!({"alg": "HS256", "kid": "a"}), None, &p, &SECRET_B),
        entry(&json!({"alg": "HS256", "kid": "b"}), None, &p, &SECRET_B),
    ]});
    let ok = v.verify(&honest.to_string()).unwrap();
    assert_eq!(
        (ok.signature_index(), ok.key_kid(), ok.payload()),
        (1, Some("b"), &b"payload"[..])
    );
}

#[test]
fn ghsa_jc38_x7x8_2xc8_general_json_alg_only_unprotected() {
    let v = Verifier::new(set(), &[S::HS256]).unwrap();
    let p = b64(b"payload");
    // alg only in the unprotected header of the only entry.
    let only = json!({"payload": p, "signatures": [
        entry(&json!({"kid": "a"}), Some(json!({"alg": "HS256"})), &p, &SECRET_A)
    ]});
    assert_eq!(kind(v.verify(&only.to_string())), ErrorKind::InvalidHeader);
    // No protected header at all.
    let h = "";
    let bare = json!({"payload": p, "signatures": [
        {"header": {"alg": "HS256", "kid": "a"}, "signature": mac(&SECRET_A, &format!("{h}.{p}"))}
    ]});
    assert_eq!(kind(v.verify(&bare.to_string())), ErrorKind::InvalidHeader);
    // A bad entry beside a valid one is never the entry that verifies: the verified entry is
    // the second, whose `alg` is protected, and its header is the one returned.
    let mixed = json!({"payload": p, "signatures": [
        entry(&json!({"kid": "a"}), Some(json!({"alg": "HS256"})), &p, &SECRET_A),
        entry(&json!({"alg": "HS256", "kid": "a"}), None, &p, &SECRET_A),
    ]});
    let ok = v.verify(&mixed.to_string()).unwrap();
    assert_eq!(ok.signature_index(), 1);
    assert_eq!(
        ok.protected_header().get("alg"),
        Some(&Value::from("HS256"))
    );
    // The signer refuses to write it.
    let mut u = serde_json::Map::new();
    u.insert("alg".into(), "HS256".into());
    let key = Jwk::from_oct_bytes(&SECRET_A).unwrap();
    assert_eq!(
        kind(
            JsonSigner::new()
                .add_signature(&JwsHeader::new(S::HS256), Some(u), &key)
                .sign_general(b"x")
        ),
        ErrorKind::InvalidHeader
    );
}
