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

/// RFC 7520 §5.5's P-256 key and the X25519 key of the cookbook's curve25519 ECDH-ES
/// example: the ECDH-ES seeds from those examples decrypt with them.
pub const P256_JWK: &str = r#"{"kty":"EC","kid":"meriadoc.brandybuck@buckland.example","crv":"P-256","x":"Ze2loSV3wrroKUN_4zhwGhCqo3Xhu1td4QjeQ5wIVR0","y":"HlLtdXARY_f55A3fnzQbPcm6hgr34Mp8p-nuzQCE0Zw","d":"r_kHyZ-a06rmxM3yESK84r1otSg-aQcVStkRhA-iCM8"}"#;
pub const X25519_JWK: &str = r#"{"kty":"OKP","kid":"Bob","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08","d":"XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os"}"#;
/// RFC 7520 §5.3's password (its PBES2 seed decrypts with it).
pub const PASSWORD: &str = "entrap_o\u{2013}peter_long\u{2013}credit_tun";

/// The ECDH-ES keys.
pub fn ecdh_keys() -> &'static JwkSet {
    static SET: OnceLock<JwkSet> = OnceLock::new();
    SET.get_or_init(|| {
        [P256_JWK, X25519_JWK]
            .iter()
            .map(|j| Jwk::from_json(j).expect("fixed key"))
            .collect()
    })
}

/// Decrypters of the ECDH-ES algorithms (with [`ecdh_keys`]) and of PBES2 (with
/// [`PASSWORD`], `p2c` at most 8192 so that an execution stays fast).
pub fn ecdh_pbes2_decrypters() -> &'static [jwcrypt::jwe::Decrypter; 2] {
    use jwcrypt::jwe::{Decrypter, Password};
    use jwcrypt::{ContentEncryptionAlg as E, KeyManagementAlg as K};
    static D: OnceLock<[Decrypter; 2]> = OnceLock::new();
    D.get_or_init(|| {
        let ecdh: Vec<K> = K::ALL.iter().copied().filter(|a| a.is_ecdh_es()).collect();
        let pbes2: Vec<K> = K::ALL.iter().copied().filter(|a| a.is_pbes2()).collect();
        let password = Password::new(PASSWORD.as_bytes().to_vec()).expect("password");
        let mut limits = jwcrypt::Limits::default();
        limits.max_p2c = 8192;
        [
            Decrypter::new(ecdh_keys(), &ecdh, E::ALL).expect("decrypter"),
            Decrypter::with_password(&password, &pbes2, E::ALL)
                .expect("decrypter")
                .with_limits(limits),
        ]
    })
}
