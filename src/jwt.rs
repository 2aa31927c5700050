//! JSON Web Token (RFC 7519). Placeholder.
