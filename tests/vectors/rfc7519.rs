//! RFC 7519 (JWT) examples: §3.1 (HS256, the RFC 7515 A.1 key), Appendix A.1 (encrypted
//! JWT, RSA1_5 + A128CBC-HS256, the RFC 7516 A.2 key) and Appendix A.2 (nested JWT: the
//! RFC 7515 A.2 RS256 token inside RSA1_5 + A128CBC-HS256). The tokens are copied from the
//! RFC text; the keys come from tests/data/rfc-appendix.json.

use std::time::Duration;

use crate::support::{self, appendix, jwk_value as jwk};
use jwcrypt::jwt::{Claims, FixedClock, Reader, TokenKind, Validation};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K, SigningAlg};

/// The `exp` of every RFC 7519 example.
const EXP: i64 = 1_300_819_380;

/// RFC 7519 Appendix A.1.
const A1: &str = concat!(
    "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.",
    "QR1Owv2ug2WyPBnbQrRARTeEk9kDO2w8qDcjiHnSJflSdv1iNqhWXaKH4MqAkQtM",
    "oNfABIPJaZm0HaA415sv3aeuBWnD8J-Ui7Ah6cWafs3ZwwFKDFUUsWHSK-IPKxLG",
    "TkND09XyjORj_CHAgOPJ-Sd8ONQRnJvWn_hXV1BNMHzUjPyYwEsRhDhzjAD26ima",
    "sOTsgruobpYGoQcXUwFDn7moXPRfDE8-NoQX7N7ZYMmpUDkR-Cx9obNGwJQ3nM52",
    "YCitxoQVPzjbl7WBuB7AohdBoZOdZ24WlN1lVIeh8v1K4krB8xgKvRU8kgFrEn_a",
    "1rZgN5TiysnmzTROF869lQ.",
    "AxY8DCtDaGlsbGljb3RoZQ.",
    "MKOle7UQrG6nSxTLX6Mqwt0orbHvAKeWnDYvpIAeZ72deHxz3roJDXQyhxx0wKaM",
    "HDjUEOKIwrtkHthpqEanSBNYHZgmNOV7sln1Eu9g3J8.",
    "fiK51VwhsxJ-siBMR-YFiA",
);

/// RFC 7519 Appendix A.2.
const A2: &str = concat!(
    "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiY3R5IjoiSldU",
    "In0.",
    "g_hEwksO1Ax8Qn7HoN-BVeBoa8FXe0kpyk_XdcSmxvcM5_P296JXXtoHISr_DD_M",
    "qewaQSH4dZOQHoUgKLeFly-9RI11TG-_Ge1bZFazBPwKC5lJ6OLANLMd0QSL4fYE",
    "b9ERe-epKYE3xb2jfY1AltHqBO-PM6j23Guj2yDKnFv6WO72tteVzm_2n17SBFvh",
    "DuR9a2nHTE67pe0XGBUS_TK7ecA-iVq5COeVdJR4U4VZGGlxRGPLRHvolVLEHx6D",
    "YyLpw30Ay9R6d68YCLi9FYTq3hIXPK_-dmPlOUlKvPr1GgJzRoeC9G5qCvdcHWsq",
    "JGTO_z3Wfo5zsqwkxruxwA.",
    "UmVkbW9uZCBXQSA5ODA1Mg.",
    "VwHERHPvCNcHHpTjkoigx3_ExK0Qc71RMEParpatm0X_qpg-w8kozSjfNIPPXiTB",
    "BLXR65CIPkFqz4l1Ae9w_uowKiwyi9acgVztAi-pSL8GQSXnaamh9kX1mdh3M_TT",
    "-FZGQFQsFhu0Z72gJKGdfGE-OE7hS1zuBD5oEUfk0Dmb0VzWEzpxxiSSBbBAzP10",
    "l56pPfAtrjEYw-7ygeMkwBl6Z_mLS6w6xUgKlvW6ULmkV-uLC4FUiyKECK4e3WZY",
    "Kw1bpgIqGYsw2v_grHjszJZ-_I5uM-9RA8ycX9KqPRp9gc6pXmoU_-27ATs9XCvr",
    "ZXUtK2902AUzqpeEUJYjWWxSNsS-r1TJ1I-FMJ4XyAiGrfmo9hQPcNBYxPz3GQb2",
    "8Y5CLSQfNgKSGt0A4isp1hBUXBHAndgtcslt7ZoQJaKe_nNJgNliWtWpJ_ebuOpE",
    "l8jdhehdccnRMIwAmU1n7SPkmhIl1HlSOpvcvDfhUN5wuqU955vOBvfkBOh5A11U",
    "zBuo2WlgZ6hYi9-e3w29bR0C2-pp3jbqxEDw3iWaf2dc5b-LnR0FEYXvI_tYk5rd",
    "_J9N0mg0tQ6RbpxNEMNoA9QWk5lgdPvbh9BaO195abQ.",
    "AVO9iT5AV4CzvDJCdhSFlQ",
);

/// The claims of every RFC 7519 example.
fn expected() -> Claims {
    Claims::new()
        .issuer("joe")
        .expires_at(EXP)
        .claim("http://example.com/is_root", true)
}

fn at(now: i64) -> Validation {
    Validation::new()
        .leeway(Duration::ZERO)
        .clock(FixedClock(now))
}

/// The RFC 7519 §3.1 token: the RFC 7515 A.1 compact JWS.
fn section_3_1() -> (String, Jwk) {
    let v = appendix("rfc7515-A.1");
    (
        v["outputs"]["compact"].as_str().unwrap().to_owned(),
        jwk(&v["inputs"]["jwk"]),
    )
}

fn rsa_7516_a2() -> Jwk {
    jwk(&appendix("rfc7516-A.2")["inputs"]["jwk"])
}

#[test]
fn section_3_1_read_before_exp_refused_after() {
    let (token, key) = section_3_1();
    let read = |v: Validation| {
        Reader::builder(v)
            .verify_with(&key, &[SigningAlg::HS256])
            .build()
            .unwrap()
            .read(&token)
    };
    let claims = read(at(EXP - 1)).unwrap();
    assert_eq!(claims, expected());
    assert_eq!(claims.get("http://example.com/is_root"), Some(true.into()));
    assert_eq!(
        read(at(EXP)).unwrap_err().kind(),
        ErrorKind::ClaimValidation
    );
    assert_eq!(
        read(at(EXP + 1_000_000)).unwrap_err().kind(),
        ErrorKind::ClaimValidation
    );
    // The default leeway (60 s) stretches the window by exactly 60 s.
    assert!(read(Validation::new().clock(FixedClock(EXP + 59))).is_ok());
    assert!(read(Validation::new().clock(FixedClock(EXP + 60))).is_err());
    // The header says typ JWT (in a header with CR LF in it).
    assert!(read(at(EXP - 1).typ("JWT")).is_ok());
    assert!(read(at(EXP - 1).typ("application/jwt")).is_ok());
    assert_eq!(
        read(at(EXP - 1).typ("at+jwt")).unwrap_err().kind(),
        ErrorKind::ClaimValidation
    );
    assert!(read(at(EXP - 1).issuer("joe")).is_ok());
    assert!(read(at(EXP - 1).issuer("jane")).is_err());
}

#[test]
fn section_3_1_token_kind_and_headers() {
    let (token, key) = section_3_1();
    let read = Reader::builder(at(EXP - 1))
        .verify_with(&key, &[SigningAlg::HS256])
        .build()
        .unwrap()
        .read_token(&token)
        .unwrap();
    assert_eq!(read.kind(), TokenKind::Signed);
    assert_eq!(read.jws_header().unwrap().alg(), SigningAlg::HS256);
    assert_eq!(read.jws_header().unwrap().typ(), Some("JWT"));
    assert!(read.jwe_header().is_none());
    // Only HS256 with this key: another algorithm list, or no key alg, is refused.
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .verify_with(&key, &[SigningAlg::HS512])
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .verify_with(&key, &[])
            .build()
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    // As a JWE it is the wrong kind of token.
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err()
            .kind(),
        ErrorKind::UnexpectedTokenType
    );
}

#[test]
fn appendix_a1_encrypted_jwt_needs_the_rsa1_5_opt_in() {
    let key = rsa_7516_a2();
    let reader = || {
        Reader::builder(at(EXP - 1)).decrypt_with(
            &key,
            &[K::Rsa1_5],
            jwcrypt::ContentEncryptionAlg::ALL,
        )
    };
    let read = reader()
        .allow_rsa1_5_insecure()
        .build()
        .unwrap()
        .read_token(A1)
        .unwrap();
    assert_eq!(read.claims(), &expected());
    assert_eq!(read.kind(), TokenKind::Encrypted);
    let h = read.jwe_header().unwrap();
    assert_eq!((h.alg(), h.enc()), (K::Rsa1_5, E::A128CbcHs256));
    assert!(read.jws_header().is_none());

    // Without the opt-in: refused, whatever the algorithm list says.
    assert_eq!(
        reader().build().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let other_algs = Reader::builder(at(EXP - 1))
        .decrypt_with(
            &key,
            &[K::RsaOaep, K::RsaOaep256],
            jwcrypt::ContentEncryptionAlg::ALL,
        )
        .allow_rsa1_5_insecure()
        .build()
        .unwrap();
    assert_eq!(
        other_algs.read(A1).unwrap_err().kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    // The opt-in with a restricted enc list still honours it.
    let no_cbc = Reader::builder(at(EXP - 1))
        .decrypt_with(&key, &[K::Rsa1_5], &[E::A128Gcm])
        .allow_rsa1_5_insecure()
        .build()
        .unwrap();
    assert_eq!(
        no_cbc.read(A1).unwrap_err().kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    // Expired: refused after decryption.
    assert_eq!(
        Reader::builder(at(EXP))
            .decrypt_with(&key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
            .allow_rsa1_5_insecure()
            .build()
            .unwrap()
            .read(A1)
            .unwrap_err()
            .kind(),
        ErrorKind::ClaimValidation
    );
    // A signed-JWT reader never decrypts it (CVE-2022-3102), nor does a nested reader
    // accept it: it is not a nested token.
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .verify_with(public(&key), &[SigningAlg::RS256])
            .build()
            .unwrap()
            .read(A1)
            .unwrap_err()
            .kind(),
        ErrorKind::UnexpectedTokenType
    );
    let inner_key = jwk(&appendix("rfc7515-A.2")["inputs"]["jwk"]);
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
            .allow_rsa1_5_insecure()
            .verify_with(&inner_key, &[SigningAlg::RS256])
            .build()
            .unwrap()
            .read(A1)
            .unwrap_err()
            .kind(),
        ErrorKind::UnexpectedTokenType
    );
}

fn public(key: &Jwk) -> Jwk {
    key.to_public().unwrap()
}

#[test]
fn appendix_a2_nested_jwt() {
    let outer_key = rsa_7516_a2();
    let inner = appendix("rfc7515-A.2");
    let inner_key = public(&jwk(&inner["inputs"]["jwk"]));
    let reader = |v: Validation| {
        Reader::builder(v)
            .decrypt_with(&outer_key, &[K::Rsa1_5], &[E::A128CbcHs256])
            .allow_rsa1_5_insecure()
            .verify_with(&inner_key, &[SigningAlg::RS256])
            .build()
            .unwrap()
    };
    let read = reader(at(EXP - 1)).read_token(A2).unwrap();
    assert_eq!(read.claims(), &expected());
    assert_eq!(read.kind(), TokenKind::Nested);
    assert_eq!(read.jwe_header().unwrap().cty(), Some("JWT"));
    assert_eq!(read.jws_header().unwrap().alg(), SigningAlg::RS256);
    assert_eq!(
        reader(at(EXP)).read(A2).unwrap_err().kind(),
        ErrorKind::ClaimValidation
    );

    // The inner token is the RFC 7515 A.2 JWS, byte for byte.
    let d =
        jwcrypt::jwe::Decrypter::new(&outer_key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
            .unwrap()
            .allow_rsa1_5_insecure()
            .decrypt_compact(A2)
            .unwrap();
    assert_eq!(
        d.plaintext(),
        inner["outputs"]["compact"].as_str().unwrap().as_bytes()
    );

    // Decrypting alone must not hand out the unverified claims.
    let e = Reader::builder(at(EXP - 1))
        .decrypt_with(&outer_key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
        .allow_rsa1_5_insecure()
        .build()
        .unwrap()
        .read(A2)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedTokenType);
    // Without the opt-in: refused.
    assert!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&outer_key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&inner_key, &[SigningAlg::RS256])
            .build()
            .is_err()
    );
    // The inner signature checked with another key: refused.
    let other = public(&support::rsa_a().clone());
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&outer_key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
            .allow_rsa1_5_insecure()
            .verify_with(&other, &[SigningAlg::RS256])
            .build()
            .unwrap()
            .read(A2)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidSignature
    );
    // The inner algorithm not allowed: refused.
    assert_eq!(
        Reader::builder(at(EXP - 1))
            .decrypt_with(&outer_key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
            .allow_rsa1_5_insecure()
            .verify_with(&inner_key, &[SigningAlg::PS256])
            .build()
            .unwrap()
            .read(A2)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgorithmNotAllowed
    );
}

#[test]
fn appendix_tokens_tampered_are_refused() {
    let outer_key = rsa_7516_a2();
    let inner_key = public(&jwk(&appendix("rfc7515-A.2")["inputs"]["jwk"]));
    let nested = Reader::builder(at(EXP - 1))
        .decrypt_with(&outer_key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
        .allow_rsa1_5_insecure()
        .verify_with(&inner_key, &[SigningAlg::RS256])
        .build()
        .unwrap();
    let encrypted = Reader::builder(at(EXP - 1))
        .decrypt_with(&outer_key, &[K::Rsa1_5], jwcrypt::ContentEncryptionAlg::ALL)
        .allow_rsa1_5_insecure()
        .build()
        .unwrap();
    for part in 1..5 {
        for at_byte in [0, 7, 100] {
            let t = support::flip_bit(A2, part, at_byte);
            assert!(nested.read(&t).is_err(), "A.2 part {part} byte {at_byte}");
            let t = support::flip_bit(A1, part, at_byte);
            assert!(
                encrypted.read(&t).is_err(),
                "A.1 part {part} byte {at_byte}"
            );
        }
    }
    let (token, key) = section_3_1();
    let signed = Reader::builder(at(EXP - 1))
        .verify_with(&key, &[SigningAlg::HS256])
        .build()
        .unwrap();
    for part in 1..3 {
        let t = support::flip_bit(&token, part, 5);
        assert!(signed.read(&t).is_err(), "3.1 part {part}");
    }
}
