//! `zip: "DEF"` (RFC 7516 §4.1.3): raw DEFLATE (RFC 1951) over `miniz_oxide`.
//!
//! Inflation is bounded: the output buffer grows by doubling up to the cap and never past
//! it, and inflation stops as soon as the stream wants to write more than the cap (the zip
//! bomb attacks of CVE-2024-28102, CVE-2024-28176, CVE-2026-39373 and their kin).

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

/// Compresses `data` with raw DEFLATE.
pub(crate) fn compress(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, 6)
}

/// Why inflation stopped without a result.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum InflateError {
    /// The output would pass the cap.
    TooLarge,
    /// The input is not a complete raw DEFLATE stream.
    Corrupt,
}

impl From<InflateError> for Error {
    fn from(e: InflateError) -> Self {
        match e {
            InflateError::TooLarge => Error::new(
                ErrorKind::LimitExceeded,
                "the decompressed plaintext is larger than the limit",
            ),
            InflateError::Corrupt => Error::decryption(),
        }
    }
}

/// Inflates raw DEFLATE `input` into at most `cap` bytes.
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] when the output would pass `cap`; [`Error::decryption`] for a
/// corrupt stream (it was authenticated, so this only happens to a sender's bug).
pub(crate) fn inflate(input: &[u8], cap: usize) -> Result<Zeroizing<Vec<u8>>> {
    inflate_bounded(input, cap).map_err(|(e, _)| e.into())
}

/// A failed inflation and the buffer it had allocated.
pub(crate) type InflateFailure = (InflateError, Zeroizing<Vec<u8>>);

/// The work of [`inflate`]; on failure also hands back the buffer, so tests can check how
/// much was ever allocated.
pub(crate) fn inflate_bounded(
    mut input: &[u8],
    cap: usize,
) -> Result<Zeroizing<Vec<u8>>, InflateFailure> {
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = Zeroizing::new(Vec::new());
    let first = input.len().saturating_mul(4).clamp(64, 64 << 10).min(cap);
    if out.try_reserve_exact(first).is_err() {
        return Err((InflateError::TooLarge, out));
    }
    out.resize(first, 0);
    let mut state = Box::<DecompressorOxide>::default();
    let mut pos = 0usize;
    loop {
        let (status, consumed, written) = decompress(&mut state, input, &mut out, pos, flags);
        pos = pos.saturating_add(written);
        input = input.get(consumed..).unwrap_or_default();
        match status {
            TINFLStatus::Done => {
                out.truncate(pos);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= cap {
                    return Err((InflateError::TooLarge, out));
                }
                let new_len = out.len().saturating_mul(2).min(cap);
                // Grow to exactly the new length: never beyond the cap.
                let extra = new_len - out.len();
                if out.try_reserve_exact(extra).is_err() {
                    return Err((InflateError::TooLarge, out));
                }
                out.resize(new_len, 0);
            }
            _ => return Err((InflateError::Corrupt, out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for n in [0usize, 1, 100, 5000, 300_000] {
            let data: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
            let c = compress(&data);
            assert_eq!(&inflate(&c, 1 << 20).unwrap()[..], &data[..]);
        }
        // Exactly at the cap is fine.
        let data = vec![b'u'; 250_000];
        assert_eq!(inflate(&compress(&data), 250_000).unwrap().len(), 250_000);
    }

    /// 1 GB of 'u' deflates to about 1 MB; inflating it with a 250 kB cap stops at the cap
    /// and never allocates past it.
    #[test]
    fn zip_bomb_stops_at_the_cap() {
        let cap = 250_000;
        // Build the 1 GB bomb without holding 1 GB: DEFLATE of a repeated block, streamed.
        let bomb = bomb_of_len(1 << 30);
        assert!(bomb.len() < 2 << 20, "bomb is {} bytes", bomb.len());
        let (e, buf) = inflate_bounded(&bomb, cap).unwrap_err();
        assert_eq!(e, InflateError::TooLarge);
        assert!(buf.capacity() <= cap, "allocated {} > cap", buf.capacity());
        assert_eq!(buf.len(), cap);
        assert_eq!(
            inflate(&bomb, cap).unwrap_err().kind(),
            ErrorKind::LimitExceeded
        );
    }

    /// A small input (well under any input cap) that inflates past the output cap.
    #[test]
    fn small_bomb_under_input_cap() {
        let data = vec![0u8; 10 << 20];
        let c = compress(&data);
        assert!(c.len() < 255 << 10);
        let (e, buf) = inflate_bounded(&c, 250_000).unwrap_err();
        assert_eq!(e, InflateError::TooLarge);
        assert!(buf.capacity() <= 250_000);
    }

    #[test]
    fn corrupt_stream() {
        assert_eq!(
            inflate(b"\xff\xff\xff", 1000).unwrap_err().kind(),
            ErrorKind::Decryption
        );
        let c = compress(b"hello hello hello");
        assert!(inflate(&c[..c.len() - 2], 1000).is_err());
    }

    /// A raw DEFLATE stream of `len` bytes of 'u', made with the streaming compressor so that
    /// the uncompressed data never exists in memory at once.
    pub(crate) fn bomb_of_len(len: usize) -> Vec<u8> {
        use miniz_oxide::deflate::core::{
            CompressorOxide, TDEFLFlush, TDEFLStatus, compress as tdefl,
            create_comp_flags_from_zip_params,
        };
        let mut comp = Box::new(CompressorOxide::new(create_comp_flags_from_zip_params(
            6, -15, 0,
        )));
        let chunk = vec![b'u'; 1 << 20];
        let mut out = Vec::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut left = len;
        while left > 0 {
            let n = left.min(chunk.len());
            left -= n;
            let flush = if left == 0 {
                TDEFLFlush::Finish
            } else {
                TDEFLFlush::None
            };
            let mut input = &chunk[..n];
            loop {
                let (status, used, wrote) = tdefl(&mut comp, input, &mut buf, flush);
                out.extend_from_slice(&buf[..wrote]);
                input = &input[used..];
                match status {
                    TDEFLStatus::Done => break,
                    TDEFLStatus::Okay if input.is_empty() && wrote < buf.len() => break,
                    TDEFLStatus::Okay => {}
                    s => panic!("{s:?}"),
                }
            }
        }
        out
    }
}
