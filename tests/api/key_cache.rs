//! An `oct` key keeps its keyed HMAC states and AES key wrap cipher after first use: the
//! outputs stay byte for byte those of the RFC examples, for the key, its clones (made before
//! and after the cache fills), keys rebuilt from its export, and from several threads at once.

use crate::support::appendix;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, SigningAlg};

const THREADS: usize = 6;
const ROUNDS: usize = 50;

/// RFC 7515 A.1 (HS256): the key, the header text, the payload and the expected token.
fn a1() -> (Jwk, JwsHeader, Vec<u8>, String) {
    let v = appendix("rfc7515-A.1");
    let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    let header =
        JwsHeader::from_json(v["inputs"]["protected_header_utf8"].as_str().unwrap()).unwrap();
    let payload = v["inputs"]["payload_utf8"]
        .as_str()
        .unwrap()
        .as_bytes()
        .to_vec();
    let compact = v["outputs"]["compact"].as_str().unwrap().to_owned();
    (key, header, payload, compact)
}

#[test]
fn hs256_rfc7515_a1_with_warm_cache_clones_and_threads() {
    let (key, header, payload, compact) = a1();
    let cold_clone = key.clone();
    for _ in 0..3 {
        assert_eq!(jws::sign_compact(&payload, &header, &key).unwrap(), compact);
    }
    let warm_clone = key.clone();
    let rebuilt = Jwk::from_json(key.export_private().unwrap().as_bytes()).unwrap();
    assert_eq!(key, warm_clone);
    assert_eq!(key, rebuilt);
    for k in [&key, &cold_clone, &warm_clone, &rebuilt] {
        assert_eq!(jws::sign_compact(&payload, &header, k).unwrap(), compact);
        let v = Verifier::new(k, &[SigningAlg::HS256]).unwrap();
        assert_eq!(v.verify_compact(&compact).unwrap().payload(), payload);
        let mut bad = compact.clone();
        bad.pop();
        bad.push(if compact.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(
            v.verify_compact(&bad).unwrap_err().kind(),
            ErrorKind::InvalidSignature
        );
    }
    // One shared key, cold, used from several threads at once.
    let (shared, ..) = a1();
    let verifier = Verifier::new(&shared, &[SigningAlg::HS256]).unwrap();
    std::thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..ROUNDS {
                    assert_eq!(
                        jws::sign_compact(&payload, &header, &shared).unwrap(),
                        compact
                    );
                    assert_eq!(
                        verifier.verify_compact(&compact).unwrap().payload(),
                        payload
                    );
                }
            });
        }
    });
}

/// The key-length rule and the key's `alg` still apply to a key whose cache is warm.
#[test]
fn rules_still_apply_with_a_warm_cache() {
    let key = Jwk::from_oct_bytes(&[0x42; 48]).unwrap();
    let h256 = JwsHeader::new(SigningAlg::HS256);
    let h384 = JwsHeader::new(SigningAlg::HS384);
    let t = jws::sign_compact(b"x", &h256, &key).unwrap();
    jws::sign_compact(b"x", &h384, &key).unwrap();
    // HS512 needs 64 bytes: refused before and after the other hashes are cached.
    let h512 = JwsHeader::new(SigningAlg::HS512);
    assert_eq!(
        jws::sign_compact(b"x", &h512, &key).unwrap_err().kind(),
        ErrorKind::KeyMismatch
    );
    // Restricting the key's alg afterwards is honoured at once.
    let restricted = key.clone().with_alg(SigningAlg::HS384);
    assert_eq!(
        jws::sign_compact(b"x", &h256, &restricted)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    // Verification with the restricted key fails too (no key fits).
    assert!(
        Verifier::new(&restricted, &[SigningAlg::HS256])
            .unwrap()
            .verify_compact(&t)
            .is_err()
    );
    // A different secret never verifies, whatever was cached before.
    let other = Jwk::from_oct_bytes(&[0x43; 48]).unwrap();
    assert_eq!(
        Verifier::new(&other, &[SigningAlg::HS256])
            .unwrap()
            .verify_compact(&t)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidSignature
    );
    // An AES key wrap key of the wrong size for the algorithm is still refused.
    let kek = Jwk::from_oct_bytes(&[7; 32]).unwrap();
    Encrypter::new(&kek, K::A256KW, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"warm")
        .unwrap();
    assert_eq!(
        Encrypter::new(&kek, K::A128KW, E::A128Gcm)
            .map(|_| ())
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
}

#[test]
fn a128kw_rfc7516_a3_with_warm_cache_clones_and_threads() {
    let v = appendix("rfc7516-A.3");
    let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    let expected = v["outputs"]["compact"].as_str().unwrap();
    let plaintext = b"Live long and prosper.";
    // (Reproducing A.3 byte for byte with cold and warm keys needs the test-only fixed CEK:
    // a unit test in src/jwe/tests.rs.) Here, fresh tokens round-trip with every clone.
    let encrypt = |k: &Jwk| {
        Encrypter::new(k, K::A128KW, E::A128CbcHs256)
            .unwrap()
            .encrypt_compact(plaintext)
            .unwrap()
    };
    let decrypt = |k: &Jwk, token: &str| {
        Decrypter::new(k, &[K::A128KW], &[E::A128CbcHs256])
            .unwrap()
            .decrypt_compact(token)
            .map(|d| d.plaintext().to_vec())
    };
    let cold_clone = key.clone();
    assert_eq!(decrypt(&key, &encrypt(&key)).unwrap(), plaintext);
    assert_eq!(decrypt(&key, expected).unwrap(), plaintext);
    let warm_clone = key.clone();
    for k in [&key, &cold_clone, &warm_clone] {
        for other in [&key, &cold_clone, &warm_clone] {
            assert_eq!(decrypt(other, &encrypt(k)).unwrap(), plaintext);
        }
        assert_eq!(decrypt(k, expected).unwrap(), plaintext);
    }
    // A tampered encrypted key fails the integrity check on the cached cipher.
    let mut parts: Vec<String> = expected.split('.').map(str::to_owned).collect();
    let mut ek = parts[1].clone().into_bytes();
    ek[3] = if ek[3] == b'A' { b'B' } else { b'A' };
    parts[1] = String::from_utf8(ek).unwrap();
    assert_eq!(
        decrypt(&key, &parts.join(".")).unwrap_err().kind(),
        ErrorKind::Decryption
    );
    // One shared cold key, several threads, random CEKs: each token decrypts everywhere.
    let shared = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    std::thread::scope(|s| {
        for t in 0..THREADS {
            let shared = &shared;
            let decrypt = &decrypt;
            s.spawn(move || {
                for i in 0..ROUNDS {
                    assert_eq!(decrypt(shared, expected).unwrap(), plaintext);
                    let msg = format!("thread {t} round {i}");
                    let token = Encrypter::new(shared, K::A128KW, E::A128CbcHs256)
                        .unwrap()
                        .encrypt_compact(msg.as_bytes())
                        .unwrap();
                    assert_eq!(decrypt(shared, &token).unwrap(), msg.as_bytes());
                }
            });
        }
    });
}
