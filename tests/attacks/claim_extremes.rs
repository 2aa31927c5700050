//! Issue 25, class 8: claim parsing at the extremes (jsonwebtoken CVE-2026-25537, a
//! malformed `nbf` treated as absent; jwx v4.6.0, NumericDate overflow; jwt-simple, negative
//! timestamps wrapping; PyJWT CVE-2024-53861 and joserfc CVE-2026-75509, partial or array
//! `iss` matching). Every time claim at the ends of i64 and f64, as special-value strings,
//! objects, arrays and negative numbers: either a malformed claim, or a NumericDate compared
//! without wrapping (an `exp` far in the past is expired, an `nbf` or `iat` far in the future
//! is not valid yet, whatever the leeway and the clock); never a panic, never "absent".
//! `iss` matches exactly or not at all. Wrong JSON types of the ordinary kind are also in
//! `claim_types::cve_2026_25537_time_claims_of_wrong_type`.

use std::time::Duration;

use crate::helpers::{hs256_key, kind};
use jwcrypt::error::ClaimReason;
use jwcrypt::jws::{self, JwsHeader};
use jwcrypt::jwt::{Claims, FixedClock, Reader, Validation};
use jwcrypt::{ErrorKind, SigningAlg as S};

const NOW: i64 = 1_700_000_000;
const TIME_CLAIMS: [&str; 3] = ["exp", "nbf", "iat"];

/// The validations each claims set goes through: the defaults, the largest leeway and
/// maximum age a caller can ask for (they saturate), and clocks at the ends of i64.
fn validations() -> Vec<(&'static str, Validation)> {
    let base = || Validation::new().allow_missing_exp();
    vec![
        ("default", base().clock(FixedClock(NOW))),
        (
            "huge leeway",
            base().leeway(Duration::MAX).clock(FixedClock(NOW)),
        ),
        (
            "huge max_age",
            base().max_age(Duration::MAX).clock(FixedClock(NOW)),
        ),
        ("clock i64::MIN", base().clock(FixedClock(i64::MIN))),
        ("clock i64::MAX", base().clock(FixedClock(i64::MAX))),
    ]
}

fn reason(v: &Validation, claims: &Claims) -> Option<(ErrorKind, ClaimReason)> {
    v.validate(claims)
        .err()
        .map(|e| (e.kind(), e.claim().unwrap().reason()))
}

#[test]
fn jwx_numericdate_overflow_out_of_range_and_special_values_are_malformed() {
    let reader = Reader::builder(Validation::new().allow_missing_exp())
        .verify_with(hs256_key(), &[S::HS256])
        .build()
        .unwrap();
    let header = JwsHeader::new(S::HS256).with_typ("JWT");
    for claim in TIME_CLAIMS {
        for bad in [
            // Past the ends of i64, as integers and as floats.
            "-9223372036854775809",
            "9223372036854775808",
            "18446744073709551615",
            "18446744073709551616",
            "9.223372036854776e18",
            "-9.223372036854776e18",
            "1e300",
            "-1e16",
            "1.7976931348623157e308",
            "-1.7976931348623157e308",
            // Special values as strings, and other types.
            "\"NaN\"",
            "\"Infinity\"",
            "\"-Infinity\"",
            "\"1700000000\"",
            "{}",
            "{\"$numberLong\":\"1\"}",
            "[]",
            "[1700000000]",
            "null",
            "true",
        ] {
            let text = format!(r#"{{"sub":"x","{claim}":{bad}}}"#);
            let e = Claims::from_json(&text).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{text}");
            assert_eq!(
                e.claim().unwrap().reason(),
                ClaimReason::Malformed,
                "{text}"
            );
            assert_eq!(e.claim().unwrap().claim().name(), claim, "{text}");
            let token = jws::sign_compact(text.as_bytes(), &header, &hs256_key()).unwrap();
            assert_eq!(kind(reader.read(&token)), ErrorKind::InvalidClaim, "{text}");
        }
        // Bare NaN and Infinity are not JSON at all.
        for bad in ["NaN", "Infinity", "-Infinity", "1e999"] {
            let text = format!(r#"{{"sub":"x","{claim}":{bad}}}"#);
            assert_eq!(kind(Claims::from_json(&text)), ErrorKind::Json, "{text}");
        }
    }
}

#[test]
fn jwt_simple_extreme_and_negative_numericdates_never_wrap() {
    use ClaimReason::{Expired as Exp, NotYetValid as Nyv};
    let cv = ErrorKind::ClaimValidation;
    // (claim, value, expected result under each of `validations()`, in order).
    let cases: [(&str, &str, [Option<ClaimReason>; 5]); 12] = [
        // An `exp` at i64::MIN, before 1970 or at 0 is expired (except with a leeway that
        // reaches back to it, or a clock at i64::MIN); never wrapped into the future.
        (
            "exp",
            "-9223372036854775808",
            [Some(Exp), Some(Exp), Some(Exp), None, Some(Exp)],
        ),
        ("exp", "-1", [Some(Exp), None, Some(Exp), None, Some(Exp)]),
        ("exp", "0", [Some(Exp), None, Some(Exp), None, Some(Exp)]),
        ("exp", "-0.0", [Some(Exp), None, Some(Exp), None, Some(Exp)]),
        // An `exp` at i64::MAX is far in the future.
        (
            "exp",
            "9223372036854775807",
            [None, None, Some(ClaimReason::Missing), None, None],
        ),
        // An `nbf` or `iat` at i64::MAX is not valid yet, even with the default leeway added
        // (no overflow into the past); only a leeway or a clock reaching it accepts it.
        (
            "nbf",
            "9223372036854775807",
            [Some(Nyv), None, Some(Nyv), Some(Nyv), None],
        ),
        (
            "iat",
            "9223372036854775807",
            [Some(Nyv), None, Some(Nyv), Some(Nyv), None],
        ),
        // Negative `nbf`/`iat` are in the past, not wrapped into the future.
        (
            "nbf",
            "-1",
            [None, None, Some(ClaimReason::Missing), Some(Nyv), None],
        ),
        ("iat", "-1", [None, None, None, Some(Nyv), None]),
        (
            "nbf",
            "-9223372036854775808",
            [None, None, Some(ClaimReason::Missing), None, None],
        ),
        // An `iat` at i64::MIN is infinitely old: past any maximum age (the age saturates).
        (
            "iat",
            "-9223372036854775808",
            [None, None, Some(Exp), None, None],
        ),
        // The year 9999 and one second later.
        (
            "nbf",
            "253402300800",
            [Some(Nyv), None, Some(Nyv), Some(Nyv), None],
        ),
    ];
    for (claim, value, expected) in cases {
        let text = format!(r#"{{"sub":"x","{claim}":{value}}}"#);
        let claims = Claims::from_json(&text).unwrap();
        for ((name, v), want) in validations().iter().zip(expected) {
            assert_eq!(reason(v, &claims), want.map(|r| (cv, r)), "{text} {name}");
        }
    }
    // Through the reader (system clock), the signed forms of the far past and far future.
    let reader = Reader::builder(Validation::new().allow_missing_exp())
        .verify_with(hs256_key(), &[S::HS256])
        .build()
        .unwrap();
    let header = JwsHeader::new(S::HS256);
    for text in [
        r#"{"sub":"x","exp":-9223372036854775808}"#,
        r#"{"sub":"x","exp":-1}"#,
        r#"{"sub":"x","nbf":9223372036854775807}"#,
        r#"{"sub":"x","iat":9223372036854775807}"#,
    ] {
        let token = jws::sign_compact(text.as_bytes(), &header, &hs256_key()).unwrap();
        assert_eq!(
            kind(reader.read(&token)),
            ErrorKind::ClaimValidation,
            "{text}"
        );
    }
}

#[test]
fn cve_2024_53861_cve_2026_75509_iss_exact_match_only() {
    let expected = "https://issuer.example";
    let v = Validation::new()
        .allow_missing_exp()
        .issuer(expected)
        .clock(FixedClock(NOW));
    let reader = Reader::builder(v.clone())
        .verify_with(hs256_key(), &[S::HS256])
        .build()
        .unwrap();
    let header = JwsHeader::new(S::HS256);
    let mismatch = [
        "\"https://issuer.example/\"",
        "\"https://issuer.example.evil\"",
        "\"https://issuer.exampl\"",
        "\"https://issuer\"",
        "\"issuer.example\"",
        "\"HTTPS://ISSUER.EXAMPLE\"",
        "\" https://issuer.example\"",
        "\"https://issuer.example \"",
        "\"https://issuer.example\\u0000\"",
        "\"\"",
        "\"_https://issuer.example\"",
    ];
    let malformed = [
        "[\"https://issuer.example\"]",
        "[\"https://issuer.example\",\"https://evil\"]",
        "[]",
        "{\"iss\":\"https://issuer.example\"}",
        "1",
        "null",
        "true",
    ];
    for (values, want_kind, want_reason) in [
        (
            &mismatch[..],
            ErrorKind::ClaimValidation,
            ClaimReason::Mismatch,
        ),
        (
            &malformed[..],
            ErrorKind::InvalidClaim,
            ClaimReason::Malformed,
        ),
    ] {
        for iss in values {
            let text = format!(r#"{{"sub":"x","iss":{iss}}}"#);
            let e = match Claims::from_json(&text) {
                Ok(c) => v.validate(&c).unwrap_err(),
                Err(e) => e,
            };
            assert_eq!(
                (e.kind(), e.claim().unwrap().reason()),
                (want_kind, want_reason),
                "{text}"
            );
            let token = jws::sign_compact(text.as_bytes(), &header, &hs256_key()).unwrap();
            assert_eq!(kind(reader.read(&token)), want_kind, "{text}");
        }
    }
    // A missing `iss` when one is expected.
    let e = v
        .validate(&Claims::from_json(r#"{"sub":"x"}"#).unwrap())
        .unwrap_err();
    assert_eq!(e.claim().unwrap().reason(), ClaimReason::Missing);
    // Sanity: the exact issuer passes.
    let ok = jws::sign_compact(
        format!(r#"{{"sub":"x","iss":"{expected}"}}"#).as_bytes(),
        &header,
        &hs256_key(),
    )
    .unwrap();
    assert_eq!(reader.read(&ok).unwrap().sub(), Some("x"));
}
