//! Heap allocations per operation, counted by a `#[global_allocator]` wrapper around the
//! system allocator, on the peers' inputs (`benches/peers/data`).
//!
//! ```sh
//! cargo bench --bench alloc                      # the table: allocations and bytes per op
//! cargo bench --bench alloc -- --loop OP N       # run OP N times (for valgrind/callgrind)
//! ```
//!
//! Counts are exact and repeatable (no timing): the first call of each operation is a
//! warm-up, then the counters are read around one more call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as Enc, Jwk, KeyManagementAlg as Kma, Limits, SigningAlg};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(size: usize) {
    ALLOCS.fetch_add(1, Relaxed);
    BYTES.fetch_add(size, Relaxed);
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; the counters are
// plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: same layout as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: same layout as given.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Relaxed);
        grow(new_size);
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const CLAIMS: &str = include_str!("peers/data/claims.json");
const HS256_JWK: &str = include_str!("peers/data/hs256.jwk.json");
const KW_JWK: &str = include_str!("peers/data/a256kw.jwk.json");
const DIR_JWK: &str = include_str!("peers/data/dir-a256gcm.jwk.json");
const RSA_JWK: &str = include_str!("peers/data/rsa2048.jwk.json");

type Op = Box<dyn FnMut()>;

fn leak<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_token_len = 8 << 20;
    l
}

fn payload(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

fn ops() -> Vec<(&'static str, Op)> {
    let claims: &'static Claims = leak(Claims::from_json(CLAIMS).unwrap());
    let hs: &'static Jwk = leak(Jwk::from_json(HS256_JWK).unwrap());
    let kw: &'static Jwk = leak(Jwk::from_json(KW_JWK).unwrap());
    let dir: &'static Jwk = leak(Jwk::from_json(DIR_JWK).unwrap());
    let rsa: &'static Jwk = leak(Jwk::from_json(RSA_JWK).unwrap());
    let rsa_pub: &'static Jwk = leak(rsa.to_public().unwrap());
    let claims_bytes: &'static [u8] = CLAIMS.trim_end().as_bytes();
    let mut v: Vec<(&'static str, Op)> = Vec::new();

    // JWS / JWT
    for (name_s, name_v, alg, skey, vkey) in [
        ("hs256-sign", "hs256-verify", SigningAlg::HS256, hs, hs),
        (
            "rs256-sign",
            "rs256-verify",
            SigningAlg::RS256,
            rsa,
            rsa_pub,
        ),
    ] {
        v.push((
            name_s,
            Box::new(move || {
                black_box(jwt::signed(claims, skey, alg).unwrap());
            }),
        ));
        let token = jwt::signed(claims, skey, alg).unwrap().into_string();
        let reader = Reader::builder(Validation::new().audience("https://api.example.com"))
            .verify_with(vkey, &[alg])
            .build()
            .unwrap();
        v.push((
            name_v,
            Box::new(move || {
                black_box(reader.read(&token).unwrap());
            }),
        ));
    }
    // Plain JWS on bytes (no claims handling).
    let header = JwsHeader::new(SigningAlg::HS256).with_typ("JWT");
    v.push((
        "jws-hs256-sign-bytes",
        Box::new(move || {
            black_box(jws::sign_compact(claims_bytes, &header, hs).unwrap());
        }),
    ));
    let token = jws::sign_compact(
        claims_bytes,
        &JwsHeader::new(SigningAlg::HS256).with_typ("JWT"),
        hs,
    )
    .unwrap();
    let verifier = Verifier::new(hs, &[SigningAlg::HS256]).unwrap();
    v.push((
        "jws-hs256-verify-bytes",
        Box::new(move || {
            black_box(verifier.verify_compact(&token).unwrap());
        }),
    ));

    // JWE
    for (label, size) in [("claims", 0usize), ("4k", 4096), ("1m", 1 << 20)] {
        let data: &'static [u8] = if size == 0 {
            claims_bytes
        } else {
            leak(payload(size)).as_slice()
        };
        let enc = Encrypter::new(kw, Kma::A256KW, Enc::A256CbcHs512).unwrap();
        let token = enc.encrypt_compact(data).unwrap();
        let (e_name, d_name): (&'static str, &'static str) = match label {
            "claims" => (
                "a256kw-cbc-hs512-encrypt-claims",
                "a256kw-cbc-hs512-decrypt-claims",
            ),
            "4k" => ("a256kw-cbc-hs512-encrypt-4k", "a256kw-cbc-hs512-decrypt-4k"),
            _ => ("a256kw-cbc-hs512-encrypt-1m", "a256kw-cbc-hs512-decrypt-1m"),
        };
        v.push((
            e_name,
            Box::new(move || {
                black_box(enc.encrypt_compact(data).unwrap());
            }),
        ));
        let dec = Decrypter::new(kw, &[Kma::A256KW], &[Enc::A256CbcHs512])
            .unwrap()
            .with_limits(limits());
        v.push((
            d_name,
            Box::new(move || {
                black_box(dec.decrypt_compact(&token).unwrap());
            }),
        ));
    }
    let enc = Encrypter::new(dir, Kma::Dir, Enc::A256Gcm).unwrap();
    let token = enc.encrypt_compact(claims_bytes).unwrap();
    v.push((
        "dir-a256gcm-encrypt-claims",
        Box::new(move || {
            black_box(enc.encrypt_compact(claims_bytes).unwrap());
        }),
    ));
    let dec = Decrypter::new(dir, &[Kma::Dir], &[Enc::A256Gcm]).unwrap();
    v.push((
        "dir-a256gcm-decrypt-claims",
        Box::new(move || {
            black_box(dec.decrypt_compact(&token).unwrap());
        }),
    ));

    // Nested
    for (make, read, alg, skey, vkey) in [
        (
            "nested-hs256-make",
            "nested-hs256-read",
            SigningAlg::HS256,
            hs,
            hs,
        ),
        (
            "nested-rs256-make",
            "nested-rs256-read",
            SigningAlg::RS256,
            rsa,
            rsa_pub,
        ),
    ] {
        let mk = move || {
            jwt::signed(claims, skey, alg)
                .unwrap()
                .encrypt(kw, Kma::A256KW, Enc::A256CbcHs512)
                .unwrap()
        };
        let token = mk();
        v.push((
            make,
            Box::new(move || {
                black_box(mk());
            }),
        ));
        let reader = Reader::builder(Validation::new().audience("https://api.example.com"))
            .decrypt_with(kw, &[Kma::A256KW], &[Enc::A256CbcHs512])
            .verify_with(vkey, &[alg])
            .build()
            .unwrap();
        v.push((
            read,
            Box::new(move || {
                black_box(reader.read(&token).unwrap());
            }),
        ));
    }
    v
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; ignore it and any filter-less flags.
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--bench")
        .collect();
    let mut ops = ops();
    if let ["--loop", name, n] = args.as_slice() {
        let n: usize = n.parse().expect("a count");
        let (_, f) = ops
            .iter_mut()
            .find(|(op, _)| op == name)
            .unwrap_or_else(|| panic!("unknown op {name}"));
        for _ in 0..n {
            f();
        }
        return;
    }
    let filter = args.first().copied();
    println!("| operation | allocations | bytes allocated | peak live bytes |");
    println!("|---|---:|---:|---:|");
    for (name, f) in ops.iter_mut() {
        if filter.is_some_and(|p| !name.contains(p)) {
            continue;
        }
        f();
        let (a0, b0) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
        let live0 = LIVE.load(Relaxed);
        PEAK.store(live0, Relaxed);
        f();
        let (a1, b1) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
        let peak = PEAK.load(Relaxed).saturating_sub(live0);
        println!("| {name} | {} | {} | {} |", a1 - a0, b1 - b0, peak);
    }
}
