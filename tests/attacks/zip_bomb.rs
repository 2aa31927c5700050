//! Zip bombs (CVE-2024-28102, CVE-2026-39373, CVE-2024-28176, CVE-2024-28180,
//! CVE-2024-28122, CVE-2024-33664, CVE-2025-63811, josekit): an authenticated `zip: "DEF"`
//! token whose plaintext inflates far past the limit is refused, and the memory used
//! while decrypting it stays bounded by the token size plus the 250 kB cap, measured as the
//! growth of the peak resident set size on Linux (the library forbids `unsafe`, tests
//! included, so no counting allocator; the unit tests of `jwa::deflate` check the output
//! buffer's capacity never passes the cap). Other tests of this crate run on other threads
//! of the same process, so the test runs its measurement in a child process that runs only
//! this test (`--exact`, one thread).

use jwcrypt::jwe::Decrypter;
use jwcrypt::{ErrorKind, Jwk, KeyManagementAlg as K};

use crate::zip_util::{deflate_repeated, token};

/// Set in the child process that runs the measurement alone.
const ALONE: &str = "JWCRYPT_ZIP_BOMB_ALONE";

/// Peak resident set size (VmHWM) in bytes, after resetting it to the current RSS, on
/// Linux; `None` elsewhere.
fn reset_peak_rss() -> Option<usize> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    peak_rss()
}

fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `f`; returns its result and how much the peak RSS grew (0 where unknown).
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = reset_peak_rss();
    let out = f();
    let grown = match (base, peak_rss()) {
        (Some(b), Some(p)) => p.saturating_sub(b),
        _ => 0,
    };
    (out, grown)
}

#[test]
fn cve_2024_28102_and_cve_2026_39373_zip_bombs_are_bounded() {
    if std::env::var_os(ALONE).is_some() {
        zip_bombs_are_bounded();
        return;
    }
    let name = concat!(
        module_path!(),
        "::cve_2024_28102_and_cve_2026_39373_zip_bombs_are_bounded"
    );
    // The test harness names tests without the crate's name.
    let name = name.split_once("::").unwrap().1;
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(ALONE, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The child ran exactly this test (a filter matching nothing would also succeed).
    assert!(stdout.contains("1 passed"), "{stdout}");
}

fn zip_bombs_are_bounded() {
    let raw = [0x11u8; 32];
    let key = Jwk::from_oct_bytes(&raw).unwrap();
    let cap = jwcrypt::Limits::default().max_decompressed_len;

    // 1. 1 GB of 'u' deflates to about 1 MB: the token fits the 4 MiB input limit.
    let bomb = deflate_repeated(b'u', 1 << 30);
    assert!(bomb.len() < 1_200_000, "{}", bomb.len());
    let t = token(&raw, &bomb);
    let d = Decrypter::new(&key, &[K::Dir], jwcrypt::ContentEncryptionAlg::ALL).unwrap();
    let (res, grown) = measure(|| d.decrypt(&t));
    assert_eq!(res.unwrap_err().kind(), ErrorKind::LimitExceeded);
    // The decoded ciphertext (~1 MB) plus the capped output plus small change; an
    // unbounded inflate would touch 1 GB.
    println!(
        "1 GB bomb: {} compressed bytes, peak RSS grew {grown} bytes",
        bomb.len()
    );
    assert!(
        grown < 2 * bomb.len() + 2 * cap + (4 << 20),
        "peak RSS grew {grown} bytes"
    );

    // 2. Under any input cap (255 KiB compressed) but inflating past the output cap.
    let small = deflate_repeated(0, 200 << 20);
    assert!(small.len() < 255 << 10, "{}", small.len());
    let t = token(&raw, &small);
    let (res, grown) = measure(|| d.decrypt(&t));
    assert_eq!(res.unwrap_err().kind(), ErrorKind::LimitExceeded);
    println!(
        "under-cap bomb: {} compressed bytes, peak RSS grew {grown} bytes",
        small.len()
    );
    assert!(
        grown < 2 * small.len() + 2 * cap + (4 << 20),
        "peak RSS grew {grown} bytes"
    );

    // 3. Exactly at the cap is accepted; a raised cap accepts more.
    let ok = token(&raw, &deflate_repeated(b'a', cap));
    assert_eq!(d.decrypt(&ok).unwrap().plaintext().len(), cap);
    let mut limits = jwcrypt::Limits::default();
    limits.max_decompressed_len = 1 << 20;
    let big = token(&raw, &deflate_repeated(b'a', 1 << 20));
    assert!(d.decrypt(&big).is_err());
    assert_eq!(
        d.clone()
            .with_limits(limits)
            .decrypt(&big)
            .unwrap()
            .plaintext()
            .len(),
        1 << 20
    );
}
