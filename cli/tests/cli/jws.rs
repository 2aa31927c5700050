//! `jwcrypt jws sign` / `jwcrypt jws verify`: round trips and exit codes.

use crate::{TempDir, run_text as run};

use serde_json::{Value, json};

fn rsa_private() -> Value {
    serde_json::from_str(include_str!(
        "../../../tests/data/rfc7520/jwk/3_4.rsa_private_key.json"
    ))
    .unwrap()
}

fn rsa_public() -> Value {
    serde_json::from_str(include_str!(
        "../../../tests/data/rfc7520/jwk/3_3.rsa_public_key.json"
    ))
    .unwrap()
}

fn oct(len: usize, kid: &str) -> Value {
    let seed = kid
        .bytes()
        .fold(0u8, |a, b| a.wrapping_mul(31).wrapping_add(b));
    let k: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_add(seed)).collect();
    json!({"kty":"oct","kid":kid,"k":crate::support::b64::encode(&k)})
}

fn key_file(d: &TempDir, v: &Value) -> String {
    d.file(v.to_string())
}

const PAYLOAD: &[u8] = b"binary \x00\xff payload\nwith a newline\n";

fn sign(key: &str, alg: &str, extra: &[&str], payload: &[u8]) -> String {
    let mut args = vec!["jws", "sign", "--key", key, "--alg", alg];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args, payload);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(out).unwrap();
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
    text.trim_end().to_owned()
}

#[test]
fn round_trip_every_alg() {
    let d = TempDir::new("jws");
    let rsa_priv = key_file(&d, &rsa_private());
    let rsa_pub = key_file(&d, &rsa_public());
    for (alg, len) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let key = key_file(&d, &oct(len, "h"));
        let token = sign(&key, alg, &[], PAYLOAD);
        assert_eq!(token.split('.').count(), 3);
        let (code, out, err) = run(
            &["jws", "verify", "--key", &key, "--alg", alg],
            token.as_bytes(),
        );
        assert_eq!(code, 0, "{alg}: {err}");
        assert_eq!(out, PAYLOAD, "{alg}");
    }
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
        let token = sign(&rsa_priv, alg, &[], PAYLOAD);
        let (code, out, err) = run(
            &["jws", "verify", "--key", &rsa_pub, "--alg", alg],
            token.as_bytes(),
        );
        assert_eq!(code, 0, "{alg}: {err}");
        assert_eq!(out, PAYLOAD);
        // The kid of the key went into the header.
        let seen = jwcrypt::dangerous::inspect(&token).unwrap();
        assert_eq!(seen.headers()["kid"], "bilbo.baggins@hobbiton.example");
    }
}

#[test]
fn json_and_detached() {
    let d = TempDir::new("jws");
    let mut k = oct(32, "h");
    k["alg"] = "HS256".into();
    let key = key_file(&d, &k);
    // --json: flattened serialization, verified with the key's own alg.
    let json = sign(&key, "HS256", &["--json"], PAYLOAD);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v["payload"].is_string() && v["signature"].is_string());
    let (code, out, err) = run(&["jws", "verify", "--key", &key], json.as_bytes());
    assert_eq!((code, out.as_slice()), (0, PAYLOAD), "{err}");
    // --detached: header..signature, payload from a file.
    let payload_file = d.file(PAYLOAD);
    let det = sign(&key, "HS256", &["--detached"], PAYLOAD);
    assert!(det.contains(".."));
    let (code, out, err) = run(
        &["jws", "verify", "--key", &key, "--detached", &payload_file],
        det.as_bytes(),
    );
    assert_eq!((code, out.as_slice()), (0, PAYLOAD), "{err}");
    // --json --detached.
    let jd = sign(&key, "HS256", &["--json", "--detached"], PAYLOAD);
    assert!(
        serde_json::from_str::<Value>(&jd)
            .unwrap()
            .get("payload")
            .is_none()
    );
    let (code, out, _) = run(
        &["jws", "verify", "--key", &key, "--detached", &payload_file],
        jd.as_bytes(),
    );
    assert_eq!((code, out.as_slice()), (0, PAYLOAD));
    // The wrong detached payload is rejected.
    let other = d.file(b"other");
    let (code, out, _) = run(
        &["jws", "verify", "--key", &key, "--detached", &other],
        det.as_bytes(),
    );
    assert_eq!((code, out.len()), (1, 0));
}

#[test]
fn kid_picks_from_a_set() {
    let d = TempDir::new("jws");
    let mut h = oct(32, "hmac-1");
    h["alg"] = "HS256".into();
    let mut r = rsa_private();
    r["alg"] = "RS256".into();
    let set = key_file(&d, &json!({"keys":[h, r]}));
    // Signing with a set needs --kid.
    let (code, _, _) = run(&["jws", "sign", "--key", &set, "--alg", "HS256"], b"x");
    assert_eq!(code, 2);
    let t1 = sign(&set, "HS256", &["--kid", "hmac-1"], b"one");
    let t2 = sign(
        &set,
        "RS256",
        &["--kid", "bilbo.baggins@hobbiton.example"],
        b"two",
    );
    // Verifying with the whole set: the token's kid selects; the keys' algs are accepted.
    for (t, p) in [(&t1, b"one"), (&t2, b"two")] {
        let (code, out, err) = run(&["jws", "verify", "--key", &set], t.as_bytes());
        assert_eq!((code, out.as_slice()), (0, p.as_slice()), "{err}");
    }
    // --kid on verify restricts to that key.
    let (code, _, _) = run(
        &["jws", "verify", "--key", &set, "--kid", "hmac-1"],
        t2.as_bytes(),
    );
    assert_eq!(code, 1);
    let (code, _, _) = run(
        &["jws", "verify", "--key", &set, "--kid", "nobody"],
        t1.as_bytes(),
    );
    assert_eq!(code, 1);
}

/// A JWK Set holding entries jwcrypt cannot use (malformed EC and OKP keys, an unknown alg,
/// a malformed RSA key)
/// works with its usable keys; the others are never used.
#[test]
fn sets_with_unusable_entries() {
    let d = TempDir::new("jws");
    let mut h = oct(32, "hmac-1");
    h["alg"] = "HS256".into();
    let mut r = rsa_private();
    r["alg"] = "RS256".into();
    let mut unknown_alg = oct(32, "hmac-x");
    unknown_alg["alg"] = "HS999".into();
    let ec = json!({"kty":"EC","crv":"P-256","kid":"ec-1","alg":"ES256","x":"AAAA","y":"AAAA"});
    let okp = json!({"kty":"OKP","crv":"Ed25519","kid":"okp-1","x":"AAAA"});
    let set = key_file(
        &d,
        &json!({"keys":[ec, h, okp, unknown_alg, {"kty":"RSA","kid":"bad"}, r]}),
    );
    let t1 = sign(&set, "HS256", &["--kid", "hmac-1"], b"one");
    let t2 = sign(
        &set,
        "RS256",
        &["--kid", "bilbo.baggins@hobbiton.example"],
        b"two",
    );
    for (t, p) in [(&t1, b"one"), (&t2, b"two")] {
        let (code, out, err) = run(&["jws", "verify", "--key", &set], t.as_bytes());
        assert_eq!((code, out.as_slice()), (0, p.as_slice()), "{err}");
    }
    // Picking an unusable entry by kid says why it cannot be used.
    let (code, _, err) = run(
        &[
            "jws", "sign", "--key", &set, "--kid", "ec-1", "--alg", "HS256",
        ],
        b"x",
    );
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        r#"jwcrypt: the key with kid "ec-1" cannot be used: P-256 coordinates x and y must be 32 bytes each, not 3 and 3"#
    );
    assert_eq!(err.lines().count(), 1);
    // A set of unusable entries only is rejected (exit 1) with one line.
    let none = key_file(
        &d,
        &json!({"keys":[{"kty":"OKP","crv":"Ed25519","x":"AAAA"}]}),
    );
    let (code, out, err) = run(
        &["jws", "verify", "--key", &none, "--alg", "HS256"],
        t1.as_bytes(),
    );
    assert_eq!((code, out.len()), (1, 0));
    assert_eq!(
        err.trim_end(),
        r#"jwcrypt: the JWK Set has no usable key (key 0: an Ed25519 public key must be 32 bytes, not 3)"#
    );
}

#[test]
fn exit_codes() {
    let d = TempDir::new("jws");
    let key = key_file(&d, &oct(32, "h"));
    let rsa_pub = key_file(&d, &rsa_public());
    let token = sign(&key, "HS256", &[], b"x");
    // 2: usage errors.
    for args in [
        vec!["jws", "sign", "--key", key.as_str(), "--alg", "none"],
        vec!["jws", "sign", "--key", key.as_str(), "--alg", "A256KW"],
        vec![
            "jws",
            "sign",
            "--key",
            "/nonexistent/key.json",
            "--alg",
            "HS256",
        ],
        vec!["jws", "verify", "--key", key.as_str(), "--alg", "HS257"],
        // A key without alg and no --alg: never "accept anything".
        vec!["jws", "verify", "--key", key.as_str()],
        vec!["jws", "verify", "--key", rsa_pub.as_str()],
        vec!["jws", "sign", "--key", key.as_str()],
    ] {
        let (code, out, err) = run(&args, token.as_bytes());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        if !err.contains("Usage:") {
            // Our own errors are one line; clap's usage messages are its own.
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    // 1: rejected input.
    let mut bad = token.clone();
    bad.pop();
    bad.push(if token.ends_with('A') { 'B' } else { 'A' });
    let other = key_file(&d, &oct(32, "other"));
    for (args, input) in [
        (
            vec!["jws", "verify", "--key", key.as_str(), "--alg", "HS256"],
            bad.as_str(),
        ),
        (
            vec!["jws", "verify", "--key", other.as_str(), "--alg", "HS256"],
            token.as_str(),
        ),
        (
            vec!["jws", "verify", "--key", key.as_str(), "--alg", "HS512"],
            token.as_str(),
        ),
        (
            vec!["jws", "verify", "--key", rsa_pub.as_str(), "--alg", "HS256"],
            token.as_str(),
        ),
        (
            vec!["jws", "verify", "--key", key.as_str(), "--alg", "HS256"],
            "not a token",
        ),
        (
            vec!["jws", "verify", "--key", key.as_str(), "--alg", "HS256"],
            "{\"payload\":1}",
        ),
    ] {
        let (code, out, err) = run(&args, input.as_bytes());
        assert_eq!(code, 1, "{args:?} {input}: {err}");
        assert!(out.is_empty());
    }
    // A public key cannot sign; a short HMAC key cannot either.
    let (code, _, _) = run(&["jws", "sign", "--key", &rsa_pub, "--alg", "RS256"], b"x");
    assert_eq!(code, 1);
    let short = key_file(&d, &oct(16, "s"));
    let (code, _, _) = run(&["jws", "sign", "--key", &short, "--alg", "HS256"], b"x");
    assert_eq!(code, 1);
}
