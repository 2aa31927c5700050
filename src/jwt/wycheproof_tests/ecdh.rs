//! The ECDH files with JWK keys (`ecdh_secp{256,384,521}r1_webcrypto_test.json`) and
//! `x25519_jwk_test.json`, as a JWE recipient meets them: the private JWK imported as a
//! [`Jwk`], the public JWK as the `epk` of a direct `ECDH-ES` + `A128GCM` token (with the
//! file's `kid`, a registered member RFC 7518 §4.6.1.1 lets a recipient honour) whose content is
//! encrypted under the Concat KDF (RFC 7518 §4.6.2, written here from its definition) of the
//! file's shared secret. The token decrypts exactly when jwcrypt read the public key and
//! agreed on that secret; every refusal is the one decryption error.
//!
//! The files' `acceptable` cases may go either way, but the ones refused are pinned, so that the default build (RustCrypto) and
//! `aws-lc` (aws-lc-rs for P-256/384/521 and X25519) decide every case alike.

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes128Gcm, KeyInit};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{Counts, b64_encode, load, tests};
use crate::jwe::Decrypter;
use crate::test_util::hex;
use crate::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K};

const PLAINTEXT: &[u8] = b"Wycheproof through ECDH-ES";

/// The 128-bit `A128GCM` key of direct ECDH-ES from the shared secret `z` (no `apu`/`apv`):
/// one SHA-256 round of `counter || Z || AlgorithmID || PartyUInfo || PartyVInfo ||
/// SuppPubInfo`, each variable field prefixed with its 32-bit big-endian length.
fn concat_kdf_a128gcm(z: &[u8]) -> [u8; 16] {
    let mut h = Sha256::new();
    h.update(1u32.to_be_bytes());
    h.update(z);
    h.update(7u32.to_be_bytes());
    h.update(b"A128GCM");
    h.update(0u32.to_be_bytes());
    h.update(0u32.to_be_bytes());
    h.update(128u32.to_be_bytes());
    let digest = h.finalize();
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// A compact direct `ECDH-ES` + `A128GCM` token to the case's private key, `epk` being its
/// public key, encrypted with the key derived from the case's shared secret.
fn token_for(t: &Value) -> String {
    let epk = t["public"].clone();
    let header = json!({"alg": "ECDH-ES", "enc": "A128GCM", "epk": epk});
    let protected = b64_encode(header.to_string().as_bytes());
    let cek = concat_kdf_a128gcm(&hex(t["shared"].as_str().unwrap_or("")));
    let iv = [7u8; 12];
    let mut buf = PLAINTEXT.to_vec();
    let tag = Aes128Gcm::new_from_slice(&cek)
        .unwrap()
        .encrypt_inout_detached(&iv.into(), protected.as_bytes(), buf.as_mut_slice().into())
        .unwrap();
    format!(
        "{protected}..{}.{}.{}",
        b64_encode(&iv),
        b64_encode(&buf),
        b64_encode(&tag)
    )
}

/// Whether the JWE decryption of [`token_for`] succeeds (with the plaintext); a refusal must
/// be the one decryption error.
fn through_jwe(t: &Value) -> bool {
    let key = Jwk::from_value(&t["private"]).unwrap();
    let d = Decrypter::new(&key, &[K::EcdhEs], E::ALL).unwrap();
    match d.decrypt(&token_for(t)) {
        Ok(out) => {
            assert_eq!(out.plaintext(), PLAINTEXT, "tcId {}", t["tcId"]);
            true
        }
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Decryption, "tcId {}: {e}", t["tcId"]);
            false
        }
    }
}

/// Runs `file`; `refused_acceptable` lists the tcIds of the `acceptable` cases refused.
fn ecdh_file(file: &str, refused_acceptable: &[u64]) {
    let v = load(file);
    let mut c = Counts::default();
    let mut refused = Vec::new();
    for (_, t) in tests(&v) {
        let ok = through_jwe(t);
        if t["result"] == "acceptable" && !ok {
            refused.push(t["tcId"].as_u64().unwrap());
        }
        c.record(file, t, ok);
    }
    c.finish(file, &v);
    assert_eq!(
        refused, refused_acceptable,
        "{file}: the acceptable cases refused"
    );
}

#[test]
fn ecdh_secp256r1_webcrypto() {
    ecdh_file("ecdh_secp256r1_webcrypto_test.json", &[]);
}

#[test]
fn ecdh_secp384r1_webcrypto() {
    ecdh_file("ecdh_secp384r1_webcrypto_test.json", &[]);
}

#[test]
fn ecdh_secp521r1_webcrypto() {
    ecdh_file("ecdh_secp521r1_webcrypto_test.json", &[]);
}

#[test]
fn x25519_jwk() {
    ecdh_file("x25519_jwk_test.json", &X25519_REFUSED_ACCEPTABLE);
}

/// The `acceptable` X25519 cases jwcrypt refuses: public keys of small order, whose shared
/// secret is all zeros (RFC 7748 §6.1 lets a recipient check for it; RFC 8037 §3.2 and the
/// `epk` rules refuse such keys).
const X25519_REFUSED_ACCEPTABLE: [u64; 31] = [
    32, 33, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84,
    85, 86, 117, 118, 154, 165, 166,
];
