//! The JOSE header of a JWE, typed (RFC 7516 §4).

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{ErrorKind, Result, err};
use crate::json::{self, Object, Strict};
use crate::jwa::{ContentEncryptionAlg, KeyManagementAlg};

/// The JOSE header of a decrypted JWE: the union of the protected header, the shared
/// unprotected header and the recipient's header (no name in two of them).
///
/// The registered parameters are typed; every parameter, registered or not, can also be
/// read with [`JweHeader::get`]. Values other than `alg`, `enc` and `zip` are as the sender
/// wrote them: `jku`, `jwk`, `x5u` and `x5c` are never used to find keys.
#[derive(Clone)]
pub struct JweHeader {
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
    zip: bool,
    kid: Option<String>,
    typ: Option<String>,
    cty: Option<String>,
    /// `crit` and the key and certificate members: boxed, as few tokens carry any.
    rare: Option<Box<Rare>>,
    other: Object,
    /// The members of the shared unprotected and the recipient's header, in that order.
    unprotected: Object,
    /// The whole joined header, built on first use ([`JweHeader::get`] of a typed name,
    /// [`JweHeader::to_object`]) from `source` and `unprotected`.
    all: OnceLock<Object>,
    /// The protected header's JSON text.
    source: Option<Vec<u8>>,
}

/// The registered members that few tokens carry. Boxed apart, so that a header without
/// them (nearly every one) is smaller to move and cheaper to drop.
#[derive(Clone, Default, PartialEq)]
struct Rare {
    crit: Option<Vec<String>>,
    jku: Option<String>,
    jwk: Option<Object>,
    x5u: Option<String>,
    x5c: Option<Vec<String>>,
    x5t: Option<String>,
    x5t_s256: Option<String>,
}

/// The members of a header that has none of them.
static NO_RARE: Rare = Rare {
    crit: None,
    jku: None,
    jwk: None,
    x5u: None,
    x5c: None,
    x5t: None,
    x5t_s256: None,
};

impl PartialEq for JweHeader {
    fn eq(&self, o: &Self) -> bool {
        self.alg == o.alg
            && self.enc == o.enc
            && self.zip == o.zip
            && self.kid == o.kid
            && self.typ == o.typ
            && self.cty == o.cty
            && self.rare() == o.rare()
            && self.other == o.other
            && self.to_object() == o.to_object()
    }
}

impl fmt::Debug for JweHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JweHeader")
            .field("alg", &self.alg)
            .field("enc", &self.enc)
            .field("zip", &self.zip)
            .field("kid", &self.kid)
            .field("typ", &self.typ)
            .field("cty", &self.cty)
            .field("crit", &self.rare().crit)
            .field("jku", &self.rare().jku)
            .field("jwk", &self.rare().jwk)
            .field("x5u", &self.rare().x5u)
            .field("x5c", &self.rare().x5c)
            .field("x5t", &self.rare().x5t)
            .field("x5t_s256", &self.rare().x5t_s256)
            .field("other", &self.other)
            .field("all", self.to_object())
            .finish()
    }
}

impl JweHeader {
    /// A header with these `alg`, `enc` and `zip` and nothing else.
    fn bare(alg: KeyManagementAlg, enc: ContentEncryptionAlg, zip: bool) -> Self {
        Self {
            alg,
            enc,
            zip,
            kid: None,
            typ: None,
            cty: None,
            rare: None,
            other: Object::new(),
            unprotected: Object::new(),
            all: OnceLock::new(),
            source: None,
        }
    }

    fn rare(&self) -> &Rare {
        self.rare.as_deref().unwrap_or(&NO_RARE)
    }

    fn rare_mut(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Sets the member in `slot` of [`NAMES`] (not `alg`, `enc`, `zip`) from its value;
    /// whether it had the type the slot needs.
    fn set_value(&mut self, slot: usize, v: Value) -> bool {
        match (slot, v) {
            (0, Value::Object(o)) => {
                self.rare_mut().jwk = Some(o);
                true
            }
            (0, _) => false,
            (4 | 7, v) => self.set_list(slot, strings(&v)),
            (_, Value::String(s)) => self.set_string(slot, Some(s)),
            (_, _) => self.set_string(slot, None),
        }
    }

    /// Sets the string member in `slot` of [`NAMES`]; whether it was a string.
    fn set_string(&mut self, slot: usize, s: Option<String>) -> bool {
        let ok = s.is_some();
        match slot {
            1 => self.kid = s,
            2 => self.typ = s,
            3 => self.cty = s,
            5 => self.rare_mut().jku = s,
            6 => self.rare_mut().x5u = s,
            8 => self.rare_mut().x5t = s,
            _ => self.rare_mut().x5t_s256 = s,
        }
        ok
    }

    /// Sets `crit` (slot 4) or `x5c` (slot 7); whether it was an array of strings.
    fn set_list(&mut self, slot: usize, s: Option<Vec<String>>) -> bool {
        let ok = s.is_some();
        if slot == 4 {
            self.rare_mut().crit = s;
        } else {
            self.rare_mut().x5c = s;
        }
        ok
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
        self.rare().crit.as_deref()
    }

    /// `jku`: a JWK Set URL (never fetched).
    pub fn jku(&self) -> Option<&str> {
        self.rare().jku.as_deref()
    }

    /// `jwk`: a public key the sender embedded (never trusted for decryption).
    pub fn jwk(&self) -> Option<&Map<String, Value>> {
        self.rare().jwk.as_ref()
    }

    /// `x5u`: an X.509 URL (never fetched).
    pub fn x5u(&self) -> Option<&str> {
        self.rare().x5u.as_deref()
    }

    /// `x5c`: an X.509 certificate chain (not validated).
    pub fn x5c(&self) -> Option<&[String]> {
        self.rare().x5c.as_deref()
    }

    /// `x5t`: an X.509 SHA-1 thumbprint.
    pub fn x5t(&self) -> Option<&str> {
        self.rare().x5t.as_deref()
    }

    /// `x5t#S256`: an X.509 SHA-256 thumbprint.
    pub fn x5t_s256(&self) -> Option<&str> {
        self.rare().x5t_s256.as_deref()
    }

    /// The parameters that are not typed above, in the order read.
    pub fn other(&self) -> &Map<String, Value> {
        &self.other
    }

    /// Any header parameter by name, registered or not.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match name {
            "alg" | "enc" | "zip" | "jwk" | "kid" | "typ" | "cty" | "crit" | "jku" | "x5u"
            | "x5c" | "x5t" | "x5t#S256" => self.to_object().get(name),
            // Every other member is in `other`, as in the whole header.
            _ => self.other.get(name),
        }
    }

    /// The whole joined header as a JSON object.
    pub fn to_object(&self) -> &Map<String, Value> {
        self.all.get_or_init(|| {
            // The text parsed once already, with tighter bounds: it parses again.
            let mut all: Object = self
                .source
                .as_deref()
                .and_then(|text| {
                    json::parse_object_bounded(text, usize::MAX, usize::MAX, usize::MAX).ok()
                })
                .unwrap_or_default();
            all.extend(self.unprotected.iter().map(|(k, v)| (k.clone(), v.clone())));
            all
        })
    }
}

/// A member whose value must be a string (`alg`, `enc`, `zip`, `kid`, ...), as read.
pub(crate) enum Member<'de> {
    /// Not in the header.
    Absent,
    /// A string (borrowed from the JSON text when it has no escape).
    Str(Cow<'de, str>),
    /// Any other value (read strictly all the same).
    NotStr,
}

impl<'a> Member<'a> {
    /// The member as found in a header object.
    pub(crate) fn of(value: Option<&'a Value>) -> Self {
        match value {
            None => Member::Absent,
            Some(Value::String(s)) => Member::Str(Cow::Borrowed(s)),
            Some(_) => Member::NotStr,
        }
    }
}

/// A protected header read in one pass: `alg`, `enc` and `zip` as written, `crit` as
/// written (its checks come first); the other members are typed into a [`Typed`], to which
/// the members of the unprotected headers (JSON serialization) are then added.
pub(crate) struct Protected<'de> {
    pub(crate) alg: Member<'de>,
    pub(crate) enc: Member<'de>,
    pub(crate) zip: Member<'de>,
    pub(crate) crit: Option<Value>,
}

/// The typed members of a [`Protected`] header, and the first wrongly typed one.
#[derive(Clone)]
pub(crate) struct Typed {
    /// `alg`, `enc` and `zip` are placeholders until [`Typed::into_header`].
    header: JweHeader,
    first_bad: Option<usize>,
    /// The typed names (bits by slot of [`NAMES`]) present in any header read so far.
    seen: u16,
    /// `alg` when it is in an unprotected header.
    unprotected_alg: Option<Value>,
}

/// The typed members (other than `alg`, `enc`, `zip`) in the order of precedence of their
/// type errors, with the type each must have; then `alg`, `enc`, `zip`.
const NAMES: [(&str, &str); 13] = [
    ("jwk", "an object"),
    ("kid", "a string"),
    ("typ", "a string"),
    ("cty", "a string"),
    ("crit", "an array of strings"),
    ("jku", "a string"),
    ("x5u", "a string"),
    ("x5c", "an array of strings"),
    ("x5t", "a string"),
    ("x5t#S256", "a string"),
    ("alg", ""),
    ("enc", ""),
    ("zip", ""),
];

/// The slot of `alg` in [`NAMES`]: `enc` and `zip` follow it.
const ALG_SLOT: usize = 10;

fn slot_of(name: &str) -> Option<usize> {
    NAMES.iter().position(|(n, _)| *n == name)
}

/// The error for the first wrongly typed member, if any.
fn type_error(first_bad: Option<usize>) -> Result<()> {
    match first_bad.and_then(|slot| NAMES.get(slot)) {
        Some((name, what)) => err(
            ErrorKind::InvalidHeader,
            format!("header parameter {name:?} must be {what}"),
        ),
        None => Ok(()),
    }
}

impl Typed {
    /// Whether the header has this member that is not typed.
    pub(crate) fn has_other(&self, name: &str) -> bool {
        self.header.other.contains_key(name)
    }

    /// Completes the header once `alg`, `enc` and `zip` are read and checked: an error for
    /// the first wrongly typed member. `source` is the JSON text read.
    pub(crate) fn finish(
        &mut self,
        alg: KeyManagementAlg,
        enc: ContentEncryptionAlg,
        zip: bool,
        source: Vec<u8>,
    ) -> Result<()> {
        type_error(self.first_bad)?;
        let h = &mut self.header;
        h.alg = alg;
        h.enc = enc;
        h.zip = zip;
        h.source = Some(source);
        Ok(())
    }

    /// The header ([`Typed::finish`]ed).
    pub(crate) fn header(&self) -> &JweHeader {
        &self.header
    }

    /// The header ([`Typed::finish`]ed).
    pub(crate) fn into_header(self) -> JweHeader {
        self.header
    }

    /// Nothing read yet.
    pub(crate) fn new() -> Self {
        Typed {
            header: JweHeader::bare(KeyManagementAlg::Dir, ContentEncryptionAlg::A128Gcm, false),
            first_bad: None,
            seen: 0,
            unprotected_alg: None,
        }
    }

    /// `alg` if an unprotected header holds it.
    pub(crate) fn unprotected_alg(&self) -> Option<&Value> {
        self.unprotected_alg.as_ref()
    }

    /// Adds the members of an unprotected header (shared or per recipient) whose `enc` and
    /// `zip` were refused already: typed as the protected header's, a name already in any
    /// header read is an error, and so is `crit` (protected only).
    pub(crate) fn add_unprotected(&mut self, members: &Object) -> Result<()> {
        for (name, value) in members {
            let slot = slot_of(name);
            let taken = match slot {
                Some(slot) => self.seen & (1 << slot) != 0,
                None => self.header.other.contains_key(name),
            } || self.header.unprotected.contains_key(name);
            if taken {
                return err(
                    ErrorKind::InvalidHeader,
                    format!(
                        "header parameter {:?} appears in more than one header",
                        crate::jwa::shorten(name)
                    ),
                );
            }
            self.header.unprotected.insert(name.clone(), value.clone());
            match slot {
                Some(4) => {
                    return err(
                        ErrorKind::InvalidHeader,
                        "\"crit\" must be in the protected header",
                    );
                }
                Some(ALG_SLOT) => self.unprotected_alg = Some(value.clone()),
                Some(slot) if slot < ALG_SLOT => {
                    self.seen |= 1 << slot;
                    if !self.header.set_value(slot, value.clone())
                        && self.first_bad.is_none_or(|s| slot < s)
                    {
                        self.first_bad = Some(slot);
                    }
                }
                // `enc` and `zip`, refused before.
                Some(_) => {}
                None => {
                    self.header.other.insert(name.clone(), value.clone());
                }
            }
        }
        Ok(())
    }
}

/// Reads a protected header's JSON text, which must be one strict JSON object (errors and
/// bounds as [`json::parse_object_limited`]'s).
/// The typed members are read into `typed` (which should be [`Typed::new`]), in place: a
/// header is large, and moving it through each layer of serde would copy it each time.
pub(crate) fn read_protected<'de>(
    text: &'de [u8],
    max_len: usize,
    max_depth: usize,
    max_values: usize,
    out: &mut Protected<'de>,
    typed: &mut Typed,
) -> Result<()> {
    let seed = HeaderSeed {
        strict: Strict::new(max_depth),
        out,
        typed,
    };
    if json::parse_with_limited(text, max_len, max_values, seed)? {
        Ok(())
    } else {
        err(ErrorKind::Json, "expected a JSON object")
    }
}

impl Protected<'_> {
    /// Nothing read yet.
    pub(crate) fn new() -> Self {
        Protected {
            alg: Member::Absent,
            enc: Member::Absent,
            zip: Member::Absent,
            crit: None,
        }
    }
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    }
}

/// The seed of the whole header: an object read into a [`Protected`] (the value is `true`),
/// or any other value read as [`Strict`] reads it (same errors) and then refused (`false`).
struct HeaderSeed<'a, 'de> {
    strict: Strict,
    out: &'a mut Protected<'de>,
    typed: &'a mut Typed,
}

impl<'de> DeserializeSeed<'de> for HeaderSeed<'_, 'de> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// Forwards the visits of values that are not the one expected to [`Strict`] (same
/// errors), mapping what it reads to `$none`.
macro_rules! forward_to_strict {
    ($strict:tt, $none:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            self.$strict.visit_bool::<E>(v).map(|_| $none)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.$strict.visit_i64::<E>(v).map(|_| $none)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.$strict.visit_u64::<E>(v).map(|_| $none)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.$strict.visit_f64::<E>(v).map(|_| $none)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.$strict.visit_unit::<E>().map(|_| $none)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.$strict.visit_none::<E>().map(|_| $none)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.$strict.visit_seq(seq).map(|_| $none)
        }
    };
}

impl<'de> Visitor<'de> for HeaderSeed<'_, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    forward_to_strict!(strict, false);

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let p = self.out;
        let h = &mut self.typed.header;
        let mut first_bad: Option<usize> = None;
        let mut seen = 0u16;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let slot = match key {
                Key::Typed(slot) => slot,
                Key::Other(name) => {
                    match h.other.entry(name) {
                        serde_json::map::Entry::Occupied(o) => {
                            return Err(de::Error::custom(format_args!(
                                "duplicate member {:?}",
                                o.key()
                            )));
                        }
                        serde_json::map::Entry::Vacant(v) => {
                            v.insert(map.next_value_seed(self.strict.nested()?)?);
                        }
                    }
                    continue;
                }
            };
            let bit = 1u16 << slot;
            if seen & bit != 0 {
                let name = NAMES.get(slot).map_or("", |(n, _)| n);
                return Err(de::Error::custom(format_args!("duplicate member {name:?}")));
            }
            seen |= bit;
            let seed = self.strict.nested()?;
            let ok = match slot {
                0 | 7 => h.set_value(slot, map.next_value_seed(seed)?),
                4 => {
                    let v = map.next_value_seed(seed)?;
                    let ok = h.set_list(slot, strings(&v));
                    p.crit = Some(v);
                    ok
                }
                _ => {
                    let m = map.next_value_seed(StrSeed(seed))?;
                    let s = match (slot, m) {
                        (10, m) => {
                            p.alg = m;
                            continue;
                        }
                        (11, m) => {
                            p.enc = m;
                            continue;
                        }
                        (12, m) => {
                            p.zip = m;
                            continue;
                        }
                        (_, Member::Str(s)) => Some(s.into_owned()),
                        _ => None,
                    };
                    h.set_string(slot, s)
                }
            };
            if !ok && first_bad.is_none_or(|s| slot < s) {
                first_bad = Some(slot);
            }
        }
        self.typed.first_bad = first_bad;
        self.typed.seen = seen;
        Ok(true)
    }
}

/// A member name: typed (its slot in [`NAMES`], escapes decoded by serde_json first) or any
/// other name.
enum Key {
    Typed(usize),
    Other(String),
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E>(self, v: &str) -> Result<Key, E> {
        Ok(slot_of(v).map_or_else(|| Key::Other(v.to_owned()), Key::Typed))
    }
    fn visit_string<E>(self, v: String) -> Result<Key, E> {
        Ok(slot_of(&v).map_or(Key::Other(v), Key::Typed))
    }
}

/// The seed of a member that must be a string: a string borrowed when it can be, any other
/// value read as [`Strict`] reads it (same errors) and reported as [`Member::NotStr`].
struct StrSeed(Strict);

impl<'de> DeserializeSeed<'de> for StrSeed {
    type Value = Member<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Member<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrSeed {
    type Value = Member<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    forward_to_strict!(0, Member::NotStr);

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Member<'de>, E> {
        Ok(Member::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Member<'de>, E> {
        Ok(Member::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Member<'de>, E> {
        Ok(Member::Str(Cow::Owned(v)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Member<'de>, A::Error> {
        self.0.visit_map(map).map(|_| Member::NotStr)
    }
}
