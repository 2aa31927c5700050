//! RSA key material (RFC 7518 §6.3): import with consistency checks, export, generation.
//!
//! All RSA big-number code of the crate goes through the `rsa` crate here and in
//! `jwa::rsa`, so the backend can be swapped in one place.

use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BoxedUint, RsaPrivateKey, RsaPublicKey};
use serde_json::Value;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::take_b64_secret;
use crate::b64;
use crate::error::{Error, ErrorKind, Result, err};
use crate::json::Object;

/// The smallest RSA modulus accepted, in bits (RFC 7518 §3.3, §4.2).
pub(crate) const MIN_MODULUS_BITS: usize = 2048;
/// The largest RSA modulus accepted, in bits.
pub(crate) const MAX_MODULUS_BITS: usize = 16384;

/// An RSA public or private key, checked when it was made.
#[derive(Clone, PartialEq)]
pub(crate) enum RsaKey {
    Public(Box<RsaPublicKey>),
    Private(Box<RsaPrivateKey>),
}

impl RsaKey {
    pub(crate) fn generate(bits: usize) -> Result<Self> {
        if !matches!(bits, 2048 | 3072 | 4096) {
            return err(
                ErrorKind::InvalidArgument,
                format!("RSA keys are generated with 2048, 3072 or 4096 bits, not {bits}"),
            );
        }
        let key = RsaPrivateKey::new(&mut crate::rng::os_rng(), bits)
            .map_err(|_| Error::new(ErrorKind::Crypto, "RSA key generation failed"))?;
        Ok(Self::Private(Box::new(key)))
    }

    /// Takes the RSA members out of a JWK object and checks them.
    pub(crate) fn from_object(obj: &mut Object) -> Result<Self> {
        if obj.contains_key("oth") {
            return err(
                ErrorKind::InvalidKey,
                "multi-prime RSA keys (\"oth\") are not supported",
            );
        }
        let n = take_uint(obj, "n")?.ok_or_else(|| missing("n"))?;
        let e = take_uint(obj, "e")?.ok_or_else(|| missing("e"))?;
        let public = check_public(n, e)?;
        let d = take_b64_secret(obj, "d")?;
        let crt: Vec<Option<Zeroizing<Vec<u8>>>> = ["p", "q", "dp", "dq", "qi"]
            .iter()
            .map(|name| take_b64_secret(obj, name))
            .collect::<Result<_>>()?;
        let Some(d) = d else {
            if crt.iter().any(Option::is_some) {
                return err(
                    ErrorKind::InvalidKey,
                    "an RSA key with CRT members must have \"d\"",
                );
            }
            return Ok(Self::Public(Box::new(public)));
        };
        let present = crt.iter().filter(|v| v.is_some()).count();
        if present != 0 && present != crt.len() {
            return err(
                ErrorKind::InvalidKey,
                "an RSA private key must have all of \"p\", \"q\", \"dp\", \"dq\", \"qi\" or none",
            );
        }
        let secret_uint = |bytes: &[u8]| BoxedUint::from_be_slice_vartime(bytes);
        let primes = match (crt.first(), crt.get(1)) {
            (Some(Some(p)), Some(Some(q))) => vec![secret_uint(p), secret_uint(q)],
            _ => Vec::new(),
        };
        let key = RsaPrivateKey::from_components(
            public.n().as_ref().clone(),
            public.e().clone(),
            secret_uint(&d),
            primes,
        )
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                "the RSA private key is inconsistent (n, e, d, p, q do not agree)",
            )
        })?;
        if present != 0 {
            check_crt(&key, &crt)?;
        }
        Ok(Self::Private(Box::new(key)))
    }

    pub(crate) fn write_members(&self, obj: &mut Object, private: bool) {
        let public = self.public_key();
        obj.insert("n".into(), b64::encode(&public.n_bytes()).into());
        obj.insert("e".into(), b64::encode(&public.e_bytes()).into());
        let Self::Private(key) = self else { return };
        if !private {
            return;
        }
        let put = |obj: &mut Object, name: &str, v: &BoxedUint| {
            let bytes = Zeroizing::new(v.to_be_bytes_trimmed_vartime());
            obj.insert(name.into(), Value::String(b64::encode(&bytes)));
        };
        put(obj, "d", key.d());
        if let (Some(p), Some(q)) = (key.primes().first(), key.primes().get(1)) {
            put(obj, "p", p.as_ref());
            put(obj, "q", q.as_ref());
            if let (Some(dp), Some(dq), Some(qi)) = (key.dp(), key.dq(), key.crt_coefficient()) {
                put(obj, "dp", dp);
                put(obj, "dq", dq);
                put(obj, "qi", &qi);
            }
        }
    }

    pub(crate) fn is_private(&self) -> bool {
        matches!(self, Self::Private(_))
    }

    pub(crate) fn public_key(&self) -> &RsaPublicKey {
        match self {
            Self::Public(k) => k,
            Self::Private(k) => k.as_public_key(),
        }
    }

    pub(crate) fn private_key(&self) -> Option<&RsaPrivateKey> {
        match self {
            Self::Public(_) => None,
            Self::Private(k) => Some(k),
        }
    }

    pub(crate) fn to_public(&self) -> Self {
        Self::Public(Box::new(self.public_key().clone()))
    }

    pub(crate) fn modulus_bits(&self) -> usize {
        self.public_key().n().bit_width_vartime() as usize
    }

    /// The trimmed big-endian `n` and `e`, for thumbprints.
    pub(crate) fn public_members(&self) -> (Box<[u8]>, Box<[u8]>) {
        let k = self.public_key();
        (k.n_bytes(), k.e_bytes())
    }
}

fn missing(name: &str) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("missing member {name:?}"))
}

fn take_uint(obj: &mut Object, name: &str) -> Result<Option<BoxedUint>> {
    match obj.remove(name) {
        None => Ok(None),
        Some(Value::String(s)) => {
            let bytes = b64::decode(s.as_bytes()).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    format!("member {name:?} is not valid base64url"),
                )
            })?;
            if bytes.len() > MAX_MODULUS_BITS / 8 + 1 {
                return err(
                    ErrorKind::InvalidKey,
                    format!("member {name:?} is too long"),
                );
            }
            Ok(Some(BoxedUint::from_be_slice_vartime(&bytes)))
        }
        Some(_) => err(ErrorKind::Json, format!("member {name:?} must be a string")),
    }
}

/// Public-key rules: modulus of 2048 to 16384 bits and odd; exponent odd, at least 3 and at
/// most 2^32 - 1.
pub(crate) fn check_public(n: BoxedUint, e: BoxedUint) -> Result<RsaPublicKey> {
    let bits = n.bit_width_vartime() as usize;
    if !(MIN_MODULUS_BITS..=MAX_MODULUS_BITS).contains(&bits) {
        return err(
            ErrorKind::InvalidKey,
            format!(
                "an RSA modulus of {bits} bits is outside {MIN_MODULUS_BITS}..={MAX_MODULUS_BITS}"
            ),
        );
    }
    if !is_odd(&n) {
        return err(ErrorKind::InvalidKey, "the RSA modulus is even");
    }
    if e.bit_width_vartime() > 32 || e < BoxedUint::from(3u32) || !is_odd(&e) {
        return err(
            ErrorKind::InvalidKey,
            "the RSA public exponent must be odd, at least 3 and at most 2^32 - 1",
        );
    }
    RsaPublicKey::new_with_size_limits(n, e, MIN_MODULUS_BITS..=MAX_MODULUS_BITS)
        .map_err(|_| Error::new(ErrorKind::InvalidKey, "the RSA public key is invalid"))
}

fn is_odd(v: &BoxedUint) -> bool {
    v.to_be_bytes().last().is_some_and(|b| b & 1 == 1)
}

/// The given `dp`, `dq`, `qi` must be the ones the primes and `d` give.
fn check_crt(key: &RsaPrivateKey, crt: &[Option<Zeroizing<Vec<u8>>>]) -> Result<()> {
    let computed = [
        key.dp()
            .map(|v| Zeroizing::new(v.to_be_bytes_trimmed_vartime())),
        key.dq()
            .map(|v| Zeroizing::new(v.to_be_bytes_trimmed_vartime())),
        key.crt_coefficient()
            .map(|v| Zeroizing::new(v.to_be_bytes_trimmed_vartime())),
    ];
    for (given, computed) in crt.iter().skip(2).zip(computed.iter()) {
        let (Some(given), Some(computed)) = (given, computed) else {
            return err(
                ErrorKind::InvalidKey,
                "the RSA CRT values could not be checked",
            );
        };
        let given = trim(given);
        if !bool::from(given.ct_eq(computed)) {
            return err(
                ErrorKind::InvalidKey,
                "the RSA private key is inconsistent (dp, dq or qi do not agree)",
            );
        }
    }
    Ok(())
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}
