//! `jwcrypt jwe encrypt` / `jwcrypt jwe decrypt`: round trips for every alg × enc, JSON,
//! compression, key selection and exit codes (0 ok, 1 rejected, 2 usage).

use crate::{TempDir, run, support};
use std::path::Path;
use std::process::Output;

use jwcrypt::{ContentEncryptionAlg as E, Jwk, KeyManagementAlg as K};
use serde_json::Value;

/// The committed RFC 7520 RSA key without its `"use": "sig"`, as a file.
fn rsa_key_file(dir: &TempDir) -> String {
    let text = std::fs::read_to_string(support::data_path("rfc7520/jwk/3_4.rsa_private_key.json"))
        .unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("use");
    dir.write("rsa.json", v.to_string())
}

fn key_file(dir: &TempDir, name: &str, key: &Jwk) -> String {
    dir.write(name, key.export_private().unwrap().as_bytes())
}

fn ok(o: &Output) -> &[u8] {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    &o.stdout
}

fn encrypt(key: &str, alg: &str, enc: &str, extra: &[&str], pt: &[u8]) -> String {
    let mut args = vec!["jwe", "encrypt", "--key", key, "--alg", alg, "--enc", enc];
    args.extend_from_slice(extra);
    let out = run(&args, pt);
    let text = String::from_utf8(ok(&out).to_vec()).unwrap();
    assert!(text.ends_with('\n') && !text.trim_end().contains('\n'));
    text
}

#[test]
fn round_trip_every_alg_and_enc() {
    let dir = TempDir::new("all");
    let rsa = rsa_key_file(&dir);
    let pt = b"binary \x00\xff plaintext\n";
    for &alg in K::ALL {
        // RSA1_5 never encrypts; PBES2 takes --password-file (jwe_pbes2.rs).
        if alg == K::Rsa1_5 || alg.is_pbes2() {
            continue;
        }
        for &enc in E::ALL {
            let key = match alg {
                K::RsaOaep | K::RsaOaep256 | K::RsaOaep384 | K::RsaOaep512 => rsa.clone(),
                K::Dir => key_file(
                    &dir,
                    "dir.json",
                    &Jwk::generate_oct(enc.key_len() * 8).unwrap(),
                ),
                _ => key_file(&dir, "kek.json", &Jwk::generate_for(alg).unwrap()),
            };
            let token = encrypt(&key, alg.name(), enc.name(), &[], pt);
            assert_eq!(token.matches('.').count(), 4);
            let out = run(
                &[
                    "jwe",
                    "decrypt",
                    "--key",
                    &key,
                    "--alg",
                    alg.name(),
                    "--enc",
                    enc.name(),
                ],
                token.as_bytes(),
            );
            assert_eq!(ok(&out), pt, "{alg} {enc}");
        }
    }
}

#[test]
fn json_zip_cty_and_key_alg() {
    let dir = TempDir::new("json");
    let key = Jwk::generate_for(K::A256KW).unwrap().with_kid("k1");
    let kf = key_file(&dir, "k.json", &key);
    let pt = "compress me ".repeat(100);
    let json = encrypt(
        &kf,
        "A256KW",
        "A256CBC-HS512",
        &["--json", "--zip", "--cty", "text/plain"],
        pt.as_bytes(),
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v["ciphertext"].as_str().unwrap().len() < pt.len());
    let seen = jwcrypt::dangerous::inspect(json.trim()).unwrap();
    let h = seen.headers();
    assert_eq!(h["protected"]["zip"], "DEF");
    assert_eq!(h["protected"]["cty"], "text/plain");
    assert_eq!(h["protected"]["kid"], "k1");
    // The key's alg decides without --alg.
    let out = run(&["jwe", "decrypt", "--key", &kf], json.as_bytes());
    assert_eq!(ok(&out), pt.as_bytes());
    // --enc restricts.
    let out = run(
        &["jwe", "decrypt", "--key", &kf, "--enc", "A128GCM"],
        json.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    // A JWK Set and --kid.
    let set = format!(
        r#"{{"keys":[{},{}]}}"#,
        Jwk::generate_for(K::A256KW)
            .unwrap()
            .with_kid("other")
            .export_private()
            .unwrap()
            .as_str(),
        key.export_private().unwrap().as_str()
    );
    let sf = dir.write("set.json", &set);
    let out = run(&["jwe", "decrypt", "--key", &sf], json.as_bytes());
    assert_eq!(ok(&out), pt.as_bytes());
    let compact = encrypt(&sf, "A256KW", "A128GCM", &["--kid", "k1"], b"from a set");
    let out = run(&["jwe", "decrypt", "--key", &kf], compact.as_bytes());
    assert_eq!(ok(&out), b"from a set");
    // A set without --kid cannot encrypt: usage error.
    let out = run(
        &[
            "jwe", "encrypt", "--key", &sf, "--alg", "A256KW", "--enc", "A128GCM",
        ],
        b"x",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exit_codes() {
    let dir = TempDir::new("codes");
    let key = Jwk::generate_oct(128).unwrap();
    let kf = key_file(&dir, "k.json", &key);
    let token = encrypt(&kf, "A128KW", "A128GCM", &[], b"x");
    // No --alg and no key alg: usage error.
    let out = run(&["jwe", "decrypt", "--key", &kf], token.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    // Unknown algorithm names: usage errors.
    let out = run(
        &[
            "jwe", "encrypt", "--key", &kf, "--alg", "A128KWX", "--enc", "A128GCM",
        ],
        b"x",
    );
    assert_eq!(out.status.code(), Some(2));
    let out = run(
        &[
            "jwe", "decrypt", "--key", &kf, "--alg", "A128KW", "--enc", "nope",
        ],
        token.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    // RSA1_5 is never offered for encryption.
    let rsa = rsa_key_file(&dir);
    let out = run(
        &[
            "jwe", "encrypt", "--key", &rsa, "--alg", "RSA1_5", "--enc", "A128GCM",
        ],
        b"x",
    );
    assert_eq!(out.status.code(), Some(2));
    // Tampered token: rejected, exit 1, one line on stderr, nothing on stdout.
    let mut bad = token.trim().to_owned();
    let last = bad.pop().unwrap();
    bad.push(if last == 'A' { 'Q' } else { 'A' });
    let out = run(
        &["jwe", "decrypt", "--key", &kf, "--alg", "A128KW"],
        bad.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    // Algorithm not allowed, garbage input, wrong key size: exit 1.
    let out = run(
        &["jwe", "decrypt", "--key", &kf, "--alg", "A256KW"],
        token.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run(
        &["jwe", "decrypt", "--key", &kf, "--alg", "A128KW"],
        b"not a token",
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run(
        &[
            "jwe", "encrypt", "--key", &kf, "--alg", "A256KW", "--enc", "A128GCM",
        ],
        b"x",
    );
    assert_eq!(out.status.code(), Some(1));
    // Missing key file: usage.
    let missing = Path::new(&dir.0).join("missing.json");
    let out = run(
        &[
            "jwe",
            "decrypt",
            "--key",
            missing.to_str().unwrap(),
            "--alg",
            "A128KW",
        ],
        token.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rsa1_5_needs_the_flag() {
    let v =
        support::read_json("rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    let dir = TempDir::new("rsa15");
    let kf = dir.write("k.json", v["input"]["key"].to_string());
    let token = v["output"]["compact"].as_str().unwrap();
    let out = run(
        &["jwe", "decrypt", "--key", &kf, "--alg", "RSA1_5"],
        token.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let out = run(
        &[
            "jwe",
            "decrypt",
            "--key",
            &kf,
            "--alg",
            "RSA1_5",
            "--allow-rsa1-5",
        ],
        token.as_bytes(),
    );
    assert_eq!(
        ok(&out),
        v["input"]["plaintext"].as_str().unwrap().as_bytes()
    );
    // The general JSON serialization too.
    let json = v["output"]["json"].to_string();
    let out = run(
        &[
            "jwe",
            "decrypt",
            "--key",
            &kf,
            "--alg",
            "RSA1_5",
            "--allow-rsa1-5",
        ],
        json.as_bytes(),
    );
    assert_eq!(
        ok(&out),
        v["input"]["plaintext"].as_str().unwrap().as_bytes()
    );
}
