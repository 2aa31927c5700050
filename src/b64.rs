//! Strict base64url without padding (RFC 7515 §2, RFC 4648 §5).
//!
//! Decoding accepts only the canonical form: no `=` padding, no whitespace or line breaks, no
//! characters outside the URL-safe alphabet, no impossible lengths, and no non-zero bits in
//! the last character's unused tail. [`encode`], [`decode`] and [`decode_secret`] are built on
//! `base64ct` (constant-time over the data), fit for secrets such as JWK private members. The
//! parts of a token (headers, payloads, ciphertexts, IVs, tags, signatures, encrypted keys)
//! are public on the wire and go through the `*_public` functions instead: the `base64`
//! crate's table-driven engine, configured just as strictly, several times faster (one
//! engine on every target and for every length).
//!
//! Crate-internal (public only with the `fuzzing` feature, for the fuzz targets).

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurposeConfig};
use base64ct::{Base64UrlUnpadded, Encoding};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

/// Encodes bytes as base64url without padding.
pub fn encode(data: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(data)
}

/// The strict configuration for public token parts: no padding written or accepted,
/// non-zero trailing bits rejected.
const PUBLIC_CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::RequireNone)
    .with_decode_allow_trailing_bits(false);

/// The engine for public token parts: the `base64` crate's table-driven one (URL-safe
/// alphabet, [`PUBLIC_CONFIG`]), for parts of every length. Its SIMD engine is not used: it
/// needs the crate's `simd-unsafe` feature, and no dependency feature that turns on unsafe
/// code for speed alone is enabled.
const PUBLIC: base64::engine::GeneralPurpose =
    base64::engine::GeneralPurpose::new(&base64::alphabet::URL_SAFE, PUBLIC_CONFIG);

/// Encodes public `data` into `dst`, which has exactly its encoded length.
fn encode_slice(data: &[u8], dst: &mut [u8]) {
    // Cannot fail: `dst` has exactly the encoded length.
    let _ = PUBLIC.encode_slice(data, dst);
}

/// Decodes public `text` into `dst`; the number of bytes written.
fn decode_slice(text: &[u8], dst: &mut [u8]) -> Result<usize> {
    PUBLIC.decode_slice(text, dst).map_err(|_| invalid())
}

/// The number of characters of the unpadded encoding of `len` bytes.
pub(crate) const fn encoded_len(len: usize) -> usize {
    len / 3 * 4 + (len % 3 * 4).div_ceil(3)
}

/// The base64url encoding of public `data` (never a secret).
pub fn encode_public(data: &[u8]) -> String {
    let mut out = Vec::with_capacity(encoded_len(data.len()));
    encode_public_into(data, &mut out);
    // Cannot fail: base64url is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the base64url encoding of public `data` (never a secret) to `out`.
//
// Not inlined, nor is `decode_public_into`: a token's path calls each four or five times,
// and one shared copy keeps that path's code small.
#[inline(never)]
pub(crate) fn encode_public_into(data: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + encoded_len(data.len()), 0);
    if let Some(dst) = out.get_mut(start..) {
        encode_slice(data, dst);
    }
}

/// Decodes strict base64url of public data (a token part), appending to `out`.
///
/// # Errors
/// [`ErrorKind::Base64`] exactly when [`decode`] fails.
#[inline(never)]
pub(crate) fn decode_public_into(text: &[u8], out: &mut Vec<u8>) -> Result<()> {
    let start = out.len();
    out.resize(start + decoded_len(text.len())?, 0);
    let n = match out.get_mut(start..) {
        Some(dst) => decode_slice(text, dst)?,
        None => 0,
    };
    out.truncate(start + n);
    Ok(())
}

/// Decodes strict base64url of public data into the start of `out`, which must have room
/// for [`decoded_len`] bytes; returns the number of bytes written.
///
/// # Errors
/// [`ErrorKind::Base64`] exactly when [`decode`] fails (or `out` is too short).
pub(crate) fn decode_public_slice(text: &[u8], out: &mut [u8]) -> Result<usize> {
    decoded_len(text.len())?;
    decode_slice(text, out)
}

/// Decodes strict base64url of public data (a token part).
///
/// # Errors
/// As [`decode`].
pub fn decode_public(text: impl AsRef<[u8]>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    decode_public_into(text.as_ref(), &mut out)?;
    Ok(out)
}

/// Decodes strict base64url without padding.
///
/// # Errors
/// [`ErrorKind::Base64`] for anything but the canonical unpadded form.
pub fn decode(text: impl AsRef<[u8]>) -> Result<Vec<u8>> {
    Base64UrlUnpadded::decode_vec_bytes(text.as_ref())
}

/// Decodes strict base64url into a buffer that is zeroized on drop (for secrets).
///
/// # Errors
/// As [`decode`].
pub fn decode_secret(text: impl AsRef<[u8]>) -> Result<Zeroizing<Vec<u8>>> {
    decode(text).map(Zeroizing::new)
}

/// The number of bytes that `len` base64url characters decode to, or an error for an
/// impossible length.
pub(crate) fn decoded_len(len: usize) -> Result<usize> {
    match len % 4 {
        1 => Err(invalid()),
        r => Ok(len / 4 * 3 + r.saturating_sub(1)),
    }
}

fn invalid() -> Error {
    Error::new(ErrorKind::Base64, "not canonical unpadded base64url")
}

trait DecodeBytes {
    fn decode_vec_bytes(text: &[u8]) -> Result<Vec<u8>>;
}

impl DecodeBytes for Base64UrlUnpadded {
    fn decode_vec_bytes(text: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; decoded_len(text.len())?];
        let n = Base64UrlUnpadded::decode(text, &mut out)
            .map_err(|_| invalid())?
            .len();
        out.truncate(n);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_all_lengths() {
        for n in 0..70u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            let text = encode(&data);
            assert!(!text.contains('='));
            assert_eq!(decode(&text).unwrap(), data);
            let mut v = b"x.".to_vec();
            encode_public_into(&data, &mut v);
            assert_eq!(v, format!("x.{text}").into_bytes());
            assert_eq!(encoded_len(data.len()), text.len());
            assert_eq!(decode_public(&text).unwrap(), data);
        }
        let big: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let s = encode(&big);
        assert_eq!(s, encode_public(&big));
        assert_eq!(decode_public(&s).unwrap(), big);
    }

    /// The fast engine accepts and rejects exactly what the constant-time one does.
    #[test]
    fn public_engine_agrees() {
        // Every string of up to 4 characters over a mixed alphabet, and up to 7 over a
        // small one (lengths 5, 6, 7 cover the impossible length and both partial tails).
        fn all(alphabet: &[u8], max: usize) -> Vec<Vec<u8>> {
            let mut out: Vec<Vec<u8>> = vec![Vec::new()];
            let mut last: Vec<Vec<u8>> = vec![Vec::new()];
            for _ in 0..max {
                let next: Vec<Vec<u8>> = last
                    .iter()
                    .flat_map(|p| {
                        alphabet.iter().map(move |&c| {
                            let mut v = p.clone();
                            v.push(c);
                            v
                        })
                    })
                    .collect();
                out.extend(next.iter().cloned());
                last = next;
            }
            out
        }
        let mut inputs = all(b"AQgw_-+/=. \n\0\xffzZ9", 4);
        inputs.extend(all(b"AQg_=", 7));
        for text in &inputs {
            let a = decode(text).ok();
            let b = decode_public(text).ok();
            assert_eq!(a, b, "{text:?}");
        }
    }

    /// The same agreement on long inputs (the engine encodes 24 bytes and decodes 32
    /// characters at a time and leaves the tail to a slower loop): every length up to 1,000
    /// bytes, and one foreign character at every position of strings of 512 to 515 characters.
    #[test]
    fn public_engine_agrees_on_long_inputs() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for n in 0..data.len() {
            let text = encode(&data[..n]);
            let mut v = Vec::new();
            encode_public_into(&data[..n], &mut v);
            assert_eq!(v, text.as_bytes(), "length {n}");
            assert_eq!(decode_public(&text).unwrap(), &data[..n], "length {n}");
        }
        for len in [512, 513, 514, 515] {
            let good: Vec<u8> = encode(&data).into_bytes()[..len].to_vec();
            assert_eq!(
                decode(&good).ok(),
                decode_public(&good).ok(),
                "length {len}"
            );
            for pos in 0..len {
                for bad in [b'=', b'+', b'.', b'\n', 0xff, b'_'] {
                    let mut text = good.clone();
                    text[pos] = bad;
                    assert_eq!(
                        decode(&text).ok(),
                        decode_public(&text).ok(),
                        "{len} {pos} {bad}"
                    );
                }
            }
        }
    }

    #[test]
    fn rejects_non_canonical() {
        for bad in [
            "AA==", "AA=", "A", "AAAAA", "A A", "AA\n", "+/+/", "AB", "AAB", "AQ=", "AQ\r\n",
        ] {
            assert_eq!(
                decode(bad).unwrap_err().kind(),
                ErrorKind::Base64,
                "{bad:?}"
            );
        }
        assert_eq!(decode("AQ").unwrap(), [1]);
        assert_eq!(encode(b"\xfb\xff"), "-_8");
        assert_eq!(decode("-_8").unwrap(), b"\xfb\xff");
        assert!(decode("-_8=").is_err());
        assert!(decode("-_9").is_err()); // non-canonical tail bits
        assert_eq!(decode("").unwrap(), b"");
        for bad in [
            "AA==", "AA=", "A", "AAAAA", "A A", "AA\n", "+/+/", "AB", "AAB", "AQ=", "AQ\r\n",
        ] {
            assert_eq!(
                decode_public(bad).unwrap_err().kind(),
                ErrorKind::Base64,
                "{bad:?}"
            );
        }
    }
}
