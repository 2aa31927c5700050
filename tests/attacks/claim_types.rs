//! ATTACKS row 26: time claims of the wrong JSON type are claim-format errors.

use crate::helpers::{hs256_key, kind};
use jwcrypt::jws::{self, JwsHeader};
use jwcrypt::jwt::{Claims, Reader, Validation};
use jwcrypt::{ErrorKind, SigningAlg as S};
use serde_json::json;

/// ATTACKS row 26 (CVE-2026-25537, GHSA-h395-gr6q-cpjc): `exp`/`nbf`/`iat` given as a
/// string, float, bool, object, array or null is a claim-format error, even when the claim
/// is not required.
#[test]
fn cve_2026_25537_time_claims_of_wrong_type() {
    let key = hs256_key();
    let reader = Reader::builder(Validation::new().allow_missing_exp())
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    let header = JwsHeader::new(S::HS256).with_typ("JWT");
    for claim in ["exp", "nbf", "iat"] {
        for bad in [
            json!("99999999999"),
            // Fractional NumericDates are allowed (RFC 7519 §2), out-of-range ones are not.
            json!(-1e16),
            json!(true),
            json!({}),
            json!([1]),
            json!(null),
            json!(1e300),
        ] {
            let claims = json!({ "sub": "x", claim: bad }).to_string();
            assert_eq!(
                kind(Claims::from_json(&claims)),
                ErrorKind::InvalidClaim,
                "{claims}"
            );
            let token = jws::sign_compact(claims.as_bytes(), &header, &key).unwrap();
            assert_eq!(
                kind(reader.read(&token)),
                ErrorKind::InvalidClaim,
                "{claims}"
            );
        }
    }
    // Sanity: integers pass.
    let ok = jws::sign_compact(br#"{"sub":"x","nbf":1,"iat":1}"#, &header, &key).unwrap();
    assert_eq!(reader.read(&ok).unwrap().sub(), Some("x"));
}
