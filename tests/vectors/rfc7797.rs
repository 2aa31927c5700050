//! RFC 7797 (unencoded payload, `b64: false`) examples from the cookbook
//! (tests/data/rfc7520/rfc7797/) and RFC 7797 §4.2.

use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, SigningAlg};
use serde_json::Value;

fn load(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn key(v: &Value) -> Jwk {
    Jwk::from_value(&v["input"]["key"]).unwrap()
}

#[test]
fn compact_compatible_example() {
    let v = load(include_str!(
        "../data/rfc7520/rfc7797/hmac-sha2_b64_false.json"
    ));
    let key = key(&v);
    let payload = v["input"]["payload"].as_str().unwrap().as_bytes();
    let header = JwsHeader::new(SigningAlg::HS256).unencoded_payload();
    assert_eq!(
        header.to_json().unwrap(),
        r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#
    );
    let compact = jws::sign_compact(payload, &header, &key).unwrap();
    assert_eq!(compact, v["output"]["compact"].as_str().unwrap());
    let flat = JsonSigner::new()
        .add_signature(&header, None, &key)
        .sign_flattened(payload)
        .unwrap();
    assert_eq!(load(&flat), v["output"]["json_flat"]);
    let general = JsonSigner::new()
        .add_signature(&header, None, &key)
        .sign_general(payload)
        .unwrap();
    assert_eq!(load(&general), v["output"]["json"]);
    let verifier = Verifier::for_key_algs(&key).unwrap();
    for token in [
        compact.clone(),
        v["output"]["json"].to_string(),
        v["output"]["json_flat"].to_string(),
    ] {
        let verified = verifier.verify(&token).unwrap();
        assert_eq!(verified.payload(), payload);
        assert!(!verified.header().b64());
    }
}

/// RFC 7797 §4.2: payload "$.02" (it holds a '.', so the compact form is detached).
#[test]
fn rfc7797_section_4_2_detached() {
    let v = load(include_str!(
        "../data/rfc7520/rfc7797/hmac-sha2_b64_false.json"
    ));
    let key = key(&v);
    let header = JwsHeader::new(SigningAlg::HS256).unencoded_payload();
    let expected = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY";
    assert_eq!(
        jws::sign_compact_detached(b"$.02", &header, &key).unwrap(),
        expected
    );
    let verifier = Verifier::for_key_algs(&key).unwrap();
    assert_eq!(
        verifier
            .verify_compact_detached(expected, b"$.02")
            .unwrap()
            .payload(),
        b"$.02"
    );
    // The '.' cannot travel in a compact JWS.
    assert_eq!(
        jws::sign_compact(b"$.02", &header, &key)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    // RFC 7797 §4.2's JSON form carries it fine.
    let flat = JsonSigner::new()
        .add_signature(&header, None, &key)
        .sign_flattened(b"$.02")
        .unwrap();
    assert_eq!(
        load(&flat),
        serde_json::json!({
            "payload": "$.02",
            "protected": "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19",
            "signature": "A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"
        })
    );
    assert_eq!(verifier.verify(&flat).unwrap().payload(), b"$.02");
}

/// The cookbook's "JSON only" example (file 4.2...) predates the final RFC: its protected header is
/// `{"alg":"HS256","b64":false}` without `crit`. RFC 7797 §6 and ATTACKS.md #33 require
/// `b64` in `crit`, so jwcrypt refuses it.
#[test]
fn cookbook_json_only_example_without_crit_is_refused() {
    let v = load(include_str!(
        "../data/rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json"
    ));
    let key = key(&v);
    let verifier = Verifier::for_key_algs(&key).unwrap();
    for form in ["json", "json_flat"] {
        let e = verifier.verify(&v["output"][form].to_string()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidHeader, "{form}: {e}");
    }
}
