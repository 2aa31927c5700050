//! Published test vectors, byte for byte where the algorithm is deterministic: the RFC 3394
//! key wrap vectors, the appendices of RFC 7515-7519 and 7797, the RFC 7520 cookbook (JWS,
//! JWE, nested). Each tamper case flips one bit of a positive vector and expects an error. The
//! data is under tests/data/. (Project Wycheproof's files run in one place inside the crate,
//! `jwt::wycheproof_tests`, which can reach the primitives their cases need.)

#[path = "../support/mod.rs"]
mod support;

mod rfc3394;
mod rfc7515;
mod rfc7516;
mod rfc7517;
mod rfc7518;
mod rfc7519;
mod rfc7520_jwe;
mod rfc7520_jws;
mod rfc7520_nested;
mod rfc7797;
mod rfc8037;
