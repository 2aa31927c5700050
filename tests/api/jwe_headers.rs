//! JWE header rules through the public API: one table of protected headers (valid ones in
//! every member order and spelling; duplicates; wrongly typed registered members; missing,
//! unknown and refused algorithms; `crit`; malformed JSON; deep, long and non-UTF-8 text),
//! each encrypted three ways (A256KW + A256CBC-HS512, dir + A128GCM, A128GCMKW + A128GCM) and
//! read in sixteen serializations (compact, six parts, flattened, flattened with empty
//! headers, general, and general with shared unprotected and per-recipient headers that move
//! `enc`, `zip`, `crit`, `alg` out of the protected header or repeat a member) by four
//! decrypters (default, tight limits, deep limits, one algorithm pair only).
//!
//! The expected outcome of each (an error kind, or success and which recipient decrypted)
//! is in tests/data/jwe-headers.json. It was recorded when two independent header readers
//! (a one-pass typed reader and a joined-map one) were checked against each other on this
//! table and agreed on every case; the second reader was then removed from the library.

use jwcrypt::jwe::{Decrypted, Decrypter};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K, Limits};
use serde_json::Value;

/// The plaintext of every token (the tokens are compressed whatever their `zip` says).
const PLAINTEXT: &[u8] = b"hello hello hello";

/// The shared unprotected and second-recipient headers of the general serializations.
const JOINED: [(&str, &str); 11] = [
    (r#"{"x":1}"#, r#"{"kid":"k"}"#),
    (r#"{"zip":"DEF"}"#, "{}"),
    ("{}", r#"{"zip":"DEF"}"#),
    (r#"{"enc":"A128GCM"}"#, "{}"),
    ("{}", r#"{"enc":"A256CBC-HS512"}"#),
    (r#"{"crit":["x"],"x":1}"#, "{}"),
    ("{}", r#"{"crit":["x"]}"#),
    (r#"{"alg":"A256KW"}"#, "{}"),
    ("{}", r#"{"alg":"dir"}"#),
    (r#"{"kid":"a"}"#, r#"{"kid":"a"}"#),
    (r#"{"iv":"AAAA"}"#, r#"{"x5c":[1]}"#),
];

fn serializations(p: &str, ek: &str, iv: &str, ct: &str, tag: &str) -> Vec<String> {
    let compact = format!("{p}.{ek}.{iv}.{ct}.{tag}");
    let mut out = vec![
        compact.clone(),
        format!("{compact}.x"),
        format!(
            r#"{{"protected":"{p}","encrypted_key":"{ek}","iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
        ),
        format!(
            r#"{{"protected":"{p}","unprotected":{{}},"header":{{}},"encrypted_key":"{ek}","iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
        ),
        format!(
            r#"{{"protected":"{p}","recipients":[{{"encrypted_key":"AAAA"}},{{"encrypted_key":"{ek}"}}],"iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
        ),
    ];
    for (u, h) in JOINED {
        out.push(format!(
            r#"{{"protected":"{p}","unprotected":{u},"recipients":[{{"header":{{"kid":"z"}},"encrypted_key":"AAAA"}},{{"header":{h},"encrypted_key":"{ek}"}}],"iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
        ));
    }
    out
}

fn keys() -> JwkSet {
    let mut set = JwkSet::new();
    for k in [[0x22u8; 32].as_slice(), &[0x11; 16], &[0x33; 16]] {
        set.push(Jwk::from_oct_bytes(k).unwrap());
    }
    set
}

fn decrypters() -> Vec<Decrypter> {
    let set = keys();
    let algs = [K::A256KW, K::Dir, K::A128GCMKW];
    let mut tight = Limits::default();
    tight.max_header_len = 80;
    tight.max_json_depth = 2;
    let mut deep = Limits::default();
    deep.max_json_depth = 1000;
    vec![
        Decrypter::new(&set, &algs, E::ALL).unwrap(),
        Decrypter::new(&set, &algs, E::ALL)
            .unwrap()
            .with_limits(tight),
        Decrypter::new(&set, &algs, E::ALL)
            .unwrap()
            .with_limits(deep),
        Decrypter::new(&set, &[K::A256KW], &[E::A256CbcHs512]).unwrap(),
    ]
}

fn code(r: &jwcrypt::Result<Decrypted>) -> String {
    let kind = match r {
        Ok(d) => return format!("ok{}", d.recipient_index()),
        Err(e) => e.kind(),
    };
    match kind {
        ErrorKind::Json => "J",
        ErrorKind::KeyMismatch => "KM",
        ErrorKind::KeyNotFound => "KN",
        ErrorKind::UnsupportedAlgorithm => "UA",
        ErrorKind::AlgorithmNotAllowed => "AN",
        ErrorKind::MalformedToken => "MT",
        ErrorKind::InvalidHeader => "IH",
        ErrorKind::UnsupportedCritical => "UC",
        ErrorKind::Decryption => "D",
        ErrorKind::LimitExceeded => "LE",
        ErrorKind::InvalidArgument => "IA",
        _ => "other",
    }
    .to_owned()
}

#[test]
fn table_of_headers() {
    let data = crate::support::read_json("jwe-headers.json");
    let ds = decrypters();
    let (mut checked, mut decrypted) = (0, 0);
    for case in data["cases"].as_array().unwrap() {
        let parts: Vec<&str> = case["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let tokens = serializations(parts[0], parts[1], parts[2], parts[3], parts[4]);
        let ctx = format!("{} {}+{}", case["header"], case["alg"], case["enc"]);
        let mut first_header = None;
        for (d, expect) in ds.iter().zip(case["expect"].as_array().unwrap()) {
            let expect: Vec<&str> = expect.as_str().unwrap().split(' ').collect();
            for (i, token) in tokens.iter().enumerate() {
                let want = if expect.len() == 1 {
                    expect[0]
                } else {
                    expect[i]
                };
                let got = d.decrypt(token);
                assert_eq!(code(&got), want, "{ctx}: serialization {i}");
                checked += 1;
                if let Ok(out) = got {
                    decrypted += 1;
                    let h = out.header();
                    assert_eq!(h.alg().name(), case["alg"], "{ctx}");
                    assert_eq!(h.enc().name(), case["enc"], "{ctx}");
                    if h.zip() {
                        assert_eq!(out.plaintext(), PLAINTEXT, "{ctx}");
                    }
                    // Every typed accessor agrees with the header as an object.
                    let obj = h.to_object();
                    assert_eq!(h.kid(), obj.get("kid").and_then(Value::as_str), "{ctx}");
                    assert_eq!(h.typ(), obj.get("typ").and_then(Value::as_str), "{ctx}");
                    assert_eq!(h.cty(), obj.get("cty").and_then(Value::as_str), "{ctx}");
                    for (name, value) in obj {
                        assert_eq!(h.get(name), Some(value), "{ctx}: {name}");
                    }
                    for (name, value) in h.other() {
                        assert_eq!(obj.get(name), Some(value), "{ctx}: {name}");
                    }
                    assert_eq!(h.clone(), *h, "{ctx}");
                    first_header.get_or_insert_with(|| Value::Object(obj.clone()));
                }
            }
        }
        assert_eq!(
            first_header.unwrap_or(Value::Null),
            case["joined_header_of_first_success"],
            "{ctx}"
        );
    }
    assert!(checked > 20_000, "{checked}");
    assert!(decrypted > 200, "{decrypted}");
}

/// A real token with one part changed: a structure or base64url error is
/// [`ErrorKind::MalformedToken`] (a protected header that does not decode to JSON is
/// [`ErrorKind::InvalidHeader`]); a part that decodes but has the wrong length is the one
/// decryption error.
#[test]
fn bad_token_parts() {
    let key = Jwk::from_oct_bytes(&[0x22; 32]).unwrap();
    let token = jwcrypt::jwe::Encrypter::new(&key, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .encrypt_compact(PLAINTEXT)
        .unwrap();
    let d = Decrypter::new(&key, &[K::A256KW], E::ALL).unwrap();
    let [p, ek, iv, ct, tag]: [&str; 5] = token.split('.').collect::<Vec<_>>().try_into().unwrap();
    let long = "A".repeat(200);
    // 43 characters less two: a length base64url cannot have, whatever the random tag.
    let short_tag = &tag[..tag.len() - 2];
    let cases = [
        (format!("{p}.{ek}.{iv}.{ct}.{tag}"), "ok0"),
        (format!("!.{ek}.{iv}.{ct}.{tag}"), "MT"),
        (format!("{p}A.{ek}.{iv}.{ct}.{tag}"), "IH"),
        (format!("{p}.{ek}A.{iv}.{ct}.{tag}"), "MT"),
        (format!("{p}.{ek}.{iv}A.{ct}.{tag}"), "D"),
        (format!("{p}.{ek}.{iv}.{ct}.{tag}A"), "D"),
        (format!("{p}.{ek}.{iv}.{ct}A.{tag}"), "D"),
        (format!("{p}.{ek}.!.{ct}.{tag}"), "MT"),
        (format!("{p}.{long}.{iv}.{ct}.{tag}"), "D"),
        (format!("{p}.{ek}.{long}.{ct}.{tag}"), "D"),
        (format!("{p}.{ek}.{iv}.{ct}.{long}"), "D"),
        (format!("{p}..{iv}.{ct}.{tag}"), "D"),
        (format!("{p}.{ek}..{ct}.{tag}"), "D"),
        (format!("{p}.{ek}.{iv}.{ct}."), "D"),
        (format!("{p}.{ek}.{iv}.{ct}"), "MT"),
        (format!("{p}.{ek}.{iv}..{tag}"), "D"),
        (format!("{p}.{ek}.{iv}.{ct}.{tag}.x"), "MT"),
        (format!("{p}.{ek}.{iv}.{ct}.{short_tag}"), "MT"),
    ];
    for (t, want) in &cases {
        assert_eq!(code(&d.decrypt(t)), *want, "{t}");
    }
}

/// The typed registered members few tokens carry (`jku`, `jwk`, `x5u`, `x5c`, `x5t`,
/// `x5t#S256`) read back from a shared unprotected header, and absent from a token without
/// them; a header equals itself read twice, and differs from one without them.
#[test]
fn rarely_used_registered_members_are_typed() {
    use jwcrypt::jwe::{Encrypter, JsonEncrypter};
    let key = Jwk::generate_oct(256).unwrap();
    let d = Decrypter::new(&key, &[K::A256KW], E::ALL).unwrap();
    let embedded = serde_json::json!({"kty": "oct", "k": "AAAA"});
    let Value::Object(shared) = serde_json::json!({
        "jku": "https://example.com/jwks",
        "jwk": embedded,
        "x5u": "https://example.com/cert",
        "x5c": ["MIIB", "MIIC"],
        "x5t": "dGh1bWI",
        "x5t#S256": "dGh1bWIyNTY",
    }) else {
        unreachable!()
    };
    let token = JsonEncrypter::new(E::A256CbcHs512)
        .add_recipient(&key, K::A256KW, None)
        .unwrap()
        .shared_unprotected(shared)
        .unwrap()
        .encrypt(PLAINTEXT, None)
        .unwrap();
    let h = d.decrypt(&token).unwrap().header().clone();
    assert_eq!(h.jku(), Some("https://example.com/jwks"));
    assert_eq!(h.jwk().map(|m| Value::Object(m.clone())), Some(embedded));
    assert_eq!(h.x5u(), Some("https://example.com/cert"));
    assert_eq!(h.x5c(), Some(&["MIIB".to_owned(), "MIIC".to_owned()][..]));
    assert_eq!(h.x5t(), Some("dGh1bWI"));
    assert_eq!(h.x5t_s256(), Some("dGh1bWIyNTY"));
    assert_eq!(h.crit(), None);
    assert_eq!(h, d.decrypt(&token).unwrap().header().clone());
    assert!(format!("{h:?}").contains("https://example.com/cert"));

    let plain = Encrypter::new(&key, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .encrypt_compact(PLAINTEXT)
        .unwrap();
    let bare = d.decrypt(&plain).unwrap().header().clone();
    for absent in [bare.jku(), bare.x5u(), bare.x5t(), bare.x5t_s256()] {
        assert_eq!(absent, None);
    }
    assert!(bare.jwk().is_none() && bare.x5c().is_none() && bare.crit().is_none());
    assert_ne!(h, bare);
}
