//! The operating system's random number generator, the only source of randomness.

use crate::error::{Error, ErrorKind, Result};
use rand_core::TryRng;

/// Fills `buf` with random bytes from the OS.
pub(crate) fn fill(buf: &mut [u8]) -> Result<()> {
    getrandom::SysRng
        .try_fill_bytes(buf)
        .map_err(|_| Error::new(ErrorKind::Crypto, "the OS random number generator failed"))
}

/// The OS generator as a `rand_core` RNG, for the RSA operations that take one.
pub(crate) fn os_rng() -> rand_core::UnwrapErr<getrandom::SysRng> {
    rand_core::UnwrapErr(getrandom::SysRng)
}
