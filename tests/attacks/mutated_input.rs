//! ATTACKS row 29: seeded mutations of valid inputs give errors, never panics.

use jwcrypt::jwe::Decrypter;
use jwcrypt::jws::Verifier;
use jwcrypt::jwt::{self, Claims, Reader, Validation};
use jwcrypt::{ContentEncryptionAlg as E, Jwk, JwkSet, KeyManagementAlg as K, SigningAlg as S};

use crate::helpers::hs256_key;
use crate::support::{self, rsa_key};
use crate::zip_util::to_flattened;

/// ATTACKS row 29 (CVE-2019-17195, Nimbus): seeded mutations of valid inputs fed to every
/// parser give errors, never panics. The cargo-fuzz campaign (fuzz/) does this at scale;
/// its crash inputs are replayed by tests/attacks/fuzz_regressions.rs.
#[test]
fn cve_2019_17195_no_panic_on_mutated_input() {
    let key = hs256_key();
    let kw = Jwk::from_oct_bytes(&[0x44; 32]).unwrap();
    let jws_token = jwt::signed(&Claims::new().subject("s").expires_at(1), &key, S::HS256).unwrap();
    let jwe_token = jws_token.encrypt(&kw, K::A256KW, E::A128CbcHs256).unwrap();
    let seeds = [
        jws_token.as_str().to_owned(),
        jwe_token.clone(),
        to_flattened(&jwe_token),
        key.export_private().unwrap().to_string(),
        rsa_key().export_private().unwrap().to_string(),
        format!("{{\"keys\":[{}]}}", key.export_private().unwrap().as_str()),
        r#"{"iss":"a","aud":["b"],"exp":1,"nbf":0,"iat":0}"#.to_owned(),
    ];
    let verifier = Verifier::new(&key, S::ALL).unwrap();
    let decrypter = Decrypter::new(&kw, K::ALL, jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let reader = Reader::builder(Validation::new())
        .decrypt_with(&kw, &[K::A256KW], jwcrypt::ContentEncryptionAlg::ALL)
        .verify_with(&key, &[S::HS256])
        .build()
        .unwrap();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"{}[]\":,.0aA-_=\\ \x00\xff";
    for _ in 0..3000 {
        let r = next();
        let mut b = seeds[(r % seeds.len() as u64) as usize].as_bytes().to_vec();
        for _ in 0..=(r >> 8) % 4 {
            let r = next();
            let i = (r as usize >> 4) % (b.len() + 1);
            match r % 4 {
                0 if i < b.len() => b[i] = alphabet[(r >> 32) as usize % alphabet.len()],
                1 if i < b.len() => {
                    b.remove(i);
                }
                2 => b.truncate(i),
                _ => b.insert(i, alphabet[(r >> 32) as usize % alphabet.len()]),
            }
        }
        let _ = support::b64::decode(&b);
        let _ = Jwk::from_json(&b);
        let _ = JwkSet::from_json(&b);
        let _ = Claims::from_json(&b);
        let _ = Jwk::from_der(&b);
        if let Ok(s) = std::str::from_utf8(&b) {
            let _ = verifier.verify(s);
            let _ = decrypter.decrypt(s);
            let _ = reader.read(s);
            let _ = Jwk::from_pem(s);
            if let Ok(seen) = jwcrypt::dangerous::inspect(s) {
                let _ = seen.claims();
            }
        }
    }
}
