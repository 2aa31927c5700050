//! Claims parsing and validation: never panics; parsed claims serialize and parse back equal.
#![no_main]
use jwcrypt::jwt::{Claims, FixedClock, Validation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(claims) = Claims::from_json(data) {
        let v = Validation::new()
            .issuer("iss")
            .audience("aud")
            .max_age(std::time::Duration::from_secs(3600))
            .clock(FixedClock(1_700_000_000));
        let _ = v.validate(&claims);
        let back = Claims::from_json(claims.to_json()).expect("re-parse");
        assert_eq!(back, claims);
    }
});
