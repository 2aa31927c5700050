// Keys shared by the token targets (fixed, so the fuzzer can find valid tokens in the seeds).
#![allow(dead_code)]
use jwcrypt::{Jwk, JwkSet};
use std::sync::OnceLock;

pub const HS256_JWK: &str = r#"{"kty":"oct","kid":"hs","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
pub const A256KW_JWK: &str = r#"{"kty":"oct","kid":"kw","k":"GawgguFyGrWKav7AX4VKUg3fZoZ2jd2CH6nu6cRGBYs"}"#;
pub const RSA_JWK: &str = include_str!("../../tests/data/rfc7520/jwk/3_4.rsa_private_key.json");

pub fn keys() -> &'static JwkSet {
    static SET: OnceLock<JwkSet> = OnceLock::new();
    SET.get_or_init(|| {
        [HS256_JWK, A256KW_JWK, RSA_JWK]
            .iter()
            .map(|j| Jwk::from_json(j).expect("fixed key"))
            .collect()
    })
}
