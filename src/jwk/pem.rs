//! PEM and DER import and export of RSA, EC and OKP keys: PKCS#8 (plain and
//! password-encrypted), SubjectPublicKeyInfo (SPKI), PKCS#1 (RSA) and SEC1 `EC PRIVATE KEY`
//! (RFC 5915, input only).
//!
//! Import parses the ASN.1 structure with the RustCrypto `pkcs8`/`spki`/`pkcs1`/`sec1`
//! crates and hands the numbers and points to the same checks as JWK JSON import (`RsaKey`,
//! `EcKey`, `OkpKey`), so a PEM key is accepted exactly when the same key written as a JWK
//! would be. EC keys are `id-ecPublicKey` with a named curve (RFC 5480: P-256, P-384,
//! P-521, secp256k1) and an uncompressed point; OKP keys are the RFC 8410 structures
//! (Ed25519, Ed448, X25519, X448). Export goes through the `rsa` crate's encoders for RSA
//! and the same ASN.1 crates for EC and OKP. Symmetric (`oct`) keys have no PEM or DER form.

use pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey, LineEnding};
use pkcs8::der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use pkcs8::der::{Decode, Encode, SecretDocument};
use pkcs8::pkcs5::{self, pbes2};
use pkcs8::{EncodePrivateKey, EncodePublicKey, EncryptedPrivateKeyInfoRef, PrivateKeyInfoRef};
use spki::SubjectPublicKeyInfoRef;
use zeroize::Zeroizing;

use super::{EcKey, Jwk, KeyMaterial, OkpCurve, OkpKey};
use crate::error::{Error, ErrorKind, Result, err};
use crate::jwa::ecdh::XCurve;
use crate::jwa::ecdsa::Curve;
use crate::jwa::eddsa::EdCurve;
use crate::jwa::rsa::key::{PrivateComponents, RsaKey};
use crate::rng;

/// The longest PEM text read, in bytes (checked before any decoding): a 16384-bit RSA
/// private key takes about 13 KiB.
pub const MAX_PEM_LEN: usize = 64 << 10;
/// The longest DER input read, in bytes (checked before any decoding).
pub const MAX_DER_LEN: usize = 48 << 10;

/// PBKDF2-HMAC-SHA256 iterations used when encrypting a PKCS#8 key (the OWASP 2023 figure).
const PBKDF2_EXPORT_ITERATIONS: u32 = 600_000;
// The key-derivation bounds below keep the worst encrypted PKCS#8 key accepted under 1 s of
// CPU and 64 MiB of memory (SECURITY.md, "Defaults, and why", gives the figures,
// measured in release mode on the project's 2-core machine).

/// The most PBKDF2 iterations accepted when decrypting, for every PRF: 1,000,000 iterations
/// of HMAC-SHA-512 (the slowest per iteration) took 0.74 s of CPU; HMAC-SHA-224 deriving an
/// AES-256 key (two output blocks) 0.37 s. Our own export (600,000, HMAC-SHA-256) fits.
const PBKDF2_MAX_ITERATIONS: u32 = 1_000_000;
/// The most memory scrypt may use when decrypting: `128 · r · (N + p)` bytes (its `V` array
/// and its `B` buffer). 48 MiB: N = 2^18 with r = 1 (32 MiB) passes, N = 2^19 does not;
/// OpenSSL's N = 2^14, r = 8 takes 16 MiB.
const SCRYPT_MAX_MEMORY: u64 = 48 << 20;
/// The most scrypt work accepted when decrypting (`N · r · p`, in 128-byte block mixes):
/// N = 2^18, r = 1, p = 4 took 0.56 s of CPU and 35 MB of resident memory.
const SCRYPT_MAX_WORK: u64 = 1 << 20;

const LABEL_PKCS8: &str = "PRIVATE KEY";
const LABEL_PKCS8_ENCRYPTED: &str = "ENCRYPTED PRIVATE KEY";
const LABEL_SPKI: &str = "PUBLIC KEY";
const LABEL_PKCS1_PRIVATE: &str = "RSA PRIVATE KEY";
const LABEL_PKCS1_PUBLIC: &str = "RSA PUBLIC KEY";
const LABEL_SEC1: &str = "EC PRIVATE KEY";

/// `id-ecPublicKey` (RFC 5480 §2.1.1).
const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// The named curves (RFC 5480 §2.1.1.1; secp256k1 from SEC 2), by JOSE curve.
const EC_CURVE_OIDS: [(Curve, ObjectIdentifier); 4] = [
    (
        Curve::P256,
        ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
    ),
    (Curve::P384, ObjectIdentifier::new_unwrap("1.3.132.0.34")),
    (Curve::P521, ObjectIdentifier::new_unwrap("1.3.132.0.35")),
    (
        Curve::Secp256k1,
        ObjectIdentifier::new_unwrap("1.3.132.0.10"),
    ),
];
/// The RFC 8410 §3 algorithm identifiers of the OKP curves (no parameters).
const OKP_OIDS: [(OkpCurve, ObjectIdentifier); 4] = [
    (
        OkpCurve::X(XCurve::X25519),
        ObjectIdentifier::new_unwrap("1.3.101.110"),
    ),
    (
        OkpCurve::X(XCurve::X448),
        ObjectIdentifier::new_unwrap("1.3.101.111"),
    ),
    (
        OkpCurve::Ed(EdCurve::Ed25519),
        ObjectIdentifier::new_unwrap("1.3.101.112"),
    ),
    (
        OkpCurve::Ed(EdCurve::Ed448),
        ObjectIdentifier::new_unwrap("1.3.101.113"),
    ),
];

/// Which DER structure a document holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Pkcs8,
    Pkcs8Encrypted,
    Spki,
    Pkcs1Private,
    Pkcs1Public,
    Sec1,
}

impl Format {
    const fn name(self) -> &'static str {
        match self {
            Self::Pkcs8 => "PKCS#8 private key",
            Self::Pkcs8Encrypted => "encrypted PKCS#8 private key",
            Self::Spki => "SubjectPublicKeyInfo public key",
            Self::Pkcs1Private => "PKCS#1 RSA private key",
            Self::Pkcs1Public => "PKCS#1 RSA public key",
            Self::Sec1 => "SEC1 EC private key",
        }
    }
}

impl Jwk {
    // ----- import -----

    /// Reads an RSA, EC or OKP key from PEM text: `PRIVATE KEY` (PKCS#8), `PUBLIC KEY`
    /// (SPKI), `RSA PRIVATE KEY` / `RSA PUBLIC KEY` (PKCS#1) or `EC PRIVATE KEY` (SEC1).
    /// Text before the PEM block is ignored, as RFC 7468 allows.
    ///
    /// The key gets the same checks as a JWK read from JSON (RSA: modulus of 2048 to 16384
    /// bits, odd exponent of at most 2^32 - 1, consistent private values, no ROCA
    /// fingerprint; EC: a point of the named curve, not the identity, `d` in range and
    /// giving the point; OKP: a canonical point, not of small order, `d` giving it) and no
    /// parameters (`kid`, `alg`, ...): set them with [`Jwk::with_kid`] and friends.
    ///
    /// ```
    /// use jwcrypt::Jwk;
    /// # let pem = Jwk::generate_ec("P-256")?.to_spki_pem()?;
    /// let key = Jwk::from_pem(&pem)?;
    /// assert!(!key.is_private());
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::KeyEncoding`] for text that is not one of these PEM documents, for an
    /// `ENCRYPTED PRIVATE KEY` (use [`Jwk::from_pem_with_password`]), for a key of another
    /// algorithm or curve (the message names its OID), a compressed EC point, or for text
    /// over 64 KiB; [`ErrorKind::InvalidKey`] for a key that fails the checks.
    pub fn from_pem(text: &str) -> Result<Self> {
        let (format, der) = decode_pem(text)?;
        from_der_as(format, &der, None)
    }

    /// As [`Jwk::from_pem`], also reading `ENCRYPTED PRIVATE KEY` documents (PKCS#8 with
    /// PBES2: PBKDF2-HMAC-SHA-2 or scrypt, with AES-CBC or AES-GCM) with `password`.
    /// Unencrypted documents are read as [`Jwk::from_pem`] reads them.
    ///
    /// # Errors
    /// As [`Jwk::from_pem`]; also [`ErrorKind::KeyEncoding`] for a wrong password, an
    /// unsupported encryption scheme (PBES1, SHA-1, DES), or key-derivation parameters over
    /// jwcrypt's bounds (more than 1,000,000 PBKDF2 iterations; scrypt over 48 MiB of
    /// memory or 2^20 block mixes).
    pub fn from_pem_with_password(text: &str, password: &[u8]) -> Result<Self> {
        let (format, der) = decode_pem(text)?;
        from_der_as(format, &der, Some(password))
    }

    /// Reads an RSA, EC or OKP key from DER bytes, trying in turn PKCS#8, encrypted PKCS#8,
    /// SPKI, SEC1 EC private key, PKCS#1 private and PKCS#1 public.
    ///
    /// # Errors
    /// As [`Jwk::from_pem`] (the DER limit is 48 KiB).
    pub fn from_der(bytes: &[u8]) -> Result<Self> {
        from_der_detect(bytes, None)
    }

    /// As [`Jwk::from_der`], also reading encrypted PKCS#8 with `password`.
    ///
    /// # Errors
    /// As [`Jwk::from_pem_with_password`].
    pub fn from_der_with_password(bytes: &[u8], password: &[u8]) -> Result<Self> {
        from_der_detect(bytes, Some(password))
    }

    // ----- export -----

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), in a buffer zeroized
    /// on drop.
    ///
    /// ```
    /// use jwcrypt::Jwk;
    /// let key = Jwk::generate_rsa(2048)?;
    /// let pem = key.to_pkcs8_pem()?;
    /// assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    /// assert_eq!(Jwk::from_pem(&pem)?, key);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for an `oct` key or a public key.
    ///
    /// EC keys are written as OpenSSL writes them: `id-ecPublicKey` with the named curve,
    /// and a SEC1 `ECPrivateKey` holding the curve and the uncompressed public point. OKP
    /// keys are RFC 8410 `PrivateKeyInfo` (version 1, the private key only).
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        secret_pem(&self.pkcs8_document()?, LABEL_PKCS8)
    }

    /// The private key as PKCS#8 DER, in a buffer zeroized on drop.
    ///
    /// # Errors
    /// As [`Jwk::to_pkcs8_pem`].
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        Ok(self.pkcs8_document()?.to_bytes())
    }

    /// The private key as encrypted PKCS#8 PEM (`-----BEGIN ENCRYPTED PRIVATE KEY-----`):
    /// PBES2 with PBKDF2-HMAC-SHA256 (600,000 iterations, random 16-byte salt) and
    /// AES-256-CBC (random IV), as OpenSSL writes and reads it.
    ///
    /// # Errors
    /// As [`Jwk::to_pkcs8_pem`]; [`ErrorKind::InvalidArgument`] for an empty password;
    /// [`ErrorKind::Crypto`] if the OS RNG fails.
    pub fn to_pkcs8_pem_with_password(&self, password: &[u8]) -> Result<Zeroizing<String>> {
        secret_pem(
            &self.encrypted_pkcs8_document(password)?,
            LABEL_PKCS8_ENCRYPTED,
        )
    }

    /// As [`Jwk::to_pkcs8_pem_with_password`], in DER.
    ///
    /// # Errors
    /// As [`Jwk::to_pkcs8_pem_with_password`].
    pub fn to_pkcs8_der_with_password(&self, password: &[u8]) -> Result<Vec<u8>> {
        Ok(self.encrypted_pkcs8_document(password)?.as_bytes().to_vec())
    }

    /// The public key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`); for a
    /// private key, its public part.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for an `oct` key.
    pub fn to_spki_pem(&self) -> Result<String> {
        let der = self.to_spki_der()?;
        pkcs8::der::pem::encode_string(LABEL_SPKI, LineEnding::LF, &der).map_err(encode_error)
    }

    /// The public key as SubjectPublicKeyInfo DER.
    ///
    /// # Errors
    /// As [`Jwk::to_spki_pem`].
    pub fn to_spki_der(&self) -> Result<Vec<u8>> {
        match &self.material {
            KeyMaterial::Ec(ec) => {
                let point = uncompressed_point(ec);
                let curve_oid = ec_curve_oid(ec.curve());
                spki::SubjectPublicKeyInfo {
                    algorithm: spki::AlgorithmIdentifier {
                        oid: OID_EC_PUBLIC_KEY,
                        parameters: Some(curve_oid),
                    },
                    subject_public_key: BitStringRef::from_bytes(&point).map_err(encode_error)?,
                }
                .to_der()
                .map_err(encode_error)
            }
            KeyMaterial::Okp(okp) => {
                let x = okp.public_bytes();
                spki::SubjectPublicKeyInfo::<AnyRef<'_>, _> {
                    algorithm: spki::AlgorithmIdentifier {
                        oid: okp_oid(okp.curve()),
                        parameters: None,
                    },
                    subject_public_key: BitStringRef::from_bytes(&x).map_err(encode_error)?,
                }
                .to_der()
                .map_err(encode_error)
            }
            _ => {
                let rsa = self.rsa_for_export()?;
                rsa.public_key()
                    .to_public_key_der()
                    .map(|d| d.into_vec())
                    .map_err(encode_error)
            }
        }
    }

    /// The key as PKCS#1 PEM: `RSA PRIVATE KEY` when `private` is true, else `RSA PUBLIC
    /// KEY` (the public part of a private key).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidArgument`] for an `oct` key, or for `private` on a public key.
    pub fn to_pkcs1_pem(&self, private: bool) -> Result<Zeroizing<String>> {
        let der = self.to_pkcs1_der(private)?;
        let label = if private {
            LABEL_PKCS1_PRIVATE
        } else {
            LABEL_PKCS1_PUBLIC
        };
        pkcs8::der::pem::encode_string(label, LineEnding::LF, &der)
            .map(Zeroizing::new)
            .map_err(encode_error)
    }

    /// The key as PKCS#1 DER (`RSAPrivateKey` when `private` is true, else `RSAPublicKey`),
    /// in a buffer zeroized on drop.
    ///
    /// # Errors
    /// As [`Jwk::to_pkcs1_pem`].
    pub fn to_pkcs1_der(&self, private: bool) -> Result<Zeroizing<Vec<u8>>> {
        let rsa = self.rsa_for_export()?;
        if private {
            private_key(rsa)?
                .to_pkcs1_der()
                .map(|d| d.to_bytes())
                .map_err(encode_error)
        } else {
            rsa.public_key()
                .to_pkcs1_der()
                .map(|d| Zeroizing::new(d.into_vec()))
                .map_err(encode_error)
        }
    }

    fn pkcs8_document(&self) -> Result<SecretDocument> {
        match &self.material {
            KeyMaterial::Ec(ec) => {
                let d = ec.d().ok_or_else(no_private_part)?;
                let point = uncompressed_point(ec);
                let curve_oid = ec_curve_oid(ec.curve());
                // As OpenSSL 3 writes it: the curve in the algorithm identifier only.
                let sec1 = SecretDocument::encode_msg(&sec1::EcPrivateKey {
                    private_key: &d,
                    parameters: None,
                    public_key: Some(&point),
                })
                .map_err(encode_error)?;
                let info = pkcs8::PrivateKeyInfo::<_, _, BitStringRef<'_>>::new(
                    spki::AlgorithmIdentifier {
                        oid: OID_EC_PUBLIC_KEY,
                        parameters: Some(curve_oid),
                    },
                    OctetStringRef::new(sec1.as_bytes()).map_err(encode_error)?,
                );
                SecretDocument::encode_msg(&info).map_err(encode_error)
            }
            KeyMaterial::Okp(okp) => {
                let d = okp.private_bytes().ok_or_else(no_private_part)?;
                // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, inside the privateKey one.
                let inner = Zeroizing::new(
                    OctetStringRef::new(&d)
                        .and_then(|o| o.to_der())
                        .map_err(encode_error)?,
                );
                let info = pkcs8::PrivateKeyInfo::<AnyRef<'_>, _, BitStringRef<'_>>::new(
                    spki::AlgorithmIdentifier {
                        oid: okp_oid(okp.curve()),
                        parameters: None,
                    },
                    OctetStringRef::new(&inner).map_err(encode_error)?,
                );
                SecretDocument::encode_msg(&info).map_err(encode_error)
            }
            _ => private_key(self.rsa_for_export()?)?
                .to_pkcs8_der()
                .map_err(encode_error),
        }
    }

    fn encrypted_pkcs8_document(&self, password: &[u8]) -> Result<SecretDocument> {
        if password.is_empty() {
            return err(
                ErrorKind::InvalidArgument,
                "an encrypted PKCS#8 key needs a non-empty password",
            );
        }
        let plain = self.pkcs8_document()?;
        let info = PrivateKeyInfoRef::from_der(plain.as_bytes()).map_err(encode_error)?;
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        rng::fill(&mut salt)?;
        rng::fill(&mut iv)?;
        let params = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
            PBKDF2_EXPORT_ITERATIONS,
            &salt,
            iv,
        )
        .map_err(|_| Error::new(ErrorKind::Crypto, "cannot set up PBES2 parameters"))?;
        info.encrypt_with_params(params, password)
            .map_err(|_| Error::new(ErrorKind::Crypto, "PKCS#8 encryption failed"))
    }

    fn rsa_for_export(&self) -> Result<&RsaKey> {
        match &self.material {
            KeyMaterial::Rsa(r) => Ok(r),
            KeyMaterial::Oct(_) => err(
                ErrorKind::InvalidArgument,
                "a symmetric (oct) key has no PEM or DER form: export it as a JWK",
            ),
            KeyMaterial::Ec(_) | KeyMaterial::Okp(_) => err(
                ErrorKind::InvalidArgument,
                "PKCS#1 is for RSA keys only: export an EC or OKP key as PKCS#8 or SPKI",
            ),
        }
    }
}

fn private_key(rsa: &RsaKey) -> Result<&rsa::PrivateKey> {
    rsa.private_key().ok_or_else(no_private_part)
}

fn no_private_part() -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        "this is a public key: it has no private part to export",
    )
}

/// The SEC1 uncompressed encoding `04 || x || y` of an EC key's point.
fn uncompressed_point(ec: &EcKey) -> Vec<u8> {
    let (x, y) = ec.coordinates();
    let mut point = Vec::with_capacity(1 + x.len() + y.len());
    point.push(0x04);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    point
}

fn ec_curve_oid(curve: Curve) -> ObjectIdentifier {
    EC_CURVE_OIDS
        .iter()
        .find(|(c, _)| *c == curve)
        .map_or(OID_EC_PUBLIC_KEY, |(_, oid)| *oid)
}

fn okp_oid(curve: OkpCurve) -> ObjectIdentifier {
    OKP_OIDS
        .iter()
        .find(|(c, _)| *c == curve)
        .map_or(OID_EC_PUBLIC_KEY, |(_, oid)| *oid)
}

fn secret_pem(doc: &SecretDocument, label: &'static str) -> Result<Zeroizing<String>> {
    doc.to_pem(label, LineEnding::LF).map_err(encode_error)
}

fn encode_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::KeyEncoding,
        format!("cannot encode the key: {e}"),
    )
}

fn encoding(message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::KeyEncoding, message)
}

/// The format named by a PEM label, and the DER bytes (zeroized on drop).
fn decode_pem(text: &str) -> Result<(Format, Zeroizing<Vec<u8>>)> {
    if text.len() > MAX_PEM_LEN {
        return Err(encoding(format!(
            "PEM text of {} bytes is over the limit of {MAX_PEM_LEN}",
            text.len()
        )));
    }
    // RFC 7468 allows explanatory text before the block; keep from the first boundary on.
    let Some(start) = text.find("-----BEGIN ") else {
        return Err(encoding("no PEM block (\"-----BEGIN ...-----\") found"));
    };
    let block = text.get(start..).unwrap_or_default().trim_end();
    if block.contains("Proc-Type:") || block.contains("DEK-Info:") {
        return Err(encoding(
            "legacy OpenSSL-encrypted PEM (Proc-Type/DEK-Info headers) is not supported: \
             convert it to encrypted PKCS#8 (openssl pkcs8 -topk8)",
        ));
    }
    let end_marker = "-----END ";
    if let Some(end) = block.find(end_marker) {
        let after_end = block
            .get(end + end_marker.len()..)
            .and_then(|rest| rest.find("-----").map(|i| end + end_marker.len() + i + 5));
        if after_end.is_some_and(|i| i < block.len()) {
            return Err(encoding("text after the PEM block: give one key per input"));
        }
    }
    let mut buf = Zeroizing::new(vec![0u8; block.len()]);
    let (label, len) = match pkcs8::der::pem::decode(block.as_bytes(), &mut buf) {
        Ok((label, der)) => (label, der.len()),
        Err(e) => return Err(encoding(format!("malformed PEM: {e}"))),
    };
    let format = match label {
        LABEL_PKCS8 => Format::Pkcs8,
        LABEL_PKCS8_ENCRYPTED => Format::Pkcs8Encrypted,
        LABEL_SPKI => Format::Spki,
        LABEL_PKCS1_PRIVATE => Format::Pkcs1Private,
        LABEL_PKCS1_PUBLIC => Format::Pkcs1Public,
        LABEL_SEC1 => Format::Sec1,
        other => {
            return Err(encoding(format!(
                "unsupported PEM type {:?}: expected PRIVATE KEY, ENCRYPTED PRIVATE KEY, \
                 PUBLIC KEY, EC PRIVATE KEY, RSA PRIVATE KEY or RSA PUBLIC KEY",
                crate::jwa::shorten(other)
            )));
        }
    };
    buf.truncate(len);
    if buf.len() > MAX_DER_LEN {
        return Err(encoding("the DER key is over the limit of 48 KiB"));
    }
    Ok((format, buf))
}

/// Reads DER of an unknown format: the first structure that parses decides.
fn from_der_detect(bytes: &[u8], password: Option<&[u8]>) -> Result<Jwk> {
    if bytes.len() > MAX_DER_LEN {
        return Err(encoding(format!(
            "DER input of {} bytes is over the limit of {MAX_DER_LEN}",
            bytes.len()
        )));
    }
    let format = if PrivateKeyInfoRef::from_der(bytes).is_ok() {
        Format::Pkcs8
    } else if EncryptedPrivateKeyInfoRef::from_der(bytes).is_ok() {
        Format::Pkcs8Encrypted
    } else if SubjectPublicKeyInfoRef::from_der(bytes).is_ok() {
        Format::Spki
    } else if sec1::EcPrivateKey::from_der(bytes).is_ok() {
        Format::Sec1
    } else if pkcs1::RsaPrivateKeyRef::from_der(bytes).is_ok() {
        Format::Pkcs1Private
    } else if pkcs1::RsaPublicKeyRef::from_der(bytes).is_ok() {
        Format::Pkcs1Public
    } else {
        return Err(encoding(
            "not a DER key: neither PKCS#8, encrypted PKCS#8, SubjectPublicKeyInfo, SEC1 nor \
             PKCS#1",
        ));
    };
    from_der_as(format, bytes, password)
}

/// Reads DER known to be of `format`.
fn from_der_as(format: Format, der: &[u8], password: Option<&[u8]>) -> Result<Jwk> {
    if der.len() > MAX_DER_LEN {
        return Err(encoding("the DER key is over the limit of 48 KiB"));
    }
    let malformed = |e: pkcs8::der::Error| encoding(format!("malformed {}: {e}", format.name()));
    let material = match format {
        Format::Pkcs8 => {
            let info = PrivateKeyInfoRef::from_der(der).map_err(malformed)?;
            pkcs8_private(&info)?
        }
        Format::Pkcs8Encrypted => {
            let Some(password) = password else {
                return Err(encoding(
                    "the key is encrypted (ENCRYPTED PRIVATE KEY): a password is needed",
                ));
            };
            let info = EncryptedPrivateKeyInfoRef::from_der(der).map_err(|e| {
                encoding(format!(
                    "cannot read the encrypted PKCS#8 key ({e}): jwcrypt reads PBES2 (PBKDF2 or \
                     scrypt with AES), not PBES1 or PKCS#12 schemes"
                ))
            })?;
            let plain = decrypt_pkcs8(&info, password)?;
            let info = PrivateKeyInfoRef::from_der(&plain).map_err(|_| {
                encoding("the decrypted data is not a PKCS#8 private key (wrong password?)")
            })?;
            pkcs8_private(&info)?
        }
        Format::Spki => {
            let info = SubjectPublicKeyInfoRef::from_der(der).map_err(malformed)?;
            let key = info.subject_public_key.as_bytes().ok_or_else(|| {
                encoding("the SubjectPublicKeyInfo key is not a whole number of bytes")
            })?;
            match key_algorithm(&info.algorithm)? {
                KeyAlgorithm::Rsa => KeyMaterial::Rsa(pkcs1_public(key)?),
                KeyAlgorithm::Ec(curve) => {
                    let (x, y) = split_point(curve, key)?;
                    KeyMaterial::Ec(Box::new(EcKey::from_raw(curve, Some((x, y)), None)?))
                }
                KeyAlgorithm::Okp(curve) => {
                    KeyMaterial::Okp(Box::new(OkpKey::from_raw(curve, Some(key), None)?))
                }
            }
        }
        Format::Pkcs1Private => KeyMaterial::Rsa(pkcs1_private(der)?),
        Format::Pkcs1Public => KeyMaterial::Rsa(pkcs1_public(der)?),
        Format::Sec1 => KeyMaterial::Ec(Box::new(sec1_private(der, None)?)),
    };
    Ok(Jwk::from_material(material))
}

/// The key algorithm of a PKCS#8 or SPKI algorithm identifier.
#[derive(Clone, Copy)]
enum KeyAlgorithm {
    Rsa,
    Ec(Curve),
    Okp(OkpCurve),
}

/// rsaEncryption (NULL or absent parameters), id-ecPublicKey with a named curve, or an
/// RFC 8410 curve (absent parameters).
fn key_algorithm(alg: &spki::AlgorithmIdentifierRef<'_>) -> Result<KeyAlgorithm> {
    if alg.oid == pkcs1::ALGORITHM_OID {
        check_rsa_algorithm(alg)?;
        return Ok(KeyAlgorithm::Rsa);
    }
    if alg.oid == OID_EC_PUBLIC_KEY {
        let curve_oid = alg.parameters_oid().map_err(|_| {
            encoding(
                "the id-ecPublicKey algorithm identifier must name the curve by OID \
                 (explicit curve parameters are not supported)",
            )
        })?;
        return ec_curve(curve_oid).map(KeyAlgorithm::Ec);
    }
    if let Some((curve, _)) = OKP_OIDS.iter().find(|(_, oid)| *oid == alg.oid) {
        if alg.parameters.is_some() {
            return Err(encoding(format!(
                "the {} algorithm identifier must have no parameters (RFC 8410)",
                curve.name()
            )));
        }
        return Ok(KeyAlgorithm::Okp(*curve));
    }
    Err(encoding(format!(
        "unsupported key algorithm {} (supported: RSA 1.2.840.113549.1.1.1, EC \
         1.2.840.10045.2.1, Ed25519, Ed448, X25519, X448 of RFC 8410)",
        alg.oid
    )))
}

fn ec_curve(oid: ObjectIdentifier) -> Result<Curve> {
    EC_CURVE_OIDS
        .iter()
        .find(|(_, o)| *o == oid)
        .map(|(c, _)| *c)
        .ok_or_else(|| {
            encoding(format!(
                "unsupported EC curve {oid} (supported: P-256, P-384, P-521, secp256k1)"
            ))
        })
}

/// The coordinates of a SEC1 uncompressed point `04 || x || y` on `curve`.
fn split_point(curve: Curve, point: &[u8]) -> Result<(&[u8], &[u8])> {
    let len = curve.coordinate_len();
    match point.split_first() {
        Some((0x04, xy)) if xy.len() == 2 * len => Ok(xy.split_at(len)),
        Some((0x02 | 0x03, _)) => Err(encoding(
            "compressed EC points are not supported: convert the key with \
             openssl ec -conv_form uncompressed",
        )),
        _ => Err(Error::new(
            ErrorKind::InvalidKey,
            format!(
                "the EC public key is not an uncompressed {} point of {} bytes",
                curve.name(),
                2 * len + 1
            ),
        )),
    }
}

/// The key of a `PrivateKeyInfo` (plain, or decrypted).
fn pkcs8_private(info: &PrivateKeyInfoRef<'_>) -> Result<KeyMaterial> {
    let key = info.private_key.as_bytes();
    let public = info
        .public_key
        .as_ref()
        .map(|p| {
            p.as_bytes()
                .ok_or_else(|| encoding("the PKCS#8 public key is not a whole number of bytes"))
        })
        .transpose()?;
    Ok(match key_algorithm(&info.algorithm)? {
        KeyAlgorithm::Rsa => KeyMaterial::Rsa(pkcs1_private(key)?),
        KeyAlgorithm::Ec(curve) => KeyMaterial::Ec(Box::new(sec1_private(key, Some(curve))?)),
        KeyAlgorithm::Okp(curve) => {
            // RFC 8410 §7: the privateKey OCTET STRING holds CurvePrivateKey ::= OCTET STRING.
            let d = <&OctetStringRef>::from_der(key)
                .map_err(|e| encoding(format!("malformed RFC 8410 private key: {e}")))?;
            KeyMaterial::Okp(Box::new(OkpKey::from_raw(
                curve,
                public,
                Some(d.as_bytes()),
            )?))
        }
    })
}

/// A SEC1 `ECPrivateKey`: within PKCS#8 (`outer` is the curve of the algorithm identifier;
/// its own parameters, if any, must agree) or alone (its parameters name the curve).
fn sec1_private(der: &[u8], outer: Option<Curve>) -> Result<EcKey> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(|e| {
        encoding(format!(
            "malformed SEC1 EC private key ({e}): jwcrypt reads keys on a named curve, not \
             with explicit curve parameters"
        ))
    })?;
    let inner = key
        .parameters
        .and_then(sec1::EcParameters::named_curve)
        .map(ec_curve)
        .transpose()?;
    let curve = match (outer, inner) {
        (Some(a), Some(b)) if a != b => {
            return Err(encoding(
                "the EC private key's curve differs from its algorithm identifier's",
            ));
        }
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) => {
            return Err(encoding("the SEC1 EC private key does not name its curve"));
        }
    };
    let point = key.public_key.map(|p| split_point(curve, p)).transpose()?;
    // SEC1 writes d as an octet string of the order's length; RFC 5915 §3 says so too.
    EcKey::from_raw(curve, point, Some(key.private_key))
}

/// rsaEncryption must have NULL or absent parameters.
fn check_rsa_algorithm(alg: &spki::AlgorithmIdentifierRef<'_>) -> Result<()> {
    match alg.parameters {
        None => Ok(()),
        Some(p) if p == AnyRef::NULL => Ok(()),
        Some(_) => Err(encoding(
            "the rsaEncryption algorithm identifier must have NULL parameters",
        )),
    }
}

fn pkcs1_private(der: &[u8]) -> Result<RsaKey> {
    let key = pkcs1::RsaPrivateKeyRef::from_der(der)
        .map_err(|e| encoding(format!("malformed PKCS#1 RSA private key: {e}")))?;
    if key.version() != pkcs1::Version::TwoPrime || key.other_prime_infos.is_some() {
        return err(
            ErrorKind::InvalidKey,
            "multi-prime RSA keys are not supported",
        );
    }
    RsaKey::from_components(
        key.modulus.as_bytes(),
        key.public_exponent.as_bytes(),
        Some(PrivateComponents {
            d: key.private_exponent.as_bytes(),
            crt: Some([
                key.prime1.as_bytes(),
                key.prime2.as_bytes(),
                key.exponent1.as_bytes(),
                key.exponent2.as_bytes(),
                key.coefficient.as_bytes(),
            ]),
        }),
    )
}

fn pkcs1_public(der: &[u8]) -> Result<RsaKey> {
    let key = pkcs1::RsaPublicKeyRef::from_der(der)
        .map_err(|e| encoding(format!("malformed PKCS#1 RSA public key: {e}")))?;
    RsaKey::from_components(key.modulus.as_bytes(), key.public_exponent.as_bytes(), None)
}

/// Decrypts an `EncryptedPrivateKeyInfo` after bounding the key-derivation cost.
fn decrypt_pkcs8(
    info: &EncryptedPrivateKeyInfoRef<'_>,
    password: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let pkcs5::EncryptionScheme::Pbes2(params) = &info.encryption_algorithm else {
        return Err(encoding(
            "PBES1 encryption is not supported: use PBES2 (openssl pkcs8 -topk8 -v2 aes-256-cbc)",
        ));
    };
    check_kdf_cost(&params.kdf)?;
    let mut buf = Zeroizing::new(info.encrypted_data.as_bytes().to_vec());
    let len = match params.decrypt_in_place(password, &mut buf) {
        Ok(plain) => plain.len(),
        Err(
            pkcs5::Error::UnsupportedAlgorithm { .. }
            | pkcs5::Error::AlgorithmParametersInvalid { .. },
        ) => {
            return Err(encoding(
                "unsupported PBES2 parameters (jwcrypt reads PBKDF2 with HMAC-SHA-2 or scrypt, \
                 and AES-CBC or AES-GCM)",
            ));
        }
        Err(_) => {
            return Err(encoding(
                "the encrypted key could not be decrypted (wrong password?)",
            ));
        }
    };
    buf.truncate(len);
    Ok(buf)
}

fn check_kdf_cost(kdf: &pbes2::Kdf) -> Result<()> {
    match kdf {
        pbes2::Kdf::Pbkdf2(p) => {
            if p.iteration_count > PBKDF2_MAX_ITERATIONS {
                return Err(encoding(format!(
                    "PBKDF2 iteration count {} is over the limit of {PBKDF2_MAX_ITERATIONS}",
                    p.iteration_count
                )));
            }
        }
        pbes2::Kdf::Scrypt(s) => {
            let n = s.cost_parameter;
            let r = u64::from(s.block_size);
            let p = u64::from(s.parallelization);
            let memory = n.saturating_add(p).saturating_mul(r).saturating_mul(128);
            let work = n.saturating_mul(r).saturating_mul(p);
            if memory > SCRYPT_MAX_MEMORY || work > SCRYPT_MAX_WORK {
                return Err(encoding(format!(
                    "scrypt parameters N={n}, r={r}, p={p} are over jwcrypt's limits \
                     (128·r·(N+p) bytes at most 48 MiB, N·r·p at most 2^20)"
                )));
            }
        }
        _ => return Err(encoding("unsupported PBES2 key derivation function")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrypt(log_n: u8, r: u32, p: u32) -> pbes2::Kdf {
        let params = pkcs5::scrypt::Params::new(log_n, r, p).unwrap();
        pbes2::ScryptParams::from_params_and_salt(params, &[1u8; 16])
            .unwrap()
            .into()
    }

    #[test]
    fn scrypt_and_pbkdf2_bounds() {
        let salt = [1u8; 16];
        let pbkdf2 = |n| pbes2::Kdf::Pbkdf2(pbes2::Pbkdf2Params::hmac_sha256(n, &salt).unwrap());
        assert!(check_kdf_cost(&pbkdf2(PBKDF2_EXPORT_ITERATIONS)).is_ok());
        assert!(check_kdf_cost(&pbkdf2(PBKDF2_MAX_ITERATIONS)).is_ok());
        for n in [PBKDF2_MAX_ITERATIONS + 1, 5_000_000] {
            assert_eq!(
                check_kdf_cost(&pbkdf2(n)).unwrap_err().kind(),
                ErrorKind::KeyEncoding
            );
        }
        // The worst accepted: 32 MiB of memory at N·r·p = 2^20, the largest p (65,535) at
        // N·r·p = 2^20; OpenSSL's default (N = 2^14, r = 8, p = 1) and the crate's.
        for (log_n, r, p) in [
            (18, 1, 4),
            (17, 2, 4),
            (14, 8, 8),
            (4, 1, 65_535),
            (14, 8, 1),
            (17, 1, 1),
        ] {
            assert!(
                check_kdf_cost(&scrypt(log_n, r, p)).is_ok(),
                "{log_n} {r} {p}"
            );
        }
        // Over: the old bound (N = 2^21, 256 MiB), memory (N·r = 2^19), work, and memory
        // of a large r·p (its buffer is 128·r·p bytes).
        for (log_n, r, p) in [
            (21, 1, 2),
            (19, 1, 1),
            (18, 1, 5),
            (17, 8, 1),
            (14, 8, 9),
            (5, 1, 65_535),
            (1, 256, 2048),
        ] {
            assert_eq!(
                check_kdf_cost(&scrypt(log_n, r, p)).unwrap_err().kind(),
                ErrorKind::KeyEncoding,
                "{log_n} {r} {p}"
            );
        }
    }
}
