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
    /// A claim is malformed (for example `exp` that is not a number), or the claims do not
    /// fit the caller's type. [`Error::claim`] names the claim when there is one.
    InvalidClaim,
    /// A claim failed validation (expired, not yet valid, wrong issuer or audience...).
    /// [`Error::claim`] says which claim and why.
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
    claim: Option<ClaimError>,
}

/// The claim a [`ClaimError`] is about (RFC 7519 §4.1 names; `Typ` is the header's `typ`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `exp`, the expiration time.
    Exp,
    /// `nbf`, the time before which the token is not valid.
    Nbf,
    /// `iat`, the time the token was issued.
    Iat,
    /// `iss`, the issuer.
    Iss,
    /// `aud`, the audience.
    Aud,
    /// `sub`, the subject.
    Sub,
    /// `jti`, the token's ID.
    Jti,
    /// The `typ` header parameter (RFC 7519 §5.1), checked by `jwt::Validation::typ`.
    Typ,
    /// Any other claim, named by `jwt::Validation::require`.
    Other(String),
}

impl Claim {
    /// The claim named `name` (a registered name gives its own variant).
    pub fn from_name(name: &str) -> Self {
        match name {
            "exp" => Self::Exp,
            "nbf" => Self::Nbf,
            "iat" => Self::Iat,
            "iss" => Self::Iss,
            "aud" => Self::Aud,
            "sub" => Self::Sub,
            "jti" => Self::Jti,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The claim's name, as in the token.
    pub fn name(&self) -> &str {
        match self {
            Self::Exp => "exp",
            Self::Nbf => "nbf",
            Self::Iat => "iat",
            Self::Iss => "iss",
            Self::Aud => "aud",
            Self::Sub => "sub",
            Self::Jti => "jti",
            Self::Typ => "typ",
            Self::Other(name) => name,
        }
    }
}

/// Why a claim was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClaimReason {
    /// The token has expired: `exp` is past, or (with `jwt::Validation::max_age`)
    /// `iat` is older than the maximum age allowed.
    Expired,
    /// The token is not valid yet: `nbf` is in the future, or `iat` is (a token issued in the
    /// future is not valid yet, whatever its other claims say).
    NotYetValid,
    /// The claim is present but not the expected value (issuer, audience, subject, ID, `typ`,
    /// or a claim replicated in the JWE header that differs from the claims).
    Mismatch,
    /// The claim is required and absent.
    Missing,
    /// The claim has the wrong type (a string `exp`, a number `iss`...), whether or not it
    /// was asked for.
    Malformed,
}

/// Which claim failed and why: see [`Error::claim`].
///
/// ```
/// use jwcrypt::error::{Claim, ClaimReason};
/// use jwcrypt::jwt::{Claims, FixedClock, Validation};
/// let e = Validation::new().clock(FixedClock(1_000)).validate(&Claims::new().expires_at(10)).unwrap_err();
/// let why = e.claim().expect("a claim error");
/// assert_eq!((why.claim(), why.reason()), (&Claim::Exp, ClaimReason::Expired));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClaimError {
    claim: Claim,
    reason: ClaimReason,
}

impl ClaimError {
    /// The claim.
    pub fn claim(&self) -> &Claim {
        &self.claim
    }

    /// Why it was refused.
    pub fn reason(&self) -> ClaimReason {
        self.reason
    }
}

impl Error {
    /// An error of `kind` with a message saying what is wrong.
    //
    // Every constructor is `#[cold]`: a failure path is never the one to optimize, and the
    // mark lets the compiler move the code that builds an error out of the hot paths'
    // cache lines.
    #[cold]
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Self(Box::new(Inner {
            kind,
            message: message.into(),
            claim: None,
        }))
    }

    /// A claim error: [`ErrorKind::InvalidClaim`] for a [`ClaimReason::Malformed`] claim,
    /// [`ErrorKind::ClaimValidation`] for the other reasons.
    #[cold]
    pub(crate) fn claim_failure(
        claim: Claim,
        reason: ClaimReason,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        let kind = match reason {
            ClaimReason::Malformed => ErrorKind::InvalidClaim,
            _ => ErrorKind::ClaimValidation,
        };
        Self(Box::new(Inner {
            kind,
            message: message.into(),
            claim: Some(ClaimError { claim, reason }),
        }))
    }

    /// The one decryption error: the same kind and text for every failure.
    #[cold]
    pub fn decryption() -> Self {
        Self::new(ErrorKind::Decryption, "the token could not be decrypted")
    }

    /// The one signature error: the same kind and text for every failure.
    #[cold]
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

    /// For a claim that failed to parse or validate, which claim and why; `None` for every
    /// other error (and for claims that do not fit the caller's type as a whole).
    pub fn claim(&self) -> Option<&ClaimError> {
        self.0.claim.as_ref()
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("message", &self.0.message)
            .field("claim", &self.0.claim)
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
#[cold]
pub(crate) fn err<T>(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Result<T> {
    Err(Error::new(kind, message))
}
