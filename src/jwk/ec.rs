//! The JWK members of EC keys (RFC 7518 §6.2: `crv`, `x`, `y`, `d`), read into the
//! primitives' validated key types and written back.
//!
//! Import checks: `crv` is one of P-256, P-384, P-521, secp256k1 (RFC 8812); then, in the
//! primitives' key types (`jwa::ecdsa`), `x` and `y` are exactly the curve's coordinate
//! length (RFC 7518 §6.2.1.2-3: no shorter or zero-padded forms), reduced, and the point is
//! on the curve and not the identity; `d` is exactly that length, in 1..n-1, and gives `x`,
//! `y`.

use zeroize::Zeroizing;

use super::members::{take_b64_secret, take_str};
use crate::b64;
use crate::error::{Error, ErrorKind, Result};
use crate::json::Object;
use crate::jwa;
use crate::jwa::ecdsa::{Curve, EcPrivateKey, EcPublicKey};

/// An EC public key, with its private scalar when the key is private.
#[derive(Clone)]
pub(crate) struct EcKey {
    public: EcPublicKey,
    private: Option<EcPrivateKey>,
}

impl PartialEq for EcKey {
    fn eq(&self, other: &Self) -> bool {
        self.public == other.public
            && match (&self.private, &other.private) {
                (None, None) => true,
                (Some(a), Some(b)) => {
                    bool::from(subtle::ConstantTimeEq::ct_eq(&a.d()[..], &b.d()[..]))
                }
                _ => false,
            }
    }
}

impl EcKey {
    /// A fresh private key on `curve`.
    pub(crate) fn generate(curve: Curve) -> Result<Self> {
        let private = EcPrivateKey::generate(curve)?;
        Ok(Self {
            public: private.public_key(),
            private: Some(private),
        })
    }

    /// The key of a curve's raw parts, as PEM and DER give them: the affine coordinates
    /// (`x`, `y`) and/or the private scalar `d`, checked exactly as the JWK members are
    /// (with both, `d` must give the point; with `d` alone the point is derived).
    pub(crate) fn from_raw(
        curve: Curve,
        point: Option<(&[u8], &[u8])>,
        d: Option<&[u8]>,
    ) -> Result<Self> {
        match (point, d) {
            (Some((x, y)), d) => {
                let public = EcPublicKey::from_coordinates(curve, x, y)?;
                let private = match d {
                    Some(d) => Some(EcPrivateKey::from_d_checked(&public, d)?),
                    None => None,
                };
                Ok(Self { public, private })
            }
            (None, Some(d)) => {
                let private = EcPrivateKey::from_d(curve, d)?;
                Ok(Self {
                    public: private.public_key(),
                    private: Some(private),
                })
            }
            (None, None) => Err(Error::new(
                ErrorKind::InvalidKey,
                "an EC key needs its public point or its private scalar",
            )),
        }
    }

    /// The affine coordinates (x, y), each the curve's coordinate length.
    pub(crate) fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        self.public.coordinates()
    }

    /// The private scalar `d`, the curve's coordinate length, for a private key.
    pub(crate) fn d(&self) -> Option<Zeroizing<Vec<u8>>> {
        self.private.as_ref().map(EcPrivateKey::d)
    }

    /// Takes the EC members out of a JWK object and checks them.
    pub(crate) fn from_object(obj: &mut Object) -> Result<Self> {
        let crv = take_str(obj, "crv")?.ok_or_else(|| missing("crv"))?;
        let curve = Curve::from_name(&crv).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                format!("unsupported EC curve {:?}", jwa::shorten(&crv)),
            )
        })?;
        let x = take_public(obj, "x")?.ok_or_else(|| missing("x"))?;
        let y = take_public(obj, "y")?.ok_or_else(|| missing("y"))?;
        let public = EcPublicKey::from_coordinates(curve, &x, &y)?;
        let private = match take_b64_secret(obj, "d")? {
            Some(d) => Some(EcPrivateKey::from_d_checked(&public, &d)?),
            None => None,
        };
        Ok(Self { public, private })
    }

    /// Writes `crv`, `x`, `y`, and with `private` also `d`, into `obj`.
    pub(crate) fn write_members(&self, obj: &mut Object, private: bool) {
        let (x, y) = self.public.coordinates();
        obj.insert("crv".into(), self.curve().name().into());
        obj.insert("x".into(), b64::encode(&x).into());
        obj.insert("y".into(), b64::encode(&y).into());
        if private && let Some(d) = &self.private {
            let d = d.d();
            obj.insert("d".into(), Zeroizing::new(b64::encode(&d)).as_str().into());
        }
    }

    /// The canonical JSON of RFC 7638 §3.2: `crv`, `kty`, `x`, `y` in that order.
    pub(crate) fn thumbprint_input(&self) -> String {
        let (x, y) = self.public.coordinates();
        format!(
            r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
            self.curve().name(),
            b64::encode(&x),
            b64::encode(&y)
        )
    }

    pub(crate) fn curve(&self) -> Curve {
        self.public.curve()
    }

    pub(crate) fn public(&self) -> &EcPublicKey {
        &self.public
    }

    pub(crate) fn private(&self) -> Option<&EcPrivateKey> {
        self.private.as_ref()
    }

    pub(crate) fn is_private(&self) -> bool {
        self.private.is_some()
    }

    pub(crate) fn to_public(&self) -> Self {
        Self {
            public: self.public.clone(),
            private: None,
        }
    }
}

fn missing(name: &str) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("missing member {name:?}"))
}

/// Removes and decodes a base64url member holding public bytes.
pub(super) fn take_public(obj: &mut Object, name: &str) -> Result<Option<Vec<u8>>> {
    match take_str(obj, name)? {
        None => Ok(None),
        Some(s) => b64::decode(s.as_bytes()).map(Some).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                format!("member {name:?} is not valid base64url"),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::Jwk;

    /// RFC 7520 §3.1 and §3.2: the P-521 keys import, export the same members and give
    /// one thumbprint.
    #[test]
    fn rfc7520_p521_keys() {
        let public = Jwk::from_json(include_str!(
            "../../tests/data/rfc7520/jwk/3_1.ec_public_key.json"
        ))
        .unwrap();
        let private = Jwk::from_json(include_str!(
            "../../tests/data/rfc7520/jwk/3_2.ec_private_key.json"
        ))
        .unwrap();
        assert!(!public.is_private() && private.is_private());
        assert_eq!(private.to_public().unwrap(), public);
        let h = crate::jwa::HashAlg::Sha256;
        assert_eq!(
            public.thumbprint(h).unwrap(),
            private.thumbprint(h).unwrap()
        );
        let again = Jwk::from_json(private.export_private().unwrap().as_bytes()).unwrap();
        assert_eq!(again, private);
        assert_eq!(public.size_bits(), 521);
    }

    #[test]
    fn generated_keys_round_trip() {
        for crv in ["P-256", "P-384", "P-521", "secp256k1"] {
            let k = Jwk::generate_ec(crv).unwrap();
            let back = Jwk::from_json(k.export_private().unwrap().as_bytes()).unwrap();
            assert_eq!(back, k);
            let public = Jwk::from_json(k.export_public().unwrap()).unwrap();
            assert_eq!(public, k.to_public().unwrap());
        }
        assert!(Jwk::generate_ec("P-192").is_err());
    }
}
