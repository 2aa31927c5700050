//! Unit tests of the claims reader and writer.

use super::*;

#[test]
fn registered_claims_are_typed() {
    let c = Claims::from_json(
        r#"{"iss":"a","aud":["x","y"],"exp":10,"nbf":5,"iat":4,"jti":"j","n":{"deep":[1]}}"#,
    )
    .unwrap();
    assert_eq!(c.iss(), Some("a"));
    assert_eq!(c.aud(), ["x", "y"]);
    assert_eq!((c.exp(), c.nbf(), c.iat()), (Some(10), Some(5), Some(4)));
    assert_eq!(c.custom().len(), 1);
    let back = Claims::from_json(c.to_json()).unwrap();
    assert_eq!(back, c);
}

#[test]
fn wrong_types_are_errors_even_when_not_required() {
    for bad in [
        r#"{"nbf":"99999999999"}"#,
        r#"{"exp":"1"}"#,
        r#"{"exp":-1e16}"#,
        r#"{"exp":true}"#,
        r#"{"iat":{}}"#,
        r#"{"exp":null}"#,
        r#"{"exp":1e300}"#,
        r#"{"exp":18446744073709551615}"#,
        r#"{"iss":1}"#,
        r#"{"aud":[1]}"#,
        r#"{"aud":{}}"#,
        r#"{"sub":null}"#,
    ] {
        assert_eq!(
            Claims::from_json(bad).unwrap_err().kind(),
            ErrorKind::InvalidClaim,
            "{bad}"
        );
    }
}

#[test]
fn set_routes_registered_names() {
    let c = Claims::new()
        .claim("exp", 5)
        .claim("aud", "a")
        .claim("x", 1);
    assert_eq!(c.exp(), Some(5));
    assert_eq!(c.aud(), ["a"]);
    assert_eq!(c.custom().len(), 1);
}

#[test]
fn custom_structs() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Mine {
        sub: String,
        role: String,
    }
    let c = Claims::new()
        .with_custom(&Mine {
            sub: "bob".into(),
            role: "admin".into(),
        })
        .unwrap();
    assert_eq!(c.sub(), Some("bob"));
    let back: Mine = c.deserialize_into().unwrap();
    assert_eq!(back.role, "admin");
}
#[test]
fn escaped_registered_names_are_typed() {
    let c = Claims::from_json(r#"{"\u0069ss":"a","s\u0075b":"b","\u0065xp":7,"aud":["\u0061"]}"#)
        .unwrap();
    assert_eq!((c.iss(), c.sub(), c.exp()), (Some("a"), Some("b"), Some(7)));
    assert_eq!(c.aud(), ["a"]);
    assert!(c.custom().is_empty());
    let e = Claims::from_json(r#"{"\u0069ss":"a","iss":"a"}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Json);
    assert!(e.to_string().contains("duplicate member \"iss\""), "{e}");
    let e = Claims::from_json(r#"{"\u0065xp":"1"}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidClaim);
}

#[test]
fn other_claims_keep_their_order() {
    let text = r#"{"a":1,"iss":"i","b":2,"exp":3,"c":3,"aud":"x","d":4}"#;
    let expect = ["a", "b", "c", "d"];
    let c = Claims::from_json(text).unwrap();
    assert!(c.custom().keys().eq(expect));
}
