//! The JWT claims set (RFC 7519 §4): registered claims typed, every other claim kept.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Result, err};
use crate::json::{self, Object};
use crate::policy::Limits;

/// The names of the registered claims jwcrypt types.
const REGISTERED: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

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
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
    jti: Option<String>,
    other: Object,
}

/// The `aud` claim: one string or an array of strings, written back as read.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

/// Seconds since the Unix epoch, now.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
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
        self.iss = Some(iss.into());
        self
    }

    /// Sets `sub`.
    #[must_use]
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.sub = Some(sub.into());
        self
    }

    /// Sets `aud` to one audience (written as a string).
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.aud = Some(Audience::One(aud.into()));
        self
    }

    /// Sets `aud` to several audiences (written as an array).
    #[must_use]
    pub fn audiences<I, S>(mut self, auds: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.aud = Some(Audience::Many(auds.into_iter().map(Into::into).collect()));
        self
    }

    /// Sets `exp` to a NumericDate (seconds since the epoch).
    #[must_use]
    pub fn expires_at(mut self, exp: i64) -> Self {
        self.exp = Some(exp);
        self
    }

    /// Sets `exp` to now plus `d`.
    #[must_use]
    pub fn expires_in(self, d: Duration) -> Self {
        self.expires_at(unix_now().saturating_add(secs(d)))
    }

    /// Sets `nbf` to a NumericDate.
    #[must_use]
    pub fn not_before(mut self, nbf: i64) -> Self {
        self.nbf = Some(nbf);
        self
    }

    /// Sets `iat` to a NumericDate.
    #[must_use]
    pub fn issued_at(mut self, iat: i64) -> Self {
        self.iat = Some(iat);
        self
    }

    /// Sets `iat` (and `nbf`, if not set) to now.
    #[must_use]
    pub fn issued_now(mut self) -> Self {
        let now = unix_now();
        self.iat = Some(now);
        self.nbf.get_or_insert(now);
        self
    }

    /// Sets `jti`.
    #[must_use]
    pub fn jwt_id(mut self, jti: impl Into<String>) -> Self {
        self.jti = Some(jti.into());
        self
    }

    /// Sets `jti` to 128 random bits, base64url-encoded.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] if the OS random number generator fails.
    pub fn random_jwt_id(mut self) -> Result<Self> {
        let mut id = [0u8; 16];
        crate::rng::fill(&mut id)?;
        self.jti = Some(crate::b64::encode(&id));
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
    /// type is kept as given, and makes [`crate::jwt::signed`] and
    /// [`crate::jwt::encrypted`] fail with [`ErrorKind::InvalidClaim`].
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        let name = name.into();
        let value = value.into();
        if REGISTERED.contains(&name.as_str()) {
            let mut one = Object::new();
            one.insert(name.clone(), value.clone());
            self.clear_registered(&name);
            self.other.shift_remove(&name);
            // A registered name goes to its typed field when the value has the right type.
            if let Ok(typed) = Self::from_object(one) {
                self.merge_registered(typed);
                return;
            }
        }
        self.other.insert(name, value);
    }

    /// Removes a claim, registered or not.
    pub fn remove(&mut self, name: &str) {
        self.clear_registered(name);
        self.other.shift_remove(name);
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
        let mut all = self.to_object();
        all.extend(obj);
        self = Self::from_object(all)?;
        Ok(self)
    }

    fn merge_registered(&mut self, typed: Claims) {
        macro_rules! take {
            ($($f:ident),*) => { $( if typed.$f.is_some() { self.$f = typed.$f; } )* };
        }
        take!(iss, sub, aud, exp, nbf, iat, jti);
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
    /// `exp`.
    pub fn exp(&self) -> Option<i64> {
        self.exp
    }
    /// `nbf`.
    pub fn nbf(&self) -> Option<i64> {
        self.nbf
    }
    /// `iat`.
    pub fn iat(&self) -> Option<i64> {
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
            "exp" => self.exp.map(Value::from),
            "nbf" => self.nbf.map(Value::from),
            "iat" => self.iat.map(Value::from),
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
        serde_json::from_value(Value::Object(self.to_object()))
            .map_err(|e| Error::new(ErrorKind::InvalidClaim, e.to_string()))
    }

    // ----- JSON -----

    /// The claims as a JSON object: registered claims first, then the others in order.
    pub fn to_object(&self) -> Object {
        let mut obj = Object::new();
        let mut put = |name: &str, v: Option<Value>| {
            if let Some(v) = v {
                obj.insert(name.into(), v);
            }
        };
        put("iss", self.iss.clone().map(Value::from));
        put("sub", self.sub.clone().map(Value::from));
        put("aud", self.aud.as_ref().map(Audience::to_value));
        put("exp", self.exp.map(Value::from));
        put("nbf", self.nbf.map(Value::from));
        put("iat", self.iat.map(Value::from));
        put("jti", self.jti.clone().map(Value::from));
        for (k, v) in &self.other {
            obj.insert(k.clone(), v.clone());
        }
        obj
    }

    /// The claims as compact JSON text.
    pub fn to_json(&self) -> String {
        // Written directly (no intermediate object); the same text as serializing
        // `to_object()`, which is kept for the unusual case of a registered name among the
        // other claims.
        if !self.other.keys().any(|k| REGISTERED.contains(&k.as_str()))
            && let Ok(text) = self.write_json()
        {
            return text;
        }
        Value::Object(self.to_object()).to_string()
    }

    /// The claims as compact JSON text, refusing a registered claim of the wrong type.
    pub(crate) fn to_checked_json(&self) -> Result<String> {
        if let Some(name) = self.other.keys().find(|k| REGISTERED.contains(&k.as_str())) {
            let mut one = Object::new();
            if let Some(v) = self.other.get(name) {
                one.insert(name.clone(), v.clone());
            }
            Self::from_object(one)?;
        }
        Ok(self.to_json())
    }

    fn write_json(&self) -> std::result::Result<String, serde_json::Error> {
        use serde::ser::{SerializeMap, Serializer};
        let mut out = Vec::with_capacity(256);
        let mut ser = serde_json::Serializer::new(&mut out);
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
        map.end()?;
        String::from_utf8(out).map_err(serde::ser::Error::custom)
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
        let obj = json::parse_object(text.as_ref(), limits.max_token_len, limits.max_json_depth)?;
        Self::from_object(obj)
    }

    /// Builds claims from a JSON object, checking the registered claims' types.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidClaim`] for a registered claim of the wrong type.
    pub fn from_object(mut obj: Object) -> Result<Self> {
        Ok(Self {
            iss: take_string(&mut obj, "iss")?,
            sub: take_string(&mut obj, "sub")?,
            aud: take_audience(&mut obj)?,
            exp: take_numeric_date(&mut obj, "exp")?,
            nbf: take_numeric_date(&mut obj, "nbf")?,
            iat: take_numeric_date(&mut obj, "iat")?,
            jti: take_string(&mut obj, "jti")?,
            other: obj,
        })
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

fn bad(name: &str, what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidClaim,
        format!("claim {name:?} must be {what}"),
    )
}

fn take_string(obj: &mut Object, name: &str) -> Result<Option<String>> {
    match obj.remove(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(bad(name, "a string")),
    }
}

/// A NumericDate: an integer number of seconds. Strings, booleans, objects, fractions and
/// out-of-range numbers are errors (a malformed claim is never "absent").
fn take_numeric_date(obj: &mut Object, name: &str) -> Result<Option<i64>> {
    match obj.remove(name) {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| bad(name, "an integer NumericDate")),
        Some(_) => Err(bad(name, "an integer NumericDate")),
    }
}

fn take_audience(obj: &mut Object) -> Result<Option<Audience>> {
    match obj.remove("aud") {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(Audience::One(s))),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                _ => Err(bad("aud", "a string or an array of strings")),
            })
            .collect::<Result<Vec<_>>>()
            .map(|v| Some(Audience::Many(v))),
        Some(_) => Err(bad("aud", "a string or an array of strings")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_claims_are_typed() {
        let c = Claims::from_json(
            r#"{"iss":"a","aud":["x","y"],"exp":10,"nbf":5,"iat":4,"jti":"j","n":{"deep":[1]}}"#,
        )
        .unwrap();
        assert_eq!(c.iss(), Some("a"));
        assert_eq!(c.aud(), ["x", "y"]);
        assert_eq!((c.exp(), c.nbf(), c.iat()), (Some(10), Some(5), Some(4)));
        assert_eq!(c.custom().len(), 1);
        let back = Claims::from_json(c.to_json()).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn wrong_types_are_errors_even_when_not_required() {
        for bad in [
            r#"{"nbf":"99999999999"}"#,
            r#"{"exp":"1"}"#,
            r#"{"exp":1.5}"#,
            r#"{"exp":true}"#,
            r#"{"iat":{}}"#,
            r#"{"exp":null}"#,
            r#"{"exp":1e300}"#,
            r#"{"exp":18446744073709551615}"#,
            r#"{"iss":1}"#,
            r#"{"aud":[1]}"#,
            r#"{"aud":{}}"#,
            r#"{"sub":null}"#,
        ] {
            assert_eq!(
                Claims::from_json(bad).unwrap_err().kind(),
                ErrorKind::InvalidClaim,
                "{bad}"
            );
        }
    }

    #[test]
    fn set_routes_registered_names() {
        let c = Claims::new()
            .claim("exp", 5)
            .claim("aud", "a")
            .claim("x", 1);
        assert_eq!(c.exp(), Some(5));
        assert_eq!(c.aud(), ["a"]);
        assert_eq!(c.custom().len(), 1);
    }

    #[test]
    fn custom_structs() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Mine {
            sub: String,
            role: String,
        }
        let c = Claims::new()
            .with_custom(&Mine {
                sub: "bob".into(),
                role: "admin".into(),
            })
            .unwrap();
        assert_eq!(c.sub(), Some("bob"));
        let back: Mine = c.deserialize_into().unwrap();
        assert_eq!(back.role, "admin");
    }
}
