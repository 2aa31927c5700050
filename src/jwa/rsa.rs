//! RSA algorithms. All RSA private- and public-key operations of the crate live under this
//! module (signatures in `sign`, key encryption in `oaep`), so the backend can be swapped
//! in one place.
//!
//! Private-key operations are blinded. The `rsa` crate is exposed to RUSTSEC-2023-0071
//! (Marvin): an attacker who can time many private-key operations may learn the key.

pub(crate) mod oaep;
pub(crate) mod sign;
