//! The whole flow of a confidential token, step by step: keys, claims, sign, encrypt,
//! decrypt, verify, validate; then an expired and a tampered token refused.
//!
//! `cargo run --release --example nested_token`

use std::time::Duration;

use jwcrypt::jwt::{self, Claims, FixedClock, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg, Jwk, KeyManagementAlg, SigningAlg};

fn main() -> Result<(), jwcrypt::Error> {
    println!("1. Keys");
    let enc_key = Jwk::generate_for(KeyManagementAlg::A256KW)?.with_kid("enc-1");
    println!(
        "   encryption key: A256KW, {} bits, kid enc-1",
        enc_key.size_bits()
    );
    let hs_key = Jwk::generate_for(SigningAlg::HS256)?.with_kid("hs-1");
    println!(
        "   signing key:    HS256, {} bits, kid hs-1",
        hs_key.size_bits()
    );
    let rsa_key = Jwk::generate_rsa(2048)?.with_kid("rs-1");
    println!(
        "   signing key:    RS256, RSA-{}, kid rs-1",
        rsa_key.size_bits()
    );
    let rsa_public = rsa_key.to_public()?;

    println!("\n2. Claims");
    let claims = Claims::new()
        .issuer("https://auth.example")
        .subject("alice")
        .audience("https://api.example")
        .issued_now()
        .expires_in(Duration::from_secs(600))
        .random_jwt_id()?
        .claim("role", "guest");
    println!("   {}", claims.to_json());

    let validation = Validation::new()
        .issuer("https://auth.example")
        .audience("https://api.example");

    for (alg, sign_key, verify_key) in [
        (SigningAlg::HS256, &hs_key, &hs_key),
        (SigningAlg::RS256, &rsa_key, &rsa_public),
    ] {
        println!("\n3. {alg}: sign, then encrypt with A256KW + A256CBC-HS512");
        let signed = jwt::signed(&claims, sign_key, alg)?;
        println!(
            "   signed JWT ({} bytes): {}...",
            signed.as_str().len(),
            &signed.as_str()[..40]
        );
        let token = signed.encrypt(
            &enc_key,
            KeyManagementAlg::A256KW,
            ContentEncryptionAlg::A256CbcHs512,
        )?;
        println!("   nested JWT ({} bytes):\n   {token}", token.len());
        println!(
            "   unverified headers: {}",
            jwcrypt::dangerous::inspect(&token)?.to_json()
        );

        println!("\n4. {alg}: decrypt, verify, validate");
        let reader = Reader::builder(validation.clone())
            .decrypt_with(
                &enc_key,
                &[KeyManagementAlg::A256KW],
                &[ContentEncryptionAlg::A256CbcHs512],
            )
            .verify_with(verify_key, &[alg])
            .build()?;
        let back = reader.read(&token)?;
        println!("   claims: {}", back.to_json());
        assert_eq!(back, claims);

        println!("\n5. {alg}: what is refused");
        let later = Reader::builder(
            validation
                .clone()
                .clock(FixedClock(claims.exp().unwrap_or_default() + 3600)),
        )
        .decrypt_with(
            &enc_key,
            &[KeyManagementAlg::A256KW],
            ContentEncryptionAlg::ALL,
        )
        .verify_with(verify_key, &[alg])
        .build()?;
        match later.read(&token) {
            Err(e) => println!("   an hour after exp: {e}"),
            Ok(_) => unreachable!("an expired token was accepted"),
        }
        let mut tampered = token.clone().into_bytes();
        let i = tampered.len() - 50;
        tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).expect("ASCII");
        match reader.read(&tampered) {
            Err(e) => println!("   one character changed: {e}"),
            Ok(_) => unreachable!("a tampered token was accepted"),
        }
        let signed_only = jwt::signed(&claims, sign_key, alg)?;
        match reader.read(signed_only.as_str()) {
            Err(e) => println!("   a signed token where a nested one is expected: {e}"),
            Ok(_) => unreachable!("a signed token was read as nested"),
        }
    }
    println!("\nDone.");
    Ok(())
}
