//! `franglais search`.
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

#[derive(Args, Debug)]
pub struct SearchArgs {
    query: Option<String>,
}

pub fn run(_args: &SearchArgs) -> Result<ExitCode> {
    anyhow::bail!("not yet")
}
