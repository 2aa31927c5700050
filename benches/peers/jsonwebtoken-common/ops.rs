//! jsonwebtoken: JWS/JWT only. Included by both `peer-jsonwebtoken-rustcrypto` (feature
//! `rust_crypto`) and `peer-jsonwebtoken-awslc` (feature `aws_lc_rs`); each installs its
//! backend explicitly, so the choice holds even if both features end up enabled.

use jsonwebtoken::crypto::CryptoProvider;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use peer_harness::{AUDIENCE, Bench, Claims, check, op};

pub fn main(lib: &str, provider: &'static CryptoProvider) {
    provider
        .install_default()
        .expect("no crypto provider installed before");
    let b = Bench::new(lib);
    let d = &b.data;

    let hs_enc = EncodingKey::from_secret(&d.hs256_key);
    let hs_dec = DecodingKey::from_secret(&d.hs256_key);
    let rsa_enc = EncodingKey::from_rsa_pem(d.rsa_private_pem.as_bytes()).expect("RSA PEM");
    let rsa_dec = DecodingKey::from_rsa_pem(d.rsa_public_pem.as_bytes()).expect("RSA pub PEM");

    for (alg, enc_key, dec_key, sign_op, verify_op) in [
        (
            Algorithm::HS256,
            &hs_enc,
            &hs_dec,
            op::HS256_SIGN,
            op::HS256_VERIFY,
        ),
        (
            Algorithm::RS256,
            &rsa_enc,
            &rsa_dec,
            op::RS256_SIGN,
            op::RS256_VERIFY,
        ),
        (
            Algorithm::PS256,
            &rsa_enc,
            &rsa_dec,
            op::PS256_SIGN,
            op::PS256_VERIFY,
        ),
    ] {
        let header = Header::new(alg); // {"typ":"JWT","alg":..}
        // Default validation checks exp; nbf is turned on too, as the other peers check it.
        let mut validation = Validation::new(alg);
        validation.validate_nbf = true;
        validation.set_audience(&[AUDIENCE]); // required: the claims carry "aud"

        let token = encode(&header, &d.claims, enc_key).expect("encode");
        let back = decode::<Claims>(&token, dec_key, &validation).expect("decode");
        check(back.claims == d.claims, "claims round trip");

        b.run(sign_op, || {
            encode(&header, &d.claims, enc_key).expect("encode")
        });
        b.run(verify_op, || {
            decode::<Claims>(&token, dec_key, &validation)
                .expect("decode")
                .claims
        });
    }
}
