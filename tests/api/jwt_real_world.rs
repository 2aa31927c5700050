//! What a new user met porting a web tutorial (issue 15): messages that say what is wrong,
//! the bearer-token helper, nested tokens without `cty`, header members on issued tokens and
//! typed claims straight through serde.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, SigningAlg as S};

fn hs() -> Jwk {
    Jwk::generate_for(S::HS256).unwrap().with_kid("s1")
}

fn kw() -> Jwk {
    Jwk::generate_for(K::A256KW).unwrap().with_kid("e1")
}

fn readers(sig: &Jwk, enc: &Jwk) -> [Reader; 3] {
    let v = || Validation::new().allow_missing_exp();
    [
        Reader::builder(v())
            .verify_with(sig, &[S::HS256])
            .build()
            .unwrap(),
        Reader::builder(v())
            .decrypt_with(enc, &[K::A256KW], &[E::A256CbcHs512])
            .build()
            .unwrap(),
        Reader::builder(v())
            .decrypt_with(enc, &[K::A256KW], &[E::A256CbcHs512])
            .verify_with(sig, &[S::HS256])
            .build()
            .unwrap(),
    ]
}

/// `"not.a.token"` is not a token at all, whatever the reader expects.
#[test]
fn not_a_token_says_so() {
    let (sig, enc) = (hs(), kw());
    for reader in readers(&sig, &enc) {
        for text in [
            "not.a.token",
            "a.b.c.d.e",
            "x",
            "",
            "a..b",
            "not a.jwt.at all",
        ] {
            let e = reader.read(text).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::MalformedToken, "{text:?}: {e}");
            assert!(!e.message().contains("expected"), "{text:?}: {e}");
            assert!(
                e.message().contains("not a JWT") || e.message().contains("parts"),
                "{e}"
            );
        }
    }
}

/// A whole `Authorization` value passed as the token is named as such.
#[test]
fn bearer_prefix_left_on() {
    let (sig, enc) = (hs(), kw());
    let token = jwt::signed(&Claims::new().subject("a"), &sig, S::HS256).unwrap();
    for reader in readers(&sig, &enc) {
        for prefix in ["Bearer ", "bearer ", "BEARER "] {
            let e = reader.read(&format!("{prefix}{token}")).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::MalformedToken);
            assert!(e.message().contains("Bearer"), "{e}");
        }
    }
    assert_eq!(
        jwt::bearer_token(&format!("Bearer {token}")).unwrap(),
        token.as_str()
    );
}

/// RFC 6750 §2.1: `Bearer` (any case), one or more spaces, a b64token.
#[test]
fn bearer_token_syntax() {
    for (value, token) in [
        ("Bearer abc", "abc"),
        ("bearer abc", "abc"),
        ("BEARER   a.b-c_d~e+f/g==", "a.b-c_d~e+f/g=="),
        ("  Bearer abc  ", "abc"),
    ] {
        assert_eq!(jwt::bearer_token(value).unwrap(), token, "{value:?}");
    }
    for value in [
        "",
        "Bearer",
        "Bearer ",
        "Bearerabc",
        "Basic abc",
        "Bearer a b",
        "Bearer a,b",
        "Bearer =",
        "Bearer a=b",
        "Token abc",
        "Bearer\tabc",
    ] {
        let e = jwt::bearer_token(value).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedToken, "{value:?}");
    }
}

/// "an RSA key", not "a RSA key".
#[test]
fn an_rsa_key() {
    let rsa = crate::support::rsa_a();
    let e = jwt::signed(&Claims::new(), rsa, S::HS256).unwrap_err();
    assert!(e.message().contains("an RSA key"), "{e}");
}
