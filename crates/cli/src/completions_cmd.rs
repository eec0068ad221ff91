//! `franglais completions SHELL` and `franglais man [COMMAND]`: generated
//! from the same clap definitions as the parser, so they never drift from it.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args;
use clap_complete::Shell;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// A command (index, search, lexicon…) for its own page, `franglais-COMMAND(1)`
    command: Option<String>,
}

/// Prints the completion script for the shell.
pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut command = crate::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "franglais", &mut out);
    io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page of `franglais`, or of one of its commands, in roff.
pub fn man(args: &ManArgs) -> Result<ExitCode> {
    let mut command = crate::command();
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
                bail!(
                    "no command `{name}`; man pages exist for {}",
                    names.join(", ")
                );
            };
            // `franglais-search(1)`, as git names its pages.
            let name = format!("franglais-{}", sub.get_name());
            sub.clone().name(name)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}
