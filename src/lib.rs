#![doc = include_str!("../README.md")]
#![doc = include_str!("guide.md")]
// Safety: no unsafe code anywhere in the library.
#![forbid(unsafe_code)]
// Panics on untrusted input are bugs: keep unwrap, expect, panic and indexing out of
// library code (tests may use them).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

// The unit tests on wasm32-unknown-unknown run under wasm-bindgen-test: this import makes
// every plain `#[test]` a `#[wasm_bindgen_test]` (wasm-test/src/lib.rs says how).
#[cfg(all(test, target_arch = "wasm32", target_os = "unknown"))]
#[macro_use]
extern crate jwcrypt_wasm_test;

pub mod dangerous;
pub mod error;
pub mod jwa;
pub mod jwe;
pub mod jwk;
pub mod jws;
pub mod jwt;
#[cfg(feature = "remote")]
pub mod remote;
pub mod secret;

// Strict base64url: crate-internal. The `fuzzing` feature (not an API, enabled by
// fuzz/Cargo.toml only) makes it public for the `b64` fuzz target.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod b64;
#[cfg(not(feature = "fuzzing"))]
mod b64;
mod header;
mod json;
mod limits;
mod policy;
mod rng;
#[cfg(test)]
mod test_util;

pub use error::{Error, ErrorKind, Result};
pub use jwa::{Algorithm, ContentEncryptionAlg, KeyManagementAlg, SigningAlg};
pub use jwk::{Jwk, JwkSet};
pub use limits::Limits;
pub use policy::Policy;
pub use secret::Secret;
