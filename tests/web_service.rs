//! The web service example (examples/web_service.rs) on 127.0.0.1 with an ephemeral port,
//! driven by a real HTTP client: login, protected access, a role it lacks, a tampered token,
//! an expired token (a fixed clock), a token for another audience, and key rotation.

#[path = "../examples/web_service.rs"]
mod web_service;

use std::sync::Arc;

use jwcrypt::jwt::{Clock, FixedClock, SystemClock};
use jwcrypt::{Jwk, JwkSet, KeyManagementAlg, SigningAlg};
use web_service::{AUDIENCE, Tokens, app, generate_set};

struct Running {
    base: String,
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

fn start(tokens: Tokens) -> Running {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    runtime.spawn(async move { axum::serve(listener, app(Arc::new(tokens))).await });
    Running {
        base,
        client: reqwest::Client::new(),
        runtime,
    }
}

impl Running {
    fn login(&self, user: &str, password: &str) -> (u16, String) {
        self.runtime.block_on(async {
            let r = self
                .client
                .post(format!("{}/login", self.base))
                .body(format!(
                    r#"{{"username":"{user}","password":"{password}"}}"#
                ))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        })
    }

    fn token(&self, user: &str, password: &str) -> String {
        let (status, body) = self.login(user, password);
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["token"].as_str().unwrap().to_owned()
    }

    /// Status, `WWW-Authenticate`, body.
    fn protected(&self, authorization: Option<&str>) -> (u16, Option<String>, String) {
        self.runtime.block_on(async {
            let mut req = self.client.get(format!("{}/protected", self.base));
            if let Some(a) = authorization {
                req = req.header("authorization", a);
            }
            let r = req.send().await.unwrap();
            let challenge = r
                .headers()
                .get("www-authenticate")
                .map(|v| v.to_str().unwrap().to_owned());
            (r.status().as_u16(), challenge, r.text().await.unwrap())
        })
    }
}

const INVALID: &str = r#"Bearer error="invalid_token""#;

fn system() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

#[test]
fn login_and_protected_access() {
    let set = generate_set().unwrap();
    let s = start(Tokens::new(&set, system()).unwrap());
    let alice = s.token("alice", "wonderland");
    assert_eq!(alice.split('.').count(), 5, "a JWE");
    let (status, _, body) = s.protected(Some(&format!("Bearer {alice}")));
    assert_eq!((status, body.as_str()), (200, "hello alice"));
    // The scheme is case-insensitive (RFC 6750 §2.1).
    assert_eq!(s.protected(Some(&format!("bearer {alice}"))).0, 200);
    // Valid, but without the role: 403.
    let bob = s.token("bob", "builder");
    let (status, challenge, _) = s.protected(Some(&format!("Bearer {bob}")));
    assert_eq!(status, 403);
    assert_eq!(
        challenge.as_deref(),
        Some(r#"Bearer error="insufficient_scope""#)
    );
    // No credentials: 401 with a bare challenge; wrong password: no token.
    assert_eq!(
        s.protected(None),
        (401, Some("Bearer".into()), String::new())
    );
    assert_eq!(s.login("alice", "nope").0, 401);
    // Not a bearer token, or no token at all.
    for a in [
        "Basic YWxpY2U6d29uZGVybGFuZA==",
        "Bearer not.a.token",
        "Bearer",
        &alice,
    ] {
        let (status, challenge, _) = s.protected(Some(a));
        assert_eq!((status, challenge.as_deref()), (401, Some(INVALID)), "{a}");
    }
}

#[test]
fn tampered_token() {
    let set = generate_set().unwrap();
    let s = start(Tokens::new(&set, system()).unwrap());
    let token = s.token("alice", "wonderland");
    // Flip one character in each part.
    let parts: Vec<&str> = token.split('.').collect();
    for i in 0..parts.len() {
        let mut p: Vec<String> = parts.iter().map(|s| (*s).to_owned()).collect();
        if p[i].is_empty() {
            continue;
        }
        let c = if p[i].starts_with('A') { "B" } else { "A" };
        p[i].replace_range(0..1, c);
        let (status, challenge, _) = s.protected(Some(&format!("Bearer {}", p.join("."))));
        assert_eq!(
            (status, challenge.as_deref()),
            (401, Some(INVALID)),
            "part {i}"
        );
    }
}

#[test]
fn expired_token() {
    let set = generate_set().unwrap();
    // Issued at t, read at t + 1 h - 1 s (valid with the default leeway) and t + 2 h.
    let t = 1_700_000_000;
    let issuer = Tokens::new(&set, Arc::new(FixedClock(t))).unwrap();
    let token = issuer.issue("alice", "admin", AUDIENCE).unwrap();
    let fresh = start(Tokens::new(&set, Arc::new(FixedClock(t + 3599))).unwrap());
    assert_eq!(fresh.protected(Some(&format!("Bearer {token}"))).0, 200);
    let later = start(Tokens::new(&set, Arc::new(FixedClock(t + 7200))).unwrap());
    let (status, challenge, _) = later.protected(Some(&format!("Bearer {token}")));
    assert_eq!((status, challenge.as_deref()), (401, Some(INVALID)));
}

#[test]
fn wrong_audience() {
    let set = generate_set().unwrap();
    let tokens = Tokens::new(&set, system()).unwrap();
    let other = tokens.issue("alice", "admin", "another-service").unwrap();
    let s = start(tokens);
    let (status, challenge, _) = s.protected(Some(&format!("Bearer {other}")));
    assert_eq!((status, challenge.as_deref()), (401, Some(INVALID)));
}

#[test]
fn rotation() {
    let dir = std::env::temp_dir().join(format!("jwcrypt-web-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("keys.json");
    let old = generate_set().unwrap();
    let export = |set: &JwkSet| {
        let keys: Vec<serde_json::Value> = set
            .iter()
            .map(|k| serde_json::from_str(&k.export_private().unwrap()).unwrap())
            .collect();
        serde_json::json!({ "keys": keys }).to_string()
    };
    std::fs::write(&file, export(&old)).unwrap();
    let load = || JwkSet::from_json_strict(std::fs::read(&file).unwrap()).unwrap();
    let s = start(Tokens::new(&load(), system()).unwrap());
    let old_token = s.token("alice", "wonderland");

    // Append new keys: new tokens use them, old tokens still read.
    let mut both: Vec<Jwk> = old.iter().cloned().collect();
    both.push(
        Jwk::generate_for(SigningAlg::HS256)
            .unwrap()
            .with_alg(SigningAlg::HS256)
            .with_kid("sig-2"),
    );
    both.push(
        Jwk::generate_for(KeyManagementAlg::A256KW)
            .unwrap()
            .with_alg(KeyManagementAlg::A256KW)
            .with_kid("enc-2"),
    );
    let both: JwkSet = both.into_iter().collect();
    std::fs::write(&file, export(&both)).unwrap();
    let s = start(Tokens::new(&load(), system()).unwrap());
    let new_token = s.token("alice", "wonderland");
    let seen = jwcrypt::dangerous::inspect(&new_token).unwrap();
    assert_eq!(seen.protected_header().unwrap()["kid"], "enc-2");
    for t in [&old_token, &new_token] {
        assert_eq!(s.protected(Some(&format!("Bearer {t}"))).0, 200);
    }
    // Drop the old keys: the old token is refused, the new one still reads.
    let new_only: JwkSet = both
        .iter()
        .filter(|k| k.kid().is_some_and(|kid| kid.ends_with("-2")))
        .cloned()
        .collect();
    std::fs::write(&file, export(&new_only)).unwrap();
    let s = start(Tokens::new(&load(), system()).unwrap());
    assert_eq!(s.protected(Some(&format!("Bearer {old_token}"))).0, 401);
    assert_eq!(s.protected(Some(&format!("Bearer {new_token}"))).0, 200);
    let _ = std::fs::remove_dir_all(&dir);
}
