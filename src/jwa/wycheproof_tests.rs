//! Wycheproof vectors through the production ECDSA, EdDSA, ECDH and PBKDF2 functions of
//! [`super::ecdsa`], [`super::eddsa`], [`super::ecdh`] and [`super::pbes2`].
//!
//! Every `valid` case must pass and every `invalid` case be refused; `acceptable` cases may go
//! either way, and the counts say which way they went. Each test prints its per-file counts and
//! asserts that every case of the file was counted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;

use super::ecdh::{self, XCurve, XPrivateKey, XPublicKey};
use super::ecdsa::{Curve, EcPrivateKey, EcPublicKey};
use super::eddsa::{EdCurve, EdPublicKey};
use super::pbes2::{self, Pbes2Alg};
use crate::test_util::hex;

fn load(name: &str) -> Value {
    let path = format!("wycheproof/{name}");
    serde_json::from_str(crate::test_util::data(&path)).unwrap()
}

fn tests(v: &Value) -> impl Iterator<Item = (&Value, &Value)> {
    v["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["tests"].as_array().unwrap().iter().map(move |t| (g, t)))
}

/// Counts of one file, checked against `numberOfTests`.
#[derive(Default)]
struct Counts {
    valid: u64,
    invalid: u64,
    acceptable_accepted: u64,
    acceptable_refused: u64,
    /// Invalid cases refused by the JWK member check the jwk layer will do (kty, crv,
    /// missing members), before any constructor here is reached.
    refused_by_jwk_members: u64,
}

impl Counts {
    fn record(&mut self, file: &str, t: &Value, accepted: bool) {
        let id = &t["tcId"];
        match t["result"].as_str().unwrap() {
            "valid" => {
                assert!(accepted, "{file} tcId {id} (valid) was refused");
                self.valid += 1;
            }
            "invalid" => {
                assert!(!accepted, "{file} tcId {id} (invalid) was accepted");
                self.invalid += 1;
            }
            "acceptable" if accepted => self.acceptable_accepted += 1,
            "acceptable" => self.acceptable_refused += 1,
            other => panic!("{file} tcId {id}: unknown result {other}"),
        }
    }

    fn finish(&self, file: &str, v: &Value) {
        let total = v["numberOfTests"].as_u64().unwrap();
        let passed = self.valid + self.invalid + self.acceptable_accepted + self.acceptable_refused;
        println!(
            "{file}: {passed}/{total} passed ({} valid, {} invalid of which {} refused by the \
             JWK member check, acceptable: {} accepted, {} refused)",
            self.valid,
            self.invalid,
            self.refused_by_jwk_members,
            self.acceptable_accepted,
            self.acceptable_refused
        );
        assert_eq!(passed, total, "{file}: every case counted");
    }
}

fn b64(v: &Value) -> Option<Vec<u8>> {
    crate::b64::decode(v.as_str()?).ok()
}

fn ecdsa_file(file: &str, curve: Curve) {
    let v = load(file);
    let mut c = Counts::default();
    for (g, t) in tests(&v) {
        // `uncompressed` is 04 || x || y, full length (some groups have no `publicKeyJwk`).
        let point = hex(g["publicKey"]["uncompressed"].as_str().unwrap());
        let (x, y) = point[1..].split_at(curve.coordinate_len());
        let key = EcPublicKey::from_coordinates(curve, x, y).unwrap();
        let msg = hex(t["msg"].as_str().unwrap());
        let sig = hex(t["sig"].as_str().unwrap());
        // Also as parts: the production path hashes parts one after another.
        let (a, b) = msg.split_at(msg.len() / 2);
        let ok = key.verify(&[&msg], &sig).is_ok();
        assert_eq!(ok, key.verify(&[a, b], &sig).is_ok());
        // With the `aws-lc` feature `verify` is aws-lc's: it decides every case as RustCrypto.
        assert_eq!(
            ok,
            key.verify_rust_crypto(&[a, b], &sig),
            "{file} tcId {}: the backends differ",
            t["tcId"]
        );
        c.record(file, t, ok);
    }
    c.finish(file, &v);
}

#[test]
fn ecdsa_secp256r1_sha256_p1363() {
    ecdsa_file("ecdsa_secp256r1_sha256_p1363_test.json", Curve::P256);
}

#[test]
fn ecdsa_secp384r1_sha384_p1363() {
    ecdsa_file("ecdsa_secp384r1_sha384_p1363_test.json", Curve::P384);
}

#[test]
fn ecdsa_secp521r1_sha512_p1363() {
    ecdsa_file("ecdsa_secp521r1_sha512_p1363_test.json", Curve::P521);
}

#[test]
fn ed25519() {
    let file = "ed25519_test.json";
    let v = load(file);
    let mut c = Counts::default();
    for (g, t) in tests(&v) {
        let jwk = &g["publicKeyJwk"];
        assert_eq!(
            EdCurve::from_name(jwk["crv"].as_str().unwrap()),
            Some(EdCurve::Ed25519)
        );
        let key = EdPublicKey::from_bytes(EdCurve::Ed25519, &b64(&jwk["x"]).unwrap()).unwrap();
        let msg = hex(t["msg"].as_str().unwrap());
        let sig = hex(t["sig"].as_str().unwrap());
        let ok = key.verify(&[&msg], &sig).is_ok();
        c.record(file, t, ok);
        // Ed25519 verification stays with `verify_strict` in both builds; aws-lc's own
        // verification decides these cases the same way (its laxer spot, an R of small order
        // made by the key's holder, is not among them: `ec_aws` tests it).
        #[cfg(feature = "aws-lc")]
        {
            let parsed = aws_lc_rs::signature::ParsedPublicKey::new(
                &aws_lc_rs::signature::ED25519,
                b64(&jwk["x"]).unwrap(),
            )
            .unwrap();
            assert_eq!(
                ok,
                parsed.verify_sig(&msg, &sig).is_ok(),
                "{file} tcId {}: aws-lc differs",
                t["tcId"]
            );
        }
    }
    c.finish(file, &v);
}

/// The OKP JWK members of `jwk` for `crv`, as the jwk layer will check them: kty "OKP", the
/// named curve, `x` present and strict base64url.
fn okp_x(jwk: &Value, crv: &str) -> Option<Vec<u8>> {
    if jwk["kty"] != "OKP" || jwk["crv"] != crv {
        return None;
    }
    b64(&jwk["x"])
}

#[test]
fn x25519_jwk() {
    let file = "x25519_jwk_test.json";
    let v = load(file);
    let mut c = Counts::default();
    for (_, t) in tests(&v) {
        let private = &t["private"];
        let ours = XPrivateKey::from_bytes(
            XCurve::X25519,
            &b64(&private["d"]).unwrap(),
            Some(&okp_x(private, "X25519").unwrap()),
        )
        .unwrap();
        let Some(x) = okp_x(&t["public"], "X25519") else {
            c.refused_by_jwk_members += 1;
            c.record(file, t, false);
            continue;
        };
        let shared = XPublicKey::from_bytes(XCurve::X25519, &x).and_then(|peer| {
            let z = ours.agree(&peer);
            // With the `aws-lc` feature `agree` is aws-lc's: the same Z as RustCrypto.
            let rc = ours.agree_rust_crypto(&peer);
            assert_eq!(z.as_deref().ok(), rc.as_deref().ok(), "tcId {}", t["tcId"]);
            z
        });
        if let Ok(z) = &shared {
            assert_eq!(
                z.as_slice(),
                hex(t["shared"].as_str().unwrap()),
                "tcId {}",
                t["tcId"]
            );
        }
        c.record(file, t, shared.is_ok());
    }
    c.finish(file, &v);
}

/// The EC public key of an EC JWK for `curve`, as the jwk layer will read it: kty "EC", the
/// named curve, `x` and `y` present and strict base64url (`None` if those member checks fail).
fn ec_public(jwk: &Value, curve: Curve) -> Option<crate::Result<EcPublicKey>> {
    if jwk["kty"] != "EC" || Curve::from_name(jwk["crv"].as_str()?) != Some(curve) {
        return None;
    }
    Some(EcPublicKey::from_coordinates(
        curve,
        &b64(&jwk["x"])?,
        &b64(&jwk["y"])?,
    ))
}

fn ecdh_file(file: &str, curve: Curve) {
    let v = load(file);
    let mut c = Counts::default();
    for (_, t) in tests(&v) {
        let private = &t["private"];
        let public_of_private = ec_public(private, curve).unwrap().unwrap();
        let ours =
            EcPrivateKey::from_d_checked(&public_of_private, &b64(&private["d"]).unwrap()).unwrap();
        let Some(peer) = ec_public(&t["public"], curve) else {
            c.refused_by_jwk_members += 1;
            c.record(file, t, false);
            continue;
        };
        let shared = peer.and_then(|peer| {
            let z = ecdh::agree_ec(&ours, &peer);
            // With the `aws-lc` feature `agree_ec` is aws-lc's: the same Z as RustCrypto.
            let rc = ecdh::agree_ec_rust_crypto(&ours, &peer);
            assert_eq!(z.as_deref().ok(), rc.as_deref().ok(), "tcId {}", t["tcId"]);
            z
        });
        if let Ok(z) = &shared {
            assert_eq!(
                z.as_slice(),
                hex(t["shared"].as_str().unwrap()),
                "tcId {}",
                t["tcId"]
            );
        }
        c.record(file, t, shared.is_ok());
    }
    c.finish(file, &v);
}

#[test]
fn ecdh_secp256r1_webcrypto() {
    ecdh_file("ecdh_secp256r1_webcrypto_test.json", Curve::P256);
}

#[test]
fn ecdh_secp384r1_webcrypto() {
    ecdh_file("ecdh_secp384r1_webcrypto_test.json", Curve::P384);
}

#[test]
fn ecdh_secp521r1_webcrypto() {
    ecdh_file("ecdh_secp521r1_webcrypto_test.json", Curve::P521);
}

fn pbkdf2_file(file: &str, prf: Pbes2Alg) {
    let v = load(file);
    let mut c = Counts::default();
    for (_, t) in tests(&v) {
        let password = hex(t["password"].as_str().unwrap());
        let salt = hex(t["salt"].as_str().unwrap());
        let rounds = u32::try_from(t["iterationCount"].as_u64().unwrap()).unwrap();
        let dk = hex(t["dk"].as_str().unwrap());
        let mut out = vec![0u8; usize::try_from(t["dkLen"].as_u64().unwrap()).unwrap()];
        pbes2::pbkdf2(prf, &password, &salt, rounds, &mut out);
        c.record(file, t, out == dk);
    }
    c.finish(file, &v);
}

#[test]
fn pbkdf2_hmacsha256() {
    pbkdf2_file("pbkdf2_hmacsha256_test.json", Pbes2Alg::Hs256A128Kw);
}

#[test]
fn pbkdf2_hmacsha384() {
    pbkdf2_file("pbkdf2_hmacsha384_test.json", Pbes2Alg::Hs384A192Kw);
}

#[test]
fn pbkdf2_hmacsha512() {
    pbkdf2_file("pbkdf2_hmacsha512_test.json", Pbes2Alg::Hs512A256Kw);
}
