//! Limits on untrusted input, with safe defaults, shared by every layer.

/// Bounds applied to every untrusted input before or while it is parsed.
///
/// The defaults suit tokens carried in HTTP headers and cookies with room to spare; raise
/// them for large payloads.
///
/// ```
/// let mut limits = jwcrypt::Limits::default();
/// limits.max_token_len = 16 << 20;
/// assert!(limits.max_token_len > jwcrypt::Limits::DEFAULT.max_token_len);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The longest token (compact or JSON serialization), in bytes. Default 4 MiB.
    pub max_token_len: usize,
    /// The longest decoded JSON header, in bytes. Default 16 KiB.
    pub max_header_len: usize,
    /// The deepest nesting of JSON objects and arrays in headers, keys and claims. Default 32.
    pub max_json_depth: usize,
    /// The most signatures in a general JSON JWS. Default 16.
    pub max_signatures: usize,
    /// The most recipients in a general JSON JWE. Default 16.
    pub max_recipients: usize,
    /// The largest plaintext that `zip: "DEF"` may inflate to, in bytes. Default 250 kB.
    pub max_decompressed_len: usize,
    /// The longest JWK or JWK Set JSON text, in bytes. Default 1 MiB.
    pub max_jwk_len: usize,
    /// The most keys in a JWK Set. Default 1000.
    pub max_jwk_set_keys: usize,
    /// The most JSON values in one JSON text (a header, a JWK or JWK Set, a claims set, a
    /// JSON-serialized token): every member's value and every array element counts, and so
    /// does the outermost object. Checked before parsing, over an upper bound read from the
    /// text (one value per `,`, `[` and `{` outside strings, plus one), so that the parsed
    /// form of an accepted text takes at most about 150 bytes per value on top of its
    /// strings. Default 100,000: a JWK Set at `max_jwk_set_keys` keys of a dozen members
    /// each takes about 15,000.
    pub max_json_values: usize,
    /// The largest PBES2 iteration count `p2c` a token may ask for (RFC 7518 §4.8.1.2): a
    /// larger one is refused before any key derivation. Default 16,384 (jwcrypto's cap).
    pub max_p2c: u32,
}

impl Limits {
    /// The defaults, as a constant.
    pub const DEFAULT: Limits = Limits {
        max_token_len: 4 << 20,
        max_header_len: 16 << 10,
        max_json_depth: 32,
        max_signatures: 16,
        max_recipients: 16,
        max_decompressed_len: 250_000,
        max_jwk_len: 1 << 20,
        max_jwk_set_keys: 1000,
        max_json_values: 100_000,
        max_p2c: 16_384,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
