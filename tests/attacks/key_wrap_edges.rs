//! Issue 25, class 4: key-wrap edge cases (go-jose CVE-2026-34986: an `*KW` token with an
//! empty `encrypted_key` panicked). For every key management family that carries a wrapped
//! key (AES-KW, AES-GCM-KW, RSA-OAEP at every hash, ECDH-ES+KW on every curve, PBES2; and
//! RSA1_5 opted in, which jwcrypt never writes, with a forged token), an empty, short, long, zero-filled or cut `encrypted_key` in the compact
//! and JSON serializations is the one decryption error, never a panic and never a
//! different error that would tell the forms apart. The direct families (`dir`, `ECDH-ES`)
//! refuse a non-empty `encrypted_key` the same way (RFC 7516 §5.2 step 10).

use crate::support::{self, rsa_key};
use jwcrypt::jwe::{Decrypter, Encrypter, Password};
use jwcrypt::{ContentEncryptionAlg as E, Error, ErrorKind, Jwk, KeyManagementAlg as K};
use serde_json::Value;

const PASSWORD: &[u8] = b"correct horse battery staple";

fn is_decryption_error(e: &Error) -> bool {
    e.kind() == ErrorKind::Decryption && e.to_string() == Error::decryption().to_string()
}

/// One valid token and the decrypter that opens it, per key management algorithm.
fn cases() -> Vec<(K, String, Decrypter)> {
    let rsa = rsa_key();
    let password = Password::new(PASSWORD.to_vec()).unwrap();
    let mut out = Vec::new();
    let mut with_key = |key: &Jwk, alg: K, enc: E| {
        let token = Encrypter::new(key, alg, enc)
            .unwrap()
            .encrypt_compact(b"wrapped")
            .unwrap();
        let d = Decrypter::new(key, &[alg], E::ALL)
            .unwrap()
            .allow_rsa1_5_insecure();
        out.push((alg, token, d));
    };
    for alg in [
        K::A128KW,
        K::A192KW,
        K::A256KW,
        K::A128GCMKW,
        K::A192GCMKW,
        K::A256GCMKW,
        K::Dir,
    ] {
        let enc = if alg == K::Dir {
            E::A256Gcm
        } else {
            E::A128CbcHs256
        };
        let key = if alg == K::Dir {
            Jwk::generate_for(enc)
        } else {
            Jwk::generate_for(alg)
        };
        let key = key.unwrap();
        with_key(&key, alg, enc);
    }
    for alg in [K::RsaOaep, K::RsaOaep256, K::RsaOaep384, K::RsaOaep512] {
        with_key(&rsa, alg, E::A256Gcm);
    }
    for crv in ["P-256", "P-384", "P-521"] {
        let key = Jwk::generate_ec(crv).unwrap();
        for alg in [K::EcdhEsA128KW, K::EcdhEsA192KW, K::EcdhEsA256KW, K::EcdhEs] {
            with_key(&key, alg, E::A128Gcm);
        }
    }
    for crv in ["X25519", "X448"] {
        let key = Jwk::generate_okp(crv).unwrap();
        for alg in [K::EcdhEsA128KW, K::EcdhEsA256KW, K::EcdhEs] {
            with_key(&key, alg, E::A128Gcm);
        }
    }
    for alg in [
        K::Pbes2Hs256A128KW,
        K::Pbes2Hs384A192KW,
        K::Pbes2Hs512A256KW,
    ] {
        let token = Encrypter::with_password(&password, alg, E::A256Gcm)
            .unwrap()
            .with_p2c(1000)
            .unwrap()
            .encrypt_compact(b"wrapped")
            .unwrap();
        let d = Decrypter::with_password(&password, &[alg], E::ALL).unwrap();
        out.push((alg, token, d));
    }
    out
}

fn with_encrypted_key(token: &str, ek: &str) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[1] = ek;
    parts.join(".")
}

fn b64(data: &[u8]) -> String {
    support::b64::encode(data)
}

#[test]
fn cve_2026_34986_empty_and_malformed_encrypted_key_is_the_decryption_error() {
    let mut checked = 0;
    for (alg, token, d) in cases() {
        // The token as made opens.
        assert_eq!(d.decrypt(&token).unwrap().plaintext(), b"wrapped", "{alg}");
        let ek = token.split('.').nth(1).unwrap().to_owned();
        let raw = support::b64::decode(&ek).unwrap();
        let direct = matches!(alg, K::Dir | K::EcdhEs);
        assert_eq!(raw.is_empty(), direct, "{alg}");
        let mut variants: Vec<Vec<u8>> = vec![
            vec![0],
            vec![0; 8],
            vec![0; 16],
            vec![0; 24],
            vec![0; 40],
            vec![0xff; 512],
            vec![0; 4096],
        ];
        if direct {
            // A direct family carries no wrapped key: any bytes there are refused.
            variants.push(vec![0x41; 32]);
        } else {
            // The empty key (the go-jose panic), the real one cut or extended by a
            // block, and the real one with its first byte flipped.
            variants.push(Vec::new());
            variants.push(raw[..raw.len() - 1].to_vec());
            variants.push(raw[..raw.len().saturating_sub(8)].to_vec());
            variants.push([&raw[..], &[0u8; 8]].concat());
            let mut flipped = raw.clone();
            flipped[0] ^= 1;
            variants.push(flipped);
        }
        for v in variants {
            let t = with_encrypted_key(&token, &b64(&v));
            let e = d.decrypt(&t).unwrap_err();
            assert!(is_decryption_error(&e), "{alg} {} bytes: {e}", v.len());
            // The same in the flattened JSON serialization, with the member present.
            let json = to_flattened(&t, true);
            let e = d.decrypt(&json).unwrap_err();
            assert!(is_decryption_error(&e), "{alg} {} bytes JSON: {e}", v.len());
            checked += 2;
        }
        if !direct {
            // JSON with `encrypted_key` left out: an empty wrapped key, the same error.
            let e = d.decrypt(&to_flattened(&token, false)).unwrap_err();
            assert!(is_decryption_error(&e), "{alg} no encrypted_key: {e}");
            checked += 1;
        }
    }
    // RSA1_5 (opted in): jwcrypt does not make such tokens, so the header is forged; an
    // empty or malformed wrapped key is the same error as a wrong one.
    let rsa = rsa_key();
    let d = Decrypter::new(&rsa, &[K::Rsa1_5], E::ALL)
        .unwrap()
        .allow_rsa1_5_insecure();
    let header = b64(br#"{"alg":"RSA1_5","enc":"A128GCM"}"#);
    let iv = b64(&[1; 12]);
    let tag = b64(&[2; 16]);
    for v in [
        vec![],
        vec![0],
        vec![0; 255],
        vec![0; 256],
        vec![0xff; 256],
        vec![0; 257],
    ] {
        let t = format!("{header}.{}.{iv}.AAAA.{tag}", b64(&v));
        let e = d.decrypt(&t).unwrap_err();
        assert!(is_decryption_error(&e), "RSA1_5 {} bytes: {e}", v.len());
        let e = d.decrypt(&to_flattened(&t, true)).unwrap_err();
        assert!(
            is_decryption_error(&e),
            "RSA1_5 {} bytes JSON: {e}",
            v.len()
        );
        checked += 2;
    }
    // 32 keyed cases (7 oct, 4 RSA-OAEP, 12 EC, 6 OKP, 3 PBES2): 6 direct ones with 8
    // variants in two serializations, 26 wrapping ones with 12 variants in two and one
    // JSON form without the member; and 6 RSA1_5 variants in two.
    assert_eq!(checked, 6 * 16 + 26 * 25 + 6 * 2);
}

/// The flattened JSON form of a compact JWE; `with_ek` false leaves `encrypted_key` out.
fn to_flattened(compact: &str, with_ek: bool) -> String {
    let p: Vec<&str> = compact.split('.').collect();
    let mut v = serde_json::json!({
        "protected": p[0], "iv": p[2], "ciphertext": p[3], "tag": p[4]
    });
    if with_ek {
        v["encrypted_key"] = Value::from(p[1]);
    }
    v.to_string()
}
