//! The attack regression suite: one test (at least) per applicable row of ATTACKS.md, each
//! named after the advisory ids of its row and commented with the row number. SECURITY.md
//! maps every row to its test(s) here, or says why the row does not apply.
//!
//! * `jws`  — rows 16, 22–25, 27, 28, 33, 34 on the JWS side (and RFC 7515 rules);
//! * `jwe`  — rows 1 (converse), 10, 16–20, 24, 27–29, 34 on the JWE side;
//! * `rows` — everything else: rows 1–15, 16 (JWT), 17 (policy), 21, 26, 29–31, 34 (policy),
//!   and the hostile-input cases that have no advisory (duplicate `kid`s, weak RSA keys,
//!   oversized tokens, deep JSON);
//! * `ec_signatures` — rows 22 (EC/OKP keys as HMAC secrets), 30, 35, 36 and the EC/OKP
//!   key / curve / algorithm mismatches;
//! * `zip_bomb` — the peak-memory measurement of the zip bombs (run in a child process of its
//!   own, so that no other test runs in that process meanwhile);
//! * `json_amplification` — row 40: JSON bounded in bytes and values before parsing, PEM
//!   and encrypted PKCS#8 bounded before decoding and key derivation;
//! * `fuzz_regressions` — every saved fuzz crash input, replayed;
//! * `debug_no_secrets` — no secret in any `Debug` or error text;
//! * `key_validation` — rows 36–38 (small-order, mismatched and non-canonical EC/OKP keys,
//!   as JWK and PEM/DER) and ROCA (CVE-2017-15361) RSA keys.
//!
//! Bounds are asserted structurally (which limit error fires, how long the output is), never
//! with a clock.

#[path = "../support/mod.rs"]
mod support;

mod debug_no_secrets;
mod ec_signatures;
mod fuzz_regressions;
mod json_amplification;
mod jwe;
mod jws;
mod key_validation;
mod rows;
mod zip_bomb;
mod zip_util;
