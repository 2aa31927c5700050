//! `jwcrypt jwe`: encrypt and decrypt JSON Web Encryption.

use clap::Subcommand;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg, KeyManagementAlg};

use crate::common::{
    CliError, CliResult, Input, KeyArgs, decryption_algs, read_stdin, read_stdin_token,
    write_bytes, write_line,
};

/// `jwcrypt jwe` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Encrypt stdin; print a compact JWE (or flattened JSON with --json).
    Encrypt {
        #[command(flatten)]
        key: KeyArgs,
        /// Key management algorithm (A128KW, dir, RSA-OAEP-256...).
        #[arg(long)]
        alg: KeyManagementAlg,
        /// Content encryption algorithm (A256GCM, A128CBC-HS256...).
        #[arg(long)]
        enc: ContentEncryptionAlg,
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
        #[command(flatten)]
        key: KeyArgs,
        /// Accepted key management algorithm (repeatable; default: the key's alg).
        #[arg(long)]
        alg: Vec<KeyManagementAlg>,
        /// Accepted content encryption algorithm (repeatable; default: all).
        #[arg(long)]
        enc: Vec<ContentEncryptionAlg>,
        /// Accept RSA1_5 key encryption (insecure legacy; needs RSA1_5 among the algs).
        #[arg(long = "allow-rsa1-5")]
        allow_rsa1_5: bool,
    },
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Encrypt {
            key: key_args,
            alg,
            enc,
            json,
            zip,
            cty,
        } => {
            if alg == KeyManagementAlg::Rsa1_5 {
                return Err(CliError::usage("RSA1_5 is never used for encryption"));
            }
            let key = key_args.load()?.single()?;
            let mut e = Encrypter::new(&key, alg, enc)?;
            if let Some(kid) = key_args.kid {
                e = e.with_kid(kid);
            }
            if let Some(cty) = cty {
                e = e.with_cty(cty);
            }
            if zip {
                e = e.with_compression();
            }
            let plaintext = zeroize::Zeroizing::new(read_stdin(Input::Payload)?);
            let out = if json {
                e.encrypt_json(&plaintext, None)?
            } else {
                e.encrypt_compact(&plaintext)?
            };
            write_line(&out)
        }
        Command::Decrypt {
            key,
            alg,
            enc,
            allow_rsa1_5,
        } => {
            let file = key.load()?;
            let own = alg.is_empty();
            let (algs, mut encs) = decryption_algs(alg, enc, file.keys(), allow_rsa1_5)?;
            if encs.is_empty() {
                encs = ContentEncryptionAlg::ALL.to_vec();
            }
            // Without --alg, each key is used only with its own `alg`.
            let mut d = if own {
                Decrypter::for_key_algs(file.keys(), &encs)?
            } else {
                Decrypter::new(file.keys(), &algs, &encs)?
            };
            if allow_rsa1_5 {
                d = d.allow_rsa1_5_insecure();
            }
            let token = read_stdin_token()?;
            let out = d.decrypt(&token)?;
            write_bytes(out.plaintext())
        }
    }
}
