//! AES Key Wrap (RFC 3394) for `A128KW`, `A192KW` and `A256KW` (RFC 7518 §4.4).
//!
//! The wrapping function W and its inverse run on the `aes` crate's block cipher, through its
//! backend closure, with the integrity register A and the semiblocks R[i] held as integers.
//! (The `aes-kw` crate's loop goes through a byte buffer, XORing `t` in byte by byte before a
//! 16-byte load of what was just stored, which stalls each of the 6·n dependent block
//! operations; this loop is markedly faster, see BENCHMARKS.md.) The tests check it against
//! `aes-kw` and the Wycheproof vectors.
//!
//! Every unwrap failure is [`Error::decryption`]: the caller learns only that it failed. The
//! integrity check compares A with the initial value in constant time.

use aes::cipher::array::Array;
use aes::cipher::consts::U16;
use aes::cipher::{
    BlockCipherDecBackend, BlockCipherDecClosure, BlockCipherDecrypt, BlockCipherEncBackend,
    BlockCipherEncClosure, BlockCipherEncrypt, BlockSizeUser, KeyInit,
};
use aes::{Aes128, Aes192, Aes256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result, err};

/// The AES-KW semiblock (and integrity check value) length.
const SEMIBLOCK: usize = 8;

/// The default initial value (RFC 3394 §2.2.3.1).
const IV: u64 = 0xA6A6_A6A6_A6A6_A6A6;

fn check_kek(kek: &[u8]) -> Result<()> {
    match kek.len() {
        16 | 24 | 32 => Ok(()),
        n => err(
            ErrorKind::KeyMismatch,
            format!("an AES key wrap key must be 16, 24 or 32 bytes, not {n}"),
        ),
    }
}

/// One AES block from A (high half) and R[i] (low half), big-endian.
#[inline(always)]
fn join(a: u64, r: u64) -> Array<u8, U16> {
    Array::from(((u128::from(a) << 64) | u128::from(r)).to_be_bytes())
}

/// A and R[i] back from a block.
#[inline(always)]
fn split(block: Array<u8, U16>) -> (u64, u64) {
    let v = u128::from_be_bytes(block.0);
    ((v >> 64) as u64, v as u64)
}

/// W(S) (RFC 3394 §2.2.1): `a` goes in as the initial value and comes out as C[0]; `r`
/// holds P[1..n] and comes out as C[1..n].
struct Wrap<'a> {
    a: &'a mut u64,
    r: &'a mut [u64],
}

impl BlockSizeUser for Wrap<'_> {
    type BlockSize = U16;
}

impl BlockCipherEncClosure for Wrap<'_> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = U16>>(self, backend: &B) {
        let n = self.r.len() as u64;
        let mut a = *self.a;
        for j in 0..6u64 {
            for (i, r) in self.r.iter_mut().enumerate() {
                let i = i as u64 + 1;
                let mut block = join(a, *r);
                backend.encrypt_block((&mut block).into());
                let (hi, lo) = split(block);
                a = hi ^ (n * j + i);
                *r = lo;
            }
        }
        *self.a = a;
    }
}

/// W⁻¹(C) (RFC 3394 §2.2.2): `a` goes in as C[0] and comes out as the recovered initial
/// value; `r` holds C[1..n] and comes out as P[1..n].
struct Unwrap<'a> {
    a: &'a mut u64,
    r: &'a mut [u64],
}

impl BlockSizeUser for Unwrap<'_> {
    type BlockSize = U16;
}

impl BlockCipherDecClosure for Unwrap<'_> {
    #[inline(always)]
    fn call<B: BlockCipherDecBackend<BlockSize = U16>>(self, backend: &B) {
        let n = self.r.len() as u64;
        let mut a = *self.a;
        for j in (0..6u64).rev() {
            for (i, r) in self.r.iter_mut().enumerate().rev() {
                let i = i as u64 + 1;
                let mut block = join(a ^ (n * j + i), *r);
                backend.decrypt_block((&mut block).into());
                let (hi, lo) = split(block);
                a = hi;
                *r = lo;
            }
        }
        *self.a = a;
    }
}

fn semiblocks(bytes: &[u8]) -> Zeroizing<Vec<u64>> {
    Zeroizing::new(
        bytes
            .chunks_exact(SEMIBLOCK)
            .map(|c| {
                let mut b = [0u8; SEMIBLOCK];
                b.copy_from_slice(c);
                u64::from_be_bytes(b)
            })
            .collect(),
    )
}

fn wrap_with<C: BlockCipherEncrypt<BlockSize = U16>>(
    cipher: &C,
    key_data: &[u8],
    out: &mut Vec<u8>,
) {
    let mut r = semiblocks(key_data);
    let mut a = IV;
    cipher.encrypt_with_backend(Wrap {
        a: &mut a,
        r: &mut r,
    });
    out.extend_from_slice(&a.to_be_bytes());
    for x in r.iter() {
        out.extend_from_slice(&x.to_be_bytes());
    }
}

/// Unwraps into `out`; returns whether the integrity check passed (in constant time).
fn unwrap_with<C: BlockCipherDecrypt<BlockSize = U16>>(
    cipher: &C,
    wrapped: &[u8],
    out: &mut Vec<u8>,
) -> bool {
    let (c0, rest) = wrapped.split_at(SEMIBLOCK.min(wrapped.len()));
    let mut a = <[u8; SEMIBLOCK]>::try_from(c0).map_or(0, u64::from_be_bytes);
    let mut r = semiblocks(rest);
    cipher.decrypt_with_backend(Unwrap {
        a: &mut a,
        r: &mut r,
    });
    for x in r.iter() {
        out.extend_from_slice(&x.to_be_bytes());
    }
    a.ct_eq(&IV).into()
}

/// Wraps `key_data` (at least 16 bytes, a multiple of 8) with `kek` (16, 24 or 32 bytes).
///
/// # Errors
/// [`ErrorKind::KeyMismatch`] for a bad KEK length, [`ErrorKind::InvalidArgument`] for bad key
/// data.
pub(crate) fn wrap(kek: &[u8], key_data: &[u8]) -> Result<Vec<u8>> {
    check_kek(kek)?;
    if key_data.len() < 2 * SEMIBLOCK || !key_data.len().is_multiple_of(SEMIBLOCK) {
        return err(
            ErrorKind::InvalidArgument,
            "AES key wrap needs key data of at least 16 bytes, a multiple of 8",
        );
    }
    let mut out = Vec::with_capacity(key_data.len() + SEMIBLOCK);
    let fail = |_| Error::new(ErrorKind::Crypto, "AES key wrap failed");
    match kek.len() {
        16 => wrap_with(
            &Aes128::new_from_slice(kek).map_err(fail)?,
            key_data,
            &mut out,
        ),
        24 => wrap_with(
            &Aes192::new_from_slice(kek).map_err(fail)?,
            key_data,
            &mut out,
        ),
        _ => wrap_with(
            &Aes256::new_from_slice(kek).map_err(fail)?,
            key_data,
            &mut out,
        ),
    }
    Ok(out)
}

/// Unwraps `wrapped` with `kek`. Any failure (length, integrity check) is
/// [`Error::decryption`].
pub(crate) fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    if check_kek(kek).is_err()
        || wrapped.len() < 3 * SEMIBLOCK
        || !wrapped.len().is_multiple_of(SEMIBLOCK)
    {
        return Err(Error::decryption());
    }
    let mut out = Zeroizing::new(Vec::with_capacity(wrapped.len() - SEMIBLOCK));
    let fail = |_| Error::decryption();
    let ok = match kek.len() {
        16 => unwrap_with(
            &Aes128::new_from_slice(kek).map_err(fail)?,
            wrapped,
            &mut out,
        ),
        24 => unwrap_with(
            &Aes192::new_from_slice(kek).map_err(fail)?,
            wrapped,
            &mut out,
        ),
        _ => unwrap_with(
            &Aes256::new_from_slice(kek).map_err(fail)?,
            wrapped,
            &mut out,
        ),
    };
    if ok {
        Ok(out)
    } else {
        Err(Error::decryption())
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Wycheproof aes_wrap_test.json: every case. `acceptable` cases (8-byte key data) are
    /// refused here, which Wycheproof allows.
    #[test]
    fn wycheproof_aes_wrap() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/wycheproof/aes_wrap_test.json"
        ))
        .unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let (mut valid, mut invalid, mut acceptable) = (0, 0, 0);
        for g in v["testGroups"].as_array().unwrap() {
            for t in g["tests"].as_array().unwrap() {
                let key = hex(t["key"].as_str().unwrap());
                let msg = hex(t["msg"].as_str().unwrap());
                let ct = hex(t["ct"].as_str().unwrap());
                let id = &t["tcId"];
                match t["result"].as_str().unwrap() {
                    "valid" => {
                        assert_eq!(wrap(&key, &msg).unwrap(), ct, "{id}");
                        assert_eq!(&*unwrap(&key, &ct).unwrap(), &msg, "{id}");
                        valid += 1;
                    }
                    "invalid" => {
                        let e = unwrap(&key, &ct).unwrap_err();
                        assert_eq!(e.kind(), ErrorKind::Decryption, "{id}");
                        invalid += 1;
                    }
                    _ => {
                        // 8-byte key data: too short for a JOSE CEK; refusing is allowed.
                        assert!(unwrap(&key, &ct).is_err(), "{id}");
                        acceptable += 1;
                    }
                }
            }
        }
        println!("aes_wrap_test.json: {valid} valid, {invalid} invalid, {acceptable} acceptable");
        assert_eq!(
            valid + invalid + acceptable,
            v["numberOfTests"].as_u64().unwrap()
        );
    }

    /// The same output as the `aes-kw` crate, for every key size and several lengths.
    #[test]
    fn agrees_with_aes_kw() {
        use aes_kw::{KwAes128, KwAes192, KwAes256};
        for kek_len in [16usize, 24, 32] {
            let kek: Vec<u8> = (0..kek_len as u8).map(|i| i.wrapping_mul(29)).collect();
            for n in [2usize, 3, 4, 8, 9] {
                let data: Vec<u8> = (0..8 * n).map(|i| (i * 7 + kek_len) as u8).collect();
                let mut expect = vec![0u8; data.len() + 8];
                match kek_len {
                    16 => KwAes128::new_from_slice(&kek)
                        .unwrap()
                        .wrap_key(&data, &mut expect),
                    24 => KwAes192::new_from_slice(&kek)
                        .unwrap()
                        .wrap_key(&data, &mut expect),
                    _ => KwAes256::new_from_slice(&kek)
                        .unwrap()
                        .wrap_key(&data, &mut expect),
                }
                .unwrap();
                assert_eq!(wrap(&kek, &data).unwrap(), expect, "{kek_len} {n}");
                assert_eq!(&unwrap(&kek, &expect).unwrap()[..], &data[..]);
                for bit in [0usize, 63, 64, 8 * expect.len() - 1] {
                    let mut bad = expect.clone();
                    bad[bit / 8] ^= 1 << (bit % 8);
                    assert_eq!(
                        unwrap(&kek, &bad).unwrap_err().kind(),
                        ErrorKind::Decryption
                    );
                }
            }
        }
    }

    #[test]
    fn bad_lengths() {
        assert_eq!(
            wrap(&[0; 15], &[0; 16]).unwrap_err().kind(),
            ErrorKind::KeyMismatch
        );
        assert!(wrap(&[0; 16], &[0; 8]).is_err());
        assert!(wrap(&[0; 16], &[0; 20]).is_err());
        assert_eq!(
            unwrap(&[0; 16], &[0; 16]).unwrap_err().kind(),
            ErrorKind::Decryption
        );
        assert_eq!(
            unwrap(&[0; 16], &[0; 25]).unwrap_err().kind(),
            ErrorKind::Decryption
        );
        assert_eq!(
            unwrap(&[0; 17], &[0; 24]).unwrap_err().kind(),
            ErrorKind::Decryption
        );
    }
}
