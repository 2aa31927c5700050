//! Key validation at import, through JWK JSON and through PEM/DER wherever the format can
//! carry the bad value:
//!
//! * row 36 — the 8 small-order Ed25519 points and the small-order X25519 u-coordinates;
//! * row 37 — EC and OKP private keys whose `d` does not give the public point;
//! * row 38 — non-canonical EC coordinates (x + p, an extra leading zero octet, short
//!   coordinates, x = p), off-curve points and the identity, on every curve;
//! * CVE-2017-15361 (ROCA) — RSA moduli with the RSALib fingerprint refused (Wycheproof
//!   `json_web_key_test.json` tcId 7's key), ordinary moduli accepted;
//! * weak RSA keys (a huge, even or unit public exponent, a tiny modulus), refused at import.

use crate::support::*;
use jwcrypt::{ErrorKind, Jwk};
use pkcs8::der::asn1::BitStringRef;
use pkcs8::der::{Decode, Encode};
use serde_json::{Value, json};

const EC: [&str; 4] = ["P-256", "P-384", "P-521", "secp256k1"];
const OKP: [&str; 4] = ["Ed25519", "Ed448", "X25519", "X448"];

fn pem_file(name: &str) -> String {
    std::fs::read_to_string(data_path("pem").join(name)).unwrap()
}

fn assert_invalid(r: jwcrypt::Result<Jwk>, what: &str) -> String {
    match r {
        Ok(k) => panic!("{what}: accepted as {k:?}"),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidKey, "{what}: {e}");
            e.message().to_owned()
        }
    }
}

/// The SPKI DER of `like` (a key on the wanted curve) with its public key bytes replaced.
fn spki_with_key(like: &Jwk, key: &[u8]) -> Vec<u8> {
    let der = like.to_spki_der().unwrap();
    let mut info = spki::SubjectPublicKeyInfoRef::from_der(&der).unwrap();
    info.subject_public_key = BitStringRef::from_bytes(key).unwrap();
    info.to_der().unwrap()
}

fn b64u(bytes: &[u8]) -> String {
    b64::encode(bytes)
}

/// Row 36: every small-order Ed25519 point, as a JWK and as SPKI.
#[test]
fn row36_ed25519_small_order_points_refused() {
    let like = Jwk::generate_okp("Ed25519").unwrap();
    let small = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ];
    for s in small {
        let x = hex(s);
        let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64u(&x)}).to_string();
        assert_invalid(Jwk::from_json(&jwk), s);
        assert_invalid(Jwk::from_der(&spki_with_key(&like, &x)), s);
    }
}

/// Row 36 for X25519 (RFC 7748 §6.1): 0, 1, the two points of order 8, p - 1, p, p + 1, and
/// the non-canonical encodings with the top bit set.
#[test]
fn row36_x25519_small_order_points_refused() {
    let like = Jwk::generate_okp("X25519").unwrap();
    let small = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        // RFC 7748 §5 ignores the top bit: these are the same seven points.
        "0000000000000000000000000000000000000000000000000000000000000080",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];
    for s in small {
        let x = hex(s);
        let jwk = json!({"kty": "OKP", "crv": "X25519", "x": b64u(&x)}).to_string();
        assert_invalid(Jwk::from_json(&jwk), s);
        assert_invalid(Jwk::from_der(&spki_with_key(&like, &x)), s);
    }
}

/// Row 37: a private EC or OKP JWK whose `d` is another key's, on every curve; for EC also
/// as PKCS#8 and SEC1 (whose public point is checked against `d`).
#[test]
fn row37_private_key_not_matching_public_refused() {
    for crv in EC {
        let a = Jwk::generate_ec(crv).unwrap();
        let b = Jwk::generate_ec(crv).unwrap();
        let mut v: Value = serde_json::from_str(&a.export_private().unwrap()).unwrap();
        let vb: Value = serde_json::from_str(&b.export_private().unwrap()).unwrap();
        v["d"] = vb["d"].clone();
        let m = assert_invalid(Jwk::from_json(v.to_string()), crv);
        assert!(m.contains("does not match"), "{crv}: {m}");
        // The PKCS#8 of a with b's d in place of a's.
        let (da, db) = (b64(&v_str(&a, "d")), b64(vb["d"].as_str().unwrap()));
        let der = a.to_pkcs8_der().unwrap().to_vec();
        let at = der.windows(da.len()).position(|w| w == da).unwrap();
        let mut spliced = der.clone();
        spliced[at..at + da.len()].copy_from_slice(&db);
        let m = assert_invalid(Jwk::from_der(&spliced), crv);
        assert!(m.contains("does not match"), "{crv}: {m}");
        // As SEC1 alone: the curve, b's d and a's point.
        let info = pkcs8::PrivateKeyInfoRef::from_der(&spliced).unwrap();
        let inner = sec1::EcPrivateKey::from_der(info.private_key.as_bytes()).unwrap();
        let sec1 = sec1::EcPrivateKey {
            parameters: Some(sec1::EcParameters::NamedCurve(
                info.algorithm.parameters_oid().unwrap(),
            )),
            ..inner
        }
        .to_der()
        .unwrap();
        let m = assert_invalid(Jwk::from_der(&sec1), crv);
        assert!(m.contains("does not match"), "{crv}: {m}");
    }
    for crv in OKP {
        let a = Jwk::generate_okp(crv).unwrap();
        let b = Jwk::generate_okp(crv).unwrap();
        let mut v: Value = serde_json::from_str(&a.export_private().unwrap()).unwrap();
        v["d"] = json!(v_str(&b, "d"));
        let m = assert_invalid(Jwk::from_json(v.to_string()), crv);
        assert!(m.contains("does not match"), "{crv}: {m}");
    }
}

fn v_str(key: &Jwk, member: &str) -> String {
    let v: Value = serde_json::from_str(&key.export_private().unwrap()).unwrap();
    v[member].as_str().unwrap().to_owned()
}

/// Row 38: the non-canonical, off-curve and identity forms of tests/data/pem/invalid-ec.json
/// (made by Python `cryptography` from a valid point with a small x) on every curve, as
/// JWKs and, for the forms of the right length, as SPKI points.
#[test]
fn row38_non_canonical_and_invalid_points_refused() {
    let all: Value = serde_json::from_str(&pem_file("invalid-ec.json")).unwrap();
    for crv in EC {
        let cases = all[crv].as_object().unwrap();
        let valid = Jwk::from_value(&cases["valid"]).unwrap();
        let len = valid.size_bits().div_ceil(8);
        let point = |c: &Value| {
            let (x, y) = (b64(c["x"].as_str().unwrap()), b64(c["y"].as_str().unwrap()));
            [&[4u8][..], &x, &y].concat()
        };
        assert_eq!(
            Jwk::from_der(&spki_with_key(&valid, &point(&cases["valid"]))).unwrap(),
            valid
        );
        let mut refused = 0;
        for (name, case) in cases.iter().filter(|(n, _)| *n != "valid") {
            assert_invalid(Jwk::from_value(case), &format!("{crv} {name}"));
            refused += 1;
            let p = point(case);
            if p.len() == 1 + 2 * len {
                assert_invalid(
                    Jwk::from_der(&spki_with_key(&valid, &p)),
                    &format!("{crv} {name} (SPKI)"),
                );
            }
        }
        assert!(refused >= 8, "{crv}");
        // The SEC1 encoding of the identity is the single octet 00.
        assert_invalid(Jwk::from_der(&spki_with_key(&valid, &[0])), crv);
        // A compressed-point prefix with an uncompressed length, and a hybrid point.
        let mut p = point(&cases["valid"]);
        p[0] = 6;
        assert_invalid(Jwk::from_der(&spki_with_key(&valid, &p)), crv);
    }
}

/// ROCA (CVE-2017-15361): Wycheproof's key is refused as a JWK (public and private) and as
/// SPKI; ordinary keys (fixtures, RFC 7520, OpenSSL's, fresh ones) are not.
#[test]
fn cve_2017_15361_roca_keys_refused() {
    let file = read_json("wycheproof/json_web_key_test.json");
    let group = file["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| {
            g["tests"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["tcId"] == 7)
        })
        .unwrap();
    for key in [&group["public"]["keys"][0], &group["private"]["keys"][0]] {
        let m = assert_invalid(Jwk::from_value(key), "ROCA JWK");
        assert!(m.contains("ROCA"), "{m}");
    }
    let m = assert_invalid(Jwk::from_pem(&pem_file("rsa-roca.spki.pem")), "ROCA PEM");
    assert!(m.contains("ROCA"), "{m}");

    for name in RSA_KEYS {
        jwk(name);
    }
    Jwk::from_json(RFC7520_RSA).unwrap();
    Jwk::from_pem(&key_text("openssl-spki.pem")).unwrap();
    for _ in 0..3 {
        let k = Jwk::generate_rsa(2048).unwrap();
        Jwk::from_json(k.export_public().unwrap()).unwrap();
    }
}

/// RSA keys with a huge public exponent, an even one, e = 1, or a tiny modulus are
/// refused at import, before any use.
#[test]
fn rsa_import_refuses_huge_exponent_and_tiny_modulus() {
    let good: Value =
        serde_json::from_str(&rsa_key().to_public().unwrap().export_public().unwrap()).unwrap();
    let mut cases = Vec::new();
    for e in [
        vec![0xffu8; 256],
        vec![0xff; 9],
        vec![1],
        vec![2],
        vec![0],
        vec![],
    ] {
        let mut k = good.clone();
        k["e"] = b64::encode(&e).into();
        cases.push(k);
    }
    for n in [
        vec![0xc5u8; 64],
        vec![0xc5; 128],
        vec![0xc5; 255],
        vec![0x01; 2],
    ] {
        let mut k = good.clone();
        k["n"] = b64::encode(&n).into();
        cases.push(k);
    }
    let mut huge_n = good.clone();
    huge_n["n"] = b64::encode(&[0xc5u8; 4096]).into();
    cases.push(huge_n);
    for k in cases {
        let e = Jwk::from_json(k.to_string()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::InvalidKey | ErrorKind::Base64),
            "{e}"
        );
    }
    assert!(Jwk::from_json(good.to_string()).is_ok());
}
