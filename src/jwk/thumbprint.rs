//! JWK thumbprints (RFC 7638) and thumbprint URIs (RFC 9278).

use sha2::{Digest, Sha256, Sha384, Sha512};

use super::{Jwk, KeyMaterial};
use crate::b64;
use crate::error::Result;
use crate::jwa::HashAlg;
use zeroize::Zeroizing;

impl Jwk {
    /// The RFC 7638 thumbprint, base64url-encoded: the hash of the key's required members
    /// in lexicographic order, without white space.
    ///
    /// ```
    /// use jwcrypt::{Jwk, jwa::HashAlg};
    /// let jwk = Jwk::from_json(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#)?;
    /// assert_eq!(jwk.thumbprint(HashAlg::Sha256)?.len(), 43);
    /// # Ok::<(), jwcrypt::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidArgument`] for SHA-1, which RFC 7638 users should not pick.
    pub fn thumbprint(&self, hash: HashAlg) -> Result<String> {
        let input = self.thumbprint_input();
        let digest = match hash {
            HashAlg::Sha256 => Sha256::digest(input.as_bytes()).to_vec(),
            HashAlg::Sha384 => Sha384::digest(input.as_bytes()).to_vec(),
            HashAlg::Sha512 => Sha512::digest(input.as_bytes()).to_vec(),
            HashAlg::Sha1 => {
                return crate::error::err(
                    crate::ErrorKind::InvalidArgument,
                    "thumbprints use SHA-256, SHA-384 or SHA-512",
                );
            }
        };
        Ok(b64::encode(&digest))
    }

    /// The RFC 9278 thumbprint URI, e.g.
    /// `urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8...`.
    ///
    /// # Errors
    /// As [`Jwk::thumbprint`].
    pub fn thumbprint_uri(&self, hash: HashAlg) -> Result<String> {
        let name = match hash {
            HashAlg::Sha256 => "sha-256",
            HashAlg::Sha384 => "sha-384",
            HashAlg::Sha512 => "sha-512",
            HashAlg::Sha1 => "sha-1",
        };
        let t = self.thumbprint(hash)?;
        Ok(format!("urn:ietf:params:oauth:jwk-thumbprint:{name}:{t}"))
    }

    /// The canonical JSON of RFC 7638 §3.2 (base64url values need no escaping).
    fn thumbprint_input(&self) -> Zeroizing<String> {
        Zeroizing::new(match &self.material {
            KeyMaterial::Oct(k) => {
                format!(r#"{{"k":"{}","kty":"oct"}}"#, b64::encode(k.bytes()))
            }
            KeyMaterial::Rsa(r) => {
                let (n, e) = r.public_members();
                format!(
                    r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
                    b64::encode(&e),
                    b64::encode(&n)
                )
            }
            KeyMaterial::Ec(k) => k.thumbprint_input(),
            KeyMaterial::Okp(k) => k.thumbprint_input(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Jwk;
    use crate::jwa::HashAlg;

    /// RFC 8037 A.3 (Ed25519) and the RFC 9449 §6.1 DPoP `jkt` of its §4.1 P-256 key: from
    /// the JWK, from its public part, and from the key read back from SPKI and PKCS#8 PEM.
    #[test]
    fn ec_and_okp_vectors() {
        let cases = [
            (
                r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
                "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
            ),
            (
                r#"{"kty":"EC","x":"l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs","y":"9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA","crv":"P-256"}"#,
                "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
            ),
        ];
        for (json, expected) in cases {
            let key = Jwk::from_json(json).unwrap();
            assert_eq!(key.thumbprint(HashAlg::Sha256).unwrap(), expected);
            let public = key.to_public().unwrap();
            assert_eq!(public.thumbprint(HashAlg::Sha256).unwrap(), expected);
            let from_spki = Jwk::from_pem(&key.to_spki_pem().unwrap()).unwrap();
            assert_eq!(from_spki.thumbprint(HashAlg::Sha256).unwrap(), expected);
            if key.is_private() {
                let from_pkcs8 = Jwk::from_pem(&key.to_pkcs8_pem().unwrap()).unwrap();
                assert_eq!(from_pkcs8.thumbprint(HashAlg::Sha256).unwrap(), expected);
            }
            assert_eq!(
                key.thumbprint_uri(HashAlg::Sha256).unwrap(),
                format!("urn:ietf:params:oauth:jwk-thumbprint:sha-256:{expected}")
            );
        }
    }
}
