//! RSA algorithms: keys (`key`), signatures (`sign`) and key encryption (`oaep`).
//!
//! Keys are checked by the `rsa` crate; signatures and RSA-OAEP are computed by the crypto
//! provider (the `provider` module: the `rsa` crate by default, aws-lc with the `aws-lc`
//! feature). Private-key operations are blinded. The `rsa` crate 0.10 fixes RUSTSEC-2023-0071
//! (Marvin: constant-time arithmetic, implicit rejection for PKCS#1 v1.5). `RSA1_5`
//! decryption is the `rsa` crate's in every build.

pub(crate) mod key;
pub(crate) mod oaep;
pub(crate) mod sign;
