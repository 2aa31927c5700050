//! The `jwcrypt` command-line tool, run as a process: one module per command group (`key`,
//! `jws`, `jwe`, `jwt`, and `usage` for the command line itself), all through [`run`].
//! Exit codes: 0 ok, 1 rejected input, 2 usage.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../../tests/support/mod.rs"]
mod support;

mod jwe;
mod jws;
mod jwt;
mod key;
mod usage;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the `jwcrypt` binary built with these tests, with `args` and `stdin`; returns its
/// exit status, stdout and stderr.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwcrypt"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The tool may exit (usage error) before reading stdin: ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}
