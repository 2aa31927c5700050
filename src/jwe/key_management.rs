//! Key management (RFC 7518 §4): which primitive wraps and unwraps the CEK for each `alg`,
//! and whether a key fits. Every failure on the decryption side is [`Error::decryption`],
//! except the PBES2 header checks of [`check_pbes2_header`], made before any key is tried.
//!
//! ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2): a fresh ephemeral key per recipient, written as
//! `epk` with its public members only; on decryption `epk` must hold `kty`, `crv`, `x` (and
//! `y` for EC) and no other member but a consistent `kid`, `use` or `alg`
//! ([`epk_members_fit`]), be of the recipient key's type and curve, and be a valid public key
//! (on the curve, not the identity, not of small order: the primitives' constructors check
//! that) before any agreement. The shared secret and the derived key are zeroized.

use serde_json::Value;
use zeroize::Zeroizing;

use super::password::Password;
use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json::Object;
use crate::jwa::aes_kw::Kek;
use crate::jwa::ecdh::{self, XPublicKey};
use crate::jwa::ecdsa::{Curve, EcPublicKey};
use crate::jwa::rsa::oaep;
use crate::jwa::symmetric::SymmetricKey;
use crate::jwa::{
    Algorithm, ContentEncryptionAlg, KeyManagementAlg, KeyManagementKind, aes_gcm, aes_kw, pbes2,
};
use crate::jwk::{DecryptionKey, Jwk, KeyMaterial, KeyOp, OkpKey};
use crate::limits::Limits;

/// The longest decoded `apu` or `apv` read from a header or set on an encrypter.
pub(crate) const MAX_PARTY_INFO_LEN: usize = 1024;

/// The default PBES2 iteration count on encryption.
pub(crate) const DEFAULT_P2C: u32 = 8192;

/// What delivers the CEK for one recipient: a JWK, a password (PBES2), or a decryption key
/// held outside jwcrypt (checked with [`check_opaque_key`]).
#[derive(Clone, Copy)]
pub(crate) enum KeyRef<'a> {
    Jwk(&'a Jwk),
    Password(&'a Password),
    Opaque(&'a dyn DecryptionKey),
}

/// The sender's parameters of ECDH-ES (`apu`, `apv`) and PBES2 (`p2c`).
#[derive(Clone, Debug)]
pub(crate) struct SendParams {
    pub(crate) apu: Option<Vec<u8>>,
    pub(crate) apv: Option<Vec<u8>>,
    pub(crate) p2c: u32,
}

impl Default for SendParams {
    fn default() -> Self {
        Self {
            apu: None,
            apv: None,
            p2c: DEFAULT_P2C,
        }
    }
}

/// Checks a party info value set by the caller.
pub(crate) fn check_party_info(name: &str, value: &[u8]) -> Result<()> {
    if value.len() > MAX_PARTY_INFO_LEN {
        return err(
            ErrorKind::InvalidArgument,
            format!("{name} is longer than {MAX_PARTY_INFO_LEN} bytes"),
        );
    }
    Ok(())
}

/// Checks that `alg` is a PBES2 algorithm, for a password.
pub(crate) fn check_password_alg(alg: KeyManagementAlg) -> Result<()> {
    if !alg.is_pbes2() {
        return err(
            ErrorKind::KeyMismatch,
            format!("a password can only be used with PBES2, not {alg}"),
        );
    }
    Ok(())
}

/// Checks that `key` may do `alg` with `enc`, for encryption (`decrypt == false`) or
/// decryption: `use`, `key_ops` and the key's `alg` (a `dir` key may name the `enc`), the key
/// type, and the key length the algorithm needs.
pub(crate) fn check_key(
    key: &Jwk,
    alg: KeyManagementAlg,
    enc: Option<ContentEncryptionAlg>,
    decrypt: bool,
) -> Result<()> {
    let ops: &[KeyOp] = if decrypt {
        &[KeyOp::UnwrapKey, KeyOp::Decrypt]
    } else {
        &[KeyOp::WrapKey, KeyOp::Encrypt]
    };
    let also: Vec<Algorithm> = match (alg, enc) {
        (KeyManagementAlg::Dir, Some(e)) => vec![e.into()],
        _ => Vec::new(),
    };
    key.check_usable_for(ops, &alg.into(), &also)?;
    match key.material() {
        KeyMaterial::Oct(k) => {
            let want = match (alg.kek_len(), enc) {
                (Some(n), _) => Some(n),
                (None, Some(e)) if alg == KeyManagementAlg::Dir => Some(e.key_len()),
                _ => None,
            };
            if let Some(n) = want
                && k.len() != n
            {
                return err(
                    ErrorKind::KeyMismatch,
                    format!("{alg} needs a {}-bit key, not {} bits", n * 8, k.len() * 8),
                );
            }
        }
        // check_usable_for let EC and OKP keys through for ECDH-ES only.
        KeyMaterial::Ec(k) => {
            if k.curve() == Curve::Secp256k1 {
                return err(
                    ErrorKind::KeyMismatch,
                    "ECDH-ES is not defined on secp256k1: use P-256, P-384, P-521, X25519 or X448",
                );
            }
            if decrypt && !k.is_private() {
                return err(ErrorKind::KeyMismatch, "decryption needs an EC private key");
            }
        }
        KeyMaterial::Okp(k) => match &**k {
            OkpKey::X { private, .. } => {
                if decrypt && private.is_none() {
                    return err(
                        ErrorKind::KeyMismatch,
                        "decryption needs an OKP private key",
                    );
                }
            }
            OkpKey::Ed { .. } => {
                return err(
                    ErrorKind::KeyMismatch,
                    format!(
                        "an {} key cannot be used with {alg}: use X25519 or X448",
                        k.curve().name()
                    ),
                );
            }
        },
        KeyMaterial::Rsa(r) => {
            if decrypt && !r.is_private() {
                return err(
                    ErrorKind::KeyMismatch,
                    "decryption needs an RSA private key",
                );
            }
        }
    }
    Ok(())
}

/// Checks that a decryption key held outside jwcrypt may decrypt for `alg`: its own
/// [`DecryptionKey::check_alg`], an algorithm that only unwraps or agrees (RSA-OAEP,
/// RSA-OAEP-256, AES key wrap, ECDH-ES; never `RSA1_5`), and a public half of the
/// algorithm's key type (required for ECDH-ES, whose `epk` must be on its curve).
pub(crate) fn check_opaque_key(key: &dyn DecryptionKey, alg: KeyManagementAlg) -> Result<()> {
    use KeyManagementKind as M;
    key.check_alg(alg)?;
    let ecdh = match alg.facts().kind {
        M::AesKw | M::RsaOaep(_) => false,
        M::EcdhEs(_) => true,
        _ => {
            return err(
                ErrorKind::KeyMismatch,
                format!("{alg} is not used with a key held outside jwcrypt"),
            );
        }
    };
    let public = match key.public_key() {
        Ok(public) => public,
        Err(e) if ecdh => return Err(e),
        Err(_) => return Ok(()),
    };
    let fits = alg.accepts_key_family(public.key_type().family())
        && match public.material() {
            KeyMaterial::Ec(k) => k.curve() != Curve::Secp256k1,
            KeyMaterial::Okp(k) => matches!(&**k, OkpKey::X { .. }),
            _ => true,
        };
    if !fits {
        return err(
            ErrorKind::KeyMismatch,
            format!("{alg} does not fit the key's public half"),
        );
    }
    Ok(())
}

fn oct_key(key: &Jwk) -> Result<&SymmetricKey> {
    key.oct_key()
        .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "a symmetric key is needed"))
}

fn oct(key: &Jwk) -> Result<&[u8]> {
    key.oct_secret()
        .map(|s| s.expose_secret())
        .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "a symmetric key is needed"))
}

/// The ECDH-ES sender's side for the recipient's public `key`: a fresh ephemeral key, the
/// shared secret and the Concat KDF output of `bits` bits for `alg_id`. Returns the derived
/// key and the header members `epk` (public members only), `apu`, `apv`.
fn agree_sender(
    key: &Jwk,
    alg_id: &str,
    bits: usize,
    params: &SendParams,
) -> Result<(Zeroizing<Vec<u8>>, Object)> {
    let mut epk = Object::new();
    let z = match key.material() {
        KeyMaterial::Ec(k) => {
            let (eph, z) = ecdh::agree_ephemeral_ec(k.public())?;
            let (x, y) = eph.coordinates();
            epk.insert("kty".into(), "EC".into());
            epk.insert("crv".into(), k.curve().name().into());
            epk.insert("x".into(), b64::encode_public(&x).into());
            epk.insert("y".into(), b64::encode_public(&y).into());
            z
        }
        KeyMaterial::Okp(k) => match &**k {
            OkpKey::X { public, .. } => {
                let (eph, z) = ecdh::agree_ephemeral_x(public)?;
                epk.insert("kty".into(), "OKP".into());
                epk.insert("crv".into(), public.curve().name().into());
                epk.insert("x".into(), b64::encode_public(&eph.to_bytes()).into());
                z
            }
            OkpKey::Ed { .. } => {
                return err(
                    ErrorKind::KeyMismatch,
                    "ECDH-ES needs an X25519 or X448 key",
                );
            }
        },
        _ => return err(ErrorKind::KeyMismatch, "ECDH-ES needs an EC or OKP key"),
    };
    let apu = params.apu.as_deref().unwrap_or_default();
    let apv = params.apv.as_deref().unwrap_or_default();
    let bits = u32::try_from(bits)
        .map_err(|_| Error::new(ErrorKind::InvalidArgument, "key length too large"))?;
    let derived = ecdh::concat_kdf(&z, alg_id.as_bytes(), apu, apv, bits)?;
    let mut extra = Object::new();
    extra.insert("epk".into(), Value::Object(epk));
    if let Some(apu) = &params.apu {
        extra.insert("apu".into(), b64::encode_public(apu).into());
    }
    if let Some(apv) = &params.apv {
        extra.insert("apv".into(), b64::encode_public(apv).into());
    }
    Ok((derived, extra))
}

/// Direct ECDH-ES on the sender's side: the CEK for `enc` (AlgorithmID = `enc`) and the
/// header members to write.
pub(crate) fn agree_direct(
    key: &Jwk,
    enc: ContentEncryptionAlg,
    params: &SendParams,
) -> Result<(Zeroizing<Vec<u8>>, Object)> {
    agree_sender(key, enc.name(), enc.key_len() * 8, params)
}

/// A party info member (`apu`, `apv`) of a received header, decoded; empty if absent.
fn party_info(header: &Object, name: &str) -> Result<Vec<u8>> {
    match header.get(name) {
        None => Ok(Vec::new()),
        Some(Value::String(s)) if s.len() <= b64::encoded_len(MAX_PARTY_INFO_LEN) => {
            b64::decode_public(s).map_err(|_| Error::decryption())
        }
        Some(_) => Err(Error::decryption()),
    }
}

/// The public key of a received `epk`, checked against the recipient's `key`: exactly the
/// public members of the key's own type, the key's own curve, a valid public key.
pub(super) enum Peer {
    Ec(EcPublicKey),
    X(XPublicKey),
}

/// Whether the members of a received `epk` fit: every member of `public` (the key type's
/// public members) is present, and any other member is a registered one that is consistent
/// with the token and changes nothing about the key (RFC 7518 §4.6.1.1 lets a recipient
/// honour or ignore them): `kid` (a string), `use` (`"enc"`), `alg` (the token's own `alg`).
/// Private members (`d`) and every other member are refused.
fn epk_members_fit(epk: &Object, alg: KeyManagementAlg, public: &[&str]) -> bool {
    public.iter().all(|name| epk.contains_key(*name))
        && epk.iter().all(|(name, value)| match name.as_str() {
            name if public.contains(&name) => true,
            "kid" => value.is_string(),
            "use" => value.as_str() == Some("enc"),
            "alg" => value.as_str() == Some(alg.name()),
            _ => false,
        })
}

impl Peer {
    /// The public key as [`DecryptionKey::agree`] takes it: the SEC1 uncompressed point, or
    /// the RFC 7748 bytes.
    fn to_bytes(&self) -> Vec<u8> {
        match self {
            Peer::Ec(q) => {
                let (x, y) = q.coordinates();
                [&[0x04][..], &x, &y].concat()
            }
            Peer::X(q) => q.to_bytes(),
        }
    }

    /// The length of the shared secret Z (the field's).
    fn secret_len(&self) -> usize {
        match self {
            Peer::Ec(q) => q.curve().coordinate_len(),
            Peer::X(q) => q.curve().key_len(),
        }
    }

    /// The public key of [`Peer::to_bytes`]'s form on the curve of `key`.
    fn from_bytes(key: &Jwk, bytes: &[u8]) -> Result<Peer> {
        match key.material() {
            KeyMaterial::Ec(k) => {
                let len = k.curve().coordinate_len();
                match bytes.split_first() {
                    Some((0x04, xy)) if xy.len() == 2 * len => {
                        let (x, y) = xy.split_at(len);
                        EcPublicKey::from_coordinates(k.curve(), x, y).map(Peer::Ec)
                    }
                    _ => err(
                        ErrorKind::InvalidKey,
                        "not an uncompressed point of the key's curve",
                    ),
                }
            }
            KeyMaterial::Okp(k) => match &**k {
                OkpKey::X { public, .. } => {
                    XPublicKey::from_bytes(public.curve(), bytes).map(Peer::X)
                }
                OkpKey::Ed { .. } => err(
                    ErrorKind::KeyMismatch,
                    "ECDH-ES needs an X25519 or X448 key",
                ),
            },
            _ => err(ErrorKind::KeyMismatch, "ECDH-ES needs an EC or OKP key"),
        }
    }
}

pub(super) fn read_epk(key: &Jwk, header: &Object, alg: KeyManagementAlg) -> Result<Peer> {
    let fail = |_| Error::decryption();
    let Some(Value::Object(epk)) = header.get("epk") else {
        return Err(Error::decryption());
    };
    let member = |name: &str| match epk.get(name) {
        Some(Value::String(s)) => Ok(s.as_str()),
        _ => Err(Error::decryption()),
    };
    let coordinate = |name: &str, len: usize| {
        let s = member(name)?;
        if s.len() != b64::encoded_len(len) {
            return Err(Error::decryption());
        }
        b64::decode_public(s).map_err(fail)
    };
    match key.material() {
        KeyMaterial::Ec(k) => {
            let curve = k.curve();
            if !epk_members_fit(epk, alg, &["kty", "crv", "x", "y"])
                || member("kty")? != "EC"
                || member("crv")? != curve.name()
            {
                return Err(Error::decryption());
            }
            let len = curve.coordinate_len();
            let (x, y) = (coordinate("x", len)?, coordinate("y", len)?);
            EcPublicKey::from_coordinates(curve, &x, &y)
                .map(Peer::Ec)
                .map_err(fail)
        }
        KeyMaterial::Okp(k) => {
            let OkpKey::X { public, .. } = &**k else {
                return Err(Error::decryption());
            };
            let curve = public.curve();
            if !epk_members_fit(epk, alg, &["kty", "crv", "x"])
                || member("kty")? != "OKP"
                || member("crv")? != curve.name()
            {
                return Err(Error::decryption());
            }
            let x = coordinate("x", curve.key_len())?;
            XPublicKey::from_bytes(curve, &x).map(Peer::X).map_err(fail)
        }
        _ => Err(Error::decryption()),
    }
}

/// The ECDH shared secret Z of the private `key` and `peer`.
fn agree_jwk(key: &Jwk, peer: &Peer) -> Result<Zeroizing<Vec<u8>>> {
    match (key.material(), peer) {
        (KeyMaterial::Ec(k), Peer::Ec(q)) => {
            let d = k.private().ok_or_else(Error::decryption)?;
            ecdh::agree_ec(d, q)
        }
        (KeyMaterial::Okp(k), Peer::X(q)) => match &**k {
            OkpKey::X {
                private: Some((d, _)),
                ..
            } => d.agree(q),
            _ => Err(Error::decryption()),
        },
        _ => Err(Error::decryption()),
    }
}

/// The ECDH-ES recipient's side (RFC 7518 §4.6), for a [`Jwk`] and a [`DecryptionKey`]
/// alike: `epk` checked against the curve of `public` (the recipient's key), then the shared
/// secret Z from `agree` and the Concat KDF. With `kw` `None` (direct `ECDH-ES`, whose `ek`
/// must be empty) the derived key is the CEK, for `enc`; with `Some(len)` it is the `len`-byte
/// KEK that unwraps `ek`.
fn agree_recipient(
    public: &Jwk,
    header: &Object,
    (alg, enc, kw): (KeyManagementAlg, ContentEncryptionAlg, Option<usize>),
    ek: &[u8],
    agree: impl FnOnce(&Peer) -> Result<Zeroizing<Vec<u8>>>,
) -> Result<Zeroizing<Vec<u8>>> {
    let (alg_id, bits) = match kw {
        None if !ek.is_empty() => return Err(Error::decryption()),
        None => (enc.name(), enc.key_len() * 8),
        Some(len) => (alg.name(), len * 8),
    };
    let peer = read_epk(public, header, alg)?;
    let apu = party_info(header, "apu")?;
    let apv = party_info(header, "apv")?;
    let z = agree(&peer).map_err(|_| Error::decryption())?;
    if z.len() != peer.secret_len() {
        return Err(Error::decryption());
    }
    let bits = u32::try_from(bits).map_err(|_| Error::decryption())?;
    let derived = ecdh::concat_kdf(&z, alg_id.as_bytes(), &apu, &apv, bits)
        .map_err(|_| Error::decryption())?;
    if kw.is_none() {
        return Ok(derived);
    }
    let kek = Kek::new(&derived).map_err(|_| Error::decryption())?;
    aes_kw::unwrap_with(&kek, ek).map_err(|_| Error::decryption())
}

/// The CEK unwrapped from `ek` by the key-wrapping algorithms a [`DecryptionKey`] offers
/// (AES key wrap, RSA-OAEP).
fn unwrap_jwk(key: &Jwk, alg: KeyManagementAlg, ek: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    match alg.facts().kind {
        KeyManagementKind::AesKw => {
            let kek = oct_key(key).and_then(SymmetricKey::kek)?;
            aes_kw::unwrap_with(kek, ek)
        }
        KeyManagementKind::RsaOaep(_) => match key.rsa() {
            Some(rsa) => oaep::decrypt(rsa, alg, ek),
            None => err(ErrorKind::KeyMismatch, "an RSA key is needed"),
        },
        _ => err(
            ErrorKind::KeyMismatch,
            format!("{alg} does not unwrap an encrypted key"),
        ),
    }
}

/// A [`Jwk`] with a private (or symmetric) part decrypts through the same code as a
/// decrypter.
impl DecryptionKey for Jwk {
    fn public_key(&self) -> Result<Jwk> {
        self.to_public()
    }

    fn check_alg(&self, alg: KeyManagementAlg) -> Result<()> {
        check_key(self, alg, None, true)
    }

    fn kid(&self) -> Option<&str> {
        Jwk::kid(self)
    }

    fn unwrap_key(
        &self,
        alg: KeyManagementAlg,
        encrypted_key: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        check_key(self, alg, None, true)?;
        unwrap_jwk(self, alg, encrypted_key)
    }

    fn agree(&self, alg: KeyManagementAlg, ephemeral: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        check_key(self, alg, None, true)?;
        if !matches!(alg.facts().kind, KeyManagementKind::EcdhEs(_)) {
            return err(
                ErrorKind::KeyMismatch,
                format!("{alg} is not a key agreement"),
            );
        }
        agree_jwk(self, &Peer::from_bytes(self, ephemeral)?)
    }
}

/// The CEK (or direct ECDH-ES key) recovered by a decryption key held outside jwcrypt.
fn unwrap_opaque(
    key: &dyn DecryptionKey,
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
    ek: &[u8],
    header: &Object,
) -> Result<Zeroizing<Vec<u8>>> {
    use KeyManagementKind as M;
    let fail = |_| Error::decryption();
    let agree = |peer: &Peer| key.agree(alg, &peer.to_bytes());
    match alg.facts().kind {
        M::AesKw | M::RsaOaep(_) => key.unwrap_key(alg, ek).map_err(fail),
        M::EcdhEs(kw) => {
            let public = key.public_key().map_err(fail)?;
            agree_recipient(&public, header, (alg, enc, kw), ek, agree)
        }
        _ => Err(Error::decryption()),
    }
}

/// The PBES2 `p2s` and `p2c` of a received header, checked before any key derivation
/// (RFC 7518 §4.8.1.1: `p2s` at least 8 bytes; `p2c` at least 1 and at most
/// [`Limits::max_p2c`]).
///
/// # Errors
/// [`ErrorKind::InvalidHeader`] for a missing, mistyped or short `p2s` or a missing,
/// mistyped or zero `p2c`; [`ErrorKind::LimitExceeded`] for a `p2c` over the limit.
pub(crate) fn check_pbes2_header(header: &Object, limits: &Limits) -> Result<(Vec<u8>, u32)> {
    let p2s = match header.get("p2s") {
        // The header is bounded; p2s is only as long as it.
        Some(Value::String(s)) => b64::decode_public(s)
            .map_err(|_| Error::new(ErrorKind::InvalidHeader, "\"p2s\" is not base64url"))?,
        _ => return err(ErrorKind::InvalidHeader, "PBES2 needs a string \"p2s\""),
    };
    if p2s.len() < pbes2::MIN_P2S_LEN {
        return err(
            ErrorKind::InvalidHeader,
            format!(
                "\"p2s\" must be at least {} bytes, not {}",
                pbes2::MIN_P2S_LEN,
                p2s.len()
            ),
        );
    }
    let p2c = match header.get("p2c") {
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidHeader,
                "\"p2c\" must be a positive integer",
            )
        })?,
        _ => return err(ErrorKind::InvalidHeader, "PBES2 needs an integer \"p2c\""),
    };
    if p2c == 0 {
        return err(ErrorKind::InvalidHeader, "\"p2c\" must be at least 1");
    }
    match u32::try_from(p2c) {
        Ok(n) if n <= limits.max_p2c => Ok((p2s, n)),
        _ => err(
            ErrorKind::LimitExceeded,
            format!("\"p2c\" {p2c} is over the limit of {}", limits.max_p2c),
        ),
    }
}

/// Wraps (or encrypts) the CEK for one recipient. Returns the JWE Encrypted Key and the
/// header parameters the algorithm adds (`iv` and `tag` for AES-GCM key wrapping; `epk`,
/// `apu`, `apv` for ECDH-ES; `p2s`, `p2c` for PBES2). Direct ECDH-ES is
/// [`agree_direct`]'s, not this function's. `kw_iv` fixes the AES-GCM key wrap IV (tests
/// only); otherwise it is random.
pub(crate) fn wrap_cek(
    key: KeyRef<'_>,
    alg: KeyManagementAlg,
    cek: &[u8],
    kw_iv: Option<&[u8]>,
    params: &SendParams,
) -> Result<(Vec<u8>, Object)> {
    use KeyManagementKind as M;
    let key = match (key, alg.facts().kind) {
        (KeyRef::Password(password), M::Pbes2(p)) => {
            let p2s = pbes2::generate_p2s()?;
            let ek = pbes2::wrap(
                p,
                password.expose_secret(),
                &p2s,
                u64::from(params.p2c),
                params.p2c,
                cek,
            )?;
            let mut extra = Object::new();
            extra.insert("p2s".into(), b64::encode_public(&p2s).into());
            extra.insert("p2c".into(), params.p2c.into());
            return Ok((ek, extra));
        }
        (KeyRef::Password(_), _) => {
            return err(
                ErrorKind::KeyMismatch,
                format!("a password can only be used with PBES2, not {alg}"),
            );
        }
        (KeyRef::Jwk(key), _) => key,
        (KeyRef::Opaque(_), _) => {
            return err(
                ErrorKind::KeyMismatch,
                "a decryption key held outside jwcrypt does not encrypt",
            );
        }
    };
    let mut extra = Object::new();
    let ek = match alg.facts().kind {
        M::AesKw => aes_kw::wrap_with(oct_key(key)?.kek()?, cek)?,
        M::Dir => Vec::new(),
        M::AesGcmKw => {
            let mut iv = [0u8; aes_gcm::IV_LEN];
            match kw_iv {
                Some(fixed) => {
                    iv = fixed.try_into().map_err(|_| {
                        Error::new(ErrorKind::InvalidArgument, "a key wrap IV is 12 bytes")
                    })?
                }
                None => crate::rng::fill(&mut iv)?,
            }
            let mut buf = cek.to_vec();
            let tag = aes_gcm::encrypt(oct(key)?, &iv, b"", &mut buf)?;
            extra.insert("tag".into(), Value::String(b64::encode_public(&tag)));
            extra.insert("iv".into(), Value::String(b64::encode_public(&iv)));
            buf
        }
        M::RsaOaep(_) => {
            let rsa = key
                .rsa()
                .ok_or_else(|| Error::new(ErrorKind::KeyMismatch, "an RSA key is needed"))?;
            oaep::encrypt(rsa, alg, cek)?
        }
        M::Rsa1_5 => {
            return err(
                ErrorKind::AlgorithmNotAllowed,
                "RSA1_5 is never used for encryption",
            );
        }
        M::EcdhEs(Some(len)) => {
            let (kek, params) = agree_sender(key, alg.name(), len * 8, params)?;
            extra = params;
            aes_kw::wrap_with(&Kek::new(&kek)?, cek)?
        }
        M::EcdhEs(None) => {
            return err(
                ErrorKind::InvalidArgument,
                "direct ECDH-ES agrees on the CEK: it wraps none",
            );
        }
        M::Pbes2(_) => {
            return err(
                ErrorKind::KeyMismatch,
                "PBES2 takes a password (jwe::Password), not a JWK",
            );
        }
    };
    Ok((ek, extra))
}

/// Recovers the CEK for one recipient whose key already passed [`check_key`] (a password:
/// whose `alg` is PBES2, with [`check_pbes2_header`] passed). Every failure is
/// [`Error::decryption`]; the CEK length is checked against `enc`.
pub(crate) fn unwrap_cek(
    key: KeyRef<'_>,
    alg: KeyManagementAlg,
    enc: ContentEncryptionAlg,
    ek: &[u8],
    header: &Object,
    limits: &Limits,
) -> Result<Zeroizing<Vec<u8>>> {
    use KeyManagementKind as M;
    let fail = |_| Error::decryption();
    let key = match (key, alg.facts().kind) {
        (KeyRef::Password(password), M::Pbes2(p)) => {
            let (p2s, p2c) = check_pbes2_header(header, limits).map_err(fail)?;
            let cek = pbes2::unwrap(
                p,
                password.expose_secret(),
                &p2s,
                u64::from(p2c),
                limits.max_p2c,
                ek,
            )
            .map_err(fail)?;
            return check_cek_len(cek, enc);
        }
        (KeyRef::Password(_), _) => return Err(Error::decryption()),
        (KeyRef::Opaque(key), _) => {
            return check_cek_len(unwrap_opaque(key, alg, enc, ek, header)?, enc);
        }
        (KeyRef::Jwk(key), _) => key,
    };
    let cek = match alg.facts().kind {
        M::AesKw | M::RsaOaep(_) => unwrap_jwk(key, alg, ek).map_err(fail)?,
        M::Dir => {
            if !ek.is_empty() {
                return Err(Error::decryption());
            }
            Zeroizing::new(oct(key).map_err(fail)?.to_vec())
        }
        M::AesGcmKw => {
            let param = |name: &str| match header.get(name) {
                Some(Value::String(s)) => b64::decode_public(s).map_err(|_| Error::decryption()),
                _ => Err(Error::decryption()),
            };
            let (iv, tag) = (param("iv")?, param("tag")?);
            let mut buf = Zeroizing::new(ek.to_vec());
            aes_gcm::decrypt(oct(key).map_err(fail)?, &iv, b"", &mut buf, &tag)?;
            buf
        }
        M::Rsa1_5 => {
            oaep::decrypt_rsa1_5(key.rsa().ok_or_else(Error::decryption)?, ek, enc.key_len())?
        }
        M::EcdhEs(kw) => {
            agree_recipient(key, header, (alg, enc, kw), ek, |peer| agree_jwk(key, peer))?
        }
        M::Pbes2(_) => return Err(Error::decryption()),
    };
    check_cek_len(cek, enc)
}

fn check_cek_len(cek: Zeroizing<Vec<u8>>, enc: ContentEncryptionAlg) -> Result<Zeroizing<Vec<u8>>> {
    if cek.len() != enc.key_len() {
        return Err(Error::decryption());
    }
    Ok(cek)
}
