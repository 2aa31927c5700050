//! RFC 8037 Appendix A.4 (Ed25519 signing, reproduced byte for byte: EdDSA is deterministic)
//! and A.5 (verification with the public key; a changed payload or signature fails).

use crate::support::appendix;
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, SigningAlg};

#[test]
fn a4_ed25519_sign_byte_for_byte() {
    let v = appendix("rfc8037-A.1-A.5");
    let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    let header =
        JwsHeader::from_json(v["inputs"]["protected_header_utf8"].as_str().unwrap()).unwrap();
    assert_eq!(header.alg(), SigningAlg::EdDSA);
    let payload = v["inputs"]["payload_utf8"].as_str().unwrap().as_bytes();
    let token = jws::sign_compact(payload, &header, &key).unwrap();
    assert_eq!(token, v["outputs"]["compact"].as_str().unwrap());
    let sig = token.rsplit('.').next().unwrap();
    assert_eq!(sig, v["outputs"]["signature_b64u"].as_str().unwrap());
    // The fully specified name signs the same bytes under another header.
    let t = jws::sign_compact(payload, &JwsHeader::new(SigningAlg::Ed25519), &key).unwrap();
    Verifier::new(key.to_public().unwrap(), &[SigningAlg::Ed25519])
        .unwrap()
        .verify(&t)
        .unwrap();
}

#[test]
fn a5_ed25519_verify() {
    let v = appendix("rfc8037-A.1-A.5");
    let public = Jwk::from_value(&v["outputs"]["public_jwk"]).unwrap();
    assert!(!public.is_private());
    let compact = v["outputs"]["compact"].as_str().unwrap();
    let payload = v["inputs"]["payload_utf8"].as_str().unwrap().as_bytes();
    for algs in [&[SigningAlg::EdDSA][..], SigningAlg::ALL] {
        let verified = Verifier::new(&public, algs)
            .unwrap()
            .verify(compact)
            .unwrap();
        assert_eq!(verified.payload(), payload);
    }
    let verifier = Verifier::new(&public, &[SigningAlg::EdDSA]).unwrap();
    let (input, sig) = compact.rsplit_once('.').unwrap();
    let mut bytes = crate::support::b64::decode(sig).unwrap();
    bytes[10] ^= 1;
    let bad = format!("{input}.{}", crate::support::b64::encode(&bytes));
    assert_eq!(
        verifier.verify(&bad).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
    let other_payload = compact.replacen("RXhh", "RXhi", 1);
    assert_eq!(
        verifier.verify(&other_payload).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
    // The public key cannot sign.
    let e = jws::sign_compact(payload, &JwsHeader::new(SigningAlg::EdDSA), &public).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
}
