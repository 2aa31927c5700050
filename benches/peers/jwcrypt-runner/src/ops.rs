//! jwcrypt's column: each function does its set-up (keys, headers, the token to read),
//! a round-trip self-check, and returns a closure performing exactly one operation.
//!
//! Contract (the peers in ../../josekit/src/main.rs do the same):
//! - `*_sign`: claims (jwcrypt's `Claims`, read once from `d.claims_json`) -> compact JWS
//!   with protected header {"alg":..,"typ":"JWT"} (`jwt::signed`).
//! - `*_verify`: compact JWS -> verified signature, parsed claims, exp and nbf checked
//!   against the current time, and `aud` (`jwt::Reader` with `Validation::new().audience(..)`, as RFC 7519 §4.1.3 requires).
//! - `*_encrypt` / `*_decrypt`: payload bytes <-> compact JWE (`jwe::Encrypter` /
//!   `jwe::Decrypter`; PBES2 with a `jwe::Password`, `p2c` 8192 set explicitly).
//! - `nested_*_make`: `jwt::signed(..).encrypt(..)` (A256KW + A256CBC-HS512, cty "JWT");
//!   `nested_*_read`: `jwt::Reader` with both layers.

use jwcrypt::jwe::{Decrypter, Encrypter, Password};
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as Enc, Jwk, KeyManagementAlg as Kma, Limits, SigningAlg};
use peer_harness::{Data, KeyFiles, PBES2_P2C, check};

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

fn pem_private(k: &KeyFiles) -> Jwk {
    Jwk::from_pem(&k.private_pem).expect("private PEM")
}

fn pem_public(k: &KeyFiles) -> Jwk {
    Jwk::from_pem(&k.public_pem).expect("public PEM")
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
pub fn es256_sign(d: &Data) -> Option<Op<'_>> {
    let k = &d.ec_p256;
    sign_op(d, pem_private(k), pem_public(k), SigningAlg::ES256)
}
pub fn es256_verify(d: &Data) -> Option<Op<'_>> {
    let k = &d.ec_p256;
    verify_op(d, pem_private(k), pem_public(k), SigningAlg::ES256)
}
pub fn es384_sign(d: &Data) -> Option<Op<'_>> {
    let k = &d.ec_p384;
    sign_op(d, pem_private(k), pem_public(k), SigningAlg::ES384)
}
pub fn es384_verify(d: &Data) -> Option<Op<'_>> {
    let k = &d.ec_p384;
    verify_op(d, pem_private(k), pem_public(k), SigningAlg::ES384)
}
pub fn es512_sign(d: &Data) -> Option<Op<'_>> {
    let k = &d.ec_p521;
    sign_op(d, pem_private(k), pem_public(k), SigningAlg::ES512)
}
pub fn es512_verify(d: &Data) -> Option<Op<'_>> {
    let k = &d.ec_p521;
    verify_op(d, pem_private(k), pem_public(k), SigningAlg::ES512)
}
pub fn eddsa_sign(d: &Data) -> Option<Op<'_>> {
    let k = &d.ed25519;
    sign_op(d, pem_private(k), pem_public(k), SigningAlg::EdDSA)
}
pub fn eddsa_verify(d: &Data) -> Option<Op<'_>> {
    let k = &d.ed25519;
    verify_op(d, pem_private(k), pem_public(k), SigningAlg::EdDSA)
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
/// ECDH-ES+A256KW + A256GCM to the public key of `k` (P-256 or X25519), the claims as payload.
pub fn ecdh_a256kw_gcm_encrypt<'a>(d: &'a Data, k: &KeyFiles) -> Option<Op<'a>> {
    encrypt_op(
        pem_public(k),
        pem_private(k),
        Kma::EcdhEsA256KW,
        Enc::A256Gcm,
        d.claims_json.as_bytes(),
    )
}
pub fn ecdh_a256kw_gcm_decrypt<'a>(d: &'a Data, k: &KeyFiles) -> Option<Op<'a>> {
    decrypt_op(
        pem_public(k),
        pem_private(k),
        Kma::EcdhEsA256KW,
        Enc::A256Gcm,
        d.claims_json.as_bytes(),
    )
}

const PBES2: (Kma, Enc) = (Kma::Pbes2Hs256A128KW, Enc::A128Gcm);

fn password(d: &Data) -> &'static Password {
    let pw = Password::new(d.pbes2_password.as_bytes().to_vec()).expect("password");
    Box::leak(Box::new(pw))
}

fn pbes2_encrypter(pw: &Password) -> Encrypter<'_> {
    Encrypter::with_password(pw, PBES2.0, PBES2.1)
        .expect("encrypter")
        .with_p2c(PBES2_P2C)
        .expect("p2c")
}

fn pbes2_decrypter(pw: &Password) -> Decrypter {
    Decrypter::with_password(pw, &[PBES2.0], &[PBES2.1]).expect("decrypter")
}

/// PBES2-HS256+A128KW + A128GCM, `p2c` 8192: the claims to a compact JWE.
pub fn pbes2_encrypt(d: &Data) -> Option<Op<'_>> {
    let payload = d.claims_json.as_bytes();
    let pw = password(d);
    let encrypter = pbes2_encrypter(pw);
    let token = encrypter.encrypt_compact(payload).expect("encrypt");
    let back = pbes2_decrypter(pw)
        .decrypt_compact(&token)
        .expect("decrypt");
    check(back.plaintext() == payload, "PBES2 round trip");
    Some(Box::new(move || {
        std::hint::black_box(encrypter.encrypt_compact(payload).expect("encrypt"));
    }))
}

/// That compact JWE back to the claims bytes.
pub fn pbes2_decrypt(d: &Data) -> Option<Op<'_>> {
    let payload = d.claims_json.as_bytes();
    let pw = password(d);
    let token = pbes2_encrypter(pw)
        .encrypt_compact(payload)
        .expect("encrypt");
    let decrypter = pbes2_decrypter(pw);
    check(
        decrypter
            .decrypt_compact(&token)
            .expect("decrypt")
            .plaintext()
            == payload,
        "PBES2 round trip",
    );
    Some(Box::new(move || {
        std::hint::black_box(decrypter.decrypt_compact(&token).expect("decrypt"));
    }))
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
