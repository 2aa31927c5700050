//! jwcrypt's column: each function does its set-up (keys, headers, the token to read),
//! a round-trip self-check, and returns a closure performing exactly one operation.
//!
//! Contract (the peers in ../../josekit/src/main.rs do the same):
//! - `*_sign`: claims (jwcrypt's `Claims`, read once from `d.claims_json`) -> compact JWS
//!   with protected header {"alg":..,"typ":"JWT"} (`jwt::signed`).
//! - `*_verify`: compact JWS -> verified signature, parsed claims, exp and nbf checked
//!   against the current time, and `aud` (`jwt::Reader` with `Validation::new().audience(..)`, as RFC 7519 §4.1.3 requires).
//! - `*_encrypt` / `*_decrypt`: payload bytes <-> compact JWE (`jwe::Encrypter` /
//!   `jwe::Decrypter`).
//! - `nested_*_make`: `jwt::signed(..).encrypt(..)` (A256KW + A256CBC-HS512, cty "JWT");
//!   `nested_*_read`: `jwt::Reader` with both layers.

use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as Enc, Jwk, KeyManagementAlg as Kma, Limits, SigningAlg};
use peer_harness::{Data, check};

/// One prepared operation.
pub type Op<'a> = Box<dyn FnMut() + 'a>;

fn claims(d: &Data) -> Claims {
    Claims::from_json(&d.claims_json).expect("claims.json")
}

fn oct(bytes: &[u8]) -> Jwk {
    Jwk::from_oct_bytes(bytes).expect("oct key")
}

fn rsa_private(d: &Data) -> Jwk {
    Jwk::from_pem(&d.rsa_private_pem).expect("RSA private PEM")
}

fn rsa_public(d: &Data) -> Jwk {
    Jwk::from_pem(&d.rsa_public_pem).expect("RSA public PEM")
}

/// Limits large enough for the 1 MiB payload (the default token limit is 4 MiB, enough;
/// kept explicit so the bench does not depend on the default).
fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_token_len = 8 << 20;
    l
}

// --- JWS ---
fn sign_op(d: &Data, key: Jwk, vkey: Jwk, alg: SigningAlg) -> Option<Op<'_>> {
    let c = claims(d);
    let token = jwt::signed(&c, &key, alg).expect("sign");
    let back = Reader::builder(Validation::new().audience(peer_harness::AUDIENCE))
        .verify_with(&vkey, &[alg])
        .build()
        .unwrap()
        .read(token.as_str())
        .expect("verify");
    check(back == c, "JWS round trip");
    Some(Box::new(move || {
        std::hint::black_box(jwt::signed(&c, &key, alg).expect("sign"));
    }))
}

fn verify_op(d: &Data, key: Jwk, vkey: Jwk, alg: SigningAlg) -> Option<Op<'_>> {
    let c = claims(d);
    let token = jwt::signed(&c, &key, alg).expect("sign").into_string();
    // The reader borrows the key: leak both for the closure's lifetime (one per process).
    let vkey: &'static Jwk = Box::leak(Box::new(vkey));
    let reader = Reader::builder(Validation::new().audience(peer_harness::AUDIENCE))
        .verify_with(vkey, &[alg])
        .build()
        .unwrap();
    check(reader.read(&token).expect("verify") == c, "JWS round trip");
    Some(Box::new(move || {
        std::hint::black_box(reader.read(&token).expect("verify"));
    }))
}

pub fn hs256_sign(d: &Data) -> Option<Op<'_>> {
    sign_op(d, oct(&d.hs256_key), oct(&d.hs256_key), SigningAlg::HS256)
}
pub fn hs256_verify(d: &Data) -> Option<Op<'_>> {
    verify_op(d, oct(&d.hs256_key), oct(&d.hs256_key), SigningAlg::HS256)
}
pub fn rs256_sign(d: &Data) -> Option<Op<'_>> {
    sign_op(d, rsa_private(d), rsa_public(d), SigningAlg::RS256)
}
pub fn rs256_verify(d: &Data) -> Option<Op<'_>> {
    verify_op(d, rsa_private(d), rsa_public(d), SigningAlg::RS256)
}
pub fn ps256_sign(d: &Data) -> Option<Op<'_>> {
    sign_op(d, rsa_private(d), rsa_public(d), SigningAlg::PS256)
}
pub fn ps256_verify(d: &Data) -> Option<Op<'_>> {
    verify_op(d, rsa_private(d), rsa_public(d), SigningAlg::PS256)
}

// --- JWE ---
fn encrypt_op<'a>(ekey: Jwk, dkey: Jwk, alg: Kma, enc: Enc, payload: &'a [u8]) -> Option<Op<'a>> {
    let ekey: &'static Jwk = Box::leak(Box::new(ekey));
    let encrypter = Encrypter::new(ekey, alg, enc).expect("encrypter");
    let token = encrypter.encrypt_compact(payload).expect("encrypt");
    let back = Decrypter::new(&dkey, &[alg], &[enc])
        .expect("decrypter")
        .with_limits(limits())
        .decrypt_compact(&token)
        .expect("decrypt");
    check(back.plaintext() == payload, "JWE round trip");
    Some(Box::new(move || {
        std::hint::black_box(encrypter.encrypt_compact(payload).expect("encrypt"));
    }))
}

fn decrypt_op<'a>(ekey: Jwk, dkey: Jwk, alg: Kma, enc: Enc, payload: &'a [u8]) -> Option<Op<'a>> {
    let token = Encrypter::new(&ekey, alg, enc)
        .expect("encrypter")
        .encrypt_compact(payload)
        .expect("encrypt");
    let dkey: &'static Jwk = Box::leak(Box::new(dkey));
    let decrypter = Decrypter::new(dkey, &[alg], &[enc])
        .expect("decrypter")
        .with_limits(limits());
    check(
        decrypter
            .decrypt_compact(&token)
            .expect("decrypt")
            .plaintext()
            == payload,
        "JWE round trip",
    );
    Some(Box::new(move || {
        std::hint::black_box(decrypter.decrypt_compact(&token).expect("decrypt"));
    }))
}

pub fn a256kw_cbc_encrypt<'a>(d: &'a Data, payload: &'a [u8]) -> Option<Op<'a>> {
    let k = oct(&d.a256kw_key);
    encrypt_op(k.clone(), k, Kma::A256KW, Enc::A256CbcHs512, payload)
}
pub fn a256kw_cbc_decrypt<'a>(d: &'a Data, payload: &'a [u8]) -> Option<Op<'a>> {
    let k = oct(&d.a256kw_key);
    decrypt_op(k.clone(), k, Kma::A256KW, Enc::A256CbcHs512, payload)
}
pub fn dir_gcm_encrypt(d: &Data) -> Option<Op<'_>> {
    let k = oct(&d.dir_key);
    encrypt_op(
        k.clone(),
        k,
        Kma::Dir,
        Enc::A256Gcm,
        d.claims_json.as_bytes(),
    )
}
pub fn dir_gcm_decrypt(d: &Data) -> Option<Op<'_>> {
    let k = oct(&d.dir_key);
    decrypt_op(
        k.clone(),
        k,
        Kma::Dir,
        Enc::A256Gcm,
        d.claims_json.as_bytes(),
    )
}
pub fn oaep256_gcm_encrypt(d: &Data) -> Option<Op<'_>> {
    encrypt_op(
        rsa_public(d),
        rsa_private(d),
        Kma::RsaOaep256,
        Enc::A256Gcm,
        d.claims_json.as_bytes(),
    )
}
pub fn oaep256_gcm_decrypt(d: &Data) -> Option<Op<'_>> {
    decrypt_op(
        rsa_public(d),
        rsa_private(d),
        Kma::RsaOaep256,
        Enc::A256Gcm,
        d.claims_json.as_bytes(),
    )
}

// --- Nested JWT (signed, then A256KW + A256CBC-HS512 with cty "JWT") ---
fn make_nested(c: &Claims, skey: &Jwk, alg: SigningAlg, ekey: &Jwk) -> String {
    jwt::signed(c, skey, alg)
        .expect("sign")
        .encrypt(ekey, Kma::A256KW, Enc::A256CbcHs512)
        .expect("encrypt")
}

fn nested_reader(ekey: &Jwk, vkey: &Jwk, alg: SigningAlg) -> Reader {
    Reader::builder(Validation::new().audience(peer_harness::AUDIENCE))
        .decrypt_with(ekey, &[Kma::A256KW], &[Enc::A256CbcHs512])
        .verify_with(vkey, &[alg])
        .build()
        .unwrap()
}

fn nested_make_op(d: &Data, skey: Jwk, vkey: Jwk, alg: SigningAlg) -> Option<Op<'_>> {
    let c = claims(d);
    let ekey = oct(&d.a256kw_key);
    let token = make_nested(&c, &skey, alg, &ekey);
    check(
        nested_reader(&ekey, &vkey, alg).read(&token).expect("read") == c,
        "nested round trip",
    );
    Some(Box::new(move || {
        std::hint::black_box(make_nested(&c, &skey, alg, &ekey));
    }))
}

fn nested_read_op(d: &Data, skey: Jwk, vkey: Jwk, alg: SigningAlg) -> Option<Op<'_>> {
    let c = claims(d);
    let ekey: &'static Jwk = Box::leak(Box::new(oct(&d.a256kw_key)));
    let vkey: &'static Jwk = Box::leak(Box::new(vkey));
    let token = make_nested(&c, &skey, alg, ekey);
    let reader = nested_reader(ekey, vkey, alg);
    check(reader.read(&token).expect("read") == c, "nested round trip");
    Some(Box::new(move || {
        std::hint::black_box(reader.read(&token).expect("read"));
    }))
}

pub fn nested_hs256_make(d: &Data) -> Option<Op<'_>> {
    nested_make_op(d, oct(&d.hs256_key), oct(&d.hs256_key), SigningAlg::HS256)
}
pub fn nested_hs256_read(d: &Data) -> Option<Op<'_>> {
    nested_read_op(d, oct(&d.hs256_key), oct(&d.hs256_key), SigningAlg::HS256)
}
pub fn nested_rs256_make(d: &Data) -> Option<Op<'_>> {
    nested_make_op(d, rsa_private(d), rsa_public(d), SigningAlg::RS256)
}
pub fn nested_rs256_read(d: &Data) -> Option<Op<'_>> {
    nested_read_op(d, rsa_private(d), rsa_public(d), SigningAlg::RS256)
}
