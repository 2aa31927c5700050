//! `jwcrypt jwe|jwt encrypt|decrypt` with the ECDH-ES algorithms (RFC 7518 §4.6, RFC 8037
//! §3.2): EC and OKP keys (public on encrypt, private on decrypt), `--apu`/`--apv`, and a JWT
//! nested in an ECDH-ES JWE.

use std::process::Output;

use jwcrypt::Jwk;
use serde_json::Value;

use crate::{TempDir, header_of, run, stdout_of as ok};

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

#[test]
fn ecdh_es_every_curve_and_alg() {
    let d = TempDir::new("curves");
    let keys: Vec<(&str, Jwk)> = vec![
        ("P-256", Jwk::generate_ec("P-256").unwrap()),
        ("P-384", Jwk::generate_ec("P-384").unwrap()),
        ("P-521", Jwk::generate_ec("P-521").unwrap()),
        ("X25519", Jwk::generate_okp("X25519").unwrap()),
        ("X448", Jwk::generate_okp("X448").unwrap()),
    ];
    for (crv, key) in &keys {
        let public = d.write(
            &format!("{crv}.pub.json"),
            key.export_public().unwrap().as_bytes(),
        );
        let private = d.write(
            &format!("{crv}.json"),
            key.export_private().unwrap().as_bytes(),
        );
        for alg in [
            "ECDH-ES",
            "ECDH-ES+A128KW",
            "ECDH-ES+A192KW",
            "ECDH-ES+A256KW",
        ] {
            for enc in ["A128CBC-HS256", "A256GCM"] {
                let args = [
                    "jwe", "encrypt", "--key", &public, "--alg", alg, "--enc", enc,
                ];
                let token = ok(&run(&args, b"plain"));
                let h = header_of(&token);
                assert_eq!(h["epk"]["crv"], *crv);
                assert!(h["epk"].get("d").is_none());
                let args = ["jwe", "decrypt", "--key", &private, "--alg", alg];
                assert_eq!(ok(&run(&args, &token)), b"plain", "{crv} {alg} {enc}");
                // The public key cannot decrypt (exit 1).
                let args = ["jwe", "decrypt", "--key", &public, "--alg", alg];
                assert_eq!(code(&run(&args, &token)), Some(1));
            }
        }
        // JSON output too.
        let args = [
            "jwe",
            "encrypt",
            "--key",
            &public,
            "--alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A256GCM",
            "--json",
        ];
        let token = ok(&run(&args, b"j"));
        let args = [
            "jwe",
            "decrypt",
            "--key",
            &private,
            "--alg",
            "ECDH-ES+A256KW",
        ];
        assert_eq!(ok(&run(&args, &token)), b"j");
    }
    // Ed25519 and secp256k1 keys are refused for ECDH-ES (exit 1).
    for key in [
        Jwk::generate_okp("Ed25519").unwrap(),
        Jwk::generate_ec("secp256k1").unwrap(),
    ] {
        let f = d.write("bad.json", key.export_public().unwrap().as_bytes());
        let args = [
            "jwe", "encrypt", "--key", &f, "--alg", "ECDH-ES", "--enc", "A128GCM",
        ];
        assert_eq!(code(&run(&args, b"x")), Some(1));
    }
}

#[test]
fn apu_apv_copied_verbatim() {
    let d = TempDir::new("apu");
    let key = Jwk::generate_ec("P-256").unwrap();
    let public = d.write("pub.json", key.export_public().unwrap().as_bytes());
    let private = d.write("key.json", key.export_private().unwrap().as_bytes());
    let args = [
        "jwe", "encrypt", "--key", &public, "--alg", "ECDH-ES", "--enc", "A128GCM", "--apu",
        "QWxpY2U", "--apv", "Qm9i",
    ];
    let token = ok(&run(&args, b"x"));
    let h = header_of(&token);
    assert_eq!(
        (h["apu"].as_str(), h["apv"].as_str()),
        (Some("QWxpY2U"), Some("Qm9i"))
    );
    assert_eq!(
        ok(&run(
            &["jwe", "decrypt", "--key", &private, "--alg", "ECDH-ES"],
            &token
        )),
        b"x"
    );
    // Not base64url, padded, or with an algorithm other than ECDH-ES: usage errors.
    for apu in ["not base64!", "QWxpY2U="] {
        let args = [
            "jwe", "encrypt", "--key", &public, "--alg", "ECDH-ES", "--enc", "A128GCM", "--apu",
            apu,
        ];
        assert_eq!(code(&run(&args, b"x")), Some(2), "{apu}");
    }
    let kw = d.write(
        "kw.json",
        Jwk::generate_oct(128)
            .unwrap()
            .export_private()
            .unwrap()
            .as_bytes(),
    );
    let args = [
        "jwe", "encrypt", "--key", &kw, "--alg", "A128KW", "--enc", "A128GCM", "--apu", "QWxpY2U",
    ];
    assert_eq!(code(&run(&args, b"x")), Some(2));
}

#[test]
fn jwt_nested_in_ecdh_es() {
    let d = TempDir::new("jwt");
    let hs = d.write(
        "hs.json",
        Jwk::generate_oct(256)
            .unwrap()
            .export_private()
            .unwrap()
            .as_bytes(),
    );
    for key in [
        Jwk::generate_ec("P-256").unwrap(),
        Jwk::generate_okp("X25519").unwrap(),
    ] {
        let public = d.write("pub.json", key.export_public().unwrap().as_bytes());
        let private = d.write("key.json", key.export_private().unwrap().as_bytes());
        let claims = br#"{"sub":"alice","exp":4102444800}"#;
        let args = [
            "jwt",
            "encrypt",
            "--sign-key",
            &hs,
            "--sign-alg",
            "HS256",
            "--key",
            &public,
            "--alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A256GCM",
        ];
        let token = ok(&run(&args, claims));
        let args = [
            "jwt",
            "decrypt",
            "--key",
            &private,
            "--alg",
            "ECDH-ES+A256KW",
            "--verify-key",
            &hs,
            "--verify-alg",
            "HS256",
        ];
        let out: Value = serde_json::from_slice(&ok(&run(&args, &token))).unwrap();
        assert_eq!(out["sub"], "alice");
    }
}
