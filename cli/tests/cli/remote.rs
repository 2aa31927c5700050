//! `jws verify` and `jwt verify` with `--jwks-url` / `--discover` against a loopback HTTP
//! server started by the test (server.rs, copied from tests/remote), and `jwt decrypt
//! --verify-key` with a nested token that has no `cty`.

use std::time::{SystemTime, UNIX_EPOCH};

use jwcrypt::jws::{self, JwsHeader};
use jwcrypt::jwt::{self, Claims};
use jwcrypt::{ContentEncryptionAlg as E, Jwk, JwkSet, KeyManagementAlg as K, SigningAlg as S};

use crate::server::{Reply, Server};
use crate::{TempDir, run};

fn key() -> Jwk {
    crate::support::jwk("rsa2048-a.json").with_kid("k1")
}

fn jwks() -> String {
    [key().to_public().unwrap()]
        .into_iter()
        .collect::<JwkSet>()
        .export_public()
        .unwrap()
}

/// Claims of `iss` for alice that expire in ten minutes.
fn claims(iss: &str) -> Claims {
    let exp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + 600;
    Claims::new().issuer(iss).subject("alice").expires_at(exp)
}

fn token(iss: &str) -> String {
    jwt::signed(&claims(iss), &key(), S::RS256)
        .unwrap()
        .into_string()
}

/// Exit `code`, nothing on stdout, one line on stderr.
fn fails(code: i32, args: &[&str], stdin: &[u8]) -> String {
    let out = run(args, stdin);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err:?}");
    err
}

fn ok(args: &[&str], stdin: &[u8]) -> String {
    let out = run(args, stdin);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

fn discovery(issuer: &str, jwks_uri: &str) -> String {
    serde_json::json!({ "issuer": issuer, "jwks_uri": jwks_uri }).to_string()
}

#[test]
fn jwks_url() {
    let server = Server::start();
    server.set("/jwks", Reply::json(jwks()));
    let url = server.url("/jwks");
    let t = token("https://issuer.example");
    let claims = ok(
        &[
            "jwt",
            "verify",
            "--jwks-url",
            &url,
            "--allow-http",
            "--alg",
            "RS256",
        ],
        t.as_bytes(),
    );
    assert!(claims.contains("\"sub\":\"alice\""), "{claims}");
    // jws verify prints the payload.
    let signed =
        jws::sign_compact(b"hello", &JwsHeader::new(S::RS256).with_kid("k1"), &key()).unwrap();
    let payload = ok(
        &[
            "jws",
            "verify",
            "--jwks-url",
            &url,
            "--allow-http",
            "--alg",
            "RS256",
        ],
        signed.as_bytes(),
    );
    assert_eq!(payload, "hello");
    assert_eq!(server.hits("/jwks"), 2);
    // Without --allow-http an http URL is refused before any request.
    for cmd in ["jwt", "jws"] {
        let e = fails(
            1,
            &[cmd, "verify", "--jwks-url", &url, "--alg", "RS256"],
            t.as_bytes(),
        );
        assert!(e.contains("http"), "{e}");
    }
    assert_eq!(server.hits("/jwks"), 2);
    // Fetch failures: exit 1, one line.
    for (path, reply) in [
        ("/500", Reply::status(500)),
        ("/bad", Reply::json("{not json")),
        ("/big", Reply::json(vec![b' '; 2 << 20])),
    ] {
        server.set(path, reply);
        let u = server.url(path);
        fails(
            1,
            &[
                "jwt",
                "verify",
                "--jwks-url",
                &u,
                "--allow-http",
                "--alg",
                "RS256",
            ],
            t.as_bytes(),
        );
    }
    // A key source is required, and only one.
    fails(2, &["jwt", "verify", "--alg", "RS256"], t.as_bytes());
    fails(
        2,
        &[
            "jwt",
            "verify",
            "--jwks-url",
            &url,
            "--discover",
            &url,
            "--alg",
            "RS256",
        ],
        t.as_bytes(),
    );
}

#[test]
fn discover() {
    let server = Server::start();
    let issuer = server.base();
    server.set(
        "/.well-known/openid-configuration",
        Reply::json(discovery(&issuer, &server.url("/keys"))),
    );
    server.set("/keys", Reply::json(jwks()));
    let args = [
        "jwt",
        "verify",
        "--discover",
        &issuer,
        "--allow-http",
        "--alg",
        "RS256",
    ];
    let claims = ok(&args, token(&issuer).as_bytes());
    assert!(claims.contains("\"sub\":\"alice\""), "{claims}");
    // The discovered issuer is the expected iss.
    let e = fails(1, &args, token("https://other.example").as_bytes());
    assert!(e.contains("iss"), "{e}");
    // --iss cannot be given beside it.
    let mut with_iss = args.to_vec();
    with_iss.extend(["--iss", "https://other.example"]);
    fails(2, &with_iss, token(&issuer).as_bytes());
    // A document naming another issuer is refused.
    let other = server.url("/tenant");
    server.set(
        "/tenant/.well-known/openid-configuration",
        Reply::json(discovery("https://evil.example", &server.url("/keys"))),
    );
    let e = fails(
        1,
        &[
            "jwt",
            "verify",
            "--discover",
            &other,
            "--allow-http",
            "--alg",
            "RS256",
        ],
        token(&other).as_bytes(),
    );
    assert!(e.contains("issuer"), "{e}");
    // https only without --allow-http: no request.
    let before = server.total_hits();
    fails(
        1,
        &["jwt", "verify", "--discover", &issuer, "--alg", "RS256"],
        token(&issuer).as_bytes(),
    );
    assert_eq!(server.total_hits(), before);
}

/// DESIGN.md: given --verify-key, a nested token is expected: cty JWT, or no cty.
#[test]
fn decrypt_nested_without_cty() {
    let dir = TempDir::new("nocty");
    let sig = Jwk::generate_for(S::HS256).unwrap();
    let enc = Jwk::generate_for(K::A256KW).unwrap();
    let (sig_path, enc_path) = (dir.key("sig.json", &sig), dir.key("enc.json", &enc));
    let inner = jwt::signed(
        &Claims::new().subject("alice").expires_at(4_102_444_800),
        &sig,
        S::HS256,
    )
    .unwrap();
    let no_cty = jwcrypt::jwe::Encrypter::new(&enc, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .encrypt_compact(inner.as_str().as_bytes())
        .unwrap();
    let (sig_path, enc_path) = (sig_path.as_str(), enc_path.as_str());
    let out = ok(
        &[
            "jwt",
            "decrypt",
            "--key",
            enc_path,
            "--alg",
            "A256KW",
            "--verify-key",
            sig_path,
            "--verify-alg",
            "HS256",
        ],
        no_cty.as_bytes(),
    );
    assert!(out.contains("\"sub\":\"alice\""), "{out}");
    // Without --verify-key no claims are printed for it (its plaintext is no claims set).
    fails(
        1,
        &["jwt", "decrypt", "--key", enc_path, "--alg", "A256KW"],
        no_cty.as_bytes(),
    );
}

/// A key set fetched from a URL is public: its `oct` key is never used, and `HS*` with a
/// remote source is refused before any request (jws and jwt, exit 1, one line), where the
/// same token verifies with the key from a file.
#[test]
fn published_oct_keys_are_never_used() {
    let server = Server::start();
    let secret = Jwk::generate_for(S::HS256).unwrap().with_kid("mac");
    let set = format!(
        r#"{{"keys":[{}]}}"#,
        secret.export_private().unwrap().as_str()
    );
    server.set("/jwks", Reply::json(set.clone()));
    let url = server.url("/jwks");
    let t = jwt::signed(&claims("https://issuer.example"), &secret, S::HS256)
        .unwrap()
        .into_string();
    let dir = TempDir::new("published-oct");
    let key_file = dir.write("mac.json", set.as_bytes());
    ok(
        &["jwt", "verify", "--key", &key_file, "--alg", "HS256"],
        t.as_bytes(),
    );
    for cmd in ["jwt", "jws"] {
        let e = fails(
            1,
            &[
                cmd,
                "verify",
                "--jwks-url",
                &url,
                "--allow-http",
                "--alg",
                "HS256",
            ],
            t.as_bytes(),
        );
        assert!(e.contains("remote key set"), "{e}");
    }
    assert_eq!(server.hits("/jwks"), 0);
    // With the keys' own algorithms, the published oct key (`alg: HS256`) is rejected when
    // the set is read: no key is left to name an algorithm.
    let out = run(
        &["jwt", "verify", "--jwks-url", &url, "--allow-http"],
        t.as_bytes(),
    );
    assert!(!out.status.success() && out.stdout.is_empty());
    assert_eq!(server.hits("/jwks"), 1);
}
