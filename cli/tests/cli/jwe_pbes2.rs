//! `jwcrypt jwe|jwt encrypt|decrypt` with PBES2 (RFC 7518 §4.8): `--password-file`, `--p2c`,
//! and PBES2 only when named.

use std::process::Output;

use jwcrypt::Jwk;

use crate::{TempDir, header_of, run, stdout_of as ok};

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

#[test]
fn pbes2_password_file() {
    let d = TempDir::new("pbes2");
    let with_newline = d.write("pw-nl", b"Thus from my lips\n");
    let bare = d.write("pw", b"Thus from my lips");
    let with_crlf = d.write("pw-crlf", b"Thus from my lips\r\n");
    let empty = d.write("empty", b"\n");
    for alg in [
        "PBES2-HS256+A128KW",
        "PBES2-HS384+A192KW",
        "PBES2-HS512+A256KW",
    ] {
        let args = [
            "jwe",
            "encrypt",
            "--password-file",
            &with_newline,
            "--alg",
            alg,
            "--enc",
            "A128CBC-HS256",
        ];
        let token = ok(&run(&args, b"secret"));
        let h = header_of(&token);
        assert_eq!(h["p2c"], 8192);
        let p2s = crate::support::b64::decode(h["p2s"].as_str().unwrap().as_bytes()).unwrap();
        assert_eq!(p2s.len(), 16);
        for pw in [&bare, &with_newline, &with_crlf] {
            let args = ["jwe", "decrypt", "--password-file", pw, "--alg", alg];
            assert_eq!(ok(&run(&args, &token)), b"secret");
        }
        // PBES2 only when named: no --alg, or another algorithm, is a usage error.
        assert_eq!(
            code(&run(&["jwe", "decrypt", "--password-file", &bare], &token)),
            Some(2)
        );
        let args = [
            "jwe",
            "decrypt",
            "--password-file",
            &bare,
            "--alg",
            "A128KW",
        ];
        assert_eq!(code(&run(&args, &token)), Some(2));
        // Another PBES2 algorithm named: refused (exit 1).
        let other = if alg == "PBES2-HS256+A128KW" {
            "PBES2-HS512+A256KW"
        } else {
            "PBES2-HS256+A128KW"
        };
        let args = ["jwe", "decrypt", "--password-file", &bare, "--alg", other];
        assert_eq!(code(&run(&args, &token)), Some(1));
        // The password as an oct key never decrypts PBES2.
        let oct = d.write(
            "oct.json",
            Jwk::from_oct_bytes(b"Thus from my lips")
                .unwrap()
                .export_private()
                .unwrap()
                .as_bytes(),
        );
        let args = ["jwe", "decrypt", "--key", &oct, "--alg", alg];
        assert_eq!(code(&run(&args, &token)), Some(2));
    }
    // --p2c is written; over the reader's limit of 16384 the token is refused (exit 1).
    let args = [
        "jwe",
        "encrypt",
        "--password-file",
        &bare,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
        "--p2c",
        "1000",
    ];
    let token = ok(&run(&args, b"x"));
    assert_eq!(header_of(&token)["p2c"], 1000);
    let dec = [
        "jwe",
        "decrypt",
        "--password-file",
        &bare,
        "--alg",
        "PBES2-HS256+A128KW",
    ];
    assert_eq!(ok(&run(&dec, &token)), b"x");
    let args = [
        "jwe",
        "encrypt",
        "--password-file",
        &bare,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
        "--p2c",
        "16385",
    ];
    let token = ok(&run(&args, b"x"));
    let o = run(&dec, &token);
    assert_eq!(code(&o), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("p2c"));
    // The wrong password: exit 1.
    let wrong = d.write("wrong", b"nope");
    let args = [
        "jwe",
        "decrypt",
        "--password-file",
        &wrong,
        "--alg",
        "PBES2-HS256+A128KW",
    ];
    let token = ok(&run(
        &[
            "jwe",
            "encrypt",
            "--password-file",
            &bare,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        b"x",
    ));
    assert_eq!(code(&run(&args, &token)), Some(1));
    // An empty password is refused both ways (exit 1).
    let args = [
        "jwe",
        "encrypt",
        "--password-file",
        &empty,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
    ];
    assert_eq!(code(&run(&args, b"x")), Some(1));
    let args = [
        "jwe",
        "decrypt",
        "--password-file",
        &empty,
        "--alg",
        "PBES2-HS256+A128KW",
    ];
    assert_eq!(code(&run(&args, &token)), Some(1));
    // Misuse: a password with a non-PBES2 alg, PBES2 with --key, --p2c without PBES2,
    // both or neither of --key and --password-file.
    let kw = d.write(
        "kw.json",
        Jwk::generate_oct(128)
            .unwrap()
            .export_private()
            .unwrap()
            .as_bytes(),
    );
    for args in [
        vec![
            "jwe",
            "encrypt",
            "--password-file",
            &bare,
            "--alg",
            "A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe",
            "encrypt",
            "--key",
            &kw,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe", "encrypt", "--key", &kw, "--alg", "A128KW", "--enc", "A128GCM", "--p2c", "9",
        ],
        vec![
            "jwe",
            "encrypt",
            "--key",
            &kw,
            "--password-file",
            &bare,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe",
            "encrypt",
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
        ],
        vec![
            "jwe",
            "encrypt",
            "--password-file",
            &bare,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
            "--p2c",
            "0",
        ],
    ] {
        assert_eq!(code(&run(&args, b"x")), Some(2), "{args:?}");
    }
}
