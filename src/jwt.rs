//! JSON Web Tokens (RFC 7519): claims, validation, and signed, encrypted and nested tokens.

mod claims;
mod validation;

pub use claims::Claims;
pub use validation::{Clock, FixedClock, SystemClock, Validation};
