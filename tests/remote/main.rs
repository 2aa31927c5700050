//! Remote JWK Sets and OpenID Connect Discovery (feature `remote`) against a real HTTP server
//! the tests start on 127.0.0.1 (ephemeral ports): caching, rotation, removal, the cooldown
//! under a flood of unknown kids, shared in-flight fetches, timeouts, size bounds, malformed
//! documents, HTTP errors, stale-if-error, redirects (never followed), discovery's issuer
//! check, and the blocking API. Fetch counts are asserted, never durations.
//!
//! Plain HTTP on loopback behind `allow_http(true)` (server.rs); HTTPS with a certificate
//! authority made at test time in tls.rs.

#[path = "../support/mod.rs"]
mod support;

mod reader;
mod server;
mod tls;

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jwcrypt::remote::{self, Discovery, RemoteJwkSet, RemoteJwkSetBuilder, WellKnown};
use jwcrypt::{ErrorKind, JwkSet, Limits};
use server::{Reply, Server};
use support::{data_path, jwk};

const HOUR: Duration = Duration::from_secs(3600);

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// A public JWK Set of RSA keys with these kids (fixture keys, cycled).
fn set_json(kids: &[&str]) -> String {
    let names = support::RSA_KEYS;
    kids.iter()
        .enumerate()
        .map(|(i, kid)| {
            jwk(names[i % names.len()])
                .to_public()
                .unwrap()
                .with_kid(*kid)
        })
        .collect::<JwkSet>()
        .export_public()
        .unwrap()
}

fn kids(set: &JwkSet) -> Vec<String> {
    set.iter().map(|k| k.kid().unwrap().to_owned()).collect()
}

/// A builder for `path` on `server`, plain http allowed, with a long cooldown and max-age
/// unless a test changes them.
fn builder(server: &Server, path: &str) -> RemoteJwkSetBuilder {
    RemoteJwkSet::builder(server.url(path))
        .allow_http(true)
        .cooldown(HOUR)
        .max_age(HOUR)
        .timeout(Duration::from_secs(5))
}

#[test]
fn fetches_once_then_serves_the_cache() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1", "k2"])));
    let jwks = builder(&server, "/jwks").build().unwrap();
    assert_eq!(jwks.fetch_count(), 0);
    block_on(async {
        let first = jwks.keys().await.unwrap();
        assert_eq!(kids(&first), ["k1", "k2"]);
        for _ in 0..10 {
            let again = jwks.keys().await.unwrap();
            assert!(Arc::ptr_eq(&first, &again));
            let known = jwks.keys_for_kid(Some("k2")).await.unwrap();
            assert!(Arc::ptr_eq(&first, &known));
        }
        // Clones share the cache.
        let clone = jwks.clone();
        assert!(Arc::ptr_eq(&first, &clone.keys().await.unwrap()));
    });
    assert_eq!((jwks.fetch_count(), server.hits("/jwks")), (1, 1));
}

#[test]
fn rotation_a_new_kid_is_fetched() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let jwks = builder(&server, "/jwks")
        .cooldown(Duration::ZERO)
        .build()
        .unwrap();
    block_on(async {
        assert_eq!(kids(&jwks.keys().await.unwrap()), ["k1"]);
        server.set("/jwks", Reply::json(set_json(&["k1", "k2"])));
        // A known kid and no kid: the cached set, no fetch.
        jwks.keys_for_kid(Some("k1")).await.unwrap();
        jwks.keys_for_kid(None).await.unwrap();
        assert_eq!(jwks.fetch_count(), 1);
        // The new kid: one refetch finds it.
        let set = jwks.keys_for_kid(Some("k2")).await.unwrap();
        assert_eq!(kids(&set), ["k1", "k2"]);
        assert_eq!(jwks.fetch_count(), 2);
        jwks.keys_for_kid(Some("k2")).await.unwrap();
        assert_eq!(jwks.fetch_count(), 2);
    });
    assert_eq!(server.hits("/jwks"), 2);
}

#[test]
fn a_removed_key_is_gone_after_the_refetch() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["old", "new"])));
    // Max-age 0 (the bounds allow it) and no cooldown: every lookup refetches.
    let jwks = builder(&server, "/jwks")
        .cooldown(Duration::ZERO)
        .max_age(Duration::ZERO)
        .max_age_bounds(Duration::ZERO, HOUR)
        .build()
        .unwrap();
    block_on(async {
        assert_eq!(kids(&jwks.keys().await.unwrap()), ["old", "new"]);
        server.set("/jwks", Reply::json(set_json(&["new"])));
        let set = jwks.keys().await.unwrap();
        assert_eq!(kids(&set), ["new"]);
        assert_eq!(set.find_by_kid("old").count(), 0);
        // Asking for the removed kid refetches (no cooldown) and still does not find it.
        let set = jwks.keys_for_kid(Some("old")).await.unwrap();
        assert_eq!(set.find_by_kid("old").count(), 0);
    });
    assert_eq!((jwks.fetch_count(), server.hits("/jwks")), (4, 4));
}

/// A pseudo-random kid (xorshift), different on every call.
fn random_kid(state: &mut u64) -> String {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    format!("{:016x}", *state)
}

#[test]
fn a_flood_of_unknown_kids_fetches_once_per_cooldown() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;

    // A long cooldown: 2000 lookups with random kids, sequential and concurrent, cause no
    // fetch beyond the first.
    let jwks = builder(&server, "/jwks").build().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        for _ in 0..1000 {
            let set = jwks
                .keys_for_kid(Some(&random_kid(&mut seed)))
                .await
                .unwrap();
            assert_eq!(kids(&set), ["k1"]);
        }
        let tasks: Vec<_> = (0..1000)
            .map(|_| {
                let (jwks, kid) = (jwks.clone(), random_kid(&mut seed));
                tokio::spawn(async move { jwks.keys_for_kid(Some(&kid)).await.map(|s| s.len()) })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), 1);
        }
    });
    eprintln!(
        "flood, 1 h cooldown: 2000 lookups, {} fetch",
        jwks.fetch_count()
    );
    assert_eq!((jwks.fetch_count(), server.hits("/jwks")), (1, 1));

    // A short cooldown (50 ms): lookups for 300 ms fetch at most once per cooldown that has
    // passed (plus the first fetch), whatever the number of lookups.
    server.set("/jwks2", Reply::json(set_json(&["k1"])));
    let cooldown = Duration::from_millis(50);
    let jwks = builder(&server, "/jwks2")
        .cooldown(cooldown)
        .build()
        .unwrap();
    let start = Instant::now();
    let mut lookups = 0u64;
    rt.block_on(async {
        while start.elapsed() < Duration::from_millis(300) {
            jwks.keys_for_kid(Some(&random_kid(&mut seed)))
                .await
                .unwrap();
            lookups += 1;
        }
    });
    let elapsed = start.elapsed();
    let bound = 1 + (elapsed.as_millis() / cooldown.as_millis()) as u64;
    eprintln!(
        "flood, 50 ms cooldown: {lookups} lookups in {elapsed:?}, {} fetches (bound {bound})",
        jwks.fetch_count()
    );
    assert!(jwks.fetch_count() >= 1);
    assert!(
        jwks.fetch_count() <= bound,
        "{} > {bound}",
        jwks.fetch_count()
    );
    assert!(lookups > jwks.fetch_count());
    assert_eq!(jwks.fetch_count(), server.hits("/jwks2"));
}

#[test]
fn concurrent_lookups_share_one_fetch() {
    let server = Server::start();
    server.set(
        "/jwks",
        Reply::json(set_json(&["k1"])).delay(Duration::from_millis(200)),
    );
    let jwks = builder(&server, "/jwks").build().unwrap();
    let sets = block_on(async {
        let tasks: Vec<_> = (0..32)
            .map(|i| {
                let jwks = jwks.clone();
                tokio::spawn(async move {
                    if i % 2 == 0 {
                        jwks.keys().await
                    } else {
                        jwks.keys_for_kid(Some("unknown")).await
                    }
                })
            })
            .collect();
        let mut sets = Vec::new();
        for t in tasks {
            sets.push(t.await.unwrap().unwrap());
        }
        sets
    });
    assert!(sets.iter().all(|s| Arc::ptr_eq(s, &sets[0])));
    assert_eq!((jwks.fetch_count(), server.hits("/jwks")), (1, 1));
}

#[test]
fn a_slow_response_times_out() {
    let server = Server::start();
    server.set(
        "/slow",
        Reply::json(set_json(&["k1"])).delay(Duration::from_secs(3)),
    );
    let jwks = builder(&server, "/slow")
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = block_on(jwks.keys()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch, "{e}");
    assert!(e.message().ends_with("timed out"), "{e}");
    // Within the cooldown the error is repeated without another fetch.
    let again = block_on(jwks.keys()).unwrap_err();
    assert_eq!(again.message(), e.message());
    assert_eq!(jwks.fetch_count(), 1);
}

#[test]
fn oversized_responses_are_refused() {
    let server = Server::start();
    let mut small = Limits::default();
    small.max_jwk_len = 4096;
    let big = format!(r#"{{"keys":[],"pad":"{}"}}"#, "x".repeat(5000));
    server.set("/big", Reply::json(big.clone()));
    server.set("/big-unsized", Reply::json(big).without_length());
    let exact = set_json(&["k1"]);
    assert!(exact.len() < 4096);
    server.set("/fits-unsized", Reply::json(exact).without_length());
    for path in ["/big", "/big-unsized"] {
        let jwks = builder(&server, path)
            .limits(small.clone())
            .build()
            .unwrap();
        let e = block_on(jwks.keys()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{path}: {e}");
        assert!(e.message().contains("over the limit of 4096 bytes"), "{e}");
    }
    let jwks = builder(&server, "/fits-unsized")
        .limits(small)
        .build()
        .unwrap();
    assert_eq!(block_on(jwks.keys()).unwrap().len(), 1);
    // The default limit: 1 MiB.
    let huge = format!(r#"{{"keys":[],"pad":"{}"}}"#, "x".repeat(1 << 20));
    server.set("/huge", Reply::json(huge).without_length());
    let jwks = builder(&server, "/huge").build().unwrap();
    assert_eq!(
        block_on(jwks.keys()).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn malformed_documents_and_http_errors() {
    let server = Server::start();
    for (path, reply, kind, text) in [
        (
            "/trunc",
            Reply::json(r#"{"keys":[{"kty":"#),
            ErrorKind::Json,
            "",
        ),
        ("/array", Reply::json("[]"), ErrorKind::Json, ""),
        (
            "/nokeys",
            Reply::json(r#"{"kid":"x"}"#),
            ErrorKind::Json,
            "keys",
        ),
        ("/html", Reply::json("<html>"), ErrorKind::Json, ""),
        ("/empty", Reply::json(""), ErrorKind::Json, ""),
        (
            "/500",
            Reply::status(500),
            ErrorKind::Fetch,
            "HTTP status 500",
        ),
        (
            "/503",
            Reply::status(503),
            ErrorKind::Fetch,
            "HTTP status 503",
        ),
        (
            "/204",
            Reply::status(204),
            ErrorKind::Fetch,
            "HTTP status 204",
        ),
        (
            "/missing",
            Reply::status(404),
            ErrorKind::Fetch,
            "HTTP status 404",
        ),
    ] {
        server.set(path, reply);
        let jwks = builder(&server, path).build().unwrap();
        let e = block_on(jwks.keys()).unwrap_err();
        assert_eq!(e.kind(), kind, "{path}: {e}");
        assert!(e.message().contains(text), "{path}: {e}");
        assert_eq!(e.to_string().lines().count(), 1, "{path}: {e}");
        assert_eq!(jwks.fetch_count(), 1);
    }
    // Nothing listens: a connection error.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let jwks = RemoteJwkSet::builder(format!("http://127.0.0.1:{port}/jwks"))
        .allow_http(true)
        .build()
        .unwrap();
    assert_eq!(block_on(jwks.keys()).unwrap_err().kind(), ErrorKind::Fetch);
}

#[test]
fn the_last_good_set_is_kept_while_refetches_fail() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let jwks = builder(&server, "/jwks")
        .cooldown(Duration::ZERO)
        .max_age(Duration::ZERO)
        .max_age_bounds(Duration::ZERO, HOUR)
        .build()
        .unwrap();
    // No stale use at all: the failure is reported.
    let strict = builder(&server, "/jwks")
        .cooldown(Duration::ZERO)
        .max_age(Duration::ZERO)
        .max_age_bounds(Duration::ZERO, HOUR)
        .stale_if_error(Duration::ZERO)
        .build()
        .unwrap();
    block_on(async {
        let good = jwks.keys().await.unwrap();
        strict.keys().await.unwrap();
        for broken in [Reply::status(500), Reply::json("{not json")] {
            server.set("/jwks", broken);
            let stale = jwks.keys().await.unwrap();
            assert!(Arc::ptr_eq(&good, &stale));
            assert!(strict.keys().await.is_err());
        }
        server.set("/jwks", Reply::json(set_json(&["k2"])));
        assert_eq!(kids(&jwks.keys().await.unwrap()), ["k2"]);
        assert_eq!(kids(&strict.keys().await.unwrap()), ["k2"]);
    });
    assert_eq!((jwks.fetch_count(), strict.fetch_count()), (4, 4));
}

#[test]
fn a_failed_fetch_is_not_retried_within_the_cooldown() {
    let server = Server::start();
    server.set("/jwks", Reply::status(500));
    let jwks = builder(&server, "/jwks").build().unwrap();
    block_on(async {
        for _ in 0..50 {
            assert_eq!(jwks.keys().await.unwrap_err().kind(), ErrorKind::Fetch);
            let e = jwks.keys_for_kid(Some("x")).await.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Fetch);
        }
    });
    assert_eq!((jwks.fetch_count(), server.hits("/jwks")), (1, 1));
}

#[test]
fn cache_control_max_age_is_honoured_within_bounds() {
    let server = Server::start();
    let body = set_json(&["k1"]);
    server.set(
        "/cached",
        Reply::json(body.clone()).header("Cache-Control", "public, max-age=3600"),
    );
    server.set(
        "/no-store",
        Reply::json(body.clone()).header("Cache-Control", "no-store"),
    );
    server.set(
        "/short",
        Reply::json(body).header("Cache-Control", "max-age=0"),
    );
    let quick = |path: &str| {
        builder(&server, path)
            .cooldown(Duration::ZERO)
            .max_age(Duration::ZERO)
    };
    // max-age=3600 within (0, 1 day): cached, one fetch; no-store: every lookup fetches;
    // max-age=0 clamped up to an hour: cached.
    for (jwks, fetches) in [
        (
            quick("/cached").max_age_bounds(Duration::ZERO, 24 * HOUR),
            1,
        ),
        (
            quick("/no-store").max_age_bounds(Duration::ZERO, 24 * HOUR),
            3,
        ),
        (quick("/short").max_age_bounds(HOUR, 24 * HOUR), 1),
        // Clamped down to zero: every lookup fetches.
        (
            quick("/cached").max_age_bounds(Duration::ZERO, Duration::ZERO),
            3,
        ),
    ] {
        let jwks = jwks.build().unwrap();
        block_on(async {
            for _ in 0..3 {
                jwks.keys().await.unwrap();
            }
        });
        assert_eq!(jwks.fetch_count(), fetches, "{}", jwks.url());
    }
}

#[test]
fn redirects_are_not_followed() {
    let other = Server::start();
    other.set("/jwks", Reply::json(set_json(&["evil"])));
    let server = Server::start();
    for (path, status) in [("/moved", 302), ("/perm", 301), ("/temp", 307)] {
        server.set(
            path,
            Reply::status(status).header(
                "Location",
                &format!("http://localhost:{}/jwks", other.port()),
            ),
        );
        let jwks = builder(&server, path).build().unwrap();
        let e = block_on(jwks.keys()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Fetch);
        assert!(e.message().contains("redirects are not followed"), "{e}");
    }
    // Even to the same host.
    server.set("/same", Reply::status(302).header("Location", "/jwks"));
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let jwks = builder(&server, "/same").build().unwrap();
    assert_eq!(block_on(jwks.keys()).unwrap_err().kind(), ErrorKind::Fetch);
    assert_eq!((other.total_hits(), server.hits("/jwks")), (0, 0));
}

#[test]
fn plain_http_needs_allow_http() {
    let server = Server::start();
    server.set("/jwks", Reply::json(set_json(&["k1"])));
    let e = RemoteJwkSet::builder(server.url("/jwks"))
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = RemoteJwkSet::builder(server.url("/jwks"))
        .allow_http(false)
        .build()
        .unwrap_err();
    assert!(e.message().contains("not https"), "{e}");
    let e = block_on(Discovery::new(server.base()).fetch()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert_eq!(server.total_hits(), 0);
}

#[test]
fn identity_provider_sets_over_http() {
    let server = Server::start();
    // As imported locally (tests/api/jwk_set.rs checks which keys that keeps; the counts
    // follow the algorithms jwcrypt implements, so they are not written here).
    for file in ["google.json", "entra.json", "auth0.json", "okta.json"] {
        let text = std::fs::read(data_path("jwks").join(file)).unwrap();
        let local = JwkSet::from_json(&text).unwrap();
        let (usable, rejected) = (local.len(), local.rejected().len());
        assert!(usable >= 2, "{file}");
        let path = format!("/{file}");
        server.set(&path, Reply::json(text));
        let jwks = builder(&server, &path).build().unwrap();
        let set = block_on(jwks.keys()).unwrap();
        assert_eq!(
            (set.len(), set.rejected().len()),
            (usable, rejected),
            "{file}"
        );
    }
}

fn discovery_doc(issuer: &str, jwks_uri: &str) -> String {
    serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": jwks_uri,
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    })
    .to_string()
}

#[test]
fn discovery_finds_the_jwks_uri() {
    let server = Server::start();
    let issuer = server.base();
    server.set(
        "/.well-known/openid-configuration",
        Reply::json(discovery_doc(&issuer, &server.url("/keys"))),
    );
    server.set("/keys", Reply::json(set_json(&["k1", "k2"])));
    let found = block_on(
        Discovery::new(issuer.clone())
            .allow_http(true)
            .cooldown(HOUR)
            .fetch(),
    )
    .unwrap();
    assert_eq!(found.issuer, issuer);
    assert_eq!(found.jwks_uri, server.url("/keys"));
    assert_eq!(found.metadata["token_endpoint"], format!("{issuer}/token"));
    assert_eq!(found.jwks.fetch_count(), 0);
    let set = block_on(found.jwks.keys_for_kid(Some("k2"))).unwrap();
    assert_eq!(kids(&set), ["k1", "k2"]);
    // The settings carry over to the set: the cooldown holds back an unknown kid.
    block_on(found.jwks.keys_for_kid(Some("k9"))).unwrap();
    assert_eq!(found.jwks.fetch_count(), 1);
    assert_eq!(server.hits("/.well-known/openid-configuration"), 1);

    // RFC 8414: the well-known part goes before the issuer's path.
    let tenant = server.url("/tenant-1");
    server.set(
        "/.well-known/oauth-authorization-server/tenant-1",
        Reply::json(discovery_doc(&tenant, &server.url("/keys"))),
    );
    let found = block_on(
        Discovery::new(tenant.clone())
            .well_known(WellKnown::OAuthAuthorizationServer)
            .allow_http(true)
            .fetch(),
    )
    .unwrap();
    assert_eq!(found.issuer, tenant);
    // OpenID Connect: appended to the issuer's path.
    server.set(
        "/tenant-1/.well-known/openid-configuration",
        Reply::json(discovery_doc(&tenant, &server.url("/keys"))),
    );
    let found = block_on(Discovery::new(tenant.clone()).allow_http(true).fetch()).unwrap();
    assert_eq!(found.issuer, tenant);
}

#[test]
fn discovery_refuses_another_issuer_and_bad_documents() {
    let server = Server::start();
    let issuer = server.base();
    let keys = server.url("/keys");
    server.set("/keys", Reply::json(set_json(&["k1"])));
    let cases = [
        // Another issuer, even one differing only by a trailing slash or case.
        (
            discovery_doc("https://evil.example", &keys),
            ErrorKind::ClaimValidation,
        ),
        (
            discovery_doc(&format!("{issuer}/"), &keys),
            ErrorKind::ClaimValidation,
        ),
        (
            discovery_doc(&issuer.to_uppercase(), &keys),
            ErrorKind::ClaimValidation,
        ),
        // Missing or mistyped members.
        (
            serde_json::json!({"jwks_uri": keys}).to_string(),
            ErrorKind::Json,
        ),
        (
            serde_json::json!({"issuer": issuer}).to_string(),
            ErrorKind::Json,
        ),
        (
            serde_json::json!({"issuer": issuer, "jwks_uri": 7}).to_string(),
            ErrorKind::Json,
        ),
        ("{\"issuer\":".to_owned(), ErrorKind::Json),
        // A jwks_uri that is not a URL, or of another scheme.
        (
            discovery_doc(&issuer, "not a url"),
            ErrorKind::InvalidArgument,
        ),
        (
            discovery_doc(&issuer, "file:///etc/passwd"),
            ErrorKind::InvalidArgument,
        ),
    ];
    for (doc, kind) in cases {
        server.set(
            "/.well-known/openid-configuration",
            Reply::json(doc.clone()),
        );
        let e = block_on(Discovery::new(issuer.clone()).allow_http(true).fetch()).unwrap_err();
        assert_eq!(e.kind(), kind, "{doc}: {e}");
    }
    // A jwks_uri on plain http from a discovery that allows only https cannot happen here
    // (the issuer itself is http); an https issuer's http jwks_uri is refused by the same check.
    server.set("/.well-known/openid-configuration", Reply::status(500));
    let e = block_on(Discovery::new(issuer.clone()).allow_http(true).fetch()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Fetch);
    let mut small = Limits::default();
    small.max_jwk_len = 64;
    server.set(
        "/.well-known/openid-configuration",
        Reply::json(discovery_doc(&issuer, &keys)),
    );
    let e = block_on(
        Discovery::new(issuer.clone())
            .allow_http(true)
            .limits(small)
            .fetch(),
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert_eq!(server.hits("/keys"), 0);
}

#[test]
fn the_blocking_api() {
    let server = Server::start();
    server.set("/keys", Reply::json(set_json(&["k1"])));
    let jwks = remote::blocking::RemoteJwkSet::new(builder(&server, "/keys")).unwrap();
    assert_eq!(kids(&jwks.keys().unwrap()), ["k1"]);
    assert_eq!(kids(&jwks.keys_for_kid(Some("zz")).unwrap()), ["k1"]);
    // From several threads at once.
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| assert_eq!(jwks.keys_for_kid(Some("k1")).unwrap().len(), 1));
        }
    });
    assert_eq!(jwks.fetch_count(), 1);

    let issuer = server.base();
    server.set(
        "/.well-known/openid-configuration",
        Reply::json(discovery_doc(&issuer, &server.url("/keys"))),
    );
    let found =
        remote::blocking::discover(Discovery::new(issuer.clone()).allow_http(true)).unwrap();
    assert_eq!(found.issuer, issuer);
    assert_eq!(found.jwks.keys().unwrap().len(), 1);

    // Inside an async runtime the blocking calls refuse, they do not panic.
    block_on(async {
        let e = jwks.keys().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(remote::blocking::RemoteJwkSet::new(builder(&server, "/keys")).is_err());
        assert!(
            remote::blocking::discover(Discovery::new(issuer.clone()).allow_http(true)).is_err()
        );
    });
    assert_eq!(server.hits("/keys"), 2);
}
