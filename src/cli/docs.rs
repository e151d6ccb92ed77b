//! `brief completions SHELL` and `brief man`: generated from the same clap definitions as the
//! parser, so they can never disagree with it.

use std::io::Write;

use clap::CommandFactory;

use super::Result;
use super::args::Cli;

pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<u8> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "brief", out);
    Ok(0)
}

pub fn man(out: &mut dyn Write) -> Result<u8> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(0)
}
