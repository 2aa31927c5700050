//! JSON Web Encryption (RFC 7516). Placeholder.
