//! Tokens and keys made by other JOSE libraries (jwcrypto 1.6.1, PyJWT 2.15.1,
//! panva/jose 6.2.18), read by jwcrypt. The fixtures are made by the scripts under
//! `tests/interop/` (see its README); the other direction (peers reading what jwcrypt makes)
//! runs in `tests/interop/run.sh`.
//!
//! EC and OKP: keys of every curve (P-256, P-384, P-521, secp256k1, Ed25519, Ed448, X25519,
//! X448 where the peer makes them) as JWK, PKCS#8 (plain and encrypted), SPKI and SEC1 PEM;
//! ES256, ES384, ES512, ES256K, EdDSA (Ed25519, Ed448), Ed25519 and Ed448 tokens in every
//! serialization and as JWTs; ES256 / EdDSA JWTs nested in ECDH-ES JWEs; ECDH-ES and PBES2
//! JWEs of every curve and algorithm.

use crate::support::{self, b64};
use jwcrypt::jwa::HashAlg;
use jwcrypt::jwe::{Decrypter, Password};
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
            if c["kty"] == "EC" || c["kty"] == "OKP" {
                check_curve_key(peer, name, c, &private);
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

/// The key material of a JWK as JSON members (`kty`, `crv`, `x`, `y`, and `d` if private),
/// without its parameters: what two imports of one key must agree on.
fn material(k: &Jwk) -> Value {
    let v = support::members(k);
    let mut m = serde_json::Map::new();
    for name in ["kty", "crv", "x", "y", "d"] {
        if let Some(x) = v.get(name) {
            m.insert(name.into(), x.clone());
        }
    }
    Value::Object(m)
}

/// The same members as written by the peer.
fn material_of(v: &Value, private: bool) -> Value {
    let mut m = serde_json::Map::new();
    for name in ["kty", "crv", "x", "y", "d"] {
        if let Some(x) = v.get(name)
            && (private || name != "d")
        {
            m.insert(name.into(), x.clone());
        }
    }
    Value::Object(m)
}

/// An EC or OKP key case: curve and size, the public JWK, and every PEM form (PKCS#8, encrypted
/// PKCS#8, SPKI, SEC1 for EC) read to the same key, with the peer's thumbprint.
fn check_curve_key(peer: &str, name: &str, c: &Value, private: &Jwk) {
    let tag = format!("{peer} {name}");
    assert!(private.is_private(), "{tag}");
    assert_eq!(
        private.size_bits() as u64,
        c["bits"].as_u64().unwrap(),
        "{tag}"
    );
    assert_eq!(support::members(private)["crv"], c["crv"], "{tag}");
    let want_private = material_of(&c["jwk_private"], true);
    let want_public = material_of(&c["jwk_private"], false);
    assert_eq!(material(private), want_private, "{tag}");
    let tp = c["thumbprint_sha256"].as_str().unwrap();

    let public = jwk(&c["jwk_public"]);
    assert!(!public.is_private(), "{tag} jwk_public");
    assert_eq!(material(&public), want_public, "{tag} jwk_public");
    assert_eq!(public.thumbprint(HashAlg::Sha256).unwrap(), tp, "{tag}");
    assert_eq!(
        material(&private.to_public().unwrap()),
        want_public,
        "{tag}"
    );
    let exported: Value = serde_json::from_str(&private.export_public().unwrap()).unwrap();
    assert!(exported.get("d").is_none(), "{tag}");
    assert_eq!(
        material_of(&exported, false),
        want_public,
        "{tag} export_public"
    );

    let pem = |field: &str, want_private: bool| {
        let text = c[field]
            .as_str()
            .unwrap_or_else(|| panic!("{tag}: no {field}"));
        let k = Jwk::from_pem(text).unwrap_or_else(|e| panic!("{tag} {field}: {e}"));
        assert_eq!(k.is_private(), want_private, "{tag} {field}");
        k
    };
    for field in ["pem_pkcs8", "pem_sec1"] {
        if field == "pem_sec1" && c["kty"] != "EC" {
            assert!(c[field].is_null(), "{tag}: SEC1 is for EC keys");
            continue;
        }
        let k = pem(field, true);
        assert_eq!(material(&k), want_private, "{tag} {field}");
        assert_eq!(k.thumbprint(HashAlg::Sha256).unwrap(), tp, "{tag} {field}");
    }
    let k = pem("pem_spki", false);
    assert_eq!(material(&k), want_public, "{tag} pem_spki");
    assert_eq!(k.thumbprint(HashAlg::Sha256).unwrap(), tp, "{tag} pem_spki");

    let enc = c["pem_pkcs8_encrypted"].as_str().unwrap();
    let pw = c["password"].as_str().unwrap().as_bytes();
    assert!(
        Jwk::from_pem(enc).is_err(),
        "{tag}: encrypted PEM without a password"
    );
    let k = Jwk::from_pem_with_password(enc, pw).unwrap_or_else(|e| panic!("{tag} encrypted: {e}"));
    assert_eq!(material(&k), want_private, "{tag} pem_pkcs8_encrypted");
    assert!(Jwk::from_pem_with_password(enc, b"wrong password").is_err());
}

/// An algorithm of the same family that the token's key or header does not fit: a verifier
/// allowing only it must refuse the token.
fn other_alg(alg: &str, crv: Option<&str>) -> SigningAlg {
    use SigningAlg as S;
    match (alg, crv) {
        ("HS256", _) => S::HS512,
        ("ES256", _) | ("ES512", _) => S::ES384,
        ("ES384", _) | ("ES256K", _) => S::ES256,
        ("EdDSA", Some("Ed448")) | ("Ed448", _) => S::Ed25519,
        ("EdDSA", _) | ("Ed25519", _) => S::Ed448,
        _ => S::HS256,
    }
}

/// Copies of a token (compact or JSON) with one bit of the signature flipped, and with another
/// payload under the same signature.
fn tampered(token: &str) -> Vec<String> {
    let flip = |sig: &str| {
        let mut raw = b64::decode(sig).unwrap();
        let last = raw.len() - 1;
        raw[last / 2] ^= 0x01;
        b64::encode(&raw)
    };
    let other = b64::encode(b"{\"msg\":\"tampered\"}");
    if token.starts_with('{') {
        let v: Value = serde_json::from_str(token).unwrap();
        let mut a = v.clone();
        let mut b = v;
        if a.get("signatures").is_some() {
            for s in a["signatures"].as_array_mut().unwrap() {
                s["signature"] = flip(s["signature"].as_str().unwrap()).into();
            }
        } else {
            a["signature"] = flip(a["signature"].as_str().unwrap()).into();
        }
        b["payload"] = other.into();
        vec![a.to_string(), b.to_string()]
    } else {
        let parts: Vec<&str> = token.split('.').collect();
        vec![
            format!("{}.{}.{}", parts[0], parts[1], flip(parts[2])),
            format!("{}.{}.{}", parts[0], other, parts[2]),
        ]
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
                    for bad in tampered(c["json_general"].as_str().unwrap()) {
                        assert!(v.verify_json(&bad).is_err(), "{peer} {name} tampered");
                    }
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
            let other = other_alg(c["alg"].as_str().unwrap(), c["crv"].as_str());
            assert!(
                Verifier::new(&key, &[other])
                    .unwrap()
                    .verify(c["compact"].as_str().unwrap())
                    .is_err(),
                "{peer} {name} verified with {other}"
            );
            if c.get("crv").is_some() {
                // EC and OKP: the private JWK verifies too, and a changed token fails.
                let private = jwk(&c["jwk"]);
                assert!(private.is_private());
                let vp = Verifier::new(&private, &[alg_of(&c["alg"])]).unwrap();
                for field in ["compact", "json_flattened", "json_general"] {
                    let token = c[field].as_str().unwrap();
                    assert_eq!(vp.verify(token).unwrap().payload(), payload, "{name}");
                    for bad in tampered(token) {
                        assert!(v.verify(&bad).is_err(), "{peer} {name} {field} tampered");
                    }
                }
            }
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
        let reader = reader.build().unwrap();
        let claims = reader
            .read(token)
            .unwrap_or_else(|e| panic!("{peer} {name}: {e}"));
        assert_eq!(claims, expected, "{peer} {name}");
        if c["sign_alg"].as_str().is_some_and(|a| a.starts_with("E")) {
            // ES* and EdDSA: a changed token is refused (the signature of a signed one, the
            // ciphertext of a nested one).
            let parts: Vec<&str> = token.split('.').collect();
            let at = parts.len() - 2 + usize::from(kind == "signed");
            let mut raw = b64::decode(parts[at]).unwrap();
            raw[0] ^= 0x80;
            let mut bad: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            bad[at] = b64::encode(&raw);
            assert!(
                reader.read(&bad.join(".")).is_err(),
                "{peer} {name} tampered"
            );
        }
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

/// ECDH-ES and PBES2 tokens made by jwcrypto and panva/jose, decrypted by jwcrypt: every curve
/// (P-256, P-384, P-521, X25519, and X448 for jwcrypto: jose has none) x every ECDH-ES
/// algorithm x A128CBC-HS256 and A256GCM, with and without `apu`/`apv`, compact and flattened
/// JSON; the three PBES2 algorithms. The fixtures and the other direction (jwcrypt encrypts
/// with the CLI, the peer decrypts) come from `tests/interop/ecdh_pbes2_jwcrypto.py` and
/// `tests/interop/ecdh_pbes2_jose.mjs`.
#[test]
fn jwcrypto_ecdh_es_and_pbes2_tokens_decrypt() {
    peer_tokens_decrypt("jwcrypto", 80);
}

#[test]
fn jose_ecdh_es_and_pbes2_tokens_decrypt() {
    peer_tokens_decrypt("jose", 64);
}

fn peer_tokens_decrypt(peer: &str, ecdh_cases: usize) {
    let path = format!(
        "{}/tests/data/interop/{peer}/jwe_ecdh_pbes2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let plaintext = b64::decode(doc["plaintext_b64u"].as_str().unwrap().as_bytes()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let (mut ecdh, mut pbes2) = (0, 0);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let alg: KeyManagementAlg = c["alg"].as_str().unwrap().parse().unwrap();
        let d = if alg.is_pbes2() {
            pbes2 += 1;
            let password = Password::new(c["password"].as_str().unwrap().as_bytes().to_vec());
            Decrypter::with_password(&password.unwrap(), &[alg], ContentEncryptionAlg::ALL).unwrap()
        } else {
            ecdh += 1;
            let key = Jwk::from_value(&c["jwk"]).unwrap();
            Decrypter::new(&key, &[alg], ContentEncryptionAlg::ALL).unwrap()
        };
        let out = d
            .decrypt(c["compact"].as_str().unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out.plaintext(), plaintext, "{name}");
        assert_eq!(out.header().enc().name(), c["enc"], "{name}");
        let out = d
            .decrypt(&c["json"].to_string())
            .unwrap_or_else(|e| panic!("{name} json: {e}"));
        assert_eq!(out.plaintext(), plaintext, "{name} json");
    }
    println!(
        "interop {peer} ECDH-ES/PBES2: {} cases ({ecdh} ECDH-ES, {pbes2} PBES2), compact and JSON, all decrypted",
        cases.len()
    );
    assert_eq!((ecdh, pbes2), (ecdh_cases, 6));
}
