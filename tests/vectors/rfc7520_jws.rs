//! RFC 7520 §4 (JWS cookbook): 4.1 and 4.4 reproduced byte for byte; 4.2, 4.3 (ES512), 4.5,
//! 4.6 and 4.8 verified; the curve25519 `jws.json` (Ed25519) reproduced byte for byte; 4.7 (alg only in the unprotected header) refused, as ATTACKS.md #24 asks.

use crate::support::{hmac_key, rsa_private as rsa_key};
use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, JwkSet, SigningAlg};
use serde_json::Value;

fn load(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn payload(v: &Value) -> &[u8] {
    v["input"]["payload"].as_str().unwrap().as_bytes()
}

fn header_from(v: &Value) -> JwsHeader {
    let p = &v["signing"]["protected"];
    let alg: SigningAlg = p["alg"].as_str().unwrap().parse().unwrap();
    let mut h = JwsHeader::new(alg);
    if let Some(kid) = p["kid"].as_str() {
        h = h.with_kid(kid);
    }
    h
}

fn json_text(v: &Value) -> String {
    v.to_string()
}

/// Signs with the cookbook's header and compares every serialization byte for byte.
fn reproduce(v: &Value, key: &Jwk) {
    let header = header_from(v);
    let compact = jws::sign_compact(payload(v), &header, key).unwrap();
    assert_eq!(compact, v["output"]["compact"].as_str().unwrap());
    let flat = JsonSigner::new()
        .add_signature(&header, None, key)
        .sign_flattened(payload(v))
        .unwrap();
    assert_eq!(load(&flat), v["output"]["json_flat"]);
    let general = JsonSigner::new()
        .add_signature(&header, None, key)
        .sign_general(payload(v))
        .unwrap();
    assert_eq!(load(&general), v["output"]["json"]);
}

fn verify_all(v: &Value, key: &Jwk, alg: SigningAlg) {
    let verifier = Verifier::new(key, &[alg]).unwrap();
    if let Some(c) = v["output"]["compact"].as_str() {
        assert_eq!(verifier.verify(c).unwrap().payload(), payload(v));
    }
    for form in ["json", "json_flat"] {
        let text = json_text(&v["output"][form]);
        let verified = verifier.verify(&text).unwrap();
        assert_eq!(verified.payload(), payload(v), "{form}");
        assert_eq!(verified.alg(), alg);
    }
}

#[test]
fn s4_1_rs256_byte_for_byte() {
    let v = load(include_str!(
        "../data/rfc7520/jws/4_1.rsa_v15_signature.json"
    ));
    let key = rsa_key();
    reproduce(&v, &key);
    verify_all(&v, &key.to_public().unwrap(), SigningAlg::RS256);
}

#[test]
fn s4_2_ps384_verified() {
    let v = load(include_str!(
        "../data/rfc7520/jws/4_2.rsa-pss_signature.json"
    ));
    let key = rsa_key();
    verify_all(&v, &key.to_public().unwrap(), SigningAlg::PS384);
    // Our own PS384 signature with the same header verifies too (PSS is randomized).
    let token = jws::sign_compact(payload(&v), &header_from(&v), &key).unwrap();
    let verified = Verifier::new(&key, &[SigningAlg::PS384])
        .unwrap()
        .verify(&token)
        .unwrap();
    assert_eq!(verified.payload(), payload(&v));
    assert_ne!(token, v["output"]["compact"].as_str().unwrap());
}

#[test]
fn s4_3_es512_verified() {
    let v = load(include_str!("../data/rfc7520/jws/4_3.ecdsa_signature.json"));
    let key = Jwk::from_value(&v["input"]["key"]).unwrap();
    assert_eq!(key.size_bits(), 521);
    // The cookbook's signatures (random nonces) verify in all three serializations, with
    // the private key and with its public part.
    verify_all(&v, &key, SigningAlg::ES512);
    verify_all(&v, &key.to_public().unwrap(), SigningAlg::ES512);
    // Ours are deterministic (RFC 6979, in every build) over the same signing input, 132
    // bytes, and verify.
    let header = header_from(&v);
    let token = jws::sign_compact(payload(&v), &header, &key).unwrap();
    let again = jws::sign_compact(payload(&v), &header, &key).unwrap();
    assert_eq!(token, again);
    let input = v["signing"]["sig-input"].as_str().unwrap();
    assert!(token.starts_with(&format!("{input}.")));
    assert_ne!(token, v["output"]["compact"].as_str().unwrap());
    let sig = crate::support::b64::decode(token.rsplit('.').next().unwrap()).unwrap();
    assert_eq!(sig.len(), 132);
    let verifier = Verifier::new(key.to_public().unwrap(), &[SigningAlg::ES512]).unwrap();
    assert_eq!(verifier.verify(&token).unwrap().payload(), payload(&v));
    // The RSA and HMAC keys of the cookbook do not verify it, whatever is allowed.
    for other in [rsa_key(), hmac_key()] {
        let e = Verifier::new(other, SigningAlg::ALL)
            .unwrap()
            .verify(v["output"]["compact"].as_str().unwrap())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    }
}

/// The cookbook-format Ed25519 file (`curve25519/jws.json`, the RFC 8037 A.4 example):
/// EdDSA is deterministic, so every serialization is reproduced byte for byte.
#[test]
fn curve25519_ed25519_byte_for_byte() {
    let v = load(include_str!("../data/rfc7520/curve25519/jws.json"));
    let key = Jwk::from_value(&v["input"]["key"]).unwrap();
    reproduce(&v, &key);
    verify_all(&v, &key, SigningAlg::EdDSA);
    verify_all(&v, &key.to_public().unwrap(), SigningAlg::EdDSA);
    // The header says EdDSA: a verifier that accepts only the fully specified name refuses.
    let e = Verifier::new(key.to_public().unwrap(), &[SigningAlg::Ed25519])
        .unwrap()
        .verify(v["output"]["compact"].as_str().unwrap())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed);
}

#[test]
fn s4_4_hs256_byte_for_byte() {
    let v = load(include_str!(
        "../data/rfc7520/jws/4_4.hmac-sha2_integrity_protection.json"
    ));
    reproduce(&v, &hmac_key());
    verify_all(&v, &hmac_key(), SigningAlg::HS256);
}

#[test]
fn s4_5_detached_content() {
    let v = load(include_str!(
        "../data/rfc7520/jws/4_5.signature_with_detached_content.json"
    ));
    let key = hmac_key();
    let header = header_from(&v);
    let compact = jws::sign_compact_detached(payload(&v), &header, &key).unwrap();
    assert_eq!(compact, v["output"]["compact"].as_str().unwrap());
    let flat = JsonSigner::new()
        .add_signature(&header, None, &key)
        .detached()
        .sign_flattened(payload(&v))
        .unwrap();
    assert_eq!(load(&flat), v["output"]["json_flat"]);
    let verifier = Verifier::for_key_algs(&key).unwrap();
    assert_eq!(
        verifier
            .verify_compact_detached(&compact, payload(&v))
            .unwrap()
            .payload(),
        payload(&v)
    );
    for form in ["json", "json_flat"] {
        let text = json_text(&v["output"][form]);
        let verified = verifier.verify_json_detached(&text, payload(&v)).unwrap();
        assert_eq!(verified.payload(), payload(&v));
        // Without the payload, the detached JWS does not verify.
        assert_eq!(
            verifier.verify_json(&text).unwrap_err().kind(),
            ErrorKind::MalformedToken
        );
        assert_eq!(
            verifier
                .verify_json_detached(&text, b"other payload")
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidSignature
        );
    }
    // A detached compact JWS read as a normal one has an empty payload: it fails.
    assert_eq!(
        verifier.verify_compact(&compact).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn s4_6_protecting_specific_header_fields() {
    let v = load(include_str!(
        "../data/rfc7520/jws/4_6.protecting_specific_header_fields.json"
    ));
    let key = hmac_key();
    verify_all(&v, &key, SigningAlg::HS256);
    let verified = Verifier::new(&key, &[SigningAlg::HS256])
        .unwrap()
        .verify(&json_text(&v["output"]["json_flat"]))
        .unwrap();
    assert_eq!(
        verified.header().kid(),
        Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037")
    );
    assert!(!verified.protected_header().contains_key("kid"));
    // Reproduce: protected {"alg":"HS256"}, unprotected {"kid":...}.
    let unprotected = v["signing"]["unprotected"].as_object().unwrap().clone();
    let flat = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::HS256), Some(unprotected), &key)
        .sign_flattened(payload(&v))
        .unwrap();
    assert_eq!(load(&flat), v["output"]["json_flat"]);
}

#[test]
fn s4_7_alg_only_unprotected_is_refused() {
    // RFC 7520 §4.7 puts alg in the unprotected header. jwcrypt takes alg from the
    // protected header only (ATTACKS.md #24, GHSA-jc38-x7x8-2xc8), so this is refused.
    let v = load(include_str!(
        "../data/rfc7520/jws/4_7.protecting_content_only.json"
    ));
    let key = hmac_key();
    let verifier = Verifier::new(&key, &[SigningAlg::HS256]).unwrap();
    for form in ["json", "json_flat"] {
        let e = verifier.verify(&json_text(&v["output"][form])).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidHeader, "{form}: {e}");
    }
}

#[test]
fn s4_8_multiple_signatures() {
    let v = load(include_str!(
        "../data/rfc7520/jws/4_8.multiple_signatures.json"
    ));
    let text = json_text(&v["output"]["json"]);
    let rsa = rsa_key().to_public().unwrap();
    let hmac = hmac_key();
    // RS256 (signature 0; its kid is in the unprotected header).
    let r = Verifier::new(&rsa, &[SigningAlg::RS256])
        .unwrap()
        .verify(&text)
        .unwrap();
    assert_eq!(r.signature_index(), 0);
    assert_eq!(r.header().kid(), Some("bilbo.baggins@hobbiton.example"));
    assert_eq!(r.payload(), payload(&v));
    // HS256 (signature 2); the ES512 one (alg in the unprotected header) is passed over.
    let h = Verifier::new(&hmac, &[SigningAlg::HS256])
        .unwrap()
        .verify(&text)
        .unwrap();
    assert_eq!(h.signature_index(), 2);
    // A key set with both: the first signature that verifies wins.
    let set: JwkSet = [rsa.clone(), hmac.clone()].into_iter().collect();
    let s = Verifier::new(&set, &[SigningAlg::HS256, SigningAlg::RS256])
        .unwrap()
        .verify(&text)
        .unwrap();
    assert_eq!((s.signature_index(), s.key_index()), (0, 0));
    // Our own multi-signature JWS reproduces the deterministic signatures (0 and 2).
    let mut unprotected = serde_json::Map::new();
    unprotected.insert("kid".into(), "bilbo.baggins@hobbiton.example".into());
    let ours = JsonSigner::new()
        .add_signature(
            &JwsHeader::new(SigningAlg::RS256),
            Some(unprotected),
            &rsa_key(),
        )
        .add_signature(
            &JwsHeader::new(SigningAlg::HS256).with_kid("018c0ae5-4d9b-471b-bfd6-eef314bc7037"),
            None,
            &hmac,
        )
        .sign_general(payload(&v))
        .unwrap();
    let ours = load(&ours);
    assert_eq!(ours["signatures"][0], v["output"]["json"]["signatures"][0]);
    assert_eq!(ours["signatures"][1], v["output"]["json"]["signatures"][2]);
}

#[test]
fn wrong_key_or_alg_fails() {
    let v = load(include_str!(
        "../data/rfc7520/jws/4_1.rsa_v15_signature.json"
    ));
    let compact = v["output"]["compact"].as_str().unwrap();
    let rsa = rsa_key();
    assert_eq!(
        Verifier::new(&rsa, &[SigningAlg::PS256])
            .unwrap()
            .verify(compact)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        Verifier::new(hmac_key(), &[SigningAlg::RS256])
            .unwrap()
            .verify(compact)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
}
