//! `jwcrypt jwt` (sign, verify, encrypt, decrypt) and `jwcrypt inspect`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use jwcrypt::jwk::Keys;
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg, KeyManagementAlg, SigningAlg};

use crate::common::{
    CliError, CliResult, KeyFile, parse_algs, read_stdin, read_stdin_text, write_line,
};

/// `jwcrypt jwt` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Sign the claims on stdin into a JWT.
    Sign {
        /// The signing key (JWK or JWK Set file).
        #[arg(long)]
        key: PathBuf,
        /// Pick this key from a JWK Set.
        #[arg(long)]
        kid: Option<String>,
        /// The signing algorithm (HS256 ... PS512).
        #[arg(long)]
        alg: String,
    },
    /// Verify the signed JWT on stdin and print its validated claims.
    Verify {
        /// The verification key (JWK or JWK Set file).
        #[arg(long)]
        key: PathBuf,
        /// Pick this key from a JWK Set.
        #[arg(long)]
        kid: Option<String>,
        /// An accepted signing algorithm (repeatable); default: the key's own `alg`.
        #[arg(long)]
        alg: Vec<String>,
        #[command(flatten)]
        validation: ValidationArgs,
    },
    /// Sign the claims on stdin, then encrypt the signed JWT (a nested JWT).
    Encrypt {
        /// The signing key.
        #[arg(long)]
        sign_key: PathBuf,
        /// Pick the signing key from a JWK Set.
        #[arg(long)]
        sign_kid: Option<String>,
        /// The signing algorithm.
        #[arg(long)]
        sign_alg: String,
        /// The encryption key (the recipient's).
        #[arg(long)]
        key: PathBuf,
        /// Pick the encryption key from a JWK Set.
        #[arg(long)]
        kid: Option<String>,
        /// The key management algorithm (A256KW, RSA-OAEP-256, ...).
        #[arg(long)]
        alg: String,
        /// The content encryption algorithm (A256CBC-HS512, A256GCM, ...).
        #[arg(long)]
        enc: String,
    },
    /// Decrypt the JWT on stdin (verifying the inner JWT of a nested token) and print its
    /// validated claims.
    Decrypt {
        /// The decryption key (JWK or JWK Set file).
        #[arg(long)]
        key: PathBuf,
        /// Pick the decryption key from a JWK Set.
        #[arg(long)]
        kid: Option<String>,
        /// An accepted key management algorithm (repeatable); default: the key's `alg`.
        #[arg(long)]
        alg: Vec<String>,
        /// An accepted content encryption algorithm (repeatable); default: all.
        #[arg(long)]
        enc: Vec<String>,
        /// The key verifying the inner signature of a nested token (required for one).
        #[arg(long)]
        verify_key: Option<PathBuf>,
        /// Pick the verification key from a JWK Set.
        #[arg(long)]
        verify_kid: Option<String>,
        /// An accepted inner signing algorithm (repeatable); default: the key's `alg`.
        #[arg(long)]
        verify_alg: Vec<String>,
        /// Accept RSA1_5 key encryption (insecure legacy; needs RSA1_5 among the algs).
        #[arg(long = "allow-rsa1-5")]
        allow_rsa1_5: bool,
        #[command(flatten)]
        validation: ValidationArgs,
    },
}

/// Claim validation options shared by `verify` and `decrypt`.
#[derive(Args)]
pub struct ValidationArgs {
    /// Require this issuer (repeatable: one of them).
    #[arg(long)]
    iss: Vec<String>,
    /// Require this audience (repeatable: one of them).
    #[arg(long)]
    aud: Vec<String>,
    /// Accept any audience when no --aud is given (by default a token with an aud claim
    /// needs one).
    #[arg(long)]
    any_aud: bool,
    /// Require this subject.
    #[arg(long)]
    sub: Option<String>,
    /// Leeway for exp, nbf and iat, in seconds.
    #[arg(long, default_value_t = 60)]
    leeway: u64,
    /// Accept tokens without exp.
    #[arg(long)]
    allow_missing_exp: bool,
    /// Require this header typ (e.g. JWT, at+jwt).
    #[arg(long)]
    typ: Option<String>,
}

impl ValidationArgs {
    fn build(&self) -> Validation {
        let mut v = Validation::new().leeway(Duration::from_secs(self.leeway));
        for iss in &self.iss {
            v = v.issuer(iss);
        }
        for aud in &self.aud {
            v = v.audience(aud);
        }
        if let Some(sub) = &self.sub {
            v = v.subject(sub);
        }
        if let Some(typ) = &self.typ {
            v = v.typ(typ);
        }
        if self.any_aud {
            v = v.accept_any_audience();
        }
        if self.allow_missing_exp {
            v = v.allow_missing_exp();
        }
        v
    }
}

/// Where no algorithm is named, every key must carry its own `alg`, of the right role.
fn key_algs<T: Copy>(
    keys: Keys,
    pick: impl Fn(&jwcrypt::Algorithm) -> Option<T>,
    what: &str,
) -> CliResult<Vec<T>> {
    let mut algs = Vec::new();
    for key in keys.as_slice().iter() {
        match key.alg().and_then(&pick) {
            Some(a) => algs.push(a),
            None => {
                return Err(CliError::usage(format!(
                    "a key has no {what} \"alg\": name the accepted algorithms with the option"
                )));
            }
        }
    }
    if algs.is_empty() {
        return Err(CliError::usage("the key file holds no key"));
    }
    Ok(algs)
}

fn signing_algs(names: &[String], keys: Keys) -> CliResult<Vec<SigningAlg>> {
    if names.is_empty() {
        key_algs(
            keys,
            |a| match a {
                jwcrypt::Algorithm::Signing(s) => Some(*s),
                _ => None,
            },
            "signing",
        )
    } else {
        parse_algs(names)
    }
}

fn key_management_algs(names: &[String], keys: Keys) -> CliResult<Vec<KeyManagementAlg>> {
    if names.is_empty() {
        key_algs(
            keys,
            |a| match a {
                jwcrypt::Algorithm::KeyManagement(k) => Some(*k),
                _ => None,
            },
            "key management",
        )
    } else {
        parse_algs(names)
    }
}

fn parse_claims() -> CliResult<Claims> {
    let bytes = read_stdin()?;
    Ok(Claims::from_json(&bytes)?)
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Sign { key, kid, alg } => {
            let alg: SigningAlg = alg
                .parse()
                .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))?;
            let key = KeyFile::load(&key, kid.as_deref())?.single()?;
            let claims = parse_claims()?;
            write_line(jwt::signed(&claims, &key, alg)?.as_str())
        }
        Command::Verify {
            key,
            kid,
            alg,
            validation,
        } => {
            let keys = KeyFile::load(&key, kid.as_deref())?;
            let algs = signing_algs(&alg, keys.keys())?;
            let token = read_stdin_text()?;
            let reader = Reader::builder(validation.build());
            let reader = if alg.is_empty() {
                reader.verify_with_key_algs(keys.keys())
            } else {
                reader.verify_with(keys.keys(), &algs)
            };
            let claims = reader.build()?.read(&token)?;
            write_line(&claims.to_json())
        }
        Command::Encrypt {
            sign_key,
            sign_kid,
            sign_alg,
            key,
            kid,
            alg,
            enc,
        } => {
            let sign_alg: SigningAlg = sign_alg
                .parse()
                .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))?;
            let alg: KeyManagementAlg = alg
                .parse()
                .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))?;
            let enc: ContentEncryptionAlg = enc
                .parse()
                .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))?;
            let sign_key = KeyFile::load(&sign_key, sign_kid.as_deref())?.single()?;
            let key = KeyFile::load(&key, kid.as_deref())?.single()?;
            let claims = parse_claims()?;
            let token = jwt::signed(&claims, &sign_key, sign_alg)?.encrypt(&key, alg, enc)?;
            write_line(&token)
        }
        Command::Decrypt {
            key,
            kid,
            alg,
            enc,
            verify_key,
            verify_kid,
            verify_alg,
            allow_rsa1_5,
            validation,
        } => {
            let keys = KeyFile::load(&key, kid.as_deref())?;
            let algs = key_management_algs(&alg, keys.keys())?;
            if algs.contains(&KeyManagementAlg::Rsa1_5) && !allow_rsa1_5 {
                return Err(CliError::usage(
                    "RSA1_5 is insecure: pass --allow-rsa1-5 to accept it",
                ));
            }
            let mut encs: Vec<ContentEncryptionAlg> = parse_algs(&enc)?;
            if encs.is_empty() {
                encs = ContentEncryptionAlg::ALL.to_vec();
            }
            let verify_keys = verify_key
                .map(|p| KeyFile::load(&p, verify_kid.as_deref()))
                .transpose()?;
            let token = read_stdin_text()?;
            let mut reader = Reader::builder(validation.build());
            reader = if alg.is_empty() {
                reader.decrypt_with_key_algs(keys.keys(), &encs)
            } else {
                reader.decrypt_with(keys.keys(), &algs, &encs)
            };
            if allow_rsa1_5 {
                reader = reader.allow_rsa1_5_insecure();
            }
            if let Some(vk) = &verify_keys {
                let valgs = signing_algs(&verify_alg, vk.keys())?;
                reader = if verify_alg.is_empty() {
                    reader.verify_with_key_algs(vk.keys())
                } else {
                    reader.verify_with(vk.keys(), &valgs)
                };
            }
            let claims = reader.build()?.read(&token)?;
            write_line(&claims.to_json())
        }
    }
}

/// `jwcrypt inspect`: the token's headers, marked unverified.
pub fn inspect() -> CliResult {
    let token = read_stdin_text()?;
    let v = jwt::dangerous::inspect(&token)?;
    write_line(&v.to_string())
}
