//! Oversized input at every entry point of the tool (ATTACKS.md row 40): stdin,
//! `--key` files, a FIFO, `/dev/zero`, `inspect`, the `key` commands, PEM, password and
//! payload files. Each is refused (exit 1, one line naming the limit) after reading at most
//! its limit + 1 bytes, and, where it can be measured (Linux with GNU time), the child's peak
//! resident memory stays under the issue's goals: 16 MiB for a refused oversized input,
//! 32 MiB + 4 × the input's size for the largest accepted one. Memory only: no durations.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use crate::TempDir;
use crate::support::*;

/// The goal for a refused oversized input, in KiB.
const REFUSED_PEAK_KIB: u64 = 16 * 1024;
/// Oversized inputs: 20 MB, five times the token limit and twenty times the key limit.
const BIG: usize = 20_000_000;

/// Asserts that `out` is a refusal for a limit (exit 1, one stderr line naming the limit)
/// and that the peak, when measured, is under the refused-input goal.
fn assert_refused(what: &str, out: &Output, peak_kib: Option<u64>) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
    assert!(
        stderr.contains("limit"),
        "{what}: the error names the limit: {stderr}"
    );
    assert!(out.stdout.is_empty(), "{what}");
    if let Some(kib) = peak_kib {
        assert!(
            kib < REFUSED_PEAK_KIB,
            "{what}: peak {kib} KiB, over the goal of {REFUSED_PEAK_KIB} KiB"
        );
    }
}

fn refused(what: &str, args: &[&str], stdin: &[u8]) {
    let (out, peak) = crate::run_peak(args, stdin);
    assert_refused(what, &out, peak);
}

/// A 256-bit oct key without `alg`, usable with every algorithm these tests name.
fn key_file(d: &TempDir) -> String {
    let mut key: serde_json::Value = serde_json::from_str(&key_text("oct256.json")).unwrap();
    key.as_object_mut().unwrap().remove("alg");
    d.write("oct256.json", key.to_string())
}

/// An oct JWK with a member `"x":[1,1,...]` of `n` ones (2 bytes of text per value).
fn jwk_with_values(n: usize) -> String {
    format!(
        r#"{{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","x":[{}]}}"#,
        vec!["1"; n].join(",")
    )
}

#[test]
fn oversized_stdin_is_refused_for_every_command() {
    let d = TempDir::new("bounds");
    let key = key_file(&d);
    let k = &key;
    let token = vec![b'a'; BIG];
    let json_token = format!(r#"{{"payload":"{}"}}"#, "a".repeat(BIG));
    for (what, args, stdin) in [
        ("inspect", vec!["inspect"], json_token.as_bytes()),
        ("inspect compact", vec!["inspect"], &token[..]),
        (
            "jws verify",
            vec!["jws", "verify", "--key", k, "--alg", "HS256"],
            json_token.as_bytes(),
        ),
        (
            "jwe decrypt",
            vec!["jwe", "decrypt", "--key", k, "--alg", "A256KW"],
            &token[..],
        ),
        (
            "jwt verify",
            vec!["jwt", "verify", "--key", k, "--alg", "HS256"],
            &token[..],
        ),
        (
            "jwt decrypt",
            vec!["jwt", "decrypt", "--key", k, "--alg", "A256KW"],
            &token[..],
        ),
        (
            "jwt sign (claims)",
            vec!["jwt", "sign", "--key", k, "--alg", "HS256"],
            json_token.as_bytes(),
        ),
        (
            "jws sign (payload)",
            vec!["jws", "sign", "--key", k, "--alg", "HS256"],
            &token[..],
        ),
        (
            "jwe encrypt (plaintext)",
            vec![
                "jwe",
                "encrypt",
                "--key",
                k,
                "--alg",
                "dir",
                "--enc",
                "A128CBC-HS256",
            ],
            &token[..],
        ),
    ] {
        refused(what, &args, stdin);
    }
}

#[test]
fn oversized_keys_on_stdin_are_refused_without_a_second_parse() {
    let big = format!(
        r#"{{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","x":"{}"}}"#,
        "a".repeat(BIG)
    );
    for args in [
        &["key", "public"][..],
        &["key", "thumbprint"],
        &["key", "to-pem"],
    ] {
        refused(&format!("{args:?}"), args, big.as_bytes());
    }
    // Under the byte limit but over the value limit: refused by the one strict parse, with
    // its error (LimitExceeded), before any tree is built.
    let many = jwk_with_values(400_000);
    assert!(many.len() < 1 << 20);
    let (out, peak) = crate::run_peak(&["key", "thumbprint"], many.as_bytes());
    assert_refused("400k values", &out, peak);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("values"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn oversized_pem_is_refused() {
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        "A".repeat(BIG)
    );
    refused("from-pem", &["key", "from-pem"], pem.as_bytes());
    refused("from-pem DER", &["key", "from-pem"], &vec![0x30; BIG]);
}

#[test]
fn oversized_key_files_are_refused() {
    let d = TempDir::new("bounds");
    let big = d.write("big-key.json", jwk_with_values(BIG / 2).as_bytes());
    let key = key_file(&d);
    for (what, args) in [
        (
            "--key",
            vec!["jws", "sign", "--key", &big, "--alg", "HS256"],
        ),
        (
            "--key (verify)",
            vec!["jws", "verify", "--key", &big, "--alg", "HS256"],
        ),
        (
            "--key /dev/zero",
            vec!["jws", "sign", "--key", "/dev/zero", "--alg", "HS256"],
        ),
        (
            "--sign-key /dev/zero",
            vec![
                "jwt",
                "encrypt",
                "--sign-key",
                "/dev/zero",
                "--sign-alg",
                "HS256",
                "--key",
                &key,
                "--alg",
                "A256KW",
                "--enc",
                "A256GCM",
            ],
        ),
        (
            "--verify-key",
            vec![
                "jwt",
                "decrypt",
                "--key",
                &key,
                "--alg",
                "A256KW",
                "--verify-key",
                &big,
                "--verify-alg",
                "HS256",
            ],
        ),
    ] {
        if args.contains(&"/dev/zero") && !Path::new("/dev/zero").exists() {
            eprintln!("{what}: skipped, no /dev/zero on this system");
            continue;
        }
        refused(what, &args, b"{}");
    }
}

#[test]
fn oversized_password_and_payload_files_are_refused() {
    let d = TempDir::new("bounds");
    if !Path::new("/dev/zero").exists() {
        eprintln!("skipped: no /dev/zero on this system");
        return;
    }
    let key = key_file(&d);
    refused(
        "--password-file /dev/zero (from-pem)",
        &["key", "from-pem", "--password-file", "/dev/zero"],
        b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n-----END ENCRYPTED PRIVATE KEY-----\n",
    );
    refused(
        "--detached /dev/zero",
        &[
            "jws",
            "verify",
            "--key",
            &key,
            "--alg",
            "HS256",
            "--detached",
            "/dev/zero",
        ],
        b"e30..AAAA",
    );
}

/// A FIFO at `path` fed endlessly by `yes` (a child of this test, killed by its handle
/// afterwards); `None`, with the reason printed, where `mkfifo` is not available.
fn endless_fifo(path: &Path) -> Option<Child> {
    let made = Command::new("mkfifo").arg(path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("FIFO case skipped: mkfifo is not available");
        return None;
    }
    Some(
        Command::new("sh")
            .arg("-c")
            .arg("exec yes '{\"kty\":\"oct\"}' > \"$0\"")
            .arg(path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    )
}

#[test]
fn an_endless_fifo_as_key_is_refused() {
    let d = TempDir::new("bounds");
    let path = d.path("fifo");
    let Some(mut writer) = endless_fifo(&path) else {
        return;
    };
    let (out, peak) = crate::run_peak(
        &[
            "jws",
            "sign",
            "--key",
            path.to_str().unwrap(),
            "--alg",
            "HS256",
        ],
        b"payload",
    );
    // The writer stops on its own once the tool closes the FIFO (SIGPIPE); kill it in case.
    let _ = writer.kill();
    let _ = writer.wait();
    assert_refused("FIFO --key", &out, peak);
}

#[test]
fn the_largest_accepted_inputs_stay_under_the_goal() {
    let d = TempDir::new("bounds");
    // A JWK at the byte limit with as many values as the default accepts, and a JSON JWS
    // at the token limit whose unprotected header holds as many: accepted, and peak memory
    // under 32 MiB + 4 × the input size.
    let limit = 1 << 20;
    let mut jwk = jwk_with_values(99_000);
    jwk.truncate(jwk.len() - 1);
    jwk.push_str(&format!(
        r#","pad":"{}"}}"#,
        "a".repeat(limit - jwk.len() - 10)
    ));
    assert!(jwk.len() <= limit);
    let key = key_file(&d);
    let signed = crate::run(
        &["jws", "sign", "--key", &key, "--alg", "HS256", "--json"],
        b"hello",
    );
    assert!(signed.status.success());
    let mut jws: serde_json::Value = serde_json::from_slice(&signed.stdout).unwrap();
    jws["header"] = serde_json::json!({
        "x": vec![1; 99_000],
        "pad": "a".repeat((4 << 20) - 300_000),
    });
    let jws = jws.to_string();
    assert!(jws.len() <= 4 << 20);
    for (what, args, stdin) in [
        ("key thumbprint", vec!["key", "thumbprint"], jwk.as_bytes()),
        (
            "jws verify",
            vec!["jws", "verify", "--key", &key, "--alg", "HS256"],
            jws.as_bytes(),
        ),
    ] {
        let (out, peak) = crate::run_peak(&args, stdin);
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(kib) = peak {
            let goal = 32 * 1024 + 4 * stdin.len() as u64 / 1024;
            assert!(kib < goal, "{what}: peak {kib} KiB, goal {goal} KiB");
        }
    }
}
