//! Decryption: [`Decrypter`] reads the compact and JSON serializations into a
//! [`Decrypted`].

use zeroize::Zeroizing;

use super::content;
use super::header::{self, JweHeader, Member, Protected, Typed};
use super::key_management::{self as km, KeyRef};
use super::password::Password;
use super::serialization::{
    FIVE_PARTS, Parts, Recipient, decode_part, decode_small, has_more_than_five_parts, malformed,
    parse_json, split_compact,
};
use crate::error::{Error, ErrorKind, Result, err};
use crate::header::{JWE_REGISTERED, check_crit_value, decode_protected_bytes, protected_error};
use crate::json::{self, Object};

/// A recipient's own header, if not empty.
fn own<'a>(r: &'a Recipient<'_>) -> Option<&'a Object> {
    r.header.as_ref().filter(|h| !h.is_empty())
}
use crate::jwa::{Algorithm, ContentEncryptionAlg, KeyManagementAlg, deflate};
use crate::jwk;
use crate::limits::Limits;
use crate::policy::Policy;

/// Which recipient decrypted, the plaintext (still compressed if `zip`) and the decoded
/// `aad`.
type Opened = (usize, Zeroizing<Vec<u8>>, Option<Vec<u8>>);

/// The most (recipient, key) pairs one decryption tries: bounds the private-key work an
/// attacker can cause with many recipients and a large key set without `kid`.
const MAX_ATTEMPTS: usize = 64;

/// The extension parameters this library understands in `crit`: none yet.
const UNDERSTOOD: &[&str] = &[];

/// Direct ECDH-ES agrees on the CEK with one recipient only (RFC 7518 §4.6).
fn direct_ecdh_es_alone() -> Error {
    Error::new(
        ErrorKind::InvalidHeader,
        "direct ECDH-ES can only be used with a single recipient",
    )
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

    /// The header and the plaintext, owned (for the JWT reader; callers use
    /// [`Decrypted::header`] and [`Decrypted::into_plaintext`]).
    pub(crate) fn into_header_and_plaintext(self) -> (JweHeader, Zeroizing<Vec<u8>>) {
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
    /// Each key only with its own `alg` ([`Decrypter::for_key_algs`]).
    own_algs: bool,
    limits: Limits,
    rsa1_5: bool,
    /// The password for PBES2 recipients ([`Decrypter::with_password`]).
    password: Option<Password>,
}

impl Decrypter {
    /// A decrypter trying `keys` (one key, a JWK Set, or a [`jwk::DecryptionKey`] held
    /// outside jwcrypt given as an `Arc`, such as an HSM key) for tokens whose `alg` is in `algs`
    /// and `enc` in `encs` ([`ContentEncryptionAlg::ALL`] accepts every content encryption,
    /// all of which are authenticated).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] when `algs` or `encs` is empty.
    pub fn new(
        keys: impl Into<jwk::Keys>,
        algs: &[KeyManagementAlg],
        encs: &[ContentEncryptionAlg],
    ) -> Result<Self> {
        if algs.is_empty() || encs.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "name the key management and content encryption algorithms to accept",
            );
        }
        Ok(Self {
            keys: keys.into(),
            algs: algs.to_vec(),
            encs: encs.to_vec(),
            own_algs: false,
            limits: Limits::default(),
            rsa1_5: false,
            password: None,
        })
    }

    /// A decrypter of tokens encrypted to `password` with one of the PBES2 algorithms in
    /// `algs` (RFC 7518 §4.8), whose `enc` is in `encs`. PBES2 is only ever accepted this
    /// way: named here, with a password. A `p2c` over [`Limits::max_p2c`] (16,384 by
    /// default) or a `p2s` under 8 bytes is refused before any key derivation.
    ///
    /// ```
    /// use jwcrypt::{ErrorKind, KeyManagementAlg as K, ContentEncryptionAlg as E};
    /// use jwcrypt::jwe::{Decrypter, Encrypter, Password};
    ///
    /// let password = Password::new(b"a long passphrase".to_vec())?;
    /// let token = Encrypter::with_password(&password, K::Pbes2Hs256A128KW, E::A128CbcHs256)?
    ///     .encrypt_compact(b"hi")?;
    /// let d = Decrypter::with_password(&password, &[K::Pbes2Hs256A128KW], E::ALL)?;
    /// assert_eq!(d.decrypt(&token)?.plaintext(), b"hi");
    /// let other = Password::new(b"another one".to_vec())?;
    /// let d = Decrypter::with_password(&other, &[K::Pbes2Hs256A128KW], E::ALL)?;
    /// assert_eq!(d.decrypt(&token).unwrap_err().kind(), ErrorKind::Decryption);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] when `algs` or `encs` is empty or `algs` names an
    /// algorithm other than PBES2.
    pub fn with_password(
        password: &Password,
        algs: &[KeyManagementAlg],
        encs: &[ContentEncryptionAlg],
    ) -> Result<Self> {
        if let Some(a) = algs.iter().find(|a| !a.is_pbes2()) {
            return err(
                ErrorKind::InvalidArgument,
                format!("a password decrypts PBES2 only, not {a}"),
            );
        }
        let none: jwk::JwkSet = std::iter::empty().collect();
        let mut d = Self::new(none, algs, encs)?;
        d.password = Some(password.clone());
        Ok(d)
    }

    /// A decrypter trying each of `keys` only with the algorithm its own `alg` names, for
    /// tokens whose `enc` is in `encs`. A key whose `alg` is a content encryption algorithm
    /// (RFC 7520 §3.6) is a `dir` key for that `enc` only. Keys without a JWE `alg` are never
    /// used; a [`jwk::DecryptionKey`] held outside jwcrypt is used with the `alg` of its
    /// public half.
    ///
    /// ```
    /// use jwcrypt::{Jwk, KeyManagementAlg as K, ContentEncryptionAlg as E};
    /// use jwcrypt::jwe::{Decrypter, Encrypter};
    ///
    /// let key = Jwk::generate_for(K::A128KW)?.with_alg(K::A128KW);
    /// let token = Encrypter::new(&key, K::A128KW, E::A128Gcm)?.encrypt_compact(b"hi")?;
    /// let d = Decrypter::for_key_algs(&key, E::ALL)?;
    /// assert_eq!(d.decrypt(&token)?.plaintext(), b"hi");
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] when `encs` is empty or no key has a JWE algorithm
    /// in `alg`.
    pub fn for_key_algs(keys: impl Into<jwk::Keys>, encs: &[ContentEncryptionAlg]) -> Result<Self> {
        let keys: jwk::Keys = keys.into();
        let mut algs = Vec::new();
        let mut dir_encs = Vec::new();
        // A key held outside jwcrypt: the `alg` of its public half.
        let opaque = keys.opaque().and_then(|k| k.public_key().ok());
        for key in keys.as_slice().iter().chain(&opaque) {
            match key.alg() {
                // PBES2 takes a password and is never implied by a key's `alg`.
                Some(Algorithm::KeyManagement(a)) if a.is_pbes2() => {}
                Some(Algorithm::KeyManagement(a)) => algs.push(*a),
                Some(Algorithm::ContentEncryption(e)) if encs.contains(e) => {
                    algs.push(KeyManagementAlg::Dir);
                    dir_encs.push(*e);
                }
                _ => {}
            }
        }
        if algs.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "no key has a JWE algorithm in \"alg\": name the algorithms to accept",
            );
        }
        algs.sort();
        algs.dedup();
        let mut d = Self::new(keys, &algs, encs)?;
        d.own_algs = true;
        Ok(d)
    }

    /// A decrypter trying `keys` with the key management and content encryption algorithms,
    /// limits and `RSA1_5` opt-in of `policy`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] if the policy allows no key management or no content
    /// encryption algorithm (the default).
    pub fn from_policy(keys: impl Into<jwk::Keys>, policy: &Policy) -> Result<Self> {
        let d = Decrypter::new(
            keys,
            &policy.key_management_algs,
            &policy.content_encryption_algs,
        )
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidArgument,
                "the policy allows no key management or content encryption algorithm: name \
                 the algorithms to accept",
            )
        })?
        .with_limits(policy.limits.clone());
        Ok(if policy.allow_rsa1_5 {
            d.allow_rsa1_5_insecure()
        } else {
            d
        })
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
        let (parts, recipient) = split_compact(token)?;
        let result = self.decrypt_parts(parts, std::slice::from_ref(&recipient));
        // Success means the ciphertext decoded, so it holds no dot: exactly five parts.
        if result.is_err() && has_more_than_five_parts(token) {
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
        let mut obj =
            json::parse_object_limited(text.as_bytes(), self.limits.max_token_len, &self.limits)?;
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
        // The protected header is read in one typed pass, in place (it is large: each move
        // is a copy); the other headers, if any, are added to a copy per recipient.
        let source = decode_protected_bytes(&parts.protected_b64, &self.limits)?;
        let mut p = Protected::new();
        let mut shared = Typed::new();
        header::read_protected(
            &source,
            self.limits.max_header_len,
            self.limits.max_json_depth,
            self.limits.max_json_values,
            &mut p,
            &mut shared,
        )
        .map_err(protected_error)?;
        let unprotected = parts.unprotected.as_ref().filter(|u| !u.is_empty());
        let alone = unprotected.is_none() && recipients.iter().all(|r| own(r).is_none());
        for name in ["enc", "zip"] {
            if !alone
                && (unprotected.is_some_and(|u| u.contains_key(name))
                    || recipients
                        .iter()
                        .any(|r| own(r).is_some_and(|h| h.contains_key(name))))
            {
                return err(
                    ErrorKind::InvalidHeader,
                    format!("{name:?} must be in the protected header"),
                );
            }
        }
        let (enc, zip) = self.enc_and_zip(&p.enc, &p.zip)?;
        if recipients.is_empty() {
            return Err(malformed("no recipient"));
        }
        // Each recipient's header when they differ, those whose `alg` is accepted only.
        let mut each: Vec<(usize, JweHeader)> = Vec::new();
        if alone {
            let alg = self.header_alg(&p, &shared)??;
            if alg == KeyManagementAlg::EcdhEs && recipients.len() > 1 {
                return Err(direct_ecdh_es_alone());
            }
            drop(p);
            shared.finish(alg, enc, zip, source)?;
        } else {
            let mut first_error: Option<Error> = None;
            for (i, r) in recipients.iter().enumerate() {
                let mut typed = shared.clone();
                if let Some(u) = unprotected {
                    typed.add_unprotected(u)?;
                }
                if let Some(h) = own(r) {
                    typed.add_unprotected(h)?;
                }
                match self.header_alg(&p, &typed)? {
                    Ok(alg) => {
                        typed.finish(alg, enc, zip, source.clone())?;
                        each.push((i, typed.into_header()));
                    }
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            if each.is_empty() {
                return Err(first_error.unwrap_or_else(|| malformed("no recipient")));
            }
            if recipients.len() > 1
                && each
                    .iter()
                    .any(|(_, h)| h.alg() == KeyManagementAlg::EcdhEs)
            {
                return Err(direct_ecdh_es_alone());
            }
            // Recipients whose kid names one of our keys first.
            let keys = &self.keys;
            let kid_matches = |h: &JweHeader| {
                h.kid().is_some_and(|kid| {
                    keys.opaque().is_some_and(|k| k.kid() == Some(kid))
                        || keys.as_slice().iter().any(|k| k.kid() == Some(kid))
                })
            };
            if each.len() > 1 {
                each.sort_by_key(|(_, h)| !kid_matches(h));
            }
        }
        let (i, plaintext, aad) =
            self.decrypt_recipients(&parts, recipients, &shared, &each, enc)?;
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
            aad,
            recipient_index: i,
        })
    }

    /// One recipient's `alg` once all its header parts are read, after `crit` is checked
    /// (the types of the other registered members are checked next, by [`Typed::finish`]).
    /// The outer error refuses the token; the inner one (an `alg` unknown or not accepted)
    /// only this recipient, when the token has several headers.
    fn header_alg(&self, p: &Protected<'_>, typed: &Typed) -> Result<Result<KeyManagementAlg>> {
        // `crit` is in the protected header, and what it may name is not typed.
        check_crit_value(
            p.crit.as_ref(),
            |name| typed.has_other(name),
            JWE_REGISTERED,
            UNDERSTOOD,
        )?;
        let unprotected = Member::of(typed.unprotected_alg());
        let alg = match (&p.alg, &unprotected) {
            (Member::Absent, m) => m,
            (m, _) => m,
        };
        let alg: KeyManagementAlg = match alg {
            Member::Str(s) => match s.parse() {
                Ok(a) => a,
                Err(e) => return Ok(Err(e)),
            },
            Member::NotStr => return err(ErrorKind::InvalidHeader, "\"alg\" must be a string"),
            Member::Absent => return err(ErrorKind::InvalidHeader, "\"alg\" is missing"),
        };
        if !self.algs.contains(&alg) {
            return Ok(Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("key management algorithm {alg} is not allowed"),
            )));
        }
        Ok(Ok(alg))
    }

    /// Tries the keys for each recipient in turn (with `shared` as every recipient's header
    /// when `each` is empty) until one decrypts the content: which one, the plaintext and the
    /// decoded `aad`.
    fn decrypt_recipients(
        &self,
        parts: &Parts<'_>,
        recipients: &[Recipient<'_>],
        shared: &Typed,
        each: &[(usize, JweHeader)],
        enc: ContentEncryptionAlg,
    ) -> Result<Opened> {
        let alone = each.is_empty();
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
        let aad = match &parts.aad {
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
            if header.alg().is_pbes2() {
                // The header's p2s and p2c are checked before any key derivation.
                km::check_pbes2_header(header.other(), &self.limits)?;
                let Some(password) = &self.password else {
                    key_error.get_or_insert(Error::new(
                        ErrorKind::KeyNotFound,
                        "PBES2 needs a password (Decrypter::with_password)",
                    ));
                    continue;
                };
                if attempts == MAX_ATTEMPTS {
                    return Err(Error::decryption());
                }
                attempts += 1;
                tried = true;
                let key = KeyRef::Password(password);
                let Ok(cek) =
                    km::unwrap_cek(key, header.alg(), enc, &ek, header.other(), &self.limits)
                else {
                    continue;
                };
                let ct = match ciphertext.take() {
                    Some(ct) => ct,
                    None => decode_part(&parts.ciphertext, "the ciphertext is not base64url")?,
                };
                let Ok(plaintext) = content::decrypt_content(enc, &cek, &iv, aad, ct, &tag) else {
                    continue;
                };
                winner = Some((i, plaintext));
                break 'recipients;
            }
            // A key held outside jwcrypt is the one key; JWKs are picked by the one rule.
            let opaque = keys.opaque();
            let selected = match opaque {
                Some(key) => km::check_opaque_key(key, header.alg()).map(|()| None),
                None => keys
                    .select(header.kid(), &header.alg(), |key| {
                        if self.own_algs && key.alg().is_none() {
                            return err(
                                ErrorKind::KeyMismatch,
                                "the key has no \"alg\" and is used only with its own",
                            );
                        }
                        km::check_key(key, header.alg(), Some(enc), true)
                    })
                    .map(Some),
            };
            let selected = match selected {
                Ok(s) => s,
                Err(e) => {
                    key_error.get_or_insert(e);
                    continue;
                }
            };
            let candidates = opaque.map(KeyRef::Opaque).into_iter().chain(
                selected
                    .iter()
                    .flat_map(|s| s.iter())
                    .map(|(_, key)| KeyRef::Jwk(key)),
            );
            for key in candidates {
                if attempts == MAX_ATTEMPTS {
                    return Err(Error::decryption());
                }
                attempts += 1;
                tried = true;
                // `other` holds every member `unwrap_cek` reads (`iv`, `tag`).
                let Ok(cek) =
                    km::unwrap_cek(key, header.alg(), enc, &ek, header.other(), &self.limits)
                else {
                    continue;
                };
                let ct = match ciphertext.take() {
                    Some(ct) => ct,
                    None => decode_part(&parts.ciphertext, "the ciphertext is not base64url")?,
                };
                let Ok(plaintext) = content::decrypt_content(enc, &cek, &iv, aad, ct, &tag) else {
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
        Ok((i, plaintext, aad_bytes))
    }
}
