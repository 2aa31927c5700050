//! Sign then verify returns the payload, for every HMAC algorithm and (rarely, they are
//! slow) the RSA ones; a verifier for another algorithm refuses the token.
#![no_main]
use arbitrary::Arbitrary;
use jwcrypt::SigningAlg;
use jwcrypt::jws::{self, JwsHeader, Verifier};
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
struct Input {
    alg: u8,
    payload: Vec<u8>,
    unencoded: bool,
}

fuzz_target!(|input: Input| {
    let alg = SigningAlg::ALL[usize::from(input.alg) % SigningAlg::ALL.len()];
    let keys = common::keys();
    let key = if alg.name().starts_with("HS") { &keys.keys()[0] } else { &keys.keys()[2] };
    let mut header = JwsHeader::new(alg);
    if input.unencoded {
        header = header.unencoded_payload();
    }
    let token = match jws::sign_compact(&input.payload, &header, key) {
        Ok(t) => t,
        Err(_) => return, // b64:false payloads with '.' cannot be compact
    };
    let verified = Verifier::new(key, &[alg]).unwrap().verify_compact(&token).unwrap();
    assert_eq!(verified.payload(), &input.payload[..]);
    let other = if alg == SigningAlg::HS256 { SigningAlg::HS512 } else { SigningAlg::HS256 };
    assert!(Verifier::new(key, &[other]).unwrap().verify_compact(&token).is_err());
});
