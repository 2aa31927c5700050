//! RFC 7517 / RFC 7520 §3 keys and the RFC 7638 thumbprint.

use crate::support::{self, appendix};
use jwcrypt::{Jwk, jwa::HashAlg};
use serde_json::Value;

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
    let text = include_str!("../data/rfc7520/jwk/3_4.rsa_private_key.json");
    let jwk = Jwk::from_json(text).unwrap();
    assert!(jwk.is_private());
    assert_eq!(jwk.size_bits(), 2048);
    let original: Value = serde_json::from_str(text).unwrap();
    let exported: Value = serde_json::from_str(&jwk.export_private().unwrap()).unwrap();
    assert_eq!(original, exported);
    let public: Value = serde_json::from_str(&jwk.export_public().unwrap()).unwrap();
    let expected: Value =
        serde_json::from_str(include_str!("../data/rfc7520/jwk/3_3.rsa_public_key.json")).unwrap();
    assert_eq!(public, expected);
    let dbg = format!("{jwk:?}");
    assert!(!dbg.contains(original["d"].as_str().unwrap()), "{dbg}");
}

#[test]
fn rfc7520_rsa_key_without_primes_recovers_them() {
    let text = include_str!("../data/rfc7520/jwk/3_4.rsa_private_key.json");
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
        include_str!("../data/rfc7520/jwk/3_5.symmetric_key_mac_computation.json"),
        include_str!("../data/rfc7520/jwk/3_6.symmetric_key_encryption.json"),
    ] {
        let jwk = Jwk::from_json(text).unwrap();
        let original: Value = serde_json::from_str(text).unwrap();
        let exported: Value = serde_json::from_str(&jwk.export_private().unwrap()).unwrap();
        assert_eq!(original, exported);
        assert!(jwk.export_public().is_err());
    }
}

fn all_appendix_jwks() -> Vec<(String, Value)> {
    let all: Value = serde_json::from_str(include_str!("../data/rfc-appendix.json")).unwrap();
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| {
            Some((
                v["id"].as_str()?.to_owned(),
                v["inputs"].get("jwk")?.clone(),
            ))
        })
        .collect()
}

/// RFC 7517 Appendix C.1: the RSA private key (also Appendix A.2's) that Appendix C encrypts.
#[test]
fn rfc7517_appendix_c_private_key() {
    let v = appendix("rfc7517-C");
    let text = v["inputs"]["plaintext_utf8"].as_str().unwrap();
    let jwk = Jwk::from_json(text).unwrap();
    assert!(jwk.is_private());
    assert_eq!(jwk.kid(), Some("juliet@capulet.lit"));
    assert_eq!(jwk.params().key_use, Some(jwcrypt::jwk::KeyUse::Encryption));
    assert_eq!(jwk.size_bits(), 2048);
    let original: Value = serde_json::from_str(text).unwrap();
    let exported: Value = serde_json::from_str(&jwk.export_private().unwrap()).unwrap();
    assert_eq!(original, exported);
    // The same key through PKCS#8 and back.
    let back = Jwk::from_pem(&jwk.to_pkcs8_pem().unwrap()).unwrap();
    let back: Value = serde_json::from_str(&back.export_private().unwrap()).unwrap();
    for m in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
        assert_eq!(back[m], original[m], "{m}");
    }
    let dbg = format!("{jwk:?}");
    assert!(!dbg.contains(original["d"].as_str().unwrap()));
}

/// Every JWK of the RFC appendices (oct, RSA, EC, OKP) imports and exports unchanged.
#[test]
fn appendix_keys_round_trip() {
    let mut count = 0;
    for (id, key) in all_appendix_jwks() {
        let kty = key["kty"].as_str().unwrap();
        let jwk = Jwk::from_value(&key).unwrap_or_else(|e| panic!("{id}: {e}"));
        let exported = support::members(&jwk);
        assert_eq!(exported, key, "{id}");
        if kty == "RSA" {
            let pem = if jwk.is_private() {
                jwk.to_pkcs8_pem().unwrap()
            } else {
                jwk.to_spki_pem().unwrap().into()
            };
            let pem = Jwk::from_pem(&pem).unwrap();
            assert_eq!(
                pem.thumbprint(HashAlg::Sha256).unwrap(),
                jwk.thumbprint(HashAlg::Sha256).unwrap(),
                "{id}"
            );
        }
        count += 1;
    }
    assert_eq!(count, 9, "2 oct, 4 RSA, 2 EC and 1 OKP keys");
}

/// RFC 7517 Appendix A.3: the symmetric key set, made of the RFC 7516 A.3 key-wrap key and
/// the RFC 7515 A.1 HMAC key.
#[test]
fn rfc7517_appendix_a3_symmetric_set() {
    let kw = appendix("rfc7516-A.3")["inputs"]["jwk"]["k"].clone();
    let hmac = appendix("rfc7515-A.1")["inputs"]["jwk"]["k"].clone();
    assert_eq!(kw, "GawgguFyGrWKav7AX4VKUg");
    let text = serde_json::json!({"keys": [
        {"kty": "oct", "alg": "A128KW", "k": kw},
        {"kty": "oct", "k": hmac, "kid": "HMAC key used in JWS spec A.1 example"},
    ]})
    .to_string();
    let set = jwcrypt::JwkSet::from_json(&text).unwrap();
    assert_eq!(set.len(), 2);
    assert_eq!(set.keys()[0].size_bits(), 128);
    assert_eq!(
        set.get("HMAC key used in JWS spec A.1 example")
            .unwrap()
            .size_bits(),
        512
    );
    // A public export of symmetric keys has no keys.
    assert_eq!(set.export_public().unwrap(), r#"{"keys":[]}"#);
    let back: Value = serde_json::from_str(&set.export_private().unwrap()).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(&text).unwrap());
}

/// RFC 7520 §3.1/§3.2 EC P-521 keys: import, the private key's public part is the public
/// key, and both export unchanged.
#[test]
fn rfc7520_ec_keys() {
    let public_text = include_str!("../data/rfc7520/jwk/3_1.ec_public_key.json");
    let private_text = include_str!("../data/rfc7520/jwk/3_2.ec_private_key.json");
    let public = Jwk::from_json(public_text).unwrap();
    let private = Jwk::from_json(private_text).unwrap();
    assert_eq!(private.to_public().unwrap(), public);
    for (key, text) in [(&public, public_text), (&private, private_text)] {
        let exported = support::members(key);
        assert_eq!(exported, serde_json::from_str::<Value>(text).unwrap());
    }
}
