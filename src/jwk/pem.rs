//! PEM and DER import and export of RSA keys: PKCS#8 (plain and password-encrypted),
//! SubjectPublicKeyInfo (SPKI) and PKCS#1.
//!
//! Import parses the ASN.1 structure with the RustCrypto `pkcs8`/`spki`/`pkcs1` crates and
//! hands the integers to the same checks as JWK JSON import, so a PEM key is accepted exactly
//! when the same key written as a JWK would be. Export goes through the `rsa` crate's
//! encoders. Symmetric (`oct`) keys have no PEM or DER form.

use pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey, LineEnding};
use pkcs8::der::asn1::AnyRef;
use pkcs8::der::{Decode, SecretDocument};
use pkcs8::pkcs5::{self, pbes2};
use pkcs8::{EncodePrivateKey, EncodePublicKey, EncryptedPrivateKeyInfoRef, PrivateKeyInfoRef};
use spki::SubjectPublicKeyInfoRef;
use zeroize::Zeroizing;

use super::{Jwk, KeyMaterial};
use crate::error::{Error, ErrorKind, Result, err};
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
// CPU and 64 MiB of memory (issue 12; SECURITY.md, "Defaults, and why", gives the figures,
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

/// Which DER structure a document holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Pkcs8,
    Pkcs8Encrypted,
    Spki,
    Pkcs1Private,
    Pkcs1Public,
}

impl Format {
    const fn name(self) -> &'static str {
        match self {
            Self::Pkcs8 => "PKCS#8 private key",
            Self::Pkcs8Encrypted => "encrypted PKCS#8 private key",
            Self::Spki => "SubjectPublicKeyInfo public key",
            Self::Pkcs1Private => "PKCS#1 RSA private key",
            Self::Pkcs1Public => "PKCS#1 RSA public key",
        }
    }
}

impl Jwk {
    // ----- import -----

    /// Reads an RSA key from PEM text: `PRIVATE KEY` (PKCS#8), `RSA PRIVATE KEY` (PKCS#1),
    /// `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1). Text before the PEM block is
    /// ignored, as RFC 7468 allows.
    ///
    /// The key gets the same checks as a JWK read from JSON (modulus of 2048 to 16384 bits,
    /// odd exponent of at most 2^32 - 1, consistent private values) and no parameters
    /// (`kid`, `alg`, ...): set them with [`Jwk::with_kid`] and friends.
    ///
    /// ```
    /// use jwcrypt::Jwk;
    /// # let pem = Jwk::generate_rsa(2048)?.to_spki_pem()?;
    /// let key = Jwk::from_pem(&pem)?;
    /// assert!(!key.is_private());
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::KeyEncoding`] for text that is not one of these PEM documents, for an
    /// `ENCRYPTED PRIVATE KEY` (use [`Jwk::from_pem_with_password`]), for a key of another
    /// algorithm than RSA, or for text over 64 KiB; [`ErrorKind::InvalidKey`] for an RSA key
    /// that fails the checks.
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
    /// jwcrypt's bounds (more than 5,000,000 PBKDF2 iterations, scrypt over 256 MiB).
    pub fn from_pem_with_password(text: &str, password: &[u8]) -> Result<Self> {
        let (format, der) = decode_pem(text)?;
        from_der_as(format, &der, Some(password))
    }

    /// Reads an RSA key from DER bytes, trying in turn PKCS#8, SPKI, PKCS#1 private and
    /// PKCS#1 public.
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
        let rsa = self.rsa_for_export()?;
        rsa.public_key()
            .to_public_key_der()
            .map(|d| d.into_vec())
            .map_err(encode_error)
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
        private_key(self.rsa_for_export()?)?
            .to_pkcs8_der()
            .map_err(encode_error)
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
                "PEM and DER export of EC and OKP keys is not supported yet: export it as a JWK",
            ),
        }
    }
}

fn private_key(rsa: &RsaKey) -> Result<&rsa::PrivateKey> {
    rsa.private_key().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            "this is a public key: it has no private part to export",
        )
    })
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
        other => {
            return Err(encoding(format!(
                "unsupported PEM type {:?}: expected PRIVATE KEY, ENCRYPTED PRIVATE KEY, \
                 PUBLIC KEY, RSA PRIVATE KEY or RSA PUBLIC KEY",
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
    } else if pkcs1::RsaPrivateKeyRef::from_der(bytes).is_ok() {
        Format::Pkcs1Private
    } else if pkcs1::RsaPublicKeyRef::from_der(bytes).is_ok() {
        Format::Pkcs1Public
    } else {
        return Err(encoding(
            "not a DER key: neither PKCS#8, encrypted PKCS#8, SubjectPublicKeyInfo nor PKCS#1",
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
    let rsa = match format {
        Format::Pkcs8 => {
            let info = PrivateKeyInfoRef::from_der(der).map_err(malformed)?;
            check_rsa_algorithm(&info.algorithm)?;
            pkcs1_private(info.private_key.as_bytes())?
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
            check_rsa_algorithm(&info.algorithm)?;
            pkcs1_private(info.private_key.as_bytes())?
        }
        Format::Spki => {
            let info = SubjectPublicKeyInfoRef::from_der(der).map_err(malformed)?;
            check_rsa_algorithm(&info.algorithm)?;
            let key = info.subject_public_key.as_bytes().ok_or_else(|| {
                encoding("the SubjectPublicKeyInfo key is not a whole number of bytes")
            })?;
            pkcs1_public(key)?
        }
        Format::Pkcs1Private => pkcs1_private(der)?,
        Format::Pkcs1Public => pkcs1_public(der)?,
    };
    Ok(Jwk::from_material(KeyMaterial::Rsa(rsa)))
}

/// The algorithm must be rsaEncryption, with NULL or absent parameters.
fn check_rsa_algorithm(alg: &spki::AlgorithmIdentifierRef<'_>) -> Result<()> {
    if alg.oid != pkcs1::ALGORITHM_OID {
        return Err(encoding(format!(
            "unsupported key algorithm {} (only RSA, 1.2.840.113549.1.1.1, is supported)",
            alg.oid
        )));
    }
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
#[allow(clippy::unwrap_used)]
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
