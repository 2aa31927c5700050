//! Small helpers shared by the attack-family modules.

use hmac::{Hmac, KeyInit, Mac};
use jwcrypt::jwe::Decrypter;
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K};
use serde_json::Value;
use sha2::Sha256;

use crate::support;

/// Base64url without padding.
pub fn b64(data: impl AsRef<[u8]>) -> String {
    support::b64::encode(data.as_ref())
}

/// The kind of an error that must occur.
pub fn kind<T: std::fmt::Debug>(r: jwcrypt::Result<T>) -> ErrorKind {
    r.unwrap_err().kind()
}

/// A fixed 256-bit `oct` key.
pub fn hs256_key() -> Jwk {
    Jwk::from_oct_bytes(&[0x33; 32]).unwrap()
}

/// Every algorithm jwcrypt implements, RSA1_5 included and opted in: the most permissive
/// decrypter a caller can build.
pub fn decrypt_everything(key: &Jwk) -> Decrypter {
    Decrypter::new(key, K::ALL, E::ALL)
        .unwrap()
        .allow_rsa1_5_insecure()
}

/// A compact JWE with this protected header and filler parts.
pub fn jwe_with_header(header: &Value) -> String {
    format!(
        "{}.{}.{}.{}.{}",
        b64(header.to_string()),
        b64([7u8; 40]),
        b64([1u8; 16]),
        b64([2u8; 16]),
        b64([3u8; 16])
    )
}

/// A compact HS256 JWS over `{"admin":true}` MACed with `secret` (a
/// forgery with a public key's bytes as the HMAC secret).
pub fn forge_hs256(secret: &[u8]) -> String {
    let h = b64(br#"{"alg":"HS256"}"#);
    let p = b64(br#"{"admin":true}"#);
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    m.update(format!("{h}.{p}").as_bytes());
    format!("{h}.{p}.{}", b64(m.finalize().into_bytes()))
}
