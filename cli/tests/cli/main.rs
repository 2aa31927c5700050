//! The `jwcrypt` command-line tool, run as a process: one module per command group (`key`,
//! `jws`, `jwe`, `jwt`, `usage` for the command line itself, and `bounds` for oversized
//! input and peak memory), all through [`run`] (or [`run_peak`], which also measures).
//! Exit codes: 0 ok, 1 rejected input, 2 usage. Files the tool reads live in a [`TempDir`].

#[path = "../../../tests/support/mod.rs"]
mod support;

mod bounds;
mod jwe;
mod jwe_ecdh_es;
mod jwe_pbes2;
mod jws;
mod jws_ecdsa_eddsa;
mod jwt;
mod key;
mod remote;
#[expect(
    dead_code,
    reason = "the CLI tests use part of the remote tests' server"
)]
#[path = "../../../tests/remote/server.rs"]
mod server;
mod usage;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs the `jwcrypt` binary built with these tests, with `args` and `stdin`; returns its
/// exit status, stdout and stderr.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    spawn(
        Command::new(env!("CARGO_BIN_EXE_jwcrypt")).args(args),
        stdin,
    )
}

/// The stdout of a run that must have succeeded (its exit code and stderr shown if not).
pub fn stdout_of(o: &Output) -> Vec<u8> {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout.clone()
}

/// The protected header of a compact token (surrounding whitespace ignored).
pub fn header_of(token: &[u8]) -> serde_json::Value {
    let t = std::str::from_utf8(token).unwrap().trim();
    let head = t.split('.').next().unwrap();
    serde_json::from_slice(&support::b64::decode(head.as_bytes()).unwrap()).unwrap()
}

/// As [`run`], as (exit code, stdout, stderr as text).
pub fn run_text(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let out = run(args, stdin);
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// GNU time, which reports a child's peak resident memory (`%M`, KiB) from `wait4`.
const TIME: &str = "/usr/bin/time";

/// As [`run`], and the child's peak resident memory in KiB, measured by running it under
/// GNU time (`/usr/bin/time -f %M -o FILE`, so that its stderr stays the tool's). `None`,
/// with the reason printed, where that cannot be measured (not Linux, or no GNU time).
pub fn run_peak(args: &[&str], stdin: &[u8]) -> (Output, Option<u64>) {
    static N: AtomicUsize = AtomicUsize::new(0);
    if !cfg!(target_os = "linux") || !Path::new(TIME).exists() {
        eprintln!("peak memory not measured: needs Linux and GNU time at {TIME}");
        return (run(args, stdin), None);
    }
    let report = std::env::temp_dir().join(format!(
        "jwcrypt-peak-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let out = spawn(
        Command::new(TIME)
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(env!("CARGO_BIN_EXE_jwcrypt"))
            .args(args),
        stdin,
    );
    let text = std::fs::read_to_string(&report).unwrap_or_default();
    let _ = std::fs::remove_file(&report);
    // The last line is %M (GNU time puts "Command exited with non-zero status" before it).
    let peak = text.lines().last().and_then(|l| l.trim().parse().ok());
    if peak.is_none() {
        eprintln!("peak memory not measured: {TIME} wrote {text:?}");
    }
    (out, peak)
}

fn spawn(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The tool may exit (usage error) before reading stdin: ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// A directory of one test's files under the system's temporary directory, its name unique
/// to the process and the call, removed with everything in it on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh directory, `name` in its name.
    pub fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "jwcrypt-cli-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    /// The path of the file `name` in the directory (which need not exist).
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes `contents` to the file `name`; its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, contents).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// Writes `contents` to a file of a fresh name; its path.
    pub fn file(&self, contents: impl AsRef<[u8]>) -> String {
        static N: AtomicUsize = AtomicUsize::new(0);
        self.write(&format!("f{}", N.fetch_add(1, Ordering::Relaxed)), contents)
    }

    /// Writes `key` as JWK JSON, with its private members if it has them; its path.
    pub fn key(&self, name: &str, key: &jwcrypt::Jwk) -> String {
        let text = if key.is_private() {
            key.export_private().unwrap().to_string()
        } else {
            key.export_public().unwrap()
        };
        self.write(name, text)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
