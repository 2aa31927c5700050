//! The attack regression suite: one test (at least) per applicable row of ATTACKS.md, each
//! named after the advisory ids of its row and commented with the row number. SECURITY.md
//! maps every row to its test(s) here, or says why the row does not apply.
//!
//! * `jws`  — rows 16, 22–25, 27, 28, 33, 34 on the JWS side (and RFC 7515 rules);
//! * `jwe`  — rows 1 (converse), 10, 16–20, 24, 27–29, 34 on the JWE side;
//! * `token_confusion` — row 1 (a JWE made with a public key, read where a JWS is expected);
//! * `pbes2_p2c` — rows 2–7 and 39 (PBES2 iteration counts and salts);
//! * `zip_def` — rows 8–15 (zip bombs and broken DEFLATE streams);
//! * `resource_exhaustion` — rows 16 (JWT), 31, and oversized tokens and deep JSON;
//! * `algorithm_policy` — rows 17 and 34 on the policy side (RSA1_5 opt-in, nothing allowed
//!   by default);
//! * `invalid_curve` — row 21 (ECDH-ES `epk` checks);
//! * `claim_types` — row 26 (time claims of the wrong type);
//! * `mutated_input` — row 29 (no panic on mutated input);
//! * `key_selection` — duplicate `kid`s in a JWK Set;
//! * `ec_signatures` — rows 22 (EC/OKP keys as HMAC secrets), 30, 35, 36 and the EC/OKP
//!   key / curve / algorithm mismatches;
//! * `zip_bomb` — the peak-memory measurement of the zip bombs (run in a child process of its
//!   own, so that no other test runs in that process meanwhile);
//! * `json_amplification` — row 40: JSON bounded in bytes and values before parsing, PEM
//!   and encrypted PKCS#8 bounded before decoding and key derivation;
//! * `fuzz_regressions` — every saved fuzz crash input, replayed;
//! * `debug_no_secrets` — no secret in any `Debug` or error text;
//! * `key_validation` — rows 36–38 (small-order, mismatched and non-canonical EC/OKP keys,
//!   as JWK and PEM/DER), ROCA (CVE-2017-15361) and weak RSA keys.
//!
//!
//! The vulnerability classes of issue 25 (2024-2026 advisories; SECURITY.md, section
//! "2024-2026 vulnerability classes", maps each class to its tests):
//! * `hmac_key_length` — class 1 (empty or short HMAC keys, through a key, a set, a
//!   resolver);
//! * `json_serialization_binding` — class 2 (empty `signatures`, `kid` binding, unprotected
//!   `alg` in the general JSON JWS);
//! * `format_checks` — class 3 (one huge segment, the unencoded payload under the size limit,
//!   the JWT format check);
//! * `key_wrap_edges` — class 4 (empty and malformed `encrypted_key` for every wrapping
//!   family);
//! * `content_key_freshness` — class 5 (CEKs unwrapped outside jwcrypt: fresh and full
//!   length; IVs, `epk` and `p2s` fresh);
//! * `decompression_2nd_gen` — class 6 (zip bombs under every size cap);
//! * `key_object_confusion` — class 7 (public keys in every encoding never HMAC secrets;
//!   private/public mismatch for every key type);
//! * `claim_extremes` — class 8 (time claims at the extremes, `iss` exact match);
//! * `jwk_set_tolerance` — class 9, library side (one bad key does not abort a set);
//! * `crit_and_recipients` — class 10 (`crit` split-brain, signature and recipient
//!   amplification).
//!
//! Bounds are asserted structurally (which limit error fires, how long the output is), never
//! with a clock.

#[path = "../support/mod.rs"]
mod support;

mod algorithm_policy;
mod claim_extremes;
mod claim_types;
mod content_key_freshness;
mod crit_and_recipients;
mod debug_no_secrets;
mod decompression_2nd_gen;
mod ec_signatures;
mod format_checks;
mod fuzz_regressions;
mod helpers;
mod hmac_key_length;
mod invalid_curve;
mod json_amplification;
mod json_serialization_binding;
mod jwe;
mod jwk_set_tolerance;
mod jws;
mod key_object_confusion;
mod key_selection;
mod key_validation;
mod key_wrap_edges;
mod mutated_input;
mod pbes2_p2c;
mod resource_exhaustion;
mod token_confusion;
mod zip_bomb;
mod zip_def;
mod zip_util;
