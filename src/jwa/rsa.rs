//! RSA algorithms. All RSA private- and public-key operations of the crate live under this
//! module (signatures in `sign`, key encryption in `oaep`), so the backend can be swapped
//! in one place.
//!
//! Private-key operations are blinded. The `rsa` crate is exposed to RUSTSEC-2023-0071
//! (Marvin): an attacker who can time many private-key operations may learn the key. With
//! the `aws-lc` feature, signatures and RSA-OAEP go through aws-lc instead (`aws`), which is
//! constant-time; `RSA1_5` decryption and keys aws-lc refuses stay with the `rsa` crate.

#[cfg(feature = "aws-lc")]
pub(crate) mod aws;
pub(crate) mod key;
pub(crate) mod oaep;
pub(crate) mod sign;
