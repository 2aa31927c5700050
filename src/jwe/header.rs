//! The JOSE header of a JWE, typed (RFC 7516 §4).

use serde_json::{Map, Value};

use crate::error::{ErrorKind, Result, err};
use crate::json::Object;
use crate::jwa::{ContentEncryptionAlg, KeyManagementAlg};

/// The JOSE header of a decrypted JWE: the union of the protected header, the shared
/// unprotected header and the recipient's header (no name in two of them).
///
/// The registered parameters are typed; every parameter, registered or not, can also be
/// read with [`JweHeader::get`]. Values other than `alg`, `enc` and `zip` are as the sender
/// wrote them: `jku`, `jwk`, `x5u` and `x5c` are never used to find keys.
#[derive(Clone, Debug, PartialEq)]
pub struct JweHeader {
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
    zip: bool,
    kid: Option<String>,
    typ: Option<String>,
    cty: Option<String>,
    crit: Option<Vec<String>>,
    jku: Option<String>,
    jwk: Option<Object>,
    x5u: Option<String>,
    x5c: Option<Vec<String>>,
    x5t: Option<String>,
    x5t_s256: Option<String>,
    other: Object,
    all: Object,
}

/// The names typed in [`JweHeader`] (the rest land in `other`).
const TYPED: &[&str] = &[
    "alg", "enc", "zip", "kid", "typ", "cty", "crit", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256",
];

fn opt_string(obj: &Object, name: &str) -> Result<Option<String>> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => err(
            ErrorKind::InvalidHeader,
            format!("header parameter {name:?} must be a string"),
        ),
    }
}

fn opt_strings(obj: &Object, name: &str) -> Result<Option<Vec<String>>> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                _ => err(
                    ErrorKind::InvalidHeader,
                    format!("header parameter {name:?} must be an array of strings"),
                ),
            })
            .collect::<Result<Vec<_>>>()
            .map(Some),
        Some(_) => err(
            ErrorKind::InvalidHeader,
            format!("header parameter {name:?} must be an array of strings"),
        ),
    }
}

impl JweHeader {
    /// Types the joined header whose `alg`, `enc` and `zip` were already read.
    pub(crate) fn from_joined(
        all: Object,
        alg: KeyManagementAlg,
        enc: ContentEncryptionAlg,
        zip: bool,
    ) -> Result<Self> {
        let jwk = match all.get("jwk") {
            None => None,
            Some(Value::Object(o)) => Some(o.clone()),
            Some(_) => {
                return err(
                    ErrorKind::InvalidHeader,
                    "header parameter \"jwk\" must be an object",
                );
            }
        };
        let other: Object = all
            .iter()
            .filter(|(k, _)| !TYPED.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Self {
            alg,
            enc,
            zip,
            kid: opt_string(&all, "kid")?,
            typ: opt_string(&all, "typ")?,
            cty: opt_string(&all, "cty")?,
            crit: opt_strings(&all, "crit")?,
            jku: opt_string(&all, "jku")?,
            jwk,
            x5u: opt_string(&all, "x5u")?,
            x5c: opt_strings(&all, "x5c")?,
            x5t: opt_string(&all, "x5t")?,
            x5t_s256: opt_string(&all, "x5t#S256")?,
            other,
            all,
        })
    }

    /// `alg`: the key management algorithm.
    pub fn alg(&self) -> KeyManagementAlg {
        self.alg
    }

    /// `enc`: the content encryption algorithm.
    pub fn enc(&self) -> ContentEncryptionAlg {
        self.enc
    }

    /// Whether the plaintext was compressed (`zip: "DEF"`).
    pub fn zip(&self) -> bool {
        self.zip
    }

    /// `kid`: the key ID.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// `typ`: the media type of the whole JWE.
    pub fn typ(&self) -> Option<&str> {
        self.typ.as_deref()
    }

    /// `cty`: the media type of the plaintext (`"JWT"` for a nested token).
    pub fn cty(&self) -> Option<&str> {
        self.cty.as_deref()
    }

    /// `crit`: the critical extension parameters.
    pub fn crit(&self) -> Option<&[String]> {
        self.crit.as_deref()
    }

    /// `jku`: a JWK Set URL (never fetched).
    pub fn jku(&self) -> Option<&str> {
        self.jku.as_deref()
    }

    /// `jwk`: a public key the sender embedded (never trusted for decryption).
    pub fn jwk(&self) -> Option<&Map<String, Value>> {
        self.jwk.as_ref()
    }

    /// `x5u`: an X.509 URL (never fetched).
    pub fn x5u(&self) -> Option<&str> {
        self.x5u.as_deref()
    }

    /// `x5c`: an X.509 certificate chain (not validated).
    pub fn x5c(&self) -> Option<&[String]> {
        self.x5c.as_deref()
    }

    /// `x5t`: an X.509 SHA-1 thumbprint.
    pub fn x5t(&self) -> Option<&str> {
        self.x5t.as_deref()
    }

    /// `x5t#S256`: an X.509 SHA-256 thumbprint.
    pub fn x5t_s256(&self) -> Option<&str> {
        self.x5t_s256.as_deref()
    }

    /// The parameters that are not typed above, in the order read.
    pub fn other(&self) -> &Map<String, Value> {
        &self.other
    }

    /// Any header parameter by name, registered or not.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.all.get(name)
    }

    /// The whole joined header as a JSON object.
    pub fn to_object(&self) -> &Map<String, Value> {
        &self.all
    }
}
