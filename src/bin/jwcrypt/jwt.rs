//! `jwcrypt jwt`: not written yet.

use clap::Subcommand;

use crate::common::{CliError, CliResult};

/// `jwcrypt jwt` subcommands.
#[derive(Subcommand)]
pub enum Command {}

pub fn run(command: Command) -> CliResult {
    match command {}
}

/// `jwcrypt inspect`.
pub fn inspect() -> CliResult {
    Err(CliError::usage("inspect is not available yet"))
}
