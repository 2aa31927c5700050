//! `jwcrypt jwt` (sign, verify, encrypt, decrypt) and `jwcrypt inspect`.

use std::time::Duration;

use clap::{Args, Subcommand};
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg, KeyManagementAlg, SigningAlg};

use crate::remote::VerifySource;

use crate::common::{
    CliResult, Input, KeyArgs, SignKeyArgs, VerifyKeyArgs, decryption_algs, read_stdin,
    read_stdin_token, signing_algs, write_line,
};

/// `jwcrypt jwt` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Sign the claims on stdin into a JWT.
    Sign {
        #[command(flatten)]
        key: KeyArgs,
        /// The signing algorithm (HS256 ... PS512, ES256, ES384, ES512, ES256K, EdDSA, Ed25519,
        /// Ed448).
        #[arg(long)]
        alg: SigningAlg,
    },
    /// Verify the signed JWT on stdin and print its validated claims.
    Verify {
        #[command(flatten)]
        source: VerifySource,
        /// An accepted signing algorithm (repeatable); default: the key's own `alg`.
        #[arg(long)]
        alg: Vec<SigningAlg>,
        #[command(flatten)]
        validation: ValidationArgs,
    },
    /// Sign the claims on stdin, then encrypt the signed JWT (a nested JWT).
    Encrypt {
        #[command(flatten)]
        sign_key: SignKeyArgs,
        /// The signing algorithm.
        #[arg(long)]
        sign_alg: SigningAlg,
        /// The encryption key (the recipient's).
        #[command(flatten)]
        key: KeyArgs,
        /// The key management algorithm (A256KW, RSA-OAEP-256, ...).
        #[arg(long)]
        alg: KeyManagementAlg,
        /// The content encryption algorithm (A256CBC-HS512, A256GCM, ...).
        #[arg(long)]
        enc: ContentEncryptionAlg,
    },
    /// Decrypt the JWT on stdin (verifying the inner JWT of a nested token) and print its
    /// validated claims.
    Decrypt {
        #[command(flatten)]
        key: KeyArgs,
        /// An accepted key management algorithm (repeatable); default: the key's `alg`.
        #[arg(long)]
        alg: Vec<KeyManagementAlg>,
        /// An accepted content encryption algorithm (repeatable); default: all.
        #[arg(long)]
        enc: Vec<ContentEncryptionAlg>,
        #[command(flatten)]
        verify_key: VerifyKeyArgs,
        /// An accepted inner signing algorithm (repeatable); default: the key's `alg`.
        #[arg(long)]
        verify_alg: Vec<SigningAlg>,
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
    pub iss: Vec<String>,
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

fn parse_claims() -> CliResult<Claims> {
    let bytes = read_stdin(Input::Claims)?;
    Ok(Claims::from_json(&bytes)?)
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Sign { key, alg } => {
            let key = key.load()?.single()?;
            let claims = parse_claims()?;
            write_line(jwt::signed(&claims, &key, alg)?.as_str())
        }
        Command::Verify {
            source,
            alg,
            validation,
        } => {
            if source.discovers() && !validation.iss.is_empty() {
                return Err(crate::common::CliError::usage(
                    "--discover expects the discovered issuer as iss: --iss cannot be given too",
                ));
            }
            source.refuse_hmac_if_remote(&alg)?;
            let token = read_stdin_token()?;
            let resolved = source.resolve(&token)?;
            let keys = resolved.keys;
            let own = alg.is_empty();
            let algs = signing_algs(alg, keys.clone(), "--alg")?;
            let mut validation = validation.build();
            if let Some(iss) = resolved.issuer {
                validation = validation.issuer(iss);
            }
            let reader = Reader::builder(validation);
            let reader = if own {
                reader.verify_with_key_algs(keys)
            } else {
                reader.verify_with(keys, &algs)
            };
            let claims = reader.build()?.read(&token)?;
            write_line(&claims.to_json())
        }
        Command::Encrypt {
            sign_key,
            sign_alg,
            key,
            alg,
            enc,
        } => {
            let sign_key = sign_key.load()?.single()?;
            let key = key.load()?.single()?;
            let claims = parse_claims()?;
            let token = jwt::signed(&claims, &sign_key, sign_alg)?.encrypt(&key, alg, enc)?;
            write_line(&token)
        }
        Command::Decrypt {
            key,
            alg,
            enc,
            verify_key,
            verify_alg,
            allow_rsa1_5,
            validation,
        } => {
            let keys = key.load()?;
            let own = alg.is_empty();
            let (algs, encs) = decryption_algs(alg, enc, keys.keys(), allow_rsa1_5)?;
            let verify_keys = verify_key.load()?;
            let token = read_stdin_token()?;
            let mut reader = Reader::builder(validation.build());
            reader = if own {
                reader.decrypt_with_key_algs(keys.keys(), &encs)
            } else {
                reader.decrypt_with(keys.keys(), &algs, &encs)
            };
            if allow_rsa1_5 {
                reader = reader.allow_rsa1_5_insecure();
            }
            if let Some(vk) = &verify_keys {
                let own = verify_alg.is_empty();
                let valgs = signing_algs(verify_alg, vk.keys(), "--verify-alg")?;
                reader = if own {
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

/// `jwcrypt inspect`: the token's headers, marked unverified. The token's size is checked
/// (as it is read) before the library parses it.
pub fn inspect() -> CliResult {
    let token = read_stdin_token()?;
    let v = jwcrypt::dangerous::inspect(&token)?.to_json();
    write_line(&v.to_string())
}
