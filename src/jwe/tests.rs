//! Published JWE examples reproduced byte for byte from their CEK and IVs (RFC 7516 A.1
//! content and A.3, RFC 7520 §5.2 and §5.6–5.13, RFC 3394 §4 through A*KW): these need the
//! test-only fixed CEK and IVs, so they live here; tests/ decrypts every vector.

use serde_json::Value;

use super::{Decrypter, Encrypter, JsonEncrypter};
use crate::test_util::hex;
use crate::{ContentEncryptionAlg as E, Jwk, KeyManagementAlg as K};

fn read_json(rel: &str) -> Value {
    serde_json::from_str(crate::test_util::data(rel)).unwrap()
}

pub(super) fn appendix(id: &str) -> Value {
    read_json("rfc-appendix.json")["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()
        .clone()
}

fn b64(s: &str) -> Vec<u8> {
    crate::b64::decode(s).unwrap()
}

fn hex_of(v: &Value, name: &str) -> Vec<u8> {
    hex(v["inputs"][name].as_str().unwrap())
}

#[test]
fn rfc7516_a3_a128kw_reproduced_with_cold_and_warm_keys() {
    let v = appendix("rfc7516-A.3");
    let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    let (cek, iv) = (hex_of(&v, "cek_hex"), hex_of(&v, "iv_hex"));
    let expected = v["outputs"]["compact"].as_str().unwrap();
    let encrypt = |k: &Jwk| {
        Encrypter::new(k, K::A128KW, E::A128CbcHs256)
            .unwrap()
            .fixed_cek_and_iv(&cek, &iv, None)
            .encrypt_compact(b"Live long and prosper.")
            .unwrap()
    };
    // The key caches its AES key schedule on first use: clones before and after agree.
    let cold = key.clone();
    assert_eq!(encrypt(&key), expected);
    let warm = key.clone();
    for k in [&key, &cold, &warm] {
        assert_eq!(encrypt(k), expected);
    }
}

#[test]
fn rfc7516_a1_content_reproduced() {
    // RSA-OAEP is randomized, but given the CEK and IV the other parts are fixed.
    let v = appendix("rfc7516-A.1");
    let key = Jwk::from_value(&v["inputs"]["jwk"]).unwrap();
    let pt = v["inputs"]["plaintext_utf8"].as_str().unwrap().as_bytes();
    let token = Encrypter::new(&key.to_public().unwrap(), K::RsaOaep, E::A256Gcm)
        .unwrap()
        .fixed_cek_and_iv(&hex_of(&v, "cek_hex"), &hex_of(&v, "iv_hex"), None)
        .encrypt_compact(pt)
        .unwrap();
    let o = &v["outputs"];
    let ours: Vec<&str> = token.split('.').collect();
    assert_eq!(ours[0], o["protected_b64u"]);
    assert_ne!(ours[1], o["encrypted_key_b64u"], "OAEP is randomized");
    assert_eq!(ours[2], o["iv_b64u"]);
    assert_eq!(ours[3], o["ciphertext_b64u"]);
    assert_eq!(ours[4], o["tag_b64u"]);
    let d = Decrypter::new(&key, &[K::RsaOaep], &[E::A256Gcm]).unwrap();
    assert_eq!(d.decrypt(&token).unwrap().plaintext(), pt);
}

/// RFC 3394 §4.1–4.6: wrapping the key data as the CEK gives the RFC's ciphertext as the
/// JWE Encrypted Key.
#[test]
fn rfc3394_section_4_through_a_kw() {
    for i in 1..=6 {
        let v = appendix(&format!("rfc3394-4.{i}"));
        let (kek, data) = (hex_of(&v, "KEK_hex"), hex_of(&v, "key_data_hex"));
        let want = hex(v["outputs"]["ciphertext_hex"].as_str().unwrap());
        let alg = [K::A128KW, K::A192KW, K::A256KW][kek.len() / 8 - 2];
        let enc = [E::A128Gcm, E::A192Gcm, E::A256Gcm][data.len() / 8 - 2];
        let key = Jwk::from_oct_bytes(&kek).unwrap();
        let token = Encrypter::new(&key, alg, enc)
            .unwrap()
            .fixed_cek_and_iv(&data, &[0u8; 12], None)
            .encrypt_compact(b"rfc 3394")
            .unwrap();
        assert_eq!(b64(token.split('.').nth(1).unwrap()), want, "rfc3394-4.{i}");
    }
}

fn example(name: &str) -> Value {
    read_json(&format!("rfc7520/jwe/{name}.json"))
}

fn plaintext(v: &Value) -> Vec<u8> {
    v["input"]["plaintext"]
        .as_str()
        .unwrap()
        .as_bytes()
        .to_vec()
}

/// An encrypter for the example's algorithms with its CEK and IVs.
fn encrypter<'a>(v: &Value, key: &'a Jwk) -> Encrypter<'a> {
    let alg: K = v["input"]["alg"].as_str().unwrap().parse().unwrap();
    let enc: E = v["input"]["enc"].as_str().unwrap().parse().unwrap();
    let g = &v["generated"];
    let cek = g["cek"].as_str().map(b64).unwrap_or_default();
    let kw_iv = v["encrypting_key"]["iv"].as_str().map(b64);
    let e = Encrypter::new(key, alg, enc).unwrap().fixed_cek_and_iv(
        &cek,
        &b64(g["iv"].as_str().unwrap()),
        kw_iv.as_deref(),
    );
    if v["input"]["zip"] == "DEF" {
        e.with_compression()
    } else {
        e
    }
}

#[test]
fn rfc7520_5_6_to_5_10_reproduced() {
    for name in [
        "5_6.direct_encryption_using_aes-gcm",
        "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2",
        "5_8.key_wrap_using_aes-keywrap_with_aes-gcm",
        "5_10.including_additional_authentication_data",
    ] {
        let v = example(name);
        let key = Jwk::from_value(&v["input"]["key"]).unwrap();
        let e = encrypter(&v, &key);
        let pt = plaintext(&v);
        if let Some(c) = v["output"]["compact"].as_str() {
            assert_eq!(e.encrypt_compact(&pt).unwrap(), c, "{name}");
        }
        let aad = v["input"]["aad"].as_str().map(str::as_bytes);
        let ours: Value = serde_json::from_str(&e.encrypt_json(&pt, aad).unwrap()).unwrap();
        assert_eq!(ours, v["output"]["json_flat"], "{name}");
    }
}

#[test]
fn rfc7520_5_2_and_5_9_content_reproduced() {
    // §5.2: RSA-OAEP is randomized; §5.9: any DEFLATE stream is allowed. The protected
    // header and IV always match; the rest when deterministic.
    for (name, rest) in [
        ("5_2.key_encryption_using_rsa-oaep_with_aes-gcm", true),
        ("5_9.compressed_content", false),
    ] {
        let v = example(name);
        let key = Jwk::from_value(&v["input"]["key"]).unwrap();
        let ours = encrypter(&v, &key).encrypt_compact(&plaintext(&v)).unwrap();
        let theirs = v["output"]["compact"].as_str().unwrap();
        let (o, t): (Vec<&str>, Vec<&str>) =
            (ours.split('.').collect(), theirs.split('.').collect());
        assert_eq!((o[0], o[2]), (t[0], t[2]), "{name}");
        if rest {
            assert_eq!(o[3..], t[3..], "{name}");
        }
        let d = Decrypter::for_key_algs(&key, E::ALL).unwrap();
        assert_eq!(d.decrypt(&ours).unwrap().plaintext(), plaintext(&v));
    }
}

#[test]
fn rfc7520_5_13_shared_parts_and_a256gcmkw_recipient_reproduced() {
    let v = example("5_13.encrypting_to_multiple_recipients");
    let third = Jwk::from_value(&v["input"]["key"][2]).unwrap();
    let g = &v["generated"];
    let kw_iv = b64(v["encrypting_key"][2]["iv"].as_str().unwrap());
    let mut unprotected = serde_json::Map::new();
    unprotected.insert("cty".into(), "text/plain".into());
    let ours = JsonEncrypter::new(E::A128CbcHs256)
        .add_recipient(&third, K::A256GCMKW, None)
        .unwrap()
        .shared_unprotected(unprotected)
        .unwrap()
        .fixed_cek_and_iv(
            &b64(g["cek"].as_str().unwrap()),
            &b64(g["iv"].as_str().unwrap()),
            Some(&kw_iv),
        )
        .encrypt(&plaintext(&v), None)
        .unwrap();
    let ours: Value = serde_json::from_str(&ours).unwrap();
    let theirs = &v["output"]["json"];
    for m in ["protected", "unprotected", "iv", "ciphertext", "tag"] {
        assert_eq!(ours[m], theirs[m], "{m}");
    }
    assert_eq!(ours["recipients"][0], theirs["recipients"][2]);
}

/// `for_key_algs`: each key only with its own `alg` (a `dir` key naming its `enc` only with
/// that `enc`); keys without `alg` never; no key with a JWE `alg` is an error.
#[test]
fn for_key_algs_uses_each_key_only_with_its_own_alg() {
    use crate::{ErrorKind, JwkSet};
    let kw = Jwk::from_oct_bytes(&[1; 16]).unwrap().with_alg(K::A128KW);
    let dir = Jwk::from_oct_bytes(&[2; 16]).unwrap().with_alg(E::A128Gcm);
    let bare = Jwk::from_oct_bytes(&[3; 16]).unwrap();
    let set: JwkSet = [kw.clone(), dir.clone(), bare.clone()]
        .into_iter()
        .collect();
    let d = Decrypter::for_key_algs(&set, E::ALL).unwrap();
    let enc = |k: &Jwk, alg, enc| Encrypter::new(k, alg, enc).unwrap().encrypt_compact(b"x");
    assert!(d.decrypt(&enc(&kw, K::A128KW, E::A256Gcm).unwrap()).is_ok());
    assert!(d.decrypt(&enc(&dir, K::Dir, E::A128Gcm).unwrap()).is_ok());
    // The key without alg fits A128KW and dir + A128GCM, but is never tried.
    for (alg, e) in [(K::A128KW, E::A128Gcm), (K::Dir, E::A128Gcm)] {
        let err = d.decrypt(&enc(&bare, alg, e).unwrap()).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::Decryption | ErrorKind::KeyNotFound | ErrorKind::KeyMismatch
            ),
            "{err}"
        );
    }
    // Only encs listed: the dir key's enc is not, so it is not used at all.
    let only_cbc = Decrypter::for_key_algs(&dir, &[E::A128CbcHs256]).unwrap_err();
    assert_eq!(only_cbc.kind(), ErrorKind::InvalidArgument);
    assert_eq!(
        Decrypter::for_key_algs(&bare, E::ALL).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        Decrypter::for_key_algs(&kw, &[]).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}
