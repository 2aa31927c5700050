//! A differential oracle for the claims reader: `Claims::from_json_with_limits` reads a
//! claims set in one pass straight into its typed fields; here the same text is parsed the
//! simple way (a strict JSON map: no duplicate member at any depth, bounded depth and
//! length), then typed claim by claim, and the two must agree on every input: the same
//! claims (other claims in the same order), or the same error.

use jwcrypt::error::Claim;
use jwcrypt::jwt::Claims;
use jwcrypt::{Error, ErrorKind, Limits, Result};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

const DEPTH: &str = "JSON nesting is deeper than the limit";

/// A strict JSON value: duplicates refused, `depth` levels allowed below it.
#[derive(Clone, Copy)]
struct Strict(usize);

impl Strict {
    fn nested<E: de::Error>(self) -> std::result::Result<Strict, E> {
        self.0
            .checked_sub(1)
            .map(Strict)
            .ok_or_else(|| E::custom(DEPTH))
    }
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(self.nested()?)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate member {key:?}")));
            }
            let v = map.next_value_seed(self.nested()?)?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

fn fail(kind: ErrorKind, message: String) -> Error {
    Error::new(kind, message)
}

/// The simple reader: a strict map, then each registered claim typed, in the order `iss`,
/// `sub`, `aud`, `exp`, `nbf`, `iat`, `jti` (the first wrong one is reported).
fn oracle(text: &[u8], limits: &Limits) -> Result<Claims> {
    if text.len() > limits.max_token_len {
        return Err(fail(
            ErrorKind::LimitExceeded,
            format!(
                "JSON text of {} bytes is over the limit of {}",
                text.len(),
                limits.max_token_len
            ),
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(text);
    let parsed = Strict(limits.max_json_depth)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            let text = e.to_string();
            if text.starts_with(DEPTH) || text.starts_with("recursion limit exceeded") {
                fail(ErrorKind::LimitExceeded, DEPTH.into())
            } else {
                fail(ErrorKind::Json, text)
            }
        })?;
    let Value::Object(mut obj) = parsed else {
        return Err(fail(ErrorKind::Json, "expected a JSON object".into()));
    };
    let wrong = |name: &str, what: &str| {
        fail(
            ErrorKind::InvalidClaim,
            format!("claim {name:?} must be {what}"),
        )
    };
    let mut claims = Claims::new();
    for name in ["iss", "sub"] {
        match take(&mut obj, name) {
            None => {}
            Some(Value::String(s)) => claims = claims.claim(name, s),
            Some(_) => return Err(wrong(name, "a string")),
        }
    }
    match take(&mut obj, "aud") {
        None => {}
        Some(Value::String(s)) => claims = claims.audience(s),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            claims = claims.audiences(items.iter().filter_map(Value::as_str));
        }
        Some(_) => return Err(wrong("aud", "a string or an array of strings")),
    }
    for name in ["exp", "nbf", "iat"] {
        match take(&mut obj, name) {
            None => {}
            Some(Value::Number(n)) if n.as_i64().is_some() => claims = claims.claim(name, n),
            // RFC 7519 §2: a fractional NumericDate, finite and within 2^53.
            Some(Value::Number(n))
                if n.is_f64()
                    && n.as_f64()
                        .is_some_and(|f| f.abs() <= 9_007_199_254_740_992.0) =>
            {
                claims = claims.claim(name, n)
            }
            Some(_) => {
                return Err(wrong(
                    name,
                    "a NumericDate (a finite number of seconds within 2^53)",
                ));
            }
        }
    }
    match take(&mut obj, "jti") {
        None => {}
        Some(Value::String(s)) => claims = claims.jwt_id(s),
        Some(_) => return Err(wrong("jti", "a string")),
    }
    for (name, value) in obj {
        claims = claims.claim(name, value);
    }
    Ok(claims)
}

/// Asserts that the one-pass reader and the oracle agree on `text` under `limits`: equal
/// claims (other claims in the same order), or the same error (kind, text, and claim).
fn agree(text: &[u8], limits: &Limits) -> std::result::Result<Claims, ErrorKind> {
    let show = String::from_utf8_lossy(text);
    let show = show.get(..show.len().min(120)).unwrap_or("");
    match (
        Claims::from_json_with_limits(text, limits),
        oracle(text, limits),
    ) {
        (Ok(new), Ok(old)) => {
            assert_eq!(new, old, "{show}");
            assert!(new.custom().keys().eq(old.custom().keys()), "{show}");
            assert_eq!(new.to_json(), old.to_json(), "{show}");
            Ok(new)
        }
        (Err(new), Err(old)) => {
            assert_eq!(new.kind(), old.kind(), "{show}: {new} / {old}");
            assert_eq!(new.to_string(), old.to_string(), "{show}");
            if new.kind() == ErrorKind::InvalidClaim {
                let claim = new.claim().map(|c| c.claim().clone());
                let named = old.message().split('"').nth(1).map(Claim::from_name);
                assert_eq!(claim, named, "{show}");
            }
            Err(new.kind())
        }
        (new, old) => panic!("{show}: one-pass {new:?}, oracle {old:?}"),
    }
}

fn limits(depth: usize, len: usize) -> Limits {
    let mut limits = Limits::DEFAULT;
    limits.max_json_depth = depth;
    limits.max_token_len = len;
    limits
}

#[test]
fn one_pass_reader_agrees_with_the_oracle() {
    use ErrorKind::{InvalidClaim, Json, LimitExceeded};
    let deep_obj = |n: usize| format!("{{\"x\":{}1{}}}", "{\"a\":".repeat(n), "}".repeat(n));
    let deep_arr = |n: usize| format!("{{\"x\":{}{}}}", "[".repeat(n), "]".repeat(n));
    let deep_aud = |n: usize| format!("{{\"aud\":{}\"a\"{}}}", "[".repeat(n), "]".repeat(n));
    let long = format!("{{\"x\":\"{}\"}}", "y".repeat(5000));
    let many: String = (0..300)
        .map(|i| format!("\"c{i}\":{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let many = format!("{{\"iss\":\"i\",{many},\"exp\":1}}");
    let owned = [
        deep_obj(30),
        deep_obj(31),
        deep_obj(32),
        deep_obj(200),
        deep_arr(30),
        deep_arr(31),
        deep_arr(200),
        deep_aud(1),
        deep_aud(2),
        deep_aud(31),
        deep_aud(40),
        long,
        many,
    ];
    let table: &[(&str, Option<ErrorKind>)] = &[
        // valid
        ("{}", None),
        (" { } ", None),
        (include_str!("../../benches/peers/data/claims.json"), None),
        (
            r#"{"iss":"a","sub":"b","aud":"c","exp":1,"nbf":-2,"iat":0,"jti":"j"}"#,
            None,
        ),
        (r#"{"x":1,"iss":"a","y":2,"aud":["p","q"],"z":3}"#, None),
        (r#"{"aud":[]}"#, None),
        (
            r#"{"exp":9223372036854775807,"nbf":-9223372036854775808}"#,
            None,
        ),
        (
            r#"{"\u0069ss":"a","\u0061ud":"b","\u0065xp":5,"j\u0074i":"\u00e9"}"#,
            None,
        ),
        (r#"{"iss":"a\"b\\c\n","x\u0000":"\ud83d\ude00"}"#, None),
        (r#"{"x":{"iss":1,"exp":"s"},"y":[{"a":1},{"a":1}]}"#, None),
        (r#"{"ISS":1,"iss ":2,"is":3,"issx":4,"":5}"#, None),
        (
            r#"{"n":1e3,"m":-0,"f":1.5,"g":1E-400,"b":true,"z":null}"#,
            None,
        ),
        // duplicates, registered or not, at any depth, however spelled
        (r#"{"iss":"a","iss":"a"}"#, Some(Json)),
        (r#"{"iss":"a","\u0069ss":"b"}"#, Some(Json)),
        (r#"{"\u0069\u0073\u0073":"a","iss":"b"}"#, Some(Json)),
        (r#"{"exp":1,"exp":1}"#, Some(Json)),
        (r#"{"aud":"a","aud":["a"]}"#, Some(Json)),
        (r#"{"iss":1,"iss":2}"#, Some(Json)),
        (r#"{"exp":"bad","x":1,"x":2}"#, Some(Json)),
        (r#"{"x":1,"x":2}"#, Some(Json)),
        (r#"{"x":1,"\u0078":2}"#, Some(Json)),
        (r#"{"x":{"a":1,"a":2}}"#, Some(Json)),
        (r#"{"x":[{"a":1,"a":2}]}"#, Some(Json)),
        (r#"{"iss":{"a":1,"a":2}}"#, Some(Json)),
        (r#"{"exp":[{"a":1,"a":2}]}"#, Some(Json)),
        (r#"{"aud":["a",{"b":1,"b":2}]}"#, Some(Json)),
        (r#"{"aud":[{"b":1,"b":2}],"iss":1}"#, Some(Json)),
        // wrong types for each registered claim
        (r#"{"iss":1}"#, Some(InvalidClaim)),
        (r#"{"sub":null}"#, Some(InvalidClaim)),
        (r#"{"jti":["a"]}"#, Some(InvalidClaim)),
        (r#"{"jti":{}}"#, Some(InvalidClaim)),
        (r#"{"iss":true}"#, Some(InvalidClaim)),
        (r#"{"aud":1}"#, Some(InvalidClaim)),
        (r#"{"aud":{}}"#, Some(InvalidClaim)),
        (r#"{"aud":null}"#, Some(InvalidClaim)),
        (r#"{"aud":[1]}"#, Some(InvalidClaim)),
        (r#"{"aud":["a",null]}"#, Some(InvalidClaim)),
        (r#"{"aud":["a",["b"]]}"#, Some(InvalidClaim)),
        (r#"{"aud":[[]]}"#, Some(InvalidClaim)),
        (r#"{"exp":"1"}"#, Some(InvalidClaim)),
        (r#"{"nbf":"99999999999"}"#, Some(InvalidClaim)),
        (r#"{"iat":{}}"#, Some(InvalidClaim)),
        (r#"{"iat":[]}"#, Some(InvalidClaim)),
        (r#"{"exp":null}"#, Some(InvalidClaim)),
        (r#"{"exp":true}"#, Some(InvalidClaim)),
        // Fractional NumericDates (RFC 7519 §2), within 2^53.
        (r#"{"exp":1.5}"#, None),
        (r#"{"exp":1.0}"#, None),
        (r#"{"exp":1e3}"#, None),
        (r#"{"exp":-0}"#, None),
        (r#"{"exp":1e16}"#, Some(InvalidClaim)),
        (r#"{"exp":-9007199254740994.0}"#, Some(InvalidClaim)),
        (r#"{"exp":-0.0}"#, None),
        (r#"{"exp":1e300}"#, Some(InvalidClaim)),
        (r#"{"exp":9223372036854775808}"#, Some(InvalidClaim)),
        (r#"{"exp":18446744073709551615}"#, Some(InvalidClaim)),
        (r#"{"exp":18446744073709551616}"#, Some(InvalidClaim)),
        (r#"{"nbf":-9223372036854775809}"#, Some(InvalidClaim)),
        (
            r#"{"exp":123456789012345678901234567890}"#,
            Some(InvalidClaim),
        ),
        // the first wrong claim in from_object's order is the one named
        (r#"{"jti":1,"exp":"x","iss":2}"#, Some(InvalidClaim)),
        (r#"{"iat":"x","aud":1}"#, Some(InvalidClaim)),
        // not JSON, not one object
        ("", Some(Json)),
        ("   ", Some(Json)),
        ("{", Some(Json)),
        ("}", Some(Json)),
        ("[]", Some(Json)),
        ("[{\"a\":1,\"a\":2}]", Some(Json)),
        ("1", Some(Json)),
        ("-0", Some(Json)),
        ("\"iss\"", Some(Json)),
        ("null", Some(Json)),
        ("true", Some(Json)),
        ("{} {}", Some(Json)),
        ("{} x", Some(Json)),
        ("{}\u{0}", Some(Json)),
        ("[] x", Some(Json)),
        (r#"{"iss":1} x"#, Some(Json)),
        (r#"{"iss":"a",}"#, Some(Json)),
        (r#"{"iss" "a"}"#, Some(Json)),
        (r#"{iss:"a"}"#, Some(Json)),
        (r#"{"iss":'a'}"#, Some(Json)),
        (r#"{"exp":01}"#, Some(Json)),
        (r#"{"exp":1e400}"#, Some(Json)),
        (r#"{"exp":-1e400}"#, Some(Json)),
        (r#"{"exp":NaN}"#, Some(Json)),
        (r#"{"iss":"\ud800"}"#, Some(Json)),
        (r#"{"\ud800":1}"#, Some(Json)),
        (r#"{"iss":"\x"}"#, Some(Json)),
        ("{\"iss\":\"a\u{1}\"}", Some(Json)),
        (r#"{"aud":["a",]}"#, Some(Json)),
    ];
    let cases = table
        .iter()
        .map(|&(t, want)| (t.as_bytes().to_vec(), want))
        .chain(owned.iter().map(|t| (t.clone().into_bytes(), None)))
        .chain([(b"{\"iss\":\"\xff\"}".to_vec(), Some(Json))])
        .chain([(b"{\"\xc3\xa9\":1}".to_vec(), None)])
        // Bytes that are not UTF-8 after an earlier error, and in a wrong-typed claim.
        .chain([(
            format!("{},\"y\":\"", &deep_arr(40)[..deep_arr(40).len() - 1])
                .into_bytes()
                .into_iter()
                .chain(*b"\xff\"}")
                .collect(),
            Some(LimitExceeded),
        )])
        .chain([(
            b"{\"x\":{\"a\":1,\"a\":2},\"y\":\"\xff\"}".to_vec(),
            Some(Json),
        )])
        .chain([(
            b"{\"exp\":\"\xe2\x82\xac\",\"y\":\"\xe2\x82\"}".to_vec(),
            Some(Json),
        )])
        .chain([(
            b"{\"exp\":\"\xe2\x82\xac\",\"\xe2\x82\xac\":1}".to_vec(),
            Some(InvalidClaim),
        )]);
    for (text, want) in cases {
        let got = agree(&text, &Limits::DEFAULT);
        if let Some(want) = want {
            assert_eq!(got.err(), Some(want), "{}", String::from_utf8_lossy(&text));
        }
        // Tight depth and length limits, on every input.
        for depth in 0..5 {
            let _ = agree(&text, &limits(depth, 1 << 20));
        }
        for len in [0, 1, text.len().saturating_sub(1), text.len()] {
            let _ = agree(&text, &limits(32, len));
        }
    }
    // The nesting and length cases fail as expected.
    assert_eq!(agree(deep_obj(31).as_bytes(), &Limits::DEFAULT).err(), None);
    assert_eq!(
        agree(deep_obj(32).as_bytes(), &Limits::DEFAULT).err(),
        Some(LimitExceeded)
    );
    assert_eq!(agree(deep_arr(31).as_bytes(), &Limits::DEFAULT).err(), None);
    assert_eq!(
        agree(deep_arr(32).as_bytes(), &Limits::DEFAULT).err(),
        Some(LimitExceeded)
    );
    assert_eq!(
        agree(deep_aud(31).as_bytes(), &Limits::DEFAULT).err(),
        Some(InvalidClaim)
    );
    assert_eq!(
        agree(deep_aud(40).as_bytes(), &Limits::DEFAULT).err(),
        Some(LimitExceeded)
    );
    assert_eq!(
        agree(deep_arr(200).as_bytes(), &limits(1000, 1 << 20)).err(),
        Some(LimitExceeded)
    );
    assert_eq!(agree(b"{}", &limits(32, 1)).err(), Some(LimitExceeded));
    assert_eq!(
        agree(b"{\"iss\":\"a\"}", &limits(0, 99)).err(),
        Some(LimitExceeded)
    );
    assert_eq!(agree(b"{}", &limits(0, 99)).err(), None);
    assert_eq!(
        agree(b"{\"aud\":[]}", &limits(1, 99)).err(),
        Some(LimitExceeded)
    );
    assert_eq!(agree(b"{\"aud\":[]}", &limits(2, 99)).err(), None);
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    /// JSON text built from names that collide (registered, escaped, other) and values of
    /// every type, nested a few levels.
    fn value() -> impl Strategy<Value = String> {
        let name = prop::sample::select(vec![
            "iss",
            "\\u0069ss",
            "sub",
            "aud",
            "\\u0061ud",
            "exp",
            "nbf",
            "iat",
            "jti",
            "x",
            "\\u0078",
            "y",
        ]);
        let leaf = prop::sample::select(vec![
            "1",
            "-1",
            "0",
            "-0",
            "1.0",
            "1e3",
            "1.5",
            "9223372036854775808",
            "18446744073709551616",
            "-9223372036854775809",
            "\"s\"",
            "\"\\u0061\"",
            "true",
            "null",
            "[]",
            "{}",
        ])
        .prop_map(str::to_owned);
        leaf.prop_recursive(4, 24, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((name.clone(), inner), 0..5).prop_map(|v| {
                    let members: Vec<String> =
                        v.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                    format!("{{{}}}", members.join(","))
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn one_pass_reader_agrees(text in value(), depth in 0usize..6, tail in prop::sample::select(vec!["", " ", " x", "}"])) {
            let text = format!("{text}{tail}");
            let _ = agree(text.as_bytes(), &limits(depth, 1 << 20));
            let _ = agree(text.as_bytes(), &Limits::DEFAULT);
        }
    }
}

/// Removes a member, keeping the order of the others whether or not serde_json preserves
/// order (the library does not force `preserve_order`; the CLI turns it on).
fn take(obj: &mut Map<String, Value>, name: &str) -> Option<Value> {
    let v = obj.get(name).cloned();
    obj.retain(|k, _| k != name);
    v
}
