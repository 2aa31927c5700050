//! jsonwebtoken: JWS/JWT only (HS256, RS256, PS256, ES256, ES384, EdDSA with Ed25519; it has
//! no ES512 and no JWE). Included by both `peer-jsonwebtoken-rustcrypto` (feature
//! `rust_crypto`) and `peer-jsonwebtoken-awslc` (feature `aws_lc_rs`); each installs its
//! backend explicitly, so the choice holds even if both features end up enabled.

use jsonwebtoken::crypto::CryptoProvider;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use peer_harness::{AUDIENCE, Bench, Claims, KeyFiles, check, op};

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
    // PKCS#8 private and SPKI public PEM.
    let ec_enc = |k: &KeyFiles| EncodingKey::from_ec_pem(k.private_pem.as_bytes()).expect("EC PEM");
    let ec_dec = |k: &KeyFiles| DecodingKey::from_ec_pem(k.public_pem.as_bytes()).expect("EC PEM");
    let (p256_enc, p256_dec) = (ec_enc(&d.ec_p256), ec_dec(&d.ec_p256));
    let (p384_enc, p384_dec) = (ec_enc(&d.ec_p384), ec_dec(&d.ec_p384));
    let ed_enc = EncodingKey::from_ed_pem(d.ed25519.private_pem.as_bytes()).expect("Ed PEM");
    let ed_dec = DecodingKey::from_ed_pem(d.ed25519.public_pem.as_bytes()).expect("Ed PEM");

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
        (
            Algorithm::ES256,
            &p256_enc,
            &p256_dec,
            op::ES256_SIGN,
            op::ES256_VERIFY,
        ),
        (
            Algorithm::ES384,
            &p384_enc,
            &p384_dec,
            op::ES384_SIGN,
            op::ES384_VERIFY,
        ),
        (
            Algorithm::EdDSA,
            &ed_enc,
            &ed_dec,
            op::EDDSA_SIGN,
            op::EDDSA_VERIFY,
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
