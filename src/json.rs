//! Strict JSON for headers, keys and claims.
//!
//! Parsing goes through [`parse_object_limited`] (or [`parse_with_limited`] with a typed
//! visitor): the text must be one JSON object, no member name may
//! appear twice at any depth (RFC 7515 §5.2 and RFC 7516 §5.2 ask for rejection or "last one
//! wins"; jwcrypt rejects, as ambiguity is how parser-differential attacks start), nesting is
//! bounded, and the input length and number of values are bounded before any parsing
//! happens ([`check_values`]): the parsed tree of an accepted text costs at most a constant
//! number of bytes per value on top of its strings, and a refused text costs nothing.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;

/// A JSON object as read. Its iteration order is serde_json's (sorted, unless a crate in the
/// build enables serde_json's `preserve_order`); jwcrypt never writes an object in that
/// order, but in the order of [`write_object`].
pub type Object = Map<String, Value>;

/// Parses `text` as one strict JSON object, with the depth (`max_json_depth`) and number of
/// values (`max_json_values`) of `limits`.
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] if `text` is longer than `max_len` bytes, may hold more
/// values than the bound, or nests deeper than allowed; [`ErrorKind::Json`] if it is not one
/// JSON object or has a duplicate member.
pub(crate) fn parse_object_limited(text: &[u8], max_len: usize, limits: &Limits) -> Result<Object> {
    parse_object_bounded(text, max_len, limits.max_json_depth, limits.max_json_values)
}

/// As [`parse_object_limited`], with each bound given.
pub(crate) fn parse_object_bounded(
    text: &[u8],
    max_len: usize,
    max_depth: usize,
    max_values: usize,
) -> Result<Object> {
    match parse_with_limited(text, max_len, max_values, Strict::new(max_depth))? {
        Value::Object(map) => Ok(map),
        _ => Err(Error::new(ErrorKind::Json, "expected a JSON object")),
    }
}

/// Parses `text` as one JSON value with `seed`, after checking its length against `max_len`
/// and its number of values against `max_values` (a [`Limits::max_json_values`]); trailing
/// data after the value is refused. Errors are classified as [`parse_object_limited`]'s are
/// (the seed's depth errors are [`ErrorKind::LimitExceeded`], the rest [`ErrorKind::Json`]).
pub(crate) fn parse_with_limited<'de, S: DeserializeSeed<'de>>(
    text: &'de [u8],
    max_len: usize,
    max_values: usize,
    seed: S,
) -> Result<S::Value> {
    if text.len() > max_len {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!(
                "JSON text of {} bytes is over the limit of {max_len}",
                text.len()
            ),
        ));
    }
    check_values(text, max_values)?;
    // Text that is UTF-8 throughout (every valid token) is checked once here, and then read
    // as `str`, which spares serde_json checking each string on its own; other text is read
    // as bytes, failing exactly where it would have.
    match std::str::from_utf8(text) {
        Ok(text) => read_all(serde_json::Deserializer::from_str(text), seed),
        Err(_) => read_all(serde_json::Deserializer::from_slice(text), seed),
    }
}

/// Refuses JSON text that may hold more than `max_values` values, before it is parsed.
///
/// Every value of an array or object but its first follows a `,`, the first follows the
/// `[` or `{`, and the outermost value follows nothing: so one plus the number of `,`, `[`
/// and `{` outside strings bounds the number of values from above (exactly, for text
/// without empty arrays or objects). Text shorter than `max_values` bytes cannot exceed the
/// bound and is not scanned. Malformed text is only counted, never refused here for being
/// malformed (the parser does that).
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] when the bound exceeds `max_values`.
pub(crate) fn check_values(text: &[u8], max_values: usize) -> Result<()> {
    if text.len() < max_values {
        return Ok(());
    }
    let mut values: usize = 1;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b'[' | b'{' => {
                    values += 1;
                    if values > max_values {
                        return Err(Error::new(
                            ErrorKind::LimitExceeded,
                            format!(
                                "JSON text of more than {max_values} values (members and \
                                 array elements) is over the limit"
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn read_all<'de, R: serde_json::de::Read<'de>, S: DeserializeSeed<'de>>(
    mut de: serde_json::Deserializer<R>,
    seed: S,
) -> Result<S::Value> {
    seed.deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| classify(&e))
}

/// Which kind of JOSE object is being written, for the order of its members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    /// A JOSE header (RFC 7515 §4, RFC 7516 §4, RFC 7518 §4): `alg` and `kid` first, `enc`
    /// and `zip` after the key management parameters, as the RFC 7520 examples write them.
    Header,
    /// A JWK (RFC 7517 §4): `kty`, the key material, then `kid`, `use`, `key_ops`, `alg`.
    Key,
    /// A JWS or JWE JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2) or a JWK Set.
    Serialization,
    /// Any other object: members sorted by name.
    Sorted,
}

impl Order {
    /// The place of member `name` in this order; members of one place go by name. (A
    /// `match`, which compiles to a switch on the length and a compare, not a scan.)
    fn rank(self, name: &str) -> u8 {
        match self {
            Self::Header => match name {
                "alg" => 0,
                "kid" => 1,
                "epk" => 2,
                "apu" => 3,
                "apv" => 4,
                "p2s" => 5,
                "p2c" => 6,
                "tag" => 7,
                "iv" => 8,
                "typ" => 9,
                "cty" => 10,
                "enc" => 11,
                "zip" => 12,
                "jku" => 13,
                "jwk" => 14,
                "x5u" => 15,
                "x5c" => 16,
                "x5t" => 17,
                "x5t#S256" => 18,
                "b64" => 19,
                "crit" => 20,
                _ => u8::MAX,
            },
            Self::Key => match name {
                "kty" => 0,
                "crv" => 1,
                "x" => 2,
                "y" => 3,
                "n" => 4,
                "e" => 5,
                "d" => 6,
                "p" => 7,
                "q" => 8,
                "dp" => 9,
                "dq" => 10,
                "qi" => 11,
                "oth" => 12,
                "k" => 13,
                "kid" => 14,
                "use" => 15,
                "key_ops" => 16,
                "alg" => 17,
                "x5u" => 18,
                "x5c" => 19,
                "x5t" => 20,
                "x5t#S256" => 21,
                _ => u8::MAX,
            },
            Self::Serialization => match name {
                "payload" => 0,
                "protected" => 1,
                "unprotected" => 2,
                "header" => 3,
                "encrypted_key" => 4,
                "recipients" => 5,
                "signatures" => 6,
                "aad" => 7,
                "iv" => 8,
                "ciphertext" => 9,
                "tag" => 10,
                "signature" => 11,
                "keys" => 12,
                _ => u8::MAX,
            },
            Self::Sorted => u8::MAX,
        }
    }

    /// The order of an object found as the value of member `name` of an object in this
    /// order: `epk` and `jwk` hold keys, `header` and `unprotected` hold headers, and so on.
    fn nested(self, name: &str) -> Self {
        match (self, name) {
            (Self::Header, "epk" | "jwk") | (Self::Serialization, "keys") => Self::Key,
            (Self::Serialization, "header" | "unprotected") => Self::Header,
            (Self::Serialization, "recipients" | "signatures") => Self::Serialization,
            _ => Self::Sorted,
        }
    }
}

/// Writes `obj` as compact JSON text into `out`: the members `order` names first, in its
/// order, then the others sorted by name, and nested objects in the order their member name
/// implies ([`Order::nested`]). The bytes are the same whatever order the map iterates in,
/// so tokens and keys come out identical with or without serde_json's `preserve_order`.
pub(crate) fn write_object(out: &mut Vec<u8>, obj: &Object, order: Order) -> Result<()> {
    out.push(b'{');
    let mut first = true;
    for_each_in_order(obj, order, |name, value| {
        if !first {
            out.push(b',');
        }
        first = false;
        write_pair(out, name, value, order)
    })?;
    out.push(b'}');
    Ok(())
}

/// Appends the members of `obj` in `order` (as [`write_object`] writes them) to a JSON
/// object being written directly into `out`, as [`write_member`] does.
pub(crate) fn write_members(out: &mut Vec<u8>, obj: &Object, order: Order) -> Result<()> {
    // Most headers have no extra members: then none of the ordering code runs.
    if obj.is_empty() {
        return Ok(());
    }
    for_each_in_order(obj, order, |name, value| {
        if out.len() > 1 {
            out.push(b',');
        }
        write_pair(out, name, value, order)
    })
}

/// Calls `f` on the members of `obj`: those `order` names first, in its order, then the
/// others by name. Objects of up to `STACK` members (headers, nearly always) are sorted on the
/// stack, without allocating.
fn for_each_in_order(
    obj: &Object,
    order: Order,
    mut f: impl FnMut(&str, &Value) -> Result<()>,
) -> Result<()> {
    const STACK: usize = 8;
    static NULL: Value = Value::Null;
    fn ranked<'a>(
        order: Order,
        (name, value): (&'a String, &'a Value),
    ) -> (u8, &'a str, &'a Value) {
        (order.rank(name), name.as_str(), value)
    }
    let mut stack = [(0, "", &NULL); STACK];
    let mut heap = Vec::new();
    let members = match stack.get_mut(..obj.len()) {
        Some(slots) => {
            for (slot, member) in slots.iter_mut().zip(obj) {
                *slot = ranked(order, member);
            }
            slots
        }
        None => {
            heap.extend(obj.iter().map(|member| ranked(order, member)));
            heap.as_mut_slice()
        }
    };
    members.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    members
        .iter()
        .try_for_each(|&(_, name, value)| f(name, value))
}

fn write_pair(out: &mut Vec<u8>, name: &str, value: &Value, order: Order) -> Result<()> {
    write_scalar(out, name)?;
    out.push(b':');
    write_value(out, value, order.nested(name))
}

fn write_value(out: &mut Vec<u8>, value: &Value, order: Order) -> Result<()> {
    match value {
        Value::Object(obj) => write_object(out, obj, order),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item, order)?;
            }
            out.push(b']');
            Ok(())
        }
        scalar => write_scalar(out, scalar),
    }
}

fn write_scalar<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Error::new(ErrorKind::Json, e.to_string()))
}

/// [`write_object`] into a new buffer.
pub(crate) fn object_to_vec(obj: &Object, order: Order) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64);
    write_object(&mut out, obj, order)?;
    Ok(out)
}

/// [`write_object`] into a new string.
pub(crate) fn object_to_string(obj: &Object, order: Order) -> Result<String> {
    object_to_vec(obj, order).and_then(|v| {
        String::from_utf8(v).map_err(|_| Error::new(ErrorKind::Json, "JSON text is not UTF-8"))
    })
}

const DEPTH_MESSAGE: &str = "JSON nesting is deeper than the limit";

fn classify(e: &serde_json::Error) -> Error {
    let text = e.to_string();
    if text.starts_with(DEPTH_MESSAGE) || text.starts_with("recursion limit exceeded") {
        Error::new(ErrorKind::LimitExceeded, DEPTH_MESSAGE)
    } else {
        Error::new(ErrorKind::Json, text)
    }
}

/// A `serde_json::Value` seed that rejects duplicate members and bounds depth.
///
/// `depth` counts the levels still allowed below the value read: reading a member's value or
/// an array's element takes one ([`Strict::nested`]), so the value [`parse_object_limited`] reads
/// with `Strict::new(max_depth)` is itself the first level. Its [`Visitor`] methods may be
/// called directly to read a value whose first token another visitor has seen.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Strict {
    depth: usize,
}

impl Strict {
    /// A seed allowing `depth` levels below the value it reads.
    pub(crate) fn new(depth: usize) -> Self {
        Self { depth }
    }

    /// The seed for a member value or array element of the value this seed reads; an error
    /// (classified as [`ErrorKind::LimitExceeded`]) when no level is left.
    pub(crate) fn nested<E: de::Error>(&self) -> Result<Strict, E> {
        match self.depth.checked_sub(1) {
            Some(depth) => Ok(Strict { depth }),
            None => Err(E::custom(DEPTH_MESSAGE)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(self.nested()?)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        // Headers have a handful of members: room for 8 from the start spares the regrowth
        // of a map grown from empty, and stays under the allocation size (about 1 KiB) at
        // which glibc's malloc starts consolidating its free lists.
        let mut out = Map::with_capacity(map.size_hint().unwrap_or(8).min(8));
        while let Some(key) = map.next_key::<String>()? {
            // One lookup both rejects a duplicate and finds the slot to fill.
            match out.entry(key) {
                Entry::Occupied(o) => {
                    return Err(de::Error::custom(format_args!(
                        "duplicate member {:?}",
                        o.key()
                    )));
                }
                Entry::Vacant(v) => {
                    v.insert(map.next_value_seed(self.nested()?)?);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// Appends `"name":value` (with a leading comma unless first) to a JSON object being
/// written directly into `out`, which starts with its `{`.
pub(crate) fn write_member<T: serde::Serialize + ?Sized>(
    out: &mut Vec<u8>,
    name: &str,
    value: &T,
) -> Result<()> {
    if out.len() > 1 {
        out.push(b',');
    }
    serde_json::to_writer(&mut *out, name)
        .and_then(|()| {
            out.push(b':');
            serde_json::to_writer(&mut *out, value)
        })
        .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))
}

/// Reads an optional string member.
pub(crate) fn opt_str(obj: &Object, name: &str) -> Result<Option<String>> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::new(
            ErrorKind::Json,
            format!("member {name:?} must be a string"),
        )),
    }
}

/// Reads an optional array-of-strings member.
pub(crate) fn opt_str_array(obj: &Object, name: &str) -> Result<Option<Vec<String>>> {
    let bad = || {
        Error::new(
            ErrorKind::Json,
            format!("member {name:?} must be an array of strings"),
        )
    };
    match obj.get(name) {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(bad))
            .collect::<Result<Vec<_>>>()
            .map(Some),
        Some(_) => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Object> {
        parse_object_limited(s.as_bytes(), 1 << 20, &Limits::DEFAULT)
    }

    #[test]
    fn objects_are_written_in_the_jose_order_whatever_the_map_order() {
        let members = [
            ("enc", json_str("A128GCM")),
            ("x-custom", Value::Bool(true)),
            ("alg", json_str("ECDH-ES")),
            ("a-custom", Value::Null),
            ("kid", json_str("k\"1")),
            (
                "epk",
                serde_json::json!({"y": "Y", "x": "X", "crv": "P-256", "kty": "EC"}),
            ),
        ];
        let expected = r#"{"alg":"ECDH-ES","kid":"k\"1","epk":{"kty":"EC","crv":"P-256","x":"X","y":"Y"},"enc":"A128GCM","a-custom":null,"x-custom":true}"#;
        // Every insertion order writes the same bytes (with `preserve_order` the map
        // iterates in insertion order; without it, sorted).
        for rotation in 0..members.len() {
            let mut obj = Object::new();
            for (name, value) in members.iter().cycle().skip(rotation).take(members.len()) {
                obj.insert((*name).into(), value.clone());
            }
            assert_eq!(object_to_string(&obj, Order::Header).unwrap(), expected);
            let mut direct = vec![b'{'];
            write_members(&mut direct, &obj, Order::Header).unwrap();
            direct.push(b'}');
            assert_eq!(direct, expected.as_bytes());
        }
        let key = parse(r#"{"kid":"1","d":"D","x":"X","crv":"Ed25519","kty":"OKP"}"#).unwrap();
        assert_eq!(
            object_to_string(&key, Order::Key).unwrap(),
            r#"{"kty":"OKP","crv":"Ed25519","x":"X","d":"D","kid":"1"}"#
        );
        let flat = parse(r#"{"tag":"T","ciphertext":"C","iv":"I","header":{"kid":"1","alg":"A128KW"},"protected":"P","encrypted_key":"E"}"#).unwrap();
        assert_eq!(
            object_to_string(&flat, Order::Serialization).unwrap(),
            r#"{"protected":"P","header":{"alg":"A128KW","kid":"1"},"encrypted_key":"E","iv":"I","ciphertext":"C","tag":"T"}"#
        );
    }

    fn json_str(s: &str) -> Value {
        Value::String(s.into())
    }

    #[test]
    fn objects_only() {
        assert!(parse(r#"{"a":1,"b":[1,{"c":null}]}"#).is_ok());
        for bad in ["[]", "1", "\"x\"", "{", "{} {}", "{\"a\":1,}", ""] {
            assert_eq!(parse(bad).unwrap_err().kind(), ErrorKind::Json, "{bad}");
        }
    }

    #[test]
    fn duplicates_rejected_at_any_depth() {
        assert!(parse(r#"{"a":1,"a":2}"#).is_err());
        assert!(parse(r#"{"x":{"a":1,"a":1}}"#).is_err());
        assert!(parse(r#"{"x":[{"a":1,"a":1}]}"#).is_err());
        // Escapes that spell the same name are the same name.
        assert!(parse(r#"{"alg":1,"\u0061lg":2}"#).is_err());
    }

    #[test]
    fn depth_and_size_bounded() {
        let deep = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        assert_eq!(parse(&deep).unwrap_err().kind(), ErrorKind::LimitExceeded);
        let arr = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&arr).unwrap_err().kind(), ErrorKind::LimitExceeded);
        let ok = format!("{}1{}", "{\"a\":".repeat(32), "}".repeat(32));
        assert!(parse(&ok).is_ok());
        let big = "x".repeat(100);
        assert_eq!(
            parse_object_bounded(big.as_bytes(), 99, 8, 100)
                .unwrap_err()
                .kind(),
            ErrorKind::LimitExceeded
        );
    }

    #[test]
    fn values_bounded_before_parsing() {
        // {"a":[1,1,...]}: 1 (the object) + 1 (the array) + n elements.
        let text = |n: usize| format!("{{\"a\":[{}]}}", vec!["1"; n].join(","));
        let at = text(98);
        assert_eq!(
            check_values(at.as_bytes(), 100).map_err(|e| e.kind()),
            Ok(())
        );
        assert!(parse_object_bounded(at.as_bytes(), 1 << 20, 8, 100).is_ok());
        let over = text(99);
        assert_eq!(
            parse_object_bounded(over.as_bytes(), 1 << 20, 8, 100)
                .unwrap_err()
                .kind(),
            ErrorKind::LimitExceeded
        );
        // Commas and brackets inside strings (escaped quotes too) are not values.
        let strings = format!("{{\"a\":\"\\\",{}\"}}", ",[{".repeat(200));
        assert!(parse_object_bounded(strings.as_bytes(), 1 << 20, 8, 10).is_ok());
        // Nested members count as much as elements.
        let nested = format!(
            "{{{}}}",
            (0..60)
                .map(|i| format!("\"m{i}\":{{}}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(
            parse_object_bounded(nested.as_bytes(), 1 << 20, 8, 100)
                .unwrap_err()
                .kind(),
            ErrorKind::LimitExceeded
        );
        // The default applies to `parse_object` and `parse_with`.
        let many = text(Limits::DEFAULT.max_json_values);
        assert_eq!(parse(&many).unwrap_err().kind(), ErrorKind::LimitExceeded);
        let limits = Limits {
            max_json_values: 200_000,
            ..Limits::DEFAULT
        };
        assert!(parse_object_limited(many.as_bytes(), 1 << 20, &limits).is_ok());
    }
}
