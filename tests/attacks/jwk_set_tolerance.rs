//! Issue 25, class 9 on the library side (PyJWT CVE-2026-102274: one bad key aborted the
//! whole JWK Set). A set with unusable entries keeps its usable keys: tokens signed or
//! encrypted with them still verify and decrypt, with and without `kid`, while the
//! unusable entries are never used, even when a token names their `kid`. The fetch side
//! (CVE-2026-101917, fetch amplification) is proven by the `remote` tests
//! `a_flood_of_unknown_kids_fetches_once_per_cooldown` and
//! `reader::a_flood_of_tokens_with_random_kids_fetches_once_per_cooldown`, and every kind
//! of unusable entry by `api::jwk_set::tolerant_sets_keep_the_usable_keys`.

use crate::helpers::{b64, kind};
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::{
    ContentEncryptionAlg as E, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K, Limits,
    SigningAlg as S,
};
use serde_json::{Value, json};

fn value(key: &Jwk) -> Value {
    serde_json::from_str(&key.export_private().unwrap()).unwrap()
}

/// Entries that are not usable keys, each with a `kid` a token may name.
fn bad_entries() -> Vec<Value> {
    vec![
        json!({"kty": "EC", "kid": "bad-point", "crv": "P-256", "x": "AAAA", "y": "AAAA"}),
        json!({"kty": "RSA", "kid": "bad-n", "n": "not base64url!", "e": "AQAB"}),
        json!({"kty": "oct", "kid": "empty", "k": ""}),
        json!({"kty": "XYZ", "kid": "unknown-kty"}),
        json!({"kty": "oct", "kid": "bad-alg", "alg": "HS999", "k": b64([1u8; 32])}),
        json!({"kty": "OKP", "kid": "bad-crv", "crv": "Ed9999", "x": "AAAA"}),
        json!("not an object"),
        json!({"kid": 7}),
    ]
}

#[test]
fn pyjwt_cve_2026_102274_one_bad_key_does_not_abort_the_set() {
    let mac = Jwk::generate_oct(256).unwrap().with_kid("mac");
    let ec = Jwk::generate_ec("P-256").unwrap().with_kid("ec");
    let kw = Jwk::generate_for(K::A256KW).unwrap().with_kid("kw");
    // Bad entries before, between and after the good ones.
    let mut entries = bad_entries();
    entries.insert(0, value(&mac));
    entries.insert(4, value(&ec));
    entries.push(value(&kw));
    entries.extend(bad_entries());
    let set = JwkSet::from_json(json!({"keys": entries}).to_string()).unwrap();
    assert_eq!(set.len(), 3);
    assert_eq!(set.rejected().len(), 2 * bad_entries().len());
    // The strict reader refuses the set, as asked.
    assert!(JwkSet::from_json_strict(json!({"keys": entries}).to_string()).is_err());

    let v = Verifier::new(&set, &[S::HS256, S::ES256]).unwrap();
    for (key, alg) in [(&mac, S::HS256), (&ec, S::ES256)] {
        for with_kid in [true, false] {
            let mut h = JwsHeader::new(alg);
            if with_kid {
                h = h.with_kid(key.kid().unwrap());
            }
            let t = jws::sign_compact(b"still works", &h, key).unwrap();
            let ok = v.verify(&t).unwrap();
            assert_eq!(ok.payload(), b"still works");
            assert_eq!(ok.key_kid(), key.kid());
        }
    }
    let t = Encrypter::new(&kw, K::A256KW, E::A256Gcm)
        .unwrap()
        .with_kid("kw")
        .encrypt_compact(b"still decrypts")
        .unwrap();
    let d = Decrypter::new(&set, &[K::A256KW], E::ALL).unwrap();
    assert_eq!(d.decrypt(&t).unwrap().plaintext(), b"still decrypts");
    // A token naming a rejected entry's kid finds no key (the good keys are not tried
    // in its place).
    for kid in [
        "bad-point",
        "bad-n",
        "empty",
        "unknown-kty",
        "bad-alg",
        "bad-crv",
    ] {
        let t = jws::sign_compact(b"x", &JwsHeader::new(S::HS256).with_kid(kid), &mac).unwrap();
        assert_eq!(kind(v.verify(&t)), ErrorKind::KeyNotFound, "{kid}");
        assert!(set.find_by_kid(kid).next().is_none(), "{kid}");
    }
}

#[test]
fn pyjwt_cve_2026_102274_a_set_of_bad_keys_with_one_good_key_at_the_count_limit() {
    // 999 unusable entries and one good key: the set is read, and the key works. One
    // entry more is over the count limit, which counts every entry.
    let good = Jwk::generate_oct(256).unwrap().with_kid("good");
    let cap = Limits::default().max_jwk_set_keys;
    let mut entries: Vec<Value> = (0..cap - 1)
        .map(|i| json!({"kty": "EC", "kid": format!("bad{i}"), "crv": "P-256", "x": "AAAA", "y": "AAAA"}))
        .collect();
    entries.push(value(&good));
    let set = JwkSet::from_json(json!({"keys": entries}).to_string()).unwrap();
    assert_eq!((set.len(), set.rejected().len()), (1, cap - 1));
    let t = jws::sign_compact(b"x", &JwsHeader::new(S::HS256), &good).unwrap();
    assert_eq!(
        Verifier::new(&set, &[S::HS256])
            .unwrap()
            .verify(&t)
            .unwrap()
            .key_kid(),
        Some("good")
    );
    entries.push(json!({"kty": "XYZ"}));
    assert_eq!(
        kind(JwkSet::from_json(json!({"keys": entries}).to_string())),
        ErrorKind::LimitExceeded
    );
}
