//! Hostile and malformed keys: every one is an error (never a panic or a hang), errors name
//! what is wrong, and neither errors nor `Debug` show secret material.

use crate::support::b64;
use crate::support::*;
use jwcrypt::{ErrorKind, Jwk, Limits};
use serde_json::{Map, Value, json};

fn rfc_key() -> Map<String, Value> {
    serde_json::from_str(RFC7520_RSA).unwrap()
}

fn rfc_secrets() -> Vec<String> {
    secrets_of(RFC7520_RSA)
}

fn bytes_of(obj: &Map<String, Value>, m: &str) -> Vec<u8> {
    b64::decode(obj[m].as_str().unwrap()).unwrap()
}

fn set(mut obj: Map<String, Value>, m: &str, bytes: &[u8]) -> Map<String, Value> {
    obj.insert(m.into(), b64::encode(bytes).into());
    obj
}

fn without(mut obj: Map<String, Value>, members: &[&str]) -> Map<String, Value> {
    for m in members {
        obj.remove(*m);
    }
    obj
}

/// Imports `obj` through JSON text, expecting an error of `kind`; checks the error text.
fn rejects(obj: &Map<String, Value>, kind: ErrorKind, what: &str) -> jwcrypt::Error {
    let text = Value::Object(obj.clone()).to_string();
    let e = match Jwk::from_json(&text) {
        Ok(k) => panic!("{what}: accepted as {k:?}"),
        Err(e) => e,
    };
    assert_eq!(e.kind(), kind, "{what}: {e}");
    assert_no_secret(&format!("{e} {e:?}"), &rfc_secrets());
    e
}

#[test]
fn rsa_inconsistent_private_values() {
    let key = rfc_key();
    let n = bytes_of(&key, "n");
    let d = bytes_of(&key, "d");
    let p = bytes_of(&key, "p");
    let q = bytes_of(&key, "q");
    let flip = |mut v: Vec<u8>| {
        *v.last_mut().unwrap() ^= 0x02;
        v
    };
    let mut bigger_than_n = vec![1];
    bigger_than_n.extend_from_slice(&n);
    let cases: Vec<(&str, Map<String, Value>)> = vec![
        ("d changed", set(key.clone(), "d", &flip(d.clone()))),
        ("p changed", set(key.clone(), "p", &flip(p.clone()))),
        ("q changed", set(key.clone(), "q", &flip(q.clone()))),
        (
            "dp changed",
            set(key.clone(), "dp", &flip(bytes_of(&key, "dp"))),
        ),
        (
            "dq changed",
            set(key.clone(), "dq", &flip(bytes_of(&key, "dq"))),
        ),
        (
            "qi changed",
            set(key.clone(), "qi", &flip(bytes_of(&key, "qi"))),
        ),
        ("d = 0", set(key.clone(), "d", &[0])),
        ("d = 1", set(key.clone(), "d", &[1])),
        ("d empty", set(key.clone(), "d", &[])),
        ("d = n", set(key.clone(), "d", &n)),
        ("d > n", set(key.clone(), "d", &bigger_than_n)),
        ("d huge", set(key.clone(), "d", &vec![0xff; 5000])),
        ("p = 1", set(key.clone(), "p", &[1])),
        ("p = 0", set(key.clone(), "p", &[0])),
        ("p = n", set(key.clone(), "p", &n)),
        ("q = 1", set(key.clone(), "q", &[1])),
        ("p = n, q = 1", set(set(key.clone(), "p", &n), "q", &[1])),
        ("p = q", set(key.clone(), "q", &p)),
        (
            "p even",
            set(
                key.clone(),
                "p",
                &flip(flip(p.clone()))
                    .iter()
                    .map(|b| b & 0xfe)
                    .collect::<Vec<_>>(),
            ),
        ),
        ("p huge", set(key.clone(), "p", &vec![0xff; 3000])),
        ("primes swapped", {
            let k = set(set(key.clone(), "p", &q), "q", &p);
            let (dp, dq) = (bytes_of(&key, "dp"), bytes_of(&key, "dq"));
            set(set(k, "dp", &dq), "dq", &dp)
        }),
        ("n changed", set(key.clone(), "n", &flip(n.clone()))),
        ("e changed", set(key.clone(), "e", &[1, 0, 3])),
        // Only n, e, d: the primes are recovered, or the key is refused.
        (
            "n, e, d with d changed",
            without(
                set(key.clone(), "d", &flip(d.clone())),
                &["p", "q", "dp", "dq", "qi"],
            ),
        ),
        (
            "n, e, d with d = 0",
            without(set(key.clone(), "d", &[0]), &["p", "q", "dp", "dq", "qi"]),
        ),
        (
            "n, e, d with d = 1",
            without(set(key.clone(), "d", &[1]), &["p", "q", "dp", "dq", "qi"]),
        ),
        (
            "n, e, d with d = n - 1",
            without(
                set(key.clone(), "d", &{
                    let mut v = n.clone();
                    *v.last_mut().unwrap() -= 1;
                    v
                }),
                &["p", "q", "dp", "dq", "qi"],
            ),
        ),
        (
            "n, e, d with d = 2^2040",
            without(
                set(key.clone(), "d", &{
                    let mut v = vec![0u8; 256];
                    v[1] = 1;
                    v
                }),
                &["p", "q", "dp", "dq", "qi"],
            ),
        ),
    ];
    for (what, obj) in &cases {
        rejects(obj, ErrorKind::InvalidKey, what);
    }
}

#[test]
fn rsa_partial_private_members() {
    let key = rfc_key();
    for missing in [
        &["p"][..],
        &["q"],
        &["dp"],
        &["dq"],
        &["qi"],
        &["p", "q"],
        &["dp", "dq", "qi"],
    ] {
        rejects(
            &without(key.clone(), missing),
            ErrorKind::InvalidKey,
            &format!("{missing:?}"),
        );
    }
    // CRT members without d.
    rejects(&without(key.clone(), &["d"]), ErrorKind::InvalidKey, "no d");
    rejects(&without(key.clone(), &["n"]), ErrorKind::InvalidKey, "no n");
    rejects(&without(key, &["e"]), ErrorKind::InvalidKey, "no e");
}

#[test]
fn rsa_multi_prime_is_refused() {
    let mut key = rfc_key();
    key.insert(
        "oth".into(),
        json!([{"r": "AQAB", "d": "AQAB", "t": "AQAB"}]),
    );
    let e = rejects(&key, ErrorKind::InvalidKey, "oth");
    assert!(e.message().contains("oth"), "{e}");
}

#[test]
fn rsa_modulus_and_exponent_bounds() {
    let public = without(rfc_key(), &["d", "p", "q", "dp", "dq", "qi"]);
    let odd = |len: usize| {
        let mut v = vec![0xa5u8; len];
        v[0] = 0xc1;
        *v.last_mut().unwrap() |= 1;
        v
    };
    let e = rejects(
        &set(public.clone(), "n", &odd(128)),
        ErrorKind::InvalidKey,
        "1024-bit",
    );
    assert!(e.message().contains("1024"), "{e}");
    rejects(
        &set(public.clone(), "n", &odd(255)),
        ErrorKind::InvalidKey,
        "2040-bit",
    );
    rejects(
        &set(public.clone(), "n", &odd(2049)),
        ErrorKind::InvalidKey,
        "16392-bit",
    );
    let e = rejects(
        &set(public.clone(), "n", &odd(4096)),
        ErrorKind::InvalidKey,
        "32768-bit",
    );
    assert!(e.message().contains("too long"), "{e}");
    // A 16384-bit modulus is the largest accepted (no check that it is a product of primes).
    assert_eq!(
        Jwk::from_json(Value::Object(set(public.clone(), "n", &odd(2048))).to_string())
            .unwrap()
            .size_bits(),
        16384
    );
    let mut even = bytes_of(&public, "n");
    *even.last_mut().unwrap() &= 0xfe;
    let e = rejects(
        &set(public.clone(), "n", &even),
        ErrorKind::InvalidKey,
        "even n",
    );
    assert!(e.message().contains("even"), "{e}");
    rejects(
        &set(public.clone(), "n", &[]),
        ErrorKind::InvalidKey,
        "empty n",
    );
    rejects(
        &set(public.clone(), "n", &[0; 300]),
        ErrorKind::InvalidKey,
        "zero n",
    );
    for (what, e_bytes) in [
        ("e = 0", vec![0]),
        ("e = 1", vec![1]),
        ("e empty", vec![]),
        ("e = 65536", vec![1, 0, 0]),
        ("e = 2", vec![2]),
        ("e = 2^32 + 1", vec![1, 0, 0, 0, 1]),
        ("e huge", vec![0xff; 300]),
        ("e = n", bytes_of(&public, "n")),
    ] {
        let e = rejects(
            &set(public.clone(), "e", &e_bytes),
            ErrorKind::InvalidKey,
            what,
        );
        assert!(
            e.message().contains("exponent") || e.message().contains("long"),
            "{what}: {e}"
        );
    }
    // e = 3 and e = 2^32 - 1 are fine for a public key.
    for e_bytes in [vec![3], vec![0xff, 0xff, 0xff, 0xff]] {
        Jwk::from_json(Value::Object(set(public.clone(), "e", &e_bytes)).to_string()).unwrap();
    }
}

#[test]
fn leading_zeros_accepted_and_not_exported() {
    let key = rfc_key();
    let mut padded = key.clone();
    for m in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
        let mut v = vec![0, 0];
        v.extend(bytes_of(&key, m));
        padded = set(padded, m, &v);
    }
    let jwk = Jwk::from_json(Value::Object(padded).to_string()).unwrap();
    let exported: Value = serde_json::from_str(&jwk.export_private().unwrap()).unwrap();
    assert_eq!(exported, Value::Object(key));
}

#[test]
fn wrong_types_and_missing_members() {
    for (text, kind) in [
        (r#"[]"#, ErrorKind::Json),
        (r#""oct""#, ErrorKind::Json),
        (r#"{}"#, ErrorKind::InvalidKey),
        (r#"{"kty": 1, "k": "AAAA"}"#, ErrorKind::Json),
        (r#"{"kty": null, "k": "AAAA"}"#, ErrorKind::Json),
        (r#"{"kty": "oct"}"#, ErrorKind::InvalidKey),
        (r#"{"kty": "oct", "k": ""}"#, ErrorKind::InvalidKey),
        (r#"{"kty": "oct", "k": 5}"#, ErrorKind::Json),
        (r#"{"kty": "oct", "k": ["AAAA"]}"#, ErrorKind::Json),
        (r#"{"kty": "oct", "k": "AAAA", "kid": 1}"#, ErrorKind::Json),
        (
            r#"{"kty": "oct", "k": "AAAA", "use": true}"#,
            ErrorKind::Json,
        ),
        (r#"{"kty": "oct", "k": "AAAA", "alg": {}}"#, ErrorKind::Json),
        (
            r#"{"kty": "oct", "k": "AAAA", "key_ops": "sign"}"#,
            ErrorKind::Json,
        ),
        (
            r#"{"kty": "oct", "k": "AAAA", "key_ops": [1]}"#,
            ErrorKind::Json,
        ),
        (
            r#"{"kty": "oct", "k": "AAAA", "x5c": "MIIB"}"#,
            ErrorKind::Json,
        ),
        (
            r#"{"kty": "oct", "k": "AAAA", "key_ops": ["sign", "sign"]}"#,
            ErrorKind::InvalidKey,
        ),
        (
            r#"{"kty": "oct", "k": "AAAA", "use": "enc", "key_ops": ["sign"]}"#,
            ErrorKind::InvalidKey,
        ),
        (
            r#"{"kty": "oct", "k": "AAAA", "d": "AAAA"}"#,
            ErrorKind::InvalidKey,
        ),
        (
            r#"{"kty": "oct", "k": "AAAA", "k": "AAAA"}"#,
            ErrorKind::Json,
        ),
        (
            r#"{"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}"#,
            ErrorKind::InvalidKey,
        ),
        (r#"{"kty": "oct ", "k": "AAAA"}"#, ErrorKind::InvalidKey),
        (r#"{"kty": "RSA", "n": 1, "e": "AQAB"}"#, ErrorKind::Json),
        (r#"{"kty": "RSA", "n": "AQAB", "e": null}"#, ErrorKind::Json),
        (r#"{"kty": "RSA", "e": "AQAB"}"#, ErrorKind::InvalidKey),
        (
            r#"{"kty": "RSA", "n": "AQAB", "e": "AQAB", "k": "AAAA"}"#,
            ErrorKind::InvalidKey,
        ),
        (r#"{"kty": "oct", "k": "AAAA"} x"#, ErrorKind::Json),
        (r#"{"kty": "oct", "k": "AAAA""#, ErrorKind::Json),
        ("", ErrorKind::Json),
        ("\u{feff}{}", ErrorKind::Json),
    ] {
        let e = Jwk::from_json(text).unwrap_err();
        assert_eq!(e.kind(), kind, "{text}: {e}");
    }
}

#[test]
fn bad_base64url() {
    for k in [
        "AAAA=", "AAA=", "AA==", "AA+A", "AA/A", "AA A", "AA\nA", "A", "AB", "AAB", "é",
    ] {
        let text = json!({"kty": "oct", "k": k}).to_string();
        let e = Jwk::from_json(&text).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidKey, "{k:?}: {e}");
        assert!(e.message().contains("base64url"), "{e}");
    }
    let key = rfc_key();
    for m in ["n", "e", "d", "p", "qi"] {
        let mut obj = key.clone();
        let v = format!("{}=", obj[m].as_str().unwrap());
        obj.insert(m.into(), v.into());
        let e = rejects(&obj, ErrorKind::InvalidKey, m);
        assert!(e.message().contains(m), "{e}");
    }
}

#[test]
fn many_key_ops_take_linear_time() {
    // jwcrypto PR #398: an O(n²) duplicate check made this a CPU DoS.
    let ops: Vec<String> = (0..100_000).map(|i| format!("o{i}")).collect();
    let text = json!({"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "key_ops": ops}).to_string();
    assert!(text.len() < 1 << 20);
    // 100,003 values: over the default `max_json_values`, refused before parsing.
    assert_eq!(
        Jwk::from_json(&text).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    let mut limits = Limits::default();
    limits.max_json_values = 200_000;
    let key = Jwk::from_json_with_limits(&text, &limits).unwrap();
    assert_eq!(key.params().key_ops.as_ref().unwrap().len(), 100_000);
    // One duplicate at the end is found.
    let mut ops = ops;
    ops.push("o0".into());
    let text = json!({"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "key_ops": ops}).to_string();
    assert_eq!(
        Jwk::from_json_with_limits(&text, &limits)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn huge_inputs() {
    let big = format!(r#"{{"kty":"oct","k":"{}"}}"#, "A".repeat(2 << 20));
    assert_eq!(
        Jwk::from_json(&big).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    let deep = format!(
        r#"{{"kty":"oct","k":"AAAA","x":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        Jwk::from_json(&deep).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );

    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        "QUFB\n".repeat(20_000)
    );
    let e = Jwk::from_pem(&pem).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyEncoding);
    assert!(e.message().contains("limit"), "{e}");
    let e = Jwk::from_der(&vec![0x30; 100_000]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyEncoding);
    assert!(e.message().contains("limit"), "{e}");
}

#[test]
fn garbage_pem() {
    for text in [
        "",
        "hello",
        "-----BEGIN PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nQUFBQUFBQUFBQUFBQUFBQUFB\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n",
        "-----BEGIN RSA PUBLIC KEY-----\nMAYCAQECAQE=\n-----END RSA PUBLIC KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n",
        "-----BEGIN  PRIVATE KEY-----\nMAA=\n-----END  PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n-----BEGIN",
        "-----BEGIN PRIVATE KEY-----\nMA\u{0}A=\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----",
    ] {
        for result in [
            Jwk::from_pem(text),
            Jwk::from_pem_with_password(text, b"pw"),
        ] {
            let e = result.unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::KeyEncoding | ErrorKind::InvalidKey),
                "{text:?}: {e}"
            );
        }
    }
    // A tiny PKCS#1 public key that parses is refused by the RSA checks.
    let e = Jwk::from_pem(
        "-----BEGIN RSA PUBLIC KEY-----\nMAYCAQECAQE=\n-----END RSA PUBLIC KEY-----\n",
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey, "{e}");
}

#[test]
fn truncated_der_is_refused() {
    for name in ["openssl-pkcs8.der", "openssl-spki.der"] {
        let der = key_bytes(name);
        Jwk::from_der(&der).unwrap();
        for len in 0..der.len() {
            let e = Jwk::from_der(&der[..len]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::KeyEncoding, "{name}[..{len}]: {e}");
        }
        // Trailing bytes are refused too.
        let mut longer = der.clone();
        longer.push(0);
        assert!(Jwk::from_der(&longer).is_err());
    }
}

#[test]
fn flipped_der_bits_are_refused() {
    let secrets = secrets_of(
        &Jwk::from_pem(&key_text("openssl-pkcs8.pem"))
            .unwrap()
            .export_private()
            .unwrap(),
    );
    for name in ["openssl-pkcs8.der", "openssl-spki.der"] {
        let der = key_bytes(name);
        for i in 0..der.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = der.clone();
                bad[i] ^= bit;
                match Jwk::from_der(&bad) {
                    // A flip inside the modulus of a public key leaves a well-formed
                    // public key; for a private key nothing may pass.
                    Ok(k) => assert!(
                        name == "openssl-spki.der" && !k.is_private(),
                        "{name}: flip at {i} accepted"
                    ),
                    Err(e) => assert_no_secret(&format!("{e} {e:?}"), &secrets),
                }
            }
        }
    }
}

#[test]
fn debug_and_display_hold_no_secrets() {
    for text in [
        RFC7520_RSA.to_owned(),
        key_text("rsa2048-a.json"),
        key_text("oct256.json"),
    ] {
        let key = Jwk::from_json(&text).unwrap();
        let secrets = secrets_of(&text);
        assert!(!secrets.is_empty());
        assert_no_secret(&format!("{key:?} {key:#?}"), &secrets);
        assert_no_secret(&format!("{:?}", key.params()), &secrets);
        assert_no_secret(
            &key.thumbprint(jwcrypt::jwa::HashAlg::Sha256).unwrap(),
            &secrets,
        );
        if let Some(s) = key.oct_secret() {
            assert_no_secret(&format!("{s:?}"), &secrets);
        }
        if key.key_type() != jwcrypt::jwk::KeyType::Oct {
            assert_no_secret(&key.export_public().unwrap(), &secrets);
            assert_no_secret(&format!("{:?}", key.to_public().unwrap()), &secrets);
        }
    }
    // Errors about a secret member never quote it.
    let mut obj = rfc_key();
    let d = obj["d"].as_str().unwrap().to_owned();
    obj.insert("d".into(), format!("{d}!").into());
    rejects(&obj, ErrorKind::InvalidKey, "bad d");
    let text = json!({"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQ!"}).to_string();
    let e = Jwk::from_json(&text).unwrap_err();
    assert_no_secret(
        &format!("{e} {e:?}"),
        &["c2VjcmV0LXNlY3JldC1zZWNyZXQ".to_owned()],
    );
}

/// The builders keep `use` and `key_ops` as consistent as import does (RFC 7517 §4.3): a
/// contradiction or a duplicate operation is refused.
#[test]
fn builders_check_use_and_key_ops() {
    use jwcrypt::jwk::{KeyOp, KeyUse};
    let key = Jwk::generate_oct(256)
        .unwrap()
        .with_use(KeyUse::Signature)
        .unwrap();
    let e = key.clone().with_key_ops([KeyOp::Encrypt]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    let key = key.with_key_ops([KeyOp::Sign, KeyOp::Verify]).unwrap();
    let e = key.clone().with_use(KeyUse::Encryption).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    let e = key
        .clone()
        .with_key_ops([KeyOp::Sign, KeyOp::Sign])
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(
        Jwk::generate_oct(256)
            .unwrap()
            .with_use(KeyUse::Encryption)
            .unwrap()
            .with_key_ops([KeyOp::Sign])
            .is_err()
    );
    // kid and alg have nothing to check.
    let key = key
        .with_kid("k")
        .with_alg(jwcrypt::SigningAlg::HS256)
        .with_key_ops([KeyOp::Verify])
        .unwrap();
    assert_eq!(
        (key.kid(), key.alg().map(|a| a.name())),
        (Some("k"), Some("HS256"))
    );
    assert_eq!(key.params().key_use, Some(KeyUse::Signature));
    assert_eq!(key.params().key_ops, Some(vec![KeyOp::Verify]));
    // What the builders made round-trips through import's own checks.
    let back = Jwk::from_json(key.export_private().unwrap().as_bytes()).unwrap();
    assert_eq!(back, key);
}
