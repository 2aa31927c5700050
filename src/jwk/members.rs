//! Reading a JWK's members out of its JSON object: each reader removes the member it read,
//! so that what is left at the end are the members no reader knows.

use zeroize::Zeroizing;

use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json::{self, Object};
use serde_json::Value;

/// Removes and reads a string member.
pub(crate) fn take_str(obj: &mut Object, name: &str) -> Result<Option<String>> {
    let v = json::opt_str(obj, name)?;
    obj.remove(name);
    Ok(v)
}

/// Removes and reads an array-of-strings member.
pub(crate) fn take_str_array(obj: &mut Object, name: &str) -> Result<Option<Vec<String>>> {
    let v = json::opt_str_array(obj, name)?;
    obj.remove(name);
    Ok(v)
}

/// Removes and decodes a base64url member holding secret bytes.
pub(crate) fn take_b64_secret(obj: &mut Object, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
    match obj.remove(name) {
        None => Ok(None),
        Some(Value::String(s)) => {
            let s = Zeroizing::new(s);
            b64::decode_secret(s.as_bytes()).map(Some).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    format!("member {name:?} is not valid base64url"),
                )
            })
        }
        Some(_) => err(ErrorKind::Json, format!("member {name:?} must be a string")),
    }
}
