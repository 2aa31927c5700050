//! Usage errors (issue #12): whatever clap or the tool itself rejects on the command line is
//! exactly one line on stderr, naming `--help`, with exit code 2 and nothing on stdout;
//! `--help` and `--version` print normally and exit 0.

use crate::{TempDir, run};

/// Exit 2, nothing on stdout, one `jwcrypt: ` line on stderr that points at `--help`.
/// Returns the line.
fn usage_error(args: &[&str]) -> String {
    let out = run(args, b"");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?} printed {:?}", out.stdout);
    assert!(err.ends_with('\n'), "{args:?}: {err:?}");
    assert_eq!(err.matches('\n').count(), 1, "{args:?}: {err:?}");
    assert!(err.starts_with("jwcrypt: "), "{args:?}: {err:?}");
    assert!(err.contains("--help"), "{args:?}: {err:?}");
    err.trim_end().to_owned()
}

#[test]
fn clap_errors_are_one_line() {
    let err = usage_error(&["jws", "sign", "--x"]);
    assert!(err.contains("'--x'"), "{err}");
    // The help hint names the subcommand that was being parsed.
    assert!(err.contains("jwcrypt jws sign --help"), "{err}");

    let err = usage_error(&["jws", "sign", "--alg", "HS256"]);
    assert!(err.contains("--key"), "{err}");
    let err = usage_error(&["frobnicate"]);
    assert!(err.contains("frobnicate"), "{err}");
    let err = usage_error(&["key", "generate", "--kty", "DSA"]);
    assert!(err.contains("DSA"), "{err}");
    let err = usage_error(&["key", "generate", "--size", "many"]);
    assert!(err.contains("many"), "{err}");
    let err = usage_error(&["jwt", "verify", "--key", "k.json", "--leeway", "-5"]);
    assert!(err.contains("-5") || err.contains("leeway"), "{err}");
}

#[test]
fn missing_subcommands_are_one_line() {
    // clap would print the whole help text on stderr here.
    for args in [&[][..], &["jws"], &["key"], &["jwt"], &["jwe"]] {
        usage_error(args);
    }
}

#[test]
fn unknown_algorithm_names_are_clap_usage_errors() {
    // Parsed by clap through the enums' FromStr, before any file is read.
    for args in [
        &["jws", "sign", "--key", "/nonexistent", "--alg", "none"][..],
        &[
            "jws",
            "verify",
            "--key",
            "/nonexistent",
            "--alg",
            "HS256",
            "--alg",
            "hs256",
        ],
        &[
            "jwe",
            "encrypt",
            "--key",
            "/nonexistent",
            "--alg",
            "A128KW",
            "--enc",
            "A1GCM",
        ],
        &["jwe", "decrypt", "--key", "/nonexistent", "--alg", "RSA1_6"],
        &["jwt", "sign", "--key", "/nonexistent", "--alg", "ES999"],
        &[
            "jwt",
            "decrypt",
            "--key",
            "/nonexistent",
            "--verify-alg",
            "none",
        ],
        &["key", "generate", "--alg", "XS256"],
    ] {
        let err = usage_error(args);
        let bad = args.last().unwrap();
        assert!(err.contains(&format!("'{bad}'")), "{err}");
    }
}

#[test]
fn usage_errors_of_the_tool_itself_are_one_line() {
    // A key without "alg" and no --alg: the tool's own usage error, the same shape.
    let dir = TempDir::new("usage");
    let key = dir.write(
        "oct.json",
        r#"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#,
    );
    let key = key.as_str();
    let err = usage_error(&["jws", "verify", "--key", key]);
    assert!(err.contains("--alg"), "{err}");
    let err = usage_error(&["jwe", "decrypt", "--key", key]);
    assert!(err.contains("--alg"), "{err}");
}

#[test]
fn help_and_version_print_normally() {
    for args in [
        &["--help"][..],
        &["help"],
        &["jws", "--help"],
        &["jwt", "decrypt", "-h"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Usage: jwcrypt"), "{args:?}: {text}");
        assert!(text.lines().count() > 3, "{args:?}: {text}");
        assert!(out.stderr.is_empty(), "{args:?}");
    }
    let out = run(&["--version"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("jwcrypt {}\n", env!("CARGO_PKG_VERSION"))
    );
}
