//! `jwcrypt`: the command-line tool over the jwcrypt library.
//!
//! Input comes on stdin, output goes to stdout (text with one trailing newline), errors go
//! to stderr as one line. Exit codes: 0 success; 1 the token, key or input was rejected;
//! 2 usage error.

mod common;
mod jwe;
mod jws;
mod jwt;
mod key;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use common::CliError;

/// A JOSE tool: JSON Web Keys, Signatures, Encryption and Tokens.
#[derive(Parser)]
#[command(name = "jwcrypt", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate, convert and inspect JSON Web Keys.
    #[command(subcommand)]
    Key(key::Command),
    /// Sign and verify JSON Web Signatures.
    #[command(subcommand)]
    Jws(jws::Command),
    /// Encrypt and decrypt JSON Web Encryption.
    #[command(subcommand)]
    Jwe(jwe::Command),
    /// Make and read JSON Web Tokens (signed, encrypted, nested).
    #[command(subcommand)]
    Jwt(jwt::Command),
    /// Show a token's headers, unverified.
    Inspect,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Key(c) => key::run(c),
        Command::Jws(c) => jws::run(c),
        Command::Jwe(c) => jwe::run(c),
        Command::Jwt(c) => jwt::run(c),
        Command::Inspect => jwt::inspect(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError { code, message }) => {
            eprintln!("jwcrypt: {}", message.replace('\n', " "));
            ExitCode::from(code)
        }
    }
}
