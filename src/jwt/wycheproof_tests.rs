//! Project Wycheproof's vectors (the data is under tests/data/wycheproof/):
//!
//! - [`jose`]: the JOSE files (`json_web_signature`, `json_web_key`, `json_web_encryption`)
//!   through the public API, as a caller reads tokens;
//! - [`signatures`]: the ECDSA (P1363) and Ed25519 files, each case through the JWS path (the
//!   group's key imported as a [`crate::Jwk`], checked for the algorithm and verified by the
//!   function the `Verifier` calls);
//! - [`ecdh`]: the ECDH (WebCrypto JWK) and X25519 files, each case through a JWE decryption
//!   whose `epk` is the case's public key;
//! - [`pbkdf2`]: the PBKDF2-HMAC-SHA-2 files through the PBKDF2 of the PBES2 key derivation.
//!
//! Run in the default build and with `--features aws-lc`, these hold both backends to the
//! same answer on every case.
//!
//! The files of the symmetric and RSA primitives (AES-KW, AES-GCM, AES-CBC, HMAC, RSA PKCS#1
//! v1.5 and PSS signatures, RSA-OAEP and PKCS#1 v1.5 decryption) run in the unit tests of
//! their `jwa` modules.
//!
//! These run inside the crate rather than in tests/vectors because a signature vector is a
//! (message, signature) pair: no public function verifies an arbitrary message (a JWS
//! signature covers `header '.' payload`), and PBKDF2 takes arbitrary salts only inside the
//! crate. This module sits under `jwt`, the lowest layer that may name every layer it drives
//! (`jwa`, `jwk`, `jws`, `jwe`).
//!
//! Every `valid` case must pass and every `invalid` case be refused; `acceptable` cases may go
//! either way, and the counts say which way they went. Each test prints its per-file counts and
//! asserts that every case of the file was counted.

mod ecdh;
mod jose;
mod pbkdf2;
mod signatures;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

fn load(name: &str) -> Value {
    serde_json::from_str(crate::test_util::data(&format!("wycheproof/{name}"))).unwrap()
}

/// Every (group, test) pair of a file.
fn tests(v: &Value) -> impl Iterator<Item = (&Value, &Value)> {
    v["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["tests"].as_array().unwrap().iter().map(move |t| (g, t)))
}

/// A strict base64url string member, decoded (`None` if absent or not base64url).
#[cfg(feature = "aws-lc")]
fn b64(v: &Value) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(v.as_str()?).ok()
}

fn b64_encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Counts of one file, checked against `numberOfTests`.
#[derive(Default)]
struct Counts {
    valid: u64,
    invalid: u64,
    acceptable_accepted: u64,
    acceptable_refused: u64,
}

impl Counts {
    fn record(&mut self, file: &str, t: &Value, accepted: bool) {
        let id = &t["tcId"];
        match t["result"].as_str().unwrap() {
            "valid" => {
                assert!(accepted, "{file} tcId {id} (valid) was refused");
                self.valid += 1;
            }
            "invalid" => {
                assert!(!accepted, "{file} tcId {id} (invalid) was accepted");
                self.invalid += 1;
            }
            "acceptable" if accepted => self.acceptable_accepted += 1,
            "acceptable" => self.acceptable_refused += 1,
            other => panic!("{file} tcId {id}: unknown result {other}"),
        }
    }

    fn finish(&self, file: &str, v: &Value) {
        let total = v["numberOfTests"].as_u64().unwrap();
        let passed = self.valid + self.invalid + self.acceptable_accepted + self.acceptable_refused;
        println!(
            "{file}: {passed}/{total} passed ({} valid, {} invalid, acceptable: {} accepted, {} \
             refused)",
            self.valid, self.invalid, self.acceptable_accepted, self.acceptable_refused
        );
        assert_eq!(passed, total, "{file}: every case counted");
    }
}
