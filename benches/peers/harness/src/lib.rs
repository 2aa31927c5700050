//! Shared pieces of the Rust peer programs: the inputs in `../data`, the command line,
//! the timing loop and the JSON-lines output that `run.sh` and `table.py` read.
//!
//! Every program prints, for each operation it supports, one line
//! `{"lib": "...", "op": "...", "ops_per_sec": F, "rounds": [..]}` on stdout, where
//! `ops_per_sec` is the median over `--rounds` rounds of `--seconds` seconds each.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// Operation identifiers, in table order. `table.py` holds the matching labels.
pub mod op {
    pub const HS256_SIGN: &str = "hs256-sign";
    pub const HS256_VERIFY: &str = "hs256-verify";
    pub const RS256_SIGN: &str = "rs256-sign";
    pub const RS256_VERIFY: &str = "rs256-verify";
    pub const PS256_SIGN: &str = "ps256-sign";
    pub const PS256_VERIFY: &str = "ps256-verify";
    pub const KW_CBC_ENC_CLAIMS: &str = "a256kw-cbc-hs512-encrypt-claims";
    pub const KW_CBC_DEC_CLAIMS: &str = "a256kw-cbc-hs512-decrypt-claims";
    pub const KW_CBC_ENC_4K: &str = "a256kw-cbc-hs512-encrypt-4k";
    pub const KW_CBC_DEC_4K: &str = "a256kw-cbc-hs512-decrypt-4k";
    pub const KW_CBC_ENC_1M: &str = "a256kw-cbc-hs512-encrypt-1m";
    pub const KW_CBC_DEC_1M: &str = "a256kw-cbc-hs512-decrypt-1m";
    pub const DIR_GCM_ENC: &str = "dir-a256gcm-encrypt-claims";
    pub const DIR_GCM_DEC: &str = "dir-a256gcm-decrypt-claims";
    pub const OAEP_GCM_ENC: &str = "rsa-oaep-256-a256gcm-encrypt-claims";
    pub const OAEP_GCM_DEC: &str = "rsa-oaep-256-a256gcm-decrypt-claims";
    pub const NESTED_HS256_MAKE: &str = "nested-hs256-make";
    pub const NESTED_HS256_READ: &str = "nested-hs256-read";
    pub const NESTED_RS256_MAKE: &str = "nested-rs256-make";
    pub const NESTED_RS256_READ: &str = "nested-rs256-read";
    pub const ES256_SIGN: &str = "es256-sign";
    pub const ES256_VERIFY: &str = "es256-verify";
    pub const ES384_SIGN: &str = "es384-sign";
    pub const ES384_VERIFY: &str = "es384-verify";
    pub const ES512_SIGN: &str = "es512-sign";
    pub const ES512_VERIFY: &str = "es512-verify";
    /// EdDSA with the Ed25519 key.
    pub const EDDSA_SIGN: &str = "eddsa-sign";
    pub const EDDSA_VERIFY: &str = "eddsa-verify";
    pub const ECDH_P256_ENC: &str = "ecdh-es-a256kw-a256gcm-p256-encrypt-claims";
    pub const ECDH_P256_DEC: &str = "ecdh-es-a256kw-a256gcm-p256-decrypt-claims";
    pub const ECDH_X25519_ENC: &str = "ecdh-es-a256kw-a256gcm-x25519-encrypt-claims";
    pub const ECDH_X25519_DEC: &str = "ecdh-es-a256kw-a256gcm-x25519-decrypt-claims";
    /// PBES2-HS256+A128KW with A128GCM, p2c = [`super::PBES2_P2C`].
    pub const PBES2_ENC: &str = "pbes2-hs256-a128kw-a128gcm-encrypt-claims";
    pub const PBES2_DEC: &str = "pbes2-hs256-a128kw-a128gcm-decrypt-claims";
}

/// The PBES2 iteration count every library encrypts with (jwcrypt's and jwcrypto's
/// default; the others are told it), with a 16-byte `p2s`.
pub const PBES2_P2C: u32 = 8192;
/// The PBES2 salt input length, in bytes.
pub const PBES2_SALT_LEN: usize = 16;

/// The claims of `data/claims.json` as a plain struct (for the serde-based libraries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: u64,
    pub iat: u64,
    pub nbf: u64,
    pub jti: String,
    pub role: String,
    pub email: String,
    pub scope: String,
}

/// Audience and issuer in `data/claims.json`, for libraries that must be told them.
pub const AUDIENCE: &str = "https://api.example.com";
pub const ISSUER: &str = "https://issuer.example.com";

/// The shared inputs, read from `benches/peers/data`.
pub struct Data {
    /// `claims.json` exactly as stored (no trailing newline): the JWT claims and the
    /// "claims" JWE payload.
    pub claims_json: String,
    pub claims: Claims,
    /// 32-byte HS256 key.
    pub hs256_key: Vec<u8>,
    /// 32-byte A256KW key-encryption key.
    pub a256kw_key: Vec<u8>,
    /// 32-byte A256GCM key for `dir`.
    pub dir_key: Vec<u8>,
    /// RSA-2048 private key, PKCS#8 PEM.
    pub rsa_private_pem: String,
    /// Its public key, SPKI PEM.
    pub rsa_public_pem: String,
    /// The same private key as a JWK (JSON text).
    pub rsa_private_jwk: String,
    /// P-256 key (ES256, and the ECDH-ES P-256 recipient).
    pub ec_p256: KeyFiles,
    /// P-384 key (ES384).
    pub ec_p384: KeyFiles,
    /// P-521 key (ES512).
    pub ec_p521: KeyFiles,
    /// Ed25519 key (EdDSA).
    pub ed25519: KeyFiles,
    /// X25519 key (the ECDH-ES X25519 recipient).
    pub x25519: KeyFiles,
    /// The PBES2 password (`pbes2-password.txt`, 24 ASCII characters).
    pub pbes2_password: String,
    /// 4096 bytes.
    pub payload_4k: Vec<u8>,
    /// 1 MiB: `payload_4k` repeated 256 times.
    pub payload_1m: Vec<u8>,
}

/// One asymmetric key in the three forms stored in `data/`: `NAME.pem` (PKCS#8),
/// `NAME.pub.pem` (SPKI) and `NAME.jwk.json` (the private JWK).
pub struct KeyFiles {
    pub private_pem: String,
    pub public_pem: String,
    pub private_jwk: String,
}

impl KeyFiles {
    fn load(dir: &Path, name: &str) -> KeyFiles {
        KeyFiles {
            private_pem: read_str(dir, &format!("{name}.pem")),
            public_pem: read_str(dir, &format!("{name}.pub.pem")),
            private_jwk: read_str(dir, &format!("{name}.jwk.json")),
        }
    }

    /// The public JWK: the private one without `d`.
    pub fn public_jwk(&self) -> String {
        let mut v: serde_json::Value = serde_json::from_str(&self.private_jwk).expect("JWK JSON");
        v.as_object_mut().expect("JWK object").remove("d");
        v.to_string()
    }
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    let p = dir.join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

fn read_str(dir: &Path, name: &str) -> String {
    String::from_utf8(read(dir, name)).expect("UTF-8 input")
}

fn oct_jwk(dir: &Path, name: &str) -> Vec<u8> {
    let v: serde_json::Value = serde_json::from_str(&read_str(dir, name)).expect("JWK JSON");
    let k = v["k"].as_str().expect("oct JWK with k");
    let key = URL_SAFE_NO_PAD.decode(k).expect("base64url k");
    assert_eq!(key.len(), 32, "{name}: expected a 32-byte key");
    key
}

impl Data {
    /// Default location: `benches/peers/data`, or `$PEERS_DATA`.
    pub fn default_dir() -> PathBuf {
        match std::env::var_os("PEERS_DATA") {
            Some(d) => PathBuf::from(d),
            None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../data"),
        }
    }

    pub fn load(dir: &Path) -> Data {
        let claims_json = read_str(dir, "claims.json").trim_end().to_owned();
        let claims: Claims = serde_json::from_str(&claims_json).expect("claims.json");
        let payload_4k = read(dir, "payload-4k.bin");
        assert_eq!(payload_4k.len(), 4096);
        let payload_1m = payload_4k.repeat(256);
        Data {
            claims,
            claims_json,
            hs256_key: oct_jwk(dir, "hs256.jwk.json"),
            a256kw_key: oct_jwk(dir, "a256kw.jwk.json"),
            dir_key: oct_jwk(dir, "dir-a256gcm.jwk.json"),
            rsa_private_pem: read_str(dir, "rsa2048.pem"),
            rsa_public_pem: read_str(dir, "rsa2048.pub.pem"),
            rsa_private_jwk: read_str(dir, "rsa2048.jwk.json"),
            ec_p256: KeyFiles::load(dir, "ec-p256"),
            ec_p384: KeyFiles::load(dir, "ec-p384"),
            ec_p521: KeyFiles::load(dir, "ec-p521"),
            ed25519: KeyFiles::load(dir, "ed25519"),
            x25519: KeyFiles::load(dir, "x25519"),
            pbes2_password: read_str(dir, "pbes2-password.txt"),
            payload_4k,
            payload_1m,
        }
    }
}

/// Command line shared by every Rust peer program:
/// `[--rounds R] [--seconds T] [--ops op1,op2] [--data DIR] [--list]`.
#[derive(Clone, Debug)]
pub struct Opts {
    pub rounds: usize,
    pub seconds: f64,
    pub ops: Option<Vec<String>>,
    pub data_dir: PathBuf,
    pub list: bool,
}

impl Opts {
    pub fn from_args() -> Opts {
        let mut o = Opts {
            rounds: 3,
            seconds: 1.0,
            ops: None,
            data_dir: Data::default_dir(),
            list: false,
        };
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            let mut val = |name: &str| {
                args.next()
                    .unwrap_or_else(|| usage(&format!("{name} needs a value")))
            };
            match a.as_str() {
                "--rounds" => {
                    o.rounds = val("--rounds")
                        .parse()
                        .unwrap_or_else(|_| usage("bad --rounds"))
                }
                "--seconds" => {
                    o.seconds = val("--seconds")
                        .parse()
                        .unwrap_or_else(|_| usage("bad --seconds"))
                }
                "--ops" => o.ops = Some(val("--ops").split(',').map(str::to_owned).collect()),
                "--data" => o.data_dir = PathBuf::from(val("--data")),
                "--list" => o.list = true,
                "-h" | "--help" => usage(""),
                other => usage(&format!("unknown argument {other}")),
            }
        }
        if o.rounds == 0 || o.seconds.is_nan() || o.seconds <= 0.0 {
            usage("--rounds and --seconds must be positive");
        }
        o
    }
}

fn usage(msg: &str) -> ! {
    if !msg.is_empty() {
        eprintln!("error: {msg}");
    }
    eprintln!(
        "usage: PROGRAM [--rounds R (3)] [--seconds T (1)] [--ops op1,op2] [--data DIR] [--list]"
    );
    std::process::exit(2)
}

/// Runs and reports the operations of one library.
pub struct Bench {
    pub lib: String,
    pub opts: Opts,
    pub data: Data,
}

impl Bench {
    /// Parses the command line and loads the inputs.
    pub fn new(lib: &str) -> Bench {
        let opts = Opts::from_args();
        let data = Data::load(&opts.data_dir);
        Bench {
            lib: lib.to_owned(),
            opts,
            data,
        }
    }

    /// Whether `op` was asked for (always true without `--ops`). Programs can use it
    /// to skip expensive set-up.
    pub fn wants(&self, op: &str) -> bool {
        match &self.opts.ops {
            None => true,
            Some(list) => list.iter().any(|o| o == op),
        }
    }

    /// Times `f` (one call = one operation) and prints the JSON line.
    /// With `--list`, prints the operation name instead.
    pub fn run<R>(&self, op: &str, mut f: impl FnMut() -> R) {
        if !self.wants(op) {
            return;
        }
        if self.opts.list {
            println!("{op}");
            return;
        }
        let t = self.opts.seconds;
        // Warm-up: half a round, at most half a second.
        let _ = measure(&mut f, Duration::from_secs_f64((t / 2.0).min(0.5)));
        let mut rounds: Vec<f64> = (0..self.opts.rounds)
            .map(|_| measure(&mut f, Duration::from_secs_f64(t)))
            .collect();
        let shown = rounds.clone();
        rounds.sort_by(f64::total_cmp);
        let median = median_sorted(&rounds);
        let line = serde_json::json!({
            "lib": self.lib,
            "op": op,
            "ops_per_sec": round2(median),
            "rounds": shown.iter().map(|&x| round2(x)).collect::<Vec<_>>(),
        });
        println!("{line}");
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Calls `f` in batches until `dur` has passed; returns calls per second.
/// The batch grows until one batch takes about a millisecond, so the clock is read
/// rarely for fast operations and often enough for slow ones.
fn measure<R>(f: &mut impl FnMut() -> R, dur: Duration) -> f64 {
    let start = Instant::now();
    let mut count: u64 = 0;
    let mut batch: u64 = 1;
    loop {
        let b0 = Instant::now();
        for _ in 0..batch {
            black_box(f());
        }
        count += batch;
        let now = Instant::now();
        let elapsed = now - start;
        if elapsed >= dur {
            return count as f64 / elapsed.as_secs_f64();
        }
        if now - b0 < Duration::from_micros(500) && batch < (1 << 20) {
            batch *= 2;
        }
    }
}

/// Panics with a clear message when a self-check of a peer fails.
pub fn check(ok: bool, what: &str) {
    assert!(ok, "self-check failed: {what}");
}
