//! Claim validation (RFC 7519 §4.1, RFC 8725 §3): every rule at its boundaries with and
//! without leeway, audiences, issuers, required claims, malformed claims (CVE-2026-25537)
//! and header `typ` checks.

use std::time::Duration;

use jwcrypt::error::{Claim, ClaimReason};
use jwcrypt::jws::{self, JwsHeader};
use jwcrypt::jwt::{self, Claims, FixedClock, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, SigningAlg};

const NOW: i64 = 1_700_000_000;
const LEEWAY: i64 = 30;

fn v() -> Validation {
    Validation::new()
        .leeway(Duration::from_secs(LEEWAY as u64))
        .clock(FixedClock(NOW))
}

fn strict() -> Validation {
    Validation::new()
        .leeway(Duration::ZERO)
        .clock(FixedClock(NOW))
}

fn far() -> Claims {
    Claims::new().expires_at(NOW + 3600)
}

fn ok(v: &Validation, c: &Claims) {
    v.validate(c)
        .unwrap_or_else(|e| panic!("{} refused: {e}", c.to_json()));
}

fn refused(v: &Validation, c: &Claims) {
    let e = v.validate(c).expect_err(&c.to_json());
    assert_eq!(e.kind(), ErrorKind::ClaimValidation, "{}", c.to_json());
}

#[test]
fn exp_boundaries() {
    // Accepted while now < exp + leeway.
    ok(&v(), &Claims::new().expires_at(NOW - LEEWAY + 1));
    refused(&v(), &Claims::new().expires_at(NOW - LEEWAY));
    refused(&v(), &Claims::new().expires_at(NOW - LEEWAY - 1));
    ok(&strict(), &Claims::new().expires_at(NOW + 1));
    refused(&strict(), &Claims::new().expires_at(NOW));
    refused(&strict(), &Claims::new().expires_at(NOW - 1));
    // Extremes do not overflow.
    ok(&v(), &Claims::new().expires_at(i64::MAX));
    refused(&v(), &Claims::new().expires_at(i64::MIN));
    refused(&v(), &Claims::new().expires_at(0));
    // A huge leeway saturates rather than wrapping.
    let lax = Validation::new()
        .leeway(Duration::from_secs(u64::MAX))
        .clock(FixedClock(NOW));
    ok(&lax, &Claims::new().expires_at(NOW - 1_000_000));
}

#[test]
fn exp_required_unless_switched_off() {
    refused(&v(), &Claims::new());
    refused(&v(), &Claims::new().issuer("a").not_before(NOW));
    ok(&v().allow_missing_exp(), &Claims::new());
    // Still checked when present.
    refused(
        &v().allow_missing_exp(),
        &Claims::new().expires_at(NOW - 100),
    );
}

#[test]
fn nbf_boundaries() {
    ok(&v(), &far().not_before(NOW + LEEWAY));
    refused(&v(), &far().not_before(NOW + LEEWAY + 1));
    ok(&v(), &far().not_before(NOW - 1_000_000));
    ok(&strict(), &far().not_before(NOW));
    refused(&strict(), &far().not_before(NOW + 1));
    ok(&strict(), &far().not_before(i64::MIN));
    refused(&strict(), &far().not_before(i64::MAX));
}

#[test]
fn iat_in_the_future() {
    ok(&v(), &far().issued_at(NOW + LEEWAY));
    refused(&v(), &far().issued_at(NOW + LEEWAY + 1));
    ok(&strict(), &far().issued_at(NOW));
    refused(&strict(), &far().issued_at(NOW + 1));
    ok(&strict(), &far().issued_at(0));
}

#[test]
fn max_age() {
    let age = 600;
    let v = v().max_age(Duration::from_secs(age as u64));
    ok(&v, &far().issued_at(NOW - age - LEEWAY));
    refused(&v, &far().issued_at(NOW - age - LEEWAY - 1));
    ok(&v, &far().issued_at(NOW));
    // max_age makes iat required.
    refused(&v, &far());
    let s = strict().max_age(Duration::from_secs(age as u64));
    ok(&s, &far().issued_at(NOW - age));
    refused(&s, &far().issued_at(NOW - age - 1));
    // A future iat is still refused with max_age.
    refused(&s, &far().issued_at(NOW + 1));
}

#[test]
fn audience_as_string_and_array() {
    let v = v().audience("api");
    ok(&v, &far().audience("api"));
    ok(&v, &far().audiences(["other", "api"]));
    ok(&v, &far().audiences(["api"]));
    refused(&v, &far().audience("API"));
    refused(&v, &far().audience("ap"));
    refused(&v, &far().audiences(["other"]));
    refused(&v, &far().audiences(Vec::<String>::new()));
    refused(&v, &far());
    // One of several accepted audiences.
    let v = v.audience("web");
    ok(&v, &far().audience("web"));
    ok(&v, &far().audiences(["x", "web"]));
    refused(&v, &far().audiences(["x", "y"]));
    // Parsed from JSON both ways.
    ok(
        &v,
        &Claims::from_json(format!(r#"{{"exp":{},"aud":"web"}}"#, NOW + 1)).unwrap(),
    );
    ok(
        &v,
        &Claims::from_json(format!(r#"{{"exp":{},"aud":["a","api"]}}"#, NOW + 1)).unwrap(),
    );
}

#[test]
fn audience_present_but_none_expected() {
    // RFC 7519 §4.1.3: a recipient that does not find itself in aud rejects the token.
    refused(&v(), &far().audience("api"));
    refused(&v(), &far().audiences(["a", "b"]));
    refused(&v(), &far().audiences(Vec::<String>::new()));
    ok(&v(), &far());
    ok(&v().accept_any_audience(), &far().audience("api"));
    ok(&v().accept_any_audience(), &far());
    // accept_any_audience does not weaken an expected audience.
    refused(
        &v().accept_any_audience().audience("api"),
        &far().audience("web"),
    );
}

#[test]
fn issuers() {
    let v = v().issuer("https://a.example").issuer("https://b.example");
    ok(&v, &far().issuer("https://a.example"));
    ok(&v, &far().issuer("https://b.example"));
    refused(&v, &far().issuer("https://c.example"));
    refused(&v, &far().issuer("https://A.example"));
    refused(&v, &far().issuer("https://a.example/"));
    refused(&v, &far().issuer(""));
    refused(&v, &far());
}

#[test]
fn subject_jti_and_required_claims() {
    let v1 = v().subject("alice");
    ok(&v1, &far().subject("alice"));
    refused(&v1, &far().subject("bob"));
    refused(&v1, &far());
    let v2 = v().jwt_id("id-1");
    ok(&v2, &far().jwt_id("id-1"));
    refused(&v2, &far().jwt_id("id-2"));
    refused(&v2, &far());
    let v3 = v().require("role").require("nbf").require("sub");
    ok(
        &v3,
        &far().claim("role", "admin").not_before(NOW).subject("x"),
    );
    refused(&v3, &far().claim("role", "admin").not_before(NOW));
    refused(&v3, &far().not_before(NOW).subject("x"));
    refused(&v3, &far().claim("role", "admin").subject("x"));
    // A null custom claim is present.
    ok(
        &v().require("role"),
        &far().claim("role", serde_json::Value::Null),
    );
}

#[test]
fn malformed_time_claims_are_errors_even_when_not_required() {
    for name in ["exp", "nbf", "iat"] {
        for value in [
            r#""99999999999""#,
            r#""1""#,
            // Fractional NumericDates are accepted (RFC 7519 §2); these are out of range.
            "1e300",
            "-9007199254740993.5e1",
            "true",
            "false",
            "{}",
            r#"{"secs":1}"#,
            "[]",
            "[1]",
            "null",
            "18446744073709551616",
        ] {
            let json = format!(r#"{{"{name}":{value}}}"#);
            let e = Claims::from_json(&json).expect_err(&json);
            assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{json}");
        }
    }
    for json in [
        r#"{"iss":1}"#,
        r#"{"iss":null}"#,
        r#"{"sub":["a"]}"#,
        r#"{"jti":false}"#,
        r#"{"aud":1}"#,
        r#"{"aud":[1]}"#,
        r#"{"aud":["a",null]}"#,
        r#"{"aud":{"a":1}}"#,
        r#"{"aud":null}"#,
    ] {
        let e = Claims::from_json(json).expect_err(json);
        assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{json}");
    }
    // A number beyond f64 is already a JSON error.
    assert!(Claims::from_json(r#"{"exp":1e400}"#).is_err());
    // Well-typed extremes are fine.
    let c = Claims::from_json(r#"{"exp":-1,"nbf":0,"iat":9223372036854775807}"#).unwrap();
    assert_eq!(
        (c.exp(), c.nbf(), c.iat()),
        (Some(-1), Some(0), Some(i64::MAX))
    );
}

/// CVE-2026-25537 end to end: a correctly signed token whose nbf is a string is refused
/// with InvalidClaim by a reader that does not ask about nbf, and likewise for the others.
#[test]
fn malformed_claims_in_signed_tokens_cve_2026_25537() {
    let key = Jwk::generate_for(SigningAlg::HS256).unwrap();
    let reader = Reader::builder(v())
        .verify_with(&key, &[SigningAlg::HS256])
        .build()
        .unwrap();
    let header = JwsHeader::new(SigningAlg::HS256).with_typ("JWT");
    let exp = NOW + 100;
    for payload in [
        format!(r#"{{"exp":{exp},"nbf":"99999999999"}}"#),
        format!(r#"{{"exp":{exp},"iat":"0"}}"#),
        format!(r#"{{"exp":"{exp}"}}"#),
        format!(r#"{{"exp":{exp}e10}}"#),
        format!(r#"{{"exp":{exp},"nbf":true}}"#),
        format!(r#"{{"exp":{exp},"nbf":{{}}}}"#),
        format!(r#"{{"exp":{exp},"iat":null}}"#),
        format!(r#"{{"exp":{exp},"aud":5}}"#),
    ] {
        let token = jws::sign_compact(payload.as_bytes(), &header, &key).unwrap();
        let e = reader.read(&token).expect_err(&payload);
        assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{payload}");
    }
    // Not JSON, not an object, duplicate names, too deep: refused too.
    for payload in [
        "not json".to_owned(),
        "[1]".to_owned(),
        "\"s\"".to_owned(),
        format!(r#"{{"exp":{exp},"exp":{exp}}}"#),
        format!(r#"{{"exp":{exp},"a":1,"a":2}}"#),
        format!(
            r#"{{"exp":{exp},"x":{}1{}}}"#,
            "[".repeat(100),
            "]".repeat(100)
        ),
    ] {
        let token = jws::sign_compact(payload.as_bytes(), &header, &key).unwrap();
        let e = reader.read(&token).expect_err(&payload);
        assert!(
            matches!(
                e.kind(),
                ErrorKind::Json | ErrorKind::LimitExceeded | ErrorKind::InvalidClaim
            ),
            "{payload}: {e}"
        );
    }
}

#[test]
fn deeply_nested_claims_do_not_overflow_the_stack() {
    let deep = format!(r#"{{"x":{}0{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    assert!(Claims::from_json(&deep).is_err());
    let deep = format!(
        r#"{{"x":{}1{}}}"#,
        r#"{"a":"#.repeat(100_000),
        "}".repeat(100_000)
    );
    assert!(Claims::from_json(&deep).is_err());
}

fn signed_with_typ(typ: Option<&str>, key: &Jwk) -> String {
    let mut header = JwsHeader::new(SigningAlg::HS256);
    if let Some(t) = typ {
        header = header.with_typ(t);
    }
    jws::sign_compact(far().to_json().as_bytes(), &header, key).unwrap()
}

#[test]
fn typ_checks() {
    let key = Jwk::generate_for(SigningAlg::HS256).unwrap();
    let read = |v: Validation, typ: Option<&str>| {
        Reader::builder(v)
            .verify_with(&key, &[SigningAlg::HS256])
            .build()
            .unwrap()
            .read(&signed_with_typ(typ, &key))
    };
    // No typ expected: any typ, or none, is accepted.
    for typ in [None, Some("JWT"), Some("at+jwt"), Some("something/else")] {
        assert!(read(v(), typ).is_ok(), "{typ:?}");
    }
    // Expected JWT.
    for typ in [
        Some("JWT"),
        Some("jwt"),
        Some("application/jwt"),
        Some("Application/JWT"),
    ] {
        assert!(read(v().typ("JWT"), typ).is_ok(), "{typ:?}");
    }
    for typ in [
        None,
        Some("at+jwt"),
        Some("JWS"),
        Some("text/jwt"),
        Some("JWT "),
    ] {
        let e = read(v().typ("JWT"), typ).expect_err(&format!("{typ:?}"));
        assert_eq!(e.kind(), ErrorKind::ClaimValidation, "{typ:?}");
    }
    // Expected at+jwt (RFC 9068), given with or without the application/ prefix.
    for expected in ["at+jwt", "application/at+jwt", "AT+JWT"] {
        for typ in ["at+jwt", "application/at+jwt", "AT+JWT"] {
            assert!(
                read(v().typ(expected), Some(typ)).is_ok(),
                "{expected} {typ}"
            );
        }
        for typ in [None, Some("JWT"), Some("application/jwt"), Some("at+jwt2")] {
            assert!(read(v().typ(expected), typ).is_err(), "{expected} {typ:?}");
        }
    }
}

#[test]
fn typ_of_encrypted_and_nested_tokens() {
    let sig = Jwk::generate_for(SigningAlg::HS256).unwrap();
    let enc = Jwk::generate_for(K::A256KW).unwrap();
    // jwt::encrypted writes typ JWT on the JWE.
    let token = jwt::encrypted(&far(), &enc, K::A256KW, E::A256Gcm).unwrap();
    let r = |v: Validation| {
        Reader::builder(v)
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap()
            .read(&token)
    };
    assert!(r(v().typ("JWT")).is_ok());
    assert!(r(v().typ("at+jwt")).is_err());
    // A nested token is typed by its inner JWS (RFC 8725 §3.11).
    let header = JwsHeader::new(SigningAlg::HS256).with_typ("at+jwt");
    let inner = jws::sign_compact(far().to_json().as_bytes(), &header, &sig).unwrap();
    let token = jwcrypt::jwe::Encrypter::new(&enc, K::A256KW, E::A256Gcm)
        .unwrap()
        .with_cty("JWT")
        .with_typ("JWT")
        .encrypt_compact(inner.as_bytes())
        .unwrap();
    let r = |v: Validation| {
        Reader::builder(v)
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&sig, &[SigningAlg::HS256])
            .build()
            .unwrap()
            .read(&token)
    };
    assert!(r(v().typ("at+jwt")).is_ok());
    assert!(r(v().typ("JWT")).is_err());
}

#[test]
fn validation_through_the_reader() {
    let key = Jwk::generate_for(SigningAlg::HS256).unwrap();
    let claims = Claims::new()
        .issuer("iss-1")
        .audiences(["api", "web"])
        .subject("alice")
        .expires_at(NOW + 10)
        .not_before(NOW - 10)
        .issued_at(NOW - 10);
    let token = jwt::signed(&claims, &key, SigningAlg::HS256).unwrap();
    let read = |v: Validation| {
        Reader::builder(v)
            .verify_with(&key, &[SigningAlg::HS256])
            .build()
            .unwrap()
            .read(token.as_str())
    };
    assert_eq!(read(v().issuer("iss-1").audience("web")).unwrap(), claims);
    for bad in [
        v().issuer("iss-2").audience("web"),
        v().issuer("iss-1").audience("mobile"),
        v().issuer("iss-1"),
        v().audience("web").subject("bob"),
        v().audience("web")
            .max_age(Duration::from_secs(1))
            .leeway(Duration::ZERO),
        v().audience("web").require("role"),
        Validation::new()
            .audience("web")
            .leeway(Duration::ZERO)
            .clock(FixedClock(NOW + 10)),
        Validation::new()
            .audience("web")
            .leeway(Duration::ZERO)
            .clock(FixedClock(NOW - 11)),
    ] {
        let e = read(bad.clone()).expect_err(&format!("{bad:?}"));
        assert_eq!(e.kind(), ErrorKind::ClaimValidation, "{bad:?}");
    }
}

#[test]
fn mistyped_registered_claims_are_not_signed() {
    let key = Jwk::generate_for(SigningAlg::HS256).unwrap();
    let enc = Jwk::generate_for(K::A128KW).unwrap();
    for (name, value) in [
        ("exp", serde_json::json!("soon")),
        ("nbf", serde_json::json!(1.5e300)),
        ("aud", serde_json::json!([1])),
        ("iss", serde_json::json!({})),
    ] {
        let c = far().claim(name, value.clone());
        assert_eq!(
            jwt::signed(&c, &key, SigningAlg::HS256).unwrap_err().kind(),
            ErrorKind::InvalidClaim,
            "{name}"
        );
        assert_eq!(
            jwt::encrypted(&c, &enc, K::A128KW, E::A128Gcm)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidClaim,
            "{name}"
        );
        // Setting it again with the right type repairs it.
        let mut c = c;
        c.set(
            name,
            if name == "iss" || name == "aud" {
                "x".into()
            } else {
                serde_json::json!(NOW)
            },
        );
        assert!(jwt::signed(&c, &key, SigningAlg::HS256).is_ok(), "{name}");
    }
    // A mistyped exp replaces the typed one rather than hiding behind it.
    let c = Claims::new().expires_at(NOW).claim("exp", "later");
    assert_eq!(c.exp(), None);
    assert_eq!(c.get("exp"), Some("later".into()));
    let mut c = c;
    c.remove("exp");
    assert!(!c.contains("exp"));
}

// ----- claim failures a caller can match on, without reading the message -----

/// The claim and reason of a refused token, through a reader (so that header `typ` and
/// claims replicated in a JWE header are covered too).
fn why(e: &jwcrypt::Error) -> (Claim, ClaimReason) {
    let c = e.claim().unwrap_or_else(|| panic!("no claim in {e}"));
    (c.claim().clone(), c.reason())
}

#[test]
fn every_claim_failure_names_its_claim_and_reason() {
    use ClaimReason::{Expired, Malformed, Mismatch, Missing, NotYetValid};
    let exp = || Claims::new().expires_at(NOW + 3600);
    let cases: Vec<(Validation, Claims, Claim, ClaimReason)> = vec![
        (
            v(),
            Claims::new().expires_at(NOW - LEEWAY),
            Claim::Exp,
            Expired,
        ),
        (v(), Claims::new(), Claim::Exp, Missing),
        (
            v(),
            exp().not_before(NOW + LEEWAY + 1),
            Claim::Nbf,
            NotYetValid,
        ),
        (
            v(),
            exp().issued_at(NOW + LEEWAY + 1),
            Claim::Iat,
            NotYetValid,
        ),
        (
            v().max_age(Duration::from_secs(10)),
            exp(),
            Claim::Iat,
            Missing,
        ),
        (
            v().max_age(Duration::from_secs(10)),
            exp().issued_at(NOW - LEEWAY - 11),
            Claim::Iat,
            Expired,
        ),
        (v().issuer("a"), exp(), Claim::Iss, Missing),
        (v().issuer("a"), exp().issuer("b"), Claim::Iss, Mismatch),
        (v().audience("a"), exp(), Claim::Aud, Missing),
        (v().audience("a"), exp().audience("b"), Claim::Aud, Mismatch),
        (v(), exp().audience("b"), Claim::Aud, Mismatch),
        (v().subject("a"), exp(), Claim::Sub, Missing),
        (v().subject("a"), exp().subject("b"), Claim::Sub, Mismatch),
        (v().jwt_id("a"), exp(), Claim::Jti, Missing),
        (v().jwt_id("a"), exp().jwt_id("b"), Claim::Jti, Mismatch),
        (
            v().require("role"),
            exp(),
            Claim::Other("role".into()),
            Missing,
        ),
        (v().require("nbf"), exp(), Claim::Nbf, Missing),
    ];
    let key = Jwk::generate_for(SigningAlg::HS256).unwrap();
    for (validation, claims, claim, reason) in cases {
        let e = validation.validate(&claims).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ClaimValidation);
        assert_eq!(why(&e), (claim.clone(), reason), "{e}");
        // The same through a reader.
        let token = jwt::signed(&claims, &key, SigningAlg::HS256).unwrap();
        let reader = Reader::builder(validation)
            .verify_with(&key, &[SigningAlg::HS256])
            .build()
            .unwrap();
        let e = reader.read(token.as_str()).unwrap_err();
        assert_eq!(why(&e), (claim, reason), "{e}");
    }

    // Header typ: missing and mismatched.
    let reader = |typ| {
        Reader::builder(v().typ(typ))
            .verify_with(&key, &[SigningAlg::HS256])
            .build()
            .unwrap()
    };
    let untyped = jws::sign_compact(
        exp().to_json().as_bytes(),
        &JwsHeader::new(SigningAlg::HS256),
        &key,
    )
    .unwrap();
    let e = reader("JWT").read(&untyped).unwrap_err();
    assert_eq!(why(&e), (Claim::Typ, Missing));
    let typed = jwt::signed(&exp(), &key, SigningAlg::HS256).unwrap();
    let e = reader("at+jwt").read(typed.as_str()).unwrap_err();
    assert_eq!(why(&e), (Claim::Typ, Mismatch));

    // Malformed registered claims, each named, whether asked for or not.
    let plain = Reader::builder(v())
        .verify_with(&key, &[SigningAlg::HS256])
        .build()
        .unwrap();
    for (payload, claim) in [
        (r#"{"exp":"1"}"#, Claim::Exp),
        (r#"{"exp":1,"nbf":"99999999999"}"#, Claim::Nbf),
        (r#"{"exp":1,"iat":1.5e300}"#, Claim::Iat),
        (r#"{"exp":1,"iss":1}"#, Claim::Iss),
        (r#"{"exp":1,"aud":[1]}"#, Claim::Aud),
        (r#"{"exp":1,"sub":null}"#, Claim::Sub),
        (r#"{"exp":1,"jti":{}}"#, Claim::Jti),
    ] {
        let token = jws::sign_compact(payload.as_bytes(), &JwsHeader::new(SigningAlg::HS256), &key)
            .unwrap();
        let e = plain.read(&token).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{payload}");
        assert_eq!(why(&e), (claim.clone(), Malformed), "{payload}");
        let e = Claims::from_json(payload).unwrap_err();
        assert_eq!(why(&e), (claim, Malformed), "{payload}");
    }
    // A wrong-typed registered claim set by name is refused when signing, and named.
    let e = jwt::signed(&exp().claim("sub", 5), &key, SigningAlg::HS256).unwrap_err();
    assert_eq!(why(&e), (Claim::Sub, Malformed));
    // Claims that do not fit the caller's type are not about one claim.
    #[derive(Debug, serde::Deserialize)]
    #[expect(dead_code, reason = "only deserialized, to see the claims refused")]
    struct Needs {
        role: String,
    }
    let e = plain.read_as::<Needs>(typed.as_str()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidClaim);
    assert!(e.claim().is_none());
}

/// Claims replicated in the JWE header that differ from the claims (RFC 7519 §5.3).
#[test]
fn replicated_header_claims_mismatch_is_named() {
    let enc = Jwk::generate_for(K::A256KW).unwrap();
    let claims = Claims::new()
        .expires_at(NOW + 3600)
        .issuer("a")
        .subject("s");
    for (name, claim) in [
        ("iss", Claim::Iss),
        ("sub", Claim::Sub),
        ("aud", Claim::Aud),
    ] {
        let token = jwcrypt::jwe::Encrypter::new(&enc, K::A256KW, E::A256Gcm)
            .unwrap()
            .with_member(name, "other".into())
            .unwrap()
            .encrypt_compact(claims.to_json().as_bytes())
            .unwrap();
        let reader = Reader::builder(v().accept_any_audience())
            .decrypt_with(&enc, &[K::A256KW], E::ALL)
            .build()
            .unwrap();
        let e = reader.read(&token).unwrap_err();
        assert_eq!(why(&e), (claim, ClaimReason::Mismatch), "{name}: {e}");
    }
}

/// RFC 7519 §2: a NumericDate may be fractional (PyJWT writes `time.time() + 600`). It is
/// compared exactly with the clock's nanoseconds, never rounded in the token's favour.
#[test]
fn fractional_numeric_dates() {
    use std::time::{SystemTime, UNIX_EPOCH};
    let at = |ms: u64| {
        Validation::new()
            .leeway(Duration::ZERO)
            .clock(UNIX_EPOCH + Duration::from_millis(ms))
    };
    let exp = Claims::from_json(r#"{"exp": 1000.5}"#).unwrap();
    assert_eq!(exp.get("exp"), Some(serde_json::json!(1000.5)));
    assert_eq!(
        exp.exp(),
        Some(1000),
        "rounded down: never later than the claim"
    );
    at(1_000_000).validate(&exp).unwrap();
    at(1_000_499).validate(&exp).unwrap();
    for ms in [1_000_500, 1_000_501, 1_001_000] {
        let e = at(ms).validate(&exp).unwrap_err();
        assert_eq!(why(&e), (Claim::Exp, ClaimReason::Expired), "{ms}");
    }
    // A whole-second clock: 1000 is before 1000.5, 1001 after.
    let whole = |s: i64| {
        Validation::new()
            .leeway(Duration::ZERO)
            .clock(FixedClock(s))
    };
    whole(1000).validate(&exp).unwrap();
    assert!(whole(1001).validate(&exp).is_err());
    // With leeway, exactly.
    let lee = |ms: u64| at(ms).leeway(Duration::from_secs(10));
    lee(1_010_499).validate(&exp).unwrap();
    assert!(lee(1_010_500).validate(&exp).is_err());

    // nbf and iat are rounded up: not valid before the exact instant.
    let nbf = Claims::from_json(r#"{"exp": 99999, "nbf": 1000.25, "iat": 1000.25}"#).unwrap();
    assert_eq!((nbf.nbf(), nbf.iat()), (Some(1001), Some(1001)));
    assert_eq!(
        why(&at(1_000_249).validate(&nbf).unwrap_err()),
        (Claim::Nbf, ClaimReason::NotYetValid)
    );
    at(1_000_250).validate(&nbf).unwrap();
    assert!(whole(1000).validate(&nbf).is_err());
    // max_age from a fractional iat: too old one nanosecond past iat + A.
    let old = at(1_060_250)
        .max_age(Duration::from_secs(60))
        .validate(&nbf);
    old.unwrap();
    assert!(
        Validation::new()
            .leeway(Duration::ZERO)
            .clock(UNIX_EPOCH + Duration::from_nanos(1_060_250_000_001))
            .max_age(Duration::from_secs(60))
            .validate(&nbf)
            .is_err()
    );
    // A value that is not a whole number of nanoseconds: exp rounds down, nbf up.
    let fine = Claims::from_json(r#"{"exp": 1000.0000000001, "nbf": 999.9999999999}"#).unwrap();
    let ns = |n: u64| {
        Validation::new()
            .leeway(Duration::ZERO)
            .clock(UNIX_EPOCH + Duration::from_nanos(n))
    };
    assert!(
        ns(1_000_000_000_000).validate(&fine).is_err(),
        "exp rounds down"
    );
    assert!(
        ns(999_999_999_999).validate(&fine).is_err(),
        "nbf rounds up"
    );
    // Written back exactly as read.
    assert_eq!(
        fine.to_json(),
        r#"{"exp":1000.0000000001,"nbf":999.9999999999}"#
    );
    // Negative fractional dates are fine within range; `1.0` is kept as written.
    Claims::from_json(r#"{"exp": -0.5}"#).unwrap();
    let one = Claims::from_json(r#"{"exp": 1.0}"#).unwrap();
    assert_eq!(one.exp(), Some(1));
    // The system clock compares to the nanosecond too.
    let soon = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        + 3600.5;
    let c = Claims::new().claim("exp", soon);
    Validation::new().validate(&c).unwrap();
}

/// Everything else a NumericDate cannot be is still refused as malformed, whether or not the
/// claim is validated.
#[test]
fn numeric_dates_refused() {
    for v in [
        r#""1000""#,
        "true",
        "null",
        "[1]",
        "{}",
        "1e400",
        "-1e400",
        "9007199254740994.5e3",
        "-9.1e15",
        "18446744073709551615",
    ] {
        for name in ["exp", "nbf", "iat"] {
            let e = Claims::from_json(format!(r#"{{"{name}": {v}}}"#)).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::InvalidClaim | ErrorKind::Json),
                "{name} {v}: {e}"
            );
        }
    }
    // NaN and infinities cannot be written in JSON; given through the API they are refused.
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e16] {
        let key = Jwk::generate_for(SigningAlg::HS256).unwrap();
        let claims = Claims::new().claim(
            "exp",
            serde_json::Number::from_f64(f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
        );
        let e = jwt::signed(&claims, &key, SigningAlg::HS256).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{f}");
    }
}

/// The issuing side takes a clock too.
#[test]
fn issuing_with_a_clock() {
    let clock = FixedClock(NOW);
    let claims = Claims::new()
        .issued_now_with(&clock)
        .expires_in_with(Duration::from_secs(3600), &clock);
    assert_eq!(claims.iat(), Some(NOW));
    assert_eq!(claims.nbf(), Some(NOW));
    assert_eq!(claims.exp(), Some(NOW + 3600));
    strict().validate(&claims).unwrap();
    let later = Validation::new()
        .leeway(Duration::ZERO)
        .clock(FixedClock(NOW + 3600));
    assert!(later.validate(&claims).is_err());
}
