//! The primitives under jwcrypt's operations, called directly with the same crates, so each
//! JOSE operation can be given as a ratio to the sum of its primitives.
//!
//! `cargo bench --bench primitives -- --warm-up-time 1 --measurement-time 2`
//!
//! With `--features aws-lc`, the group `primitive-aws-lc/*` times the same symmetric
//! primitives and the RNG through `aws-lc-rs`, beside the RustCrypto ones: the measurement
//! behind keeping HMAC and AES key wrap on RustCrypto in that build too (BENCHMARKS.md, "The
//! `aws-lc` feature").
//!
//! The group `ec-backend/*` times the elliptic-curve operations of ES256/384/512, EdDSA
//! (Ed25519) and ECDH-ES under the same names with either backend: RustCrypto (`p256`, `p384`,
//! `p521`, `ecdsa`, `ed25519-dalek`, `x25519-dalek`) in the default build, aws-lc-rs with
//! `--features aws-lc`, each doing the work jwcrypt does per operation with a prepared key
//! (the message parts hashed one after another for ECDSA, joined for Ed25519; the peer's
//! EC point validated by the RustCrypto type, as at import, before an agreement): the
//! default build's ECDSA and ECDH are these crates' operations. Compare the two builds interleaved:
//! `python3 benches/compare.py 6 ec-backend OLD_BIN NEW_BIN --warm-up-time 1 --measurement-time 2`.

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

/// A JWS signing input of the size of the benchmark tokens (`benches/jose.rs`), in the three
/// parts jwcrypt hands the primitives.
fn jws_parts() -> (Vec<u8>, Vec<u8>) {
    (data(36), data(372))
}

/// The ECDSA, Ed25519 and ECDH operations through RustCrypto (default build).
#[cfg(not(feature = "aws-lc"))]
fn ec_backend(c: &mut Criterion) {
    use ecdsa::signature::{MultipartSigner, MultipartVerifier};
    use ecdsa::{Signature, SigningKey};
    use elliptic_curve::Generate;
    use elliptic_curve::sec1::{FromSec1Point, ToSec1Point};

    macro_rules! ecdsa_curve {
        ($g:expr, $name:literal, $curve:ty) => {{
            type C = $curve;
            let (protected, payload) = jws_parts();
            let parts: [&[u8]; 3] = [&protected, b".", &payload];
            let key = SigningKey::<C>::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
            let public = *key.verifying_key();
            $g.bench_function(concat!($name, "_sign"), |b| {
                b.iter(|| {
                    let sig: Signature<C> = key.try_multipart_sign(black_box(&parts)).unwrap();
                    sig.to_bytes()
                })
            });
            let sig: Signature<C> = key.try_multipart_sign(&parts).unwrap();
            let sig = sig.to_bytes().to_vec();
            $g.bench_function(concat!($name, "_verify"), |b| {
                b.iter(|| {
                    let sig = Signature::<C>::from_slice(black_box(&sig)).unwrap();
                    public.multipart_verify(&parts, &sig).unwrap()
                })
            });
        }};
    }
    macro_rules! ecdh_curve {
        ($g:expr, $name:literal, $curve:ty) => {{
            type C = $curve;
            let ours = SigningKey::<C>::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
            let peer = SigningKey::<C>::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
            let point = peer.verifying_key().as_affine().to_sec1_point(false);
            // The recipient: the peer's `epk` point validated, then the agreement.
            $g.bench_function(concat!($name, "_agree"), |b| {
                b.iter(|| {
                    let q =
                        elliptic_curve::PublicKey::<C>::from_sec1_point(black_box(&point)).unwrap();
                    elliptic_curve::ecdh::diffie_hellman(ours.as_nonzero_scalar(), q.as_affine())
                        .raw_secret_bytes()
                        .to_vec()
                })
            });
            // The sender: a fresh ephemeral key, the agreement with the recipient's key, and
            // the ephemeral point for the `epk` header.
            let recipient = *peer.verifying_key();
            $g.bench_function(concat!($name, "_ephemeral"), |b| {
                b.iter(|| {
                    let eph =
                        SigningKey::<C>::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
                    let z = elliptic_curve::ecdh::diffie_hellman(
                        eph.as_nonzero_scalar(),
                        black_box(&recipient).as_affine(),
                    )
                    .raw_secret_bytes()
                    .to_vec();
                    (z, eph.verifying_key().as_affine().to_sec1_point(false))
                })
            });
        }};
    }
    let mut g = c.benchmark_group("ec-backend");
    ecdsa_curve!(g, "es256", p256::NistP256);
    ecdsa_curve!(g, "es384", p384::NistP384);
    ecdsa_curve!(g, "es512", p521::NistP521);
    ecdh_curve!(g, "ecdh_p256", p256::NistP256);
    ecdh_curve!(g, "ecdh_p384", p384::NistP384);
    ecdh_curve!(g, "ecdh_p521", p521::NistP521);

    use ed25519_dalek::Signer;
    let (protected, payload) = jws_parts();
    let parts: [&[u8]; 3] = [&protected, b".", &payload];
    let key = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let public = key.verifying_key();
    g.bench_function("ed25519_sign", |b| {
        b.iter(|| key.sign(&black_box(&parts).concat()).to_bytes())
    });
    let sig = key.sign(&parts.concat()).to_bytes();
    g.bench_function("ed25519_verify", |b| {
        b.iter(|| {
            let sig = ed25519_dalek::Signature::from_slice(black_box(&sig)).unwrap();
            public.verify_strict(&parts.concat(), &sig).unwrap()
        })
    });
    let ours = x25519_dalek::StaticSecret::from([5u8; 32]);
    let peer = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from([6u8; 32]));
    g.bench_function("x25519_agree", |b| {
        b.iter(|| ours.diffie_hellman(black_box(&peer)).as_bytes().to_vec())
    });
    g.finish();
}

/// The same operations through aws-lc-rs (`--features aws-lc`), its keys prepared once.
#[cfg(feature = "aws-lc")]
fn ec_backend(c: &mut Criterion) {
    use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, KeyPair, ParsedPublicKey};
    use aws_lc_rs::{agreement, digest};
    use elliptic_curve::sec1::FromSec1Point;

    let digest_of = |alg: &'static digest::Algorithm, parts: &[&[u8]]| {
        let mut ctx = digest::Context::new(alg);
        for part in parts {
            ctx.update(part);
        }
        ctx.finish()
    };
    let mut g = c.benchmark_group("ec-backend");
    for (name, signing, verifying, hash, len) in [
        (
            "es256",
            &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
            &sig::ECDSA_P256_SHA256_FIXED,
            &digest::SHA256,
            32,
        ),
        (
            "es384",
            &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
            &sig::ECDSA_P384_SHA384_FIXED,
            &digest::SHA384,
            48,
        ),
        (
            "es512",
            &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
            &sig::ECDSA_P521_SHA512_FIXED,
            &digest::SHA512,
            66,
        ),
    ] {
        let (protected, payload) = jws_parts();
        let parts: [&[u8]; 3] = [&protected, b".", &payload];
        let key = EcdsaKeyPair::generate(signing).unwrap();
        let public = ParsedPublicKey::new(verifying, key.public_key().as_ref()).unwrap();
        g.bench_function(format!("{name}_sign"), |b| {
            b.iter(|| {
                key.sign_digest(&digest_of(hash, black_box(&parts)))
                    .unwrap()
            })
        });
        let sig = key.sign_digest(&digest_of(hash, &parts)).unwrap();
        let sig = sig.as_ref().to_vec();
        assert_eq!(sig.len(), 2 * len);
        g.bench_function(format!("{name}_verify"), |b| {
            b.iter(|| {
                public
                    .verify_digest_sig(&digest_of(hash, &parts), black_box(&sig))
                    .unwrap()
            })
        });
    }
    macro_rules! ecdh_curve {
        ($g:expr, $name:literal, $curve:ty, $alg:expr) => {{
            type C = $curve;
            let ours = agreement::PrivateKey::generate($alg).unwrap();
            let peer = agreement::PrivateKey::generate($alg).unwrap();
            let peer_point = peer.compute_public_key().unwrap().as_ref().to_vec();
            let point = elliptic_curve::sec1::Sec1Point::<C>::from_bytes(&peer_point).unwrap();
            // The recipient: the peer's `epk` point validated (RustCrypto), then handed to
            // aws-lc (which parses and checks it again) for the agreement.
            $g.bench_function(concat!($name, "_agree"), |b| {
                b.iter(|| {
                    let q =
                        elliptic_curve::PublicKey::<C>::from_sec1_point(black_box(&point)).unwrap();
                    let _ = q;
                    let peer = agreement::UnparsedPublicKey::new($alg, point.as_bytes());
                    agreement::agree(&ours, &peer, (), |z| Ok(z.to_vec())).unwrap()
                })
            });
            let recipient: agreement::ParsedPublicKey =
                (&agreement::UnparsedPublicKey::new($alg, &peer_point))
                    .try_into()
                    .unwrap();
            $g.bench_function(concat!($name, "_ephemeral"), |b| {
                b.iter(|| {
                    let eph = agreement::PrivateKey::generate($alg).unwrap();
                    let z = agreement::agree(&eph, black_box(&recipient).clone(), (), |z| {
                        Ok(z.to_vec())
                    })
                    .unwrap();
                    (z, eph.compute_public_key().unwrap().as_ref().to_vec())
                })
            });
        }};
    }
    ecdh_curve!(g, "ecdh_p256", p256::NistP256, &agreement::ECDH_P256);
    ecdh_curve!(g, "ecdh_p384", p384::NistP384, &agreement::ECDH_P384);
    ecdh_curve!(g, "ecdh_p521", p521::NistP521, &agreement::ECDH_P521);

    let (protected, payload) = jws_parts();
    let parts: [&[u8]; 3] = [&protected, b".", &payload];
    let key = sig::Ed25519KeyPair::from_seed_unchecked(&[7u8; 32]).unwrap();
    let public = ParsedPublicKey::new(&sig::ED25519, key.public_key().as_ref()).unwrap();
    g.bench_function("ed25519_sign", |b| {
        b.iter(|| key.sign(&black_box(&parts).concat()))
    });
    let signature = key.sign(&parts.concat());
    let signature = signature.as_ref().to_vec();
    g.bench_function("ed25519_verify", |b| {
        b.iter(|| {
            public
                .verify_sig(&parts.concat(), black_box(&signature))
                .unwrap()
        })
    });
    let ours = agreement::PrivateKey::from_private_key(&agreement::X25519, &[5u8; 32]).unwrap();
    let peer = agreement::PrivateKey::from_private_key(&agreement::X25519, &[6u8; 32])
        .unwrap()
        .compute_public_key()
        .unwrap()
        .as_ref()
        .to_vec();
    g.bench_function("x25519_agree", |b| {
        b.iter(|| {
            let peer = agreement::UnparsedPublicKey::new(&agreement::X25519, black_box(&peer));
            agreement::agree(&ours, peer, (), |z| Ok(z.to_vec())).unwrap()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = symmetric, sums, rsa_ops, aws_lc, ec_backend
}
criterion_main!(benches);
