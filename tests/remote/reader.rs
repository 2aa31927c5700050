//! Reading tokens with a remote set's keys (the async and blocking readers, and the set as a
//! `KeyResolver`): rotation, a flood of random kids, discovery's issuer as the expected `iss`.

use std::time::Duration;

use jwcrypt::jwk::KeyResolver;
use jwcrypt::jws::{JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Validation};
use jwcrypt::remote::{Discovery, blocking};
use jwcrypt::{ErrorKind, Jwk, SigningAlg};

use crate::server::{Reply, Server};
use crate::{HOUR, block_on, builder, discovery_doc, random_kid, set_json};

/// The private key `set_json` publishes at index `i`.
fn signer(i: usize) -> Jwk {
    let names = crate::support::RSA_KEYS;
    crate::support::jwk(names[i % names.len()])
}

fn token(i: usize, kid: &str, iss: &str) -> String {
    let claims = Claims::new()
        .issuer(iss)
        .subject("alice")
        .audience("api")
        .expires_in(Duration::from_secs(600));
    let key = signer(i);
    let alg = match key.alg() {
        Some(jwcrypt::Algorithm::Signing(a)) => *a,
        _ => SigningAlg::RS256,
    };
    let header = JwsHeader::new(alg).with_typ("JWT").with_kid(kid);
    jwt::sign_claims(&claims, &key, &header)
        .unwrap()
        .into_string()
}

const ALGS: &[SigningAlg] = &[SigningAlg::RS256, SigningAlg::PS256];

fn validation() -> Validation {
    Validation::new()
        .issuer("https://issuer.example")
        .audience("api")
}

#[test]
fn rotation_a_token_of_a_new_kid_verifies_after_the_refetch() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let jwks = builder(&server, "/jwks")
        .cooldown(Duration::ZERO)
        .build()
        .unwrap();
    let reader = jwks.reader(validation(), ALGS);
    block_on(async {
        let c = reader
            .read(&token(0, "k1", "https://issuer.example"))
            .await
            .unwrap();
        assert_eq!(c.sub(), Some("alice"));
        assert_eq!(jwks.fetch_count(), 1);
        // The issuer rotates: k2 appears; its token verifies after one refetch.
        server.set("/jwks", Reply::json(set_json(&["k1", "k2"])));
        let t2 = token(1, "k2", "https://issuer.example");
        reader.read(&t2).await.unwrap();
        assert_eq!(jwks.fetch_count(), 2);
        reader.read(&t2).await.unwrap();
        reader
            .read(&token(0, "k1", "https://issuer.example"))
            .await
            .unwrap();
        assert_eq!(jwks.fetch_count(), 2);
        // A token signed by k1's key but naming k2 is refused (k2's key is PS256 only, so
        // no key fits its RS256); a PS256 one naming k1 but signed by k2's key fails k1's
        // signature check.
        let e = reader
            .read(&token(0, "k2", "https://issuer.example"))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyNotFound);
        let e = reader
            .read(&token(1, "k1", "https://issuer.example"))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSignature);
        // Typed claims through the remote reader.
        #[derive(serde::Deserialize)]
        struct Id {
            sub: String,
        }
        let id: Id = reader.read_as(&t2).await.unwrap();
        assert_eq!(id.sub, "alice");
    });
    assert_eq!(server.hits("/jwks"), 2);
}

#[test]
fn a_flood_of_tokens_with_random_kids_fetches_once_per_cooldown() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let jwks = builder(&server, "/jwks").build().unwrap(); // cooldown 1 h
    let reader = jwks.reader(validation(), ALGS);
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let good = token(0, "k1", "https://issuer.example");
    // Tokens with made-up kids (signed once: the kid is in the signed header, but no
    // signature is ever checked for a kid that names no key).
    let forged: Vec<String> = (0..500)
        .map(|_| {
            let mut t = good.clone();
            let header = crate::support::b64::encode(
                format!(
                    r#"{{"alg":"RS256","typ":"JWT","kid":"{}"}}"#,
                    random_kid(&mut seed)
                )
                .as_bytes(),
            );
            let rest = t.split_off(t.find('.').unwrap());
            header + &rest
        })
        .collect();
    block_on(async {
        reader.read(&good).await.unwrap();
        for t in &forged {
            let e = reader.read(t).await.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::KeyNotFound, "{e}");
        }
        reader.read(&good).await.unwrap();
    });
    eprintln!(
        "reader flood, 1 h cooldown: {} tokens with random kids, {} fetch",
        forged.len(),
        jwks.fetch_count()
    );
    assert_eq!((jwks.fetch_count(), server.hits("/jwks")), (1, 1));
}

#[test]
fn the_remote_set_is_a_key_resolver() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let jwks = builder(&server, "/jwks").build().unwrap();
    let t = token(0, "k1", "https://issuer.example");
    // Before any fetch the snapshot is empty: no key, no request.
    assert!(jwks.current_keys().is_empty());
    let e = Verifier::new(&jwks, ALGS)
        .unwrap()
        .verify_compact(&t)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
    assert_eq!(jwks.fetch_count(), 0);
    block_on(jwks.keys()).unwrap();
    let v = Verifier::new(&jwks, ALGS).unwrap();
    assert_eq!(v.verify_compact(&t).unwrap().key_kid(), Some("k1"));
    let reader = jwt::Reader::builder(validation())
        .verify_with(&jwks, ALGS)
        .build()
        .unwrap();
    reader.read(&t).unwrap();
}

#[test]
fn the_discovered_issuer_is_the_expected_iss() {
    let server = Server::start();
    let issuer = server.base();
    server.set(
        "/.well-known/openid-configuration",
        Reply::json(discovery_doc(&issuer, &server.url("/keys"))),
    );
    server.set("/keys", Reply::json(set_json(&["k1"])));
    let found = block_on(
        Discovery::new(issuer.clone())
            .allow_http(true)
            .cooldown(HOUR)
            .fetch(),
    )
    .unwrap();
    // The validation named another issuer: the discovered one replaces it.
    let reader = found.reader(validation(), ALGS);
    block_on(async {
        reader.read(&token(0, "k1", &issuer)).await.unwrap();
        for iss in ["https://issuer.example", "https://evil.example"] {
            let e = reader.read(&token(0, "k1", iss)).await.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::ClaimValidation, "{iss}");
        }
        // A token of another kind, or no token at all, is refused before any fetch.
        let e = reader.read("not.a.token").await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedToken);
        let e = reader.read("a.b.c.d.e").await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedToken);
    });
    assert_eq!(found.jwks.fetch_count(), 1);

    // The same, blocking.
    let found = blocking::discover(
        Discovery::new(issuer.clone())
            .allow_http(true)
            .cooldown(Duration::ZERO),
    )
    .unwrap();
    let reader = found.reader(validation(), ALGS);
    reader.read(&token(0, "k1", &issuer)).unwrap();
    let e = reader
        .read(&token(0, "k1", "https://issuer.example"))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ClaimValidation);
    server.set("/keys", Reply::json(set_json(&["k1", "k2"])));
    reader.read(&token(1, "k2", &issuer)).unwrap();
    assert_eq!(found.jwks.fetch_count(), 2);
    assert!(!found.jwks.current_keys().is_empty());
}

/// A key set fetched from a URL is public (RFC 8725bis; panva/jose refuses HMAC with any
/// remote set): its `oct` key is rejected when the set is read (never used, reported in
/// `rejected`), a private key published there keeps only its public part, and a reader with
/// an `HS*` algorithm is refused outright, where the same token verifies with the key itself.
#[test]
fn published_oct_keys_are_never_used() {
    let server = Server::start();
    let secret = Jwk::generate_for(SigningAlg::HS256)
        .unwrap()
        .with_kid("mac");
    let rsa = signer(0).with_kid("rsa");
    assert!(rsa.is_private());
    let body = format!(
        r#"{{"keys":[{},{}]}}"#,
        secret.export_private().unwrap().as_str(),
        rsa.export_private().unwrap().as_str()
    );
    server.set("/jwks", Reply::json(body));
    let jwks = builder(&server, "/jwks").build().unwrap();
    // An HS* reader is refused before anything is fetched.
    let e = block_on(
        jwks.reader(validation(), &[SigningAlg::HS256])
            .read("a.b.c"),
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed, "{e}");
    assert_eq!(jwks.fetch_count(), 0);
    let set = block_on(jwks.keys()).unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(set.keys()[0].kid(), Some("rsa"));
    assert!(!set.keys()[0].is_private());
    let rejected = &set.rejected()[0];
    assert_eq!((rejected.index(), rejected.kid()), (0, Some("mac")));
    assert_eq!(rejected.kind(), ErrorKind::InvalidKey);

    let claims = Claims::new()
        .issuer("https://issuer.example")
        .subject("mallory")
        .audience("api")
        .expires_in(Duration::from_secs(600));
    let header = JwsHeader::new(SigningAlg::HS256)
        .with_typ("JWT")
        .with_kid("mac");
    let t = jwt::sign_claims(&claims, &secret, &header)
        .unwrap()
        .into_string();
    jwt::Reader::builder(validation())
        .verify_with(&secret, &[SigningAlg::HS256])
        .build()
        .unwrap()
        .read(&t)
        .unwrap();
    for algs in [
        &[SigningAlg::HS256][..],
        &[SigningAlg::RS256, SigningAlg::HS512],
    ] {
        let e = block_on(jwks.reader(validation(), algs).read(&t)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::AlgorithmNotAllowed, "{e}");
        assert!(e.message().contains("remote key set"), "{e}");
    }
    // As a key resolver the set has no oct key to offer either.
    let e = Verifier::new(&jwks, &[SigningAlg::HS256])
        .unwrap()
        .verify_compact(&t)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyNotFound);
    // The RSA key's public part still verifies its tokens.
    let rs = token(0, "rsa", "https://issuer.example");
    block_on(jwks.reader(validation(), ALGS).read(&rs)).unwrap();
}
