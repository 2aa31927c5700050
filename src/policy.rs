//! What a reader of untrusted tokens accepts, in one value: [`Policy`].

use std::time::Duration;

use crate::jwa::{ContentEncryptionAlg, KeyManagementAlg, SigningAlg};
use crate::limits::Limits;

/// What a reader of untrusted tokens accepts, in one value: the algorithms of each role, the
/// [`Limits`], the clock leeway for JWT time claims, and the `RSA1_5` opt-in.
///
/// Give it to `jws::Verifier::from_policy`, `jwe::Decrypter::from_policy`
/// and `jwt::ReaderBuilder::policy` so that every layer applies the same rules.
///
/// # Defaults
///
/// [`Policy::default`] (= [`Policy::DENY_ALL`]) allows **no algorithm at all**: a verifier
/// or decrypter built from it fails with [`crate::ErrorKind::InvalidArgument`] until the caller
/// names the algorithms it accepts (ATTACKS #34: there is no default algorithm). The other
/// defaults are safe as they are:
///
/// | field | default | why |
/// |---|---|---|
/// | `signing_algs` | none | the caller must name them (no `alg` confusion, no `none`: it cannot be expressed) |
/// | `key_management_algs` | none | the caller must name them |
/// | `content_encryption_algs` | none | the caller must name them |
/// | `limits` | [`Limits::DEFAULT`] | 4 MiB tokens, 16 KiB headers, JSON depth 32, 16 signatures/recipients, 250 kB inflated `zip`, 1 MiB / 1000-key JWK Sets, PBES2 `p2c` at most 16,384 |
/// | `leeway` | 60 s | clock skew between issuer and reader, for `exp`, `nbf`, `iat` |
/// | `allow_rsa1_5` | `false` | `RSA1_5` is open to Bleichenbacher's attack (CVE-2016-6298) and the `rsa` crate's private-key operation is not constant-time (RUSTSEC-2023-0071) |
///
/// [`Policy::recommended`] is a documented starting point that allows `HS256`, `RS256`,
/// `PS256` for signatures, `A256KW`, `RSA-OAEP-256`, `dir` for key management and every
/// content encryption (all are authenticated), with the same safe defaults otherwise. PBES2
/// is in neither: it needs a password and `jwe::Decrypter::with_password`.
/// Whether a key may be used is still decided by the key: its type must fit the algorithm,
/// and its `alg`, `use` and `key_ops` are enforced when present.
///
/// ```
/// use jwcrypt::{Jwk, Policy, SigningAlg, ErrorKind};
/// use jwcrypt::jws::{self, JwsHeader, Verifier};
///
/// let key = Jwk::generate_for(SigningAlg::HS256)?;
/// let token = jws::sign_compact(b"hi", &JwsHeader::new(SigningAlg::HS256), &key)?;
///
/// // The default policy allows nothing: the caller must choose.
/// let e = Verifier::from_policy(&key, &Policy::default()).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::InvalidArgument);
///
/// let policy = Policy::recommended();
/// assert_eq!(Verifier::from_policy(&key, &policy)?.verify(&token)?.payload(), b"hi");
///
/// let only_hs512 = Policy::default().with_signing_algs(&[SigningAlg::HS512]);
/// let e = Verifier::from_policy(&key, &only_hs512)?.verify(&token).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed);
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Policy {
    /// The JWS algorithms accepted. Default: none.
    pub signing_algs: Vec<SigningAlg>,
    /// The JWE key management algorithms accepted. Default: none. `RSA1_5` listed here is
    /// still refused unless `allow_rsa1_5` is also set.
    pub key_management_algs: Vec<KeyManagementAlg>,
    /// The JWE content encryption algorithms accepted. Default: none.
    pub content_encryption_algs: Vec<ContentEncryptionAlg>,
    /// Bounds on untrusted input. Default: [`Limits::DEFAULT`].
    pub limits: Limits,
    /// The clock leeway for the JWT `exp`, `nbf` and `iat` checks. Default: 60 s.
    pub leeway: Duration,
    /// Whether `RSA1_5` key decryption may be used at all (it must also be listed in
    /// `key_management_algs`). Default: `false`.
    pub allow_rsa1_5: bool,
}

impl Policy {
    /// The default policy: no algorithm allowed, [`Limits::DEFAULT`], 60 s leeway, `RSA1_5`
    /// off.
    pub const DENY_ALL: Policy = Policy {
        signing_algs: Vec::new(),
        key_management_algs: Vec::new(),
        content_encryption_algs: Vec::new(),
        limits: Limits::DEFAULT,
        leeway: Duration::from_secs(60),
        allow_rsa1_5: false,
    };

    /// A starting point: `HS256`, `RS256`, `PS256`; `A256KW`, `RSA-OAEP-256`, `dir`; every
    /// content encryption; the other fields as in [`Policy::DENY_ALL`].
    pub fn recommended() -> Self {
        Self {
            signing_algs: vec![SigningAlg::HS256, SigningAlg::RS256, SigningAlg::PS256],
            key_management_algs: vec![
                KeyManagementAlg::A256KW,
                KeyManagementAlg::RsaOaep256,
                KeyManagementAlg::Dir,
            ],
            content_encryption_algs: ContentEncryptionAlg::ALL.to_vec(),
            ..Self::DENY_ALL
        }
    }

    /// Replaces the accepted JWS algorithms.
    #[must_use]
    pub fn with_signing_algs(mut self, algs: &[SigningAlg]) -> Self {
        self.signing_algs = algs.to_vec();
        self
    }

    /// Replaces the accepted JWE key management algorithms.
    #[must_use]
    pub fn with_key_management_algs(mut self, algs: &[KeyManagementAlg]) -> Self {
        self.key_management_algs = algs.to_vec();
        self
    }

    /// Replaces the accepted JWE content encryption algorithms.
    #[must_use]
    pub fn with_content_encryption_algs(mut self, encs: &[ContentEncryptionAlg]) -> Self {
        self.content_encryption_algs = encs.to_vec();
        self
    }

    /// Replaces the limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Replaces the JWT clock leeway.
    #[must_use]
    pub fn with_leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Allows `RSA1_5` key decryption, and adds it to the key management algorithms.
    /// Insecure: see `jwe::Decrypter::allow_rsa1_5_insecure`.
    #[must_use]
    pub fn allow_rsa1_5_insecure(mut self) -> Self {
        self.allow_rsa1_5 = true;
        if !self.key_management_algs.contains(&KeyManagementAlg::Rsa1_5) {
            self.key_management_algs.push(KeyManagementAlg::Rsa1_5);
        }
        self
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self::DENY_ALL
    }
}
