//! Issue 25, class 10: `crit` split-brain (Authlib CVE-2025-59420, PyJWT CVE-2026-32597) and
//! multi-recipient work amplification (joserfc CVE-2026-119283). A `crit` that names a
//! member given only in an unprotected header, names a member jwcrypt does not understand,
//! or stands itself in an unprotected header is refused before any key is used; more
//! signatures or recipients than the limit are refused before any signature check or key
//! unwrap (shown by the error kind: garbage entries would otherwise give the signature or
//! decryption error), and the (recipient, key) pairs one decryption tries are bounded.
//! Also proven by `jws::crit_rules_rfc7515_4_1_11`, `jws::too_many_signatures`,
//! `jwe::cve_2024_28176_header_placement_rules` and
//! `jwe::recipients_limit_and_key_selection`.

use crate::helpers::{b64, hs256_key, kind};
use hmac::{Hmac, KeyInit, Mac};
use jwcrypt::SigningAlg as S;
use jwcrypt::jwe::{Decrypter, JsonEncrypter, Password};
use jwcrypt::jws::Verifier;
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K, Limits};
use serde_json::{Value, json};
use sha2::Sha256;

fn mac(input: &str) -> String {
    let secret = hs256_key().oct_secret().unwrap().expose_secret().to_vec();
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).unwrap();
    m.update(input.as_bytes());
    b64(m.finalize().into_bytes())
}

/// A flattened JWS, properly MACed, with this protected and unprotected header.
fn flattened(protected: &Value, header: Option<Value>, payload: &str) -> String {
    let h = b64(protected.to_string());
    let mut v =
        json!({"protected": h, "payload": payload, "signature": mac(&format!("{h}.{payload}"))});
    if let Some(u) = header {
        v["header"] = u;
    }
    v.to_string()
}

#[test]
fn authlib_cve_2025_59420_jws_crit_split_brain() {
    let v = Verifier::new(hs256_key(), &[S::HS256]).unwrap();
    let p = b64(b"payload");
    let cases = [
        // crit (protected) names b64, which only the unprotected header gives.
        (
            json!({"alg": "HS256", "crit": ["b64"]}),
            Some(json!({"b64": false})),
            ErrorKind::InvalidHeader,
        ),
        // crit names a member the unprotected header gives, that jwcrypt does not know.
        (
            json!({"alg": "HS256", "crit": ["exp"]}),
            Some(json!({"exp": 1})),
            ErrorKind::UnsupportedCritical,
        ),
        // crit with an unknown extension, present in the protected header.
        (
            json!({"alg": "HS256", "crit": ["https://example.com/ext"], "https://example.com/ext": true}),
            None,
            ErrorKind::UnsupportedCritical,
        ),
        // crit with an unknown extension that is absent.
        (
            json!({"alg": "HS256", "crit": ["urn:x"]}),
            None,
            ErrorKind::UnsupportedCritical,
        ),
        // crit only in the unprotected header (where an attacker can add or drop it).
        (
            json!({"alg": "HS256"}),
            Some(json!({"crit": ["exp"], "exp": 1})),
            ErrorKind::InvalidHeader,
        ),
        (
            json!({"alg": "HS256", "b64": false}),
            Some(json!({"crit": ["b64"]})),
            ErrorKind::InvalidHeader,
        ),
    ];
    for (protected, header, expected) in cases {
        let t = flattened(&protected, header.clone(), &p);
        assert_eq!(kind(v.verify(&t)), expected, "{protected} {header:?}");
        // The same entry in the general serialization.
        let mut g: Value = serde_json::from_str(&t).unwrap();
        let entry = json!({
            "protected": g["protected"].take(),
            "signature": g["signature"].take(),
            "header": g.get("header").cloned().unwrap_or(json!({})),
        });
        let general = json!({"payload": p, "signatures": [entry]}).to_string();
        assert_eq!(
            kind(v.verify(&general)),
            expected,
            "general {protected} {header:?}"
        );
    }
    // Sanity: the same MAC with no crit at all verifies.
    let ok = flattened(&json!({"alg": "HS256"}), Some(json!({"kid": "k"})), &p);
    assert_eq!(v.verify(&ok).unwrap().payload(), b"payload");
}

/// A general JSON JWE with one A128KW recipient, and the decrypter for its key.
fn one_recipient_token() -> (Decrypter, Value) {
    let key = Jwk::generate_for(K::A128KW).unwrap();
    let token = JsonEncrypter::new(E::A128Gcm)
        .add_recipient(&key, K::A128KW, None)
        .unwrap()
        .encrypt(b"x", None)
        .unwrap();
    (
        Decrypter::new(&key, &[K::A128KW], E::ALL).unwrap(),
        serde_json::from_str(&token).unwrap(),
    )
}

#[test]
fn pyjwt_cve_2026_32597_jwe_crit_split_brain() {
    let (d, base) = one_recipient_token();
    assert!(d.decrypt(&base.to_string()).is_ok());
    let protected = |h: &Value| b64(h.to_string());
    let cases = [
        // crit (protected) names a member only the shared unprotected header gives.
        (
            json!({"protected": protected(&json!({"enc": "A128GCM", "crit": ["exp"]})), "unprotected": {"exp": 1}}),
            ErrorKind::UnsupportedCritical,
        ),
        // ... or only the recipient's header.
        (
            json!({"protected": protected(&json!({"enc": "A128GCM", "crit": ["x"]})), "recipients": [{"header": {"alg": "A128KW", "x": 1}, "encrypted_key": base["recipients"][0]["encrypted_key"]}]}),
            ErrorKind::UnsupportedCritical,
        ),
        // crit only in the shared unprotected header.
        (
            json!({"unprotected": {"crit": ["x"], "x": 1}}),
            ErrorKind::InvalidHeader,
        ),
        // crit with an unknown extension in the protected header.
        (
            json!({"protected": protected(&json!({"enc": "A128GCM", "crit": ["urn:x"], "urn:x": 1}))}),
            ErrorKind::UnsupportedCritical,
        ),
    ];
    for (patch, expected) in cases {
        let mut t = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            t[k] = v.clone();
        }
        assert_eq!(kind(d.decrypt(&t.to_string())), expected, "{patch}");
    }
}

#[test]
fn joserfc_cve_2026_119283_signatures_over_the_limit_refused_before_any_check() {
    let v = Verifier::new(hs256_key(), &[S::HS256]).unwrap();
    let h = b64(br#"{"alg":"HS256"}"#);
    let garbage = json!({"protected": h, "signature": b64([0u8; 32])});
    let make =
        |n: usize| json!({"payload": "eA", "signatures": vec![garbage.clone(); n]}).to_string();
    // Under the limit, each garbage entry is checked and fails.
    assert_eq!(kind(v.verify(&make(16))), ErrorKind::InvalidSignature);
    // Over it, nothing is checked.
    for n in [17, 1000, 50_000] {
        assert_eq!(kind(v.verify(&make(n))), ErrorKind::LimitExceeded, "{n}");
    }
}

#[test]
fn joserfc_cve_2026_119283_recipients_over_the_limit_refused_before_any_unwrap() {
    let (d, mut base) = one_recipient_token();
    let garbage = json!({"header": {"alg": "A128KW"}, "encrypted_key": b64([7u8; 24])});
    let mut with = |n: usize| {
        base["recipients"] = Value::Array(vec![garbage.clone(); n]);
        base.to_string()
    };
    // Under the limit the garbage keys are unwrapped, and fail.
    assert_eq!(kind(d.decrypt(&with(16))), ErrorKind::Decryption);
    for n in [17, 1000, 50_000] {
        assert_eq!(kind(d.decrypt(&with(n))), ErrorKind::LimitExceeded, "{n}");
    }
    // PBES2 recipients, each at the largest allowed p2c: refused before any derivation.
    let password = Password::new(b"correct horse battery staple".to_vec()).unwrap();
    let pd = Decrypter::with_password(&password, &[K::Pbes2Hs256A128KW], E::ALL).unwrap();
    let pbes2 = json!({"header": {"alg": "PBES2-HS256+A128KW", "p2s": b64([1u8; 16]),
        "p2c": Limits::default().max_p2c}, "encrypted_key": b64([7u8; 24])});
    base["recipients"] = Value::Array(vec![pbes2; 17]);
    assert_eq!(
        kind(pd.decrypt(&base.to_string())),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn joserfc_cve_2026_119283_key_attempts_bounded_across_recipients_and_keys() {
    // Sixteen recipients without `kid`, and a set of eight A128KW keys without `kid`: every
    // key fits every recipient, so an unbounded decrypter would try 128 unwraps. jwcrypt
    // stops at 64 (recipient, key) pairs: the token opens when the right pair comes early,
    // and is the decryption error when it would come past the bound.
    let keys: Vec<Jwk> = (0..8)
        .map(|_| Jwk::generate_for(K::A128KW).unwrap())
        .collect();
    let set: JwkSet = keys.iter().cloned().collect();
    let d = Decrypter::new(&set, &[K::A128KW], E::ALL).unwrap();
    let token_for = |position: usize| {
        // The recipient for the set's last key at `position`; the others for keys outside
        // the set.
        let mut e = JsonEncrypter::new(E::A128Gcm);
        let outsiders: Vec<Jwk> = (0..15)
            .map(|_| Jwk::generate_for(K::A128KW).unwrap())
            .collect();
        let mut outsiders = outsiders.iter();
        for i in 0..16 {
            let k = if i == position {
                &keys[7]
            } else {
                outsiders.next().unwrap()
            };
            e = e.add_recipient(k, K::A128KW, None).unwrap();
        }
        e.encrypt(b"found", None).unwrap()
    };
    // Recipient 0 with the 8th key: the 8th attempt.
    assert_eq!(d.decrypt(&token_for(0)).unwrap().plaintext(), b"found");
    // Recipient 7 with the 8th key: attempt 64, the last allowed.
    assert_eq!(d.decrypt(&token_for(7)).unwrap().recipient_index(), 7);
    // Recipient 8 with the 8th key: attempt 72, past the bound.
    assert_eq!(kind(d.decrypt(&token_for(8))), ErrorKind::Decryption);
    assert_eq!(kind(d.decrypt(&token_for(15))), ErrorKind::Decryption);
    // With one key (no set), each recipient is tried once: the last one opens.
    let one = Decrypter::new(&keys[7], &[K::A128KW], E::ALL).unwrap();
    assert_eq!(one.decrypt(&token_for(15)).unwrap().recipient_index(), 15);
}
