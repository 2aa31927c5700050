//! Strict base64url without padding (RFC 7515 §2, RFC 4648 §5).
//!
//! Decoding accepts only the canonical form: no `=` padding, no whitespace or line breaks, no
//! characters outside the URL-safe alphabet, no impossible lengths, and no non-zero bits in
//! the last character's unused tail. Built on `base64ct` (constant-time over the data).

use base64ct::{Base64UrlUnpadded, Encoding};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

/// Encodes bytes as base64url without padding.
///
/// ```
/// assert_eq!(jwcrypt::b64::encode(b"\xfb\xff"), "-_8");
/// ```
pub fn encode(data: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(data)
}

/// Appends the base64url encoding of `data` to `out`.
pub fn encode_into(data: &[u8], out: &mut String) {
    out.push_str(&encode(data));
}

/// Decodes strict base64url without padding.
///
/// # Errors
/// [`ErrorKind::Base64`] for anything but the canonical unpadded form.
///
/// ```
/// assert_eq!(jwcrypt::b64::decode("-_8").unwrap(), b"\xfb\xff");
/// assert!(jwcrypt::b64::decode("-_8=").is_err());
/// assert!(jwcrypt::b64::decode("-_9").is_err()); // non-canonical tail bits
/// ```
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
            let mut s = String::from("x.");
            encode_into(&data, &mut s);
            assert_eq!(s, format!("x.{text}"));
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
        assert_eq!(decode("").unwrap(), b"");
    }
}
