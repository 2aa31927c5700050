//! Issue 25, class 1: empty or short HMAC keys (fast-jwt CVE-2026-44351, ruby-jwt
//! CVE-2026-45363, joserfc CVE-2026-49852, python-jose CVE-2026-120459, Authlib
//! CVE-2026-114616, PyJWT CVE-2026-102266). A zero-length `k` is not a key; a key shorter
//! than the hash (RFC 7518 §3.2) signs and verifies nothing, whether it is given directly,
//! through a JWK Set, or through a [`KeyResolver`] that yields it.

use crate::helpers::{b64, kind};
use hmac::{Hmac, KeyInit, Mac};
use jwcrypt::jwk::{KeyResolver, Keys};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::jwt::{Reader, Validation};
use jwcrypt::{ErrorKind, Jwk, JwkSet, SigningAlg as S};
use serde_json::json;
use sha2::{Sha256, Sha384, Sha512};

/// The three HMAC algorithms and the shortest key RFC 7518 §3.2 allows for each.
const HS: [(S, usize); 3] = [(S::HS256, 32), (S::HS384, 48), (S::HS512, 64)];

/// The HMAC of `input` under `secret` for `alg`, made outside jwcrypt (so that a token MACed
/// with a short or empty key exists even though jwcrypt refuses to make one).
fn mac(alg: S, secret: &[u8], input: &[u8]) -> Vec<u8> {
    match alg {
        S::HS256 => {
            let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
        S::HS384 => {
            let mut m = <Hmac<Sha384> as KeyInit>::new_from_slice(secret).unwrap();
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
        _ => {
            let mut m = <Hmac<Sha512> as KeyInit>::new_from_slice(secret).unwrap();
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
    }
}

/// A compact JWS of `{"sub":"x"}` with this header, MACed with `secret` outside jwcrypt.
fn forged(alg: S, kid: Option<&str>, secret: &[u8]) -> String {
    let mut h = json!({"alg": alg.name(), "typ": "JWT"});
    if let Some(kid) = kid {
        h["kid"] = kid.into();
    }
    let signing_input = format!("{}.{}", b64(h.to_string()), b64(br#"{"sub":"x"}"#));
    let sig = mac(alg, secret, signing_input.as_bytes());
    format!("{signing_input}.{}", b64(sig))
}

/// A resolver that yields whatever set it holds (a key server's set, a config file's).
struct Yields(JwkSet);

impl KeyResolver for Yields {
    fn current_keys(&self) -> Keys {
        Keys::from(self.0.clone())
    }
}

#[test]
fn class1_zero_length_k_is_not_a_key() {
    assert_eq!(kind(Jwk::from_oct_bytes(&[])), ErrorKind::InvalidKey);
    for text in [
        r#"{"kty":"oct","k":""}"#,
        r#"{"kty":"oct","k":"","alg":"HS256"}"#,
        r#"{"kty":"oct","k":"","kid":"empty","use":"sig"}"#,
    ] {
        assert_eq!(kind(Jwk::from_json(text)), ErrorKind::InvalidKey, "{text}");
    }
    // A set with an empty `k` keeps the entry out: it is reported, never used.
    let set = JwkSet::from_json(
        json!({"keys": [{"kty": "oct", "kid": "empty", "alg": "HS256", "k": ""}]}).to_string(),
    )
    .unwrap();
    assert!(set.is_empty());
    assert_eq!(set.rejected().len(), 1);
    assert_eq!(set.rejected()[0].kind(), ErrorKind::InvalidKey);
    assert_eq!(set.rejected()[0].kid(), Some("empty"));
    // The strict reader refuses the whole set.
    assert_eq!(
        kind(JwkSet::from_json_strict(
            json!({"keys": [{"kty": "oct", "k": ""}]}).to_string()
        )),
        ErrorKind::InvalidKey
    );
    // A token MACed with the empty key verifies with no key jwcrypt can be given: the
    // verifier over the (empty) set finds no key, through the set and through a resolver.
    for (alg, _) in HS {
        let token = forged(alg, Some("empty"), b"");
        assert_eq!(
            kind(Verifier::new(&set, &[alg]).unwrap().verify(&token)),
            ErrorKind::KeyNotFound
        );
        let resolver = Yields(set.clone());
        assert_eq!(
            kind(Verifier::new(&resolver, &[alg]).unwrap().verify(&token)),
            ErrorKind::KeyNotFound
        );
    }
}

#[test]
fn class1_short_hmac_keys_refused_for_import_sign_verify() {
    for (alg, len) in HS {
        for short_len in [1, len / 2, len - 1] {
            let secret = vec![0x5au8; short_len];
            let short = Jwk::from_oct_bytes(&secret).unwrap().with_kid("short");
            // Import: a short key bound to an HMAC alg imports (a JWK's `alg` is a hint),
            // but is usable for nothing, not even through the key's own `alg`.
            let bound = json!({"kty": "oct", "alg": alg.name(), "k": b64(&secret)}).to_string();
            let bound = Jwk::from_json(&bound).unwrap();
            assert_eq!(
                kind(jws::sign_compact(b"x", &JwsHeader::new(alg), &bound)),
                ErrorKind::KeyMismatch
            );
            let e = kind(
                Verifier::for_key_algs(&bound).and_then(|v| v.verify(&forged(alg, None, &secret))),
            );
            assert_eq!(e, ErrorKind::KeyMismatch, "{alg:?} {short_len}");
            // Sign.
            assert_eq!(
                kind(jws::sign_compact(b"x", &JwsHeader::new(alg), &short)),
                ErrorKind::KeyMismatch
            );
            // Verify a token MACed with exactly that short key.
            let token = forged(alg, Some("short"), &secret);
            assert_eq!(
                kind(Verifier::new(&short, &[alg]).unwrap().verify(&token)),
                ErrorKind::KeyMismatch,
                "{alg:?} {short_len}"
            );
            // Through a JWK Set (the short key is kept by the set but never fits an HMAC alg: no key is found).
            let set: JwkSet = [short.clone()].into_iter().collect();
            let e = kind(Verifier::new(&set, &[alg]).unwrap().verify(&token));
            assert_eq!(e, ErrorKind::KeyNotFound, "{alg:?} {short_len}");
            // Through a resolver yielding it, and through the JWT reader over the resolver.
            let resolver = Yields(set.clone());
            assert_eq!(
                kind(Verifier::new(&resolver, &[alg]).unwrap().verify(&token)),
                e
            );
            let reader = Reader::builder(Validation::new().allow_missing_exp())
                .verify_with(&resolver, &[alg])
                .build()
                .unwrap();
            assert_eq!(kind(reader.read(&token)), e);
        }
        // The boundary: a key of exactly the hash length works in every path.
        let secret = vec![0x5au8; len];
        let exact = Jwk::from_oct_bytes(&secret).unwrap().with_kid("short");
        let token = forged(alg, Some("short"), &secret);
        assert!(
            Verifier::new(&exact, &[alg])
                .unwrap()
                .verify(&token)
                .is_ok()
        );
        let resolver = Yields([exact].into_iter().collect());
        assert!(
            Verifier::new(&resolver, &[alg])
                .unwrap()
                .verify(&token)
                .is_ok()
        );
    }
}
