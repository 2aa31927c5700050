//! ATTACKS.md rows not covered by `jws` / `jwe`, and hostile inputs without an advisory.

use std::sync::OnceLock;
use std::time::Duration;

use jwcrypt::jwe::{Decrypter, Encrypter, Password};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
use jwcrypt::{
    ContentEncryptionAlg as E, Error, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K, Limits,
    Policy, SigningAlg as S,
};
use serde_json::{Value, json};

use crate::support::{self, rsa_key};
use crate::zip_util::{deflate_repeated, to_flattened, token, token_with};

fn b64(data: impl AsRef<[u8]>) -> String {
    support::b64::encode(data.as_ref())
}

fn kind<T: std::fmt::Debug>(r: jwcrypt::Result<T>) -> ErrorKind {
    r.unwrap_err().kind()
}

fn hs256_key() -> Jwk {
    Jwk::from_oct_bytes(&[0x33; 32]).unwrap()
}

/// Every algorithm jwcrypt implements, RSA1_5 included and opted in: the most permissive
/// decrypter a caller can build.
fn decrypt_everything(key: &Jwk) -> Decrypter {
    Decrypter::new(key, K::ALL, E::ALL)
        .unwrap()
        .allow_rsa1_5_insecure()
}

/// A compact JWE with this protected header and filler parts.
fn jwe_with_header(header: &Value) -> String {
    format!(
        "{}.{}.{}.{}.{}",
        b64(header.to_string()),
        b64([7u8; 40]),
        b64([1u8; 16]),
        b64([2u8; 16]),
        b64([3u8; 16])
    )
}

// ----- ATTACKS row 1: sign/encrypt confusion -----

/// ATTACKS row 1 (CVE-2022-3102; json-jwt #113, jose-jwt #237, GHSA-8g9c-28fc-mcx2): an
/// attacker holding only the verifier's public RSA key encrypts claims to it; a reader that
/// expects a signed JWT refuses the JWE as the wrong type, whichever key it holds.
#[test]
fn cve_2022_3102_jwe_encrypted_to_public_key_refused_as_jws() {
    let private = rsa_key();
    let public = private.to_public().unwrap();
    let claims = Claims::new()
        .subject("admin")
        .expires_in(Duration::from_secs(600));
    for alg in [K::RsaOaep, K::RsaOaep256] {
        let forged = jwt::encrypted(&claims, &public, alg, E::A256Gcm).unwrap();
        for key in [&public, &private] {
            let reader = Reader::builder(Validation::new())
                .verify_with(key, &[S::RS256, S::PS256])
                .build()
                .unwrap();
            assert_eq!(reader.expects(), TokenKind::Signed);
            assert_eq!(
                kind(reader.read(&forged)),
                ErrorKind::UnexpectedTokenType,
                "{alg}"
            );
            let reader = Reader::builder(Validation::new())
                .policy(&Policy::recommended())
                .expect(TokenKind::Signed)
                .verify_keys(key)
                .build()
                .unwrap();
            assert_eq!(kind(reader.read(&forged)), ErrorKind::UnexpectedTokenType);
            // The JWS layer itself never reads a JWE, in either serialization.
            let v = Verifier::new(key, &[S::RS256]).unwrap();
            assert_eq!(kind(v.verify(&forged)), ErrorKind::MalformedToken);
        }
        let json = Encrypter::new(&public, alg, E::A256Gcm)
            .unwrap()
            .encrypt_json(claims.to_json().as_bytes(), None)
            .unwrap();
        assert!(
            Verifier::new(&public, &[S::RS256])
                .unwrap()
                .verify(&json)
                .is_err()
        );
    }
    // A nested reader does not accept a bare encrypted JWT (unsigned claims) either.
    let forged = jwt::encrypted(&claims, &public, K::RsaOaep, E::A256Gcm).unwrap();
    let nested = Reader::builder(Validation::new())
        .decrypt_with(&private, &[K::RsaOaep], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(&public, &[S::RS256])
        .build()
        .unwrap();
    assert_eq!(kind(nested.read(&forged)), ErrorKind::UnexpectedTokenType);
}

// ----- ATTACKS rows 2–7: PBES2 p2c denial of service -----

const PASSWORD: &[u8] = b"Thus from my lips, by yours, my sin is purged.";

/// PBES2 is decrypted only with a [`Password`] and only when its algorithm is named; a `p2c`
/// over [`Limits::max_p2c`] (or not a positive integer) is refused from the header, before any
/// key derivation, as `want`: with the password, in both serializations; by the most
/// permissive decrypter holding the password's bytes as an `oct` JWK; by a password
/// decrypter naming another PBES2 algorithm; by the JWT reader and the recommended policy.
/// (That no PBKDF2 call happens is counted by the unit test
/// `jwe::tests::pbes2_p2c_over_the_limit_refused_without_pbkdf2`: the counter is not public.)
fn assert_pbes2_refused(alg: &str, p2c: Value, want: ErrorKind, limits: &Limits) {
    let named: K = alg.parse().unwrap();
    let header =
        json!({"alg": alg, "enc": "A128CBC-HS256", "p2s": "2WCTcJZ1Rvd_CJuJripQ1w", "p2c": p2c});
    let token = jwe_with_header(&header);
    let password = Password::new(PASSWORD.to_vec()).unwrap();
    let d = Decrypter::with_password(&password, &[named], E::ALL)
        .unwrap()
        .with_limits(limits.clone());
    assert_eq!(kind(d.decrypt(&token)), want, "{alg} {p2c}");
    assert_eq!(kind(d.decrypt(&to_flattened(&token))), want, "{alg} {p2c}");
    let as_key = Jwk::from_oct_bytes(PASSWORD).unwrap();
    let everything = decrypt_everything(&as_key).with_limits(limits.clone());
    assert_eq!(kind(everything.decrypt(&token)), want, "{alg} {p2c}");
    // Not named: refused by `alg` alone.
    let other = [K::Pbes2Hs256A128KW, K::Pbes2Hs512A256KW]
        .into_iter()
        .find(|a| *a != named)
        .unwrap();
    let d = Decrypter::with_password(&password, &[other], E::ALL).unwrap();
    assert_eq!(kind(d.decrypt(&token)), ErrorKind::AlgorithmNotAllowed);
    let not_rsa1_5: Vec<K> = K::ALL.iter().copied().filter(|a| *a != K::Rsa1_5).collect();
    let reader = Reader::builder(Validation::new())
        .decrypt_with(&as_key, &not_rsa1_5, jwcrypt::ContentEncryptionAlg::ALL)
        .build()
        .unwrap();
    let got = kind(reader.read(&token));
    assert!(
        got == want || got == ErrorKind::KeyNotFound,
        "{alg} {p2c}: {got:?}"
    );
    // The recommended policy does not name PBES2.
    let d = Decrypter::from_policy(&as_key, &Policy::recommended()).unwrap();
    assert_eq!(kind(d.decrypt(&token)), ErrorKind::AlgorithmNotAllowed);
}

/// ATTACKS row 2 (CVE-2023-6681, jwcrypto): `p2c` = 2^31 − 1.
#[test]
fn cve_2023_6681_pbes2_p2c_2147483647_refused_without_pbkdf2() {
    assert_pbes2_refused(
        "PBES2-HS256+A128KW",
        json!(2_147_483_647u64),
        ErrorKind::LimitExceeded,
        &Limits::default(),
    );
    // Just over the default limit of 16,384, and every algorithm.
    for alg in [
        "PBES2-HS256+A128KW",
        "PBES2-HS384+A192KW",
        "PBES2-HS512+A256KW",
    ] {
        assert_pbes2_refused(
            alg,
            json!(16_385),
            ErrorKind::LimitExceeded,
            &Limits::default(),
        );
    }
}

/// ATTACKS row 3 (CVE-2022-36083, panva/jose): the same, and PBES2 is not allowed by the
/// default policy (which allows nothing) nor by the recommended one, nor implied by a key's
/// own `alg`.
#[test]
fn cve_2022_36083_pbes2_p2c_refused_and_not_in_default_policy() {
    assert_pbes2_refused(
        "PBES2-HS384+A192KW",
        json!(2_147_483_647u64),
        ErrorKind::LimitExceeded,
        &Limits::default(),
    );
    let key = hs256_key();
    assert_eq!(
        kind(Decrypter::from_policy(&key, &Policy::default())),
        ErrorKind::InvalidArgument
    );
    assert!(
        Policy::recommended()
            .key_management_algs
            .iter()
            .all(|a| !a.is_pbes2())
    );
    // A JWK claiming a PBES2 alg is never a password, and never implies PBES2.
    let claimed = Jwk::from_oct_bytes(PASSWORD)
        .unwrap()
        .with_alg(K::Pbes2Hs256A128KW);
    assert_eq!(
        kind(Decrypter::for_key_algs(&claimed, E::ALL)),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        kind(Encrypter::new(&claimed, K::Pbes2Hs256A128KW, E::A128Gcm)),
        ErrorKind::KeyMismatch
    );
    assert_eq!(
        kind(Jwk::generate_for(K::Pbes2Hs256A128KW)),
        ErrorKind::InvalidArgument
    );
}

/// ATTACKS row 4 (go-jose "billion hashes", WS-2023-0431): a p2c far past any cap.
#[test]
fn ws_2023_0431_go_jose_billion_hashes_pbes2_refused() {
    assert_pbes2_refused(
        "PBES2-HS512+A256KW",
        json!(u64::MAX),
        ErrorKind::LimitExceeded,
        &Limits::default(),
    );
}

/// ATTACKS row 5 (CVE-2023-52428, Nimbus): p2c as a float of absurd size.
#[test]
fn cve_2023_52428_pbes2_p2c_refused() {
    assert_pbes2_refused(
        "PBES2-HS256+A128KW",
        json!(1e300),
        ErrorKind::InvalidHeader,
        &Limits::default(),
    );
}

/// ATTACKS row 6 (CVE-2023-50967, latchset/jose): p2c negative, zero or of the wrong type.
#[test]
fn cve_2023_50967_pbes2_p2c_refused() {
    for p2c in [
        json!(-1),
        json!(0),
        json!("2147483647"),
        json!(1.5),
        json!(null),
    ] {
        assert_pbes2_refused(
            "PBES2-HS256+A128KW",
            p2c,
            ErrorKind::InvalidHeader,
            &Limits::default(),
        );
    }
}

/// ATTACKS row 7 (CVE-2023-49290, jwx): with the limit lowered to jwx's cap of 10,000,
/// 10,001 is refused.
#[test]
fn cve_2023_49290_pbes2_p2c_refused() {
    let mut limits = Limits::default();
    limits.max_p2c = 10_000;
    assert_pbes2_refused(
        "PBES2-HS512+A256KW",
        json!(10_001),
        ErrorKind::LimitExceeded,
        &limits,
    );
}

/// ATTACKS row 39 (jwcrypto 1.6.1): a `p2s` under 8 bytes is refused on decryption (before
/// any key derivation), and an empty password both ways (a [`Password`] cannot be empty, and
/// both directions take one).
#[test]
fn jwcrypto_2026_pbes2_short_p2s_and_empty_password_refused() {
    let password = Password::new(PASSWORD.to_vec()).unwrap();
    let good = Encrypter::with_password(&password, K::Pbes2Hs256A128KW, E::A128Gcm)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    let d = Decrypter::with_password(&password, &[K::Pbes2Hs256A128KW], E::ALL).unwrap();
    assert_eq!(d.decrypt(&good).unwrap().plaintext(), b"x");
    for len in [0usize, 4, 7] {
        let header = json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM",
            "p2s": b64(vec![9u8; len]), "p2c": 1000});
        let token = jwe_with_header(&header);
        assert_eq!(kind(d.decrypt(&token)), ErrorKind::InvalidHeader, "{len}");
        assert_eq!(
            kind(d.decrypt(&to_flattened(&token))),
            ErrorKind::InvalidHeader
        );
    }
    // p2s missing or not a string.
    for p2s in [None, Some(json!(12345678))] {
        let mut header = json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 1000});
        if let Some(v) = p2s {
            header["p2s"] = v;
        }
        assert_eq!(
            kind(d.decrypt(&jwe_with_header(&header))),
            ErrorKind::InvalidHeader
        );
    }
    assert_eq!(kind(Password::new(Vec::new())), ErrorKind::InvalidArgument);
}

/// After a PBES2 header is accepted, every failure (wrong password, tampered encrypted key,
/// IV, ciphertext or tag) is the one decryption error.
#[test]
fn pbes2_failures_after_parsing_are_one_error() {
    let password = Password::new(PASSWORD.to_vec()).unwrap();
    let token = Encrypter::with_password(&password, K::Pbes2Hs384A192KW, E::A192CbcHs384)
        .unwrap()
        .with_p2c(1000)
        .unwrap()
        .encrypt_compact(b"secret")
        .unwrap();
    let wrong = Password::new(b"wrong".to_vec()).unwrap();
    let d = Decrypter::with_password(&wrong, &[K::Pbes2Hs384A192KW], E::ALL).unwrap();
    let reference = d.decrypt(&token).unwrap_err();
    assert_eq!(reference.kind(), ErrorKind::Decryption);
    assert_eq!(reference.to_string(), Error::decryption().to_string());
    let d = Decrypter::with_password(&password, &[K::Pbes2Hs384A192KW], E::ALL).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    for i in 1..5 {
        let mut p: Vec<String> = parts.iter().map(|s| (*s).to_owned()).collect();
        let mut bytes = support::b64::decode(p[i].as_bytes()).unwrap();
        bytes[0] ^= 1;
        p[i] = b64(bytes);
        let e = d.decrypt(&p.join(".")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decryption, "part {i}");
        assert_eq!(e.to_string(), reference.to_string());
    }
}

// ----- ATTACKS rows 8–15: zip bombs -----
// Every row goes in through a different entry point; the peak-RSS measurement is in
// tests/attacks/zip_bomb.rs. The structural bound: the inflated output is never longer than
// `Limits::max_decompressed_len` (checked at the cap, one past it, and far past it).

const ZIP_KEY: [u8; 32] = [0x11; 32];

fn zip_key() -> Jwk {
    Jwk::from_oct_bytes(&ZIP_KEY).unwrap()
}

/// 1 GB of 'u', deflated (about 1 MB): made once for the rows that use it.
fn gigabyte_bomb() -> &'static str {
    static BOMB: OnceLock<String> = OnceLock::new();
    BOMB.get_or_init(|| {
        let compressed = deflate_repeated(b'u', 1 << 30);
        assert!(compressed.len() < 1_200_000, "{}", compressed.len());
        token(&ZIP_KEY, &compressed)
    })
}

fn dir_decrypter(key: &Jwk) -> Decrypter {
    Decrypter::new(key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL).unwrap()
}

/// ATTACKS row 8 (CVE-2024-28102, jwcrypto): a DEF token whose plaintext is 1 GB of 'u'.
#[test]
fn cve_2024_28102_zip_bomb() {
    let key = zip_key();
    let bomb = gigabyte_bomb();
    assert!(bomb.len() < Limits::DEFAULT.max_token_len);
    assert_eq!(
        kind(dir_decrypter(&key).decrypt(bomb)),
        ErrorKind::LimitExceeded
    );
}

/// ATTACKS row 9 (CVE-2026-39373, jwcrypto): a bomb under a 255 KiB input cap, and the
/// output cap is exact: the cap is accepted, one byte more is refused.
#[test]
fn cve_2026_39373_zip_bomb_under_input_cap() {
    let key = zip_key();
    let small = deflate_repeated(0, 200 << 20);
    assert!(small.len() < 255 << 10);
    let d = dir_decrypter(&key);
    assert_eq!(
        kind(d.decrypt(&token(&ZIP_KEY, &small))),
        ErrorKind::LimitExceeded
    );
    let cap = Limits::DEFAULT.max_decompressed_len;
    let at = token(&ZIP_KEY, &deflate_repeated(b'a', cap));
    assert_eq!(d.decrypt(&at).unwrap().plaintext().len(), cap);
    let over = token(&ZIP_KEY, &deflate_repeated(b'a', cap + 1));
    assert_eq!(kind(d.decrypt(&over)), ErrorKind::LimitExceeded);
}

/// ATTACKS row 10 (CVE-2024-28176, panva/jose): the bomb in the JSON serialization, and
/// `zip` outside the protected header is refused.
#[test]
fn cve_2024_28176_zip_bomb_json_and_unprotected_zip() {
    let key = zip_key();
    let d = dir_decrypter(&key);
    let small = deflate_repeated(0, 50 << 20);
    let t = to_flattened(&token(&ZIP_KEY, &small));
    assert_eq!(kind(d.decrypt_json(&t)), ErrorKind::LimitExceeded);
    // zip only in the shared unprotected header (the protected header lacks it).
    let plain = token_with(
        &ZIP_KEY,
        r#"{"alg":"dir","enc":"A256GCM"}"#,
        &deflate_repeated(0, 50 << 20),
    );
    let mut v: Value = serde_json::from_str(&to_flattened(&plain)).unwrap();
    v["unprotected"] = json!({"zip": "DEF"});
    assert_eq!(
        kind(d.decrypt_json(&v.to_string())),
        ErrorKind::InvalidHeader
    );
    v.as_object_mut().unwrap().remove("unprotected");
    v["header"] = json!({"zip": "DEF"});
    assert_eq!(
        kind(d.decrypt_json(&v.to_string())),
        ErrorKind::InvalidHeader
    );
}

/// ATTACKS row 11 (CVE-2024-28180, go-jose): the cap is absolute, not a ratio of the
/// input: a plaintext one byte over 250 kB that compresses badly is still refused.
#[test]
fn cve_2024_28180_zip_cap_is_absolute() {
    let key = zip_key();
    let cap = Limits::DEFAULT.max_decompressed_len;
    // Stored (incompressible) DEFLATE blocks: output about equal to the input.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..=cap)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let compressed = miniz_oxide::deflate::compress_to_vec(&noise, 0);
    assert!(compressed.len() > cap);
    let t = token(&ZIP_KEY, &compressed);
    assert_eq!(
        kind(dir_decrypter(&key).decrypt(&t)),
        ErrorKind::LimitExceeded
    );
    let fits = token(
        &ZIP_KEY,
        &miniz_oxide::deflate::compress_to_vec(&noise[..cap], 0),
    );
    assert_eq!(
        dir_decrypter(&key).decrypt(&fits).unwrap().plaintext(),
        &noise[..cap]
    );
}

/// ATTACKS row 12 (CVE-2024-28122, jwx): the cap is configurable through the policy
/// (jwx's 10 MB here) and exact at the configured value.
#[test]
fn cve_2024_28122_zip_cap_configurable_by_policy() {
    let key = zip_key();
    let mut limits = Limits::default();
    limits.max_decompressed_len = 10_000_000;
    let policy = Policy::default()
        .with_key_management_algs(&[K::Dir])
        .with_content_encryption_algs(&[E::A256Gcm])
        .with_limits(limits);
    let d = Decrypter::from_policy(&key, &policy).unwrap();
    let at = token(&ZIP_KEY, &deflate_repeated(b'z', 10_000_000));
    assert_eq!(d.decrypt(&at).unwrap().plaintext().len(), 10_000_000);
    let over = token(&ZIP_KEY, &deflate_repeated(b'z', 10_000_001));
    assert_eq!(kind(d.decrypt(&over)), ErrorKind::LimitExceeded);
    assert_eq!(
        kind(
            Decrypter::from_policy(&key, &policy)
                .unwrap()
                .decrypt(gigabyte_bomb())
        ),
        ErrorKind::LimitExceeded
    );
}

/// ATTACKS row 13 (CVE-2024-33664, python-jose): the bomb through the JWT reader, as an
/// encrypted JWT and as a nested one.
#[test]
fn cve_2024_33664_zip_bomb_through_jwt_reader() {
    let key = zip_key();
    let hs = hs256_key();
    let plain = deflate_repeated(b'{', 100 << 20);
    for header in [
        r#"{"alg":"dir","enc":"A256GCM","zip":"DEF","typ":"JWT"}"#,
        r#"{"alg":"dir","enc":"A256GCM","zip":"DEF","cty":"JWT"}"#,
    ] {
        let t = token_with(&ZIP_KEY, header, &plain);
        let encrypted = Reader::builder(Validation::new())
            .decrypt_with(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap();
        assert_eq!(kind(encrypted.read(&t)), ErrorKind::LimitExceeded);
        let nested = Reader::builder(Validation::new())
            .decrypt_with(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&hs, &[S::HS256])
            .build()
            .unwrap();
        assert_eq!(kind(nested.read(&t)), ErrorKind::LimitExceeded);
    }
}

/// ATTACKS row 14 (CVE-2025-63811, jose2go): authenticated but broken DEFLATE streams
/// (truncated, garbage, trailing data, a bomb cut short) are errors, never panics or hangs.
#[test]
fn cve_2025_63811_broken_deflate_streams() {
    let key = zip_key();
    let d = dir_decrypter(&key);
    let bomb = deflate_repeated(b'u', 10 << 20);
    let good = deflate_repeated(b'a', 1000);
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"trailing");
    for compressed in [
        vec![],
        vec![0xff; 64],
        bomb[..bomb.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        trailing,
        vec![0x03, 0x00], // an empty final fixed block: valid, empty output
    ] {
        let r = d.decrypt(&token(&ZIP_KEY, &compressed));
        if let Ok(ok) = r {
            assert!(ok.plaintext().len() <= Limits::DEFAULT.max_decompressed_len);
        }
    }
    assert_eq!(
        d.decrypt(&token(&ZIP_KEY, &good))
            .unwrap()
            .plaintext()
            .len(),
        1000
    );
}

/// ATTACKS row 15 (josekit 0.10.3, no CVE): DEF is accepted by default here too, so a key
/// holder could send a bomb; the default limits bound it for every default-built
/// decrypter (the key's own alg, the recommended policy, every enc allowed).
#[test]
fn josekit_default_def_is_bounded() {
    let key = zip_key().with_alg(K::Dir);
    for d in [
        Decrypter::for_key_algs(&key, jwcrypt::ContentEncryptionAlg::ALL).unwrap(),
        Decrypter::from_policy(&key, &Policy::recommended()).unwrap(),
        Decrypter::new(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL).unwrap(),
    ] {
        assert_eq!(kind(d.decrypt(gigabyte_bomb())), ErrorKind::LimitExceeded);
    }
}

// ----- ATTACKS row 16: millions of dots -----

/// ATTACKS row 16 (CVE-2025-27144, CVE-2025-30204, CVE-2025-22868): 10 MB of dots
/// through the JWT reader and the unverified inspectors; with the size limit raised past
/// it, the structure check fails without splitting (the part counter stops at 6).
#[test]
fn cve_2025_27144_jwt_reader_millions_of_dots() {
    let dots = ".".repeat(10 << 20);
    let key = hs256_key();
    let signed = Reader::builder(Validation::new())
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    assert_eq!(kind(signed.read(&dots)), ErrorKind::LimitExceeded);
    let mut big = Limits::default();
    big.max_token_len = 16 << 20;
    let signed = Reader::builder(Validation::new())
        .verify_with(&key, &[S::HS256])
        .with_limits(big.clone())
        .build()
        .unwrap();
    assert_eq!(kind(signed.read(&dots)), ErrorKind::MalformedToken);
    let encrypted = Reader::builder(Validation::new())
        .decrypt_with(&key, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .with_limits(big.clone())
        .build()
        .unwrap();
    assert_eq!(kind(encrypted.read(&dots)), ErrorKind::MalformedToken);
    let four = "a.".repeat(2) + "a";
    // Three parts that are no JWS at all are said to be no JWT; a JWS is the wrong type.
    assert_eq!(kind(encrypted.read(&four)), ErrorKind::MalformedToken);
    let jws_like = "eyJhbGciOiJIUzI1NiJ9.a.a";
    assert_eq!(
        kind(encrypted.read(jws_like)),
        ErrorKind::UnexpectedTokenType
    );
    assert!(jwcrypt::dangerous::inspect(&dots).is_err());
    let d = Decrypter::new(&key, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .with_limits(big);
    assert_eq!(kind(d.decrypt(&dots)), ErrorKind::MalformedToken);
}

// ----- ATTACKS row 17: RSA1_5 -----

/// ATTACKS row 17 (CVE-2016-6298), the policy side (the same-error check is
/// `jwe::cve_2016_6298_rsa1_5_same_error_for_bad_padding_and_wrong_cek`): RSA1_5 is refused
/// by the default and recommended policies, and by a policy that lists it without the
/// opt-in; with the opt-in, the RFC 7520 §5.1 token decrypts and tampered keys fail alike.
#[test]
fn cve_2016_6298_rsa1_5_off_by_default_policy() {
    let v =
        support::read_json("rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    let key = Jwk::from_value(&v["input"]["key"]).unwrap();
    let token = v["output"]["compact"].as_str().unwrap();
    assert!(!Policy::default().allow_rsa1_5);
    assert_eq!(
        kind(Decrypter::from_policy(&key, &Policy::default())),
        ErrorKind::InvalidArgument
    );
    let d = Decrypter::from_policy(&key, &Policy::recommended()).unwrap();
    assert_eq!(kind(d.decrypt(token)), ErrorKind::AlgorithmNotAllowed);
    let mut listed = Policy::recommended();
    listed.key_management_algs.push(K::Rsa1_5);
    let d = Decrypter::from_policy(&key, &listed).unwrap();
    assert!(d.decrypt(token).is_err());
    let opted = Policy::recommended().allow_rsa1_5_insecure();
    let d = Decrypter::from_policy(&key, &opted).unwrap();
    assert!(d.decrypt(token).is_ok());
    // Through the JWT reader: the opt-in reaches the decrypter, and the plaintext (not
    // JSON claims) is then refused as claims.
    let reader = Reader::builder(Validation::new())
        .policy(&opted)
        .decrypt_keys(&key)
        .build()
        .unwrap();
    assert_eq!(kind(reader.read(token)), ErrorKind::Json);
    let reader = Reader::builder(Validation::new())
        .policy(&listed)
        .decrypt_keys(&key)
        .build()
        .unwrap();
    assert!(reader.read(token).is_err());
    let parts: Vec<&str> = token.split('.').collect();
    let e1 = d
        .decrypt(&[parts[0], &b64([0u8; 256]), parts[2], parts[3], parts[4]].join("."))
        .unwrap_err();
    let e2 = d
        .decrypt(&[parts[0], &b64([0x5a; 256]), parts[2], parts[3], parts[4]].join("."))
        .unwrap_err();
    assert_eq!(e1.kind(), ErrorKind::Decryption);
    assert_eq!(e1.to_string(), e2.to_string());
}

// ----- ATTACKS row 21: ECDH-ES invalid curve -----

/// Replaces the `epk` of a compact token's protected header (`None` removes it).
fn with_epk(token: &str, epk: Option<&Value>) -> String {
    let (head, rest) = token.split_once('.').unwrap();
    let mut header: Value =
        serde_json::from_slice(&support::b64::decode(head.as_bytes()).unwrap()).unwrap();
    match epk {
        Some(v) => header["epk"] = v.clone(),
        None => {
            header.as_object_mut().unwrap().remove("epk");
        }
    }
    format!("{}.{rest}", b64(header.to_string()))
}

/// ATTACKS row 21 (CVE-2016-9121, CVE-2015-7940): an `epk` off the curve ((0,0), a point
/// with its `y` changed, a P-192 point labelled P-256), of another curve (a P-384 point to a
/// P-256 key, X448 to X25519), the identity (no affine encoding: (0,0) and empty
/// coordinates), X25519 points of small order, a `crv` or `kty` other than the recipient's,
/// an `epk` carrying `d` or any other member, or none, is refused with the one decryption
/// error, for every ECDH-ES algorithm. The refusal happens when `epk` is read, before any
/// agreement: the unit test `jwe::tests::epk_checked_before_agreement` calls that check
/// directly. The off-curve and small-order keys are also refused at JWK import.
#[test]
fn cve_2016_9121_ecdh_es_invalid_curve_refused() {
    let p256 = Jwk::generate_ec("P-256").unwrap();
    let p384 = Jwk::generate_ec("P-384").unwrap();
    let x25519 = Jwk::generate_okp("X25519").unwrap();
    let x448 = Jwk::generate_okp("X448").unwrap();
    let public = |k: &Jwk| -> Value { serde_json::from_str(&k.export_public().unwrap()).unwrap() };
    let (pub256, pub384, pub25519, pub448) =
        (public(&p256), public(&p384), public(&x25519), public(&x448));
    let zero32 = b64([0u8; 32]);
    let p192 = b64([0x18u8; 24]);
    let mut y_changed = pub256.clone();
    let mut y = support::b64::decode(pub256["y"].as_str().unwrap().as_bytes()).unwrap();
    y[31] ^= 1;
    y_changed["y"] = json!(b64(y));
    let mut with_d = pub256.clone();
    with_d["d"] = json!(b64([1u8; 32]));
    let mut with_kid = pub256.clone();
    with_kid["kid"] = json!("k");
    let mut labelled_384 = pub256.clone();
    labelled_384["crv"] = json!("P-384");
    let mut okp_labelled = pub256.clone();
    okp_labelled["kty"] = json!("OKP");
    let ec_bad = [
        json!({"kty":"EC","crv":"P-256","x":zero32,"y":zero32}),
        json!({"kty":"EC","crv":"P-256","x":"","y":""}),
        json!({"kty":"EC","crv":"P-256","x":p192,"y":p192}),
        y_changed,
        pub384.clone(),
        labelled_384,
        okp_labelled,
        pub25519.clone(),
        with_d,
        with_kid,
        json!({"kty":"EC","crv":"P-256","x":pub256["x"]}),
        json!("not an object"),
    ];
    // RFC 7748 §7 / libsodium's blocklist: 0, 1, the order-8 points, p - 1, p, p + 1.
    let small_order = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];
    let mut x_bad: Vec<Value> = small_order
        .iter()
        .map(|h| json!({"kty":"OKP","crv":"X25519","x": b64(support::hex(h))}))
        .collect();
    let mut x_with_d = pub25519.clone();
    x_with_d["d"] = json!(b64([1u8; 32]));
    x_bad.extend([pub448.clone(), pub256.clone(), x_with_d]);
    let reference = Error::decryption().to_string();
    for alg in [K::EcdhEs, K::EcdhEsA128KW, K::EcdhEsA192KW, K::EcdhEsA256KW] {
        for (key, bad) in [(&p256, &ec_bad[..]), (&x25519, &x_bad[..])] {
            let good = Encrypter::new(&key.to_public().unwrap(), alg, E::A128Gcm)
                .unwrap()
                .encrypt_compact(b"x")
                .unwrap();
            let d = Decrypter::new(key, &[alg], E::ALL).unwrap();
            assert_eq!(d.decrypt(&good).unwrap().plaintext(), b"x");
            for epk in bad.iter().map(Some).chain([None]) {
                let t = with_epk(&good, epk);
                let e = d.decrypt(&t).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::Decryption, "{alg} {epk:?}");
                assert_eq!(e.to_string(), reference);
                let e = d.decrypt(&to_flattened(&t)).unwrap_err();
                assert_eq!(e.to_string(), reference, "{alg} {epk:?}");
            }
        }
    }
    for key in [
        json!({"kty":"EC","crv":"P-256","x":zero32,"y":zero32}),
        json!({"kty":"EC","crv":"P-256","x":zero32,"y":zero32,"d":zero32}),
        json!({"kty":"OKP","crv":"X25519","x":zero32}),
    ] {
        assert!(Jwk::from_json(key.to_string()).is_err(), "{key}");
    }
    // The key types ECDH-ES refuses: secp256k1, Ed25519, RSA, oct.
    let k1 = Jwk::generate_ec("secp256k1").unwrap();
    let ed = Jwk::generate_okp("Ed25519").unwrap();
    for key in [&k1, &ed, &rsa_key(), &hs256_key()] {
        assert_eq!(
            kind(Encrypter::new(key, K::EcdhEsA256KW, E::A256Gcm)),
            ErrorKind::KeyMismatch
        );
    }
}

// ----- ATTACKS row 26: malformed time claims -----

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

// ----- ATTACKS row 29: no panic on any input -----

/// ATTACKS row 29 (CVE-2019-17195, Nimbus): seeded mutations of valid inputs fed to every
/// parser give errors, never panics. The cargo-fuzz campaign (fuzz/) does this at scale;
/// its crash inputs are replayed by tests/attacks/fuzz_regressions.rs.
#[test]
fn cve_2019_17195_no_panic_on_mutated_input() {
    let key = hs256_key();
    let kw = Jwk::from_oct_bytes(&[0x44; 32]).unwrap();
    let jws_token = jwt::signed(&Claims::new().subject("s").expires_at(1), &key, S::HS256).unwrap();
    let jwe_token = jws_token.encrypt(&kw, K::A256KW, E::A128CbcHs256).unwrap();
    let seeds = [
        jws_token.as_str().to_owned(),
        jwe_token.clone(),
        to_flattened(&jwe_token),
        key.export_private().unwrap().to_string(),
        rsa_key().export_private().unwrap().to_string(),
        format!("{{\"keys\":[{}]}}", key.export_private().unwrap().as_str()),
        r#"{"iss":"a","aud":["b"],"exp":1,"nbf":0,"iat":0}"#.to_owned(),
    ];
    let verifier = Verifier::new(&key, S::ALL).unwrap();
    let decrypter = Decrypter::new(&kw, K::ALL, jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let reader = Reader::builder(Validation::new())
        .decrypt_with(&kw, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"{}[]\":,.0aA-_=\\ \x00\xff";
    for _ in 0..3000 {
        let r = next();
        let mut b = seeds[(r % seeds.len() as u64) as usize].as_bytes().to_vec();
        for _ in 0..=(r >> 8) % 4 {
            let r = next();
            let i = (r as usize >> 4) % (b.len() + 1);
            match r % 4 {
                0 if i < b.len() => b[i] = alphabet[(r >> 32) as usize % alphabet.len()],
                1 if i < b.len() => {
                    b.remove(i);
                }
                2 => b.truncate(i),
                _ => b.insert(i, alphabet[(r >> 32) as usize % alphabet.len()]),
            }
        }
        let _ = support::b64::decode(&b);
        let _ = Jwk::from_json(&b);
        let _ = JwkSet::from_json(&b);
        let _ = Claims::from_json(&b);
        let _ = Jwk::from_der(&b);
        if let Ok(s) = std::str::from_utf8(&b) {
            let _ = verifier.verify(s);
            let _ = decrypter.decrypt(s);
            let _ = reader.read(s);
            let _ = Jwk::from_pem(s);
            if let Ok(seen) = jwcrypt::dangerous::inspect(s) {
                let _ = seen.claims();
            }
        }
    }
}

// ----- ATTACKS row 30: psychic signatures -----
// Now that ECDSA is implemented, row 30 lives with rows 22 (EC/OKP), 35 and 36 in
// `ec_signatures::cve_2022_21449_psychic_signatures_refused`.

// ----- ATTACKS row 31: quadratic key_ops, huge key sets -----

/// ATTACKS row 31 (jwcrypto PR #398): a JWK with 100k `key_ops` entries is checked with a
/// set (100k distinct entries import; 100k duplicates are refused at the first repeat),
/// and a 100k-key JWK Set is refused by the set cap even when the text limit allows it.
#[test]
fn jwcrypto_pr_398_key_ops_100k_entries_and_100k_key_set() {
    let k = b64([0x55u8; 32]);
    let mut big = Limits::default();
    big.max_jwk_len = 64 << 20;
    // 100,003 values (issue 12's max_json_values refuses them by default, before parsing).
    big.max_json_values = 1_000_000;
    let distinct: Vec<String> = (0..100_000).map(|i| format!("op{i}")).collect();
    let text = json!({"kty":"oct","k":k,"key_ops":distinct}).to_string();
    let key = Jwk::from_json_with_limits(&text, &big).unwrap();
    assert_eq!(key.params().key_ops.as_ref().unwrap().len(), 100_000);
    // None of them is an operation a JWS needs: the key is refused for signing.
    assert!(
        jws::sign_compact(b"x", &JwsHeader::new(S::HS256), &key).is_err(),
        "unknown key_ops allowed signing"
    );
    let dups = vec!["sign"; 100_000];
    let text = json!({"kty":"oct","k":k,"key_ops":dups}).to_string();
    let e = Jwk::from_json_with_limits(&text, &big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("duplicate"), "{e}");

    let one = json!({"kty":"oct","k":k});
    let set = json!({ "keys": vec![one; 100_000] }).to_string();
    assert_eq!(kind(JwkSet::from_json(&set)), ErrorKind::LimitExceeded);
    let e = JwkSet::from_json_with_limits(&set, &big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(e.message().contains("100000 keys"), "{e}");
}

// ----- ATTACKS row 34: the policy allows nothing by default -----

/// ATTACKS row 34 (go-jose v4 PRs #69/#74/#78), the policy side: the default [`Policy`]
/// allows no algorithm, so nothing built from it verifies or decrypts until the caller
/// names the algorithms; under a policy, an empty list never falls back to the key's
/// `alg`.
#[test]
fn go_jose_v4_policy_default_allows_nothing() {
    let key = hs256_key().with_alg(S::HS256);
    let token = jws::sign_compact(b"{}", &JwsHeader::new(S::HS256), &key).unwrap();
    let p = Policy::default();
    assert!(p.signing_algs.is_empty() && p.key_management_algs.is_empty());
    assert!(p.content_encryption_algs.is_empty());
    assert_eq!(
        kind(Verifier::from_policy(&key, &p)),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        kind(Decrypter::from_policy(&key, &p)),
        ErrorKind::InvalidArgument
    );
    let reader = Reader::builder(Validation::new())
        .policy(&p)
        .verify_keys(&key)
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    let reader = Reader::builder(Validation::new())
        .policy(&p)
        .verify_with(&key, &[])
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    // Key management named but no content encryption: still nothing.
    let half = Policy::default().with_key_management_algs(&[K::A256KW]);
    assert_eq!(
        kind(Decrypter::from_policy(&key, &half)),
        ErrorKind::InvalidArgument
    );
    let reader = Reader::builder(Validation::new())
        .policy(&half)
        .decrypt_keys(&key)
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    // An expected kind that the reader's keys do not give is a configuration error.
    let reader = Reader::builder(Validation::new())
        .policy(&Policy::recommended())
        .expect(TokenKind::Nested)
        .verify_keys(&key)
        .build();
    assert_eq!(kind(reader), ErrorKind::InvalidArgument);
    // Named algorithms work; the policy leeway replaces the validation's.
    let p = Policy::default()
        .with_signing_algs(&[S::HS256])
        .with_leeway(Duration::from_secs(0));
    let reader = Reader::builder(Validation::new().allow_missing_exp())
        .policy(&p)
        .verify_keys(&key)
        .build()
        .unwrap();
    assert!(reader.read(&token).is_ok());
    let expired = jwt::signed(&Claims::new().expires_at(jwt_now() - 30), &key, S::HS256).unwrap();
    assert_eq!(
        kind(reader.read(expired.as_str())),
        ErrorKind::ClaimValidation
    );
    let lenient = p.clone().with_leeway(Duration::from_secs(120));
    let reader = Reader::builder(Validation::new())
        .policy(&lenient)
        .verify_keys(&key)
        .build()
        .unwrap();
    assert!(reader.read(expired.as_str()).is_ok());
}

fn jwt_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

// ----- Hostile inputs without an advisory -----

/// A JWK Set with duplicate `kid`s: a token naming that `kid` is ambiguous when both keys
/// fit, and refused rather than tried against whichever comes first.
#[test]
fn jwk_set_duplicate_kids_are_ambiguous() {
    let a = Jwk::from_oct_bytes(&[1; 32]).unwrap().with_kid("k");
    let b = Jwk::from_oct_bytes(&[2; 32]).unwrap().with_kid("k");
    let set: JwkSet = [a.clone(), b].into_iter().collect();
    assert_eq!(kind(set.get("k")), ErrorKind::KeyNotFound);
    let token = jws::sign_compact(b"x", &JwsHeader::new(S::HS256).with_kid("k"), &a).unwrap();
    let e = Verifier::new(&set, &[S::HS256])
        .unwrap()
        .verify(&token)
        .unwrap_err();
    assert!(e.message().contains("ambiguous"), "{e}");
    // The same through JSON import.
    let text = format!(
        "{{\"keys\":[{},{}]}}",
        a.export_private().unwrap().as_str(),
        Jwk::from_oct_bytes(&[2; 32])
            .unwrap()
            .with_kid("k")
            .export_private()
            .unwrap()
            .as_str()
    );
    let set = JwkSet::from_json(&text).unwrap();
    assert!(
        Verifier::new(&set, &[S::HS256])
            .unwrap()
            .verify(&token)
            .is_err()
    );
    // JWE follows the same rule (one selection function, `jwk::Keys`): two keys with the
    // token's kid that fit its algorithm make the set ambiguous, and nothing is decrypted.
    let jwe = Encrypter::new(&a, K::A256KW, E::A128Gcm)
        .unwrap()
        .with_kid("k")
        .encrypt_compact(b"x")
        .unwrap();
    let d = Decrypter::new(&set, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let e = d.decrypt(&jwe).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
    assert!(e.message().contains("ambiguous"), "{e}");
    // With one key of that kid, the token decrypts.
    let one: JwkSet = [a.clone()].into_iter().collect();
    let d = Decrypter::new(&one, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    assert_eq!(d.decrypt(&jwe).unwrap().plaintext(), b"x");
}

/// RSA keys with a huge public exponent, an even one, e = 1, or a tiny modulus are
/// refused at import, before any use.
#[test]
fn rsa_import_refuses_huge_exponent_and_tiny_modulus() {
    let good: Value =
        serde_json::from_str(&rsa_key().to_public().unwrap().export_public().unwrap()).unwrap();
    let mut cases = Vec::new();
    for e in [
        vec![0xffu8; 256],
        vec![0xff; 9],
        vec![1],
        vec![2],
        vec![0],
        vec![],
    ] {
        let mut k = good.clone();
        k["e"] = b64(&e).into();
        cases.push(k);
    }
    for n in [
        vec![0xc5u8; 64],
        vec![0xc5; 128],
        vec![0xc5; 255],
        vec![0x01; 2],
    ] {
        let mut k = good.clone();
        k["n"] = b64(&n).into();
        cases.push(k);
    }
    let mut huge_n = good.clone();
    huge_n["n"] = b64(vec![0xc5u8; 4096]).into();
    cases.push(huge_n);
    for k in cases {
        let e = Jwk::from_json(k.to_string()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::InvalidKey | ErrorKind::Base64),
            "{e}"
        );
    }
    assert!(Jwk::from_json(good.to_string()).is_ok());
}

/// A 16 MiB token is refused by the size limit before any parsing: the error is
/// LimitExceeded even where the content would fail parsing with another error.
#[test]
fn sixteen_mib_token_refused_by_size_limit_before_parsing() {
    let sixteen = 16 << 20;
    let key = hs256_key();
    for filler in ["{", ".", "a", "["] {
        let t = filler.repeat(sixteen);
        assert_eq!(
            kind(Verifier::new(&key, S::ALL).unwrap().verify(&t)),
            ErrorKind::LimitExceeded
        );
        assert_eq!(
            kind(decrypt_everything(&key).decrypt(&t)),
            ErrorKind::LimitExceeded
        );
        let reader = Reader::builder(Validation::new())
            .verify_with(&key, &[S::HS256])
            .build()
            .unwrap();
        assert_eq!(kind(reader.read(&t)), ErrorKind::LimitExceeded);
        assert_eq!(kind(JwkSet::from_json(&t)), ErrorKind::LimitExceeded);
        assert_eq!(kind(Jwk::from_json(&t)), ErrorKind::LimitExceeded);
        assert_eq!(kind(Claims::from_json(&t)), ErrorKind::LimitExceeded);
    }
}

/// JSON nested 100k levels deep is refused by the depth limit (no stack overflow) in
/// every JSON the library reads: JWS/JWE headers, JSON serializations, JWKs, sets, claims.
#[test]
fn hundred_thousand_deep_json_refused() {
    let deep = |inner: &str| {
        format!(
            "{{\"a\":{}{inner}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
    };
    let is_limit = |e: Error| {
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded), "{}", e.kind());
    };
    is_limit(Claims::from_json(deep("1")).unwrap_err());
    is_limit(Jwk::from_json(deep("1")).unwrap_err());
    is_limit(JwkSet::from_json(deep("1")).unwrap_err());
    let header = format!(
        "{{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"x\":{}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut big = Limits::default();
    big.max_header_len = 1 << 20;
    let key = Jwk::from_oct_bytes(&[0x11; 16]).unwrap();
    let d = Decrypter::new(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL)
        .unwrap()
        .with_limits(big.clone());
    let t = format!(
        "{}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
        b64(&header)
    );
    is_limit(d.decrypt(&t).unwrap_err());
    // Signed claims nested deep, through the JWT reader.
    let hs = hs256_key();
    let t = jws::sign_compact(deep("1").as_bytes(), &JwsHeader::new(S::HS256), &hs).unwrap();
    let reader = Reader::builder(Validation::new())
        .verify_with(&hs, &[S::HS256])
        .with_limits(big)
        .build()
        .unwrap();
    is_limit(reader.read(&t).unwrap_err());
}
