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
        // The text is compact JSON of the same value: reserializing its parse gives the same
        // value in as many bytes (the member order is serde_json's, which depends on its
        // `preserve_order` feature).
        let parsed: Value = serde_json::from_str(&c.to_json()).unwrap();
        let again: Value = serde_json::from_str(&parsed.to_string()).unwrap();
        assert_eq!(again, parsed);
        assert_eq!(c.to_json().len(), parsed.to_string().len());
        assert_eq!(Claims::from_json(c.to_json()).unwrap(), c);
    }
}

/// The compact JWE split that does not search the ciphertext for dots still reports every
/// token without exactly five parts as such, wherever the extra dot is.
#[test]
fn compact_jwe_with_extra_dots_is_malformed() {
    use jwcrypt::jwe::{Decrypter, Encrypter};
    use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K};
    let key = Jwk::generate_for(K::A256KW).unwrap();
    let token = Encrypter::new(&key, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .encrypt_compact(&[7u8; 300])
        .unwrap();
    let d = Decrypter::new(&key, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    assert_eq!(d.decrypt_compact(&token).unwrap().plaintext(), &[7u8; 300]);
    let dots: Vec<usize> = token.match_indices('.').map(|(i, _)| i).collect();
    let ct_middle = (dots[2] + dots[3]) / 2;
    for at in [
        1,
        dots[0] + 2,
        dots[2] + 1,
        ct_middle,
        dots[3] + 3,
        token.len(),
    ] {
        let mut bad = token.clone();
        bad.insert(at, '.');
        let e = d.decrypt_compact(&bad).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedToken, "dot at {at}");
        assert_eq!(
            e.message(),
            "a compact JWE has exactly five parts",
            "dot at {at}"
        );
    }
    for cut in [dots[0], dots[3]] {
        let mut bad = token.clone();
        bad.remove(cut);
        let e = d.decrypt_compact(&bad).unwrap_err();
        assert_eq!(e.message(), "a compact JWE has exactly five parts");
    }
}
