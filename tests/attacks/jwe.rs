//! The JWE attacks of ATTACKS.md (rows 1, 10, 16–20, 24, 27–29, 34), named after the
//! advisories.

use crate::support::{self, rsa_key, tamper_part};
use jwcrypt::jwe::{Decrypter, Encrypter, JsonEncrypter};
use jwcrypt::{ContentEncryptionAlg as E, Error, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K};
use serde_json::{Value, json};

fn is_decryption_error(e: &Error) -> bool {
    e.kind() == ErrorKind::Decryption && e.to_string() == Error::decryption().to_string()
}

fn oct_cases() -> Vec<(Jwk, K, E)> {
    let mut v = Vec::new();
    for &enc in E::ALL {
        v.push((Jwk::generate_for(enc).unwrap(), K::Dir, enc));
        for alg in [K::A128KW, K::A256KW, K::A192GCMKW, K::A256GCMKW] {
            v.push((Jwk::generate_for(alg).unwrap(), alg, enc));
        }
    }
    v
}

/// ATTACKS row 18. Every part of every positive case tampered with (bit flips, truncations): the one
/// decryption error (or a structural error for the header).
#[test]
fn ghsa_rm8v_mxj3_5rmq_every_tamper_is_the_same_error() {
    let rsa = rsa_key();
    let mut cases = oct_cases();
    cases.push((rsa.clone(), K::RsaOaep, E::A128CbcHs256));
    cases.push((rsa.clone(), K::RsaOaep256, E::A256Gcm));
    let mut count = 0;
    for (key, alg, enc) in &cases {
        let token = Encrypter::new(key, *alg, *enc)
            .unwrap()
            .encrypt_compact(b"a message of some forty-odd bytes, padded")
            .unwrap();
        let d = Decrypter::new(key, &[*alg], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
        assert!(d.decrypt(&token).is_ok());
        for part in 1..5 {
            if part == 1 && *alg == K::Dir {
                // dir has an empty encrypted key: adding bytes is refused the same way.
                let t = token.replacen("..", ".AAAA.", 1);
                assert!(is_decryption_error(&d.decrypt(&t).unwrap_err()));
                continue;
            }
            for flip in [0usize, 7, 15, 1000] {
                let t = tamper_part(&token, part, Some(flip), 0);
                let e = d.decrypt(&t).unwrap_err();
                assert!(is_decryption_error(&e), "{alg} {enc} part {part}: {e}");
                count += 1;
            }
            for cut in [1usize, 4, 16, 1000] {
                let t = tamper_part(&token, part, None, cut);
                let e = d.decrypt(&t).unwrap_err();
                assert!(
                    is_decryption_error(&e),
                    "{alg} {enc} part {part} cut {cut}: {e}"
                );
                count += 1;
            }
        }
        // The protected header changed but still valid: authenticated, so decryption fails.
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let mut h: Value =
            serde_json::from_slice(&support::b64::decode(&parts[0]).unwrap()).unwrap();
        h["x"] = json!(1);
        parts[0] = support::b64::encode(h.to_string().as_bytes());
        assert!(is_decryption_error(
            &d.decrypt(&parts.join(".")).unwrap_err()
        ));
        // Raw bit flips in the header text are refused (any kind), never accepted.
        for i in 0..token.find('.').unwrap() {
            let mut b = token.clone().into_bytes();
            b[i] ^= 0x01;
            if let Ok(t) = String::from_utf8(b) {
                assert!(d.decrypt(&t).is_err());
            }
        }
    }
    println!("{count} tampered tokens rejected with the one decryption error");
}

/// ATTACKS row 19. A correct HMAC over a ciphertext with bad padding fails exactly like a bad tag
/// (python-jose #402/#421, GHSA-rm8v-mxj3-5rmq).
#[test]
fn python_jose_402_valid_tag_over_bad_padding() {
    use aes::cipher::{BlockCipherEncrypt, KeyInit};
    use hmac::{Hmac, Mac};
    let cek = [0x42u8; 32];
    let key = Jwk::from_oct_bytes(&cek).unwrap();
    let protected = support::b64::encode(br#"{"alg":"dir","enc":"A128CBC-HS256"}"#);
    let iv = [7u8; 16];
    // One block that decrypts to bytes ending in 0x00 (invalid PKCS#7).
    let mut block = aes::cipher::Array::from([0u8; 16]);
    for (b, i) in block.iter_mut().zip(iv) {
        *b ^= i;
    }
    aes::Aes128::new_from_slice(&cek[16..])
        .unwrap()
        .encrypt_block(&mut block);
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&cek[..16]).unwrap();
    mac.update(protected.as_bytes());
    mac.update(&iv);
    mac.update(&block);
    mac.update(&((protected.len() as u64) * 8).to_be_bytes());
    let tag = mac.finalize().into_bytes()[..16].to_vec();
    let enc = |t: &[u8]| {
        format!(
            "{protected}..{}.{}.{}",
            support::b64::encode(&iv),
            support::b64::encode(&block),
            support::b64::encode(t)
        )
    };
    let d = Decrypter::new(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let bad_padding = d.decrypt(&enc(&tag)).unwrap_err();
    let mut wrong = tag.clone();
    wrong[3] ^= 0x80;
    let bad_tag = d.decrypt(&enc(&wrong)).unwrap_err();
    assert!(is_decryption_error(&bad_padding));
    assert_eq!(bad_padding.to_string(), bad_tag.to_string());
}

/// ATTACKS row 20. CVE-2023-37464 (and json-jwt CVE-2018-1000539): truncated GCM tags are refused.
#[test]
fn cve_2023_37464_gcm_tag_must_be_16_bytes() {
    for enc in [E::A128Gcm, E::A192Gcm, E::A256Gcm] {
        let key = Jwk::generate_for(enc).unwrap();
        let token = Encrypter::new(&key, K::Dir, enc)
            .unwrap()
            .encrypt_compact(b"x")
            .unwrap();
        let d = Decrypter::new(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
        for keep in [0usize, 1, 4, 12, 15] {
            let t = tamper_part(&token, 4, None, 16 - keep);
            assert!(is_decryption_error(&d.decrypt(&t).unwrap_err()), "{keep}");
        }
        // A GCMKW key wrap tag too.
        let kek = Jwk::generate_for(K::A128GCMKW).unwrap();
        let t = Encrypter::new(&kek, K::A128GCMKW, enc)
            .unwrap()
            .encrypt_json(b"x", None)
            .unwrap();
        let mut v: Value = serde_json::from_str(&t).unwrap();
        let prot = v["protected"].as_str().unwrap().to_owned();
        let mut h: Value = serde_json::from_slice(&support::b64::decode(&prot).unwrap()).unwrap();
        let short = support::b64::decode(h["tag"].as_str().unwrap()).unwrap();
        h["tag"] = support::b64::encode(&short[..12]).into();
        v["protected"] = support::b64::encode(h.to_string().as_bytes()).into();
        let e = Decrypter::new(&kek, &[K::A128GCMKW], jwcrypt::ContentEncryptionAlg::ALL)
            .unwrap()
            .decrypt_json(&v.to_string())
            .unwrap_err();
        assert!(is_decryption_error(&e));
    }
}

/// A CEK of the wrong length after unwrapping (16 bytes wrapped for A256CBC-HS512) is the
/// same decryption error.
#[test]
fn wrong_length_cek_after_unwrap() {
    let kek = Jwk::generate_for(K::A256KW).unwrap();
    let short = Encrypter::new(&kek, K::A256KW, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    let long = Encrypter::new(&kek, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    let s: Vec<&str> = short.split('.').collect();
    let l: Vec<&str> = long.split('.').collect();
    let spliced = [l[0], s[1], l[2], l[3], l[4]].join(".");
    let d = Decrypter::new(&kek, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    assert!(is_decryption_error(&d.decrypt(&spliced).unwrap_err()));
}

/// ATTACKS row 17. CVE-2016-6298 (Bleichenbacher / Million Message): with RSA1_5 allowed, bad padding and
/// good padding with a wrong-length CEK give the same error; by default RSA1_5 is refused.
#[test]
fn cve_2016_6298_rsa1_5_same_error_for_bad_padding_and_wrong_cek() {
    use rsa::traits::PublicKeyParts;
    let v =
        support::read_json("rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    let key = Jwk::from_value(&v["input"]["key"]).unwrap();
    let token = v["output"]["compact"].as_str().unwrap();
    let d = Decrypter::new(&key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .allow_rsa1_5_insecure();
    assert!(d.decrypt(token).is_ok());
    let n = support::b64::decode(v["input"]["key"]["n"].as_str().unwrap()).unwrap();
    let public = rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice_vartime(&n),
        rsa::BoxedUint::from(65537u32),
    )
    .unwrap();
    let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
    let wrong_len = public
        .encrypt(&mut rng, rsa::Pkcs1v15Encrypt, &[1u8; 16])
        .unwrap();
    let right_len_wrong_key = public
        .encrypt(&mut rng, rsa::Pkcs1v15Encrypt, &[1u8; 32])
        .unwrap();
    let mut garbage = vec![0x5au8; public.size()];
    garbage[0] = 0;
    let parts: Vec<&str> = token.split('.').collect();
    let with = |ek: &[u8]| {
        let ek = support::b64::encode(ek);
        [parts[0], &ek, parts[2], parts[3], parts[4]].join(".")
    };
    let errors: Vec<Error> = [&wrong_len[..], &right_len_wrong_key, &garbage, &[1, 2, 3]]
        .iter()
        .map(|ek| d.decrypt(&with(ek)).unwrap_err())
        .collect();
    for e in &errors {
        assert!(is_decryption_error(e), "{e}");
    }
    // Default policy: refused.
    let e = Decrypter::for_key_algs(key.clone().with_alg(K::Rsa1_5), E::ALL)
        .unwrap()
        .decrypt(token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert_eq!(
        Decrypter::new(
            &key,
            &[K::RsaOaep, K::RsaOaep256],
            jwcrypt::ContentEncryptionAlg::ALL
        )
        .unwrap()
        .decrypt(token)
        .unwrap_err()
        .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
}

/// ATTACKS row 34 (JWE), go-jose v4: decryption cannot run without an algorithm list.
#[test]
fn go_jose_v4_69_jwe_alg_list_is_mandatory() {
    let key = Jwk::generate_for(K::A128KW).unwrap();
    assert_eq!(
        Decrypter::new(&key, &[], &[]).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    // An empty list of content encryptions is refused too: never "every one".
    assert_eq!(
        Decrypter::new(&key, &[K::A128KW], &[]).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let no_alg = Jwk::generate_oct(128).unwrap();
    assert_eq!(
        Decrypter::for_key_algs(&no_alg, jwcrypt::ContentEncryptionAlg::ALL)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    let t = Encrypter::new(&key, K::A128KW, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    let e = Decrypter::new(&key, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(&t)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed);
}

fn json_token(key: &Jwk) -> Value {
    let t = Encrypter::new(key, K::A128KW, E::A128Gcm)
        .unwrap()
        .encrypt_json(b"hello", None)
        .unwrap();
    serde_json::from_str(&t).unwrap()
}

/// ATTACKS rows 10 and 24 (JWE). CVE-2024-28176 / GHSA-jc38-x7x8-2xc8: `zip` and `enc` outside the protected header,
/// duplicated header names, and `crit` rules.
#[test]
fn cve_2024_28176_header_placement_rules() {
    let key = Jwk::generate_for(K::A128KW).unwrap();
    let d = Decrypter::new(&key, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let base = json_token(&key);
    assert!(d.decrypt_json(&base.to_string()).is_ok());
    let cases: Vec<(Value, ErrorKind)> = vec![
        (
            json!({"unprotected": {"zip": "DEF"}}),
            ErrorKind::InvalidHeader,
        ),
        (json!({"header": {"zip": "DEF"}}), ErrorKind::InvalidHeader),
        (
            json!({"unprotected": {"enc": "A128GCM"}}),
            ErrorKind::InvalidHeader,
        ),
        (
            json!({"header": {"alg": "A128KW"}}),
            ErrorKind::InvalidHeader,
        ),
        (
            json!({"unprotected": {"kid": "x"}, "header": {"kid": "y"}}),
            ErrorKind::InvalidHeader,
        ),
        (
            json!({"header": {"crit": ["x"], "x": 1}}),
            ErrorKind::InvalidHeader,
        ),
        (json!({"protected": null}), ErrorKind::MalformedToken),
        (json!({"protected": 1}), ErrorKind::MalformedToken),
        (json!({"ciphertext": null}), ErrorKind::MalformedToken),
        (json!({"recipients": []}), ErrorKind::MalformedToken),
        (json!({"recipients": {}}), ErrorKind::MalformedToken),
        (json!({"recipients": [1]}), ErrorKind::MalformedToken),
        (json!({"header": 1}), ErrorKind::MalformedToken),
        (json!({"iv": 5}), ErrorKind::MalformedToken),
    ];
    for (patch, kind) in cases {
        let mut t = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                t.as_object_mut().unwrap().remove(k);
            } else {
                t[k] = v.clone();
            }
        }
        let e = d.decrypt_json(&t.to_string()).unwrap_err();
        assert_eq!(e.kind(), kind, "{patch}: {e}");
    }
    // Protected-header variants.
    let prot = |h: &str| {
        let mut t = base.clone();
        t["protected"] = support::b64::encode(h.as_bytes()).into();
        d.decrypt_json(&t.to_string()).unwrap_err().kind()
    };
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":"A128GCM","crit":["exp"],"exp":1}"#),
        ErrorKind::UnsupportedCritical
    );
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":"A128GCM","crit":["zip"]}"#),
        ErrorKind::UnsupportedCritical
    );
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":"A128GCM","crit":[]}"#),
        ErrorKind::InvalidHeader
    );
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":"A128GCM","alg":"A128KW"}"#),
        ErrorKind::InvalidHeader
    );
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":"A128GCM","zip":"GZIP"}"#),
        ErrorKind::UnsupportedAlgorithm
    );
    assert_eq!(prot(r#"{"alg":"A128KW"}"#), ErrorKind::InvalidHeader);
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":1}"#),
        ErrorKind::InvalidHeader
    );
    assert_eq!(
        prot(r#"{"alg":"none","enc":"A128GCM"}"#),
        ErrorKind::UnsupportedAlgorithm
    );
    assert_eq!(prot(r#"{"enc":"A128GCM"}"#), ErrorKind::InvalidHeader);
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":"A128GCM","kid":5}"#),
        ErrorKind::InvalidHeader
    );
    assert_eq!(prot(r#"[]"#), ErrorKind::InvalidHeader);
    assert_eq!(
        prot(r#"{"alg":"A128KW","enc":"A128GCM"} x"#),
        ErrorKind::InvalidHeader
    );
}

/// ATTACKS row 16 (JWE). CVE-2025-27144: 10 MB of '.' fails fast (length first, then a dot count; no splitting).
#[test]
fn cve_2025_27144_jwe_many_dots() {
    let key = Jwk::generate_for(K::A128KW).unwrap();
    let dots = ".".repeat(10 << 20);
    let d = Decrypter::new(&key, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    assert_eq!(
        d.decrypt(&dots).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    let mut big = jwcrypt::Limits::default();
    big.max_token_len = 16 << 20;
    let d = d.with_limits(big);
    assert_eq!(
        d.decrypt(&dots).unwrap_err().kind(),
        ErrorKind::MalformedToken
    );
    assert_eq!(
        d.decrypt("a.b.c").unwrap_err().kind(),
        ErrorKind::MalformedToken
    );
    assert_eq!(d.decrypt("").unwrap_err().kind(), ErrorKind::MalformedToken);
}

/// ATTACKS row 28 (JWE). CVE-2025-53864: deep nesting in the header or the JSON serialization.
#[test]
fn cve_2025_53864_jwe_deep_nesting() {
    let key = Jwk::generate_for(K::A128KW).unwrap();
    let d = Decrypter::new(&key, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = format!(r#"{{"protected":"x","ciphertext":"","x":{deep}}}"#);
    assert_eq!(
        d.decrypt_json(&text).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    let h = format!(
        r#"{{"alg":"A128KW","enc":"A128GCM","x":{}{}}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    let t = format!("{}....", support::b64::encode(h.as_bytes()));
    assert_eq!(d.decrypt(&t).unwrap_err().kind(), ErrorKind::LimitExceeded);
}

/// Recipient limits and selection by kid.
#[test]
fn recipients_limit_and_key_selection() {
    let keys: Vec<Jwk> = (0..3)
        .map(|i| {
            Jwk::generate_for(K::A128KW)
                .unwrap()
                .with_kid(format!("k{i}"))
        })
        .collect();
    let mut e = JsonEncrypter::new(E::A256Gcm);
    for k in &keys {
        e = e.add_recipient(k, K::A128KW, None).unwrap();
    }
    let token = e.encrypt(b"multi", Some(b"ad")).unwrap();
    for (i, k) in keys.iter().enumerate() {
        let out = Decrypter::new(k, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL)
            .unwrap()
            .decrypt(&token)
            .unwrap();
        assert_eq!((out.plaintext(), out.recipient_index()), (&b"multi"[..], i));
        assert_eq!(out.header().kid(), Some(format!("k{i}").as_str()));
    }
    // A JWK Set picks by kid.
    let set_json = json!({"keys": [
        serde_json::from_str::<Value>(&keys[2].export_private().unwrap()).unwrap(),
    ]});
    let set = JwkSet::from_json(set_json.to_string()).unwrap();
    let out = Decrypter::new(&set, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(&token)
        .unwrap();
    assert_eq!(out.recipient_index(), 2);
    // A key no recipient names.
    let other = Jwk::generate_for(K::A128KW).unwrap().with_kid("zz");
    let set = JwkSet::from_json(
        json!({"keys": [serde_json::from_str::<Value>(&other.export_private().unwrap()).unwrap()]})
            .to_string(),
    )
    .unwrap();
    let e = Decrypter::new(&set, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(&token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
    // Too many recipients.
    let mut v: Value = serde_json::from_str(&token).unwrap();
    let r = v["recipients"][0].clone();
    v["recipients"] = Value::Array(vec![r; 17]);
    let e = Decrypter::new(&keys[0], &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt_json(&v.to_string())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    // dir cannot be mixed with other recipients; a dir-only JSON token works.
    let dk = Jwk::generate_for(E::A256Gcm).unwrap();
    assert!(
        JsonEncrypter::new(E::A256Gcm)
            .add_recipient(&dk, K::Dir, None)
            .unwrap()
            .add_recipient(&keys[0], K::A128KW, None)
            .unwrap()
            .encrypt(b"x", None)
            .is_err()
    );
}

/// Encrypter options and the registered-name rule.
#[test]
fn encrypter_header_options() {
    let key = Jwk::generate_for(K::A128KW).unwrap().with_kid("own");
    let e = Encrypter::new(&key, K::A128KW, E::A128CbcHs256).unwrap();
    for name in [
        "alg", "enc", "zip", "crit", "kid", "iv", "tag", "p2c", "epk",
    ] {
        assert_eq!(
            e.clone().with_member(name, json!(1)).unwrap_err().kind(),
            ErrorKind::InvalidArgument,
            "{name}"
        );
    }
    let t = e
        .with_typ("JWE")
        .with_cty("JWT")
        .with_member("app", json!({"a": 1}))
        .unwrap()
        .with_compression()
        .encrypt_compact(b"hello hello hello hello")
        .unwrap();
    let seen = jwcrypt::dangerous::inspect(&t).unwrap();
    assert_eq!(
        *seen.headers(),
        json!({"alg":"A128KW","kid":"own","enc":"A128CBC-HS256","zip":"DEF","typ":"JWE","cty":"JWT","app":{"a":1}})
    );
    let out = Decrypter::new(&key, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .decrypt(&t)
        .unwrap();
    assert_eq!(out.plaintext(), b"hello hello hello hello");
    let hd = out.header();
    assert_eq!(
        (hd.typ(), hd.cty(), hd.kid()),
        (Some("JWE"), Some("JWT"), Some("own"))
    );
    assert_eq!(hd.get("app"), Some(&json!({"a": 1})));
    assert_eq!(hd.other().len(), 1);
    assert!(hd.zip());
}

/// ATTACKS rows 27 and 29 (JWE). CVE-2024-21664 / CVE-2019-17195: mutated JSON serializations never panic.
#[test]
fn cve_2024_21664_cve_2019_17195_jwe_mutated_json_never_panics() {
    let key = Jwk::generate_for(K::A128KW).unwrap();
    let d = Decrypter::new(&key, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let text = json_token(&key).to_string();
    let bytes = text.as_bytes();
    let mut seed = 0x2545F4914F6CDD1Du64;
    for _ in 0..3000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut b = bytes.to_vec();
        let i = (seed as usize) % b.len();
        match seed % 4 {
            0 => b[i] = (seed >> 8) as u8,
            1 => {
                b.remove(i);
            }
            2 => b.truncate(i),
            _ => b.insert(i, b"{}[]\":,.0"[(seed >> 16) as usize % 9]),
        }
        if let Ok(s) = String::from_utf8(b) {
            let _ = d.decrypt(&s);
            let _ = jwcrypt::dangerous::inspect(&s);
        }
    }
}

/// ATTACKS row 1 (the converse). A JWS (three parts) is not a JWE.
#[test]
fn cve_2022_3102_a_jws_is_not_a_jwe() {
    let key = Jwk::generate_for(K::A128KW).unwrap();
    let d = Decrypter::new(&key, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let jws = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    assert_eq!(
        d.decrypt(jws).unwrap_err().kind(),
        ErrorKind::MalformedToken
    );
}
