//! ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2) through the JWE layer: what needs the crate's
//! insides (the `epk` check on its own, the key management path for RFC 7518 Appendix C and
//! RFC 8037 A.6), and the round trips over every curve, algorithm and `enc`.

use serde_json::{Value, json};

use super::key_management::{self as km, KeyRef};
use super::{Decrypter, Encrypter, JsonEncrypter};
use crate::json::Object;
use crate::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, Limits, b64};

const ECDH: [K; 4] = [K::EcdhEs, K::EcdhEsA128KW, K::EcdhEsA192KW, K::EcdhEsA256KW];

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
    assert!(km::read_epk(&p256, &header(good_ec.clone()), K::EcdhEs).is_ok());
    assert!(km::read_epk(&x25519, &header(good_x.clone()), K::EcdhEs).is_ok());
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
        let e = km::read_epk(key, &header(epk.clone()), K::EcdhEs)
            .err()
            .unwrap();
        assert_eq!(e.kind(), ErrorKind::Decryption, "{epk}");
    }
    assert!(km::read_epk(&p256, &Object::new(), K::EcdhEs).is_err());
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
