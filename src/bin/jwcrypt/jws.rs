//! `jwcrypt jws`: not written yet.

use clap::Subcommand;

use crate::common::{CliError, CliResult};

/// `jwcrypt jws` subcommands.
#[derive(Subcommand)]
pub enum Command {}

pub fn run(command: Command) -> CliResult {
    match command {}
}
