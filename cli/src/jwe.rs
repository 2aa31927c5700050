//! `jwcrypt jwe`: encrypt and decrypt JSON Web Encryption.

use clap::Subcommand;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg, KeyManagementAlg};

use crate::common::{
    CliError, CliResult, Input, KeyOrPassword, KeyOrPasswordArgs, decryption_algs, read_stdin,
    read_stdin_token, write_bytes, write_line,
};

/// `jwcrypt jwe` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Encrypt stdin; print a compact JWE (or flattened JSON with --json).
    Encrypt {
        #[command(flatten)]
        key: KeyOrPasswordArgs,
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
        #[command(flatten)]
        key: KeyOrPasswordArgs,
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
            match (key.is_password(), alg.is_pbes2()) {
                (true, false) => {
                    return Err(CliError::usage(
                        "--password-file needs a PBES2 --alg (PBES2-HS256+A128KW...)",
                    ));
                }
                (false, true) => {
                    return Err(CliError::usage("PBES2 takes --password-file, not --key"));
                }
                _ => {}
            }
            let password;
            let jwk;
            let mut e = match key.load()? {
                KeyOrPassword::Password(p) => {
                    password = p;
                    Encrypter::with_password(&password, alg, enc)?
                }
                KeyOrPassword::Key(file) => {
                    jwk = file.single()?;
                    Encrypter::new(&jwk, alg, enc)?
                }
            };
            if let Some(kid) = key.kid {
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
            alg,
            enc,
            allow_rsa1_5,
        } => {
            let encs = if enc.is_empty() {
                ContentEncryptionAlg::ALL.to_vec()
            } else {
                enc.clone()
            };
            if key.is_password() {
                // PBES2 only when named: never implied.
                if alg.is_empty() || alg.iter().any(|a| !a.is_pbes2()) {
                    return Err(CliError::usage(
                        "--password-file needs the accepted PBES2 algorithms named with --alg",
                    ));
                }
            } else if alg.iter().any(|a| a.is_pbes2()) {
                return Err(CliError::usage("PBES2 takes --password-file, not --key"));
            }
            let d = match key.load()? {
                KeyOrPassword::Password(password) => {
                    Decrypter::with_password(&password, &alg, &encs)?
                }
                KeyOrPassword::Key(file) => {
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
            };
            let token = read_stdin_token()?;
            let out = d.decrypt(&token)?;
            write_bytes(out.plaintext())
        }
    }
}
