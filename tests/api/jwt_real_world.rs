//! What a new user met porting a web tutorial: messages that say what is wrong,
//! the bearer-token helper, nested tokens without `cty`, header members on issued tokens and
//! typed claims straight through serde.

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

/// jwcrypto's nesting recipe leaves `cty` out: a reader given both layers expects a nested
/// token, so it reads one (and verifies the inner signature); a decrypt-only reader never
/// hands out the inner token's claims unverified.
#[test]
fn nested_without_cty() {
    use jwcrypt::jwe::Encrypter;
    let (sig, enc) = (hs(), kw());
    let inner = jwt::signed(&Claims::new().subject("alice"), &sig, S::HS256).unwrap();
    let no_cty = Encrypter::new(&enc, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .encrypt_compact(inner.as_str().as_bytes())
        .unwrap();
    let [_, decrypt_only, nested] = readers(&sig, &enc);
    let read = nested.read_token(&no_cty).unwrap();
    assert_eq!(read.kind(), jwt::TokenKind::Nested);
    assert_eq!(read.claims().sub(), Some("alice"));
    // The inner signature is still checked.
    let other = hs();
    let forged_inner = jwt::signed(&Claims::new().subject("mallory"), &other, S::HS256).unwrap();
    let forged = Encrypter::new(&enc, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .encrypt_compact(forged_inner.as_str().as_bytes())
        .unwrap();
    assert_eq!(
        nested.read(&forged).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
    // The decrypt-only reader does not guess: the plaintext is no claims set.
    assert!(decrypt_only.read(&no_cty).is_err());
    // An encrypted claims set (no cty) is not a nested token: the nested reader refuses it.
    let claims_only = jwt::encrypted(
        &Claims::new().subject("a"),
        &enc,
        K::A256KW,
        E::A256CbcHs512,
    )
    .unwrap();
    assert_eq!(
        nested.read(&claims_only).unwrap_err().kind(),
        ErrorKind::UnexpectedTokenType
    );
    // Another cty is refused by the nested reader.
    let odd = Encrypter::new(&enc, K::A256KW, E::A256CbcHs512)
        .unwrap()
        .with_cty("text/plain")
        .encrypt_compact(inner.as_str().as_bytes())
        .unwrap();
    assert_eq!(
        nested.read(&odd).unwrap_err().kind(),
        ErrorKind::UnexpectedTokenType
    );
    // cty "JWT" in any case, or application/jwt.
    for cty in ["JWT", "jwt", "application/jwt"] {
        let t = Encrypter::new(&enc, K::A256KW, E::A256CbcHs512)
            .unwrap()
            .with_cty(cty)
            .encrypt_compact(inner.as_str().as_bytes())
            .unwrap();
        nested.read(&t).unwrap();
    }
}

/// Header members on issued tokens: `typ` `at+jwt` (RFC 9068), a `kid` other than the
/// key's, other members; the key's `kid` is added only when the header names none.
#[test]
fn sign_claims_header_members() {
    use jwcrypt::jws::JwsHeader;
    let key = hs();
    let claims = Claims::new().subject("a").expires_at(4_102_444_800);
    let header = JwsHeader::new(S::HS256)
        .with_typ("at+jwt")
        .with_member("x-tenant", serde_json::json!("t1"))
        .unwrap();
    let t = jwt::sign_claims(&claims, &key, &header).unwrap();
    let reader = Reader::builder(Validation::new().typ("at+jwt"))
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    let read = reader.read_token(t.as_str()).unwrap();
    let h = read.jws_header().unwrap();
    assert_eq!((h.typ(), h.kid()), (Some("at+jwt"), Some("s1")));
    assert_eq!(h.get("x-tenant"), Some(&serde_json::json!("t1")));
    // A typ JWT reader refuses it (RFC 8725 §3.11: explicit typing).
    let jwt_reader = Reader::builder(Validation::new().typ("JWT"))
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    assert!(jwt_reader.read(t.as_str()).is_err());
    let t = jwt::sign_claims(&claims, &key, &header.clone().with_kid("other")).unwrap();
    let read = jwcrypt::dangerous::inspect(t.as_str()).unwrap();
    assert_eq!(read.protected_header().unwrap()["kid"], "other");
    // The algorithm must fit the key; b64 false is no JWT.
    let e = jwt::sign_claims(&claims, &key, &JwsHeader::new(S::RS256)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    let e =
        jwt::sign_claims(&claims, &key, &JwsHeader::new(S::HS256).unencoded_payload()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MalformedToken);
}

#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct Session {
    sub: String,
    exp: f64,
    roles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aud: Option<String>,
}

/// Typed claims straight through serde, both ways, with the registered claims still checked
/// strictly.
#[test]
fn typed_claims_through_serde() {
    use jwcrypt::jws::JwsHeader;
    let key = hs();
    let header = JwsHeader::new(S::HS256).with_typ("JWT");
    let s = Session {
        sub: "alice".into(),
        exp: 4_102_444_800.25,
        roles: vec!["admin".into()],
        aud: None,
    };
    let t = jwt::sign_claims(&s, &key, &header).unwrap();
    let reader = Reader::builder(Validation::new())
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    assert_eq!(reader.read_as::<Session>(t.as_str()).unwrap(), s);
    // Also as a nested token.
    let enc = kw();
    let nested_token = t.encrypt(&enc, K::A256KW, E::A256CbcHs512).unwrap();
    let [_, _, nested] = readers(&key, &enc);
    assert_eq!(nested.read_as::<Session>(&nested_token).unwrap(), s);
    // Validation still applies to typed reads: an audience nobody expects is refused.
    let with_aud = Session {
        aud: Some("elsewhere".into()),
        ..s
    };
    let t = jwt::sign_claims(&with_aud, &key, &header).unwrap();
    assert_eq!(
        reader.read_as::<Session>(t.as_str()).unwrap_err().kind(),
        ErrorKind::ClaimValidation
    );
    // A registered claim of the wrong type is never signed; nor is a non-object.
    #[derive(serde::Serialize)]
    struct Bad {
        exp: &'static str,
    }
    let e = jwt::sign_claims(&Bad { exp: "soon" }, &key, &header).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidClaim);
    let e = jwt::sign_claims(&[1, 2], &key, &header).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidClaim);
    // Claims that do not fit T: InvalidClaim.
    let t = jwt::signed(
        &Claims::new().subject("a").expires_at(4_102_444_800),
        &key,
        S::HS256,
    )
    .unwrap();
    assert_eq!(
        reader.read_as::<Session>(t.as_str()).unwrap_err().kind(),
        ErrorKind::InvalidClaim
    );
}

/// Tokens made by the peers themselves (tests/data/interop/real_world/make.py): PyJWT with
/// fractional `iat`/`nbf`/`exp` (as `time.time() + 600` gives), one valid and one expired,
/// and jwcrypto's nesting recipe, which leaves `cty` out of the JWE header.
#[test]
fn peer_tokens_pyjwt_fractional_dates_and_jwcrypto_nested_without_cty() {
    use jwcrypt::error::{Claim, ClaimReason};
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/interop/real_world/tokens.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let case = |name: &str| {
        doc["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };
    let validation = || {
        Validation::new()
            .issuer("https://issuer.example")
            .audience("api")
    };

    let valid = case("pyjwt-fractional-exp-valid");
    let sig = Jwk::from_value(&valid["sig_jwk"]).unwrap();
    let reader = Reader::builder(validation())
        .verify_with(&sig, &[S::HS256])
        .build()
        .unwrap();
    let claims = reader.read(valid["token"].as_str().unwrap()).unwrap();
    assert_eq!(claims.sub(), Some("alice"));
    let expired = case("pyjwt-fractional-exp-expired");
    let e = reader.read(expired["token"].as_str().unwrap()).unwrap_err();
    let claim = e.claim().unwrap();
    assert_eq!(
        (claim.claim(), claim.reason()),
        (&Claim::Exp, ClaimReason::Expired),
        "{e}"
    );

    let nested = case("jwcrypto-nested-no-cty");
    let enc = Jwk::from_value(&nested["enc_jwk"]).unwrap();
    let sig = Jwk::from_value(&nested["sig_jwk"]).unwrap();
    let token = nested["token"].as_str().unwrap();
    let both = Reader::builder(validation())
        .decrypt_with(&enc, &[K::A256KW], &[E::A256CbcHs512])
        .verify_with(&sig, &[S::HS256])
        .build()
        .unwrap();
    assert_eq!(both.read(token).unwrap().sub(), Some("bob"));
    // A reader that only decrypts never hands out the inner token's claims unverified.
    let decrypt_only = Reader::builder(validation())
        .decrypt_with(&enc, &[K::A256KW], &[E::A256CbcHs512])
        .build()
        .unwrap();
    assert!(decrypt_only.read(token).is_err());
}
