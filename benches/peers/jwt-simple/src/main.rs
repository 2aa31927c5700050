//! jwt-simple (pure-rust feature: RSA through `superboring`, no BoringSSL): JWS/JWT only.
//! Its JWE support (A256KW/RSA-OAEP with A256GCM/A128GCM only) covers none of the JWE
//! operations measured here (no A256CBC-HS512, no dir, no RSA-OAEP-256).

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
}
