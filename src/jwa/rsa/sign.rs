//! RSASSA-PKCS1-v1_5 and RSASSA-PSS signatures (RFC 7518 §3.3, §3.5). Placeholder.
