//! `jwcrypt key`: generate keys, take their public part, thumbprint them, convert to and
//! from PEM.
//!
//! Every command but `generate` reads one key on stdin (a JWK for `public`, `thumbprint`,
//! `to-pem`; PEM or DER for `from-pem`) and writes one result on stdout with a trailing
//! newline.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use jwcrypt::jwa::{HashAlg, KeyFamily};
use jwcrypt::jwk::{JwkOrSet, KeyType};
use jwcrypt::{Algorithm, ErrorKind, Jwk};
use zeroize::Zeroizing;

use crate::common::{CliError, CliResult, Input, read_password_file, read_stdin, write_line};

/// `jwcrypt key` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Generate a private key and print it as a JWK.
    Generate(GenerateArgs),
    /// Print the public part of the JWK on stdin.
    Public,
    /// Print the RFC 7638 thumbprint (base64url) of the JWK on stdin.
    Thumbprint {
        /// The hash function.
        #[arg(long, value_enum, default_value_t = Hash::Sha256)]
        hash: Hash,
    },
    /// Convert the JWK on stdin to PEM: PKCS#8 for a private key, SPKI for a public key.
    ToPem {
        /// Write the public key (SPKI, or PKCS#1 with --pkcs1) even for a private key.
        #[arg(long)]
        public: bool,
        /// Write PKCS#1 (`RSA PRIVATE KEY` / `RSA PUBLIC KEY`) instead of PKCS#8 / SPKI.
        #[arg(long, conflicts_with = "password_file")]
        pkcs1: bool,
        /// Encrypt the private key (PKCS#8, PBES2 with PBKDF2-SHA256 and AES-256-CBC) with
        /// the password in this file (one trailing newline is removed).
        #[arg(long, value_name = "FILE", conflicts_with = "public")]
        password_file: Option<PathBuf>,
    },
    /// Convert the PEM (or DER) key on stdin to a JWK: PKCS#8, encrypted PKCS#8, SPKI,
    /// PKCS#1 (RSA) or SEC1 `EC PRIVATE KEY`.
    FromPem {
        /// The password of an encrypted PKCS#8 key (one trailing newline is removed).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
}

/// `jwcrypt key generate` options.
#[derive(Args)]
pub struct GenerateArgs {
    /// The key type: oct, RSA, EC or OKP (oct and RSA may be left out with --alg).
    #[arg(long, value_enum, ignore_case = true)]
    kty: Option<Kty>,
    /// The curve of an EC key (P-256, P-384, P-521, secp256k1) or an OKP key (Ed25519,
    /// Ed448, X25519, X448); required for EC and OKP.
    #[arg(long, value_name = "CRV")]
    crv: Option<String>,
    /// The key size in bits (oct: a multiple of 8 from 128; RSA: 2048, 3072 or 4096);
    /// without it, the size --alg needs.
    #[arg(long, value_name = "BITS")]
    size: Option<usize>,
    /// The algorithm the key is for, written as its `alg`.
    #[arg(long, value_name = "ALG", value_parser = parse_algorithm)]
    alg: Option<Algorithm>,
    /// The key ID, written as its `kid`.
    #[arg(long, value_name = "KID")]
    kid: Option<String>,
}

/// Key types `generate` makes.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kty {
    /// A symmetric key.
    #[value(name = "oct")]
    Oct,
    /// An RSA key pair.
    #[value(name = "RSA")]
    Rsa,
    /// An elliptic curve key pair.
    #[value(name = "EC")]
    Ec,
    /// An octet key pair (RFC 8037).
    #[value(name = "OKP")]
    Okp,
}

/// The algorithms an EC or OKP key of each curve may carry as its `alg`: the curve's JWS
/// algorithms (RFC 7518 §3.4, RFC 8037, RFC 8812, RFC 9864) and, for the ECDH curves,
/// ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2).
const CURVE_ALGS: &[(Kty, &str, &[&str])] = &[
    (
        Kty::Ec,
        "P-256",
        &["ES256", ECDH_ES[0], ECDH_ES[1], ECDH_ES[2], ECDH_ES[3]],
    ),
    (
        Kty::Ec,
        "P-384",
        &["ES384", ECDH_ES[0], ECDH_ES[1], ECDH_ES[2], ECDH_ES[3]],
    ),
    (
        Kty::Ec,
        "P-521",
        &["ES512", ECDH_ES[0], ECDH_ES[1], ECDH_ES[2], ECDH_ES[3]],
    ),
    (Kty::Ec, "secp256k1", &["ES256K"]),
    (Kty::Okp, "Ed25519", &["EdDSA", "Ed25519"]),
    (Kty::Okp, "Ed448", &["EdDSA", "Ed448"]),
    (Kty::Okp, "X25519", &ECDH_ES),
    (Kty::Okp, "X448", &ECDH_ES),
];

const ECDH_ES: [&str; 4] = [
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A192KW",
    "ECDH-ES+A256KW",
];

/// Whether `name` is an algorithm of EC or OKP keys.
fn is_curve_alg(name: &str) -> bool {
    CURVE_ALGS.iter().any(|(_, _, algs)| algs.contains(&name))
}

/// Thumbprint hash functions.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Generate(args) => generate(&args),
        Command::Public => {
            let key = read_jwk()?;
            write_line(&key.export_public().map_err(rejected)?)
        }
        Command::Thumbprint { hash } => {
            let key = read_jwk()?;
            let hash = match hash {
                Hash::Sha256 => HashAlg::Sha256,
                Hash::Sha384 => HashAlg::Sha384,
                Hash::Sha512 => HashAlg::Sha512,
            };
            write_line(&key.thumbprint(hash).map_err(rejected)?)
        }
        Command::ToPem {
            public,
            pkcs1,
            password_file,
        } => to_pem(public, pkcs1, password_file.as_deref()),
        Command::FromPem { password_file } => from_pem(password_file.as_deref()),
    }
}

fn generate(args: &GenerateArgs) -> CliResult {
    let curve_key = matches!(args.kty, Some(Kty::Ec | Kty::Okp))
        || args.crv.is_some()
        || args.alg.as_ref().is_some_and(|a| is_curve_alg(a.name()));
    let key = if curve_key {
        generate_curve_key(args)?
    } else {
        generate_oct_or_rsa(args)?
    };
    let key = match &args.kid {
        Some(kid) => key.with_kid(kid.clone()),
        None => key,
    };
    write_line(&key.export_private().map_err(rejected)?)
}

/// `--kty EC|OKP --crv CRV [--alg ALG]`: the curve is required, no `--size`, and the
/// algorithm must be one of the curve's.
fn generate_curve_key(args: &GenerateArgs) -> CliResult<Jwk> {
    let Some(kty @ (Kty::Ec | Kty::Okp)) = args.kty else {
        return Err(CliError::usage(
            "--crv and the EC/OKP algorithms need --kty EC or --kty OKP",
        ));
    };
    let kty_name = if kty == Kty::Ec { "EC" } else { "OKP" };
    if args.size.is_some() {
        return Err(CliError::usage(format!(
            "--size does not apply to {kty_name} keys: give --crv"
        )));
    }
    let curves = || {
        CURVE_ALGS
            .iter()
            .filter(|(k, _, _)| *k == kty)
            .map(|(_, c, _)| *c)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(crv) = &args.crv else {
        return Err(CliError::usage(format!(
            "key generate --kty {kty_name} needs --crv ({})",
            curves()
        )));
    };
    let Some((_, crv, algs)) = CURVE_ALGS
        .iter()
        .find(|(k, c, _)| *k == kty && *c == crv.as_str())
    else {
        return Err(CliError::usage(format!(
            "--crv {crv:?} is not an {kty_name} curve: use one of {}",
            curves()
        )));
    };
    if let Some(alg) = &args.alg
        && !algs.contains(&alg.name())
    {
        return Err(CliError::usage(format!(
            "--alg {alg} does not fit a {crv} key (use {})",
            algs.join(", ")
        )));
    }
    let key = match kty {
        Kty::Ec => Jwk::generate_ec(crv),
        _ => Jwk::generate_okp(crv),
    }
    .map_err(usage)?;
    Ok(match &args.alg {
        Some(alg) => key.with_alg(alg.clone()),
        None => key,
    })
}

fn generate_oct_or_rsa(args: &GenerateArgs) -> CliResult<Jwk> {
    let key = match (args.kty, args.size, &args.alg) {
        (_, None, None) => {
            return Err(CliError::usage(
                "key generate needs --size, or --alg to size the key from",
            ));
        }
        (None, Some(_), None) => {
            return Err(CliError::usage("key generate needs --kty with --size"));
        }
        (kty, None, Some(alg)) => {
            let key = Jwk::generate_for(alg.clone()).map_err(usage)?;
            check_kty(kty, &key, alg)?;
            key
        }
        (kty, Some(bits), alg) => {
            let kty = match (kty, alg) {
                (Some(k), _) => k,
                (None, Some(a)) => family_kty(a)?,
                (None, None) => return Err(CliError::usage("key generate needs --kty")),
            };
            if let Some(alg) = alg {
                check_size(alg, kty, bits)?;
            }
            let key = match kty {
                Kty::Oct => Jwk::generate_oct(bits),
                Kty::Rsa => Jwk::generate_rsa(bits),
                Kty::Ec | Kty::Okp => {
                    return Err(CliError::usage("EC and OKP keys need --crv"));
                }
            }
            .map_err(usage)?;
            match alg {
                Some(alg) => {
                    check_kty(Some(kty), &key, alg)?;
                    key.with_alg(alg.clone())
                }
                None => key,
            }
        }
    };
    Ok(key)
}

/// A registered algorithm name (any of the three kinds, or one of an EC/OKP curve's), for
/// `--alg`.
fn parse_algorithm(name: &str) -> Result<Algorithm, String> {
    match Algorithm::parse(name) {
        Algorithm::Other(_) if !is_curve_alg(name) => Err("unknown algorithm".to_owned()),
        alg => Ok(alg),
    }
}

/// The key type an algorithm needs.
fn family_kty(alg: &Algorithm) -> CliResult<Kty> {
    let family = match alg {
        Algorithm::Signing(a) => a.key_family(),
        Algorithm::KeyManagement(a) => a.key_family(),
        Algorithm::ContentEncryption(_) => KeyFamily::Oct,
        _ => return Err(CliError::usage(format!("cannot make a key for {alg}"))),
    };
    Ok(match family {
        KeyFamily::Rsa => Kty::Rsa,
        _ => Kty::Oct,
    })
}

/// The generated key must be of the type asked for and fit the algorithm.
fn check_kty(kty: Option<Kty>, key: &Jwk, alg: &Algorithm) -> CliResult {
    let actual = match key.key_type() {
        KeyType::Rsa => Kty::Rsa,
        _ => Kty::Oct,
    };
    if kty.is_some_and(|k| k != actual) || !fits_family(key.key_type(), alg) {
        return Err(CliError::usage(format!(
            "--kty {} does not fit --alg {alg}",
            match kty.unwrap_or(actual) {
                Kty::Oct => "oct",
                Kty::Rsa => "RSA",
                Kty::Ec => "EC",
                Kty::Okp => "OKP",
            }
        )));
    }
    Ok(())
}

/// Whether a key of type `kty` may be used with `alg` at all (the family rule the
/// library applies before anything else).
fn fits_family(kty: KeyType, alg: &Algorithm) -> bool {
    let family = match kty {
        KeyType::Oct => KeyFamily::Oct,
        KeyType::Rsa => KeyFamily::Rsa,
        KeyType::Ec => KeyFamily::Ec,
        KeyType::Okp => KeyFamily::Okp,
        _ => return false,
    };
    match alg {
        Algorithm::Signing(a) => a.key_family() == family,
        Algorithm::KeyManagement(a) => a.accepts_key_family(family),
        Algorithm::ContentEncryption(_) => family == KeyFamily::Oct,
        _ => false,
    }
}

/// An `oct` key's size must suit its algorithm: at least the hash size for HMAC, exactly
/// the key size for AES key wrap and content encryption.
fn check_size(alg: &Algorithm, kty: Kty, bits: usize) -> CliResult {
    if kty != Kty::Oct {
        return Ok(());
    }
    let (min, exact) = match alg {
        Algorithm::Signing(a) => (a.hash().map_or(0, |h| h.output_len() * 8), false),
        Algorithm::KeyManagement(a) => match a.kek_len() {
            Some(len) => (len * 8, true),
            None => return Ok(()),
        },
        Algorithm::ContentEncryption(e) => (e.key_len() * 8, true),
        _ => return Ok(()),
    };
    if bits < min || (exact && bits != min) {
        let need = if exact { "exactly" } else { "at least" };
        return Err(CliError::usage(format!(
            "{alg} needs a key of {need} {min} bits, not {bits}"
        )));
    }
    Ok(())
}

fn to_pem(public: bool, pkcs1: bool, password_file: Option<&Path>) -> CliResult {
    let key = read_jwk()?;
    let password = password_file.map(read_password_file).transpose()?;
    let pem: Zeroizing<String> = if public || !key.is_private() {
        if password.is_some() {
            return Err(CliError::rejected(
                "the key is a public key: there is nothing to encrypt",
            ));
        }
        if pkcs1 {
            key.to_pkcs1_pem(false).map_err(rejected)?
        } else {
            Zeroizing::new(key.to_spki_pem().map_err(rejected)?)
        }
    } else if let Some(password) = password {
        key.to_pkcs8_pem_with_password(&password)
            .map_err(|e| match e.kind() {
                ErrorKind::InvalidArgument if key.key_type() != KeyType::Oct => usage(e),
                _ => rejected(e),
            })?
    } else if pkcs1 {
        key.to_pkcs1_pem(true).map_err(rejected)?
    } else {
        key.to_pkcs8_pem().map_err(rejected)?
    };
    write_line(pem.trim_end())
}

fn from_pem(password_file: Option<&Path>) -> CliResult {
    let input = Zeroizing::new(read_stdin(Input::Pem)?);
    let password = password_file.map(read_password_file).transpose()?;
    let is_pem = input.windows(11).any(|w| w == b"-----BEGIN ");
    let key = match (is_pem, &password) {
        (true, _) => {
            let text = std::str::from_utf8(&input)
                .map_err(|_| CliError::rejected("the PEM input is not UTF-8 text"))?;
            match &password {
                Some(p) => Jwk::from_pem_with_password(text, p),
                None => Jwk::from_pem(text),
            }
        }
        (false, Some(p)) => Jwk::from_der_with_password(&input, p),
        (false, None) => Jwk::from_der(&input),
    }
    .map_err(rejected)?;
    let json = if key.is_private() {
        key.export_private().map_err(rejected)?
    } else {
        Zeroizing::new(key.export_public().map_err(rejected)?)
    };
    write_line(&json)
}

/// One JWK from stdin; a JWK Set is a usage error. The input is parsed once: its errors
/// are that parse's.
fn read_jwk() -> CliResult<Jwk> {
    let input = Zeroizing::new(read_stdin(Input::Key)?);
    match JwkOrSet::from_json(&*input).map_err(rejected)? {
        JwkOrSet::Jwk(key) => Ok(*key),
        JwkOrSet::Set(_) => Err(CliError::usage(
            "stdin holds a JWK Set: give one JWK (pick it out of the set first)",
        )),
    }
}

fn rejected(e: jwcrypt::Error) -> CliError {
    CliError::rejected(e.to_string())
}

fn usage(e: jwcrypt::Error) -> CliError {
    CliError::usage(e.to_string())
}
