//! RSA algorithms. All RSA private- and public-key operations of the crate live under this
//! module (signatures in `sign`, key encryption in `oaep`), so the backend can be swapped
//! in one place.
//!
//! Private-key operations are blinded with the OS RNG. The `rsa` crate 0.10 fixes
//! RUSTSEC-2023-0071 (Marvin: constant-time arithmetic, implicit rejection for PKCS#1 v1.5).
//! With the `aws-lc` feature, signatures and RSA-OAEP go through aws-lc instead (`aws`);
//! `RSA1_5` decryption and keys aws-lc refuses stay with the `rsa` crate.

#[cfg(feature = "aws-lc")]
pub(crate) mod aws;
pub(crate) mod key;
pub(crate) mod oaep;
pub(crate) mod sign;
