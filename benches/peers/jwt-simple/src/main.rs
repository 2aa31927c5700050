//! jwt-simple (pure-rust feature: RSA through `superboring`, no BoringSSL): JWS/JWT, and
//! ECDH-ES+A256KW + A256GCM (its `jwe` feature) on P-256 and X25519. It has no ES512 and no
//! PBES2, and its other JWE algorithms (A256KW/A128KW/RSA-OAEP with A256GCM/A128GCM) are
//! none of the other JWE operations here (A256CBC-HS512, dir, RSA-OAEP-256).
//! Its JWE encrypts a claims set (`JWTClaims`, by value: cloned per call, as for signing)
//! and decrypting parses the claims and checks exp/nbf, as its verification does.

use jwt_simple::prelude::*;
use peer_harness::{Bench, check, op};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Custom {
    role: String,
    email: String,
    scope: String,
}

fn main() {
    let b = Bench::new("jwt-simple (pure-rust)");
    let d = &b.data;
    // The library's own claims type, filled from the same claims.json.
    let claims: JWTClaims<Custom> = serde_json::from_str(&d.claims_json).expect("claims");
    // Default options: check exp and nbf (with the library's default 15 min tolerance).
    let verify_opts = VerificationOptions::default();

    let hs = HS256Key::from_bytes(&d.hs256_key);
    let token = hs.authenticate(claims.clone()).expect("sign");
    let back = hs
        .verify_token::<Custom>(&token, Some(verify_opts.clone()))
        .expect("verify");
    check(
        back.custom == claims.custom && back.subject == claims.subject,
        "HS256 round trip",
    );
    b.run(op::HS256_SIGN, || {
        hs.authenticate(claims.clone()).expect("sign")
    });
    b.run(op::HS256_VERIFY, || {
        hs.verify_token::<Custom>(&token, Some(verify_opts.clone()))
            .expect("verify")
    });

    let rs = RS256KeyPair::from_pem(&d.rsa_private_pem).expect("RSA PEM");
    let rs_pub = RS256PublicKey::from_pem(&d.rsa_public_pem).expect("RSA pub PEM");
    let token = rs.sign(claims.clone()).expect("sign");
    let back = rs_pub
        .verify_token::<Custom>(&token, Some(verify_opts.clone()))
        .expect("verify");
    check(back.custom == claims.custom, "RS256 round trip");
    b.run(op::RS256_SIGN, || rs.sign(claims.clone()).expect("sign"));
    b.run(op::RS256_VERIFY, || {
        rs_pub
            .verify_token::<Custom>(&token, Some(verify_opts.clone()))
            .expect("verify")
    });

    let ps = PS256KeyPair::from_pem(&d.rsa_private_pem).expect("RSA PEM");
    let ps_pub = PS256PublicKey::from_pem(&d.rsa_public_pem).expect("RSA pub PEM");
    let token = ps.sign(claims.clone()).expect("sign");
    let back = ps_pub
        .verify_token::<Custom>(&token, Some(verify_opts.clone()))
        .expect("verify");
    check(back.custom == claims.custom, "PS256 round trip");
    b.run(op::PS256_SIGN, || ps.sign(claims.clone()).expect("sign"));
    b.run(op::PS256_VERIFY, || {
        ps_pub
            .verify_token::<Custom>(&token, Some(verify_opts.clone()))
            .expect("verify")
    });

    // ECDSA and Ed25519: PKCS#8 private and SPKI public PEM.
    let es256 = ES256KeyPair::from_pem(&d.ec_p256.private_pem).expect("P-256 PEM");
    let es256_pub = ES256PublicKey::from_pem(&d.ec_p256.public_pem).expect("P-256 pub PEM");
    let token = es256.sign(claims.clone()).expect("sign");
    let back = es256_pub
        .verify_token::<Custom>(&token, Some(verify_opts.clone()))
        .expect("verify");
    check(back.custom == claims.custom, "ES256 round trip");
    b.run(op::ES256_SIGN, || es256.sign(claims.clone()).expect("sign"));
    b.run(op::ES256_VERIFY, || {
        es256_pub
            .verify_token::<Custom>(&token, Some(verify_opts.clone()))
            .expect("verify")
    });

    let es384 = ES384KeyPair::from_pem(&d.ec_p384.private_pem).expect("P-384 PEM");
    let es384_pub = ES384PublicKey::from_pem(&d.ec_p384.public_pem).expect("P-384 pub PEM");
    let token = es384.sign(claims.clone()).expect("sign");
    let back = es384_pub
        .verify_token::<Custom>(&token, Some(verify_opts.clone()))
        .expect("verify");
    check(back.custom == claims.custom, "ES384 round trip");
    b.run(op::ES384_SIGN, || es384.sign(claims.clone()).expect("sign"));
    b.run(op::ES384_VERIFY, || {
        es384_pub
            .verify_token::<Custom>(&token, Some(verify_opts.clone()))
            .expect("verify")
    });

    let ed = Ed25519KeyPair::from_pem(&d.ed25519.private_pem).expect("Ed25519 PEM");
    let ed_pub = Ed25519PublicKey::from_pem(&d.ed25519.public_pem).expect("Ed25519 pub PEM");
    let token = ed.sign(claims.clone()).expect("sign");
    let back = ed_pub
        .verify_token::<Custom>(&token, Some(verify_opts.clone()))
        .expect("verify");
    check(back.custom == claims.custom, "EdDSA round trip");
    b.run(op::EDDSA_SIGN, || ed.sign(claims.clone()).expect("sign"));
    b.run(op::EDDSA_VERIFY, || {
        ed_pub
            .verify_token::<Custom>(&token, Some(verify_opts.clone()))
            .expect("verify")
    });

    // ECDH-ES+A256KW + A256GCM (the default content encryption), claims in, claims out.
    let dec_opts = DecryptionOptions::default(); // checks exp/nbf too
    let p256_enc = EcdhEsA256KWEncryptionKey::from_pem(&d.ec_p256.public_pem).expect("P-256");
    let p256_dec = EcdhEsA256KWDecryptionKey::from_pem(&d.ec_p256.private_pem).expect("P-256");
    let token = p256_enc.encrypt(claims.clone()).expect("encrypt");
    let meta = EcdhEsA256KWDecryptionKey::decode_metadata(&token).expect("metadata");
    check(meta.encryption() == "A256GCM", "enc A256GCM");
    let back = p256_dec
        .decrypt_token::<Custom>(&token, Some(dec_opts.clone()))
        .expect("decrypt");
    check(back.custom == claims.custom, "ECDH-ES P-256 round trip");
    b.run(op::ECDH_P256_ENC, || {
        p256_enc.encrypt(claims.clone()).expect("encrypt")
    });
    b.run(op::ECDH_P256_DEC, || {
        p256_dec
            .decrypt_token::<Custom>(&token, Some(dec_opts.clone()))
            .expect("decrypt")
    });

    let x_enc = X25519EcdhEsA256KWEncryptionKey::from_pem(&d.x25519.public_pem).expect("X25519");
    let x_dec = X25519EcdhEsA256KWDecryptionKey::from_pem(&d.x25519.private_pem).expect("X25519");
    let token = x_enc.encrypt(claims.clone()).expect("encrypt");
    let back = x_dec
        .decrypt_token::<Custom>(&token, Some(dec_opts.clone()))
        .expect("decrypt");
    check(back.custom == claims.custom, "ECDH-ES X25519 round trip");
    b.run(op::ECDH_X25519_ENC, || {
        x_enc.encrypt(claims.clone()).expect("encrypt")
    });
    b.run(op::ECDH_X25519_DEC, || {
        x_dec
            .decrypt_token::<Custom>(&token, Some(dec_opts.clone()))
            .expect("decrypt")
    });
}
