//! `jwcrypt jwe`: encrypt and decrypt JSON Web Encryption.

use std::path::PathBuf;

use clap::Subcommand;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg, KeyManagementAlg};

use crate::common::{
    CliError, CliResult, KeyFile, parse_algs, read_stdin, read_stdin_text, write_bytes, write_line,
};

/// `jwcrypt jwe` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Encrypt stdin; print a compact JWE (or flattened JSON with --json).
    Encrypt {
        /// JWK or JWK Set file.
        #[arg(long)]
        key: PathBuf,
        /// Pick the key with this kid from a JWK Set (also written as the header's kid).
        #[arg(long)]
        kid: Option<String>,
        /// Key management algorithm (A128KW, dir, RSA-OAEP-256...).
        #[arg(long)]
        alg: String,
        /// Content encryption algorithm (A256GCM, A128CBC-HS256...).
        #[arg(long)]
        enc: String,
        /// Write the flattened JSON serialization instead of the compact one.
        #[arg(long)]
        json: bool,
        /// Compress the plaintext (zip: DEF).
        #[arg(long)]
        zip: bool,
        /// The cty header parameter.
        #[arg(long)]
        cty: Option<String>,
    },
    /// Decrypt a JWE (compact or JSON) from stdin; print the plaintext bytes.
    Decrypt {
        /// JWK or JWK Set file.
        #[arg(long)]
        key: PathBuf,
        /// Pick the key with this kid from a JWK Set.
        #[arg(long)]
        kid: Option<String>,
        /// Accepted key management algorithm (repeatable; default: the key's alg).
        #[arg(long)]
        alg: Vec<String>,
        /// Accepted content encryption algorithm (repeatable; default: all).
        #[arg(long)]
        enc: Vec<String>,
        /// Accept RSA1_5 key encryption (insecure legacy; needs RSA1_5 among the algs).
        #[arg(long = "allow-rsa1-5")]
        allow_rsa1_5: bool,
    },
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Encrypt {
            key,
            kid,
            alg,
            enc,
            json,
            zip,
            cty,
        } => {
            let alg: KeyManagementAlg = alg
                .parse()
                .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))?;
            let enc: ContentEncryptionAlg = enc
                .parse()
                .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))?;
            if alg == KeyManagementAlg::Rsa1_5 {
                return Err(CliError::usage("RSA1_5 is never used for encryption"));
            }
            let key = KeyFile::load(&key, kid.as_deref())?.single()?;
            let mut e = Encrypter::new(&key, alg, enc)?;
            if let Some(kid) = kid {
                e = e.with_kid(kid);
            }
            if let Some(cty) = cty {
                e = e.with_cty(cty);
            }
            if zip {
                e = e.with_compression();
            }
            let plaintext = zeroize::Zeroizing::new(read_stdin()?);
            let out = if json {
                e.encrypt_json(&plaintext, None)?
            } else {
                e.encrypt_compact(&plaintext)?
            };
            write_line(&out)
        }
        Command::Decrypt {
            key,
            kid,
            alg,
            enc,
            allow_rsa1_5,
        } => {
            let file = KeyFile::load(&key, kid.as_deref())?;
            let mut encs: Vec<ContentEncryptionAlg> = parse_algs(&enc)?;
            if encs.is_empty() {
                encs = ContentEncryptionAlg::ALL.to_vec();
            }
            // Without --alg, each key's own `alg` decides (a dir key may name its enc).
            let (rsa1_5, d) = if alg.is_empty() {
                let rsa1_5 = file
                    .keys()
                    .as_slice()
                    .iter()
                    .any(|k| k.alg() == Some(&KeyManagementAlg::Rsa1_5.into()));
                let d = Decrypter::for_key_algs(file.keys(), &encs).map_err(|_| {
                    CliError::usage(
                        "the key has no JWE \"alg\": name the accepted algorithms with --alg",
                    )
                });
                (rsa1_5, d)
            } else {
                let algs = parse_algs::<KeyManagementAlg>(&alg)?;
                let d = Decrypter::new(file.keys(), &algs, &encs).map_err(CliError::from);
                (algs.contains(&KeyManagementAlg::Rsa1_5), d)
            };
            if rsa1_5 && !allow_rsa1_5 {
                return Err(CliError::usage(
                    "RSA1_5 is insecure: pass --allow-rsa1-5 to accept it",
                ));
            }
            let mut d = d?;
            if allow_rsa1_5 {
                d = d.allow_rsa1_5_insecure();
            }
            let token = read_stdin_text()?;
            let out = d.decrypt(&token)?;
            write_bytes(out.plaintext())
        }
    }
}
