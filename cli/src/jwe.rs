//! `jwcrypt jwe`: encrypt and decrypt JSON Web Encryption.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use jwcrypt::jwe::{Decrypter, Encrypter, Password};
use jwcrypt::{ContentEncryptionAlg, KeyManagementAlg};

use crate::common::{
    CliError, CliResult, Input, KeyFile, decryption_algs, read_file, read_stdin, read_stdin_token,
    write_bytes, write_line,
};

/// `jwcrypt jwe` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Encrypt stdin; print a compact JWE (or flattened JSON with --json).
    Encrypt {
        /// The recipient's key: a JWK or JWK Set file (a public key for RSA and ECDH-ES).
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "password_file",
            conflicts_with = "password_file"
        )]
        key: Option<PathBuf>,
        /// Pick the key with this kid from a JWK Set (also written as the header's kid).
        #[arg(long, value_name = "KID")]
        kid: Option<String>,
        /// A file holding the password, for PBES2 (one trailing newline is not part of it).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// Key management algorithm (A128KW, dir, RSA-OAEP-256, ECDH-ES+A256KW,
        /// PBES2-HS256+A128KW...).
        #[arg(long)]
        alg: KeyManagementAlg,
        /// Content encryption algorithm (A256GCM, A128CBC-HS256...).
        #[arg(long)]
        enc: ContentEncryptionAlg,
        /// ECDH-ES Agreement PartyUInfo, base64url (copied into the protected header).
        #[arg(long, value_name = "B64U")]
        apu: Option<String>,
        /// ECDH-ES Agreement PartyVInfo, base64url (copied into the protected header).
        #[arg(long, value_name = "B64U")]
        apv: Option<String>,
        /// PBES2 iteration count (default 8192).
        #[arg(long, value_name = "N")]
        p2c: Option<u32>,
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
        /// The key: a JWK or JWK Set file (a private key for RSA and ECDH-ES).
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "password_file",
            conflicts_with = "password_file"
        )]
        key: Option<PathBuf>,
        /// Pick the key with this kid from a JWK Set.
        #[arg(long, value_name = "KID")]
        kid: Option<String>,
        /// A file holding the password, for PBES2 (which must be named with --alg).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
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

/// The password in a file: its bytes, less one trailing newline (`\n` or `\r\n`); empty is
/// refused.
fn read_password(path: &Path) -> CliResult<Password> {
    let mut bytes = read_file(path, Input::Password)?;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    Password::new(bytes).map_err(|_| CliError::rejected("the password file is empty"))
}

/// A `--apu`/`--apv` value: base64url, decoded (written back unchanged, so it must be the
/// canonical unpadded encoding).
fn party_info(name: &str, value: &str) -> CliResult<Vec<u8>> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let bytes = Base64UrlUnpadded::decode_vec(value)
        .ok()
        .filter(|b| Base64UrlUnpadded::encode_string(b) == value)
        .ok_or_else(|| CliError::usage(format!("--{name} must be unpadded base64url")))?;
    Ok(bytes)
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Encrypt {
            key,
            kid,
            password_file,
            alg,
            enc,
            apu,
            apv,
            p2c,
            json,
            zip,
            cty,
        } => {
            if alg == KeyManagementAlg::Rsa1_5 {
                return Err(CliError::usage("RSA1_5 is never used for encryption"));
            }
            if (apu.is_some() || apv.is_some()) && !alg.is_ecdh_es() {
                return Err(CliError::usage(
                    "--apu and --apv are for the ECDH-ES algorithms",
                ));
            }
            if p2c.is_some() && !alg.is_pbes2() {
                return Err(CliError::usage("--p2c is for the PBES2 algorithms"));
            }
            if p2c == Some(0) {
                return Err(CliError::usage("--p2c must be at least 1"));
            }
            let password;
            let jwk;
            let mut e = match (&key, &password_file) {
                (None, Some(path)) => {
                    if !alg.is_pbes2() {
                        return Err(CliError::usage(
                            "--password-file needs a PBES2 --alg (PBES2-HS256+A128KW...)",
                        ));
                    }
                    password = read_password(path)?;
                    Encrypter::with_password(&password, alg, enc)?
                }
                (Some(path), None) => {
                    if alg.is_pbes2() {
                        return Err(CliError::usage("PBES2 takes --password-file, not --key"));
                    }
                    jwk = KeyFile::load(path, kid.as_deref())?.single()?;
                    Encrypter::new(&jwk, alg, enc)?
                }
                _ => return Err(CliError::usage("give one of --key and --password-file")),
            };
            if let Some(kid) = kid {
                e = e.with_kid(kid);
            }
            if let Some(apu) = apu {
                e = e.with_apu(party_info("apu", &apu)?)?;
            }
            if let Some(apv) = apv {
                e = e.with_apv(party_info("apv", &apv)?)?;
            }
            if let Some(p2c) = p2c {
                e = e.with_p2c(p2c)?;
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
            kid,
            password_file,
            alg,
            enc,
            allow_rsa1_5,
        } => {
            let encs = if enc.is_empty() {
                ContentEncryptionAlg::ALL.to_vec()
            } else {
                enc.clone()
            };
            let d = match (&key, &password_file) {
                (None, Some(path)) => {
                    // PBES2 only when named: never implied.
                    if alg.is_empty() || alg.iter().any(|a| !a.is_pbes2()) {
                        return Err(CliError::usage(
                            "--password-file needs the accepted PBES2 algorithms named with --alg",
                        ));
                    }
                    let password = read_password(path)?;
                    Decrypter::with_password(&password, &alg, &encs)?
                }
                (Some(path), None) => {
                    if alg.iter().any(|a| a.is_pbes2()) {
                        return Err(CliError::usage("PBES2 takes --password-file, not --key"));
                    }
                    let file = KeyFile::load(path, kid.as_deref())?;
                    let own = alg.is_empty();
                    let (algs, mut encs) = decryption_algs(alg, enc, file.keys(), allow_rsa1_5)?;
                    if encs.is_empty() {
                        encs = ContentEncryptionAlg::ALL.to_vec();
                    }
                    // Without --alg, each key is used only with its own `alg`.
                    let d = if own {
                        Decrypter::for_key_algs(file.keys(), &encs)?
                    } else {
                        Decrypter::new(file.keys(), &algs, &encs)?
                    };
                    if allow_rsa1_5 {
                        d.allow_rsa1_5_insecure()
                    } else {
                        d
                    }
                }
                _ => return Err(CliError::usage("give one of --key and --password-file")),
            };
            let token = read_stdin_token()?;
            let out = d.decrypt(&token)?;
            write_bytes(out.plaintext())
        }
    }
}
