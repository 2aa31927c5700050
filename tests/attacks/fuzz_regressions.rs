//! Replays every input under tests/data/fuzz-regressions/<target>/ through the same calls as
//! the cargo-fuzz target of that name (fuzz/fuzz_targets/<target>.rs): each must give a
//! result (usually an error), never a panic. A crash found by `fuzz/run.sh` is fixed in src/
//! and its artifact copied here, so that the plain test suite keeps it fixed.
//!
//! The structured round-trip targets (`roundtrip_jws`, `roundtrip_jwe`) take `arbitrary`
//! input that is not meaningful as a file: their crashes are written as explicit tests
//! instead (none so far).

use std::path::PathBuf;
use std::sync::OnceLock;

use jwcrypt::jwe::Decrypter;
use jwcrypt::jws::Verifier;
use jwcrypt::jwt::{Claims, FixedClock, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg, Jwk, JwkSet, KeyManagementAlg, SigningAlg};

/// The fixed keys of fuzz/fuzz_targets/common.rs.
fn keys() -> &'static JwkSet {
    static SET: OnceLock<JwkSet> = OnceLock::new();
    SET.get_or_init(|| {
        [
            r#"{"kty":"oct","kid":"hs","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#,
            r#"{"kty":"oct","kid":"kw","k":"GawgguFyGrWKav7AX4VKUg3fZoZ2jd2CH6nu6cRGBYs"}"#,
            include_str!("../data/rfc7520/jwk/3_4.rsa_private_key.json"),
        ]
        .iter()
        .map(|j| Jwk::from_json(j).unwrap())
        .collect()
    })
}

fn decrypter() -> Decrypter {
    let algs: Vec<KeyManagementAlg> = KeyManagementAlg::ALL
        .iter()
        .copied()
        .filter(|a| *a != KeyManagementAlg::Rsa1_5)
        .collect();
    Decrypter::new(keys(), &algs, ContentEncryptionAlg::ALL).unwrap()
}

fn replay(target: &str, data: &[u8]) {
    let text = std::str::from_utf8(data).ok();
    match target {
        // jwcrypt's b64 module is crate-internal: its regressions are replayed by the unit
        // test `b64::tests::fuzz_regressions_round_trip`.
        "b64" => {}
        "jwk" => {
            if let Ok(key) = Jwk::from_json(data) {
                let _ = format!("{key:?}");
                let json = if key.is_private() {
                    key.export_private().map(|s| s.to_string())
                } else {
                    key.export_public()
                };
                assert!(Jwk::from_json(json.unwrap()).unwrap() == key);
            }
        }
        "jwk_set" => {
            if let Ok(set) = JwkSet::from_json(data) {
                for key in set.iter() {
                    let _ = key.thumbprint(jwcrypt::jwa::HashAlg::Sha256);
                }
            }
        }
        "pem" => {
            let _ = Jwk::from_der(data);
            if let Some(t) = text {
                let _ = Jwk::from_pem(t);
                let _ = Jwk::from_pem_with_password(t, b"password");
            }
        }
        "claims" => {
            if let Ok(claims) = Claims::from_json(data) {
                let v = Validation::new()
                    .issuer("iss")
                    .audience("aud")
                    .max_age(std::time::Duration::from_secs(3600))
                    .clock(FixedClock(1_700_000_000));
                let _ = v.validate(&claims);
                assert_eq!(Claims::from_json(claims.to_json()).unwrap(), claims);
            }
        }
        "jws_compact" | "jws_json" => {
            if let Some(t) = text {
                let v = Verifier::new(keys(), SigningAlg::ALL).unwrap();
                let _ = v.verify(t);
                let _ = v.verify_compact_detached(t, b"payload");
                let _ = jwcrypt::dangerous::inspect(t).map(|i| i.payload());
            }
        }
        "jwe_compact" | "jwe_json" => {
            if let Some(t) = text {
                let _ = decrypter().decrypt(t);
                let _ = jwcrypt::dangerous::inspect(t);
            }
        }
        "jwt_nested" => {
            if let Some(t) = text {
                let reader = Reader::builder(Validation::new().allow_missing_exp())
                    .decrypt_with(
                        keys(),
                        &[KeyManagementAlg::A256KW, KeyManagementAlg::RsaOaep256],
                        ContentEncryptionAlg::ALL,
                    )
                    .verify_with(keys(), &[SigningAlg::HS256, SigningAlg::RS256])
                    .build()
                    .unwrap();
                let _ = reader.read(t);
                let _ = jwcrypt::dangerous::inspect(t).map(|i| i.claims());
            }
        }
        other => panic!("no replay for fuzz target {other}: write an explicit test"),
    }
}

#[test]
fn fuzz_regression_inputs_do_not_panic() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let Ok(targets) = std::fs::read_dir(&root) else {
        return;
    };
    let mut count = 0;
    for target in targets {
        let target = target.unwrap().path();
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        for input in std::fs::read_dir(&target).unwrap() {
            let path = input.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            println!("{name}: {}", path.display());
            replay(&name, &data);
            count += 1;
        }
    }
    println!("{count} fuzz regression inputs replayed");
}
