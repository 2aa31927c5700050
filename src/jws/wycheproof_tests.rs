//! Wycheproof's primitive signature files through the production JWS path: each group's key
//! is imported as a JWK with [`Jwk::from_value`], checked for the algorithm with
//! [`super::check_key`], and each case verified with [`super::verify_parts`], the function
//! the [`super::Verifier`] calls. (The same files also run against the primitives alone, in
//! `jwa::wycheproof_tests`.)
//!
//! Every `valid` case must verify and every `invalid` case be refused; these files have no
//! `acceptable` cases. A few ECDSA groups carry no `publicKeyJwk` (keys made for the
//! r/x-reduction edge cases); their JWK is written here from the group's uncompressed point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};

use super::{check_key, verify_parts};
use crate::jwa::SigningAlg;
use crate::jwk::{Jwk, KeyOp};
use crate::test_util::hex;

fn load(name: &str) -> Value {
    let path = format!("wycheproof/{name}");
    serde_json::from_str(crate::test_util::data(&path)).unwrap()
}

/// The group's public key as a JWK value.
fn group_jwk(g: &Value, crv: &str, coordinate_len: usize) -> Value {
    if g["publicKeyJwk"].is_object() {
        return g["publicKeyJwk"].clone();
    }
    let point = hex(g["publicKey"]["uncompressed"].as_str().unwrap());
    assert_eq!(point[0], 4);
    let (x, y) = point[1..].split_at(coordinate_len);
    json!({"kty": "EC", "crv": crv, "x": crate::b64::encode(x), "y": crate::b64::encode(y)})
}

/// Runs `file` with `alg`; returns (passed, total).
fn run(file: &str, alg: SigningAlg, crv: &str, coordinate_len: usize) -> (u64, u64) {
    let v = load(file);
    let (mut passed, mut from_point) = (0u64, 0u64);
    for g in v["testGroups"].as_array().unwrap() {
        if !g["publicKeyJwk"].is_object() {
            from_point += 1;
        }
        let key = Jwk::from_value(&group_jwk(g, crv, coordinate_len)).unwrap();
        check_key(&key, alg, KeyOp::Verify).unwrap();
        for t in g["tests"].as_array().unwrap() {
            let id = &t["tcId"];
            let msg = hex(t["msg"].as_str().unwrap());
            let sig = hex(t["sig"].as_str().unwrap());
            // A JWS signing input is `protected '.' payload`: verify the message as three
            // parts too, as the verifier passes it.
            let (a, b) = msg.split_at(msg.len() / 2);
            let ok = verify_parts(&key, alg, &[&msg], &sig).is_ok();
            assert_eq!(ok, verify_parts(&key, alg, &[a, b"", b], &sig).is_ok());
            match t["result"].as_str().unwrap() {
                "valid" => assert!(ok, "{file} tcId {id} (valid) was refused"),
                "invalid" => assert!(!ok, "{file} tcId {id} (invalid) was accepted"),
                other => panic!("{file} tcId {id}: unexpected result {other}"),
            }
            passed += 1;
        }
    }
    let total = v["numberOfTests"].as_u64().unwrap();
    println!(
        "{file} through Jwk + jws::verify_parts ({alg}): {passed}/{total} passed \
         ({from_point} groups' JWK written from the uncompressed point)"
    );
    assert_eq!(passed, total, "{file}: every case run");
    (passed, total)
}

#[test]
fn ecdsa_secp256r1_sha256_p1363_via_jwk() {
    run(
        "ecdsa_secp256r1_sha256_p1363_test.json",
        SigningAlg::ES256,
        "P-256",
        32,
    );
}

#[test]
fn ecdsa_secp384r1_sha384_p1363_via_jwk() {
    run(
        "ecdsa_secp384r1_sha384_p1363_test.json",
        SigningAlg::ES384,
        "P-384",
        48,
    );
}

#[test]
fn ecdsa_secp521r1_sha512_p1363_via_jwk() {
    run(
        "ecdsa_secp521r1_sha512_p1363_test.json",
        SigningAlg::ES512,
        "P-521",
        66,
    );
}

#[test]
fn ed25519_via_jwk() {
    for alg in [SigningAlg::EdDSA, SigningAlg::Ed25519] {
        run("ed25519_test.json", alg, "Ed25519", 32);
    }
}

/// A key of another curve never verifies, whatever the signature.
#[test]
fn other_curve_never_verifies() {
    let v = load("ecdsa_secp256r1_sha256_p1363_test.json");
    let g = &v["testGroups"][0];
    let key = Jwk::from_value(&g["publicKeyJwk"]).unwrap();
    let t = &g["tests"][0];
    assert_eq!(t["result"], "valid");
    let (msg, sig) = (
        hex(t["msg"].as_str().unwrap()),
        hex(t["sig"].as_str().unwrap()),
    );
    verify_parts(&key, SigningAlg::ES256, &[&msg], &sig).unwrap();
    for alg in SigningAlg::ALL.iter().filter(|a| **a != SigningAlg::ES256) {
        assert!(check_key(&key, *alg, KeyOp::Verify).is_err(), "{alg}");
        assert!(verify_parts(&key, *alg, &[&msg], &sig).is_err(), "{alg}");
    }
}
