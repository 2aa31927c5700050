//! RFC 7518 §4.6.1.1: members of a received `epk` beyond the public key "can be checked for
//! consistency and honored, or they can be ignored". jwcrypt honours the registered public
//! members that change nothing about the key (`kid`, `use: "enc"`, the token's own `alg`), as
//! Wycheproof's ECDH JWKs and jwcrypto's tokens carry them, and refuses private members and
//! every other member. The `epk` is edited in the per-recipient unprotected header of a JSON
//! serialization, which the content's tag does not cover, so each edit tests `epk` alone.

use jwcrypt::jwe::{Decrypter, JsonEncrypter};
use jwcrypt::{ContentEncryptionAlg as E, ErrorKind, Jwk, KeyManagementAlg as K};
use serde_json::{Map, Value, json};

/// An edit of an `epk` object.
type Edit = Box<dyn Fn(&mut Map<String, Value>)>;

/// A JSON-serialized JWE to `key` with `alg`, its first recipient's `epk` changed by `edit`,
/// then decrypted by `key`.
fn decrypt_with_epk(
    key: &Jwk,
    alg: K,
    edit: impl Fn(&mut Map<String, Value>),
) -> jwcrypt::Result<Vec<u8>> {
    let token = JsonEncrypter::new(E::A256Gcm)
        .add_recipient(key, alg, None)?
        .encrypt(b"epk members", None)?;
    let mut v: Value = serde_json::from_str(&token).unwrap();
    let epk = v["recipients"][0]["header"]["epk"]
        .as_object_mut()
        .expect("epk in the recipient header");
    edit(epk);
    let token = serde_json::to_string(&v).unwrap();
    Decrypter::new(key, &[alg], &[E::A256Gcm])?
        .decrypt_json(&token)
        .map(|d| d.plaintext().to_vec())
}

fn keys() -> Vec<Jwk> {
    vec![
        Jwk::generate_ec("P-256").unwrap(),
        Jwk::generate_ec("P-521").unwrap(),
        Jwk::generate_okp("X25519").unwrap(),
    ]
}

#[test]
fn epk_with_consistent_registered_members_is_accepted() {
    for key in keys() {
        for alg in [K::EcdhEsA256KW, K::EcdhEsA128KW] {
            assert_eq!(decrypt_with_epk(&key, alg, |_| {}).unwrap(), b"epk members");
            let with_kid = decrypt_with_epk(&key, alg, |epk| {
                epk.insert("kid".into(), json!("none"));
            });
            assert_eq!(with_kid.unwrap(), b"epk members", "{alg} kid");
            let all = decrypt_with_epk(&key, alg, |epk| {
                epk.insert("kid".into(), json!("eph-1"));
                epk.insert("use".into(), json!("enc"));
                epk.insert("alg".into(), json!(alg.name()));
            });
            assert_eq!(all.unwrap(), b"epk members", "{alg} kid+use+alg");
        }
    }
}

#[test]
fn epk_with_private_inconsistent_or_unknown_members_is_refused() {
    let edits: Vec<(&str, Edit)> = vec![
        (
            "d",
            Box::new(|e| {
                e.insert("d".into(), json!("AAAA"));
            }),
        ),
        (
            "kid not a string",
            Box::new(|e| {
                e.insert("kid".into(), json!(7));
            }),
        ),
        (
            "use sig",
            Box::new(|e| {
                e.insert("use".into(), json!("sig"));
            }),
        ),
        (
            "alg of another token",
            Box::new(|e| {
                e.insert("alg".into(), json!("ECDH-ES"));
            }),
        ),
        (
            "key_ops",
            Box::new(|e| {
                e.insert("key_ops".into(), json!(["deriveKey"]));
            }),
        ),
        (
            "x5c",
            Box::new(|e| {
                e.insert("x5c".into(), json!(["MIIB"]));
            }),
        ),
        (
            "unknown member",
            Box::new(|e| {
                e.insert("ext".into(), json!(true));
            }),
        ),
        (
            "no x",
            Box::new(|e| {
                e.remove("x");
            }),
        ),
    ];
    for key in keys() {
        for (what, edit) in &edits {
            let err = decrypt_with_epk(&key, K::EcdhEsA256KW, edit).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Decryption, "{what}");
        }
    }
}
