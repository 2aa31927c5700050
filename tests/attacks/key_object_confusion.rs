//! Issue 25, class 7: key-object confusion beyond HS/RS (PyJWT CVE-2026-48523,
//! CVE-2026-102268; python-jose CVE-2026-85394; PyJWT CVE-2026-102275). A public key in any
//! encoding an attacker can pick (PEM with CRLF line ends, indented, with trailing blanks,
//! on one line; DER; JWK JSON; raw points) never becomes an HMAC secret: an HS256 token
//! MACed with those bytes is refused by a verifier holding the key, and reading the bytes
//! as a key never yields an `oct` key. A private key whose private part does not match its
//! public part is refused for every key type, Ed448 and X448 included.
//!
//! The canonical encodings are also covered by
//! `jws::cve_2015_9235_cve_2016_10555_cve_2022_29217_cve_2024_33663_hs_rs_confusion` (RSA,
//! OpenSSH and PKCS#1 too) and
//! `ec_signatures::cve_2015_9235_cve_2016_10555_cve_2022_29217_cve_2024_33663_ec_okp_keys_as_hmac_secrets`;
//! the EC and OKP mismatches as JWK, PKCS#8 and SEC1 by
//! `key_validation::row37_private_key_not_matching_public_refused`.

use crate::helpers::{forge_hs256, kind};
use crate::support;
use jwcrypt::jwk::KeyType;
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::{ErrorKind, Jwk, JwkSet, SigningAlg as S};
use serde_json::{Value, json};

/// One private key of every type jwcrypt reads.
fn every_key() -> Vec<(&'static str, Jwk)> {
    let mut keys = vec![("RSA", support::rsa_a().clone())];
    for crv in ["P-256", "P-384", "P-521", "secp256k1"] {
        keys.push((crv, Jwk::generate_ec(crv).unwrap()));
    }
    for crv in ["Ed25519", "Ed448", "X25519", "X448"] {
        keys.push((crv, Jwk::generate_okp(crv).unwrap()));
    }
    keys
}

fn field(v: &Value, name: &str) -> Vec<u8> {
    support::b64::decode(v[name].as_str().unwrap()).unwrap()
}

/// The spellings of [`pem_variants`] that `Jwk::from_pem` reads (RFC 7468's lax parsing:
/// CRLF, blank lines before, no final newline); it refuses the others.
const STRICT_PEM_ACCEPTS: [&str; 4] = [
    "PEM",
    "PEM without final newline",
    "PEM CRLF",
    "PEM leading blank lines",
];

/// The PEM spellings an attacker may pick, all of one SPKI.
fn pem_variants(pem: &str) -> Vec<(&'static str, String)> {
    let lines: Vec<&str> = pem.lines().collect();
    vec![
        ("PEM", pem.to_owned()),
        ("PEM without final newline", pem.trim_end().to_owned()),
        ("PEM CRLF", lines.join("\r\n") + "\r\n"),
        (
            "PEM indented",
            lines.iter().map(|l| format!("    {l}\n")).collect(),
        ),
        (
            "PEM trailing blanks",
            lines
                .iter()
                .map(|l| format!("{l}  \t\n"))
                .collect::<String>()
                + "\n \n",
        ),
        ("PEM one line", lines.concat()),
        ("PEM one line spaced", lines.join(" ")),
        ("PEM leading blank lines", format!("\n\n{pem}")),
    ]
}

#[test]
fn pyjwt_cve_2026_48523_public_keys_in_every_encoding_never_hmac_secrets() {
    let mut forged = 0;
    for (name, key) in every_key() {
        let public = key.to_public().unwrap();
        let exported: Value = serde_json::from_str(&public.export_public().unwrap()).unwrap();
        let pem = public.to_spki_pem().unwrap();
        let der = public.to_spki_der().unwrap();
        let mut secrets: Vec<(&str, Vec<u8>)> = pem_variants(&pem)
            .into_iter()
            .map(|(what, p)| (what, p.into_bytes()))
            .collect();
        secrets.push(("SPKI DER", der.clone()));
        secrets.push(("JWK JSON", public.export_public().unwrap().into_bytes()));
        secrets.push(("JWK JSON pretty", {
            serde_json::to_string_pretty(&exported)
                .unwrap()
                .into_bytes()
        }));
        match public.key_type() {
            KeyType::Ec => {
                let (x, y) = (field(&exported, "x"), field(&exported, "y"));
                secrets.push(("SEC1 point", [&[4u8][..], &x, &y].concat()));
                secrets.push(("x || y", [x.clone(), y].concat()));
                secrets.push(("x", x));
            }
            KeyType::Okp => secrets.push(("raw x", field(&exported, "x"))),
            _ => secrets.push(("modulus", field(&exported, "n"))),
        }
        let set: JwkSet = [public.clone()].into_iter().collect();
        for (what, secret) in &secrets {
            let token = forge_hs256(secret);
            for k in [&key, &public] {
                for algs in [&[S::HS256][..], S::ALL] {
                    let v = Verifier::new(k, algs).unwrap();
                    assert_eq!(
                        kind(v.verify(&token)),
                        ErrorKind::KeyMismatch,
                        "{name} {what}"
                    );
                }
            }
            assert_eq!(
                kind(Verifier::new(&set, S::ALL).unwrap().verify(&token)),
                ErrorKind::KeyNotFound,
                "{name} {what}"
            );
            forged += 1;
        }
        // Read back as keys, the bytes give the same public key or nothing: never `oct`.
        let expected = public.thumbprint(jwcrypt::jwa::HashAlg::Sha256).unwrap();
        for (what, text) in pem_variants(&pem) {
            match Jwk::from_pem(&text) {
                Ok(k) => {
                    assert!(STRICT_PEM_ACCEPTS.contains(&what), "{name} {what}");
                    assert_eq!(k.key_type(), public.key_type(), "{name} {what}");
                    assert!(k.oct_secret().is_none() && !k.is_private(), "{name} {what}");
                    assert_eq!(
                        k.thumbprint(jwcrypt::jwa::HashAlg::Sha256).unwrap(),
                        expected,
                        "{name} {what}"
                    );
                    let token = forge_hs256(text.as_bytes());
                    assert_eq!(
                        kind(Verifier::new(&k, S::ALL).unwrap().verify(&token)),
                        ErrorKind::KeyMismatch
                    );
                }
                // Indented, blank-padded or one-line PEM is not RFC 7468 PEM: refused as an
                // encoding error, not guessed at.
                Err(e) => {
                    assert!(!STRICT_PEM_ACCEPTS.contains(&what), "{name} {what}: {e}");
                    assert_eq!(e.kind(), ErrorKind::KeyEncoding, "{name} {what}");
                }
            }
            // A PEM is not a JWK.
            assert_eq!(
                kind(Jwk::from_json(&text)),
                ErrorKind::Json,
                "{name} {what}"
            );
        }
        let from_der = Jwk::from_der(&der).unwrap();
        assert_eq!(
            from_der.thumbprint(jwcrypt::jwa::HashAlg::Sha256).unwrap(),
            expected
        );
        // Raw points are no DER key.
        for (what, raw) in secrets
            .iter()
            .filter(|(w, _)| matches!(*w, "SEC1 point" | "x || y" | "x" | "raw x" | "modulus"))
        {
            assert_eq!(
                kind(Jwk::from_der(raw)),
                ErrorKind::KeyEncoding,
                "{name} {what}"
            );
        }
        // And no key of this type signs HS256.
        assert_eq!(
            kind(jws::sign_compact(b"x", &JwsHeader::new(S::HS256), &key)),
            ErrorKind::KeyMismatch,
            "{name}"
        );
    }
    // 9 key types x (8 PEM spellings + DER + 2 JWK JSON + raw forms: 3 for EC, 1 otherwise).
    assert_eq!(forged, 9 * 11 + 4 * 3 + 5);
}

#[test]
fn pyjwt_cve_2026_102275_private_public_mismatch_refused_for_every_key_type() {
    let mut refused = 0;
    for (name, a) in every_key() {
        let b = if name == "RSA" {
            support::rsa_b().clone()
        } else if a.key_type() == KeyType::Ec {
            Jwk::generate_ec(name).unwrap()
        } else {
            Jwk::generate_okp(name).unwrap()
        };
        let va: Value = serde_json::from_str(&a.export_private().unwrap()).unwrap();
        let vb: Value = serde_json::from_str(&b.export_private().unwrap()).unwrap();
        // Every private member of b in place of a's, one at a time and all at once.
        let private: Vec<&str> = ["d", "p", "q", "dp", "dq", "qi"]
            .into_iter()
            .filter(|m| va.get(*m).is_some())
            .collect();
        let mut variants: Vec<Value> = private
            .iter()
            .map(|m| {
                let mut v = va.clone();
                v[*m] = vb[*m].clone();
                v
            })
            .collect();
        let mut all = va.clone();
        for m in &private {
            all[*m] = vb[*m].clone();
        }
        variants.push(all);
        for v in variants {
            assert_eq!(
                kind(Jwk::from_json(v.to_string())),
                ErrorKind::InvalidKey,
                "{name}: {}",
                v.as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(",")
            );
            // A set keeps it out.
            let set = JwkSet::from_json(json!({"keys": [v]}).to_string()).unwrap();
            assert!(set.is_empty(), "{name}");
            assert_eq!(set.rejected()[0].kind(), ErrorKind::InvalidKey);
            refused += 1;
        }
        // The PKCS#8 of a with b's private key bytes spliced in (Ed448 and X448 included):
        // refused where the encoding carries the public key; where it does not, the key
        // read is b's own, never a hybrid.
        let der_a = a.to_pkcs8_der().unwrap().to_vec();
        let d_a = field(&va, "d");
        let d_b = field(&vb, "d");
        if let Some(at) = der_a.windows(d_a.len()).position(|w| w == d_a) {
            let mut spliced = der_a.clone();
            spliced[at..at + d_a.len()].copy_from_slice(&d_b);
            match Jwk::from_der(&spliced) {
                Ok(k) => {
                    assert_eq!(a.key_type(), KeyType::Okp, "{name}");
                    let kb: Value = serde_json::from_str(&k.export_public().unwrap()).unwrap();
                    let pb: Value = serde_json::from_str(&b.export_public().unwrap()).unwrap();
                    assert_eq!(kb, pb, "{name}: a hybrid key from spliced PKCS#8");
                }
                // EC (SEC1 carries the public point): the mismatch is found (InvalidKey).
                // RSA (fixture keys A and B, so the outcome is fixed): the PKCS#1 structure
                // with B's `d` among A's numbers is refused while it is decoded.
                Err(e) => {
                    assert_ne!(a.key_type(), KeyType::Okp, "{name}");
                    let expected = if a.key_type() == KeyType::Rsa {
                        ErrorKind::KeyEncoding
                    } else {
                        ErrorKind::InvalidKey
                    };
                    assert_eq!(e.kind(), expected, "{name}");
                }
            }
        }
    }
    // RSA: 6 members + all; EC and OKP: d + all, for 8 curves.
    assert_eq!(refused, 7 + 8 * 2);
}
