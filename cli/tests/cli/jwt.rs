//! `jwcrypt jwt sign|verify|encrypt|decrypt` and `jwcrypt inspect`: round trips, claim
//! validation options, nested tokens, key selection, and the exit codes (0 ok, 1 rejected,
//! 2 usage) with clean stdout/stderr.

use crate::{TempDir, run, support};
use std::time::{SystemTime, UNIX_EPOCH};

use jwcrypt::{Jwk, JwkSet};
use serde_json::{Value, json};

/// Exit 0; stdout is one line of text ending with exactly one newline. Returns the line.
fn ok(args: &[&str], stdin: &[u8]) -> String {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{text:?}");
    assert_eq!(text.matches('\n').count(), 1, "{text:?}");
    assert!(out.stderr.is_empty());
    text.trim_end_matches('\n').to_owned()
}

/// Exit `code`, nothing on stdout, one line on stderr. Returns the line.
fn fails(code: i32, args: &[&str], stdin: &[u8]) -> String {
    let out = run(args, stdin);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "{args:?} printed {:?}", out.stdout);
    let err = String::from_utf8(out.stderr).unwrap();
    if code == 1 {
        assert_eq!(err.trim_end().lines().count(), 1, "{err:?}");
        assert!(err.ends_with('\n'), "{err:?}");
    }
    err
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn claims(exp_in: i64) -> String {
    json!({
        "iss": "https://issuer.example",
        "sub": "alice",
        "aud": "api",
        "exp": now() + exp_in,
        "role": "guest"
    })
    .to_string()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// An HS256 key file (alg HS256, kid "hs") and an A256KW key file (alg A256KW, kid "kw").
fn oct_keys(d: &TempDir) -> (String, String) {
    let hs = Jwk::generate_oct(256)
        .unwrap()
        .with_alg(jwcrypt::SigningAlg::HS256)
        .with_kid("hs");
    let kw = Jwk::generate_oct(256)
        .unwrap()
        .with_alg(jwcrypt::KeyManagementAlg::A256KW)
        .with_kid("kw");
    (d.key("hs.json", &hs), d.key("kw.json", &kw))
}

#[test]
fn sign_verify_round_trip() {
    let d = TempDir::new("sv");
    let (hs, _) = oct_keys(&d);
    let c = claims(600);
    let token = ok(
        &["jwt", "sign", "--key", &hs, "--alg", "HS256"],
        c.as_bytes(),
    );
    assert_eq!(token.split('.').count(), 3);
    let back = ok(
        &["jwt", "verify", "--key", &hs, "--aud", "api"],
        token.as_bytes(),
    );
    assert_eq!(parse(&back), parse(&c));
    // With the alg named, and with surrounding white space on stdin.
    let back = ok(
        &["jwt", "verify", "--key", &hs, "--alg", "HS256", "--any-aud"],
        format!("\n {token} \n").as_bytes(),
    );
    assert_eq!(parse(&back), parse(&c));
    // RSA: sign with the private key, verify with the public one.
    let rsa = support::rsa_b();
    let private = d.key("rsa.json", rsa);
    let public = d.key("rsa.pub.json", &support::public(rsa));
    for alg in ["RS256", "PS384"] {
        let token = ok(
            &["jwt", "sign", "--key", &private, "--alg", alg],
            c.as_bytes(),
        );
        let back = ok(
            &[
                "jwt", "verify", "--key", &public, "--alg", alg, "--aud", "api",
            ],
            token.as_bytes(),
        );
        assert_eq!(parse(&back), parse(&c));
        fails(
            1,
            &[
                "jwt", "verify", "--key", &public, "--alg", "RS512", "--aud", "api",
            ],
            token.as_bytes(),
        );
    }
}

#[test]
fn issuer_audience_and_leeway_options() {
    let d = TempDir::new("opts");
    let (hs, _) = oct_keys(&d);
    let token = ok(
        &["jwt", "sign", "--key", &hs, "--alg", "HS256"],
        claims(600).as_bytes(),
    );
    let t = token.as_bytes();
    let call = |extra: &[&str]| -> Vec<String> {
        ["jwt", "verify", "--key", hs.as_str()]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect()
    };
    fn as_refs(a: &[String]) -> Vec<&str> {
        a.iter().map(String::as_str).collect()
    }
    for good in [
        vec!["--iss", "https://issuer.example", "--aud", "api"],
        vec![
            "--iss",
            "x",
            "--iss",
            "https://issuer.example",
            "--aud",
            "api",
        ],
        vec!["--aud", "web", "--aud", "api"],
        vec!["--any-aud"],
        vec!["--aud", "api", "--sub", "alice"],
    ] {
        let a = call(&good);
        ok(&as_refs(&a), t);
    }
    for bad in [
        vec!["--iss", "https://evil.example", "--aud", "api"],
        vec!["--aud", "web"],
        // A token with aud and no --aud: refused (RFC 7519 §4.1.3).
        vec![],
        vec!["--aud", "api", "--sub", "bob"],
        vec!["--aud", "api", "--typ", "at+jwt"],
    ] {
        let a = call(&bad);
        fails(1, &as_refs(&a), t);
    }
    // Expired 30 s ago: inside the default 60 s leeway, outside a 10 s one.
    let token = ok(
        &["jwt", "sign", "--key", &hs, "--alg", "HS256"],
        claims(-30).as_bytes(),
    );
    ok(
        &["jwt", "verify", "--key", &hs, "--aud", "api"],
        token.as_bytes(),
    );
    ok(
        &[
            "jwt", "verify", "--key", &hs, "--aud", "api", "--leeway", "40",
        ],
        token.as_bytes(),
    );
    let err = fails(
        1,
        &[
            "jwt", "verify", "--key", &hs, "--aud", "api", "--leeway", "10",
        ],
        token.as_bytes(),
    );
    assert!(err.contains("exp"), "{err}");
    fails(
        2,
        &["jwt", "verify", "--key", &hs, "--leeway", "-5"],
        token.as_bytes(),
    );
}

#[test]
fn expired_token_prints_nothing() {
    let d = TempDir::new("exp");
    let (hs, kw) = oct_keys(&d);
    let token = ok(
        &["jwt", "sign", "--key", &hs, "--alg", "HS256"],
        claims(-3600).as_bytes(),
    );
    fails(
        1,
        &["jwt", "verify", "--key", &hs, "--aud", "api"],
        token.as_bytes(),
    );
    let nested = ok(
        &[
            "jwt",
            "encrypt",
            "--sign-key",
            &hs,
            "--sign-alg",
            "HS256",
            "--key",
            &kw,
            "--alg",
            "A256KW",
            "--enc",
            "A256GCM",
        ],
        claims(-3600).as_bytes(),
    );
    fails(
        1,
        &[
            "jwt",
            "decrypt",
            "--key",
            &kw,
            "--verify-key",
            &hs,
            "--aud",
            "api",
        ],
        nested.as_bytes(),
    );
    // Missing exp: refused unless allowed.
    let no_exp = ok(
        &["jwt", "sign", "--key", &hs, "--alg", "HS256"],
        br#"{"sub":"x"}"#,
    );
    fails(1, &["jwt", "verify", "--key", &hs], no_exp.as_bytes());
    ok(
        &["jwt", "verify", "--key", &hs, "--allow-missing-exp"],
        no_exp.as_bytes(),
    );
}

#[test]
fn encrypt_decrypt_nested_round_trips() {
    let d = TempDir::new("nested");
    let (hs, kw) = oct_keys(&d);
    let rsa = support::rsa_7520();
    let rsa_priv = d.key("rsa.json", rsa);
    let rsa_pub = d.key("rsa.pub.json", &support::public(rsa));
    let c = claims(600);
    for (key, dkey, alg, enc) in [
        (&kw, &kw, "A256KW", "A256CBC-HS512"),
        (&kw, &kw, "A256KW", "A128GCM"),
        (&rsa_pub, &rsa_priv, "RSA-OAEP-256", "A256GCM"),
        (&rsa_pub, &rsa_priv, "RSA-OAEP", "A128CBC-HS256"),
    ] {
        let token = ok(
            &[
                "jwt",
                "encrypt",
                "--sign-key",
                &hs,
                "--sign-alg",
                "HS256",
                "--key",
                key,
                "--alg",
                alg,
                "--enc",
                enc,
            ],
            c.as_bytes(),
        );
        assert_eq!(token.split('.').count(), 5);
        let mut args = vec![
            "jwt",
            "decrypt",
            "--key",
            dkey,
            "--verify-key",
            &hs,
            "--aud",
            "api",
            "--iss",
            "https://issuer.example",
        ];
        if dkey == &rsa_priv {
            args.extend(["--alg", alg]);
        }
        let back = ok(&args, token.as_bytes());
        assert_eq!(parse(&back), parse(&c), "{alg} {enc}");
        // The enc restricted to another one: refused.
        let mut restricted = args.clone();
        restricted.extend(["--enc", "A192GCM"]);
        fails(1, &restricted, token.as_bytes());
        // The nested token without --verify-key: refused, no claims printed.
        let mut no_verify = vec!["jwt", "decrypt", "--key", dkey, "--aud", "api"];
        if dkey == &rsa_priv {
            no_verify.extend(["--alg", alg]);
        }
        let err = fails(1, &no_verify, token.as_bytes());
        assert!(!err.contains("alice"), "{err}");
        // Verified with the wrong key: refused.
        let other = d.key(
            "other.json",
            &Jwk::generate_for(jwcrypt::SigningAlg::HS256).unwrap(),
        );
        let mut wrong = no_verify.clone();
        wrong.extend(["--verify-key", &other]);
        fails(1, &wrong, token.as_bytes());
    }
}

#[test]
fn token_kinds_are_not_confused() {
    let d = TempDir::new("kinds");
    let (hs, kw) = oct_keys(&d);
    let signed = ok(
        &["jwt", "sign", "--key", &hs, "--alg", "HS256"],
        claims(600).as_bytes(),
    );
    let nested = ok(
        &[
            "jwt",
            "encrypt",
            "--sign-key",
            &hs,
            "--sign-alg",
            "HS256",
            "--key",
            &kw,
            "--alg",
            "A256KW",
            "--enc",
            "A256GCM",
        ],
        claims(600).as_bytes(),
    );
    fails(
        1,
        &["jwt", "verify", "--key", &hs, "--aud", "api"],
        nested.as_bytes(),
    );
    fails(
        1,
        &[
            "jwt",
            "decrypt",
            "--key",
            &kw,
            "--verify-key",
            &hs,
            "--aud",
            "api",
        ],
        signed.as_bytes(),
    );
    // An encrypted-only JWT (made with jwe encrypt) reads with decrypt, not with a
    // --verify-key.
    let plain = ok(
        &[
            "jwe", "encrypt", "--key", &kw, "--alg", "A256KW", "--enc", "A256GCM",
        ],
        claims(600).as_bytes(),
    );
    let back = ok(
        &["jwt", "decrypt", "--key", &kw, "--aud", "api"],
        plain.as_bytes(),
    );
    assert_eq!(parse(&back)["sub"], "alice");
    fails(
        1,
        &[
            "jwt",
            "decrypt",
            "--key",
            &kw,
            "--verify-key",
            &hs,
            "--aud",
            "api",
        ],
        plain.as_bytes(),
    );
}

#[test]
fn key_without_alg_needs_the_option() {
    let d = TempDir::new("noalg");
    let bare = d.key("bare.json", &Jwk::generate_oct(256).unwrap());
    let bare_rsa = d.key("rsa.json", support::rsa_a());
    let token = ok(
        &["jwt", "sign", "--key", &bare, "--alg", "HS256"],
        claims(600).as_bytes(),
    );
    fails(
        2,
        &["jwt", "verify", "--key", &bare, "--any-aud"],
        token.as_bytes(),
    );
    ok(
        &[
            "jwt",
            "verify",
            "--key",
            &bare,
            "--alg",
            "HS256",
            "--any-aud",
        ],
        token.as_bytes(),
    );
    let nested = ok(
        &[
            "jwt",
            "encrypt",
            "--sign-key",
            &bare,
            "--sign-alg",
            "HS256",
            "--key",
            &bare_rsa,
            "--alg",
            "RSA-OAEP-256",
            "--enc",
            "A256GCM",
        ],
        claims(600).as_bytes(),
    );
    // No --alg for the RSA key: usage error.
    fails(
        2,
        &[
            "jwt",
            "decrypt",
            "--key",
            &bare_rsa,
            "--verify-key",
            &bare,
            "--verify-alg",
            "HS256",
        ],
        nested.as_bytes(),
    );
    // No --verify-alg for the oct key: usage error.
    fails(
        2,
        &[
            "jwt",
            "decrypt",
            "--key",
            &bare_rsa,
            "--alg",
            "RSA-OAEP-256",
            "--verify-key",
            &bare,
        ],
        nested.as_bytes(),
    );
    let back = ok(
        &[
            "jwt",
            "decrypt",
            "--key",
            &bare_rsa,
            "--alg",
            "RSA-OAEP-256",
            "--verify-key",
            &bare,
            "--verify-alg",
            "HS256",
            "--aud",
            "api",
        ],
        nested.as_bytes(),
    );
    assert_eq!(parse(&back)["role"], "guest");
    // jwt sign needs --alg, always.
    fails(2, &["jwt", "sign", "--key", &bare], claims(600).as_bytes());
    fails(
        2,
        &["jwt", "sign", "--key", &bare, "--alg", "none"],
        claims(600).as_bytes(),
    );
    fails(
        2,
        &["jwt", "sign", "--key", &bare, "--alg", "HS999"],
        claims(600).as_bytes(),
    );
}

#[test]
fn kid_picks_keys_from_sets() {
    let d = TempDir::new("kid");
    let sig: JwkSet = ["s1", "s2"]
        .iter()
        .map(|k| {
            Jwk::generate_oct(256)
                .unwrap()
                .with_alg(jwcrypt::SigningAlg::HS256)
                .with_kid(*k)
        })
        .collect();
    let enc: JwkSet = ["e1", "e2"]
        .iter()
        .map(|k| {
            Jwk::generate_oct(256)
                .unwrap()
                .with_alg(jwcrypt::KeyManagementAlg::A256KW)
                .with_kid(*k)
        })
        .collect();
    let sig_file = d.write("sig.json", sig.export_private().unwrap());
    let enc_file = d.write("enc.json", enc.export_private().unwrap());
    // Signing with a set needs --kid.
    fails(
        2,
        &["jwt", "sign", "--key", &sig_file, "--alg", "HS256"],
        claims(600).as_bytes(),
    );
    fails(
        1,
        &[
            "jwt", "sign", "--key", &sig_file, "--kid", "s9", "--alg", "HS256",
        ],
        claims(600).as_bytes(),
    );
    let token = ok(
        &[
            "jwt", "sign", "--key", &sig_file, "--kid", "s2", "--alg", "HS256",
        ],
        claims(600).as_bytes(),
    );
    let header = parse(&ok(&["inspect"], token.as_bytes()));
    assert_eq!(header["header"]["kid"], "s2");
    // Verify with the whole set (the token's kid picks), or with --kid.
    ok(
        &["jwt", "verify", "--key", &sig_file, "--aud", "api"],
        token.as_bytes(),
    );
    ok(
        &[
            "jwt", "verify", "--key", &sig_file, "--kid", "s2", "--aud", "api",
        ],
        token.as_bytes(),
    );
    fails(
        1,
        &[
            "jwt", "verify", "--key", &sig_file, "--kid", "s1", "--aud", "api",
        ],
        token.as_bytes(),
    );
    // Nested, kids at both layers.
    let nested = ok(
        &[
            "jwt",
            "encrypt",
            "--sign-key",
            &sig_file,
            "--sign-kid",
            "s1",
            "--sign-alg",
            "HS256",
            "--key",
            &enc_file,
            "--kid",
            "e2",
            "--alg",
            "A256KW",
            "--enc",
            "A256GCM",
        ],
        claims(600).as_bytes(),
    );
    let outer = parse(&ok(&["inspect"], nested.as_bytes()));
    assert_eq!(outer["kind"], "JWE");
    assert_eq!(outer["header"]["kid"], "e2");
    assert_eq!(outer["header"]["cty"], "JWT");
    for args in [
        vec!["--key", &enc_file, "--verify-key", &sig_file],
        vec![
            "--key",
            &enc_file,
            "--kid",
            "e2",
            "--verify-key",
            &sig_file,
            "--verify-kid",
            "s1",
        ],
    ] {
        let mut all = vec!["jwt", "decrypt", "--aud", "api"];
        all.extend(args);
        ok(&all, nested.as_bytes());
    }
    fails(
        1,
        &[
            "jwt",
            "decrypt",
            "--aud",
            "api",
            "--key",
            &enc_file,
            "--kid",
            "e1",
            "--verify-key",
            &sig_file,
        ],
        nested.as_bytes(),
    );
    fails(
        1,
        &[
            "jwt",
            "decrypt",
            "--aud",
            "api",
            "--key",
            &enc_file,
            "--verify-key",
            &sig_file,
            "--verify-kid",
            "s2",
        ],
        nested.as_bytes(),
    );
}

#[test]
fn bad_input_gives_one_line_and_exit_1() {
    let d = TempDir::new("bad");
    let (hs, kw) = oct_keys(&d);
    for input in [
        &b"not a token"[..],
        b"",
        b"a.b.c",
        b"a.b.c.d",
        b"....",
        b"\xff\xfe",
        br#"{"payload":"e30","signatures":[]}"#,
    ] {
        fails(1, &["jwt", "verify", "--key", &hs, "--any-aud"], input);
        fails(1, &["jwt", "decrypt", "--key", &kw, "--any-aud"], input);
        fails(1, &["inspect"], input);
    }
    // Claims that are not a JSON object, or mistyped, are not signed.
    for input in [
        &b"[1]"[..],
        b"nope",
        br#"{"exp":"soon"}"#,
        br#"{"a":1,"a":2}"#,
    ] {
        fails(1, &["jwt", "sign", "--key", &hs, "--alg", "HS256"], input);
    }
    // A malformed claim inside a correctly signed token.
    let header = jwcrypt::jws::JwsHeader::new(jwcrypt::SigningAlg::HS256);
    let key = Jwk::from_json(std::fs::read_to_string(&hs).unwrap()).unwrap();
    let t = jwcrypt::jws::sign_compact(br#"{"exp":9999999999,"nbf":"99999999999"}"#, &header, &key)
        .unwrap();
    fails(1, &["jwt", "verify", "--key", &hs], t.as_bytes());
    // Missing key files and unknown options are usage errors.
    fails(
        2,
        &["jwt", "verify", "--key", "/nonexistent/key.json"],
        b"a.b.c",
    );
    fails(2, &["jwt", "verify", "--key", &hs, "--bogus"], b"a.b.c");
    fails(
        2,
        &["jwt", "decrypt", "--key", &kw, "--enc", "A1GCM"],
        b"a.b.c.d.e",
    );
}

#[test]
fn inspect_shows_unverified_headers() {
    let d = TempDir::new("inspect");
    let (hs, kw) = oct_keys(&d);
    let signed = ok(
        &["jwt", "sign", "--key", &hs, "--alg", "HS256"],
        claims(600).as_bytes(),
    );
    let v = parse(&ok(&["inspect"], signed.as_bytes()));
    assert_eq!(v["unverified"], true);
    assert_eq!(v["kind"], "JWS");
    assert_eq!(
        v["header"],
        json!({"alg": "HS256", "kid": "hs", "typ": "JWT"})
    );
    // Inspect does not show claims.
    assert!(v.get("claims").is_none() && v.get("payload").is_none());
    let nested = ok(
        &[
            "jwt",
            "encrypt",
            "--sign-key",
            &hs,
            "--sign-alg",
            "HS256",
            "--key",
            &kw,
            "--alg",
            "A256KW",
            "--enc",
            "A256CBC-HS512",
        ],
        claims(600).as_bytes(),
    );
    let v = parse(&ok(&["inspect"], nested.as_bytes()));
    assert_eq!(v["kind"], "JWE");
    assert_eq!(v["header"]["alg"], "A256KW");
    assert_eq!(v["header"]["enc"], "A256CBC-HS512");
    assert_eq!(v["header"]["cty"], "JWT");
    // A tampered signature still inspects (nothing is verified).
    let mut t = signed.clone();
    t.pop();
    t.push(if signed.ends_with('A') { 'B' } else { 'A' });
    assert_eq!(parse(&ok(&["inspect"], t.as_bytes()))["kind"], "JWS");
}

#[test]
fn rfc7519_a1_needs_allow_rsa1_5() {
    // RFC 7519 A.1 (RSA1_5): a usage error without the flag; with it the token decrypts and
    // is then refused as expired (its exp is in 2011).
    let d = TempDir::new("rsa15");
    let key = support::jwk_value(&support::appendix("rfc7516-A.2")["inputs"]["jwk"]);
    let key = d.key("rsa.json", &key);
    let token = concat!(
        "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.",
        "QR1Owv2ug2WyPBnbQrRARTeEk9kDO2w8qDcjiHnSJflSdv1iNqhWXaKH4MqAkQtM",
        "oNfABIPJaZm0HaA415sv3aeuBWnD8J-Ui7Ah6cWafs3ZwwFKDFUUsWHSK-IPKxLG",
        "TkND09XyjORj_CHAgOPJ-Sd8ONQRnJvWn_hXV1BNMHzUjPyYwEsRhDhzjAD26ima",
        "sOTsgruobpYGoQcXUwFDn7moXPRfDE8-NoQX7N7ZYMmpUDkR-Cx9obNGwJQ3nM52",
        "YCitxoQVPzjbl7WBuB7AohdBoZOdZ24WlN1lVIeh8v1K4krB8xgKvRU8kgFrEn_a",
        "1rZgN5TiysnmzTROF869lQ.",
        "AxY8DCtDaGlsbGljb3RoZQ.",
        "MKOle7UQrG6nSxTLX6Mqwt0orbHvAKeWnDYvpIAeZ72deHxz3roJDXQyhxx0wKaM",
        "HDjUEOKIwrtkHthpqEanSBNYHZgmNOV7sln1Eu9g3J8.",
        "fiK51VwhsxJ-siBMR-YFiA",
    );
    fails(
        2,
        &["jwt", "decrypt", "--key", &key, "--alg", "RSA1_5"],
        token.as_bytes(),
    );
    let err = fails(
        1,
        &[
            "jwt",
            "decrypt",
            "--key",
            &key,
            "--alg",
            "RSA1_5",
            "--allow-rsa1-5",
        ],
        token.as_bytes(),
    );
    assert!(err.contains("expired"), "{err}");
    let err = fails(
        1,
        &[
            "jwt",
            "decrypt",
            "--key",
            &key,
            "--alg",
            "RSA-OAEP",
            "--allow-rsa1-5",
        ],
        token.as_bytes(),
    );
    assert!(!err.contains("expired"), "{err}");
}
