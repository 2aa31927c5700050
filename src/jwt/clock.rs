//! Where the JWT layer gets the current time: the [`Clock`] trait, the system clock, and a
//! fixed clock for tests and replays.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Where validation (and, with `Claims::issued_now_with`, issuing) gets the current time.
///
/// A [`SystemTime`] is a clock stopped at that time, to the nanosecond:
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use jwcrypt::jwt::{Claims, Clock, Validation};
/// let at = SystemTime::UNIX_EPOCH + Duration::from_millis(1_000_500); // 1000.5 s
/// assert_eq!(at.now(), 1000);
/// let claims = Claims::from_json(r#"{"exp": 1000.5}"#)?;
/// let v = Validation::new().leeway(Duration::ZERO).clock(at);
/// assert!(v.validate(&claims).is_err()); // expired at 1000.5
/// # Ok::<(), jwcrypt::Error>(())
/// ```
pub trait Clock: Send + Sync {
    /// Now, in whole seconds since the Unix epoch (rounded down).
    fn now(&self) -> i64;

    /// Now, in nanoseconds since the Unix epoch: what validation compares with. By default
    /// [`Clock::now`] in nanoseconds.
    fn now_nanos(&self) -> i128 {
        i128::from(self.now()) * 1_000_000_000
    }
}

impl Clock for SystemTime {
    fn now(&self) -> i64 {
        i64::try_from(self.now_nanos().div_euclid(1_000_000_000)).unwrap_or(i64::MAX)
    }
    fn now_nanos(&self) -> i128 {
        match self.duration_since(UNIX_EPOCH) {
            Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
            Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
        }
    }
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now(&self) -> i64 {
        (**self).now()
    }
    fn now_nanos(&self) -> i128 {
        (**self).now_nanos()
    }
}

impl<C: Clock + ?Sized> Clock for &C {
    fn now(&self) -> i64 {
        (**self).now()
    }
    fn now_nanos(&self) -> i128 {
        (**self).now_nanos()
    }
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        unix_now()
    }
    fn now_nanos(&self) -> i128 {
        SystemTime::now().now_nanos()
    }
}

/// A clock stopped at a given time, for tests and replays.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub i64);

impl Clock for FixedClock {
    fn now(&self) -> i64 {
        self.0
    }
}

/// Seconds since the Unix epoch, now.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
