//! RSAES-OAEP and RSAES-PKCS1-v1_5 key encryption (RFC 7518 §4.2, §4.3). Placeholder.
