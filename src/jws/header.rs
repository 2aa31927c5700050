//! The JWS JOSE header (RFC 7515 §4, RFC 7797 §3).

use std::borrow::Cow;

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result, err};
use crate::header::JWS_REGISTERED;
use crate::json::{self, Object};
use crate::jwa::{SigningAlg, shorten};
use crate::limits::Limits;

/// The header parameters jwcrypt understands when they are listed in `crit`.
pub(crate) const UNDERSTOOD_CRIT: &[&str] = &["b64"];

/// A JWS header: `alg` (always present, one of [`SigningAlg`]), the other registered
/// parameters with their types checked, and any other members. A header built in code is
/// written with its members in one fixed order (`alg`, `kid`, then the other registered
/// parameters, then the rest by name), whatever order they were set in.
///
/// On the signing side it is the protected header. After verification
/// (`Verified::header`) it is the union of the protected and unprotected
/// headers of the signature that verified; members such as `jwk`, `jku`, `x5u` and `x5c`
/// are then only what the sender wrote: jwcrypt never uses them to pick or trust a key.
///
/// ```
/// use jwcrypt::{SigningAlg, jws::JwsHeader};
/// let h = JwsHeader::new(SigningAlg::HS256).with_kid("k1").with_typ("JWT");
/// assert_eq!(h.alg(), SigningAlg::HS256);
/// assert_eq!(h.kid(), Some("k1"));
/// assert_eq!(h.to_json()?, r#"{"alg":"HS256","kid":"k1","typ":"JWT"}"#);
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct JwsHeader {
    alg: SigningAlg,
    b64: bool,
    /// Every member, `alg` included.
    members: Object,
    /// The exact JSON text this header was read from ([`JwsHeader::from_json`]); signing
    /// uses it as is. Any change drops it.
    raw: Option<Box<[u8]>>,
}

impl PartialEq for JwsHeader {
    /// Headers are equal when their members are (the JSON text they came from aside).
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
    }
}

impl JwsHeader {
    /// A header holding only `alg`.
    pub fn new(alg: SigningAlg) -> Self {
        // Room for the usual few members (`alg`, `typ`, `kid`, `cty`) without regrowing.
        let mut members = Object::with_capacity(4);
        members.insert("alg".into(), Value::String(alg.name().into()));
        Self {
            alg,
            b64: true,
            members,
            raw: None,
        }
    }

    /// Reads a header from JSON text. Signing with this header uses exactly these bytes as
    /// the protected header (white space and member order included) unless the header is
    /// changed afterwards; no `kid` is added from the key to such a header.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHeader`] for malformed JSON, duplicate members or a registered
    /// parameter of the wrong type; [`ErrorKind::UnsupportedAlgorithm`] for an `alg` that is
    /// not a [`SigningAlg`] (`none` included); [`ErrorKind::LimitExceeded`] for an
    /// oversized or too deeply nested header.
    pub fn from_json(text: impl AsRef<[u8]>) -> Result<Self> {
        let text = text.as_ref();
        let limits = Limits::DEFAULT;
        let obj =
            json::parse_object_limited(text, limits.max_header_len, &limits).map_err(|e| {
                if e.kind() == ErrorKind::LimitExceeded {
                    e
                } else {
                    Error::new(ErrorKind::InvalidHeader, format!("header: {}", e.message()))
                }
            })?;
        let mut header = Self::from_object(obj)?;
        header.raw = Some(text.into());
        Ok(header)
    }

    /// Builds a header from a JSON object, checking `alg` and the registered members'
    /// types.
    pub(crate) fn from_object(members: Object) -> Result<Self> {
        let alg = match members.get("alg") {
            Some(Value::String(s)) => s.parse::<SigningAlg>()?,
            Some(_) => return err(ErrorKind::InvalidHeader, "\"alg\" must be a string"),
            None => return err(ErrorKind::InvalidHeader, "the header has no \"alg\""),
        };
        for (name, value) in &members {
            let ok = match name.as_str() {
                "kid" | "typ" | "cty" | "jku" | "x5u" | "x5t" | "x5t#S256" => value.is_string(),
                "jwk" => value.is_object(),
                "x5c" => value
                    .as_array()
                    .is_some_and(|items| items.iter().all(Value::is_string)),
                "crit" => value.is_array(),
                "b64" => value.is_boolean(),
                _ => true,
            };
            if !ok {
                return err(
                    ErrorKind::InvalidHeader,
                    format!("header parameter {:?} has the wrong type", shorten(name)),
                );
            }
        }
        let b64 = members.get("b64").and_then(Value::as_bool).unwrap_or(true);
        Ok(Self {
            alg,
            b64,
            members,
            raw: None,
        })
    }

    /// The algorithm.
    pub fn alg(&self) -> SigningAlg {
        self.alg
    }

    fn str_member(&self, name: &str) -> Option<&str> {
        self.members.get(name).and_then(Value::as_str)
    }

    /// `kid`: the key ID.
    pub fn kid(&self) -> Option<&str> {
        self.str_member("kid")
    }

    /// `typ`: the media type of the whole JWS.
    pub fn typ(&self) -> Option<&str> {
        self.str_member("typ")
    }

    /// `cty`: the media type of the payload.
    pub fn cty(&self) -> Option<&str> {
        self.str_member("cty")
    }

    /// `jku`, as written (never fetched).
    pub fn jku(&self) -> Option<&str> {
        self.str_member("jku")
    }

    /// `jwk`, as written. Untrusted: never use it to verify this JWS.
    pub fn jwk(&self) -> Option<&Value> {
        self.members.get("jwk")
    }

    /// `x5u`, as written (never fetched).
    pub fn x5u(&self) -> Option<&str> {
        self.str_member("x5u")
    }

    /// `x5c`, as written (not validated).
    pub fn x5c(&self) -> Option<Vec<&str>> {
        self.members
            .get("x5c")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).collect())
    }

    /// `x5t`, as written.
    pub fn x5t(&self) -> Option<&str> {
        self.str_member("x5t")
    }

    /// `x5t#S256`, as written.
    pub fn x5t_s256(&self) -> Option<&str> {
        self.str_member("x5t#S256")
    }

    /// `crit`: the names listed (empty without `crit`).
    pub fn crit(&self) -> Vec<&str> {
        self.members
            .get("crit")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// `b64` (RFC 7797): whether the payload is base64url-encoded (true unless `b64: false`).
    pub fn b64(&self) -> bool {
        self.b64
    }

    /// Any member by name, the registered ones included.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.get(name)
    }

    /// Every member (iterating in serde_json's map order, which is not the order the
    /// header is written in).
    pub fn members(&self) -> &serde_json::Map<String, Value> {
        &self.members
    }

    fn set(mut self, name: &str, value: Value) -> Self {
        self.members.insert(name.into(), value);
        self.raw = None;
        self
    }

    /// Sets `kid`.
    #[must_use]
    pub fn with_kid(self, kid: impl Into<String>) -> Self {
        self.set("kid", Value::String(kid.into()))
    }

    /// Sets `typ`.
    #[must_use]
    pub fn with_typ(self, typ: impl Into<String>) -> Self {
        self.set("typ", Value::String(typ.into()))
    }

    /// Sets `cty`.
    #[must_use]
    pub fn with_cty(self, cty: impl Into<String>) -> Self {
        self.set("cty", Value::String(cty.into()))
    }

    /// Adds a private or public header parameter that RFC 7515, RFC 7518 and RFC 7797 do
    /// not define.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a registered name (`alg`, `kid`, `crit`, `b64`,
    /// `jwk`...): set those with the dedicated methods.
    pub fn with_member(self, name: &str, value: Value) -> Result<Self> {
        if JWS_REGISTERED.contains(&name) || name == "b64" {
            return err(
                ErrorKind::InvalidArgument,
                format!("{:?} is a registered header parameter", shorten(name)),
            );
        }
        Ok(self.set(name, value))
    }

    /// Makes the payload unencoded (RFC 7797): `b64: false`, and `b64` listed in `crit`.
    #[must_use]
    pub fn unencoded_payload(mut self) -> Self {
        let mut crit: Vec<Value> = match self.members.get("crit") {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        if !crit.iter().any(|v| v.as_str() == Some("b64")) {
            crit.push(Value::String("b64".into()));
        }
        self.b64 = false;
        self.set("b64", Value::Bool(false))
            .set("crit", Value::Array(crit))
    }

    /// The header as compact JSON text: the exact text it was read from, if unchanged.
    ///
    /// # Errors
    /// [`ErrorKind::Json`] if serialization fails (it does not for valid headers).
    pub fn to_json(&self) -> Result<String> {
        Ok(String::from_utf8_lossy(&self.protected_bytes()?).into_owned())
    }

    /// The bytes to base64url-encode as the protected header.
    pub(crate) fn protected_bytes(&self) -> Result<Cow<'_, [u8]>> {
        match &self.raw {
            Some(raw) => Ok(Cow::Borrowed(raw)),
            None => json::object_to_vec(&self.members, json::Order::Header).map(Cow::Owned),
        }
    }

    /// Whether the header came from [`JwsHeader::from_json`] and is unchanged.
    pub(crate) fn is_raw(&self) -> bool {
        self.raw.is_some()
    }

    pub(crate) fn object(&self) -> &Object {
        &self.members
    }
}

/// The checks shared by signing and verifying, on a protected header and an optional
/// unprotected one: `alg` and `b64` only in the protected header, no member in both,
/// `crit` rules, `b64: false` only when listed in `crit`. Returns the joined header when
/// there is an unprotected one (without, the joined header is `protected` itself).
pub(crate) fn check_parts(
    protected: &Object,
    unprotected: Option<&Object>,
) -> Result<Option<Object>> {
    if let Some(u) = unprotected {
        for name in ["alg", "b64"] {
            if u.contains_key(name) {
                return err(
                    ErrorKind::InvalidHeader,
                    format!("{name:?} must be in the protected header"),
                );
            }
        }
    }
    if protected.get("alg").is_none() {
        return err(
            ErrorKind::InvalidHeader,
            "\"alg\" must be in the protected header",
        );
    }
    let joined = match unprotected {
        Some(u) => Some(crate::header::disjoint_union([protected, u])?),
        None => None,
    };
    let crit = match unprotected {
        // Without `crit` anywhere there is nothing to check.
        None if protected.get("crit").is_none() => Vec::new(),
        _ => {
            let unprotected_parts: &[&Object] = match &unprotected {
                Some(u) => std::slice::from_ref(u),
                None => &[],
            };
            crate::header::check_crit(
                protected,
                unprotected_parts,
                joined.as_ref().unwrap_or(protected),
                JWS_REGISTERED,
                UNDERSTOOD_CRIT,
            )?
        }
    };
    match protected.get("b64") {
        None | Some(Value::Bool(true)) => {}
        Some(Value::Bool(false)) => {
            if !crit.iter().any(|c| c == "b64") {
                return err(
                    ErrorKind::InvalidHeader,
                    "\"b64\": false must be listed in \"crit\" (RFC 7797 §6)",
                );
            }
        }
        Some(_) => return err(ErrorKind::InvalidHeader, "\"b64\" must be a boolean"),
    }
    Ok(joined)
}
