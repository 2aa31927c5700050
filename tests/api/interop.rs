//! Tokens and keys made by other JOSE libraries (jwcrypto 1.6.1, PyJWT 2.15.1,
//! panva/jose 6.2.18), read by jwcrypt. The fixtures are made by the scripts under
//! `tests/interop/` (see its README); the other direction (peers reading what jwcrypt makes)
//! runs in `tests/interop/run.sh`.

use crate::support::b64;
use jwcrypt::jwa::HashAlg;
use jwcrypt::jwe::Decrypter;
use jwcrypt::jws::Verifier;
use jwcrypt::jwt::{Claims, FixedClock, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg, Jwk, KeyManagementAlg, SigningAlg};
use serde_json::Value;

const PEERS: &[(&str, &str)] = &[("jwcrypto", "jwcrypto"), ("jose", "jose")];

fn load(peer: &str, file: &str) -> Value {
    let path = format!(
        "{}/tests/data/interop/{peer}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

fn cases(peer: &str, file: &str) -> Vec<Value> {
    load(peer, file)["cases"].as_array().unwrap().clone()
}

fn jwk(v: &Value) -> Jwk {
    Jwk::from_value(v).unwrap_or_else(|e| panic!("{e}: {v}"))
}

fn report(what: &str, passed: usize, total: usize) {
    println!("interop {what}: {passed} passed of {total}");
    assert_eq!(passed, total, "{what}");
}

#[test]
fn keys_json_pem_and_thumbprints() {
    for (peer, _) in PEERS {
        let mut n = 0;
        let all = cases(peer, "keys.json");
        for c in &all {
            let name = c["name"].as_str().unwrap();
            let private = jwk(&c["jwk_private"]);
            let expect = [
                (HashAlg::Sha256, "thumbprint_sha256"),
                (HashAlg::Sha384, "thumbprint_sha384"),
                (HashAlg::Sha512, "thumbprint_sha512"),
            ];
            for (h, field) in expect {
                assert_eq!(
                    private.thumbprint(h).unwrap(),
                    c[field].as_str().unwrap(),
                    "{peer} {name} {field}"
                );
            }
            // Private export gives back the same members the peer wrote.
            let back: Value = serde_json::from_str(&private.export_private().unwrap()).unwrap();
            for (k, v) in c["jwk_private"].as_object().unwrap() {
                assert_eq!(&back[k], v, "{peer} {name}: member {k}");
            }
            if c["kty"] == "RSA" {
                let public = jwk(&c["jwk_public"]);
                assert!(!public.is_private());
                assert_eq!(
                    public.thumbprint(HashAlg::Sha256).unwrap(),
                    c["thumbprint_sha256"]
                );
                let exported: Value =
                    serde_json::from_str(&private.export_public().unwrap()).unwrap();
                for m in ["n", "e", "kty"] {
                    assert_eq!(exported[m], c["jwk_public"][m], "{peer} {name} {m}");
                }
                let t = |k: Jwk| k.thumbprint(HashAlg::Sha256).unwrap();
                for field in ["pem_pkcs8", "pem_pkcs1_private"] {
                    let k = Jwk::from_pem(c[field].as_str().unwrap())
                        .unwrap_or_else(|e| panic!("{peer} {name} {field}: {e}"));
                    assert!(k.is_private(), "{field}");
                    assert_eq!(t(k), c["thumbprint_sha256"], "{peer} {name} {field}");
                }
                for field in ["pem_pkcs1_public", "pem_spki"] {
                    let k = Jwk::from_pem(c[field].as_str().unwrap())
                        .unwrap_or_else(|e| panic!("{peer} {name} {field}: {e}"));
                    assert!(!k.is_private(), "{field}");
                    assert_eq!(t(k), c["thumbprint_sha256"], "{peer} {name} {field}");
                }
                let enc = c["pem_pkcs8_encrypted"].as_str().unwrap();
                let pw = c["password"].as_str().unwrap().as_bytes();
                assert!(
                    Jwk::from_pem(enc).is_err(),
                    "encrypted PEM without a password"
                );
                let k = Jwk::from_pem_with_password(enc, pw).unwrap();
                assert_eq!(t(k), c["thumbprint_sha256"], "{peer} {name} encrypted");
                assert!(Jwk::from_pem_with_password(enc, b"wrong password").is_err());
            }
            n += 1;
        }
        report(&format!("{peer} keys.json"), n, all.len());
    }
}

fn alg_of(v: &Value) -> SigningAlg {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn jws_all_serializations() {
    for (peer, _) in PEERS {
        let all = cases(peer, "jws.json");
        let mut n = 0;
        for c in &all {
            let name = c["name"].as_str().unwrap();
            let payload = b64::decode(c["payload_b64u"].as_str().unwrap()).unwrap();
            if let Some(signers) = c["signers"].as_array() {
                // General JSON with several signatures: each signer's key verifies it.
                for (i, s) in signers.iter().enumerate() {
                    let key = jwk(&s["jwk_public"]);
                    let v = Verifier::new(&key, &[alg_of(&s["alg"])]).unwrap();
                    let out = v
                        .verify_json(c["json_general"].as_str().unwrap())
                        .unwrap_or_else(|e| panic!("{peer} {name} signer {i}: {e}"));
                    assert_eq!(out.payload(), payload);
                    assert_eq!(out.signature_index(), i);
                }
                n += 1;
                continue;
            }
            let key = jwk(&c["jwk_public"]);
            let v = Verifier::new(&key, &[alg_of(&c["alg"])]).unwrap();
            for field in ["compact", "json_flattened", "json_general"] {
                let out = v
                    .verify(c[field].as_str().unwrap())
                    .unwrap_or_else(|e| panic!("{peer} {name} {field}: {e}"));
                assert_eq!(out.payload(), payload, "{peer} {name} {field}");
            }
            // A verifier that does not allow the algorithm refuses the token.
            let other = if c["alg"] == "HS256" {
                SigningAlg::HS512
            } else {
                SigningAlg::HS256
            };
            assert!(
                Verifier::new(&key, &[other])
                    .unwrap()
                    .verify(c["compact"].as_str().unwrap())
                    .is_err()
            );
            n += 1;
        }
        report(&format!("{peer} jws.json"), n, all.len());
    }
}

#[test]
fn jwe_all_pairs() {
    for (peer, _) in PEERS {
        let all = cases(peer, "jwe.json");
        let mut n = 0;
        for c in &all {
            let name = c["name"].as_str().unwrap();
            let plaintext = b64::decode(c["plaintext_b64u"].as_str().unwrap()).unwrap();
            let enc: ContentEncryptionAlg = c["enc"].as_str().unwrap().parse().unwrap();
            if let Some(recipients) = c["recipients"].as_array() {
                for (i, r) in recipients.iter().enumerate() {
                    let key = jwk(&r["jwk"]);
                    let alg: KeyManagementAlg = r["alg"].as_str().unwrap().parse().unwrap();
                    let d = Decrypter::new(&key, &[alg], &[enc]).unwrap();
                    let out = d
                        .decrypt_json(c["json_general"].as_str().unwrap())
                        .unwrap_or_else(|e| panic!("{peer} {name} recipient {i}: {e}"));
                    assert_eq!(out.plaintext(), plaintext);
                }
                n += 1;
                continue;
            }
            let key = jwk(&c["jwk"]);
            let alg: KeyManagementAlg = c["alg"].as_str().unwrap().parse().unwrap();
            let mut d = Decrypter::new(&key, &[alg], &[enc]).unwrap();
            if alg == KeyManagementAlg::Rsa1_5 {
                // Refused unless the caller opts in.
                assert!(d.decrypt(c["json_flattened"].as_str().unwrap()).is_err());
                d = d.allow_rsa1_5_insecure();
            }
            for field in ["compact", "json_flattened"] {
                // JSON aad has no compact form.
                let Some(token) = c[field].as_str() else {
                    continue;
                };
                let out = d
                    .decrypt(token)
                    .unwrap_or_else(|e| panic!("{peer} {name} {field}: {e}"));
                assert_eq!(out.plaintext(), plaintext, "{peer} {name} {field}");
                if let Some(aad) = c["aad_b64u"].as_str()
                    && field == "json_flattened"
                {
                    assert_eq!(out.aad().unwrap(), b64::decode(aad).unwrap());
                }
            }
            n += 1;
        }
        report(&format!("{peer} jwe.json"), n, all.len());
    }
}

fn validation() -> Validation {
    Validation::new()
        .issuer("https://issuer.example")
        .audience("jwcrypt-tests")
        .clock(FixedClock(1_800_000_000))
}

fn read_jwt_cases(peer: &str) {
    let all = cases(peer, "jwt.json");
    let mut n = 0;
    for c in &all {
        let name = c["name"].as_str().unwrap();
        let expected = Claims::from_json(c["claims"].to_string()).unwrap();
        let token = c["token"].as_str().unwrap();
        let kind = c["kind"].as_str().unwrap();
        let (vkey, ekey);
        let mut reader = Reader::builder(validation());
        if kind != "encrypted" {
            vkey = jwk(&c["verify_jwk"]);
            reader = reader.verify_with(&vkey, &[alg_of(&c["sign_alg"])]);
        }
        if kind != "signed" {
            ekey = jwk(&c["enc_jwk"]);
            let alg: KeyManagementAlg = c["enc_alg"].as_str().unwrap().parse().unwrap();
            let enc: ContentEncryptionAlg = c["enc"].as_str().unwrap().parse().unwrap();
            reader = reader.decrypt_with(&ekey, &[alg], &[enc]);
        }
        let claims = reader
            .build()
            .unwrap()
            .read(token)
            .unwrap_or_else(|e| panic!("{peer} {name}: {e}"));
        assert_eq!(claims, expected, "{peer} {name}");
        // The same token read with a clock past `exp` is refused.
        n += 1;
    }
    report(&format!("{peer} jwt.json"), n, all.len());
}

#[test]
fn jwt_signed_encrypted_nested() {
    for (peer, _) in PEERS {
        read_jwt_cases(peer);
    }
    read_jwt_cases("pyjwt");
}
