//! ====================================================================================
//! TODO(jwcrypt): fill in these functions once jwcrypt's public API is settled.
//! ====================================================================================
//!
//! Contract of every function (the peers in ../../josekit/src/main.rs do the same):
//! - All set-up happens before returning: import keys from `d` (raw bytes / PEM / JWK),
//!   build headers, and for verify/decrypt/read ops make the token to be read, with
//!   jwcrypt itself.
//! - Run a round-trip self-check with `peer_harness::check(..)` (e.g. decrypt what was
//!   encrypted and compare with the input), so a wrong result cannot look fast.
//! - Return `Some(closure)`: one call = exactly one operation, ending in
//!   `std::hint::black_box(result)`. Return `None` to skip the op (no output line).
//!
//! What one operation is (see ../../README.md, "What is measured"):
//! - `*_sign`: claims (`d.claims`, or `d.claims_json` for a JSON-value API) -> compact JWS
//!   with protected header {"alg":..,"typ":"JWT"}.
//! - `*_verify`: compact JWS -> verified signature, parsed claims, exp and nbf checked
//!   against the current time.
//! - `*_encrypt`: payload bytes -> compact JWE; `*_decrypt`: compact JWE -> payload bytes.
//!   A256KW + A256CBC-HS512 with `d.a256kw_key`; dir + A256GCM with `d.dir_key`;
//!   RSA-OAEP-256 + A256GCM with the public key of `d.rsa_*` (decrypt with the private one).
//! - `nested_*_make`: sign the claims (HS256 with `d.hs256_key`, or RS256), then encrypt
//!   the compact JWS with A256KW + A256CBC-HS512, protected header carrying "cty":"JWT".
//! - `nested_*_read`: decrypt, check cty, verify the inner JWS, parse claims, check exp/nbf.
//!
//! Sketch of a filled-in op (names are placeholders, not jwcrypt's API):
//! ```ignore
//! pub fn hs256_sign(d: &Data) -> Option<Op<'_>> {
//!     let key = jwcrypt::Jwk::oct(&d.hs256_key);
//!     let token = sign_hs256(&key, &d.claims)?;           // set-up + self-check
//!     check(verify_hs256(&key, &token).is_ok(), "HS256 round trip");
//!     Some(Box::new(move || { std::hint::black_box(sign_hs256(&key, &d.claims)); }))
//! }
//! ```

#![allow(unused_variables)]

#[allow(unused_imports)]
use peer_harness::{Data, check};

/// One prepared operation.
pub type Op<'a> = Box<dyn FnMut() + 'a>;

// --- JWS ---
pub fn hs256_sign(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn hs256_verify(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn rs256_sign(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn rs256_verify(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn ps256_sign(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn ps256_verify(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}

// --- JWE (payload = the claims JSON, 4 KiB or 1 MiB for A256KW + A256CBC-HS512) ---
pub fn a256kw_cbc_encrypt<'a>(d: &'a Data, payload: &'a [u8]) -> Option<Op<'a>> {
    None // TODO(jwcrypt)
}
pub fn a256kw_cbc_decrypt<'a>(d: &'a Data, payload: &'a [u8]) -> Option<Op<'a>> {
    None // TODO(jwcrypt): encrypt `payload` once here, time the decryption of that token
}
pub fn dir_gcm_encrypt(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn dir_gcm_decrypt(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn oaep256_gcm_encrypt(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn oaep256_gcm_decrypt(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}

// --- Nested JWT (signed, then A256KW + A256CBC-HS512 with cty "JWT") ---
pub fn nested_hs256_make(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn nested_hs256_read(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn nested_rs256_make(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
pub fn nested_rs256_read(d: &Data) -> Option<Op<'_>> {
    None // TODO(jwcrypt)
}
