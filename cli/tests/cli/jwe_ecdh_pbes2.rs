//! `jwcrypt jwe|jwt encrypt|decrypt` with the ECDH-ES algorithms (EC and OKP keys: public on
//! encrypt, private on decrypt; `--apu`/`--apv`) and PBES2 (`--password-file`, `--p2c`;
//! PBES2 only when named).

use std::process::Output;

use jwcrypt::Jwk;
use serde_json::Value;

use crate::{TempDir, run};

fn ok(o: &Output) -> Vec<u8> {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout.clone()
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

fn header_of(token: &[u8]) -> Value {
    let t = std::str::from_utf8(token).unwrap().trim();
    let head = t.split('.').next().unwrap();
    serde_json::from_slice(&crate::support::b64::decode(head.as_bytes()).unwrap()).unwrap()
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
fn pbes2_password_file() {
    let d = TempDir::new("pbes2");
    let with_newline = d.write("pw-nl", b"Thus from my lips\n");
    let bare = d.write("pw", b"Thus from my lips");
    let with_crlf = d.write("pw-crlf", b"Thus from my lips\r\n");
    let empty = d.write("empty", b"\n");
    for alg in [
        "PBES2-HS256+A128KW",
        "PBES2-HS384+A192KW",
        "PBES2-HS512+A256KW",
    ] {
        let args = [
            "jwe",
            "encrypt",
            "--password-file",
            &with_newline,
            "--alg",
            alg,
            "--enc",
            "A128CBC-HS256",
        ];
        let token = ok(&run(&args, b"secret"));
        let h = header_of(&token);
        assert_eq!(h["p2c"], 8192);
        let p2s = crate::support::b64::decode(h["p2s"].as_str().unwrap().as_bytes()).unwrap();
        assert_eq!(p2s.len(), 16);
        for pw in [&bare, &with_newline, &with_crlf] {
            let args = ["jwe", "decrypt", "--password-file", pw, "--alg", alg];
            assert_eq!(ok(&run(&args, &token)), b"secret");
        }
        // PBES2 only when named: no --alg, or another algorithm, is a usage error.
        assert_eq!(
            code(&run(&["jwe", "decrypt", "--password-file", &bare], &token)),
            Some(2)
        );
        let args = [
            "jwe",
            "decrypt",
            "--password-file",
            &bare,
            "--alg",
            "A128KW",
        ];
        assert_eq!(code(&run(&args, &token)), Some(2));
        // Another PBES2 algorithm named: refused (exit 1).
        let other = if alg == "PBES2-HS256+A128KW" {
            "PBES2-HS512+A256KW"
        } else {
            "PBES2-HS256+A128KW"
        };
        let args = ["jwe", "decrypt", "--password-file", &bare, "--alg", other];
        assert_eq!(code(&run(&args, &token)), Some(1));
        // The password as an oct key never decrypts PBES2.
        let oct = d.write(
            "oct.json",
            Jwk::from_oct_bytes(b"Thus from my lips")
                .unwrap()
                .export_private()
                .unwrap()
                .as_bytes(),
        );
        let args = ["jwe", "decrypt", "--key", &oct, "--alg", alg];
        assert_eq!(code(&run(&args, &token)), Some(2));
    }
    // --p2c is written; over the reader's limit of 16384 the token is refused (exit 1).
    let args = [
        "jwe",
        "encrypt",
        "--password-file",
        &bare,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
        "--p2c",
        "1000",
    ];
    let token = ok(&run(&args, b"x"));
    assert_eq!(header_of(&token)["p2c"], 1000);
    let dec = [
        "jwe",
        "decrypt",
        "--password-file",
        &bare,
        "--alg",
        "PBES2-HS256+A128KW",
    ];
    assert_eq!(ok(&run(&dec, &token)), b"x");
    let args = [
        "jwe",
        "encrypt",
        "--password-file",
        &bare,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
        "--p2c",
        "16385",
    ];
    let token = ok(&run(&args, b"x"));
    let o = run(&dec, &token);
    assert_eq!(code(&o), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("p2c"));
    // The wrong password: exit 1.
    let wrong = d.write("wrong", b"nope");
    let args = [
        "jwe",
        "decrypt",
        "--password-file",
        &wrong,
        "--alg",
        "PBES2-HS256+A128KW",
    ];
    let token = ok(&run(
        &[
            "jwe",
            "encrypt",
            "--password-file",
            &bare,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        b"x",
    ));
    assert_eq!(code(&run(&args, &token)), Some(1));
    // An empty password is refused both ways (exit 1).
    let args = [
        "jwe",
        "encrypt",
        "--password-file",
        &empty,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
    ];
    assert_eq!(code(&run(&args, b"x")), Some(1));
    let args = [
        "jwe",
        "decrypt",
        "--password-file",
        &empty,
        "--alg",
        "PBES2-HS256+A128KW",
    ];
    assert_eq!(code(&run(&args, &token)), Some(1));
    // Misuse: a password with a non-PBES2 alg, PBES2 with --key, --p2c without PBES2,
    // both or neither of --key and --password-file.
    let kw = d.write(
        "kw.json",
        Jwk::generate_oct(128)
            .unwrap()
            .export_private()
            .unwrap()
            .as_bytes(),
    );
    for args in [
        vec![
            "jwe",
            "encrypt",
            "--password-file",
            &bare,
            "--alg",
            "A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe",
            "encrypt",
            "--key",
            &kw,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe", "encrypt", "--key", &kw, "--alg", "A128KW", "--enc", "A128GCM", "--p2c", "9",
        ],
        vec![
            "jwe",
            "encrypt",
            "--key",
            &kw,
            "--password-file",
            &bare,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe",
            "encrypt",
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe",
            "encrypt",
            "--password-file",
            &bare,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
            "--p2c",
            "0",
        ],
    ] {
        assert_eq!(code(&run(&args, b"x")), Some(2), "{args:?}");
    }
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
