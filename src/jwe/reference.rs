//! The JWE decryption as it was before the protected header was read in one typed pass:
//! kept for the differential tests only.

use super::*;

impl Decrypter {
    /// [`Decrypter::decrypt_json`] through the joined-map path.
    pub(crate) fn decrypt_json_reference(&self, text: &str) -> Result<Decrypted> {
        self.check_config()?;
        self.check_len(text)?;
        let mut obj = json::parse_object(
            text.as_bytes(),
            self.limits.max_token_len,
            self.limits.max_json_depth,
        )?;
        let parts = parse_json(&mut obj, &self.limits)?;
        self.decrypt_parts_reference(parts)
    }

    /// [`Decrypter::decrypt_compact`] through the joined-map path.
    pub(crate) fn decrypt_compact_reference(&self, token: &str) -> Result<Decrypted> {
        self.check_config()?;
        self.check_len(token)?;
        const FIVE_PARTS: &str = "a compact JWE has exactly five parts";
        // The ciphertext, by far the longest part, is not searched for dots here: the first
        // three dots are near the start and the last one just before the tag. A dot inside
        // the ciphertext makes its base64url decoding fail; whenever decryption fails, the
        // token's structure is checked first, so a token with other than five parts is
        // reported as such, as if it had been counted up front.
        let mut head = token.splitn(4, '.');
        let (Some(protected_b64), Some(ek), Some(iv), Some(rest)) =
            (head.next(), head.next(), head.next(), head.next())
        else {
            return Err(malformed(FIVE_PARTS));
        };
        let Some((ciphertext, tag)) = rest.rsplit_once('.') else {
            return Err(malformed(FIVE_PARTS));
        };
        let [protected_b64, ek, iv, ciphertext, tag] =
            [protected_b64, ek, iv, ciphertext, tag].map(Cow::Borrowed);
        let result = self.decrypt_parts_reference(Parts {
            protected_b64,
            unprotected: None,
            recipients: vec![Recipient {
                header: None,
                encrypted_key: ek,
            }],
            iv,
            ciphertext,
            tag,
            aad: None,
        });
        // Success means the ciphertext decoded, so it holds no dot: exactly five parts.
        if result.is_err() && token.split('.').nth(5).is_some() {
            return Err(malformed(FIVE_PARTS));
        }
        result
    }

    fn decrypt_parts_reference(&self, parts: Parts<'_>) -> Result<Decrypted> {
        let protected = decode_protected(&parts.protected_b64, &self.limits)?;
        let empty = Object::new();
        let unprotected = parts.unprotected.as_ref().unwrap_or(&empty);
        // enc and zip only in the protected header.
        for name in ["enc", "zip"] {
            let elsewhere = unprotected.contains_key(name)
                || parts
                    .recipients
                    .iter()
                    .any(|r| r.header.as_ref().is_some_and(|h| h.contains_key(name)));
            if elsewhere {
                return err(
                    ErrorKind::InvalidHeader,
                    format!("{name:?} must be in the protected header"),
                );
            }
        }
        let enc: ContentEncryptionAlg = match protected.get("enc") {
            Some(Value::String(s)) => s.parse()?,
            Some(_) => return err(ErrorKind::InvalidHeader, "\"enc\" must be a string"),
            None => {
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
        let zip = match protected.get("zip") {
            None => false,
            Some(Value::String(s)) if s == "DEF" => true,
            Some(_) => {
                return err(
                    ErrorKind::UnsupportedAlgorithm,
                    "the only supported \"zip\" is \"DEF\"",
                );
            }
        };

        // Read each recipient's header; keep those whose alg we accept.
        let mut usable: Vec<(usize, JweHeader)> = Vec::with_capacity(parts.recipients.len());
        let mut first_error: Option<Error> = None;
        let count = parts.recipients.len();
        // The protected header, moved (not copied) into the last recipient's header when
        // nothing else joins it (always so for the compact serialization).
        let mut protected = Some(protected);
        for (i, r) in parts.recipients.iter().enumerate() {
            let own = r.header.as_ref().unwrap_or(&empty);
            let p = protected
                .as_ref()
                .ok_or_else(|| malformed("no protected header"))?;
            let joined = if unprotected.is_empty() && own.is_empty() {
                check_crit(p, &[unprotected, own], p, JWE_REGISTERED, UNDERSTOOD)?;
                if i + 1 == count {
                    protected.take().unwrap_or_default()
                } else {
                    p.clone()
                }
            } else {
                let joined = disjoint_union([p, unprotected, own])?;
                check_crit(p, &[unprotected, own], &joined, JWE_REGISTERED, UNDERSTOOD)?;
                joined
            };
            let alg = match joined.get("alg") {
                Some(Value::String(s)) => s.parse::<KeyManagementAlg>(),
                Some(_) => return err(ErrorKind::InvalidHeader, "\"alg\" must be a string"),
                None => return err(ErrorKind::InvalidHeader, "\"alg\" is missing"),
            };
            let alg = match alg {
                Ok(a) if self.algs.contains(&a) => a,
                Ok(a) => {
                    first_error.get_or_insert_with(|| {
                        Error::new(
                            ErrorKind::AlgorithmNotAllowed,
                            format!("key management algorithm {a} is not allowed"),
                        )
                    });
                    continue;
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            let header = JweHeader::from_joined(joined, alg, enc, zip)?;
            usable.push((i, header));
        }
        if usable.is_empty() {
            return Err(first_error.unwrap_or_else(|| malformed("no recipient")));
        }
        // Recipients whose kid names one of our keys first.
        let keys = &self.keys;
        let kid_matches = |h: &JweHeader| {
            h.kid()
                .is_some_and(|kid| keys.as_slice().iter().any(|k| k.kid() == Some(kid)))
        };
        if usable.len() > 1 {
            usable.sort_by_key(|(_, h)| !kid_matches(h));
        }

        let iv = decode_part(&parts.iv, "the IV is not base64url")?;
        let tag = decode_part(&parts.tag, "the tag is not base64url")?;
        let aad_bytes = match &parts.aad {
            Some(a) => Some(decode_part(a, "the aad is not base64url")?),
            None => None,
        };
        let aad_parts: [&[u8]; 3] = [
            parts.protected_b64.as_bytes(),
            b".",
            parts.aad.as_deref().unwrap_or_default().as_bytes(),
        ];
        let aad = match parts.aad {
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
        for (i, header) in usable {
            let Some(r) = parts.recipients.get(i) else {
                continue;
            };
            let ek = decode_part(&r.encrypted_key, "the encrypted key is not base64url")?;
            let mut found = None;
            let candidates = match keys.select(header.kid(), &header.alg(), |key| {
                crypto::check_key(key, header.alg(), Some(enc), true)
            }) {
                Ok(c) => c,
                Err(e) => {
                    key_error.get_or_insert(e);
                    continue;
                }
            };
            for (_, key) in candidates.iter() {
                if attempts == MAX_ATTEMPTS {
                    return Err(Error::decryption());
                }
                attempts += 1;
                tried = true;
                let Ok(cek) = crypto::unwrap_cek(key, header.alg(), enc, &ek, header.to_object())
                else {
                    continue;
                };
                let ct = match ciphertext.take() {
                    Some(ct) => ct,
                    None => decode_part(&parts.ciphertext, "the ciphertext is not base64url")?,
                };
                let Ok(plaintext) = crypto::decrypt_content(enc, &cek, &iv, aad, ct, &tag) else {
                    continue;
                };
                found = Some(plaintext);
                break;
            }
            if let Some(plaintext) = found {
                let plaintext = if zip {
                    deflate::inflate(&plaintext, self.limits.max_decompressed_len)?
                } else {
                    plaintext
                };
                return Ok(Decrypted {
                    header,
                    plaintext,
                    aad: aad_bytes,
                    recipient_index: i,
                });
            }
        }
        if tried {
            Err(Error::decryption())
        } else {
            Err(key_error
                .unwrap_or_else(|| Error::new(ErrorKind::KeyNotFound, "no key fits the token")))
        }
    }
}
