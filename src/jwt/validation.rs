//! Claim validation (RFC 7519 §4.1, RFC 8725 §3): time claims with leeway, expected issuer,
//! audience, subject, token type, required claims; time from a replaceable clock.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::claims::Claims;
use super::clock::{Clock, SystemClock};
use std::borrow::Cow;

use crate::error::{Claim, ClaimReason, Error, Result};

/// What a token's claims must satisfy.
///
/// It cannot be half-configured: `exp` is required unless switched off by name
/// ([`Validation::allow_missing_exp`]); naming an expected `iss`, `aud`, `sub` or `jti` makes
/// that claim required; `nbf` and `iat` are checked whenever present. A token that has an
/// `aud` claim is refused unless one of its audiences is expected (RFC 7519 §4.1.3: a
/// recipient that does not find itself in `aud` must reject the token), or the check is
/// switched off by name ([`Validation::accept_any_audience`]).
///
/// Times are NumericDates (seconds; fractional ones compared exactly, to the nanosecond, rounded towards refusal). With leeway `L` and current time `now`, a token
/// is accepted when `now < exp + L`, `nbf <= now + L`, `iat <= now + L`, and with
/// [`Validation::max_age`] `A`, `now <= iat + A + L`.
///
/// ```
/// use std::time::Duration;
/// use jwcrypt::jwt::{Claims, Validation, FixedClock};
/// let v = Validation::new()
///     .issuer("https://auth.example")
///     .audience("api")
///     .leeway(Duration::from_secs(30))
///     .clock(FixedClock(1_000));
/// let ok = Claims::new().issuer("https://auth.example").audience("api").expires_at(1_010);
/// assert!(v.validate(&ok).is_ok());
/// assert!(v.validate(&ok.clone().expires_at(900)).is_err()); // expired, beyond leeway
/// ```
#[derive(Clone)]
pub struct Validation {
    leeway: i64,
    require_exp: bool,
    max_age: Option<i64>,
    issuers: Vec<String>,
    audiences: Vec<String>,
    any_audience: bool,
    subject: Option<String>,
    jti: Option<String>,
    typ: Option<String>,
    required: Vec<String>,
    clock: Arc<dyn Clock>,
}

impl Default for Validation {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Validation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validation")
            .field("leeway", &self.leeway)
            .field("require_exp", &self.require_exp)
            .field("max_age", &self.max_age)
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("any_audience", &self.any_audience)
            .field("subject", &self.subject)
            .field("jti", &self.jti)
            .field("typ", &self.typ)
            .field("required", &self.required)
            .finish_non_exhaustive()
    }
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

fn fail(claim: Claim, reason: ClaimReason, message: impl Into<Cow<'static, str>>) -> Error {
    Error::claim_failure(claim, reason, message)
}

impl Validation {
    /// The defaults: `exp` required, 60 s leeway, system clock, nothing else expected.
    pub fn new() -> Self {
        Self {
            leeway: 60,
            require_exp: true,
            max_age: None,
            issuers: Vec::new(),
            audiences: Vec::new(),
            any_audience: false,
            subject: None,
            jti: None,
            typ: None,
            required: Vec::new(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Sets the leeway for `exp`, `nbf` and `iat` (default 60 s).
    #[must_use]
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = secs(leeway);
        self
    }

    /// Accepts tokens without `exp` (tokens that have one are still checked).
    #[must_use]
    pub fn allow_missing_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// Requires `iat` and rejects tokens issued longer than `max_age` ago.
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(secs(max_age));
        self
    }

    /// Requires `iss` to be this issuer (call again to accept one of several).
    #[must_use]
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.issuers.push(iss.into());
        self
    }

    /// Expects exactly this issuer, replacing any named before (for a discovered issuer).
    #[cfg_attr(not(feature = "remote"), allow(dead_code))]
    pub(crate) fn only_issuer(mut self, iss: String) -> Self {
        self.issuers = vec![iss];
        self
    }

    /// Requires `aud` to contain this audience (call again to accept one of several).
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.audiences.push(aud.into());
        self
    }

    /// Accepts a token whatever its `aud` claim says, when no audience is expected (by
    /// default a token with an `aud` claim needs an expected audience). Use it only where
    /// the audience is checked some other way.
    #[must_use]
    pub fn accept_any_audience(mut self) -> Self {
        self.any_audience = true;
        self
    }

    /// Requires `sub` to be this subject.
    #[must_use]
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.subject = Some(sub.into());
        self
    }

    /// Requires `jti` to be this ID.
    #[must_use]
    pub fn jwt_id(mut self, jti: impl Into<String>) -> Self {
        self.jti = Some(jti.into());
        self
    }

    /// Requires the token's header `typ` to be this type, compared without case and with an
    /// optional `application/` prefix (RFC 7515 §4.1.9), e.g. `JWT`, `at+jwt`. For a nested
    /// JWT the inner (signed) token's `typ` is checked (RFC 8725 §3.11).
    #[must_use]
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Requires a claim to be present.
    #[must_use]
    pub fn require(mut self, claim: impl Into<String>) -> Self {
        self.required.push(claim.into());
        self
    }

    /// Uses `clock` for the current time.
    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks the claims.
    ///
    /// # Errors
    /// [`crate::ErrorKind::ClaimValidation`] for the first rule the claims break, with
    /// [`Error::claim`] saying which claim and why ([`ClaimReason::Expired`] for an `exp`
    /// past, or an `iat` older than [`Validation::max_age`]; [`ClaimReason::NotYetValid`]
    /// for an `nbf` or `iat` in the future; [`ClaimReason::Missing`] for a required claim;
    /// [`ClaimReason::Mismatch`] for an unexpected `iss`, `aud`, `sub` or `jti`).
    pub fn validate(&self, claims: &Claims) -> Result<()> {
        use ClaimReason::{Expired, Mismatch, Missing, NotYetValid};
        // Compared exactly, in nanoseconds (i128: no overflow for any i64 seconds); a
        // fractional date is rounded towards refusal.
        const NS: i128 = 1_000_000_000;
        let now = self.clock.now_nanos();
        let leeway = i128::from(self.leeway) * NS;
        match claims.exp_date() {
            Some(exp) if now >= exp.floor_nanos().saturating_add(leeway) => {
                return Err(fail(Claim::Exp, Expired, "the token has expired (exp)"));
            }
            None if self.require_exp => {
                return Err(fail(Claim::Exp, Missing, "the token has no exp claim"));
            }
            _ => {}
        }
        if let Some(nbf) = claims.nbf_date()
            && now.saturating_add(leeway) < nbf.ceil_nanos()
        {
            return Err(fail(
                Claim::Nbf,
                NotYetValid,
                "the token is not valid yet (nbf)",
            ));
        }
        if let Some(iat) = claims.iat_date()
            && iat.ceil_nanos() > now.saturating_add(leeway)
        {
            return Err(fail(
                Claim::Iat,
                NotYetValid,
                "the token was issued in the future (iat)",
            ));
        }
        if let Some(max_age) = self.max_age {
            match claims.iat_date() {
                None => return Err(fail(Claim::Iat, Missing, "the token has no iat claim")),
                Some(iat)
                    if now
                        > iat
                            .floor_nanos()
                            .saturating_add(i128::from(max_age) * NS)
                            .saturating_add(leeway) =>
                {
                    return Err(fail(Claim::Iat, Expired, "the token is too old (iat)"));
                }
                _ => {}
            }
        }
        if !self.issuers.is_empty() {
            match claims.iss() {
                None => return Err(fail(Claim::Iss, Missing, "the token has no iss claim")),
                Some(iss) if !self.issuers.iter().any(|i| i == iss) => {
                    return Err(fail(
                        Claim::Iss,
                        Mismatch,
                        "the token's issuer (iss) is not accepted",
                    ));
                }
                _ => {}
            }
        }
        if self.audiences.is_empty() {
            if claims.has_aud() && !self.any_audience {
                return Err(fail(
                    Claim::Aud,
                    Mismatch,
                    "the token has an audience (aud) but no audience is expected",
                ));
            }
        } else {
            if !claims.has_aud() {
                return Err(fail(Claim::Aud, Missing, "the token has no aud claim"));
            }
            let aud = claims.aud();
            if !aud.iter().any(|a| self.audiences.iter().any(|e| e == a)) {
                return Err(fail(
                    Claim::Aud,
                    Mismatch,
                    "the token's audience (aud) is not accepted",
                ));
            }
        }
        if let Some(sub) = &self.subject {
            match claims.sub() {
                None => return Err(fail(Claim::Sub, Missing, "the token has no sub claim")),
                Some(s) if s != sub => {
                    return Err(fail(
                        Claim::Sub,
                        Mismatch,
                        "the token's subject (sub) is not the expected one",
                    ));
                }
                _ => {}
            }
        }
        if let Some(jti) = &self.jti {
            match claims.jti() {
                None => return Err(fail(Claim::Jti, Missing, "the token has no jti claim")),
                Some(j) if j != jti => {
                    return Err(fail(
                        Claim::Jti,
                        Mismatch,
                        "the token's ID (jti) is not the expected one",
                    ));
                }
                _ => {}
            }
        }
        if let Some(missing) = self.required.iter().find(|c| !claims.contains(c)) {
            return Err(fail(
                Claim::from_name(missing),
                Missing,
                format!("the token has no {:?} claim", crate::jwa::shorten(missing)),
            ));
        }
        Ok(())
    }

    /// Checks a header `typ` against the expected one, if any.
    pub(crate) fn check_typ(&self, typ: Option<&str>) -> Result<()> {
        use ClaimReason::{Mismatch, Missing};
        let Some(expected) = &self.typ else {
            return Ok(());
        };
        let norm = |s: &str| {
            let s = s.to_ascii_lowercase();
            s.strip_prefix("application/")
                .map(str::to_owned)
                .unwrap_or(s)
        };
        let reason = match typ {
            Some(t) if norm(t) == norm(expected) => return Ok(()),
            Some(_) => Mismatch,
            None => Missing,
        };
        Err(fail(
            Claim::Typ,
            reason,
            format!("the token's typ is not {:?}", crate::jwa::shorten(expected)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::FixedClock;

    fn at(now: i64) -> Validation {
        Validation::new().clock(FixedClock(now))
    }

    #[test]
    fn exp_boundaries_with_leeway() {
        let c = Claims::new().expires_at(1000);
        assert!(at(1059).validate(&c).is_ok());
        assert!(at(1060).validate(&c).is_err());
        let strict = at(1000).leeway(Duration::ZERO);
        assert!(strict.validate(&c).is_err());
        assert!(at(999).leeway(Duration::ZERO).validate(&c).is_ok());
    }

    #[test]
    fn exp_required_unless_switched_off() {
        let c = Claims::new();
        assert!(at(0).validate(&c).is_err());
        assert!(at(0).allow_missing_exp().validate(&c).is_ok());
    }

    #[test]
    fn nbf_and_iat() {
        let c = Claims::new().expires_at(10_000).not_before(1000);
        assert!(at(940).validate(&c).is_ok());
        assert!(at(939).validate(&c).is_err());
        let c = Claims::new().expires_at(10_000).issued_at(1000);
        assert!(at(940).validate(&c).is_ok());
        assert!(at(939).validate(&c).is_err());
        let v = at(2000).max_age(Duration::from_secs(100));
        assert!(v.validate(&c).is_err());
        assert!(
            at(1100)
                .max_age(Duration::from_secs(100))
                .validate(&c)
                .is_ok()
        );
        assert!(v.validate(&Claims::new().expires_at(10_000)).is_err());
    }

    #[test]
    fn expected_values_make_claims_required() {
        let base = Claims::new().expires_at(10_000);
        let v = at(0)
            .issuer("a")
            .issuer("b")
            .audience("x")
            .subject("s")
            .jwt_id("j");
        assert!(v.validate(&base).is_err());
        let good = base
            .clone()
            .issuer("b")
            .audiences(["y", "x"])
            .subject("s")
            .jwt_id("j");
        assert!(v.validate(&good).is_ok());
        assert!(v.validate(&good.clone().issuer("c")).is_err());
        assert!(v.validate(&good.clone().audiences(["y"])).is_err());
        assert!(
            v.validate(&good.clone().audiences(Vec::<String>::new()))
                .is_err()
        );
        assert!(v.validate(&good.clone().subject("t")).is_err());
        assert!(v.validate(&good.clone().jwt_id("k")).is_err());
        assert!(at(0).require("role").validate(&base).is_err());
        assert!(
            at(0)
                .require("role")
                .validate(&base.claim("role", "x"))
                .is_ok()
        );
    }

    #[test]
    fn typ_comparison() {
        let v = at(0).typ("at+jwt");
        assert!(v.check_typ(Some("application/AT+JWT")).is_ok());
        assert!(v.check_typ(Some("JWT")).is_err());
        assert!(v.check_typ(None).is_err());
        assert!(at(0).check_typ(None).is_ok());
    }
}
