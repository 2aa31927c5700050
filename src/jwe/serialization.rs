//! The compact and JSON serializations of a JWE (RFC 7516 §7): splitting and parsing a
//! token into its parts (base64url still encoded), decoding the small ones on the stack,
//! and writing the JSON serialization.

use std::borrow::Cow;

use serde_json::Value;

use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json::Object;
use crate::limits::Limits;

/// One recipient as read from the token.
pub(crate) struct Recipient<'t> {
    pub(crate) header: Option<Object>,
    pub(crate) encrypted_key: Cow<'t, str>,
}

/// A token split into its parts, base64url still encoded.
/// Compact parts borrow from the token (no copy of a large ciphertext); JSON ones are owned.
pub(crate) struct Parts<'t> {
    pub(crate) protected_b64: Cow<'t, str>,
    pub(crate) unprotected: Option<Object>,
    pub(crate) recipients: Vec<Recipient<'t>>,
    pub(crate) iv: Cow<'t, str>,
    pub(crate) ciphertext: Cow<'t, str>,
    pub(crate) tag: Cow<'t, str>,
    pub(crate) aad: Option<Cow<'t, str>>,
}

pub(crate) fn malformed(message: &'static str) -> Error {
    Error::new(ErrorKind::MalformedToken, message)
}

pub(crate) fn decode_part(text: &str, what: &'static str) -> Result<Vec<u8>> {
    b64::decode_public(text).map_err(|_| malformed(what))
}

/// The error for a compact token without exactly five parts.
pub(crate) const FIVE_PARTS: &str = "a compact JWE has exactly five parts";

/// Splits a compact token into its parts (borrowed) and its one recipient.
///
/// The ciphertext, by far the longest part, is not searched for dots here: the first three
/// dots are near the start and the last one just before the tag. A dot inside the
/// ciphertext makes its base64url decoding fail; whenever decryption fails, the caller
/// checks the token's structure first ([`has_more_than_five_parts`]), so a token with other
/// than five parts is reported as such, as if it had been counted up front.
pub(crate) fn split_compact(token: &str) -> Result<(Parts<'_>, Recipient<'_>)> {
    let mut head = token.splitn(4, '.');
    let (Some(protected_b64), Some(ek), Some(iv), Some(rest)) =
        (head.next(), head.next(), head.next(), head.next())
    else {
        return Err(malformed(FIVE_PARTS));
    };
    let Some((ciphertext, tag)) = rest.rsplit_once('.') else {
        return Err(malformed(FIVE_PARTS));
    };
    let [protected_b64, ek, iv, ciphertext, tag] =
        [protected_b64, ek, iv, ciphertext, tag].map(Cow::Borrowed);
    let parts = Parts {
        protected_b64,
        unprotected: None,
        recipients: Vec::new(),
        iv,
        ciphertext,
        tag,
        aad: None,
    };
    Ok((
        parts,
        Recipient {
            header: None,
            encrypted_key: ek,
        },
    ))
}

/// Whether a compact token has a sixth part (checked only once decryption failed).
pub(crate) fn has_more_than_five_parts(token: &str) -> bool {
    token.split('.').nth(5).is_some()
}

/// A decoded short token part (IV, tag, wrapped key): on the stack, else on the heap.
#[derive(Debug)]
pub(crate) enum Small {
    Stack([u8; SMALL], usize),
    Heap(Vec<u8>),
}

const SMALL: usize = 64;

impl std::ops::Deref for Small {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Small::Stack(buf, n) => buf.get(..*n).unwrap_or_default(),
            Small::Heap(v) => v,
        }
    }
}

/// [`decode_part`] without a heap allocation for parts of up to [`SMALL`] bytes.
pub(crate) fn decode_small(text: &str, what: &'static str) -> Result<Small> {
    match b64::decoded_len(text.len()) {
        Ok(len) if len <= SMALL => {
            let mut buf = [0u8; SMALL];
            let n =
                b64::decode_public_slice(text.as_bytes(), &mut buf).map_err(|_| malformed(what))?;
            Ok(Small::Stack(buf, n))
        }
        _ => decode_part(text, what).map(Small::Heap),
    }
}

fn take_string(obj: &mut Object, name: &'static str) -> Result<Option<Cow<'static, str>>> {
    match obj.remove(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(Cow::Owned(s))),
        Some(_) => Err(Error::new(
            ErrorKind::MalformedToken,
            format!("member {name:?} must be a string"),
        )),
    }
}

fn take_object(obj: &mut Object, name: &'static str) -> Result<Option<Object>> {
    match obj.remove(name) {
        None => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(_) => Err(Error::new(
            ErrorKind::MalformedToken,
            format!("member {name:?} must be an object"),
        )),
    }
}

fn parse_recipient(obj: &mut Object) -> Result<Recipient<'static>> {
    Ok(Recipient {
        header: take_object(obj, "header")?,
        encrypted_key: take_string(obj, "encrypted_key")?.unwrap_or_default(),
    })
}

/// Reads the members of a flattened or general JSON serialization.
pub(crate) fn parse_json(obj: &mut Object, limits: &Limits) -> Result<Parts<'static>> {
    let protected_b64 = take_string(obj, "protected")?
        .ok_or_else(|| malformed("a JWE without a protected header is not accepted"))?;
    let unprotected = take_object(obj, "unprotected")?;
    let iv = take_string(obj, "iv")?.unwrap_or_default();
    let ciphertext =
        take_string(obj, "ciphertext")?.ok_or_else(|| malformed("\"ciphertext\" is missing"))?;
    let tag = take_string(obj, "tag")?.unwrap_or_default();
    let aad = take_string(obj, "aad")?;
    let recipients = match obj.remove("recipients") {
        Some(Value::Array(list)) => {
            if obj.contains_key("header") || obj.contains_key("encrypted_key") {
                return Err(malformed(
                    "\"recipients\" cannot be mixed with \"header\" or \"encrypted_key\"",
                ));
            }
            if list.is_empty() {
                return Err(malformed("\"recipients\" is empty"));
            }
            if list.len() > limits.max_recipients {
                return err(
                    ErrorKind::LimitExceeded,
                    format!("more than {} recipients", limits.max_recipients),
                );
            }
            list.into_iter()
                .map(|v| match v {
                    Value::Object(mut o) => parse_recipient(&mut o),
                    _ => Err(malformed("each recipient must be an object")),
                })
                .collect::<Result<Vec<_>>>()?
        }
        Some(_) => return Err(malformed("\"recipients\" must be an array")),
        None => vec![parse_recipient(obj)?],
    };
    Ok(Parts {
        protected_b64,
        unprotected,
        recipients,
        iv,
        ciphertext,
        tag,
        aad,
    })
}

/// The shared parts of a JSON serialization, ready to write.
pub(crate) struct Body {
    pub(crate) protected: String,
    pub(crate) unprotected: Option<Object>,
    pub(crate) aad: Option<String>,
    pub(crate) iv: Vec<u8>,
    pub(crate) ct: Vec<u8>,
    pub(crate) tag: Vec<u8>,
}

impl Body {
    pub(crate) fn serialize(
        self,
        recipients: Vec<(Object, Vec<u8>)>,
        flattened: bool,
    ) -> Result<String> {
        let mut out = Object::new();
        out.insert("protected".into(), self.protected.into());
        if let Some(u) = self.unprotected {
            out.insert("unprotected".into(), Value::Object(u));
        }
        let recipient = |(header, ek): (Object, Vec<u8>)| {
            let mut r = Object::new();
            if !header.is_empty() {
                r.insert("header".into(), Value::Object(header));
            }
            if !ek.is_empty() {
                r.insert("encrypted_key".into(), b64::encode(&ek).into());
            }
            r
        };
        if flattened {
            for r in recipients.into_iter().map(recipient) {
                out.extend(r);
            }
        } else {
            let list: Vec<Value> = recipients
                .into_iter()
                .map(|r| Value::Object(recipient(r)))
                .collect();
            out.insert("recipients".into(), list.into());
        }
        if let Some(a) = self.aad {
            out.insert("aad".into(), a.into());
        }
        out.insert("iv".into(), b64::encode(&self.iv).into());
        out.insert("ciphertext".into(), b64::encode(&self.ct).into());
        out.insert("tag".into(), b64::encode(&self.tag).into());
        crate::json::object_to_string(&out, crate::json::Order::Serialization)
    }
}

/// A header object, serialized and base64url-encoded.
pub(crate) fn encode_header(obj: &Object) -> Result<String> {
    Ok(b64::encode_public(&crate::json::object_to_vec(
        obj,
        crate::json::Order::Header,
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_parts_decode_on_the_stack() {
        for len in [0, 1, 16, 32, 40, 63, 64] {
            let text = b64::encode_public(&vec![0xa5; len]);
            let small = decode_small(&text, "x").unwrap();
            assert!(matches!(small, Small::Stack(..)), "{len}");
            assert_eq!(&*small, &vec![0xa5; len][..]);
        }
        for len in [65, 512] {
            let text = b64::encode_public(&vec![0xa5; len]);
            let small = decode_small(&text, "x").unwrap();
            assert!(matches!(small, Small::Heap(..)), "{len}");
            assert_eq!(&*small, &vec![0xa5; len][..]);
        }
        for bad in ["A", "AB=", "AB!A", "AC"] {
            assert_eq!(
                decode_small(bad, "bad").unwrap_err().message(),
                decode_part(bad, "bad").unwrap_err().message()
            );
        }
    }
}
