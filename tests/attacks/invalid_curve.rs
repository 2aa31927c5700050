//! ATTACKS row 21 (ECDH-ES invalid-curve attacks): every malformed or foreign `epk` refused
//! with the one decryption error before any agreement.

use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg as E, Error, ErrorKind, Jwk, KeyManagementAlg as K};
use serde_json::{Value, json};

use crate::helpers::{b64, hs256_key, kind};
use crate::support::{self, rsa_key};
use crate::zip_util::to_flattened;

/// Replaces the `epk` of a compact token's protected header (`None` removes it).
fn with_epk(token: &str, epk: Option<&Value>) -> String {
    let (head, rest) = token.split_once('.').unwrap();
    let mut header: Value =
        serde_json::from_slice(&support::b64::decode(head.as_bytes()).unwrap()).unwrap();
    match epk {
        Some(v) => header["epk"] = v.clone(),
        None => {
            header.as_object_mut().unwrap().remove("epk");
        }
    }
    format!("{}.{rest}", b64(header.to_string()))
}

/// ATTACKS row 21 (CVE-2016-9121, CVE-2015-7940): an `epk` off the curve ((0,0), a point
/// with its `y` changed, a P-192 point labelled P-256), of another curve (a P-384 point to a
/// P-256 key, X448 to X25519), the identity (no affine encoding: (0,0) and empty
/// coordinates), X25519 points of small order, a `crv` or `kty` other than the recipient's,
/// an `epk` carrying `d` or any other member, or none, is refused with the one decryption
/// error, for every ECDH-ES algorithm. The refusal happens when `epk` is read, before any
/// agreement: the unit test `jwe::tests_ecdh_es::epk_checked_before_agreement` calls that check
/// directly. The off-curve and small-order keys are also refused at JWK import.
#[test]
fn cve_2016_9121_ecdh_es_invalid_curve_refused() {
    let p256 = Jwk::generate_ec("P-256").unwrap();
    let p384 = Jwk::generate_ec("P-384").unwrap();
    let x25519 = Jwk::generate_okp("X25519").unwrap();
    let x448 = Jwk::generate_okp("X448").unwrap();
    let public = |k: &Jwk| -> Value { serde_json::from_str(&k.export_public().unwrap()).unwrap() };
    let (pub256, pub384, pub25519, pub448) =
        (public(&p256), public(&p384), public(&x25519), public(&x448));
    let zero32 = b64([0u8; 32]);
    let p192 = b64([0x18u8; 24]);
    let mut y_changed = pub256.clone();
    let mut y = support::b64::decode(pub256["y"].as_str().unwrap().as_bytes()).unwrap();
    y[31] ^= 1;
    y_changed["y"] = json!(b64(y));
    let mut with_d = pub256.clone();
    with_d["d"] = json!(b64([1u8; 32]));
    // A `kid` is a registered member a recipient may honour (tests/api/jwe_epk.rs); `key_ops`
    // is not among those jwcrypt accepts in an `epk`.
    let mut with_key_ops = pub256.clone();
    with_key_ops["key_ops"] = json!(["deriveBits"]);
    let mut labelled_384 = pub256.clone();
    labelled_384["crv"] = json!("P-384");
    let mut okp_labelled = pub256.clone();
    okp_labelled["kty"] = json!("OKP");
    let ec_bad = [
        json!({"kty":"EC","crv":"P-256","x":zero32,"y":zero32}),
        json!({"kty":"EC","crv":"P-256","x":"","y":""}),
        json!({"kty":"EC","crv":"P-256","x":p192,"y":p192}),
        y_changed,
        pub384.clone(),
        labelled_384,
        okp_labelled,
        pub25519.clone(),
        with_d,
        with_key_ops,
        json!({"kty":"EC","crv":"P-256","x":pub256["x"]}),
        json!("not an object"),
    ];
    // RFC 7748 §7 / libsodium's blocklist: 0, 1, the order-8 points, p - 1, p, p + 1.
    let small_order = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];
    let mut x_bad: Vec<Value> = small_order
        .iter()
        .map(|h| json!({"kty":"OKP","crv":"X25519","x": b64(support::hex(h))}))
        .collect();
    let mut x_with_d = pub25519.clone();
    x_with_d["d"] = json!(b64([1u8; 32]));
    x_bad.extend([pub448.clone(), pub256.clone(), x_with_d]);
    let reference = Error::decryption().to_string();
    for alg in [K::EcdhEs, K::EcdhEsA128KW, K::EcdhEsA192KW, K::EcdhEsA256KW] {
        for (key, bad) in [(&p256, &ec_bad[..]), (&x25519, &x_bad[..])] {
            let good = Encrypter::new(&key.to_public().unwrap(), alg, E::A128Gcm)
                .unwrap()
                .encrypt_compact(b"x")
                .unwrap();
            let d = Decrypter::new(key, &[alg], E::ALL).unwrap();
            assert_eq!(d.decrypt(&good).unwrap().plaintext(), b"x");
            for epk in bad.iter().map(Some).chain([None]) {
                let t = with_epk(&good, epk);
                let e = d.decrypt(&t).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::Decryption, "{alg} {epk:?}");
                assert_eq!(e.to_string(), reference);
                let e = d.decrypt(&to_flattened(&t)).unwrap_err();
                assert_eq!(e.to_string(), reference, "{alg} {epk:?}");
            }
        }
    }
    for key in [
        json!({"kty":"EC","crv":"P-256","x":zero32,"y":zero32}),
        json!({"kty":"EC","crv":"P-256","x":zero32,"y":zero32,"d":zero32}),
        json!({"kty":"OKP","crv":"X25519","x":zero32}),
    ] {
        assert!(Jwk::from_json(key.to_string()).is_err(), "{key}");
    }
    // The key types ECDH-ES refuses: secp256k1, Ed25519, RSA, oct.
    let k1 = Jwk::generate_ec("secp256k1").unwrap();
    let ed = Jwk::generate_okp("Ed25519").unwrap();
    for key in [&k1, &ed, &rsa_key(), &hs256_key()] {
        assert_eq!(
            kind(Encrypter::new(key, K::EcdhEsA256KW, E::A256Gcm)),
            ErrorKind::KeyMismatch
        );
    }
}
