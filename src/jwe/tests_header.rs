//! Differential tests: the one-pass protected header reader against the joined-map path it
//! replaced (`reference.rs`), on hand-picked and generated headers.

use proptest::prelude::*;

use super::*;
use crate::jwa::deflate;

const PLAINTEXT: &[u8] = b"hello hello hello";

struct Fixture {
    kw: Jwk,
    dir: Jwk,
    gcmkw: Jwk,
    /// `,"iv":...,"tag":...` of the AES-GCM key wrap of the fixed CEK.
    gcmkw_members: String,
}

fn fixture() -> &'static Fixture {
    static F: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let gcmkw = Jwk::from_oct_bytes(&[0x33; 16]).unwrap();
        let (_, extra) = crypto::wrap_cek(
            &gcmkw,
            KeyManagementAlg::A128GCMKW,
            &[7; 16],
            Some(&[1; 12]),
        )
        .unwrap();
        let mut gcmkw_members = String::new();
        for (k, v) in &extra {
            gcmkw_members.push_str(&format!(",{}:{}", Value::from(k.as_str()), v));
        }
        Fixture {
            kw: Jwk::from_oct_bytes(&[0x22; 32]).unwrap(),
            dir: Jwk::from_oct_bytes(&[0x11; 16]).unwrap(),
            gcmkw,
            gcmkw_members,
        }
    })
}

/// The five parts of a token with this protected header (any bytes), encrypted for real.
fn parts(header: &[u8], alg: KeyManagementAlg, enc: ContentEncryptionAlg) -> [String; 5] {
    let f = fixture();
    let (key, cek) = match alg {
        KeyManagementAlg::Dir => (&f.dir, vec![0x11; 16]),
        KeyManagementAlg::A128GCMKW => (&f.gcmkw, vec![7; enc.key_len()]),
        _ => (&f.kw, vec![7; enc.key_len()]),
    };
    let p = b64::encode_public(header);
    let (ek, _) = crypto::wrap_cek(key, alg, &cek, Some(&[1; 12])).unwrap();
    let iv = vec![3; enc.iv_len()];
    let plaintext = deflate::compress(PLAINTEXT);
    let (ct, tag) = crypto::encrypt_content(enc, &cek, &iv, &[p.as_bytes()], &plaintext).unwrap();
    [
        p,
        b64::encode_public(&ek),
        b64::encode_public(&iv),
        b64::encode_public(&ct),
        b64::encode_public(&tag),
    ]
}

const TYPED: &[&str] = &[
    "alg", "enc", "zip", "jwk", "kid", "typ", "cty", "crit", "jku", "x5u", "x5c", "x5t",
    "x5t#S256", "iv", "tag", "iss", "sub", "aud", "foo", "",
];

/// How many comparisons decrypted (both paths alike).
static DECRYPTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn same(new: Result<Decrypted>, old: Result<Decrypted>, ctx: &str) {
    match (new, old) {
        (Ok(n), Ok(o)) => {
            DECRYPTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (a, b) = (n.header(), o.header());
            // The typed accessors and untyped members first (before `all` is built).
            assert_eq!(a.alg(), b.alg(), "{ctx}");
            assert_eq!(a.enc(), b.enc(), "{ctx}");
            assert_eq!(a.zip(), b.zip(), "{ctx}");
            assert_eq!(a.kid(), b.kid(), "{ctx}");
            assert_eq!(a.typ(), b.typ(), "{ctx}");
            assert_eq!(a.cty(), b.cty(), "{ctx}");
            assert_eq!(a.crit(), b.crit(), "{ctx}");
            assert_eq!(a.jku(), b.jku(), "{ctx}");
            assert_eq!(a.jwk(), b.jwk(), "{ctx}");
            assert_eq!(a.x5u(), b.x5u(), "{ctx}");
            assert_eq!(a.x5c(), b.x5c(), "{ctx}");
            assert_eq!(a.x5t(), b.x5t(), "{ctx}");
            assert_eq!(a.x5t_s256(), b.x5t_s256(), "{ctx}");
            assert_eq!(
                a.other().iter().collect::<Vec<_>>(),
                b.other().iter().collect::<Vec<_>>(),
                "{ctx}"
            );
            for name in TYPED {
                assert_eq!(a.get(name), b.get(name), "{ctx}: {name}");
            }
            for name in b.to_object().keys() {
                assert_eq!(a.get(name), b.get(name), "{ctx}: {name}");
            }
            assert_eq!(
                a.to_object().iter().collect::<Vec<_>>(),
                b.to_object().iter().collect::<Vec<_>>(),
                "{ctx}"
            );
            assert_eq!(a, b, "{ctx}");
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{ctx}");
            assert_eq!(format!("{a:#?}"), format!("{b:#?}"), "{ctx}");
            assert_eq!(a.clone(), *b, "{ctx}");
            assert_eq!(n.plaintext(), o.plaintext(), "{ctx}");
            assert_eq!(n.aad(), o.aad(), "{ctx}");
            assert_eq!(n.recipient_index(), o.recipient_index(), "{ctx}");
        }
        (Err(n), Err(o)) => {
            assert_eq!(n.kind(), o.kind(), "{ctx}");
            assert_eq!(n.message(), o.message(), "{ctx}");
        }
        (n, o) => panic!("{ctx}: new {:?} old {:?}", n.map(|_| ()), o.map(|_| ())),
    }
}

fn decrypters() -> Vec<Decrypter> {
    use ContentEncryptionAlg as E;
    use KeyManagementAlg as K;
    let f = fixture();
    let tight = Limits {
        max_header_len: 80,
        max_json_depth: 2,
        ..Limits::default()
    };
    let deep = Limits {
        max_json_depth: 1000,
        ..Limits::default()
    };
    vec![
        Decrypter::new(&f.kw, &[K::A256KW, K::Dir, K::A128GCMKW], &[]).unwrap(),
        Decrypter::new(&f.dir, &[K::Dir], &[E::A128Gcm]).unwrap(),
        Decrypter::new(&f.gcmkw, &[K::A128GCMKW], &[]).unwrap(),
        Decrypter::new(&f.kw, &[K::A256KW], &[E::A256CbcHs512])
            .unwrap()
            .with_limits(tight),
        Decrypter::new(&f.kw, &[K::A256KW], &[])
            .unwrap()
            .with_limits(deep),
        Decrypter::new(&f.kw, &[K::A256KW, K::Rsa1_5], &[]).unwrap(),
        Decrypter::new(&f.kw, &[K::A256KW, K::Rsa1_5], &[])
            .unwrap()
            .allow_rsa1_5_insecure(),
    ]
}

/// Decrypts tokens with this protected header every way, by both paths.
fn check(header: &[u8]) {
    use ContentEncryptionAlg as E;
    use KeyManagementAlg as K;
    let ds = decrypters();
    for (alg, enc) in [
        (K::A256KW, E::A256CbcHs512),
        (K::Dir, E::A128Gcm),
        (K::A128GCMKW, E::A128Gcm),
    ] {
        let [p, ek, iv, ct, tag] = parts(header, alg, enc);
        let compact = format!("{p}.{ek}.{iv}.{ct}.{tag}");
        let flat = format!(
            r#"{{"protected":"{p}","encrypted_key":"{ek}","iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
        );
        let empty_unprotected = format!(
            r#"{{"protected":"{p}","unprotected":{{}},"header":{{}},"encrypted_key":"{ek}","iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
        );
        let general = format!(
            r#"{{"protected":"{p}","recipients":[{{"encrypted_key":"AAAA"}},{{"encrypted_key":"{ek}"}}],"iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
        );
        // Shared unprotected and recipient headers: the joined path, in both.
        let joined: Vec<String> = [
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
        ]
        .iter()
        .map(|(u, h)| {
            format!(
                r#"{{"protected":"{p}","unprotected":{u},"recipients":[{{"header":{{"kid":"z"}},"encrypted_key":"AAAA"}},{{"header":{h},"encrypted_key":"{ek}"}}],"iv":"{iv}","ciphertext":"{ct}","tag":"{tag}"}}"#
            )
        })
        .collect();
        let six = format!("{compact}.x");
        for (di, d) in ds.iter().enumerate() {
            let ctx = |what: &str| {
                format!(
                    "{what} {alg}+{enc} decrypter {di} header {:?}",
                    String::from_utf8_lossy(header)
                )
            };
            same(
                d.decrypt_compact(&compact),
                d.decrypt_compact_reference(&compact),
                &ctx("compact"),
            );
            same(
                d.decrypt_compact(&six),
                d.decrypt_compact_reference(&six),
                &ctx("six"),
            );
            for (what, json) in [
                ("flattened", &flat),
                ("empty", &empty_unprotected),
                ("general", &general),
            ]
            .into_iter()
            .chain(joined.iter().map(|j| ("joined", j)))
            {
                same(
                    d.decrypt_json(json),
                    d.decrypt_json_reference(json),
                    &ctx(what),
                );
            }
        }
    }
}

fn gcmkw(text: &str) -> String {
    text.replace("{GCMKW}", &fixture().gcmkw_members)
}

#[test]
fn table_of_headers() {
    let deep_obj = format!(
        r#"{{"alg":"A256KW","enc":"A256CBC-HS512","x":{}1{}}}"#,
        "[".repeat(40),
        "]".repeat(40)
    );
    let very_deep = format!(
        r#"{{"alg":"A256KW","enc":"A256CBC-HS512","x":{}1{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let deep_kid = format!(
        r#"{{"kid":{}1{},"alg":"A256KW","enc":"A256CBC-HS512"}}"#,
        "{\"a\":".repeat(3),
        "}".repeat(3)
    );
    let long = format!(
        r#"{{"alg":"A256KW","enc":"A256CBC-HS512","pad":"{}"}}"#,
        "x".repeat(20_000)
    );
    let many = {
        let mut s = String::from(r#"{"alg":"A256KW","enc":"A256CBC-HS512""#);
        for i in 0..40 {
            s.push_str(&format!(r#","m{i}":{i}"#));
        }
        s.push('}');
        s
    };
    let mut headers: Vec<String> = [
        // Valid, and members in every order.
        r#"{"alg":"A256KW","enc":"A256CBC-HS512"}"#,
        r#"{"enc":"A256CBC-HS512","alg":"A256KW"}"#,
        r#"{"alg":"dir","enc":"A128GCM"}"#,
        r#"{"alg":"A128GCMKW","enc":"A128GCM"{GCMKW}}"#,
        r#"{"iv":"AAAAAAAAAAAAAAAA","alg":"A128GCMKW","enc":"A128GCM","tag":"AAAAAAAAAAAAAAAAAAAAAA"}"#,
        r#"{"alg":"A128GCMKW","enc":"A128GCM","iv":1{GCMKW}}"#,
        r#"{"alg":"A128GCMKW","enc":"A128GCM"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","zip":"DEF"}"#,
        r#"{"zip":"DEF","alg":"dir","enc":"A128GCM","kid":"k1"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","kid":"k","typ":"JWT","cty":"JWT","jku":"https://x","x5u":"https://y","x5c":["a","b"],"x5t":"t","x5t#S256":"u","jwk":{"kty":"oct","k":"AA"},"iss":"me","aud":["a"],"nested":{"a":[1,{"b":null}]}}"#,
        r#"{"iss":"x","alg":"A256KW","sub":"y","enc":"A256CBC-HS512","aud":"z","crit":["exp"],"exp":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","kid":"\u006b\"\\"}"#,
        r#"{"\u0061lg":"A256KW","\u0065nc":"A256CBC-HS512","\u006bid":"x"}"#,
        r#"{"alg":"A\u0032\u00356KW","enc":"A256CBC-HS512"}"#,
        r#"{ "alg" : "A256KW" , "enc" : "A256CBC-HS512" } "#,
        "\n{\"alg\":\"A256KW\",\"enc\":\"A256CBC-HS512\"}\t",
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","big":1e400}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","big":123456789012345678901234567890}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","kid":1e400}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","n":-1.5e-300,"m":-9223372036854775809}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","":""}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5t#S256":"a","x5t#s256":"b"}"#,
        // Duplicates, at any depth and in any spelling.
        r#"{"alg":"A256KW","alg":"A256KW","enc":"A256CBC-HS512"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","\u0061lg":"dir"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","enc":"A128GCM"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","zip":"DEF","zip":"DEF"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","kid":"a","kid":"a"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x":1,"x":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x":1,"\u0078":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","jwk":{"a":1,"a":2}}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x":[{"a":1,"a":2}]}"#,
        r#"{"alg":{"a":1,"a":2},"enc":"A256CBC-HS512"}"#,
        r#"{"kid":{"a":1,"a":2},"alg":"A256KW","enc":"A256CBC-HS512"}"#,
        r#"{"kid":5,"alg":"A256KW","enc":"A256CBC-HS512","x":1,"x":2}"#,
        r#"{"crit":["x"],"crit":["x"],"alg":"A256KW","enc":"A256CBC-HS512"}"#,
        r#"{"x5t#S256":"a","x5t#S256":"b","alg":"A256KW","enc":"A256CBC-HS512"}"#,
        // Wrongly typed registered members, one or several.
        r#"{"alg":1,"enc":"A256CBC-HS512"}"#,
        r#"{"alg":null,"enc":"A256CBC-HS512"}"#,
        r#"{"alg":["A256KW"],"enc":"A256CBC-HS512"}"#,
        r#"{"alg":"A256KW","enc":1}"#,
        r#"{"alg":"A256KW","enc":{"x":1}}"#,
        r#"{"alg":1,"enc":1}"#,
        r#"{"alg":1,"enc":"A256CBC-HS512","zip":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","zip":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","zip":"def"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","zip":null}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","zip":"DEF ","kid":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","kid":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","typ":true}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","cty":[]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","jku":{}}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5u":null}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5c":"a"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5c":["a",1]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5c":[]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5t":0}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5t#S256":0}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","jwk":"k"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","jwk":[]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x5t#S256":0,"x5t":0,"x5c":0,"x5u":0,"jku":0,"cty":0,"typ":0,"kid":0,"jwk":0}"#,
        r#"{"x5t#S256":0,"x5t":0,"alg":"A256KW","enc":"A256CBC-HS512","kid":0}"#,
        r#"{"kid":0,"alg":"A256KW","enc":"A256CBC-HS512","x5c":[1]}"#,
        r#"{"alg":"nope","enc":"A256CBC-HS512","kid":0}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":["x"],"kid":0}"#,
        // Missing, unknown or not allowed algorithms.
        r#"{"enc":"A256CBC-HS512"}"#,
        r#"{"alg":"A256KW"}"#,
        r#"{}"#,
        r#"{"alg":"none","enc":"A256CBC-HS512"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC"}"#,
        r#"{"alg":"RSA1_5","enc":"A256CBC-HS512"}"#,
        r#"{"alg":"RSA-OAEP","enc":"A128GCM"}"#,
        r#"{"alg":"A128KW","enc":"A128CBC-HS256"}"#,
        r#"{"alg":"a256kw","enc":"A256CBC-HS512"}"#,
        r#"{"alg":"A256KW","enc":"A192GCM"}"#,
        r#"{"alg":"ECDH-ES","enc":"A256GCM","epk":{"kty":"EC"}}"#,
        r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAA","p2c":1000}"#,
        r#"{"alg":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","enc":"A256CBC-HS512"}"#,
        // crit.
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":[]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":"x"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":[1]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":["x","x"],"x":1}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":["alg"]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":["iv"]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":["x"]}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","crit":["x"],"x":1}"#,
        r#"{"crit":null,"alg":"A256KW","enc":"A256CBC-HS512"}"#,
        r#"{"crit":["b64"],"alg":1,"enc":"A256CBC-HS512"}"#,
        r#"{"crit":["x"],"alg":"A256KW","enc":"nope"}"#,
        // Structure.
        "",
        " ",
        "[]",
        r#"["alg","A256KW"]"#,
        r#"[{"a":1,"a":1}]"#,
        r#""{}""#,
        "1",
        "null",
        "true",
        "1e400",
        r#"{"alg":"A256KW","enc":"A256CBC-HS512"}x"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512"}{}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512",}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512""#,
        r#"{"alg":"A256KW" "enc":"A256CBC-HS512"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512",1:2}"#,
        r#"{alg:"A256KW"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x":"\ud800"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x":"\x"}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x":NaN}"#,
        r#"{"alg":"A256KW","enc":"A256CBC-HS512","x":01}"#,
    ]
    .iter()
    .map(|s| gcmkw(s))
    .collect();
    headers.extend([deep_obj, very_deep, deep_kid, long, many]);
    for h in &headers {
        check(h.as_bytes());
    }
    // Not UTF-8: in a string, a name, or outside any.
    for bytes in [
        &b"{\"alg\":\"A256KW\",\"enc\":\"A256CBC-HS512\",\"x\":\"\xff\"}"[..],
        b"{\"alg\":\"A256KW\",\"enc\":\"A256CBC-HS512\",\"\xc3\x28\":1}",
        b"{\"alg\":\"A256KW\xff\",\"enc\":\"A256CBC-HS512\"}",
        b"{\"alg\":\"A256KW\",\"enc\":\"A256CBC-HS512\"}\xff",
        b"\xef\xbb\xbf{\"alg\":\"A256KW\",\"enc\":\"A256CBC-HS512\"}",
        b"{\"alg\":\"A256KW\",\"enc\":\"A256CBC-HS512\",\"x\":\"\xed\xa0\x80\"}",
    ] {
        check(bytes);
    }
    assert!(headers.len() + 6 >= 100);
    // Many of them decrypt (with every serialization and several decrypters).
    assert!(DECRYPTED.load(std::sync::atomic::Ordering::Relaxed) > 100);
}

#[test]
fn bad_token_parts() {
    let d = &decrypters()[0];
    let [p, ek, iv, ct, tag] = parts(
        br#"{"alg":"A256KW","enc":"A256CBC-HS512"}"#,
        KeyManagementAlg::A256KW,
        ContentEncryptionAlg::A256CbcHs512,
    );
    let long = "A".repeat(200);
    for t in [
        format!("{p}.{ek}.{iv}.{ct}.{tag}"),
        format!("!.{ek}.{iv}.{ct}.{tag}"),
        format!("{p}A.{ek}.{iv}.{ct}.{tag}"),
        format!("{p}.{ek}A.{iv}.{ct}.{tag}"),
        format!("{p}.{ek}.{iv}A.{ct}.{tag}"),
        format!("{p}.{ek}.{iv}.{ct}.{tag}A"),
        format!("{p}.{ek}.{iv}.{ct}A.{tag}"),
        format!("{p}.{ek}.!.{ct}.{tag}"),
        format!("{p}.{long}.{iv}.{ct}.{tag}"),
        format!("{p}.{ek}.{long}.{ct}.{tag}"),
        format!("{p}.{ek}.{iv}.{ct}.{long}"),
        format!("{p}..{iv}.{ct}.{tag}"),
        format!("{p}.{ek}..{ct}.{tag}"),
        format!("{p}.{ek}.{iv}.{ct}."),
        format!("{p}.{ek}.{iv}.{ct}"),
        format!("{p}.{ek}.{iv}..{tag}"),
        format!("{p}.{ek}.{iv}.{ct}.{tag}.x"),
        format!("{p}.{ek}.{iv}.{ct}.{}", &tag[..tag.len() - 1]),
    ] {
        same(d.decrypt_compact(&t), d.decrypt_compact_reference(&t), &t);
    }
}

fn member_names() -> Vec<&'static str> {
    vec![
        "alg",
        "enc",
        "zip",
        "kid",
        "typ",
        "cty",
        "crit",
        "jku",
        "jwk",
        "x5u",
        "x5c",
        "x5t",
        "x5t#S256",
        "iv",
        "tag",
        "iss",
        "aud",
        "x",
        "\\u0061lg",
        "k\\u0069d",
        "\\u0078",
    ]
}

fn member_values() -> Vec<&'static str> {
    vec![
        r#""A256KW""#,
        r#""dir""#,
        r#""A128GCMKW""#,
        r#""RSA1_5""#,
        r#""A256CBC-HS512""#,
        r#""A128GCM""#,
        r#""DEF""#,
        r#""x""#,
        r#""\u0041256KW""#,
        "1",
        "-1",
        "1.5",
        "1e400",
        "null",
        "true",
        "[]",
        r#"["x"]"#,
        r#"["x","x"]"#,
        r#"["x",1]"#,
        r#"["alg"]"#,
        "{}",
        r#"{"a":{"b":[1,2,{"c":null}]}}"#,
        r#"{"a":1,"a":2}"#,
        "[[[[[1]]]]]",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_headers(
        members in prop::collection::vec((0..21usize, 0..24usize), 0..7),
        base in 0..4usize,
        tail in 0..4usize,
    ) {
        let names = member_names();
        let values = member_values();
        let mut text = String::from("{");
        let mut first = true;
        let mut push = |name: &str, value: &str| {
            if !first {
                text.push(',');
            }
            first = false;
            text.push_str(&format!("\"{name}\":{value}"));
        };
        // Usually a header that could decrypt, then generated members.
        match base {
            0 => {}
            1 => {
                push("alg", r#""A256KW""#);
                push("enc", r#""A256CBC-HS512""#);
            }
            2 => {
                push("enc", r#""A128GCM""#);
                push("alg", r#""dir""#);
            }
            _ => {
                push("alg", r#""A128GCMKW""#);
                push("enc", r#""A128GCM""#);
            }
        }
        for (n, v) in members {
            push(names.get(n).unwrap(), values.get(v).unwrap());
        }
        if base == 3 {
            text.push_str(&fixture().gcmkw_members);
        }
        text.push('}');
        match tail {
            1 => text.push_str(" x"),
            2 => text.insert(0, '['),
            _ => {}
        }
        check(text.as_bytes());
    }
}

#[test]
fn short_parts_decode_on_the_stack() {
    for len in [0, 1, 16, 32, 40, 63, 64] {
        let text = b64::encode_public(&vec![0xa5; len]);
        let small = decode_small(&text, "x").unwrap();
        assert!(matches!(small, Small::Stack(..)), "{len}");
        assert_eq!(&*small, &vec![0xa5; len][..]);
    }
    for len in [65, 512] {
        let text = b64::encode_public(&vec![0xa5; len]);
        let small = decode_small(&text, "x").unwrap();
        assert!(matches!(small, Small::Heap(..)), "{len}");
        assert_eq!(&*small, &vec![0xa5; len][..]);
    }
    for bad in ["A", "AB=", "AB!A", "AC"] {
        assert_eq!(
            decode_small(bad, "bad").unwrap_err().message(),
            decode_part(bad, "bad").unwrap_err().message()
        );
    }
}
