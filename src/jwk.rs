//! JSON Web Keys (RFC 7517): `oct`, `RSA`, `EC` (P-256, P-384, P-521, secp256k1) and `OKP`
//! (Ed25519, Ed448, X25519, X448; RFC 8037) keys, as JSON, PEM and DER ([`Jwk::from_pem`]).
//!
//! A [`Jwk`] holds typed key material, checked once when the key is made or imported, and
//! the common parameters (`kid`, `use`, `key_ops`, `alg`, the `x5*` members) plus any other
//! members, which are kept and exported again unchanged.
//!
//! ```
//! use jwcrypt::{Jwk, jwa::HashAlg};
//! let key = Jwk::generate_oct(256)?.with_kid("k1");
//! let json = key.export_private()?;
//! let back = Jwk::from_json(json.as_bytes())?;
//! assert_eq!(back.thumbprint(HashAlg::Sha256)?, key.thumbprint(HashAlg::Sha256)?);
//! # Ok::<(), jwcrypt::Error>(())
//! ```

mod ec;
mod keys;
mod members;
mod okp;
mod opaque;
mod pem;
mod rsa;
mod set;
mod thumbprint;

use std::collections::HashSet;
use std::fmt;

use serde_json::Value;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};
use crate::json::{self, Object};
use crate::jwa::symmetric::SymmetricKey;
use crate::jwa::{Algorithm, KeyFamily};
use crate::limits::Limits;
use crate::secret::Secret;
use crate::{b64, jwa};

pub use keys::{KeyResolver, Keys};
pub(crate) use opaque::signing_jwk;
pub use opaque::{DecryptionKey, SigningKey};
pub use pem::{MAX_DER_LEN, MAX_PEM_LEN};
pub use set::{JwkOrSet, JwkSet, RejectedKey};

pub(crate) use self::ec::EcKey;
use self::members::{take_b64_secret, take_str, take_str_array};
pub(crate) use self::okp::{OkpCurve, OkpKey};
pub(crate) use crate::jwa::rsa::key::RsaKey;

/// The key type (`kty`, RFC 7518 §6.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyType {
    /// A symmetric key (`"oct"`).
    Oct,
    /// An RSA key (`"RSA"`).
    Rsa,
    /// An elliptic curve key (`"EC"`): P-256, P-384, P-521, secp256k1.
    Ec,
    /// An octet key pair (`"OKP"`, RFC 8037): Ed25519, Ed448, X25519, X448.
    Okp,
}

impl KeyType {
    /// The `kty` name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Oct => "oct",
            Self::Rsa => "RSA",
            Self::Ec => "EC",
            Self::Okp => "OKP",
        }
    }

    pub(crate) const fn family(self) -> KeyFamily {
        match self {
            Self::Oct => KeyFamily::Oct,
            Self::Rsa => KeyFamily::Rsa,
            Self::Ec => KeyFamily::Ec,
            Self::Okp => KeyFamily::Okp,
        }
    }
}

/// The intended use of a public key (`use`, RFC 7517 §4.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyUse {
    /// `"sig"`: signatures and MACs.
    Signature,
    /// `"enc"`: encryption and key management.
    Encryption,
    /// Another value, kept as written; such a key permits no operation of jwcrypt.
    Other(String),
}

impl KeyUse {
    /// Parses a `use` value.
    pub fn parse(s: &str) -> Self {
        match s {
            "sig" => Self::Signature,
            "enc" => Self::Encryption,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The value as written in JSON.
    pub fn name(&self) -> &str {
        match self {
            Self::Signature => "sig",
            Self::Encryption => "enc",
            Self::Other(s) => s,
        }
    }

    fn permits(&self, op: &KeyOp) -> bool {
        match self {
            Self::Signature => matches!(op, KeyOp::Sign | KeyOp::Verify),
            Self::Encryption => matches!(
                op,
                KeyOp::Encrypt
                    | KeyOp::Decrypt
                    | KeyOp::WrapKey
                    | KeyOp::UnwrapKey
                    | KeyOp::DeriveKey
                    | KeyOp::DeriveBits
            ),
            Self::Other(_) => false,
        }
    }
}

/// A permitted key operation (`key_ops`, RFC 7517 §4.3).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyOp {
    /// `"sign"`: compute a signature or MAC.
    Sign,
    /// `"verify"`: verify a signature or MAC.
    Verify,
    /// `"encrypt"`: encrypt content.
    Encrypt,
    /// `"decrypt"`: decrypt content and validate decryption.
    Decrypt,
    /// `"wrapKey"`: encrypt a key.
    WrapKey,
    /// `"unwrapKey"`: decrypt a key and validate decryption.
    UnwrapKey,
    /// `"deriveKey"`: derive a key.
    DeriveKey,
    /// `"deriveBits"`: derive bits not to be used as a key.
    DeriveBits,
    /// Another value, kept as written.
    Other(String),
}

impl KeyOp {
    /// Parses a `key_ops` value.
    pub fn parse(s: &str) -> Self {
        match s {
            "sign" => Self::Sign,
            "verify" => Self::Verify,
            "encrypt" => Self::Encrypt,
            "decrypt" => Self::Decrypt,
            "wrapKey" => Self::WrapKey,
            "unwrapKey" => Self::UnwrapKey,
            "deriveKey" => Self::DeriveKey,
            "deriveBits" => Self::DeriveBits,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The value as written in JSON.
    pub fn name(&self) -> &str {
        match self {
            Self::Sign => "sign",
            Self::Verify => "verify",
            Self::Encrypt => "encrypt",
            Self::Decrypt => "decrypt",
            Self::WrapKey => "wrapKey",
            Self::UnwrapKey => "unwrapKey",
            Self::DeriveKey => "deriveKey",
            Self::DeriveBits => "deriveBits",
            Self::Other(s) => s,
        }
    }
}

/// The parameters of a JWK other than its key material (RFC 7517 §4).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Parameters {
    /// `kid`: the key ID.
    pub kid: Option<String>,
    /// `use`: the intended use.
    pub key_use: Option<KeyUse>,
    /// `key_ops`: the permitted operations (no duplicates).
    pub key_ops: Option<Vec<KeyOp>>,
    /// `alg`: the one algorithm this key is for.
    pub alg: Option<Algorithm>,
    /// `x5u`: X.509 URL (kept, never fetched).
    pub x5u: Option<String>,
    /// `x5c`: X.509 certificate chain (kept, not validated).
    pub x5c: Option<Vec<String>>,
    /// `x5t`: X.509 SHA-1 thumbprint.
    pub x5t: Option<String>,
    /// `x5t#S256`: X.509 SHA-256 thumbprint.
    pub x5t_s256: Option<String>,
    /// Every other member, in the order read.
    pub other: Object,
}

/// The typed key material of a JWK.
#[derive(Clone)]
pub(crate) enum KeyMaterial {
    Oct(SymmetricKey),
    Rsa(RsaKey),
    Ec(Box<EcKey>),
    Okp(Box<OkpKey>),
}

/// A JSON Web Key: typed key material plus its parameters.
///
/// `Debug` shows the key type, the public parameters and the thumbprint, never secret
/// material. Private material leaves the key only through calls that say so
/// ([`Jwk::export_private`], the PEM/DER exports of private keys, [`Jwk::oct_secret`]).
#[derive(Clone)]
pub struct Jwk {
    material: KeyMaterial,
    params: Parameters,
}

/// Member names that hold private key material of any key type; they never land in
/// [`Parameters::other`].
const PRIVATE_MEMBERS: &[&str] = &["k", "d", "p", "q", "dp", "dq", "qi", "oth"];

impl Jwk {
    // ----- construction -----

    /// A new random `oct` key of `bits` bits (a multiple of 8, at least 128).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a bad size; [`ErrorKind::Crypto`] if the OS RNG fails.
    pub fn generate_oct(bits: usize) -> Result<Self> {
        if !bits.is_multiple_of(8) || !(128..=8192).contains(&bits) {
            return err(
                ErrorKind::InvalidArgument,
                format!("an oct key must be a multiple of 8 bits from 128 to 8192, not {bits}"),
            );
        }
        Ok(Self::from_material(KeyMaterial::Oct(SymmetricKey::new(
            Secret::random(bits / 8)?,
        ))))
    }

    /// A new random RSA key of `bits` bits (2048, 3072 or 4096) with e = 65537.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for another size.
    pub fn generate_rsa(bits: usize) -> Result<Self> {
        Ok(Self::from_material(KeyMaterial::Rsa(RsaKey::generate(
            bits,
        )?)))
    }

    /// A new random EC key on the curve named `crv` (`P-256`, `P-384`, `P-521`,
    /// `secp256k1`).
    ///
    /// ```
    /// let key = jwcrypt::Jwk::generate_ec("P-256")?;
    /// assert_eq!(key.size_bits(), 256);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for another curve name.
    pub fn generate_ec(crv: &str) -> Result<Self> {
        let curve = jwa::ecdsa::Curve::from_name(crv).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("unsupported EC curve {:?}", jwa::shorten(crv)),
            )
        })?;
        Ok(Self::from_material(KeyMaterial::Ec(Box::new(
            EcKey::generate(curve)?,
        ))))
    }

    /// A new random OKP key on the curve named `crv` (`Ed25519`, `Ed448` for signatures;
    /// `X25519`, `X448` for ECDH-ES).
    ///
    /// ```
    /// let key = jwcrypt::Jwk::generate_okp("Ed25519")?;
    /// assert!(key.is_private());
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for another curve name.
    pub fn generate_okp(crv: &str) -> Result<Self> {
        let curve = OkpCurve::from_name(crv).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("unsupported OKP curve {:?}", jwa::shorten(crv)),
            )
        })?;
        Ok(Self::from_material(KeyMaterial::Okp(Box::new(
            OkpKey::generate(curve)?,
        ))))
    }

    /// A new random key for `alg`, with `alg` set: an `oct` key of the right length for
    /// HMAC (the hash length), AES key wrap, `dir` content encryption; RSA-2048 for RSA
    /// algorithms; an EC key on the algorithm's curve for ES256 (P-256), ES384 (P-384),
    /// ES512 (P-521) and ES256K (secp256k1); an Ed25519 key for `EdDSA` and `Ed25519`, an
    /// Ed448 key for `Ed448`.
    ///
    /// ```
    /// use jwcrypt::{Jwk, SigningAlg, jwa::KeyManagementAlg};
    /// let kek = Jwk::generate_for(KeyManagementAlg::A256KW)?;
    /// assert_eq!(kek.oct_secret().unwrap().len(), 32);
    /// let es = Jwk::generate_for(SigningAlg::ES384)?;
    /// assert_eq!(es.size_bits(), 384);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for an algorithm jwcrypt cannot make a key for (`dir`,
    /// whose key length depends on `enc`, or an unknown name).
    pub fn generate_for(alg: impl Into<Algorithm>) -> Result<Self> {
        use jwa::KeyManagementAlg as K;
        let alg = alg.into();
        let key = match &alg {
            Algorithm::Signing(a) => match (a.key_family(), a.curves().first()) {
                (KeyFamily::Oct, _) => {
                    Self::generate_oct(a.hash().map_or(32, |h| h.output_len()) * 8)?
                }
                (KeyFamily::Rsa, _) => Self::generate_rsa(2048)?,
                // EdDSA names two curves; the first, Ed25519, is the one to make.
                (KeyFamily::Ec, Some(crv)) => Self::generate_ec(crv)?,
                (KeyFamily::Okp, Some(crv)) => Self::generate_okp(crv)?,
                (KeyFamily::Ec | KeyFamily::Okp, None) => {
                    return err(
                        ErrorKind::InvalidArgument,
                        format!("cannot generate a key for {a}"),
                    );
                }
            },
            Algorithm::KeyManagement(a) => match (a.kek_len(), a) {
                (Some(len), _) => Self::generate_oct(len * 8)?,
                (None, K::Dir) => {
                    return err(
                        ErrorKind::InvalidArgument,
                        "a dir key's length is the enc's: generate it for the enc algorithm",
                    );
                }
                (None, a) if a.is_ecdh_es() => Self::generate_ec("P-256")?,
                (None, a) if a.is_pbes2() => {
                    return err(
                        ErrorKind::InvalidArgument,
                        "PBES2 takes a password (jwe::Password), not a key",
                    );
                }
                (None, _) => Self::generate_rsa(2048)?,
            },
            Algorithm::ContentEncryption(e) => Self::generate_oct(e.key_len() * 8)?,
            Algorithm::Other(name) => {
                return err(
                    ErrorKind::InvalidArgument,
                    format!("cannot generate a key for {:?}", jwa::shorten(name)),
                );
            }
        };
        Ok(key.with_alg(alg))
    }

    /// An `oct` key holding a copy of `bytes` (at least 1 byte; the algorithms check
    /// their own minimum lengths).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for an empty key.
    pub fn from_oct_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.is_empty() {
            return err(ErrorKind::InvalidKey, "an oct key cannot be empty");
        }
        Ok(Self::from_material(KeyMaterial::Oct(SymmetricKey::new(
            Secret::from_slice(bytes),
        ))))
    }

    pub(crate) fn from_material(material: KeyMaterial) -> Self {
        Self {
            material,
            params: Parameters::default(),
        }
    }

    /// Sets `kid`.
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.params.kid = Some(kid.into());
        self
    }

    /// Sets `alg`.
    #[must_use]
    pub fn with_alg(mut self, alg: impl Into<Algorithm>) -> Self {
        self.params.alg = Some(alg.into());
        self
    }

    /// Sets `use`, checked against `key_ops` as on import (RFC 7517 §4.3).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] if `key_ops` names an operation that `key_use` does not
    /// permit.
    pub fn with_use(mut self, key_use: KeyUse) -> Result<Self> {
        self.params.key_use = Some(key_use);
        self.check_consistent()?;
        Ok(self)
    }

    /// Sets `key_ops`, checked as on import: no operation twice, and each one permitted by
    /// `use` (RFC 7517 §4.3).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a duplicate operation or one that `use` does not
    /// permit.
    pub fn with_key_ops(mut self, ops: impl IntoIterator<Item = KeyOp>) -> Result<Self> {
        let ops: Vec<KeyOp> = ops.into_iter().collect();
        let mut seen = HashSet::with_capacity(ops.len());
        if let Some(op) = ops.iter().find(|op| !seen.insert(op.name())) {
            return err(
                ErrorKind::InvalidKey,
                format!("duplicate key_ops value {:?}", jwa::shorten(op.name())),
            );
        }
        self.params.key_ops = Some(ops);
        self.check_consistent()?;
        Ok(self)
    }

    // ----- JSON import -----

    /// Reads one JWK from JSON text, with the default [`Limits`].
    ///
    /// # Errors
    /// [`ErrorKind::Json`] for malformed JSON or members of the wrong type,
    /// [`ErrorKind::InvalidKey`] for missing, malformed or inconsistent key material,
    /// [`ErrorKind::LimitExceeded`] for oversized input.
    pub fn from_json(text: impl AsRef<[u8]>) -> Result<Self> {
        Self::from_json_with_limits(text, &Limits::DEFAULT)
    }

    /// Reads one JWK from JSON text, with the given limits: the text's length
    /// (`max_jwk_len`), nesting (`max_json_depth`) and number of values (`max_json_values`)
    /// are checked before it is parsed.
    ///
    /// # Errors
    /// As [`Jwk::from_json`].
    pub fn from_json_with_limits(text: impl AsRef<[u8]>, limits: &Limits) -> Result<Self> {
        let obj = json::parse_object_limited(text.as_ref(), limits.max_jwk_len, limits)?;
        Self::from_object(obj)
    }

    /// Reads one JWK from a parsed JSON value.
    ///
    /// # Errors
    /// As [`Jwk::from_json`]. Prefer [`Jwk::from_json`] for untrusted text: it also
    /// rejects duplicate members, which a `Value` cannot show any more.
    pub fn from_value(value: &Value) -> Result<Self> {
        match value {
            Value::Object(obj) => Self::from_object(obj.clone()),
            _ => err(ErrorKind::Json, "a JWK must be a JSON object"),
        }
    }

    pub(crate) fn from_object(mut obj: Object) -> Result<Self> {
        let kty = match obj.remove("kty") {
            Some(Value::String(s)) => s,
            Some(_) => return err(ErrorKind::Json, "member \"kty\" must be a string"),
            None => return err(ErrorKind::InvalidKey, "missing member \"kty\""),
        };
        let material = match kty.as_str() {
            "oct" => {
                let k = take_b64_secret(&mut obj, "k")?
                    .ok_or_else(|| Error::new(ErrorKind::InvalidKey, "missing member \"k\""))?;
                if k.is_empty() {
                    return err(ErrorKind::InvalidKey, "an oct key cannot be empty");
                }
                KeyMaterial::Oct(SymmetricKey::new(Secret::from_slice(&k)))
            }
            "RSA" => KeyMaterial::Rsa(rsa::from_object(&mut obj)?),
            "EC" => KeyMaterial::Ec(Box::new(EcKey::from_object(&mut obj)?)),
            "OKP" => KeyMaterial::Okp(Box::new(OkpKey::from_object(&mut obj)?)),
            other => {
                return err(
                    ErrorKind::InvalidKey,
                    format!("unsupported key type {:?}", jwa::shorten(other)),
                );
            }
        };
        if let Some(name) = PRIVATE_MEMBERS.iter().find(|m| obj.contains_key(**m)) {
            return err(
                ErrorKind::InvalidKey,
                format!("member {name:?} is not a parameter of an {kty} key"),
            );
        }
        let params = Parameters::from_object(obj)?;
        let key = Self { material, params };
        key.check_consistent()?;
        Ok(key)
    }

    /// `use` and `key_ops` must agree when both are given (RFC 7517 §4.3).
    fn check_consistent(&self) -> Result<()> {
        if let (Some(u), Some(ops)) = (&self.params.key_use, &self.params.key_ops)
            && let Some(op) = ops.iter().find(|op| !u.permits(op))
        {
            return err(
                ErrorKind::InvalidKey,
                format!(
                    "key_ops {:?} contradicts use {:?}",
                    jwa::shorten(op.name()),
                    jwa::shorten(u.name())
                ),
            );
        }
        Ok(())
    }

    // ----- JSON export -----

    /// The public key as JSON text (RSA: `n`, `e` and the parameters).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a symmetric key, which has no public part.
    pub fn export_public(&self) -> Result<String> {
        let obj = self.to_public()?.to_object(false);
        json::object_to_string(&obj, json::Order::Key)
    }

    /// The whole key, private material included, as JSON text held in a buffer that is
    /// zeroized on drop.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a public key, which has no private part.
    pub fn export_private(&self) -> Result<Zeroizing<String>> {
        if !self.is_private() {
            return err(
                ErrorKind::InvalidArgument,
                "this is a public key: it has no private part to export",
            );
        }
        json::object_to_string(&self.to_object(true), json::Order::Key).map(Zeroizing::new)
    }

    /// Members in a fixed order: `kty`, the key material in RFC order, the parameters,
    /// then the other members as read.
    pub(crate) fn to_object(&self, private: bool) -> Object {
        let mut obj = Object::new();
        obj.insert("kty".into(), self.key_type().name().into());
        match &self.material {
            KeyMaterial::Oct(k) => {
                if private {
                    obj.insert("k".into(), b64::encode(k.bytes()).into());
                }
            }
            KeyMaterial::Rsa(r) => rsa::write_members(r, &mut obj, private),
            KeyMaterial::Ec(k) => k.write_members(&mut obj, private),
            KeyMaterial::Okp(k) => k.write_members(&mut obj, private),
        }
        self.params.write_members(&mut obj);
        obj
    }

    // ----- accessors -----

    /// The key type.
    pub fn key_type(&self) -> KeyType {
        match &self.material {
            KeyMaterial::Oct(_) => KeyType::Oct,
            KeyMaterial::Rsa(_) => KeyType::Rsa,
            KeyMaterial::Ec(_) => KeyType::Ec,
            KeyMaterial::Okp(_) => KeyType::Okp,
        }
    }

    /// Whether the key holds private (or symmetric) material.
    pub fn is_private(&self) -> bool {
        match &self.material {
            KeyMaterial::Oct(_) => true,
            KeyMaterial::Rsa(r) => r.is_private(),
            KeyMaterial::Ec(k) => k.is_private(),
            KeyMaterial::Okp(k) => k.is_private(),
        }
    }

    /// The public part of an asymmetric key, with the same parameters (and `key_ops`
    /// kept as they are).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for a symmetric key.
    pub fn to_public(&self) -> Result<Jwk> {
        match &self.material {
            KeyMaterial::Oct(_) => err(
                ErrorKind::InvalidArgument,
                "a symmetric (oct) key has no public part",
            ),
            KeyMaterial::Rsa(r) => Ok(Jwk {
                material: KeyMaterial::Rsa(r.to_public()),
                params: self.params.clone(),
            }),
            KeyMaterial::Ec(k) => Ok(Jwk {
                material: KeyMaterial::Ec(Box::new(k.to_public())),
                params: self.params.clone(),
            }),
            KeyMaterial::Okp(k) => Ok(Jwk {
                material: KeyMaterial::Okp(Box::new(k.to_public())),
                params: self.params.clone(),
            }),
        }
    }

    /// The size of the key in bits (the modulus for RSA, the field for EC, the encoded
    /// public key for OKP).
    pub fn size_bits(&self) -> usize {
        match &self.material {
            KeyMaterial::Oct(k) => k.len() * 8,
            KeyMaterial::Rsa(r) => r.modulus_bits(),
            KeyMaterial::Ec(k) => match k.curve() {
                jwa::ecdsa::Curve::P521 => 521,
                c => c.coordinate_len() * 8,
            },
            KeyMaterial::Okp(k) => k.curve().bits(),
        }
    }

    /// The symmetric key bytes of an `oct` key; `None` for other key types.
    pub fn oct_secret(&self) -> Option<&Secret> {
        match &self.material {
            KeyMaterial::Oct(k) => Some(k.secret()),
            _ => None,
        }
    }

    /// The prepared symmetric key of an `oct` key (its secret with its cache of keyed
    /// primitive states); `None` for other key types.
    pub(crate) fn oct_key(&self) -> Option<&SymmetricKey> {
        match &self.material {
            KeyMaterial::Oct(k) => Some(k),
            _ => None,
        }
    }

    pub(crate) fn material(&self) -> &KeyMaterial {
        &self.material
    }

    pub(crate) fn rsa(&self) -> Option<&RsaKey> {
        match &self.material {
            KeyMaterial::Rsa(r) => Some(r),
            _ => None,
        }
    }

    /// The EC key material; `None` for other key types.
    pub(crate) fn ec(&self) -> Option<&EcKey> {
        match &self.material {
            KeyMaterial::Ec(k) => Some(k),
            _ => None,
        }
    }

    /// The OKP key material; `None` for other key types.
    pub(crate) fn okp(&self) -> Option<&OkpKey> {
        match &self.material {
            KeyMaterial::Okp(k) => Some(k),
            _ => None,
        }
    }

    /// The parameters.
    pub fn params(&self) -> &Parameters {
        &self.params
    }

    /// The key ID.
    pub fn kid(&self) -> Option<&str> {
        self.params.kid.as_deref()
    }

    /// The algorithm the key is restricted to.
    pub fn alg(&self) -> Option<&Algorithm> {
        self.params.alg.as_ref()
    }

    // ----- enforcement -----

    /// Checks that this key may do `op` with `alg`: the key type fits the algorithm family,
    /// `use` and `key_ops` (when present) permit the operation, and the key's own `alg`
    /// (when present) is `alg`.
    ///
    /// `op` lists equivalent operations (for key management, `wrapKey` and `encrypt`);
    /// `key_ops` must name one of them.
    ///
    /// # Errors
    /// [`ErrorKind::KeyMismatch`] naming the first rule broken.
    pub(crate) fn check_usable(&self, ops: &[KeyOp], alg: &Algorithm) -> Result<()> {
        self.check_usable_for(ops, alg, &[])
    }

    /// As [`Jwk::check_usable`], also accepting a key whose `alg` is one of `also`
    /// (a `dir` key may carry its `enc` name as its `alg`, RFC 7520 §3.6).
    pub(crate) fn check_usable_for(
        &self,
        ops: &[KeyOp],
        alg: &Algorithm,
        also: &[Algorithm],
    ) -> Result<()> {
        let fits = match alg {
            Algorithm::Signing(a) => a.key_family() == self.key_type().family(),
            Algorithm::KeyManagement(a) => a.accepts_key_family(self.key_type().family()),
            Algorithm::ContentEncryption(_) => self.key_type().family() == KeyFamily::Oct,
            Algorithm::Other(_) => false,
        };
        if !fits {
            return err(
                ErrorKind::KeyMismatch,
                format!(
                    "an {} key cannot be used with {alg}",
                    self.key_type().name()
                ),
            );
        }
        if let Some(u) = &self.params.key_use
            && !ops.iter().any(|op| u.permits(op))
        {
            return err(
                ErrorKind::KeyMismatch,
                format!(
                    "the key's use {:?} does not permit this operation",
                    jwa::shorten(u.name())
                ),
            );
        }
        if let Some(key_ops) = &self.params.key_ops
            && !ops.iter().any(|op| key_ops.contains(op))
        {
            let wanted: Vec<&str> = ops.iter().map(KeyOp::name).collect();
            return err(
                ErrorKind::KeyMismatch,
                format!("the key's key_ops do not include {}", wanted.join(" or ")),
            );
        }
        if let Some(own) = &self.params.alg
            && own != alg
            && !also.contains(own)
        {
            return err(
                ErrorKind::KeyMismatch,
                format!("the key is for {}, not {alg}", jwa::shorten(own.name())),
            );
        }
        Ok(())
    }
}

impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Jwk");
        d.field("kty", &self.key_type().name());
        d.field("bits", &self.size_bits());
        d.field("private", &self.is_private());
        if let Some(kid) = &self.params.kid {
            d.field("kid", kid);
        }
        if let Some(alg) = &self.params.alg {
            d.field("alg", &alg.name());
        }
        if let Some(u) = &self.params.key_use {
            d.field("use", &u.name());
        }
        if let Ok(t) = self.thumbprint(jwa::HashAlg::Sha256) {
            d.field("thumbprint", &t);
        }
        d.finish_non_exhaustive()
    }
}

impl PartialEq for Jwk {
    /// Two keys are equal when their material (compared in constant time for secrets) and
    /// parameters are equal.
    fn eq(&self, other: &Self) -> bool {
        let same_material = match (&self.material, &other.material) {
            (KeyMaterial::Oct(a), KeyMaterial::Oct(b)) => a == b,
            (KeyMaterial::Rsa(a), KeyMaterial::Rsa(b)) => a == b,
            (KeyMaterial::Ec(a), KeyMaterial::Ec(b)) => a == b,
            (KeyMaterial::Okp(a), KeyMaterial::Okp(b)) => a == b,
            _ => false,
        };
        same_material && self.params == other.params
    }
}

impl std::str::FromStr for Jwk {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::from_json(s)
    }
}

impl Parameters {
    fn from_object(mut obj: Object) -> Result<Self> {
        let kid = take_str(&mut obj, "kid")?;
        let key_use = take_str(&mut obj, "use")?.map(|s| KeyUse::parse(&s));
        let key_ops = match take_str_array(&mut obj, "key_ops")? {
            None => None,
            Some(names) => {
                let mut seen = HashSet::with_capacity(names.len());
                let mut ops = Vec::with_capacity(names.len());
                for name in names {
                    if !seen.insert(name.clone()) {
                        return err(
                            ErrorKind::InvalidKey,
                            format!("duplicate key_ops value {:?}", jwa::shorten(&name)),
                        );
                    }
                    ops.push(KeyOp::parse(&name));
                }
                Some(ops)
            }
        };
        let alg = take_str(&mut obj, "alg")?.map(|s| Algorithm::parse(&s));
        let x5u = take_str(&mut obj, "x5u")?;
        let x5c = take_str_array(&mut obj, "x5c")?;
        let x5t = take_str(&mut obj, "x5t")?;
        let x5t_s256 = take_str(&mut obj, "x5t#S256")?;
        Ok(Self {
            kid,
            key_use,
            key_ops,
            alg,
            x5u,
            x5c,
            x5t,
            x5t_s256,
            other: obj,
        })
    }

    fn write_members(&self, obj: &mut Object) {
        if let Some(kid) = &self.kid {
            obj.insert("kid".into(), kid.clone().into());
        }
        if let Some(u) = &self.key_use {
            obj.insert("use".into(), u.name().into());
        }
        if let Some(ops) = &self.key_ops {
            let ops: Vec<Value> = ops.iter().map(|o| o.name().into()).collect();
            obj.insert("key_ops".into(), ops.into());
        }
        if let Some(alg) = &self.alg {
            obj.insert("alg".into(), alg.name().into());
        }
        if let Some(x5u) = &self.x5u {
            obj.insert("x5u".into(), x5u.clone().into());
        }
        if let Some(x5c) = &self.x5c {
            obj.insert("x5c".into(), x5c.clone().into());
        }
        if let Some(x5t) = &self.x5t {
            obj.insert("x5t".into(), x5t.clone().into());
        }
        if let Some(x5t) = &self.x5t_s256 {
            obj.insert("x5t#S256".into(), x5t.clone().into());
        }
        for (k, v) in &self.other {
            if !obj.contains_key(k) {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
}
