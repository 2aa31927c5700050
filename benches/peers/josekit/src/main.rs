//! josekit (OpenSSL): JWS/JWT and JWE.

use josekit::jwe::{
    self, A256KW, Dir, ECDH_ES_A256KW, JweDecrypter, JweEncrypter, JweHeader, PBES2_HS256_A128KW,
    RSA_OAEP_256,
};
use josekit::jwk::Jwk;
use josekit::jws::{
    ES256, ES384, ES512, EdDSA, HS256, JwsHeader, JwsSigner, JwsVerifier, PS256, RS256,
};
use josekit::jwt::{self, JwtPayload, JwtPayloadValidator};
use peer_harness::{Bench, PBES2_P2C, PBES2_SALT_LEN, check, op};
use serde_json::{Map, Value};

fn sign(payload: &JwtPayload, signer: &dyn JwsSigner) -> String {
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    jwt::encode_with_signer(payload, &header, signer).expect("sign")
}

/// Signature, then exp/nbf against the current time.
fn verify(token: &str, verifier: &dyn JwsVerifier, validator: &JwtPayloadValidator) -> JwtPayload {
    let (payload, _header) = jwt::decode_with_verifier(token, verifier).expect("verify");
    validator.validate(&payload).expect("validate");
    payload
}

fn jwe_header(enc: &str, cty: Option<&str>) -> JweHeader {
    let mut h = JweHeader::new();
    h.set_content_encryption(enc);
    if let Some(cty) = cty {
        h.set_content_type(cty);
    }
    h
}

fn encrypt(payload: &[u8], header: &JweHeader, enc: &dyn JweEncrypter) -> String {
    jwe::serialize_compact(payload, header, enc).expect("encrypt")
}

fn decrypt(token: &str, dec: &dyn JweDecrypter) -> Vec<u8> {
    jwe::deserialize_compact(token, dec).expect("decrypt").0
}

fn main() {
    let b = Bench::new("josekit (OpenSSL)");
    let d = &b.data;
    let map: Map<String, Value> = serde_json::from_str(&d.claims_json).expect("claims");
    let payload = JwtPayload::from_map(map).expect("claims");
    let validator = JwtPayloadValidator::new(); // no base time: checks against now

    // --- JWS ---
    let hs_signer = HS256.signer_from_bytes(&d.hs256_key).expect("key");
    let hs_verifier = HS256.verifier_from_bytes(&d.hs256_key).expect("key");
    let rs_signer = RS256.signer_from_pem(&d.rsa_private_pem).expect("key");
    let rs_verifier = RS256.verifier_from_pem(&d.rsa_public_pem).expect("key");
    // josekit reads a PKCS#8 "PRIVATE KEY" PEM for PS256 only with the RSASSA-PSS OID, so
    // PS256 takes the same key as a JWK.
    let rsa_jwk = Jwk::from_bytes(&d.rsa_private_jwk).expect("RSA JWK");
    let ps_signer = PS256.signer_from_jwk(&rsa_jwk).expect("key");
    let ps_verifier = PS256
        .verifier_from_jwk(&rsa_jwk.to_public_key().expect("public JWK"))
        .expect("key");
    // EC and Ed25519 keys: PKCS#8 private and SPKI public PEM.
    let es256_signer = ES256.signer_from_pem(&d.ec_p256.private_pem).expect("key");
    let es256_verifier = ES256.verifier_from_pem(&d.ec_p256.public_pem).expect("key");
    let es384_signer = ES384.signer_from_pem(&d.ec_p384.private_pem).expect("key");
    let es384_verifier = ES384.verifier_from_pem(&d.ec_p384.public_pem).expect("key");
    let es512_signer = ES512.signer_from_pem(&d.ec_p521.private_pem).expect("key");
    let es512_verifier = ES512.verifier_from_pem(&d.ec_p521.public_pem).expect("key");
    let ed_signer = EdDSA.signer_from_pem(&d.ed25519.private_pem).expect("key");
    let ed_verifier = EdDSA.verifier_from_pem(&d.ed25519.public_pem).expect("key");
    let jws_cases: [(&dyn JwsSigner, &dyn JwsVerifier, &str, &str); 7] = [
        (&hs_signer, &hs_verifier, op::HS256_SIGN, op::HS256_VERIFY),
        (&rs_signer, &rs_verifier, op::RS256_SIGN, op::RS256_VERIFY),
        (&ps_signer, &ps_verifier, op::PS256_SIGN, op::PS256_VERIFY),
        (
            &es256_signer,
            &es256_verifier,
            op::ES256_SIGN,
            op::ES256_VERIFY,
        ),
        (
            &es384_signer,
            &es384_verifier,
            op::ES384_SIGN,
            op::ES384_VERIFY,
        ),
        (
            &es512_signer,
            &es512_verifier,
            op::ES512_SIGN,
            op::ES512_VERIFY,
        ),
        (&ed_signer, &ed_verifier, op::EDDSA_SIGN, op::EDDSA_VERIFY),
    ];
    for (signer, verifier, sign_op, verify_op) in jws_cases {
        let token = sign(&payload, signer);
        check(
            verify(&token, verifier, &validator) == payload,
            "JWS round trip",
        );
        b.run(sign_op, || sign(&payload, signer));
        b.run(verify_op, || verify(&token, verifier, &validator));
    }

    // --- JWE ---
    let kw_enc = A256KW.encrypter_from_bytes(&d.a256kw_key).expect("key");
    let kw_dec = A256KW.decrypter_from_bytes(&d.a256kw_key).expect("key");
    let cbc = jwe_header("A256CBC-HS512", None);
    for (data, enc_op, dec_op) in [
        (
            d.claims_json.as_bytes(),
            op::KW_CBC_ENC_CLAIMS,
            op::KW_CBC_DEC_CLAIMS,
        ),
        (&d.payload_4k[..], op::KW_CBC_ENC_4K, op::KW_CBC_DEC_4K),
        (&d.payload_1m[..], op::KW_CBC_ENC_1M, op::KW_CBC_DEC_1M),
    ] {
        if !b.wants(enc_op) && !b.wants(dec_op) {
            continue;
        }
        let token = encrypt(data, &cbc, &kw_enc);
        check(decrypt(&token, &kw_dec) == data, "A256KW round trip");
        b.run(enc_op, || encrypt(data, &cbc, &kw_enc));
        b.run(dec_op, || decrypt(&token, &kw_dec));
    }

    let gcm = jwe_header("A256GCM", None);
    let claims = d.claims_json.as_bytes();
    let dir_enc = Dir.encrypter_from_bytes(&d.dir_key).expect("key");
    let dir_dec = Dir.decrypter_from_bytes(&d.dir_key).expect("key");
    let oaep_enc = RSA_OAEP_256
        .encrypter_from_pem(&d.rsa_public_pem)
        .expect("key");
    let oaep_dec = RSA_OAEP_256
        .decrypter_from_pem(&d.rsa_private_pem)
        .expect("key");
    // ECDH-ES+A256KW to the P-256 and the X25519 key (SPKI public, PKCS#8 private PEM).
    let ecdh_p256_enc = ECDH_ES_A256KW
        .encrypter_from_pem(&d.ec_p256.public_pem)
        .expect("key");
    let ecdh_p256_dec = ECDH_ES_A256KW
        .decrypter_from_pem(&d.ec_p256.private_pem)
        .expect("key");
    let ecdh_x25519_enc = ECDH_ES_A256KW
        .encrypter_from_pem(&d.x25519.public_pem)
        .expect("key");
    let ecdh_x25519_dec = ECDH_ES_A256KW
        .decrypter_from_pem(&d.x25519.private_pem)
        .expect("key");
    let jwe_cases: [(&dyn JweEncrypter, &dyn JweDecrypter, &str, &str); 4] = [
        (&dir_enc, &dir_dec, op::DIR_GCM_ENC, op::DIR_GCM_DEC),
        (&oaep_enc, &oaep_dec, op::OAEP_GCM_ENC, op::OAEP_GCM_DEC),
        (
            &ecdh_p256_enc,
            &ecdh_p256_dec,
            op::ECDH_P256_ENC,
            op::ECDH_P256_DEC,
        ),
        (
            &ecdh_x25519_enc,
            &ecdh_x25519_dec,
            op::ECDH_X25519_ENC,
            op::ECDH_X25519_DEC,
        ),
    ];
    for (enc, dec, enc_op, dec_op) in jwe_cases {
        let token = encrypt(claims, &gcm, enc);
        check(decrypt(&token, dec) == claims, "A256GCM round trip");
        b.run(enc_op, || encrypt(claims, &gcm, enc));
        b.run(dec_op, || decrypt(&token, dec));
    }

    // PBES2-HS256+A128KW + A128GCM; josekit's defaults (p2c 1000, 8-byte salt) are raised
    // to the shared p2c 8192 and 16-byte salt.
    let password = d.pbes2_password.as_bytes();
    let mut pbes2_enc = PBES2_HS256_A128KW
        .encrypter_from_bytes(password)
        .expect("password");
    pbes2_enc.set_iter_count(PBES2_P2C as usize);
    pbes2_enc.set_salt_len(PBES2_SALT_LEN);
    let pbes2_dec = PBES2_HS256_A128KW
        .decrypter_from_bytes(password)
        .expect("password");
    let a128gcm = jwe_header("A128GCM", None);
    let token = encrypt(claims, &a128gcm, &pbes2_enc);
    let (back, header) = jwe::deserialize_compact(&token, &pbes2_dec).expect("decrypt");
    check(
        back == claims && header.claim("p2c") == Some(&Value::from(PBES2_P2C)),
        "PBES2 round trip",
    );
    b.run(op::PBES2_ENC, || encrypt(claims, &a128gcm, &pbes2_enc));
    b.run(op::PBES2_DEC, || decrypt(&token, &pbes2_dec));

    // --- Nested: JWT signed, then encrypted with A256KW + A256CBC-HS512, cty "JWT" ---
    let outer = jwe_header("A256CBC-HS512", Some("JWT"));
    let make = |signer: &dyn JwsSigner| encrypt(sign(&payload, signer).as_bytes(), &outer, &kw_enc);
    let read = |token: &str, verifier: &dyn JwsVerifier| {
        let (inner, header) = jwe::deserialize_compact(token, &kw_dec).expect("decrypt");
        check(header.content_type() == Some("JWT"), "cty JWT");
        let inner = std::str::from_utf8(&inner).expect("UTF-8 JWS");
        verify(inner, verifier, &validator)
    };
    let nested_cases: [(&dyn JwsSigner, &dyn JwsVerifier, &str, &str); 2] = [
        (
            &hs_signer,
            &hs_verifier,
            op::NESTED_HS256_MAKE,
            op::NESTED_HS256_READ,
        ),
        (
            &rs_signer,
            &rs_verifier,
            op::NESTED_RS256_MAKE,
            op::NESTED_RS256_READ,
        ),
    ];
    for (signer, verifier, make_op, read_op) in nested_cases {
        let token = make(signer);
        check(read(&token, verifier) == payload, "nested round trip");
        b.run(make_op, || make(signer));
        b.run(read_op, || read(&token, verifier));
    }
}
