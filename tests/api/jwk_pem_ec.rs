//! PEM and DER import and export of EC and OKP keys: OpenSSL-made keys (tests/data/pem)
//! against the same keys as JWKs, round trips for every curve, encrypted PKCS#8, and the
//! documents that must be refused.

use crate::support::*;
use jwcrypt::{ErrorKind, Jwk, jwa::HashAlg};

const PASSWORD: &[u8] = b"correct-horse";
const EC: [&str; 4] = ["P-256", "P-384", "P-521", "secp256k1"];
const OKP: [&str; 4] = ["Ed25519", "Ed448", "X25519", "X448"];

fn pem_text(name: &str) -> String {
    std::fs::read_to_string(data_path("pem").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn pem_bytes(name: &str) -> Vec<u8> {
    std::fs::read(data_path("pem").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every fixture stem: `ec-P-256`, ..., `okp-X448`.
fn stems() -> Vec<String> {
    EC.iter()
        .map(|c| format!("ec-{c}"))
        .chain(OKP.iter().map(|c| format!("okp-{c}")))
        .collect()
}

/// OpenSSL's PKCS#8 (PEM and DER), SPKI and SEC1 read to the key that Python `cryptography`
/// wrote as a JWK, with the same thumbprint.
#[test]
fn openssl_keys_match_their_jwks() {
    for stem in stems() {
        let expected = Jwk::from_json(pem_text(&format!("{stem}.jwk.json"))).unwrap();
        let private = Jwk::from_pem(&pem_text(&format!("{stem}.pkcs8.pem")))
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(private, expected, "{stem}");
        assert!(private.is_private());
        let der = Jwk::from_der(&pem_bytes(&format!("{stem}.pkcs8.der"))).unwrap();
        assert_eq!(der, expected, "{stem}");
        let public = Jwk::from_pem(&pem_text(&format!("{stem}.spki.pem"))).unwrap();
        assert!(!public.is_private());
        assert_eq!(public, expected.to_public().unwrap(), "{stem}");
        for h in [HashAlg::Sha256, HashAlg::Sha512] {
            assert_eq!(
                public.thumbprint(h).unwrap(),
                expected.thumbprint(h).unwrap(),
                "{stem}"
            );
        }
        if stem.starts_with("ec-") {
            let sec1 = Jwk::from_pem(&pem_text(&format!("{stem}.sec1.pem"))).unwrap();
            assert_eq!(sec1, expected, "{stem}");
            let sec1 = Jwk::from_der(&pem_bytes(&format!("{stem}.sec1.der"))).unwrap();
            assert_eq!(sec1, expected, "{stem}");
        }
    }
}

/// Our PKCS#8 and SPKI output is byte-for-byte OpenSSL's for the same key (OpenSSL 3 writes
/// EC PKCS#8 with the curve and public point in the SEC1 structure, OKP PKCS#8 v1).
#[test]
fn export_matches_openssl() {
    for stem in stems() {
        let key = Jwk::from_json(pem_text(&format!("{stem}.jwk.json"))).unwrap();
        assert_eq!(
            key.to_spki_pem().unwrap(),
            pem_text(&format!("{stem}.spki.pem")),
            "{stem}"
        );
        assert_eq!(
            *key.to_pkcs8_pem().unwrap(),
            pem_text(&format!("{stem}.pkcs8.pem")),
            "{stem}"
        );
        assert_eq!(
            *key.to_pkcs8_der().unwrap(),
            pem_bytes(&format!("{stem}.pkcs8.der")),
            "{stem}"
        );
    }
}

/// Generated keys on every curve round-trip through PKCS#8 (plain, encrypted; PEM and DER)
/// and SPKI; a public key has no PKCS#8 and no EC/OKP key has PKCS#1.
#[test]
fn generated_keys_round_trip() {
    let keys = EC
        .iter()
        .map(|c| Jwk::generate_ec(c).unwrap())
        .chain(OKP.iter().map(|c| Jwk::generate_okp(c).unwrap()));
    for key in keys {
        let name = material(&key)["crv"].as_str().unwrap().to_owned();
        assert_eq!(
            Jwk::from_pem(&key.to_pkcs8_pem().unwrap()).unwrap(),
            key,
            "{name}"
        );
        assert_eq!(Jwk::from_der(&key.to_pkcs8_der().unwrap()).unwrap(), key);
        let public = key.to_public().unwrap();
        assert_eq!(Jwk::from_pem(&key.to_spki_pem().unwrap()).unwrap(), public);
        assert_eq!(Jwk::from_der(&key.to_spki_der().unwrap()).unwrap(), public);
        assert_eq!(public.to_spki_der().unwrap(), key.to_spki_der().unwrap());
        assert_eq!(
            public.to_pkcs8_pem().unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            key.to_pkcs1_pem(false).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            Jwk::from_pem(&key.to_pkcs8_pem().unwrap())
                .unwrap()
                .thumbprint(HashAlg::Sha256)
                .unwrap(),
            key.thumbprint(HashAlg::Sha256).unwrap()
        );
    }
    // Encryption is slow (600,000 PBKDF2 iterations): one EC and one OKP curve.
    for key in [
        Jwk::generate_ec("P-384").unwrap(),
        Jwk::generate_okp("X25519").unwrap(),
    ] {
        let pem = key.to_pkcs8_pem_with_password(PASSWORD).unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        assert_eq!(Jwk::from_pem_with_password(&pem, PASSWORD).unwrap(), key);
        assert_eq!(
            Jwk::from_pem(&pem).unwrap_err().kind(),
            ErrorKind::KeyEncoding
        );
    }
}

/// OpenSSL's encrypted PKCS#8 (PBKDF2 and scrypt) of EC and OKP keys.
#[test]
fn openssl_encrypted_keys() {
    for (file, stem) in [
        ("ec-P-256.pkcs8-pbkdf2.pem", "ec-P-256"),
        ("okp-Ed25519.pkcs8-scrypt.pem", "okp-Ed25519"),
    ] {
        let expected = Jwk::from_json(pem_text(&format!("{stem}.jwk.json"))).unwrap();
        let text = pem_text(file);
        assert_eq!(
            Jwk::from_pem_with_password(&text, PASSWORD).unwrap(),
            expected
        );
        let e = Jwk::from_pem_with_password(&text, b"wrong").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyEncoding);
    }
}

/// Compressed points, explicit curve parameters and unknown curves are refused with a
/// message that says what is wrong.
#[test]
fn unsupported_documents_refused() {
    for (file, words) in [
        ("ec-P-256.spki-compressed.pem", "compressed"),
        ("ec-P-256.sec1-explicit.pem", "curve"),
        ("ec-P-192.sec1.pem", "1.2.840.10045.3.1.1"),
    ] {
        let e = Jwk::from_pem(&pem_text(file)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyEncoding, "{file}");
        assert!(e.message().contains(words), "{file}: {e}");
    }
}
