//! `jwcrypt key ...`: the command-line contract of DESIGN.md.

use crate::TempDir;
use crate::support::*;
use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// [`crate::run`], with text output.
fn jwcrypt(args: &[&str], stdin: &[u8]) -> Run {
    let out = crate::run(args, stdin);
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(args: &[&str], stdin: &[u8]) -> String {
    let r = jwcrypt(args, stdin);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    assert!(
        r.stdout.ends_with('\n') && !r.stdout.ends_with("\n\n"),
        "{args:?}"
    );
    r.stdout
}

fn fails(args: &[&str], stdin: &[u8], code: i32) -> String {
    let r = jwcrypt(args, stdin);
    assert_eq!(
        r.code, code,
        "{args:?}: stdout {:?} stderr {:?}",
        r.stdout, r.stderr
    );
    assert!(r.stdout.is_empty(), "{args:?} printed {:?}", r.stdout);
    assert!(!r.stderr.is_empty());
    r.stderr
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn generate_oct() {
    let out = ok(
        &[
            "key", "generate", "--kty", "oct", "--size", "256", "--kid", "k1",
        ],
        b"",
    );
    let v = json(&out);
    assert_eq!(v["kty"], "oct");
    assert_eq!(v["kid"], "k1");
    assert_eq!(b64::decode(v["k"].as_str().unwrap()).unwrap().len(), 32);
    assert!(v.get("alg").is_none());

    // --alg alone sizes the key.
    for (alg, len) in [
        ("HS256", 32),
        ("HS512", 64),
        ("A192KW", 24),
        ("A128CBC-HS256", 32),
    ] {
        let v = json(&ok(&["key", "generate", "--alg", alg], b""));
        assert_eq!(v["alg"], alg);
        assert_eq!(b64::decode(v["k"].as_str().unwrap()).unwrap().len(), len);
    }
    let v = json(&ok(
        &[
            "key", "generate", "--kty", "oct", "--size", "512", "--alg", "HS256",
        ],
        b"",
    ));
    assert_eq!(v["alg"], "HS256");
}

#[test]
fn generate_rsa() {
    let out = ok(
        &[
            "key", "generate", "--kty", "RSA", "--size", "2048", "--alg", "RS256", "--kid", "r",
        ],
        b"",
    );
    let v = json(&out);
    assert_eq!(v["kty"], "RSA");
    assert_eq!(v["alg"], "RS256");
    for m in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
        assert!(v[m].is_string(), "{m}");
    }
    let key = jwcrypt::Jwk::from_json(&out).unwrap();
    assert_eq!(key.size_bits(), 2048);
}

#[test]
fn generate_usage_errors() {
    for args in [
        &["key", "generate"][..],
        &["key", "generate", "--kty", "oct"],
        &["key", "generate", "--size", "256"],
        &["key", "generate", "--kty", "EC", "--size", "256"],
        &["key", "generate", "--kty", "oct", "--size", "100"],
        &["key", "generate", "--kty", "oct", "--size", "abc"],
        &["key", "generate", "--kty", "RSA", "--size", "1024"],
        &["key", "generate", "--kty", "RSA", "--size", "2047"],
        &["key", "generate", "--alg", "none"],
        &["key", "generate", "--alg", "XYZ"],
        &["key", "generate", "--alg", "dir"],
        &["key", "generate", "--kty", "RSA", "--alg", "HS256"],
        &["key", "generate", "--kty", "oct", "--alg", "RS256"],
        &[
            "key", "generate", "--kty", "oct", "--size", "128", "--alg", "HS256",
        ],
        &[
            "key", "generate", "--kty", "oct", "--size", "256", "--alg", "A128KW",
        ],
        &[
            "key", "generate", "--kty", "oct", "--size", "256", "--alg", "RSA-OAEP",
        ],
        &["key", "frobnicate"],
    ] {
        fails(args, b"", 2);
    }
}

#[test]
fn public_and_thumbprint() {
    let text = key_text("rsa2048-a.json");
    let public = ok(&["key", "public"], text.as_bytes());
    let v = json(&public);
    assert_eq!(v["kid"], "rsa-a");
    assert!(v.get("d").is_none());
    assert_no_secret(&public, &secrets_of(&text));
    // The public key of a public key is itself.
    assert_eq!(ok(&["key", "public"], public.as_bytes()), public);

    // RFC 7638 §3.1.
    let rfc = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
    let t = ok(&["key", "thumbprint"], rfc.as_bytes());
    assert_eq!(t, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n");
    assert_eq!(
        ok(&["key", "thumbprint", "--hash", "sha256"], rfc.as_bytes()),
        t
    );
    assert_eq!(
        ok(&["key", "thumbprint", "--hash", "sha512"], rfc.as_bytes())
            .trim()
            .len(),
        86
    );
    assert_eq!(
        ok(&["key", "thumbprint", "--hash", "sha384"], rfc.as_bytes())
            .trim()
            .len(),
        64
    );
    fails(&["key", "thumbprint", "--hash", "sha1"], rfc.as_bytes(), 2);
    fails(&["key", "thumbprint", "--hash", "md5"], rfc.as_bytes(), 2);

    // oct keys have a thumbprint but no public part.
    let oct = key_text("oct256.json");
    ok(&["key", "thumbprint"], oct.as_bytes());
    let err = fails(&["key", "public"], oct.as_bytes(), 1);
    assert!(err.contains("oct"), "{err}");
    assert_no_secret(&err, &secrets_of(&oct));
}

#[test]
fn rejected_input() {
    for cmd in [
        &["key", "public"][..],
        &["key", "thumbprint"],
        &["key", "to-pem"],
    ] {
        fails(cmd, b"", 1);
        fails(cmd, b"not json", 1);
        fails(cmd, br#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, 1);
        fails(cmd, br#"{"kty":"oct","k":"AAAA","k":"AAAA"}"#, 1);
        // A JWK Set is a usage error: these commands take one key.
        let set = format!(r#"{{"keys":[{}]}}"#, key_text("rsa2048-a.json"));
        let err = fails(cmd, set.as_bytes(), 2);
        assert!(err.contains("JWK Set"), "{err}");
    }
    // Errors are one line on stderr and hold no secret.
    let mut v = json(&key_text("rsa2048-a.json"));
    let d = v["d"].as_str().unwrap().to_owned();
    v["d"] = format!("{}AA", &d[..d.len() - 2]).into();
    let err = fails(&["key", "public"], v.to_string().as_bytes(), 1);
    assert_eq!(err.lines().count(), 1);
    assert_no_secret(&err, &secrets_of(&key_text("rsa2048-a.json")));
}

#[test]
fn to_pem_and_back() {
    let text = key_text("rsa2048-b.json");
    let key = jwcrypt::Jwk::from_json(&text).unwrap();
    let pem = ok(&["key", "to-pem"], text.as_bytes());
    assert_eq!(pem, *key.to_pkcs8_pem().unwrap());
    let back = json(&ok(&["key", "from-pem"], pem.as_bytes()));
    assert_eq!(back, material(&key));

    let pkcs1 = ok(&["key", "to-pem", "--pkcs1"], text.as_bytes());
    assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert_eq!(
        json(&ok(&["key", "from-pem"], pkcs1.as_bytes())),
        material(&key)
    );

    let public = key.to_public().unwrap();
    let spki = ok(&["key", "to-pem", "--public"], text.as_bytes());
    assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    assert_eq!(
        json(&ok(&["key", "from-pem"], spki.as_bytes())),
        material(&public)
    );
    // A public JWK gives SPKI without --public.
    let public_text = public.export_public().unwrap();
    assert_eq!(ok(&["key", "to-pem"], public_text.as_bytes()), spki);

    let pkcs1_pub = ok(&["key", "to-pem", "--public", "--pkcs1"], text.as_bytes());
    assert!(pkcs1_pub.starts_with("-----BEGIN RSA PUBLIC KEY-----\n"));
    assert_eq!(
        json(&ok(&["key", "from-pem"], pkcs1_pub.as_bytes())),
        material(&public)
    );

    // OpenSSL-made files, PEM and DER.
    for name in [
        "openssl-pkcs8.pem",
        "openssl-pkcs1.pem",
        "openssl-pkcs8.der",
    ] {
        let v = json(&ok(&["key", "from-pem"], &key_bytes(name)));
        assert!(v["d"].is_string(), "{name}");
    }
    for name in [
        "openssl-spki.pem",
        "openssl-pkcs1-public.pem",
        "openssl-spki.der",
    ] {
        let v = json(&ok(&["key", "from-pem"], &key_bytes(name)));
        assert!(v.get("d").is_none(), "{name}");
    }

    // oct keys have no PEM: rejected input.
    let err = fails(&["key", "to-pem"], key_text("oct256.json").as_bytes(), 1);
    assert!(err.contains("oct"), "{err}");
}

#[test]
fn encrypted_pem() {
    let d = TempDir::new("key");
    let text = key_text("rsa2048-a.json");
    let key = jwcrypt::Jwk::from_json(&text).unwrap();
    // The trailing newline of a password file is not part of the password.
    let pw = d.write("pw", b"s3cret\n");
    let pw_crlf = d.write("pw-crlf", b"s3cret\r\n");
    let wrong = d.write("wrong", b"s3cret \n");
    let empty = d.write("empty", b"\n");
    let pw = pw.as_str();

    let pem = ok(&["key", "to-pem", "--password-file", pw], text.as_bytes());
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    assert_eq!(
        material(&jwcrypt::Jwk::from_pem_with_password(&pem, b"s3cret").unwrap()),
        material(&key)
    );
    let back = json(&ok(
        &["key", "from-pem", "--password-file", pw],
        pem.as_bytes(),
    ));
    assert_eq!(back, material(&key));
    let back = json(&ok(
        &["key", "from-pem", "--password-file", &pw_crlf],
        pem.as_bytes(),
    ));
    assert_eq!(back, material(&key));

    let err = fails(&["key", "from-pem"], pem.as_bytes(), 1);
    assert!(err.contains("password"), "{err}");
    fails(
        &["key", "from-pem", "--password-file", &wrong],
        pem.as_bytes(),
        1,
    );
    // Usage errors: missing password file, empty password, encrypting a public key's PEM,
    // PKCS#1 has no encryption here.
    fails(
        &["key", "to-pem", "--password-file", "/nonexistent/pw"],
        text.as_bytes(),
        2,
    );
    fails(
        &["key", "from-pem", "--password-file", "/nonexistent/pw"],
        pem.as_bytes(),
        2,
    );
    fails(
        &["key", "to-pem", "--password-file", &empty],
        text.as_bytes(),
        2,
    );
    fails(
        &["key", "to-pem", "--public", "--password-file", pw],
        text.as_bytes(),
        2,
    );
    fails(
        &["key", "to-pem", "--pkcs1", "--password-file", pw],
        text.as_bytes(),
        2,
    );

    // OpenSSL's encrypted files.
    let openssl_pw = d.write("openssl-pw", b"correct-horse\n");
    for name in ["openssl-pkcs8-pbkdf2.pem", "openssl-pkcs8-scrypt.pem"] {
        let v = json(&ok(
            &["key", "from-pem", "--password-file", &openssl_pw],
            &key_bytes(name),
        ));
        assert!(v["d"].is_string(), "{name}");
    }
}

#[test]
fn from_pem_rejects_garbage() {
    for input in [
        &b""[..],
        b"hello",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        b"\x30\x03\x02\x01\x00",
        b"\xff\xfe-----BEGIN ",
    ] {
        fails(&["key", "from-pem"], input, 1);
    }
    // (openssl-ec.pem, once refused here, is a P-256 key that reads now.)
    for name in ["openssl-rsa1024.pem", "openssl-legacy-encrypted.pem"] {
        fails(&["key", "from-pem"], &key_bytes(name), 1);
    }
    fails(&["key", "from-pem"], &key_bytes("openssl-rsa-pss.pem"), 1);
}

const EC_CURVES: [(&str, &str, usize); 4] = [
    ("P-256", "ES256", 256),
    ("P-384", "ES384", 384),
    ("P-521", "ES512", 521),
    ("secp256k1", "ES256K", 256),
];
const OKP_CURVES: [(&str, &str); 4] = [
    ("Ed25519", "EdDSA"),
    ("Ed448", "Ed448"),
    ("X25519", "ECDH-ES"),
    ("X448", "ECDH-ES+A256KW"),
];

/// `key generate --kty EC|OKP --crv CRV [--alg ALG] [--kid KID]` on every curve, and
/// `public`, `thumbprint`, `to-pem [--public]`, `from-pem` on what it made.
#[test]
fn ec_and_okp_keys() {
    let ec = EC_CURVES.iter().map(|(c, a, bits)| ("EC", *c, *a, *bits));
    let okp = OKP_CURVES.iter().map(|(c, a)| ("OKP", *c, *a, 0));
    for (kty, crv, alg, bits) in ec.chain(okp) {
        let out = ok(
            &[
                "key", "generate", "--kty", kty, "--crv", crv, "--alg", alg, "--kid", "k1",
            ],
            b"",
        );
        let v = json(&out);
        assert_eq!(v["kty"], kty);
        assert_eq!(v["crv"], crv);
        assert_eq!(v["alg"], alg);
        assert_eq!(v["kid"], "k1");
        assert!(v["d"].is_string() && v["x"].is_string());
        assert_eq!(v["y"].is_string(), kty == "EC");
        let key = jwcrypt::Jwk::from_json(&out).unwrap();
        if bits > 0 {
            assert_eq!(key.size_bits(), bits);
        }
        // Without --alg and --kid.
        let plain = json(&ok(&["key", "generate", "--kty", kty, "--crv", crv], b""));
        assert!(plain.get("alg").is_none() && plain.get("kid").is_none());

        let public = json(&ok(&["key", "public"], out.as_bytes()));
        assert!(public.get("d").is_none());
        assert_eq!(public["x"], v["x"]);
        let thumbprint = ok(&["key", "thumbprint"], out.as_bytes());
        assert_eq!(
            thumbprint.trim_end(),
            key.thumbprint(jwcrypt::jwa::HashAlg::Sha256).unwrap()
        );
        assert_eq!(
            ok(&["key", "thumbprint"], public.to_string().as_bytes()),
            thumbprint
        );

        let pem = ok(&["key", "to-pem"], out.as_bytes());
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{crv}");
        assert_eq!(
            json(&ok(&["key", "from-pem"], pem.as_bytes())),
            material(&key)
        );
        let spki = ok(&["key", "to-pem", "--public"], out.as_bytes());
        assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        let back = ok(&["key", "from-pem"], spki.as_bytes());
        assert_eq!(json(&back), material(&key.to_public().unwrap()));
        assert_eq!(ok(&["key", "thumbprint"], back.as_bytes()), thumbprint);
        // PKCS#1 is for RSA only.
        fails(&["key", "to-pem", "--pkcs1"], out.as_bytes(), 1);
    }
}

/// `from-pem` reads OpenSSL's SEC1 `EC PRIVATE KEY`, PKCS#8 and SPKI of EC and OKP keys,
/// PEM and DER, to the JWK Python `cryptography` wrote for the same key.
#[test]
fn from_pem_reads_openssl_ec_and_okp() {
    let dir = data_path("pem");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    for stem in [
        "ec-P-256",
        "ec-P-384",
        "ec-P-521",
        "ec-secp256k1",
        "okp-Ed25519",
        "okp-Ed448",
        "okp-X25519",
        "okp-X448",
    ] {
        let expected = json(&String::from_utf8(read(&format!("{stem}.jwk.json"))).unwrap());
        let mut files = vec![format!("{stem}.pkcs8.pem"), format!("{stem}.pkcs8.der")];
        if stem.starts_with("ec-") {
            files.extend([format!("{stem}.sec1.pem"), format!("{stem}.sec1.der")]);
        }
        for f in files {
            assert_eq!(json(&ok(&["key", "from-pem"], &read(&f))), expected, "{f}");
        }
        let public = json(&ok(
            &["key", "from-pem"],
            &read(&format!("{stem}.spki.pem")),
        ));
        assert_eq!(public["x"], expected["x"]);
        assert!(public.get("d").is_none());
    }
    // A curve jwcrypt does not support: rejected, naming its OID.
    let err = fails(&["key", "from-pem"], &read("ec-P-192.sec1.pem"), 1);
    assert!(err.contains("1.2.840.10045.3.1.1"), "{err}");
}

/// `--crv` is required for EC and OKP and must be of the key type; `--size` does not apply;
/// `--alg` must fit the curve; `--crv` needs `--kty EC|OKP`. All usage errors (exit 2).
#[test]
fn ec_and_okp_usage_errors() {
    for args in [
        &["key", "generate", "--kty", "EC"][..],
        &["key", "generate", "--kty", "OKP"],
        &["key", "generate", "--kty", "EC", "--alg", "ES256"],
        &["key", "generate", "--kty", "EC", "--crv", "P-192"],
        &["key", "generate", "--kty", "EC", "--crv", "Ed25519"],
        &["key", "generate", "--kty", "OKP", "--crv", "P-256"],
        &["key", "generate", "--kty", "OKP", "--crv", "ed25519"],
        &[
            "key", "generate", "--kty", "EC", "--crv", "P-256", "--size", "256",
        ],
        &[
            "key", "generate", "--kty", "EC", "--crv", "P-256", "--alg", "ES384",
        ],
        &[
            "key", "generate", "--kty", "EC", "--crv", "P-256", "--alg", "HS256",
        ],
        &[
            "key", "generate", "--kty", "EC", "--crv", "P-256", "--alg", "EdDSA",
        ],
        &[
            "key",
            "generate",
            "--kty",
            "EC",
            "--crv",
            "secp256k1",
            "--alg",
            "ECDH-ES",
        ],
        &[
            "key", "generate", "--kty", "OKP", "--crv", "X25519", "--alg", "EdDSA",
        ],
        &[
            "key", "generate", "--kty", "OKP", "--crv", "Ed25519", "--alg", "ECDH-ES",
        ],
        &[
            "key", "generate", "--kty", "OKP", "--crv", "Ed25519", "--alg", "Ed448",
        ],
        &[
            "key", "generate", "--kty", "RSA", "--crv", "P-256", "--size", "2048",
        ],
        &["key", "generate", "--crv", "P-256"],
        &["key", "generate", "--alg", "ES256"],
    ] {
        fails(args, b"", 2);
    }
}

/// `to-pem --password-file` and `from-pem --password-file` for EC and OKP keys, and
/// OpenSSL's encrypted EC/OKP PKCS#8 (password `correct-horse`).
#[test]
fn encrypted_pem_ec_and_okp() {
    let d = TempDir::new("key");
    let pw = d.write("pw-ec", b"s3cret\n");
    let pw = pw.as_str();
    let empty = d.write("empty-ec", b"\n");
    for (kty, crv) in [("EC", "P-521"), ("OKP", "Ed448")] {
        let out = ok(&["key", "generate", "--kty", kty, "--crv", crv], b"");
        let key = jwcrypt::Jwk::from_json(&out).unwrap();
        let pem = ok(&["key", "to-pem", "--password-file", pw], out.as_bytes());
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        let back = ok(&["key", "from-pem", "--password-file", pw], pem.as_bytes());
        assert_eq!(json(&back), material(&key));
        // No password: rejected; an empty password: usage error, as for RSA.
        fails(&["key", "from-pem"], pem.as_bytes(), 1);
        fails(
            &["key", "to-pem", "--password-file", &empty],
            out.as_bytes(),
            2,
        );
    }
    let dir = data_path("pem");
    let horse = d.write("horse", b"correct-horse\n");
    for (file, stem) in [
        ("ec-P-256.pkcs8-pbkdf2.pem", "ec-P-256"),
        ("okp-Ed25519.pkcs8-scrypt.pem", "okp-Ed25519"),
    ] {
        let expected =
            json(&std::fs::read_to_string(dir.join(format!("{stem}.jwk.json"))).unwrap());
        let back = ok(
            &["key", "from-pem", "--password-file", &horse],
            &std::fs::read(dir.join(file)).unwrap(),
        );
        assert_eq!(json(&back), expected, "{file}");
    }
}
