//! `jwcrypt jws`: sign and verify JSON Web Signatures.

use std::path::PathBuf;

use clap::Subcommand;
use jwcrypt::SigningAlg;
use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};

use crate::remote::VerifySource;

use crate::common::{
    CliResult, Input, KeyArgs, read_file, read_stdin, read_stdin_token, signing_algs, write_bytes,
    write_line,
};

/// `jwcrypt jws` subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Sign the payload read from stdin; print the compact JWS (or the flattened JSON
    /// serialization with --json).
    Sign {
        #[command(flatten)]
        key: KeyArgs,
        /// The algorithm: HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512,
        /// ES256, ES384, ES512, ES256K, EdDSA, Ed25519, Ed448.
        #[arg(long)]
        alg: SigningAlg,
        /// Print the flattened JSON serialization instead of the compact one.
        #[arg(long)]
        json: bool,
        /// Leave the payload out of the output (detached content: `header..signature`).
        #[arg(long)]
        detached: bool,
    },
    /// Verify the JWS read from stdin (compact or JSON); print the payload bytes as they are.
    Verify {
        #[command(flatten)]
        source: VerifySource,
        /// An accepted algorithm (repeatable). Without it, the key's own `alg` decides.
        #[arg(long)]
        alg: Vec<SigningAlg>,
        /// The detached payload, read from this file.
        #[arg(long, value_name = "PAYLOADFILE")]
        detached: Option<PathBuf>,
    },
}

pub fn run(command: Command) -> CliResult {
    match command {
        Command::Sign {
            key,
            alg,
            json,
            detached,
        } => sign(&key, alg, json, detached),
        Command::Verify {
            source,
            alg,
            detached,
        } => verify(&source, alg, detached.as_deref()),
    }
}

fn sign(key: &KeyArgs, alg: SigningAlg, json: bool, detached: bool) -> CliResult {
    let key = key.load()?.single()?;
    let payload = read_stdin(Input::Payload)?;
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

fn verify(
    source: &VerifySource,
    alg: Vec<SigningAlg>,
    detached: Option<&std::path::Path>,
) -> CliResult {
    let detached_payload = detached.map(|p| read_file(p, Input::Payload)).transpose()?;
    source.refuse_hmac_if_remote(&alg)?;
    let token = read_stdin_token()?;
    let keys = source.resolve(&token)?.keys;
    let algs = signing_algs(alg, keys.clone(), "--alg")?;
    let verifier = Verifier::new(keys, &algs)?;
    let verified = match &detached_payload {
        None => verifier.verify(&token)?,
        Some(payload) if token.starts_with('{') => {
            verifier.verify_json_detached(&token, payload)?
        }
        Some(payload) => verifier.verify_compact_detached(&token, payload)?,
    };
    write_bytes(verified.payload())
}
