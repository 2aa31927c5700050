//! Keys whose secret jwcrypt never holds (`jwk::SigningKey`, `jwk::DecryptionKey`): a test
//! double standing for an HSM or KMS key wraps a software key and counts its calls; it signs
//! through every JWS and JWT signing path, decrypts through the JWE decrypter (compact and
//! JSON) and the JWT reader, and what it makes is checked with the software keys. The
//! negative cases: an algorithm the double refuses, a signature of the wrong length or that
//! does not verify, and an unwrap failure, which must reach the caller as the one decryption
//! error.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jwcrypt::jwe::{Decrypter, Encrypter, JsonEncrypter};
use jwcrypt::jwk::{DecryptionKey, Keys, SigningKey};
use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Reader, TokenKind, Validation};
use jwcrypt::{
    ContentEncryptionAlg as E, Error, ErrorKind, Jwk, KeyManagementAlg as K, Result, SigningAlg,
};
use zeroize::Zeroizing;

/// What the double does wrong, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    None,
    /// Signatures one byte short.
    ShortSignature,
    /// Signatures of the right length with one bit flipped.
    BadSignature,
    /// Every unwrap and agreement fails (as a token's `CKR_ENCRYPTED_DATA_INVALID`).
    FailingDecryption,
}

/// A key "in an HSM": the software key stays inside, calls are counted.
struct Double {
    inner: Jwk,
    kid: Option<String>,
    refused: Vec<String>,
    fault: Fault,
    signs: AtomicUsize,
    unwraps: AtomicUsize,
    agreements: AtomicUsize,
}

impl Double {
    fn new(inner: Jwk) -> Self {
        Self {
            inner,
            kid: Some("hsm-1".into()),
            refused: Vec::new(),
            fault: Fault::None,
            signs: AtomicUsize::new(0),
            unwraps: AtomicUsize::new(0),
            agreements: AtomicUsize::new(0),
        }
    }

    fn refusing(mut self, alg: &str) -> Self {
        self.refused.push(alg.to_owned());
        self
    }

    fn with_fault(mut self, fault: Fault) -> Self {
        self.fault = fault;
        self
    }

    fn counts(&self) -> (usize, usize, usize) {
        (
            self.signs.load(Ordering::SeqCst),
            self.unwraps.load(Ordering::SeqCst),
            self.agreements.load(Ordering::SeqCst),
        )
    }

    fn refuse(&self, alg: &str) -> Result<()> {
        if self.refused.iter().any(|a| a == alg) {
            return Err(Error::new(
                ErrorKind::UnsupportedAlgorithm,
                format!("the token has no mechanism for {alg}"),
            ));
        }
        Ok(())
    }

    fn public(&self) -> Jwk {
        SigningKey::public_key(&self.inner).unwrap()
    }
}

impl SigningKey for Double {
    fn public_key(&self) -> Result<Jwk> {
        SigningKey::public_key(&self.inner)
    }

    fn check_alg(&self, alg: SigningAlg) -> Result<()> {
        self.refuse(alg.name())?;
        SigningKey::check_alg(&self.inner, alg)
    }

    fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn sign(&self, alg: SigningAlg, signing_input: &[u8]) -> Result<Vec<u8>> {
        self.signs.fetch_add(1, Ordering::SeqCst);
        let mut signature = SigningKey::sign(&self.inner, alg, signing_input)?;
        match self.fault {
            Fault::ShortSignature => {
                signature.pop();
            }
            Fault::BadSignature => {
                if let Some(b) = signature.last_mut() {
                    *b ^= 1;
                }
            }
            _ => {}
        }
        Ok(signature)
    }
}

impl DecryptionKey for Double {
    fn public_key(&self) -> Result<Jwk> {
        DecryptionKey::public_key(&self.inner)
    }

    fn check_alg(&self, alg: K) -> Result<()> {
        self.refuse(alg.name())?;
        DecryptionKey::check_alg(&self.inner, alg)
    }

    fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn unwrap_key(&self, alg: K, encrypted_key: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        self.unwraps.fetch_add(1, Ordering::SeqCst);
        if self.fault == Fault::FailingDecryption {
            return Err(Error::new(ErrorKind::Crypto, "CKR_ENCRYPTED_DATA_INVALID"));
        }
        DecryptionKey::unwrap_key(&self.inner, alg, encrypted_key)
    }

    fn agree(&self, alg: K, ephemeral: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        self.agreements.fetch_add(1, Ordering::SeqCst);
        if self.fault == Fault::FailingDecryption {
            return Err(Error::new(ErrorKind::Crypto, "CKR_KEY_HANDLE_INVALID"));
        }
        DecryptionKey::agree(&self.inner, alg, ephemeral)
    }
}

fn rsa() -> Jwk {
    crate::support::rsa_a().clone()
}

fn p256() -> Jwk {
    Jwk::generate_ec("P-256").unwrap()
}

fn claims() -> Claims {
    Claims::new()
        .issuer("hsm.example")
        .subject("alice")
        .expires_in(Duration::from_secs(600))
}

#[test]
fn compact_jws_signed_by_the_double_verifies_with_the_software_key() {
    for (inner, alg) in [
        (rsa(), SigningAlg::RS256),
        (rsa(), SigningAlg::PS384),
        (p256(), SigningAlg::ES256),
        (Jwk::generate_okp("Ed25519").unwrap(), SigningAlg::EdDSA),
        (
            Jwk::generate_for(SigningAlg::HS256).unwrap(),
            SigningAlg::HS256,
        ),
    ] {
        let double = Double::new(inner.clone());
        let token = jws::sign_compact(b"hello", &JwsHeader::new(alg), &double).unwrap();
        let verifier = Verifier::new(&inner, &[alg]).unwrap();
        let verified = verifier.verify_compact(&token).unwrap();
        assert_eq!(verified.payload(), b"hello", "{alg}");
        assert_eq!(
            verified.header().kid(),
            Some("hsm-1"),
            "{alg}: the double's kid"
        );
        assert_eq!(double.counts(), (1, 0, 0), "{alg}");
    }
}

#[test]
fn detached_jws_signed_by_the_double() {
    let inner = p256();
    let double = Double::new(inner.clone());
    let header = JwsHeader::new(SigningAlg::ES256).with_kid("named");
    let token = jws::sign_compact_detached(b"detached payload", &header, &double).unwrap();
    assert!(token.contains(".."));
    let verified = Verifier::new(double.public(), &[SigningAlg::ES256])
        .unwrap()
        .verify_compact_detached(&token, b"detached payload")
        .unwrap();
    assert_eq!(
        verified.header().kid(),
        Some("named"),
        "the header's kid is kept"
    );
    assert_eq!(double.counts(), (1, 0, 0));
}

#[test]
fn json_jws_flattened_and_general_signed_by_the_double() {
    let double = Double::new(rsa());
    let flattened = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::PS256), None, &double)
        .sign_flattened(b"flat")
        .unwrap();
    let verifier = Verifier::new(double.public(), &[SigningAlg::PS256]).unwrap();
    assert_eq!(verifier.verify_json(&flattened).unwrap().payload(), b"flat");
    assert_eq!(double.counts(), (1, 0, 0));

    // General: the double beside a software key, and beside another double.
    let hmac = Jwk::generate_for(SigningAlg::HS256).unwrap();
    let ec = Double::new(p256());
    let general = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::RS256), None, &double)
        .add_signature(&JwsHeader::new(SigningAlg::HS256), None, &hmac)
        .add_signature(&JwsHeader::new(SigningAlg::ES256), None, &ec)
        .sign_general(b"general")
        .unwrap();
    for (key, alg, index) in [
        (double.public(), SigningAlg::RS256, 0),
        (hmac.clone(), SigningAlg::HS256, 1),
        (ec.public(), SigningAlg::ES256, 2),
    ] {
        let verified = Verifier::new(&key, &[alg])
            .unwrap()
            .verify_json(&general)
            .unwrap();
        assert_eq!(verified.payload(), b"general");
        assert_eq!(verified.signature_index(), index);
    }
    assert_eq!(double.counts(), (2, 0, 0));
    assert_eq!(ec.counts(), (1, 0, 0));
}

#[test]
fn jwt_signed_by_the_double_and_read_back() {
    let double = Double::new(p256());
    let reader = Reader::builder(Validation::new().issuer("hsm.example"))
        .verify_with(double.public(), &[SigningAlg::ES256])
        .build()
        .unwrap();

    let token = jwt::signed(&claims(), &double, SigningAlg::ES256).unwrap();
    assert_eq!(reader.read(token.as_str()).unwrap().sub(), Some("alice"));

    let header = JwsHeader::new(SigningAlg::ES256).with_typ("at+jwt");
    let token = jwt::sign_claims(&claims(), &double, &header).unwrap();
    let read = reader.read_token(token.as_str()).unwrap();
    assert_eq!(read.jws_header().and_then(JwsHeader::kid), Some("hsm-1"));
    assert_eq!(read.jws_header().and_then(JwsHeader::typ), Some("at+jwt"));

    let token = jwt::sign_claims(
        &serde_json::json!({"iss": "hsm.example", "sub": "bob", "exp": 4_102_444_800u64}),
        &double,
        &JwsHeader::new(SigningAlg::ES256),
    )
    .unwrap();
    assert_eq!(reader.read(token.as_str()).unwrap().sub(), Some("bob"));
    assert_eq!(double.counts(), (3, 0, 0));
}

#[test]
fn jwe_rsa_oaep_256_decrypted_by_the_double_compact_and_json() {
    let inner = rsa();
    let double = Arc::new(Double::new(inner.clone()));
    let public = double.public();
    let decrypter = Decrypter::new(Arc::clone(&double), &[K::RsaOaep256], E::ALL).unwrap();

    let compact = Encrypter::new(&public, K::RsaOaep256, E::A256Gcm)
        .unwrap()
        .encrypt_compact(b"to the hsm")
        .unwrap();
    assert_eq!(
        decrypter.decrypt(&compact).unwrap().plaintext(),
        b"to the hsm"
    );
    assert_eq!(double.counts(), (0, 1, 0));

    let flattened = Encrypter::new(&public, K::RsaOaep256, E::A128CbcHs256)
        .unwrap()
        .encrypt_json(b"flattened", Some(b"aad"))
        .unwrap();
    let out = decrypter.decrypt(&flattened).unwrap();
    assert_eq!(
        (out.plaintext(), out.aad()),
        (&b"flattened"[..], Some(&b"aad"[..]))
    );
    assert_eq!(double.counts(), (0, 2, 0));

    // General JSON: a software recipient first, then the double (found by its kid).
    let other = Jwk::generate_for(K::A128KW).unwrap();
    let general = JsonEncrypter::new(E::A256Gcm)
        .add_recipient(&other, K::A128KW, None)
        .unwrap()
        .add_recipient(&public.clone().with_kid("hsm-1"), K::RsaOaep256, None)
        .unwrap()
        .encrypt(b"general", None)
        .unwrap();
    let out = decrypter.decrypt(&general).unwrap();
    assert_eq!(out.plaintext(), b"general");
    assert_eq!(out.recipient_index(), 1);
    assert_eq!(double.counts(), (0, 3, 0));

    // Each key with its own `alg`: the public half's.
    let own = Arc::new(Double::new(inner.clone().with_alg(K::RsaOaep256)));
    let by_own_alg = Decrypter::for_key_algs(Arc::clone(&own), E::ALL).unwrap();
    assert_eq!(
        by_own_alg.decrypt(&compact).unwrap().plaintext(),
        b"to the hsm"
    );
    assert_eq!(own.counts(), (0, 1, 0));
    let reader_token = jwt::encrypted(&claims(), &public, K::RsaOaep256, E::A256Gcm).unwrap();
    let reader = Reader::builder(Validation::new())
        .decrypt_with_key_algs(Arc::clone(&own), &[E::A256Gcm])
        .build()
        .unwrap();
    assert_eq!(reader.read(&reader_token).unwrap().sub(), Some("alice"));
    assert_eq!(own.counts(), (0, 2, 0));

    // The same token, decrypted by the software key, as a check of the test itself.
    let software = Decrypter::new(&inner, &[K::RsaOaep256], E::ALL).unwrap();
    assert_eq!(
        software.decrypt(&compact).unwrap().plaintext(),
        b"to the hsm"
    );
}

#[test]
fn jwe_ecdh_es_decrypted_by_the_double_compact_and_json() {
    for (inner, alg) in [
        (p256(), K::EcdhEsA256KW),
        (Jwk::generate_ec("P-384").unwrap(), K::EcdhEsA128KW),
        (Jwk::generate_okp("X25519").unwrap(), K::EcdhEsA256KW),
        (p256(), K::EcdhEs),
    ] {
        let double = Arc::new(Double::new(inner));
        let public = double.public();
        let decrypter = Decrypter::new(Arc::clone(&double), &[alg], E::ALL).unwrap();
        let encrypter = Encrypter::new(&public, alg, E::A256Gcm)
            .unwrap()
            .with_apu(b"Alice".to_vec())
            .unwrap();
        let compact = encrypter.encrypt_compact(b"agreed").unwrap();
        assert_eq!(
            decrypter.decrypt(&compact).unwrap().plaintext(),
            b"agreed",
            "{alg}"
        );
        let json = encrypter.encrypt_json(b"agreed too", None).unwrap();
        assert_eq!(
            decrypter.decrypt(&json).unwrap().plaintext(),
            b"agreed too",
            "{alg}"
        );
        assert_eq!(double.counts(), (0, 0, 2), "{alg}");
    }
}

#[test]
fn nested_jwt_signed_and_decrypted_by_doubles() {
    let signer = Double::new(rsa());
    let recipient = Arc::new(Double::new(p256()));
    let token = jwt::signed(&claims(), &signer, SigningAlg::PS256)
        .unwrap()
        .encrypt(&recipient.public(), K::EcdhEsA256KW, E::A256Gcm)
        .unwrap();
    let reader = Reader::builder(Validation::new().issuer("hsm.example"))
        .decrypt_with(Arc::clone(&recipient), &[K::EcdhEsA256KW], &[E::A256Gcm])
        .verify_with(signer.public(), &[SigningAlg::PS256])
        .build()
        .unwrap();
    let read = reader.read_token(&token).unwrap();
    assert_eq!(read.kind(), TokenKind::Nested);
    assert_eq!(read.claims().sub(), Some("alice"));
    assert_eq!(signer.counts(), (1, 0, 0));
    assert_eq!(recipient.counts(), (0, 0, 1));

    // An encrypted (unsigned) JWT to an RSA double.
    let rsa_recipient = Arc::new(Double::new(rsa()));
    let token = jwt::encrypted(&claims(), &rsa_recipient.public(), K::RsaOaep, E::A128Gcm).unwrap();
    let reader = Reader::builder(Validation::new())
        .decrypt_with(Arc::clone(&rsa_recipient), &[K::RsaOaep], &[E::A128Gcm])
        .build()
        .unwrap();
    assert_eq!(reader.read(&token).unwrap().sub(), Some("alice"));
    assert_eq!(rsa_recipient.counts(), (0, 1, 0));
}

#[test]
fn an_algorithm_the_double_refuses_is_an_error_before_any_signing() {
    let double = Double::new(rsa()).refusing("PS256");
    let e = jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::PS256), &double).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnsupportedAlgorithm);
    assert!(e.message().contains("PS256"), "{e}");
    let e = jwt::signed(&claims(), &double, SigningAlg::PS256).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnsupportedAlgorithm);
    let e = JsonSigner::new()
        .add_signature(&JwsHeader::new(SigningAlg::PS256), None, &double)
        .sign_general(b"x")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnsupportedAlgorithm);
    // An algorithm of another key type: the public half does not fit it.
    let e = jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::ES256), &double).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    assert_eq!(double.counts(), (0, 0, 0), "nothing was signed");
    // Another algorithm still works.
    jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::RS256), &double).unwrap();
    assert_eq!(double.counts(), (1, 0, 0));

    // A decryption algorithm the double refuses: no key fits, nothing is tried.
    let recipient = Arc::new(Double::new(rsa()).refusing("RSA-OAEP-256"));
    let token = Encrypter::new(&recipient.public(), K::RsaOaep256, E::A256Gcm)
        .unwrap()
        .encrypt_compact(b"x")
        .unwrap();
    let d = Decrypter::new(Arc::clone(&recipient), &[K::RsaOaep256], E::ALL).unwrap();
    assert_eq!(
        d.decrypt(&token).unwrap_err().kind(),
        ErrorKind::UnsupportedAlgorithm
    );
    assert_eq!(recipient.counts(), (0, 0, 0));
}

#[test]
fn a_signature_of_the_wrong_length_or_that_does_not_verify_is_an_error() {
    for (inner, alg) in [
        (rsa(), SigningAlg::RS256),
        (p256(), SigningAlg::ES256),
        (Jwk::generate_okp("Ed25519").unwrap(), SigningAlg::EdDSA),
        (
            Jwk::generate_for(SigningAlg::HS256).unwrap(),
            SigningAlg::HS256,
        ),
    ] {
        let short = Double::new(inner.clone()).with_fault(Fault::ShortSignature);
        let e = jws::sign_compact(b"x", &JwsHeader::new(alg), &short).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Crypto, "{alg}: {e}");
        assert!(e.message().contains("bytes"), "{alg}: {e}");
        let e = jwt::signed(&claims(), &short, alg).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Crypto, "{alg}");
        assert_eq!(short.counts(), (2, 0, 0));
    }
    // Right length, wrong bytes: caught by the verification against the public half.
    for (inner, alg) in [
        (rsa(), SigningAlg::PS256),
        (p256(), SigningAlg::ES256),
        (Jwk::generate_okp("Ed25519").unwrap(), SigningAlg::EdDSA),
    ] {
        let bad = Double::new(inner).with_fault(Fault::BadSignature);
        let e = jws::sign_compact(b"x", &JwsHeader::new(alg), &bad).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Crypto, "{alg}: {e}");
        let e = JsonSigner::new()
            .add_signature(&JwsHeader::new(alg), None, &bad)
            .sign_flattened(b"x")
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Crypto, "{alg}: {e}");
    }
}

#[test]
fn a_failing_unwrap_or_agreement_is_the_one_decryption_error() {
    let one = Error::decryption();
    for (inner, alg) in [
        (rsa(), K::RsaOaep256),
        (p256(), K::EcdhEsA256KW),
        (p256(), K::EcdhEs),
    ] {
        let double = Arc::new(Double::new(inner).with_fault(Fault::FailingDecryption));
        let token = Encrypter::new(&double.public(), alg, E::A256Gcm)
            .unwrap()
            .encrypt_compact(b"x")
            .unwrap();
        let e = Decrypter::new(Arc::clone(&double), &[alg], E::ALL)
            .unwrap()
            .decrypt(&token)
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decryption, "{alg}");
        assert_eq!(
            e.message(),
            one.message(),
            "{alg}: nothing of the key's error"
        );
        let (_, unwraps, agreements) = double.counts();
        assert_eq!(unwraps + agreements, 1, "{alg}");
    }
    // A token for another key: the double's unwrap fails inside the RSA primitive.
    let double = Arc::new(Double::new(rsa()));
    let token = Encrypter::new(
        &crate::support::rsa_b().to_public().unwrap(),
        K::RsaOaep,
        E::A128Gcm,
    )
    .unwrap()
    .encrypt_compact(b"x")
    .unwrap();
    let e = Decrypter::new(Arc::clone(&double), &[K::RsaOaep], E::ALL)
        .unwrap()
        .decrypt(&token)
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.message()),
        (ErrorKind::Decryption, one.message())
    );
}

#[test]
fn rsa1_5_and_dir_are_never_used_with_a_key_held_outside() {
    let double = Arc::new(Double::new(rsa()));
    let d = Decrypter::new(Arc::clone(&double), &[K::Rsa1_5], E::ALL)
        .unwrap()
        .allow_rsa1_5_insecure();
    // A well-formed RSA1_5 token (five parts, a real header) never reaches the double.
    let header = crate::support::b64::encode(br#"{"alg":"RSA1_5","enc":"A128GCM"}"#);
    let token = format!("{header}.{0}.{0}.{0}.{0}", "AAAA");
    let e = d.decrypt(&token).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch, "{e}");
    assert_eq!(double.counts(), (0, 0, 0));
}

#[test]
fn keys_hold_a_decryption_key_as_one_key_and_a_shared_jwk_as_before() {
    let jwk = Arc::new(rsa());
    let keys = Keys::from(Arc::clone(&jwk));
    assert!(keys.is_single());
    assert_eq!(keys.as_slice().len(), 1);

    let double = Arc::new(Double::new(rsa()));
    let keys = Keys::from(Arc::clone(&double));
    assert!(keys.is_single());
    assert_eq!(keys.len(), 1);
    assert!(
        keys.as_slice().is_empty(),
        "a key held outside is not a JWK"
    );
    assert!(format!("{keys:?}").contains("hsm-1"));
    let shared: Arc<dyn DecryptionKey> = Arc::new(Double::new(rsa()));
    assert!(Keys::from(shared).as_slice().is_empty());
    let shared: Arc<dyn DecryptionKey> = Arc::new(rsa());
    assert_eq!(Keys::from(shared).as_slice().len(), 1, "a Jwk stays a JWK");

    // It never verifies signatures: the public key is data, given as a JWK.
    let token = jws::sign_compact(b"x", &JwsHeader::new(SigningAlg::RS256), &*double).unwrap();
    let e = Verifier::new(keys, &[SigningAlg::RS256])
        .unwrap()
        .verify(&token)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
}

#[test]
fn a_jwk_through_the_traits_is_the_jwk() {
    // `Jwk`'s own implementations, called directly (as a wrapper delegates to them).
    let key = p256();
    assert!(SigningKey::public_key(&key).unwrap().to_public().is_ok());
    assert!(!SigningKey::public_key(&key).unwrap().is_private());
    assert_eq!(SigningKey::kid(&key.clone().with_kid("k")), Some("k"));
    let e = SigningKey::check_alg(&key, SigningAlg::ES384).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    let e = DecryptionKey::unwrap_key(&key, K::EcdhEsA128KW, b"").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch);
    let e = DecryptionKey::agree(&key, K::EcdhEs, &[4; 65]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey, "not a point of the curve");
    assert!(SigningKey::public_key(&Jwk::generate_oct(256).unwrap()).is_err());
    let e = SigningKey::sign(&key.to_public().unwrap(), SigningAlg::ES256, b"x").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyMismatch, "a public key cannot sign");
}
