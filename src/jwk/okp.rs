//! The JWK members of OKP keys (RFC 8037 §2: `crv`, `x`, `d`): Ed25519 and Ed448 for
//! signatures, X25519 and X448 for ECDH-ES key agreement, read into the primitives'
//! validated key types and written back.
//!
//! Import checks, in `jwa::eddsa` and `jwa::ecdh`: `x` (and `d`) exactly the curve's length,
//! canonical, not of small order; `d` gives `x`.

use zeroize::Zeroizing;

use super::ec::take_public;
use super::members::{take_b64_secret, take_str};
use crate::b64;
use crate::error::{Error, ErrorKind, Result};
use crate::json::Object;
use crate::jwa;
use crate::jwa::ecdh::{XCurve, XPrivateKey, XPublicKey};
use crate::jwa::eddsa::{EdCurve, EdPrivateKey, EdPublicKey};
use crate::secret::Secret;

/// An OKP curve (`crv`): a signature curve or a key agreement curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OkpCurve {
    Ed(EdCurve),
    X(XCurve),
}

impl OkpCurve {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        EdCurve::from_name(name)
            .map(Self::Ed)
            .or_else(|| XCurve::from_name(name).map(Self::X))
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Ed(c) => c.name(),
            Self::X(c) => c.name(),
        }
    }

    /// The key length in bits (the encoded public key).
    pub(crate) fn bits(self) -> usize {
        match self {
            Self::Ed(c) => c.key_len() * 8,
            Self::X(c) => c.key_len() * 8,
        }
    }
}

/// An OKP key: public part, and the private part when there is one. An X25519/X448 private
/// key keeps its `d` as given (the primitive stores it clamped), so export gives it back
/// unchanged.
#[derive(Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per key, already behind the Jwk's box: a second box buys nothing"
)]
pub(crate) enum OkpKey {
    Ed {
        public: EdPublicKey,
        private: Option<EdPrivateKey>,
    },
    X {
        public: XPublicKey,
        private: Option<(XPrivateKey, Secret)>,
    },
}

impl PartialEq for OkpKey {
    fn eq(&self, other: &Self) -> bool {
        self.public_bytes() == other.public_bytes()
            && self.curve() == other.curve()
            && match (self.private_bytes(), other.private_bytes()) {
                (None, None) => true,
                (Some(a), Some(b)) => bool::from(subtle::ConstantTimeEq::ct_eq(&a[..], &b[..])),
                _ => false,
            }
    }
}

impl OkpKey {
    /// A fresh private key on `curve`.
    pub(crate) fn generate(curve: OkpCurve) -> Result<Self> {
        Ok(match curve {
            OkpCurve::Ed(c) => {
                let private = EdPrivateKey::generate(c)?;
                Self::Ed {
                    public: private.public_key(),
                    private: Some(private),
                }
            }
            OkpCurve::X(c) => {
                let private = XPrivateKey::generate(c)?;
                let d = Secret::from_slice(&private.to_bytes());
                Self::X {
                    public: private.public_key(),
                    private: Some((private, d)),
                }
            }
        })
    }

    /// Takes the OKP members out of a JWK object and checks them.
    pub(crate) fn from_object(obj: &mut Object) -> Result<Self> {
        let crv = take_str(obj, "crv")?
            .ok_or_else(|| Error::new(ErrorKind::InvalidKey, "missing member \"crv\""))?;
        let curve = OkpCurve::from_name(&crv).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                format!("unsupported OKP curve {:?}", jwa::shorten(&crv)),
            )
        })?;
        let x = take_public(obj, "x")?
            .ok_or_else(|| Error::new(ErrorKind::InvalidKey, "missing member \"x\""))?;
        let d = take_b64_secret(obj, "d")?;
        Self::from_raw(curve, Some(&x), d.as_deref().map(|d| &d[..]))
    }

    /// The key of a curve's raw parts, as JWK members and PEM/DER give them: the public key
    /// `x` and/or the private key `d`. `x` is checked (length, canonical, not of small
    /// order); with both, `d` must give `x`; with `d` alone, `x` is derived from it.
    pub(crate) fn from_raw(curve: OkpCurve, x: Option<&[u8]>, d: Option<&[u8]>) -> Result<Self> {
        if x.is_none() && d.is_none() {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "an OKP key needs its public key x or its private key d",
            ));
        }
        Ok(match curve {
            OkpCurve::Ed(c) => {
                let checked = x.map(|x| EdPublicKey::from_bytes(c, x)).transpose()?;
                let private = d.map(|d| EdPrivateKey::from_seed(c, d, x)).transpose()?;
                let public = match (checked, &private) {
                    (Some(p), _) => p,
                    (None, Some(k)) => k.public_key(),
                    (None, None) => return Err(Error::new(ErrorKind::InvalidKey, "no key")),
                };
                Self::Ed { public, private }
            }
            OkpCurve::X(c) => {
                let checked = x.map(|x| XPublicKey::from_bytes(c, x)).transpose()?;
                let private = d
                    .map(|d| XPrivateKey::from_bytes(c, d, x).map(|k| (k, Secret::from_slice(d))))
                    .transpose()?;
                let public = match (checked, &private) {
                    (Some(p), _) => p,
                    (None, Some((k, _))) => k.public_key(),
                    (None, None) => return Err(Error::new(ErrorKind::InvalidKey, "no key")),
                };
                Self::X { public, private }
            }
        })
    }

    /// Writes `crv`, `x`, and with `private` also `d`, into `obj`.
    pub(crate) fn write_members(&self, obj: &mut Object, private: bool) {
        obj.insert("crv".into(), self.curve().name().into());
        obj.insert("x".into(), b64::encode(&self.public_bytes()).into());
        if private && let Some(d) = self.private_bytes() {
            obj.insert("d".into(), Zeroizing::new(b64::encode(&d)).as_str().into());
        }
    }

    /// The canonical JSON of RFC 7638 §3.2 for OKP (RFC 8037 §2): `crv`, `kty`, `x`.
    pub(crate) fn thumbprint_input(&self) -> String {
        format!(
            r#"{{"crv":"{}","kty":"OKP","x":"{}"}}"#,
            self.curve().name(),
            b64::encode(&self.public_bytes())
        )
    }

    pub(crate) fn curve(&self) -> OkpCurve {
        match self {
            Self::Ed { public, .. } => OkpCurve::Ed(public.curve()),
            Self::X { public, .. } => OkpCurve::X(public.curve()),
        }
    }

    pub(crate) fn public_bytes(&self) -> Vec<u8> {
        match self {
            Self::Ed { public, .. } => public.to_bytes(),
            Self::X { public, .. } => public.to_bytes(),
        }
    }

    /// The private key `d` as given (the seed for Ed25519/Ed448), for a private key.
    pub(crate) fn private_bytes(&self) -> Option<Zeroizing<Vec<u8>>> {
        match self {
            Self::Ed { private, .. } => private.as_ref().map(EdPrivateKey::seed),
            Self::X { private, .. } => private
                .as_ref()
                .map(|(_, d)| Zeroizing::new(d.expose_secret().to_vec())),
        }
    }

    pub(crate) fn is_private(&self) -> bool {
        match self {
            Self::Ed { private, .. } => private.is_some(),
            Self::X { private, .. } => private.is_some(),
        }
    }

    pub(crate) fn to_public(&self) -> Self {
        match self {
            Self::Ed { public, .. } => Self::Ed {
                public: public.clone(),
                private: None,
            },
            Self::X { public, .. } => Self::X {
                public: public.clone(),
                private: None,
            },
        }
    }

    /// The signature keys of an Ed25519/Ed448 key.
    pub(crate) fn ed(&self) -> Option<(&EdPublicKey, Option<&EdPrivateKey>)> {
        match self {
            Self::Ed { public, private } => Some((public, private.as_ref())),
            Self::X { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Jwk;
    use crate::jwa::HashAlg;

    /// RFC 8037 A.1-A.3: the Ed25519 key imports, its public part and thumbprint.
    #[test]
    fn rfc8037_ed25519_key() {
        let private = Jwk::from_json(
            r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
        )
        .unwrap();
        assert_eq!(
            private.thumbprint(HashAlg::Sha256).unwrap(),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
        let public = private.to_public().unwrap();
        assert_eq!(
            public.export_public().unwrap(),
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        );
        // A d that does not give x is refused.
        assert!(
            Jwk::from_json(
                r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2B","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
            )
            .is_err()
        );
    }

    #[test]
    fn generated_keys_round_trip() {
        for crv in ["Ed25519", "Ed448", "X25519", "X448"] {
            let k = Jwk::generate_okp(crv).unwrap();
            let back = Jwk::from_json(k.export_private().unwrap().as_bytes()).unwrap();
            assert_eq!(back, k, "{crv}");
            let public = Jwk::from_json(k.export_public().unwrap()).unwrap();
            assert_eq!(public, k.to_public().unwrap());
        }
        assert!(Jwk::generate_okp("Ed25518").is_err());
    }
}
