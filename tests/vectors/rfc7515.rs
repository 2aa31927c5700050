//! RFC 7515 Appendix A: A.1 (HS256) and A.2 (RS256) byte for byte; A.3/A.4 (ES*) refused;
//! A.5 (`alg: none`) refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::support::appendix;
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, SigningAlg};

fn reproduce(id: &str, alg: SigningAlg) {
    let v = appendix(id);
    let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    let header_text = v["inputs"]["protected_header_utf8"].as_str().unwrap();
    let payload = v["inputs"]["payload_utf8"].as_str().unwrap().as_bytes();
    assert!(payload.windows(2).any(|w| w == b"\r\n"), "CRLF payload");
    let header = JwsHeader::from_json(header_text).unwrap();
    assert_eq!(header.alg(), alg);
    let compact = v["outputs"]["compact"].as_str().unwrap();
    let token = jws::sign_compact(payload, &header, &key).unwrap();
    assert_eq!(token, compact);
    let verified = Verifier::new(&key, &[alg])
        .unwrap()
        .verify_compact(compact)
        .unwrap();
    assert_eq!(verified.payload(), payload);
    assert_eq!(verified.header().typ(), header.typ());
    let signing_input = v["outputs"]["signing_input"].as_str().unwrap();
    assert!(compact.starts_with(signing_input));
    // The public key alone verifies RS256.
    if let Ok(public) = key.to_public() {
        assert_eq!(
            Verifier::new(&public, &[alg])
                .unwrap()
                .verify(compact)
                .unwrap()
                .payload(),
            payload
        );
    }
}

#[test]
fn a1_hs256_byte_for_byte() {
    reproduce("rfc7515-A.1", SigningAlg::HS256);
}

#[test]
fn a2_rs256_byte_for_byte() {
    reproduce("rfc7515-A.2", SigningAlg::RS256);
}

#[test]
fn a3_a4_ecdsa_refused() {
    for id in ["rfc7515-A.3", "rfc7515-A.4"] {
        let v = appendix(id);
        // The EC key imports...
        let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
        assert_eq!(key.key_type(), jwcrypt::jwk::KeyType::Ec, "{id}");
        // ...but the header's ES* is not yet a JWS algorithm jwcrypt implements.
        let header = v["inputs"]["protected_header_utf8"].as_str().unwrap();
        assert_eq!(
            JwsHeader::from_json(header).unwrap_err().kind(),
            ErrorKind::UnsupportedAlgorithm
        );
        let compact = v["outputs"]["compact"].as_str().unwrap();
        let any = Jwk::from_value(&appendix("rfc7515-A.1")["inputs"]["jwk"]).unwrap();
        let e = Verifier::new(&any, SigningAlg::ALL)
            .unwrap()
            .verify_compact(compact)
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedAlgorithm, "{id}");
    }
}

#[test]
fn a5_alg_none_refused() {
    let v = appendix("rfc7515-A.5");
    let compact = v["outputs"]["compact"].as_str().unwrap();
    for id in ["rfc7515-A.1", "rfc7515-A.2"] {
        let key = Jwk::from_value(&appendix(id)["inputs"]["jwk"]).unwrap();
        let e = Verifier::new(&key, SigningAlg::ALL)
            .unwrap()
            .verify(compact)
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedAlgorithm);
    }
}
