//! PEM and DER import and export: round trips, OpenSSL-made keys, encrypted PKCS#8,
//! and the keys and documents that must be refused.

use crate::support::*;
use jwcrypt::{ErrorKind, Jwk, jwa::HashAlg};
use pkcs8::der::Decode;
use pkcs8::pkcs5::{EncryptionScheme, pbes2};

const PASSWORD: &[u8] = b"correct-horse";

#[test]
fn round_trips_every_format() {
    for name in RSA_KEYS {
        let key = jwk(name);
        let public = key.to_public().unwrap();

        let pkcs8 = key.to_pkcs8_pem().unwrap();
        assert!(pkcs8.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{name}");
        assert!(pkcs8.ends_with("-----END PRIVATE KEY-----\n"), "{name}");
        assert_eq!(material(&Jwk::from_pem(&pkcs8).unwrap()), material(&key));

        let pkcs1 = key.to_pkcs1_pem(true).unwrap();
        assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        assert_eq!(material(&Jwk::from_pem(&pkcs1).unwrap()), material(&key));

        let spki = key.to_spki_pem().unwrap();
        assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        let back = Jwk::from_pem(&spki).unwrap();
        assert!(!back.is_private());
        assert_eq!(material(&back), material(&public));

        let pkcs1_pub = key.to_pkcs1_pem(false).unwrap();
        assert!(pkcs1_pub.starts_with("-----BEGIN RSA PUBLIC KEY-----\n"));
        assert_eq!(
            material(&Jwk::from_pem(&pkcs1_pub).unwrap()),
            material(&public)
        );

        // DER, with the format detected.
        for der in [key.to_pkcs8_der().unwrap(), key.to_pkcs1_der(true).unwrap()] {
            assert_eq!(material(&Jwk::from_der(&der).unwrap()), material(&key));
        }
        for der in [
            key.to_spki_der().unwrap(),
            key.to_pkcs1_der(false).unwrap().to_vec(),
        ] {
            assert_eq!(material(&Jwk::from_der(&der).unwrap()), material(&public));
        }
        // A public key exports its public forms the same way.
        assert_eq!(public.to_spki_pem().unwrap(), spki);
        assert_eq!(*public.to_pkcs1_pem(false).unwrap(), *pkcs1_pub);
    }
}

#[test]
fn pem_import_has_no_parameters() {
    let key = jwk("rsa2048-b.json");
    assert_eq!(key.kid(), Some("rsa-b"));
    let back = Jwk::from_pem(&key.to_pkcs8_pem().unwrap()).unwrap();
    assert_eq!(back.kid(), None);
    assert_eq!(back.alg(), None);
    assert_eq!(
        back.thumbprint(HashAlg::Sha256).unwrap(),
        key.thumbprint(HashAlg::Sha256).unwrap()
    );
}

#[test]
fn rfc7520_key_through_pem() {
    let key = Jwk::from_json(RFC7520_RSA).unwrap();
    let back = Jwk::from_pem(&key.to_pkcs8_pem().unwrap()).unwrap();
    let original: serde_json::Value = serde_json::from_str(RFC7520_RSA).unwrap();
    let exported: serde_json::Value =
        serde_json::from_str(&back.export_private().unwrap()).unwrap();
    for m in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
        assert_eq!(exported[m], original[m], "member {m}");
    }
}

#[test]
fn openssl_keys_read_alike() {
    let private = Jwk::from_pem(&key_text("openssl-pkcs8.pem")).unwrap();
    assert!(private.is_private());
    assert_eq!(private.size_bits(), 2048);
    let public = private.to_public().unwrap();
    let k = Jwk::from_pem(&key_text("openssl-pkcs1.pem")).unwrap();
    assert_eq!(material(&k), material(&private));
    for name in ["openssl-spki.pem", "openssl-pkcs1-public.pem"] {
        let k = Jwk::from_pem(&key_text(name)).unwrap();
        assert_eq!(material(&k), material(&public), "{name}");
    }
    let k = Jwk::from_der(&key_bytes("openssl-pkcs8.der")).unwrap();
    assert_eq!(material(&k), material(&private));
    let k = Jwk::from_der(&key_bytes("openssl-spki.der")).unwrap();
    assert_eq!(material(&k), material(&public));
    // Our exports are byte for byte what OpenSSL wrote (both are DER, which is canonical).
    assert_eq!(
        *private.to_pkcs8_pem().unwrap(),
        key_text("openssl-pkcs8.pem")
    );
    assert_eq!(
        *private.to_pkcs1_pem(true).unwrap(),
        key_text("openssl-pkcs1.pem")
    );
    assert_eq!(private.to_spki_pem().unwrap(), key_text("openssl-spki.pem"));
    assert_eq!(
        *private.to_pkcs1_pem(false).unwrap(),
        key_text("openssl-pkcs1-public.pem")
    );
    assert_eq!(
        private.to_spki_der().unwrap(),
        key_bytes("openssl-spki.der")
    );
}

#[test]
fn openssl_small_exponent_key_is_read() {
    let k = Jwk::from_pem(&key_text("openssl-e3.pem")).unwrap();
    let v = members(&k);
    assert_eq!(v["e"], "Aw");
    // Back through JSON with all its members.
    let again = Jwk::from_json(k.export_private().unwrap().as_bytes()).unwrap();
    assert_eq!(again, k);
}

#[test]
fn small_exponent_key_without_primes_is_refused_clearly() {
    let k = Jwk::from_pem(&key_text("openssl-e3.pem")).unwrap();
    let mut v = members(&k);
    for m in ["p", "q", "dp", "dq", "qi"] {
        v.as_object_mut().unwrap().remove(m);
    }
    let e = Jwk::from_value(&v).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("recovered"), "{e}");
}

#[test]
fn openssl_encrypted_pkcs8() {
    let plain = Jwk::from_pem(&key_text("openssl-pkcs8.pem")).unwrap();
    for name in ["openssl-pkcs8-pbkdf2.pem", "openssl-pkcs8-scrypt.pem"] {
        let text = key_text(name);
        let k = Jwk::from_pem_with_password(&text, PASSWORD).unwrap();
        assert_eq!(material(&k), material(&plain), "{name}");

        let e = Jwk::from_pem(&text).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyEncoding);
        assert!(e.message().contains("password"), "{e}");

        let e = Jwk::from_pem_with_password(&text, b"wrong").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyEncoding, "{name}");
        assert!(e.message().contains("password"), "{e}");
    }
}

#[test]
fn unsupported_encryptions_are_named() {
    let e =
        Jwk::from_pem_with_password(&key_text("openssl-pkcs8-pbes1.pem"), PASSWORD).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyEncoding);
    assert!(e.message().contains("PBES1"), "{e}");
    assert!(e.message().contains("PBES2"), "{e}");

    let e =
        Jwk::from_pem_with_password(&key_text("openssl-pkcs8-sha1prf.pem"), PASSWORD).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyEncoding);
    assert!(e.message().contains("unsupported"), "{e}");

    let text = key_text("openssl-legacy-encrypted.pem");
    for result in [
        Jwk::from_pem(&text),
        Jwk::from_pem_with_password(&text, PASSWORD),
    ] {
        let e = result.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyEncoding);
        assert!(e.message().contains("legacy"), "{e}");
    }
}

#[test]
fn encrypted_export_round_trips() {
    let key = jwk("rsa2048-a.json");
    let pem = key.to_pkcs8_pem_with_password(PASSWORD).unwrap();
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    let back = Jwk::from_pem_with_password(&pem, PASSWORD).unwrap();
    assert_eq!(material(&back), material(&key));
    assert_eq!(
        Jwk::from_pem_with_password(&pem, b"correct-horsf")
            .unwrap_err()
            .kind(),
        ErrorKind::KeyEncoding
    );
    // PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, fresh salt and IV each time.
    let der = key.to_pkcs8_der_with_password(PASSWORD).unwrap();
    let info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(&der).unwrap();
    let EncryptionScheme::Pbes2(params) = &info.encryption_algorithm else {
        panic!("not PBES2");
    };
    let pbes2::Kdf::Pbkdf2(kdf) = &params.kdf else {
        panic!("not PBKDF2");
    };
    assert_eq!(kdf.prf, pbes2::Pbkdf2Prf::HmacWithSha256);
    assert!(kdf.iteration_count >= 100_000);
    assert!(matches!(
        params.encryption,
        pbes2::EncryptionScheme::Aes256Cbc { .. }
    ));
    let der2 = key.to_pkcs8_der_with_password(PASSWORD).unwrap();
    assert_ne!(der, der2);
    assert_eq!(
        material(&Jwk::from_der_with_password(&der2, PASSWORD).unwrap()),
        material(&key)
    );
    // Without a password, DER is refused the same way as PEM.
    let e = Jwk::from_der(&der).unwrap_err();
    assert!(e.message().contains("password"), "{e}");
    // An empty password is refused on export.
    assert_eq!(
        key.to_pkcs8_pem_with_password(b"").unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn unencrypted_input_with_a_password_reads() {
    let text = key_text("openssl-pkcs8.pem");
    let a = Jwk::from_pem_with_password(&text, PASSWORD).unwrap();
    assert_eq!(a, Jwk::from_pem(&text).unwrap());
}

#[test]
fn refused_keys() {
    let e = Jwk::from_pem(&key_text("openssl-rsa1024.pem")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("1024"), "{e}");

    // EC keys import (below); this one is a P-256 key.
    let ec = Jwk::from_pem(&key_text("openssl-ec.pem")).unwrap();
    assert_eq!(ec.key_type(), jwcrypt::jwk::KeyType::Ec);
    assert_eq!(ec.size_bits(), 256);

    let e = Jwk::from_pem(&key_text("openssl-rsa-pss.pem")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyEncoding);
    assert!(e.message().contains("1.2.840.113549.1.1.10"), "{e}");
}

#[test]
fn oct_keys_have_no_pem() {
    let key = jwk("oct256.json");
    assert_eq!(
        key.to_pkcs8_pem().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_pkcs8_pem_with_password(PASSWORD).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_pkcs8_der().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_spki_pem().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_spki_der().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    for private in [true, false] {
        assert_eq!(
            key.to_pkcs1_pem(private).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            key.to_pkcs1_der(private).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }
}

#[test]
fn public_keys_have_no_private_pem() {
    let key = jwk("rsa2048-a.json").to_public().unwrap();
    assert_eq!(
        key.to_pkcs8_pem().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_pkcs8_der().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_pkcs8_pem_with_password(PASSWORD).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_pkcs1_pem(true).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        key.to_pkcs1_der(true).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn pem_framing() {
    let pem = key_text("openssl-spki.pem");
    // Explanatory text before the block (RFC 7468 §2) and white space after are fine.
    let k = Jwk::from_pem(&format!("Subject: test\nIssuer: test\n{pem}\n\n  \n")).unwrap();
    assert!(!k.is_private());
    // CRLF line endings.
    let crlf = pem.replace('\n', "\r\n");
    assert_eq!(Jwk::from_pem(&crlf).unwrap(), k);
    // Two blocks, or text after the block, are refused.
    for bad in [format!("{pem}{pem}"), format!("{pem}trailing text\n")] {
        let e = Jwk::from_pem(&bad).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyEncoding, "{e}");
    }
    // Mismatched END label, unknown label.
    let bad = pem.replace("END PUBLIC KEY", "END PRIVATE KEY");
    assert_eq!(
        Jwk::from_pem(&bad).unwrap_err().kind(),
        ErrorKind::KeyEncoding
    );
    let bad = pem.replace("PUBLIC KEY", "CERTIFICATE");
    let e = Jwk::from_pem(&bad).unwrap_err();
    assert!(e.message().contains("CERTIFICATE"), "{e}");
    // A PEM label that lies about its content.
    let bad = pem.replace("PUBLIC KEY", "PRIVATE KEY");
    let e = Jwk::from_pem(&bad).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyEncoding);
    assert!(e.message().contains("PKCS#8"), "{e}");
}

// EC and OKP keys.

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
