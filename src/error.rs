//! The one error type of the crate.
//!
//! Every fallible function returns [`Result<T>`]. An [`Error`] is opaque: look at its
//! [`ErrorKind`] to decide what to do, and show its `Display` text to people. No error ever
//! carries secret material, and every decryption failure is the same [`ErrorKind::Decryption`]
//! with the same text, so that an attacker learns nothing from which step failed.

use std::borrow::Cow;
use std::fmt;

/// The result type of every fallible jwcrypt function.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in categories a caller can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Base64url text was not strict, unpadded, canonical base64url.
    Base64,
    /// JSON text was malformed, had duplicate members, or had the wrong shape.
    Json,
    /// A key was malformed, inconsistent, too weak, or of an unsupported kind.
    InvalidKey,
    /// PEM or DER key encoding could not be read or written.
    KeyEncoding,
    /// The key does not fit the algorithm (wrong type, wrong size) or the operation
    /// (`use`, `key_ops`, `alg` of the key).
    KeyMismatch,
    /// No key of a key set fits the token (by `kid`, type or algorithm).
    KeyNotFound,
    /// An algorithm name is unknown or not implemented.
    UnsupportedAlgorithm,
    /// The algorithm is known, but the caller did not allow it.
    AlgorithmNotAllowed,
    /// A token's structure is wrong: number of parts, missing members, wrong types.
    MalformedToken,
    /// A JOSE header is invalid: bad parameter, duplicate parameter, unprotected `alg`...
    InvalidHeader,
    /// A `crit` header names a parameter that is not understood or may not be critical.
    UnsupportedCritical,
    /// A signature or MAC did not verify.
    InvalidSignature,
    /// Decryption failed. Deliberately says nothing more.
    Decryption,
    /// Input went over a configured limit (size, depth, count, decompressed size).
    LimitExceeded,
    /// A claim is malformed (for example `exp` that is not a number).
    InvalidClaim,
    /// A claim failed validation (expired, not yet valid, wrong issuer or audience...).
    ClaimValidation,
    /// The token is of another kind than the one expected (a JWE where a JWS was expected,
    /// a nested token where claims were expected...).
    UnexpectedTokenType,
    /// The caller asked for something this API does not allow (a bad parameter value).
    InvalidArgument,
    /// The random number generator or another primitive failed.
    Crypto,
    /// Fetching a remote document (a JWK Set, discovery metadata) failed: connection error,
    /// timeout, an HTTP status other than 200, a redirect (never followed).
    Fetch,
}

impl ErrorKind {
    /// A short, lowercase description of the kind.
    pub const fn description(self) -> &'static str {
        match self {
            Self::Base64 => "invalid base64url",
            Self::Json => "invalid JSON",
            Self::InvalidKey => "invalid key",
            Self::KeyEncoding => "invalid key encoding",
            Self::KeyMismatch => "key does not fit",
            Self::KeyNotFound => "no matching key",
            Self::UnsupportedAlgorithm => "unsupported algorithm",
            Self::AlgorithmNotAllowed => "algorithm not allowed",
            Self::MalformedToken => "malformed token",
            Self::InvalidHeader => "invalid header",
            Self::UnsupportedCritical => "unsupported critical header",
            Self::InvalidSignature => "invalid signature",
            Self::Decryption => "decryption failed",
            Self::LimitExceeded => "limit exceeded",
            Self::InvalidClaim => "invalid claim",
            Self::ClaimValidation => "claim validation failed",
            Self::UnexpectedTokenType => "unexpected token type",
            Self::InvalidArgument => "invalid argument",
            Self::Crypto => "cryptographic failure",
            Self::Fetch => "fetch failed",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// The error of every jwcrypt operation: a kind and a message naming what is wrong.
///
/// The message never holds secret material.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    message: Cow<'static, str>,
}

impl Error {
    /// An error of `kind` with a message saying what is wrong.
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Self(Box::new(Inner {
            kind,
            message: message.into(),
        }))
    }

    /// The one decryption error: the same kind and text for every failure.
    pub fn decryption() -> Self {
        Self::new(ErrorKind::Decryption, "the token could not be decrypted")
    }

    /// The one signature error: the same kind and text for every failure.
    pub fn invalid_signature() -> Self {
        Self::new(ErrorKind::InvalidSignature, "the signature did not verify")
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("message", &self.0.message)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.kind, self.0.message)
    }
}

impl std::error::Error for Error {}

/// Shorthand used inside the crate: `err(kind, "message")`.
pub(crate) fn err<T>(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Result<T> {
    Err(Error::new(kind, message))
}
