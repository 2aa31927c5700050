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

impl JweHeader {
    /// Types the joined header whose `alg`, `enc` and `zip` were already read.
    pub(crate) fn from_joined(
        all: Object,
        alg: KeyManagementAlg,
        enc: ContentEncryptionAlg,
        zip: bool,
    ) -> Result<Self> {
        // One pass over the members (no lookup per typed name). Of several wrongly typed
        // members, the one reported is the first in the order jwk, kid, typ, cty, crit,
        // jku, x5u, x5c, x5t, x5t#S256.
        let mut h = Self {
            alg,
            enc,
            zip,
            kid: None,
            typ: None,
            cty: None,
            crit: None,
            jku: None,
            jwk: None,
            x5u: None,
            x5c: None,
            x5t: None,
            x5t_s256: None,
            other: Object::new(),
            all: Object::new(),
        };
        let mut first_bad: Option<(usize, &'static str, &'static str)> = None;
        for (k, v) in &all {
            let (slot, name, what): (usize, &'static str, &'static str) = match k.as_str() {
                "alg" | "enc" | "zip" => continue,
                "jwk" => (0, "jwk", "an object"),
                "kid" => (1, "kid", "a string"),
                "typ" => (2, "typ", "a string"),
                "cty" => (3, "cty", "a string"),
                "crit" => (4, "crit", "an array of strings"),
                "jku" => (5, "jku", "a string"),
                "x5u" => (6, "x5u", "a string"),
                "x5c" => (7, "x5c", "an array of strings"),
                "x5t" => (8, "x5t", "a string"),
                "x5t#S256" => (9, "x5t#S256", "a string"),
                _ => {
                    h.other.insert(k.clone(), v.clone());
                    continue;
                }
            };
            let ok = match (slot, v) {
                (1 | 2 | 3 | 5 | 6 | 8 | 9, Value::String(s)) => {
                    let s = Some(s.clone());
                    match slot {
                        1 => h.kid = s,
                        2 => h.typ = s,
                        3 => h.cty = s,
                        5 => h.jku = s,
                        6 => h.x5u = s,
                        8 => h.x5t = s,
                        _ => h.x5t_s256 = s,
                    }
                    true
                }
                (4 | 7, Value::Array(items)) => {
                    let strings: Option<Vec<String>> = items
                        .iter()
                        .map(|i| i.as_str().map(str::to_owned))
                        .collect();
                    let ok = strings.is_some();
                    if slot == 4 {
                        h.crit = strings;
                    } else {
                        h.x5c = strings;
                    }
                    ok
                }
                (0, Value::Object(o)) => {
                    h.jwk = Some(o.clone());
                    true
                }
                _ => false,
            };
            if !ok && first_bad.is_none_or(|(s, _, _)| slot < s) {
                first_bad = Some((slot, name, what));
            }
        }
        if let Some((_, name, what)) = first_bad {
            return err(
                ErrorKind::InvalidHeader,
                format!("header parameter {name:?} must be {what}"),
            );
        }
        h.all = all;
        Ok(h)
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
