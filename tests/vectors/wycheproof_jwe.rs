//! Wycheproof json_web_encryption_test.json: every case whose algorithm jwcrypt implements.
//! Every case is in scope, ECDH-ES* included (the file has no PBES2 case); RSA1_5 cases run
//! with the explicit opt-in. Cases are read as compact tokens (the file's one JSON case is
//! expected to be rejected by a compact-only reader).

use crate::support::{hex, read_json};
use jwcrypt::dangerous;
use jwcrypt::jwe::Decrypter;
use jwcrypt::{Jwk, KeyManagementAlg as K};

#[test]
fn wycheproof_json_web_encryption() {
    let v = read_json("wycheproof/json_web_encryption_test.json");
    let (mut valid, mut invalid, mut ecdh) = (0, 0, 0);
    for g in v["testGroups"].as_array().unwrap() {
        let key = Jwk::from_value(&g["private"]);
        for t in g["tests"].as_array().unwrap() {
            let id = &t["tcId"];
            let token = t["jwe"].as_str().unwrap();
            let header_alg = dangerous::inspect(token)
                .ok()
                .and_then(|i| i.headers()["alg"].as_str().map(str::to_owned));
            if g["private"]["alg"]
                .as_str()
                .is_some_and(|a| a.starts_with("ECDH-ES"))
            {
                ecdh += 1;
            }
            let Ok(key) = &key else {
                panic!("tc {id}: the key does not import");
            };
            let mut d = Decrypter::for_key_algs(key, jwcrypt::ContentEncryptionAlg::ALL).unwrap();
            if header_alg.as_deref() == Some("RSA1_5")
                || key.alg().map(|a| a.name()) == Some("RSA1_5")
            {
                let mut algs = vec![K::Rsa1_5];
                if let Some(jwcrypt::jwa::Algorithm::KeyManagement(a)) = key.alg() {
                    algs = vec![*a];
                }
                d = Decrypter::new(key, &algs, jwcrypt::ContentEncryptionAlg::ALL).unwrap();
                if algs.contains(&K::Rsa1_5) {
                    d = d.allow_rsa1_5_insecure();
                }
            }
            let res = d.decrypt_compact(token);
            if t["result"] == "valid" {
                let out = res.unwrap_or_else(|e| panic!("tc {id}: {e}"));
                assert_eq!(out.plaintext(), hex(t["pt"].as_str().unwrap()), "{id}");
                valid += 1;
            } else {
                let e = res
                    .err()
                    .unwrap_or_else(|| panic!("tc {id} ({}) accepted", t["comment"]));
                let flags = t["flags"].to_string();
                if flags.contains("ModifiedPkcs15Padding")
                    || flags.contains("Pkcs5Padding")
                    || t["comment"] == "rejectsInvalidCurvePoint"
                {
                    // No padding oracle: the one decryption error, whatever failed.
                    assert_eq!(e.kind(), jwcrypt::ErrorKind::Decryption, "{id}");
                    assert_eq!(e.to_string(), jwcrypt::Error::decryption().to_string());
                }
                invalid += 1;
            }
        }
    }
    let total = v["numberOfTests"].as_u64().unwrap();
    println!(
        "json_web_encryption_test.json: {valid} valid + {invalid} invalid passed of {total} ({ecdh} ECDH-ES cases), 0 skipped"
    );
    assert_eq!((valid + invalid) as u64, total);
    assert_eq!(ecdh, 44);
}
