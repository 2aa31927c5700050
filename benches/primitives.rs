//! The primitives under jwcrypt's operations, called directly with the same crates, so each
//! JOSE operation can be given as a ratio to the sum of its primitives.
//!
//! `cargo bench --bench primitives -- --warm-up-time 1 --measurement-time 2`
//!
//! With `--features aws-lc`, the group `primitive-aws-lc/*` times the same symmetric
//! primitives and the RNG through `aws-lc-rs`, beside the RustCrypto ones: the measurement
//! behind keeping HMAC, AES-CBC and AES key wrap on RustCrypto in that build too
//! (BENCHMARKS.md, "The `aws-lc` feature").

use std::hint::black_box;
use std::time::Duration;

use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use rand_core::TryRng;
use rsa::pkcs1v15::{SigningKey, VerifyingKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use sha2::{Sha256, Sha512};

type Aes256CbcEnc = cbc::Encryptor<aes::Aes256>;
type Aes256CbcDec = cbc::Decryptor<aes::Aes256>;

const RSA_PEM_SOURCE: &str = include_str!("../tests/data/rfc7520/jwk/3_4.rsa_private_key.json");

fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| i as u8).collect()
}

fn symmetric(c: &mut Criterion) {
    let key = [7u8; 32];
    let iv = [9u8; 16];
    for size in [200usize, 4096, 1 << 20] {
        let mut g = c.benchmark_group("primitive");
        g.throughput(Throughput::Bytes(size as u64));
        let msg = data(size);
        g.bench_function(BenchmarkId::new("aes256cbc_encrypt", size), |b| {
            b.iter(|| {
                Aes256CbcEnc::new(&key.into(), &iv.into())
                    .encrypt_padded_vec::<Pkcs7>(black_box(&msg))
            })
        });
        let ct = Aes256CbcEnc::new(&key.into(), &iv.into()).encrypt_padded_vec::<Pkcs7>(&msg);
        g.bench_function(BenchmarkId::new("aes256cbc_decrypt", size), |b| {
            b.iter(|| {
                Aes256CbcDec::new(&key.into(), &iv.into())
                    .decrypt_padded_vec::<Pkcs7>(black_box(&ct))
                    .unwrap()
            })
        });
        g.bench_function(BenchmarkId::new("hmac_sha256", size), |b| {
            b.iter(|| {
                let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
                m.update(black_box(&msg));
                m.finalize().into_bytes()
            })
        });
        g.bench_function(BenchmarkId::new("hmac_sha512", size), |b| {
            b.iter(|| {
                let mut m = <Hmac<Sha512> as KeyInit>::new_from_slice(&key).unwrap();
                m.update(black_box(&msg));
                m.finalize().into_bytes()
            })
        });
        // The baseline of A256CBC-HS512 decryption: HMAC-SHA-512 then AES-256-CBC decrypt.
        g.bench_function(
            BenchmarkId::new("hmac_sha512+aes256cbc_decrypt", size),
            |b| {
                b.iter(|| {
                    let mut m = <Hmac<Sha512> as KeyInit>::new_from_slice(&key).unwrap();
                    m.update(black_box(&ct));
                    let tag = m.finalize().into_bytes();
                    let pt = Aes256CbcDec::new(&key.into(), &iv.into())
                        .decrypt_padded_vec::<Pkcs7>(&ct)
                        .unwrap();
                    (tag, pt)
                })
            },
        );
        g.finish();
    }
    let mut g = c.benchmark_group("primitive");
    let kek = aes_kw::KwAes256::new(&key.into());
    let cek = [5u8; 64];
    g.bench_function("aes256kw_wrap_64", |b| {
        b.iter(|| {
            let mut out = [0u8; 72];
            kek.wrap_key(black_box(&cek), &mut out).unwrap();
            out
        })
    });
    let mut wrapped = [0u8; 72];
    kek.wrap_key(&cek, &mut wrapped).unwrap();
    g.bench_function("aes256kw_unwrap_64", |b| {
        b.iter(|| {
            let mut out = [0u8; 64];
            kek.unwrap_key(black_box(&wrapped), &mut out).unwrap();
            out
        })
    });
    g.bench_function("os_rng_64_plus_16", |b| {
        b.iter(|| {
            let mut cek = [0u8; 64];
            let mut iv = [0u8; 16];
            getrandom::SysRng.try_fill_bytes(&mut cek).unwrap();
            getrandom::SysRng.try_fill_bytes(&mut iv).unwrap();
            (cek, iv)
        })
    });
    g.finish();
}

/// The primitive work of whole JOSE operations, done back to back with the same crates:
/// each JOSE operation of `benches/jose.rs` divided by its line here is its overhead ratio.
/// Sizes are those of the tokens made from `benches/peers/data/claims.json` (279 bytes):
/// the JWS `{"alg":"HS256","typ":"JWT"}` signs 409 bytes and is 453 long; the JWE header
/// `{"alg":"A256KW","enc":"A256CBC-HS512","cty":"JWT"}` is 67 characters, so its MAC covers
/// 67 + 16 + 464 + 8 = 555 bytes; for a 200-byte payload without `cty` it is
/// 51 + 16 + 208 + 8 = 283. The key wrap is the `aes-kw` crate's, as in jwcrypt.
fn sums(c: &mut Criterion) {
    let hs_key = [3u8; 32];
    let kek = aes_kw::KwAes256::new(&[4u8; 32].into());
    let mut g = c.benchmark_group("sum");
    let hmac256 = |msg: &[u8]| {
        let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&hs_key).unwrap();
        m.update(msg);
        m.finalize().into_bytes()
    };
    let hmac512 = |key: &[u8], msg: &[u8]| {
        let mut m = <Hmac<Sha512> as KeyInit>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes()
    };
    // One token's randomness (CEK + IV) in one OS call, the key wrap, CBC, HMAC.
    let encrypt = |pt: &[u8], mac_len: usize| {
        let mut rnd = [0u8; 80];
        getrandom::SysRng.try_fill_bytes(&mut rnd).unwrap();
        let mut ek = [0u8; 72];
        kek.wrap_key(&rnd[..64], &mut ek).unwrap();
        let (mac_key, enc_key) = rnd[..64].split_at(32);
        let iv: [u8; 16] = rnd[64..].try_into().unwrap();
        let enc_key: [u8; 32] = enc_key.try_into().unwrap();
        let ct = Aes256CbcEnc::new(&enc_key.into(), &iv.into()).encrypt_padded_vec::<Pkcs7>(pt);
        let mut mac_in = vec![0u8; mac_len - ct.len()];
        mac_in.extend_from_slice(&ct);
        (ek, hmac512(mac_key, &mac_in))
    };
    let cek = [6u8; 64];
    let mut wrapped = [0u8; 72];
    kek.wrap_key(&cek, &mut wrapped).unwrap();
    let decrypt = |ct: &[u8], mac_len: usize| {
        let mut cek = [0u8; 64];
        kek.unwrap_key(&wrapped, &mut cek).unwrap();
        let (mac_key, enc_key) = cek.split_at(32);
        let mut mac_in = vec![0u8; mac_len - ct.len()];
        mac_in.extend_from_slice(ct);
        let tag = hmac512(mac_key, &mac_in);
        let enc_key: [u8; 32] = enc_key.try_into().unwrap();
        let pt = Aes256CbcDec::new(&enc_key.into(), &[1u8; 16].into())
            .decrypt_padded_vec::<Pkcs7>(ct)
            .ok();
        (tag, pt)
    };
    let jws_input = data(409);
    let jws = data(453);
    let ct_jws =
        Aes256CbcEnc::new(&[5u8; 32].into(), &[1u8; 16].into()).encrypt_padded_vec::<Pkcs7>(&jws);
    let p200 = data(200);
    let ct200 =
        Aes256CbcEnc::new(&[5u8; 32].into(), &[1u8; 16].into()).encrypt_padded_vec::<Pkcs7>(&p200);
    g.bench_function("hs256_sign_or_verify", |b| {
        b.iter(|| hmac256(black_box(&jws_input)))
    });
    g.bench_function("a256kw_cbc_hs512_encrypt_200", |b| {
        b.iter(|| encrypt(black_box(&p200), 283))
    });
    g.bench_function("a256kw_cbc_hs512_decrypt_200", |b| {
        b.iter(|| decrypt(black_box(&ct200), 283))
    });
    g.bench_function("nested_hs256_make", |b| {
        b.iter(|| (hmac256(black_box(&jws_input)), encrypt(&jws, 555)))
    });
    g.bench_function("nested_hs256_read", |b| {
        b.iter(|| (decrypt(black_box(&ct_jws), 555), hmac256(&jws_input)))
    });
    g.finish();
}

fn rsa_ops(c: &mut Criterion) {
    let jwk = jwcrypt::Jwk::from_json(RSA_PEM_SOURCE).unwrap();
    let der = jwk.to_pkcs8_der().unwrap();
    let private = <rsa::PrivateKey as pkcs8::DecodePrivateKey>::from_pkcs8_der(&der).unwrap();
    let signer = SigningKey::<Sha256>::new(private.clone());
    let verifier = VerifyingKey::<Sha256>::new(private.to_public_key());
    let msg = data(300);
    let sig = signer.sign(&msg);
    let mut g = c.benchmark_group("primitive");
    g.bench_function("rsa2048_pkcs1v15_sha256_sign", |b| {
        b.iter(|| signer.sign(black_box(&msg)).to_bytes())
    });
    g.bench_function("rsa2048_pkcs1v15_sha256_verify", |b| {
        b.iter(|| verifier.verify(black_box(&msg), &sig).unwrap())
    });
    g.finish();
}

/// The symmetric primitives and the RNG through aws-lc-rs (keys set up per call, as in the
/// RustCrypto lines of [`symmetric`]).
#[cfg(feature = "aws-lc")]
fn aws_lc(c: &mut Criterion) {
    use aws_lc_rs::cipher::{
        AES_256, DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey,
        PaddedBlockEncryptingKey, UnboundCipherKey,
    };
    use aws_lc_rs::key_wrap::KeyWrap;
    use aws_lc_rs::{hmac, key_wrap};
    let key = [7u8; 32];
    let iv = [9u8; 16];
    for size in [200usize, 4096, 1 << 20] {
        let mut g = c.benchmark_group("primitive-aws-lc");
        g.throughput(Throughput::Bytes(size as u64));
        let msg = data(size);
        let cbc_enc = || {
            PaddedBlockEncryptingKey::cbc_pkcs7(UnboundCipherKey::new(&AES_256, &key).unwrap())
                .unwrap()
        };
        g.bench_function(BenchmarkId::new("aes256cbc_encrypt", size), |b| {
            b.iter(|| {
                let mut buf = black_box(&msg).clone();
                cbc_enc()
                    .less_safe_encrypt(&mut buf, EncryptionContext::Iv128(iv.into()))
                    .unwrap();
                buf
            })
        });
        let mut ct = msg.clone();
        cbc_enc()
            .less_safe_encrypt(&mut ct, EncryptionContext::Iv128(iv.into()))
            .unwrap();
        g.bench_function(BenchmarkId::new("aes256cbc_decrypt", size), |b| {
            b.iter(|| {
                let mut buf = black_box(&ct).clone();
                let k = PaddedBlockDecryptingKey::cbc_pkcs7(
                    UnboundCipherKey::new(&AES_256, &key).unwrap(),
                )
                .unwrap();
                let n = k
                    .decrypt(&mut buf, DecryptionContext::Iv128(iv.into()))
                    .unwrap()
                    .len();
                buf.truncate(n);
                buf
            })
        });
        for (name, alg) in [
            ("hmac_sha256", hmac::HMAC_SHA256),
            ("hmac_sha512", hmac::HMAC_SHA512),
        ] {
            g.bench_function(BenchmarkId::new(name, size), |b| {
                b.iter(|| hmac::sign(&hmac::Key::new(alg, &key), black_box(&msg)))
            });
        }
        g.finish();
    }
    let mut g = c.benchmark_group("primitive-aws-lc");
    // aws-lc-rs's key wrap consumes its key: each operation includes the key setup (the
    // RustCrypto line reuses one; its key setup measures about 20 ns).
    let kek = || key_wrap::AesKek::new(&key_wrap::AES_256, &key).unwrap();
    let cek = [5u8; 64];
    g.bench_function("aes256kw_wrap_64", |b| {
        b.iter(|| {
            let mut out = [0u8; 72];
            kek().wrap(black_box(&cek), &mut out).unwrap();
            out
        })
    });
    let mut wrapped = [0u8; 72];
    kek().wrap(&cek, &mut wrapped).unwrap();
    g.bench_function("aes256kw_unwrap_64", |b| {
        b.iter(|| {
            let mut out = [0u8; 72];
            kek().unwrap(black_box(&wrapped), &mut out).unwrap();
            out
        })
    });
    g.bench_function("rng_80", |b| {
        b.iter(|| {
            let mut out = [0u8; 80];
            aws_lc_rs::rand::fill(&mut out).unwrap();
            out
        })
    });
    g.finish();
}

#[cfg(not(feature = "aws-lc"))]
fn aws_lc(_: &mut Criterion) {}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = symmetric, sums, rsa_ops, aws_lc
}
criterion_main!(benches);
