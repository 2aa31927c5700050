//! The JWK members of RSA keys (RFC 7518 §6.3): read into the primitives' [`RsaKey`] (which
//! checks them) and written back.

use serde_json::Value;

use super::members::take_b64_secret;
use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json::Object;
use crate::jwa::rsa::key::{PrivateComponents, RsaKey};

/// Takes the RSA members out of a JWK object and checks them.
pub(crate) fn from_object(obj: &mut Object) -> Result<RsaKey> {
    if obj.contains_key("oth") {
        return err(
            ErrorKind::InvalidKey,
            "multi-prime RSA keys (\"oth\") are not supported",
        );
    }
    let n = take_int(obj, "n")?.ok_or_else(|| missing("n"))?;
    let e = take_int(obj, "e")?.ok_or_else(|| missing("e"))?;
    let d = take_b64_secret(obj, "d")?;
    let mut crt = Vec::with_capacity(5);
    for name in ["p", "q", "dp", "dq", "qi"] {
        crt.push(take_b64_secret(obj, name)?);
    }
    let Some(d) = d else {
        if crt.iter().any(Option::is_some) {
            return err(
                ErrorKind::InvalidKey,
                "an RSA key with CRT members must have \"d\"",
            );
        }
        return RsaKey::from_components(&n, &e, None);
    };
    let crt = match crt.as_slice() {
        [Some(p), Some(q), Some(dp), Some(dq), Some(qi)] => Some([p.as_slice(), q, dp, dq, qi]),
        [None, None, None, None, None] => None,
        _ => {
            return err(
                ErrorKind::InvalidKey,
                "an RSA private key must have all of \"p\", \"q\", \"dp\", \"dq\", \"qi\" or none",
            );
        }
    };
    RsaKey::from_components(&n, &e, Some(PrivateComponents { d: &d, crt }))
}

/// Writes `n` and `e`, and with `private` the private members, into `obj`.
pub(crate) fn write_members(key: &RsaKey, obj: &mut Object, private: bool) {
    let (n, e) = key.public_members();
    obj.insert("n".into(), b64::encode(&n).into());
    obj.insert("e".into(), b64::encode(&e).into());
    if !private {
        return;
    }
    let Some(members) = key.private_members() else {
        return;
    };
    obj.insert("d".into(), Value::String(b64::encode(&members.d)));
    if let Some(crt) = &members.crt {
        for (name, v) in ["p", "q", "dp", "dq", "qi"].iter().zip(crt) {
            obj.insert((*name).into(), Value::String(b64::encode(v)));
        }
    }
}

fn missing(name: &str) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("missing member {name:?}"))
}

/// Removes and decodes a base64url member holding a public integer.
fn take_int(obj: &mut Object, name: &str) -> Result<Option<Vec<u8>>> {
    match obj.remove(name) {
        None => Ok(None),
        Some(Value::String(s)) => b64::decode(s.as_bytes()).map(Some).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                format!("member {name:?} is not valid base64url"),
            )
        }),
        Some(_) => err(ErrorKind::Json, format!("member {name:?} must be a string")),
    }
}
