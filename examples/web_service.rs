//! The "login / protected route" tutorial on axum: `POST /login` issues a confidential token
//! (typed claims, signed HS256, inside A256KW + A256CBC-HS512, `exp` in 1 h); `GET
//! /protected` takes it as `Authorization: Bearer` (RFC 6750), answers 401 with
//! `WWW-Authenticate: Bearer error="invalid_token"` for a refused token and 403 for a valid
//! token without the `admin` role. Keys come from a JWK Set file with kids: the last
//! signing key and the last encryption key in the file issue, every key in it reads, so a
//! rotation is "append the new keys, later drop the old ones".
//!
//! Run: `cargo run --example web_service -- keys.json` (a set of `oct` keys with `alg`
//! HS256 and A256KW and a `kid` each; without the argument, fresh keys are generated), then
//! `curl -d '{"username":"alice","password":"wonderland"}' localhost:3000/login`.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

// ----- the JOSE part -----
use jwcrypt::jws::JwsHeader;
use jwcrypt::jwt::{self, Clock, Reader, Validation};
use jwcrypt::{
    Algorithm, ContentEncryptionAlg as Enc, Jwk, JwkSet, KeyManagementAlg as Km, SigningAlg,
};

/// The claims of a session token.
#[derive(Serialize, Deserialize)]
pub struct Session {
    /// The user.
    pub sub: String,
    /// The service the token is for.
    pub aud: String,
    /// Issued at.
    pub iat: i64,
    /// Expires at (1 h after `iat`).
    pub exp: i64,
    /// `admin` or `user`.
    pub role: String,
}

/// The service's keys and its one reader (built once, shared by every request).
pub struct Tokens {
    sign: Jwk,
    encrypt: Jwk,
    reader: Reader,
    clock: Arc<dyn Clock>,
}

/// This service's audience.
pub const AUDIENCE: &str = "tutorial-web";

impl Tokens {
    /// The keys of `set` (the last signing and encryption keys issue) and the reader.
    pub fn new(set: &JwkSet, clock: Arc<dyn Clock>) -> jwcrypt::Result<Self> {
        let last =
            |f: fn(&Algorithm) -> bool| set.iter().rev().find(|k| k.alg().is_some_and(f)).cloned();
        let sign = last(|a| matches!(a, Algorithm::Signing(_))).ok_or(missing("signing"))?;
        let encrypt =
            last(|a| matches!(a, Algorithm::KeyManagement(_))).ok_or(missing("encryption"))?;
        let reader = Reader::builder(
            Validation::new()
                .audience(AUDIENCE)
                .clock(Arc::clone(&clock)),
        )
        .decrypt_with(set, &[Km::A256KW], &[Enc::A256CbcHs512])
        .verify_with(set, &[SigningAlg::HS256])
        .build()?;
        Ok(Self {
            sign,
            encrypt,
            reader,
            clock,
        })
    }

    /// A session token for `sub`, for audience `aud`, valid for 1 h.
    pub fn issue(&self, sub: &str, role: &str, aud: &str) -> jwcrypt::Result<String> {
        let now = self.clock.now();
        let claims = Session {
            sub: sub.into(),
            aud: aud.into(),
            iat: now,
            exp: now + 3600,
            role: role.into(),
        };
        jwt::sign_claims(
            &claims,
            &self.sign,
            &JwsHeader::new(SigningAlg::HS256).with_typ("JWT"),
        )?
        .encrypt(&self.encrypt, Km::A256KW, Enc::A256CbcHs512)
    }

    /// The session of an `Authorization` header value.
    pub fn read(&self, authorization: &str) -> jwcrypt::Result<Session> {
        self.reader.read_as(jwt::bearer_token(authorization)?)
    }
}
// ----- end of the JOSE part -----

fn missing(what: &str) -> jwcrypt::Error {
    jwcrypt::Error::new(
        jwcrypt::ErrorKind::KeyNotFound,
        format!("the key set has no {what} key"),
    )
}

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

/// The tutorial's users: (name, password, role).
const USERS: &[(&str, &str, &str)] =
    &[("alice", "wonderland", "admin"), ("bob", "builder", "user")];

async fn login(State(tokens): State<Arc<Tokens>>, body: String) -> Response {
    let Ok(login) = serde_json::from_str::<Login>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            "expected {\"username\":..,\"password\":..}",
        )
            .into_response();
    };
    let Some((name, _, role)) = USERS
        .iter()
        .find(|(n, p, _)| *n == login.username && *p == login.password)
    else {
        return (StatusCode::UNAUTHORIZED, "wrong username or password").into_response();
    };
    match tokens.issue(name, role, AUDIENCE) {
        Ok(token) => (
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({ "token": token }).to_string(),
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn protected(State(tokens): State<Arc<Tokens>>, headers: HeaderMap) -> Response {
    let Some(authorization) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        // RFC 6750 §3.1: no credentials, no error code.
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "",
        )
            .into_response();
    };
    match tokens.read(authorization) {
        Ok(session) if session.role == "admin" => format!("hello {}", session.sub).into_response(),
        Ok(_) => (
            StatusCode::FORBIDDEN,
            [(
                header::WWW_AUTHENTICATE,
                r#"Bearer error="insufficient_scope""#,
            )],
            "admin only",
        )
            .into_response(),
        Err(_) => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#)],
            "invalid token",
        )
            .into_response(),
    }
}

/// The service's routes.
pub fn app(tokens: Arc<Tokens>) -> Router {
    Router::new()
        .route("/login", post(login))
        .route("/protected", get(protected))
        .with_state(tokens)
}

/// Fresh keys, one of each, with kids.
pub fn generate_set() -> jwcrypt::Result<JwkSet> {
    Ok([
        Jwk::generate_for(SigningAlg::HS256)?
            .with_alg(SigningAlg::HS256)
            .with_kid("sig-1"),
        Jwk::generate_for(Km::A256KW)?
            .with_alg(Km::A256KW)
            .with_kid("enc-1"),
    ]
    .into_iter()
    .collect())
}

#[allow(dead_code)] // the test drives `app`, not `main`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let set = match std::env::args().nth(1) {
        Some(path) => JwkSet::from_json_strict(std::fs::read(path)?)?,
        None => generate_set()?,
    };
    let tokens = Arc::new(Tokens::new(&set, Arc::new(jwt::SystemClock))?);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
        println!("listening on http://{}", listener.local_addr()?);
        axum::serve(listener, app(tokens)).await
    })?;
    Ok(())
}
