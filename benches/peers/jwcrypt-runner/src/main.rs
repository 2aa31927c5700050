//! jwcrypt on the peers' inputs. The operations live in `ops.rs`.

mod ops;

use peer_harness::{Bench, op};

fn main() {
    // The same program is built twice: `jwcrypt-runner` (default, pure Rust) and
    // `jwcrypt-runner-awslc` (jwcrypt's `aws-lc` feature).
    let lib = if env!("CARGO_PKG_NAME").ends_with("awslc") {
        "jwcrypt (aws-lc)"
    } else {
        "jwcrypt"
    };
    let b = Bench::new(lib);
    let d = &b.data;
    let claims = d.claims_json.as_bytes();

    type Prepare<'a> = Box<dyn Fn() -> Option<ops::Op<'a>> + 'a>;
    let table: Vec<(&str, Prepare<'_>)> = vec![
        (op::HS256_SIGN, Box::new(|| ops::hs256_sign(d))),
        (op::HS256_VERIFY, Box::new(|| ops::hs256_verify(d))),
        (op::RS256_SIGN, Box::new(|| ops::rs256_sign(d))),
        (op::RS256_VERIFY, Box::new(|| ops::rs256_verify(d))),
        (op::PS256_SIGN, Box::new(|| ops::ps256_sign(d))),
        (op::PS256_VERIFY, Box::new(|| ops::ps256_verify(d))),
        (
            op::KW_CBC_ENC_CLAIMS,
            Box::new(|| ops::a256kw_cbc_encrypt(d, claims)),
        ),
        (
            op::KW_CBC_DEC_CLAIMS,
            Box::new(|| ops::a256kw_cbc_decrypt(d, claims)),
        ),
        (
            op::KW_CBC_ENC_4K,
            Box::new(|| ops::a256kw_cbc_encrypt(d, &d.payload_4k)),
        ),
        (
            op::KW_CBC_DEC_4K,
            Box::new(|| ops::a256kw_cbc_decrypt(d, &d.payload_4k)),
        ),
        (
            op::KW_CBC_ENC_1M,
            Box::new(|| ops::a256kw_cbc_encrypt(d, &d.payload_1m)),
        ),
        (
            op::KW_CBC_DEC_1M,
            Box::new(|| ops::a256kw_cbc_decrypt(d, &d.payload_1m)),
        ),
        (op::DIR_GCM_ENC, Box::new(|| ops::dir_gcm_encrypt(d))),
        (op::DIR_GCM_DEC, Box::new(|| ops::dir_gcm_decrypt(d))),
        (op::OAEP_GCM_ENC, Box::new(|| ops::oaep256_gcm_encrypt(d))),
        (op::OAEP_GCM_DEC, Box::new(|| ops::oaep256_gcm_decrypt(d))),
        (
            op::NESTED_HS256_MAKE,
            Box::new(|| ops::nested_hs256_make(d)),
        ),
        (
            op::NESTED_HS256_READ,
            Box::new(|| ops::nested_hs256_read(d)),
        ),
        (
            op::NESTED_RS256_MAKE,
            Box::new(|| ops::nested_rs256_make(d)),
        ),
        (
            op::NESTED_RS256_READ,
            Box::new(|| ops::nested_rs256_read(d)),
        ),
        (op::ES256_SIGN, Box::new(|| ops::es256_sign(d))),
        (op::ES256_VERIFY, Box::new(|| ops::es256_verify(d))),
        (op::ES384_SIGN, Box::new(|| ops::es384_sign(d))),
        (op::ES384_VERIFY, Box::new(|| ops::es384_verify(d))),
        (op::ES512_SIGN, Box::new(|| ops::es512_sign(d))),
        (op::ES512_VERIFY, Box::new(|| ops::es512_verify(d))),
        (op::EDDSA_SIGN, Box::new(|| ops::eddsa_sign(d))),
        (op::EDDSA_VERIFY, Box::new(|| ops::eddsa_verify(d))),
        (
            op::ECDH_P256_ENC,
            Box::new(|| ops::ecdh_a256kw_gcm_encrypt(d, &d.ec_p256)),
        ),
        (
            op::ECDH_P256_DEC,
            Box::new(|| ops::ecdh_a256kw_gcm_decrypt(d, &d.ec_p256)),
        ),
        (
            op::ECDH_X25519_ENC,
            Box::new(|| ops::ecdh_a256kw_gcm_encrypt(d, &d.x25519)),
        ),
        (
            op::ECDH_X25519_DEC,
            Box::new(|| ops::ecdh_a256kw_gcm_decrypt(d, &d.x25519)),
        ),
        (op::PBES2_ENC, Box::new(|| ops::pbes2_encrypt(d))),
        (op::PBES2_DEC, Box::new(|| ops::pbes2_decrypt(d))),
    ];

    let mut done = 0;
    for (name, prepare) in &table {
        if !b.wants(name) {
            continue;
        }
        if let Some(f) = prepare() {
            b.run(name, f);
            done += 1;
        }
    }
    if done == 0 {
        eprintln!(
            "jwcrypt-runner: no operation implemented yet (see benches/peers/jwcrypt-runner/src/ops.rs)"
        );
    }
}
