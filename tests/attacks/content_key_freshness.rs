//! Issue 25, class 5: weak content keys (cjose CVE-2026-53939, an all-zero CEK). The tests
//! unwrap the CEKs of jwcrypt's own tokens with the KEK, outside jwcrypt (the `aes-kw`,
//! `aes-gcm` and `rsa` crates), and check each is the full length of its `enc`, not all
//! zero, and different in every token; and that the IVs, the ECDH-ES ephemeral keys and the
//! PBES2 salts are fresh in every token too.

use std::collections::HashSet;

use crate::support::{self, rsa_key};
use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes256Gcm, KeyInit};
use aes_kw::KwAes256;
use jwcrypt::jwe::{Encrypter, JsonEncrypter, Password};
use jwcrypt::{ContentEncryptionAlg as E, Jwk, KeyManagementAlg as K};
use rsa::Oaep;
use rsa::pkcs8::DecodePrivateKey;
use serde_json::Value;
use sha2::Sha256;

const N: usize = 100;

/// The content key length of each `enc` (RFC 7518 §5.2.3-5.2.5, §5.3), written out here
/// rather than taken from jwcrypt.
fn cek_len(enc: E) -> usize {
    let n = enc.name();
    let bits: usize = n[1..4].parse().unwrap();
    if n.contains("CBC") {
        bits / 4
    } else {
        bits / 8
    }
}

/// The IV length: 96 bits for GCM, 128 for CBC.
fn iv_len(enc: E) -> usize {
    if enc.name().ends_with("GCM") { 12 } else { 16 }
}

fn part(token: &str, i: usize) -> Vec<u8> {
    support::b64::decode(token.split('.').nth(i).unwrap()).unwrap()
}

fn header(token: &str) -> Value {
    serde_json::from_slice(&part(token, 0)).unwrap()
}

fn member(h: &Value, name: &str) -> Vec<u8> {
    support::b64::decode(h[name].as_str().unwrap()).unwrap()
}

/// Checks a batch of CEKs and IVs: full length, not all zero (nor one repeated byte),
/// all different.
fn check_fresh(what: &str, enc: E, ceks: &[Vec<u8>], ivs: &[Vec<u8>]) {
    assert_eq!(ceks.len(), N, "{what}");
    for cek in ceks {
        assert_eq!(cek.len(), cek_len(enc), "{what}");
        assert!(cek.iter().any(|&b| b != cek[0]), "{what}: degenerate CEK");
    }
    let distinct: HashSet<&Vec<u8>> = ceks.iter().collect();
    assert_eq!(distinct.len(), N, "{what}: a CEK repeats");
    for iv in ivs {
        assert_eq!(iv.len(), iv_len(enc), "{what}");
    }
    let distinct: HashSet<&Vec<u8>> = ivs.iter().collect();
    assert_eq!(distinct.len(), ivs.len(), "{what}: an IV repeats");
}

#[test]
fn cjose_cve_2026_53939_a256kw_ceks_fresh_and_full_length() {
    let kek = [0x42u8; 32];
    let key = Jwk::from_oct_bytes(&kek).unwrap();
    let kw = KwAes256::new_from_slice(&kek).unwrap();
    for &enc in E::ALL {
        let e = Encrypter::new(&key, K::A256KW, enc).unwrap();
        let (mut ceks, mut ivs) = (Vec::new(), Vec::new());
        for _ in 0..N {
            let t = e.encrypt_compact(b"same plaintext").unwrap();
            let wrapped = part(&t, 1);
            assert_eq!(wrapped.len(), cek_len(enc) + 8);
            let mut buf = vec![0u8; wrapped.len()];
            ceks.push(kw.unwrap_key(&wrapped, &mut buf).unwrap().to_vec());
            ivs.push(part(&t, 2));
        }
        check_fresh(&format!("A256KW {enc}"), enc, &ceks, &ivs);
    }
}

#[test]
fn cjose_cve_2026_53939_a256gcmkw_ceks_and_both_ivs_fresh() {
    let kek = [0x24u8; 32];
    let key = Jwk::from_oct_bytes(&kek).unwrap();
    let gcm = Aes256Gcm::new_from_slice(&kek).unwrap();
    let enc = E::A128CbcHs256;
    let e = Encrypter::new(&key, K::A256GCMKW, enc).unwrap();
    let (mut ceks, mut ivs, mut kw_ivs) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..N {
        let t = e.encrypt_compact(b"same plaintext").unwrap();
        let h = header(&t);
        let (kw_iv, tag) = (member(&h, "iv"), member(&h, "tag"));
        assert_eq!((kw_iv.len(), tag.len()), (12, 16));
        let mut cek = part(&t, 1);
        gcm.decrypt_inout_detached(
            kw_iv.as_slice().try_into().unwrap(),
            b"",
            cek.as_mut_slice().into(),
            tag.as_slice().try_into().unwrap(),
        )
        .unwrap();
        ceks.push(cek);
        ivs.push(part(&t, 2));
        kw_ivs.push(kw_iv);
    }
    check_fresh("A256GCMKW", enc, &ceks, &ivs);
    let distinct: HashSet<&Vec<u8>> = kw_ivs.iter().collect();
    assert_eq!(distinct.len(), N, "a key-wrap IV repeats");
}

#[test]
fn cjose_cve_2026_53939_rsa_oaep_256_ceks_fresh() {
    let key = rsa_key();
    let der = key.to_pkcs8_der().unwrap();
    let private = rsa::PrivateKey::from_pkcs8_der(&der).unwrap();
    let enc = E::A256Gcm;
    let e = Encrypter::new(&key, K::RsaOaep256, enc).unwrap();
    let (mut ceks, mut ivs) = (Vec::new(), Vec::new());
    for _ in 0..N {
        let t = e.encrypt_compact(b"same plaintext").unwrap();
        ceks.push(
            private
                .decrypt(Oaep::<Sha256>::new(), &part(&t, 1))
                .unwrap(),
        );
        ivs.push(part(&t, 2));
    }
    check_fresh("RSA-OAEP-256", enc, &ceks, &ivs);
}

#[test]
fn cjose_cve_2026_53939_multi_recipient_ceks_fresh_per_token() {
    // In one general JSON JWE every recipient wraps the same CEK; across tokens it differs.
    let kek_a = [0x11u8; 32];
    let kek_b = [0x22u8; 32];
    let a = Jwk::from_oct_bytes(&kek_a).unwrap();
    let b = Jwk::from_oct_bytes(&kek_b).unwrap();
    let enc = E::A256Gcm;
    let e = JsonEncrypter::new(enc)
        .add_recipient(&a, K::A256KW, None)
        .unwrap()
        .add_recipient(&b, K::A256KW, None)
        .unwrap();
    let (kw_a, kw_b) = (
        KwAes256::new_from_slice(&kek_a).unwrap(),
        KwAes256::new_from_slice(&kek_b).unwrap(),
    );
    let (mut ceks, mut ivs) = (Vec::new(), Vec::new());
    for _ in 0..N {
        let t: Value = serde_json::from_str(&e.encrypt(b"same", None).unwrap()).unwrap();
        let wrapped = |i: usize| {
            support::b64::decode(t["recipients"][i]["encrypted_key"].as_str().unwrap()).unwrap()
        };
        let (wa, wb) = (wrapped(0), wrapped(1));
        let mut buf_a = vec![0u8; wa.len()];
        let mut buf_b = vec![0u8; wb.len()];
        let cek = kw_a.unwrap_key(&wa, &mut buf_a).unwrap().to_vec();
        assert_eq!(kw_b.unwrap_key(&wb, &mut buf_b).unwrap(), &cek[..]);
        ceks.push(cek);
        ivs.push(support::b64::decode(t["iv"].as_str().unwrap()).unwrap());
    }
    check_fresh("JSON A256KW x2", enc, &ceks, &ivs);
}

#[test]
fn ecdh_es_ephemeral_keys_fresh() {
    for crv in ["P-256", "P-384", "P-521", "X25519", "X448"] {
        let key = if crv.starts_with('P') {
            Jwk::generate_ec(crv)
        } else {
            Jwk::generate_okp(crv)
        }
        .unwrap();
        let own: Value = serde_json::from_str(&key.export_public().unwrap()).unwrap();
        for alg in [K::EcdhEs, K::EcdhEsA256KW] {
            let e = Encrypter::new(&key, alg, E::A128Gcm).unwrap();
            let mut seen = HashSet::new();
            let mut ivs = HashSet::new();
            // Fewer tokens than elsewhere: an ephemeral key pair per token is the slow part.
            for _ in 0..32 {
                let t = e.encrypt_compact(b"same").unwrap();
                let epk = header(&t)["epk"].clone();
                assert_eq!(epk["crv"], own["crv"], "{crv}");
                assert_ne!(epk["x"], own["x"], "{crv}: the recipient's own key as epk");
                assert!(epk.get("d").is_none(), "{crv}: a private epk");
                assert!(
                    seen.insert(epk["x"].as_str().unwrap().to_owned()),
                    "{crv} {alg}"
                );
                assert!(ivs.insert(part(&t, 2)), "{crv} {alg}: an IV repeats");
                if alg == K::EcdhEs {
                    assert!(part(&t, 1).is_empty());
                }
            }
        }
    }
}

#[test]
fn pbes2_salts_fresh_and_full_length() {
    let password = Password::new(b"correct horse battery staple".to_vec()).unwrap();
    for alg in [K::Pbes2Hs256A128KW, K::Pbes2Hs512A256KW] {
        let e = Encrypter::with_password(&password, alg, E::A128Gcm)
            .unwrap()
            .with_p2c(1000)
            .unwrap();
        let mut salts = HashSet::new();
        let mut wrapped = HashSet::new();
        for _ in 0..N {
            let t = e.encrypt_compact(b"same").unwrap();
            let p2s = member(&header(&t), "p2s");
            assert!(p2s.len() >= 16, "{alg}: {} byte salt", p2s.len());
            assert!(p2s.iter().any(|&b| b != p2s[0]), "{alg}: degenerate salt");
            assert!(salts.insert(p2s), "{alg}: a salt repeats");
            // With a fresh salt and CEK, the wrapped CEK never repeats either.
            assert!(wrapped.insert(part(&t, 1)), "{alg}: a wrapped CEK repeats");
        }
    }
}
