//! JSON Web Encryption (RFC 7516) with the algorithms of RFC 7518 §4–5.
//!
//! [`Encrypter`] makes compact or flattened JSON tokens for one recipient, [`JsonEncrypter`]
//! general JSON tokens for several, and [`Decrypter`] reads both serializations. Decryption
//! always takes the key management and content encryption algorithms the caller accepts;
//! there is no default.
//!
//! ```
//! use jwcrypt::{Jwk, KeyManagementAlg as K, ContentEncryptionAlg as E};
//! use jwcrypt::jwe::{Encrypter, Decrypter};
//!
//! let key = Jwk::generate_for(K::A256KW)?.with_kid("k1");
//! let token = Encrypter::new(&key, K::A256KW, E::A256CbcHs512)?
//!     .with_cty("text/plain")
//!     .encrypt_compact(b"attack at dawn")?;
//! let out = Decrypter::new(&key, &[K::A256KW], &[])?.decrypt(&token)?;
//! assert_eq!(out.plaintext(), b"attack at dawn");
//! assert_eq!(out.header().kid(), Some("k1"));
//! # Ok::<(), jwcrypt::Error>(())
//! ```
//!
//! What decryption enforces:
//! - the token's length before anything else, then exactly five compact parts, or a strict
//!   JSON object (no duplicate members, bounded depth, at most
//!   [`Limits::max_recipients`](crate::Limits) recipients);
//! - the protected, shared unprotected and per-recipient headers are disjoint; `enc` and
//!   `zip` are in the protected header; `crit` names nothing (no extension is understood);
//! - `alg` and `enc` are among the allowed ones and fit the key (`use`, `key_ops`, key `alg`,
//!   key type and length); `RSA1_5` needs [`Decrypter::allow_rsa1_5_insecure`];
//! - every failure after the header is read (key unwrap, CEK length, IV or tag length, tag,
//!   padding) is the one [`Error::decryption`]; CBC-HMAC tags are checked in constant time
//!   before any decryption;
//! - `zip: "DEF"` inflates to at most [`Limits::max_decompressed_len`](crate::Limits).

mod key_management;
use key_management as crypto;
mod header;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests_header;

use std::borrow::Cow;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::header::{
    JWE_REGISTERED, check_crit, check_crit_value, decode_protected, decode_protected_bytes,
    disjoint_union, protected_error,
};
use crate::json::{self, Object};
use crate::jwa::{Algorithm, ContentEncryptionAlg, KeyManagementAlg, deflate};
use crate::jwk::{self, Jwk};
use crate::policy::Limits;
use crate::secret::Secret;

pub use header::JweHeader;
use header::{Member, Protected, Typed};

/// CEK and IVs fixed in advance, to reproduce published examples (tests only).
#[derive(Clone)]
struct Fixed {
    cek: Secret,
    iv: Vec<u8>,
    kw_iv: Option<Vec<u8>>,
}

impl Fixed {
    fn new(cek: &[u8], iv: &[u8], kw_iv: Option<&[u8]>) -> Self {
        Self {
            cek: Secret::from_slice(cek),
            iv: iv.to_vec(),
            kw_iv: kw_iv.map(<[u8]>::to_vec),
        }
    }
}

/// The most (recipient, key) pairs one decryption tries: bounds the private-key work an
/// attacker can cause with many recipients and a large key set without `kid`.
const MAX_ATTEMPTS: usize = 64;

/// The extension parameters this library understands in `crit`: none yet.
const UNDERSTOOD: &[&str] = &[];

/// Adds an extra protected-header member: a registered name or a name given twice is refused.
fn insert_member(members: &mut Object, name: &str, value: Value) -> Result<()> {
    check_member_name(name)?;
    if members.insert(name.to_owned(), value).is_some() {
        return err(
            ErrorKind::InvalidArgument,
            format!("header member {name:?} given twice"),
        );
    }
    Ok(())
}

fn check_member_name(name: &str) -> Result<()> {
    if JWE_REGISTERED.contains(&name) {
        return err(
            ErrorKind::InvalidArgument,
            format!("{name:?} is a registered header parameter and is set by the library"),
        );
    }
    Ok(())
}

/// The most random bytes one token needs: a CEK (at most 64 bytes), a content IV (at most
/// 16) and an AES-GCM key wrap IV (12).
const DRAW_MAX: usize = 64 + 16 + crate::jwa::aes_gcm::IV_LEN;

/// The per-token values: the CEK (the key itself for `dir`), the content IV and, for AES-GCM
/// key wrapping, the key wrap IV. What is not given (fixed for tests, or the `dir` key) is
/// drawn from the OS in a single call, into a buffer zeroized on drop.
struct TokenKeys<'a> {
    drawn: Zeroizing<[u8; DRAW_MAX]>,
    /// Lengths of the drawn CEK, IV and key wrap IV (0 for a given or absent one).
    lens: [usize; 3],
    cek: Option<&'a [u8]>,
    iv: Option<&'a [u8]>,
    kw_iv: Option<&'a [u8]>,
}

impl<'a> TokenKeys<'a> {
    /// `kw_iv` asks for an AES-GCM key wrap IV (single-recipient encryption with `*GCMKW`);
    /// otherwise the key wrap draws its own.
    fn new(
        key: &'a Jwk,
        alg: KeyManagementAlg,
        enc: ContentEncryptionAlg,
        fixed: Option<&'a Fixed>,
        kw_iv: bool,
    ) -> Result<Self> {
        let cek = if alg == KeyManagementAlg::Dir {
            let k = key
                .oct_secret()
                .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "dir needs a symmetric key"))?;
            Some(k.expose_secret())
        } else {
            fixed.map(|f| f.cek.expose_secret())
        };
        let iv = fixed.map(|f| f.iv.as_slice());
        let gcm_kw = matches!(
            alg,
            KeyManagementAlg::A128GCMKW | KeyManagementAlg::A192GCMKW | KeyManagementAlg::A256GCMKW
        );
        let kw_iv_given = fixed.and_then(|f| f.kw_iv.as_deref());
        let lens = [
            if cek.is_none() { enc.key_len() } else { 0 },
            if iv.is_none() { enc.iv_len() } else { 0 },
            if kw_iv && gcm_kw && fixed.is_none() {
                crate::jwa::aes_gcm::IV_LEN
            } else {
                0
            },
        ];
        let mut drawn = Zeroizing::new([0u8; DRAW_MAX]);
        let total = lens.iter().sum::<usize>();
        if total > 0 {
            let buf = drawn
                .get_mut(..total)
                .ok_or_else(|| Error::new(ErrorKind::Crypto, "random draw too long"))?;
            crate::rng::fill(buf)?;
        }
        Ok(Self {
            drawn,
            lens,
            cek,
            iv,
            kw_iv: kw_iv_given,
        })
    }

    fn drawn(&self, index: usize) -> &[u8] {
        let start: usize = self.lens.iter().take(index).sum();
        let len = self.lens.get(index).copied().unwrap_or(0);
        self.drawn.get(start..start + len).unwrap_or_default()
    }

    fn cek(&self) -> &[u8] {
        self.cek.unwrap_or_else(|| self.drawn(0))
    }

    fn iv(&self) -> &[u8] {
        self.iv.unwrap_or_else(|| self.drawn(1))
    }

    fn kw_iv(&self) -> Option<&[u8]> {
        match self.lens.get(2) {
            Some(n) if *n > 0 => Some(self.drawn(2)),
            _ => self.kw_iv,
        }
    }
}

fn encode_header(obj: &Object) -> Result<String> {
    Ok(b64::encode_public(&json::to_vec(obj)?))
}

/// Encrypts to one recipient, as a compact or flattened JSON serialization.
///
/// The protected header holds `alg`, `kid` (the key's own, unless set), `enc`, `zip`,
/// `typ`, `cty` and any extra members, in that order. The CEK and IV come from the OS RNG.
#[derive(Clone)]
pub struct Encrypter<'a> {
    key: &'a Jwk,
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
    kid: Option<String>,
    typ: Option<String>,
    cty: Option<String>,
    extra: Object,
    zip: bool,
    fixed: Option<Fixed>,
}

impl std::fmt::Debug for Encrypter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encrypter")
            .field("alg", &self.alg)
            .field("enc", &self.enc)
            .field("kid", &self.kid)
            .field("zip", &self.zip)
            .finish_non_exhaustive()
    }
}

impl<'a> Encrypter<'a> {
    /// An encrypter for `key` with `alg` and `enc`.
    ///
    /// # Errors
    /// [`ErrorKind::AlgorithmNotAllowed`] for `RSA1_5` (never used to encrypt);
    /// [`ErrorKind::KeyMismatch`] if the key does not fit (type, length, `use`, `key_ops`,
    /// `alg`).
    pub fn new(key: &'a Jwk, alg: KeyManagementAlg, enc: ContentEncryptionAlg) -> Result<Self> {
        if alg == KeyManagementAlg::Rsa1_5 {
            return err(
                ErrorKind::AlgorithmNotAllowed,
                "RSA1_5 is never used for encryption: use RSA-OAEP-256",
            );
        }
        crypto::check_key(key, alg, Some(enc), false)?;
        Ok(Self {
            key,
            alg,
            enc,
            kid: key.kid().map(str::to_owned),
            typ: None,
            cty: None,
            extra: Object::new(),
            zip: false,
            fixed: None,
        })
    }

    /// Sets `kid` (by default the key's `kid`, if it has one).
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets `typ`.
    #[must_use]
    pub fn with_typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Sets `cty` (`"JWT"` for a nested token).
    #[must_use]
    pub fn with_cty(mut self, cty: impl Into<String>) -> Self {
        self.cty = Some(cty.into());
        self
    }

    /// Adds a member to the protected header.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a registered name (`alg`, `enc`, `zip`, `crit`,
    /// `kid`...: set those with their own methods) or a name given twice.
    pub fn with_member(mut self, name: &str, value: Value) -> Result<Self> {
        insert_member(&mut self.extra, name, value)?;
        Ok(self)
    }

    /// Compresses the plaintext with DEFLATE before encryption (`zip: "DEF"`).
    #[must_use]
    pub fn with_compression(mut self) -> Self {
        self.zip = true;
        self
    }

    /// Fixes the CEK, content IV and AES-GCM key wrap IV, to reproduce published examples.
    /// Never use this outside tests: reusing a CEK and IV destroys confidentiality.
    #[doc(hidden)]
    #[must_use]
    pub fn dangerous_fixed_cek_and_iv_for_tests(
        mut self,
        cek: &[u8],
        iv: &[u8],
        kw_iv: Option<&[u8]>,
    ) -> Self {
        self.fixed = Some(Fixed::new(cek, iv, kw_iv));
        self
    }

    /// The protected header (with the key wrap parameters), base64url-encoded, and the
    /// encrypted key. The header JSON is written directly, members in the documented order.
    fn prepare(&self, keys: &TokenKeys<'_>) -> Result<(Vec<u8>, Vec<u8>)> {
        let (ek, kw_params) = crypto::wrap_cek(self.key, self.alg, keys.cek(), keys.kw_iv())?;
        let mut h = Vec::with_capacity(128);
        h.push(b'{');
        json::write_member(&mut h, "alg", self.alg.name())?;
        if let Some(kid) = &self.kid {
            json::write_member(&mut h, "kid", kid)?;
        }
        for (k, v) in &kw_params {
            json::write_member(&mut h, k, v)?;
        }
        json::write_member(&mut h, "enc", self.enc.name())?;
        if self.zip {
            json::write_member(&mut h, "zip", "DEF")?;
        }
        if let Some(typ) = &self.typ {
            json::write_member(&mut h, "typ", typ)?;
        }
        if let Some(cty) = &self.cty {
            json::write_member(&mut h, "cty", cty)?;
        }
        for (k, v) in &self.extra {
            json::write_member(&mut h, k, v)?;
        }
        h.push(b'}');
        let mut protected = Vec::with_capacity(b64::encoded_len(h.len()));
        b64::encode_public_into(&h, &mut protected);
        Ok((ek, protected))
    }

    fn token_keys(&self) -> Result<TokenKeys<'_>> {
        TokenKeys::new(self.key, self.alg, self.enc, self.fixed.as_ref(), true)
    }

    /// Encrypts `plaintext` into the compact serialization.
    ///
    /// The token is written into one buffer: the ciphertext is base64url-encoded piece by
    /// piece as it is produced, so no copy of the payload is made besides the token itself.
    ///
    /// # Errors
    /// [`ErrorKind::Crypto`] if the RNG or a primitive fails.
    pub fn encrypt_compact(&self, plaintext: &[u8]) -> Result<String> {
        let keys = self.token_keys()?;
        let (ek, protected) = self.prepare(&keys)?;
        let iv = keys.iv();
        let compressed;
        let pt = if self.zip {
            compressed = Zeroizing::new(deflate::compress(plaintext));
            &compressed[..]
        } else {
            plaintext
        };
        let ct_len = match self.enc {
            ContentEncryptionAlg::A128Gcm
            | ContentEncryptionAlg::A192Gcm
            | ContentEncryptionAlg::A256Gcm => pt.len(),
            _ => (pt.len() / 16 + 1) * 16,
        };
        let mut out = Vec::with_capacity(
            protected.len()
                + b64::encoded_len(ek.len())
                + b64::encoded_len(iv.len())
                + b64::encoded_len(ct_len)
                + b64::encoded_len(self.enc.tag_len())
                + 4,
        );
        out.extend_from_slice(&protected);
        out.push(b'.');
        b64::encode_public_into(&ek, &mut out);
        out.push(b'.');
        b64::encode_public_into(iv, &mut out);
        out.push(b'.');
        let tag = crypto::encrypt_content_to(
            self.enc,
            keys.cek(),
            iv,
            &[&protected],
            pt,
            &mut |piece| b64::encode_public_into(piece, &mut out),
        )?;
        out.push(b'.');
        b64::encode_public_into(&tag, &mut out);
        String::from_utf8(out).map_err(|_| Error::new(ErrorKind::Crypto, "non-UTF-8 token"))
    }

    /// Encrypts `plaintext` into the flattened JSON serialization, with optional
    /// additional authenticated data `aad`.
    ///
    /// # Errors
    /// As [`Encrypter::encrypt_compact`].
    pub fn encrypt_json(&self, plaintext: &[u8], aad: Option<&[u8]>) -> Result<String> {
        let keys = self.token_keys()?;
        let (ek, protected) = self.prepare(&keys)?;
        let protected = String::from_utf8(protected)
            .map_err(|_| Error::new(ErrorKind::Crypto, "non-UTF-8 header"))?;
        let recipients = vec![(Object::new(), ek)];
        let body = encrypt_body(
            self.enc,
            keys.cek(),
            keys.iv(),
            protected,
            None,
            plaintext,
            aad,
            self.zip,
        )?;
        Ok(body.serialize(recipients, true))
    }
}

/// The shared parts of a JSON serialization, ready to write.
struct Body {
    protected: String,
    unprotected: Option<Object>,
    aad: Option<String>,
    iv: Vec<u8>,
    ct: Vec<u8>,
    tag: Vec<u8>,
}

#[allow(clippy::too_many_arguments)]
fn encrypt_body(
    enc: ContentEncryptionAlg,
    cek: &[u8],
    iv: &[u8],
    protected: String,
    unprotected: Option<Object>,
    plaintext: &[u8],
    aad: Option<&[u8]>,
    zip: bool,
) -> Result<Body> {
    let iv = iv.to_vec();
    let compressed;
    let pt = if zip {
        compressed = Zeroizing::new(deflate::compress(plaintext));
        &compressed[..]
    } else {
        plaintext
    };
    let aad_b64 = aad.map(b64::encode_public);
    let mut parts: Vec<&[u8]> = vec![protected.as_bytes()];
    if let Some(a) = &aad_b64 {
        parts.push(b".");
        parts.push(a.as_bytes());
    }
    let (ct, tag) = crypto::encrypt_content(enc, cek, &iv, &parts, pt)?;
    Ok(Body {
        protected,
        unprotected,
        aad: aad_b64,
        iv,
        ct,
        tag,
    })
}

impl Body {
    fn serialize(self, recipients: Vec<(Object, Vec<u8>)>, flattened: bool) -> String {
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
        Value::Object(out).to_string()
    }
}

/// Encrypts to several recipients in the general JSON serialization (RFC 7516 §7.2.1).
///
/// The protected header holds `enc` (and `zip`); each recipient's header holds its `alg`,
/// its key's `kid` (unless given) and the key wrap parameters.
///
/// ```
/// use jwcrypt::{Jwk, KeyManagementAlg as K, ContentEncryptionAlg as E};
/// use jwcrypt::jwe::{JsonEncrypter, Decrypter};
///
/// let a = Jwk::generate_for(K::A128KW)?.with_kid("a");
/// let b = Jwk::generate_for(K::A256GCMKW)?.with_kid("b");
/// let token = JsonEncrypter::new(E::A128Gcm)
///     .add_recipient(&a, K::A128KW, None)?
///     .add_recipient(&b, K::A256GCMKW, None)?
///     .encrypt(b"to both", Some(b"context"))?;
/// let out = Decrypter::new(&b, &[K::A256GCMKW], &[])?.decrypt_json(&token)?;
/// assert_eq!((out.plaintext(), out.recipient_index()), (&b"to both"[..], 1));
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone)]
pub struct JsonEncrypter<'a> {
    enc: ContentEncryptionAlg,
    recipients: Vec<(&'a Jwk, KeyManagementAlg, Object)>,
    shared: Option<Object>,
    protected_extra: Object,
    zip: bool,
    fixed: Option<Fixed>,
}

impl std::fmt::Debug for JsonEncrypter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonEncrypter")
            .field("enc", &self.enc)
            .field("recipients", &self.recipients.len())
            .field("zip", &self.zip)
            .finish_non_exhaustive()
    }
}

/// Names an unprotected header may not carry when we write one.
const PROTECTED_ONLY: &[&str] = &["enc", "zip", "crit"];

impl<'a> JsonEncrypter<'a> {
    /// A general JSON encrypter for content encryption `enc`, with no recipient yet.
    pub fn new(enc: ContentEncryptionAlg) -> Self {
        Self {
            enc,
            recipients: Vec::new(),
            shared: None,
            protected_extra: Object::new(),
            zip: false,
            fixed: None,
        }
    }

    /// Adds a recipient: `key` with `alg`, and extra members for its unprotected header.
    ///
    /// # Errors
    /// [`ErrorKind::AlgorithmNotAllowed`] for `RSA1_5`; [`ErrorKind::KeyMismatch`] if the
    /// key does not fit; [`ErrorKind::InvalidArgument`] if `header` sets `alg`, `enc`,
    /// `zip`, `crit`, `iv` or `tag`.
    pub fn add_recipient(
        mut self,
        key: &'a Jwk,
        alg: KeyManagementAlg,
        header: Option<Map<String, Value>>,
    ) -> Result<Self> {
        if alg == KeyManagementAlg::Rsa1_5 {
            return err(
                ErrorKind::AlgorithmNotAllowed,
                "RSA1_5 is never used for encryption: use RSA-OAEP-256",
            );
        }
        crypto::check_key(key, alg, Some(self.enc), false)?;
        let mut h = Object::new();
        h.insert("alg".into(), alg.name().into());
        let given = header.unwrap_or_default();
        if !given.contains_key("kid")
            && let Some(kid) = key.kid()
        {
            h.insert("kid".into(), kid.into());
        }
        for (k, v) in given {
            if ["alg", "iv", "tag"].contains(&k.as_str()) || PROTECTED_ONLY.contains(&k.as_str()) {
                return err(
                    ErrorKind::InvalidArgument,
                    format!("a recipient header may not set {k:?}"),
                );
            }
            h.insert(k, v);
        }
        self.recipients.push((key, alg, h));
        Ok(self)
    }

    /// Sets the shared unprotected header (`unprotected`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] if it sets `alg`, `enc`, `zip` or `crit`.
    pub fn shared_unprotected(mut self, header: Map<String, Value>) -> Result<Self> {
        if let Some(k) = header
            .keys()
            .find(|k| k.as_str() == "alg" || PROTECTED_ONLY.contains(&k.as_str()))
        {
            return err(
                ErrorKind::InvalidArgument,
                format!("the shared unprotected header may not set {k:?}"),
            );
        }
        self.shared = Some(header);
        Ok(self)
    }

    /// Adds a member to the protected header.
    ///
    /// # Errors
    /// As [`Encrypter::with_member`].
    pub fn protected_member(mut self, name: &str, value: Value) -> Result<Self> {
        insert_member(&mut self.protected_extra, name, value)?;
        Ok(self)
    }

    /// Compresses the plaintext with DEFLATE (`zip: "DEF"` in the protected header).
    #[must_use]
    pub fn with_compression(mut self) -> Self {
        self.zip = true;
        self
    }

    /// As [`Encrypter::dangerous_fixed_cek_and_iv_for_tests`].
    #[doc(hidden)]
    #[must_use]
    pub fn dangerous_fixed_cek_and_iv_for_tests(
        mut self,
        cek: &[u8],
        iv: &[u8],
        kw_iv: Option<&[u8]>,
    ) -> Self {
        self.fixed = Some(Fixed::new(cek, iv, kw_iv));
        self
    }

    /// Encrypts `plaintext` (with optional additional authenticated data `aad`) into the
    /// general JSON serialization.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] with no recipient, with `dir` among several
    /// recipients, or when a header member appears in two headers; [`ErrorKind::Crypto`] if
    /// the RNG or a primitive fails.
    pub fn encrypt(&self, plaintext: &[u8], aad: Option<&[u8]>) -> Result<String> {
        let Some((first_key, first_alg, _)) = self.recipients.first() else {
            return err(ErrorKind::InvalidArgument, "no recipient was added");
        };
        let dir = self
            .recipients
            .iter()
            .any(|(_, a, _)| *a == KeyManagementAlg::Dir);
        if dir && self.recipients.len() > 1 {
            return err(
                ErrorKind::InvalidArgument,
                "dir can only be used with a single recipient",
            );
        }
        let mut protected = Object::new();
        protected.insert("enc".into(), self.enc.name().into());
        if self.zip {
            protected.insert("zip".into(), "DEF".into());
        }
        for (k, v) in &self.protected_extra {
            protected.insert(k.clone(), v.clone());
        }
        let keys = TokenKeys::new(first_key, *first_alg, self.enc, self.fixed.as_ref(), false)?;
        let kw_iv = self.fixed.as_ref().and_then(|f| f.kw_iv.as_deref());
        let mut recipients = Vec::with_capacity(self.recipients.len());
        for (key, alg, header) in &self.recipients {
            let (ek, params) = crypto::wrap_cek(key, *alg, keys.cek(), kw_iv)?;
            let mut h = header.clone();
            h.extend(params);
            let shared = self.shared.clone().unwrap_or_default();
            disjoint_union([&protected, &shared, &h])
                .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.message().to_owned()))?;
            recipients.push((h, ek));
        }
        let body = encrypt_body(
            self.enc,
            keys.cek(),
            keys.iv(),
            encode_header(&protected)?,
            self.shared.clone(),
            plaintext,
            aad,
            self.zip,
        )?;
        Ok(body.serialize(recipients, false))
    }
}

/// A decrypted JWE: its joined header, plaintext and additional authenticated data.
pub struct Decrypted {
    header: JweHeader,
    plaintext: Zeroizing<Vec<u8>>,
    aad: Option<Vec<u8>>,
    recipient_index: usize,
}

impl std::fmt::Debug for Decrypted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decrypted")
            .field("header", &self.header)
            .field("plaintext_len", &self.plaintext.len())
            .field("recipient_index", &self.recipient_index)
            .finish_non_exhaustive()
    }
}

impl Decrypted {
    /// The JOSE header: protected ∪ shared unprotected ∪ the recipient's header.
    pub fn header(&self) -> &JweHeader {
        &self.header
    }

    /// The plaintext (decompressed if `zip` was set).
    pub fn plaintext(&self) -> &[u8] {
        &self.plaintext
    }

    /// The plaintext, owned, zeroized on drop.
    pub fn into_plaintext(self) -> Zeroizing<Vec<u8>> {
        self.plaintext
    }

    /// The header and the plaintext, owned.
    pub fn into_header_and_plaintext(self) -> (JweHeader, Zeroizing<Vec<u8>>) {
        (self.header, self.plaintext)
    }

    /// The JSON serialization's additional authenticated data (`aad`), decoded.
    pub fn aad(&self) -> Option<&[u8]> {
        self.aad.as_deref()
    }

    /// Which recipient's key decrypted it (0 for compact and flattened JSON).
    pub fn recipient_index(&self) -> usize {
        self.recipient_index
    }
}

/// Decrypts JWE tokens with known keys and an explicit list of accepted algorithms.
#[derive(Clone, Debug)]
pub struct Decrypter {
    keys: jwk::Keys,
    algs: Vec<KeyManagementAlg>,
    encs: Vec<ContentEncryptionAlg>,
    limits: Limits,
    rsa1_5: bool,
}

/// One recipient as read from the token.
struct Recipient<'t> {
    header: Option<Object>,
    encrypted_key: Cow<'t, str>,
}

/// A token split into its parts, base64url still encoded.
/// Compact parts borrow from the token (no copy of a large ciphertext); JSON ones are owned.
struct Parts<'t> {
    protected_b64: Cow<'t, str>,
    unprotected: Option<Object>,
    recipients: Vec<Recipient<'t>>,
    iv: Cow<'t, str>,
    ciphertext: Cow<'t, str>,
    tag: Cow<'t, str>,
    aad: Option<Cow<'t, str>>,
}

fn malformed(message: &'static str) -> Error {
    Error::new(ErrorKind::MalformedToken, message)
}

fn decode_part(text: &str, what: &'static str) -> Result<Vec<u8>> {
    b64::decode_public(text).map_err(|_| malformed(what))
}

impl Decrypter {
    /// A decrypter trying `keys` (one key or a JWK Set) for tokens whose `alg` is in `algs`
    /// and `enc` in `encs` (an empty `encs` accepts every content encryption, all of which
    /// are authenticated).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] when `algs` is empty.
    pub fn new(
        keys: impl Into<jwk::Keys>,
        algs: &[KeyManagementAlg],
        encs: &[ContentEncryptionAlg],
    ) -> Result<Self> {
        if algs.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "name the key management algorithms to accept",
            );
        }
        Ok(Self {
            keys: keys.into(),
            algs: algs.to_vec(),
            encs: if encs.is_empty() {
                ContentEncryptionAlg::ALL.to_vec()
            } else {
                encs.to_vec()
            },
            limits: Limits::default(),
            rsa1_5: false,
        })
    }

    /// A decrypter for `key` with the algorithm its `alg` names, and every `enc`. A key whose
    /// `alg` is a content encryption algorithm (RFC 7520 §3.6) is a `dir` key for that `enc`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] when the key has no `alg` or one that is not a JWE
    /// algorithm.
    pub fn for_key_alg(key: &Jwk) -> Result<Self> {
        match key.alg() {
            Some(Algorithm::KeyManagement(a)) => Self::new(key, &[*a], &[]),
            Some(Algorithm::ContentEncryption(e)) => {
                Self::new(key, &[KeyManagementAlg::Dir], &[*e])
            }
            _ => err(
                ErrorKind::InvalidArgument,
                "the key has no JWE algorithm in \"alg\": name the algorithms to accept",
            ),
        }
    }

    /// Replaces the default [`Limits`].
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Allows `RSA1_5` when it is also in the accepted algorithms.
    ///
    /// RSA PKCS#1 v1.5 key encryption is exposed to Bleichenbacher's attack; it is decrypted
    /// here with the RFC 3218 countermeasure (a random CEK replaces any failed decryption, so
    /// every failure is the same tag error), but the `rsa` crate's private-key operation is
    /// not constant-time (RUSTSEC-2023-0071). Enable it only for legacy senders.
    #[must_use]
    pub fn allow_rsa1_5_insecure(mut self) -> Self {
        self.rsa1_5 = true;
        self
    }

    /// Decrypts a compact or JSON serialization (JSON if it starts with `{`).
    ///
    /// # Errors
    /// As [`Decrypter::decrypt_compact`] and [`Decrypter::decrypt_json`].
    pub fn decrypt(&self, token: &str) -> Result<Decrypted> {
        if token.starts_with('{') {
            self.decrypt_json(token)
        } else {
            self.decrypt_compact(token)
        }
    }

    /// Decrypts the compact serialization.
    ///
    /// # Errors
    /// [`ErrorKind::LimitExceeded`] for an oversized token or plaintext;
    /// [`ErrorKind::MalformedToken`] for a wrong structure; [`ErrorKind::InvalidHeader`],
    /// [`ErrorKind::UnsupportedCritical`], [`ErrorKind::UnsupportedAlgorithm`] or
    /// [`ErrorKind::AlgorithmNotAllowed`] for the header; [`ErrorKind::KeyNotFound`] or
    /// [`ErrorKind::KeyMismatch`] when no key fits; [`ErrorKind::Decryption`] for every
    /// cryptographic failure.
    ///
    /// ```
    /// # use jwcrypt::{Jwk, KeyManagementAlg as K, ContentEncryptionAlg as E, ErrorKind};
    /// # use jwcrypt::jwe::{Encrypter, Decrypter};
    /// let key = Jwk::generate_for(E::A128Gcm)?;
    /// let token = Encrypter::new(&key, K::Dir, E::A128Gcm)?.encrypt_compact(b"hi")?;
    /// let d = Decrypter::new(&key, &[K::Dir], &[E::A128Gcm])?;
    /// assert_eq!(d.decrypt_compact(&token)?.plaintext(), b"hi");
    /// let mut bad = token.clone();
    /// bad.pop();
    /// bad.push(if token.ends_with('A') { 'Q' } else { 'A' });
    /// assert_eq!(d.decrypt_compact(&bad).unwrap_err().kind(), ErrorKind::Decryption);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    pub fn decrypt_compact(&self, token: &str) -> Result<Decrypted> {
        self.check_config()?;
        self.check_len(token)?;
        const FIVE_PARTS: &str = "a compact JWE has exactly five parts";
        // The ciphertext, by far the longest part, is not searched for dots here: the first
        // three dots are near the start and the last one just before the tag. A dot inside
        // the ciphertext makes its base64url decoding fail; whenever decryption fails, the
        // token's structure is checked first, so a token with other than five parts is
        // reported as such, as if it had been counted up front.
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
        let recipient = Recipient {
            header: None,
            encrypted_key: ek,
        };
        let result = self.decrypt_parts(
            Parts {
                protected_b64,
                unprotected: None,
                recipients: Vec::new(),
                iv,
                ciphertext,
                tag,
                aad: None,
            },
            std::slice::from_ref(&recipient),
        );
        // Success means the ciphertext decoded, so it holds no dot: exactly five parts.
        if result.is_err() && token.split('.').nth(5).is_some() {
            return Err(malformed(FIVE_PARTS));
        }
        result
    }

    /// Decrypts the flattened or general JSON serialization.
    ///
    /// # Errors
    /// As [`Decrypter::decrypt_compact`]; also [`ErrorKind::Json`] for malformed JSON and
    /// [`ErrorKind::LimitExceeded`] for too many recipients.
    pub fn decrypt_json(&self, text: &str) -> Result<Decrypted> {
        self.check_config()?;
        self.check_len(text)?;
        let mut obj = json::parse_object(
            text.as_bytes(),
            self.limits.max_token_len,
            self.limits.max_json_depth,
        )?;
        let mut parts = parse_json(&mut obj, &self.limits)?;
        let recipients = std::mem::take(&mut parts.recipients);
        self.decrypt_parts(parts, &recipients)
    }

    /// The protected header's `enc` (a string, known, allowed) and `zip` (absent or `DEF`),
    /// checked in that order, whichever way the header was read.
    fn enc_and_zip(
        &self,
        enc: &Member<'_>,
        zip: &Member<'_>,
    ) -> Result<(ContentEncryptionAlg, bool)> {
        let enc: ContentEncryptionAlg = match enc {
            Member::Str(s) => s.parse()?,
            Member::NotStr => return err(ErrorKind::InvalidHeader, "\"enc\" must be a string"),
            Member::Absent => {
                return err(
                    ErrorKind::InvalidHeader,
                    "\"enc\" is missing from the protected header",
                );
            }
        };
        if !self.encs.contains(&enc) {
            return err(
                ErrorKind::AlgorithmNotAllowed,
                format!("content encryption {enc} is not allowed"),
            );
        }
        let zip = match zip {
            Member::Absent => false,
            Member::Str(s) if s == "DEF" => true,
            _ => {
                return err(
                    ErrorKind::UnsupportedAlgorithm,
                    "the only supported \"zip\" is \"DEF\"",
                );
            }
        };
        Ok((enc, zip))
    }

    fn check_config(&self) -> Result<()> {
        if self.algs.contains(&KeyManagementAlg::Rsa1_5) && !self.rsa1_5 {
            return err(
                ErrorKind::InvalidArgument,
                "RSA1_5 is listed but not enabled: call allow_rsa1_5_insecure",
            );
        }
        Ok(())
    }

    fn check_len(&self, token: &str) -> Result<()> {
        if token.len() > self.limits.max_token_len {
            return err(
                ErrorKind::LimitExceeded,
                format!(
                    "the token is longer than the limit of {} bytes",
                    self.limits.max_token_len
                ),
            );
        }
        Ok(())
    }

    fn decrypt_parts(&self, parts: Parts<'_>, recipients: &[Recipient<'_>]) -> Result<Decrypted> {
        let alone = parts.unprotected.as_ref().is_none_or(Object::is_empty)
            && recipients
                .iter()
                .all(|r| r.header.as_ref().is_none_or(Object::is_empty));
        // The header all recipients share (`alone`), typed in place (it is large: each move
        // is a copy), or each recipient's own.
        let mut shared = Typed::new();
        let (each, enc, zip) = if alone {
            let (enc, zip) =
                self.read_protected(&parts.protected_b64, recipients.len(), &mut shared)?;
            (Vec::new(), enc, zip)
        } else {
            let each = self.read_joined(&parts, recipients)?;
            let Some((_, h)) = each.first() else {
                return Err(malformed("no recipient"));
            };
            let (enc, zip) = (h.enc(), h.zip());
            (each, enc, zip)
        };
        let keys = &self.keys;

        let iv = decode_small(&parts.iv, "the IV is not base64url")?;
        let tag = decode_small(&parts.tag, "the tag is not base64url")?;
        let aad_bytes = match &parts.aad {
            Some(a) => Some(decode_part(a, "the aad is not base64url")?),
            None => None,
        };
        let aad_parts: [&[u8]; 3] = [
            parts.protected_b64.as_bytes(),
            b".",
            parts.aad.as_deref().unwrap_or_default().as_bytes(),
        ];
        let aad = match parts.aad {
            Some(_) => &aad_parts[..],
            None => aad_parts.get(..1).unwrap_or_default(),
        };
        let mut ciphertext = Some(decode_part(
            &parts.ciphertext,
            "the ciphertext is not base64url",
        )?);

        let mut tried = false;
        let mut attempts = 0usize;
        let mut key_error: Option<Error> = None;
        let shared_header = shared.header();
        let order: &mut dyn Iterator<Item = (usize, &JweHeader)> = if alone {
            &mut (0..recipients.len()).map(|i| (i, shared_header))
        } else {
            &mut each.iter().map(|(i, h)| (*i, h))
        };
        let mut winner = None;
        'recipients: for (i, header) in order {
            let Some(r) = recipients.get(i) else {
                continue;
            };
            let ek = decode_small(&r.encrypted_key, "the encrypted key is not base64url")?;
            let candidates = match keys.select(header.kid(), &header.alg(), |key| {
                crypto::check_key(key, header.alg(), Some(enc), true)
            }) {
                Ok(c) => c,
                Err(e) => {
                    key_error.get_or_insert(e);
                    continue;
                }
            };
            for (_, key) in candidates.iter() {
                if attempts == MAX_ATTEMPTS {
                    return Err(Error::decryption());
                }
                attempts += 1;
                tried = true;
                // `other` holds every member `unwrap_cek` reads (`iv`, `tag`).
                let Ok(cek) = crypto::unwrap_cek(key, header.alg(), enc, &ek, header.other())
                else {
                    continue;
                };
                let ct = match ciphertext.take() {
                    Some(ct) => ct,
                    None => decode_part(&parts.ciphertext, "the ciphertext is not base64url")?,
                };
                let Ok(plaintext) = crypto::decrypt_content(enc, &cek, &iv, aad, ct, &tag) else {
                    continue;
                };
                winner = Some((i, plaintext));
                break 'recipients;
            }
        }
        let Some((i, plaintext)) = winner else {
            return if tried {
                Err(Error::decryption())
            } else {
                Err(key_error
                    .unwrap_or_else(|| Error::new(ErrorKind::KeyNotFound, "no key fits the token")))
            };
        };
        let header = if alone {
            shared.into_header()
        } else {
            match each.into_iter().find(|(j, _)| *j == i) {
                Some((_, h)) => h,
                None => return Err(Error::decryption()),
            }
        };
        let plaintext = if zip {
            deflate::inflate(&plaintext, self.limits.max_decompressed_len)?
        } else {
            plaintext
        };
        Ok(Decrypted {
            header,
            plaintext,
            aad: aad_bytes,
            recipient_index: i,
        })
    }

    /// The header of every recipient when the protected header is the only one: the checks
    /// and errors of [`Decrypter::read_joined`], in the same order.
    fn read_protected(
        &self,
        protected_b64: &str,
        count: usize,
        typed: &mut Typed,
    ) -> Result<(ContentEncryptionAlg, bool)> {
        let source = decode_protected_bytes(protected_b64, &self.limits)?;
        let mut p = Protected::new();
        header::read_protected(
            &source,
            self.limits.max_header_len,
            self.limits.max_json_depth,
            &mut p,
            typed,
        )
        .map_err(protected_error)?;
        let (enc, zip) = self.enc_and_zip(&p.enc, &p.zip)?;
        if count == 0 {
            return Err(malformed("no recipient"));
        }
        // `crit` is in the protected header, and what it may name is not typed.
        check_crit_value(
            p.crit.as_ref(),
            |name| typed.has_other(name),
            JWE_REGISTERED,
            UNDERSTOOD,
        )?;
        let alg: KeyManagementAlg = match &p.alg {
            Member::Str(s) => s.parse()?,
            Member::NotStr => return err(ErrorKind::InvalidHeader, "\"alg\" must be a string"),
            Member::Absent => return err(ErrorKind::InvalidHeader, "\"alg\" is missing"),
        };
        if !self.algs.contains(&alg) {
            return err(
                ErrorKind::AlgorithmNotAllowed,
                format!("key management algorithm {alg} is not allowed"),
            );
        }
        drop(p);
        typed.finish(alg, enc, zip, source)?;
        Ok((enc, zip))
    }

    /// The header of each recipient whose `alg` is accepted: the union of the protected,
    /// shared unprotected and recipient's headers.
    fn read_joined(
        &self,
        parts: &Parts<'_>,
        recipients: &[Recipient<'_>],
    ) -> Result<Vec<(usize, JweHeader)>> {
        let protected = decode_protected(&parts.protected_b64, &self.limits)?;
        let empty = Object::new();
        let unprotected = parts.unprotected.as_ref().unwrap_or(&empty);
        // enc and zip only in the protected header.
        for name in ["enc", "zip"] {
            let elsewhere = unprotected.contains_key(name)
                || recipients
                    .iter()
                    .any(|r| r.header.as_ref().is_some_and(|h| h.contains_key(name)));
            if elsewhere {
                return err(
                    ErrorKind::InvalidHeader,
                    format!("{name:?} must be in the protected header"),
                );
            }
        }
        let (enc, zip) = self.enc_and_zip(
            &Member::of(protected.get("enc")),
            &Member::of(protected.get("zip")),
        )?;

        // Read each recipient's header; keep those whose alg we accept.
        let mut usable: Vec<(usize, JweHeader)> = Vec::with_capacity(recipients.len());
        let mut first_error: Option<Error> = None;
        let count = recipients.len();
        // The protected header, moved (not copied) into the last recipient's header when
        // nothing else joins it (always so for the compact serialization).
        let mut protected = Some(protected);
        for (i, r) in recipients.iter().enumerate() {
            let own = r.header.as_ref().unwrap_or(&empty);
            let p = protected
                .as_ref()
                .ok_or_else(|| malformed("no protected header"))?;
            let joined = if unprotected.is_empty() && own.is_empty() {
                check_crit(p, &[unprotected, own], p, JWE_REGISTERED, UNDERSTOOD)?;
                if i + 1 == count {
                    protected.take().unwrap_or_default()
                } else {
                    p.clone()
                }
            } else {
                let joined = disjoint_union([p, unprotected, own])?;
                check_crit(p, &[unprotected, own], &joined, JWE_REGISTERED, UNDERSTOOD)?;
                joined
            };
            let alg = match joined.get("alg") {
                Some(Value::String(s)) => s.parse::<KeyManagementAlg>(),
                Some(_) => return err(ErrorKind::InvalidHeader, "\"alg\" must be a string"),
                None => return err(ErrorKind::InvalidHeader, "\"alg\" is missing"),
            };
            let alg = match alg {
                Ok(a) if self.algs.contains(&a) => a,
                Ok(a) => {
                    first_error.get_or_insert_with(|| {
                        Error::new(
                            ErrorKind::AlgorithmNotAllowed,
                            format!("key management algorithm {a} is not allowed"),
                        )
                    });
                    continue;
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            let header = JweHeader::from_joined(joined, alg, enc, zip)?;
            usable.push((i, header));
        }
        if usable.is_empty() {
            return Err(first_error.unwrap_or_else(|| malformed("no recipient")));
        }
        // Recipients whose kid names one of our keys first.
        let keys = &self.keys;
        let kid_matches = |h: &JweHeader| {
            h.kid()
                .is_some_and(|kid| keys.as_slice().iter().any(|k| k.kid() == Some(kid)))
        };
        if usable.len() > 1 {
            usable.sort_by_key(|(_, h)| !kid_matches(h));
        }
        Ok(usable)
    }
}

/// A decoded short token part (IV, tag, wrapped key): on the stack, else on the heap.
#[derive(Debug)]
enum Small {
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
fn decode_small(text: &str, what: &'static str) -> Result<Small> {
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
fn parse_json(obj: &mut Object, limits: &Limits) -> Result<Parts<'static>> {
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

/// Reading headers without decrypting. Nothing read here is authenticated: never use it to
/// choose keys or algorithms.
pub mod dangerous {
    use super::*;

    /// The headers of a compact JWE (the protected header object), or of a JSON one
    /// (`{"protected": {...}, "unprotected": {...}, "recipients": [{"header": {...}}]}`),
    /// without decrypting or checking anything but the structure.
    ///
    /// # Errors
    /// [`ErrorKind::MalformedToken`], [`ErrorKind::InvalidHeader`], [`ErrorKind::Json`] or
    /// [`ErrorKind::LimitExceeded`] for input that cannot be read.
    pub fn decode_unverified_header(token: &str) -> Result<Value> {
        let limits = Limits::default();
        if token.len() > limits.max_token_len {
            return err(ErrorKind::LimitExceeded, "the token is too long");
        }
        if token.starts_with('{') {
            let mut obj = json::parse_object(
                token.as_bytes(),
                limits.max_token_len,
                limits.max_json_depth,
            )?;
            let parts = parse_json(&mut obj, &limits)?;
            let mut out = Object::new();
            out.insert(
                "protected".into(),
                Value::Object(decode_protected(&parts.protected_b64, &limits)?),
            );
            if let Some(u) = parts.unprotected {
                out.insert("unprotected".into(), Value::Object(u));
            }
            let recipients: Vec<Value> = parts
                .recipients
                .into_iter()
                .map(|r| {
                    let mut o = Object::new();
                    if let Some(h) = r.header {
                        o.insert("header".into(), Value::Object(h));
                    }
                    Value::Object(o)
                })
                .collect();
            out.insert("recipients".into(), recipients.into());
            return Ok(Value::Object(out));
        }
        let first = token
            .split('.')
            .next()
            .ok_or_else(|| malformed("empty token"))?;
        Ok(Value::Object(decode_protected(first, &limits)?))
    }
}
