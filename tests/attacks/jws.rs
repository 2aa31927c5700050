//! The JWS attacks of ATTACKS.md (rows 16, 22–25, 27–28, 33–34), named after the advisories.

use crate::support::{hmac_key, rsa_private, rsa_public};
use base64ct::{Base64, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, JwkSet, Limits, SigningAlg};
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::{BoxedUint, PublicKey as RsaPublicKey};
use serde_json::{Value, json};
use sha2::Sha256;

fn b64(data: &[u8]) -> String {
    crate::support::b64::encode(data)
}

fn hmac_secret() -> Vec<u8> {
    hmac_key().oct_secret().unwrap().expose_secret().to_vec()
}

/// HMAC-SHA-256 over arbitrary bytes: forges tokens the library itself would refuse to make.
fn mac(secret: &[u8], input: &[u8]) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    m.update(input);
    m.finalize().into_bytes().to_vec()
}

/// A compact JWS with any protected header text, MACed with `secret`.
fn forge(header: &str, payload_part: &str, secret: &[u8]) -> String {
    let h = b64(header.as_bytes());
    let sig = mac(secret, format!("{h}.{payload_part}").as_bytes());
    format!("{h}.{payload_part}.{}", b64(&sig))
}

/// A flattened JSON JWS with any protected and unprotected header, MACed with `secret`.
fn forge_json(
    protected: Option<&str>,
    unprotected: Option<Value>,
    payload: &str,
    secret: &[u8],
) -> String {
    let h = protected.map(|p| b64(p.as_bytes())).unwrap_or_default();
    let sig = mac(secret, format!("{h}.{payload}").as_bytes());
    let mut o = serde_json::Map::new();
    o.insert("payload".into(), payload.into());
    if protected.is_some() {
        o.insert("protected".into(), h.into());
    }
    if let Some(u) = unprotected {
        o.insert("header".into(), u);
    }
    o.insert("signature".into(), b64(&sig).into());
    Value::Object(o).to_string()
}

fn hs256() -> Verifier {
    let key: &'static Jwk = Box::leak(Box::new(hmac_key()));
    Verifier::new(key, &[SigningAlg::HS256]).unwrap()
}

fn kind(r: jwcrypt::Result<jws::Verified>) -> ErrorKind {
    r.map(|_| ()).unwrap_err().kind()
}

// ----- ATTACKS #23: alg none (GHSA-qwph-4952-7xr6 / CVE-2022-23540) -----

/// ATTACKS row 23: `alg: none` in every spelling, with every kind of key.
#[test]
fn ghsa_qwph_4952_7xr6_cve_2022_23540_alg_none_refused() {
    let keys = [hmac_key(), rsa_public(), rsa_private()];
    for spelling in ["none", "None", "NONE", "nOnE", "none ", ""] {
        let header = b64(json!({ "alg": spelling }).to_string().as_bytes());
        let payload = b64(b"{\"admin\":true}");
        for token in [
            format!("{header}.{payload}."),
            format!("{header}.{payload}.{}", b64(b"sig")),
        ] {
            for key in &keys {
                let v = Verifier::new(key, SigningAlg::ALL).unwrap();
                assert_eq!(
                    kind(v.verify(&token)),
                    ErrorKind::UnsupportedAlgorithm,
                    "{spelling:?}"
                );
            }
        }
        let json = forge_json(
            Some(&json!({ "alg": spelling }).to_string()),
            None,
            &payload,
            b"",
        );
        assert_eq!(kind(hs256().verify(&json)), ErrorKind::UnsupportedAlgorithm);
        assert!(JwsHeader::from_json(json!({ "alg": spelling }).to_string()).is_err());
    }
    assert!("none".parse::<SigningAlg>().is_err());
}

// ----- ATTACKS #22: HS/RS confusion -----

fn public_key_encodings() -> Vec<(&'static str, Vec<u8>)> {
    let jwk: Value =
        serde_json::from_str(include_str!("../data/rfc7520/jwk/3_3.rsa_public_key.json")).unwrap();
    let n = crate::support::b64::decode(jwk["n"].as_str().unwrap()).unwrap();
    let e = crate::support::b64::decode(jwk["e"].as_str().unwrap()).unwrap();
    let key = RsaPublicKey::new(
        BoxedUint::from_be_slice_vartime(&n),
        BoxedUint::from_be_slice_vartime(&e),
    )
    .unwrap();
    let spki_pem = key.to_public_key_pem(LineEnding::LF).unwrap();
    let pkcs1_pem = key.to_pkcs1_pem(LineEnding::LF).unwrap();
    let spki_der = key.to_public_key_der().unwrap().as_bytes().to_vec();
    let pkcs1_der = key.to_pkcs1_der().unwrap().as_bytes().to_vec();
    // OpenSSH: "ssh-rsa " + base64(string "ssh-rsa", mpint e, mpint n).
    let mut wire = Vec::new();
    for field in [
        b"ssh-rsa".to_vec(),
        e.clone(),
        [vec![0u8], n.clone()].concat(),
    ] {
        wire.extend_from_slice(&(field.len() as u32).to_be_bytes());
        wire.extend_from_slice(&field);
    }
    let ssh = format!("ssh-rsa {}", Base64::encode_string(&wire));
    vec![
        ("SPKI PEM", spki_pem.into_bytes()),
        ("PKCS#1 PEM", pkcs1_pem.as_bytes().to_vec()),
        ("SPKI DER", spki_der),
        ("PKCS#1 DER", pkcs1_der),
        ("OpenSSH", ssh.into_bytes()),
        (
            "JWK JSON",
            rsa_public().export_public().unwrap().into_bytes(),
        ),
        (
            "JWK JSON as published",
            include_bytes!("../data/rfc7520/jwk/3_3.rsa_public_key.json").to_vec(),
        ),
        ("modulus", n),
    ]
}

/// ATTACKS row 22: HS/RS confusion with every public-key encoding as the HMAC secret.
#[test]
fn cve_2015_9235_cve_2016_10555_cve_2022_29217_cve_2024_33663_hs_rs_confusion() {
    let public = rsa_public();
    let set: JwkSet = [public.clone()].into_iter().collect();
    for (what, secret) in public_key_encodings() {
        // The attacker signs HS256 with the public key's bytes as the HMAC secret.
        let attacker_key = Jwk::from_oct_bytes(&secret).unwrap();
        let token = jws::sign_compact(
            b"{\"admin\":true}",
            &JwsHeader::new(SigningAlg::HS256),
            &attacker_key,
        )
        .unwrap();
        // Even a careless verifier that allows both families never accepts it.
        let one = Verifier::new(&public, &[SigningAlg::HS256, SigningAlg::RS256]).unwrap();
        assert_eq!(kind(one.verify(&token)), ErrorKind::KeyMismatch, "{what}");
        let many = Verifier::new(&set, SigningAlg::ALL).unwrap();
        assert_eq!(kind(many.verify(&token)), ErrorKind::KeyNotFound, "{what}");
        // With the key's own alg (RS256), HS256 is simply not allowed.
        let own = Verifier::new(&public, &[SigningAlg::RS256]).unwrap();
        assert_eq!(
            kind(own.verify(&token)),
            ErrorKind::AlgorithmNotAllowed,
            "{what}"
        );
    }
    // And an RSA key can never be used to make an HMAC.
    assert_eq!(
        jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::HS256), &rsa_private())
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
}

// ----- ATTACKS #24: alg in the unprotected header (GHSA-jc38-x7x8-2xc8) -----

/// ATTACKS row 24 (JWS): `alg` only, or also, in the unprotected header.
#[test]
fn ghsa_jc38_x7x8_2xc8_alg_in_unprotected_header() {
    let secret = hmac_secret();
    let p = b64(b"payload");
    let v = hs256();
    // alg only in the unprotected header (with or without a protected header).
    let only = forge_json(
        Some(r#"{"kid":"k"}"#),
        Some(json!({"alg":"HS256"})),
        &p,
        &secret,
    );
    assert_eq!(kind(v.verify(&only)), ErrorKind::InvalidHeader);
    let none = forge_json(None, Some(json!({"alg":"HS256"})), &p, &secret);
    assert_eq!(kind(v.verify(&none)), ErrorKind::InvalidHeader);
    // Protected HS256 plus unprotected RS256.
    let both = forge_json(
        Some(r#"{"alg":"HS256"}"#),
        Some(json!({"alg":"RS256"})),
        &p,
        &secret,
    );
    assert_eq!(kind(v.verify(&both)), ErrorKind::InvalidHeader);
    // The signer refuses to put alg in the unprotected header.
    let mut u = serde_json::Map::new();
    u.insert("alg".into(), "HS256".into());
    let key = hmac_key();
    let e = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::HS256), Some(u), &key)
        .sign_flattened(b"x")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidHeader);
    // Sanity: the same shape with alg protected verifies.
    let good = forge_json(
        Some(r#"{"alg":"HS256"}"#),
        Some(json!({"kid":"k"})),
        &p,
        &secret,
    );
    assert_eq!(v.verify(&good).unwrap().payload(), b"payload");
}

// ----- ATTACKS #25: embedded jwk trusted (CVE-2026-34240) -----

/// ATTACKS row 25: the `jwk`, `jku` and `x5u` header members are never trusted.
#[test]
fn cve_2026_34240_embedded_jwk_not_trusted() {
    // The attacker's own RSA key (RFC 7515 A.2's), embedded in the header it signs.
    let all: Value = serde_json::from_str(include_str!("../data/rfc-appendix.json")).unwrap();
    let a2 = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "rfc7515-A.2")
        .unwrap();
    let attacker = Jwk::from_value(&a2["inputs"]["jwk"]).unwrap();
    let embedded: Value = serde_json::from_str(&attacker.export_public().unwrap()).unwrap();
    let header_text = json!({"alg":"RS256","jwk":embedded, "jku":"https://attacker.example/jwks", "x5u":"https://attacker.example/cert"}).to_string();
    let header = JwsHeader::from_json(&header_text).unwrap();
    let token = jws::sign_compact(b"{\"admin\":true}", &header, &attacker).unwrap();
    // The attacker's key verifies it (so the token is well made)...
    assert!(Verifier::for_key_algs(attacker.clone().with_alg(SigningAlg::RS256)).is_ok());
    // ...but the real key set does not, whatever the header carries.
    let real = rsa_public();
    let v = Verifier::new(&real, &[SigningAlg::RS256]).unwrap();
    assert_eq!(kind(v.verify(&token)), ErrorKind::InvalidSignature);
    let set: JwkSet = [real.clone()].into_iter().collect();
    let v = Verifier::new(&set, &[SigningAlg::RS256]).unwrap();
    assert_eq!(kind(v.verify(&token)), ErrorKind::InvalidSignature);
    // Same with an embedded oct key.
    let secret = [9u8; 32];
    let forged = forge(
        &json!({"alg":"HS256","jwk":{"kty":"oct","k":b64(&secret)}}).to_string(),
        &b64(b"x"),
        &secret,
    );
    assert_eq!(kind(hs256().verify(&forged)), ErrorKind::InvalidSignature);
    // The embedded key is still visible, as unverified data, after a real verification.
    let legit = jws::sign_compact(b"x", &header, &rsa_private()).unwrap();
    let ok = Verifier::new(&real, &[SigningAlg::RS256])
        .unwrap()
        .verify(&legit)
        .unwrap();
    assert_eq!(ok.header().jwk(), Some(&embedded));
}

// ----- RFC 7515 §4.1.11: crit -----

#[test]
fn crit_rules_rfc7515_4_1_11() {
    let secret = hmac_secret();
    let p = b64(b"x");
    let v = hs256();
    let cases = [
        (
            r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
            ErrorKind::UnsupportedCritical,
        ),
        (
            r#"{"alg":"HS256","crit":["alg"]}"#,
            ErrorKind::UnsupportedCritical,
        ),
        (
            r#"{"alg":"HS256","crit":["kid"],"kid":"a"}"#,
            ErrorKind::UnsupportedCritical,
        ),
        (r#"{"alg":"HS256","crit":[]}"#, ErrorKind::InvalidHeader),
        (
            r#"{"alg":"HS256","crit":"b64","b64":true}"#,
            ErrorKind::InvalidHeader,
        ),
        (r#"{"alg":"HS256","crit":[1]}"#, ErrorKind::InvalidHeader),
        (
            r#"{"alg":"HS256","crit":["b64"]}"#,
            ErrorKind::InvalidHeader,
        ),
        (
            r#"{"alg":"HS256","crit":["b64","b64"],"b64":true}"#,
            ErrorKind::InvalidHeader,
        ),
    ];
    for (header, expected) in cases {
        assert_eq!(
            kind(v.verify(&forge(header, &p, &secret))),
            expected,
            "{header}"
        );
    }
    // crit in the unprotected header.
    let t = forge_json(
        Some(r#"{"alg":"HS256","b64":true}"#),
        Some(json!({"crit":["b64"]})),
        &p,
        &secret,
    );
    assert_eq!(kind(v.verify(&t)), ErrorKind::InvalidHeader);
    // crit: ["b64"] with b64 true is understood and fine.
    let ok = forge(r#"{"alg":"HS256","b64":true,"crit":["b64"]}"#, &p, &secret);
    assert_eq!(v.verify(&ok).unwrap().payload(), b"x");
    // The signer applies the same rules to a header read from JSON.
    let key = hmac_key();
    let h = JwsHeader::from_json(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#).unwrap();
    assert_eq!(
        jws::sign_compact(b"x", &h, &key).unwrap_err().kind(),
        ErrorKind::UnsupportedCritical
    );
}

// ----- ATTACKS #33: b64 rules (go-jose #210) -----

/// ATTACKS row 33: `b64` outside `crit`, unprotected, or mixed across signatures.
#[test]
fn go_jose_210_b64_rules() {
    let secret = hmac_secret();
    let v = hs256();
    // b64: false without crit.
    let t = forge(r#"{"alg":"HS256","b64":false}"#, "raw", &secret);
    assert_eq!(kind(v.verify(&t)), ErrorKind::InvalidHeader);
    // b64 only in the unprotected header.
    let t = forge_json(
        Some(r#"{"alg":"HS256"}"#),
        Some(json!({"b64":false})),
        "raw",
        &secret,
    );
    assert_eq!(kind(v.verify(&t)), ErrorKind::InvalidHeader);
    let t = forge_json(
        Some(r#"{"alg":"HS256","crit":["b64"]}"#),
        Some(json!({"b64":false})),
        "raw",
        &secret,
    );
    assert!(v.verify(&t).is_err());
    // b64 not a boolean.
    let t = forge(
        r#"{"alg":"HS256","b64":"false","crit":["b64"]}"#,
        "raw",
        &secret,
    );
    assert_eq!(kind(v.verify(&t)), ErrorKind::InvalidHeader);
    // Mixed b64 across the signatures of one JWS.
    let h1 = b64(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    let h2 = b64(br#"{"alg":"HS256"}"#);
    let s1 = b64(&mac(&secret, format!("{h1}.raw").as_bytes()));
    let s2 = b64(&mac(&secret, format!("{h2}.raw").as_bytes()));
    let mixed = json!({"payload":"raw","signatures":[
        {"protected":h1,"signature":s1},{"protected":h2,"signature":s2}]})
    .to_string();
    assert_eq!(kind(v.verify(&mixed)), ErrorKind::InvalidHeader);
    // The proper form verifies; its payload is taken as is.
    let t = forge(
        r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
        "raw",
        &secret,
    );
    assert_eq!(v.verify(&t).unwrap().payload(), b"raw");
    // A '.' in an unencoded compact payload makes a fourth part: malformed.
    let h = b64(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    let sig = b64(&mac(&secret, format!("{h}.a.b").as_bytes()));
    assert_eq!(
        kind(v.verify(&format!("{h}.a.b.{sig}"))),
        ErrorKind::MalformedToken
    );
    // The signer refuses mixed b64.
    let key = hmac_key();
    let e = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::HS256), None, &key)
        .add_signature(
            &JwsHeader::new(SigningAlg::HS256).unencoded_payload(),
            None,
            &key,
        )
        .sign_general(b"x")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
}

// ----- RFC 7515 §5.2 / strict JSON: duplicate members -----

#[test]
fn duplicate_members_rejected() {
    let secret = hmac_secret();
    let v = hs256();
    let p = b64(b"x");
    for header in [
        r#"{"alg":"HS256","alg":"none"}"#,
        r#"{"alg":"HS256","\u0061lg":"HS256"}"#,
        r#"{"alg":"HS256","kid":"a","kid":"b"}"#,
        r#"{"alg":"HS256","x":{"y":1,"y":2}}"#,
    ] {
        assert_eq!(
            kind(v.verify(&forge(header, &p, &secret))),
            ErrorKind::InvalidHeader,
            "{header}"
        );
    }
    // A member in both the protected and the unprotected header.
    let t = forge_json(
        Some(r#"{"alg":"HS256","kid":"a"}"#),
        Some(json!({"kid":"a"})),
        &p,
        &secret,
    );
    assert_eq!(kind(v.verify(&t)), ErrorKind::InvalidHeader);
    // Duplicate members in the JSON serialization itself.
    let good = forge_json(Some(r#"{"alg":"HS256"}"#), None, &p, &secret);
    let dup = good.replacen("{\"payload\":", "{\"payload\":\"eA\",\"payload\":", 1);
    assert_eq!(kind(v.verify(&dup)), ErrorKind::MalformedToken);
}

// ----- ATTACKS #16: CVE-2025-27144 (dots) -----

/// ATTACKS row 16 (JWS): 10 MB of dots.
#[test]
fn cve_2025_27144_jws_ten_megabytes_of_dots() {
    let dots = ".".repeat(10 << 20);
    let v = hs256();
    assert_eq!(kind(v.verify(&dots)), ErrorKind::LimitExceeded);
    assert_eq!(kind(v.verify_compact(&dots)), ErrorKind::LimitExceeded);
    // With the size limit raised, the split still fails fast and without per-dot work.
    let mut big = Limits::default();
    big.max_token_len = 16 << 20;
    let v = hs256().with_limits(big);
    let start = std::time::Instant::now();
    assert_eq!(kind(v.verify_compact(&dots)), ErrorKind::MalformedToken);
    let mixed = "a.".repeat(5 << 20);
    assert_eq!(kind(v.verify_compact(&mixed)), ErrorKind::MalformedToken);
    // Not a timing assertion: a loose bound that only a pathological split would break.
    assert!(start.elapsed().as_secs() < 30);
    assert!(jwcrypt::dangerous::inspect(&dots).is_err());
}

// ----- ATTACKS #28: CVE-2025-53864 (deep nesting) -----

/// ATTACKS row 28 (JWS): headers nested 100k levels deep.
#[test]
fn cve_2025_53864_jws_deeply_nested_header() {
    let secret = hmac_secret();
    let deep = format!(
        "{{\"alg\":\"HS256\",\"x\":{}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut big = Limits::default();
    big.max_header_len = 1 << 20;
    let v = hs256().with_limits(big);
    assert_eq!(
        kind(v.verify(&forge(&deep, "eA", &secret))),
        ErrorKind::LimitExceeded
    );
    let objects = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_eq!(
        kind(v.verify(&forge(&objects, "eA", &secret))),
        ErrorKind::LimitExceeded
    );
    // The same depth in the JSON serialization's unprotected header.
    let json_deep = format!(
        "{{\"payload\":\"eA\",\"protected\":\"{}\",\"header\":{}1{},\"signature\":\"\"}}",
        b64(br#"{"alg":"HS256"}"#),
        "{\"a\":".repeat(100_000),
        "}".repeat(100_000)
    );
    assert_eq!(kind(v.verify(&json_deep)), ErrorKind::LimitExceeded);
    assert!(JwsHeader::from_json(&deep).is_err());
}

// ----- Limits: signatures -----

#[test]
fn too_many_signatures() {
    let secret = hmac_secret();
    let h = b64(br#"{"alg":"HS256"}"#);
    let sig = b64(&mac(&secret, format!("{h}.eA").as_bytes()));
    let make = |n: usize| {
        let entries: Vec<Value> = (0..n)
            .map(|_| json!({"protected": h, "signature": sig}))
            .collect();
        json!({"payload":"eA","signatures":entries}).to_string()
    };
    let v = hs256();
    assert_eq!(kind(v.verify(&make(17))), ErrorKind::LimitExceeded);
    assert_eq!(kind(v.verify(&make(100_000))), ErrorKind::LimitExceeded);
    assert_eq!(v.verify(&make(16)).unwrap().payload(), b"x");
    let mut more = Limits::default();
    more.max_signatures = 32;
    assert!(hs256().with_limits(more).verify(&make(17)).is_ok());
    assert_eq!(kind(v.verify(&make(0))), ErrorKind::MalformedToken);
}

// ----- ATTACKS #27, #29: CVE-2024-21664, CVE-2019-17195 (malformed JSON serialization) -----

/// ATTACKS row 27: JSON serializations with missing or wrong-typed members.
#[test]
fn cve_2024_21664_jws_json_missing_or_wrong_typed_members() {
    let v = hs256();
    let h = b64(br#"{"alg":"HS256"}"#);
    let cases = [
        json!({}),
        json!({"payload":"eA"}),
        json!({"payload":"eA","protected":h}),
        json!({"payload":"eA","signature":1}),
        json!({"payload":"eA","signature":null}),
        json!({"payload":1,"protected":h,"signature":""}),
        json!({"payload":"eA","protected":1,"signature":""}),
        json!({"payload":"eA","protected":h,"header":"x","signature":""}),
        json!({"payload":"eA","protected":h,"header":[],"signature":""}),
        json!({"payload":"eA","signatures":{}}),
        json!({"payload":"eA","signatures":[1]}),
        json!({"payload":"eA","signatures":[{}]}),
        json!({"payload":"eA","signatures":[{"protected":h}]}),
        json!({"payload":"eA","signatures":[{"protected":null,"signature":""}]}),
        json!({"payload":"eA","signatures":[{"protected":h,"signature":""}],"signature":""}),
        json!({"payload":"eA","signatures":[{"protected":h,"signature":""}],"protected":h}),
        json!({"payload":"***","protected":h,"signature":""}),
        json!({"payload":"eA","protected":"***","signature":""}),
        json!({"payload":"eA","protected":h,"signature":"***"}),
        json!({"payload":"eA","protected":"","signature":""}),
    ];
    for case in cases {
        let text = case.to_string();
        assert!(v.verify(&text).is_err(), "{text}");
        assert!(v.verify_json(&text).is_err(), "{text}");
    }
    for text in ["{", "[]", "{\"payload\":\"eA\"", "null", "{}}", " { } "] {
        assert!(v.verify(text).is_err(), "{text}");
    }
}

#[test]
fn malformed_compact() {
    let v = hs256();
    for t in [
        "",
        ".",
        "..",
        "...",
        "a.b",
        "a.b.c.d",
        "a.b.c.d.e",
        "eyJhbGciOiJIUzI1NiJ9.eA.",
        "\u{0}.\u{0}.\u{0}",
    ] {
        assert!(v.verify(t).is_err(), "{t:?}");
    }
    // A JWE (five parts) is not a JWS (ATTACKS #1).
    let jwe =
        "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
    assert_eq!(kind(v.verify(jwe)), ErrorKind::MalformedToken);
}

// ----- ATTACKS #34: go-jose v4: no verification without an allow-list -----

/// ATTACKS row 34 (JWS): no verifier without an algorithm allow-list.
#[test]
fn go_jose_v4_jws_allow_list_is_mandatory() {
    let key = hmac_key();
    assert_eq!(
        Verifier::new(&key, &[]).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let no_alg = Jwk::from_oct_bytes(&[1u8; 32]).unwrap();
    assert_eq!(
        Verifier::for_key_algs(&no_alg).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let enc = Jwk::from_oct_bytes(&[1u8; 32])
        .unwrap()
        .with_alg(jwcrypt::KeyManagementAlg::A256KW);
    assert!(Verifier::for_key_algs(&enc).is_err());
}

// ----- RFC 7518 §3.2: HMAC key length -----

#[test]
fn short_hmac_keys_refused() {
    for (alg, len) in [
        (SigningAlg::HS256, 32),
        (SigningAlg::HS384, 48),
        (SigningAlg::HS512, 64),
    ] {
        let short = Jwk::from_oct_bytes(&vec![1u8; len - 1]).unwrap();
        assert_eq!(
            jws::sign_compact(b"x", &JwsHeader::new(alg), &short)
                .unwrap_err()
                .kind(),
            ErrorKind::KeyMismatch
        );
        let exact = Jwk::from_oct_bytes(&vec![1u8; len]).unwrap();
        let token = jws::sign_compact(b"x", &JwsHeader::new(alg), &exact).unwrap();
        // Verifying with a short key (a prefix would never be right anyway) is refused too.
        assert_eq!(
            kind(Verifier::new(&short, &[alg]).unwrap().verify(&token)),
            ErrorKind::KeyMismatch
        );
    }
}
