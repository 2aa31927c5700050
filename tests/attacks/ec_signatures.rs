//! The ECDSA and EdDSA rows of ATTACKS.md: 22 (EC and OKP public keys as HMAC secrets), 30
//! (psychic signatures, CVE-2022-21449), 35 (zero-padded, truncated and DER ECDSA
//! signatures), 36 (small-order Ed25519 keys and the R = identity, S = 0 forgery), and the
//! key / curve / algorithm mismatches.

use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, SigningAlg as S};
use serde_json::{Value, json};

use crate::helpers::forge_hs256;
use crate::support::{self, hex};

fn b64(data: impl AsRef<[u8]>) -> String {
    support::b64::encode(data.as_ref())
}

fn kind<T: std::fmt::Debug>(r: jwcrypt::Result<T>) -> ErrorKind {
    r.unwrap_err().kind()
}

/// The token `header.payload` with `sig` as its signature.
fn with_signature(token: &str, sig: &[u8]) -> String {
    let (input, _) = token.rsplit_once('.').unwrap();
    format!("{input}.{}", b64(sig))
}

fn signature_of(token: &str) -> Vec<u8> {
    support::b64::decode(token.rsplit('.').next().unwrap()).unwrap()
}

/// The ECDSA algorithms with their curve and group order n (big-endian, coordinate length).
fn ecdsa_cases() -> Vec<(S, &'static str, Vec<u8>)> {
    vec![
        (
            S::ES256,
            "P-256",
            hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
        ),
        (
            S::ES384,
            "P-384",
            hex(concat!(
                "ffffffffffffffffffffffffffffffffffffffffffffffff",
                "c7634d81f4372ddf581a0db248b0a77aecec196accc52973"
            )),
        ),
        (
            S::ES512,
            "P-521",
            hex(concat!(
                "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
            )),
        ),
        (
            S::ES256K,
            "secp256k1",
            hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"),
        ),
    ]
}

/// DER `SEQUENCE { INTEGER r, INTEGER s }` of a raw `r || s`.
fn der(raw: &[u8]) -> Vec<u8> {
    fn int(v: &[u8]) -> Vec<u8> {
        let mut v: Vec<u8> = v.iter().copied().skip_while(|b| *b == 0).collect();
        if v.first().is_none_or(|b| b & 0x80 != 0) {
            v.insert(0, 0);
        }
        let mut out = vec![0x02, v.len() as u8];
        out.extend(v);
        out
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [int(r), int(s)].concat();
    let mut out = vec![0x30];
    if body.len() > 127 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend(body);
    out
}

/// ATTACKS row 22 with EC and OKP keys: HS256 MACed with the public key's SPKI PEM, SPKI
/// DER, JWK JSON (as the key file holds it, and as jwcrypt exports it) and raw point bytes
/// (uncompressed SEC1 and bare x || y for EC, `x` for OKP). Verifying with that public JWK
/// fails with a key mismatch, whether the allow-list is `[HS256]` or every algorithm, and the
/// public key as a one-key set finds no key.
#[test]
fn cve_2015_9235_cve_2016_10555_cve_2022_29217_cve_2024_33663_ec_okp_keys_as_hmac_secrets() {
    let files = [
        "wycheproof/ecdsa_secp256r1_sha256_p1363_test.json",
        "wycheproof/ecdsa_secp384r1_sha384_p1363_test.json",
        "wycheproof/ecdsa_secp521r1_sha512_p1363_test.json",
        "wycheproof/ed25519_test.json",
    ];
    let mut forged = 0;
    for file in files {
        let v = support::read_json(file);
        let g = &v["testGroups"][0];
        let jwk_value = &g["publicKeyJwk"];
        let key = Jwk::from_value(jwk_value).unwrap();
        assert!(!key.is_private());
        let pk = &g["publicKey"];
        let raw = match pk["uncompressed"].as_str() {
            Some(u) => hex(u),
            None => hex(pk["pk"].as_str().unwrap()),
        };
        let mut secrets: Vec<Vec<u8>> = vec![
            g["publicKeyPem"].as_str().unwrap().as_bytes().to_vec(),
            g["publicKeyPem"]
                .as_str()
                .unwrap()
                .trim_end()
                .as_bytes()
                .to_vec(),
            hex(g["publicKeyDer"].as_str().unwrap()),
            jwk_value.to_string().into_bytes(),
            key.export_public().unwrap().into_bytes(),
            raw.clone(),
        ];
        if raw.len() % 2 == 1 {
            secrets.push(raw[1..].to_vec()); // x || y without the 04 prefix
        }
        let set = jwcrypt::JwkSet::from_iter([key.clone()]);
        for secret in &secrets {
            let token = forge_hs256(secret);
            for algs in [&[S::HS256][..], S::ALL] {
                let v = Verifier::new(&key, algs).unwrap();
                assert_eq!(kind(v.verify(&token)), ErrorKind::KeyMismatch, "{file}");
                let v = Verifier::new(&set, algs).unwrap();
                assert_eq!(kind(v.verify(&token)), ErrorKind::KeyNotFound, "{file}");
            }
            forged += 1;
        }
    }
    assert_eq!(forged, 3 * 7 + 6);
    // Generated keys of every curve, private and public: never an HMAC key.
    for crv in ["P-256", "P-384", "P-521", "secp256k1"] {
        let key = Jwk::generate_ec(crv).unwrap();
        for k in [key.clone(), key.to_public().unwrap()] {
            let token = forge_hs256(k.export_public().unwrap().as_bytes());
            let v = Verifier::new(&k, S::ALL).unwrap();
            assert_eq!(kind(v.verify(&token)), ErrorKind::KeyMismatch, "{crv}");
            let e = jws::sign_compact(b"x", &JwsHeader::new(S::HS256), &k).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::KeyMismatch, "{crv}");
        }
    }
    for crv in ["Ed25519", "Ed448", "X25519", "X448"] {
        let key = Jwk::generate_okp(crv).unwrap();
        let public: Value = serde_json::from_str(&key.export_public().unwrap()).unwrap();
        let x = support::b64(public["x"].as_str().unwrap());
        for secret in [x, key.export_public().unwrap().into_bytes()] {
            let token = forge_hs256(&secret);
            let v = Verifier::new(&key, S::ALL).unwrap();
            assert_eq!(kind(v.verify(&token)), ErrorKind::KeyMismatch, "{crv}");
        }
    }
}

/// ATTACKS row 30 (CVE-2022-21449, "psychic signatures"): ES256/384/512 (and ES256K)
/// signatures of all zeros, r = 0, s = 0, r = n, s = n, DER and wrong lengths are refused
/// as invalid signatures, with the key's own algorithm allowed and with every algorithm.
#[test]
fn cve_2022_21449_psychic_signatures_refused() {
    for (alg, crv, n) in ecdsa_cases() {
        let len = n.len();
        let key = Jwk::generate_ec(crv).unwrap();
        let public = key.to_public().unwrap();
        let token = jws::sign_compact(br#"{"admin":true}"#, &JwsHeader::new(alg), &key).unwrap();
        let good = signature_of(&token);
        assert_eq!(good.len(), 2 * len);
        let (r, s) = good.split_at(len);
        let one = {
            let mut v = vec![0u8; len];
            v[len - 1] = 1;
            v
        };
        let zero = vec![0u8; len];
        let bad: Vec<(&str, Vec<u8>)> = vec![
            ("all zero", vec![0u8; 2 * len]),
            ("r = 0", [&zero[..], s].concat()),
            ("s = 0", [r, &zero[..]].concat()),
            ("r = n", [&n[..], s].concat()),
            ("s = n", [r, &n[..]].concat()),
            ("r = s = n", [&n[..], &n[..]].concat()),
            ("r = n, s = 1", [&n[..], &one[..]].concat()),
            ("DER of the valid signature", der(&good)),
            (
                "DER of zeros",
                vec![0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00],
            ),
            ("empty", vec![]),
            ("one byte", vec![0]),
            ("short by one", good[..2 * len - 1].to_vec()),
            ("long by one", [&good[..], &[0u8][..]].concat()),
            ("doubled", [&good[..], &good[..]].concat()),
        ];
        for k in [&key, &public] {
            for algs in [&[alg][..], S::ALL] {
                let v = Verifier::new(k, algs).unwrap();
                v.verify(&token).unwrap();
                for (what, sig) in &bad {
                    let t = with_signature(&token, sig);
                    assert_eq!(
                        kind(v.verify(&t)),
                        ErrorKind::InvalidSignature,
                        "{alg}: {what}"
                    );
                }
            }
        }
    }
}

/// ATTACKS row 35 (jwcrypto 1.6.1, 2026-12): an ECDSA signature split in half without a
/// length check lets `00‖r‖00‖s` verify as a second token for the same claims. Every
/// ES256/384/512 signature must be exactly 2 × the coordinate length: zero-padded (each
/// half, or at the end), truncated and DER forms are refused, in the compact and the JSON
/// serializations.
#[test]
fn jwcrypto_2026_ecdsa_zero_padded_truncated_der_signatures_refused() {
    for (alg, crv, n) in ecdsa_cases() {
        let len = n.len();
        let key = Jwk::generate_ec(crv).unwrap();
        let payload = br#"{"sub":"alice"}"#;
        let token = jws::sign_compact(payload, &JwsHeader::new(alg), &key).unwrap();
        let good = signature_of(&token);
        let (r, s) = good.split_at(len);
        let padded = [&[0u8][..], r, &[0u8][..], s].concat();
        let left = [&[0u8, 0][..], &good[..]].concat();
        let right = [&good[..], &[0u8, 0][..]].concat();
        let trunc_halves = [&r[1..], &s[1..]].concat();
        let v = Verifier::new(key.to_public().unwrap(), &[alg]).unwrap();
        for (what, sig) in [
            ("00||r||00||s", padded),
            ("00 00||r||s", left),
            ("r||s||00 00", right),
            ("r[1..]||s[1..]", trunc_halves),
            ("truncated", good[..len].to_vec()),
            ("DER", der(&good)),
        ] {
            let t = with_signature(&token, &sig);
            assert_eq!(
                kind(v.verify(&t)),
                ErrorKind::InvalidSignature,
                "{alg}: {what}"
            );
            // The same signature in the flattened JSON serialization.
            let (h, p, _) = {
                let mut it = t.split('.');
                (it.next().unwrap(), it.next().unwrap(), it.next().unwrap())
            };
            let json = json!({"protected": h, "payload": p, "signature": b64(&sig)}).to_string();
            assert_eq!(
                kind(v.verify(&json)),
                ErrorKind::InvalidSignature,
                "{alg}: {what}"
            );
        }
        assert_eq!(v.verify(&token).unwrap().payload(), payload);
    }
}

/// ATTACKS row 36 (jwcrypto 1.6.1, 2026-12): an Ed25519 public key of small order (the
/// identity among them) lets R = identity, S = 0 verify for every message. Each of the 8
/// small-order points is refused at JWK import (with the sign bit set too where that still
/// decodes), and the forged signature, and S + L, are refused with a genuine key.
#[test]
fn jwcrypto_2026_ed25519_small_order_keys_and_identity_forgery_refused() {
    let small = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        // The identity with its sign bit set.
        "0100000000000000000000000000000000000000000000000000000000000080",
    ];
    for x in small {
        let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64(hex(x))});
        let e = Jwk::from_value(&jwk).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidKey, "{x}");
        let set = jwcrypt::JwkSet::from_json(json!({"keys": [jwk]}).to_string()).unwrap();
        assert!(set.is_empty(), "{x}: a tolerant set drops it");
    }
    let identity = hex("0100000000000000000000000000000000000000000000000000000000000000");
    let forged = [&identity[..], &[0u8; 32][..]].concat();
    // L, little-endian, for S + L.
    let l = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    for alg in [S::EdDSA, S::Ed25519] {
        let key = Jwk::generate_for(alg).unwrap();
        let token = jws::sign_compact(b"{}", &JwsHeader::new(alg), &key).unwrap();
        let v = Verifier::new(key.to_public().unwrap(), &[alg]).unwrap();
        v.verify(&token).unwrap();
        let t = with_signature(&token, &forged);
        assert_eq!(kind(v.verify(&t)), ErrorKind::InvalidSignature, "{alg}");
        let good = signature_of(&token);
        let mut s_plus_l = good.clone();
        let mut carry = 0u16;
        for i in 0..32 {
            let sum = u16::from(s_plus_l[32 + i]) + u16::from(l[i]) + carry;
            s_plus_l[32 + i] = sum as u8;
            carry = sum >> 8;
        }
        let t = with_signature(&token, &s_plus_l);
        assert_eq!(
            kind(v.verify(&t)),
            ErrorKind::InvalidSignature,
            "{alg}: S + L"
        );
        for bad in [&good[..63], &[&good[..], &[0u8][..]].concat()[..]] {
            let t = with_signature(&token, bad);
            assert_eq!(kind(v.verify(&t)), ErrorKind::InvalidSignature, "{alg}");
        }
    }
}

/// A key is used only with its own family and curve: a P-256 key cannot do ES384, a
/// secp256k1 key cannot do ES256, an X25519 key cannot sign, an Ed448 key cannot do
/// `Ed25519` (nor an Ed25519 key `Ed448`), a public key cannot sign; a token made for one
/// curve is not verified by a key of another, even with every algorithm allowed.
#[test]
fn ec_okp_key_curve_algorithm_mismatches_refused() {
    let cases: [(&str, &str, &[S]); 8] = [
        ("EC", "P-256", &[S::ES256]),
        ("EC", "P-384", &[S::ES384]),
        ("EC", "P-521", &[S::ES512]),
        ("EC", "secp256k1", &[S::ES256K]),
        ("OKP", "Ed25519", &[S::EdDSA, S::Ed25519]),
        ("OKP", "Ed448", &[S::EdDSA, S::Ed448]),
        ("OKP", "X25519", &[]),
        ("OKP", "X448", &[]),
    ];
    let mut tokens = Vec::new();
    for (kty, crv, fits) in cases {
        let key = if kty == "EC" {
            Jwk::generate_ec(crv).unwrap()
        } else {
            Jwk::generate_okp(crv).unwrap()
        };
        let public = key.to_public().unwrap();
        for alg in S::ALL {
            let header = JwsHeader::new(*alg);
            let signed = jws::sign_compact(b"m", &header, &key);
            if fits.contains(alg) {
                let token = signed.unwrap();
                let sig = signature_of(&token);
                assert_eq!(alg.signature_len().unwrap_or(sig.len()), sig.len());
                Verifier::new(&public, &[*alg])
                    .unwrap()
                    .verify(&token)
                    .unwrap();
                // The public key cannot sign.
                let e = jws::sign_compact(b"m", &header, &public).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::KeyMismatch, "{crv} {alg}");
                tokens.push((crv, *alg, token));
            } else {
                assert_eq!(kind(signed), ErrorKind::KeyMismatch, "{crv} {alg}");
                let e = JsonSigner::new()
                    .add_signature(&header, None, &key)
                    .sign_flattened(b"m")
                    .unwrap_err();
                assert_eq!(e.kind(), ErrorKind::KeyMismatch, "{crv} {alg}");
            }
        }
    }
    // Every token against every other curve's key, every algorithm allowed.
    for (kty, crv, _) in cases {
        let key = if kty == "EC" {
            Jwk::generate_ec(crv).unwrap()
        } else {
            Jwk::generate_okp(crv).unwrap()
        };
        let v = Verifier::new(&key, S::ALL).unwrap();
        for (token_crv, alg, token) in &tokens {
            let e = v.verify(token).unwrap_err();
            // The key fits the token's algorithm (same curve, or EdDSA with either curve):
            // the signature is checked, and fails; otherwise the key is not even tried.
            let expected = if alg.curves().contains(&crv) {
                ErrorKind::InvalidSignature
            } else {
                ErrorKind::KeyMismatch
            };
            assert_eq!(e.kind(), expected, "{token_crv} {alg} token, {crv} key");
        }
    }
    // A key whose own alg is EdDSA is not used for the fully specified names, and back.
    let ed = Jwk::generate_okp("Ed25519").unwrap().with_alg(S::EdDSA);
    let e = jws::sign_compact(b"m", &JwsHeader::new(S::Ed25519), &ed).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    let ed448 = Jwk::generate_for(S::Ed448).unwrap();
    assert_eq!(
        ed448.size_bits(),
        Jwk::generate_okp("Ed448").unwrap().size_bits()
    );
    let e = jws::sign_compact(b"m", &JwsHeader::new(S::EdDSA), &ed448).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::KeyMismatch,
        "the key's alg Ed448 binds"
    );
}
