//! The JWT claims set (RFC 7519 §4): registered claims typed, every other claim kept.

use std::time::Duration;

use serde::Serialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::error::{Claim, ClaimReason, Error, ErrorKind, Result, err};
use crate::json::{self, Object, Strict};
use crate::limits::Limits;

use super::clock::{Clock, unix_now};

/// A JWT claims set.
///
/// The registered claims are typed (`exp`, `nbf`, `iat` as NumericDate seconds; `aud` as one
/// or more strings). A registered claim of the wrong type is an error when the claims are
/// read, whether or not validation asks for it (CVE-2026-25537). Other claims are kept in
/// order as JSON values; [`Claims::deserialize_into`] reads the whole set into a struct of
/// your own.
///
/// ```
/// use std::time::Duration;
/// use jwcrypt::jwt::Claims;
/// let claims = Claims::new()
///     .issuer("https://auth.example")
///     .subject("alice")
///     .audience("api")
///     .issued_now()
///     .expires_in(Duration::from_secs(600))
///     .claim("role", "guest");
/// assert_eq!(claims.get("role"), Some("guest".into()));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Claims {
    iss: Option<String>,
    sub: Option<String>,
    aud: Option<Audience>,
    exp: Option<Date>,
    nbf: Option<Date>,
    iat: Option<Date>,
    jti: Option<String>,
    other: Object,
}

/// The `aud` claim: one string or an array of strings, written back as read.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

/// A NumericDate (RFC 7519 §2): an integer number of seconds, or a finite non-integer one
/// within ±2^53 (PyJWT writes `time.time() + 600`). Fractional values are kept exactly and
/// compared exactly (to the nanosecond, rounded towards refusal).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Date {
    Int(i64),
    Frac(f64),
}

/// The largest magnitude of a fractional NumericDate: 2^53 (every integer below is exact).
const MAX_FRAC: f64 = 9_007_199_254_740_992.0;

const NANOS: i128 = 1_000_000_000;

impl Date {
    /// A fractional NumericDate, or `None` for NaN, an infinity or a value beyond ±2^53.
    fn frac(v: f64) -> Option<Date> {
        if !v.is_finite() || v.abs() > MAX_FRAC {
            return None;
        }
        Some(Date::Frac(v))
    }

    /// The exact value in nanoseconds, rounded down (`up` false) or up.
    fn nanos(self, up: bool) -> i128 {
        match self {
            Date::Int(n) => i128::from(n) * NANOS,
            Date::Frac(v) => {
                let whole = v.trunc();
                let part = v - whole; // exact
                let p = part * 1e9;
                // The exact rounding error of the product (TwoProduct): `p + e` is exact.
                let e = part.mul_add(1e9, -p);
                let r = if up {
                    let c = p.ceil();
                    if c == p && e > 0.0 { c + 1.0 } else { c }
                } else {
                    let f = p.floor();
                    if f == p && e < 0.0 { f - 1.0 } else { f }
                };
                // |whole| <= 2^53 and |r| <= 1e9: both convert exactly.
                i128::from(whole as i64) * NANOS + i128::from(r as i64)
            }
        }
    }

    /// The earliest instant this date may stand for (for `exp` and `max_age`: never later).
    pub(crate) fn floor_nanos(self) -> i128 {
        self.nanos(false)
    }

    /// The latest instant this date may stand for (for `nbf` and `iat`: never earlier).
    pub(crate) fn ceil_nanos(self) -> i128 {
        self.nanos(true)
    }

    fn floor_secs(self) -> i64 {
        match self {
            Date::Int(n) => n,
            Date::Frac(v) => v.floor() as i64,
        }
    }

    fn ceil_secs(self) -> i64 {
        match self {
            Date::Int(n) => n,
            Date::Frac(v) => v.ceil() as i64,
        }
    }

    fn to_value(self) -> Value {
        match self {
            Date::Int(n) => Value::from(n),
            Date::Frac(v) => Value::from(v),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Date::Int(n) => s.serialize_i64(*n),
            Date::Frac(v) => s.serialize_f64(*v),
        }
    }
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

impl Claims {
    /// An empty claims set.
    pub fn new() -> Self {
        Self::default()
    }

    // ----- builders -----

    /// Sets `iss`.
    #[must_use]
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.put(Registered::Iss, Typed::Str(iss.into()));
        self
    }

    /// Sets `sub`.
    #[must_use]
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.put(Registered::Sub, Typed::Str(sub.into()));
        self
    }

    /// Sets `aud` to one audience (written as a string).
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.put(Registered::Aud, Typed::Str(aud.into()));
        self
    }

    /// Sets `aud` to several audiences (written as an array).
    #[must_use]
    pub fn audiences<I, S>(mut self, auds: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let auds = auds.into_iter().map(Into::into).collect();
        self.put(Registered::Aud, Typed::Many(auds));
        self
    }

    /// Sets `exp` to a NumericDate (seconds since the epoch).
    #[must_use]
    pub fn expires_at(mut self, exp: i64) -> Self {
        self.put(Registered::Exp, Typed::Date(Date::Int(exp)));
        self
    }

    /// Sets `exp` to now plus `d`.
    #[must_use]
    pub fn expires_in(self, d: Duration) -> Self {
        self.expires_at(unix_now().saturating_add(secs(d)))
    }

    /// Sets `exp` to `clock`'s now plus `d` (whole seconds).
    ///
    /// ```
    /// use std::time::Duration;
    /// use jwcrypt::jwt::{Claims, FixedClock};
    /// let claims = Claims::new().issued_now_with(&FixedClock(1_000))
    ///     .expires_in_with(Duration::from_secs(3600), &FixedClock(1_000));
    /// assert_eq!((claims.iat(), claims.exp()), (Some(1_000), Some(4_600)));
    /// ```
    #[must_use]
    pub fn expires_in_with(self, d: Duration, clock: &dyn Clock) -> Self {
        self.expires_at(clock.now().saturating_add(secs(d)))
    }

    /// Sets `iat` (and `nbf`, if not set) to `clock`'s now (whole seconds).
    #[must_use]
    pub fn issued_now_with(mut self, clock: &dyn Clock) -> Self {
        let now = clock.now();
        self.put(Registered::Iat, Typed::Date(Date::Int(now)));
        if self.nbf.is_none() {
            self.put(Registered::Nbf, Typed::Date(Date::Int(now)));
        }
        self
    }

    /// Sets `nbf` to a NumericDate.
    #[must_use]
    pub fn not_before(mut self, nbf: i64) -> Self {
        self.put(Registered::Nbf, Typed::Date(Date::Int(nbf)));
        self
    }

    /// Sets `iat` to a NumericDate.
    #[must_use]
    pub fn issued_at(mut self, iat: i64) -> Self {
        self.put(Registered::Iat, Typed::Date(Date::Int(iat)));
        self
    }

    /// Sets `iat` (and `nbf`, if not set) to now.
    #[must_use]
    pub fn issued_now(mut self) -> Self {
        let now = unix_now();
        self.put(Registered::Iat, Typed::Date(Date::Int(now)));
        if self.nbf.is_none() {
            self.put(Registered::Nbf, Typed::Date(Date::Int(now)));
        }
        self
    }

    /// Sets `jti`.
    #[must_use]
    pub fn jwt_id(mut self, jti: impl Into<String>) -> Self {
        self.put(Registered::Jti, Typed::Str(jti.into()));
        self
    }

    /// Sets `jti` to 128 random bits, base64url-encoded.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] if the OS random number generator fails.
    pub fn random_jwt_id(mut self) -> Result<Self> {
        let mut id = [0u8; 16];
        crate::rng::fill(&mut id)?;
        self.put(Registered::Jti, Typed::Str(crate::b64::encode(&id)));
        Ok(self)
    }

    /// Adds (or replaces) a claim. Registered claims given here are type-checked when the
    /// claims are serialized or read back; prefer their typed builders.
    #[must_use]
    pub fn claim(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.set(name, value);
        self
    }

    /// Adds (or replaces) a claim in place. A registered claim given a value of the wrong
    /// type is kept as given, and makes `jwt::signed` and `jwt::encrypted` fail with
    /// [`ErrorKind::InvalidClaim`].
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        let name = name.into();
        let value = value.into();
        if let Some(r) = Registered::of(&name) {
            if let Err(wrong) = self.put_value(r, value) {
                self.other.insert(name, wrong);
            }
        } else {
            self.other.insert(name, value);
        }
    }

    /// Sets registered claim `r` from a JSON value of the right type; gives the value back
    /// (with the claim removed) when its type is wrong.
    fn put_value(&mut self, r: Registered, value: Value) -> std::result::Result<(), Value> {
        let typed = match (r.kind(), value) {
            (Kind::Str | Kind::Aud, Value::String(s)) => Typed::Str(s),
            (Kind::Date, Value::Number(n)) => match n.as_i64() {
                Some(i) => Typed::Date(Date::Int(i)),
                None => match n.as_f64().filter(|_| n.is_f64()).and_then(Date::frac) {
                    Some(d) => Typed::Date(d),
                    None => return self.refuse(r, Value::Number(n)),
                },
            },
            (Kind::Aud, Value::Array(items)) if items.iter().all(Value::is_string) => Typed::Many(
                items
                    .into_iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s),
                        _ => None,
                    })
                    .collect(),
            ),
            (_, value) => return self.refuse(r, value),
        };
        self.put(r, typed);
        Ok(())
    }

    fn refuse(&mut self, r: Registered, value: Value) -> std::result::Result<(), Value> {
        self.remove(r.name());
        Err(value)
    }

    /// Sets registered claim `r` (a value of its type), and drops any other claim by the
    /// same name: a name is in the typed fields or among the others, never both.
    fn put(&mut self, r: Registered, v: Typed) {
        if !self.other.is_empty() {
            let name = r.name();
            self.other.retain(|k, _| k != name);
        }
        self.set_typed(r, v);
    }

    /// Sets registered claim `r`'s field (the reader's path: its other claims never hold a
    /// registered name).
    fn set_typed(&mut self, r: Registered, v: Typed) {
        match (r, v) {
            (Registered::Iss, Typed::Str(s)) => self.iss = Some(s),
            (Registered::Sub, Typed::Str(s)) => self.sub = Some(s),
            (Registered::Jti, Typed::Str(s)) => self.jti = Some(s),
            (Registered::Aud, Typed::Str(s)) => self.aud = Some(Audience::One(s)),
            (Registered::Aud, Typed::Many(v)) => self.aud = Some(Audience::Many(v)),
            (Registered::Exp, Typed::Date(n)) => self.exp = Some(n),
            (Registered::Nbf, Typed::Date(n)) => self.nbf = Some(n),
            (Registered::Iat, Typed::Date(n)) => self.iat = Some(n),
            // Callers pass a value of the claim's type; anything else clears it.
            (r, _) => self.clear_registered(r.name()),
        }
    }

    /// Removes a claim, registered or not.
    pub fn remove(&mut self, name: &str) {
        self.clear_registered(name);
        self.other.retain(|k, _| k != name);
    }

    fn clear_registered(&mut self, name: &str) {
        match name {
            "iss" => self.iss = None,
            "sub" => self.sub = None,
            "aud" => self.aud = None,
            "exp" => self.exp = None,
            "nbf" => self.nbf = None,
            "iat" => self.iat = None,
            "jti" => self.jti = None,
            _ => {}
        }
    }

    /// Adds every member of a serializable value (a struct of your own) as claims.
    ///
    /// # Errors
    /// [`ErrorKind::Json`] if `value` does not serialize to a JSON object;
    /// [`ErrorKind::InvalidClaim`] if it holds a registered claim of the wrong type.
    pub fn with_custom<T: Serialize + ?Sized>(mut self, value: &T) -> Result<Self> {
        let Value::Object(obj) =
            serde_json::to_value(value).map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?
        else {
            return err(
                ErrorKind::Json,
                "custom claims must serialize to a JSON object",
            );
        };
        for (name, value) in obj {
            match Registered::of(&name) {
                Some(r) => self.put_value(r, value).map_err(|_| bad(r))?,
                None => {
                    self.other.insert(name, value);
                }
            }
        }
        Ok(self)
    }

    // ----- accessors -----

    /// `iss`.
    pub fn iss(&self) -> Option<&str> {
        self.iss.as_deref()
    }
    /// `sub`.
    pub fn sub(&self) -> Option<&str> {
        self.sub.as_deref()
    }
    /// `aud`, as a list (one element when it was a string).
    pub fn aud(&self) -> Vec<&str> {
        match &self.aud {
            None => Vec::new(),
            Some(Audience::One(a)) => vec![a.as_str()],
            Some(Audience::Many(v)) => v.iter().map(String::as_str).collect(),
        }
    }
    /// Whether `aud` is present.
    pub fn has_aud(&self) -> bool {
        self.aud.is_some()
    }
    /// `exp`, in whole seconds: a fractional `exp` is rounded down (the token expires no
    /// later than this). [`Claims::get`] gives the exact value.
    pub fn exp(&self) -> Option<i64> {
        self.exp.map(Date::floor_secs)
    }
    /// `nbf`, in whole seconds: a fractional `nbf` is rounded up.
    pub fn nbf(&self) -> Option<i64> {
        self.nbf.map(Date::ceil_secs)
    }
    /// `iat`, in whole seconds: a fractional `iat` is rounded up.
    pub fn iat(&self) -> Option<i64> {
        self.iat.map(Date::ceil_secs)
    }
    pub(crate) fn exp_date(&self) -> Option<Date> {
        self.exp
    }
    pub(crate) fn nbf_date(&self) -> Option<Date> {
        self.nbf
    }
    pub(crate) fn iat_date(&self) -> Option<Date> {
        self.iat
    }
    /// `jti`.
    pub fn jti(&self) -> Option<&str> {
        self.jti.as_deref()
    }

    /// Any claim by name, registered ones included.
    pub fn get(&self, name: &str) -> Option<Value> {
        let typed = match name {
            "iss" => self.iss.clone().map(Value::from),
            "sub" => self.sub.clone().map(Value::from),
            "jti" => self.jti.clone().map(Value::from),
            "exp" => self.exp.map(Date::to_value),
            "nbf" => self.nbf.map(Date::to_value),
            "iat" => self.iat.map(Date::to_value),
            "aud" => self.aud.as_ref().map(Audience::to_value),
            _ => None,
        };
        // A registered claim set with a value of the wrong type is kept with the others.
        typed.or_else(|| self.other.get(name).cloned())
    }

    /// Whether a claim is present.
    pub fn contains(&self, name: &str) -> bool {
        let typed = match name {
            "iss" => self.iss.is_some(),
            "sub" => self.sub.is_some(),
            "jti" => self.jti.is_some(),
            "exp" => self.exp.is_some(),
            "nbf" => self.nbf.is_some(),
            "iat" => self.iat.is_some(),
            "aud" => self.aud.is_some(),
            _ => false,
        };
        typed || self.other.contains_key(name)
    }

    /// The claims other than the registered ones.
    pub fn custom(&self) -> &Object {
        &self.other
    }

    /// Reads the whole claims set (registered claims included) into `T`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidClaim`] if the claims do not fit `T`.
    pub fn deserialize_into<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_str(&self.to_json())
            .map_err(|e| Error::new(ErrorKind::InvalidClaim, e.to_string()))
    }

    // ----- JSON -----

    /// The claims as compact JSON text: registered claims first, then the others in serde_json's map order.
    pub fn to_json(&self) -> String {
        // Serializing strings, integers and JSON values into memory cannot fail.
        self.write_json().unwrap_or_default()
    }

    /// The claims as compact JSON text, refusing a registered claim of the wrong type (set
    /// with [`Claims::set`], and so kept among the other claims).
    pub(crate) fn to_checked_json(&self) -> Result<String> {
        if let Some(r) = self.other.keys().find_map(|k| Registered::of(k)) {
            return Err(bad(r));
        }
        Ok(self.to_json())
    }

    /// About the length of [`Claims::write_json`]'s text (exact for unescaped strings and
    /// short numbers), so that its buffer is not grown while writing.
    fn json_len_hint(&self) -> usize {
        // `"name":` and a comma, or the braces.
        const MEMBER: usize = 7;
        let text = |v: &Option<String>| v.as_ref().map_or(0, |v| MEMBER + v.len() + 2);
        let aud = match &self.aud {
            None => 0,
            Some(Audience::One(a)) => MEMBER + a.len() + 2,
            Some(Audience::Many(v)) => MEMBER + 2 + v.iter().map(|a| a.len() + 3).sum::<usize>(),
        };
        let dates = [self.exp, self.nbf, self.iat].iter().flatten().count() * (MEMBER + 20);
        let other: usize = self
            .other
            .iter()
            .map(|(k, v)| {
                k.len()
                    + 4
                    + match v {
                        Value::String(s) => s.len() + 2,
                        _ => 24,
                    }
            })
            .sum();
        2 + text(&self.iss) + text(&self.sub) + text(&self.jti) + aud + dates + other
    }

    fn write_json(&self) -> std::result::Result<String, serde_json::Error> {
        let mut out = Vec::with_capacity(self.json_len_hint());
        self.serialize_members(&mut serde_json::Serializer::new(&mut out))?;
        String::from_utf8(out).map_err(serde::ser::Error::custom)
    }

    /// The members in [`Claims::to_json`]'s order: registered claims first, then the others.
    fn serialize_members<S: serde::Serializer>(
        &self,
        ser: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = ser.serialize_map(None)?;
        if let Some(v) = &self.iss {
            map.serialize_entry("iss", v)?;
        }
        if let Some(v) = &self.sub {
            map.serialize_entry("sub", v)?;
        }
        match &self.aud {
            Some(Audience::One(a)) => map.serialize_entry("aud", a)?,
            Some(Audience::Many(v)) => map.serialize_entry("aud", v)?,
            None => {}
        }
        for (name, v) in [("exp", self.exp), ("nbf", self.nbf), ("iat", self.iat)] {
            if let Some(v) = v {
                map.serialize_entry(name, &v)?;
            }
        }
        if let Some(v) = &self.jti {
            map.serialize_entry("jti", v)?;
        }
        for (k, v) in &self.other {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }

    /// Reads a claims set from JSON text (strict: one object, no duplicate members, bounded
    /// size and depth).
    ///
    /// # Errors
    /// [`ErrorKind::Json`] for malformed JSON, [`ErrorKind::InvalidClaim`] for a registered
    /// claim of the wrong type, [`ErrorKind::LimitExceeded`] for oversized input.
    pub fn from_json(text: impl AsRef<[u8]>) -> Result<Self> {
        Self::from_json_with_limits(text, &Limits::DEFAULT)
    }

    /// As [`Claims::from_json`], with the given limits (`max_token_len`, `max_json_depth`).
    ///
    /// # Errors
    /// As [`Claims::from_json`].
    pub fn from_json_with_limits(text: impl AsRef<[u8]>, limits: &Limits) -> Result<Self> {
        // One pass straight into the typed fields (tests/claims_differential.rs compares it
        // with a strict parse into a map, then typing): no map of every member to take the
        // registered claims back out of.
        let mut read = ClaimsRead::default();
        let seed = ClaimsSeed {
            strict: Strict::new(limits.max_json_depth),
            read: &mut read,
        };
        if json::parse_with_limited(
            text.as_ref(),
            limits.max_token_len,
            limits.max_json_values,
            seed,
        )? {
            read.finish()
        } else {
            err(ErrorKind::Json, "expected a JSON object")
        }
    }
}

/// The claims as the JSON object of [`Claims::to_json`], so that a [`Claims`] is signed with
/// header members of your own through `jwt::sign_claims`.
/// Fails for a registered claim of the wrong type (set with [`Claims::claim`]).
impl Serialize for Claims {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> std::result::Result<S::Ok, S::Error> {
        if let Some(r) = self.other.keys().find_map(|k| Registered::of(k)) {
            return Err(serde::ser::Error::custom(bad(r).message()));
        }
        self.serialize_members(ser)
    }
}

impl Audience {
    fn to_value(&self) -> Value {
        match self {
            Audience::One(a) => Value::from(a.clone()),
            Audience::Many(v) => Value::from(v.clone()),
        }
    }
}

/// The error for registered claim `r` given a value of the wrong type.
fn bad(r: Registered) -> Error {
    let what = match r.kind() {
        Kind::Str => "a string",
        Kind::Aud => "a string or an array of strings",
        Kind::Date => "a NumericDate (a finite number of seconds within 2^53)",
    };
    Error::claim_failure(
        Claim::from_name(r.name()),
        ClaimReason::Malformed,
        format!("claim {:?} must be {what}", r.name()),
    )
}

// ----- the one-pass reader behind `from_json` -----

/// A registered claim.
#[derive(Clone, Copy)]
enum Registered {
    Iss,
    Sub,
    Aud,
    Exp,
    Nbf,
    Iat,
    Jti,
}

impl Registered {
    fn of(name: &str) -> Option<Self> {
        Some(match name {
            "iss" => Self::Iss,
            "sub" => Self::Sub,
            "aud" => Self::Aud,
            "exp" => Self::Exp,
            "nbf" => Self::Nbf,
            "iat" => Self::Iat,
            "jti" => Self::Jti,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Iss => "iss",
            Self::Sub => "sub",
            Self::Aud => "aud",
            Self::Exp => "exp",
            Self::Nbf => "nbf",
            Self::Iat => "iat",
            Self::Jti => "jti",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    fn kind(self) -> Kind {
        match self {
            Self::Iss | Self::Sub | Self::Jti => Kind::Str,
            Self::Aud => Kind::Aud,
            Self::Exp | Self::Nbf | Self::Iat => Kind::Date,
        }
    }
}

/// A member name: a registered claim (matched without allocating, escapes decoded by
/// serde_json first) or any other name.
enum Key {
    Registered(Registered),
    Other(String),
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Key, E> {
        Ok(Registered::of(v).map_or_else(|| Key::Other(v.to_owned()), Key::Registered))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Key, E> {
        Ok(Registered::of(&v).map_or(Key::Other(v), Key::Registered))
    }
}

/// The type a registered claim must have.
#[derive(Clone, Copy)]
enum Kind {
    /// A string (`iss`, `sub`, `jti`, and each element of an `aud` array).
    Str,
    /// A string or an array of strings.
    Aud,
    /// An integer that fits an `i64`, or a finite fractional number within ±2^53.
    Date,
}

/// A registered claim's value as read; `Wrong` for a value of another type, refused (with
/// `from_object`'s error) only once the whole text has parsed, as `from_object` would.
enum Typed {
    Str(String),
    Many(Vec<String>),
    Date(Date),
    Wrong,
}

/// Reads one registered claim's value. A value of the wrong type is still read through
/// `strict` (duplicates refused and depth bounded inside it, exactly as for any value).
struct TypedSeed {
    kind: Kind,
    strict: Strict,
}

impl<'de> DeserializeSeed<'de> for TypedSeed {
    type Value = Typed;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Typed, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TypedSeed {
    type Value = Typed;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Typed, E> {
        Ok(Typed::Wrong)
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Typed, E> {
        Ok(match self.kind {
            Kind::Date => Typed::Date(Date::Int(v)),
            Kind::Str | Kind::Aud => Typed::Wrong,
        })
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Typed, E> {
        Ok(match (self.kind, i64::try_from(v)) {
            (Kind::Date, Ok(v)) => Typed::Date(Date::Int(v)),
            _ => Typed::Wrong,
        })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Typed, E> {
        // A fractional NumericDate (RFC 7519 §2); `1.0`, `1e3`, `-0` are floats to serde_json
        // and are kept as written. NaN and infinities never reach here from JSON text.
        self.strict.visit_f64(v)?;
        Ok(match self.kind {
            Kind::Date => Date::frac(v).map_or(Typed::Wrong, Typed::Date),
            Kind::Str | Kind::Aud => Typed::Wrong,
        })
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Typed, E> {
        Ok(match self.kind {
            Kind::Str | Kind::Aud => Typed::Str(v.to_owned()),
            Kind::Date => Typed::Wrong,
        })
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Typed, E> {
        Ok(match self.kind {
            Kind::Str | Kind::Aud => Typed::Str(v),
            Kind::Date => Typed::Wrong,
        })
    }
    fn visit_unit<E>(self) -> std::result::Result<Typed, E> {
        Ok(Typed::Wrong)
    }
    fn visit_none<E>(self) -> std::result::Result<Typed, E> {
        Ok(Typed::Wrong)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Typed, A::Error> {
        let Kind::Aud = self.kind else {
            return self.strict.visit_seq(seq).map(|_| Typed::Wrong);
        };
        // As `Strict::visit_seq`, each element a string.
        let mut out = Vec::new();
        let mut wrong = false;
        while let Some(v) = seq.next_element_seed(TypedSeed {
            kind: Kind::Str,
            strict: self.strict.nested()?,
        })? {
            match v {
                Typed::Str(s) if !wrong => out.push(s),
                _ => wrong = true,
            }
        }
        Ok(if wrong {
            Typed::Wrong
        } else {
            Typed::Many(out)
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Typed, A::Error> {
        self.strict.visit_map(map).map(|_| Typed::Wrong)
    }
}

/// Reads a claims set into `read`; `false` when the text is one JSON value other than an
/// object. (Filled in place: the claims are not moved through serde_json's layers.)
struct ClaimsSeed<'a> {
    /// As `parse_object`'s seed: the claims object is the first level.
    strict: Strict,
    read: &'a mut ClaimsRead,
}

impl<'de> DeserializeSeed<'de> for ClaimsSeed<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

/// Other JSON values are read through `Strict` (so that they fail as `parse_object` fails),
/// then refused.
macro_rules! not_an_object {
    ($($visit:ident($($arg:ident: $ty:ty)?);)*) => {$(
        fn $visit<E: de::Error>(self $(, $arg: $ty)?) -> std::result::Result<bool, E> {
            self.strict.$visit($($arg)?).map(|_| false)
        }
    )*};
}

impl<'de> Visitor<'de> for ClaimsSeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    not_an_object! {
        visit_bool(v: bool);
        visit_i64(v: i64);
        visit_u64(v: u64);
        visit_f64(v: f64);
        visit_str(v: &str);
        visit_unit();
        visit_none();
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<bool, A::Error> {
        self.strict.visit_seq(seq).map(|_| false)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<bool, A::Error> {
        let read = self.read;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key {
                Key::Registered(r) => {
                    let bit = r.bit();
                    if read.seen & bit != 0 {
                        return Err(de::Error::custom(format_args!(
                            "duplicate member {:?}",
                            r.name()
                        )));
                    }
                    read.seen |= bit;
                    let v = map.next_value_seed(TypedSeed {
                        kind: r.kind(),
                        strict: self.strict.nested()?,
                    })?;
                    read.put(r, v);
                }
                Key::Other(name) => match read.claims.other.entry(name) {
                    serde_json::map::Entry::Occupied(o) => {
                        return Err(de::Error::custom(format_args!(
                            "duplicate member {:?}",
                            o.key()
                        )));
                    }
                    serde_json::map::Entry::Vacant(slot) => {
                        slot.insert(map.next_value_seed(self.strict.nested()?)?);
                    }
                },
            }
        }
        Ok(true)
    }
}

/// A claims object being read: the claims whose values had the right type, and which did not.
#[derive(Default)]
struct ClaimsRead {
    claims: Claims,
    /// One [`Registered::bit`] per registered claim met, to refuse a second one.
    seen: u8,
    /// One [`Registered::bit`] per registered claim of the wrong type.
    wrong: u8,
}

impl ClaimsRead {
    fn put(&mut self, r: Registered, v: Typed) {
        match v {
            Typed::Wrong => self.wrong |= r.bit(),
            v => self.claims.set_typed(r, v),
        }
    }

    /// The claims, or the error for the first wrong-typed claim in the order `iss`, `sub`,
    /// `aud`, `exp`, `nbf`, `iat`, `jti`.
    fn finish(self) -> Result<Claims> {
        if self.wrong == 0 {
            return Ok(self.claims);
        }
        let first = [
            Registered::Iss,
            Registered::Sub,
            Registered::Aud,
            Registered::Exp,
            Registered::Nbf,
            Registered::Iat,
            Registered::Jti,
        ]
        .into_iter()
        .find(|r| self.wrong & r.bit() != 0)
        .unwrap_or(Registered::Iss);
        Err(bad(first))
    }
}

#[cfg(test)]
mod tests;
