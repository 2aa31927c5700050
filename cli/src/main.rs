//! `jwcrypt`: the command-line tool over the jwcrypt library.
//!
//! Input comes on stdin, output goes to stdout (text with one trailing newline), errors go
//! to stderr as one line (usage errors too: `jwcrypt: error: ... (see 'jwcrypt ... --help')`).
//! Exit codes: 0 success; 1 the token, key or input was rejected; 2 usage error.

mod common;
mod jwe;
mod jws;
mod jwt;
mod key;
mod remote;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};

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
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e, &args),
    };
    let result = match cli.command {
        Command::Key(c) => key::run(c),
        Command::Jws(c) => jws::run(c),
        Command::Jwe(c) => jwe::run(c),
        Command::Jwt(c) => jwt::run(c),
        Command::Inspect => jwt::inspect(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError { code: 2, message }) => usage_error(&message, &args),
        Err(CliError { code, message }) => {
            eprintln!("jwcrypt: {}", one_line(&message));
            ExitCode::from(code)
        }
    }
}

/// `--help` and `--version` as clap prints them (exit 0); any other clap error as one usage
/// line (exit 2).
fn clap_error(e: &clap::Error, args: &[std::ffi::OsString]) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Printing to stdout may fail (closed pipe): nothing more to say then.
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => usage_error(
            &format!("'{}' needs a subcommand", command_path(args)),
            args,
        ),
        _ => {
            // clap's first paragraph is the error (a list of missing arguments continues it
            // on indented lines); the tips and usage that follow are left out.
            let text = e.to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.is_empty())
                .collect();
            let message = message.join(" ");
            usage_error(message.strip_prefix("error: ").unwrap_or(&message), args)
        }
    }
}

/// Prints a usage error as one line naming the subcommand's `--help`; exit 2.
fn usage_error(message: &str, args: &[std::ffi::OsString]) -> ExitCode {
    eprintln!(
        "jwcrypt: error: {} (see '{} --help')",
        one_line(message),
        command_path(args)
    );
    ExitCode::from(2)
}

/// The message with its line breaks made spaces.
fn one_line(message: &str) -> String {
    message.trim_end().replace('\n', " ")
}

/// `jwcrypt` and the subcommand names that lead the arguments (`jwcrypt jws sign`).
fn command_path(args: &[std::ffi::OsString]) -> String {
    let mut command = Cli::command();
    let mut path = String::from("jwcrypt");
    for arg in args.iter().skip(1) {
        let Some(sub) = arg
            .to_str()
            .and_then(|name| command.find_subcommand(name))
            .cloned()
        else {
            break;
        };
        path.push(' ');
        path.push_str(sub.get_name());
        command = sub;
    }
    path
}
