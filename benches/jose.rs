//! jwcrypt's own operations: key import, JWS, JWE, nested JWTs, compact parsing.
//!
//! `cargo bench --bench jose -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jwcrypt::jwe::{Decrypter, Encrypter, Password};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as Enc, Jwk, KeyManagementAlg as Kma, Limits, SigningAlg};

/// The peers' RSA-2048 key (no `use`, so it both signs and encrypts).
const RSA_JWK: &str = include_str!("peers/data/rsa2048.jwk.json");

/// The peers' claims (10 claims, 279 bytes), so that sizes match `benches/peers` and the
/// `sum/*` lines of `benches/primitives.rs`.
fn claims() -> Claims {
    Claims::from_json(include_str!("peers/data/claims.json")).unwrap()
}

fn payload(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

fn big_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_token_len = 8 << 20;
    limits
}

fn keys(c: &mut Criterion) {
    let mut g = c.benchmark_group("key");
    g.bench_function("import/rsa2048_private_jwk", |b| {
        b.iter(|| Jwk::from_json(black_box(RSA_JWK)).unwrap())
    });
    let pem = Jwk::from_json(RSA_JWK).unwrap().to_pkcs8_pem().unwrap();
    g.bench_function("import/rsa2048_pkcs8_pem", |b| {
        b.iter(|| Jwk::from_pem(black_box(&pem)).unwrap())
    });
    g.bench_function("import/oct256_jwk", |b| {
        b.iter(|| {
            Jwk::from_json(black_box(
                r#"{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg3fZoZ2jd2CH6nu6cRGBYs"}"#,
            ))
            .unwrap()
        })
    });
    g.sample_size(10);
    g.bench_function("generate/rsa2048", |b| {
        b.iter(|| Jwk::generate_rsa(2048).unwrap())
    });
    g.finish();
}

fn jws_ops(c: &mut Criterion) {
    let mut g = c.benchmark_group("jws");
    let body = claims().to_json();
    let hs = Jwk::generate_oct(256).unwrap();
    let rsa = Jwk::from_json(RSA_JWK).unwrap();
    let rsa_pub = rsa.to_public().unwrap();
    let mut cases = vec![
        (SigningAlg::HS256, hs.clone(), hs),
        (SigningAlg::RS256, rsa.clone(), rsa_pub.clone()),
        (SigningAlg::PS256, rsa, rsa_pub),
    ];
    // One key per curve, generated once: P-256, P-384, P-521, secp256k1, Ed25519 (EdDSA),
    // Ed448 (the fully specified `Ed448`).
    for alg in [
        SigningAlg::ES256,
        SigningAlg::ES384,
        SigningAlg::ES512,
        SigningAlg::ES256K,
        SigningAlg::EdDSA,
        SigningAlg::Ed448,
    ] {
        let key = Jwk::generate_for(alg).unwrap();
        let public = key.to_public().unwrap();
        cases.push((alg, key, public));
    }
    for (alg, key, vkey) in &cases {
        let alg = *alg;
        let header = JwsHeader::new(alg).with_typ("JWT");
        g.bench_function(BenchmarkId::new("sign", alg), |b| {
            b.iter(|| jws::sign_compact(black_box(body.as_bytes()), &header, key).unwrap())
        });
        let token = jws::sign_compact(body.as_bytes(), &header, key).unwrap();
        let verifier = Verifier::new(vkey, &[alg]).unwrap();
        g.bench_function(BenchmarkId::new("verify", alg), |b| {
            b.iter(|| verifier.verify_compact(black_box(&token)).unwrap())
        });
    }
    g.finish();
}

fn jwe_ops(c: &mut Criterion) {
    let kw = Jwk::generate_oct(256).unwrap();
    let dir = Jwk::generate_oct(256).unwrap();
    let rsa = Jwk::from_json(RSA_JWK).unwrap();
    let rsa_pub = rsa.to_public().unwrap();
    let cases: [(&str, Kma, Enc, &Jwk, &Jwk); 3] = [
        (
            "A256KW+A256CBC-HS512",
            Kma::A256KW,
            Enc::A256CbcHs512,
            &kw,
            &kw,
        ),
        ("dir+A256GCM", Kma::Dir, Enc::A256Gcm, &dir, &dir),
        (
            "RSA-OAEP-256+A256GCM",
            Kma::RsaOaep256,
            Enc::A256Gcm,
            &rsa_pub,
            &rsa,
        ),
    ];
    for (name, alg, enc, ekey, dkey) in cases {
        let mut g = c.benchmark_group(format!("jwe/{name}"));
        let sizes: &[usize] = if alg == Kma::RsaOaep256 {
            &[200]
        } else {
            &[200, 4096, 1 << 20]
        };
        for &size in sizes {
            let data = payload(size);
            g.throughput(Throughput::Bytes(size as u64));
            let encrypter = Encrypter::new(ekey, alg, enc).unwrap();
            g.bench_function(BenchmarkId::new("encrypt", size), |b| {
                b.iter(|| encrypter.encrypt_compact(black_box(&data)).unwrap())
            });
            let token = encrypter.encrypt_compact(&data).unwrap();
            let decrypter = Decrypter::new(dkey, &[alg], &[enc])
                .unwrap()
                .with_limits(big_limits());
            g.bench_function(BenchmarkId::new("decrypt", size), |b| {
                b.iter(|| decrypter.decrypt_compact(black_box(&token)).unwrap())
            });
        }
        g.finish();
    }
}

/// ECDH-ES (+A256KW, and direct on P-256) with A256GCM, 200 B: encryption to the public
/// key (a fresh ephemeral key each time), decryption with the private one.
fn jwe_ecdh(c: &mut Criterion) {
    let data = payload(200);
    let p256 = Jwk::generate_ec("P-256").unwrap();
    let x25519 = Jwk::generate_okp("X25519").unwrap();
    let cases = [
        (
            "ECDH-ES+A256KW+A256GCM",
            Kma::EcdhEsA256KW,
            vec![("P-256", &p256), ("X25519", &x25519)],
        ),
        ("ECDH-ES+A256GCM", Kma::EcdhEs, vec![("P-256", &p256)]),
    ];
    for (name, alg, curves) in cases {
        let mut g = c.benchmark_group(format!("jwe/{name}"));
        g.throughput(Throughput::Bytes(data.len() as u64));
        for (curve, key) in curves {
            let public = key.to_public().unwrap();
            let encrypter = Encrypter::new(&public, alg, Enc::A256Gcm).unwrap();
            g.bench_function(BenchmarkId::new("encrypt", curve), |b| {
                b.iter(|| encrypter.encrypt_compact(black_box(&data)).unwrap())
            });
            let token = encrypter.encrypt_compact(&data).unwrap();
            let decrypter = Decrypter::new(key, &[alg], &[Enc::A256Gcm]).unwrap();
            assert_eq!(
                decrypter.decrypt_compact(&token).unwrap().plaintext(),
                &data[..]
            );
            g.bench_function(BenchmarkId::new("decrypt", curve), |b| {
                b.iter(|| decrypter.decrypt_compact(black_box(&token)).unwrap())
            });
        }
        g.finish();
    }
}

/// PBES2-HS256+A128KW with A128GCM, 200 B, at the default `p2c` (8192 on encryption; the
/// decrypter derives with the token's `p2c`). About a millisecond each: fewer samples.
fn jwe_pbes2(c: &mut Criterion) {
    let data = payload(200);
    let password = Password::new(b"correct horse battery staple".to_vec()).unwrap();
    let (alg, enc) = (Kma::Pbes2Hs256A128KW, Enc::A128Gcm);
    let mut g = c.benchmark_group("jwe/PBES2-HS256+A128KW+A128GCM");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.sample_size(20);
    let encrypter = Encrypter::with_password(&password, alg, enc).unwrap();
    g.bench_function("encrypt", |b| {
        b.iter(|| encrypter.encrypt_compact(black_box(&data)).unwrap())
    });
    let token = encrypter.encrypt_compact(&data).unwrap();
    let inspection = jwcrypt::dangerous::inspect(&token).unwrap();
    assert_eq!(inspection.protected_header().unwrap()["p2c"], 8192);
    let decrypter = Decrypter::with_password(&password, &[alg], &[enc]).unwrap();
    assert_eq!(
        decrypter.decrypt_compact(&token).unwrap().plaintext(),
        &data[..]
    );
    g.bench_function("decrypt", |b| {
        b.iter(|| decrypter.decrypt_compact(black_box(&token)).unwrap())
    });
    g.finish();
}

fn nested(c: &mut Criterion) {
    let mut g = c.benchmark_group("nested");
    let enc_key = Jwk::generate_oct(256).unwrap();
    let hs = Jwk::generate_oct(256).unwrap();
    let rsa = Jwk::from_json(RSA_JWK).unwrap();
    let rsa_pub = rsa.to_public().unwrap();
    let claims = claims();
    for (alg, skey, vkey) in [
        (SigningAlg::HS256, &hs, &hs),
        (SigningAlg::RS256, &rsa, &rsa_pub),
    ] {
        let name = format!("{alg}-in-A256KW+A256CBC-HS512");
        g.bench_function(BenchmarkId::new("make", &name), |b| {
            b.iter(|| {
                jwt::signed(black_box(&claims), skey, alg)
                    .unwrap()
                    .encrypt(&enc_key, Kma::A256KW, Enc::A256CbcHs512)
                    .unwrap()
            })
        });
        let token = jwt::signed(&claims, skey, alg)
            .unwrap()
            .encrypt(&enc_key, Kma::A256KW, Enc::A256CbcHs512)
            .unwrap();
        let reader = Reader::builder(
            Validation::new()
                .issuer("https://issuer.example.com")
                .audience("https://api.example.com"),
        )
        .decrypt_with(&enc_key, &[Kma::A256KW], &[Enc::A256CbcHs512])
        .verify_with(vkey, &[alg])
        .build()
        .unwrap();
        g.bench_function(BenchmarkId::new("read", &name), |b| {
            b.iter(|| reader.read(black_box(&token)).unwrap())
        });
    }
    g.finish();
}

fn parsing(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    let key = Jwk::generate_oct(256).unwrap();
    let token = jws::sign_compact(
        claims().to_json().as_bytes(),
        &JwsHeader::new(SigningAlg::HS256),
        &key,
    )
    .unwrap();
    g.bench_function("compact_jws_header_unverified", |b| {
        b.iter(|| jwcrypt::dangerous::inspect(black_box(&token)).unwrap())
    });
    let json = claims().to_json();
    g.bench_function("claims_json", |b| {
        b.iter(|| Claims::from_json(black_box(&json)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = keys, jws_ops, jwe_ops, jwe_ecdh, jwe_pbes2, nested, parsing
}
criterion_main!(benches);
