//! What every subcommand shares: reading input and keys, writing output, errors.

use std::io::{Read, Write};
use std::path::Path;

use jwcrypt::jwk::Keys;
use jwcrypt::{Jwk, JwkSet};

/// An error that ends the program: exit code and one line for stderr.
pub struct CliError {
    pub code: u8,
    pub message: String,
}

impl CliError {
    /// Exit 2: the command line itself is wrong.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }

    /// Exit 1: the input, key or token was rejected.
    pub fn rejected(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }
}

impl From<jwcrypt::Error> for CliError {
    fn from(e: jwcrypt::Error) -> Self {
        Self::rejected(e.to_string())
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

/// The most stdin may hold (64 MiB): the library applies its own, smaller limits.
const MAX_INPUT: u64 = 64 << 20;

/// All of stdin.
pub fn read_stdin() -> CliResult<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::stdin()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut buf)
        .map_err(|e| CliError::rejected(format!("cannot read stdin: {e}")))?;
    if buf.len() as u64 > MAX_INPUT {
        return Err(CliError::rejected("stdin is larger than 64 MiB"));
    }
    Ok(buf)
}

/// Stdin as text with surrounding white space removed (for tokens).
pub fn read_stdin_text() -> CliResult<String> {
    let bytes = read_stdin()?;
    let text =
        String::from_utf8(bytes).map_err(|_| CliError::rejected("the input is not UTF-8 text"))?;
    Ok(text.trim().to_owned())
}

/// A file's contents.
pub fn read_file(path: &Path) -> CliResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))
}

/// Writes bytes to stdout as they are.
pub fn write_bytes(bytes: &[u8]) -> CliResult {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| CliError::rejected(format!("cannot write stdout: {e}")))
}

/// Writes text to stdout with one trailing newline.
pub fn write_line(text: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| CliError::rejected(format!("cannot write stdout: {e}")))
}

/// The keys of a `--key` file: a JWK or a JWK Set.
pub enum KeyFile {
    One(Box<Jwk>),
    Set(JwkSet),
}

impl KeyFile {
    /// Reads a JWK or JWK Set file; with `kid`, picks that key (one key must match).
    pub fn load(path: &Path, kid: Option<&str>) -> CliResult<Self> {
        let bytes = read_file(path)?;
        let is_set = serde_json::from_slice::<serde_json::Value>(&bytes)
            .map(|v| v.get("keys").is_some())
            .unwrap_or(false);
        let file = if is_set {
            KeyFile::Set(JwkSet::from_json(&bytes)?)
        } else {
            KeyFile::One(Box::new(Jwk::from_json(&bytes)?))
        };
        match (file, kid) {
            (file, None) => Ok(file),
            (KeyFile::One(k), Some(kid)) => {
                if k.kid() == Some(kid) {
                    Ok(KeyFile::One(k))
                } else {
                    Err(CliError::rejected(format!("the key's kid is not {kid:?}")))
                }
            }
            (KeyFile::Set(s), Some(kid)) => {
                let mut found = s.find_by_kid(kid);
                match (found.next(), found.next()) {
                    (Some(k), None) => Ok(KeyFile::One(Box::new(k.clone()))),
                    (None, _) => Err(CliError::rejected(format!("no key with kid {kid:?}"))),
                    (Some(_), Some(_)) => Err(CliError::rejected(format!(
                        "more than one key has kid {kid:?}"
                    ))),
                }
            }
        }
    }

    /// The one key, for commands that sign or encrypt.
    pub fn single(self) -> CliResult<Jwk> {
        match self {
            KeyFile::One(k) => Ok(*k),
            KeyFile::Set(s) if s.len() == 1 => Ok(s
                .iter()
                .next()
                .cloned()
                .ok_or_else(|| CliError::usage("empty set"))?),
            KeyFile::Set(_) => Err(CliError::usage(
                "the key file is a JWK Set: pick a key with --kid",
            )),
        }
    }

    /// The keys, for commands that verify or decrypt.
    pub fn keys(&self) -> Keys<'_> {
        match self {
            KeyFile::One(k) => Keys::One(k),
            KeyFile::Set(s) => Keys::Set(s),
        }
    }
}

/// Parses each algorithm name given on the command line (a usage error if unknown).
pub fn parse_algs<T: std::str::FromStr<Err = jwcrypt::Error>>(
    names: &[String],
) -> CliResult<Vec<T>> {
    names
        .iter()
        .map(|n| {
            n.parse()
                .map_err(|e: jwcrypt::Error| CliError::usage(e.to_string()))
        })
        .collect()
}
