//! Property tests: JSON and PEM round trips keep keys and parameters; arbitrary input to
//! the importers is an error, never a panic.

use std::sync::OnceLock;

use crate::support::*;
use jwcrypt::jwk::{KeyOp, KeyUse};
use jwcrypt::{Jwk, JwkSet, SigningAlg, jwa::HashAlg};
use proptest::prelude::*;

/// The RSA fixture keys, read once.
fn rsa_keys() -> &'static [Jwk] {
    static KEYS: OnceLock<Vec<Jwk>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<Jwk> = RSA_KEYS.iter().map(|n| jwk(n)).collect();
        keys.push(Jwk::from_json(RFC7520_RSA).unwrap());
        keys
    })
}

fn key_use() -> impl Strategy<Value = Option<KeyUse>> {
    prop_oneof![
        Just(None),
        Just(Some(KeyUse::Signature)),
        Just(Some(KeyUse::Encryption)),
    ]
}

fn kid() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(any::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn oct_json_round_trip(
        bytes in proptest::collection::vec(any::<u8>(), 1..=256),
        kid in kid(),
        key_use in key_use(),
        alg in proptest::option::of(proptest::sample::select(SigningAlg::ALL.to_vec())),
    ) {
        let mut key = Jwk::from_oct_bytes(&bytes).unwrap();
        if let Some(kid) = kid { key = key.with_kid(kid); }
        if let Some(u) = key_use { key = key.with_use(u).unwrap(); }
        if let Some(a) = alg { key = key.with_alg(a); }
        let text = key.export_private().unwrap();
        let back = Jwk::from_json(text.as_bytes()).unwrap();
        prop_assert_eq!(back.oct_secret().unwrap().expose_secret(), &bytes[..]);
        prop_assert_eq!(&back, &key);
        prop_assert_eq!(back.thumbprint(HashAlg::Sha256).unwrap(), key.thumbprint(HashAlg::Sha256).unwrap());
        // Exporting again gives the same text.
        prop_assert_eq!(&*back.export_private().unwrap(), &*text);
    }

    #[test]
    fn rsa_json_and_pem_round_trip(
        index in 0..4usize,
        kid in kid(),
        key_use in key_use(),
        format in 0..4u8,
    ) {
        let mut key = rsa_keys()[index].clone();
        if let Some(kid) = kid { key = key.with_kid(kid); }
        if let Some(u) = key_use { key = key.with_use(u).unwrap(); }
        // JSON keeps everything.
        let back = Jwk::from_json(key.export_private().unwrap().as_bytes()).unwrap();
        prop_assert_eq!(&back, &key);
        let public = Jwk::from_json(key.export_public().unwrap()).unwrap();
        prop_assert_eq!(&public, &key.to_public().unwrap());
        // PEM keeps the key material.
        let (pem, private) = match format {
            0 => (key.to_pkcs8_pem().unwrap(), true),
            1 => (key.to_pkcs1_pem(true).unwrap(), true),
            2 => (zeroize::Zeroizing::new(key.to_spki_pem().unwrap()), false),
            _ => (key.to_pkcs1_pem(false).unwrap(), false),
        };
        let from_pem = Jwk::from_pem(&pem).unwrap();
        prop_assert_eq!(from_pem.is_private(), private);
        let expected = if private { key.clone() } else { key.to_public().unwrap() };
        prop_assert_eq!(material(&from_pem), material(&expected));
    }

    #[test]
    fn sets_round_trip(picks in proptest::collection::vec((0..4usize, any::<bool>()), 0..6)) {
        let set: JwkSet = picks
            .iter()
            .map(|&(i, public)| {
                let k = rsa_keys()[i].clone().with_key_ops([KeyOp::Verify]).unwrap();
                if public { k.to_public().unwrap() } else { k }
            })
            .collect();
        let back = JwkSet::from_json(set.export_private().unwrap().as_bytes()).unwrap();
        prop_assert_eq!(&back, &set);
        let public = JwkSet::from_json(set.export_public().unwrap()).unwrap();
        prop_assert_eq!(public, set.to_public());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = Jwk::from_json(&bytes);
        let _ = JwkSet::from_json(&bytes);
        let _ = Jwk::from_der(&bytes);
        let _ = Jwk::from_der_with_password(&bytes, b"pw");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = Jwk::from_pem(text);
        }
    }

    #[test]
    fn arbitrary_pem_bodies_never_panic(
        label in proptest::sample::select(vec![
            "PRIVATE KEY", "PUBLIC KEY", "RSA PRIVATE KEY", "RSA PUBLIC KEY", "ENCRYPTED PRIVATE KEY",
        ]),
        body in proptest::collection::vec(any::<u8>(), 0..1024),
    ) {
        let b64 = <base64ct::Base64 as base64ct::Encoding>::encode_string(&body);
        let text = format!("-----BEGIN {label}-----\n{b64}\n-----END {label}-----\n");
        prop_assert!(Jwk::from_pem(&text).is_err());
        prop_assert!(Jwk::from_pem_with_password(&text, b"pw").is_err());
    }

    #[test]
    fn arbitrary_rsa_members_never_panic(
        n in proptest::collection::vec(any::<u8>(), 0..300),
        e in proptest::collection::vec(any::<u8>(), 0..6),
        d in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
    ) {
        let mut obj = serde_json::json!({"kty": "RSA", "n": b64::encode(&n), "e": b64::encode(&e)});
        if let Some(d) = d {
            obj["d"] = b64::encode(&d).into();
        }
        let _ = Jwk::from_json(obj.to_string());
    }
}

/// Derived from a real key: random d, p, q around the real ones go through every check.
#[test]
fn perturbed_private_values_never_panic() {
    let base: serde_json::Value = serde_json::from_str(RFC7520_RSA).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    let members = ["d", "p", "q", "dp", "dq", "qi"];
    runner
        .run(
            &(
                proptest::sample::select(members.to_vec()),
                proptest::collection::vec(any::<u8>(), 0..300),
                any::<bool>(),
            ),
            |(member, bytes, strip)| {
                let mut obj = base.clone();
                // Without the primes only d is left to perturb.
                let member = if strip { "d" } else { member };
                obj[member] = b64::encode(&bytes).into();
                if strip {
                    for m in ["p", "q", "dp", "dq", "qi"] {
                        obj.as_object_mut().unwrap().remove(m);
                    }
                }
                prop_assert!(Jwk::from_json(obj.to_string()).is_err());
                Ok(())
            },
        )
        .unwrap();
}
