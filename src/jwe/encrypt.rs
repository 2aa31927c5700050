//! Encryption: [`Encrypter`] (compact or flattened JSON, one recipient) and
//! [`JsonEncrypter`] (general JSON, several recipients).

use std::ops::Range;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::content;
use super::key_management::{self as km, KeyRef, SendParams};
use super::password::Password;
use super::serialization::{Body, encode_header};
use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::header::{JWE_REGISTERED, disjoint_union};
use crate::json::{self, Object};
use crate::jwa::{ContentEncryptionAlg, KeyManagementAlg, aes_gcm, deflate};
use crate::jwk::Jwk;
use crate::secret::Secret;

/// CEK and IVs fixed in advance, to reproduce published examples (set by unit tests only;
/// always `None` otherwise).
#[derive(Clone)]
struct Fixed {
    cek: Secret,
    iv: Vec<u8>,
    kw_iv: Option<Vec<u8>>,
}

impl Fixed {
    #[cfg(test)]
    fn new(cek: &[u8], iv: &[u8], kw_iv: Option<&[u8]>) -> Self {
        Self {
            cek: Secret::from_slice(cek),
            iv: iv.to_vec(),
            kw_iv: kw_iv.map(<[u8]>::to_vec),
        }
    }

    fn cek(&self) -> &[u8] {
        self.cek.expose_secret()
    }

    fn iv(&self) -> &[u8] {
        &self.iv
    }

    fn kw_iv(&self) -> Option<&[u8]> {
        self.kw_iv.as_deref()
    }
}

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
const DRAW_MAX: usize = 64 + 16 + aes_gcm::IV_LEN;

/// One of the per-token values: given (the `dir` key, or fixed by a test) or drawn.
enum Piece<'a> {
    Given(&'a [u8]),
    Drawn(Range<usize>),
    /// The direct ECDH-ES key agreement's output.
    Agreed,
}

/// The per-token values: the CEK (the key itself for `dir`), the content IV and, for AES-GCM
/// key wrapping, the key wrap IV. Those not given are drawn from the OS in a single call,
/// one after the other, into a buffer zeroized on drop.
struct TokenKeys<'a> {
    drawn: Zeroizing<[u8; DRAW_MAX]>,
    cek: Piece<'a>,
    iv: Piece<'a>,
    kw_iv: Option<Piece<'a>>,
    /// Direct ECDH-ES: the agreed CEK and the header members (`epk`, `apu`, `apv`).
    agreed: Option<(Zeroizing<Vec<u8>>, Object)>,
}

impl<'a> TokenKeys<'a> {
    /// `kw_iv` asks for an AES-GCM key wrap IV (single-recipient encryption with `*GCMKW`);
    /// otherwise the key wrap draws its own.
    fn new(
        key: KeyRef<'a>,
        alg: KeyManagementAlg,
        enc: ContentEncryptionAlg,
        fixed: Option<&'a Fixed>,
        kw_iv: bool,
        params: &SendParams,
    ) -> Result<Self> {
        let mut end = 0;
        let mut draw = |len: usize| {
            let range = end..end + len;
            end += len;
            Piece::Drawn(range)
        };
        let mut agreed = None;
        let cek = if alg == KeyManagementAlg::Dir {
            let k = match key {
                KeyRef::Jwk(k) => k.oct_secret(),
                KeyRef::Password(_) | KeyRef::Opaque(_) => None,
            }
            .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "dir needs a symmetric key"))?;
            Piece::Given(k.expose_secret())
        } else if alg == KeyManagementAlg::EcdhEs {
            let KeyRef::Jwk(k) = key else {
                return err(ErrorKind::KeyMismatch, "ECDH-ES needs an EC or OKP key");
            };
            agreed = Some(km::agree_direct(k, enc, params)?);
            Piece::Agreed
        } else {
            match fixed {
                Some(f) => Piece::Given(f.cek()),
                None => draw(enc.key_len()),
            }
        };
        let iv = match fixed {
            Some(f) => Piece::Given(f.iv()),
            None => draw(enc.iv_len()),
        };
        let kw_iv = match fixed {
            Some(f) => f.kw_iv().map(Piece::Given),
            None if kw_iv && alg.is_aes_gcm_kw() => Some(draw(aes_gcm::IV_LEN)),
            None => None,
        };
        let mut drawn = Zeroizing::new([0u8; DRAW_MAX]);
        if end > 0 {
            let buf = drawn
                .get_mut(..end)
                .ok_or_else(|| Error::new(ErrorKind::Crypto, "random draw too long"))?;
            crate::rng::fill(buf)?;
        }
        Ok(Self {
            drawn,
            cek,
            iv,
            kw_iv,
            agreed,
        })
    }

    fn get<'s>(&'s self, piece: &'s Piece<'_>) -> &'s [u8] {
        match piece {
            Piece::Given(bytes) => bytes,
            Piece::Drawn(range) => self.drawn.get(range.clone()).unwrap_or_default(),
            Piece::Agreed => self
                .agreed
                .as_ref()
                .map(|(cek, _)| cek.as_slice())
                .unwrap_or_default(),
        }
    }

    fn cek(&self) -> &[u8] {
        self.get(&self.cek)
    }

    fn iv(&self) -> &[u8] {
        self.get(&self.iv)
    }

    fn kw_iv(&self) -> Option<&[u8]> {
        self.kw_iv.as_ref().map(|p| self.get(p))
    }

    /// The encrypted key and header members of one recipient: the direct ECDH-ES
    /// agreement's, or the key wrap's.
    fn wrap(
        &self,
        key: KeyRef<'_>,
        alg: KeyManagementAlg,
        kw_iv: Option<&[u8]>,
        params: &SendParams,
    ) -> Result<(Vec<u8>, Object)> {
        match (&self.agreed, alg) {
            (Some((_, members)), KeyManagementAlg::EcdhEs) => Ok((Vec::new(), members.clone())),
            _ => km::wrap_cek(key, alg, self.cek(), kw_iv, params),
        }
    }
}

/// Encrypts to one recipient, as a compact or flattened JSON serialization.
///
/// The protected header holds `alg`, `kid` (the key's own, unless set), `enc`, `zip`,
/// `typ`, `cty` and any extra members, in that order. The CEK and IV come from the OS RNG.
#[derive(Clone)]
pub struct Encrypter<'a> {
    key: KeyRef<'a>,
    params: SendParams,
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
        km::check_key(key, alg, Some(enc), false)?;
        Ok(Self {
            key: KeyRef::Jwk(key),
            params: SendParams::default(),
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

    /// An encrypter to a password, with one of the PBES2 algorithms (RFC 7518 §4.8): a fresh
    /// 16-byte `p2s` per token and `p2c` 8192 unless [`Encrypter::with_p2c`] sets it.
    ///
    /// ```
    /// use jwcrypt::{KeyManagementAlg as K, ContentEncryptionAlg as E};
    /// use jwcrypt::jwe::{Decrypter, Encrypter, Password};
    ///
    /// let password = Password::new(b"hunter2 but longer".to_vec())?;
    /// let token = Encrypter::with_password(&password, K::Pbes2Hs512A256KW, E::A256Gcm)?
    ///     .with_p2c(10_000)?
    ///     .encrypt_compact(b"hi")?;
    /// let d = Decrypter::with_password(&password, &[K::Pbes2Hs512A256KW], E::ALL)?;
    /// assert_eq!(d.decrypt(&token)?.plaintext(), b"hi");
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::KeyMismatch`] if `alg` is not a PBES2 algorithm.
    pub fn with_password(
        password: &'a Password,
        alg: KeyManagementAlg,
        enc: ContentEncryptionAlg,
    ) -> Result<Self> {
        km::check_password_alg(alg)?;
        Ok(Self {
            key: KeyRef::Password(password),
            params: SendParams::default(),
            alg,
            enc,
            kid: None,
            typ: None,
            cty: None,
            extra: Object::new(),
            zip: false,
            fixed: None,
        })
    }

    /// Sets the ECDH-ES Agreement PartyUInfo, written base64url-encoded as `apu`.
    ///
    /// ```
    /// use jwcrypt::{Jwk, KeyManagementAlg as K, ContentEncryptionAlg as E};
    /// use jwcrypt::jwe::{Decrypter, Encrypter};
    ///
    /// let key = Jwk::generate_okp("X25519")?;
    /// let public = key.to_public()?;
    /// let token = Encrypter::new(&public, K::EcdhEsA256KW, E::A256Gcm)?
    ///     .with_apu(b"Alice".to_vec())?
    ///     .with_apv(b"Bob".to_vec())?
    ///     .encrypt_compact(b"hi")?;
    /// let out = Decrypter::new(&key, &[K::EcdhEsA256KW], E::ALL)?.decrypt(&token)?;
    /// assert_eq!(out.plaintext(), b"hi");
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] if the algorithm is not ECDH-ES or `apu` is longer
    /// than 1024 bytes.
    pub fn with_apu(mut self, apu: Vec<u8>) -> Result<Self> {
        self.check_ecdh("apu", &apu)?;
        self.params.apu = Some(apu);
        Ok(self)
    }

    /// Sets the ECDH-ES Agreement PartyVInfo, written base64url-encoded as `apv`.
    ///
    /// # Errors
    /// As [`Encrypter::with_apu`].
    pub fn with_apv(mut self, apv: Vec<u8>) -> Result<Self> {
        self.check_ecdh("apv", &apv)?;
        self.params.apv = Some(apv);
        Ok(self)
    }

    fn check_ecdh(&self, name: &str, value: &[u8]) -> Result<()> {
        if !self.alg.is_ecdh_es() {
            return err(
                ErrorKind::InvalidArgument,
                format!("{name} is an ECDH-ES parameter, not one of {}", self.alg),
            );
        }
        km::check_party_info(name, value)
    }

    /// Sets the PBES2 iteration count `p2c` (default 8192). Readers refuse counts above their
    /// [`Limits::max_p2c`](crate::Limits) (16,384 by default).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] if the algorithm is not PBES2 or `p2c` is 0.
    pub fn with_p2c(mut self, p2c: u32) -> Result<Self> {
        if !self.alg.is_pbes2() || p2c == 0 {
            return err(
                ErrorKind::InvalidArgument,
                "p2c is a PBES2 parameter of at least 1",
            );
        }
        self.params.p2c = p2c;
        Ok(self)
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

    /// Fixes the CEK, content IV and AES-GCM key wrap IV, to reproduce published examples
    /// (unit tests only: reusing a CEK and IV destroys confidentiality).
    #[cfg(test)]
    #[must_use]
    pub(crate) fn fixed_cek_and_iv(mut self, cek: &[u8], iv: &[u8], kw_iv: Option<&[u8]>) -> Self {
        self.fixed = Some(Fixed::new(cek, iv, kw_iv));
        self
    }

    /// The protected header (with the key wrap parameters), base64url-encoded, and the
    /// encrypted key. The header JSON is written directly, members in the order of `json::Order::Header`.
    fn prepare(&self, keys: &TokenKeys<'_>) -> Result<(Vec<u8>, Vec<u8>)> {
        let (ek, kw_params) = keys.wrap(self.key, self.alg, keys.kw_iv(), &self.params)?;
        let mut h = Vec::with_capacity(128);
        h.push(b'{');
        json::write_member(&mut h, "alg", self.alg.name())?;
        if let Some(kid) = &self.kid {
            json::write_member(&mut h, "kid", kid)?;
        }
        json::write_members(&mut h, &kw_params, json::Order::Header)?;
        if let Some(typ) = &self.typ {
            json::write_member(&mut h, "typ", typ)?;
        }
        if let Some(cty) = &self.cty {
            json::write_member(&mut h, "cty", cty)?;
        }
        json::write_member(&mut h, "enc", self.enc.name())?;
        if self.zip {
            json::write_member(&mut h, "zip", "DEF")?;
        }
        json::write_members(&mut h, &self.extra, json::Order::Header)?;
        h.push(b'}');
        let mut protected = Vec::with_capacity(b64::encoded_len(h.len()));
        b64::encode_public_into(&h, &mut protected);
        Ok((ek, protected))
    }

    fn token_keys(&self) -> Result<TokenKeys<'_>> {
        TokenKeys::new(
            self.key,
            self.alg,
            self.enc,
            self.fixed.as_ref(),
            true,
            &self.params,
        )
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
        let ct_len = self.enc.ciphertext_len(pt.len());
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
        let tag = content::encrypt_content_to(
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
        body.serialize(recipients, true)
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the body's inputs, each a distinct part of RFC 7516 §5.1: a struct would only rename them"
)]
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
    let (ct, tag) = content::encrypt_content(enc, cek, &iv, &parts, pt)?;
    Ok(Body {
        protected,
        unprotected,
        aad: aad_b64,
        iv,
        ct,
        tag,
    })
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
/// let out = Decrypter::new(&b, &[K::A256GCMKW], E::ALL)?.decrypt_json(&token)?;
/// assert_eq!((out.plaintext(), out.recipient_index()), (&b"to both"[..], 1));
/// # Ok::<(), jwcrypt::Error>(())
/// ```
#[derive(Clone)]
pub struct JsonEncrypter<'a> {
    enc: ContentEncryptionAlg,
    recipients: Vec<(KeyRef<'a>, KeyManagementAlg, Object, SendParams)>,
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
        self,
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
        km::check_key(key, alg, Some(self.enc), false)?;
        self.push_recipient(KeyRef::Jwk(key), key.kid(), alg, header)
    }

    /// Adds a recipient of a password with a PBES2 `alg` (`p2c` 8192, a fresh 16-byte
    /// `p2s`), and extra members for its unprotected header.
    ///
    /// # Errors
    /// [`ErrorKind::KeyMismatch`] if `alg` is not PBES2; otherwise as
    /// [`JsonEncrypter::add_recipient`].
    pub fn add_password_recipient(
        self,
        password: &'a Password,
        alg: KeyManagementAlg,
        header: Option<Map<String, Value>>,
    ) -> Result<Self> {
        km::check_password_alg(alg)?;
        self.push_recipient(KeyRef::Password(password), None, alg, header)
    }

    /// Adds a recipient whose key passed its checks. With ECDH-ES, `apu` and `apv` given in
    /// `header` (base64url) are the Concat KDF's party info.
    fn push_recipient(
        mut self,
        key: KeyRef<'a>,
        kid: Option<&str>,
        alg: KeyManagementAlg,
        header: Option<Map<String, Value>>,
    ) -> Result<Self> {
        let mut h = Object::new();
        h.insert("alg".into(), alg.name().into());
        let mut given = header.unwrap_or_default();
        if !given.contains_key("kid")
            && let Some(kid) = kid
        {
            h.insert("kid".into(), kid.into());
        }
        let mut params = SendParams::default();
        if alg.is_ecdh_es() {
            for name in ["apu", "apv"] {
                let Some(v) = given.remove(name) else {
                    continue;
                };
                let bytes = v
                    .as_str()
                    .and_then(|s| b64::decode_public(s).ok())
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidArgument,
                            format!("{name} must be a base64url string"),
                        )
                    })?;
                km::check_party_info(name, &bytes)?;
                if name == "apu" {
                    params.apu = Some(bytes);
                } else {
                    params.apv = Some(bytes);
                }
            }
        }
        for (k, v) in given {
            if ["alg", "iv", "tag", "epk", "apu", "apv", "p2s", "p2c"].contains(&k.as_str())
                || PROTECTED_ONLY.contains(&k.as_str())
            {
                return err(
                    ErrorKind::InvalidArgument,
                    format!("a recipient header may not set {k:?}"),
                );
            }
            h.insert(k, v);
        }
        self.recipients.push((key, alg, h, params));
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

    /// As [`Encrypter::fixed_cek_and_iv`].
    #[cfg(test)]
    #[must_use]
    pub(crate) fn fixed_cek_and_iv(mut self, cek: &[u8], iv: &[u8], kw_iv: Option<&[u8]>) -> Self {
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
        let Some((first_key, first_alg, _, first_params)) = self.recipients.first() else {
            return err(ErrorKind::InvalidArgument, "no recipient was added");
        };
        // RFC 7516 §7.2.1 / RFC 7518 §4.6: the key agreed or shared directly is the CEK.
        let direct = self
            .recipients
            .iter()
            .find(|(_, a, _, _)| matches!(a, KeyManagementAlg::Dir | KeyManagementAlg::EcdhEs));
        if let Some((_, a, _, _)) = direct
            && self.recipients.len() > 1
        {
            return err(
                ErrorKind::InvalidArgument,
                format!("{a} can only be used with a single recipient"),
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
        let keys = TokenKeys::new(
            *first_key,
            *first_alg,
            self.enc,
            self.fixed.as_ref(),
            false,
            first_params,
        )?;
        let kw_iv = self.fixed.as_ref().and_then(Fixed::kw_iv);
        let mut recipients = Vec::with_capacity(self.recipients.len());
        for (key, alg, header, send) in &self.recipients {
            let (ek, params) = keys.wrap(*key, *alg, kw_iv, send)?;
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
        body.serialize(recipients, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{self, Order};
    use crate::jwe::Password;

    /// The compact encrypter writes its protected header directly (`Encrypter::prepare`);
    /// the general JSON one builds an object and writes it with `json::object_to_vec`
    /// (`encode_header`). Both must give the same bytes for the same members: here every
    /// header `prepare` writes, across the key management families (with their `iv`/`tag`,
    /// `epk`/`apu`/`apv`, `p2s`/`p2c` members) and every optional member, is read back and
    /// rewritten by the general writer, byte for byte.
    #[test]
    fn prepare_writes_the_general_writers_bytes() {
        let oct = Jwk::generate_oct(256).unwrap();
        let p256 = Jwk::generate_ec("P-256").unwrap().to_public().unwrap();
        let x25519 = Jwk::generate_okp("X25519").unwrap().to_public().unwrap();
        let password = Password::new(b"correct horse battery staple".to_vec()).unwrap();
        let enc = ContentEncryptionAlg::A128Gcm;
        let mut checked = 0;
        for options in 0u8..16 {
            let encrypters = [
                Encrypter::new(&oct, KeyManagementAlg::A256KW, enc).unwrap(),
                Encrypter::new(&oct, KeyManagementAlg::A256GCMKW, enc).unwrap(),
                Encrypter::new(&p256, KeyManagementAlg::EcdhEs, enc)
                    .unwrap()
                    .with_apu(b"Alice".to_vec())
                    .unwrap()
                    .with_apv(b"Bob".to_vec())
                    .unwrap(),
                Encrypter::new(&x25519, KeyManagementAlg::EcdhEsA128KW, enc).unwrap(),
                Encrypter::with_password(&password, KeyManagementAlg::Pbes2Hs256A128KW, enc)
                    .unwrap()
                    .with_p2c(1000)
                    .unwrap(),
            ];
            for mut e in encrypters {
                if options & 1 != 0 {
                    e = e.with_kid("k-1").with_typ("JWT");
                }
                if options & 2 != 0 {
                    e = e.with_cty("JWT");
                }
                if options & 4 != 0 {
                    e = e.with_compression();
                }
                if options & 8 != 0 {
                    e = e
                        .with_member("zzz", serde_json::json!({"b": 1, "a": [2, "é\n"]}))
                        .unwrap()
                        .with_member("aaa", serde_json::json!("x\"y"))
                        .unwrap();
                }
                let token = e.encrypt_compact(b"payload").unwrap();
                let header = b64::decode(token.split('.').next().unwrap()).unwrap();
                let object: Object = serde_json::from_slice(&header).unwrap();
                let rewritten = json::object_to_vec(&object, Order::Header).unwrap();
                assert_eq!(
                    String::from_utf8(rewritten).unwrap(),
                    String::from_utf8(header.clone()).unwrap()
                );
                assert_eq!(
                    encode_header(&object).unwrap(),
                    token.split('.').next().unwrap()
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 80);
    }
}
