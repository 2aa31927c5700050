//! `Debug` and `Display` of every public type that may hold or touch secret material, and of
//! the error of every failing path, show no secret bytes: not the base64url of `k`, `d`, `p`,
//! `q`, `dp`, `dq`, `qi`, nor a known CEK, nor a secret plaintext (in base64url, hex,
//! decimal-list or text form).

use crate::support;
use jwcrypt::jwe::{Decrypter, Encrypter, JsonEncrypter};
use jwcrypt::jws::{self, JwsHeader, Verifier};
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{
    ContentEncryptionAlg as E, Error, Jwk, JwkSet, KeyManagementAlg as K, Policy, Secret,
    SigningAlg as S,
};
use serde_json::Value;

const PLAINTEXT: &[u8] = b"TOP-SECRET-PLAINTEXT: the launch code is 0000-1111-2222";
const CEK: [u8; 32] = [
    0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18, 0x29, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f, 0x90,
    0x01, 0x12, 0x23, 0x34, 0x45, 0x56, 0x67, 0x78, 0x89, 0x9a, 0xab, 0xbc, 0xcd, 0xde, 0xef, 0xf0,
];

/// Every rendering of `bytes` that a careless `Debug` might print.
fn renderings(bytes: &[u8]) -> Vec<String> {
    let head = &bytes[..bytes.len().min(12)];
    vec![
        support::b64::encode(bytes).chars().take(16).collect(),
        head.iter().map(|b| format!("{b:02x}")).collect::<String>(),
        format!("{:?}", &head[..8.min(head.len())])
            .trim_end_matches(']')
            .to_owned(),
    ]
}

struct Secrets(Vec<String>);

impl Secrets {
    fn of_key(key: &Jwk) -> Self {
        let json = key.export_private().unwrap();
        let v: Value = serde_json::from_str(&json).unwrap();
        let mut out = Vec::new();
        for m in ["k", "d", "p", "q", "dp", "dq", "qi"] {
            if let Some(s) = v.get(m).and_then(Value::as_str) {
                out.extend(renderings(&support::b64::decode(s).unwrap()));
            }
        }
        assert!(!out.is_empty());
        Self(out)
    }

    fn with(mut self, bytes: &[u8]) -> Self {
        self.0.extend(renderings(bytes));
        self
    }

    fn check(&self, what: &str, text: &str) {
        for s in &self.0 {
            assert!(!text.contains(s.as_str()), "{what} leaks {s:?}: {text}");
        }
    }

    fn check_debug_display<T: std::fmt::Debug>(&self, what: &str, value: &T) {
        self.check(what, &format!("{value:?}"));
        self.check(what, &format!("{value:#?}"));
    }

    fn check_error(&self, what: &str, e: &Error) {
        self.check(what, &format!("{e:?}"));
        self.check(what, &e.to_string());
        self.check(what, e.message());
    }
}

fn rsa() -> Jwk {
    support::without(&Jwk::from_json(support::RFC7520_RSA).unwrap(), &["use"])
}

fn oct() -> Jwk {
    Jwk::from_oct_bytes(&[0x5c; 32]).unwrap().with_kid("o")
}

#[test]
fn keys_and_sets() {
    for key in [oct(), rsa(), Jwk::generate_oct(512).unwrap()] {
        let s = Secrets::of_key(&key);
        s.check_debug_display("Jwk", &key);
        s.check_debug_display("Jwk params", key.params());
        if let Some(secret) = key.oct_secret() {
            s.check_debug_display("Secret", secret);
        }
        let set: JwkSet = [key.clone(), key.to_public().unwrap_or_else(|_| oct())]
            .into_iter()
            .collect();
        s.check_debug_display("JwkSet", &set);
        s.check("public export", &set.export_public().unwrap());
        s.check(
            "thumbprint",
            &key.thumbprint(jwcrypt::jwa::HashAlg::Sha256).unwrap(),
        );
    }
    let secret = Secret::from_slice(&CEK);
    Secrets(renderings(&CEK)).check_debug_display("Secret", &secret);
}

#[test]
fn key_import_errors() {
    let good: Value = serde_json::from_str(&rsa().export_private().unwrap()).unwrap();
    let s = Secrets::of_key(&rsa());
    // Inconsistent or malformed private members: the error names the problem, not the value.
    for (member, value) in [
        ("d", good["p"].clone()),
        ("p", good["q"].clone()),
        ("qi", good["dp"].clone()),
        (
            "dq",
            Value::from(format!("{}=", good["dq"].as_str().unwrap())),
        ),
        (
            "q",
            Value::from(format!("{}+", good["q"].as_str().unwrap())),
        ),
        ("n", good["d"].clone()),
        ("e", good["d"].clone()),
    ] {
        let mut k = good.clone();
        k[member] = value;
        let e = Jwk::from_json(k.to_string()).unwrap_err();
        s.check_error(member, &e);
    }
    let mut k = good.clone();
    k.as_object_mut().unwrap().remove("p");
    s.check_error("missing p", &Jwk::from_json(k.to_string()).unwrap_err());
    // A JWK Set with a bad key: the error names the index only.
    let set = format!(
        "{{\"keys\":[{},{{\"kty\":\"oct\",\"k\":{}}}]}}",
        good, good["d"]
    );
    if let Err(e) = JwkSet::from_json(&set) {
        s.check_error("set", &e);
    }
    // oct keys with bad base64url.
    let o = oct();
    let so = Secrets::of_key(&o);
    let k = support::b64::encode(o.oct_secret().unwrap().expose_secret());
    for bad in [
        format!("{k}="),
        format!("{k}+"),
        format!(" {k}"),
        format!("{k}\n"),
    ] {
        let text = serde_json::json!({"kty":"oct","k":bad}).to_string();
        so.check_error("oct", &Jwk::from_json(&text).unwrap_err());
    }
    // PEM errors with a password.
    let pem = rsa().to_pkcs8_pem().unwrap();
    let cut: String = pem.chars().take(pem.len() / 2).collect();
    s.check_error("pem", &Jwk::from_pem(&cut).unwrap_err());
    let locked = rsa().to_pkcs8_pem_with_password(b"right").unwrap();
    let e = Jwk::from_pem_with_password(&locked, b"wrong").unwrap_err();
    s.check_error("pem password", &e);
    s.check_error("pem no password", &Jwk::from_pem(&locked).unwrap_err());
}

#[test]
fn jws_types_and_errors() {
    for key in [oct(), rsa()] {
        let alg = if key.oct_secret().is_some() {
            S::HS256
        } else {
            S::RS256
        };
        let s = Secrets::of_key(&key);
        let before = format!("{key:?}");
        let header = JwsHeader::new(alg).with_kid("kid");
        s.check_debug_display("JwsHeader", &header);
        let token = jws::sign_compact(b"{\"a\":1}", &header, &key).unwrap();
        let v = Verifier::new(&key, &[alg]).unwrap();
        s.check_debug_display("Verifier", &v);
        let verified = v.verify(&token).unwrap();
        s.check_debug_display("Verified", &verified);
        // An oct key now holds its keyed HMAC state: Debug is unchanged and shows none of it.
        s.check_debug_display("Jwk after use", &key);
        s.check_debug_display("Jwk clone after use", &key.clone());
        assert_eq!(format!("{key:?}"), before);
        let mut bad = token.clone();
        bad.push('A');
        let wrong = Jwk::from_oct_bytes(&[1; 32]).unwrap();
        for e in [
            v.verify(&bad).unwrap_err(),
            v.verify(&token.replace('.', "")).unwrap_err(),
            Verifier::new(&key, &[S::HS512])
                .unwrap()
                .verify(&token)
                .unwrap_err(),
            Verifier::new(&wrong, &[alg])
                .unwrap()
                .verify(&token)
                .unwrap_err(),
            jws::sign_compact(b"x", &JwsHeader::new(S::PS512), &wrong).unwrap_err(),
            jws::sign_compact(b"x", &JwsHeader::new(S::HS512), &key).unwrap_err(),
        ] {
            s.check_error("jws error", &e);
        }
    }
}

#[test]
fn jwe_types_and_errors() {
    let cases = [
        (oct(), K::A256KW, E::A256CbcHs512),
        (oct(), K::A256GCMKW, E::A256Gcm),
        (Jwk::from_oct_bytes(&CEK).unwrap(), K::Dir, E::A256Gcm),
        (rsa(), K::RsaOaep256, E::A256CbcHs512),
    ];
    for (key, alg, enc) in cases {
        // The CEK is drawn inside encryption; for dir it is the key itself.
        let s = Secrets::of_key(&key).with(PLAINTEXT);
        let e = Encrypter::new(&key, alg, enc).unwrap();
        s.check_debug_display("Encrypter", &e);
        let token = e.encrypt_compact(PLAINTEXT).unwrap();
        let json = e.encrypt_json(PLAINTEXT, Some(b"aad")).unwrap();
        let d = Decrypter::new(&key, &[alg], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
        s.check_debug_display("Decrypter", &d);
        let out = d.decrypt(&token).unwrap();
        assert_eq!(out.plaintext(), PLAINTEXT);
        // An AES-KW key now holds its expanded cipher: Debug shows none of it.
        s.check_debug_display("Jwk after use", &key);
        s.check_debug_display("Decrypted", &out);
        s.check_debug_display("JweHeader", out.header());
        s.check_debug_display("Decrypted (JSON)", &d.decrypt(&json).unwrap());
        let je = JsonEncrypter::new(enc)
            .add_recipient(&key, alg, None)
            .unwrap();
        s.check_debug_display("JsonEncrypter", &je);

        let parts: Vec<&str> = token.split('.').collect();
        let swap = |i: usize, with: &str| {
            let mut p = parts.clone();
            p[i] = with;
            p.join(".")
        };
        let wrong = Jwk::from_oct_bytes(&[2; 32]).unwrap();
        for err in [
            d.decrypt(&swap(4, "AAAAAAAAAAAAAAAAAAAAAA")).unwrap_err(),
            d.decrypt(&swap(3, "AAAA")).unwrap_err(),
            d.decrypt(&swap(1, "AAAA")).unwrap_err(),
            d.decrypt(&swap(2, "")).unwrap_err(),
            d.decrypt(&swap(0, "e30")).unwrap_err(),
            d.decrypt(&token[..token.len() - 3]).unwrap_err(),
            Decrypter::new(&wrong, &[alg], jwcrypt::ContentEncryptionAlg::ALL)
                .unwrap()
                .decrypt(&token)
                .unwrap_err(),
            Decrypter::new(&key, &[K::A128KW], jwcrypt::ContentEncryptionAlg::ALL)
                .unwrap()
                .decrypt(&token)
                .unwrap_err(),
            Encrypter::new(&key, K::A128KW, enc)
                .map(|_| ())
                .unwrap_err(),
        ] {
            s.check_error("jwe error", &err);
        }
    }
}

#[test]
fn jwt_types_and_errors() {
    let sig = oct();
    let enc = Jwk::from_oct_bytes(&[0x6d; 32]).unwrap();
    let s = Secrets::of_key(&sig)
        .with(enc.oct_secret().unwrap().expose_secret())
        .with(b"secret-claim-value-xyz");
    let claims = Claims::new()
        .subject("alice")
        .claim("pw", "secret-claim-value-xyz")
        .expires_at(1);
    let token = jwt::signed(&claims, &sig, S::HS256)
        .unwrap()
        .encrypt(&enc, K::A256KW, E::A256Gcm)
        .unwrap();
    let reader = Reader::builder(Validation::new())
        .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(&sig, &[S::HS256])
        .build()
        .unwrap();
    // Expired: the validation error must not echo the claims.
    let e = reader.read(&token).unwrap_err();
    s.check_error("jwt expired", &e);
    let policy = Policy::recommended();
    s.check_debug_display("Policy", &policy);
    for e in [
        Reader::builder(Validation::new())
            .verify_with(&sig, &[S::HS256])
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err(),
        Reader::builder(Validation::new())
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err(),
        Reader::builder(Validation::new().issuer("x"))
            .decrypt_with(&enc, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
            .verify_with(&sig, &[S::HS256])
            .build()
            .unwrap()
            .read(&token)
            .unwrap_err(),
    ] {
        s.check_error("jwt error", &e);
    }
}

/// ECDH-ES private keys and PBES2 passwords: not in any `Debug` of the keys, passwords,
/// encrypters, decrypters, decrypted tokens, nor in any error.
#[test]
fn ecdh_es_and_pbes2_types_and_errors() {
    use jwcrypt::jwe::Password;
    for key in [
        Jwk::generate_ec("P-256").unwrap(),
        Jwk::generate_okp("X25519").unwrap(),
    ] {
        let s = Secrets::of_key(&key);
        s.check_debug_display("EC/OKP Jwk", &key);
        let public = key.to_public().unwrap();
        let e = Encrypter::new(&public, K::EcdhEsA256KW, E::A256Gcm).unwrap();
        s.check_debug_display("Encrypter", &e);
        let t = e.encrypt_compact(b"x").unwrap();
        s.check("ECDH-ES token", &t);
        let d = Decrypter::new(&key, &[K::EcdhEsA256KW], E::ALL).unwrap();
        s.check_debug_display("Decrypter", &d);
        s.check_debug_display("Decrypted", &d.decrypt(&t).unwrap());
        let mut bad = t.clone();
        bad.insert(3, 'x');
        s.check_error("ECDH-ES error", &d.decrypt(&bad).unwrap_err());
    }
    let pw = b"a password nobody may see";
    let s = Secrets(vec![String::from_utf8(pw.to_vec()).unwrap()]).with(pw);
    let password = Password::new(pw.to_vec()).unwrap();
    s.check_debug_display("Password", &password);
    let e = Encrypter::with_password(&password, K::Pbes2Hs256A128KW, E::A128Gcm).unwrap();
    s.check_debug_display("PBES2 Encrypter", &e);
    let t = e.encrypt_compact(b"x").unwrap();
    s.check("PBES2 token", &t);
    let d = Decrypter::with_password(&password, &[K::Pbes2Hs256A128KW], E::ALL).unwrap();
    s.check_debug_display("PBES2 Decrypter", &d);
    let wrong = Password::new(b"wrong".to_vec()).unwrap();
    let dw = Decrypter::with_password(&wrong, &[K::Pbes2Hs256A128KW], E::ALL).unwrap();
    s.check_error("PBES2 error", &dw.decrypt(&t).unwrap_err());
}
