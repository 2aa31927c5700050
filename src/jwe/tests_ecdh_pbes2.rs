//! ECDH-ES and PBES2 through the JWE layer: what needs the crate's insides (the PBKDF2 call
//! counter, the `epk` check on its own, the content encryption with a given key for RFC 7518
//! Appendix C), and the round trips over every curve, algorithm and `enc`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};

use super::key_management::{self as km, KeyRef};
use super::{Decrypter, Encrypter, JsonEncrypter, Password};
use crate::json::Object;
use crate::jwa::pbes2;
use crate::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, Limits, b64};

const ECDH: [K; 4] = [K::EcdhEs, K::EcdhEsA128KW, K::EcdhEsA192KW, K::EcdhEsA256KW];
const PBES2: [K; 3] = [
    K::Pbes2Hs256A128KW,
    K::Pbes2Hs384A192KW,
    K::Pbes2Hs512A256KW,
];

fn keys() -> Vec<Jwk> {
    let mut keys: Vec<Jwk> = ["P-256", "P-384", "P-521"]
        .iter()
        .map(|c| Jwk::generate_ec(c).unwrap())
        .collect();
    keys.extend(
        ["X25519", "X448"]
            .iter()
            .map(|c| Jwk::generate_okp(c).unwrap()),
    );
    keys
}

fn token(header: &Value, ek: &[u8], iv: &[u8], ct: &[u8], tag: &[u8]) -> String {
    format!(
        "{}.{}.{}.{}.{}",
        b64::encode(header.to_string().as_bytes()),
        b64::encode(ek),
        b64::encode(iv),
        b64::encode(ct),
        b64::encode(tag)
    )
}

/// ATTACKS rows 2-7: a `p2c` over the limit, a short `p2s` or a bad `p2c` is refused with no
/// PBKDF2 call at all (counted on this thread), with the password at hand.
#[test]
fn pbes2_p2c_over_the_limit_refused_without_pbkdf2() {
    let password = Password::new(b"correct horse".to_vec()).unwrap();
    for alg in PBES2 {
        let d = Decrypter::with_password(&password, &[alg], E::ALL).unwrap();
        let p2s = b64::encode(&[7u8; 16]);
        let cases = [
            (
                json!(2_147_483_647u64),
                p2s.clone(),
                ErrorKind::LimitExceeded,
            ),
            (json!(u64::MAX), p2s.clone(), ErrorKind::LimitExceeded),
            (json!(16_385), p2s.clone(), ErrorKind::LimitExceeded),
            (json!(0), p2s.clone(), ErrorKind::InvalidHeader),
            (json!(-1), p2s.clone(), ErrorKind::InvalidHeader),
            (json!(1e300), p2s.clone(), ErrorKind::InvalidHeader),
            (
                json!(1000),
                b64::encode(&[7u8; 7]),
                ErrorKind::InvalidHeader,
            ),
            (json!(1000), String::new(), ErrorKind::InvalidHeader),
        ];
        for (p2c, p2s, want) in cases {
            let h = json!({"alg": alg.name(), "enc": "A128GCM", "p2s": p2s, "p2c": p2c});
            let t = token(&h, &[1; 24], &[2; 12], &[3; 4], &[4; 16]);
            let before = pbes2::pbkdf2_calls();
            assert_eq!(d.decrypt(&t).unwrap_err().kind(), want, "{alg} {h}");
            assert_eq!(pbes2::pbkdf2_calls(), before, "{alg} {h}: PBKDF2 ran");
        }
        // A lower limit is honoured the same way; at the limit, exactly one derivation.
        let limits = Limits {
            max_p2c: 1000,
            ..Limits::default()
        };
        let d = d.with_limits(limits);
        let ok = Encrypter::with_password(&password, alg, E::A128Gcm)
            .unwrap()
            .with_p2c(1001)
            .unwrap()
            .encrypt_compact(b"x")
            .unwrap();
        let before = pbes2::pbkdf2_calls();
        assert_eq!(d.decrypt(&ok).unwrap_err().kind(), ErrorKind::LimitExceeded);
        assert_eq!(pbes2::pbkdf2_calls(), before);
        let ok = Encrypter::with_password(&password, alg, E::A128Gcm)
            .unwrap()
            .with_p2c(1000)
            .unwrap()
            .encrypt_compact(b"x")
            .unwrap();
        let before = pbes2::pbkdf2_calls();
        assert_eq!(d.decrypt(&ok).unwrap().plaintext(), b"x");
        assert_eq!(pbes2::pbkdf2_calls(), before + 1);
    }
}

/// PBES2 encryption: a fresh 16-byte `p2s` per token, `p2c` 8192 by default, settable; every
/// `enc`; a JSON recipient; the empty password refused.
#[test]
fn pbes2_round_trips_and_defaults() {
    let password = Password::new(b"pw".to_vec()).unwrap();
    for alg in PBES2 {
        for enc in E::ALL {
            let e = Encrypter::with_password(&password, alg, *enc).unwrap();
            let (t1, t2) = (
                e.encrypt_compact(b"m").unwrap(),
                e.encrypt_compact(b"m").unwrap(),
            );
            let d = Decrypter::with_password(&password, &[alg], E::ALL).unwrap();
            for t in [&t1, &t2] {
                let out = d.decrypt(t).unwrap();
                assert_eq!(out.plaintext(), b"m");
                assert_eq!(out.header().get("p2c"), Some(&json!(8192)));
                let p2s = out.header().get("p2s").unwrap().as_str().unwrap();
                assert_eq!(b64::decode(p2s.as_bytes()).unwrap().len(), 16);
            }
            let h = |t: &str| d.decrypt(t).unwrap().header().get("p2s").cloned();
            assert_ne!(h(&t1), h(&t2));
        }
    }
    let t = JsonEncrypter::new(E::A256Gcm)
        .add_password_recipient(&password, K::Pbes2Hs512A256KW, None)
        .unwrap()
        .encrypt(b"j", None)
        .unwrap();
    let d = Decrypter::with_password(&password, &[K::Pbes2Hs512A256KW], E::ALL).unwrap();
    assert_eq!(d.decrypt(&t).unwrap().plaintext(), b"j");
    assert_eq!(
        Password::new(Vec::new()).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    // A password is never used with a non-PBES2 algorithm, nor a JWK with PBES2.
    assert_eq!(
        Encrypter::with_password(&password, K::A128KW, E::A128Gcm)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    assert_eq!(
        Decrypter::with_password(&password, &[K::A128KW], E::ALL)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(format!("{password:?}"), "Password(..)");
}

/// Every curve × every ECDH-ES algorithm × every `enc`, compact and flattened JSON, with and
/// without `apu`/`apv`; `epk` carries only public members and is fresh per token.
#[test]
fn ecdh_es_round_trips() {
    for key in keys() {
        let public = key.to_public().unwrap();
        for alg in ECDH {
            let d = Decrypter::new(&key, &[alg], E::ALL).unwrap();
            for enc in E::ALL {
                let plain = Encrypter::new(&public, alg, *enc).unwrap();
                let with = plain
                    .clone()
                    .with_apu(b"Alice".to_vec())
                    .unwrap()
                    .with_apv(b"Bob".to_vec())
                    .unwrap();
                for e in [&plain, &with] {
                    let c = e.encrypt_compact(b"hello").unwrap();
                    let out = d.decrypt(&c).unwrap();
                    assert_eq!(out.plaintext(), b"hello", "{alg} {enc}");
                    let epk = out.header().get("epk").unwrap().as_object().unwrap();
                    let want = if key.key_type() == crate::jwk::KeyType::Ec {
                        4
                    } else {
                        3
                    };
                    assert_eq!(epk.len(), want);
                    assert!(!epk.contains_key("d"));
                    let j = e.encrypt_json(b"hello", Some(b"aad")).unwrap();
                    assert_eq!(d.decrypt(&j).unwrap().plaintext(), b"hello");
                    let again = d.decrypt(&e.encrypt_compact(b"hello").unwrap()).unwrap();
                    assert_ne!(again.header().get("epk"), out.header().get("epk"));
                }
                let out = d.decrypt(&with.encrypt_compact(b"x").unwrap()).unwrap();
                assert_eq!(out.header().get("apu"), Some(&json!("QWxpY2U")));
                assert_eq!(out.header().get("apv"), Some(&json!("Qm9i")));
                // apu/apv are authenticated inputs of the KDF: another apv, another key.
                let t = with.encrypt_compact(b"x").unwrap();
                let (head, rest) = t.split_once('.').unwrap();
                let mut h: Value =
                    serde_json::from_slice(&b64::decode(head.as_bytes()).unwrap()).unwrap();
                h["apv"] = json!("Qm9j");
                let forged = format!("{}.{rest}", b64::encode(h.to_string().as_bytes()));
                assert_eq!(
                    d.decrypt(&forged).unwrap_err().kind(),
                    ErrorKind::Decryption
                );
            }
        }
    }
}

/// The JSON general serialization with several ECDH-ES+A*KW recipients (and an A128KW one)
/// works; direct ECDH-ES is refused with more than one recipient (RFC 7518 §4.6).
#[test]
fn ecdh_es_several_recipients() {
    let keys = keys();
    let publics: Vec<Jwk> = keys.iter().map(|k| k.to_public().unwrap()).collect();
    let oct = Jwk::generate_oct(128).unwrap();
    let mut apu = serde_json::Map::new();
    apu.insert("apu".into(), json!("QWxpY2U"));
    let mut e = JsonEncrypter::new(E::A256CbcHs512);
    for (i, p) in publics.iter().enumerate() {
        let header = if i == 0 { Some(apu.clone()) } else { None };
        e = e.add_recipient(p, ECDH[1 + i % 3], header).unwrap();
    }
    let t = e
        .add_recipient(&oct, K::A128KW, None)
        .unwrap()
        .encrypt(b"all", None)
        .unwrap();
    let v: Value = serde_json::from_str(&t).unwrap();
    let epks: Vec<&Value> = v["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["header"].get("epk"))
        .collect();
    assert_eq!(epks.len(), keys.len());
    assert_eq!(v["recipients"][0]["header"]["apu"], "QWxpY2U");
    for (i, key) in keys.iter().enumerate() {
        let d = Decrypter::new(key, &[ECDH[1 + i % 3]], E::ALL).unwrap();
        let out = d.decrypt_json(&t).unwrap();
        assert_eq!((out.plaintext(), out.recipient_index()), (&b"all"[..], i));
    }
    let two = JsonEncrypter::new(E::A128Gcm)
        .add_recipient(&publics[0], K::EcdhEs, None)
        .unwrap()
        .add_recipient(&publics[1], K::EcdhEsA128KW, None)
        .unwrap()
        .encrypt(b"x", None)
        .unwrap_err();
    assert_eq!(two.kind(), ErrorKind::InvalidArgument);
    // On decryption too: a general JSON token with a direct ECDH-ES recipient among
    // several is refused, whichever recipient the key is for.
    let mut v: Value = serde_json::from_str(&t).unwrap();
    let direct = JsonEncrypter::new(E::A256CbcHs512)
        .add_recipient(&publics[3], K::EcdhEs, None)
        .unwrap()
        .encrypt(b"x", None)
        .unwrap();
    let direct: Value = serde_json::from_str(&direct).unwrap();
    v["recipients"]
        .as_array_mut()
        .unwrap()
        .push(direct["recipients"][0].clone());
    for (i, key) in keys.iter().enumerate() {
        let d = Decrypter::new(key, &[K::EcdhEs, ECDH[1 + i % 3]], E::ALL).unwrap();
        let e = d.decrypt_json(&v.to_string()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidHeader, "{i}");
    }
    // One direct ECDH-ES recipient in the general serialization is fine.
    let one = JsonEncrypter::new(E::A128Gcm)
        .add_recipient(&publics[3], K::EcdhEs, None)
        .unwrap()
        .encrypt(b"x", None)
        .unwrap();
    let d = Decrypter::new(&keys[3], &[K::EcdhEs], E::ALL).unwrap();
    assert_eq!(d.decrypt(&one).unwrap().plaintext(), b"x");
}

/// Keys ECDH-ES refuses: secp256k1, Ed25519, oct, RSA-less; a public key cannot decrypt.
#[test]
fn ecdh_es_key_checks() {
    for key in [
        Jwk::generate_ec("secp256k1").unwrap(),
        Jwk::generate_okp("Ed25519").unwrap(),
        Jwk::generate_oct(256).unwrap(),
    ] {
        for alg in ECDH {
            assert_eq!(
                Encrypter::new(&key, alg, E::A128Gcm).unwrap_err().kind(),
                ErrorKind::KeyMismatch,
                "{alg}"
            );
        }
    }
    let key = Jwk::generate_ec("P-256").unwrap();
    let public = key.to_public().unwrap();
    let t = Encrypter::new(&public, K::EcdhEsA128KW, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    let e = Decrypter::new(&public, &[K::EcdhEsA128KW], E::ALL)
        .unwrap()
        .decrypt(&t)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    // apu/apv only with ECDH-ES, and bounded.
    let kw = Jwk::generate_oct(128).unwrap();
    let e = Encrypter::new(&kw, K::A128KW, E::A128Gcm).unwrap();
    assert_eq!(
        e.with_apu(vec![1]).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let e = Encrypter::new(&public, K::EcdhEs, E::A128Gcm).unwrap();
    assert_eq!(
        e.with_apv(vec![0; km::MAX_PARTY_INFO_LEN + 1])
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
}

/// ATTACKS row 21: `read_epk` (run before any agreement) refuses every hostile `epk` itself.
#[test]
fn epk_checked_before_agreement() {
    let p256 = Jwk::generate_ec("P-256").unwrap();
    let x25519 = Jwk::generate_okp("X25519").unwrap();
    let public = |k: &Jwk| -> Value { serde_json::from_str(&k.export_public().unwrap()).unwrap() };
    let good_ec = public(&p256);
    let good_x = public(&x25519);
    let header = |epk: Value| -> Object {
        let mut h = Object::new();
        h.insert("epk".into(), epk);
        h
    };
    assert!(km::read_epk(&p256, &header(good_ec.clone())).is_ok());
    assert!(km::read_epk(&x25519, &header(good_x.clone())).is_ok());
    let zero = b64::encode(&[0u8; 32]);
    let mut off = good_ec.clone();
    off["x"] = json!(zero);
    let mut with_d = good_ec.clone();
    with_d["d"] = json!(zero);
    let mut other_crv = good_ec.clone();
    other_crv["crv"] = json!("P-384");
    let mut x_with_d = good_x.clone();
    x_with_d["d"] = json!(zero);
    let x448 = public(&Jwk::generate_okp("X448").unwrap());
    for (key, epk) in [
        (&p256, json!({"kty":"EC","crv":"P-256","x":zero,"y":zero})),
        (&p256, off),
        (&p256, with_d),
        (&p256, other_crv),
        (&p256, good_x.clone()),
        (&x25519, json!({"kty":"OKP","crv":"X25519","x":zero})),
        (
            &x25519,
            json!({"kty":"OKP","crv":"X25519","x": b64::encode(&[1u8; 1])}),
        ),
        (&x25519, x_with_d),
        (&x25519, x448),
        (&x25519, good_ec.clone()),
    ] {
        let e = km::read_epk(key, &header(epk.clone())).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::Decryption, "{epk}");
    }
    assert!(km::read_epk(&p256, &Object::new()).is_err());
}

/// RFC 7518 Appendix C through the JWE key management path: Bob's key and Alice's `epk`,
/// `apu` "Alice", `apv` "Bob", ECDH-ES with A128GCM; the derived key is the published one,
/// and a token encrypted with it decrypts.
#[test]
fn rfc7518_appendix_c_through_jwe() {
    let v = crate::jwe::tests::appendix("rfc7518-C");
    let bob = Jwk::from_value(&v["inputs"]["static_private_jwk_bob"]).unwrap();
    let alice = Jwk::from_value(&v["inputs"]["epk_private_jwk_alice"]).unwrap();
    let epk: Value = serde_json::from_str(&alice.export_public().unwrap()).unwrap();
    let header = json!({"alg": "ECDH-ES", "enc": "A128GCM", "apu": "QWxpY2U", "apv": "Qm9i",
        "epk": epk});
    let obj = header.as_object().unwrap().clone();
    let derived = km::unwrap_cek(
        KeyRef::Jwk(&bob),
        K::EcdhEs,
        E::A128Gcm,
        &[],
        &obj,
        &Limits::default(),
    )
    .unwrap();
    let want = v["outputs"]["derived_key_b64u"].as_str().unwrap();
    assert_eq!(b64::encode(&derived), want);
    let protected = b64::encode(header.to_string().as_bytes());
    let iv = [5u8; 12];
    let (ct, tag) =
        super::content::encrypt_content(E::A128Gcm, &derived, &iv, &[protected.as_bytes()], b"C")
            .unwrap();
    let t = format!(
        "{protected}..{}.{}.{}",
        b64::encode(&iv),
        b64::encode(&ct),
        b64::encode(&tag)
    );
    let d = Decrypter::new(&bob, &[K::EcdhEs], E::ALL).unwrap();
    assert_eq!(d.decrypt(&t).unwrap().plaintext(), b"C");
}

/// Wycheproof `ecdh_secp{256,384,521}r1_webcrypto_test.json` and `x25519_jwk_test.json`
/// through the decryption path: the private JWK imported as a [`Jwk`], the public JWK as
/// the `epk` of a header (less its `kid`, a label of the file: an `epk` holds only `kty`,
/// `crv`, `x`, `y`), read and agreed on by the code `unwrap_cek` runs; the Concat KDF output
/// must be that of the file's shared secret. Valid cases agree, invalid ones are refused
/// (every invalid public key), acceptable ones either way. Returns (passed, total).
fn wycheproof_ecdh_through_jwe(file: &str) -> (u64, u64) {
    let path = format!("wycheproof/{file}");
    let v: Value = serde_json::from_str(crate::test_util::data(&path)).unwrap();
    let (mut passed, mut acceptable_refused) = (0u64, 0u64);
    for g in v["testGroups"].as_array().unwrap() {
        for t in g["tests"].as_array().unwrap() {
            let id = &t["tcId"];
            let key = Jwk::from_value(&t["private"]).unwrap();
            let mut epk = t["public"].clone();
            if let Some(o) = epk.as_object_mut() {
                o.remove("kid");
            }
            let mut header = Object::new();
            header.insert("epk".into(), epk);
            let got = km::unwrap_cek(
                KeyRef::Jwk(&key),
                K::EcdhEs,
                E::A128Gcm,
                &[],
                &header,
                &Limits::default(),
            );
            match (t["result"].as_str().unwrap(), &got) {
                ("valid" | "acceptable", Ok(k)) => {
                    let z = crate::test_util::hex(t["shared"].as_str().unwrap());
                    let want = crate::jwa::ecdh::concat_kdf(&z, b"A128GCM", b"", b"", 128).unwrap();
                    assert_eq!(k.as_slice(), want.as_slice(), "{file} tcId {id}");
                }
                ("invalid", Err(e)) => assert_eq!(e.kind(), ErrorKind::Decryption),
                ("acceptable", Err(_)) => acceptable_refused += 1,
                (r, _) => panic!("{file} tcId {id} ({r}): {got:?}"),
            }
            passed += 1;
        }
    }
    let total = v["numberOfTests"].as_u64().unwrap();
    println!(
        "{file} through the JWE decryption path: {passed}/{total} passed \
         ({acceptable_refused} acceptable cases refused)"
    );
    (passed, total)
}

#[test]
fn wycheproof_ecdh_webcrypto_and_x25519_through_jwe() {
    for file in [
        "ecdh_secp256r1_webcrypto_test.json",
        "ecdh_secp384r1_webcrypto_test.json",
        "ecdh_secp521r1_webcrypto_test.json",
        "x25519_jwk_test.json",
    ] {
        let (passed, total) = wycheproof_ecdh_through_jwe(file);
        assert_eq!(passed, total, "{file}");
    }
}

/// RFC 8037 Appendix A.6 (ECDH-ES with X25519, whose keys are RFC 7748 §6.1's) through the
/// JWE decryption path: Bob's key as a JWK, the ephemeral public key as the `epk` of the
/// A.6 header (`ECDH-ES+A128KW`, `A128GCM`, `kid` "Bob"); the key agreed on is the Concat KDF
/// of the published shared secret, and a CEK wrapped with it is unwrapped. (A.6 ends at the
/// shared secret; the KDF and wrap steps are checked against our own Concat KDF, itself
/// checked by RFC 7518 Appendix C.)
#[test]
fn rfc8037_a6_x25519_through_jwe() {
    use crate::test_util::hex;
    let d = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    let x = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    let bob = Jwk::from_value(&json!({"kty": "OKP", "crv": "X25519", "kid": "Bob",
        "x": b64::encode(&x), "d": b64::encode(&d)}))
    .unwrap();
    let eph = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    // The epk as A.6 prints it.
    assert_eq!(
        b64::encode(&eph),
        "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"
    );
    let header = json!({"alg": "ECDH-ES+A128KW",
        "epk": {"kty": "OKP", "crv": "X25519", "x": b64::encode(&eph)},
        "enc": "A128GCM", "kid": "Bob"});
    let z = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    let kek = crate::jwa::ecdh::concat_kdf(&z, b"ECDH-ES+A128KW", b"", b"", 128).unwrap();
    let cek = [0x42u8; 16];
    let kek = crate::jwa::aes_kw::Kek::new(&kek).unwrap();
    let ek = crate::jwa::aes_kw::wrap_with(&kek, &cek).unwrap();
    let got = km::unwrap_cek(
        KeyRef::Jwk(&bob),
        K::EcdhEsA128KW,
        E::A128Gcm,
        &ek,
        header.as_object().unwrap(),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(got.as_slice(), cek);
}
