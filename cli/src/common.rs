//! What every subcommand shares: reading input and keys, writing output, errors.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use jwcrypt::jwk::{JwkOrSet, Keys};
use jwcrypt::{
    Algorithm, ContentEncryptionAlg, ErrorKind, Jwk, JwkSet, KeyManagementAlg, Limits, SigningAlg,
};

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

/// What an input holds, which decides the most bytes read from it (before any parsing: an
/// input over its limit is refused, exit 1, after reading limit + 1 bytes, so that a FIFO or
/// `/dev/zero` costs no more than a file).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Input {
    /// A token on stdin (`verify`, `decrypt`, `inspect`): the library's `max_token_len`
    /// (4 MiB), plus 2 bytes for a line ending.
    Token,
    /// A JWK or JWK Set (a `--key`, `--sign-key` or `--verify-key` file, or stdin of `key
    /// public|thumbprint|to-pem`): the library's `max_jwk_len` (1 MiB).
    Key,
    /// A PEM or DER key on stdin (`key from-pem`): the library's PEM limit (64 KiB).
    Pem,
    /// A claims set on stdin (`jwt sign|encrypt`): the library's `max_token_len` (4 MiB),
    /// which `Claims::from_json` applies.
    Claims,
    /// A payload or plaintext (stdin of `jws sign` and `jwe encrypt`, a `--detached`
    /// payload file): 8 MiB, twice the token limit (so that a refused one, read up to the
    /// limit, still costs under 16 MiB).
    Payload,
    /// A password file: 64 KiB.
    Password,
}

impl Input {
    /// The most bytes accepted.
    pub fn limit(self) -> usize {
        let limits = &Limits::DEFAULT;
        match self {
            Input::Token => limits.max_token_len + 2,
            Input::Key => limits.max_jwk_len,
            Input::Pem => jwcrypt::jwk::MAX_PEM_LEN,
            Input::Claims => limits.max_token_len,
            Input::Payload => 8 << 20,
            Input::Password => 64 << 10,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Input::Token => "the token",
            Input::Key => "the key",
            Input::Pem => "the PEM or DER key",
            Input::Claims => "the claims",
            Input::Payload => "the payload",
            Input::Password => "the password file",
        }
    }
}

/// At most `kind`'s limit of bytes from `input`: reads limit + 1 bytes at most, and refuses
/// more with the library's `LimitExceeded` error (exit 1) before anything parses them.
fn read_bounded(input: impl Read, kind: Input, source: &str) -> CliResult<Vec<u8>> {
    let limit = kind.limit();
    let mut buf = Vec::new();
    input
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| CliError::rejected(format!("cannot read {source}: {e}")))?;
    if buf.len() > limit {
        return Err(jwcrypt::Error::new(
            ErrorKind::LimitExceeded,
            format!(
                "{} ({source}) is longer than the limit of {limit} bytes",
                kind.name()
            ),
        )
        .into());
    }
    Ok(buf)
}

/// All of stdin, at most `kind`'s limit.
pub fn read_stdin(kind: Input) -> CliResult<Vec<u8>> {
    read_bounded(std::io::stdin().lock(), kind, "stdin")
}

/// The token on stdin, as text with surrounding white space removed.
pub fn read_stdin_token() -> CliResult<String> {
    let bytes = read_stdin(Input::Token)?;
    let text =
        String::from_utf8(bytes).map_err(|_| CliError::rejected("the input is not UTF-8 text"))?;
    Ok(text.trim().to_owned())
}

/// A file's contents, at most `kind`'s limit (a file that cannot be opened is a usage
/// error).
pub fn read_file(path: &Path, kind: Input) -> CliResult<Vec<u8>> {
    let file = File::open(path)
        .map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))?;
    read_bounded(file, kind, &path.display().to_string())
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

/// `--key FILE [--kid KID]`: the key of a command.
#[derive(Args)]
pub struct KeyArgs {
    /// The key: a JWK or JWK Set file.
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// Pick the key with this kid from a JWK Set (`jwe encrypt` also writes it as the
    /// header's kid).
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
}

impl KeyArgs {
    /// Reads the key file (see [`KeyFile::load`]).
    pub fn load(&self) -> CliResult<KeyFile> {
        KeyFile::load(&self.key, self.kid.as_deref())
    }
}

/// The bytes of a password file, less one trailing newline (`\n` or `\r\n`).
pub fn read_password_file(path: &Path) -> CliResult<zeroize::Zeroizing<Vec<u8>>> {
    let mut bytes = zeroize::Zeroizing::new(read_file(path, Input::Password)?);
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    Ok(bytes)
}

/// `--key FILE [--kid KID] | --password-file FILE`: what `jwe encrypt` and `jwe decrypt`
/// encrypt to or decrypt with.
#[derive(Args)]
pub struct KeyOrPasswordArgs {
    /// The key: a JWK or JWK Set file (for RSA and ECDH-ES the recipient's public key to
    /// encrypt, the private key to decrypt).
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "password_file",
        conflicts_with = "password_file"
    )]
    key: Option<PathBuf>,
    /// Pick the key with this kid from a JWK Set (`jwe encrypt` also writes it as the
    /// header's kid).
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// A file holding the password, for PBES2 (one trailing newline is not part of it;
    /// decryption needs the PBES2 algorithms named with --alg).
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
}

/// What a [`KeyOrPasswordArgs`] names: key files or a password.
pub enum KeyOrPassword {
    /// `--key FILE`, read (and the key picked by `--kid`).
    Key(KeyFile),
    /// `--password-file FILE`, read.
    Password(jwcrypt::jwe::Password),
}

impl KeyOrPasswordArgs {
    /// Whether the password file is the one named (checked before reading either file).
    pub fn is_password(&self) -> bool {
        self.password_file.is_some()
    }

    /// Reads the key file or the password file (an empty password is refused).
    pub fn load(&self) -> CliResult<KeyOrPassword> {
        match (&self.key, &self.password_file) {
            (Some(path), None) => Ok(KeyOrPassword::Key(KeyFile::load(
                path,
                self.kid.as_deref(),
            )?)),
            (None, Some(path)) => {
                // The bytes move into the password (zeroized on drop) without a copy.
                let mut bytes = read_password_file(path)?;
                jwcrypt::jwe::Password::new(std::mem::take(&mut *bytes))
                    .map(KeyOrPassword::Password)
                    .map_err(|_| CliError::rejected("the password file is empty"))
            }
            _ => Err(CliError::usage("give one of --key and --password-file")),
        }
    }
}

/// `--sign-key FILE [--sign-kid KID]`: the signing key of `jwt encrypt`.
#[derive(Args)]
pub struct SignKeyArgs {
    /// The signing key: a JWK or JWK Set file.
    #[arg(long, value_name = "FILE")]
    sign_key: PathBuf,
    /// Pick the signing key with this kid from a JWK Set.
    #[arg(long, value_name = "KID")]
    sign_kid: Option<String>,
}

impl SignKeyArgs {
    /// Reads the signing key file (see [`KeyFile::load`]).
    pub fn load(&self) -> CliResult<KeyFile> {
        KeyFile::load(&self.sign_key, self.sign_kid.as_deref())
    }
}

/// `[--verify-key FILE [--verify-kid KID]]`: the inner key of `jwt decrypt`.
#[derive(Args)]
pub struct VerifyKeyArgs {
    /// The key verifying the inner signature of a nested token (required for one): a JWK
    /// or JWK Set file.
    #[arg(long, value_name = "FILE")]
    verify_key: Option<PathBuf>,
    /// Pick the verification key with this kid from a JWK Set.
    #[arg(long, value_name = "KID", requires = "verify_key")]
    verify_kid: Option<String>,
}

impl VerifyKeyArgs {
    /// Reads the verification key file, if one is named (see [`KeyFile::load`]).
    pub fn load(&self) -> CliResult<Option<KeyFile>> {
        self.verify_key
            .as_deref()
            .map(|p| KeyFile::load(p, self.verify_kid.as_deref()))
            .transpose()
    }
}

/// The keys of a `--key` file: a JWK or a JWK Set.
pub enum KeyFile {
    One(Box<Jwk>),
    Set(JwkSet),
}

impl KeyFile {
    /// Reads a JWK or JWK Set file (one strict parse tells which); with `kid`, picks that
    /// key (one key must match).
    pub fn load(path: &Path, kid: Option<&str>) -> CliResult<Self> {
        let bytes = zeroize::Zeroizing::new(read_file(path, Input::Key)?);
        let file = match JwkOrSet::from_json(&*bytes)? {
            JwkOrSet::Jwk(k) => KeyFile::One(k),
            // Entries jwcrypt cannot use (unknown kty, crv or alg, malformed members) are
            // left out: the usable keys work, the others are never used.
            JwkOrSet::Set(set) => {
                if let Some(kid) = kid
                    && set.find_by_kid(kid).next().is_none()
                    && let Some(r) = set.rejected().iter().find(|r| r.kid() == Some(kid))
                {
                    return Err(CliError::rejected(format!(
                        "the key with kid {kid:?} cannot be used: {}",
                        r.reason()
                    )));
                }
                if let (true, Some(r)) = (set.is_empty(), set.rejected().first()) {
                    return Err(CliError::rejected(format!(
                        "the JWK Set has no usable key (key {}: {})",
                        r.index(),
                        r.reason()
                    )));
                }
                KeyFile::Set(set)
            }
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
    pub fn keys(&self) -> Keys {
        match self {
            KeyFile::One(k) => Keys::from(&**k),
            KeyFile::Set(s) => Keys::from(s),
        }
    }
}

/// The keys' own algorithms of one role, for a command whose `option` (`--alg`,
/// `--verify-alg`) was omitted: `pick` maps a key's `alg` to the role's algorithm, and keys
/// whose `alg` is of another role are left out. A key without `alg`, or no algorithm at all,
/// is a usage error: never "accept anything".
fn own_algs<T: PartialEq>(
    keys: &Keys,
    role: &str,
    option: &str,
    pick: impl Fn(&Algorithm) -> Option<T>,
) -> CliResult<Vec<T>> {
    let missing = || {
        CliError::usage(format!(
            "the key has no {role} \"alg\": name the accepted algorithms with {option}"
        ))
    };
    let mut algs = Vec::new();
    for key in keys.as_slice().iter() {
        let alg = key.alg().ok_or_else(missing)?;
        if let Some(a) = pick(alg)
            && !algs.contains(&a)
        {
            algs.push(a);
        }
    }
    if algs.is_empty() {
        return Err(missing());
    }
    Ok(algs)
}

/// The signature algorithms to accept: those named with `option`, or else the keys' own.
pub fn signing_algs(
    named: Vec<SigningAlg>,
    keys: Keys,
    option: &str,
) -> CliResult<Vec<SigningAlg>> {
    if !named.is_empty() {
        return Ok(named);
    }
    own_algs(&keys, "JWS", option, |a| match a {
        Algorithm::Signing(s) => Some(*s),
        _ => None,
    })
}

/// The key management and content encryption algorithms to accept: those named, or else
/// the keys' own (a `dir` key's `alg` may name its content encryption, which then limits
/// `enc` unless `--enc` is given; without either, every `enc` is accepted). RSA1_5 only
/// with `allow_rsa1_5`.
pub fn decryption_algs(
    named: Vec<KeyManagementAlg>,
    mut encs: Vec<ContentEncryptionAlg>,
    keys: Keys,
    allow_rsa1_5: bool,
) -> CliResult<(Vec<KeyManagementAlg>, Vec<ContentEncryptionAlg>)> {
    let algs = if named.is_empty() {
        let algs = own_algs(&keys, "JWE", "--alg", |a| match a {
            Algorithm::KeyManagement(k) => Some(*k),
            Algorithm::ContentEncryption(_) => Some(KeyManagementAlg::Dir),
            _ => None,
        })?;
        if encs.is_empty() && algs.iter().all(|a| *a == KeyManagementAlg::Dir) {
            // Only dir keys: those naming their enc limit it (if all of them do).
            encs = own_algs(&keys, "JWE", "--alg", |a| match a {
                Algorithm::ContentEncryption(e) => Some(*e),
                _ => None,
            })
            .unwrap_or_default();
        }
        algs
    } else {
        named
    };
    if algs.contains(&KeyManagementAlg::Rsa1_5) && !allow_rsa1_5 {
        return Err(CliError::usage(
            "RSA1_5 is insecure: pass --allow-rsa1-5 to accept it",
        ));
    }
    if encs.is_empty() {
        // DESIGN.md: without --enc every content encryption is accepted (all are
        // authenticated); the library takes that as an explicit list.
        encs = ContentEncryptionAlg::ALL.to_vec();
    }
    Ok((algs, encs))
}
