//! The PBKDF2-HMAC-SHA-256/384/512 files through the PBKDF2 of the PBES2 key derivation
//! (every case: any password, salt, iteration count and output length).

use super::{Counts, load, tests};
use crate::jwa::pbes2::{self, Pbes2Alg};
use crate::test_util::hex;

fn pbkdf2_file(file: &str, prf: Pbes2Alg) {
    let v = load(file);
    let mut c = Counts::default();
    for (_, t) in tests(&v) {
        let password = hex(t["password"].as_str().unwrap());
        let salt = hex(t["salt"].as_str().unwrap());
        let rounds = u32::try_from(t["iterationCount"].as_u64().unwrap()).unwrap();
        let dk = hex(t["dk"].as_str().unwrap());
        let mut out = vec![0u8; usize::try_from(t["dkLen"].as_u64().unwrap()).unwrap()];
        pbes2::pbkdf2(prf, &password, &salt, rounds, &mut out);
        c.record(file, t, out == dk);
    }
    c.finish(file, &v);
}

#[test]
fn pbkdf2_hmacsha256() {
    pbkdf2_file("pbkdf2_hmacsha256_test.json", Pbes2Alg::Hs256A128Kw);
}

#[test]
fn pbkdf2_hmacsha384() {
    pbkdf2_file("pbkdf2_hmacsha384_test.json", Pbes2Alg::Hs384A192Kw);
}

#[test]
fn pbkdf2_hmacsha512() {
    pbkdf2_file("pbkdf2_hmacsha512_test.json", Pbes2Alg::Hs512A256Kw);
}
