//! RFC 7515 Appendix A: A.1 (HS256) and A.2 (RS256) byte for byte; A.3 (ES256) and A.4 (ES512)
//! verify (ECDSA nonces differ: ours are RFC 6979); A.5 (`alg: none`) refused.

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
fn a3_a4_ecdsa_verify() {
    for (id, alg) in [
        ("rfc7515-A.3", SigningAlg::ES256),
        ("rfc7515-A.4", SigningAlg::ES512),
    ] {
        let v = appendix(id);
        let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
        assert_eq!(key.key_type(), jwcrypt::jwk::KeyType::Ec, "{id}");
        let header_text = v["inputs"]["protected_header_utf8"].as_str().unwrap();
        let header = JwsHeader::from_json(header_text).unwrap();
        assert_eq!(header.alg(), alg, "{id}");
        let payload = v["inputs"]["payload_utf8"].as_str().unwrap().as_bytes();
        let compact = v["outputs"]["compact"].as_str().unwrap();
        // The RFC's signatures (random nonces) verify with the private and the public key.
        let public = key.to_public().unwrap();
        for k in [&key, &public] {
            for algs in [&[alg][..], SigningAlg::ALL] {
                let verified = Verifier::new(k, algs).unwrap().verify(compact).unwrap();
                assert_eq!(verified.payload(), payload, "{id}");
            }
        }
        // Ours are deterministic (RFC 6979, in every build): the same input signs to the same
        // token, with the same signing input as the RFC's, and it verifies with the public key.
        let token = jws::sign_compact(payload, &header, &key).unwrap();
        let again = jws::sign_compact(payload, &header, &key).unwrap();
        assert_eq!(token, again, "{id}");
        let signing_input = v["outputs"]["signing_input"].as_str().unwrap();
        assert!(token.starts_with(&format!("{signing_input}.")), "{id}");
        assert_ne!(token, compact, "{id}: the RFC's nonce was random");
        let sig = crate::support::b64::decode(token.rsplit('.').next().unwrap()).unwrap();
        assert_eq!(Some(sig.len()), alg.signature_len(), "{id}");
        Verifier::new(&public, &[alg])
            .unwrap()
            .verify(&token)
            .unwrap();
        // The public key cannot sign, and the key fits no other ES* algorithm.
        assert_eq!(
            jws::sign_compact(payload, &header, &public)
                .unwrap_err()
                .kind(),
            ErrorKind::KeyMismatch
        );
        for other in [SigningAlg::ES256, SigningAlg::ES384, SigningAlg::ES512] {
            if other != alg {
                let e = jws::sign_compact(payload, &JwsHeader::new(other), &key).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::KeyMismatch, "{id} {other}");
            }
        }
        // The A.1 HMAC key does not verify them.
        let any = Jwk::from_value(&appendix("rfc7515-A.1")["inputs"]["jwk"]).unwrap();
        assert!(
            Verifier::new(&any, SigningAlg::ALL)
                .unwrap()
                .verify(compact)
                .is_err()
        );
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
