//! Wycheproof JOSE vectors: json_web_signature_test.json and json_web_key_test.json.
//!
//! Every case is run with the group's key (oct, RSA, EC or OKP: all are implemented) and
//! the key's own `alg` as the only allowed algorithm; a group whose key type were not
//! implemented would be skipped and counted.
//! A few cases are known divergences, listed with the reason and asserted to go the
//! other way, so any change in behaviour shows up.

use jwcrypt::jwa::Algorithm;
use jwcrypt::jws::Verifier;
use jwcrypt::{Jwk, JwkSet, SigningAlg};
use serde_json::Value;

/// Cases where jwcrypt deliberately differs from the expected result.
const DIVERGENCES: &[(&str, u64, &str)] = &[
    (
        "json_web_signature",
        346,
        "RFC 7520 Figure 20 is PS384 but the key says alg PS256: the key's alg binds",
    ),
    ("json_web_signature", 350, "as 346, with key_ops"),
    (
        "json_web_signature",
        367,
        "defective vector: same token as the valid tcId 357, marked invalid",
    ),
    (
        "json_web_signature",
        370,
        "defective vector: same token as the valid tcId 357, marked invalid",
    ),
    (
        "json_web_signature",
        372,
        "defective vector: '?' inside base64url marked valid; strict base64url refuses it",
    ),
    (
        "json_web_signature",
        373,
        "defective vector: '?' inside base64url marked valid; strict base64url refuses it",
    ),
    (
        "json_web_signature",
        347,
        "RFC 7520 Figure 27 (ES512) with a key whose alg is \"ES521\", which is no JWS \
         algorithm: a key whose alg jwcrypt does not implement is never used, not guessed at",
    ),
    ("json_web_signature", 351, "as 347, with key_ops"),
    (
        "json_web_key",
        1,
        "a set holding an HS256 oct key and an ES256 EC key, flagged MixedKeySet/Ambiguous; \
         the HS256 token is genuinely signed by the oct key (kid kid-aes-sign). jwcrypt's \
         defence is binding each key to its own family and alg (ATTACKS.md row 22: the EC \
         key is never an HMAC secret), not refusing the set, which RFC 7517 §5 allows",
    ),
];

fn divergence(file: &str, id: u64) -> Option<&'static str> {
    DIVERGENCES
        .iter()
        .find(|(f, i, _)| *f == file && *i == id)
        .map(|(_, _, why)| *why)
}

fn supported_kty(key: &Value) -> bool {
    matches!(key["kty"].as_str(), Some("oct" | "RSA" | "EC" | "OKP"))
}

fn key_alg(key: &Jwk) -> Option<SigningAlg> {
    match key.alg() {
        Some(Algorithm::Signing(a)) => Some(*a),
        _ => None,
    }
}

/// Flips one bit in each part of a compact JWS (decoded, then re-encoded) and checks
/// that every variant is rejected.
fn tamper(verifier: &Verifier, token: &str) -> usize {
    let parts: Vec<&str> = token.split('.').collect();
    let mut n = 0;
    for which in 0..3 {
        let bytes = crate::support::b64::decode(parts[which]).unwrap();
        if bytes.is_empty() {
            continue;
        }
        for pos in [0, bytes.len() / 2, bytes.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[pos] ^= 1;
            let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            p[which] = crate::support::b64::encode(&flipped);
            let t = p.join(".");
            assert!(
                verifier.verify(&t).is_err(),
                "tampered part {which} at {pos} accepted"
            );
            n += 1;
        }
    }
    n
}

struct Counts {
    passed: usize,
    in_scope: usize,
    skipped: usize,
    divergent: usize,
    tampered: usize,
}

fn run_case(
    file: &str,
    case: &Value,
    verify: &dyn Fn(&str) -> bool,
    tamper_with: Option<&Verifier>,
    counts: &mut Counts,
) {
    let id = case["tcId"].as_u64().unwrap();
    let token = case["jws"].as_str().unwrap();
    let expected = match case["result"].as_str().unwrap() {
        "valid" => true,
        "invalid" => false,
        other => panic!("{file} tcId {id}: unexpected result {other}"),
    };
    counts.in_scope += 1;
    let ok = verify(token);
    if let Some(why) = divergence(file, id) {
        assert_eq!(
            ok, !expected,
            "{file} tcId {id}: listed divergence ({why}) now agrees: remove it"
        );
        counts.divergent += 1;
        return;
    }
    assert_eq!(
        ok, expected,
        "{file} tcId {id} ({}): expected {}",
        case["comment"], case["result"]
    );
    counts.passed += 1;
    if let (true, false, Some(v)) = (expected, token.starts_with('{'), tamper_with) {
        counts.tampered += tamper(v, token);
    }
}

fn report(name: &str, c: &Counts) {
    println!(
        "wycheproof {name}: {} passed of {} in scope, {} skipped, {} documented divergences, {} tampered variants rejected",
        c.passed, c.in_scope, c.skipped, c.divergent, c.tampered
    );
    eprintln!(
        "wycheproof {name}: {} passed of {} in scope, {} skipped",
        c.passed, c.in_scope, c.skipped
    );
    assert_eq!(c.passed + c.divergent, c.in_scope);
}

#[test]
fn json_web_signature() {
    let file: Value = serde_json::from_str(include_str!(
        "../data/wycheproof/json_web_signature_test.json"
    ))
    .unwrap();
    let mut c = Counts {
        passed: 0,
        in_scope: 0,
        skipped: 0,
        divergent: 0,
        tampered: 0,
    };
    for group in file["testGroups"].as_array().unwrap() {
        let tests = group["tests"].as_array().unwrap();
        let key_value = if group["public"].is_object() {
            &group["public"]
        } else {
            &group["private"]
        };
        if !supported_kty(key_value) {
            c.skipped += tests.len();
            continue;
        }
        let key = Jwk::from_value(key_value);
        let verifier = key
            .as_ref()
            .ok()
            .and_then(|k| Verifier::for_key_algs(k).ok());
        for case in tests {
            let verify = |token: &str| verifier.as_ref().is_some_and(|v| v.verify(token).is_ok());
            run_case(
                "json_web_signature",
                case,
                &verify,
                verifier.as_ref(),
                &mut c,
            );
        }
    }
    report("json_web_signature", &c);
    assert!(c.passed > 300);
}

#[test]
fn json_web_key() {
    let file: Value =
        serde_json::from_str(include_str!("../data/wycheproof/json_web_key_test.json")).unwrap();
    let mut c = Counts {
        passed: 0,
        in_scope: 0,
        skipped: 0,
        divergent: 0,
        tampered: 0,
    };
    for group in file["testGroups"].as_array().unwrap() {
        let tests = group["tests"].as_array().unwrap();
        let keys = group["private"]["keys"].as_array().unwrap();
        if !keys.iter().any(supported_kty) {
            c.skipped += tests.len();
            continue;
        }
        // Wycheproof's key sets are the verifier's own configuration, so they are read
        // strictly, as a set one controls should be (tcId 1 is a listed divergence).
        let set = JwkSet::from_json_strict(group["private"].to_string());
        let algs: Vec<SigningAlg> = set
            .as_ref()
            .map(|s| s.iter().filter_map(key_alg).collect())
            .unwrap_or_default();
        let verifier = set.as_ref().ok().and_then(|s| Verifier::new(s, &algs).ok());
        for case in tests {
            let verify = |token: &str| verifier.as_ref().is_some_and(|v| v.verify(token).is_ok());
            run_case("json_web_key", case, &verify, verifier.as_ref(), &mut c);
        }
    }
    report("json_web_key", &c);
}
