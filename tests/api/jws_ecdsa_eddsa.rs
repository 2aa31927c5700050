//! ES256, ES384, ES512, ES256K, EdDSA, Ed25519 and Ed448 through every JWS form, exactly as
//! the HMAC and RSA algorithms: compact, detached, `b64: false`, JSON flattened and general
//! (several signatures, mixed with HS256 and RS256), key sets with `kid`, the key's own
//! `alg`, and JWTs (`jwt::signed`, the `Reader`, nested in a JWE).

use std::time::Duration;

use jwcrypt::jws::{self, JsonSigner, JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, JwkSet, KeyManagementAlg as K};
use jwcrypt::{SigningAlg as S, jwk::KeyType};

use crate::support::rsa_b;

const NEW: [S; 7] = [
    S::ES256,
    S::ES384,
    S::ES512,
    S::ES256K,
    S::EdDSA,
    S::Ed25519,
    S::Ed448,
];

/// A private key for `alg` (EdDSA: both curves) and its public part.
fn keys(alg: S) -> Vec<(Jwk, Jwk)> {
    let mut out = vec![Jwk::generate_for(alg).unwrap()];
    if alg == S::EdDSA {
        out.push(Jwk::generate_okp("Ed448").unwrap());
    }
    out.into_iter()
        .map(|k| {
            let p = k.to_public().unwrap();
            (k, p)
        })
        .collect()
}

fn sig_len(token: &str) -> usize {
    crate::support::b64::decode(token.rsplit('.').next().unwrap())
        .unwrap()
        .len()
}

#[test]
fn generate_for_makes_the_right_key() {
    let expect = [
        (S::ES256, KeyType::Ec, 256),
        (S::ES384, KeyType::Ec, 384),
        (S::ES512, KeyType::Ec, 521),
        (S::ES256K, KeyType::Ec, 256),
        (S::EdDSA, KeyType::Okp, 256),
        (S::Ed25519, KeyType::Okp, 256),
        (S::Ed448, KeyType::Okp, 456),
    ];
    for (alg, kty, bits) in expect {
        let k = Jwk::generate_for(alg).unwrap();
        assert_eq!((k.key_type(), k.size_bits()), (kty, bits), "{alg}");
        assert_eq!(k.alg(), Some(&alg.into()));
        assert!(k.is_private());
        let exported: serde_json::Value =
            serde_json::from_str(&k.export_public().unwrap()).unwrap();
        assert_eq!(exported["alg"], alg.name());
        assert!(alg.curves().contains(&exported["crv"].as_str().unwrap()));
    }
}

#[test]
fn names_parse_exactly() {
    for alg in NEW {
        assert_eq!(alg.name().parse::<S>().unwrap(), alg);
        assert_eq!(alg.to_string(), alg.name());
    }
    for bad in [
        "es256",
        "ES521",
        "EDDSA",
        "eddsa",
        "ED25519",
        "Ed25519ph",
        "ES256k",
    ] {
        assert_eq!(
            bad.parse::<S>().unwrap_err().kind(),
            ErrorKind::UnsupportedAlgorithm,
            "{bad}"
        );
    }
}

#[test]
fn compact_detached_and_unencoded_every_alg() {
    let payload = br#"{"iss":"joe","exp":1300819380}"#;
    for alg in NEW {
        for (key, public) in keys(alg) {
            let v = Verifier::new(&public, &[alg]).unwrap();
            // Compact.
            let token = jws::sign_compact(payload, &JwsHeader::new(alg), &key).unwrap();
            assert_eq!(v.verify(&token).unwrap().payload(), payload, "{alg}");
            assert_eq!(v.verify(&token).unwrap().alg(), alg);
            let len = alg.signature_len().unwrap_or_else(|| sig_len(&token));
            assert_eq!(sig_len(&token), len, "{alg}");
            // Deterministic in every build: ECDSA by RFC 6979, EdDSA by RFC 8032.
            let again = jws::sign_compact(payload, &JwsHeader::new(alg), &key).unwrap();
            assert_eq!(token, again, "{alg}");
            // A changed payload fails.
            let other = jws::sign_compact(b"other", &JwsHeader::new(alg), &key).unwrap();
            let (h, _) = token.split_once('.').unwrap();
            let (_, ps) = other.split_once('.').unwrap();
            let (p, _) = ps.split_once('.').unwrap();
            let s = token.rsplit('.').next().unwrap();
            assert_eq!(
                v.verify(&format!("{h}.{p}.{s}")).unwrap_err().kind(),
                ErrorKind::InvalidSignature
            );
            // Detached.
            let detached = jws::sign_compact_detached(payload, &JwsHeader::new(alg), &key).unwrap();
            assert!(detached.contains(".."));
            v.verify_compact_detached(&detached, payload).unwrap();
            assert!(v.verify_compact_detached(&detached, b"x").is_err());
            // b64: false, compact and detached.
            let header = JwsHeader::new(alg).unencoded_payload();
            let text = b"$.02 unencoded";
            let t = jws::sign_compact_detached(text, &header, &key).unwrap();
            v.verify_compact_detached(&t, text).unwrap();
            let t = jws::sign_compact(b"no dots here", &header, &key).unwrap();
            assert_eq!(v.verify(&t).unwrap().payload(), b"no dots here");
        }
    }
}

#[test]
fn json_flattened_general_and_multi_signature() {
    let payload = b"many signers";
    let hs = Jwk::generate_for(S::HS256).unwrap().with_kid("hs");
    let rsa = rsa_b().clone().with_kid("rsa");
    let mut all = vec![
        (S::HS256, hs.clone(), hs.clone()),
        (S::RS256, rsa.clone(), rsa.to_public().unwrap()),
    ];
    for (i, alg) in NEW.into_iter().enumerate() {
        for (j, (key, public)) in keys(alg).into_iter().enumerate() {
            let kid = format!("k{i}-{j}");
            all.push((alg, key.with_kid(&kid), public.with_kid(&kid)));
        }
    }
    // Flattened, and detached flattened, for each.
    for (alg, key, public) in &all {
        let v = Verifier::new(public, &[*alg]).unwrap();
        let flat = JsonSigner::new()
            .add_signature(&JwsHeader::new(*alg), None, key)
            .sign_flattened(payload)
            .unwrap();
        assert_eq!(v.verify(&flat).unwrap().payload(), payload, "{alg}");
        let det = JsonSigner::new()
            .add_signature(&JwsHeader::new(*alg).unencoded_payload(), None, key)
            .detached()
            .sign_flattened(payload)
            .unwrap();
        v.verify_json_detached(&det, payload).unwrap();
    }
    // One general JWS signed by every key; each public key (and the set of them, by kid)
    // verifies its own signature.
    let signer = all.iter().fold(JsonSigner::new(), |s, (alg, key, _)| {
        s.add_signature(&JwsHeader::new(*alg), None, key)
    });
    let general = signer.sign_general(payload).unwrap();
    for (i, (alg, _, public)) in all.iter().enumerate() {
        let verified = Verifier::new(public, &[*alg])
            .unwrap()
            .verify(&general)
            .unwrap();
        assert_eq!(verified.signature_index(), i, "{alg}");
        assert_eq!(verified.header().kid(), public.kid());
    }
    let set: JwkSet = all.iter().map(|(_, _, p)| p.clone()).collect();
    for alg in NEW {
        let verified = Verifier::new(&set, &[alg])
            .unwrap()
            .verify(&general)
            .unwrap();
        assert_eq!(verified.alg(), alg);
        assert_eq!(
            verified.header().kid(),
            set.keys()[verified.key_index()].kid()
        );
    }
    // The key's own alg decides.
    let own: JwkSet = all
        .iter()
        .map(|(alg, _, p)| p.clone().with_alg(*alg))
        .collect();
    let v = Verifier::for_key_algs(&own).unwrap();
    assert!(v.algs().contains(&S::ES256K) && v.algs().contains(&S::Ed448));
    v.verify(&general).unwrap();
}

#[test]
fn jwt_signed_and_read_every_alg() {
    let claims = Claims::new()
        .issuer("https://issuer.example")
        .subject("alice")
        .expires_in(Duration::from_secs(600))
        .claim("role", "guest");
    let kw = Jwk::generate_for(K::A256KW).unwrap();
    for alg in NEW {
        for (key, public) in keys(alg) {
            let signed = jwt::signed(&claims, &key, alg).unwrap();
            let validation = || Validation::new().issuer("https://issuer.example");
            let read = Reader::builder(validation())
                .verify_with(&public, &[alg])
                .build()
                .unwrap()
                .read(signed.as_str())
                .unwrap();
            assert_eq!(read, claims, "{alg}");
            // The key's own alg.
            let read = Reader::builder(validation())
                .verify_with_key_algs(public.clone().with_alg(alg))
                .build()
                .unwrap()
                .read(signed.as_str())
                .unwrap();
            assert_eq!(read, claims, "{alg}");
            // Nested in a JWE.
            let token = signed.encrypt(&kw, K::A256KW, E::A256Gcm).unwrap();
            let read = Reader::builder(validation())
                .decrypt_with(&kw, &[K::A256KW], &[E::A256Gcm])
                .verify_with(&public, &[alg])
                .build()
                .unwrap()
                .read(&token)
                .unwrap();
            assert_eq!(read, claims, "{alg} nested");
            // A public key cannot sign a JWT.
            assert_eq!(
                jwt::signed(&claims, &public, alg).unwrap_err().kind(),
                ErrorKind::KeyMismatch
            );
        }
    }
}

/// Issue 14's nested case: an ES256-signed JWT inside ECDH-ES+A256KW (P-256 and X25519
/// recipients), and EdDSA inside ECDH-ES, read back by one reader that holds only the
/// recipient's private key and the signer's public key; a token for another recipient or with
/// a signature by another key yields no claims.
#[test]
fn nested_es256_inside_ecdh_es() {
    let claims = Claims::new()
        .issuer("auth.example")
        .audience("api")
        .subject("alice")
        .issued_now()
        .expires_in(Duration::from_secs(600));
    for (sig_alg, sig_crv) in [(S::ES256, "P-256"), (S::EdDSA, "Ed25519")] {
        let signer = if sig_crv == "P-256" {
            Jwk::generate_ec(sig_crv).unwrap()
        } else {
            Jwk::generate_okp(sig_crv).unwrap()
        };
        for (alg, recipient) in [
            (K::EcdhEsA256KW, Jwk::generate_ec("P-256").unwrap()),
            (K::EcdhEsA256KW, Jwk::generate_okp("X25519").unwrap()),
            (K::EcdhEs, Jwk::generate_ec("P-384").unwrap()),
        ] {
            let token = jwt::signed(&claims, &signer, sig_alg)
                .unwrap()
                .encrypt(&recipient.to_public().unwrap(), alg, E::A256Gcm)
                .unwrap();
            let reader = |recipient: &Jwk, signer: &Jwk| {
                Reader::builder(Validation::new().issuer("auth.example").audience("api"))
                    .decrypt_with(recipient, &[alg], &[E::A256Gcm])
                    .verify_with(signer.to_public().unwrap(), &[sig_alg])
                    .build()
                    .unwrap()
            };
            let back = reader(&recipient, &signer).read(&token).unwrap();
            assert_eq!(back.sub(), Some("alice"), "{sig_alg} in {alg}");
            // Another recipient cannot decrypt; another signer's key does not verify.
            let stranger = if recipient.key_type() == KeyType::Ec {
                Jwk::generate_ec(if alg == K::EcdhEs { "P-384" } else { "P-256" }).unwrap()
            } else {
                Jwk::generate_okp("X25519").unwrap()
            };
            let e = reader(&stranger, &signer).read(&token).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Decryption, "{sig_alg} in {alg}");
            let other_signer = if sig_crv == "P-256" {
                Jwk::generate_ec(sig_crv).unwrap()
            } else {
                Jwk::generate_okp(sig_crv).unwrap()
            };
            let e = reader(&recipient, &other_signer).read(&token).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidSignature, "{sig_alg} in {alg}");
        }
    }
}
