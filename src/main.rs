//! `brief`: parse the command line, dispatch, and turn errors into exit statuses.

use std::process::ExitCode;

use clap::Parser;

use brief::cli::args::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    brief::cli::run(cli)
}
