//! The library's public API beyond the published vectors: JWK import (JSON, PEM, bad input,
//! property tests) and sets, JWS options, the JWT reader and validation, the prepared-key
//! cache, the fast paths checked against their reference implementations, and tokens made by
//! other JOSE libraries (tests/data/interop).

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod claims_differential;
mod interop;
mod jwe_epk;
mod jwe_headers;
mod jwk_bad_input;
mod jwk_pem;
mod jwk_proptest;
mod jwk_set;
mod jws_api;
mod jws_ecdsa_eddsa;
mod jwt_reader;
mod jwt_real_world;
mod jwt_validation;
mod key_cache;
mod opaque_keys;
mod perf_equivalence;
