//! Helpers shared by the unit tests in `src/`.

/// Lowercase or uppercase hex to bytes (test vectors).
pub(crate) fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The text of `tests/data/<path>`, compiled into the test binary: the unit tests also run on
/// wasm32-unknown-unknown (.ci/run), which has no file system. A path not listed here fails
/// the test that asks for it.
pub(crate) fn data(path: &str) -> &'static str {
    macro_rules! files {
        ($($name:literal),* $(,)?) => {
            match path {
                $($name => include_str!(concat!("../tests/data/", $name)),)*
                _ => panic!("tests/data/{path} is not listed in test_util::data"),
            }
        };
    }
    files!(
        "rfc-appendix.json",
        "rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json",
        "rfc7520/jwe/5_10.including_additional_authentication_data.json",
        "rfc7520/jwe/5_11.protecting_specific_header_fields.json",
        "rfc7520/jwe/5_12.protecting_content_only.json",
        "rfc7520/jwe/5_13.encrypting_to_multiple_recipients.json",
        "rfc7520/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
        "rfc7520/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
        "rfc7520/jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
        "rfc7520/jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
        "rfc7520/jwe/5_6.direct_encryption_using_aes-gcm.json",
        "rfc7520/jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
        "rfc7520/jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json",
        "rfc7520/jwe/5_9.compressed_content.json",
        "rfc7520/jwk/3_4.rsa_private_key.json",
        "wycheproof/aes_cbc_pkcs5_test.json",
        "wycheproof/aes_gcm_test.json",
        "wycheproof/aes_wrap_test.json",
        "wycheproof/ecdh_secp256r1_webcrypto_test.json",
        "wycheproof/ecdh_secp384r1_webcrypto_test.json",
        "wycheproof/ecdh_secp521r1_webcrypto_test.json",
        "wycheproof/ecdsa_secp256r1_sha256_p1363_test.json",
        "wycheproof/ecdsa_secp384r1_sha384_p1363_test.json",
        "wycheproof/ecdsa_secp521r1_sha512_p1363_test.json",
        "wycheproof/ed25519_test.json",
        "wycheproof/json_web_encryption_test.json",
        "wycheproof/json_web_key_test.json",
        "wycheproof/json_web_signature_test.json",
        "wycheproof/pbkdf2_hmacsha256_test.json",
        "wycheproof/pbkdf2_hmacsha384_test.json",
        "wycheproof/pbkdf2_hmacsha512_test.json",
        "wycheproof/rsa_oaep_2048_sha1_mgf1sha1_test.json",
        "wycheproof/rsa_oaep_2048_sha256_mgf1sha256_test.json",
        "wycheproof/rsa_pkcs1_2048_test.json",
        "wycheproof/x25519_jwk_test.json",
    )
}
