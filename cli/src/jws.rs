//! `jwcrypt jws`: sign and verify JSON Web Signatures.

use std::path::PathBuf;

use clap::Subcommand;
use jwcrypt::SigningAlg;
use jwcrypt::jwa::Algorithm;
use jwcrypt::jwk::Keys;
use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};

use crate::common::{
    CliError, CliResult, KeyFile, parse_algs, read_file, read_stdin, read_stdin_text, write_bytes,
    write_line,
};

/// `jwcrypt jws` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Sign the payload read from stdin; print the compact JWS (or the flattened JSON
    /// serialization with --json).
    Sign {
        /// The signing key: a JWK or JWK Set file.
        #[arg(long)]
        key: PathBuf,
        /// Pick the key with this kid from a JWK Set.
        #[arg(long)]
        kid: Option<String>,
        /// The algorithm: HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512.
        #[arg(long)]
        alg: String,
        /// Print the flattened JSON serialization instead of the compact one.
        #[arg(long)]
        json: bool,
        /// Leave the payload out of the output (detached content: `header..signature`).
        #[arg(long)]
        detached: bool,
    },
    /// Verify the JWS read from stdin (compact or JSON); print the payload bytes as they are.
    Verify {
        /// The verification key(s): a JWK or JWK Set file.
        #[arg(long)]
        key: PathBuf,
        /// Pick the key with this kid from a JWK Set.
        #[arg(long)]
        kid: Option<String>,
        /// An accepted algorithm (repeatable). Without it, the key's own `alg` decides.
        #[arg(long)]
        alg: Vec<String>,
        /// The detached payload, read from this file.
        #[arg(long, value_name = "PAYLOADFILE")]
        detached: Option<PathBuf>,
    },
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Sign {
            key,
            kid,
            alg,
            json,
            detached,
        } => sign(&key, kid.as_deref(), &alg, json, detached),
        Command::Verify {
            key,
            kid,
            alg,
            detached,
        } => verify(&key, kid.as_deref(), &alg, detached.as_deref()),
    }
}

fn sign(
    key: &std::path::Path,
    kid: Option<&str>,
    alg: &str,
    json: bool,
    detached: bool,
) -> CliResult {
    let alg: SigningAlg = alg
        .parse()
        .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))?;
    let key = KeyFile::load(key, kid)?.single()?;
    let payload = read_stdin()?;
    let header = JwsHeader::new(alg);
    let out = match (json, detached) {
        (false, false) => jws::sign_compact(&payload, &header, &key)?,
        (false, true) => jws::sign_compact_detached(&payload, &header, &key)?,
        (true, d) => {
            let signer = JsonSigner::new().add_signature(&header, None, &key);
            let signer = if d { signer.detached() } else { signer };
            signer.sign_flattened(&payload)?
        }
    };
    write_line(&out)
}

/// The algorithms to accept: those named, or else the keys' own.
fn accepted(keys: Keys<'_>, names: &[String]) -> CliResult<Vec<SigningAlg>> {
    if !names.is_empty() {
        return parse_algs(names);
    }
    let mut algs: Vec<SigningAlg> = Vec::new();
    for key in keys.candidates(None) {
        if let Some(Algorithm::Signing(a)) = key.alg()
            && !algs.contains(a)
        {
            algs.push(*a);
        }
    }
    if algs.is_empty() {
        return Err(CliError::usage(
            "the key has no JWS \"alg\": name the accepted algorithms with --alg",
        ));
    }
    Ok(algs)
}

fn verify(
    key: &std::path::Path,
    kid: Option<&str>,
    alg: &[String],
    detached: Option<&std::path::Path>,
) -> CliResult {
    let keys = KeyFile::load(key, kid)?;
    let algs = accepted(keys.keys(), alg)?;
    let detached_payload = detached.map(read_file).transpose()?;
    let token = read_stdin_text()?;
    let verifier = Verifier::new(keys.keys(), &algs)?;
    let verified = match &detached_payload {
        None => verifier.verify(&token)?,
        Some(payload) if token.starts_with('{') => {
            verifier.verify_json_detached(&token, payload)?
        }
        Some(payload) => verifier.verify_compact_detached(&token, payload)?,
    };
    write_bytes(verified.payload())
}
