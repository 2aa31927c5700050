//! Reads a JWK Set written by another system (here: keys made by Python's jwcrypto and
//! Node's jose, committed under tests/data/interop) and uses it: pick keys by `kid`, print
//! their thumbprints, verify a token whose `kid` selects the key.
//!
//! `cargo run --release --example import_jwks [JWKS_FILE]`

use jwcrypt::jwa::HashAlg;
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::{Jwk, JwkSet, SigningAlg};

const DEFAULT_SET: &str = r#"{"keys":[
  {"kty":"oct","kid":"interop-oct256","k":"5aC4m_QJQ14V3wztYU7dwX5VyiV64IFFFWapO2EzRyU"},
  {"kty":"oct","kid":"other","k":"GawgguFyGrWKav7AX4VKUg3fZoZ2jd2CH6nu6cRGBYs","alg":"A256KW"}
]}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => DEFAULT_SET.to_owned(),
    };
    let set = JwkSet::from_json(&text)?;
    println!("{} keys:", set.len());
    for key in set.iter() {
        println!(
            "  kid {:<20} kty {:<4} {:>5} bits  alg {:<8} thumbprint {}",
            key.kid().unwrap_or("-"),
            key.key_type().name(),
            key.size_bits(),
            key.alg()
                .map(|a| a.name().to_owned())
                .unwrap_or_else(|| "-".into()),
            key.thumbprint(HashAlg::Sha256)?,
        );
    }

    // A token signed elsewhere with the key whose kid is "interop-oct256": the verifier is
    // given the whole set and the accepted algorithm; the token's kid picks the key.
    let signer: &Jwk = set
        .find_by_kid("interop-oct256")
        .next()
        .ok_or("no such kid")?;
    let token = jws::sign_compact(
        b"hello from elsewhere",
        &JwsHeader::new(SigningAlg::HS256),
        signer,
    )?;
    let verified = Verifier::new(&set, &[SigningAlg::HS256])?.verify_compact(&token)?;
    println!(
        "verified a token with kid {:?}: {:?}",
        verified.header().kid(),
        String::from_utf8_lossy(verified.payload())
    );
    Ok(())
}
