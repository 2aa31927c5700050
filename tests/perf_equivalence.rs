//! The fast paths write the same bytes as the general ones they replace.

use jwcrypt::jwt::Claims;
use serde_json::{Value, json};

#[test]
fn claims_to_json_matches_the_object_serialization() {
    let sets = [
        Claims::new(),
        Claims::new().issuer("i").subject("s").audience("a"),
        Claims::new()
            .audiences(["a", "b\"c"])
            .expires_at(-5)
            .not_before(0)
            .issued_at(i64::MAX)
            .jwt_id("j\u{1F600}\n")
            .claim("x", json!({"n": [1, 2.5, null, true], "s": "é"}))
            .claim("y", 3),
        Claims::from_json(r#"{"z":1,"iss":"i","a":{"b":[]},"exp":10,"aud":["x"]}"#).unwrap(),
    ];
    for c in sets {
        assert_eq!(c.to_json(), Value::Object(c.to_object()).to_string());
        assert_eq!(Claims::from_json(c.to_json()).unwrap(), c);
    }
}
