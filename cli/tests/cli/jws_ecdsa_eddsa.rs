//! `jws sign|verify` and `jwt sign|verify` with ES256, ES384, ES512, ES256K, EdDSA, Ed25519
//! and Ed448 keys: `--alg` named or the key's own `alg`, compact and `--json`, detached,
//! and the refusals (a public key cannot sign, a key of another curve, an X25519 key).

use crate::{TempDir, run_text as run};

use jwcrypt::{Jwk, SigningAlg};

fn key_file(d: &TempDir, text: &str) -> String {
    d.file(text)
}

/// (alg, private key file, public key file, public key file with its own alg).
fn keys(d: &TempDir) -> Vec<(&'static str, String, String, String)> {
    let mut out = Vec::new();
    for (alg, crv) in [
        ("ES256", "P-256"),
        ("ES384", "P-384"),
        ("ES512", "P-521"),
        ("ES256K", "secp256k1"),
        ("EdDSA", "Ed25519"),
        ("EdDSA", "Ed448"),
        ("Ed25519", "Ed25519"),
        ("Ed448", "Ed448"),
    ] {
        let key = if alg.starts_with("ES") {
            Jwk::generate_ec(crv).unwrap()
        } else {
            Jwk::generate_okp(crv).unwrap()
        };
        let private = key_file(d, &key.export_private().unwrap());
        let public = key_file(d, &key.export_public().unwrap());
        let a: SigningAlg = alg.parse().unwrap();
        let own = key_file(
            d,
            &key.to_public()
                .unwrap()
                .with_alg(a)
                .export_public()
                .unwrap(),
        );
        out.push((alg, private, public, own));
    }
    out
}

#[test]
fn jws_sign_verify_new_algs() {
    let d = TempDir::new("jws-ec");
    for (alg, private, public, own) in keys(&d) {
        for extra in [&[][..], &["--json"][..]] {
            let mut args = vec!["jws", "sign", "--key", &private, "--alg", alg];
            args.extend_from_slice(extra);
            let (code, token, err) = run(&args, b"hello");
            assert_eq!(code, 0, "{alg}: {err}");
            // Named alg, and the key's own alg.
            for verify in [
                vec!["jws", "verify", "--key", &public, "--alg", alg],
                vec!["jws", "verify", "--key", &own],
            ] {
                let (code, out, err) = run(&verify, &token);
                assert_eq!((code, out.as_slice()), (0, &b"hello"[..]), "{alg}: {err}");
            }
            // A public key without alg and no --alg: usage error.
            let (code, _, _) = run(&["jws", "verify", "--key", &public], &token);
            assert_eq!(code, 2, "{alg}");
        }
        // Detached.
        let (code, token, err) = run(
            &["jws", "sign", "--key", &private, "--alg", alg, "--detached"],
            b"payload",
        );
        assert_eq!(code, 0, "{err}");
        let payload_file = key_file(&d, "payload");
        let (code, out, err) = run(
            &[
                "jws",
                "verify",
                "--key",
                &public,
                "--alg",
                alg,
                "--detached",
                &payload_file,
            ],
            &token,
        );
        assert_eq!((code, out.as_slice()), (0, &b"payload"[..]), "{alg}: {err}");
        // The public key cannot sign: exit 1, one line.
        let (code, out, err) = run(&["jws", "sign", "--key", &public, "--alg", alg], b"x");
        assert_eq!((code, out.len()), (1, 0), "{alg}");
        assert_eq!(err.lines().count(), 1);
        assert!(err.contains("public key cannot sign"), "{alg}: {err}");
    }
}

#[test]
fn jws_key_curve_mismatches_refused() {
    let d = TempDir::new("jws-ec");
    let p256 = key_file(
        &d,
        &Jwk::generate_ec("P-256").unwrap().export_private().unwrap(),
    );
    let ed448 = key_file(
        &d,
        &Jwk::generate_okp("Ed448")
            .unwrap()
            .export_private()
            .unwrap(),
    );
    let x25519 = key_file(
        &d,
        &Jwk::generate_okp("X25519")
            .unwrap()
            .export_private()
            .unwrap(),
    );
    for (key, alg) in [
        (&p256, "ES384"),
        (&p256, "ES256K"),
        (&p256, "EdDSA"),
        (&p256, "HS256"),
        (&ed448, "Ed25519"),
        (&ed448, "ES256"),
        (&x25519, "EdDSA"),
        (&x25519, "Ed25519"),
    ] {
        let (code, out, err) = run(&["jws", "sign", "--key", key, "--alg", alg], b"x");
        assert_eq!((code, out.len()), (1, 0), "{alg}: {err}");
        assert_eq!(err.lines().count(), 1);
    }
    // A P-256 token is not verified by the Ed448 key, with any --alg.
    let (code, token, _) = run(&["jws", "sign", "--key", &p256, "--alg", "ES256"], b"x");
    assert_eq!(code, 0);
    let (code, out, _) = run(
        &[
            "jws", "verify", "--key", &ed448, "--alg", "ES256", "--alg", "EdDSA",
        ],
        &token,
    );
    assert_eq!((code, out.len()), (1, 0));
    // Unknown spellings are usage errors.
    for bad in ["es256", "ES521", "EDDSA"] {
        let (code, _, _) = run(&["jws", "sign", "--key", &p256, "--alg", bad], b"x");
        assert_eq!(code, 2, "{bad}");
    }
}

#[test]
fn jwt_sign_verify_new_algs() {
    let d = TempDir::new("jws-ec");
    let claims = br#"{"iss":"https://issuer.example","sub":"alice","exp":4102444800}"#;
    for (alg, private, public, own) in keys(&d) {
        let (code, token, err) = run(&["jwt", "sign", "--key", &private, "--alg", alg], claims);
        assert_eq!(code, 0, "{alg}: {err}");
        let token = String::from_utf8(token).unwrap();
        assert_eq!(token.trim_end().split('.').count(), 3);
        for verify in [
            vec![
                "jwt",
                "verify",
                "--key",
                &public,
                "--alg",
                alg,
                "--iss",
                "https://issuer.example",
            ],
            vec!["jwt", "verify", "--key", &own],
        ] {
            let (code, out, err) = run(&verify, token.as_bytes());
            assert_eq!(code, 0, "{alg}: {err}");
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(v["sub"], "alice");
        }
    }
}
